/*
 * report_earl.c: W3C EARL 1.0 (Evaluation and Report Language) in JSON-LD. The graph holds the
 * assertor (this tool), one earl:TestSubject per target (and one per target combination of
 * multi-target results, with dct:hasPart), one earl:TestCase per scenario, one
 * earl:TestRequirement per roadmap requirement a scenario names, and one earl:Assertion per
 * scenario x targets. Outcomes: pass/xpass -> earl:passed, fail/xfail -> earl:failed,
 * error/inconclusive -> earl:cantTell, skip -> earl:inapplicable, launch-error ->
 * earl:untested (its earl:info says "dlt-interop verdict: launch-error" and the description
 * the reason); planned combinations with no result get earl:untested.
 */
#include "reports/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IRI_BASE "urn:dlt-interop:"

static const char *str(const cJSON *o, const char *k)
{
	const char *s = dlt_json_str(o, k);

	return s ? s : "";
}

/* IRI = base + kind + ":" + percent-encoded name (unreserved characters kept). */
static char *iri(const char *kind, const char *name)
{
	struct dlt_buf b;

	dlt_buf_init(&b);
	dlt_buf_printf(&b, IRI_BASE "%s:", kind);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~')
			dlt_buf_append(&b, (const char *)p, 1);
		else
			dlt_buf_printf(&b, "%%%02X", *p);
	}
	return dlt_buf_take(&b);
}

static cJSON *ref(const char *id)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "@id", id);
	return o;
}

static void add_ref(cJSON *o, const char *key, const char *id)
{
	cJSON_AddItemToObject(o, key, ref(id));
}

static cJSON *types(const char *a, const char *b2)
{
	cJSON *t = cJSON_CreateArray();

	cJSON_AddItemToArray(t, cJSON_CreateString(a));
	if (b2)
		cJSON_AddItemToArray(t, cJSON_CreateString(b2));
	return t;
}

static const char *outcome(const char *v)
{
	if (!strcmp(v, "pass") || !strcmp(v, "xpass"))
		return "earl:passed";
	if (!strcmp(v, "fail") || !strcmp(v, "xfail"))
		return "earl:failed";
	if (!strcmp(v, "skip"))
		return "earl:inapplicable";
	if (!strcmp(v, "error") || !strcmp(v, "inconclusive"))
		return "earl:cantTell";
	/* launch-error: a target could not be started, the test was not carried out */
	return "earl:untested";
}

/* The subject IRI of a result: the target's, or a combination's (created on first use). */
static char *subject_of(cJSON *graph, const cJSON *r)
{
	const cJSON *tg = cJSON_GetObjectItemCaseSensitive(r, "targets"), *t, *it;
	char *label, *id, *kp;
	cJSON *node, *parts;

	if (cJSON_GetArraySize(tg) == 1)
		return iri("target", tg->child->valuestring);
	kp = dlt_result_key(r);
	label = dlt_result_targets_label(r);
	/* the key without the scenario: "role=t,role=t" */
	id = iri("targets", kp && strchr(kp, '|') ? strchr(kp, '|') + 1 : "");
	free(kp);
	cJSON_ArrayForEach (it, graph)
		if (!strcmp(str(it, "@id"), id)) {
			free(label);
			return id;
		}
	node = cJSON_CreateObject();
	cJSON_AddStringToObject(node, "@id", id);
	cJSON_AddItemToObject(node, "@type", types("earl:TestSubject", NULL));
	cJSON_AddStringToObject(node, "dct:title", label ? label : "");
	parts = cJSON_AddArrayToObject(node, "dct:hasPart");
	cJSON_ArrayForEach (t, tg) {
		char *ti = iri("target", t->valuestring);

		cJSON_AddItemToArray(parts, ref(ti));
		free(ti);
	}
	cJSON_AddItemToArray(graph, node);
	free(label);
	return id;
}

static cJSON *assertion(const char *tool, const char *subject, const char *test, const char *out,
			const char *date, const char *description, const char *info)
{
	cJSON *a = cJSON_CreateObject(), *res;

	cJSON_AddStringToObject(a, "@type", "earl:Assertion");
	add_ref(a, "earl:assertedBy", tool);
	add_ref(a, "earl:subject", subject);
	add_ref(a, "earl:test", test);
	add_ref(a, "earl:mode", "earl:automatic");
	res = cJSON_AddObjectToObject(a, "earl:result");
	cJSON_AddStringToObject(res, "@type", "earl:TestResult");
	add_ref(res, "earl:outcome", out);
	if (date && *date) {
		cJSON *d = cJSON_AddObjectToObject(res, "dct:date");

		cJSON_AddStringToObject(d, "@value", date);
		cJSON_AddStringToObject(d, "@type", "xsd:dateTime");
	}
	if (description && *description)
		cJSON_AddStringToObject(res, "dct:description", description);
	if (info && *info)
		cJSON_AddStringToObject(res, "earl:info", info);
	return a;
}

