/*
 * fuzz_openrpc.c: fuzz target for the OpenRPC loader and the checks made with it
 * (runner/schema/openrpc.c). The input is read as an openrpc.json through the loader (from an
 * in-memory file). A refused file gets a message naming it. For an accepted one: every method is
 * found by its name; each method's examples (params and result) and a few plain values are
 * checked against its params and result schemas, and against every component schema by name,
 * with the yes/no answer equal to the answer with an error list; error codes the file lists
 * map to their group.
 */
#include "fuzz.h"
#include "schema/openrpc.h"

#include <limits.h>
#include <string.h>

static void same_answer(int quick, int full, const struct dlt_schema_errors *e)
{
	DLT_FUZZ_ASSERT(quick == full);
	if (full == 0)
		DLT_FUZZ_ASSERT(e->count == 0 && e->dropped == 0);
	else
		DLT_FUZZ_ASSERT(e->count + e->dropped > 0);
}

static void check_value(const struct dlt_openrpc *o, const char *method, const cJSON *params,
			const cJSON *result)
{
	struct dlt_schema_errors e = { 0 };
	int q = dlt_openrpc_check_params(o, method, params, NULL);
	same_answer(q, dlt_openrpc_check_params(o, method, params, &e), &e);
	dlt_schema_errors_free(&e);
	q = dlt_openrpc_check_result(o, method, result, NULL);
	same_answer(q, dlt_openrpc_check_result(o, method, result, &e), &e);
	dlt_schema_errors_free(&e);
}

/* the values of an example's params ([{name, value}]) as a params array */
static cJSON *example_params(const cJSON *ex)
{
	cJSON *arr = cJSON_CreateArray();
	const cJSON *p;
	cJSON_ArrayForEach (p, cJSON_GetObjectItemCaseSensitive(ex, "params")) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(p, "value");
		cJSON_AddItemToArray(arr, v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
	}
	return arr;
}

int dlt_fuzz_openrpc(const uint8_t *data, size_t size)
{
	char path[64], err[1024] = "";
	struct dlt_openrpc *o = NULL;
	int fd = dlt_fuzz_file(data, size, path, sizeof path);
	if (fd < 0)
		return 0;
	if (dlt_openrpc_load(path, &o, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(o == NULL);
		return dlt_fuzz_refused(err, fd);
	}
	const cJSON *root = dlt_schema_doc_root(dlt_openrpc_doc(o));
	(void)dlt_openrpc_commit(o);
	cJSON *plain = cJSON_Parse("[\"0x1\", null, {}, [], 7, true]");
	for (size_t i = 0; i < dlt_openrpc_method_count(o); i++) {
		const char *name = dlt_openrpc_method_name(o, i);
		const cJSON *m = dlt_openrpc_method(o, name);
		DLT_FUZZ_ASSERT(m != NULL);
		const cJSON *ex;
		cJSON_ArrayForEach (ex, cJSON_GetObjectItemCaseSensitive(m, "examples")) {
			cJSON *params = example_params(ex);
			const cJSON *res = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(ex, "result"), "value");
			check_value(o, name, params, res);
			cJSON_Delete(params);
		}
		check_value(o, name, NULL, NULL);
		check_value(o, name, plain, plain);
		const cJSON *v;
		cJSON_ArrayForEach (v, plain)
			check_value(o, name, v, v);
	}
	check_value(o, "no_such_method", plain, plain);
	const cJSON *s;
	cJSON_ArrayForEach (
		s, cJSON_GetObjectItemCaseSensitive(
			   cJSON_GetObjectItemCaseSensitive(root, "components"), "schemas")) {
		struct dlt_schema_errors e = { 0 };
		const cJSON *v;
		cJSON_ArrayForEach (v, plain) {
			int q = dlt_openrpc_check_schema(o, s->string, v, NULL);
			same_answer(q, dlt_openrpc_check_schema(o, s->string, v, &e), &e);
			dlt_schema_errors_clear(&e);
		}
		dlt_schema_errors_free(&e);
	}
	static const long codes[] = { 0, 3, -32000, -32603, -32700, 4444, LONG_MIN, LONG_MAX };
	struct dlt_openrpc_error_info info;
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
		if (dlt_openrpc_error_group(o, codes[i], &info) == 0)
			DLT_FUZZ_ASSERT(info.group && info.code == codes[i]);
	cJSON_Delete(plain);
	dlt_openrpc_free(o);
	dlt_fuzz_file_close(fd);
	return 0;
}

DLT_FUZZ_TARGET(openrpc)
