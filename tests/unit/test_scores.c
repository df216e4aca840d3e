/*
 * test_scores.c: TAP tests of reports/results.c and reports/scores.c on the hand-written
 * fixtures in tests/data/results/: strict loading with file and JSON path in errors, secret
 * stripping, merge rules (suite version, duplicates, shards), conformance and interop scores,
 * the pair matrix and the gap lists.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "runner/home.h"
#include "model/results.h"
#include "model/merge.h"
#include "model/scores.h"
#include "model/roadmap.h"

static char *fixture(const char *name)
{
	static char buf[8][4096];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%s/tests/data/results/%s", dlt_home(), name);
	return buf[i];
}

static struct dlt_results *load(const char *name)
{
	char err[1024];
	struct dlt_results *r = NULL;

	if (dlt_results_load(fixture(name), &r, err, sizeof(err)))
		printf("# %s\n", err);
	return r;
}

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

static const cJSON *find(const cJSON *arr, const char *key, const char *val)
{
	const cJSON *it;

	cJSON_ArrayForEach (it, arr) {
		const char *s = dlt_json_str(it, key);

		if (s && !strcmp(s, val))
			return it;
	}
	return NULL;
}

static double num(const cJSON *o, const char *k)
{
	const cJSON *v = get(o, k);

	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static int close_to(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void bad_results(const char *file, const char *want)
{
	char err[1024] = "";
	struct dlt_results *r = NULL;
	int rc = dlt_results_load(fixture(file), &r, err, sizeof(err));

	tap_ok_escaped(rc == -1 && !r && strstr(err, file) && strstr(err, want), "%s refused: %s",
		       file, err);
	dlt_results_free(r);
}

static const char *status(const cJSON *sc, const char *req, const char *target)
{
	const char *s =
		dlt_json_str(get(find(get(sc, "requirements"), "id", req), "status"), target);

	return s ? s : "(none)";
}

static void scores(const struct dlt_roadmap *rm)
{
	struct dlt_results *r = load("run-full.json");
	char err[1024];
	cJSON *sc;
	const cJSON *c, *f, *g, *m, *list;
	char *text;

	tap_ok(r != NULL, "run-full.json loads");
	if (!r)
		return;
	tap_ok(!strstr(dlt_json_str(dlt_results_target(r, "litecoind"), "url"), "s3cret") &&
		       !strcmp(dlt_json_str(dlt_results_target(r, "litecoind"), "url"),
			       "http://127.0.0.1:19443"),
	       "credentials stripped from target URL on load");
	text = cJSON_PrintUnformatted(r->json);
	tap_ok(text && !strstr(text, "hunter2") && !strstr(text, "rpcuser") &&
		       strstr(text, "http://127.0.0.1:40125/"),
	       "credentials stripped from every string (logs too)");
	free(text);

	sc = dlt_scores_compute(r, rm, err, sizeof(err));
	tap_ok(sc != NULL, "scores computed");
	if (!sc) {
		dlt_results_free(r);
		return;
	}
	tap_ok(!strcmp(dlt_json_str(sc, "format"), "dlt-interop-scores/2"), "scores format");
	c = find(get(sc, "conformance"), "target", "anvil");
	tap_ok(num(c, "results") == 12 && num(c, "passed") == 10 &&
		       close_to(num(c, "score"), 10.0 / 12),
	       "anvil: 10 of 12 applicable results pass (%g/%g)", num(c, "passed"),
	       num(c, "results"));
	tap_ok(!strcmp(dlt_json_str(get(get(c, "areas"), "IOP"), "status"), "fails"),
	       "anvil fails IOP (receipt divergence on a MUST requirement)");
	tap_ok(close_to(num(get(get(c, "areas"), "NODE"), "score"), 1.0) &&
		       !strcmp(dlt_json_str(get(get(c, "areas"), "NODE"), "status"),
			       "not-established"),
	       "anvil NODE 100%% but not established (untested MUST requirements)");
	c = find(get(sc, "conformance"), "target", "hardhat");
	tap_ok(!strcmp(dlt_json_str(get(get(c, "areas"), "NODE"), "status"), "fails") &&
		       close_to(num(get(get(c, "areas"), "NODE"), "score"), 2.0 / 4.0),
	       "hardhat NODE fails, 2 of 4 results");
	tap_ok(close_to(num(get(get(c, "areas"), "PAY"), "score"), 0.0) &&
		       num(get(get(c, "areas"), "PAY"), "results") == 1,
	       "hardhat PAY 0%% (an xfail result does not pass)");
	c = find(get(sc, "conformance"), "target", "litecoind");
	tap_ok(num(c, "results") == 7 && num(c, "passed") == 5,
	       "litecoind: an error result counts and does not pass (%g/%g)", num(c, "passed"),
	       num(c, "results"));
	tap_ok(close_to(num(get(get(c, "areas"), "IOP"), "score"), 1.0),
	       "litecoind IOP: the swap's failure is hardhat's check, not litecoind's");
	c = find(get(sc, "conformance"), "target", "monerod");
	tap_ok(num(c, "results") == 2 && num(get(c, "verdicts"), "inconclusive") == 1 &&
		       num(get(c, "verdicts"), "skip") == 1,
	       "monerod: skip and inconclusive results do not count in the score");

	tap_ok(!strcmp(status(sc, "NODE-06", "hardhat"), "fail"), "NODE-06 x hardhat = fail");
	tap_ok(!strcmp(status(sc, "NODE-06", "monerod"), "pass"), "NODE-06 x monerod = pass");
	tap_ok(!strcmp(status(sc, "NODE-02", "monerod"), "skip"), "NODE-02 x monerod = skip");
	tap_ok(!strcmp(status(sc, "INTEG-07", "litecoind"), "error"),
	       "INTEG-07 x litecoind = error");
	tap_ok(!strcmp(status(sc, "INTEG-02", "monerod"), "inconclusive"),
	       "INTEG-02 x monerod = inconclusive");
	tap_ok(!strcmp(status(sc, "NODE-03", "litecoind"), "na"), "NODE-03 x litecoind = na");
	tap_ok(!strcmp(status(sc, "PROV-01", "anvil"), "untested"), "PROV-01 x anvil = untested");
	tap_ok(!strcmp(status(sc, "IOP-08", "litecoind"), "pass") &&
		       !strcmp(status(sc, "IOP-08", "hardhat"), "fail"),
	       "IOP-08: per-target attribution of the swap failure");

	f = find(get(sc, "interop"), "family", "ethereum");
	tap_ok(num(f, "scenarios") == 10 && num(f, "sum") == 5 && close_to(num(f, "score"), 0.5),
	       "ethereum interop score 5/10");
	tap_ok(close_to(num(get(get(f, "areas"), "IOP"), "score"), 0.5) &&
		       num(get(get(f, "areas"), "IOP"), "scenarios") == 4,
	       "ethereum IOP interop 2/4");
	f = find(get(sc, "interop"), "family", "bitcoin");
	tap_ok(num(f, "scenarios") == 6 && num(f, "sum") == 3, "bitcoin interop score 3/6");

	m = get(get(sc, "matrix"), "ethereum");
	tap_ok(close_to(num(get(get(m, "agree"), "anvil"), "hardhat"), 0.5) &&
		       num(get(get(get(m, "counts"), "hardhat"), "anvil"), "total") == 2,
	       "pair matrix anvil->hardhat 50%% of 2");

	g = get(sc, "gaps");
	list = get(get(g, "standardization"), "uncovered_requirements");
	tap_ok(find(list, "id", "PROV-01") && !find(list, "id", "NODE-03"),
	       "uncovered requirements: PROV-01 listed, NODE-03 not");
	tap_ok(find(get(get(g, "standardization"), "scenarios_without_vectors"), "id",
		    "common.rpc.unknown-method") &&
		       !find(get(get(g, "standardization"), "scenarios_without_vectors"), "id",
			     "eth.chain.chain-id"),
	       "scenarios without vectors");
	tap_ok(find(get(get(g, "standardization"), "unknown_requirements"), "requirement",
		    "XYZ-99") != NULL,
	       "unknown requirement ids listed");
	list = get(get(g, "standardization"), "untestable_requirements");
	tap_ok(find(list, "id", "TERM-05") && get(find(list, "id", "TERM-05"), "untestable") &&
		       !find(get(get(g, "standardization"), "uncovered_requirements"), "id",
			     "TERM-05"),
	       "TERM-05 (untestable in the roadmap) is listed apart with its reason, not as uncovered");
	list = get(find(get(g, "implementation"), "target", "litecoind"), "gaps");
	tap_ok(find(list, "requirement", "INTEG-07") && find(list, "requirement", "NODE-01") &&
		       !find(list, "requirement", "ID-03"),
	       "litecoind implementation gaps");
	list = get(find(get(g, "implementation"), "target", "monerod"), "gaps");
	tap_ok(find(list, "requirement", "NODE-02") &&
		       !strcmp(dlt_json_str(find(list, "requirement", "NODE-02"), "kind"),
			       "not supported"),
	       "monerod: skipped requirement is 'not supported'");
	tap_ok(cJSON_GetArraySize(get(g, "interoperability")) == 2 &&
		       cJSON_GetArraySize(get(cJSON_GetArrayItem(get(g, "interoperability"), 0),
					      "divergences")) == 2,
	       "two interoperability gaps with their field-level divergences");
	cJSON_Delete(sc);
	dlt_results_free(r);
}

/* The runner may leave "roles" out of results.json scenarios: scores must come out the same,
 * the roles being inferred from the results. */
