/*
 * vectors.c: loader and validator for the JSON files in vectors/ (vectors.h, docs/vectors.md).
 * A file is one JSON object: id, title, source {spec, repository, path, commit, url?, section?,
 * notes?}, roadmap [requirement ids], cases [{name, input, expected, notes?, source?}], and
 * optionally format, description, notes. Unknown members are refused so that a misspelt field
 * cannot silently drop data. Files are read in name order; lookups are linear (a few dozen).
 */
#include "runner/vectors.h"
#include "common/err.h"
#include "common/file.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct vec_entry {
	char *id;
	char *file;
	cJSON *json;
};

struct dlt_vectors {
	struct vec_entry *e;
	size_t n;
};

/* ---- validation ---- */

struct vctx {
	const char *file;
	char *err;
	size_t errlen;
};

static int bad(struct vctx *c, const char *path, const char *fmt, ...)
{
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return dlt_seterr(c->err, c->errlen, "%s: %s: %s", c->file, path, msg);
}

static const char *type_name(const cJSON *j)
{
	if (cJSON_IsObject(j))
		return "an object";
	if (cJSON_IsArray(j))
		return "an array";
	if (cJSON_IsString(j))
		return "a string";
	if (cJSON_IsNumber(j))
		return "a number";
	if (cJSON_IsBool(j))
		return "a boolean";
	if (cJSON_IsNull(j))
		return "null";
	return "invalid";
}

static int id_char_ok(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '.' || ch == '-' || ch == '_';
}

/* member `key` of obj must be a non-empty string (when required) */
static int need_string(struct vctx *c, const cJSON *obj, const char *path, const char *key,
		       int required, const char **out)
{
	char p[200];
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
	snprintf(p, sizeof p, "%s.%s", path, key);
	if (out)
		*out = NULL;
	if (!m)
		return required ? bad(c, p, "missing") : 0;
	if (!cJSON_IsString(m))
		return bad(c, p, "must be a string, not %s", type_name(m));
	if (m->valuestring[0] == '\0')
		return bad(c, p, "must not be empty");
	if (out)
		*out = m->valuestring;
	return 0;
}

static int only_members(struct vctx *c, const cJSON *obj, const char *path,
			const char *const *allowed)
{
	const cJSON *m;
	char p[200];
	cJSON_ArrayForEach (m, obj) {
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			if (m->string && strcmp(m->string, *a) == 0)
				ok = 1;
		if (!ok) {
			snprintf(p, sizeof p, "%s.%s", path, m->string ? m->string : "?");
			return bad(c, p, "unknown member (see docs/vectors.md)");
		}
	}
	/* cJSON keeps duplicate keys; a file that repeats one is ambiguous */
	cJSON_ArrayForEach (m, obj) {
		for (const cJSON *o = m->next; o; o = o->next)
			if (m->string && o->string && strcmp(m->string, o->string) == 0) {
				snprintf(p, sizeof p, "%s.%s", path, m->string);
				return bad(c, p, "member appears twice");
			}
	}
	return 0;
}

static int check_source(struct vctx *c, const cJSON *src, const char *path)
{
	static const char *const allowed[] = { "spec", "repository", "path",  "commit",
					       "url",  "section",    "notes", NULL };
	const char *repo, *commit;
	char p[200];
	if (!cJSON_IsObject(src))
		return bad(c, path, "must be an object, not %s", type_name(src));
	if (only_members(c, src, path, allowed) != 0 ||
	    need_string(c, src, path, "spec", 1, NULL) != 0 ||
	    need_string(c, src, path, "repository", 1, &repo) != 0 ||
	    need_string(c, src, path, "path", 1, NULL) != 0 ||
	    need_string(c, src, path, "commit", 1, &commit) != 0 ||
	    need_string(c, src, path, "url", 0, NULL) != 0 ||
	    need_string(c, src, path, "section", 0, NULL) != 0 ||
	    need_string(c, src, path, "notes", 0, NULL) != 0)
		return -1;
	const char *slash = strchr(repo, '/');
	if (!slash || slash == repo || !slash[1] || strchr(slash + 1, '/')) {
		snprintf(p, sizeof p, "%s.repository", path);
		return bad(c, p, "\"%s\" is not owner/name", repo);
	}
	size_t n = strlen(commit);
	int hex = n == 40;
	for (size_t i = 0; hex && i < n; i++)
		hex = (commit[i] >= '0' && commit[i] <= '9') ||
		      (commit[i] >= 'a' && commit[i] <= 'f');
	if (!hex) {
		snprintf(p, sizeof p, "%s.commit", path);
		return bad(c, p, "\"%s\" is not a 40-digit lowercase hex commit id", commit);
	}
	return 0;
}

