/*
 * jsonschema_doc.c: schema documents (jsonschema.h, jsonschema_doc.h): loading, the one walk
 * that compiles every pattern (jsonschema_regex.c) and resolves every "$ref", the table of
 * analysed schema objects keyed by node address, and $ref / JSON pointer resolution.
 * After load a document is read-only, so any number of threads validate against it at once.
 */
#include "schema/jsonschema_doc.h"
#include "common/file.h"
#include "common/hex.h"
#include "common/mem.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct refent {
	const char *ref; /* points into the document */
	const cJSON *target;
};

struct dlt_schema_doc {
	cJSON *root;
	struct dlt_schema_regexes *regexes; /* every "pattern" and "patternProperties" key */
	struct refent *refs;
	size_t nrefs, caprefs;
	struct dlt_schema_node_info **infos; /* open addressing, keyed by node address */
	size_t infocap, ninfos;
};

const char *const dlt_schema_kw_names[DLT_SCHEMA_KW_COUNT] = {
	"$ref",
	"type",
	"enum",
	"const",
	"multipleOf",
	"maximum",
	"exclusiveMaximum",
	"minimum",
	"exclusiveMinimum",
	"maxLength",
	"minLength",
	"pattern",
	"items",
	"additionalItems",
	"maxItems",
	"minItems",
	"uniqueItems",
	"contains",
	"maxProperties",
	"minProperties",
	"required",
	"properties",
	"patternProperties",
	"additionalProperties",
	"dependencies",
	"propertyNames",
	"if",
	"then",
	"else",
	"allOf",
	"anyOf",
	"oneOf",
	"not",
};

const cJSON *dlt_schema_doc_root(const struct dlt_schema_doc *doc)
{
	return doc ? doc->root : NULL;
}

static const cJSON *resolve_pointer(const cJSON *root, const char *ref);

static void doc_add_ref(struct dlt_schema_doc *d, const char *ref)
{
	const cJSON *t = resolve_pointer(d->root, ref);
	if (!t)
		return; /* reported when validation reaches it */
	if (d->nrefs == d->caprefs) {
		size_t n = d->caprefs ? d->caprefs * 2 : 64;
		d->refs = dlt_xrealloc(d->refs, n * sizeof *d->refs);
		d->caprefs = n;
	}
	d->refs[d->nrefs++] = (struct refent){ ref, t };
}

/* Walk every node: collect "pattern" strings, "patternProperties" keys and "$ref" strings.
 * Over-collecting (a "pattern" member of an enum value) is harmless. A pattern that cannot be
 * used is kept with its reason, which validation reports when it reaches it. */
static void doc_walk(struct dlt_schema_doc *d, const cJSON *n, int depth)
{
	if (depth > 2000)
		return;
	if (cJSON_IsObject(n)) {
		for (const cJSON *m = n->child; m; m = m->next) {
			if (!m->string)
				continue;
			if (cJSON_IsString(m) && strcmp(m->string, "pattern") == 0)
				dlt_schema_regexes_add(d->regexes, m->valuestring);
			else if (cJSON_IsString(m) && strcmp(m->string, "$ref") == 0)
				doc_add_ref(d, m->valuestring);
			else if (cJSON_IsObject(m) && strcmp(m->string, "patternProperties") == 0)
				for (const cJSON *k = m->child; k; k = k->next)
					if (k->string)
						dlt_schema_regexes_add(d->regexes, k->string);
			doc_walk(d, m, depth + 1);
		}
	} else if (cJSON_IsArray(n)) {
		for (const cJSON *m = n->child; m; m = m->next)
			doc_walk(d, m, depth + 1);
	}
}

static int ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct refent *)a)->ref, ((const struct refent *)b)->ref);
}

