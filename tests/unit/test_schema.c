/*
 * test_schema.c: unit tests of runner/schema/jsonschema.c beyond the official suite
 * (test_schema_suite.c): the ECMA-262 -> POSIX pattern translation and what translated patterns
 * match, the exact wording of errors (instance path, rule, schema location), error-list
 * handling and limits, $ref resolution and its failures, cycles and deep nesting, document
 * loading errors. Flat TAP.
 */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "schema/jsonschema.h"

static int npoints, nfail;

static void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void ok(int cond, const char *fmt, ...)
{
	char name[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	printf("%s %d - ", cond ? "ok" : "not ok", ++npoints);
	for (const char *p = name; *p; p++) {
		/* one TAP line: show control characters as escapes; '#' would start a directive */
		switch (*p) {
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\v': fputs("\\v", stdout); break;
		case '\f': fputs("\\f", stdout); break;
		case '#': fputs("\\#", stdout); break;
		default: putchar(*p);
		}
	}
	printf("\n");
	if (!cond)
		nfail++;
}

static void diag_errors(const struct dlt_schema_errors *e)
{
	for (size_t i = 0; i < dlt_schema_errors_count(e); i++)
		printf("#   %s\n", dlt_schema_errors_get(e, i)->message);
}

/* ------------------------------------------------------------------ pattern translation */

static void translates(const char *ecma, const char *ere)
{
	char out[512], err[200] = "";
	int rc = dlt_schema_translate_pattern(ecma, out, sizeof out, err, sizeof err);
	ok(rc == 0 && strcmp(out, ere) == 0, "pattern %s translates to %s", ecma, ere);
	if (rc != 0)
		printf("#   error: %s\n", err);
	else if (strcmp(out, ere) != 0)
		printf("#   got: %s\n", out);
}

static void refuses(const char *ecma, const char *why)
{
	char out[512], err[200] = "";
	int rc = dlt_schema_translate_pattern(ecma, out, sizeof out, err, sizeof err);
	ok(rc != 0 && strstr(err, why) != NULL, "pattern %s is refused: %s", ecma, why);
	if (rc == 0)
		printf("#   translated to: %s\n", out);
	else if (!strstr(err, why))
		printf("#   reason given: %s\n", err);
}

/* Validate string s against {"pattern": p}: 1 match, 0 none. */
static int matches(const char *p, const char *s)
{
	cJSON *schema = cJSON_CreateObject();
	cJSON_AddStringToObject(schema, "pattern", p);
	cJSON *inst = cJSON_CreateString(s);
	struct dlt_schema_doc *doc = NULL;
	char err[200];
	int r = -1;
	if (dlt_schema_doc_take(schema, &doc, err, sizeof err) == 0)
		r = dlt_schema_validate(doc, dlt_schema_doc_root(doc), inst, NULL) == 0;
	dlt_schema_doc_free(doc);
	cJSON_Delete(inst);
	return r;
}

static void match_case(const char *p, const char *s, int expect)
{
	int r = matches(p, s);
	ok(r == expect, "pattern %s %s \"%s\"", p, expect ? "matches" : "does not match", s);
}

static void test_patterns(void)
{
	/* the execution-apis patterns pass through unchanged */
	translates("^0x[0-9a-f]{64}$", "^0x[0-9a-f]{64}$");
	translates("^0x(0|[1-9a-f][0-9a-f]*)$", "^0x(0|[1-9a-f][0-9a-f]*)$");
	translates("^0x[0-9a-fA-F]{40}$", "^0x[0-9A-Fa-f]{40}$");
	translates("^(0|[1-9][0-9]*)$", "^(0|[1-9][0-9]*)$");
	/* translations */
	translates("^\\d+$", "^[0-9]+$");
	translates("\\w\\W", "[0-9A-Z_a-z][^0-9A-Z_a-z]");
	translates("\\s", "[\t\n\v\f\r ]");
	translates("a.c", "a[^\n\r]c");
	translates("(?:ab)+?", "(ab)+");
	translates("(?<year>\\d{4})", "([0-9]{4})");
	translates("a{2,}?b", "a{2,}b");
	translates("x{y", "x\\{y");
	translates("\\/\\-\\.", "/-\\.");
	translates("[\\]a-c-]", "[]a-c-]");
	translates("[\\]ab-]", "[]ab-]");
	translates("[^\\s\\d]", "[^\t\n\v\f\r 0-9]");
	translates("[\\^x]", "[x^]");
	translates("[\\^]", "\\^");
	translates("\\u0041\\x42\\t", "AB\t");
	translates("\\u00e9+", "(\xc3\xa9)+");
	translates("\xc3\xa9+", "(\xc3\xa9)+");
	/* refused, with the reason */
	refuses("a(?=b)", "lookahead");
	refuses("(?<!a)b", "lookahead");
	refuses("(a)\\1", "backreference");
	refuses("\\bword\\b", "word boundaries");
	refuses("\\p{L}", "Unicode property");
	refuses("[\\D]", "negated class escapes");
	refuses("[]", "empty class");
	refuses("[\xc3\xa9]", "non-ASCII");
	refuses("abc\\", "backslash");
	refuses("\\q", "unknown escape");
	/* what translated patterns match */
	match_case("^\\d+$", "123", 1);
	match_case("^\\d+$", "12a", 0);
	match_case("a.c", "abc", 1);
	match_case("a.c", "a\nc", 0);
	match_case("^[\\]]$", "]", 1);
	match_case("^[a-c-]+$", "a-c", 1);
	match_case("^[a-c-]+$", "d", 0);
	match_case("x{", "x{", 1);
	match_case("^a{2}$", "aa", 1);
	match_case("^a{2}$", "aaa", 0);
	match_case("b+?", "abbbc", 1);
	match_case("^0x[0-9a-f]{64}$", "0x12", 0);
	match_case("^execution reverted.*", "execution reverted: no", 1);
	match_case("^\\u00e9+$", "\xc3\xa9\xc3\xa9", 1);
	match_case("not anchored", "this is not anchored at all", 1);
	match_case("^$", "", 1);
	match_case("(?=x)", "x", 0); /* unsupported: fails closed */
}

/* The built-in matcher for simple patterns must agree with the POSIX translation. */
static unsigned long rng = 12345;

static unsigned next_rand(void)
{
	rng = rng * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)(rng >> 33);
}

