/*
 * profile.c: conformance profiles (see profile.h, docs/profiles.md): loading and validating a
 * profile file against the roadmap, resolving it into the self-contained form a bundle
 * carries, and the profile verdict of a results document (the pass rule).
 */
#include "model/profile.h"
#include "model/results.h"
#include "common/err.h"
#include "common/file.h"
#include "common/mem.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const FAMILIES[] = { "ethereum", "bitcoin", "monero", "external", NULL };
static const char *const RULES[] = { "every-must-passes", "every-must-and-should-passes", NULL };

int dlt_profile_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n < 1 || n > 64 || name[0] < 'a' || name[0] > 'z')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		      name[i] == '-'))
			return 0;
	return 1;
}

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

static int json_has_string(const cJSON *arr, const char *s)
{
	const cJSON *v;
	cJSON_ArrayForEach (v, arr)
		if (cJSON_IsString(v) && !strcmp(v->valuestring, s))
			return 1;
	return 0;
}

/* A non-empty array of distinct non-empty strings (each in allowed when given). */
static int string_set(const cJSON *o, const char *key, const char *src, const char *path,
		      const char *const *allowed, int may_be_empty, char *err, size_t errlen)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key), *v;
	if (!cJSON_IsArray(a))
		return dlt_seterr(err, errlen, "%s: %s.%s: expected an array of strings", src, path,
				  key);
	if (!may_be_empty && cJSON_GetArraySize(a) == 0)
		return dlt_seterr(err, errlen, "%s: %s.%s: must not be empty", src, path, key);
	int i = 0;
	cJSON_ArrayForEach (v, a) {
		if (!cJSON_IsString(v) || !v->valuestring[0] || strlen(v->valuestring) > 256)
			return dlt_seterr(err, errlen,
					  "%s: %s.%s[%d]: expected a non-empty string "
					  "(at most 256 bytes)",
					  src, path, key, i);
		if (allowed && !in_list(allowed, v->valuestring))
			return dlt_seterr(err, errlen,
					  "%s: %s.%s[%d]: \"%s\" is not one of "
					  "ethereum, bitcoin, monero, external",
					  src, path, key, i, v->valuestring);
		for (const cJSON *w = a->child; w != v; w = w->next)
			if (!strcmp(w->valuestring, v->valuestring))
				return dlt_seterr(err, errlen,
						  "%s: %s.%s[%d]: \"%s\" is listed twice", src,
						  path, key, i, v->valuestring);
		i++;
	}
	return 0;
}

static const char *need_string(const cJSON *o, const char *key, const char *src, const char *path,
			       char *err, size_t errlen)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsString(v) || !v->valuestring[0] || strlen(v->valuestring) > 1024) {
		dlt_seterr(err, errlen,
			   "%s: %s.%s: expected a non-empty string (at most 1024 "
			   "bytes)",
			   src, path, key);
		return NULL;
	}
	return v->valuestring;
}

static void copy_member(cJSON *to, const cJSON *from, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(from, key);
	if (v)
		cJSON_AddItemToObject(to, key, cJSON_Duplicate(v, 1));
}

