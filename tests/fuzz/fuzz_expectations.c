/*
 * fuzz_expectations.c: fuzz target for expectation files (runner/expectations.c). The input is
 * read as one file through the loader (from an in-memory file); a refused file gets a message
 * naming it; the entries of an accepted one are applied to results of every verdict, for one
 * target and for a pair, and the verdict afterwards must be one the results format knows.
 */
#include "fuzz.h"
#include "runner/expectations.h"
#include "model/results.h"

#include <string.h>

static void apply(const struct dlt_expectations *e, const char *scenario, const char *verdict,
		  const char *const *targets, int ntargets)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "scenario", scenario);
	cJSON_AddStringToObject(r, "verdict", verdict);
	if (verdict[0] == 'f')
		cJSON_AddStringToObject(r, "reason", "node said no");
	dlt_expectations_apply(e, r, scenario, targets, ntargets);
	const char *v = dlt_json_str(r, "verdict");
	DLT_FUZZ_ASSERT(v && dlt_verdict_valid(v));
	cJSON_Delete(r);
}

int dlt_fuzz_expectations(const uint8_t *data, size_t size)
{
	static const char *const verdicts[] = { "pass", "fail", "error", "inconclusive", "skip" };
	char path[64], err[1024] = "";
	struct dlt_expectations *e = dlt_expectations_new();
	int fd = dlt_fuzz_file(data, size, path, sizeof path);
	if (fd < 0) {
		dlt_expectations_free(e);
		return 0;
	}
	if (dlt_expectations_load(e, path, err, sizeof err) != 0) {
		dlt_expectations_free(e);
		return dlt_fuzz_refused(err, fd);
	}
	{
		/* scenario ids and targets the file names, and ones it does not */
		const char *one[] = { "anvil" }, *pair[] = { "anvil", "hardhat" };
		cJSON *doc = cJSON_ParseWithLength((const char *)data, size);
		const char *target = dlt_json_str(doc, "target");
		const cJSON *x;
		cJSON_ArrayForEach (x, cJSON_GetObjectItemCaseSensitive(doc, "expectations")) {
			const char *sc = dlt_json_str(x, "scenario");
			const char *with = dlt_json_str(x, "with");
			const char *mine[] = { target ? target : "anvil", with ? with : "hardhat" };
			for (size_t k = 0; sc && k < sizeof verdicts / sizeof *verdicts; k++) {
				apply(e, sc, verdicts[k], mine, 1);
				apply(e, sc, verdicts[k], mine, 2);
			}
		}
		for (size_t k = 0; k < sizeof verdicts / sizeof *verdicts; k++) {
			apply(e, "eth.chain.chain-id", verdicts[k], one, 1);
			apply(e, "eth.pair.transfer", verdicts[k], pair, 2);
		}
		cJSON_Delete(doc);
	}
	dlt_expectations_free(e);
	dlt_fuzz_file_close(fd);
	return 0;
}

DLT_FUZZ_TARGET(expectations)