static void random_string(char *buf, size_t max)
{
	static const char alpha[] = "0x123456789abcdefABCDEFxg-. \n";
	size_t len = next_rand() % max;
	size_t i = 0;
	if (next_rand() % 4 != 0 && len >= 2) {
		buf[i++] = '0';
		buf[i++] = 'x';
	}
	for (; i < len; i++)
		buf[i] = alpha[next_rand() % (sizeof alpha - 1)];
	buf[len] = '\0';
}

static void engines_agree(const char *p, int expect_simple)
{
	char buf[160];
	int simple = dlt_schema_pattern_match(p, "", 2) != -2;
	int agree = 1, matched = 0;
	if (simple) {
		for (int i = 0; i < 3000 && agree; i++) {
			if (i % 3 == 0) {
				/* strings near the pattern: right prefix, hex body of varied length */
				size_t len = 2 + next_rand() % 140;
				buf[0] = '0';
				buf[1] = 'x';
				for (size_t k = 2; k < len; k++)
					buf[k] = "0123456789abcdef"[next_rand() % 16];
				buf[len] = '\0';
			} else {
				random_string(buf, sizeof buf);
			}
			int a = dlt_schema_pattern_match(p, buf, 1);
			int b = dlt_schema_pattern_match(p, buf, 2);
			matched += a == 1;
			if (a != b) {
				agree = 0;
				printf("#   \"%s\": POSIX %d, built-in %d\n", buf, a, b);
			}
		}
	}
	ok(simple == expect_simple && agree, "pattern %s: %s%s", p,
	   expect_simple ? "built-in matcher agrees with POSIX" : "left to POSIX",
	   simple && expect_simple && matched == 0 ? " (no random match)" : "");
}

