/*
 * escape.h: text from results (all of it possibly a node's or a scenario's hostile text)
 * escaped for the formats the reports write: HTML/XML text and attributes, Markdown table cells
 * and code spans. Appends to the one buffer of common/buf.h.
 */
#ifndef DLT_ESCAPE_H
#define DLT_ESCAPE_H

#include <stddef.h>
#include "common/buf.h"

/* Text escaped for HTML and XML (element content and quoted attributes): & < > " ' escaped,
 * C0 controls other than tab and newline, DEL and C1 shown as \xNN, invalid UTF-8 and XML
 * non-characters as U+FFFD. NULL adds nothing. */
void dlt_esc_xml(struct dlt_buf *b, const char *s);
/* Same, at most max bytes of s (then an ellipsis). */
void dlt_esc_xml_max(struct dlt_buf *b, const char *s, size_t max);
/* Text for a Markdown table cell or line: markup characters backslash-escaped, < > & as
 * entities, newlines as spaces, controls as \xNN, at most max bytes (0: no limit). */
void dlt_esc_md(struct dlt_buf *b, const char *s, size_t max);
/* Text inside a Markdown code span (`...`): backticks become ', controls spaces; nothing
 * else is interpreted there, so nothing else is escaped. */
void dlt_esc_md_code(struct dlt_buf *b, const char *s, size_t max);

#endif
