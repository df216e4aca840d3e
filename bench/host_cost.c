/*
 * host_cost.c: what the Lua host costs per file and per scenario, without a node: describing
 * (planning) N scenario files, and running N scenarios whose body makes one check. Since every
 * describe and every run gets a fresh Lua state (docs/performance.md, "Isolation"), these
 * figures are the price of that isolation plus the work itself. Prints microseconds per item.
 * Used by bench/run.sh and for docs/performance.md:
 *     host_cost SUITE_HOME N_FILES N_RUNS
 * SUITE_HOME is the source tree (its suites/lib is the require path).
 */
#include "runner/host.h"
#include "common/mem.h"
#include "common/file.h"
#include "common/clock.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a scenario file of the usual size, with a require at the top as most suite files have */
static const char scenario_fmt[] =
	"-- a scenario of the usual size, as in suites/ethereum\n"
	"local eth = require \"eth\"\n"
	"scenario {\n"
	"  id = \"bench.host.%d\", title = \"the host's own cost\", family = \"ethereum\",\n"
	"  roadmap = { \"NODE-01\" },\n"
	"  run = function(t)\n"
	"    local v = { a = 1, b = { 2, 3 }, c = \"0x\" .. string.rep(\"ab\", 32) }\n"
	"    t:eq(v, { a = 1, b = { 2, 3 }, c = \"0x\" .. string.rep(\"ab\", 32) }, \"a check\")\n"
	"  end,\n"
	"}\n";

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: host_cost SUITE_HOME N_FILES N_RUNS\n");
		return 2;
	}
	int nfiles = atoi(argv[2]), nruns = atoi(argv[3]);
	if (sodium_init() < 0 || nfiles < 1 || nruns < 1)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	char dir[] = "/tmp/dlt-host-cost-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char **paths = dlt_xcalloc((size_t)nfiles, sizeof *paths);
	for (int i = 0; i < nfiles; i++) {
		paths[i] = dlt_printf("%s/s%05d.lua", dir, i);
		FILE *f = fopen(paths[i], "w");
		if (!f)
			return 1;
		fprintf(f, scenario_fmt, i);
		fclose(f);
	}
	char *lib = dlt_printf("%s/suites/lib", argv[1]);
	struct dlt_host_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.lib_dir = lib;
	cfg.call_timeout = 2;
	struct dlt_host *h = dlt_host_new(&cfg);

	/* planning: describe every file once, as `run` and `list` do */
	struct dlt_scenario *s = dlt_xcalloc((size_t)nfiles, sizeof *s);
	double t0 = dlt_now();
	for (int i = 0; i < nfiles; i++)
		dlt_host_describe(h, paths[i], paths[i] + strlen(dir) + 1, &s[i]);
	double plan = dlt_now() - t0;
	int bad = 0;
	for (int i = 0; i < nfiles; i++)
		bad += s[i].load_error != NULL;
	printf("describe: %d files in %.3f s: %.1f us per file%s\n", nfiles, plan,
	       plan / nfiles * 1e6, bad ? " (with load errors!)" : "");

	/* runs: the same scenario again and again, as a run on many targets does */
	struct dlt_target t = { 0 };
	t.name = "bench";
	t.family = "ethereum";
	t.url = "http://127.0.0.1:1";
	t.params = cJSON_Parse("{}");
	struct dlt_node node = { 0 };
	node.target = &t;
	node.ops = dlt_adapter_find("ethereum");
	struct dlt_conn *conn = NULL;
	struct dlt_err e = { 0 };
	dlt_target_open(node.ops, &t, &conn, &e);
	struct dlt_node *nodes[1] = { &node };
	struct dlt_conn *conns[1] = { conn };
	int pass = 0;
	t0 = dlt_now();
	for (int i = 0; i < nruns; i++) {
		cJSON *r = dlt_host_run(h, &s[i % nfiles], nodes, conns, 10);
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, "verdict");
		pass += cJSON_IsString(v) && !strcmp(v->valuestring, "pass");
		cJSON_Delete(r);
	}
	double run = dlt_now() - t0;
	printf("run: %d scenarios in %.3f s: %.1f us per scenario (%d passed)\n", nruns, run,
	       run / nruns * 1e6, pass);

	node.ops->close(conn);
	cJSON_Delete(t.params);
	for (int i = 0; i < nfiles; i++) {
		dlt_scenario_clear(&s[i]);
		free(paths[i]);
	}
	free(s);
	free(paths);
	dlt_host_free(h);
	dlt_rm_rf(dir);
	free(lib);
	curl_global_cleanup();
	return 0;
}
