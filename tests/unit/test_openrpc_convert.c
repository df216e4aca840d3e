/*
 * test_openrpc_convert.c: proves vectors/execution-apis/openrpc.json is exactly the conversion
 * of its YAML sources, that the sources copied into vectors/execution-apis/src match the
 * shared reference copy, and unit-tests the YAML loader (scalar typing, anchors, refusals with
 * file:line:column) and the strict JSON comparison. Flat TAP.
 *
 * The YAML is looked for in $DLT_EXECUTION_APIS_DIR, else $DLT_SOURCE_DIR/vectors/execution-apis
 * (the copy committed with the project), else $DLT_SOURCE_DIR/../shared/reference/execution-apis.
 * Without any, the conversion points are skipped ("yaml sources not found"). Flat TAP
 * (tests/unit/tap.h).
 *
 * The converter (tools/openrpc-convert/) is built only when configure found libyaml; without it
 * this test is built from the stub at the end and only reports "1..0 # SKIP".
 */
#include "config.h"
#include "common/file.h"

#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

#ifdef DLT_HAVE_YAML

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "tools/openrpc-convert/openrpc_convert.h"

#ifndef DLT_SOURCE_DIR
#define DLT_SOURCE_DIR "."
#endif

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int has_sources(const char *dir)
{
	char p[4096];
	snprintf(p, sizeof p, "%s/src/eth", dir);
	return is_dir(p);
}

static char *slurp(const char *path, size_t *len)
{
	char err[256];
	return dlt_read_file(path, len, err, sizeof err);
}

/* ------------------------------------------------------------------ the committed file */

static void test_committed(const char *src)
{
	char dir[4096], vec[4096], shared[4096];
	snprintf(vec, sizeof vec, "%s/vectors/execution-apis", src);
	snprintf(shared, sizeof shared, "%s/../shared/reference/execution-apis", src);
	const char *env = getenv("DLT_EXECUTION_APIS_DIR");
	if (env && *env)
		snprintf(dir, sizeof dir, "%s", env);
	else if (has_sources(vec))
		snprintf(dir, sizeof dir, "%s", vec);
	else if (has_sources(shared))
		snprintf(dir, sizeof dir, "%s", shared);
	else
		dir[0] = '\0';

	char path[4200];
	snprintf(path, sizeof path, "%s/vectors/execution-apis/openrpc.json", src);
	char *text = slurp(path, NULL);
	cJSON *committed = text ? cJSON_Parse(text) : NULL;
	free(text);
	tap_ok(committed != NULL, "%s parses", path);

	if (!dir[0] || !has_sources(dir)) {
		tap_skip("yaml sources not found", "conversion of the execution-apis YAML");
		tap_skip("yaml sources not found", "committed openrpc.json equals the conversion");
	} else {
		cJSON *conv = NULL;
		char err[1024];
		int rc = dlt_openrpc_convert(dir, NULL, &conv, err, sizeof err);
		tap_ok(rc == 0, "conversion of %s", dir);
		if (rc != 0)
			tap_diag("  %s", err);
		char where[1024] = "";
		int d = committed && conv
				? dlt_openrpc_convert_diff(committed, conv, where, sizeof where)
				: 1;
		tap_ok(d == 0, "committed openrpc.json equals the conversion of %s", dir);
		if (d) {
			tap_diag("  first difference: %s", where);
			tap_diag("  regenerate: make schema-update-openrpc");
		}
		cJSON_Delete(conv);
	}
	cJSON_Delete(committed);

	/* the copy in vectors/ is byte-identical to the shared reference */
	if (!has_sources(vec) || !has_sources(shared)) {
		tap_skip("one of the copies is absent",
			 "vectors/execution-apis/src matches shared/reference");
	} else {
		static const char *const subs[] = { "src/eth", "src/schemas", "src/error-groups" };
		int same = 1;
		size_t nfiles = 0;
		for (size_t s = 0; s < 3; s++) {
			for (int side = 0; side < 2; side++) {
				char a[4200];
				snprintf(a, sizeof a, "%s/%s", side ? shared : vec, subs[s]);
				DIR *dd = opendir(a);
				struct dirent *e;
				while (dd && (e = readdir(dd))) {
					size_t l = strlen(e->d_name);
					if (l < 6 || strcmp(e->d_name + l - 5, ".yaml"))
						continue;
					char pa[4600], pb[4600];
					snprintf(pa, sizeof pa, "%s/%s/%s", vec, subs[s],
						 e->d_name);
					snprintf(pb, sizeof pb, "%s/%s/%s", shared, subs[s],
						 e->d_name);
					size_t la = 0, lb = 0;
					char *ba = slurp(pa, &la), *bb = slurp(pb, &lb);
					if (!ba || !bb || la != lb || memcmp(ba, bb, la) != 0) {
						tap_diag("  differs or missing: %s/%s", subs[s],
							 e->d_name);
						same = 0;
					}
					nfiles += side == 0;
					free(ba);
					free(bb);
				}
				if (dd)
					closedir(dd);
			}
		}
		tap_ok(same && nfiles > 0,
		       "vectors/execution-apis/src matches shared/reference (%zu files)", nfiles);
	}
	char lic[4200];
	snprintf(lic, sizeof lic, "%s/LICENSE", vec);
	char *l = slurp(lic, NULL);
	tap_ok(l && strstr(l, "CC0 1.0 Universal"),
	       "vectors/execution-apis/LICENSE is the CC0 text");
	free(l);
}

