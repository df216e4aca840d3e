/*
 * util.c: small helpers used across the runner (see util.h).
 */
#include "common/util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void oom(void)
{
	fputs("dlt-interop: out of memory\n", stderr);
	abort();
}

void *dlt_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *dlt_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *dlt_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *dlt_xstrdup(const char *s)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		oom();
	return d;
}

char *dlt_printf(const char *fmt, ...)
{
	char small[256];
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *s = dlt_xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(s, small, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

char *dlt_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
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
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		snprintf(err, errlen, "%s: read error", path);
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

double dlt_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

double dlt_wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void dlt_iso8601(double wall, char out[32])
{
	time_t t = (time_t)wall;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void dlt_sleep(double seconds)
{
	if (seconds <= 0)
		return;
	struct timespec ts;
	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
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

const char *dlt_home(void)
{
	static char home[PATH_MAX];
	if (home[0])
		return home;
	const char *env = getenv("DLT_INTEROP_HOME");
	char probe[PATH_MAX];
	if (env && *env) {
		snprintf(home, sizeof home, "%s", env);
		return home;
	}
	snprintf(probe, sizeof probe, "%s/suites", DLT_SOURCE_DIR);
	if (dlt_is_dir(probe)) {
		snprintf(home, sizeof home, "%s", DLT_SOURCE_DIR);
		return home;
	}
	snprintf(home, sizeof home, "%s", DLT_DATA_DIR);
	return home;
}

const char *dlt_nodes_dir(void)
{
	static char dir[PATH_MAX];
	if (dir[0])
		return dir;
	const char *env = getenv("DLT_NODES_DIR");
	if (env && *env)
		snprintf(dir, sizeof dir, "%s", env);
	else
		snprintf(dir, sizeof dir, "%s/.nodes", dlt_home());
	return dir;
}

const char *dlt_relpath(const char *path)
{
	static __thread char cwd[PATH_MAX];
	if (!path || path[0] != '/')
		return path;
	if (!getcwd(cwd, sizeof cwd))
		return path;
	size_t n = strlen(cwd);
	if (strncmp(path, cwd, n) == 0 && path[n] == '/')
		return path + n + 1;
	const char *home = dlt_home();
	n = strlen(home);
	if (strncmp(path, home, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

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

void dlt_hash_files(const struct dlt_strlist *files, char out[65])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	for (size_t i = 0; i < files->n; i++) {
		char err[256];
		size_t len;
		char *text = dlt_read_file(files->v[i], &len, err, sizeof err);
		const char *name = files->v[i];
		size_t hn = strlen(dlt_home());
		if (strncmp(name, dlt_home(), hn) == 0 && name[hn] == '/')
			name += hn + 1;
		crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name) + 1);
		if (text)
			crypto_hash_sha256_update(&st, (const unsigned char *)text, len);
		free(text);
	}
	unsigned char h[32];
	crypto_hash_sha256_final(&st, h);
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", h[i]);
	out[64] = '\0';
}
