/*
 * jsonschema.h: a JSON Schema (draft 7) validator over cJSON.
 *
 * A schema document (struct dlt_schema_doc) is a cJSON tree that $ref pointers resolve against
 * ("#/components/schemas/hash32", "#/definitions/x", "#"). Loading a document walks it once,
 * compiles every "pattern" / "patternProperties" regular expression (ECMA-262, the syntax JSON
 * Schema uses, rewritten for PCRE2) and resolves every "$ref" it finds, so validation does no
 * compiling, no pointer parsing and no locking: after load a document is read-only and any number
 * of threads may validate against it at once.
 *
 * dlt_schema_validate() checks an instance against a schema (a node of the document, or any other
 * cJSON schema whose $refs point into the document). With errs == NULL it only answers valid or
 * not and stops at the first failure (no allocation); with an error list it collects every
 * failure with the instance path, the rule and the schema location, e.g.
 *   $.transactions[0].hash: pattern ^0x[0-9a-f]{64}$ (#/components/schemas/hash32)
 *     not matched by "0x12"
 * Supported keywords and deviations are listed in docs/schema.md.
 *
 * Implemented by jsonschema_errors.c (error lists), jsonschema_doc.c (documents and $ref),
 * jsonschema_validate.c (validation), jsonschema_ecma.c and jsonschema_regex.c (patterns).
 */
#ifndef DLT_JSONSCHEMA_H
#define DLT_JSONSCHEMA_H

#include <stddef.h>
#include <cjson/cJSON.h>

struct dlt_schema_doc;

/* One validation failure. All strings are owned by the list. */
struct dlt_schema_error {
	char *path; /* instance location: "$", "$.transactions[0].hash", "$[\"odd key\"]" */
	char *rule; /* the keyword that failed: "type", "pattern", "required", "oneOf", ... */
	char *schema; /* location of the schema holding the rule: "#/components/schemas/hash32" */
	char *message; /* the whole line: "<path>: <rule> <argument> (<schema>) <what was found>" */
};

/* An error list. Zero-initialise it (struct dlt_schema_errors e = {0};), pass it to the
 * validators, read it with the accessors or the fields, and release it with
 * dlt_schema_errors_free(). A list may be reused: validators append. */
struct dlt_schema_errors {
	struct dlt_schema_error *items;
	size_t count;
	size_t cap;
	size_t limit; /* stop recording after this many (0: DLT_SCHEMA_ERRORS_DEFAULT_LIMIT) */
	size_t dropped; /* failures not recorded because of the limit */
};

#define DLT_SCHEMA_ERRORS_DEFAULT_LIMIT 64

size_t dlt_schema_errors_count(const struct dlt_schema_errors *e);
const struct dlt_schema_error *dlt_schema_errors_get(const struct dlt_schema_errors *e, size_t i);
void dlt_schema_errors_clear(struct dlt_schema_errors *e); /* empty it, keep the buffer */
void dlt_schema_errors_free(struct dlt_schema_errors *e); /* release everything; reusable after */

/* Load a JSON file as a schema document. Returns 0, or -1 with a message naming the file (and
 * the line and column of a syntax error). */
int dlt_schema_doc_load(const char *path, struct dlt_schema_doc **out, char *err, size_t errlen);

/* Make a document from a parsed tree, taking ownership of root (deleted by dlt_schema_doc_free).
 * Fails only when root is NULL. */
int dlt_schema_doc_take(cJSON *root, struct dlt_schema_doc **out, char *err, size_t errlen);

void dlt_schema_doc_free(struct dlt_schema_doc *doc);
const cJSON *dlt_schema_doc_root(const struct dlt_schema_doc *doc);

/* Resolve a $ref-style pointer ("#", "#/components/schemas/Block", "#/a~1b/c%25d") in the
 * document; NULL when it does not resolve. */
const cJSON *dlt_schema_doc_resolve(const struct dlt_schema_doc *doc, const char *ref);

/* The same against any tree, without the document's cache. */
const cJSON *dlt_schema_resolve_ref(const cJSON *root, const char *ref);

/* Validate instance against schema. schema is a node of doc, doc's root, or any schema whose
 * $refs point into doc. Returns 0 when the instance is valid, -1 when it is not (or the schema
 * is broken: an unresolvable $ref or an unsupported pattern counts as a failure, fail closed).
 * errs may be NULL (fast yes/no). */
int dlt_schema_validate(const struct dlt_schema_doc *doc, const cJSON *schema,
			const cJSON *instance, struct dlt_schema_errors *errs);

/* The same, naming the schema's location in messages ("eth_getBlockByNumber result"); the
 * default is "#" for the root and "schema" for anything else. */
int dlt_schema_validate_at(const struct dlt_schema_doc *doc, const cJSON *schema,
			   const char *location, const cJSON *instance,
			   struct dlt_schema_errors *errs);

/* Pattern translation (exposed for tests and docs/schema.md): turn an ECMA-262 pattern into the
 * PCRE2 pattern the validator compiles. Returns 0, or -1 with the reason (a PCRE2-only
 * construct, an unknown escape, ...) in err; out is too small counts as a reason. */
int dlt_schema_translate_pattern(const char *ecma, char *out, size_t outlen, char *err,
				 size_t errlen);

/* Match s against an ECMA pattern with one engine, for tests: engine 1 is PCRE2 as validation
 * runs it (JIT-compiled where the platform allows), engine 2 PCRE2's interpreter (no JIT).
 * 1 match, 0 no match, -1 when the pattern cannot be used or a match limit stopped the match,
 * -2 for an unknown engine. */
int dlt_schema_pattern_match(const char *ecma, const char *s, int engine);

#endif
