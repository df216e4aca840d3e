/*
 * strlist.c: a growable list of owned strings (see strlist.h).
 */
#include "common/strlist.h"
#include "common/mem.h"

#include <stdlib.h>
#include <string.h>

void dlt_strlist_add(struct dlt_strlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = dlt_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = dlt_xstrdup(s);
}

int dlt_strlist_has(const struct dlt_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

void dlt_strlist_free(struct dlt_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}
