/*
 * openrpc_convert.c: YAML (libyaml) to cJSON, and the assembly of the execution-apis sources into
 * one OpenRPC-style document (see openrpc_convert.h and docs/schema.md).
 *
 * The YAML side is a recursive descent over libyaml's event stream: a mapping becomes an object
 * (member order kept), a sequence an array, a scalar a string or, when plain, whatever the YAML
 * 1.2 JSON-compatible rules make of it. Anything that could be read two ways is refused rather
 * than guessed, so the JSON never silently differs from what the specification's own tooling
 * reads.
 */
#include "openrpc_convert.h"
#include "schema/jsonschema.h"
#include "common/mem.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

/* ------------------------------------------------------------------ YAML -> cJSON */

struct anchor {
	char *name;
	cJSON *node;
};

struct yload {
	yaml_parser_t parser;
	const char *path;
	char *err;
	size_t errlen;
	int failed;
	struct anchor *anchors;
	size_t nanchors, capanchors;
};

static void yfail(struct yload *y, const yaml_mark_t *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void yfail(struct yload *y, const yaml_mark_t *m, const char *fmt, ...)
{
	if (y->failed)
		return;
	y->failed = 1;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (m)
		snprintf(y->err, y->errlen, "%s:%zu:%zu: %s", y->path, m->line + 1, m->column + 1,
			 msg);
	else
		snprintf(y->err, y->errlen, "%s: %s", y->path, msg);
}

static int ynext(struct yload *y, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&y->parser, ev)) {
		yaml_mark_t m = y->parser.problem_mark;
		yfail(y, &m, "YAML error: %s%s%s", y->parser.problem ? y->parser.problem : "?",
		      y->parser.context ? " " : "", y->parser.context ? y->parser.context : "");
		return -1;
	}
	return 0;
}

/* Remember a copy of node under name (memory: common/mem.h's one policy). */
static void add_anchor(struct yload *y, const char *name, const cJSON *node)
{
	if (y->nanchors == y->capanchors) {
		size_t n = y->capanchors ? y->capanchors * 2 : 8;
		y->anchors = dlt_xrealloc(y->anchors, n * sizeof *y->anchors);
		y->capanchors = n;
	}
	y->anchors[y->nanchors].name = dlt_xstrdup(name);
	y->anchors[y->nanchors].node = cJSON_Duplicate(node, 1);
	y->nanchors++;
}

static const cJSON *find_anchor(const struct yload *y, const char *name)
{
	for (size_t i = y->nanchors; i > 0; i--) /* the latest definition wins */
		if (!strcmp(y->anchors[i - 1].name, name))
			return y->anchors[i - 1].node;
	return NULL;
}

static int match_all(const char *s, int (*cls)(int))
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!cls((unsigned char)*s))
			return 0;
	return 1;
}

static int is_dec_int(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	return match_all(s, isdigit);
}