static void test_engines(void)
{
	static const char *const simple[] = {
		"^0x[0-9a-f]{64}$", "^0x[0-9a-fA-F]{40}$", "^0x[a-fA-F0-9]{40}$", "^0x[0-9a-f]*$",
		"^0x[0-9a-f]{0,64}$", "^0x[0-9a-f]{1,2}$", "^0x[0-9a-f]{8}$", "^0x[0-9a-f]{16}$",
		"^0x(0|[1-9a-f][0-9a-f]*)$", "^0x(0|[1-9a-f][0-9a-f]{0,7})$",
		"^0x(0|[1-9a-f][0-9a-f]{0,15})$", "^0x(0|[1-9a-f][0-9a-f]{0,63})$",
		"^(0|[1-9][0-9]*)$", "^0x0$", "^0x1$", "^0x[0-9a-f]{2}", "^0x\\d+?$", "^0x.*",
		"^0x.*$", "^(?:0x|0X)[0-9a-f]{4}$", "^0x(|[0-9])$", "^\\w{3}-\\s*$",
	};
	static const char *const complex[] = {
		"0x[0-9a-f]{4}", "^(0x)*$", "^[0-9]*[a-f]*$", "^0x.[0-9]", "^[^x]+$", "^a|b$",
		"^0x(?=1)", "^(a(b))$", "^\\w{3}-?\\s*$",
	};
	for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
		engines_agree(simple[i], 1);
	for (size_t i = 0; i < sizeof complex / sizeof complex[0]; i++)
		engines_agree(complex[i], 0);
	ok(dlt_schema_pattern_match("^execution reverted.*", "execution reverted: x", 2) == 1 &&
	   dlt_schema_pattern_match("^execution reverted.*", "execution revert", 2) == 0,
	   "^execution reverted.* with the built-in matcher");
	ok(dlt_schema_pattern_match("^0x.*$", "0xab\ncd", 2) == 0 &&
	   dlt_schema_pattern_match("^0x.*$", "0xab\ncd", 1) == 0,
	   "a final .*$ does not cross a line end in either engine");
	ok(dlt_schema_pattern_match("^0x[0-9a-f]{2}$", "0x\xc3\xa9", 2) == 0 &&
	   dlt_schema_pattern_match("^0x[0-9a-f]{2}$", "0x\xc3\xa9", 1) == 0,
	   "non-ASCII bytes match no ASCII class");
}

/* ------------------------------------------------------------------ messages */

static struct dlt_schema_doc *doc_from(const char *json)
{
	struct dlt_schema_doc *doc = NULL;
	char err[200];
	if (dlt_schema_doc_take(cJSON_Parse(json), &doc, err, sizeof err) != 0) {
		printf("# cannot load test schema: %s\n", err);
		return NULL;
	}
	return doc;
}

