/*
 * test_host.c: the Lua host without a ledger: the sandbox refuses each forbidden function,
 * every way a scenario can end maps to its verdict (pass, fail, need, skip, inconclusive on a
 * time limit, error with file:line on a Lua error, error when a node is unreachable), checks
 * record expected, actual, diff and file:line, and require loads only from the lib folder.
 * Then the sandbox's guarantees (docs/scenarios.md, "Limits"): a scenario that poisons the
 * shared tables changes nothing a later scenario (or file being described) sees; byte strings
 * compare whole, zero bytes included; the time limit and the interruption stop a scenario
 * whatever it catches (pcall, xpcall, coroutines, __close, error objects, long pattern
 * matches), and a file's top-level code has a load time limit; the memory limit stops
 * string.rep bombs and growing tables; stored checks, values, log and messages stay within
 * their caps. SIGALRM ends the test if a regression makes a scenario hang.
 */
#include "runner/host.h"
#include "runner/launcher.h"
#include "tap.h"
#include "common/mem.h"
#include "common/file.h"
#include "crypto/hash.h"

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

/* Describe and run the scenario file `name`.lua holding `text` on host h; returns the result
 * (caller frees), or {"verdict": "load-error", "reason": ...}. */
static cJSON *run_text(struct dlt_host *h, const char *name, const char *text, double timeout)
{
	char *file = dlt_printf("%s.lua", name);
	write_file(file, text);
	char *path = dlt_printf("%s/%s", dir, file);
	struct dlt_scenario s;
	memset(&s, 0, sizeof s);
	dlt_host_describe(h, path, file, &s);
	cJSON *r;
	if (s.load_error) {
		r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "verdict", "load-error");
		cJSON_AddStringToObject(r, "reason", s.load_error);
	} else {
		struct dlt_node *nodes[1] = { &node };
		struct dlt_conn *conns[1] = { conn };
		r = dlt_host_run(h, &s, nodes, conns, timeout);
	}
	dlt_scenario_clear(&s);
	free(file);
	free(path);
	return r;
}

/* Run a scenario whose run body is `body` (top: code before scenario{}). */
static cJSON *run_on(struct dlt_host *h, const char *name, const char *top,
		     const char *extra_fields, const char *body, double timeout)
{
	char *text =
		dlt_printf("%s%sscenario { id = \"%s\", title = \"t\", family = \"ethereum\",\n"
			   "  roadmap = { \"NODE-01\" }, %s\n  run = function(t)\n%s\nend }\n",
			   top, top[0] ? "\n" : "", name, extra_fields, body);
	cJSON *r = run_text(h, name, text, timeout);
	free(text);
	return r;
}

static cJSON *run_body(const char *name, const char *extra_fields, const char *body)
{
	return run_on(host, name, "", extra_fields, body, 2.0);
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
	tap_ok(ok, "%s: verdict %s%s%s (got %s: %s)", name, verdict,
	       reason_has ? ", reason has " : "", reason_has ? reason_has : "", field(r, "verdict"),
	       field(r, "reason"));
	cJSON_Delete(r);
}

static double num(const cJSON *r, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, k);
	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

/* expect() on a given host, with a time limit and code before scenario{} */
static void expect_on(struct dlt_host *h, const char *name, const char *top, const char *body,
		      double timeout, const char *verdict, const char *reason_has)
{
	cJSON *r = run_on(h, name, top, "", body, timeout);
	int ok = !strcmp(field(r, "verdict"), verdict) &&
		 (!reason_has || strstr(field(r, "reason"), reason_has));
	tap_ok(ok, "%s: verdict %s%s%s (got %s: %s)", name, verdict,
	       reason_has ? ", reason has " : "", reason_has ? reason_has : "", field(r, "verdict"),
	       field(r, "reason"));
	cJSON_Delete(r);
}

static const cJSON *check_at(const cJSON *r, int i)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "checks"), i);
}

/* where and via of a table-driven scenario (issue 16, item 3): a helper defined in the scenario
 * file itself must not make every check point at the helper's line. Lines of the file: 1-3 the
 * helper, 4 "scenario {", 5 roadmap, 6 "run = function(t)", 7.. the body. */