static int is_dec_float(const char *s)
{
	/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
	if (*s == '-' || *s == '+')
		s++;
	int digits = 0;
	while (isdigit((unsigned char)*s)) {
		s++;
		digits++;
	}
	if (*s == '.') {
		s++;
		int frac = 0;
		while (isdigit((unsigned char)*s)) {
			s++;
			frac++;
		}
		if (!digits && !frac)
			return 0;
	} else if (!digits) {
		return 0;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

static cJSON *number_node(struct yload *y, const yaml_mark_t *m, const char *v)
{
	errno = 0;
	double d = strtod(v, NULL);
	if (errno == ERANGE || !isfinite(d)) {
		yfail(y, m, "number %s is out of range", v);
		return NULL;
	}
	if (is_dec_int(v) && fabs(d) > 9007199254740992.0) {
		yfail(y, m, "integer %s cannot be held exactly in JSON numbers (quote it)", v);
		return NULL;
	}
	return cJSON_CreateNumber(d);
}

static int is_one_of(const char *v, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(v, *words))
			return 1;
	return 0;
}

static const char *const null_words[] = { "", "~", "null", "Null", "NULL", NULL };
static const char *const true_words[] = { "true", "True", "TRUE", NULL };
static const char *const false_words[] = { "false", "False", "FALSE", NULL };

static cJSON *scalar_node(struct yload *y, const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	const char *tag = (const char *)ev->data.scalar.tag;
	const yaml_mark_t *m = &ev->start_mark;
	if (strlen(v) != ev->data.scalar.length) {
		yfail(y, m, "scalar holds a NUL character");
		return NULL;
	}
	if (tag && strcmp(tag, "!") != 0) {
		if (!strcmp(tag, YAML_STR_TAG))
			return cJSON_CreateString(v);
		if (!strcmp(tag, YAML_NULL_TAG) && is_one_of(v, null_words))
			return cJSON_CreateNull();
		if (!strcmp(tag, YAML_BOOL_TAG) && is_one_of(v, true_words))
			return cJSON_CreateTrue();
		if (!strcmp(tag, YAML_BOOL_TAG) && is_one_of(v, false_words))
			return cJSON_CreateFalse();
		if (!strcmp(tag, YAML_INT_TAG) && is_dec_int(v))
			return number_node(y, m, v);
		if (!strcmp(tag, YAML_FLOAT_TAG) && (is_dec_float(v) || is_dec_int(v)))
			return number_node(y, m, v);
		yfail(y, m, "unsupported tag %s for \"%s\"", tag, v);
		return NULL;
	}
	if (tag || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return cJSON_CreateString(v); /* quoted, block, or the non-specific "!" tag */
	if (is_one_of(v, null_words))
		return cJSON_CreateNull();
	if (is_one_of(v, true_words))
		return cJSON_CreateTrue();
	if (is_one_of(v, false_words))
		return cJSON_CreateFalse();
	if (is_dec_int(v) || is_dec_float(v))
		return number_node(y, m, v);
	const char *u = v + (*v == '-' || *v == '+');
	if ((u[0] == '0' && (u[1] == 'x' || u[1] == 'o') && u[2] &&
	     isxdigit((unsigned char)u[2])) ||
	    !strcmp(u, ".inf") || !strcmp(u, ".Inf") || !strcmp(u, ".INF") || !strcmp(v, ".nan") ||
	    !strcmp(v, ".NaN") || !strcmp(v, ".NAN")) {
		yfail(y, m,
		      "plain scalar %s reads as a YAML number that JSON cannot hold exactly or at "
		      "all; quote it",
		      v);
		return NULL;
	}
	return cJSON_CreateString(v);
}

static cJSON *yparse_node(struct yload *y, yaml_event_t *ev, int depth);

static cJSON *yparse_mapping(struct yload *y, int depth)
{
	cJSON *obj = cJSON_CreateObject();
	if (!obj)
		return NULL;
	for (;;) {
		yaml_event_t k;
		if (ynext(y, &k) != 0)
			goto bad;
		if (k.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&k);
			return obj;
		}
		if (k.type != YAML_SCALAR_EVENT) {
			yfail(y, &k.start_mark, "mapping keys must be scalars");
			yaml_event_delete(&k);
			goto bad;
		}
		char *key = dlt_xstrdup((const char *)k.data.scalar.value);
		yaml_mark_t km = k.start_mark;
		yaml_event_delete(&k);
		if (!strcmp(key, "<<")) {
			yfail(y, &km, "merge keys (<<) are not supported");
			free(key);
			goto bad;
		}
		if (cJSON_GetObjectItemCaseSensitive(obj, key)) {
			yfail(y, &km, "duplicate key \"%s\"", key);
			free(key);
			goto bad;
		}
		yaml_event_t v;
		if (ynext(y, &v) != 0) {
			free(key);
			goto bad;
		}
		cJSON *val = yparse_node(y, &v, depth + 1);
		yaml_event_delete(&v);
		if (!val) {
			free(key);
			goto bad;
		}
		cJSON_AddItemToObject(obj, key, val);
		free(key);
	}
bad:
	cJSON_Delete(obj);
	return NULL;
}

static cJSON *yparse_sequence(struct yload *y, int depth)
{
	cJSON *arr = cJSON_CreateArray();
	if (!arr)
		return NULL;
	for (;;) {
		yaml_event_t e;
		if (ynext(y, &e) != 0)
			goto bad;
		if (e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			return arr;
		}
		cJSON *val = yparse_node(y, &e, depth + 1);
		yaml_event_delete(&e);
		if (!val)
			goto bad;
		cJSON_AddItemToArray(arr, val);
	}
bad:
	cJSON_Delete(arr);
	return NULL;
}

/* Build the node that starts with event ev (the caller deletes ev). */
static cJSON *yparse_node(struct yload *y, yaml_event_t *ev, int depth)
{
	if (depth > 500) {
		yfail(y, &ev->start_mark, "nesting too deep");
		return NULL;
	}
	cJSON *n = NULL;
	const char *anchor = NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = (const char *)ev->data.scalar.anchor;
		n = scalar_node(y, ev);
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = (const char *)ev->data.mapping_start.anchor;
		if (ev->data.mapping_start.tag &&
		    strcmp((const char *)ev->data.mapping_start.tag, YAML_MAP_TAG) != 0) {
			yfail(y, &ev->start_mark, "unsupported tag %s", ev->data.mapping_start.tag);
			return NULL;
		}
		n = yparse_mapping(y, depth);
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = (const char *)ev->data.sequence_start.anchor;
		if (ev->data.sequence_start.tag &&
		    strcmp((const char *)ev->data.sequence_start.tag, YAML_SEQ_TAG) != 0) {
			yfail(y, &ev->start_mark, "unsupported tag %s",
			      ev->data.sequence_start.tag);
			return NULL;
		}
		n = yparse_sequence(y, depth);
		break;
	case YAML_ALIAS_EVENT: {
		const cJSON *a = find_anchor(y, (const char *)ev->data.alias.anchor);
		if (!a) {
			yfail(y, &ev->start_mark, "alias *%s before its anchor",
			      ev->data.alias.anchor);
			return NULL;
		}
		n = cJSON_Duplicate(a, 1);
		break;
	}
	default: yfail(y, &ev->start_mark, "unexpected YAML event %d", (int)ev->type); return NULL;
	}
	if (anchor)
		add_anchor(y, anchor, n);
	return n;
}

