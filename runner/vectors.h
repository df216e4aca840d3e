/*
 * vectors.h: the canonical test vectors, the JSON files in vectors/ (format: docs/vectors.md).
 * Every file is validated when loaded: a malformed file is refused with its name and the JSON
 * path of the problem ("vectors/rlp-valid.json: $.cases[3].expected: missing"), a syntax error
 * with line and column, and a duplicate id with both files. Only *.json files directly in the
 * directory are read (subfolders such as vectors/execution-apis/ have their own formats).
 * The loaded set owns the cJSON trees; pointers it returns live as long as it does.
 */
#ifndef DLT_VECTORS_H
#define DLT_VECTORS_H

#include <stddef.h>
#include <cjson/cJSON.h>

#define DLT_VECTORS_FORMAT "dlt-interop-vectors/1"

struct dlt_vectors;

/* Load every *.json in dir. 0 and *out on success; -1 and err on failure (nothing to free). */
int dlt_vectors_load_dir(const char *dir, struct dlt_vectors **out, char *err, size_t errlen);
/* The parsed file with that id, or NULL. */
const cJSON *dlt_vectors_get(const struct dlt_vectors *v, const char *id);
/* The path of the file that defined id ("vectors/rlp-valid.json"), or NULL. */
const char *dlt_vectors_file(const struct dlt_vectors *v, const char *id);
/* Files in name order. */
size_t dlt_vectors_count(const struct dlt_vectors *v);
const char *dlt_vectors_id_at(const struct dlt_vectors *v, size_t i);
void dlt_vectors_free(struct dlt_vectors *v);

/* Parse and validate one file; *out is the parsed document (cJSON_Delete it). */
int dlt_vectors_load_file(const char *path, cJSON **out, char *err, size_t errlen);
/* Validate an already parsed document; file names it in messages. */
int dlt_vectors_validate(const cJSON *doc, const char *file, char *err, size_t errlen);

#endif
