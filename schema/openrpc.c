/*
 * openrpc.c: loads the converted execution-apis specification (openrpc.json) and answers
 * questions about it (see openrpc.h). Load builds two sorted indexes, methods by name and
 * listed error codes by code, plus the list of declared error-code ranges; after that nothing
 * is written, so concurrent readers need no locking.
 */
#include "schema/openrpc.h"
#include "schema/jsonschema_errors.h"
#include "common/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct method_ent {
	const char *name;
	const cJSON *method;
	const cJSON *params; /* array, may be NULL */
	const cJSON *result; /* result.schema, may be NULL */
};

struct code_ent {
	long code;
	const char *group;
	const char *message;
	const cJSON *range; /* the group's range object, or NULL */
};

struct range_ent {
	const char *group;
	long min, max;
};

struct dlt_openrpc {
	struct dlt_schema_doc *doc;
	struct method_ent *methods;
	size_t nmethods;
	struct code_ent *codes;
	size_t ncodes;
	struct range_ent *ranges;
	size_t nranges;
	const char *commit;
};

static int method_cmp(const void *a, const void *b)
{
	return strcmp(((const struct method_ent *)a)->name, ((const struct method_ent *)b)->name);
}

static int code_cmp(const void *a, const void *b)
{
	long x = ((const struct code_ent *)a)->code, y = ((const struct code_ent *)b)->code;
	return (x > y) - (x < y);
}

void dlt_openrpc_free(struct dlt_openrpc *o)
{
	if (!o)
		return;
	dlt_schema_doc_free(o->doc);
	free(o->methods);
	free(o->codes);
	free(o->ranges);
	free(o);
}

static int load_fail(struct dlt_openrpc *o, char *err, size_t errlen, const char *path,
		     const char *what)
{
	snprintf(err, errlen, "%s: %s", path, what);
	dlt_openrpc_free(o);
	return -1;
}

/* An integer that fits a long; converting a double beyond that range is undefined behaviour,
 * so the range is checked first (-2^63 <= d < 2^63). */
static int integral(const cJSON *n, long *out)
{
	if (!cJSON_IsNumber(n))
		return 0;
	double d = n->valuedouble;
	if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != floor(d))
		return 0;
	*out = (long)d;
	return 1;
}

int dlt_openrpc_load(const char *path, struct dlt_openrpc **out, char *err, size_t errlen)
{
	*out = NULL;
	struct dlt_openrpc *o = dlt_xcalloc(1, sizeof *o);
	if (dlt_schema_doc_load(path, &o->doc, err, errlen) != 0) {
		free(o);
		return -1;
	}
	const cJSON *root = dlt_schema_doc_root(o->doc);
	const cJSON *methods = cJSON_GetObjectItemCaseSensitive(root, "methods");
	if (!cJSON_IsArray(methods))
		return load_fail(o, err, errlen, path,
				 "no \"methods\" array (not an openrpc.json?)");
	const cJSON *commit = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(root, "x-source"), "commit");
	o->commit = cJSON_IsString(commit) ? commit->valuestring : "";

	size_t n = (size_t)cJSON_GetArraySize(methods);
	o->methods = dlt_xcalloc(n ? n : 1, sizeof *o->methods);
	size_t i = 0;
	const cJSON *m;
	cJSON_ArrayForEach (m, methods) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(m, "name");
		if (!cJSON_IsString(name)) {
			char msg[100];
			snprintf(msg, sizeof msg, "methods[%zu] has no name", i);
			return load_fail(o, err, errlen, path, msg);
		}
		const cJSON *params = cJSON_GetObjectItemCaseSensitive(m, "params");
		const cJSON *result = cJSON_GetObjectItemCaseSensitive(m, "result");
		o->methods[i].name = name->valuestring;
		o->methods[i].method = m;
		o->methods[i].params = cJSON_IsArray(params) ? params : NULL;
		o->methods[i].result = cJSON_GetObjectItemCaseSensitive(result, "schema");
		i++;
	}
	o->nmethods = i;
	qsort(o->methods, o->nmethods, sizeof *o->methods, method_cmp);
	for (i = 1; i < o->nmethods; i++) {
		if (!strcmp(o->methods[i - 1].name, o->methods[i].name)) {
			char msg[200];
			snprintf(msg, sizeof msg, "method %s is defined twice", o->methods[i].name);
			return load_fail(o, err, errlen, path, msg);
		}
	}

	/* error groups: components["error-groups"].<Group> = {range: {min, max}, errors: [...]} */
	const cJSON *groups = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(root, "components"), "error-groups");
	size_t ncodes = 0, nranges = 0;
	const cJSON *g;
	if (groups && !cJSON_IsObject(groups))
		return load_fail(o, err, errlen, path,
				 "components.error-groups is not an object of "
				 "named groups");
	cJSON_ArrayForEach (g, groups) {
		ncodes += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(g, "errors"));
		nranges++;
	}
	o->codes = dlt_xcalloc(ncodes ? ncodes : 1, sizeof *o->codes);
	o->ranges = dlt_xcalloc(nranges ? nranges : 1, sizeof *o->ranges);
	cJSON_ArrayForEach (g, groups) {
		const cJSON *range = cJSON_GetObjectItemCaseSensitive(g, "range");
		long mn, mx;
		int has_range = cJSON_IsObject(range) &&
				integral(cJSON_GetObjectItemCaseSensitive(range, "min"), &mn) &&
				integral(cJSON_GetObjectItemCaseSensitive(range, "max"), &mx);
		if (has_range)
			o->ranges[o->nranges++] = (struct range_ent){ g->string, mn, mx };
		const cJSON *e;
		cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive(g, "errors")) {
			long code;
			const cJSON *msg = cJSON_GetObjectItemCaseSensitive(e, "message");
			if (!integral(cJSON_GetObjectItemCaseSensitive(e, "code"), &code)) {
				char what[200];
				snprintf(what, sizeof what,
					 "error group %s has an error without an integer "
					 "code",
					 g->string);
				return load_fail(o, err, errlen, path, what);
			}
			o->codes[o->ncodes++] =
				(struct code_ent){ code, g->string,
						   cJSON_IsString(msg) ? msg->valuestring : NULL,
						   has_range ? range : NULL };
		}
	}
	qsort(o->codes, o->ncodes, sizeof *o->codes, code_cmp);
	for (i = 1; i < o->ncodes; i++) {
		if (o->codes[i - 1].code == o->codes[i].code) {
			char what[200];
			snprintf(what, sizeof what, "error code %ld is listed by both %s and %s",
				 o->codes[i].code, o->codes[i - 1].group, o->codes[i].group);
			return load_fail(o, err, errlen, path, what);
		}
	}
	*out = o;
	return 0;
}