/* Which keyword a member name is, or -1. */
static int kw_index(const char *n)
{
	switch (n[0]) {
	case '$': return !strcmp(n, "$ref") ? DLT_SCHEMA_KW_REF : -1;
	case 't':
		if (!strcmp(n, "type"))
			return DLT_SCHEMA_KW_TYPE;
		if (!strcmp(n, "then"))
			return DLT_SCHEMA_KW_THEN;
		return -1;
	case 'e':
		if (!strcmp(n, "enum"))
			return DLT_SCHEMA_KW_ENUM;
		if (!strcmp(n, "else"))
			return DLT_SCHEMA_KW_ELSE;
		if (!strcmp(n, "exclusiveMaximum"))
			return DLT_SCHEMA_KW_EXMAXIMUM;
		if (!strcmp(n, "exclusiveMinimum"))
			return DLT_SCHEMA_KW_EXMINIMUM;
		return -1;
	case 'c':
		if (!strcmp(n, "const"))
			return DLT_SCHEMA_KW_CONST;
		if (!strcmp(n, "contains"))
			return DLT_SCHEMA_KW_CONTAINS;
		return -1;
	case 'm':
		if (n[1] == 'a') {
			if (!strcmp(n, "maximum"))
				return DLT_SCHEMA_KW_MAXIMUM;
			if (!strcmp(n, "maxLength"))
				return DLT_SCHEMA_KW_MAXLENGTH;
			if (!strcmp(n, "maxItems"))
				return DLT_SCHEMA_KW_MAXITEMS;
			if (!strcmp(n, "maxProperties"))
				return DLT_SCHEMA_KW_MAXPROPS;
		} else if (n[1] == 'i') {
			if (!strcmp(n, "minimum"))
				return DLT_SCHEMA_KW_MINIMUM;
			if (!strcmp(n, "minLength"))
				return DLT_SCHEMA_KW_MINLENGTH;
			if (!strcmp(n, "minItems"))
				return DLT_SCHEMA_KW_MINITEMS;
			if (!strcmp(n, "minProperties"))
				return DLT_SCHEMA_KW_MINPROPS;
		} else if (!strcmp(n, "multipleOf")) {
			return DLT_SCHEMA_KW_MULTIPLEOF;
		}
		return -1;
	case 'p':
		if (!strcmp(n, "pattern"))
			return DLT_SCHEMA_KW_PATTERN;
		if (!strcmp(n, "properties"))
			return DLT_SCHEMA_KW_PROPERTIES;
		if (!strcmp(n, "patternProperties"))
			return DLT_SCHEMA_KW_PATPROPS;
		if (!strcmp(n, "propertyNames"))
			return DLT_SCHEMA_KW_PROPNAMES;
		return -1;
	case 'i':
		if (!strcmp(n, "items"))
			return DLT_SCHEMA_KW_ITEMS;
		if (!strcmp(n, "if"))
			return DLT_SCHEMA_KW_IF;
		return -1;
	case 'a':
		if (!strcmp(n, "additionalProperties"))
			return DLT_SCHEMA_KW_ADDPROPS;
		if (!strcmp(n, "additionalItems"))
			return DLT_SCHEMA_KW_ADDITEMS;
		if (!strcmp(n, "allOf"))
			return DLT_SCHEMA_KW_ALLOF;
		if (!strcmp(n, "anyOf"))
			return DLT_SCHEMA_KW_ANYOF;
		return -1;
	case 'r': return !strcmp(n, "required") ? DLT_SCHEMA_KW_REQUIRED : -1;
	case 'u': return !strcmp(n, "uniqueItems") ? DLT_SCHEMA_KW_UNIQUE : -1;
	case 'd': return !strcmp(n, "dependencies") ? DLT_SCHEMA_KW_DEPENDENCIES : -1;
	case 'o': return !strcmp(n, "oneOf") ? DLT_SCHEMA_KW_ONEOF : -1;
	case 'n': return !strcmp(n, "not") ? DLT_SCHEMA_KW_NOT : -1;
	default: return -1;
	}
}

