/*
 * roadmap.c: loads and validates roadmap/roadmap.json (docs/roadmap.md). Validation is strict
 * on every required member and names the file and JSON path of the first problem; unknown
 * members are ignored so that later roadmap versions can add some. Requirements are indexed
 * by id in a sorted array for lookups.
 */
#include "model/roadmap.h"
#include "common/err.h"
#include "common/file.h"
#include "common/mem.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dlt_roadmap {
	char *path;
	cJSON *json;
	const cJSON **reqs; /* file order */
	const cJSON **byid; /* sorted by id */
	size_t nreqs;
	const cJSON **areas;
	size_t nareas;
	const cJSON **sources;
	size_t nsources;
};

static const char *sget(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

const char *dlt_req_id(const cJSON *req)
{
	const char *s = sget(req, "id");
	return s ? s : "";
}
const char *dlt_req_area(const cJSON *req)
{
	const char *s = sget(req, "area");
	return s ? s : "";
}
const char *dlt_req_level(const cJSON *req)
{
	const char *s = sget(req, "level");
	return s ? s : "";
}
const char *dlt_req_title(const cJSON *req)
{
	const char *s = sget(req, "title");
	return s ? s : "";
}

int dlt_req_retired(const cJSON *req)
{
	return cJSON_GetObjectItemCaseSensitive(req, "retired") != NULL;
}

int dlt_req_applies(const cJSON *req, const char *family)
{
	const cJSON *f, *fams = cJSON_GetObjectItemCaseSensitive(req, "families");

	if (!family || !strcmp(family, "any"))
		return 1;
	cJSON_ArrayForEach (f, fams) {
		if (cJSON_IsString(f) &&
		    (!strcmp(f->valuestring, "any") || !strcmp(f->valuestring, family)))
			return 1;
	}
	return 0;
}

/* A short, printable rendering of a JSON value for messages. */
static void brief(const cJSON *v, char *buf, size_t len)
{
	char *s;

	if (!v) {
		snprintf(buf, len, "nothing");
		return;
	}
	s = cJSON_PrintUnformatted(v);
	if (!s) {
		snprintf(buf, len, "a value");
		return;
	}
	if (strlen(s) > 60)
		snprintf(buf, len, "%.57s...", s);
	else
		snprintf(buf, len, "%s", s);
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = '?';
	cJSON_free(s);
}

static const char *type_name(const cJSON *v)
{
	if (!v)
		return "missing";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	return "invalid";
}

/* Required non-empty string member. */
static const char *need_str(const cJSON *o, const char *key, const char *file, const char *path,
			    char *err, size_t errlen)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v) {
		dlt_seterr(err, errlen, "%s: %s: missing required member \"%s\"", file, path, key);
		return NULL;
	}
	if (!cJSON_IsString(v) || !v->valuestring[0]) {
		dlt_seterr(err, errlen, "%s: %s.%s: must be a non-empty string, not %s", file, path,
			   key, cJSON_IsString(v) ? "an empty string" : type_name(v));
		return NULL;
	}
	return v->valuestring;
}

/* Optional string member: absent is fine, anything else but a string is not. */
static int opt_str(const cJSON *o, const char *key, const char *file, const char *path, char *err,
		   size_t errlen)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (v && !cJSON_IsString(v)) {
		dlt_seterr(err, errlen, "%s: %s.%s: must be a string, not %s", file, path, key,
			   type_name(v));
		return -1;
	}
	return 0;
}

static const cJSON *need_array(const cJSON *o, const char *key, int nonempty, const char *file,
			       const char *path, char *err, size_t errlen)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v) {
		dlt_seterr(err, errlen, "%s: %s: missing required member \"%s\"", file, path, key);
		return NULL;
	}
	if (!cJSON_IsArray(v)) {
		dlt_seterr(err, errlen, "%s: %s.%s: must be an array, not %s", file, path, key,
			   type_name(v));
		return NULL;
	}
	if (nonempty && !cJSON_GetArraySize(v)) {
		dlt_seterr(err, errlen, "%s: %s.%s: must not be empty", file, path, key);
		return NULL;
	}
	return v;
}

static int is_area_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!(*s >= 'A' && *s <= 'Z'))
			return 0;
	return 1;
}

