/*
 * jsonschema_sbuf.h: the growable text buffer the JSON Schema validator builds its messages,
 * paths and translated patterns with. It never aborts: running out of memory sets oom, later
 * appends are ignored and dlt_schema_sb_take() returns NULL. Depends only on libc and cJSON.
 */
#ifndef DLT_JSONSCHEMA_SBUF_H
#define DLT_JSONSCHEMA_SBUF_H

#include <stddef.h>
#include <cjson/cJSON.h>

/* Zero-initialise: struct dlt_schema_sbuf b = { 0 }; */
struct dlt_schema_sbuf {
	char *p;
	size_t len, cap;
	int oom;
};

void dlt_schema_sb_putn(struct dlt_schema_sbuf *b, const char *s, size_t n);
void dlt_schema_sb_puts(struct dlt_schema_sbuf *b, const char *s);
void dlt_schema_sb_printf(struct dlt_schema_sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The text (malloc'd, "" when empty), or NULL after running out of memory; b is spent. */
char *dlt_schema_sb_take(struct dlt_schema_sbuf *b);
/* Append a JSON value, compact, cut to about max bytes (never inside a UTF-8 sequence). */
void dlt_schema_sb_json(struct dlt_schema_sbuf *b, const cJSON *v, size_t max);
/* Append a string as a JSON string literal, cut the same way. */
void dlt_schema_sb_json_string(struct dlt_schema_sbuf *b, const char *str, size_t max);

#endif
