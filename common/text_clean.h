/*
 * text_clean.h: text meant for people that a scenario or a node hands to the results: check
 * labels, stop reasons, error messages, log lines (docs/results.md, "Text fields"). Such text
 * is always stored as a JSON string: a byte that is not part of valid UTF-8, and the zero byte,
 * are written as \xNN (backslash, x, two hex digits), and text longer than the limit is cut at
 * a character boundary with a note of its full size. Labels and log lines, which a reader may
 * need byte for byte, use dlt_text_json instead: text stays a string, anything else becomes a
 * byte string. Depends on json_bytes.c only.
 */
#ifndef DLT_TEXT_CLEAN_H
#define DLT_TEXT_CLEAN_H

#include <stddef.h>
#include <cjson/cJSON.h>

/* A malloc'd, NUL-terminated clean copy of len bytes at s, at most max bytes of the cleaned
 * text plus the note " [... N bytes in all]" (max 0: no limit). */
char *dlt_text_clean(const char *s, size_t len, size_t max);

/* The JSON value of a label or log line, which must come back byte for byte: a string when
 * the text is valid UTF-8 without a zero byte (cut to max bytes at a character boundary, with
 * the note above, when longer), else {"$bytes": hex} of its first max bytes (runner/
 * json_bytes.h). max 0: no limit. */
cJSON *dlt_text_json(const char *s, size_t len, size_t max);

#endif
