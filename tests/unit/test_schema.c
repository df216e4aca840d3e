/*
 * test_schema.c: unit tests of the JSON Schema validator (runner/schema/jsonschema*.c) beyond
 * the official suite (test_schema_suite.c): the ECMA-262 -> PCRE2 pattern rewrite and refusals,
 * what patterns match (ECMA semantics: $ at the very end, ASCII \d \w, Unicode \s, '.' and line
 * terminators, code points; invalid UTF-8 instances fail closed), the match limits and the JIT
 * fallback, PCRE2's JIT and interpreter agreeing, the exact wording of errors (instance path,
 * rule, schema location), error-list handling and limits, $ref resolution and its failures,
 * cycles and deep nesting, document loading errors. Flat TAP (tests/unit/tap.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "schema/jsonschema.h"
#include "tap.h"

static void diag_errors(const struct dlt_schema_errors *e)
{
	for (size_t i = 0; i < dlt_schema_errors_count(e); i++)
		tap_diag("  %s", dlt_schema_errors_get(e, i)->message);
}

/* ------------------------------------------------------------------ pattern translation */

/* What \s becomes: ECMA-262's WhiteSpace and LineTerminator characters. */
#define SP \
	"\\t\\n\\x{0b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}" \
	"\\x{205f}\\x{3000}\\x{feff}"

static void translates(const char *ecma, const char *pcre)
{
	char out[512], err[200] = "";
	int rc = dlt_schema_translate_pattern(ecma, out, sizeof out, err, sizeof err);
	tap_ok_escaped(rc == 0 && strcmp(out, pcre) == 0, "pattern %s translates to %s", ecma,
		       pcre);
	if (rc != 0)
		tap_diag("  error: %s", err);
	else if (strcmp(out, pcre) != 0)
		tap_diag("  got: %s", out);
}

