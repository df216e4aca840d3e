/*
 * openrpc_convert.h: turns the YAML sources of ethereum/execution-apis (the .yaml files of
 * src/eth, src/schemas and src/error-groups) into the one JSON document the runner reads,
 * vectors/execution-apis/openrpc.json (format: docs/schema.md). Used by the openrpc-convert tool
 * next to it and by the make check test that proves the committed file matches its sources.
 * Both are built only when configure finds libyaml; the runner itself does not use it.
 */
#ifndef DLT_OPENRPC_CONVERT_H
#define DLT_OPENRPC_CONVERT_H

#include <stddef.h>
#include <cjson/cJSON.h>

#define DLT_EXECUTION_APIS_REPOSITORY "https://github.com/ethereum/execution-apis"
#define DLT_EXECUTION_APIS_COMMIT "033ca6e69da000445840d2060ff47e5e56172a86"

/* Load one YAML file (a single document) as JSON. Plain scalars follow the YAML 1.2 JSON-
 * compatible rules: null/~/empty, true/false, decimal integers and floats become JSON values,
 * everything else a string; quoted and block scalars are always strings. Plain scalars YAML 1.2
 * would read as hex/octal integers, .inf or .nan are refused (quote them), as are duplicate
 * keys, non-scalar keys and unknown tags. Anchors and aliases are expanded. Returns NULL with
 * "file:line:column: what" in err. */
cJSON *dlt_yaml_load(const char *path, char *err, size_t errlen);

struct dlt_openrpc_source {
	const char *repository; /* NULL: DLT_EXECUTION_APIS_REPOSITORY */
	const char *commit; /* NULL: DLT_EXECUTION_APIS_COMMIT */
};

/* Convert the sources below dir (the directory that holds src/). Every file is read in name
 * order; a method or component defined twice, or a "$ref" that does not resolve in the result,
 * is an error naming the file. On success *out is the document (caller deletes). */
int dlt_openrpc_convert(const char *dir, const struct dlt_openrpc_source *source, cJSON **out,
			char *err, size_t errlen);

/* Compare two JSON trees strictly (same member order, numbers by value). Returns 0 when equal,
 * else 1 with a description of the first difference ("$.methods[3].name: \"a\" vs \"b\"") in
 * where. */
int dlt_openrpc_convert_diff(const cJSON *a, const cJSON *b, char *where, size_t wherelen);

#endif
