/*
 * jsondiff.c: deep JSON comparison with JSON-path differences (see jsondiff.h).
 * Paths use the $.member[index] notation; member names that are not identifiers are quoted
 * ($["content-type"]). Exact integers (raw numbers written by lua_json.c) compare by their
 * digits, and with a double only when the double holds exactly that integer.
 */
#include "runner/jsondiff.h"
#include "common/json_trunc.h"

#include <errno.h>
#include <math.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_ident(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

static char *member_path(const char *path, const char *key)
{
	size_t n = strlen(path) + strlen(key) * 2 + 8;
	char *p = malloc(n);
	if (!p)
		return NULL;
	if (is_ident(key))
		snprintf(p, n, "%s.%s", path, key);
	else {
		size_t j = (size_t)snprintf(p, n, "%s[\"", path);
		for (const char *k = key; *k && j + 4 < n; k++) {
			if (*k == '"' || *k == '\\')
				p[j++] = '\\';
			p[j++] = *k;
		}
		p[j++] = '"';
		p[j++] = ']';
		p[j] = '\0';
	}
	return p;
}

struct diff_out {
	cJSON *out;
	int count, max;
	size_t value_max; /* 0: values copied whole */
};

/* A copy of v for an entry, or its truncation marker when its text is longer than the cap. */
static cJSON *entry_value(const struct diff_out *o, const cJSON *v)
{
	if (o->value_max && dlt_json_text_size(v, o->value_max) > o->value_max)
		return dlt_json_truncated_marker(v, DLT_JSON_DIFF_HEAD);
	return cJSON_Duplicate(v, 1);
}

static void add_entry(struct diff_out *o, const char *path, const char *name_a, const cJSON *a,
		      const char *name_b, const cJSON *b)
{
	o->count++;
	if (!o->out || o->count > o->max)
		return;
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "path", path);
	if (a)
		cJSON_AddItemToObject(e, name_a, entry_value(o, a));
	if (b)
		cJSON_AddItemToObject(e, name_b, entry_value(o, b));
	if (!a)
		cJSON_AddStringToObject(e, "missing", name_a);
	if (!b)
		cJSON_AddStringToObject(e, "missing", name_b);
	cJSON_AddItemToArray(o->out, e);
}

static int kind_of(const cJSON *v)
{
	int t = v->type & 0xff;
	if (t == cJSON_False)
		return cJSON_True;
	if (t == cJSON_Raw)
		return cJSON_Number; /* raw items are exact integers */
	return t;
}

static int same_kind(const cJSON *a, const cJSON *b)
{
	return kind_of(a) == kind_of(b);
}

/* An exact integer (raw digits) and a number: equal only when the number is that integer. */
static int raw_equals(const cJSON *raw, const cJSON *other)
{
	if (cJSON_IsRaw(other))
		return raw->valuestring && other->valuestring &&
		       strcmp(raw->valuestring, other->valuestring) == 0;
	if (!raw->valuestring)
		return 0;
	errno = 0;
	char *end;
	long long i = strtoll(raw->valuestring, &end, 10);
	if (errno || *end)
		return 0;
	double d = other->valuedouble;
	/* 2^63 as a double is out of range for long long */
	if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != floor(d))
		return 0;
	return (long long)d == i;
}

static void diff(const cJSON *a, const cJSON *b, const char *path, const char *na, const char *nb,
		 struct diff_out *o)
{
	if (!same_kind(a, b)) {
		add_entry(o, path, na, a, nb, b);
		return;
	}
	if (cJSON_IsObject(a)) {
		const cJSON *x;
		cJSON_ArrayForEach (x, a) {
			const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, x->string);
			char *p = member_path(path, x->string);
			if (!p)
				return;
			if (!y)
				add_entry(o, p, na, x, nb, NULL);
			else
				diff(x, y, p, na, nb, o);
			free(p);
		}
		cJSON_ArrayForEach (x, b) {
			if (!cJSON_GetObjectItemCaseSensitive(a, x->string)) {
				char *p = member_path(path, x->string);
				if (!p)
					return;
				add_entry(o, p, na, NULL, nb, x);
				free(p);
			}
		}
		return;
	}
	if (cJSON_IsArray(a)) {
		int n = cJSON_GetArraySize(a), m = cJSON_GetArraySize(b);
		const cJSON *x = a->child, *y = b->child;
		size_t plen = strlen(path) + 24;
		char *p = malloc(plen);
		if (!p)
			return;
		for (int i = 0; i < (n > m ? n : m); i++) {
			snprintf(p, plen, "%s[%d]", path, i);
			if (x && y)
				diff(x, y, p, na, nb, o);
			else
				add_entry(o, p, na, x, nb, y);
			x = x ? x->next : NULL;
			y = y ? y->next : NULL;
		}
		free(p);
		return;
	}
	int equal;
	if (cJSON_IsRaw(a))
		equal = raw_equals(a, b);
	else if (cJSON_IsRaw(b))
		equal = raw_equals(b, a);
	else if (cJSON_IsNumber(a))
		equal = a->valuedouble == b->valuedouble;
	else if (cJSON_IsString(a))
		equal = strcmp(a->valuestring, b->valuestring) == 0;
	else if (cJSON_IsBool(a))
		equal = cJSON_IsTrue(a) == cJSON_IsTrue(b);
	else
		equal = 1; /* both null */
	if (!equal)
		add_entry(o, path, na, a, nb, b);
}

int dlt_json_diff_capped(const cJSON *a, const cJSON *b, const char *path, const char *name_a,
			 const char *name_b, cJSON *out, int max, size_t value_max)
{
	struct diff_out o = { out, 0, max, value_max };
	if (!a || !b) {
		if (a != b)
			add_entry(&o, path ? path : "$", name_a, a, name_b, b);
		return o.count;
	}
	diff(a, b, path ? path : "$", name_a, name_b, &o);
	return o.count;
}

int dlt_json_diff(const cJSON *a, const cJSON *b, const char *path, const char *name_a,
		  const char *name_b, cJSON *out, int max)
{
	return dlt_json_diff_capped(a, b, path, name_a, name_b, out, max, 0);
}

int dlt_json_equal(const cJSON *a, const cJSON *b)
{
	return dlt_json_diff(a, b, "$", "a", "b", NULL, 0) == 0;
}

const cJSON *dlt_json_at(const cJSON *root, const char *path)
{
	if (!path || path[0] != '$')
		return NULL;
	const cJSON *v = root;
	const char *p = path + 1;
	while (*p && v) {
		if (*p == '.') {
			p++;
			size_t n = strcspn(p, ".[");
			char *key = strndup(p, n);
			if (!key)
				return NULL;
			v = cJSON_GetObjectItemCaseSensitive(v, key);
			free(key);
			p += n;
		} else if (p[0] == '[' && p[1] == '"') {
			p += 2;
			char key[512];
			size_t j = 0;
			while (*p && *p != '"' && j + 1 < sizeof key) {
				if (*p == '\\' && p[1])
					p++;
				key[j++] = *p++;
			}
			key[j] = '\0';
			if (p[0] != '"' || p[1] != ']')
				return NULL;
			p += 2;
			v = cJSON_GetObjectItemCaseSensitive(v, key);
		} else if (*p == '[') {
			char *end;
			long i = strtol(p + 1, &end, 10);
			if (*end != ']' || i < 0)
				return NULL;
			v = cJSON_GetArrayItem(v, (int)i);
			p = end + 1;
		} else
			return NULL;
	}
	return v;
}