/* Result description: the reason, else the first failed check. */
static char *describe(const cJSON *r)
{
	const cJSON *k;
	struct dlt_buf b;

	if (*str(r, "reason"))
		return strdup(str(r, "reason"));
	cJSON_ArrayForEach (k, cJSON_GetObjectItemCaseSensitive(r, "checks"))
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "ok"))) {
			char *e = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(k, "expected"),
						 200, 0);
			char *a = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(k, "actual"), 200,
						 0);

			dlt_buf_init(&b);
			dlt_buf_printf(&b, "check \"%s\" failed: expected %s, actual %s",
				       str(k, "label"), e ? e : "", a ? a : "");
			free(e);
			free(a);
			return dlt_buf_take(&b);
		}
	return NULL;
}

/* ---- untested: planned combinations without a result ---- */

struct plan {
	const struct dlt_results *res;
	const cJSON *scen;
	const char *roles[8];
	const char *fams[8];
	const char *chosen[8];
	int nroles;
	cJSON *graph;
	const char *tool;
};

static int has_result(const struct plan *p, const char *key)
{
	const cJSON *r;
	int found = 0;

	/* only this scenario's results: a search of all of them per combination grew as the
	 * square of the results */
	for (const cJSON *const *g = dlt_results_of_scenario(p->res, str(p->scen, "id")); (r = *g);
	     g++) {
		char *k = dlt_result_key(r);

		found = k && !strcmp(k, key);
		free(k);
		if (found)
			return 1;
	}
	return 0;
}

static void enumerate(struct plan *p, int depth)
{
	const cJSON *t;

	if (depth == p->nroles) {
		cJSON *fake = cJSON_CreateObject(), *tg = cJSON_AddObjectToObject(fake, "targets");
		char *key, *subject;

		cJSON_AddStringToObject(fake, "scenario", str(p->scen, "id"));
		for (int i = 0; i < p->nroles; i++)
			cJSON_AddStringToObject(tg, p->roles[i], p->chosen[i]);
		key = dlt_result_key(fake);
		if (key && !has_result(p, key)) {
			char *test = iri("scenario", str(p->scen, "id"));

			subject = subject_of(p->graph, fake);
			cJSON_AddItemToArray(
				p->graph, assertion(p->tool, subject, test, "earl:untested", NULL,
						    "no result for this combination", NULL));
			free(subject);
			free(test);
		}
		free(key);
		cJSON_Delete(fake);
		return;
	}
	cJSON_ArrayForEach (t, p->res->targets) {
		const char *name = str(t, "name"), *fam = str(t, "family");
		int used = 0;

		if (strcmp(p->fams[depth], "any") && strcmp(p->fams[depth], fam))
			continue;
		for (int i = 0; i < depth; i++)
			if (!strcmp(p->chosen[i], name))
				used = 1;
		if (used)
			continue;
		p->chosen[depth] = name;
		enumerate(p, depth + 1);
	}
}

static void untested(cJSON *graph, const struct dlt_results *res, const char *tool)
{
	const cJSON *s;

	cJSON_ArrayForEach (s, res->scenarios) {
		struct plan p = { .res = res, .scen = s, .graph = graph, .tool = tool };
		cJSON *roles = dlt_results_scenario_roles(res, s);
		const cJSON *r;

		if (cJSON_IsObject(roles)) {
			cJSON_ArrayForEach (r, roles) {
				if (p.nroles == 8 || !cJSON_IsString(r))
					break;
				p.roles[p.nroles] = r->string;
				p.fams[p.nroles++] = r->valuestring;
			}
		} else if (cJSON_IsArray(roles) && cJSON_GetArraySize(roles) > 0) {
			cJSON_ArrayForEach (r, roles) {
				if (p.nroles == 8 || !cJSON_IsString(r))
					break;
				p.roles[p.nroles] = r->valuestring;
				p.fams[p.nroles++] = str(s, "family");
			}
		} else {
			p.roles[0] = "node";
			p.fams[0] = str(s, "family");
			p.nroles = 1;
		}
		if (p.nroles)
			enumerate(&p, 0);
		cJSON_Delete(roles);
	}
}

