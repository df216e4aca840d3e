/*
 * test_schema_suite.c: runs runner/schema/jsonschema.c against the official JSON Schema Test
 * Suite (Debian package json-schema-test-suite), draft 7: every *.json keyword file of
 * tests/draft7/ plus optional/bignum.json and optional/zeroTerminatedFloats.json.
 *
 * One TAP point per test case, named "<file>: <group>: <case>". Every case runs twice, in
 * yes/no mode (no error list) and collecting errors; both must give the expected verdict, and
 * an invalid verdict must come with at least one error. Cases the validator deliberately does
 * not support are listed in skips[] below (and in docs/schema.md) and reported as
 * "# SKIP not supported: <reason>".
 *
 * The suite is looked for in $DLT_JSON_SCHEMA_TEST_SUITE (the directory holding tests/), else
 * /usr/share/json-schema-test-suite. Flat TAP (tests/unit/tap.h).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "common/file.h"
#include "schema/jsonschema.h"
#include "tap.h"

struct skip {
	const char *file; /* relative to tests/draft7 */
	const char *group; /* NULL: every group of the file */
	const char *reason;
};

static const struct skip skips[] = {
	{ "refRemote.json", NULL,
	  "remote $ref (http://localhost:1234/...): only references inside the document are "
	  "resolved" },
	{ "ref.json", "remote ref, containing refs itself",
	  "remote $ref to the draft-07 meta-schema (http://json-schema.org/draft-07/schema#)" },
	{ "ref.json", "Recursive references between schemas",
	  "$id base-URI changes and relative $refs (\"node\", \"tree\")" },
	{ "definitions.json", NULL,
	  "remote $ref to the draft-07 meta-schema (http://json-schema.org/draft-07/schema#)" },
};

static const char *skip_reason(const char *file, const char *group)
{
	for (size_t i = 0; i < sizeof skips / sizeof skips[0]; i++)
		if (!strcmp(skips[i].file, file) &&
		    (!skips[i].group || !strcmp(skips[i].group, group)))
			return skips[i].reason;
	return NULL;
}

static void run_file(const char *dir, const char *file)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	char why_not[512];
	cJSON *groups = dlt_load_json_file(path, why_not, sizeof why_not);
	if (!cJSON_IsArray(groups)) {
		tap_ok_escaped(0, "%s: cannot read or parse %s: %s", file, path,
			       groups ? "not an array" : why_not);
		cJSON_Delete(groups);
		return;
	}
	const cJSON *g;
	cJSON_ArrayForEach (g, groups) {
		const cJSON *gd = cJSON_GetObjectItemCaseSensitive(g, "description");
		const cJSON *schema = cJSON_GetObjectItemCaseSensitive(g, "schema");
		const cJSON *tests = cJSON_GetObjectItemCaseSensitive(g, "tests");
		const char *gname = cJSON_IsString(gd) ? gd->valuestring : "?";
		const char *why = skip_reason(file, gname);
		struct dlt_schema_doc *doc = NULL;
		char err[256];
		if (!why &&
		    dlt_schema_doc_take(cJSON_Duplicate(schema, 1), &doc, err, sizeof err) != 0) {
			tap_ok_escaped(0, "%s: %s: cannot load schema: %s", file, gname, err);
			continue;
		}
		const cJSON *t;
		cJSON_ArrayForEach (t, tests) {
			const cJSON *td = cJSON_GetObjectItemCaseSensitive(t, "description");
			const cJSON *data = cJSON_GetObjectItemCaseSensitive(t, "data");
			int valid = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "valid"));
			const char *tname = cJSON_IsString(td) ? td->valuestring : "?";
			if (why) {
				char reason[300];
				snprintf(reason, sizeof reason, "not supported: %s", why);
				tap_skip(reason, "%s: %s: %s", file, gname, tname);
				continue;
			}
			const cJSON *root = dlt_schema_doc_root(doc);
			int quick = dlt_schema_validate(doc, root, data, NULL) == 0;
			struct dlt_schema_errors errs = { 0 };
			int full = dlt_schema_validate(doc, root, data, &errs) == 0;
			size_t nerr = dlt_schema_errors_count(&errs) + errs.dropped;
			int ok = quick == valid && full == valid && (valid ? nerr == 0 : nerr > 0);
			tap_ok_escaped(ok, "%s: %s: %s", file, gname, tname);
			if (!ok) {
				char *d = cJSON_PrintUnformatted(data);
				tap_diag(
					"  data %s: expected %s, yes/no mode says %s, full mode says %s",
					d ? d : "?", valid ? "valid" : "invalid",
					quick ? "valid" : "invalid", full ? "valid" : "invalid");
				free(d);
				for (size_t i = 0; i < dlt_schema_errors_count(&errs); i++)
					tap_diag("  %s", dlt_schema_errors_get(&errs, i)->message);
			}
			dlt_schema_errors_free(&errs);
		}
		dlt_schema_doc_free(doc);
	}
	cJSON_Delete(groups);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	const char *base = getenv("DLT_JSON_SCHEMA_TEST_SUITE");
	if (!base || !*base)
		base = "/usr/share/json-schema-test-suite";
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/tests/draft7", base);
	DIR *d = opendir(dir);
	if (!d)
		return tap_skip_all("json-schema-test-suite not installed (%s)", dir);
	char *names[256] = { 0 };
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 256) {
		size_t l = strlen(e->d_name);
		if (l > 5 && !strcmp(e->d_name + l - 5, ".json"))
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof names[0], cmp_str);
	for (size_t i = 0; i < n; i++) {
		run_file(dir, names[i]);
		free(names[i]);
	}
	run_file(dir, "optional/bignum.json");
	run_file(dir, "optional/zeroTerminatedFloats.json");
	return tap_done();
}
