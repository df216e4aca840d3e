/*
 * test_jsondiff.c: the JSON comparison behind every check: equality rules and the path-level
 * difference list (paths, missing members, array lengths, quoting of odd member names).
 */
#include "runner/jsondiff.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static cJSON *diff_of(const char *a, const char *b, int *n)
{
	cJSON *ja = cJSON_Parse(a), *jb = cJSON_Parse(b);
	cJSON *out = cJSON_CreateArray();
	*n = dlt_json_diff(ja, jb, "$", "expected", "actual", out, 50);
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	return out;
}

static const char *path_at(const cJSON *d, int i)
{
	const cJSON *e = cJSON_GetArrayItem(d, i);
	const cJSON *p = e ? cJSON_GetObjectItemCaseSensitive(e, "path") : NULL;
	return cJSON_IsString(p) ? p->valuestring : "";
}

int main(void)
{
	int n;
	cJSON *d;

	d = diff_of("{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1.0}", &n);
	tap_ok(n == 0, "member order and 1 vs 1.0 do not matter");
	cJSON_Delete(d);

	d = diff_of("{\"result\":{\"logs\":[{\"data\":\"0x01\"}]}}",
		    "{\"result\":{\"logs\":[{\"data\":\"0x02\"}]}}", &n);
	tap_ok(n == 1 && !strcmp(path_at(d, 0), "$.result.logs[0].data"),
	       "leaf difference has the full path ($.result.logs[0].data): %s", path_at(d, 0));
	cJSON_Delete(d);

	d = diff_of("{\"a\":1,\"b\":2}", "{\"a\":1,\"c\":2}", &n);
	tap_ok(n == 2, "a missing and an extra member are two differences (%d)", n);
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(d, 0), "missing");
	tap_ok(cJSON_IsString(m) && !strcmp(m->valuestring, "actual"),
	       "a member absent from actual is marked missing: actual");
	cJSON_Delete(d);

	d = diff_of("[1,2,3]", "[1,2]", &n);
	tap_ok(n == 1 && !strcmp(path_at(d, 0), "$[2]"), "shorter array: the extra index ($[2])");
	cJSON_Delete(d);

	d = diff_of("null", "{}", &n);
	tap_ok(n == 1 && !strcmp(path_at(d, 0), "$"), "null vs object differs at the root");
	cJSON_Delete(d);

	d = diff_of("{\"content-type\":\"a\"}", "{\"content-type\":\"b\"}", &n);
	tap_ok(n == 1 && !strcmp(path_at(d, 0), "$[\"content-type\"]"),
	       "odd member names are quoted: %s", path_at(d, 0));
	cJSON_Delete(d);

	d = diff_of("true", "false", &n);
	tap_ok(n == 1, "true vs false differ");
	cJSON_Delete(d);

	d = diff_of("\"0x1\"", "1", &n);
	tap_ok(n == 1, "a string never equals a number");
	cJSON_Delete(d);

	/* the count goes on past the cap */
	cJSON *a = cJSON_CreateArray(), *b = cJSON_CreateArray();
	for (int i = 0; i < 100; i++) {
		cJSON_AddItemToArray(a, cJSON_CreateNumber(i));
		cJSON_AddItemToArray(b, cJSON_CreateNumber(-i - 1));
	}
	cJSON *out = cJSON_CreateArray();
	n = dlt_json_diff(a, b, "$", "a", "b", out, 10);
	tap_ok(n == 100 && cJSON_GetArraySize(out) == 10, "100 differences counted, 10 kept");
	cJSON_Delete(a);
	cJSON_Delete(b);
	cJSON_Delete(out);

	cJSON *x = cJSON_Parse("{\"k\":[{\"z\":null}]}"),
	      *y = cJSON_Parse("{\"k\":[{\"z\":null}]}");
	tap_ok(dlt_json_equal(x, y), "dlt_json_equal on equal documents");
	cJSON_Delete(x);
	cJSON_Delete(y);
	return tap_done();
}