const struct dlt_schema_doc *dlt_openrpc_doc(const struct dlt_openrpc *o)
{
	return o ? o->doc : NULL;
}

const char *dlt_openrpc_commit(const struct dlt_openrpc *o)
{
	return o ? o->commit : "";
}

size_t dlt_openrpc_method_count(const struct dlt_openrpc *o)
{
	return o ? o->nmethods : 0;
}

const char *dlt_openrpc_method_name(const struct dlt_openrpc *o, size_t i)
{
	return (o && i < o->nmethods) ? o->methods[i].name : NULL;
}

static const struct method_ent *find_method(const struct dlt_openrpc *o, const char *name)
{
	if (!o || !name)
		return NULL;
	struct method_ent key = { name, NULL, NULL, NULL };
	return bsearch(&key, o->methods, o->nmethods, sizeof key, method_cmp);
}

const cJSON *dlt_openrpc_method(const struct dlt_openrpc *o, const char *name)
{
	const struct method_ent *m = find_method(o, name);
	return m ? m->method : NULL;
}

const cJSON *dlt_openrpc_result_schema(const struct dlt_openrpc *o, const char *method)
{
	const struct method_ent *m = find_method(o, method);
	return m ? m->result : NULL;
}

/* Record one error that is not a schema rule (unknown method, surplus params). */
static void add_error(struct dlt_schema_errors *errs, const char *path, const char *rule,
		      const char *schema, const char *msg)
{
	if (errs)
		dlt_schema_errors_push(errs, dlt_xstrdup(path), dlt_xstrdup(rule),
				       dlt_xstrdup(schema), dlt_xstrdup(msg));
}

static int unknown_method(struct dlt_schema_errors *errs, const char *method)
{
	char msg[300];
	snprintf(msg, sizeof msg, "$: method %s (execution-apis) is not specified",
		 method ? method : "(null)");
	add_error(errs, "$", "method", "#/methods", msg);
	return -1;
}

int dlt_openrpc_check_result(const struct dlt_openrpc *o, const char *method, const cJSON *result,
			     struct dlt_schema_errors *errs)
{
	const struct method_ent *m = find_method(o, method);
	if (!m || !m->result)
		return unknown_method(errs, method);
	char loc[200];
	snprintf(loc, sizeof loc, "%s result", m->name);
	return dlt_schema_validate_at(o->doc, m->result, loc, result, errs);
}

