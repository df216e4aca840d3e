/*
 * json_text.h: JSON values as text for people (a short one-line form, an indented form that
 * keeps byte strings in their JSON form, docs/results.md) and credentials removed from URLs.
 */
#ifndef DLT_JSON_TEXT_H
#define DLT_JSON_TEXT_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "common/buf.h"

/* Compact JSON text of v, at most max bytes (then "..."); malloc'd, never NULL.
 * A string value is returned as its text without quotes when bare is set. */
char *dlt_json_brief(const cJSON *v, size_t max, int bare);
/* Append v as JSON indented by two spaces (short scalar arrays on one line), then a newline. */
void dlt_json_pretty(struct dlt_buf *b, const cJSON *v);
/* Remove user:password@ (any userinfo) after every "://" in s, in place. */
void dlt_redact_userinfo(char *s);
/* Apply dlt_redact_userinfo to every string value and member name in a tree. */
void dlt_redact_tree(cJSON *v);

#endif