static const char *spec_doc =
	"{\"components\":{\"schemas\":{"
	"\"hash32\":{\"title\":\"32 byte hex value\",\"type\":\"string\","
	"\"pattern\":\"^0x[0-9a-f]{64}$\"},"
	"\"uint\":{\"type\":\"string\",\"pattern\":\"^0x(0|[1-9a-f][0-9a-f]*)$\"},"
	"\"Tx\":{\"type\":\"object\",\"required\":[\"hash\",\"nonce\"],"
	"\"additionalProperties\":false,\"properties\":{"
	"\"hash\":{\"$ref\":\"#/components/schemas/hash32\"},"
	"\"nonce\":{\"$ref\":\"#/components/schemas/uint\"},"
	"\"kind\":{\"enum\":[\"a\",\"b\"]},"
	"\"n\":{\"type\":[\"integer\",\"null\"],\"minimum\":1}}},"
	"\"Block\":{\"type\":\"object\",\"properties\":{"
	"\"transactions\":{\"anyOf\":["
	"{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/hash32\"}},"
	"{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Tx\"}}]}}},"
	"\"Result\":{\"oneOf\":[{\"type\":\"null\"},{\"$ref\":\"#/components/schemas/Block\"}]},"
	"\"Loop\":{\"$ref\":\"#/components/schemas/Loop\"},"
	"\"Remote\":{\"$ref\":\"http://example.com/x.json\"},"
	"\"Missing\":{\"$ref\":\"#/components/schemas/Nope\"},"
	"\"Odd\":{\"properties\":{\"a b\":{\"type\":\"string\"},\"c\":{\"items\":{\"type\":\"string\"}}}},"
	"\"Look\":{\"pattern\":\"(?=a)\"}"
	"}}}";

/* Validate json against "#/components/schemas/<name>" of spec_doc; both modes must agree. */
static int check(struct dlt_schema_doc *doc, const char *name, const char *json,
                 struct dlt_schema_errors *errs)
{
	char ref[100];
	snprintf(ref, sizeof ref, "#/components/schemas/%s", name);
	const cJSON *schema = dlt_schema_doc_resolve(doc, ref);
	cJSON *inst = cJSON_Parse(json);
	if (!schema || !inst) {
		printf("# bad test input %s / %s\n", name, json);
		cJSON_Delete(inst);
		return -2;
	}
	int quick = dlt_schema_validate_at(doc, schema, ref, inst, NULL);
	int full = dlt_schema_validate_at(doc, schema, ref, inst, errs);
	cJSON_Delete(inst);
	if (quick != full) {
		printf("# yes/no mode (%d) and full mode (%d) disagree on %s\n", quick, full, json);
		return -2;
	}
	return full;
}

static int has_error(const struct dlt_schema_errors *e, const char *path, const char *rule,
                     const char *schema)
{
	for (size_t i = 0; i < dlt_schema_errors_count(e); i++) {
		const struct dlt_schema_error *x = dlt_schema_errors_get(e, i);
		if (!strcmp(x->path, path) && !strcmp(x->rule, rule) &&
		    (!schema || !strcmp(x->schema, schema)))
			return 1;
	}
	return 0;
}

static int has_message(const struct dlt_schema_errors *e, const char *msg)
{
	for (size_t i = 0; i < dlt_schema_errors_count(e); i++)
		if (!strcmp(dlt_schema_errors_get(e, i)->message, msg))
			return 1;
	return 0;
}

static void expect_msg(struct dlt_schema_doc *doc, const char *name, const char *json,
                       const char *msg)
{
	struct dlt_schema_errors e = { 0 };
	int rc = check(doc, name, json, &e);
	ok(rc == -1 && has_message(&e, msg), "%s %s: %s", name, json, msg);
	if (!(rc == -1 && has_message(&e, msg)))
		diag_errors(&e);
	dlt_schema_errors_free(&e);
}

static void expect_err(struct dlt_schema_doc *doc, const char *name, const char *json,
                       const char *path, const char *rule, const char *schema)
{
	struct dlt_schema_errors e = { 0 };
	int rc = check(doc, name, json, &e);
	int good = rc == -1 && has_error(&e, path, rule, schema);
	ok(good, "%s %s fails at %s with %s (%s)", name, json, path, rule, schema ? schema : "*");
	if (!good)
		diag_errors(&e);
	dlt_schema_errors_free(&e);
}

static void expect_valid(struct dlt_schema_doc *doc, const char *name, const char *json)
{
	struct dlt_schema_errors e = { 0 };
	int rc = check(doc, name, json, &e);
	ok(rc == 0 && dlt_schema_errors_count(&e) == 0, "%s %s is valid", name, json);
	if (rc != 0)
		diag_errors(&e);
	dlt_schema_errors_free(&e);
}