static void where_via(void)
{
	const char *top = "local function check(t, a, b)\n  t:eq(a, b, 'case')\nend";
	const char *body = "check(t, 1, 2)\n" /* 7 */
			   "check(t, 3, 3)\n" /* 8 */
			   "for _, c in ipairs({{5, 6}}) do check(t, c[1], c[2]) end\n" /* 9 */
			   "t:eq(7, 8, 'direct')\n" /* 10 */
			   "require('helper').same(t, 9, 10)\n" /* 11 */
			   "local function nested() check(t, 11, 12) end\n" /* 12 */
			   "nested()"; /* 13 */
	cJSON *r = run_on(host, "table-driven", top, "", body, 5.0);
	static const struct {
		const char *where, *via;
	} want[] = {
		{ "table-driven.lua:7", "table-driven.lua:2" },
		{ "table-driven.lua:8", "table-driven.lua:2" },
		{ "table-driven.lua:9", "table-driven.lua:2" },
		{ "table-driven.lua:10", NULL },
		{ "table-driven.lua:11", "helper.lua:5" },
		{ "table-driven.lua:13", "table-driven.lua:2" },
	};
	tap_ok(!strcmp(field(r, "verdict"), "fail"), "table-driven: verdict fail (%s: %s)",
	       field(r, "verdict"), field(r, "reason"));
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const cJSON *c = check_at(r, (int)i);
		const char *where = c ? field(c, "where") : "", *via = c ? field(c, "via") : "";
		int ok = !strcmp(where, want[i].where) &&
			 (want[i].via
				  ? strstr(via, want[i].via) != NULL &&
					    strlen(strstr(via, want[i].via)) == strlen(want[i].via)
				  : !*via);
		tap_ok(ok, "table-driven check %zu: where %s via %s (got where %s via %s)", i + 1,
		       want[i].where, want[i].via ? want[i].via : "(none)", where,
		       *via ? via : "(none)");
	}
	cJSON_Delete(r);
}

