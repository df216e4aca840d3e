/*
 * fuzz_jsonschema.c: fuzz target for the JSON Schema validator (runner/schema/jsonschema.c),
 * schema and instance both from the input, through the public API of jsonschema.h. The input
 * is JSON: an array [schema, instance] validates the instance against that schema document;
 * anything else is both the schema document and the instance. Properties: the yes/no answer
 * (no error list) equals the answer with an error list; an invalid instance records at least one
 * error (or counts it as dropped past the limit), a valid one none; every recorded error has a
 * path, rule, schema location and message. Every "pattern" string is also translated (the POSIX
 * form must not stack quantifiers) and matched by both engines, which must agree when both can
 * take the pattern.
 */
#include "fuzz.h"
#include "schema/jsonschema.h"

#include <string.h>

static void check_errors(const struct dlt_schema_errors *e, int rc)
{
	if (rc == 0) {
		DLT_FUZZ_ASSERT(dlt_schema_errors_count(e) == 0 && e->dropped == 0);
		return;
	}
	DLT_FUZZ_ASSERT(dlt_schema_errors_count(e) + e->dropped > 0);
	for (size_t i = 0; i < dlt_schema_errors_count(e); i++) {
		const struct dlt_schema_error *x = dlt_schema_errors_get(e, i);
		/* allocation failures may leave a field NULL; the fuzzer does not fail allocations */
		DLT_FUZZ_ASSERT(x && x->path && x->rule && x->schema && x->message);
		DLT_FUZZ_ASSERT(x->path[0] == '$');
	}
}

/* A POSIX translation never stacks quantifiers ("a++", "a*{2}"): ECMA-262 has no such syntax,
 * and glibc's regcomp takes memory exponential in their number. Escapes and bracket
 * expressions are skipped. */
static int stacked_quantifiers(const char *re)
{
	int prev = 0;
	for (const char *p = re; *p;) {
		int q = 0;
		if (*p == '\\') {
			p += p[1] ? 2 : 1;
		} else if (*p == '[') {
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']')
				p++;
			if (*p)
				p++;
		} else if (*p == '*' || *p == '+' || *p == '?') {
			q = 1;
			p++;
		} else if (*p == '{') {
			q = 1;
			while (*p && *p != '}')
				p++;
			if (*p)
				p++;
		} else {
			p++;
		}
		if (q && prev)
			return 1;
		prev = q;
	}
	return 0;
}

static void patterns(const cJSON *n, const cJSON *instance, int depth)
{
	if (!n || depth > 64)
		return;
	if (n->string && !strcmp(n->string, "pattern") && cJSON_IsString(n)) {
		char out[4096], err[256];
		if (dlt_schema_translate_pattern(n->valuestring, out, sizeof out, err, sizeof err) == 0)
			DLT_FUZZ_ASSERT(!stacked_quantifiers(out));
		const char *subject = cJSON_IsString(instance) ? instance->valuestring : "0x00ab";
		int posix = dlt_schema_pattern_match(n->valuestring, subject, 1);
		int fast = dlt_schema_pattern_match(n->valuestring, subject, 2);
		DLT_FUZZ_ASSERT(posix >= -1 && posix <= 1 && fast >= -2 && fast <= 1);
		if (posix >= 0 && fast >= 0)
			DLT_FUZZ_ASSERT(posix == fast);
	}
	for (const cJSON *c = n->child; c; c = c->next)
		patterns(c, instance, depth + 1);
}

int dlt_fuzz_jsonschema(const uint8_t *data, size_t size)
{
	cJSON *in = cJSON_ParseWithLength((const char *)data, size);
	if (!in)
		return 0;
	cJSON *root, *instance;
	if (cJSON_IsArray(in) && cJSON_GetArraySize(in) >= 2) {
		root = cJSON_DetachItemFromArray(in, 0);
		instance = cJSON_DetachItemFromArray(in, 0);
		cJSON_Delete(in);
	} else {
		root = in;
		instance = cJSON_Duplicate(in, 1);
	}
	if (!instance) {
		cJSON_Delete(root);
		return 0;
	}
	patterns(root, instance, 0);
	struct dlt_schema_doc *doc = NULL;
	char err[512];
	if (dlt_schema_doc_take(root, &doc, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(doc == NULL);
		cJSON_Delete(instance);
		return 0;
	}
	const cJSON *schema = dlt_schema_doc_root(doc);
	int quick = dlt_schema_validate(doc, schema, instance, NULL);
	struct dlt_schema_errors e = { 0 };
	int full = dlt_schema_validate(doc, schema, instance, &e);
	DLT_FUZZ_ASSERT(quick == full);
	check_errors(&e, full);
	/* a list with a small limit and reused: same answer, what is over the limit dropped */
	dlt_schema_errors_clear(&e);
	e.limit = 1;
	int limited = dlt_schema_validate_at(doc, schema, "fuzz schema", instance, &e);
	DLT_FUZZ_ASSERT(limited == full);
	check_errors(&e, limited);
	DLT_FUZZ_ASSERT(dlt_schema_errors_count(&e) <= 1);
	dlt_schema_errors_free(&e);
	/* $ref pointers of the document resolve the same with and without its cache */
	const cJSON *ref = cJSON_GetObjectItemCaseSensitive(schema, "$ref");
	if (cJSON_IsString(ref))
		DLT_FUZZ_ASSERT(dlt_schema_doc_resolve(doc, ref->valuestring) ==
				dlt_schema_resolve_ref(schema, ref->valuestring));
	dlt_schema_doc_free(doc);
	cJSON_Delete(instance);
	return 0;
}

DLT_FUZZ_TARGET(jsonschema)
