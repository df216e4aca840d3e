/*
 * scores.c: computes the scores document from results and the roadmap (docs/scores.md):
 * - conformance per target and area: share of the target's applicable results that passed
 *   (a function of verdicts only: how many checks a scenario made, or how many of them failed,
 *   never moves a score), and whether every applicable MUST requirement of the area passed;
 *   launch-error results (the target could not be started) count in no score;
 * - requirement x target statuses (the heatmap);
 * - interop score per family and area, as web-platform-tests' Interop score: per scenario the
 *   minimum over the family's targets (or target combinations), summed over the fixed list of
 *   the family's scenarios and divided by its length; a missing result counts as zero;
 * - the pair matrix per family (recomputed from interop verdicts, else taken from the input);
 * - gap lists: standardization, implementation, interoperability.
 */
#include "model/scores.h"
#include "model/matrix.h"
#include "common/buf.h"
#include "common/json_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cJSON *arr_get(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsArray(v) ? v : NULL;
}

static int str_in_array(const cJSON *arr, const char *s)
{
	const cJSON *it;

	cJSON_ArrayForEach (it, arr)
		if (cJSON_IsString(it) && !strcmp(it->valuestring, s))
			return 1;
	return 0;
}

static void add_unique(cJSON *arr, const char *s)
{
	if (!str_in_array(arr, s))
		cJSON_AddItemToArray(arr, cJSON_CreateString(s));
}

static void add_ratio(cJSON *o, const char *key, double num, double den)
{
	if (den > 0)
		cJSON_AddNumberToObject(o, key, num / den);
	else
		cJSON_AddNullToObject(o, key);
}

static int scenario_names(const cJSON *scen, const char *req_id)
{
	return str_in_array(arr_get(scen, "roadmap"), req_id);
}

/* Known, live requirement ids of a scenario that apply to family (NULL: any). */
static void scenario_areas(const struct dlt_roadmap *rm, const cJSON *scen, const char *family,
			   cJSON *areas_out)
{
	const cJSON *id;

	cJSON_ArrayForEach (id, arr_get(scen, "roadmap")) {
		const cJSON *req;

		if (!cJSON_IsString(id) || !(req = dlt_roadmap_requirement(rm, id->valuestring)))
			continue;
		if (dlt_req_retired(req) || (family && !dlt_req_applies(req, family)))
			continue;
		add_unique(areas_out, dlt_req_area(req));
	}
}

const char *dlt_scores_req_status(const struct dlt_results *res, const cJSON *req,
				  const char *target)
{
	const char *fam = dlt_results_target_family(res, target);
	const cJSON *r;
	int n = 0, fail = 0, error = 0, inconc = 0, pass = 0, lerr = 0;

	if (!dlt_req_applies(req, fam))
		return "na";
	cJSON_ArrayForEach (r, res->results) {
		const cJSON *scen = dlt_results_scenario(res, dlt_json_str(r, "scenario"));
		const char *v;

		if (!scen || !scenario_names(scen, dlt_req_id(req)) ||
		    !dlt_result_has_target(r, target))
			continue;
		v = dlt_result_verdict_for(r, target);
		if (!strcmp(v, "launch-error")) {
			lerr++;
			continue;
		}
		n++;
		if (!strcmp(v, "fail") || !strcmp(v, "xfail"))
			fail++;
		else if (!strcmp(v, "error"))
			error++;
		else if (!strcmp(v, "inconclusive"))
			inconc++;
		else if (dlt_verdict_passed(v))
			pass++;
	}
	if (!n)
		return lerr ? "launch-error" : "untested";
	if (fail)
		return "fail";
	if (error)
		return "error";
	if (inconc)
		return "inconclusive";
	if (pass)
		return "pass";
	return "skip";
}

/* Does check k concern target t? */
static int check_applies(const cJSON *k, const char *t)
{
	const char *kind = dlt_json_str(k, "kind"), *ct = dlt_json_str(k, "target");

	if (kind && !strcmp(kind, "interop"))
		return 1;
	return !ct || !strcmp(ct, t);
}