static void inferred_roles(const struct dlt_roadmap *rm)
{
	struct dlt_results *r = load("run-full.json");
	char err[1024];
	cJSON *with, *without, *s, *roles;

	if (!r) {
		tap_ok(0, "run-full.json loads");
		return;
	}
	with = dlt_scores_compute(r, rm, err, sizeof(err));
	cJSON_ArrayForEach (s, r->scenarios)
		cJSON_DeleteItemFromObjectCaseSensitive(s, "roles");
	roles = dlt_results_scenario_roles(r, dlt_results_scenario(r, "htlc.swap"));
	tap_ok(cJSON_IsObject(roles) && !strcmp(dlt_json_str(roles, "utxo"), "bitcoin") &&
		       !strcmp(dlt_json_str(roles, "evm"), "ethereum"),
	       "cross-family roles inferred from results");
	cJSON_Delete(roles);
	roles = dlt_results_scenario_roles(r, dlt_results_scenario(r, "eth.iop.receipt"));
	tap_ok(cJSON_IsArray(roles) && cJSON_GetArraySize(roles) == 2,
	       "pair roles inferred from results");
	cJSON_Delete(roles);
	roles = dlt_results_scenario_roles(r, dlt_results_scenario(r, "common.rpc.envelope"));
	tap_ok(cJSON_IsArray(roles) && cJSON_GetArraySize(roles) == 1,
	       "one role over several families");
	cJSON_Delete(roles);
	without = dlt_scores_compute(r, rm, err, sizeof(err));
	tap_ok(with && without && cJSON_Compare(get(with, "interop"), get(without, "interop"), 1),
	       "interop scores equal with declared and inferred roles");
	cJSON_Delete(with);
	cJSON_Delete(without);
	dlt_results_free(r);
}