int dlt_openrpc_check_params(const struct dlt_openrpc *o, const char *method, const cJSON *params,
			     struct dlt_schema_errors *errs)
{
	const struct method_ent *m = find_method(o, method);
	if (!m)
		return unknown_method(errs, method);
	char loc[300], msg[600];
	snprintf(loc, sizeof loc, "%s params", m->name);
	if (params && cJSON_IsObject(params)) {
		snprintf(msg, sizeof msg, "$: params (%s) by name are not supported; pass an array",
			 loc);
		add_error(errs, "$", "params", loc, msg);
		return -1;
	}
	if (params && !cJSON_IsNull(params) && !cJSON_IsArray(params)) {
		snprintf(msg, sizeof msg, "$: params (%s) must be an array", loc);
		add_error(errs, "$", "params", loc, msg);
		return -1;
	}
	int bad = 0;
	int given = params && cJSON_IsArray(params) ? cJSON_GetArraySize(params) : 0;
	int nspec = m->params ? cJSON_GetArraySize(m->params) : 0;
	for (int i = 0; i < nspec || i < given; i++) {
		char path[32];
		snprintf(path, sizeof path, "$[%d]", i);
		if (i >= nspec) {
			snprintf(msg, sizeof msg, "%s: params (%s) has %d param%s, got %d", path,
				 loc, nspec, nspec == 1 ? "" : "s", given);
			add_error(errs, path, "params", loc, msg);
			bad = 1;
			break;
		}
		const cJSON *spec = cJSON_GetArrayItem(m->params, i);
		const cJSON *pname = cJSON_GetObjectItemCaseSensitive(spec, "name");
		const char *pn = cJSON_IsString(pname) ? pname->valuestring : "?";
		char ploc[400];
		snprintf(ploc, sizeof ploc, "%s params[%d] (%s)", m->name, i, pn);
		if (i >= given) {
			if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(spec, "required"))) {
				snprintf(msg, sizeof msg, "%s: required (%s) param missing", path,
					 ploc);
				add_error(errs, path, "required", ploc, msg);
				bad = 1;
				if (!errs)
					break;
			}
			continue;
		}
		const cJSON *schema = cJSON_GetObjectItemCaseSensitive(spec, "schema");
		if (!schema)
			continue;
		/* validate the element alone, then re-root its paths at "$[i]" */
		struct dlt_schema_errors sub = { 0 };
		sub.limit = errs ? dlt_schema_errors_limit(errs) : 1;
		if (dlt_schema_validate_at(o->doc, schema, ploc, cJSON_GetArrayItem(params, i),
					   errs ? &sub : NULL) != 0) {
			bad = 1;
			for (size_t k = 0; k < sub.count; k++) {
				/* re-root "$..." paths at "$[i]..." */
				struct dlt_schema_error *x = &sub.items[k];
				dlt_schema_errors_push(errs, dlt_printf("%s%s", path, x->path + 1),
						       dlt_xstrdup(x->rule), dlt_xstrdup(x->schema),
						       dlt_printf("%s%s", path, x->message + 1));
			}
			if (errs)
				errs->dropped += sub.dropped;
			dlt_schema_errors_free(&sub);
			if (!errs)
				break;
		}
	}
	return bad ? -1 : 0;
}

int dlt_openrpc_check_schema(const struct dlt_openrpc *o, const char *name_or_ref,
			     const cJSON *value, struct dlt_schema_errors *errs)
{
	char ref[300];
	if (!name_or_ref)
		name_or_ref = "";
	if (name_or_ref[0] == '#')
		snprintf(ref, sizeof ref, "%s", name_or_ref);
	else
		snprintf(ref, sizeof ref, "#/components/schemas/%s", name_or_ref);
	const cJSON *schema = dlt_schema_doc_resolve(o->doc, ref);
	if (!schema) {
		char msg[400];
		snprintf(msg, sizeof msg, "$: $ref %s (execution-apis) does not exist", ref);
		add_error(errs, "$", "$ref", ref, msg);
		return -1;
	}
	return dlt_schema_validate_at(o->doc, schema, ref, value, errs);
}

int dlt_openrpc_error_group(const struct dlt_openrpc *o, long code,
			    struct dlt_openrpc_error_info *out)
{
	if (!o)
		return -1;
	struct code_ent key = { code, NULL, NULL, NULL };
	const struct code_ent *hit = bsearch(&key, o->codes, o->ncodes, sizeof key, code_cmp);
	if (hit) {
		long mn = 0, mx = 0;
		int hr = hit->range &&
			 integral(cJSON_GetObjectItemCaseSensitive(hit->range, "min"), &mn) &&
			 integral(cJSON_GetObjectItemCaseSensitive(hit->range, "max"), &mx);
		*out = (struct dlt_openrpc_error_info){ hit->group, code, hit->message, hr, mn, mx };
		return 0;
	}
	for (size_t i = 0; i < o->nranges; i++) {
		const struct range_ent *r = &o->ranges[i];
		if (code >= r->min && code <= r->max) {
			*out = (struct dlt_openrpc_error_info){ r->group, code,   NULL,
								1,        r->min, r->max };
			return 0;
		}
	}
	return -1;
}