/* Issue item 1: a scenario that poisons the shared tables, then one that must see none of it. */
static void isolation(void)
{
	cJSON *r = run_on(
		host, "iso-poison",
		"getmetatable('').__index.upper = function() return 'POISONED' end\n"
		"string.format = function() return 'POISONED' end\n"
		"dlt.keccak256 = function() return 'POISONED' end\n"
		"getmetatable(_ENV).__index.leaked = 'leaked'\n"
		"getmetatable(_ENV).__index.tostring = function() return 'POISONED' end\n"
		"require('helper').twice = function() return 0 end\n"
		"dlt.shape.array = nil\n",
		"",
		"pcall(function() getmetatable(t).__index.eq = function(self) return self:ok(true) end end)\n"
		"  pcall(function() getmetatable(dlt.array{}).__index = {} end)\n"
		"  t:ok(true, 'poisoned what it could')",
		2.0);
	tap_ok(!strcmp(field(r, "verdict"), "pass"), "the poisoning scenario ran (%s: %s)",
	       field(r, "verdict"), field(r, "reason"));
	cJSON_Delete(r);
	r = run_on(
		host, "iso-victim", "", "",
		"t:eq(('abc'):upper(), 'ABC', 'string methods')\n"
		"  t:eq(string.format('%d', 5), '5', 'string.format')\n"
		"  t:eq(dlt.hex.encode(dlt.keccak256('')), "
		"'0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470', 'keccak256')\n"
		"  t:eq(leaked, nil, 'no leaked global')\n"
		"  t:eq(tostring(1), '1', 'tostring')\n"
		"  t:eq(require('helper').twice(21), 42, 'modules')\n"
		"  t:ok(dlt.shape.array ~= nil, 'the prelude')\n"
		"  t:eq(1, 2, 'a failing check still fails')",
		2.0);
	const cJSON *c;
	int bad_pass = 0;
	cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(r, "checks")) {
		int ok = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "ok"));
		int last = !strcmp(field(c, "label"), "a failing check still fails");
		if (ok == last) {
			bad_pass++;
			tap_diag("wrong outcome: %s", field(c, "label"));
		}
	}
	tap_ok(!strcmp(field(r, "verdict"), "fail") && num(r, "check_count") == 8 &&
		       num(r, "failed_check_count") == 1 && bad_pass == 0,
	       "a later scenario sees none of "
	       "the poison and t:eq(1, 2) fails (%s, %g checks, %g failed)",
	       field(r, "verdict"), num(r, "check_count"), num(r, "failed_check_count"));
	cJSON_Delete(r);
	/* planning: one file's top-level code cannot change another file's metadata */
	write_file(
		"plan-a.lua",
		"string.format = function() return 'POISONED' end\n"
		"getmetatable('').__index.format = string.format\n"
		"getmetatable(_ENV).__index.type = function() return 'table' end\n"
		"scenario { id = 'plan.a', title = 'a', family = 'ethereum', roadmap = { 'NODE-01' },\n"
		"  run = function(t) t:ok(true) end }\n");
	write_file(
		"plan-b.lua",
		"scenario { id = ('plan.%s'):format('b'), title = type(1),\n"
		"  family = 'ethereum', roadmap = { 'NODE-01' }, run = function(t) t:ok(true) end }\n");
	struct dlt_scenario a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	char *pa = dlt_printf("%s/plan-a.lua", dir), *pb = dlt_printf("%s/plan-b.lua", dir);
	dlt_host_describe(host, pa, "plan-a.lua", &a);
	dlt_host_describe(host, pb, "plan-b.lua", &b);
	tap_ok(!b.load_error && b.id && !strcmp(b.id, "plan.b") && !strcmp(b.title, "number"),
	       "describing a file that poisons string.format and type leaves the next file's "
	       "metadata alone (id %s, title %s)",
	       b.id ? b.id : "none", b.title ? b.title : "none");
	dlt_scenario_clear(&a);
	dlt_scenario_clear(&b);
	free(pa);
	free(pb);
	/* while planning, modules load when first used: the metadata is the same */
	write_file("plan-c.lua",
		   "local h = require 'helper'\n"
		   "scenario { id = 'plan.c' .. h.twice(2), title = 'c', family = 'ethereum',\n"
		   "  roadmap = { 'NODE-01' }, run = function(t) t:ok(true) end }\n");
	write_file("plan-d.lua", "local h = require 'nosuchmodule'\n"
				 "scenario { id = 'plan.d', title = 'd', family = 'ethereum',\n"
				 "  roadmap = { 'NODE-01' }, run = function(t) t:ok(true) end }\n");
	char *pc = dlt_printf("%s/plan-c.lua", dir), *pd = dlt_printf("%s/plan-d.lua", dir);
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	dlt_host_describe(host, pc, "plan-c.lua", &a);
	dlt_host_describe(host, pd, "plan-d.lua", &b);
	tap_ok(!a.load_error && a.id && !strcmp(a.id, "plan.c4"),
	       "a module used at the top level "
	       "loads while planning (id %s)",
	       a.id ? a.id : a.load_error);
	tap_ok(b.load_error && strstr(b.load_error, "no module suites/lib/nosuchmodule.lua"),
	       "a missing module is a load error while planning (%s)",
	       b.load_error ? b.load_error : "none");
	dlt_scenario_clear(&a);
	dlt_scenario_clear(&b);
	free(pc);
	free(pd);
}

/* Issue item 2: strings compare whole, zero bytes included; no value can pass for another. */
static void zero_bytes(void)
{
	expect("nul-eq-1", "t:eq('\\0\\1', '\\0\\2')", "fail", NULL);
	expect("nul-eq-2", "t:eq('abc', 'abc\\0')", "fail", NULL);
	expect("nul-ne", "t:ne('\\0\\1', '\\0\\2')", "pass", NULL);
	expect("nul-eq-same", "t:eq('\\0\\1\\255', '\\0\\1\\255')", "pass", NULL);
	expect("nul-match", "t:match('a\\0b', 'a\\0c')", "fail", NULL);
	expect("nul-match-ok", "t:match('a\\0b', '^a%zb$')", "pass", NULL);
	expect("nul-key", "t:eq({['a\\0'] = 1}, {a = 1})", "fail", NULL);
	expect("bytes-spoof", "t:eq('\\0', {['$bytes'] = '00'})", "fail", NULL);
	expect("invalid-utf8", "t:eq('\\255\\1', '\\255\\2')", "fail", NULL);
	expect("big-integers", "t:eq(9007199254740993, 9007199254740992)", "fail", NULL);
	expect("big-integers-same", "t:eq(math.maxinteger, math.maxinteger)", "pass", NULL);
	expect("u256-nul", "t:eq(dlt.u256(16), '16\\0junk')", "fail", NULL);
	expect("u256-parse-nul", "dlt.u256('16\\0')", "error", "zero byte");
	expect("method-nul", "t.node:rpc('eth_chainId\\0x', {})", "error", "zero byte");
	expect("address-nul", "dlt.eth.checksum('0x' .. string.rep('ab', 20) .. '\\0')", "error",
	       "zero byte");
	cJSON *r = run_body("nul-stored", "", "t:eq('\\0\\1', '\\0\\2', 'la\\0bel')");
	const cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "checks"), 0);
	const cJSON *act = cJSON_GetObjectItemCaseSensitive(c, "actual");
	const cJSON *lab = cJSON_GetObjectItemCaseSensitive(c, "label");
	tap_ok(!strcmp(field(act, "$bytes"), "0001") &&
		       !strcmp(field(lab, "$bytes"), "6c610062656c"),
	       "a failed byte string is stored as {\"$bytes\": \"0001\"}, a label with a zero "
	       "byte as a byte string (%s)",
	       field(lab, "$bytes"));
	cJSON_Delete(r);
}