static void refuses(const char *ecma, const char *why)
{
	char out[512], err[200] = "";
	int rc = dlt_schema_translate_pattern(ecma, out, sizeof out, err, sizeof err);
	tap_ok_escaped(rc != 0 && strstr(err, why) != NULL, "pattern %s is refused: %s", ecma, why);
	if (rc == 0)
		tap_diag("  translated to: %s", out);
	else if (!strstr(err, why))
		tap_diag("  reason given: %s", err);
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

/* One point: pattern p against s, named with shown (a readable spelling of s). */
static void match_bytes(const char *p, const char *s, const char *shown, int expect)
{
	int r = matches(p, s);
	tap_ok_escaped(r == expect, "pattern %s %s \"%s\"", p,
		       expect ? "matches" : "does not match", shown);
}

static void match_case(const char *p, const char *s, int expect)
{
	match_bytes(p, s, s, expect);
}

static void test_patterns(void)
{
	/* the execution-apis patterns pass through unchanged */
	translates("^0x[0-9a-f]{64}$", "^0x[0-9a-f]{64}$");
	translates("^0x(0|[1-9a-f][0-9a-f]*)$", "^0x(0|[1-9a-f][0-9a-f]*)$");
	translates("^0x[0-9a-fA-F]{40}$", "^0x[0-9a-fA-F]{40}$");
	translates("^(0|[1-9][0-9]*)$", "^(0|[1-9][0-9]*)$");
	/* what PCRE2 reads the same way stays */
	translates("^\\d+$", "^\\d+$");
	translates("\\w\\W\\b\\B", "\\w\\W\\b\\B");
	translates("(?:ab)+?", "(?:ab)+?");
	translates("(?<year>\\d{4})", "(?<year>\\d{4})");
	translates("a{2,}?b", "a{2,}?b");
	translates("a(?=b)(?!c)(?<=a)(?<!d)", "a(?=b)(?!c)(?<=a)(?<!d)");
	translates("(a)\\k<x>", "(a)\\k<x>");
	/* rewrites */
	translates("\\s", "[" SP "]");
	translates("\\S", "[^" SP "]");
	translates("a.c", "a[^\\n\\r\\x{2028}\\x{2029}]c");
	translates("x{y", "x\\{y");
	translates("a}b]", "a\\}b\\]");
	translates("\\/\\-\\.", "\\/\\-\\.");
	translates("[\\]a-c-]", "[\\]a-c\\-]");
	translates("[^\\s\\d]", "[^" SP "\\d]");
	translates("[\\^x]", "[\\^x]");
	translates("[[:alpha:]]", "[\\[\\:alpha\\:]\\]");
	translates("[\\d-z]", "[\\d\\-z]");
	translates("[\\S]", "[^" SP "]");
	translates("[^\\S]", "[" SP "]");
	translates("[a\\S]", "(?:[a]|[^" SP "])");
	translates("[^a\\S]", "(?:(?![a])[" SP "])");
	translates("[]", "(?!)");
	translates("[^]", "(?s:.)");
	translates("\\u0041\\x42\\t", "AB\\x{9}");
	translates("\\u00e9+", "\\x{e9}+");
	translates("\xc3\xa9+", "\xc3\xa9+");
	translates("\\ud83d\\ude00\\u{1F600}", "\\x{1f600}\\x{1f600}");
	translates("\\cJ\\v\\0", "\\x{a}\\x{b}\\x{0}");
	translates("(a)\\1", "(a)\\g{1}");
	translates("[\\b]", "[\\x{8}]");
	translates("\\p{Letter}\\P{gc=Lu}\\p{Script=Greek}\\p{scx=Latn}\\p{L}",
		   "\\p{L}\\P{Lu}\\p{sc:Greek}\\p{scx:Latn}\\p{L}");
	/* refused, with the reason: not ECMA-262, or read otherwise by PCRE2 */
	refuses("abc\\", "backslash");
	refuses("\\q", "unknown escape \\q");
	refuses("a\\z", "unknown escape \\z");
	refuses("\\Aa", "unknown escape \\A");
	refuses("\\Qa\\E", "unknown escape \\Q");
	refuses("(?i)a", "(? must be followed");
	refuses("(?#note)a", "(? must be followed");
	refuses("(?>a)", "(? must be followed");
	refuses("(*ACCEPT)a", "nothing to repeat");
	refuses("a*+", "a quantifier cannot follow a quantifier");
	refuses("a{2}+", "a quantifier cannot follow a quantifier");
	refuses("a??+", "a quantifier cannot follow a quantifier");
	refuses("\\01", "legacy octal");
	refuses("[\\1]", "legacy octal");
	refuses("\\ud800", "lone surrogate");
	refuses("\\u{110000}", "malformed \\u{...}");
	refuses("\\x4", "\\x must be followed by two hex digits");
	refuses("\\c1", "\\c must be followed by a letter");
	refuses("\\p{Foo=Bar}", "unknown Unicode property");
	refuses("\\p{gc=Nope}", "unknown General_Category value");
	refuses("[b-a]", "range out of order");
	refuses("[abc", "unterminated [");
	refuses("[\\B]", "unknown escape \\B");
	{
		char out[8], err[200] = "";
		int rc = dlt_schema_translate_pattern("\\s", out, sizeof out, err, sizeof err);
		tap_ok_escaped(rc == -1 && strstr(err, "translated pattern too long"),
			       "a translation that does not fit is refused: %s", err);
	}
	/* what patterns match */
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
	match_case("(?=x)", "x", 1);
	/* ECMA-262 semantics where PCRE2's defaults differ */
	match_case("^abc$", "abc\n", 0);
	match_bytes("^\\d$", "\xdf\x80", "U+07C0 NKO DIGIT ZERO", 0);
	match_bytes("^\\D$", "\xdf\x80", "U+07C0 NKO DIGIT ZERO", 1);
	match_case("^\\w$", "\xc3\xa9", 0);
	match_case("^\\W$", "\xc3\xa9", 1);
	match_bytes("^\\s$", "\xc2\xa0", "U+00A0 NO-BREAK SPACE", 1);
	match_bytes("^\\s$", "\xef\xbb\xbf", "U+FEFF ZERO WIDTH NO-BREAK SPACE", 1);
	match_bytes("^\\s$", "\xe2\x80\xa8", "U+2028 LINE SEPARATOR", 1);
	match_bytes("^\\s$", "\xc2\x85", "U+0085 NEXT LINE", 0); /* not ECMA white space */
	match_bytes("^\\S$", "\xc2\xa0", "U+00A0 NO-BREAK SPACE", 0);
	match_bytes("^.$", "\xe2\x80\xa8", "U+2028 LINE SEPARATOR", 0);
	match_case("^.$", "\r", 0);
	match_case("^.$", "\xc3\xa9", 1); /* a code point, not a byte */
	match_case("^.$", "\xf0\x9f\x98\x80", 1);
	match_case("^[^\\S]$", " ", 1);
	match_case("^[^\\S]$", "x", 0);
	match_case("^[a\\S]+$", "ab", 1);
	match_case("^[a\\S]+$", "a ", 0);
	match_case("^[^a\\S]+$", " \t", 1);
	match_case("^[^a\\S]+$", " a", 0);
	match_case("^[\\d-z]+$", "1-z", 1);
	match_case("^[[:a]+$", "[:a", 1);
	match_case("a[]", "a", 0);
	match_case("^[^]$", "\n", 1);
	match_case("^[\xc3\xa9]$", "\xc3\xa9", 1);
	match_case("\\bword\\b", "a word here", 1);
	match_case("\\bword\\b", "swordfish", 0);
	match_case("^(a)\\1$", "aa", 1);
	match_case("^(a)\\1$", "ab", 0);
	match_case("^\\1(a)$", "a", 1); /* a forward reference matches empty */
	match_case("^(?<x>a)\\k<x>$", "aa", 1);
	match_case("a(?=b)", "ab", 1);
	match_case("a(?=b)", "ac", 0);
	match_case("(?<!a)b", "cb", 1);
	match_case("(?<!a)b", "ab", 0);
	match_case("^\\p{Letter}+$", "h\xc3\xa9llo", 1);
	match_case("^\\p{Letter}+$", "h3", 0);
	match_case("^\\p{Script=Greek}+$", "\xce\xb1\xce\xb2", 1);
	match_case("^\\u{1F600}$", "\xf0\x9f\x98\x80", 1);
	match_case("^\\ud83d\\ude00$", "\xf0\x9f\x98\x80", 1);
	match_case("^\\cJ$", "\n", 1);
	match_case("^\\/\\-$", "/-", 1);
	/* an instance that is not valid UTF-8 (not JSON text) fails closed */
	match_bytes("^0x[0-9a-f]{2}$", "0x\xff\xfe", "0x\\xff\\xfe", 0);
	match_bytes("ab",
		    "\xff"
		    "ab",
		    "\\xffab", 0);
	match_bytes("ab", "ab\xc3", "ab\\xc3", 0);
	/* refused and broken patterns fail closed */
	match_case("a\\z", "az", 0);
	match_case("(?<=a+)b", "ab", 0); /* PCRE2 needs fixed-length lookbehind */
	match_case("(a)\\2", "a", 0); /* no group 2 */
}

/* PCRE2's JIT (engine 1, as validation runs) and its interpreter (engine 2) must agree. */
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

static void engines_agree(const char *p)
{
	char buf[160];
	int agree = 1, matched = 0;
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
		if (a != b || a < 0) {
			agree = 0;
			tap_diag("  \"%s\": JIT %d, interpreter %d", buf, a, b);
		}
	}
	tap_ok_escaped(agree, "pattern %s: JIT and interpreter agree%s", p,
		       matched == 0 ? " (no random match)" : "");
}