int dlt_profile_resolve(const cJSON *json, const char *src, const struct dlt_roadmap *rm,
			cJSON **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!cJSON_IsObject(json))
		return dlt_seterr(err, errlen, "%s: $: expected an object", src);
	const char *format = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(json, "format"));
	if (!format || strcmp(format, DLT_PROFILE_FORMAT))
		return dlt_seterr(err, errlen, "%s: $.format: expected \"%s\"", src,
				  DLT_PROFILE_FORMAT);
	const char *name = need_string(json, "name", src, "$", err, errlen);
	if (!name)
		return -1;
	if (!dlt_profile_name_valid(name))
		return dlt_seterr(err, errlen,
				  "%s: $.name: \"%s\" is not a profile name (a-z, 0-9 "
				  "and '-', starting with a letter, at most 64)",
				  src, name);
	if (!need_string(json, "version", src, "$", err, errlen) ||
	    !need_string(json, "title", src, "$", err, errlen))
		return -1;
	if (string_set(json, "families", src, "$", FAMILIES, 0, err, errlen) ||
	    string_set(json, "capabilities", src, "$", NULL, 1, err, errlen) ||
	    string_set(json, "scenarios", src, "$", NULL, 0, err, errlen))
		return -1;
	const cJSON *fr = cJSON_GetObjectItemCaseSensitive(json, "families_rule");
	if (fr && !(cJSON_IsString(fr) &&
		    (!strcmp(fr->valuestring, "any") || !strcmp(fr->valuestring, "all"))))
		return dlt_seterr(err, errlen, "%s: $.families_rule: expected \"any\" or \"all\"",
				  src);
	const char *rule = need_string(json, "pass_rule", src, "$", err, errlen);
	if (!rule)
		return -1;
	if (!in_list(RULES, rule))
		return dlt_seterr(err, errlen,
				  "%s: $.pass_rule: \"%s\" is not a pass rule "
				  "(every-must-passes, every-must-and-should-passes)",
				  src, rule);
	const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(json, "requirements"), *r;
	if (!cJSON_IsArray(reqs) || cJSON_GetArraySize(reqs) == 0)
		return dlt_seterr(err, errlen, "%s: $.requirements: expected a non-empty array",
				  src);

	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "name", name);
	copy_member(p, json, "version");
	copy_member(p, json, "title");
	copy_member(p, json, "description");
	copy_member(p, json, "families");
	cJSON_AddStringToObject(p, "families_rule", fr ? fr->valuestring : "any");
	copy_member(p, json, "capabilities");
	copy_member(p, json, "scenarios");
	cJSON_AddStringToObject(p, "pass_rule", rule);
	cJSON_AddStringToObject(p, "roadmap_version", dlt_roadmap_version(rm));
	cJSON *out_reqs = cJSON_AddArrayToObject(p, "requirements");
	int i = 0;
	cJSON_ArrayForEach (r, reqs) {
		char path[64];
		snprintf(path, sizeof path, "$.requirements[%d]", i);
		const char *id =
			cJSON_IsString(r)
				? r->valuestring
				: cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "id"));
		if (!id) {
			dlt_seterr(err, errlen,
				   "%s: %s: expected a requirement id or an object with "
				   "\"id\"",
				   src, path);
			goto bad;
		}
		const cJSON *req = dlt_roadmap_requirement(rm, id);
		if (!req) {
			dlt_seterr(err, errlen,
				   "%s: %s: requirement \"%.64s\" is not in the roadmap "
				   "(%s)",
				   src, path, id, dlt_roadmap_path(rm));
			goto bad;
		}
		if (dlt_req_retired(req)) {
			dlt_seterr(err, errlen, "%s: %s: requirement %s is retired", src, path, id);
			goto bad;
		}
		if (dlt_json_find_named(out_reqs, "id", id)) {
			dlt_seterr(err, errlen, "%s: %s: requirement %s is listed twice", src, path,
				   id);
			goto bad;
		}
		int applies = 0;
		const cJSON *f;
		cJSON_ArrayForEach (f, cJSON_GetObjectItemCaseSensitive(json, "families"))
			applies |= dlt_req_applies(req, f->valuestring);
		if (!applies) {
			dlt_seterr(err, errlen,
				   "%s: %s: requirement %s applies to none of the "
				   "profile's families",
				   src, path, id);
			goto bad;
		}
		const char *level = dlt_req_level(req);
		if (cJSON_IsObject(r)) {
			const cJSON *lv = cJSON_GetObjectItemCaseSensitive(r, "level");
			if (lv) {
				if (!cJSON_IsString(lv) || (strcmp(lv->valuestring, "MUST") &&
							    strcmp(lv->valuestring, "SHOULD") &&
							    strcmp(lv->valuestring, "MAY"))) {
					dlt_seterr(err, errlen,
						   "%s: %s.level: expected MUST, SHOULD or "
						   "MAY",
						   src, path);
					goto bad;
				}
				level = lv->valuestring;
			}
			if (cJSON_GetObjectItemCaseSensitive(r, "scenarios") &&
			    string_set(r, "scenarios", src, path, NULL, 0, err, errlen))
				goto bad;
		}
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", id);
		cJSON_AddStringToObject(o, "level", level);
		cJSON_AddStringToObject(o, "roadmap_level", dlt_req_level(req));
		cJSON_AddStringToObject(o, "title", dlt_req_title(req));
		copy_member(o, req, "families");
		copy_member(o, req, "refs");
		if (cJSON_IsObject(r))
			copy_member(o, r, "scenarios");
		cJSON_AddItemToArray(out_reqs, o);
		i++;
	}
	*out = p;
	return 0;
bad:
	cJSON_Delete(p);
	return -1;
}

int dlt_profile_load(const char *path, const struct dlt_roadmap *rm, cJSON **out, char *err,
		     size_t errlen)
{
	*out = NULL;
	cJSON *json = dlt_load_json_file(path, err, errlen);
	if (!json)
		return -1;
	int rc = dlt_profile_resolve(json, path, rm, out, err, errlen);
	cJSON_Delete(json);
	return rc;
}

const cJSON *dlt_profile_scenarios(const cJSON *profile)
{
	return cJSON_GetObjectItemCaseSensitive(profile, "scenarios");
}