#define H64 "0x1111111111111111111111111111111111111111111111111111111111111111"

static void test_messages(void)
{
	struct dlt_schema_doc *doc = doc_from(spec_doc);
	ok(doc != NULL, "test document loads");
	if (!doc)
		return;
	expect_valid(doc, "Result", "null");
	expect_valid(doc, "Result", "{\"transactions\":[]}");
	expect_valid(doc, "Result", "{\"transactions\":[\"" H64 "\"]}");
	expect_valid(doc, "Result", "{\"transactions\":[{\"hash\":\"" H64 "\",\"nonce\":\"0x0\"}]}");
	expect_msg(doc, "hash32", "\"0x12\"",
	           "$: pattern ^0x[0-9a-f]{64}$ (#/components/schemas/hash32) not matched by \"0x12\"");
	expect_msg(doc, "Result", "{\"transactions\":[{\"hash\":\"0x12\",\"nonce\":\"0x0\"}]}",
	           "$.transactions[0].hash: pattern ^0x[0-9a-f]{64}$ (#/components/schemas/hash32) "
	           "not matched by \"0x12\"");
	expect_msg(doc, "Result", "{\"transactions\":[\"0x12\"]}",
	           "$.transactions[0]: pattern ^0x[0-9a-f]{64}$ (#/components/schemas/hash32) not "
	           "matched by \"0x12\"");
	expect_msg(doc, "Result", "{\"transactions\":[\"0x12\"]}",
	           "$.transactions: anyOf (#/components/schemas/Block/properties/transactions) "
	           "matched by no alternative (2 tried) for array of 1; closest is [0]:");
	expect_msg(doc, "Result", "[]",
	           "$: oneOf (#/components/schemas/Result) matched by no alternative (2 tried) for "
	           "array of 0");
	expect_err(doc, "Result", "[]", "$", "type", "#/components/schemas/Result/oneOf/0");
	expect_err(doc, "Result", "[]", "$", "type", "#/components/schemas/Block");
	expect_msg(doc, "Tx", "{\"hash\":\"" H64 "\"}",
	           "$.nonce: required (#/components/schemas/Tx) member missing");
	expect_msg(doc, "Tx", "{\"hash\":\"" H64 "\",\"nonce\":\"0x1\",\"extra\":1}",
	           "$.extra: additionalProperties false (#/components/schemas/Tx) does not allow "
	           "this member");
	expect_msg(doc, "Tx", "{\"hash\":\"" H64 "\",\"nonce\":\"0x1\",\"kind\":\"c\"}",
	           "$.kind: enum [\"a\",\"b\"] (#/components/schemas/Tx/properties/kind) does not "
	           "contain \"c\"");
	expect_msg(doc, "Tx", "{\"hash\":\"" H64 "\",\"nonce\":\"0x1\",\"n\":\"1\"}",
	           "$.n: type [\"integer\",\"null\"] (#/components/schemas/Tx/properties/n) expected, "
	           "got string \"1\"");
	expect_msg(doc, "Tx", "{\"hash\":\"" H64 "\",\"nonce\":\"0x1\",\"n\":0}",
	           "$.n: minimum 1 (#/components/schemas/Tx/properties/n) not met by 0");
	expect_valid(doc, "Tx", "{\"hash\":\"" H64 "\",\"nonce\":\"0x1\",\"n\":null}");
	expect_msg(doc, "Tx", "7", "$: type \"object\" (#/components/schemas/Tx) expected, got number 7");
	/* every failure of one instance is reported */
	{
		struct dlt_schema_errors e = { 0 };
		int rc = check(doc, "Tx", "{\"hash\":1,\"nonce\":\"0x01\",\"x\":0,\"y\":0}", &e);
		ok(rc == -1 && dlt_schema_errors_count(&e) == 4, "four failures give four errors");
		if (dlt_schema_errors_count(&e) != 4)
			diag_errors(&e);
		dlt_schema_errors_free(&e);
	}
	/* odd member names are quoted in paths */
	expect_err(doc, "Odd", "{\"a b\":1}", "$[\"a b\"]", "type", NULL);
	expect_err(doc, "Odd", "{\"c\":[\"x\",2]}", "$.c[1]", "type",
	           "#/components/schemas/Odd/properties/c/items");
	/* broken schemas fail closed, with the reason */
	expect_err(doc, "Loop", "1", "$", "$ref", NULL);
	expect_msg(doc, "Remote", "1",
	           "$: $ref http://example.com/x.json (#/components/schemas/Remote) cannot be "
	           "resolved (only references inside the document are supported)");
	expect_err(doc, "Missing", "1", "$", "$ref", "#/components/schemas/Missing");
	expect_msg(doc, "Look", "\"a\"",
	           "$: pattern (?=a) (#/components/schemas/Look) cannot be used: lookahead and "
	           "lookbehind are not supported (at offset 0)");
	/* the limit */
	{
		struct dlt_schema_errors e = { 0 };
		e.limit = 2;
		int rc = check(doc, "Tx", "{\"hash\":1,\"nonce\":\"0x01\",\"x\":0,\"y\":0}", &e);
		ok(rc == -1 && e.count == 2 && e.dropped == 2, "limit 2 keeps 2 errors, drops 2");
		dlt_schema_errors_clear(&e);
		ok(e.count == 0 && e.dropped == 0 && e.items != NULL, "clear keeps the buffer");
		rc = check(doc, "hash32", "\"0x\"", &e);
		ok(rc == -1 && e.count == 1, "a cleared list is reused");
		dlt_schema_errors_free(&e);
		ok(e.items == NULL && e.count == 0, "free leaves an empty list");
	}
	/* resolution */
	ok(dlt_schema_doc_resolve(doc, "#") == dlt_schema_doc_root(doc), "\"#\" is the root");
	ok(dlt_schema_doc_resolve(doc, "#/components/schemas/nope") == NULL, "missing pointer");
	ok(dlt_schema_doc_resolve(doc, "#/components/schemas/Block/properties/transactions/"
	                               "anyOf/1/type") != NULL, "pointer through an array index");
	dlt_schema_doc_free(doc);

	doc = doc_from("{\"a~b\":{\"type\":\"integer\"},\"c/d\":{\"type\":\"string\"},"
	               "\"e%f\":{\"type\":\"null\"},\"arr\":[1,{\"const\":2}]}");
	if (doc) {
		ok(dlt_schema_doc_resolve(doc, "#/a~0b") != NULL, "~0 escape");
		ok(dlt_schema_doc_resolve(doc, "#/c~1d") != NULL, "~1 escape");
		ok(dlt_schema_doc_resolve(doc, "#/e%25f") != NULL, "percent escape");
		ok(dlt_schema_doc_resolve(doc, "#/arr/1/const") != NULL, "array index");
		ok(dlt_schema_doc_resolve(doc, "#/arr/01") == NULL, "leading zero index refused");
		ok(dlt_schema_doc_resolve(doc, "#/a~2b") == NULL, "bad ~ escape refused");
		dlt_schema_doc_free(doc);
	}
}

