/*
 * suggest.c: the nearest name to a misspelt one (see suggest.h): optimal string alignment
 * distance, two rows and one more for swaps, on words of at most 256 bytes.
 */
#include "common/suggest.h"
#include "common/mem.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define MAXLEN 256

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

static size_t distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > MAXLEN || m > MAXLEN)
		return (size_t)-1;
	size_t rows[3][MAXLEN + 1];
	size_t *pp = rows[0], *p = rows[1], *c = rows[2];
	for (size_t j = 0; j <= m; j++)
		p[j] = j;
	for (size_t i = 1; i <= n; i++) {
		c[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			c[j] = min3(p[j] + 1, c[j - 1] + 1, p[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < c[j])
				c[j] = pp[j - 2] + 1;
		}
		size_t *t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[m];
}

const char *dlt_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t len = strlen(word), limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	const char *best = NULL;
	size_t bestd = limit + 1;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i])
			continue;
		size_t d = distance(word, cands[i]);
		if (d == 0)
			return NULL;
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return best;
}

char *dlt_suggest_path(const char *path)
{
	char *copy = dlt_xstrdup(path);
	size_t n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = 0;
	char *slash = strrchr(copy, '/');
	const char *dir = slash ? (slash == copy ? "/" : copy) : ".";
	const char *base = slash ? slash + 1 : copy;
	if (slash)
		*slash = 0;
	DIR *d = opendir(dir);
	char *out = NULL;
	if (d) {
		char **names = NULL;
		size_t cnt = 0, cap = 0;
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if (cnt == cap) {
				cap = cap ? cap * 2 : 32;
				names = dlt_xrealloc(names, cap * sizeof *names);
			}
			names[cnt++] = dlt_xstrdup(e->d_name);
		}
		closedir(d);
		const char *best = dlt_suggest(base, (const char *const *)names, cnt);
		if (best)
			out = slash ? dlt_printf("%s/%s", slash == copy ? "" : copy, best)
				    : dlt_xstrdup(best);
		for (size_t i = 0; i < cnt; i++)
			free(names[i]);
		free(names);
	}
	free(copy);
	return out;
}