static int check_roadmap(struct vctx *c, const cJSON *rm)
{
	const cJSON *item;
	char p[64];
	int i = 0;
	if (!rm)
		return bad(c, "$.roadmap", "missing");
	if (!cJSON_IsArray(rm))
		return bad(c, "$.roadmap", "must be an array of requirement ids, not %s",
			   type_name(rm));
	cJSON_ArrayForEach (item, rm) {
		snprintf(p, sizeof p, "$.roadmap[%d]", i);
		if (!cJSON_IsString(item))
			return bad(c, p, "must be a string, not %s", type_name(item));
		/* AREA-NN: capital letters, a dash, digits */
		const char *s = item->valuestring;
		size_t k = 0;
		while (s[k] >= 'A' && s[k] <= 'Z')
			k++;
		int ok = k > 0 && s[k] == '-' && s[k + 1];
		for (size_t j = k + 1; ok && s[j]; j++)
			ok = s[j] >= '0' && s[j] <= '9';
		if (!ok)
			return bad(c, p, "\"%s\" is not a requirement id like \"DATA-04\"", s);
		for (const cJSON *o = rm->child; o != item; o = o->next)
			if (strcmp(o->valuestring, s) == 0)
				return bad(c, p, "\"%s\" is listed twice", s);
		i++;
	}
	return 0;
}

static int check_cases(struct vctx *c, const cJSON *cases)
{
	static const char *const allowed[] = {
		"name", "input", "expected", "notes", "source", NULL
	};
	const cJSON *cs;
	char p[64], q[80];
	int i = 0;
	if (!cases)
		return bad(c, "$.cases", "missing");
	if (!cJSON_IsArray(cases))
		return bad(c, "$.cases", "must be an array, not %s", type_name(cases));
	if (!cases->child)
		return bad(c, "$.cases", "must not be empty");
	cJSON_ArrayForEach (cs, cases) {
		const char *name;
		snprintf(p, sizeof p, "$.cases[%d]", i);
		if (!cJSON_IsObject(cs))
			return bad(c, p, "must be an object, not %s", type_name(cs));
		if (only_members(c, cs, p, allowed) != 0 ||
		    need_string(c, cs, p, "name", 1, &name) != 0 ||
		    need_string(c, cs, p, "notes", 0, NULL) != 0)
			return -1;
		if (!cJSON_GetObjectItemCaseSensitive(cs, "input")) {
			snprintf(q, sizeof q, "%s.input", p);
			return bad(c, q, "missing");
		}
		if (!cJSON_GetObjectItemCaseSensitive(cs, "expected")) {
			snprintf(q, sizeof q, "%s.expected", p);
			return bad(c, q, "missing");
		}
		const cJSON *src = cJSON_GetObjectItemCaseSensitive(cs, "source");
		if (src) {
			snprintf(q, sizeof q, "%s.source", p);
			if (check_source(c, src, q) != 0)
				return -1;
		}
		int j = 0;
		for (const cJSON *o = cases->child; o != cs; o = o->next, j++) {
			const cJSON *on = cJSON_GetObjectItemCaseSensitive(o, "name");
			if (strcmp(on->valuestring, name) == 0) {
				snprintf(q, sizeof q, "%s.name", p);
				return bad(c, q, "\"%s\" is also the name of $.cases[%d]", name, j);
			}
		}
		i++;
	}
	return 0;
}