/* ------------------------------------------------------------------ the YAML loader */

static char tmpdir[] = "/tmp/dlt-test-yaml-XXXXXX";

static cJSON *yaml_text(const char *text, char *err, size_t errlen)
{
	char path[200];
	snprintf(path, sizeof path, "%s/t.yaml", tmpdir);
	FILE *f = fopen(path, "w");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	cJSON *j = dlt_yaml_load(path, err, errlen);
	unlink(path);
	return j;
}

static void yaml_gives(const char *text, const char *json)
{
	char err[300] = "";
	cJSON *got = yaml_text(text, err, sizeof err);
	cJSON *want = cJSON_Parse(json);
	char where[300] = "";
	int d = got && want ? dlt_openrpc_convert_diff(want, got, where, sizeof where) : 1;
	char shown[200];
	size_t k = 0;
	for (const char *p = text; *p && k + 3 < sizeof shown; p++) {
		if (*p == '\n') {
			shown[k++] = '\\';
			shown[k++] = 'n';
		} else {
			shown[k++] = *p;
		}
	}
	shown[k] = '\0';
	tap_ok(d == 0, "yaml \"%s\" reads as %s", shown, json);
	if (!got)
		tap_diag("  error: %s", err);
	else if (d)
		tap_diag("  %s", where);
	cJSON_Delete(got);
	cJSON_Delete(want);
}

static void yaml_refused(const char *text, const char *why)
{
	char err[300] = "";
	cJSON *got = yaml_text(text, err, sizeof err);
	tap_ok(!got && strstr(err, why) != NULL, "yaml refused with \"%s\"", why);
	if (got || !strstr(err, why))
		tap_diag("  error: %s", err);
	cJSON_Delete(got);
}

