/*
 * rbuf.h: a growable text buffer for the report renderers, with the escaping every renderer
 * needs: HTML/XML text and attributes, Markdown, and a short JSON rendering of node values.
 * Everything a node said is hostile: escapers also neutralise control characters and invalid
 * UTF-8, so the output is well-formed XML and shows what was there.
 */
#ifndef DLT_RBUF_H
#define DLT_RBUF_H

#include <stddef.h>
#include <cjson/cJSON.h>

struct dlt_rbuf {
	char *s;       /* NUL-terminated; NULL until the first append */
	size_t len, cap;
	int oom;       /* set when an allocation failed; appends then do nothing */
};

void dlt_rbuf_init(struct dlt_rbuf *b);
void dlt_rbuf_free(struct dlt_rbuf *b);
/* The text so far ("" when empty). */
const char *dlt_rbuf_str(const struct dlt_rbuf *b);
void dlt_rbuf_add(struct dlt_rbuf *b, const char *s);
void dlt_rbuf_addn(struct dlt_rbuf *b, const char *s, size_t n);
void dlt_rbuf_printf(struct dlt_rbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Text escaped for HTML and XML (element content and quoted attributes): & < > " ' escaped,
 * C0 controls other than tab and newline, DEL and C1 shown as \xNN, invalid UTF-8 and XML
 * non-characters as U+FFFD. NULL adds nothing. */
void dlt_rbuf_xml(struct dlt_rbuf *b, const char *s);
/* Same, at most max bytes of s (then an ellipsis). */
void dlt_rbuf_xml_max(struct dlt_rbuf *b, const char *s, size_t max);
/* Text for a Markdown table cell or line: markup characters backslash-escaped, < > & as
 * entities, newlines as spaces, controls as \xNN, at most max bytes (0: no limit). */
void dlt_rbuf_md(struct dlt_rbuf *b, const char *s, size_t max);
/* Text inside a Markdown code span (`...`): backticks become ', controls spaces; nothing
 * else is interpreted there, so nothing else is escaped. */
void dlt_rbuf_md_code(struct dlt_rbuf *b, const char *s, size_t max);
/* Write to path atomically (temporary file renamed), or to stdout when path is "-" or NULL. */
int dlt_rbuf_write(const struct dlt_rbuf *b, const char *path, char *err, size_t errlen);

/* Compact JSON text of v, at most max bytes (then "..."); malloc'd, never NULL unless OOM.
 * A string value is returned as its text without quotes when bare is set. */
char *dlt_json_brief(const cJSON *v, size_t max, int bare);
/* Append v as JSON indented by two spaces (short scalar arrays on one line), then a newline. */
void dlt_json_pretty(struct dlt_rbuf *b, const cJSON *v);
/* Remove user:password@ (any userinfo) after every "://" in s, in place. */
void dlt_redact_userinfo(char *s);
/* Apply dlt_redact_userinfo to every string value and member name in a tree. */
void dlt_redact_tree(cJSON *v);

#endif