/* "AREA-NN": upper-case letters, a dash, two or more digits. Returns the prefix length or 0. */
static size_t req_id_prefix(const char *s)
{
	const char *d = strchr(s, '-');
	size_t n;

	if (!d || d == s)
		return 0;
	for (const char *p = s; p < d; p++)
		if (!(*p >= 'A' && *p <= 'Z'))
			return 0;
	n = strlen(d + 1);
	if (n < 2)
		return 0;
	for (const char *p = d + 1; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return (size_t)(d - s);
}

static const cJSON *find_by_id(const cJSON **arr, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(sget(arr[i], "id"), id))
			return arr[i];
	return NULL;
}

static int cmp_req(const void *a, const void *b)
{
	const cJSON *const *x = a, *const *y = b;

	return strcmp(dlt_req_id(*x), dlt_req_id(*y));
}

/* Collect a list of objects each with a unique non-empty string "id". */
static int collect_ids(const cJSON *arr, const char *name, const char *file, const cJSON ***out,
		       size_t *nout, char *err, size_t errlen)
{
	size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
	const cJSON **v = dlt_xcalloc(n ? n : 1, sizeof(*v));
	const cJSON *it;
	char path[96];

	cJSON_ArrayForEach (it, arr) {
		const char *id;
		const cJSON *prev;

		snprintf(path, sizeof(path), "$.%s[%zu]", name, i);
		if (!cJSON_IsObject(it)) {
			dlt_seterr(err, errlen, "%s: %s: must be an object, not %s", file, path,
				   type_name(it));
			goto fail;
		}
		if (!(id = need_str(it, "id", file, path, err, errlen)))
			goto fail;
		if ((prev = find_by_id(v, i, id))) {
			size_t j = 0;

			while (v[j] != prev)
				j++;
			dlt_seterr(err, errlen,
				   "%s: %s.id: duplicate id \"%s\" (first at $.%s[%zu])", file,
				   path, id, name, j);
			goto fail;
		}
		if (!need_str(it, "title", file, path, err, errlen))
			goto fail;
		v[i++] = it;
	}
	*out = v;
	*nout = n;
	return 0;
fail:
	free(v);
	return -1;
}

static int check_families(const cJSON *req, const char *file, const char *path, char *err,
			  size_t errlen)
{
	static const char *const known[] = { "ethereum", "bitcoin", "monero", "external", "any" };
	const cJSON *fams = need_array(req, "families", 1, file, path, err, errlen), *f;
	size_t i = 0;
	int any = 0;

	if (!fams)
		return -1;
	cJSON_ArrayForEach (f, fams) {
		size_t k;
		char b[80];

		if (!cJSON_IsString(f)) {
			dlt_seterr(err, errlen, "%s: %s.families[%zu]: must be a string, not %s",
				   file, path, i, type_name(f));
			return -1;
		}
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (!strcmp(f->valuestring, known[k]))
				break;
		if (k == sizeof(known) / sizeof(known[0])) {
			brief(f, b, sizeof(b));
			dlt_seterr(err, errlen,
				   "%s: %s.families[%zu]: %s is not a family "
				   "(ethereum, bitcoin, monero, external or any)",
				   file, path, i, b);
			return -1;
		}
		if (!strcmp(f->valuestring, "any"))
			any = 1;
		for (const cJSON *g = fams->child; g != f; g = g->next)
			if (!strcmp(g->valuestring, f->valuestring)) {
				dlt_seterr(err, errlen,
					   "%s: %s.families[%zu]: \"%s\" is listed twice", file,
					   path, i, f->valuestring);
				return -1;
			}
		i++;
	}
	if (any && i > 1) {
		dlt_seterr(err, errlen, "%s: %s.families: \"any\" must stand alone", file, path);
		return -1;
	}
	return 0;
}

