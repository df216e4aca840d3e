/*
 * profile.h: conformance profiles (profiles/NAME.json, docs/profiles.md): a named, versioned
 * selection of roadmap requirements, the scenarios that stand for them, the families and
 * capabilities a target needs and the pass rule. Loading validates the file against the
 * roadmap and resolves it into one self-contained JSON object (levels, titles, families and
 * clause references copied from the roadmap), the form a bundle carries. Evaluating a
 * resolved profile over results gives the profile verdict per requirement and overall; it
 * reads nothing but its two arguments, so a verifier re-derives exactly what was claimed.
 */
#ifndef DLT_PROFILE_H
#define DLT_PROFILE_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "model/roadmap.h"

#define DLT_PROFILE_FORMAT "dlt-interop-profile/1"

/* 1 when name is a valid profile name: 1 to 64 of a-z, 0-9, '-', starting with a letter. */
int dlt_profile_name_valid(const char *name);

/* Read and validate the profile file at path against the roadmap; *out is the resolved
 * profile (a new tree the caller frees). -1 and "FILE: $.path: what is wrong" on error. */
int dlt_profile_load(const char *path, const struct dlt_roadmap *rm, cJSON **out, char *err,
		     size_t errlen);
/* The same for an already parsed document (json is not taken). */
int dlt_profile_resolve(const cJSON *json, const char *source, const struct dlt_roadmap *rm,
			cJSON **out, char *err, size_t errlen);

/* Check the shape of a resolved profile (as found in a bundle): 0, or -1 and err. */
int dlt_profile_check_resolved(const cJSON *p, char *err, size_t errlen);

/* The profile verdict of a results document (results.json's object) under a resolved
 * profile: {"profile", "version", "pass_rule", "verdict": "pass"|"fail", "reasons": [...],
 * "requirements": [{"id", "level", "verdict", "results", "counts": {verdict: n}}]}.
 * Requirement verdicts: pass, fail, inconclusive, not-tested, not-applicable
 * (docs/profiles.md). Never NULL. */
cJSON *dlt_profile_evaluate(const cJSON *profile, const cJSON *results);

/* The scenario id patterns of a resolved profile (what run --profile runs). */
const cJSON *dlt_profile_scenarios(const cJSON *profile);

#endif
