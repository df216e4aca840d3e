/*
 * fuzz_jsonschema.c: fuzz target for the JSON Schema validator (runner/schema/jsonschema_*.c),
 * schema and instance both from the input, through the public API of jsonschema.h. The input
 * is JSON: an array [schema, instance] validates the instance against that schema document;
 * anything else is both the schema document and the instance. Properties: the yes/no answer
 * (no error list) equals the answer with an error list; an invalid instance records at least one
 * error (or counts it as dropped past the limit), a valid one none; every recorded error has a
 * path, rule, schema location and message. Every "pattern" string is also translated to PCRE2
 * and matched by both engines (JIT and interpreter), which must agree when both decide; the
 * match limits keep a hostile pattern from running away (runner/schema/jsonschema_regex.c).
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

static void patterns(const cJSON *n, const cJSON *instance, int depth)
{
	if (!n || depth > 64)
		return;
	if (n->string && !strcmp(n->string, "pattern") && cJSON_IsString(n)) {
		char out[4096], err[256];
		/* the PCRE2 form of a pattern, when there is one, is never empty */
		if (dlt_schema_translate_pattern(n->valuestring, out, sizeof out, err,
						 sizeof err) == 0)
			DLT_FUZZ_ASSERT(out[0] != '\0' || n->valuestring[0] == '\0');
		const char *subject = cJSON_IsString(instance) ? instance->valuestring : "0x00ab";
		int jit = dlt_schema_pattern_match(n->valuestring, subject, 1);
		int interp = dlt_schema_pattern_match(n->valuestring, subject, 2);
		DLT_FUZZ_ASSERT(jit >= -1 && jit <= 1 && interp >= -1 && interp <= 1);
		/* the JIT and the interpreter agree whenever both decide */
		if (jit >= 0 && interp >= 0)
			DLT_FUZZ_ASSERT(jit == interp);
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
