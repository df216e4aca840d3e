/*
 * openrpc.h: the execution-apis method specifications (vectors/execution-apis/openrpc.json,
 * produced by tools/openrpc-convert) loaded once and queried by many threads: look up a method,
 * validate its result or its params against the specified schemas, list the methods, and map a
 * JSON-RPC error code to its standardized error group.
 *
 * After dlt_openrpc_load() the object is read-only; any number of threads may call the other
 * functions at once. Schema errors are described in jsonschema.h.
 */
#ifndef DLT_OPENRPC_H
#define DLT_OPENRPC_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "schema/jsonschema.h"

struct dlt_openrpc;

/* A standardized error code (components.error-groups of the specification). */
struct dlt_openrpc_error_info {
	const char *group; /* "GasErrors", "JSONRPCStandardErrors", ... */
	long code;
	const char *message; /* the specified message, or NULL when the code is only inside the
	                       * group's reserved range */
	int has_range; /* the group declares a reserved range [min, max] */
	long min, max;
};

int dlt_openrpc_load(const char *path, struct dlt_openrpc **out, char *err, size_t errlen);
void dlt_openrpc_free(struct dlt_openrpc *o);

/* The schema document (the whole openrpc.json; "#/components/schemas/X" resolves in it). */
const struct dlt_schema_doc *dlt_openrpc_doc(const struct dlt_openrpc *o);

/* The specification's commit (x-source.commit), or "" when the file does not say. */
const char *dlt_openrpc_commit(const struct dlt_openrpc *o);

/* Methods, sorted by name. */
size_t dlt_openrpc_method_count(const struct dlt_openrpc *o);
const char *dlt_openrpc_method_name(const struct dlt_openrpc *o, size_t i);

/* The method object ({name, summary, params: [{name, required, schema}], result: {name,
 * schema}, errors, examples, ...}), or NULL when the specification has no such method. */
const cJSON *dlt_openrpc_method(const struct dlt_openrpc *o, const char *name);
const cJSON *dlt_openrpc_result_schema(const struct dlt_openrpc *o, const char *method);

/* Validate a method's result. Returns 0 when valid; -1 when invalid or when the method is not
 * specified (one error with rule "method"). errs may be NULL (yes/no only). Messages name the
 * location "<method> result" until a $ref is followed. */
int dlt_openrpc_check_result(const struct dlt_openrpc *o, const char *method, const cJSON *result,
			     struct dlt_schema_errors *errs);

/* Validate by-position params (a JSON array; NULL or JSON null count as []): each against its
 * param schema, missing required params (rule "required") and surplus params (rule
 * "params") are errors. Paths are "$[i]". By-name params (an object) are refused. */
int dlt_openrpc_check_params(const struct dlt_openrpc *o, const char *method, const cJSON *params,
			     struct dlt_schema_errors *errs);

/* Validate a value against a component schema, by name ("hash32", "Block") or by reference
 * ("#/components/schemas/Block"). Unknown names fail with rule "$ref". */
int dlt_openrpc_check_schema(const struct dlt_openrpc *o, const char *name_or_ref,
			     const cJSON *value, struct dlt_schema_errors *errs);

/* Find the error group of a code: a code the specification lists gives its message; a code
 * only inside a group's declared range gives message NULL. Returns 0, or -1 when no group
 * covers the code. */
int dlt_openrpc_error_group(const struct dlt_openrpc *o, long code,
			    struct dlt_openrpc_error_info *out);

#endif
