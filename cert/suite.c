/*
 * suite.c: the suite manifest and its digest (see suite.h).
 */
#include "cert/suite.h"
#include "common/err.h"
#include "common/file.h"
#include "common/hex.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SUITE_MAX_DEPTH 16

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* Every regular file under home/rel (names starting with '.' left out), relative paths. */
static void walk(const char *home, const char *rel, const char *suffix, int depth,
		 struct dlt_strlist *out)
{
	if (depth > SUITE_MAX_DEPTH)
		return;
	char *abs = dlt_printf("%s/%s", home, rel);
	DIR *d = opendir(abs);
	free(abs);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *r = dlt_printf("%s/%s", rel, e->d_name);
		char *a = dlt_printf("%s/%s", home, r);
		struct stat st;
		if (stat(a, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				walk(home, r, suffix, depth + 1, out);
			else if (S_ISREG(st.st_mode) && (!suffix || ends_with(r, suffix)))
				dlt_strlist_add(out, r);
		}
		free(a);
		free(r);
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

cJSON *dlt_suite_manifest(const char *home, const char *runner, char *err, size_t errlen)
{
	static const struct {
		const char *dir, *suffix;
	} PARTS[] = {
		{ "suites", ".lua" },    { "vectors", NULL },    { "roadmap", ".json" },
		{ "profiles", ".json" }, { "targets", ".json" },
	};
	struct dlt_strlist files = { 0 };
	for (size_t i = 0; i < sizeof PARTS / sizeof PARTS[0]; i++)
		walk(home, PARTS[i].dir, PARTS[i].suffix, 0, &files);
	if (files.n)
		qsort(files.v, files.n, sizeof files.v[0], cmp_str);
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "runner", runner);
	cJSON *map = cJSON_CreateObject();
	for (size_t i = 0; i < files.n; i++) {
		char *abs = dlt_printf("%s/%s", home, files.v[i]);
		size_t len;
		char *text = dlt_read_file(abs, &len, err, errlen);
		free(abs);
		if (!text) {
			dlt_strlist_free(&files);
			cJSON_Delete(map);
			cJSON_Delete(m);
			return NULL;
		}
		uint8_t h[32];
		char hex[65];
		crypto_hash_sha256(h, (const uint8_t *)text, len);
		free(text);
		dlt_hex_encode(hex, h, sizeof h);
		cJSON_AddItemToObject(map, files.v[i], cJSON_CreateString(hex));
	}
	dlt_strlist_free(&files);
	char digest[65];
	cJSON_AddItemToObject(m, "files", map);
	if (dlt_suite_digest(m, digest, err, errlen)) {
		cJSON_Delete(m);
		return NULL;
	}
	/* digest first, for people reading the bundle */
	cJSON_DetachItemViaPointer(m, map);
	cJSON_AddStringToObject(m, "digest", digest);
	cJSON_AddItemToObject(m, "files", map);
	return m;
}

static int is_hash(const char *s)
{
	if (strlen(s) != 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

int dlt_suite_digest(const cJSON *manifest, char out[65], char *err, size_t errlen)
{
	const char *runner =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(manifest, "runner"));
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(manifest, "files"), *f;
	if (!runner || strchr(runner, '\n'))
		return dlt_seterr(err, errlen, "suite: $.runner: expected a one-line string");
	if (!cJSON_IsObject(files))
		return dlt_seterr(err, errlen, "suite: $.files: expected an object path -> sha256");
	size_t n = (size_t)cJSON_GetArraySize(files), i = 0;
	const cJSON **v = dlt_xcalloc(n ? n : 1, sizeof *v);
	cJSON_ArrayForEach (f, files) {
		if (!cJSON_IsString(f) || !is_hash(f->valuestring) || !f->string[0] ||
		    strchr(f->string, '\n')) {
			free(v);
			return dlt_seterr(err, errlen,
					  "suite: $.files[\"%.200s\"]: expected 64 "
					  "lowercase hex digits for a one-line path",
					  f->string);
		}
		v[i++] = f;
	}
	for (i = 1; i < n; i++) {
		/* the map must already be in byte order, each path once */
		if (strcmp(v[i - 1]->string, v[i]->string) >= 0) {
			char msg[512];
			snprintf(msg, sizeof msg,
				 "suite: $.files: \"%.200s\" is not after \"%.200s\" "
				 "(paths are listed once, in byte order)",
				 v[i]->string, v[i - 1]->string);
			free(v);
			return dlt_seterr(err, errlen, "%s", msg);
		}
	}
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	const char *head = "dlt-interop-suite/1\nrunner ";
	crypto_hash_sha256_update(&st, (const uint8_t *)head, strlen(head));
	crypto_hash_sha256_update(&st, (const uint8_t *)runner, strlen(runner));
	crypto_hash_sha256_update(&st, (const uint8_t *)"\n", 1);
	for (i = 0; i < n; i++) {
		crypto_hash_sha256_update(&st, (const uint8_t *)v[i]->valuestring, 64);
		crypto_hash_sha256_update(&st, (const uint8_t *)" ", 1);
		crypto_hash_sha256_update(&st, (const uint8_t *)v[i]->string, strlen(v[i]->string));
		crypto_hash_sha256_update(&st, (const uint8_t *)"\n", 1);
	}
	free(v);
	uint8_t h[32];
	crypto_hash_sha256_final(&st, h);
	dlt_hex_encode(out, h, sizeof h);
	return 0;
}

void dlt_suite_differences(const cJSON *theirs, const cJSON *ours, struct dlt_buf *msg, size_t max)
{
	const char *r1 = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(theirs, "runner"));
	const char *r2 = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ours, "runner"));
	if (r1 && r2 && strcmp(r1, r2))
		dlt_buf_printf(msg, "  runner: %s in the bundle, %s here\n", r1, r2);
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(theirs, "files");
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(ours, "files"), *f;
	size_t named = 0, more = 0;
	cJSON_ArrayForEach (f, a) {
		const cJSON *g = cJSON_GetObjectItemCaseSensitive(b, f->string);
		const char *what = !g ? "not in this suite"
				   : (cJSON_IsString(f) && cJSON_IsString(g) &&
				      strcmp(f->valuestring, g->valuestring))
					   ? "differs"
					   : NULL;
		if (!what)
			continue;
		if (named < max) {
			dlt_buf_printf(msg, "  %s: %s\n", f->string, what);
			named++;
		} else
			more++;
	}
	cJSON_ArrayForEach (f, b) {
		if (cJSON_GetObjectItemCaseSensitive(a, f->string))
			continue;
		if (named < max) {
			dlt_buf_printf(msg, "  %s: only in this suite\n", f->string);
			named++;
		} else
			more++;
	}
	if (more)
		dlt_buf_printf(msg, "  ... and %zu more files\n", more);
}
