/*
 * strindex.h: a map from strings to pointers with constant-time lookups (open addressing,
 * FNV-1a), for code that would otherwise search a list for each of many names: plan keys,
 * scenario ids and target names in results of tens of thousands of items. Keys are not
 * copied: they must outlive the index. The first value put under a key is kept.
 */
#ifndef DLT_STRINDEX_H
#define DLT_STRINDEX_H

#include <stddef.h>

struct dlt_strindex {
	const char **keys;
	void **vals;
	size_t n, cap;
};

/* Put val under key unless the key is there already; returns 1 when put, 0 when present. */
int dlt_strindex_put(struct dlt_strindex *x, const char *key, void *val);
/* The value under key, or NULL. */
void *dlt_strindex_get(const struct dlt_strindex *x, const char *key);
void dlt_strindex_free(struct dlt_strindex *x);

#endif
