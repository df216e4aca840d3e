/*
 * jsonschema_regex.c: a schema document's patterns compiled with PCRE2 and matched with bounded
 * work (jsonschema_regex.h), plus dlt_schema_pattern_match() of jsonschema.h for tests.
 *
 * Patterns are rewritten from ECMA-262 first (jsonschema_ecma.c), then compiled with
 *   PCRE2_UTF                  code points, not bytes: '.' and [^x] take a whole character;
 *   PCRE2_DOLLAR_ENDONLY       '$' is the end of the string, not before a final newline, as ECMA;
 *   PCRE2_MATCH_UNSET_BACKREF  a backreference to a group that has not matched matches the
 *                              empty string, as ECMA's do;
 *   PCRE2_NEVER_BACKSLASH_C    no single-byte matching inside a UTF-8 character;
 * and without
 *   PCRE2_UCP                  so \d \w \b stay ASCII as in ECMA (the rewrite spells \s out);
 *   PCRE2_DOTALL               ECMA's '.' stops at line terminators (the rewrite spells it out);
 *   PCRE2_ALT_BSUX             the rewrite turns every \u and \x into \x{...} itself, surrogate
 *                              pairs included;
 *   PCRE2_MATCH_INVALID_UTF    in 10.42 its JIT misses non-ASCII characters for \D and \W
 *                              (PCRE2 issue 224) and its interpreter lets \z match before a bad
 *                              byte (issue 343). Instance strings are JSON text, so UTF-8: one
 *                              that is not is reported as not decided (PCRE2 checks each one).
 * Each pattern is JIT-compiled when the platform allows; a match falls back to the interpreter
 * when the JIT's 32 KiB stack is not enough.
 *
 * Every match runs under the limits of jsonschema_regex.h, so a pattern that backtracks
 * exponentially (^(a+)+$ on "aaaa...b") costs at most about a million steps: the string is then
 * reported as not decided, which the validator counts as a failure (fail closed).
 */
#include "schema/jsonschema_regex.h"
#include "schema/jsonschema.h"
#include "schema/jsonschema_ecma.h"
#include "common/mem.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMPILE_OPTIONS \
	(PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_UNSET_BACKREF | PCRE2_NEVER_BACKSLASH_C)

struct dlt_schema_regex {
	const char *src; /* the ECMA pattern, owned by the caller */
	char *why; /* NULL when compiled */
	pcre2_code *code;
	pcre2_match_context *mctx; /* the set's limits (read-only once made) */
};

struct dlt_schema_regexes {
	struct dlt_schema_regex *v;
	size_t n, cap;
	pcre2_compile_context *cctx;
	pcre2_match_context *mctx;
};

struct dlt_schema_regex_scratch {
	pcre2_match_data *md;
};

/* Rewrite and compile one pattern. Returns the code, or NULL with the reason in why. */
static pcre2_code *compile(const char *src, pcre2_compile_context *cctx, char *why, size_t whylen)
{
	char *pat = dlt_schema_ecma_to_pcre2(src, why, whylen);
	if (!pat)
		return NULL;
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, COMPILE_OPTIONS,
					 &ec, &eo, cctx);
	if (!code) {
		PCRE2_UCHAR msg[160];
		if (pcre2_get_error_message(ec, msg, sizeof msg) < 0)
			snprintf((char *)msg, sizeof msg, "error %d", ec);
		snprintf(why, whylen, "PCRE2: %s (at offset %zu of %.80s)", (const char *)msg,
			 (size_t)eo, pat);
	} else {
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* else the interpreter runs it */
	}
	free(pat);
	return code;
}

struct dlt_schema_regexes *dlt_schema_regexes_new(void)
{
	struct dlt_schema_regexes *set = dlt_xcalloc(1, sizeof *set);
	set->cctx = pcre2_compile_context_create(NULL);
	set->mctx = pcre2_match_context_create(NULL);
	if (!set->cctx || !set->mctx)
		dlt_out_of_memory("PCRE2 contexts");
	pcre2_set_max_pattern_length(set->cctx, DLT_SCHEMA_REGEX_MAX_PATTERN);
	pcre2_set_match_limit(set->mctx, DLT_SCHEMA_REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(set->mctx, DLT_SCHEMA_REGEX_DEPTH_LIMIT);
	pcre2_set_heap_limit(set->mctx, DLT_SCHEMA_REGEX_HEAP_LIMIT);
	return set;
}

void dlt_schema_regexes_add(struct dlt_schema_regexes *set, const char *src)
{
	for (size_t i = 0; i < set->n; i++) /* collected before sorting: linear dedup is fine */
		if (strcmp(set->v[i].src, src) == 0)
			return;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->v = dlt_xrealloc(set->v, set->cap * sizeof *set->v);
	}
	struct dlt_schema_regex *re = &set->v[set->n];
	char why[300];
	re->src = src;
	re->why = NULL;
	re->mctx = set->mctx;
	re->code = compile(src, set->cctx, why, sizeof why);
	if (!re->code)
		re->why = dlt_xstrdup(why);
	set->n++;
}