cJSON *dlt_yaml_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct yload y;
	memset(&y, 0, sizeof y);
	y.path = path;
	y.err = err;
	y.errlen = errlen;
	if (!yaml_parser_initialize(&y.parser)) {
		fclose(f);
		snprintf(err, errlen, "%s: cannot initialise the YAML parser", path);
		return NULL;
	}
	yaml_parser_set_input_file(&y.parser, f);
	cJSON *doc = NULL;
	int ndocs = 0;
	yaml_event_t ev;
	for (;;) {
		if (ynext(&y, &ev) != 0)
			break;
		yaml_event_type_t t = ev.type;
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if (t == YAML_DOCUMENT_START_EVENT) {
			if (++ndocs > 1) {
				yfail(&y, &ev.start_mark, "more than one YAML document");
				yaml_event_delete(&ev);
				break;
			}
			yaml_event_delete(&ev);
			continue;
		}
		doc = yparse_node(&y, &ev, 0);
		yaml_event_delete(&ev);
		if (!doc)
			break;
	}
	yaml_parser_delete(&y.parser);
	fclose(f);
	for (size_t i = 0; i < y.nanchors; i++) {
		free(y.anchors[i].name);
		cJSON_Delete(y.anchors[i].node);
	}
	free(y.anchors);
	if (y.failed) {
		cJSON_Delete(doc);
		return NULL;
	}
	if (!doc)
		doc = cJSON_CreateNull(); /* an empty file */
	return doc;
}

