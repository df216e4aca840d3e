/*
 * test_vectors.c: the vector loader (runner/vectors.c). Every malformed file in
 * tests/data/vectors-bad/ must be refused with a message naming the file and the JSON path (or
 * line and column) of the problem; duplicate ids name both files; subfolders and non-JSON files
 * are ignored. Then the project's own vectors/: they load, every roadmap id they cite exists in
 * roadmap/roadmap.json and none is empty, every file is listed in vectors/local.am, and each
 * id is its file name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "common/file.h"
#include "runner/vectors.h"
#include "tap.h"

static char srcdir[4096];

static void path_of(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", srcdir, rel);
}

static const struct {
	const char *file; /* in tests/data/vectors-bad/ */
	const char *where; /* the JSON path or position the message must hold */
	const char *what; /* and a word of the explanation */
} bad_files[] = {
	{ "syntax.json", ":5:", "not valid JSON" },
	{ "missing-expected.json", "$.cases[1].expected", "missing" },
	{ "missing-id.json", "$.id", "missing" },
	{ "bad-commit.json", "$.source.commit", "40-digit" },
	{ "bad-repository.json", "$.source.repository", "owner/name" },
	{ "bad-roadmap.json", "$.roadmap[1]", "requirement id" },
	{ "unknown-member.json", "$.cases[0].expect", "unknown member" },
	{ "empty-cases.json", "$.cases", "empty" },
	{ "duplicate-case-name.json", "$.cases[1].name", "$.cases[0]" },
	{ "not-object.json", "$", "must be an object" },
	{ "bad-id.json", "$.id", "letters, digits" },
	{ "bad-format.json", "$.format", "dlt-interop-vectors/1" },
	{ "case-source.json", "$.cases[0].source.path", "missing" },
	{ "duplicate-key.json", "$.title", "twice" },
	{ "title-type.json", "$.title", "must be a string" },
};

static void test_bad_files(void)
{
	char dir[4200], path[4400], err[400];
	path_of(dir, sizeof dir, "tests/data/vectors-bad");
	for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
		cJSON *doc = (cJSON *)1;
		snprintf(path, sizeof path, "%s/%s", dir, bad_files[i].file);
		err[0] = '\0';
		int rc = dlt_vectors_load_file(path, &doc, err, sizeof err);
		int ok = rc != 0 && doc == NULL && strstr(err, path) == err &&
			 strstr(err, bad_files[i].where) && strstr(err, bad_files[i].what);
		if (!tap_ok(ok, "refused: %s", bad_files[i].file))
			tap_diag("rc %d, message: %s", rc, err);
		else
			tap_diag("%s", err + strlen(dir) + 1);
		if (rc == 0)
			cJSON_Delete(doc);
	}
	/* the directory as a whole is refused too, naming one of its files */
	struct dlt_vectors *v = (struct dlt_vectors *)1;
	int rc = dlt_vectors_load_dir(dir, &v, err, sizeof err);
	tap_ok(rc != 0 && v == NULL && strstr(err, dir) == err && strstr(err, ".json: "),
	       "a directory holding a bad file is refused (%s)", err + strlen(dir) + 1);
}

static void test_duplicate_ids(void)
{
	char dir[4200], err[600];
	struct dlt_vectors *v;
	path_of(dir, sizeof dir, "tests/data/vectors-bad/duplicate");
	int rc = dlt_vectors_load_dir(dir, &v, err, sizeof err);
	int ok = rc != 0 && strstr(err, "duplicate/a.json") && strstr(err, "duplicate/b.json") &&
		 strstr(err, "same-id");
	if (!tap_ok(ok, "duplicate ids are refused naming both files"))
		tap_diag("%s", err);
}

