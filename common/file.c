/*
 * file.c: files: whole-file reading, JSON files parsed with file:line:column messages, folders, PATH lookup (see file.h).
 */
#include "common/file.h"
#include "common/mem.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *dlt_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 8192, n = 0;
	char *buf = dlt_xmalloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n - 1 == 0) {
			cap *= 2;
			buf = dlt_xrealloc(buf, cap);
		}
	}
	int bad = ferror(f) ? errno : 0;
	fclose(f);
	if (bad) {
		snprintf(err, errlen, "%s: read error: %s", path, strerror(bad));
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

void dlt_line_col(const char *text, size_t pos, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < pos && text[i]; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else
			c++;
	}
	*line = l;
	*col = c;
}

cJSON *dlt_load_json_file(const char *path, char *err, size_t errlen)
{
	size_t len;
	char *text = dlt_read_file(path, &len, err, errlen);
	if (!text)
		return NULL;
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
	if (!doc) {
		int line, col;
		size_t pos = end ? (size_t)(end - text) : 0;
		const char *e = cJSON_GetErrorPtr();
		if (e && e >= text && e <= text + len)
			pos = (size_t)(e - text);
		dlt_line_col(text, pos, &line, &col);
		snprintf(err, errlen, "%s:%d:%d: not valid JSON", path, line, col);
	}
	free(text);
	return doc;
}

int dlt_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int dlt_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int dlt_mkdir_p(const char *path, char *err, size_t errlen)
{
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
				goto fail;
			*p = '/';
		}
	}
	if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
	return -1;
}

int dlt_rm_rf(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			struct dirent *e;
			while ((e = readdir(d))) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				char *sub = dlt_printf("%s/%s", path, e->d_name);
				dlt_rm_rf(sub);
				free(sub);
			}
			closedir(d);
		}
		return rmdir(path);
	}
	return unlink(path);
}

#ifndef DLT_SOURCE_DIR
#define DLT_SOURCE_DIR "."
#endif
#ifndef DLT_DATA_DIR
#define DLT_DATA_DIR "/usr/local/share/dlt-interop"
#endif

char *dlt_which(const char *name)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? dlt_xstrdup(name) : NULL;
	const char *path = getenv("PATH");
	if (!path)
		return NULL;
	char *copy = dlt_xstrdup(path), *save = NULL;
	for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		char *full = dlt_printf("%s/%s", dir, name);
		if (access(full, X_OK) == 0 && dlt_is_file(full)) {
			free(copy);
			return full;
		}
		free(full);
	}
	free(copy);
	return NULL;
}
