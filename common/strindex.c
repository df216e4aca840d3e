/*
 * strindex.c: the string-to-pointer map of strindex.h: open addressing with linear probing,
 * kept at most half full.
 */
#include "common/strindex.h"
#include "common/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		h ^= *p;
		h *= 1099511628211ull;
	}
	return h;
}

/* The slot of key, or the empty slot where it belongs. cap is a power of two. */
static size_t slot(const char **keys, size_t cap, const char *key)
{
	size_t i = (size_t)hash(key) & (cap - 1);
	while (keys[i] && strcmp(keys[i], key) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

static void grow(struct dlt_strindex *x)
{
	size_t cap = x->cap ? x->cap * 2 : 64;
	const char **keys = dlt_xcalloc(cap, sizeof *keys);
	void **vals = dlt_xcalloc(cap, sizeof *vals);
	for (size_t i = 0; i < x->cap; i++)
		if (x->keys[i]) {
			size_t j = slot(keys, cap, x->keys[i]);
			keys[j] = x->keys[i];
			vals[j] = x->vals[i];
		}
	free(x->keys);
	free(x->vals);
	x->keys = keys;
	x->vals = vals;
	x->cap = cap;
}

int dlt_strindex_put(struct dlt_strindex *x, const char *key, void *val)
{
	if ((x->n + 1) * 2 > x->cap)
		grow(x);
	size_t i = slot(x->keys, x->cap, key);
	if (x->keys[i])
		return 0;
	x->keys[i] = key;
	x->vals[i] = val;
	x->n++;
	return 1;
}

void *dlt_strindex_get(const struct dlt_strindex *x, const char *key)
{
	if (!x->cap || !key)
		return NULL;
	size_t i = slot(x->keys, x->cap, key);
	return x->keys[i] ? x->vals[i] : NULL;
}

void dlt_strindex_free(struct dlt_strindex *x)
{
	free(x->keys);
	free(x->vals);
	memset(x, 0, sizeof *x);
}
