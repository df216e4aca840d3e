/*
 * jsonschema_regex.h: the patterns of a schema document compiled with PCRE2 (after the ECMA-262
 * rewrite of jsonschema_ecma.c), kept by source text, and matching strings against them with
 * bounded work (jsonschema_regex.c; limits and their meaning in docs/schema.md, "Patterns").
 *
 * A compiled set is read-only once sealed, so threads match against it at once; each thread (one
 * validation call) brings its own scratch, created on first use and freed by its owner.
 */
#ifndef DLT_JSONSCHEMA_REGEX_H
#define DLT_JSONSCHEMA_REGEX_H

#include <stddef.h>

/* Match limits (PCRE2 match context): a match that needs more gives up, is reported as not
 * decided, and the validator counts the string as failing (fail closed). The match limit bounds
 * time (an exponential pattern stops after about 2 ms with the JIT, 15 ms without); the depth
 * and heap limits bound the memory of PCRE2's interpreter, which runs when the JIT's 32 KiB
 * stack is not enough (a repeated group over a long string). */
#define DLT_SCHEMA_REGEX_MATCH_LIMIT 1000000u /* backtracking steps per match */
#define DLT_SCHEMA_REGEX_DEPTH_LIMIT 1000000u /* nested backtracking points (interpreter) */
#define DLT_SCHEMA_REGEX_HEAP_LIMIT 65536u /* KiB of backtracking memory (interpreter) */
/* Compile limit: a longer rewritten pattern is refused. */
#define DLT_SCHEMA_REGEX_MAX_PATTERN 65536u

struct dlt_schema_regex; /* one pattern: compiled, or the reason it cannot be used */
struct dlt_schema_regexes; /* a document's patterns */
struct dlt_schema_regex_scratch; /* one thread's match data */

/* An empty set. */
struct dlt_schema_regexes *dlt_schema_regexes_new(void);
/* Compile src into the set unless it is there (src must outlive the set). A pattern that cannot
 * be compiled is kept with its reason. */
void dlt_schema_regexes_add(struct dlt_schema_regexes *set, const char *src);
/* Sort the set for dlt_schema_regexes_find; no add after this. */
void dlt_schema_regexes_seal(struct dlt_schema_regexes *set);
const struct dlt_schema_regex *dlt_schema_regexes_find(const struct dlt_schema_regexes *set,
						       const char *src);
void dlt_schema_regexes_free(struct dlt_schema_regexes *set);

/* Match s against re: 1 match, 0 no match, -1 the pattern cannot be used, -2 not decided (a
 * limit stopped the match); why says which. *scratch is created on first
 * use (pass a pointer to NULL) and reused after. */
int dlt_schema_regex_match(const struct dlt_schema_regex *re, const char *s,
			   struct dlt_schema_regex_scratch **scratch, char *why, size_t whylen);

/* The same for a pattern outside any set: compiled for this one match. no_jit: force PCRE2's
 * interpreter. */
int dlt_schema_regex_match_once(const char *src, const char *s, int no_jit, char *why,
				size_t whylen);

void dlt_schema_regex_scratch_free(struct dlt_schema_regex_scratch *scratch);

#endif