static void merging(const struct dlt_roadmap *rm)
{
	struct dlt_results *a = load("shard-1-of-2.json"), *b = load("shard-2-of-2.json");
	struct dlt_results *o = load("other-suite.json"), *cf = load("shard-conflict.json");
	struct dlt_results *dup = load("shard-duplicate.json"), *v = load("vendor-besu.json");
	struct dlt_results *m = NULL, *in[3];
	char err[1024] = "";
	int rc;

	tap_ok(a && b && o && cf && dup && v, "merge fixtures load");
	if (!(a && b && o && cf && dup && v))
		goto out;
	in[0] = a;
	in[1] = b;
	rc = dlt_results_merge(in, 2, &m, err, sizeof(err));
	tap_ok(rc == 0 && m &&
		       cJSON_GetArraySize(m->results) ==
			       cJSON_GetArraySize(a->results) + cJSON_GetArraySize(b->results),
	       "two shards merge into %d results", m ? cJSON_GetArraySize(m->results) : -1);
	tap_ok(m && !get(m->run, "shards_missing") &&
		       cJSON_GetArraySize(get(m->run, "merged_from")) == 2,
	       "complete shard set, both inputs recorded");
	tap_ok(m && num(get(m->json, "summary"), "total") == cJSON_GetArraySize(m->results),
	       "summary recomputed");
	tap_ok(m && close_to(
			    num(get(get(get(get(m->json, "matrix"), "ethereum"), "agree"), "anvil"),
				"hardhat"),
			    0.5),
	       "matrix recomputed from the shards' interop verdicts");
	dlt_results_free(m);
	m = NULL;

	rc = dlt_results_merge(in, 1, &m, err, sizeof(err));
	tap_ok(rc == 0 && m && cJSON_GetArraySize(get(m->run, "shards_missing")) == 1,
	       "one shard of two: shards_missing = [2]");
	dlt_results_free(m);
	m = NULL;

	in[1] = o;
	rc = dlt_results_merge(in, 2, &m, err, sizeof(err));
	tap_ok_escaped(rc == -1 && !m && strstr(err, "other-suite.json") &&
			       strstr(err, "shard-1-of-2.json") && strstr(err, "suite_version"),
		       "different suite versions refused, both files named: %s", err);

	in[1] = cf;
	rc = dlt_results_merge(in, 2, &m, err, sizeof(err));
	tap_ok_escaped(rc == -1 && !m && strstr(err, "shard-conflict.json: $.results[0]") &&
			       strstr(err, "shard-1-of-2.json: $.results[0]"),
		       "conflicting duplicate refused: %s", err);

	in[1] = dup;
	rc = dlt_results_merge(in, 2, &m, err, sizeof(err));
	tap_ok(rc == 0 && m && cJSON_GetArraySize(m->results) == cJSON_GetArraySize(a->results),
	       "duplicate with the same outcome (other duration) folded");
	dlt_results_free(m);
	m = NULL;

	in[1] = b;
	in[2] = v;
	rc = dlt_results_merge(in, 3, &m, err, sizeof(err));
	tap_ok(rc == 0 && m && cJSON_GetArraySize(m->targets) == 3 && dlt_results_target(m, "besu"),
	       "a vendor's run joins the shards (3 targets)");
	if (m) {
		cJSON *sc = dlt_scores_compute(m, rm, err, sizeof(err));
		const cJSON *f = find(get(sc, "interop"), "family", "ethereum");

		/* 6 ethereum scenarios; with besu, single-target ones need 3 passes, pairs 6 */
		tap_ok(sc && num(f, "scenarios") == 6 && num(f, "sum") == 2,
		       "interop over the fixed list of 6 ethereum scenarios: %g/%g", num(f, "sum"),
		       num(f, "scenarios"));
		tap_ok(sc && !strcmp(status(sc, "PAY-01", "besu"), "skip"), "besu PAY-01 skipped");
		cJSON_Delete(sc);
	} else {
		tap_ok(0, "interop over merged vendors");
		tap_ok(0, "besu PAY-01 skipped");
	}
out:
	dlt_results_free(m);
	dlt_results_free(a);
	dlt_results_free(b);
	dlt_results_free(o);
	dlt_results_free(cf);
	dlt_results_free(dup);
	dlt_results_free(v);
}