static int check_refs(const struct dlt_roadmap *r, const cJSON *req, const char *file,
		      const char *path, char *err, size_t errlen)
{
	const cJSON *refs = need_array(req, "refs", 1, file, path, err, errlen), *ref;
	size_t i = 0;
	char rp[128];

	if (!refs)
		return -1;
	cJSON_ArrayForEach (ref, refs) {
		const char *doc;

		snprintf(rp, sizeof(rp), "%s.refs[%zu]", path, i);
		if (!cJSON_IsObject(ref)) {
			dlt_seterr(err, errlen, "%s: %s: must be an object {\"doc\": ..}, not %s",
				   file, rp, type_name(ref));
			return -1;
		}
		if (!(doc = need_str(ref, "doc", file, rp, err, errlen)))
			return -1;
		if (!dlt_roadmap_source(r, doc)) {
			char b[80];

			brief(cJSON_GetObjectItemCaseSensitive(ref, "doc"), b, sizeof(b));
			dlt_seterr(err, errlen, "%s: %s.doc: %s is not a source id (see $.sources)",
				   file, rp, b);
			return -1;
		}
		if (cJSON_GetObjectItemCaseSensitive(ref, "clause") &&
		    !need_str(ref, "clause", file, rp, err, errlen))
			return -1;
		if (opt_str(ref, "topic", file, rp, err, errlen))
			return -1;
		i++;
	}
	return 0;
}

static int check_requirement(struct dlt_roadmap *r, const cJSON *req, size_t i, const char *file,
			     char *err, size_t errlen)
{
	char path[64], b[80];
	const char *id, *area, *level;
	size_t plen;

	snprintf(path, sizeof(path), "$.requirements[%zu]", i);
	if (!cJSON_IsObject(req)) {
		dlt_seterr(err, errlen, "%s: %s: must be an object, not %s", file, path,
			   type_name(req));
		return -1;
	}
	if (!(id = need_str(req, "id", file, path, err, errlen)))
		return -1;
	if (!(plen = req_id_prefix(id))) {
		brief(cJSON_GetObjectItemCaseSensitive(req, "id"), b, sizeof(b));
		dlt_seterr(err, errlen,
			   "%s: %s.id: %s is not of the form AREA-NN (e.g. \"NODE-03\")", file,
			   path, b);
		return -1;
	}
	for (size_t j = 0; j < i; j++)
		if (!strcmp(dlt_req_id(r->reqs[j]), id)) {
			dlt_seterr(err, errlen,
				   "%s: %s.id: duplicate id \"%s\" (first at $.requirements[%zu])",
				   file, path, id, j);
			return -1;
		}
	if (!(area = need_str(req, "area", file, path, err, errlen)))
		return -1;
	if (!dlt_roadmap_area(r, area)) {
		brief(cJSON_GetObjectItemCaseSensitive(req, "area"), b, sizeof(b));
		dlt_seterr(err, errlen, "%s: %s.area: unknown area %s (see $.areas)", file, path,
			   b);
		return -1;
	}
	if (strlen(area) != plen || strncmp(area, id, plen)) {
		dlt_seterr(err, errlen, "%s: %s.id: \"%s\" does not start with its area \"%s-\"",
			   file, path, id, area);
		return -1;
	}
	if (!(level = need_str(req, "level", file, path, err, errlen)))
		return -1;
	if (strcmp(level, "MUST") && strcmp(level, "SHOULD") && strcmp(level, "MAY")) {
		brief(cJSON_GetObjectItemCaseSensitive(req, "level"), b, sizeof(b));
		dlt_seterr(err, errlen, "%s: %s.level: %s is not MUST, SHOULD or MAY", file, path,
			   b);
		return -1;
	}
	if (!need_str(req, "title", file, path, err, errlen))
		return -1;
	if (check_families(req, file, path, err, errlen))
		return -1;
	if (check_refs(r, req, file, path, err, errlen))
		return -1;
	if (opt_str(req, "test", file, path, err, errlen) ||
	    opt_str(req, "retired", file, path, err, errlen))
		return -1;
	r->reqs[i] = req;
	return 0;
}