static void test_engines(void)
{
	static const char *const patterns[] = {
		"^0x[0-9a-f]{64}$",
		"^0x[0-9a-fA-F]{40}$",
		"^0x[a-fA-F0-9]{40}$",
		"^0x[0-9a-f]*$",
		"^0x[0-9a-f]{0,64}$",
		"^0x[0-9a-f]{1,2}$",
		"^0x[0-9a-f]{8}$",
		"^0x[0-9a-f]{16}$",
		"^0x(0|[1-9a-f][0-9a-f]*)$",
		"^0x(0|[1-9a-f][0-9a-f]{0,7})$",
		"^0x(0|[1-9a-f][0-9a-f]{0,15})$",
		"^0x(0|[1-9a-f][0-9a-f]{0,63})$",
		"^(0|[1-9][0-9]*)$",
		"^0x0$",
		"^0x1$",
		"^0x[0-9a-f]{2}",
		"^0x\\d+?$",
		"^0x.*",
		"^0x.*$",
		"^(?:0x|0X)[0-9a-f]{4}$",
		"^0x(|[0-9])$",
		"^\\w{3}-\\s*$",
		"0x[0-9a-f]{4}",
		"^(0x)*$",
		"^[0-9]*[a-f]*$",
		"^0x.[0-9]",
		"^[^x]+$",
		"^a|b$",
		"^0x(?=1)",
		"^(a(b))$",
		"^\\w{3}-?\\s*$",
	};
	for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
		engines_agree(patterns[i]);
	tap_ok(dlt_schema_pattern_match("^execution reverted.*", "execution reverted: x", 1) == 1 &&
		       dlt_schema_pattern_match("^execution reverted.*", "execution revert", 2) ==
			       0,
	       "^execution reverted.* with both engines");
	tap_ok(dlt_schema_pattern_match("^0x.*$", "0xab\ncd", 2) == 0 &&
		       dlt_schema_pattern_match("^0x.*$", "0xab\ncd", 1) == 0,
	       "a final .*$ does not cross a line end in either engine");
	tap_ok(dlt_schema_pattern_match("^0x[0-9a-f]{2}$", "0x\xc3\xa9", 2) == 0 &&
		       dlt_schema_pattern_match("^0x[0-9a-f]{2}$", "0x\xc3\xa9", 1) == 0,
	       "non-ASCII bytes match no ASCII class");
	tap_ok(dlt_schema_pattern_match("(?i)a", "a", 1) == -1 &&
		       dlt_schema_pattern_match("^a$", "a", 3) == -2,
	       "a refused pattern gives -1, an unknown engine -2");

	tap_ok(dlt_schema_pattern_match("^a{70000}$", "a", 1) == -1 &&
		       dlt_schema_pattern_match("a\xff", "a", 1) == -1 &&
		       dlt_schema_pattern_match("(a)\\2", "a", 1) == -1,
	       "a count above 65535, bad UTF-8 and a missing group: the pattern cannot be used");
	{
		size_t len = 70000;
		char *big = malloc(len + 1);
		memset(big, 'a', len);
		big[len] = '\0';
		char out[16], err[200] = "";
		int r1 = dlt_schema_pattern_match(big, "a", 1);
		int r2 = dlt_schema_translate_pattern(big, out, sizeof out, err, sizeof err);
		tap_ok(r1 == -1 && r2 == -1, "a pattern of 70000 characters is refused (%d, %d)",
		       r1, r2);
		free(big);
	}

	/* an exponential pattern stops at the match limit in both engines */
	char bad[64];
	memset(bad, 'a', 40);
	strcpy(bad + 40, "b");
	tap_ok(dlt_schema_pattern_match("^(a+)+$", bad, 1) == -1 &&
		       dlt_schema_pattern_match("^(a+)+$", bad, 2) == -1,
	       "^(a+)+$ on 40 a's and a b: stopped by the match limit in both engines");
	/* the limit is ours, not PCRE2's default of 10 million: 20 a's need about 2 million steps */
	bad[20] = 'b';
	bad[21] = '\0';
	tap_ok(dlt_schema_pattern_match("^(a+)+$", bad, 1) == -1,
	       "^(a+)+$ on 20 a's and a b: stopped at %u steps", 1000000u);
	/* a repeated group over a long string outgrows the JIT's stack: the interpreter decides */
	size_t n = 200000;
	char *ab = malloc(n + 2);
	for (size_t i = 0; i < n; i++)
		ab[i] = "ab"[i & 1];
	ab[n] = '\0';
	tap_ok(dlt_schema_pattern_match("^(?:ab)*$", ab, 1) == 1,
	       "^(?:ab)*$ on 200000 characters matches (the interpreter takes over from the JIT)");
	ab[n - 1] = 'c';
	tap_ok(dlt_schema_pattern_match("^(?:ab)*$", ab, 1) == 0,
	       "^(?:ab)*$ on 199999 characters and a c does not match");
	free(ab);
}

