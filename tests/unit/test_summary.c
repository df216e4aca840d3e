/*
 * test_summary.c: the end-of-run summary (reports/summary.c) rendered from results documents
 * alone: the verdict counts, one table row per target in the document's order (version "-"
 * when unknown), a target that could not be started listed apart with the first line of its
 * reason (and not a target whose launch-error results name another side), the pair matrix,
 * the scores read back from results.json, and what it says when that file cannot be scored;
 * every result that did not pass named with its reason and file:line, the duration and the
 * slowest results, hostile text neutralised, colour only when asked.
 */
#include "reports/summary.h"
#include "model/roadmap.h"
#include "common/file.h"
#include "common/mem.h"
#include "tap.h"
#include "runner/home.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static cJSON *fixture(const char *name)
{
	char err[512];
	char *path = dlt_printf("%s/tests/data/results/%s", dlt_home(), name);
	cJSON *doc = dlt_load_json_file(path, err, sizeof err);
	if (!doc)
		tap_diag("%s", err);
	free(path);
	return doc;
}

/* The summary of doc as text, with doc written to dir/results.json first (NULL: not). */
static char *render(const cJSON *doc, const char *dir, const struct dlt_roadmap *rm)
{
	if (dir && doc) {
		char *path = dlt_printf("%s/results.json", dir);
		char *text = cJSON_Print(doc);
		FILE *f = fopen(path, "w");
		if (f) {
			fputs(text, f);
			fclose(f);
		}
		free(text);
		free(path);
	}
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	dlt_summary_print(m, doc, dir ? dir : "/nonexistent", rm, 0);
	fclose(m);
	return out;
}

static int has(const char *text, const char *want)
{
	if (text && strstr(text, want))
		return 1;
	tap_diag("missing: %s", want);
	return 0;
}