static void bump(cJSON *o, const char *key, double by)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v)
		cJSON_AddNumberToObject(o, key, by);
	else
		cJSON_SetNumberValue(v, v->valuedouble + by);
}

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* ---- requirements (heatmap) ---- */

static cJSON *requirements_json(const struct dlt_results *res, const struct dlt_roadmap *rm)
{
	cJSON *out = cJSON_CreateArray();

	for (size_t i = 0; i < dlt_roadmap_count(rm); i++) {
		const cJSON *req = dlt_roadmap_at(rm, i), *s, *t;
		cJSON *e, *scen, *st;

		if (dlt_req_retired(req))
			continue;
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "id", dlt_req_id(req));
		cJSON_AddStringToObject(e, "area", dlt_req_area(req));
		cJSON_AddStringToObject(e, "level", dlt_req_level(req));
		cJSON_AddStringToObject(e, "title", dlt_req_title(req));
		cJSON_AddItemToObject(
			e, "families",
			cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(req, "families"), 1));
		scen = cJSON_AddArrayToObject(e, "scenarios");
		cJSON_ArrayForEach (s, res->scenarios)
			if (scenario_names(s, dlt_req_id(req)))
				cJSON_AddItemToArray(scen,
						     cJSON_CreateString(dlt_json_str(s, "id")));
		st = cJSON_AddObjectToObject(e, "status");
		cJSON_ArrayForEach (t, res->targets) {
			const char *name = dlt_json_str(t, "name");

			cJSON_AddStringToObject(st, name, dlt_scores_req_status(res, req, name));
		}
		cJSON_AddItemToArray(out, e);
	}
	return out;
}

/* ---- conformance ---- */

/* Whether verdict v (as seen by one target) counts in its conformance score: skip (not
 * applicable), inconclusive (not settled) and launch-error (not run) do not. */
static int scored_verdict(const char *v)
{
	return strcmp(v, "skip") && strcmp(v, "inconclusive") && strcmp(v, "launch-error");
}

/* Why the target could not be started, when it could not: its "down" in the results' targets,
 * else the reason of a launch-error result that names it in "launch_failed"; NULL when it
 * started (its launch-error results, if any, are those of a partner). */
static const char *start_failure(const struct dlt_results *res, const cJSON *target)
{
	const char *name = dlt_json_str(target, "name"), *down = dlt_json_str(target, "down");
	const cJSON *r;

	cJSON_ArrayForEach (r, res->results) {
		const char *lf = dlt_json_str(r, "launch_failed"), *v = dlt_json_str(r, "verdict");

		if (v && !strcmp(v, "launch-error") && lf && name && !strcmp(lf, name))
			return down                        ? down
			       : dlt_json_str(r, "reason") ? dlt_json_str(r, "reason")
							   : "could not be started";
	}
	if (down) {
		/* results written before launch_failed existed: a launch-error of a down target */
		cJSON_ArrayForEach (r, res->results)
			if (!strcmp(dlt_json_str(r, "verdict"), "launch-error") &&
			    dlt_result_has_target(r, name))
				return down;
	}
	return NULL;
}

/* Why a target has no conformance score (results == 0). */
static char *not_scored_reason(const char *start_failed, double total, double lerr)
{
	struct dlt_buf b;

	dlt_buf_init(&b);
	if (total == 0)
		dlt_buf_puts(&b, "no result");
	else if (lerr == total && start_failed) {
		/* the first line of the launcher's message (the log tail follows it) */
		dlt_buf_printf(&b,
			       "the target could not be started: all %g of its results are "
			       "launch-error (",
			       lerr);
		dlt_buf_append(&b, start_failed, strcspn(start_failed, "\n"));
		dlt_buf_puts(&b, ")");
	} else if (lerr == total)
		dlt_buf_printf(&b,
			       "all %g of its results are launch-error (a target they need "
			       "could not be started)",
			       lerr);
	else if (lerr > 0)
		dlt_buf_printf(&b,
			       "no result that counts: %g launch-error, the others skip or "
			       "inconclusive",
			       lerr);
	else
		dlt_buf_puts(&b, "no result that counts: all skip or inconclusive");
	return dlt_buf_take(&b);
}