/* A copy of a loaded result set, as a new one (the test changes the copy). */
static struct dlt_results *copy_of(const struct dlt_results *r)
{
	char err[1024];
	struct dlt_results *out = NULL;

	if (dlt_results_from_json(cJSON_Duplicate(r->json, 1), r->path, &out, err, sizeof(err)))
		printf("# copy: %s\n", err);
	return out;
}

static cJSON *find_result(const struct dlt_results *r, const char *scenario, const char *target)
{
	cJSON *it;

	cJSON_ArrayForEach (it, r->results)
		if (!strcmp(dlt_json_str(it, "scenario"), scenario) &&
		    dlt_result_has_target(it, target) &&
		    cJSON_GetArraySize(get(it, "targets")) == 1)
			return it;
	return NULL;
}

/* n more failed checks (labels with a transaction hash, as real ones carry) in result res */
static void add_failed_checks(cJSON *res, const char *target, int n)
{
	cJSON *checks = cJSON_GetObjectItemCaseSensitive(res, "checks");

	for (int i = 0; i < n; i++) {
		cJSON *k = cJSON_CreateObject();
		char label[96];

		snprintf(label, sizeof(label), "receipt of 0x%064x", i + 1);
		cJSON_AddStringToObject(k, "label", label);
		cJSON_AddStringToObject(k, "kind", "protocol");
		cJSON_AddStringToObject(k, "target", target);
		cJSON_AddBoolToObject(k, "ok", 0);
		cJSON_AddItemToArray(checks, k);
	}
}

