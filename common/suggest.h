/*
 * suggest.h: "did you mean" for a misspelt name (a subcommand, a target, a suite folder): the
 * candidate nearest to the word by edit distance (insertions, deletions, substitutions and
 * swaps of two neighbours count one each), if it is near enough to be a slip rather than
 * another name: at most 1 edit for words of up to 4 characters, 2 up to 8, 3 beyond.
 */
#ifndef DLT_SUGGEST_H
#define DLT_SUGGEST_H

#include <stddef.h>

/* The nearest of the n candidates to word, or NULL when none is near enough (an exact match
 * is not a suggestion: NULL too). */
const char *dlt_suggest(const char *word, const char *const *cands, size_t n);
/* The nearest entry of the folder holding path (its last component misspelt), as that
 * folder's path joined with the entry ("suites/ethereum" for "suites/etherum"); malloc'd,
 * or NULL. */
char *dlt_suggest_path(const char *path);

#endif
