/*
 * jsondiff.h: deep comparison of two JSON values with a path-level difference list, the
 * core of every equality check and of the field-level interoperability divergences.
 */
#ifndef DLT_JSONDIFF_H
#define DLT_JSONDIFF_H

#include <cjson/cJSON.h>

/* Appends to out (an array) one object per differing leaf:
 *   {"path":"$.logs[0].data", A: <a value>, B: <b value>}
 * where A and B are the given member names ("expected"/"actual", or "a"/"b"); a value
 * missing on one side gives {"path":..., A or B: value, "missing": B or A}. Returns the number of
 * entries added (0: equal). At most max entries are added; the count still reflects all. */
int dlt_json_diff(const cJSON *a, const cJSON *b, const char *path, const char *name_a,
		  const char *name_b, cJSON *out, int max);
/* The same, with every value of an entry whose JSON text is longer than value_max bytes
 * replaced by its truncation marker (runner/json_trunc.h) with a head of DLT_JSON_DIFF_HEAD
 * bytes: a diff never repeats a big value whole. */
#define DLT_JSON_DIFF_HEAD 256
int dlt_json_diff_capped(const cJSON *a, const cJSON *b, const char *path, const char *name_a,
			 const char *name_b, cJSON *out, int max, size_t value_max);
/* The value at a path of the form used above ($, $.name, $[3], $["odd name"]), or NULL. */
const cJSON *dlt_json_at(const cJSON *root, const char *path);
/* 1 when deep-equal (numbers by value, exact integers exactly, object member order ignored). */
int dlt_json_equal(const cJSON *a, const cJSON *b);

#endif