/* Scores are a function of verdicts: two result sets that differ only in how many checks an
 * xfail and a fail made (and how many of them failed, which depends on timing) score alike. */
static void scores_from_verdicts(const struct dlt_roadmap *rm)
{
	struct dlt_results *a = load("run-full.json"), *b;
	char err[1024];
	cJSON *sa, *sb, *x, *f, *k;

	if (!a) {
		tap_ok(0, "run-full.json loads");
		return;
	}
	b = copy_of(a);
	x = b ? find_result(b, "eth.pay.balance", "hardhat") : NULL; /* xfail */
	f = b ? find_result(b, "common.rpc.unknown-method", "hardhat") : NULL; /* fail */
	tap_ok(x && f && !strcmp(dlt_json_str(x, "verdict"), "xfail") &&
		       !strcmp(dlt_json_str(f, "verdict"), "fail"),
	       "an xfail and a fail result to vary");
	if (!x || !f) {
		dlt_results_free(a);
		dlt_results_free(b);
		return;
	}
	add_failed_checks(x, "hardhat", 7);
	add_failed_checks(f, "hardhat", 40);
	/* and a passing check more in the fail */
	k = cJSON_CreateObject();
	cJSON_AddStringToObject(k, "label", "one more");
	cJSON_AddBoolToObject(k, "ok", 1);
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(f, "checks"), k);
	sa = dlt_scores_compute(a, rm, err, sizeof(err));
	sb = dlt_scores_compute(b, rm, err, sizeof(err));
	tap_ok(sa && sb && cJSON_Compare(get(sa, "conformance"), get(sb, "conformance"), 1),
	       "conformance scores equal when only the number of failing checks differs");
	tap_ok(sa && sb && cJSON_Compare(get(sa, "requirements"), get(sb, "requirements"), 1) &&
		       cJSON_Compare(get(sa, "interop"), get(sb, "interop"), 1),
	       "requirement statuses and interop scores equal too");
	cJSON_Delete(sa);
	cJSON_Delete(sb);
	dlt_results_free(a);
	dlt_results_free(b);
}

/* The multi-target rule reads the runner's protocol_verdicts: a pair result whose failed checks
 * were not stored (the check cap) still gives each side its own verdict. */