/* Issue item 3: the time limit and the interruption cannot be escaped. */
static void time_limits(void)
{
	expect_on(host, "pcall-loop", "",
		  "t:ok(true)\n"
		  "while true do pcall(function() while true do end end) end",
		  1.0, "inconclusive", "time limit of 1 s");
	expect_on(host, "xpcall-loop", "",
		  "t:ok(true)\n"
		  "while true do xpcall(function() while true do end end,"
		  " function() while true do end end) end",
		  1.0, "inconclusive", "time limit");
	expect_on(host, "load-coroutine",
		  "local co = coroutine.create(function() while true do end end)",
		  "t:ok(true)\n  coroutine.resume(co)\n  t:ok(true, 'after')", 1.0, "inconclusive",
		  "time limit");
	expect_on(host, "wrap-loop", "",
		  "t:ok(true)\n"
		  "while true do pcall(coroutine.wrap(function() while true do end end)) end",
		  1.0, "inconclusive", "time limit");
	expect_on(
		host, "close-handler", "",
		"t:ok(true)\n"
		"do local x <close> = setmetatable({}, {__close = function() while true do end end})\n"
		"  error('x') end",
		1.0, "inconclusive", "time limit");
	expect_on(host, "error-tostring", "",
		  "t:ok(true)\n"
		  "error(setmetatable({}, {__tostring = function() while true do end end}))",
		  1.0, "inconclusive", "time limit");
	expect_on(host, "gc-refused", "", "setmetatable({}, {__gc = function() end})\n t:ok(true)",
		  1.0, "error", "__gc");
	expect_on(host, "gc-hidden-mt", "",
		  "local mt = getmetatable(dlt.array{})\n"
		  "  mt.__gc = function() while true do end end\n"
		  "  for i = 1, 100000 do local a = dlt.array{} end\n  t:ok(true)",
		  2.0, "pass", NULL);
	expect_on(host, "pattern-find", "",
		  "t:ok(true)\n"
		  "local r = ('a'):rep(450):find('.-.-.-b')\n  t:ok(r == nil, 'no match')",
		  1.0, "inconclusive", "time limit of 1 s");
	expect_on(host, "pattern-t-match", "", "t:match(('a'):rep(450), '.-.-.-b')", 1.0,
		  "inconclusive", "time limit");
	expect_on(host, "pattern-gsub-pcall", "",
		  "t:ok(true)\n"
		  "for i = 1, 10 do pcall(string.gsub, ('a'):rep(450), '.-.-.-b', 'x') end",
		  1.0, "inconclusive", "time limit");
	expect_on(host, "sort-default", "",
		  "t:ok(true)\n local a = {}\n"
		  "  for i = 1, 3e6 do a[i] = (i * 7919) % 3e6 end\n"
		  "  while true do table.sort(a, nil); table.sort(a) end",
		  1.0, "inconclusive", "time limit");
	expect_on(host, "sort-still-sorts", "",
		  "local a = {5, 3, 9, 1}\n table.sort(a)\n"
		  "  t:eq(a, {1, 3, 5, 9})\n table.sort(a, function(x, y) return x > y end)\n"
		  "  t:eq(a, {9, 5, 3, 1})",
		  1.0, "pass", NULL);
	expect_on(host, "stop-caught", "",
		  "pcall(t.skip, t, 'caught skip')\n"
		  "t:eq(1, 2, 'after the stop')",
		  1.0, "skip", "caught skip");
	dlt_interrupted = 1;
	expect_on(host, "interrupted", "", "t:ok(true)\n while true do end", 60.0, "inconclusive",
		  "interrupted");
	dlt_interrupted = 0;
	/* the load time limit */
	struct dlt_host_config cfg = { .lib_dir = NULL, .call_timeout = 2, .load_timeout = 0.5 };
	struct dlt_host *h = dlt_host_new(&cfg);
	cJSON *r = run_text(h, "load-loop", "while true do end\n", 5.0);
	tap_ok(!strcmp(field(r, "verdict"), "load-error") &&
		       strstr(field(r, "reason"), "load-loop.lua: load time limit of 0.5 s reached "
						  "(--load-timeout)"),
	       "top-level `while true do end` is a load error naming the "
	       "limit (%s)",
	       field(r, "reason"));
	cJSON_Delete(r);
	r = run_text(h, "load-pcall-loop",
		     "while true do pcall(function() while true do end end) end\n", 5.0);
	tap_ok(strstr(field(r, "reason"), "load time limit") != NULL,
	       "top-level pcall loops too (%s)", field(r, "reason"));
	cJSON_Delete(r);
	dlt_host_free(h);
}

