/*
 * scenario.c: scenario records and finding scenario files below the suite folders.
 */
#include "runner/scenario.h"
#include "common/mem.h"
#include "common/file.h"
#include "common/strlist.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void dlt_scenario_clear(struct dlt_scenario *s)
{
	free(s->id);
	free(s->title);
	free(s->path);
	free(s->file);
	free(s->family);
	free(s->chain);
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

/* A folder that cannot be read, or a name that cannot be looked at (a path longer than
 * PATH_MAX, a permission), is an error naming the path: a scenario skipped without a word
 * would be a verdict lost. */
static int walk(const char *dir, struct dlt_strlist *files, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "cannot read the suite folder %s: %s", dir, strerror(errno));
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	errno = 0;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *p = dlt_printf("%s/%s", dir, e->d_name);
		struct stat st;
		int found = 0;
		errno = 0;
		if (strlen(p) >= PATH_MAX) {
			snprintf(
				err, errlen,
				"a path longer than PATH_MAX (%d bytes) in the suite: "
				"scenarios below it cannot be read (move them to a shorter path): %s",
				PATH_MAX, p);
			rc = -1;
		} else if (stat(p, &st) == 0)
			found = 1;
		else if (errno != ENOENT) { /* a dangling link is read (and reported) as a file */
			snprintf(err, errlen, "%s: %s: scenarios below it cannot be read", p,
				 strerror(errno));
			rc = -1;
		}
		if (rc == 0 && found && S_ISDIR(st.st_mode)) {
			if (strcmp(e->d_name, "lib") != 0)
				rc = walk(p, files, err, errlen);
		} else if (rc == 0 && ends_with(e->d_name, ".lua"))
			dlt_strlist_add(files, p); /* duplicates go after sorting */
		free(p);
		errno = 0;
	}
	if (rc == 0 && errno != 0) {
		snprintf(err, errlen, "cannot read the suite folder %s: %s", dir, strerror(errno));
		rc = -1;
	}
	closedir(d);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int dlt_scenario_find_files(const struct dlt_strlist *paths, struct dlt_strlist *files, char *err,
			    size_t errlen)
{
	for (size_t i = 0; i < paths->n; i++) {
		if (strlen(paths->v[i]) >= PATH_MAX) {
			snprintf(err, errlen,
				 "--suite %.64s...: path longer than PATH_MAX (%d bytes)",
				 paths->v[i], PATH_MAX);
			return -1;
		}
		if (dlt_is_dir(paths->v[i])) {
			if (walk(paths->v[i], files, err, errlen) != 0)
				return -1;
		} else
			dlt_strlist_add(files, paths->v[i]);
	}
	/* sorted, then a name given twice (a file and its folder, a folder twice) kept once: a
	 * search of the list per file grew as the square of the files */
	qsort(files->v, files->n, sizeof *files->v, cmp_str);
	size_t kept = 0;
	for (size_t i = 0; i < files->n; i++) {
		if (kept && !strcmp(files->v[kept - 1], files->v[i]))
			free(files->v[i]);
		else
			files->v[kept++] = files->v[i];
	}
	files->n = kept;
	return 0;
}
