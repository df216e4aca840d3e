/*
 * scenario.c: scenario records and finding scenario files below the suite folders.
 */
#include "scenario.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

void dlt_scenario_clear(struct dlt_scenario *s)
{
	free(s->id);
	free(s->title);
	free(s->path);
	free(s->file);
	free(s->family);
	dlt_strlist_free(&s->roadmap);
	dlt_strlist_free(&s->vectors);
	dlt_strlist_free(&s->requires);
	for (int i = 0; i < s->nroles; i++) {
		free(s->roles[i].name);
		free(s->roles[i].family);
	}
	free(s->load_error);
	memset(s, 0, sizeof *s);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void walk(const char *dir, struct dlt_strlist *files)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *p = dlt_printf("%s/%s", dir, e->d_name);
		if (dlt_is_dir(p)) {
			if (strcmp(e->d_name, "lib") != 0)
				walk(p, files);
		} else if (ends_with(e->d_name, ".lua") && !dlt_strlist_has(files, p))
			dlt_strlist_add(files, p);
		free(p);
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void dlt_scenario_find_files(const struct dlt_strlist *paths, struct dlt_strlist *files)
{
	for (size_t i = 0; i < paths->n; i++) {
		if (dlt_is_dir(paths->v[i]))
			walk(paths->v[i], files);
		else if (!dlt_strlist_has(files, paths->v[i]))
			dlt_strlist_add(files, paths->v[i]);
	}
	qsort(files->v, files->n, sizeof *files->v, cmp_str);
}