/* ------------------------------------------------------------------ assembly */

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml files of dir, sorted; NULL with err when dir cannot be read. */
static char **list_yaml(const char *dir, size_t *n, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	char **v = NULL;
	size_t cnt = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 6 || strcmp(e->d_name + l - 5, ".yaml") != 0 || e->d_name[0] == '.')
			continue;
		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			v = dlt_xrealloc(v, cap * sizeof *v);
		}
		v[cnt++] = dlt_xstrdup(e->d_name);
	}
	closedir(d);
	if (!v)
		v = dlt_xcalloc(1, sizeof *v);
	qsort(v, cnt, sizeof *v, cmp_name);
	*n = cnt;
	return v;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Check every "$ref" string of n resolves in root. */
static int check_refs(const cJSON *root, const cJSON *n, const char *where, char *err,
		      size_t errlen)
{
	if (cJSON_IsObject(n)) {
		for (const cJSON *m = n->child; m; m = m->next) {
			if (m->string && !strcmp(m->string, "$ref") && cJSON_IsString(m) &&
			    !dlt_schema_resolve_ref(root, m->valuestring)) {
				snprintf(err, errlen, "%s: $ref \"%s\" does not resolve", where,
					 m->valuestring);
				return -1;
			}
			if (check_refs(root, m, where, err, errlen) != 0)
				return -1;
		}
	} else if (cJSON_IsArray(n)) {
		for (const cJSON *m = n->child; m; m = m->next)
			if (check_refs(root, m, where, err, errlen) != 0)
				return -1;
	}
	return 0;
}

struct part {
	const char *sub; /* directory below dir */
	int is_methods; /* 1: files hold arrays of methods; 0: maps of named entries */
	cJSON *target; /* methods array, or components.<x> object */
	cJSON *origin; /* name -> file, to report duplicates */
};