static cJSON *conformance_json(const struct dlt_results *res, const struct dlt_roadmap *rm,
			       const cJSON *reqs)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *t;

	cJSON_ArrayForEach (t, res->targets) {
		const char *name = dlt_json_str(t, "name"), *fam = dlt_json_str(t, "family");
		cJSON *e = cJSON_CreateObject(), *areas, *verdicts, *scratch;
		const cJSON *r, *req;
		double counted = 0, passed = 0, total = 0, lerr = 0;

		cJSON_AddStringToObject(e, "target", name);
		cJSON_AddStringToObject(e, "family", fam);
		verdicts = cJSON_AddObjectToObject(e, "verdicts");
		areas = cJSON_CreateObject();
		scratch = cJSON_CreateObject(); /* area -> {results, passed} */
		for (size_t i = 0; i < dlt_roadmap_area_count(rm); i++) {
			cJSON *a = cJSON_AddObjectToObject(
				scratch, dlt_json_str(dlt_roadmap_area_at(rm, i), "id"));

			cJSON_AddNumberToObject(a, "results", 0);
			cJSON_AddNumberToObject(a, "passed", 0);
		}
		cJSON_ArrayForEach (r, res->results) {
			const cJSON *scen, *ar;
			const char *v;
			cJSON *sa;
			double p;

			if (!dlt_result_has_target(r, name))
				continue;
			v = dlt_result_verdict_for(r, name);
			bump(verdicts, v, 1);
			total++;
			if (!strcmp(v, "launch-error"))
				lerr++;
			if (!scored_verdict(v))
				continue;
			/* one result, one unit: pass or xpass passes; fail, xfail and error do not */
			p = dlt_verdict_passed(v) ? 1 : 0;
			counted++;
			passed += p;
			scen = dlt_results_scenario(res, dlt_json_str(r, "scenario"));
			sa = cJSON_CreateArray();
			scenario_areas(rm, scen, fam, sa);
			cJSON_ArrayForEach (ar, sa) {
				cJSON *a =
					cJSON_GetObjectItemCaseSensitive(scratch, ar->valuestring);

				if (a) {
					bump(a, "results", 1);
					bump(a, "passed", p);
				}
			}
			cJSON_Delete(sa);
		}
		cJSON_AddNumberToObject(e, "results", counted);
		cJSON_AddNumberToObject(e, "passed", passed);
		add_ratio(e, "score", passed, counted);
		cJSON_AddNumberToObject(e, "launch_errors", lerr);
		if (start_failure(res, t))
			cJSON_AddStringToObject(e, "could_not_start", start_failure(res, t));
		if (counted == 0) {
			char *why = not_scored_reason(start_failure(res, t), total, lerr);

			if (why)
				cJSON_AddStringToObject(e, "not_scored", why);
			free(why);
		}
		for (size_t i = 0; i < dlt_roadmap_area_count(rm); i++) {
			const char *aid = dlt_json_str(dlt_roadmap_area_at(rm, i), "id");
			cJSON *src = cJSON_GetObjectItemCaseSensitive(scratch, aid);
			cJSON *a = cJSON_AddObjectToObject(areas, aid), *fails, *open;
			double must = 0, must_pass = 0;
			int nfail = 0;

			cJSON_AddNumberToObject(a, "results", num(src, "results"));
			cJSON_AddNumberToObject(a, "passed", num(src, "passed"));
			add_ratio(a, "score", num(src, "passed"), num(src, "results"));
			fails = cJSON_CreateArray();
			open = cJSON_CreateArray();
			cJSON_ArrayForEach (req, reqs) {
				const char *st;

				if (strcmp(dlt_json_str(req, "area"), aid) ||
				    strcmp(dlt_json_str(req, "level"), "MUST"))
					continue;
				st = dlt_json_str(cJSON_GetObjectItemCaseSensitive(req, "status"),
						  name);
				if (!st || !strcmp(st, "na"))
					continue;
				must++;
				if (!strcmp(st, "pass"))
					must_pass++;
				else if (!strcmp(st, "fail") || !strcmp(st, "error")) {
					nfail++;
					cJSON_AddItemToArray(
						fails, cJSON_CreateString(dlt_json_str(req, "id")));
				} else {
					cJSON_AddItemToArray(
						open, cJSON_CreateString(dlt_json_str(req, "id")));
				}
			}
			cJSON_AddNumberToObject(a, "must", must);
			cJSON_AddNumberToObject(a, "must_passed", must_pass);
			cJSON_AddStringToObject(a, "status",
						must == 0           ? "no-must"
						: nfail             ? "fails"
						: must_pass == must ? "conforms"
								    : "not-established");
			cJSON_AddItemToObject(a, "failing_must", fails);
			cJSON_AddItemToObject(a, "open_must", open);
		}
		cJSON_AddItemToObject(e, "areas", areas);
		cJSON_Delete(scratch);
		cJSON_AddItemToArray(out, e);
	}
	return out;
}