/* Issue item 4: the memory limit. */
static void memory_limits(void)
{
	struct dlt_host_config cfg = { .lib_dir = NULL, .call_timeout = 2, .max_memory_mb = 32 };
	struct dlt_host *h = dlt_host_new(&cfg);
	expect_on(h, "rep-bomb", "", "t:ok(true)\n local s = string.rep('x', 2^31 - 1)", 10.0,
		  "inconclusive", "memory limit of 32 MB reached (--max-memory)");
	expect_on(h, "rep-bomb-pcall", "",
		  "t:ok(true)\n pcall(string.rep, 'x', 2^31 - 1)\n"
		  "  t:ok(true, 'went on')",
		  10.0, "inconclusive", "memory limit");
	expect_on(h, "table-growth", "",
		  "t:ok(true)\n local g = {}\n"
		  "  for i = 1, 1e9 do g[i] = i end",
		  10.0, "inconclusive", "memory limit");
	expect_on(
		h, "string-growth-caught", "",
		"t:ok(true)\n local parts = {}\n"
		"  while true do pcall(function() parts[#parts + 1] = string.rep('y', 1e6) .. #parts end) end",
		10.0, "inconclusive", "memory limit");
	expect_on(h, "big-copies", "", "local s = string.rep('z', 8e6)\n t:eq(s, s, 'copies')",
		  10.0, "inconclusive", "memory limit");
	expect_on(h, "decode-bomb", "",
		  "local s = '[' .. string.rep('1,', 4e6) .. '1]'\n"
		  "  t:ok(true)\n local v = dlt.json.decode(s)",
		  10.0, "inconclusive", "memory limit");
	expect_on(h, "encode-bomb", "",
		  "local a = {}\n for i = 1, 3e5 do a[i] = i end\n"
		  "  t:ok(true)\n for i = 1, 100 do local s = dlt.json.encode(a) end",
		  20.0, "pass", NULL);
	expect_on(h, "load-bomb", "local s = string.rep('x', 2^31 - 1)", "t:ok(true)", 10.0,
		  "load-error", "memory limit of 32 MB");
	expect_on(h, "after-bombs", "", "t:eq(('abc'):upper(), 'ABC')", 10.0, "pass", NULL);
	dlt_host_free(h);
	/* the process never held the 2 GB the bombs asked for */
	FILE *f = fopen("/proc/self/status", "r");
	long hwm_kb = -1;
	char line[256];
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			hwm_kb = atol(line + 6);
	if (f)
		fclose(f);
	tap_ok(hwm_kb > 0 && hwm_kb < 1024 * 1024,
	       "peak RSS of the test stays far below the 2 GB "
	       "asked for (%ld kB)",
	       hwm_kb);
}