static void test_good_dir(void)
{
	char dir[4200], err[400];
	struct dlt_vectors *v = NULL;
	path_of(dir, sizeof dir, "tests/data/vectors-bad/good");
	int rc = dlt_vectors_load_dir(dir, &v, err, sizeof err);
	if (!tap_ok(rc == 0, "a valid directory loads (subfolders and non-JSON files ignored)"))
		tap_diag("%s", err);
	tap_ok(dlt_vectors_count(v) == 1, "it holds one vector file");
	tap_ok(dlt_vectors_id_at(v, 0) && strcmp(dlt_vectors_id_at(v, 0), "ok") == 0,
	       "id_at(0) is \"ok\"");
	tap_ok(dlt_vectors_id_at(v, 1) == NULL, "id_at past the end is NULL");
	const cJSON *doc = dlt_vectors_get(v, "ok");
	tap_ok(doc && cJSON_IsArray(cJSON_GetObjectItem(doc, "cases")),
	       "get(\"ok\") gives the document");
	const char *f = dlt_vectors_file(v, "ok");
	tap_ok(f && strstr(f, "good/ok.json"), "file(\"ok\") names its file (%s)", f ? f : "NULL");
	tap_ok(dlt_vectors_get(v, "missing") == NULL && dlt_vectors_file(v, "missing") == NULL,
	       "an unknown id gives NULL");
	dlt_vectors_free(v);
	dlt_vectors_free(NULL);
	tap_ok(dlt_vectors_count(NULL) == 0, "NULL set: count 0, free is a no-op");
	rc = dlt_vectors_load_dir("/nonexistent/vectors", &v, err, sizeof err);
	tap_ok(rc != 0 && strstr(err, "/nonexistent/vectors"),
	       "a missing directory is an error (%s)", err);
}

/* all requirement ids of roadmap/roadmap.json, or NULL when it cannot be read */
static cJSON *load_roadmap(void)
{
	char path[4200], err[256];
	path_of(path, sizeof path, "roadmap/roadmap.json");
	return dlt_load_json_file(path, err, sizeof err);
}

static int roadmap_has(const cJSON *roadmap, const char *id)
{
	const cJSON *r;
	cJSON_ArrayForEach (r, cJSON_GetObjectItem(roadmap, "requirements")) {
		const cJSON *rid = cJSON_GetObjectItem(r, "id");
		if (cJSON_IsString(rid) && strcmp(rid->valuestring, id) == 0)
			return 1;
	}
	return 0;
}

static void test_project_vectors(void)
{
	char dir[4200], err[400], am[4200];
	struct dlt_vectors *v = NULL;
	path_of(dir, sizeof dir, "vectors");
	if (!tap_ok(dlt_vectors_load_dir(dir, &v, err, sizeof err) == 0, "vectors/ loads")) {
		tap_diag("%s", err);
		return;
	}
	cJSON *roadmap = load_roadmap();
	tap_ok(roadmap != NULL, "roadmap/roadmap.json parses");
	path_of(am, sizeof am, "vectors/local.am");
	char *local_am = dlt_read_file(am, NULL, err, sizeof err);
	tap_ok(local_am != NULL, "vectors/local.am is readable");
	for (size_t i = 0; i < dlt_vectors_count(v); i++) {
		const char *id = dlt_vectors_id_at(v, i);
		const cJSON *rm = cJSON_GetObjectItem(dlt_vectors_get(v, id), "roadmap"), *r;
		int ok = cJSON_GetArraySize(rm) > 0;
		if (!ok)
			tap_diag("%s: $.roadmap is empty", dlt_vectors_file(v, id));
		cJSON_ArrayForEach (r, rm) {
			if (roadmap && !roadmap_has(roadmap, r->valuestring)) {
				tap_diag("%s: roadmap id %s is not in roadmap/roadmap.json",
					 dlt_vectors_file(v, id), r->valuestring);
				ok = 0;
			}
		}
		tap_ok(ok, "%s: cites existing roadmap requirements", id);
		/* distributed and installed: listed by name in vectors/local.am */
		const char *file = dlt_vectors_file(v, id);
		const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		char entry[300];
		snprintf(entry, sizeof entry, "vectors/%s", base);
		tap_ok(local_am && strstr(local_am, entry), "%s is listed in vectors/local.am",
		       entry);
		tap_ok(strlen(base) == strlen(id) + 5 && strncmp(base, id, strlen(id)) == 0,
		       "%s: the id is the file name without .json", id);
	}
	free(local_am);
	cJSON_Delete(roadmap);
	dlt_vectors_free(v);
}

int main(void)
{
	const char *src = getenv("DLT_SOURCE_DIR");
	if (src && *src)
		snprintf(srcdir, sizeof srcdir, "%s", src);
	else {
		FILE *f = fopen("../tests/data/vectors-bad/README.md", "r");
		snprintf(srcdir, sizeof srcdir, "%s", f ? ".." : ".");
		if (f)
			fclose(f);
	}
	test_bad_files();
	test_duplicate_ids();
	test_good_dir();
	test_project_vectors();
	return tap_done();
}