void dlt_report_earl(struct dlt_buf *b, const struct dlt_results *res, const struct dlt_roadmap *rm)
{
	cJSON *doc = cJSON_CreateObject(), *ctx, *graph, *node, *reqs;
	const cJSON *t, *s, *r, *id;
	const char *date = dlt_json_str(res->run, "finished");
	char *tool = iri("run", str(res->run, "id"));

	ctx = cJSON_AddObjectToObject(doc, "@context");
	cJSON_AddStringToObject(ctx, "earl", "http://www.w3.org/ns/earl#");
	cJSON_AddStringToObject(ctx, "dct", "http://purl.org/dc/terms/");
	cJSON_AddStringToObject(ctx, "doap", "http://usefulinc.com/ns/doap#");
	cJSON_AddStringToObject(ctx, "foaf", "http://xmlns.com/foaf/0.1/");
	cJSON_AddStringToObject(ctx, "xsd", "http://www.w3.org/2001/XMLSchema#");
	graph = cJSON_AddArrayToObject(doc, "@graph");

	node = cJSON_CreateObject();
	cJSON_AddStringToObject(node, "@id", tool);
	cJSON_AddItemToObject(node, "@type", types("earl:Assertor", "earl:Software"));
	cJSON_AddStringToObject(node, "dct:title",
				*str(res->run, "tool") ? str(res->run, "tool") : "dlt-interop");
	cJSON_AddStringToObject(node, "dct:identifier", str(res->run, "id"));
	{
		struct dlt_buf d;

		dlt_buf_init(&d);
		dlt_buf_printf(&d, "dlt-interop run; suite version %s",
			       str(res->run, "suite_version"));
		cJSON_AddStringToObject(node, "dct:description", dlt_buf_str(&d));
		dlt_buf_free(&d);
	}
	cJSON_AddItemToArray(graph, node);

	cJSON_ArrayForEach (t, res->targets) {
		char *ti = iri("target", str(t, "name"));
		cJSON *rel;

		node = cJSON_CreateObject();
		cJSON_AddStringToObject(node, "@id", ti);
		cJSON_AddItemToObject(node, "@type", types("earl:TestSubject", "doap:Project"));
		cJSON_AddStringToObject(node, "dct:title", str(t, "name"));
		cJSON_AddStringToObject(node, "doap:name",
					*str(t, "implementation") ? str(t, "implementation")
								  : str(t, "name"));
		cJSON_AddStringToObject(node, "dct:type", str(t, "family"));
		if (*str(t, "client_version"))
			cJSON_AddStringToObject(node, "dct:description", str(t, "client_version"));
		if (*str(t, "version")) {
			rel = cJSON_AddObjectToObject(node, "doap:release");
			cJSON_AddStringToObject(rel, "@type", "doap:Version");
			cJSON_AddStringToObject(rel, "doap:revision", str(t, "version"));
		}
		cJSON_AddItemToArray(graph, node);
		free(ti);
	}

	reqs = cJSON_CreateObject(); /* requirement id -> node */
	cJSON_ArrayForEach (s, res->scenarios) {
		char *si = iri("scenario", str(s, "id"));
		cJSON *rel;

		node = cJSON_CreateObject();
		cJSON_AddStringToObject(node, "@id", si);
		cJSON_AddItemToObject(node, "@type", types("earl:TestCriterion", "earl:TestCase"));
		cJSON_AddStringToObject(node, "dct:identifier", str(s, "id"));
		if (*str(s, "title"))
			cJSON_AddStringToObject(node, "dct:title", str(s, "title"));
		if (*str(s, "file"))
			cJSON_AddStringToObject(node, "dct:source", str(s, "file"));
		rel = cJSON_AddArrayToObject(node, "dct:isPartOf");
		cJSON_ArrayForEach (id, cJSON_GetObjectItemCaseSensitive(s, "roadmap")) {
			char *ri;
			cJSON *rn;
			const cJSON *req;

			if (!cJSON_IsString(id))
				continue;
			ri = iri("requirement", id->valuestring);
			cJSON_AddItemToArray(rel, ref(ri));
			if (!(rn = cJSON_GetObjectItemCaseSensitive(reqs, id->valuestring))) {
				rn = cJSON_AddObjectToObject(reqs, id->valuestring);
				cJSON_AddStringToObject(rn, "@id", ri);
				cJSON_AddItemToObject(rn, "@type",
						      types("earl:TestRequirement", NULL));
				cJSON_AddStringToObject(rn, "dct:identifier", id->valuestring);
				req = dlt_roadmap_requirement(rm, id->valuestring);
				if (req) {
					cJSON_AddStringToObject(rn, "dct:title",
								dlt_req_title(req));
					cJSON_AddStringToObject(rn, "earl:level",
								dlt_req_level(req));
				}
				cJSON_AddArrayToObject(rn, "dct:hasPart");
			}
			cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(rn, "dct:hasPart"),
					     ref(si));
			free(ri);
		}
		cJSON_AddItemToArray(graph, node);
		free(si);
	}
	while (reqs->child) {
		cJSON *rn = cJSON_DetachItemViaPointer(reqs, reqs->child);

		free(rn->string);
		rn->string = NULL;
		cJSON_AddItemToArray(graph, rn);
	}
	cJSON_Delete(reqs);

	cJSON_ArrayForEach (r, res->results) {
		char *subject = subject_of(graph, r), *test = iri("scenario", str(r, "scenario"));
		char *desc = describe(r);
		const char *v = str(r, "verdict");
		char info[96];

		snprintf(info, sizeof(info), "dlt-interop verdict: %s", v);
		cJSON_AddItemToArray(graph,
				     assertion(tool, subject, test, outcome(v), date, desc, info));
		free(subject);
		free(test);
		free(desc);
	}
	untested(graph, res, tool);

	dlt_json_pretty(b, doc);
	cJSON_Delete(doc);
	free(tool);
}

void dlt_report_json(struct dlt_buf *b, const cJSON *scores)
{
	dlt_json_pretty(b, scores);
}