/* Fill ni for schema object s. Annotations (title, description, default, examples, format,
 * $comment, $id, $schema, definitions, ...) are not keywords here: they are ignored. The
 * first of duplicate members counts. */
void dlt_schema_analyze(const struct dlt_schema_doc *d, const cJSON *s,
			struct dlt_schema_node_info *ni)
{
	memset(ni, 0, sizeof *ni);
	ni->node = s;
	for (const cJSON *m = s->child; m; m = m->next) {
		if (!m->string)
			continue;
		int k = kw_index(m->string);
		if (k >= 0 && !ni->kw[k]) {
			ni->kw[k] = m;
			ni->nkw++;
		}
	}
	if (ni->kw[DLT_SCHEMA_KW_REF] && cJSON_IsString(ni->kw[DLT_SCHEMA_KW_REF]))
		ni->ref_target = dlt_schema_doc_resolve(d, ni->kw[DLT_SCHEMA_KW_REF]->valuestring);
	if (ni->kw[DLT_SCHEMA_KW_PATTERN] && cJSON_IsString(ni->kw[DLT_SCHEMA_KW_PATTERN]))
		ni->pat = dlt_schema_doc_regex(d, ni->kw[DLT_SCHEMA_KW_PATTERN]->valuestring);
}

static size_t ptr_hash(const void *p, size_t cap)
{
	uintptr_t x = (uintptr_t)p;
	x ^= x >> 17;
	x *= (uintptr_t)0x9E3779B97F4A7C15ull;
	x ^= x >> 29;
	return (size_t)x & (cap - 1);
}

const struct dlt_schema_node_info *dlt_schema_node_info_get(const struct dlt_schema_doc *d,
							    const cJSON *s)
{
	if (!d || !d->infocap)
		return NULL;
	for (size_t i = ptr_hash(s, d->infocap);; i = (i + 1) & (d->infocap - 1)) {
		const struct dlt_schema_node_info *ni = d->infos[i];
		if (!ni)
			return NULL;
		if (ni->node == s)
			return ni;
	}
}

static int prop_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dlt_schema_prop *)a)->name,
		      ((const struct dlt_schema_prop *)b)->name);
}

/* Record the analysis of one object node of the document (when it has a keyword). */
static void info_add(struct dlt_schema_doc *d, const cJSON *s)
{
	struct dlt_schema_node_info tmp;
	dlt_schema_analyze(d, s, &tmp);
	if (tmp.nkw == 0)
		return;
	struct dlt_schema_node_info *ni = dlt_xmalloc(sizeof *ni);
	*ni = tmp;
	const cJSON *props = ni->kw[DLT_SCHEMA_KW_PROPERTIES];
	if (cJSON_IsObject(props) && props->child) {
		size_t n = 0;
		for (const cJSON *m = props->child; m; m = m->next)
			n++;
		ni->props = dlt_xmalloc(n * sizeof *ni->props);
		for (const cJSON *m = props->child; m; m = m->next)
			if (m->string)
				ni->props[ni->nprops++] = (struct dlt_schema_prop){ m->string, m };
		/* keep the first of duplicate names, as member lookup would */
		if (ni->nprops > 1) {
			qsort(ni->props, ni->nprops, sizeof *ni->props, prop_cmp);
			size_t w = 1;
			for (size_t i = 1; i < ni->nprops; i++)
				if (strcmp(ni->props[w - 1].name, ni->props[i].name) != 0)
					ni->props[w++] = ni->props[i];
			ni->nprops = w;
			/* qsort is not stable: re-pick the first duplicate in document order */
			for (size_t i = 0; i < ni->nprops; i++)
				for (const cJSON *m = props->child; m; m = m->next)
					if (m->string && !strcmp(m->string, ni->props[i].name)) {
						ni->props[i].schema = m;
						break;
					}
		}
	}
	for (size_t i = ptr_hash(s, d->infocap);; i = (i + 1) & (d->infocap - 1)) {
		if (!d->infos[i]) {
			d->infos[i] = ni;
			d->ninfos++;
			return;
		}
		if (d->infos[i]->node == s) { /* the same node reached twice */
			free(ni->props);
			free(ni);
			return;
		}
	}
}