int dlt_openrpc_convert(const char *dir, const struct dlt_openrpc_source *source, cJSON **out,
			char *err, size_t errlen)
{
	*out = NULL;
	const char *repo =
		source && source->repository ? source->repository : DLT_EXECUTION_APIS_REPOSITORY;
	const char *commit = source && source->commit ? source->commit : DLT_EXECUTION_APIS_COMMIT;
	cJSON *root = cJSON_CreateObject();
	cJSON *info = cJSON_CreateObject();
	cJSON *xs = cJSON_CreateObject();
	cJSON *files = cJSON_CreateArray();
	cJSON *methods = cJSON_CreateArray();
	cJSON *components = cJSON_CreateObject();
	cJSON *schemas = cJSON_CreateObject();
	cJSON *groups = cJSON_CreateObject();
	cJSON *origin = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "openrpc", "1.2.4");
	cJSON_AddStringToObject(info, "title", "Ethereum JSON-RPC Specification (execution-apis)");
	cJSON_AddStringToObject(info, "version", commit);
	cJSON *lic = cJSON_AddObjectToObject(info, "license");
	cJSON_AddStringToObject(lic, "name", "CC0-1.0");
	cJSON_AddStringToObject(lic, "url", "https://creativecommons.org/publicdomain/zero/1.0/");
	cJSON_AddItemToObject(root, "info", info);
	cJSON_AddStringToObject(xs, "repository", repo);
	cJSON_AddStringToObject(xs, "commit", commit);
	cJSON_AddStringToObject(xs, "converter", "tools/openrpc-convert (dlt-interop)");
	cJSON_AddItemToObject(xs, "files", files);
	cJSON_AddItemToObject(root, "x-source", xs);
	cJSON_AddItemToObject(root, "methods", methods);
	cJSON_AddItemToObject(components, "schemas", schemas);
	cJSON_AddItemToObject(components, "error-groups", groups);
	cJSON_AddItemToObject(root, "components", components);

	struct part parts[] = {
		{ "src/eth", 1, methods, NULL },
		{ "src/schemas", 0, schemas, NULL },
		{ "src/error-groups", 0, groups, NULL },
	};
	int rc = 0;
	for (size_t p = 0; p < sizeof parts / sizeof parts[0] && rc == 0; p++) {
		char sub[4096];
		snprintf(sub, sizeof sub, "%s/%s", dir, parts[p].sub);
		size_t n = 0;
		char **names = list_yaml(sub, &n, err, errlen);
		if (!names) {
			rc = -1;
			break;
		}
		if (n == 0) {
			snprintf(err, errlen, "%s: no *.yaml files", sub);
			rc = -1;
		}
		for (size_t i = 0; i < n && rc == 0; i++) {
			char path[4200], rel[600];
			snprintf(path, sizeof path, "%s/%s", sub, names[i]);
			snprintf(rel, sizeof rel, "%s/%s", parts[p].sub, names[i]);
			cJSON *y = dlt_yaml_load(path, err, errlen);
			if (!y) {
				rc = -1;
				break;
			}
			cJSON_AddItemToArray(files, cJSON_CreateString(rel));
			if (parts[p].is_methods) {
				if (!cJSON_IsArray(y)) {
					snprintf(err, errlen, "%s: expected a list of methods",
						 path);
					rc = -1;
				}
				while (rc == 0 && cJSON_GetArraySize(y) > 0) {
					cJSON *m = cJSON_DetachItemFromArray(y, 0);
					const cJSON *nm =
						cJSON_GetObjectItemCaseSensitive(m, "name");
					if (!cJSON_IsObject(m) || !cJSON_IsString(nm)) {
						snprintf(err, errlen, "%s: a method without a name",
							 path);
						cJSON_Delete(m);
						rc = -1;
						break;
					}
					const cJSON *seen = cJSON_GetObjectItemCaseSensitive(
						origin, nm->valuestring);
					if (seen) {
						snprintf(err, errlen,
							 "%s: method %s already defined in %s",
							 path, nm->valuestring, seen->valuestring);
						cJSON_Delete(m);
						rc = -1;
						break;
					}
					cJSON_AddStringToObject(origin, nm->valuestring, rel);
					cJSON_AddItemToArray(methods, m);
				}
			} else {
				if (!cJSON_IsObject(y)) {
					snprintf(err, errlen,
						 "%s: expected a mapping of named entries", path);
					rc = -1;
				}
				while (rc == 0 && y->child) {
					cJSON *e = cJSON_DetachItemViaPointer(y, y->child);
					char key[600];
					snprintf(key, sizeof key, "%s %s", parts[p].sub, e->string);
					const cJSON *seen =
						cJSON_GetObjectItemCaseSensitive(origin, key);
					if (seen || cJSON_GetObjectItemCaseSensitive(
							    parts[p].target, e->string)) {
						snprintf(err, errlen,
							 "%s: %s already defined in %s", path,
							 e->string, seen ? seen->valuestring : "?");
						cJSON_Delete(e);
						rc = -1;
						break;
					}
					cJSON_AddStringToObject(origin, key, rel);
					char *k = e->string;
					e->string = NULL;
					cJSON_AddItemToObject(parts[p].target, k, e);
					free(k);
				}
			}
			cJSON_Delete(y);
		}
		free_list(names, n);
	}
	if (rc == 0) {
		/* every $ref must point into the document, naming where it came from */
		for (const cJSON *m = methods->child; m && rc == 0; m = m->next) {
			const cJSON *nm = cJSON_GetObjectItemCaseSensitive(m, "name");
			char where[300];
			snprintf(where, sizeof where, "%s (method %s)",
				 cJSON_GetObjectItemCaseSensitive(origin, nm->valuestring)
					 ->valuestring,
				 nm->valuestring);
			rc = check_refs(root, m, where, err, errlen);
		}
		for (size_t p = 1; p < 3 && rc == 0; p++) {
			for (const cJSON *e = parts[p].target->child; e && rc == 0; e = e->next) {
				char key[600], where[900];
				snprintf(key, sizeof key, "%s %s", parts[p].sub, e->string);
				const cJSON *o = cJSON_GetObjectItemCaseSensitive(origin, key);
				snprintf(where, sizeof where, "%s (%s)", o ? o->valuestring : "?",
					 e->string);
				rc = check_refs(root, e, where, err, errlen);
			}
		}
	}
	cJSON_Delete(origin);
	if (rc != 0) {
		cJSON_Delete(root);
		return -1;
	}
	*out = root;
	return 0;
}