static void test_depth(void)
{
	/* 300 nested arrays against a recursive schema: an error, not a crash */
	struct dlt_schema_doc *doc = doc_from("{\"items\":{\"$ref\":\"#\"},\"type\":\"array\"}");
	char *deep = malloc(700);
	int n = 300;
	for (int i = 0; i < n; i++)
		deep[i] = '[';
	for (int i = 0; i < n; i++)
		deep[n + i] = ']';
	deep[2 * n] = '\0';
	cJSON *inst = cJSON_Parse(deep);
	struct dlt_schema_errors e = { 0 };
	int rc = dlt_schema_validate(doc, dlt_schema_doc_root(doc), inst, &e);
	ok(rc == -1 && e.count >= 1 && strstr(e.items[0].message, "deeper"),
	   "300 nested arrays: fails closed with a nesting error");
	dlt_schema_errors_free(&e);
	cJSON_Delete(inst);
	/* 100 levels are fine */
	deep[100] = '\0';
	memset(deep + 100, ']', 100);
	deep[200] = '\0';
	inst = cJSON_Parse(deep);
	ok(inst && dlt_schema_validate(doc, dlt_schema_doc_root(doc), inst, NULL) == 0,
	   "100 nested arrays validate");
	cJSON_Delete(inst);
	free(deep);
	dlt_schema_doc_free(doc);

	/* a schema that only refers to itself */
	doc = doc_from("{\"$ref\":\"#\"}");
	inst = cJSON_CreateNumber(1);
	e = (struct dlt_schema_errors){ 0 };
	rc = dlt_schema_validate(doc, dlt_schema_doc_root(doc), inst, &e);
	ok(rc == -1 && e.count == 1 && !strcmp(e.items[0].rule, "$ref"),
	   "a $ref cycle fails with rule $ref");
	dlt_schema_errors_free(&e);
	cJSON_Delete(inst);
	dlt_schema_doc_free(doc);
}