static size_t count_objects(const cJSON *n, int depth)
{
	size_t c = 0;
	if (depth > 2000)
		return 0;
	if (cJSON_IsObject(n))
		c++;
	if (cJSON_IsObject(n) || cJSON_IsArray(n))
		for (const cJSON *m = n->child; m; m = m->next)
			c += count_objects(m, depth + 1);
	return c;
}

static void info_walk(struct dlt_schema_doc *d, const cJSON *n, int depth)
{
	if (depth > 2000)
		return;
	if (cJSON_IsObject(n))
		info_add(d, n);
	if (cJSON_IsObject(n) || cJSON_IsArray(n))
		for (const cJSON *m = n->child; m; m = m->next)
			info_walk(d, m, depth + 1);
}

void dlt_schema_doc_free(struct dlt_schema_doc *doc)
{
	if (!doc)
		return;
	dlt_schema_regexes_free(doc->regexes);
	free(doc->refs);
	for (size_t i = 0; i < doc->infocap; i++) {
		if (doc->infos[i]) {
			free(doc->infos[i]->props);
			free(doc->infos[i]);
		}
	}
	free(doc->infos);
	cJSON_Delete(doc->root);
	free(doc);
}

int dlt_schema_doc_take(cJSON *root, struct dlt_schema_doc **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!root) {
		snprintf(err, errlen, "no schema document");
		return -1;
	}
	struct dlt_schema_doc *d = dlt_xcalloc(1, sizeof *d);
	d->root = root;
	d->regexes = dlt_schema_regexes_new();
	doc_walk(d, root, 0);
	/* duplicates of a $ref string resolve to the same node: keep one */
	if (d->nrefs > 1)
		qsort(d->refs, d->nrefs, sizeof *d->refs, ref_cmp);
	size_t w = 0;
	for (size_t i = 0; i < d->nrefs; i++)
		if (w == 0 || strcmp(d->refs[w - 1].ref, d->refs[i].ref) != 0)
			d->refs[w++] = d->refs[i];
	d->nrefs = w;
	dlt_schema_regexes_seal(d->regexes);
	/* analyse every object that has a keyword: schema nodes (and, harmlessly, the odd
	 * example value with a "type" member) */
	size_t nobj = count_objects(root, 0), cap = 16;
	while (cap < nobj * 2)
		cap *= 2;
	d->infos = dlt_xcalloc(cap, sizeof *d->infos);
	d->infocap = cap;
	info_walk(d, root, 0);
	*out = d;
	return 0;
}

int dlt_schema_doc_load(const char *path, struct dlt_schema_doc **out, char *err, size_t errlen)
{
	*out = NULL;
	cJSON *root = dlt_load_json_file(path, err, errlen);
	return root ? dlt_schema_doc_take(root, out, err, errlen) : -1;
}

/* ------------------------------------------------------------------ $ref resolution */

/* Decode one reference token (between slashes) of a URI-fragment JSON pointer:
 * percent-escapes first, then ~1 -> '/', ~0 -> '~'. Returns the length or -1. */
static int decode_token(const char *s, size_t n, char *out, size_t outlen)
{
	char tmp[512];
	size_t t = 0;
	if (n >= sizeof tmp)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && dlt_hex_digit((unsigned char)s[i + 1]) >= 0 &&
		    dlt_hex_digit((unsigned char)s[i + 2]) >= 0) {
			tmp[t++] = (char)(dlt_hex_digit((unsigned char)s[i + 1]) * 16 +
					  dlt_hex_digit((unsigned char)s[i + 2]));
			i += 2;
		} else {
			tmp[t++] = s[i];
		}
	}
	size_t o = 0;
	for (size_t i = 0; i < t; i++) {
		if (o + 1 >= outlen)
			return -1;
		if (tmp[i] == '~' && i + 1 < t && (tmp[i + 1] == '0' || tmp[i + 1] == '1')) {
			out[o++] = tmp[i + 1] == '0' ? '~' : '/';
			i++;
		} else if (tmp[i] == '~') {
			return -1;
		} else {
			out[o++] = tmp[i];
		}
	}
	out[o] = '\0';
	return (int)o;
}

