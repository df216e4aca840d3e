/*
 * results.h: the results model: reading and validating results.json files (docs/results.md),
 * and looking things up in them (targets, scenarios, result keys, verdicts per target, the
 * summary). Loading is strict on required members and tolerant of optional ones; every error
 * names the file and the JSON path. Every string is stripped of URL credentials (user:pass@)
 * on load, so no renderer can print them. The pair matrix is in matrix.h, merging in merge.h.
 */
#ifndef DLT_RESULTS_H
#define DLT_RESULTS_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "common/strindex.h"

#define DLT_RESULTS_FORMAT "dlt-interop-results/1"

struct dlt_results {
	char *path; /* the file, or "A + B + ..." for a merge */
	cJSON *json; /* the whole document (owned) */
	cJSON *run, *targets, *scenarios, *results; /* members of json */
	/* target name -> target, scenario id -> scenario (the first of a name), built on load so
	 * that a lookup per result costs no search of the lists */
	struct dlt_strindex target_index, scenario_index;
	struct dlt_strindex results_index; /* scenario id -> its results (dlt_results_of_scenario) */
	const cJSON **groups; /* the results per scenario, each list NULL-ended */
};

int dlt_results_load(const char *path, struct dlt_results **out, char *err, size_t errlen);
/* Validate an already parsed document; takes ownership of json, also on failure. */
int dlt_results_from_json(cJSON *json, const char *source, struct dlt_results **out, char *err,
			  size_t errlen);
void dlt_results_free(struct dlt_results *r);

/* Build (again) the indexes of r: a struct filled by hand (model/merge.c) calls it before a
 * lookup, and dlt_results_unindex when done; dlt_results_load does both itself. */
void dlt_results_index(struct dlt_results *r);
void dlt_results_unindex(struct dlt_results *r);
/* The results of scenario id, in file order, as a NULL-ended list (owned by r); never NULL. */
const cJSON *const *dlt_results_of_scenario(const struct dlt_results *r, const char *id);
const cJSON *dlt_results_target(const struct dlt_results *r, const char *name);
const cJSON *dlt_results_scenario(const struct dlt_results *r, const char *id);
/* "family" of a target name ("" when unknown). */
const char *dlt_results_target_family(const struct dlt_results *r, const char *name);

/* The roles of a scenario, as a new cJSON the caller frees: an array of role names when all
 * roles take targets of the scenario's family, an object role -> family for cross-family
 * scenarios. Taken from the scenario's "roles" when present, else inferred from its results
 * (role names of its results' targets, families of those targets); ["node"] otherwise. */
cJSON *dlt_results_scenario_roles(const struct dlt_results *r, const cJSON *scenario);

/* Key of one result: "scenario|role=target,role=target" with roles sorted; malloc'd. */
char *dlt_result_key(const cJSON *result);
/* The targets of a result for people: "anvil" for one role, "a=anvil b=hardhat" otherwise;
 * malloc'd. */
char *dlt_result_targets_label(const cJSON *result);
/* 1 when the result involves that target in any role. */
int dlt_result_has_target(const cJSON *result, const char *target);
/* The verdict of a result as seen by one of its targets: a fail (or xfail) of a multi-target
 * result is a pass for this one when its protocol_verdicts entry is pass, the interop verdict
 * is not diverge and another side's protocol verdict is fail. Results without
 * protocol_verdicts: when its failed checks all are protocol checks about other targets. */
const char *dlt_result_verdict_for(const cJSON *result, const char *target);
/* The verdicts of two results for the same scenario x targets (verdict, expected_verdict,
 * interop_verdict, protocol_verdicts; absent and null alike): 1 when equal. Checks, reasons
 * and divergences are not compared: their text may differ between runs that agree. */
int dlt_result_same_outcome(const cJSON *a, const cJSON *b);
/* The first verdict member on which a and b differ, as "verdict fail vs pass", into out;
 * "" when they have the same outcome (as dlt_result_same_outcome compares them). */
void dlt_result_outcome_difference(const cJSON *a, const cJSON *b, char *out, size_t outlen);

/* pass or xpass */
int dlt_verdict_passed(const char *v);
/* 1 for the eight verdicts of docs/results.md (launch-error included) */
int dlt_verdict_valid(const char *v);
const char *dlt_json_str(const cJSON *obj, const char *key); /* NULL when absent / not a string */
/* The first element of the array arr whose member key is the string val, or NULL. */
const cJSON *dlt_json_find_named(const cJSON *arr, const char *key, const char *val);

/* Recomputed summary object: total and the count of each verdict. */
cJSON *dlt_results_summary(const struct dlt_results *r);

#endif
