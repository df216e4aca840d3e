/*
 * json_nul.h: node answers whose JSON strings hold a \u0000 escape. cJSON keeps strings as C
 * strings, so such a string would silently end at the zero byte ("a\u0000b" read as "a") and a
 * check could pass on what the node never said. Before parsing, the transport rewrites each
 * such string into the runner's lossless byte-string forms (docs/results.md, "Byte strings"):
 * a value becomes {"$bytes": "<hex of its bytes>"}, a member name "$bytes:<hex>". Strings
 * without a \u0000 escape are copied unchanged. Uses common/ only.
 */
#ifndef DLT_JSON_NUL_H
#define DLT_JSON_NUL_H

#include <stddef.h>

/* When text (len bytes) has a string with a \u0000 escape, return the rewritten text
 * (malloc'd, NUL-terminated, *outlen set); else NULL. Text that is not JSON is copied as it is,
 * so the parser still refuses it. */
char *dlt_json_nul_rewrite(const char *text, size_t len, size_t *outlen);

#endif