static void protocol_verdicts_rule(void)
{
	cJSON *r =
		cJSON_Parse("{\"scenario\":\"s\",\"targets\":{\"a\":\"anvil\",\"b\":\"hardhat\"},"
			    "\"verdict\":\"fail\",\"interop_verdict\":\"agree\",\"checks\":[],"
			    "\"protocol_verdicts\":{\"anvil\":\"pass\",\"hardhat\":\"fail\"}}");

	tap_ok_escaped(!strcmp(dlt_result_verdict_for(r, "anvil"), "pass") &&
			       !strcmp(dlt_result_verdict_for(r, "hardhat"), "fail"),
		       "pair fail: the side whose protocol verdict passes gets pass (%s, %s)",
		       dlt_result_verdict_for(r, "anvil"), dlt_result_verdict_for(r, "hardhat"));
	cJSON_ReplaceItemInObjectCaseSensitive(r, "interop_verdict", cJSON_CreateString("diverge"));
	tap_ok(!strcmp(dlt_result_verdict_for(r, "anvil"), "fail"),
	       "pair fail with diverging answers: fail for both sides");
	cJSON_Delete(r);
}

/* Same score, counts and area scores and statuses (verdict counts aside). */
static int same_scores(const cJSON *a, const cJSON *b)
{
	const cJSON *x;

	if (!a || !b || !cJSON_Compare(get(a, "score"), get(b, "score"), 1) ||
	    num(a, "results") != num(b, "results") || num(a, "passed") != num(b, "passed"))
		return 0;
	cJSON_ArrayForEach (x, get(a, "areas")) {
		const cJSON *y = get(get(b, "areas"), x->string);

		if (!cJSON_Compare(get(x, "score"), get(y, "score"), 1) ||
		    !cJSON_Compare(get(x, "status"), get(y, "status"), 1))
			return 0;
	}
	return 1;
}

/* A target that could not be started: launch-error results count in no score, the target has
 * no score and says why, the other targets' scores and the interop score do not move. */