int dlt_vectors_validate(const cJSON *doc, const char *file, char *err, size_t errlen)
{
	static const char *const allowed[] = { "format",  "id",    "title", "description", "source",
					       "roadmap", "cases", "notes", NULL };
	struct vctx c = { file, err, errlen };
	const char *id, *format;
	if (!cJSON_IsObject(doc))
		return bad(&c, "$", "must be an object, not %s", type_name(doc));
	if (only_members(&c, doc, "$", allowed) != 0 ||
	    need_string(&c, doc, "$", "format", 0, &format) != 0 ||
	    need_string(&c, doc, "$", "id", 1, &id) != 0 ||
	    need_string(&c, doc, "$", "title", 1, NULL) != 0 ||
	    need_string(&c, doc, "$", "description", 0, NULL) != 0 ||
	    need_string(&c, doc, "$", "notes", 0, NULL) != 0)
		return -1;
	if (format && strcmp(format, DLT_VECTORS_FORMAT) != 0)
		return bad(&c, "$.format", "\"%s\" is not \"%s\"", format, DLT_VECTORS_FORMAT);
	for (const char *s = id; *s; s++)
		if (!id_char_ok((unsigned char)*s))
			return bad(&c, "$.id",
				   "\"%s\" may hold only letters, digits, '.', '-' and '_'", id);
	const cJSON *src = cJSON_GetObjectItemCaseSensitive(doc, "source");
	if (!src)
		return bad(&c, "$.source", "missing");
	if (check_source(&c, src, "$.source") != 0 ||
	    check_roadmap(&c, cJSON_GetObjectItemCaseSensitive(doc, "roadmap")) != 0 ||
	    check_cases(&c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) != 0)
		return -1;
	return 0;
}

int dlt_vectors_load_file(const char *path, cJSON **out, char *err, size_t errlen)
{
	*out = NULL;
	cJSON *doc = dlt_load_json_file(path, err, errlen);
	if (!doc)
		return -1;
	if (dlt_vectors_validate(doc, path, err, errlen) != 0) {
		cJSON_Delete(doc);
		return -1;
	}
	*out = doc;
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_json_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

int dlt_vectors_load_dir(const char *dir, struct dlt_vectors **out, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct dlt_strlist names = { 0 };
	*out = NULL;
	if (!d)
		return dlt_seterr(err, errlen, "%s: cannot open vectors directory: %s", dir,
				  strerror(errno));
	while ((de = readdir(d)) != NULL)
		if (is_json_name(de->d_name))
			dlt_strlist_add(&names, de->d_name);
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, name_cmp);
	struct dlt_vectors *v = dlt_xcalloc(1, sizeof *v);
	v->e = dlt_xcalloc(names.n ? names.n : 1, sizeof *v->e);
	int rc = 0;
	size_t dl = strlen(dir);
	for (size_t i = 0; i < names.n && rc == 0; i++) {
		char *path =
			dlt_printf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names.v[i]);
		struct stat st;
		cJSON *doc;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path); /* a directory or dangling link named *.json */
			continue;
		}
		if (dlt_vectors_load_file(path, &doc, err, errlen) != 0) {
			free(path);
			rc = -1;
			break;
		}
		const char *id = cJSON_GetObjectItemCaseSensitive(doc, "id")->valuestring;
		for (size_t k = 0; k < v->n && rc == 0; k++)
			if (strcmp(v->e[k].id, id) == 0)
				rc = dlt_seterr(err, errlen,
						"%s: $.id: duplicate vector id \"%s\", also "
						"defined in %s",
						path, id, v->e[k].file);
		if (rc) {
			cJSON_Delete(doc);
			free(path);
			break;
		}
		struct vec_entry *e = &v->e[v->n++];
		e->file = path;
		e->json = doc;
		e->id = dlt_xstrdup(id);
	}
	dlt_strlist_free(&names);
	if (rc) {
		dlt_vectors_free(v);
		return -1;
	}
	*out = v;
	return 0;
}

static const struct vec_entry *find(const struct dlt_vectors *v, const char *id)
{
	if (!v || !id)
		return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->e[i].id, id) == 0)
			return &v->e[i];
	return NULL;
}

const cJSON *dlt_vectors_get(const struct dlt_vectors *v, const char *id)
{
	const struct vec_entry *e = find(v, id);
	return e ? e->json : NULL;
}

const char *dlt_vectors_file(const struct dlt_vectors *v, const char *id)
{
	const struct vec_entry *e = find(v, id);
	return e ? e->file : NULL;
}

size_t dlt_vectors_count(const struct dlt_vectors *v)
{
	return v ? v->n : 0;
}

const char *dlt_vectors_id_at(const struct dlt_vectors *v, size_t i)
{
	return v && i < v->n ? v->e[i].id : NULL;
}

void dlt_vectors_free(struct dlt_vectors *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		free(v->e[i].id);
		free(v->e[i].file);
		cJSON_Delete(v->e[i].json);
	}
	free(v->e);
	free(v);
}