static void test_load(void)
{
	struct dlt_schema_doc *doc = NULL;
	char err[300];
	int rc = dlt_schema_doc_load("/nonexistent/schema.json", &doc, err, sizeof err);
	ok(rc == -1 && doc == NULL && strstr(err, "/nonexistent/schema.json"),
	   "a missing file is named: %s", err);
	char path[] = "/tmp/dlt-test-schema-XXXXXX";
	int fd = mkstemp(path);
	if (fd >= 0) {
		const char *bad = "{\n  \"a\": 1,\n  \"b\": ]\n}\n";
		ssize_t w = write(fd, bad, strlen(bad));
		close(fd);
		rc = dlt_schema_doc_load(path, &doc, err, sizeof err);
		ok(w > 0 && rc == -1 && strstr(err, ":3: malformed JSON"),
		   "malformed JSON names the line: %s", err);
		unlink(path);
	}
	rc = dlt_schema_doc_take(NULL, &doc, err, sizeof err);
	ok(rc == -1, "no tree, no document");
	/* a schema outside the document: refs resolve in the document, patterns compile once */
	doc = doc_from("{\"definitions\":{\"u\":{\"pattern\":\"^u$\"}}}");
	cJSON *outside = cJSON_Parse("{\"properties\":{\"a\":{\"$ref\":\"#/definitions/u\"},"
	                             "\"b\":{\"pattern\":\"^b$\"}}}");
	cJSON *inst = cJSON_Parse("{\"a\":\"u\",\"b\":\"b\"}");
	ok(dlt_schema_validate(doc, outside, inst, NULL) == 0, "foreign schema with refs validates");
	cJSON_Delete(inst);
	inst = cJSON_Parse("{\"a\":\"x\",\"b\":\"y\"}");
	struct dlt_schema_errors e = { 0 };
	ok(dlt_schema_validate(doc, outside, inst, &e) == -1 && e.count == 2 &&
	   has_error(&e, "$.a", "pattern", "#/definitions/u") &&
	   has_error(&e, "$.b", "pattern", "schema/properties/b"),
	   "foreign schema errors carry locations");
	if (e.count != 2)
		diag_errors(&e);
	dlt_schema_errors_free(&e);
	cJSON_Delete(inst);
	cJSON_Delete(outside);
	dlt_schema_doc_free(doc);
}

int main(void)
{
	test_patterns();
	test_engines();
	test_messages();
	test_depth();
	test_load();
	printf("1..%d\n", npoints);
	return nfail ? 1 : 0;
}