static void launch_errors(const struct dlt_roadmap *rm)
{
	struct dlt_results *a = load("run-full.json"), *b = NULL;
	char err[1024];
	cJSON *doc, *list, *it, *add, *t, *sa = NULL, *sb = NULL;
	const cJSON *c, *fa, *fb;

	if (!a) {
		tap_ok(0, "run-full.json loads");
		return;
	}
	doc = cJSON_Duplicate(a->json, 1);
	t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "name", "ethereumjs");
	cJSON_AddStringToObject(t, "family", "ethereum");
	cJSON_AddBoolToObject(t, "launched", 0);
	cJSON_AddStringToObject(t, "down", "target ethereumjs: not ready after 90 s\nlog tail");
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(doc, "targets"), t);
	/* every planned combination with ethereumjs: anvil's place in each result, and
	 * hardhat's place in the anvil/hardhat pairs */
	list = cJSON_GetObjectItemCaseSensitive(doc, "results");
	add = cJSON_CreateArray();
	cJSON_ArrayForEach (it, list) {
		const char *swap[2][2] = { { "anvil", NULL }, { "hardhat", NULL } };
		int pair = cJSON_GetArraySize(get(it, "targets")) == 2 &&
			   dlt_result_has_target(it, "anvil") &&
			   dlt_result_has_target(it, "hardhat");

		for (int w = 0; w < (pair ? 2 : 1); w++) {
			cJSON *n, *role;

			if (!dlt_result_has_target(it, swap[w][0]))
				continue;
			n = cJSON_CreateObject();
			cJSON_AddStringToObject(n, "scenario", dlt_json_str(it, "scenario"));
			cJSON_AddItemToObject(n, "targets", cJSON_Duplicate(get(it, "targets"), 1));
			cJSON_ArrayForEach (role, cJSON_GetObjectItemCaseSensitive(n, "targets"))
				if (!strcmp(role->valuestring, swap[w][0]))
					cJSON_SetValuestring(role, "ethereumjs");
			cJSON_AddStringToObject(n, "verdict", "launch-error");
			cJSON_AddStringToObject(n, "reason",
						"target ethereumjs: not ready after 90 s");
			cJSON_AddArrayToObject(n, "checks");
			cJSON_AddItemToArray(add, n);
		}
	}
	while (cJSON_GetArraySize(add))
		cJSON_AddItemToArray(list, cJSON_DetachItemFromArray(add, 0));
	cJSON_Delete(add);
	if (dlt_results_from_json(doc, "with-launch-error.json", &b, err, sizeof(err)))
		printf("# %s\n", err);
	tap_ok(b != NULL, "results with launch-error verdicts load");
	if (b) {
		sa = dlt_scores_compute(a, rm, err, sizeof(err));
		sb = dlt_scores_compute(b, rm, err, sizeof(err));
	}
	tap_ok(sb && num(get(sb, "summary"), "launch-error") > 10,
	       "summary counts launch-error apart (%g)", num(get(sb, "summary"), "launch-error"));
	c = find(get(sb, "conformance"), "target", "ethereumjs");
	tap_ok_escaped(c && cJSON_IsNull(get(c, "score")) && num(c, "results") == 0 &&
			       num(c, "launch_errors") == num(get(c, "verdicts"), "launch-error") &&
			       dlt_json_str(c, "not_scored") &&
			       strstr(dlt_json_str(c, "not_scored"), "could not be started") &&
			       strstr(dlt_json_str(c, "not_scored"), "not ready after 90 s") &&
			       !strstr(dlt_json_str(c, "not_scored"), "log tail"),
		       "a target that never started has no score, and says why: %s",
		       c && dlt_json_str(c, "not_scored") ? dlt_json_str(c, "not_scored")
							  : "(none)");
	tap_ok(c && cJSON_IsNull(get(get(get(c, "areas"), "NODE"), "score")) &&
		       !strcmp(dlt_json_str(get(get(c, "areas"), "NODE"), "status"),
			       "not-established"),
	       "its areas have no score (not 0%%) and are not established");
	tap_ok_escaped(sb && !strcmp(status(sb, "NODE-06", "ethereumjs"), "launch-error"),
		       "requirement status launch-error (%s)",
		       sb ? status(sb, "NODE-06", "ethereumjs") : "");
	tap_ok(sa && sb &&
		       same_scores(find(get(sa, "conformance"), "target", "anvil"),
				   find(get(sb, "conformance"), "target", "anvil")) &&
		       same_scores(find(get(sa, "conformance"), "target", "litecoind"),
				   find(get(sb, "conformance"), "target", "litecoind")) &&
		       num(get(find(get(sb, "conformance"), "target", "anvil"), "verdicts"),
			   "launch-error") == 4,
	       "other targets' scores unchanged by their partner's launch errors (anvil has 4)");
	fa = find(get(sa, "interop"), "family", "ethereum");
	fb = find(get(sb, "interop"), "family", "ethereum");
	tap_ok(fa && fb && num(fa, "score") == num(fb, "score") &&
		       num(fa, "sum") == num(fb, "sum") &&
		       num(fa, "scenarios") == num(fb, "scenarios"),
	       "ethereum interop score unchanged: combinations that could not start are not counted "
	       "(%g/%g vs %g/%g)",
	       num(fb, "sum"), num(fb, "scenarios"), num(fa, "sum"), num(fa, "scenarios"));
	tap_ok(sb && find(get(get(sb, "gaps"), "implementation"), "target", "ethereumjs") &&
		       cJSON_GetArraySize(get(
			       find(get(get(sb, "gaps"), "implementation"), "target", "ethereumjs"),
			       "gaps")) == 0,
	       "launch errors are no implementation gaps");
	cJSON_Delete(sa);
	cJSON_Delete(sb);
	dlt_results_free(a);
	dlt_results_free(b);
}