/* ---- interop score ---- */

static int family_size(const struct dlt_results *res, const char *fam)
{
	const cJSON *t;
	int n = 0;

	cJSON_ArrayForEach (t, res->targets) {
		const char *f = dlt_json_str(t, "family");

		if (f && (!strcmp(fam, "any") || !strcmp(f, fam)))
			n++;
	}
	return n;
}

/* Families a scenario is scored in (roles: from dlt_results_scenario_roles). */
static void scenario_families(const cJSON *scen, const cJSON *roles, cJSON *fams_out,
			      const cJSON *all_fams)
{
	const cJSON *it;
	const char *f = dlt_json_str(scen, "family");

	if (cJSON_IsObject(roles)) {
		cJSON_ArrayForEach (it, roles)
			if (cJSON_IsString(it) && str_in_array(all_fams, it->valuestring))
				add_unique(fams_out, it->valuestring);
		return;
	}
	if (f && !strcmp(f, "any")) {
		cJSON_ArrayForEach (it, all_fams)
			add_unique(fams_out, it->valuestring);
		return;
	}
	if (f && str_in_array(all_fams, f))
		add_unique(fams_out, f);
}

/* Planned combinations of scenario s in family fam. */
static double expected_runs(const struct dlt_results *res, const cJSON *roles, const char *fam)
{
	const cJSON *it;
	double e = 1;
	int k, n;

	if (cJSON_IsObject(roles)) {
		cJSON_ArrayForEach (it, roles)
			e *= cJSON_IsString(it) ? family_size(res, it->valuestring) : 0;
		return e;
	}
	k = cJSON_GetArraySize(roles) > 0 ? cJSON_GetArraySize(roles) : 1;
	n = family_size(res, fam);
	for (int i = 0; i < k; i++)
		e *= n - i > 0 ? n - i : 0;
	return e;
}

static int result_in_family(const struct dlt_results *res, const cJSON *r, const char *fam)
{
	const cJSON *t;

	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(r, "targets"))
		if (strcmp(dlt_results_target_family(res, t->valuestring), fam))
			return 0;
	return 1;
}