static int regex_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dlt_schema_regex *)a)->src,
		      ((const struct dlt_schema_regex *)b)->src);
}

void dlt_schema_regexes_seal(struct dlt_schema_regexes *set)
{
	if (set->n > 1)
		qsort(set->v, set->n, sizeof *set->v, regex_cmp);
}

const struct dlt_schema_regex *dlt_schema_regexes_find(const struct dlt_schema_regexes *set,
						       const char *src)
{
	if (!set || !set->n)
		return NULL;
	struct dlt_schema_regex key = { .src = src };
	return bsearch(&key, set->v, set->n, sizeof key, regex_cmp);
}

void dlt_schema_regexes_free(struct dlt_schema_regexes *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].why);
		pcre2_code_free(set->v[i].code);
	}
	free(set->v);
	pcre2_compile_context_free(set->cctx);
	pcre2_match_context_free(set->mctx);
	free(set);
}

void dlt_schema_regex_scratch_free(struct dlt_schema_regex_scratch *scratch)
{
	if (!scratch)
		return;
	pcre2_match_data_free(scratch->md);
	free(scratch);
}

/* Run one match; options: 0 or PCRE2_NO_JIT. */
static int run(const struct dlt_schema_regex *re, const char *s, uint32_t options,
	       struct dlt_schema_regex_scratch **scratch, char *why, size_t whylen)
{
	if (re->why) {
		snprintf(why, whylen, "%s", re->why);
		return -1;
	}
	if (!*scratch) {
		struct dlt_schema_regex_scratch *sc = dlt_xcalloc(1, sizeof *sc);
		if (!(sc->md = pcre2_match_data_create(1, NULL)))
			dlt_out_of_memory("PCRE2 match data");
		*scratch = sc;
	}
	pcre2_match_data *md = (*scratch)->md;
	size_t len = strlen(s);
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, options, md, re->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT) /* the interpreter has the depth and heap limits */
		rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, options | PCRE2_NO_JIT, md,
				 re->mctx);
	if (rc >= 0)
		return 1;
	switch (rc) {
	case PCRE2_ERROR_NOMATCH: return 0;
	case PCRE2_ERROR_MATCHLIMIT:
		snprintf(why, whylen, "gave up after %u backtracking steps (the match limit)",
			 DLT_SCHEMA_REGEX_MATCH_LIMIT);
		break;
	case PCRE2_ERROR_DEPTHLIMIT:
		snprintf(why, whylen, "gave up at %u nested backtracking points (the depth limit)",
			 DLT_SCHEMA_REGEX_DEPTH_LIMIT);
		break;
	case PCRE2_ERROR_HEAPLIMIT:
		snprintf(why, whylen, "gave up at %u KiB of backtracking memory (the heap limit)",
			 DLT_SCHEMA_REGEX_HEAP_LIMIT);
		break;
	case PCRE2_ERROR_NOMEMORY: /* below the heap limit: the process is out of memory */
		dlt_out_of_memory("PCRE2 backtracking memory");
	default: {
		PCRE2_UCHAR msg[160];
		if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
			snprintf((char *)msg, sizeof msg, "error %d", rc);
		if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
			snprintf(why, whylen, "not valid UTF-8 at byte %zu (PCRE2: %s)",
				 (size_t)pcre2_get_startchar(md), (const char *)msg);
		else
			snprintf(why, whylen, "PCRE2: %s", (const char *)msg);
		break;
	}
	}
	return -2;
}

int dlt_schema_regex_match(const struct dlt_schema_regex *re, const char *s,
			   struct dlt_schema_regex_scratch **scratch, char *why, size_t whylen)
{
	return run(re, s, 0, scratch, why, whylen);
}

int dlt_schema_regex_match_once(const char *src, const char *s, int no_jit, char *why,
				size_t whylen)
{
	struct dlt_schema_regexes *set = dlt_schema_regexes_new();
	struct dlt_schema_regex_scratch *scratch = NULL;
	dlt_schema_regexes_add(set, src);
	int r = run(&set->v[0], s, no_jit ? PCRE2_NO_JIT : 0, &scratch, why, whylen);
	dlt_schema_regex_scratch_free(scratch);
	dlt_schema_regexes_free(set);
	return r;
}

int dlt_schema_pattern_match(const char *ecma, const char *s, int engine)
{
	char why[300];
	if (engine != 1 && engine != 2)
		return -2;
	int r = dlt_schema_regex_match_once(ecma, s, engine == 2, why, sizeof why);
	return r < 0 ? -1 : r;
}