const cJSON *dlt_schema_member(const cJSON *obj, const char *name)
{
	for (const cJSON *m = obj->child; m; m = m->next)
		if (m->string && m->string[0] == name[0] && strcmp(m->string, name) == 0)
			return m;
	return NULL;
}

static const cJSON *resolve_fragment(const cJSON *root, const char *frag)
{
	/* frag starts after '#' */
	const cJSON *cur = root;
	if (*frag == '\0')
		return root;
	if (*frag != '/')
		return NULL; /* plain-name fragments ("#foo") need $id support */
	const char *p = frag;
	while (*p == '/') {
		const char *s = p + 1;
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char tok[512];
		if (decode_token(s, n, tok, sizeof tok) < 0)
			return NULL;
		if (cJSON_IsObject(cur)) {
			cur = dlt_schema_member(cur, tok);
		} else if (cJSON_IsArray(cur)) {
			char *endp;
			if (!isdigit((unsigned char)tok[0]) || (tok[0] == '0' && tok[1]))
				return NULL;
			errno = 0;
			unsigned long i = strtoul(tok, &endp, 10);
			if (*endp || errno)
				return NULL;
			cur = cJSON_GetArrayItem(cur, (int)(i > 0x7fffffff ? 0x7fffffff : i));
		} else {
			return NULL;
		}
		if (!cur)
			return NULL;
		p = s + n;
	}
	return *p == '\0' ? cur : NULL;
}

static const cJSON *resolve_pointer(const cJSON *root, const char *ref)
{
	if (!root || !ref)
		return NULL;
	if (ref[0] == '#')
		return resolve_fragment(root, ref + 1);
	/* an absolute reference to this very document, via its $id */
	const cJSON *id = cJSON_IsObject(root) ? dlt_schema_member(root, "$id") : NULL;
	if (!cJSON_IsString(id))
		return NULL;
	size_t idlen = strcspn(id->valuestring, "#");
	if (idlen == 0 || strncmp(ref, id->valuestring, idlen) != 0)
		return NULL;
	if (ref[idlen] == '\0')
		return root;
	if (ref[idlen] == '#')
		return resolve_fragment(root, ref + idlen + 1);
	return NULL;
}

const cJSON *dlt_schema_resolve_ref(const cJSON *root, const char *ref)
{
	return resolve_pointer(root, ref);
}

const cJSON *dlt_schema_doc_resolve(const struct dlt_schema_doc *doc, const char *ref)
{
	if (!doc || !ref)
		return NULL;
	struct refent key = { ref, NULL };
	const struct refent *hit =
		doc->nrefs ? bsearch(&key, doc->refs, doc->nrefs, sizeof key, ref_cmp) : NULL;
	if (hit)
		return hit->target;
	return resolve_pointer(doc->root, ref);
}

const struct dlt_schema_regex *dlt_schema_doc_regex(const struct dlt_schema_doc *doc,
						    const char *src)
{
	return doc ? dlt_schema_regexes_find(doc->regexes, src) : NULL;
}

const cJSON *dlt_schema_find_prop(const struct dlt_schema_node_info *ni, const cJSON *props,
				  const char *name)
{
	if (ni->props) {
		struct dlt_schema_prop key = { name, NULL };
		const struct dlt_schema_prop *hit =
			bsearch(&key, ni->props, ni->nprops, sizeof key, prop_cmp);
		return hit ? hit->schema : NULL;
	}
	return dlt_schema_member(props, name);
}