int dlt_roadmap_from_json(cJSON *json, const char *source, struct dlt_roadmap **out, char *err,
			  size_t errlen)
{
	struct dlt_roadmap *r;
	const cJSON *v, *arr, *it;
	const char *file = source ? source : "roadmap";
	size_t i;

	*out = NULL;
	if (!cJSON_IsObject(json)) {
		dlt_seterr(err, errlen, "%s: $: a roadmap must be a JSON object, not %s", file,
			   type_name(json));
		cJSON_Delete(json);
		return -1;
	}
	r = dlt_xcalloc(1, sizeof(*r));
	r->path = dlt_xstrdup(file);
	r->json = json;
	v = cJSON_GetObjectItemCaseSensitive(json, "format");
	if (!v) {
		dlt_seterr(err, errlen, "%s: $: missing required member \"format\" (\"%s\")", file,
			   DLT_ROADMAP_FORMAT);
		goto fail;
	}
	if (!cJSON_IsString(v) || strcmp(v->valuestring, DLT_ROADMAP_FORMAT)) {
		char b[80];

		brief(v, b, sizeof(b));
		dlt_seterr(err, errlen, "%s: $.format: %s is not \"%s\"", file, b,
			   DLT_ROADMAP_FORMAT);
		goto fail;
	}
	if (!need_str(json, "version", file, "$", err, errlen))
		goto fail;
	if (opt_str(json, "title", file, "$", err, errlen))
		goto fail;
	if (!(arr = need_array(json, "sources", 1, file, "$", err, errlen)) ||
	    collect_ids(arr, "sources", file, &r->sources, &r->nsources, err, errlen))
		goto fail;
	if (!(arr = need_array(json, "areas", 1, file, "$", err, errlen)) ||
	    collect_ids(arr, "areas", file, &r->areas, &r->nareas, err, errlen))
		goto fail;
	for (i = 0; i < r->nareas; i++) {
		const char *id = sget(r->areas[i], "id");

		if (!is_area_id(id)) {
			dlt_seterr(err, errlen,
				   "%s: $.areas[%zu].id: \"%s\" must be upper-case letters only",
				   file, i, id);
			goto fail;
		}
	}
	if (!(arr = need_array(json, "requirements", 1, file, "$", err, errlen)))
		goto fail;
	r->nreqs = (size_t)cJSON_GetArraySize(arr);
	r->reqs = dlt_xcalloc(r->nreqs ? r->nreqs : 1, sizeof(*r->reqs));
	r->byid = dlt_xcalloc(r->nreqs ? r->nreqs : 1, sizeof(*r->byid));
	i = 0;
	cJSON_ArrayForEach (it, arr) {
		if (check_requirement(r, it, i, file, err, errlen))
			goto fail;
		i++;
	}
	memcpy(r->byid, r->reqs, r->nreqs * sizeof(*r->byid));
	qsort(r->byid, r->nreqs, sizeof(*r->byid), cmp_req);
	*out = r;
	return 0;
fail:
	dlt_roadmap_free(r);
	return -1;
}

int dlt_roadmap_load(const char *path, struct dlt_roadmap **out, char *err, size_t errlen)
{
	*out = NULL;
	cJSON *json = dlt_load_json_file(path, err, errlen);
	if (!json)
		return -1;
	return dlt_roadmap_from_json(json, path, out, err, errlen);
}

const cJSON *dlt_roadmap_requirement(const struct dlt_roadmap *r, const char *id)
{
	size_t lo = 0, hi;

	if (!r || !id)
		return NULL;
	hi = r->nreqs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, dlt_req_id(r->byid[mid]));

		if (!c)
			return r->byid[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void dlt_roadmap_free(struct dlt_roadmap *r)
{
	if (!r)
		return;
	cJSON_Delete(r->json);
	free(r->path);
	free(r->reqs);
	free(r->byid);
	free(r->areas);
	free(r->sources);
	free(r);
}

const cJSON *dlt_roadmap_json(const struct dlt_roadmap *r)
{
	return r ? r->json : NULL;
}
const char *dlt_roadmap_path(const struct dlt_roadmap *r)
{
	return r ? r->path : "";
}

const char *dlt_roadmap_version(const struct dlt_roadmap *r)
{
	const char *s = r ? sget(r->json, "version") : NULL;

	return s ? s : "";
}

size_t dlt_roadmap_count(const struct dlt_roadmap *r)
{
	return r ? r->nreqs : 0;
}

const cJSON *dlt_roadmap_at(const struct dlt_roadmap *r, size_t i)
{
	return r && i < r->nreqs ? r->reqs[i] : NULL;
}

size_t dlt_roadmap_area_count(const struct dlt_roadmap *r)
{
	return r ? r->nareas : 0;
}

const cJSON *dlt_roadmap_area_at(const struct dlt_roadmap *r, size_t i)
{
	return r && i < r->nareas ? r->areas[i] : NULL;
}

const cJSON *dlt_roadmap_area(const struct dlt_roadmap *r, const char *id)
{
	return r && id ? find_by_id(r->areas, r->nareas, id) : NULL;
}

const cJSON *dlt_roadmap_source(const struct dlt_roadmap *r, const char *id)
{
	return r && id ? find_by_id(r->sources, r->nsources, id) : NULL;
}