/* ------------------------------------------------------------------ strict comparison */

static void diff_path(char *buf, size_t len, const char *base, const char *key, int index)
{
	if (key) {
		int ident = isalpha((unsigned char)key[0]) || key[0] == '_' || key[0] == '$';
		for (const char *k = key; *k && ident; k++)
			if (!isalnum((unsigned char)*k) && *k != '_' && *k != '$' && *k != '-')
				ident = 0;
		if (ident)
			snprintf(buf, len, "%s.%s", base, key);
		else
			snprintf(buf, len, "%s[\"%s\"]", base, key);
	} else {
		snprintf(buf, len, "%s[%d]", base, index);
	}
}

static char *short_json(const cJSON *v)
{
	char *s = cJSON_PrintUnformatted(v);
	if (s && strlen(s) > 60)
		strcpy(s + 57, "...");
	return s;
}

static int diff_rec(const cJSON *a, const cJSON *b, const char *path, char *where, size_t len)
{
	int ta = a->type & 0xFF, tb = b->type & 0xFF;
	if (ta != tb)
		goto differ;
	if (cJSON_IsNumber(a)) {
		if (a->valuedouble != b->valuedouble)
			goto differ;
		return 0;
	}
	if (cJSON_IsString(a)) {
		if (strcmp(a->valuestring, b->valuestring) != 0)
			goto differ;
		return 0;
	}
	if (cJSON_IsArray(a) || cJSON_IsObject(a)) {
		const cJSON *x = a->child, *y = b->child;
		int i = 0;
		for (; x && y; x = x->next, y = y->next, i++) {
			char sub[1024];
			if (cJSON_IsObject(a)) {
				if (strcmp(x->string, y->string) != 0) {
					diff_path(sub, sizeof sub, path, x->string, 0);
					snprintf(where, len,
						 "%s: member \"%s\" where the other has \"%s\"",
						 sub, x->string, y->string);
					return 1;
				}
				diff_path(sub, sizeof sub, path, x->string, 0);
			} else {
				diff_path(sub, sizeof sub, path, NULL, i);
			}
			if (diff_rec(x, y, sub, where, len))
				return 1;
		}
		if (x || y) {
			char sub[1024];
			const cJSON *extra = x ? x : y;
			if (cJSON_IsObject(a))
				diff_path(sub, sizeof sub, path, extra->string, 0);
			else
				diff_path(sub, sizeof sub, path, NULL, i);
			snprintf(where, len, "%s: only in the %s", sub, x ? "first" : "second");
			return 1;
		}
		return 0;
	}
	return 0;
differ : {
	char *sa = short_json(a), *sb = short_json(b);
	snprintf(where, len, "%s: %s vs %s", path, sa ? sa : "?", sb ? sb : "?");
	free(sa);
	free(sb);
	return 1;
}
}

int dlt_openrpc_convert_diff(const cJSON *a, const cJSON *b, char *where, size_t wherelen)
{
	if (!a || !b) {
		snprintf(where, wherelen, "$: %s missing", a ? "second" : "first");
		return a == b ? 0 : 1;
	}
	return diff_rec(a, b, "$", where, wherelen);
}