static cJSON *interop_json(const struct dlt_results *res, const struct dlt_roadmap *rm)
{
	cJSON *out = cJSON_CreateArray(), *fams = cJSON_CreateArray(), *f;
	const cJSON *t;

	cJSON_ArrayForEach (t, res->targets)
		if (dlt_json_str(t, "family"))
			add_unique(fams, dlt_json_str(t, "family"));
	cJSON_ArrayForEach (f, fams) {
		const char *fam = f->valuestring;
		cJSON *e = cJSON_CreateObject(), *names, *areas, *list, *excluded, *not_run;
		const cJSON *s;
		double count = 0, sum = 0;

		cJSON_AddStringToObject(e, "family", fam);
		names = cJSON_AddArrayToObject(e, "targets");
		cJSON_ArrayForEach (t, res->targets)
			if (!strcmp(dlt_json_str(t, "family"), fam))
				cJSON_AddItemToArray(names,
						     cJSON_CreateString(dlt_json_str(t, "name")));
		areas = cJSON_CreateObject();
		list = cJSON_CreateArray();
		excluded = cJSON_CreateArray();
		not_run = cJSON_CreateArray();
		cJSON_ArrayForEach (s, res->scenarios) {
			cJSON *sf = cJSON_CreateArray(), *sa, *it, *se;
			cJSON *roles = dlt_results_scenario_roles(res, s);
			const cJSON *r;
			const char *sid = dlt_json_str(s, "id");
			double expected, passed = 0, other = 0, lerr = 0, score;
			int cross = cJSON_IsObject(roles);

			scenario_families(s, roles, sf, fams);
			if (!str_in_array(sf, fam)) {
				cJSON_Delete(sf);
				cJSON_Delete(roles);
				continue;
			}
			cJSON_Delete(sf);
			expected = expected_runs(res, roles, fam);
			cJSON_Delete(roles);
			if (expected <= 0) {
				cJSON_AddItemToArray(excluded, cJSON_CreateString(sid));
				continue;
			}
			for (const cJSON *const *g = dlt_results_of_scenario(res, sid); (r = *g);
			     g++) {
				if (!cross && !result_in_family(res, r, fam))
					continue;
				if (!strcmp(dlt_json_str(r, "verdict"), "launch-error"))
					lerr++;
				else if (dlt_verdict_passed(dlt_json_str(r, "verdict")))
					passed++;
				else
					other++;
			}
			/* a combination that could not be started is not planned as far as the score
			 * goes: it says nothing of interoperability */
			expected -= lerr;
			if (expected <= 0) {
				cJSON_AddItemToArray(not_run, cJSON_CreateString(sid));
				continue;
			}
			score = passed >= expected && other == 0 ? 1 : 0;
			count++;
			sum += score;
			se = cJSON_CreateObject();
			cJSON_AddStringToObject(se, "id", sid);
			cJSON_AddNumberToObject(se, "score", score);
			cJSON_AddNumberToObject(se, "expected", expected);
			cJSON_AddNumberToObject(se, "passed", passed);
			if (lerr > 0)
				cJSON_AddNumberToObject(se, "launch_errors", lerr);
			cJSON_AddItemToArray(list, se);
			sa = cJSON_CreateArray();
			scenario_areas(rm, s, NULL, sa);
			cJSON_ArrayForEach (it, sa) {
				cJSON *a = cJSON_GetObjectItemCaseSensitive(areas, it->valuestring);

				if (!a) {
					a = cJSON_AddObjectToObject(areas, it->valuestring);
					cJSON_AddNumberToObject(a, "scenarios", 0);
					cJSON_AddNumberToObject(a, "sum", 0);
				}
				bump(a, "scenarios", 1);
				bump(a, "sum", score);
			}
			cJSON_Delete(sa);
		}
		cJSON_AddNumberToObject(e, "scenarios", count);
		cJSON_AddNumberToObject(e, "sum", sum);
		add_ratio(e, "score", sum, count);
		/* areas in roadmap order */
		{
			cJSON *ordered = cJSON_AddObjectToObject(e, "areas");

			for (size_t i = 0; i < dlt_roadmap_area_count(rm); i++) {
				const char *aid = dlt_json_str(dlt_roadmap_area_at(rm, i), "id");
				cJSON *a = cJSON_DetachItemFromObjectCaseSensitive(areas, aid);

				if (!a)
					continue;
				add_ratio(a, "score", num(a, "sum"), num(a, "scenarios"));
				cJSON_AddItemToObject(ordered, aid, a);
			}
		}
		cJSON_Delete(areas);
		cJSON_AddItemToObject(e, "per_scenario", list);
		cJSON_AddItemToObject(e, "excluded", excluded);
		cJSON_AddItemToObject(e, "launch_error", not_run);
		cJSON_AddItemToArray(out, e);
	}
	cJSON_Delete(fams);
	return out;
}

/* ---- gaps ---- */

