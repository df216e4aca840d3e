/*
 * json_bytes.h: byte strings in JSON without loss. JSON strings are Unicode text, while Lua
 * strings and node answers are bytes: a digest, a signature, a torn UTF-8 sequence. Every string
 * the runner writes goes through these helpers (docs/results.md, "Byte strings"):
 *   - valid UTF-8 without a zero byte stays a JSON string;
 *   - anything else becomes {"$bytes": "<lowercase hex of every byte>"};
 *   - an object member name that is not valid UTF-8 becomes "$bytes:<hex>".
 * Two byte strings are equal exactly when their JSON forms are equal.
 */
#ifndef DLT_JSON_BYTES_H
#define DLT_JSON_BYTES_H

#include <stddef.h>
#include <cjson/cJSON.h>

#define DLT_JSON_BYTES_KEY "$bytes"

/* Strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). A zero
 * byte is valid UTF-8; callers that cannot carry it check for it themselves. */
int dlt_utf8_valid(const char *s, size_t len);

/* A JSON value for len bytes at s: a string, or the {"$bytes": hex} object. */
cJSON *dlt_json_from_bytes(const char *s, size_t len);

/* When v is a {"$bytes": hex} object, return its bytes (malloc'd, NUL-terminated, *len set);
 * else NULL. */
char *dlt_json_bytes_decode(const cJSON *v, size_t *len);

/* Whether v is a well-formed {"$bytes": hex} object (even number of hex digits). */
int dlt_json_is_bytes(const cJSON *v);

/* Rewrite, in place, every string value and member name of the tree that is not valid UTF-8
 * into the forms above, so the tree prints as valid JSON. Returns how many were rewritten. */
size_t dlt_json_make_utf8(cJSON *tree);

#endif
