/*
 * test_host.c: the Lua host without a ledger: the sandbox refuses each forbidden function,
 * every way a scenario can end maps to its verdict (pass, fail, need, skip, inconclusive on a
 * time limit, error with file:line on a Lua error, error when a node is unreachable), checks
 * record expected, actual, diff and file:line, and require loads only from the lib folder.
 */
#include "host.h"
#include "tap.h"
#include "util.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];
static struct dlt_host *host;
static struct dlt_node node;
static struct dlt_conn *conn;

static void write_file(const char *name, const char *text)
{
	char *p = dlt_printf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	free(p);
}

/* Run a scenario whose run body is `body`; returns the result (caller frees). */
static cJSON *run_body(const char *name, const char *extra_fields, const char *body)
{
	char *text = dlt_printf("scenario { id = \"%s\", title = \"t\", family = \"ethereum\",\n"
				"  roadmap = { \"NODE-01\" }, %s\n  run = function(t)\n%s\nend }\n",
				name, extra_fields, body);
	char *file = dlt_printf("%s.lua", name);
	write_file(file, text);
	char *path = dlt_printf("%s/%s", dir, file);
	struct dlt_scenario s;
	memset(&s, 0, sizeof s);
	dlt_host_describe(host, path, file, &s);
	cJSON *r;
	if (s.load_error) {
		r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "verdict", "load-error");
		cJSON_AddStringToObject(r, "reason", s.load_error);
	} else {
		struct dlt_node *nodes[1] = {&node};
		struct dlt_conn *conns[1] = {conn};
		r = dlt_host_run(host, &s, nodes, conns, 2.0);
	}
	dlt_scenario_clear(&s);
	free(text);
	free(file);
	free(path);
	return r;
}

static const char *field(const cJSON *r, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, k);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static void expect(const char *name, const char *body, const char *verdict, const char *reason_has)
{
	cJSON *r = run_body(name, "", body);
	int ok = !strcmp(field(r, "verdict"), verdict) &&
		 (!reason_has || strstr(field(r, "reason"), reason_has));
	tap_ok(ok, "%s: verdict %s%s%s (got %s: %s)", name, verdict, reason_has ? ", reason has " : "",
	       reason_has ? reason_has : "", field(r, "verdict"), field(r, "reason"));
	cJSON_Delete(r);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	snprintf(dir, sizeof dir, "/tmp/dlt-test-host-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	char *lib = dlt_printf("%s/lib", dir);
	char err[256];
	dlt_mkdir_p(lib, err, sizeof err);
	char *mod = dlt_printf("%s/lib/helper.lua", dir);
	FILE *f = fopen(mod, "w");
	fputs("local M = {}\nfunction M.twice(x) return 2 * x end\nM.io_seen = io ~= nil\nreturn M\n", f);
	fclose(f);

	struct dlt_host_config cfg = {.lib_dir = lib, .call_timeout = 2};
	host = dlt_host_new(&cfg);
	struct dlt_target t = {0};
	t.name = "fake";
	t.family = "ethereum";
	t.url = "http://127.0.0.1:1";
	t.params = cJSON_Parse("{\"chain_id\":31337}");
	node.target = &t;
	node.ops = dlt_adapter_find("ethereum");
	struct dlt_err e = {0};
	node.ops->open(&t, &conn, &e);

	/* the sandbox */
	expect("no-io", "io.open('/etc/passwd')", "error", "io");
	expect("no-os", "os.execute('true')", "error", "os");
	expect("no-debug", "debug.getinfo(1)", "error", "debug");
	expect("no-package", "package.loadlib('x', 'y')", "error", "package");
	expect("no-dofile", "dofile('/etc/passwd')", "error", "dofile");
	expect("no-loadfile", "loadfile('/etc/passwd')", "error", "loadfile");
	expect("no-string-dump", "string.dump(function() end)", "error", "dump");
	expect("no-binary-load", "load('\\27Lua\\84\\0')", "error", "binary");
	expect("no-require-path", "require('../../etc/passwd')", "error", "module names");
	expect("no-gc-control", "collectgarbage('collect')", "error", "collectgarbage");
	expect("require-lib", "local h = require('helper')\n t:eq(h.twice(21), 42, 'twice')\n"
	       " t:eq(h.io_seen, false, 'module has no io either')", "pass", NULL);
	expect("text-load-sandboxed", "local f = load('return io')\n t:eq(f(), nil, 'io in load')",
	       "pass", NULL);

	/* verdicts */
	expect("passes", "t:eq({a = 1, b = {2, 3}}, {b = {2, 3}, a = 1}, 'deep')", "pass", NULL);
	expect("fails", "t:eq(1, 2, 'one is two')\n t:ok(true, 'goes on after a failure')", "fail", NULL);
	expect("need-stops", "t:need(false, 'precondition')\n error('not reached')", "fail",
	       "precondition");
	expect("skips", "t:skip('not for this node')", "skip", "not for this node");
	expect("inconclusive", "t:inconclusive('no funds')", "inconclusive", "no funds");
	expect("time-limit", "t:ok(true, 'x')\n while true do end", "inconclusive", "time limit");
	expect("lua-error", "local x = nil\n t:ok(true, 'x')\n return x.y", "error", "lua-error.lua:6:");
	expect("no-checks", "local x = 1", "error", "no checks");
	expect("unreachable", "t.node:rpc('eth_chainId', {})", "error", "127.0.0.1:1");
	expect("shape-ok", "t:shape({hash = '0x' .. string.rep('ab', 32), n = '0x1f'},"
	       " {hash = 'hash32', n = 'quantity'}, 'block')", "pass", NULL);
	expect("shape-bad", "t:shape({n = '0x01'}, {n = 'quantity', h = 'hash32'}, 'block')", "fail",
	       NULL);
	expect("u256-compare", "t:eq(dlt.u256('0x10'), 16, 'u256 vs integer')", "pass", NULL);

	/* what a failed check records */
	cJSON *r = run_body("recorded", "", "t:eq({logs = {{data = '0x01'}}}, {logs = {{data = '0x02'}}}, 'logs')");
	const cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "checks"), 0);
	const cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c, "diff"), 0);
	tap_ok(d && !strcmp(field(d, "path"), "$.logs[0].data"), "diff path $.logs[0].data (%s)",
	       d ? field(d, "path") : "none");
	tap_ok(!strcmp(field(c, "where"), "recorded.lua:4"), "where is file:line (%s)", field(c, "where"));
	tap_ok(!strcmp(field(c, "target"), "fake"), "the check names its target");
	cJSON_Delete(r);

	/* a syntax error is a load error naming file:line */
	write_file("broken.lua", "scenario { id = 'x', title = \n");
	char *bp = dlt_printf("%s/broken.lua", dir);
	struct dlt_scenario s;
	memset(&s, 0, sizeof s);
	dlt_host_describe(host, bp, "suites/broken.lua", &s);
	tap_ok(s.load_error && strstr(s.load_error, "suites/broken.lua:"), "syntax error named with "
	       "file:line (%s)", s.load_error ? s.load_error : "none");
	dlt_scenario_clear(&s);
	free(bp);
	r = run_body("unknown-field", "colour = 'red',", "t:ok(true)");
	tap_ok(!strcmp(field(r, "verdict"), "load-error") && strstr(field(r, "reason"), "colour"),
	       "unknown scenario field refused: %s", field(r, "reason"));
	cJSON_Delete(r);

	node.ops->close(conn);
	cJSON_Delete(t.params);
	dlt_host_free(host);
	dlt_rm_rf(dir);
	free(lib);
	free(mod);
	curl_global_cleanup();
	return tap_done();
}