static cJSON *reason_of(const cJSON *r, const char *target)
{
	const char *reason = dlt_json_str(r, "reason");
	const cJSON *k;

	if (reason)
		return cJSON_CreateString(reason);
	cJSON_ArrayForEach (k, cJSON_GetObjectItemCaseSensitive(r, "checks")) {
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "ok")) ||
		    !check_applies(k, target))
			continue;
		const char *label = dlt_json_str(k, "label");
		struct dlt_buf b;
		char *ex = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(k, "expected"), 80, 0);
		char *ac = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(k, "actual"), 80, 0);
		cJSON *out;

		dlt_buf_init(&b);
		dlt_buf_printf(&b, "check \"%s\" failed: expected %s, got %s", label ? label : "?",
			       ex ? ex : "?", ac ? ac : "?");
		free(ex);
		free(ac);
		out = cJSON_CreateString(dlt_buf_str(&b));
		dlt_buf_free(&b);
		return out;
	}
	return cJSON_CreateNull();
}

static cJSON *gaps_json(const struct dlt_results *res, const struct dlt_roadmap *rm,
			const cJSON *reqs)
{
	cJSON *g = cJSON_CreateObject(), *std, *unc, *nov, *unk, *impl, *iop;
	const cJSON *s, *req, *t, *r;

	std = cJSON_AddObjectToObject(g, "standardization");
	unc = cJSON_AddArrayToObject(std, "uncovered_requirements");
	nov = cJSON_AddArrayToObject(std, "scenarios_without_vectors");
	unk = cJSON_AddArrayToObject(std, "unknown_requirements");
	cJSON *unt = cJSON_AddArrayToObject(std, "untestable_requirements");
	cJSON_ArrayForEach (req, reqs) {
		if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(req, "scenarios")))
			continue;
		cJSON *e = cJSON_CreateObject();
		/* a requirement the roadmap says no suite can test is listed apart, with the reason */
		const cJSON *rq = rm ? dlt_roadmap_requirement(rm, dlt_json_str(req, "id")) : NULL;
		const cJSON *why = cJSON_GetObjectItemCaseSensitive(rq, "untestable");

		cJSON_AddStringToObject(e, "id", dlt_json_str(req, "id"));
		cJSON_AddStringToObject(e, "area", dlt_json_str(req, "area"));
		cJSON_AddStringToObject(e, "level", dlt_json_str(req, "level"));
		cJSON_AddStringToObject(e, "title", dlt_json_str(req, "title"));
		if (cJSON_IsString(why))
			cJSON_AddStringToObject(e, "untestable", why->valuestring);
		cJSON_AddItemToArray(cJSON_IsString(why) ? unt : unc, e);
	}
	cJSON_ArrayForEach (s, res->scenarios) {
		const cJSON *id;

		if (!cJSON_GetArraySize(arr_get(s, "vectors"))) {
			cJSON *e = cJSON_CreateObject();
			const char *title = dlt_json_str(s, "title");

			cJSON_AddStringToObject(e, "id", dlt_json_str(s, "id"));
			cJSON_AddStringToObject(e, "family", dlt_json_str(s, "family"));
			if (title)
				cJSON_AddStringToObject(e, "title", title);
			cJSON_AddItemToArray(nov, e);
		}
		cJSON_ArrayForEach (id, arr_get(s, "roadmap")) {
			if (!cJSON_IsString(id) || dlt_roadmap_requirement(rm, id->valuestring))
				continue;
			cJSON *e = cJSON_CreateObject();

			cJSON_AddStringToObject(e, "scenario", dlt_json_str(s, "id"));
			cJSON_AddStringToObject(e, "requirement", id->valuestring);
			cJSON_AddItemToArray(unk, e);
		}
	}

	impl = cJSON_AddArrayToObject(g, "implementation");
	cJSON_ArrayForEach (t, res->targets) {
		const char *name = dlt_json_str(t, "name");
		cJSON *e = cJSON_CreateObject(), *list;

		cJSON_AddStringToObject(e, "target", name);
		cJSON_AddStringToObject(e, "family", dlt_json_str(t, "family"));
		list = cJSON_AddArrayToObject(e, "gaps");
		cJSON_ArrayForEach (req, reqs) {
			const char *st =
				dlt_json_str(cJSON_GetObjectItemCaseSensitive(req, "status"), name);
			const char *rid = dlt_json_str(req, "id");
			cJSON *ge, *ev;

			if (!st ||
			    (strcmp(st, "fail") && strcmp(st, "error") && strcmp(st, "skip")))
				continue;
			ge = cJSON_CreateObject();
			cJSON_AddStringToObject(ge, "requirement", rid);
			cJSON_AddStringToObject(ge, "level", dlt_json_str(req, "level"));
			cJSON_AddStringToObject(ge, "title", dlt_json_str(req, "title"));
			cJSON_AddStringToObject(ge, "status", st);
			cJSON_AddStringToObject(ge, "kind",
						!strcmp(st, "skip") ? "not supported" : "failed");
			ev = cJSON_AddArrayToObject(ge, "evidence");
			cJSON_ArrayForEach (r, res->results) {
				const cJSON *scen =
					dlt_results_scenario(res, dlt_json_str(r, "scenario"));
				const char *v;
				char *label;
				cJSON *x;

				if (!scen || !scenario_names(scen, rid) ||
				    !dlt_result_has_target(r, name))
					continue;
				v = dlt_result_verdict_for(r, name);
				if (dlt_verdict_passed(v))
					continue;
				x = cJSON_CreateObject();
				cJSON_AddStringToObject(x, "scenario", dlt_json_str(r, "scenario"));
				label = dlt_result_targets_label(r);
				cJSON_AddStringToObject(x, "targets", label ? label : "");
				free(label);
				cJSON_AddStringToObject(x, "verdict", v);
				cJSON_AddItemToObject(x, "reason", reason_of(r, name));
				cJSON_AddItemToArray(ev, x);
			}
			cJSON_AddItemToArray(list, ge);
		}
		cJSON_AddItemToArray(impl, e);
	}

	iop = cJSON_AddArrayToObject(g, "interoperability");
	cJSON_ArrayForEach (r, res->results) {
		const char *iv = dlt_json_str(r, "interop_verdict");
		const cJSON *dv = arr_get(r, "divergences"), *k, *scen;
		cJSON *e, *fails;
		const char *title;

		if (!(iv && !strcmp(iv, "diverge")) && !cJSON_GetArraySize(dv))
			continue;
		scen = dlt_results_scenario(res, dlt_json_str(r, "scenario"));
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "scenario", dlt_json_str(r, "scenario"));
		title = dlt_json_str(scen, "title");
		if (title)
			cJSON_AddStringToObject(e, "title", title);
		cJSON_AddStringToObject(e, "family", dlt_json_str(scen, "family"));
		cJSON_AddItemToObject(
			e, "targets",
			cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r, "targets"), 1));
		cJSON_AddStringToObject(e, "verdict", dlt_json_str(r, "verdict"));
		cJSON_AddItemToObject(e, "divergences",
				      dv ? cJSON_Duplicate(dv, 1) : cJSON_CreateArray());
		fails = cJSON_AddArrayToObject(e, "failed_interop_checks");
		cJSON_ArrayForEach (k, cJSON_GetObjectItemCaseSensitive(r, "checks")) {
			const char *kind = dlt_json_str(k, "kind");

			if (!kind || strcmp(kind, "interop") ||
			    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "ok")))
				continue;
			cJSON *c = cJSON_CreateObject();
			const cJSON *diff = cJSON_GetObjectItemCaseSensitive(k, "diff");

			cJSON_AddStringToObject(c, "label",
						dlt_json_str(k, "label") ? dlt_json_str(k, "label")
									 : "");
			cJSON_AddItemToObject(
				c, "diff", diff ? cJSON_Duplicate(diff, 1) : cJSON_CreateArray());
			cJSON_AddItemToArray(fails, c);
		}
		cJSON_AddItemToArray(iop, e);
	}
	return g;
}