static void test_yaml(void)
{
	if (!mkdtemp(tmpdir)) {
		tap_skip("cannot make a temporary directory", "yaml loader");
		return;
	}
	yaml_gives("a: 1\nb: -32000\nc: 1.5\nd: 2e3\n",
		   "{\"a\":1,\"b\":-32000,\"c\":1.5,\"d\":2000}");
	yaml_gives("a: true\nb: False\nc: null\nd: ~\ne:\n", "{\"a\":true,\"b\":false,\"c\":null,"
							     "\"d\":null,\"e\":null}");
	yaml_gives("a: '0x68b3'\nb: \"1\"\nc: yes\nd: ^0x[0-9a-f]{64}$\n",
		   "{\"a\":\"0x68b3\",\"b\":\"1\",\"c\":\"yes\",\"d\":\"^0x[0-9a-f]{64}$\"}");
	yaml_gives("a: |-\n  Default: 0x2\n  line two\nb: >\n  folded\n  text\n",
		   "{\"a\":\"Default: 0x2\\nline two\",\"b\":\"folded text\\n\"}");
	yaml_gives("- [ ]\n- []\n- {x: [1, 'two']}\n", "[[],[],{\"x\":[1,\"two\"]}]");
	yaml_gives("z: 1\ny: 2\nx: 3\n", "{\"z\":1,\"y\":2,\"x\":3}");
	yaml_gives("a: &A {k: v}\nb: *A\n", "{\"a\":{\"k\":\"v\"},\"b\":{\"k\":\"v\"}}");
	yaml_gives("a: !!str 12\nb: !!int '12'\nc: ! 12\n", "{\"a\":\"12\",\"b\":12,\"c\":\"12\"}");
	yaml_gives("", "null");
	yaml_refused("a: 1\na: 2\n", "t.yaml:2:1: duplicate key \"a\"");
	yaml_refused("a: 0x10\n", "reads as a YAML number");
	yaml_refused("a: .inf\n", "reads as a YAML number");
	yaml_refused("a: 12345678901234567890\n", "cannot be held exactly");
	yaml_refused("? [1]\n: 2\n", "mapping keys must be scalars");
	yaml_refused("a: 1\n---\nb: 2\n", "more than one YAML document");
	yaml_refused("a: *nope\n", "alias *nope before its anchor");
	yaml_refused("a: !custom x\n", "unsupported tag");
	yaml_refused("a: [1, 2\n", "YAML error");
	yaml_refused("<<: {a: 1}\n", "merge keys");
	char err[300];
	tap_ok(dlt_yaml_load("/nonexistent/x.yaml", err, sizeof err) == NULL &&
		       strstr(err, "/nonexistent/x.yaml"),
	       "a missing file is named");
	rmdir(tmpdir);
}

static void test_diff(void)
{
	cJSON *a = cJSON_Parse("{\"m\":[{\"n\":\"a\"},{\"n\":\"b\"}],\"x y\":1}");
	cJSON *b = cJSON_Parse("{\"m\":[{\"n\":\"a\"},{\"n\":\"c\"}],\"x y\":1}");
	cJSON *c = cJSON_Parse("{\"x y\":1,\"m\":[{\"n\":\"a\"},{\"n\":\"b\"}]}");
	cJSON *d = cJSON_Parse("{\"m\":[{\"n\":\"a\"},{\"n\":\"b\"}],\"x y\":1.0}");
	char where[300] = "";
	tap_ok(dlt_openrpc_convert_diff(a, b, where, sizeof where) == 1 &&
		       !strcmp(where, "$.m[1].n: \"b\" vs \"c\""),
	       "diff names the path: %s", where);
	tap_ok(dlt_openrpc_convert_diff(a, c, where, sizeof where) == 1, "member order matters: %s",
	       where);
	tap_ok(dlt_openrpc_convert_diff(a, d, where, sizeof where) == 0,
	       "1 and 1.0 are the same number");
	cJSON_Delete(a);
	cJSON_Delete(b);
	cJSON_Delete(c);
	cJSON_Delete(d);
}

int main(void)
{
	const char *src = getenv("DLT_SOURCE_DIR");
	if (!src || !*src)
		src = DLT_SOURCE_DIR;
	test_committed(src);
	test_yaml();
	test_diff();
	return tap_done();
}

#else /* !DLT_HAVE_YAML */

int main(void)
{
	return tap_skip_all("libyaml (yaml-0.1) not found by configure: tools/openrpc-convert and "
			    "this test are not built");
}

#endif
