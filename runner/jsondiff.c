/*
 * jsondiff.c: deep JSON comparison with JSON-path differences (see jsondiff.h).
 * Paths use the $.member[index] notation; member names that are not identifiers are quoted
 * ($["content-type"]).
 */
#include "jsondiff.h"

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

static void add_entry(cJSON *out, int *count, int max, const char *path, const char *name_a,
		      const cJSON *a, const char *name_b, const cJSON *b)
{
	(*count)++;
	if (!out || *count > max)
		return;
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "path", path);
	if (a)
		cJSON_AddItemToObject(e, name_a, cJSON_Duplicate(a, 1));
	if (b)
		cJSON_AddItemToObject(e, name_b, cJSON_Duplicate(b, 1));
	if (!a)
		cJSON_AddStringToObject(e, "missing", name_a);
	if (!b)
		cJSON_AddStringToObject(e, "missing", name_b);
	cJSON_AddItemToArray(out, e);
}

static int same_kind(const cJSON *a, const cJSON *b)
{
	int ta = a->type & 0xff, tb = b->type & 0xff;
	if ((ta == cJSON_True || ta == cJSON_False) && (tb == cJSON_True || tb == cJSON_False))
		return 1;
	return ta == tb;
}

static void diff(const cJSON *a, const cJSON *b, const char *path, const char *na, const char *nb,
		 cJSON *out, int *count, int max)
{
	if (!same_kind(a, b)) {
		add_entry(out, count, max, path, na, a, nb, b);
		return;
	}
	if (cJSON_IsObject(a)) {
		const cJSON *x;
		cJSON_ArrayForEach(x, a) {
			const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, x->string);
			char *p = member_path(path, x->string);
			if (!p)
				return;
			if (!y)
				add_entry(out, count, max, p, na, x, nb, NULL);
			else
				diff(x, y, p, na, nb, out, count, max);
			free(p);
		}
		cJSON_ArrayForEach(x, b) {
			if (!cJSON_GetObjectItemCaseSensitive(a, x->string)) {
				char *p = member_path(path, x->string);
				if (!p)
					return;
				add_entry(out, count, max, p, na, NULL, nb, x);
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
				diff(x, y, p, na, nb, out, count, max);
			else
				add_entry(out, count, max, p, na, x, nb, y);
			x = x ? x->next : NULL;
			y = y ? y->next : NULL;
		}
		free(p);
		return;
	}
	int equal;
	if (cJSON_IsNumber(a))
		equal = a->valuedouble == b->valuedouble;
	else if (cJSON_IsString(a))
		equal = strcmp(a->valuestring, b->valuestring) == 0;
	else if (cJSON_IsBool(a))
		equal = cJSON_IsTrue(a) == cJSON_IsTrue(b);
	else
		equal = 1; /* both null */
	if (!equal)
		add_entry(out, count, max, path, na, a, nb, b);
}

int dlt_json_diff(const cJSON *a, const cJSON *b, const char *path, const char *name_a,
		  const char *name_b, cJSON *out, int max)
{
	int count = 0;
	if (!a || !b) {
		if (a != b)
			add_entry(out, &count, max, path ? path : "$", name_a, a, name_b, b);
		return count;
	}
	diff(a, b, path ? path : "$", name_a, name_b, out, &count, max);
	return count;
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