cJSON *dlt_scores_compute(const struct dlt_results *res, const struct dlt_roadmap *rm, char *err,
			  size_t errlen)
{
	cJSON *doc = cJSON_CreateObject(), *run, *rmj, *areas, *targets, *reqs, *m, *fam, *srcs;
	const cJSON *t, *src;
	char *p;

	if (!doc)
		goto oom;
	cJSON_AddStringToObject(doc, "format", DLT_SCORES_FORMAT);
	run = cJSON_AddObjectToObject(doc, "run");
	{
		static const char *const keys[] = { "id", "tool", "suite_version", "started",
						    "finished" };

		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (dlt_json_str(res->run, keys[i]))
				cJSON_AddStringToObject(run, keys[i],
							dlt_json_str(res->run, keys[i]));
		srcs = cJSON_AddArrayToObject(run, "files");
		src = cJSON_GetObjectItemCaseSensitive(res->run, "merged_from");
		if (cJSON_IsArray(src)) {
			cJSON_ArrayForEach (t, src)
				if (dlt_json_str(t, "file"))
					cJSON_AddItemToArray(
						srcs, cJSON_CreateString(dlt_json_str(t, "file")));
		} else {
			cJSON_AddItemToArray(srcs, cJSON_CreateString(res->path));
		}
		if (cJSON_GetObjectItemCaseSensitive(res->run, "shards_missing"))
			cJSON_AddItemToObject(run, "shards_missing",
					      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(
								      res->run, "shards_missing"),
							      1));
	}
	rmj = cJSON_AddObjectToObject(doc, "roadmap");
	cJSON_AddStringToObject(rmj, "file", dlt_roadmap_path(rm));
	cJSON_AddStringToObject(rmj, "version", dlt_roadmap_version(rm));
	cJSON_AddNumberToObject(rmj, "requirements", (double)dlt_roadmap_count(rm));
	cJSON_AddItemToObject(doc, "summary", dlt_results_summary(res));
	areas = cJSON_AddArrayToObject(doc, "areas");
	for (size_t i = 0; i < dlt_roadmap_area_count(rm); i++) {
		const cJSON *a = dlt_roadmap_area_at(rm, i);
		cJSON *e = cJSON_CreateObject();

		cJSON_AddStringToObject(e, "id", dlt_json_str(a, "id"));
		cJSON_AddStringToObject(e, "title", dlt_json_str(a, "title"));
		cJSON_AddItemToArray(areas, e);
	}
	targets = cJSON_AddArrayToObject(doc, "targets");
	cJSON_ArrayForEach (t, res->targets) {
		static const char *const keys[] = { "name",    "family",         "implementation",
						    "version", "client_version", "url",
						    "down" };
		cJSON *e = cJSON_CreateObject();

		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (dlt_json_str(t, keys[i]))
				cJSON_AddStringToObject(e, keys[i], dlt_json_str(t, keys[i]));
		if (cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(t, "launched")))
			cJSON_AddBoolToObject(
				e, "launched",
				cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "launched")));
		cJSON_AddItemToArray(targets, e);
	}
	reqs = requirements_json(res, rm);
	cJSON_AddItemToObject(doc, "conformance", conformance_json(res, rm, reqs));
	cJSON_AddItemToObject(doc, "requirements", reqs);
	cJSON_AddItemToObject(doc, "interop", interop_json(res, rm));
	m = dlt_results_matrix(res);
	cJSON_ArrayForEach (fam, cJSON_GetObjectItemCaseSensitive(res->json, "matrix"))
		if (m && fam->string && !cJSON_GetObjectItemCaseSensitive(m, fam->string))
			cJSON_AddItemToObject(m, fam->string, cJSON_Duplicate(fam, 1));
	cJSON_AddItemToObject(doc, "matrix", m);
	cJSON_AddItemToObject(doc, "gaps", gaps_json(res, rm, reqs));
	/* a cheap completeness check: the document must print */
	p = cJSON_PrintUnformatted(doc);
	if (!p)
		goto oom;
	cJSON_free(p);
	return doc;
oom:
	cJSON_Delete(doc);
	snprintf(err, errlen, "scores: out of memory");
	return NULL;
}
