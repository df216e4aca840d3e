/*
 * json_trunc.h: values too big to store (docs/results.md, "Truncated values"). The size and
 * sha256 of a value's compact JSON text (exactly what cJSON_PrintUnformatted writes) are
 * computed without writing the text, and a value whose text is longer than a limit is
 * replaced by the marker
 *     {"$truncated": {"bytes": 209715214, "sha256": "<hex>", "head": "<first bytes of the text>"}}
 * so a reader sees how big the value was, its beginning, and can prove which value it was.
 * Depends on cJSON and libsodium only.
 */
#ifndef DLT_JSON_TRUNC_H
#define DLT_JSON_TRUNC_H

#include <stddef.h>
#include <cjson/cJSON.h>

#define DLT_JSON_TRUNCATED_KEY "$truncated"

/* Length of v's compact JSON text; counting stops once it passes `stop` (0: no stop), so
 * the answer is then some value > stop. */
size_t dlt_json_text_size(const cJSON *v, size_t stop);

/* Size and sha256 (lowercase hex) of v's compact JSON text, and its first bytes: at most
 * head_max bytes, cut before an incomplete UTF-8 character, NUL-terminated in head (which has
 * room for head_max + 1 bytes; head may be NULL when head_max is 0). */
void dlt_json_text_digest(const cJSON *v, size_t *size, char sha256_hex[65], char *head,
			  size_t head_max);

/* The marker for v (v is not changed). */
cJSON *dlt_json_truncated_marker(const cJSON *v, size_t head_max);

/* v itself when its text is at most max bytes; else the marker with a head of head_max bytes,
 * and v is deleted. *stored (may be NULL) is set to the size of what is returned. */
cJSON *dlt_json_truncate(cJSON *v, size_t max, size_t head_max, size_t *stored);

/* s (len bytes, zero bytes allowed) as a quoted JSON string with cJSON's escapes and \u0000
 * for a zero byte; malloc'd. */
char *dlt_json_quote_bytes(const char *s, size_t len);

#endif
