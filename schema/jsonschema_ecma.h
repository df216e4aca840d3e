/*
 * jsonschema_ecma.h: rewriting an ECMA-262 regular expression (JSON Schema's pattern dialect)
 * into PCRE2 syntax with the same meaning (jsonschema_ecma.c). The fixed-size form for callers
 * outside the validator is dlt_schema_translate_pattern() in jsonschema.h.
 */
#ifndef DLT_JSONSCHEMA_ECMA_H
#define DLT_JSONSCHEMA_ECMA_H

#include <stddef.h>

/* The PCRE2 pattern (malloc'd) to compile with the options of jsonschema_regex.c, or NULL with
 * "<reason> (at offset N)" in err when the pattern is not ECMA-262 or uses what the rewrite
 * does not support (the reasons are listed in docs/schema.md). */
char *dlt_schema_ecma_to_pcre2(const char *ecma, char *err, size_t errlen);

#endif
