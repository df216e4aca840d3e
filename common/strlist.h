/*
 * strlist.h: a growable list of owned strings.
 */
#ifndef DLT_STRLIST_H
#define DLT_STRLIST_H

#include <stddef.h>

struct dlt_strlist {
	char **v;
	size_t n, cap;
};
void dlt_strlist_add(struct dlt_strlist *l, const char *s);
int dlt_strlist_has(const struct dlt_strlist *l, const char *s);
void dlt_strlist_free(struct dlt_strlist *l);

#endif