int dlt_profile_check_resolved(const cJSON *p, char *err, size_t errlen)
{
	const char *src = "profile";
	if (!cJSON_IsObject(p))
		return dlt_seterr(err, errlen, "profile: expected an object");
	if (!need_string(p, "name", src, "$", err, errlen) ||
	    !need_string(p, "version", src, "$", err, errlen) ||
	    !need_string(p, "pass_rule", src, "$", err, errlen) ||
	    !need_string(p, "families_rule", src, "$", err, errlen) ||
	    string_set(p, "families", src, "$", FAMILIES, 0, err, errlen) ||
	    string_set(p, "capabilities", src, "$", NULL, 1, err, errlen) ||
	    string_set(p, "scenarios", src, "$", NULL, 0, err, errlen))
		return -1;
	if (!in_list(RULES, cJSON_GetObjectItemCaseSensitive(p, "pass_rule")->valuestring))
		return dlt_seterr(err, errlen, "profile: $.pass_rule: not a known pass rule");
	const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(p, "requirements"), *r;
	if (!cJSON_IsArray(reqs) || cJSON_GetArraySize(reqs) == 0)
		return dlt_seterr(err, errlen,
				  "profile: $.requirements: expected a non-empty array");
	int i = 0;
	cJSON_ArrayForEach (r, reqs) {
		char path[64];
		snprintf(path, sizeof path, "$.requirements[%d]", i++);
		const char *level;
		if (!cJSON_IsObject(r) || !need_string(r, "id", src, path, err, errlen) ||
		    !(level = need_string(r, "level", src, path, err, errlen)) ||
		    string_set(r, "families", src, path, NULL, 0, err, errlen))
			return -1;
		if (strcmp(level, "MUST") && strcmp(level, "SHOULD") && strcmp(level, "MAY"))
			return dlt_seterr(err, errlen,
					  "profile: %s.level: expected MUST, SHOULD or "
					  "MAY",
					  path);
		if (cJSON_GetObjectItemCaseSensitive(r, "scenarios") &&
		    string_set(r, "scenarios", src, path, NULL, 0, err, errlen))
			return -1;
	}
	return 0;
}

/* --- the profile verdict --- */

static int matches_any(const cJSON *patterns, const char *id)
{
	const cJSON *p;
	cJSON_ArrayForEach (p, patterns)
		if (cJSON_IsString(p) && fnmatch(p->valuestring, id, 0) == 0)
			return 1;
	return 0;
}

static void add_reason(cJSON *reasons, const char *fmt, const char *a, const char *b)
{
	char *s = dlt_printf(fmt, a, b);
	cJSON_AddItemToArray(reasons, cJSON_CreateString(s));
	free(s);
}

/* The families of the results' targets that the profile is for; reasons for what is missing. */
static void check_targets(const cJSON *profile, const cJSON *targets, cJSON *fams, cJSON *reasons)
{
	const cJSON *pf = cJSON_GetObjectItemCaseSensitive(profile, "families");
	const cJSON *caps = cJSON_GetObjectItemCaseSensitive(profile, "capabilities");
	const char *rule =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(profile, "families_rule"));
	const cJSON *t, *f, *c;
	cJSON_ArrayForEach (t, targets) {
		const char *fam = dlt_json_str(t, "family"), *name = dlt_json_str(t, "name");
		if (!fam || !name || !json_has_string(pf, fam))
			continue;
		if (!json_has_string(fams, fam))
			cJSON_AddItemToArray(fams, cJSON_CreateString(fam));
		const cJSON *tc = cJSON_GetObjectItemCaseSensitive(t, "capabilities");
		cJSON_ArrayForEach (c, caps)
			if (cJSON_IsString(c) && !json_has_string(tc, c->valuestring))
				add_reason(reasons,
					   "target %s lacks the capability %s the profile "
					   "needs",
					   name, c->valuestring);
	}
	if (rule && !strcmp(rule, "all")) {
		cJSON_ArrayForEach (f, pf)
			if (cJSON_IsString(f) && !json_has_string(fams, f->valuestring))
				add_reason(reasons, "the results hold no target of family %s%s",
					   f->valuestring, " (the profile needs one of each)");
	} else if (cJSON_GetArraySize(fams) == 0) {
		char *list = cJSON_PrintUnformatted(pf);
		add_reason(reasons, "the results hold no target of the profile's families %s%s",
			   list ? list : "", "");
		free(list);
	}
}

static int requirement_applies(const cJSON *req, const cJSON *fams)
{
	const cJSON *f;
	cJSON_ArrayForEach (f, cJSON_GetObjectItemCaseSensitive(req, "families"))
		if (cJSON_IsString(f) &&
		    (!strcmp(f->valuestring, "any") || json_has_string(fams, f->valuestring)))
			return 1;
	return 0;
}