/* Issue items 4-6: what one result stores is bounded. */
static void storage_limits(void)
{
	struct dlt_host_config cfg = { .lib_dir = NULL,
				       .call_timeout = 2,
				       .max_checks = 100,
				       .max_log_lines = 10,
				       .max_log_bytes = 4096,
				       .max_message = 64,
				       .max_value = 1024,
				       .max_stored = 8192 };
	struct dlt_host *h = dlt_host_new(&cfg);
	cJSON *r = run_on(h, "many-checks", "", "",
			  "for i = 1, 1000 do t:ok(true, 'pass ' .. i)\n"
			  "  if i % 400 == 0 then t:ok(false, 'fail ' .. i) end end",
			  10.0);
	int failed_kept = 0;
	const cJSON *c;
	cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(r, "checks"))
		failed_kept += cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c, "ok"));
	tap_ok(num(r, "check_count") == 1002 && num(r, "failed_check_count") == 2 &&
		       cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "checks")) == 100 &&
		       num(r, "checks_dropped") == 902 && failed_kept == 2 &&
		       !strcmp(field(r, "verdict"), "fail"),
	       "1002 checks: 100 stored, both failed ones among them, 902 counted as dropped");
	cJSON_Delete(r);
	r = run_on(h, "many-fails", "", "",
		   "for i = 1, 100000 do t:eq(i, -i, string.rep('L', 500)) end", 30.0);
	char *text = cJSON_PrintUnformatted(r);
	size_t len = strlen(text);
	free(text);
	tap_ok(num(r, "check_count") == 100000 && num(r, "checks_dropped") == 99900 && len < 200000,
	       "100000 failed checks with long labels make a small result (%zu bytes)", len);
	cJSON_Delete(r);
	r = run_on(h, "big-log", "", "",
		   "for i = 1, 100 do t:log('%s', string.rep('g', 1000)) end\n"
		   "  print(string.rep('p', 1e6))\n  t:ok(true)",
		   10.0);
	const cJSON *log = cJSON_GetObjectItemCaseSensitive(r, "log");
	const cJSON *last = cJSON_GetArrayItem(log, cJSON_GetArraySize(log) - 1);
	text = cJSON_PrintUnformatted(log);
	len = strlen(text);
	free(text);
	tap_ok(cJSON_GetArraySize(log) <= 11 && cJSON_IsString(last) &&
		       strstr(last->valuestring, "--max-log-lines") && len < 8192,
	       "100 log lines of 1 kB and a 1 MB print: at most 10 lines and 4 kB, then a note (%d "
	       "lines, %zu bytes)",
	       cJSON_GetArraySize(log), len);
	cJSON_Delete(r);
	r = run_on(h, "big-value", "", "", "t:eq(string.rep('x', 100000), 'y', 'big')", 10.0);
	c = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "checks"), 0);
	const cJSON *mark = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(c, "actual"), "$truncated");
	/* sha256 of the full JSON text "xxx...x" (quotes included) */
	char *full = dlt_xmalloc(100003);
	full[0] = '"';
	memset(full + 1, 'x', 100000);
	full[100001] = '"';
	full[100002] = '\0';
	uint8_t d[32];
	dlt_sha256(full, 100002, d);
	char hex[65];
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	free(full);
	const cJSON *d0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c, "diff"), 0);
	char *dtext = cJSON_PrintUnformatted(d0);
	size_t dlen = dtext ? strlen(dtext) : 0;
	free(dtext);
	tap_ok(mark && num(mark, "bytes") == 100002 && !strcmp(field(mark, "sha256"), hex) &&
		       strlen(field(mark, "head")) <= 1024 && dlen < 1024,
	       "a 100 kB actual is stored as a marker with its size, sha256 and head; the diff "
	       "entry does not repeat it (%zu bytes)",
	       dlen);
	cJSON_Delete(r);
	r = run_on(h, "long-error", "", "", "t:ok(true)\n error(string.rep('e', 10000))", 10.0);
	tap_ok(!strcmp(field(r, "verdict"), "error") && strlen(field(r, "reason")) < 200 &&
		       strstr(field(r, "reason"), "bytes in all"),
	       "a 10 kB error message is cut in the "
	       "reason (%zu bytes)",
	       strlen(field(r, "reason")));
	cJSON_Delete(r);
	dlt_host_free(h);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	alarm(600); /* a regression that makes a scenario hang fails the test instead */
	curl_global_init(CURL_GLOBAL_DEFAULT);
	snprintf(dir, sizeof dir, "/tmp/dlt-test-host-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	char *lib = dlt_printf("%s/lib", dir);
	char err[256];
	dlt_mkdir_p(lib, err, sizeof err);
	char *mod = dlt_printf("%s/lib/helper.lua", dir);
	FILE *f = fopen(mod, "w");
	fputs("local M = {}\nfunction M.twice(x) return 2 * x end\nM.io_seen = io ~= nil\n"
	      "function M.same(t, a, b)\n  return t:eq(a, b, 'lib check')\nend\nreturn M\n",
	      f);
	fclose(f);

	struct dlt_host_config cfg = { .lib_dir = lib, .call_timeout = 2 };
	host = dlt_host_new(&cfg);
	struct dlt_target t = { 0 };
	t.name = "fake";
	t.family = "ethereum";
	t.url = "http://127.0.0.1:1";
	t.params = cJSON_Parse("{\"chain_id\":31337}");
	node.target = &t;
	node.ops = dlt_adapter_find("ethereum");
	struct dlt_err e = { 0 };
	dlt_target_open(node.ops, &t, &conn, &e);

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
	expect("require-lib",
	       "local h = require('helper')\n t:eq(h.twice(21), 42, 'twice')\n"
	       " t:eq(h.io_seen, false, 'module has no io either')",
	       "pass", NULL);
	expect("text-load-sandboxed", "local f = load('return io')\n t:eq(f(), nil, 'io in load')",
	       "pass", NULL);

	/* verdicts */
	expect("passes", "t:eq({a = 1, b = {2, 3}}, {b = {2, 3}, a = 1}, 'deep')", "pass", NULL);
	expect("fails", "t:eq(1, 2, 'one is two')\n t:ok(true, 'goes on after a failure')", "fail",
	       NULL);
	expect("need-stops", "t:need(false, 'precondition')\n error('not reached')", "fail",
	       "precondition");
	expect("skips", "t:skip('not for this node')", "skip", "not for this node");
	expect("inconclusive", "t:inconclusive('no funds')", "inconclusive", "no funds");
	expect("time-limit", "t:ok(true, 'x')\n while true do end", "inconclusive", "time limit");
	expect("lua-error", "local x = nil\n t:ok(true, 'x')\n return x.y", "error",
	       "lua-error.lua:6:");
	expect("no-checks", "local x = 1", "error", "no checks");
	expect("unreachable", "t.node:rpc('eth_chainId', {})", "error", "127.0.0.1:1");
	expect("shape-ok",
	       "t:shape({hash = '0x' .. string.rep('ab', 32), n = '0x1f'},"
	       " {hash = 'hash32', n = 'quantity'}, 'block')",
	       "pass", NULL);
	expect("shape-bad", "t:shape({n = '0x01'}, {n = 'quantity', h = 'hash32'}, 'block')",
	       "fail", NULL);
	expect("u256-compare", "t:eq(dlt.u256('0x10'), 16, 'u256 vs integer')", "pass", NULL);

	/* what a failed check records */
	cJSON *r = run_body("recorded", "",
			    "t:eq({logs = {{data = '0x01'}}}, {logs = {{data = '0x02'}}}, 'logs')");
	const cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "checks"), 0);
	const cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c, "diff"), 0);
	tap_ok(d && !strcmp(field(d, "path"), "$.logs[0].data"), "diff path $.logs[0].data (%s)",
	       d ? field(d, "path") : "none");
	tap_ok(!strcmp(field(c, "where"), "recorded.lua:4"), "where is file:line (%s)",
	       field(c, "where"));
	tap_ok(!strcmp(field(c, "target"), "fake"), "the check names its target");
	cJSON_Delete(r);
	where_via();

	/* a syntax error is a load error naming file:line */
	write_file("broken.lua", "scenario { id = 'x', title = \n");
	char *bp = dlt_printf("%s/broken.lua", dir);
	struct dlt_scenario s;
	memset(&s, 0, sizeof s);
	dlt_host_describe(host, bp, "suites/broken.lua", &s);
	tap_ok(s.load_error && strstr(s.load_error, "suites/broken.lua:"),
	       "syntax error named with "
	       "file:line (%s)",
	       s.load_error ? s.load_error : "none");
	dlt_scenario_clear(&s);
	free(bp);
	r = run_body("unknown-field", "colour = 'red',", "t:ok(true)");
	tap_ok(!strcmp(field(r, "verdict"), "load-error") && strstr(field(r, "reason"), "colour"),
	       "unknown scenario field refused: %s", field(r, "reason"));
	cJSON_Delete(r);

	isolation();
	zero_bytes();
	time_limits();
	memory_limits();
	storage_limits();

	node.ops->close(conn);
	cJSON_Delete(t.params);
	dlt_host_free(host);
	dlt_rm_rf(dir);
	free(lib);
	free(mod);
	curl_global_cleanup();
	return tap_done();
}