/* merge and the duplicate check compare verdicts, not check labels or reasons */
static void merge_compares_verdicts(void)
{
	struct dlt_results *a = load("shard-1-of-2.json"), *b, *m = NULL, *in[2];
	char err[1024] = "";
	cJSON *it;
	int rc;

	if (!a) {
		tap_ok(0, "shard-1-of-2.json loads");
		return;
	}
	b = copy_of(a);
	if (!b) {
		tap_ok(0, "copy of shard-1-of-2.json");
		dlt_results_free(a);
		return;
	}
	cJSON_ArrayForEach (it, b->results) {
		cJSON *k;

		cJSON_ArrayForEach (k, cJSON_GetObjectItemCaseSensitive(it, "checks"))
			cJSON_ReplaceItemInObjectCaseSensitive(
				k, "label",
				cJSON_CreateString(
					"tx 0xabababababababababababababababababababababababababababababababab"));
		cJSON_DeleteItemFromObjectCaseSensitive(it, "reason");
		cJSON_AddStringToObject(it, "reason", "another wording, another hash 0x1234");
		add_failed_checks(it, "anvil", strcmp(dlt_json_str(it, "verdict"), "fail") ? 0 : 3);
	}
	in[0] = a;
	in[1] = b;
	rc = dlt_results_merge(in, 2, &m, err, sizeof(err));
	tap_ok_escaped(
		rc == 0 && m && cJSON_GetArraySize(m->results) == cJSON_GetArraySize(a->results),
		"overlapping results with the same verdicts but other labels and reasons merge: %s",
		rc ? err : "ok");
	dlt_results_free(m);
	m = NULL;
	it = cJSON_GetArrayItem(b->results, 0);
	cJSON_DeleteItemFromObjectCaseSensitive(it, "expected_verdict");
	cJSON_AddStringToObject(it, "expected_verdict", "fail");
	rc = dlt_results_merge(in, 2, &m, err, sizeof(err));
	tap_ok_escaped(rc == -1 && strstr(err, "different verdicts") &&
			       strstr(err, "expected_verdict"),
		       "a different expected verdict is refused, and named: %s", err);
	dlt_results_free(m);
	dlt_results_free(a);
	dlt_results_free(b);
}

int main(void)
{
	char path[4096], err[1024] = "";
	struct dlt_roadmap *rm = NULL;

	snprintf(path, sizeof(path), "%s/roadmap/roadmap.json", dlt_home());
	if (dlt_roadmap_load(path, &rm, err, sizeof(err))) {
		printf("1..0 # SKIP roadmap does not load: %s\n", err);
		return 0;
	}
	bad_results("bad-verdict.json",
		    "$.results[2].verdict: \"passed\" is not one of pass, fail");
	bad_results("bad-no-suite-version.json",
		    "$.run: missing required member \"suite_version\"");
	bad_results("bad-unknown-target.json",
		    "$.results[1].targets.node: \"geth\" is not listed in $.targets");
	bad_results("bad-check-ok.json",
		    "$.results[0].checks[0].ok: must be a boolean, not a string");
	bad_results("bad-json.json", "bad-json.json:2:");
	scores(rm);
	inferred_roles(rm);
	merging(rm);
	scores_from_verdicts(rm);
	protocol_verdicts_rule();
	launch_errors(rm);
	merge_compares_verdicts();
	{
		char *k;
		cJSON *x =
			cJSON_Parse("{\"scenario\":\"s\",\"targets\":{\"b\":\"y\",\"a\":\"x\"}}");

		k = dlt_result_key(x);
		tap_ok_escaped(k && !strcmp(k, "s|a=x,b=y"), "result key sorts roles (%s)",
			       k ? k : "");
		free(k);
		k = dlt_result_targets_label(x);
		tap_ok_escaped(k && !strcmp(k, "b=y a=x"), "targets label keeps role order (%s)",
			       k ? k : "");
		free(k);
		cJSON_Delete(x);
	}
	dlt_roadmap_free(rm);
	return tap_done();
}
