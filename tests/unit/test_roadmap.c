/*
 * test_roadmap.c: TAP tests of runner/roadmap.c: the shipped roadmap loads and covers every
 * area of the FG DLT task list; malformed roadmaps in tests/data/roadmap-bad/ are refused with
 * the file and the JSON path of the problem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "runner/home.h"
#include "model/roadmap.h"

static void shipped(void)
{
	char path[4096], err[1024] = "";
	struct dlt_roadmap *r = NULL;
	static const char *const areas[] = { "TERM", "NODE", "DATA", "CRYPTO", "INTEG", "TX",
					     "PAY",  "PROV", "ID",   "SEC",    "IOP",   "PERF" };
	const cJSON *req;
	int levels[3] = { 0 };

	snprintf(path, sizeof(path), "%s/roadmap/roadmap.json", dlt_home());
	tap_ok_escaped(dlt_roadmap_load(path, &r, err, sizeof(err)) == 0,
		       "shipped roadmap loads (%s)", err);
	if (!r) {
		for (int i = 0; i < 12; i++)
			tap_ok(0, "skipped: no roadmap");
		return;
	}
	tap_ok(dlt_roadmap_count(r) >= 60, "at least 60 requirements (%zu)", dlt_roadmap_count(r));
	tap_ok(dlt_roadmap_area_count(r) == 12, "12 areas (%zu)", dlt_roadmap_area_count(r));
	for (size_t i = 0; i < sizeof(areas) / sizeof(areas[0]); i++) {
		int n = 0;

		for (size_t j = 0; j < dlt_roadmap_count(r); j++)
			if (!strcmp(dlt_req_area(dlt_roadmap_at(r, j)), areas[i]))
				n++;
		if (!dlt_roadmap_area(r, areas[i]) || n == 0)
			tap_ok_escaped(0, "area %s present with requirements (%d)", areas[i], n);
	}
	tap_ok(1, "every FG DLT area present and non-empty");
	req = dlt_roadmap_requirement(r, "NODE-03");
	tap_ok(req && !strcmp(dlt_req_level(req), "MUST") && !strcmp(dlt_req_area(req), "NODE"),
	       "NODE-03 found by id, MUST, area NODE");
	tap_ok(req && dlt_req_applies(req, "ethereum") && !dlt_req_applies(req, "monero"),
	       "NODE-03 applies to ethereum only");
	tap_ok(dlt_roadmap_requirement(r, "NODE-99") == NULL, "unknown id gives NULL");
	tap_ok(dlt_roadmap_requirement(r, "PERF-01") &&
		       !strcmp(dlt_req_level(dlt_roadmap_requirement(r, "PERF-01")), "MAY"),
	       "latency requirement PERF-01 is a MAY");
	for (size_t j = 0; j < dlt_roadmap_count(r); j++) {
		const char *l = dlt_req_level(dlt_roadmap_at(r, j));

		levels[l[0] == 'M' && l[1] == 'U' ? 0 : l[0] == 'S' ? 1 : 2]++;
	}
	tap_ok(levels[0] && levels[1] && levels[2],
	       "all three levels used (MUST %d, SHOULD %d, MAY %d)", levels[0], levels[1],
	       levels[2]);
	tap_ok_escaped(*dlt_roadmap_version(r) != '\0', "roadmap has a version (%s)",
		       dlt_roadmap_version(r));
	tap_ok(dlt_roadmap_source(r, "ETSI TS 118 113") && dlt_roadmap_source(r, "SATP") &&
		       dlt_roadmap_source(r, "EIP-1559"),
	       "sources include ETSI TS 118 113, SATP, EIP-1559");
	/* requirements for the named themes of the brief */
	{
		static const char *const must_have[] = {
			"NODE-01", "NODE-04", "NODE-08", "INTEG-02", "INTEG-03", "TX-02",   "TX-03",
			"TX-05",   "PAY-02",  "PROV-01", "PROV-02",  "ID-02",    "ID-03",   "ID-04",
			"SEC-01",  "IOP-02",  "IOP-08",  "IOP-12",   "NODE-13",  "INTEG-07"
		};
		int missing = 0;

		for (size_t i = 0; i < sizeof(must_have) / sizeof(must_have[0]); i++)
			if (!dlt_roadmap_requirement(r, must_have[i]))
				missing++;
		tap_ok(!missing, "named requirements present (%d missing)", missing);
	}
	dlt_roadmap_free(r);
}

static void bad(const char *file, const char *want)
{
	char path[4096], err[1024] = "";
	struct dlt_roadmap *r = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/tests/data/roadmap-bad/%s", dlt_home(), file);
	rc = dlt_roadmap_load(path, &r, err, sizeof(err));
	tap_ok_escaped(rc == -1 && r == NULL && strstr(err, file) && strstr(err, want),
		       "%s refused: %s", file, err);
	dlt_roadmap_free(r);
}

int main(void)
{
	shipped();
	bad("unknown-area.json", "$.requirements[1].area: unknown area \"TXN\"");
	bad("bad-level.json", "$.requirements[1].level: \"MUSTN'T\" is not MUST, SHOULD or MAY");
	bad("duplicate-id.json",
	    "$.requirements[2].id: duplicate id \"NODE-01\" (first at $.requirements[0])");
	bad("missing-refs.json", "$.requirements[1]: missing required member \"refs\"");
	bad("empty-refs.json", "$.requirements[0].refs: must not be empty");
	bad("unknown-doc.json", "$.requirements[1].refs[1].doc: \"EIP-9999\" is not a source id");
	bad("bad-family.json", "$.requirements[1].families[1]: \"solana\" is not a family");
	bad("any-not-alone.json", "$.requirements[1].families: \"any\" must stand alone");
	bad("bad-id.json", "$.requirements[1].id: \"TX-1\" is not of the form AREA-NN");
	bad("id-area-mismatch.json",
	    "$.requirements[1].id: \"NODE-02\" does not start with its area \"TX-\"");
	bad("missing-title.json", "$.requirements[0]: missing required member \"title\"");
	bad("bad-format.json", "$.format: \"roadmap/0\" is not \"dlt-interop-roadmap/1\"");
	bad("missing-version.json", "$: missing required member \"version\"");
	bad("duplicate-area.json", "$.areas[2].id: duplicate id \"TX\" (first at $.areas[1])");
	bad("clause-not-string.json",
	    "$.requirements[0].refs[0].clause: must be a non-empty string, not a number");
	bad("not-json.json", "not-json.json:3:13: not valid JSON");
	bad("does-not-exist.json", "cannot open");
	return tap_done();
}