static int count_of(const cJSON *counts, const char *v)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(counts, v);
	return cJSON_IsNumber(n) ? n->valueint : 0;
}

static const char *requirement_verdict(const cJSON *counts, int total)
{
	if (count_of(counts, "fail") || count_of(counts, "xfail"))
		return "fail";
	if (count_of(counts, "error") || count_of(counts, "inconclusive") ||
	    count_of(counts, "launch-error"))
		return "inconclusive";
	if (total == 0 || count_of(counts, "pass") + count_of(counts, "xpass") == 0)
		return "not-tested";
	return "pass";
}

cJSON *dlt_profile_evaluate(const cJSON *profile, const cJSON *results)
{
	static const char *const VERDICTS[] = { "pass",         "fail",  "skip",  "error",
						"inconclusive", "xfail", "xpass", "launch-error" };
	cJSON *out = cJSON_CreateObject();
	const char *rule =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(profile, "pass_rule"));
	cJSON_AddStringToObject(
		out, "profile",
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(profile, "name"))
			? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(profile, "name"))
			: "");
	cJSON_AddStringToObject(
		out, "version",
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(profile, "version"))
			? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(profile, "version"))
			: "");
	cJSON_AddStringToObject(out, "pass_rule", rule ? rule : "");
	cJSON *reasons = cJSON_CreateArray();
	cJSON *fams = cJSON_CreateArray();
	check_targets(profile, cJSON_GetObjectItemCaseSensitive(results, "targets"), fams, reasons);
	const cJSON *scenarios = cJSON_GetObjectItemCaseSensitive(results, "scenarios");
	const cJSON *all = cJSON_GetObjectItemCaseSensitive(results, "results");
	const cJSON *pscen = cJSON_GetObjectItemCaseSensitive(profile, "scenarios");
	cJSON *reqs = cJSON_CreateArray();
	const cJSON *req, *res;
	int should_too = rule && !strcmp(rule, "every-must-and-should-passes");
	cJSON_ArrayForEach (req, cJSON_GetObjectItemCaseSensitive(profile, "requirements")) {
		const char *id = dlt_json_str(req, "id"), *level = dlt_json_str(req, "level");
		if (!id || !level)
			continue;
		const cJSON *patterns = cJSON_GetObjectItemCaseSensitive(req, "scenarios");
		if (!patterns)
			patterns = pscen;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", id);
		cJSON_AddStringToObject(o, "level", level);
		cJSON *counts = cJSON_CreateObject();
		int total = 0;
		const char *verdict;
		if (!requirement_applies(req, fams)) {
			verdict = "not-applicable";
		} else {
			int n[8] = { 0 };
			cJSON_ArrayForEach (res, all) {
				const char *sid = dlt_json_str(res, "scenario");
				const char *v = dlt_json_str(res, "verdict");
				if (!sid || !v || !matches_any(patterns, sid))
					continue;
				const cJSON *sc = dlt_json_find_named(scenarios, "id", sid);
				if (!sc ||
				    !json_has_string(
					    cJSON_GetObjectItemCaseSensitive(sc, "roadmap"), id))
					continue;
				for (int k = 0; k < 8; k++)
					if (!strcmp(v, VERDICTS[k]))
						n[k]++;
				total++;
			}
			for (int k = 0; k < 8; k++)
				if (n[k])
					cJSON_AddNumberToObject(counts, VERDICTS[k], n[k]);
			verdict = requirement_verdict(counts, total);
		}
		cJSON_AddStringToObject(o, "verdict", verdict);
		cJSON_AddNumberToObject(o, "results", total);
		cJSON_AddItemToObject(o, "counts", counts);
		cJSON_AddItemToArray(reqs, o);
		int binding = !strcmp(level, "MUST") || (should_too && !strcmp(level, "SHOULD"));
		if (binding && strcmp(verdict, "pass") && strcmp(verdict, "not-applicable"))
			add_reason(reasons, "%s requirement %s did not pass", level, id);
	}
	int applicable = 0;
	cJSON_ArrayForEach (req, reqs)
		applicable += strcmp(dlt_json_str(req, "verdict"), "not-applicable") != 0;
	if (!applicable)
		add_reason(reasons, "no requirement of the profile applies to these results%s%s",
			   "", "");
	cJSON_AddStringToObject(out, "verdict", cJSON_GetArraySize(reasons) ? "fail" : "pass");
	cJSON_AddItemToObject(out, "reasons", reasons);
	cJSON_AddItemToObject(out, "families", fams);
	cJSON_AddItemToObject(out, "requirements", reqs);
	return out;
}