/* ------------------------------------------------------------------ messages */

static struct dlt_schema_doc *doc_from(const char *json)
{
	struct dlt_schema_doc *doc = NULL;
	char err[200];
	if (dlt_schema_doc_take(cJSON_Parse(json), &doc, err, sizeof err) != 0) {
		tap_diag("cannot load test schema: %s", err);
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
	"\"Look\":{\"pattern\":\"(?i)a\"},"
	"\"Behind\":{\"pattern\":\"(?<=a+)b\"},"
	"\"Hostile\":{\"pattern\":\"^(a+)+$\"},"
	"\"HostileKeys\":{\"patternProperties\":{\"^(a+)+$\":true}}"
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
		tap_diag("bad test input %s / %s", name, json);
		cJSON_Delete(inst);
		return -2;
	}
	int quick = dlt_schema_validate_at(doc, schema, ref, inst, NULL);
	int full = dlt_schema_validate_at(doc, schema, ref, inst, errs);
	cJSON_Delete(inst);
	if (quick != full) {
		tap_diag("yes/no mode (%d) and full mode (%d) disagree on %s", quick, full, json);
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
	tap_ok_escaped(rc == -1 && has_message(&e, msg), "%s %s: %s", name, json, msg);
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
	tap_ok_escaped(good, "%s %s fails at %s with %s (%s)", name, json, path, rule,
		       schema ? schema : "*");
	if (!good)
		diag_errors(&e);
	dlt_schema_errors_free(&e);
}

static void expect_valid(struct dlt_schema_doc *doc, const char *name, const char *json)
{
	struct dlt_schema_errors e = { 0 };
	int rc = check(doc, name, json, &e);
	tap_ok_escaped(rc == 0 && dlt_schema_errors_count(&e) == 0, "%s %s is valid", name, json);
	if (rc != 0)
		diag_errors(&e);
	dlt_schema_errors_free(&e);
}

#define H64 "0x1111111111111111111111111111111111111111111111111111111111111111"

static void test_messages(void)
{
	struct dlt_schema_doc *doc = doc_from(spec_doc);
	tap_ok_escaped(doc != NULL, "test document loads");
	if (!doc)
		return;
	expect_valid(doc, "Result", "null");
	expect_valid(doc, "Result", "{\"transactions\":[]}");
	expect_valid(doc, "Result", "{\"transactions\":[\"" H64 "\"]}");
	expect_valid(doc, "Result",
		     "{\"transactions\":[{\"hash\":\"" H64 "\",\"nonce\":\"0x0\"}]}");
	expect_msg(
		doc, "hash32", "\"0x12\"",
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
	expect_msg(
		doc, "Tx", "{\"hash\":\"" H64 "\",\"nonce\":\"0x1\",\"n\":\"1\"}",
		"$.n: type [\"integer\",\"null\"] (#/components/schemas/Tx/properties/n) expected, "
		"got string \"1\"");
	expect_msg(doc, "Tx", "{\"hash\":\"" H64 "\",\"nonce\":\"0x1\",\"n\":0}",
		   "$.n: minimum 1 (#/components/schemas/Tx/properties/n) not met by 0");
	expect_valid(doc, "Tx", "{\"hash\":\"" H64 "\",\"nonce\":\"0x1\",\"n\":null}");
	expect_msg(doc, "Tx", "7",
		   "$: type \"object\" (#/components/schemas/Tx) expected, got number 7");
	/* every failure of one instance is reported */
	{
		struct dlt_schema_errors e = { 0 };
		int rc = check(doc, "Tx", "{\"hash\":1,\"nonce\":\"0x01\",\"x\":0,\"y\":0}", &e);
		tap_ok_escaped(rc == -1 && dlt_schema_errors_count(&e) == 4,
			       "four failures give four errors");
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
	expect_msg(
		doc, "Look", "\"a\"",
		"$: pattern (?i)a (#/components/schemas/Look) cannot be used: (? must be followed "
		"by : = ! <= <! or <name> (at offset 0)");
	expect_msg(doc, "Behind", "\"ab\"",
		   "$: pattern (?<=a+)b (#/components/schemas/Behind) cannot be used: PCRE2: "
		   "lookbehind assertion is not fixed length (at offset 0 of (?<=a+)b)");
	expect_msg(
		doc, "Hostile", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\"",
		"$: pattern ^(a+)+$ (#/components/schemas/Hostile) not decided for "
		"\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\": gave up after 1000000 backtracking "
		"steps (the match limit)");
	{
		/* an instance string that is not UTF-8 (raw bytes, not JSON text) */
		struct dlt_schema_errors e = { 0 };
		int rc = check(doc, "hash32", "\"0x\xff\"", &e);
		int good = rc == -1 && e.count == 1 &&
			   strstr(e.items[0].message, "not decided for \"0x") &&
			   strstr(e.items[0].message,
				  "\": not valid UTF-8 at byte 2 (PCRE2: UTF-8 error: "
				  "illegal byte (0xfe or 0xff))");
		tap_ok(good, "hash32 \"0x\\xff\": not decided: not valid UTF-8 at byte 2");
		if (!good)
			diag_errors(&e);
		dlt_schema_errors_free(&e);
	}
	expect_msg(doc, "HostileKeys", "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\":1}",
		   "$.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab: patternProperties ^(a+)+$ "
		   "(#/components/schemas/HostileKeys) not decided for this member name: gave up "
		   "after 1000000 backtracking steps (the match limit)");
	/* the limit */
	{
		struct dlt_schema_errors e = { 0 };
		e.limit = 2;
		int rc = check(doc, "Tx", "{\"hash\":1,\"nonce\":\"0x01\",\"x\":0,\"y\":0}", &e);
		tap_ok_escaped(rc == -1 && e.count == 2 && e.dropped == 2,
			       "limit 2 keeps 2 errors, drops 2");
		dlt_schema_errors_clear(&e);
		tap_ok_escaped(e.count == 0 && e.dropped == 0 && e.items != NULL,
			       "clear keeps the buffer");
		rc = check(doc, "hash32", "\"0x\"", &e);
		tap_ok_escaped(rc == -1 && e.count == 1, "a cleared list is reused");
		dlt_schema_errors_free(&e);
		tap_ok_escaped(e.items == NULL && e.count == 0, "free leaves an empty list");
	}
	/* resolution */
	tap_ok_escaped(dlt_schema_doc_resolve(doc, "#") == dlt_schema_doc_root(doc),
		       "\"#\" is the root");
	tap_ok_escaped(dlt_schema_doc_resolve(doc, "#/components/schemas/nope") == NULL,
		       "missing pointer");
	tap_ok_escaped(dlt_schema_doc_resolve(doc,
					      "#/components/schemas/Block/properties/transactions/"
					      "anyOf/1/type") != NULL,
		       "pointer through an array index");
	dlt_schema_doc_free(doc);

	doc = doc_from("{\"a~b\":{\"type\":\"integer\"},\"c/d\":{\"type\":\"string\"},"
		       "\"e%f\":{\"type\":\"null\"},\"arr\":[1,{\"const\":2}]}");
	if (doc) {
		tap_ok_escaped(dlt_schema_doc_resolve(doc, "#/a~0b") != NULL, "~0 escape");
		tap_ok_escaped(dlt_schema_doc_resolve(doc, "#/c~1d") != NULL, "~1 escape");
		tap_ok_escaped(dlt_schema_doc_resolve(doc, "#/e%25f") != NULL, "percent escape");
		tap_ok_escaped(dlt_schema_doc_resolve(doc, "#/arr/1/const") != NULL, "array index");
		tap_ok_escaped(dlt_schema_doc_resolve(doc, "#/arr/01") == NULL,
			       "leading zero index refused");
		tap_ok_escaped(dlt_schema_doc_resolve(doc, "#/a~2b") == NULL,
			       "bad ~ escape refused");
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
	tap_ok_escaped(rc == -1 && e.count >= 1 && strstr(e.items[0].message, "deeper"),
		       "300 nested arrays: fails closed with a nesting error");
	dlt_schema_errors_free(&e);
	cJSON_Delete(inst);
	/* 100 levels are fine */
	deep[100] = '\0';
	memset(deep + 100, ']', 100);
	deep[200] = '\0';
	inst = cJSON_Parse(deep);
	tap_ok_escaped(inst && dlt_schema_validate(doc, dlt_schema_doc_root(doc), inst, NULL) == 0,
		       "100 nested arrays validate");
	cJSON_Delete(inst);
	free(deep);
	dlt_schema_doc_free(doc);

	/* a schema that only refers to itself */
	doc = doc_from("{\"$ref\":\"#\"}");
	inst = cJSON_CreateNumber(1);
	e = (struct dlt_schema_errors){ 0 };
	rc = dlt_schema_validate(doc, dlt_schema_doc_root(doc), inst, &e);
	tap_ok_escaped(rc == -1 && e.count == 1 && !strcmp(e.items[0].rule, "$ref"),
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
	tap_ok_escaped(rc == -1 && doc == NULL && strstr(err, "/nonexistent/schema.json"),
		       "a missing file is named: %s", err);
	char path[] = "/tmp/dlt-test-schema-XXXXXX";
	int fd = mkstemp(path);
	if (fd >= 0) {
		const char *bad = "{\n  \"a\": 1,\n  \"b\": ]\n}\n";
		ssize_t w = write(fd, bad, strlen(bad));
		close(fd);
		rc = dlt_schema_doc_load(path, &doc, err, sizeof err);
		tap_ok_escaped(w > 0 && rc == -1 && strstr(err, ":3:8: not valid JSON"),
			       "malformed JSON names the line and column: %s", err);
		unlink(path);
	}
	rc = dlt_schema_doc_take(NULL, &doc, err, sizeof err);
	tap_ok_escaped(rc == -1, "no tree, no document");
	/* a schema outside the document: refs resolve in the document, patterns compile once */
	doc = doc_from("{\"definitions\":{\"u\":{\"pattern\":\"^u$\"}}}");
	cJSON *outside = cJSON_Parse("{\"properties\":{\"a\":{\"$ref\":\"#/definitions/u\"},"
				     "\"b\":{\"pattern\":\"^b$\"}}}");
	cJSON *inst = cJSON_Parse("{\"a\":\"u\",\"b\":\"b\"}");
	tap_ok_escaped(dlt_schema_validate(doc, outside, inst, NULL) == 0,
		       "foreign schema with refs validates");
	cJSON_Delete(inst);
	inst = cJSON_Parse("{\"a\":\"x\",\"b\":\"y\"}");
	struct dlt_schema_errors e = { 0 };
	tap_ok_escaped(dlt_schema_validate(doc, outside, inst, &e) == -1 && e.count == 2 &&
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
	return tap_done();
}