int main(void)
{
	char tmpl[256], err[512];
	snprintf(tmpl, sizeof tmpl, "%s/dlt-summary-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	const char *dir = mkdtemp(tmpl);
	char *rpath = dlt_printf("%s/roadmap/roadmap.json", dlt_home());
	struct dlt_roadmap *rm = NULL;
	if (!dir || dlt_roadmap_load(rpath, &rm, err, sizeof err) != 0) {
		free(rpath);
		return tap_skip_all("no temporary folder or roadmap: %s", dir ? err : "mkdtemp");
	}
	free(rpath);

	/* a run with a target that could not be started */
	cJSON *le = fixture("launch-error.json");
	char *s = render(le, dir, rm);
	tap_ok(has(s, "dlt-interop: 4 results: 1 pass, 0 fail, 0 skip, 0 error, 0 inconclusive, "
		      "0 xfail, 0 xpass, 3 launch-error\n"),
	       "the verdict counts of the summary");
	tap_ok(has(s,
		   "  anvil              1.7.1          1     0     0     0     0     0     0      2\n") &&
		       has(s,
			   "  ethereumjs         -              0     0     0     0     0     0     0      3\n"),
	       "one row per target: its version (- when unknown) and its verdicts in every role");
	tap_ok(has(s,
		   "  launch-error: ethereumjs (3 results not run): target ethereumjs: not ready "
		   "after 90 s (last answer: connection refused)\n") &&
		       !strstr(s, "launch-error: anvil"),
	       "the target that could not start is listed apart, not the one paired with it");
	tap_ok(has(s, "ethereumjs has no score: the target could not be started"),
	       "the scores come from results.json read back");
	char *tail =
		dlt_printf("\n  results: %s/results.json (events: %s/events.jsonl)\n", dir, dir);
	size_t n = s ? strlen(s) : 0, tn = strlen(tail);
	tap_ok(n >= tn && !strcmp(s + n - tn, tail),
	       "the last line names results.json and events.jsonl");
	free(tail);
	free(s);

	/* a reason of several lines shows its first; launch_failed, not the verdict, names the
	 * target listed apart */
	cJSON *res;
	cJSON_ArrayForEach (res, cJSON_GetObjectItemCaseSensitive(le, "results"))
		if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(res, "launch_failed"))) {
			cJSON_ReplaceItemInObjectCaseSensitive(
				res, "reason", cJSON_CreateString("first line\nsecond line"));
			cJSON_ReplaceItemInObjectCaseSensitive(res, "launch_failed",
							       cJSON_CreateString("anvil"));
		}
	s = render(le, NULL, NULL);
	tap_ok(has(s, "  launch-error: anvil (2 results not run): first line\n") &&
		       !strstr(s, "second line") && !strstr(s, "launch-error: ethereumjs"),
	       "the first line of the reason; the target launch_failed names");
	tap_ok(s && !strstr(s, "conformance") && !strstr(s, "scores not computed"),
	       "no roadmap: no scores");
	free(s);
	cJSON_Delete(le);

	/* the pair matrix, and a results.json that cannot be scored */
	cJSON *full = fixture("run-full.json");
	s = render(full, NULL, rm);
	tap_ok(has(s,
		   "  pair matrix (ethereum): share of pair scenarios that agree, row = A, column = B\n") &&
		       has(s, "  anvil                  -         50%\n") &&
		       has(s, "  hardhat              50%           -\n"),
	       "the pair matrix, row A, column B");
	tap_ok(has(s, "dlt-interop: scores not computed: /nonexistent/results.json: cannot open"),
	       "a results.json that cannot be read: said, the rest printed");
	free(s);

	/* every result that did not pass is named: verdict, scenario @ targets, reason, file:line */
	s = render(full, NULL, NULL);
	tap_ok(has(s, "  8 results did not pass (fail, error, inconclusive, xpass):\n") &&
		       has(s,
			   "  fail         common.rpc.envelope @ litecoind: check jsonrpc member differs at $.jsonrpc: expected \"2.0\", got (absent)") &&
		       has(s, "(suites/common/envelope.lua:18)\n") &&
		       has(s,
			   "  fail         eth.iop.receipt @ a=anvil b=hardhat: check receipt differs at $.logsBloom: "
			   "expected \"0x00\", got null (suites/ethereum/iop_receipt.lua:33)\n") &&
		       has(s,
			   "  inconclusive common.chain.parent-links @ monerod: timeout after 30 s") &&
		       has(s,
			   "  error        btc.coinbase.maturity @ litecoind: suites/bitcoin/coinbase_maturity.lua:31: "
			   "attempt to index a nil value (local 'utxo') (suites/bitcoin/coinbase_maturity.lua)\n") &&
		       !strstr(s, "xfail        eth.pay.balance") && !strstr(s, "\033["),
	       "every fail, error, inconclusive and xpass named with its reason and file:line; no colour");
	tap_ok(has(s, "\n  duration: 5m39s\n") &&
		       has(s,
			   "  slowest: common.chain.parent-links @ monerod 30.0 s, htlc.swap @ utxo=litecoind evm=hardhat 2.7 s, "
			   "htlc.swap @ utxo=litecoind evm=anvil 2.5 s, btc.coinbase.maturity @ litecoind 0.3 s, "
			   "eth.iop.receipt @ a=anvil b=hardhat 0.0 s\n"),
	       "the run's duration and its slowest results");
	free(s);

	/* a hostile reason cannot drive the terminal; colour only when asked */
	cJSON_ArrayForEach (res, cJSON_GetObjectItemCaseSensitive(full, "results"))
		if (!strcmp(cJSON_GetObjectItemCaseSensitive(res, "verdict")->valuestring, "error"))
			cJSON_ReplaceItemInObjectCaseSensitive(
				res, "reason",
				cJSON_CreateString("\033[2J\033]0;owned\007 cleared"));
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	dlt_summary_print(m, full, "/nonexistent", NULL, 1);
	fclose(m);
	tap_ok(has(out, "\\x1b[2J\\x1b]0;owned\\x07 cleared") && has(out, "\033[1;35merror") &&
		       has(out, "\033[1;31mfail"),
	       "control characters of a reason shown as \\xNN; colour on request");
	free(out);
	cJSON_Delete(full);

	char *p = dlt_printf("%s/results.json", dir);
	unlink(p);
	free(p);
	rmdir(dir);
	dlt_roadmap_free(rm);
	return tap_done();
}
