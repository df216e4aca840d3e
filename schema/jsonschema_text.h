/*
 * jsonschema_text.h: how the JSON Schema validator quotes values in its messages: compact JSON,
 * cut to about a given size, never inside a UTF-8 sequence. Appends to the one buffer of
 * common/buf.h.
 */
#ifndef DLT_JSONSCHEMA_TEXT_H
#define DLT_JSONSCHEMA_TEXT_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "common/buf.h"

/* Append a JSON value, compact, cut to about max bytes (never inside a UTF-8 sequence). */
void dlt_schema_text_json(struct dlt_buf *b, const cJSON *v, size_t max);
/* Append a string as a JSON string literal, cut the same way. */
void dlt_schema_text_json_string(struct dlt_buf *b, const char *str, size_t max);

#endif
