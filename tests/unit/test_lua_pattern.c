/*
 * test_lua_pattern.c: the sandbox's pattern matcher (runner/lua_pattern.c) against the stock
 * Lua 5.4 string library. A differential test: find, match, gmatch and gsub (string, table and
 * function replacements, max counts, init positions, plain find) run on both over a corpus of
 * hand-picked cases (the manual's examples, captures, %b, %f, anchors, back-references,
 * position captures, malformed patterns) and of generated pattern/subject pairs; results and
 * error messages must be the same. Then the budget: a backtracking match and a long %b scan
 * stop at the deadline and at the run's interruption, with the stop sentinel, which pcall
 * cannot turn into a result.
 *
 * DLT_PATTERN_CASES=N sets the number of generated cases (default 20000; docs/scenarios.md
 * shows a longer run).
 */
#include "runner/lua_limits.h"
#include "runner/lua_pattern.h"
#include "runner/launcher.h"
#include "common/clock.h"
#include "tap.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The driver runs in Lua: it compares stock (string.*) with mine (the table `mine`). */
static const char driver[] =
	"local mine, ncases = ...\n"
	"local stock = string\n"
	"local S = stock\n"
	"local failures, checked, errors_seen = {}, 0, 0\n"
	"local function norm(e)\n"
	"  e = tostring(e)\n"
	"  e = S.gsub(e, '^[^:]*:%d+: ', '')\n"
	"  e = S.gsub(e, \"to '[^']*'\", 'to ?')\n"
	"  return e\n"
	"end\n"
	"local function show(v)\n"
	"  if type(v) == 'string' then return S.format('%q', v) end\n"
	"  return tostring(v)\n"
	"end\n"
	"local function pack(ok, ...)\n"
	"  local r = { n = select('#', ...), ok = ok, ... }\n"
	"  if not ok then r[1] = norm(r[1]); errors_seen = errors_seen + 1 end\n"
	"  return r\n"
	"end\n"
	"local function same(a, b)\n"
	"  if a.ok ~= b.ok or a.n ~= b.n then return false end\n"
	"  for i = 1, a.n do\n"
	"    local x, y = a[i], b[i]\n"
	"    if type(x) ~= type(y) then return false end\n"
	"    if type(x) == 'number' and math.type(x) ~= math.type(y) then return false end\n"
	"    if type(x) == 'table' then\n"
	"      if not same(x, y) then return false end\n"
	"    elseif x ~= y then return false end\n"
	"  end\n"
	"  return true\n"
	"end\n"
	"local function render(r)\n"
	"  local parts = {}\n"
	"  for i = 1, r.n do\n"
	"    local v = r[i]\n"
	"    if type(v) == 'table' then parts[#parts + 1] = '{' .. render(v) .. '}'\n"
	"    else parts[#parts + 1] = show(v) end\n"
	"  end\n"
	"  return (r.ok and 'ok ' or 'error ') .. table.concat(parts, ', ')\n"
	"end\n"
	"local function collect(f, s, p, init)\n"
	"  local out, n = { n = 0 }, 0\n"
	"  for a, b, c in f(s, p, init) do\n"
	"    n = n + 1\n"
	"    out[n] = { n = 3, ok = true, a, b, c }\n"
	"    if n >= 60 then break end\n"
	"  end\n"
	"  out.n = n\n"
	"  return out\n"
	"end\n"
	"local function compare(what, f_stock, f_mine, ...)\n"
	"  checked = checked + 1\n"
	"  local a = pack(pcall(f_stock, ...))\n"
	"  local b = pack(pcall(f_mine, ...))\n"
	"  if not same(a, b) and #failures < 20 then\n"
	"    local args = { ... }\n"
	"    local shown = {}\n"
	"    for i = 1, select('#', ...) do shown[i] = show(args[i]) end\n"
	"    failures[#failures + 1] = what .. '(' .. table.concat(shown, ', ') .. '): stock ' ..\n"
	"      render(a) .. ' / mine ' .. render(b)\n"
	"  end\n"
	"end\n"
	"local function repl_fn(...)\n"
	"  local n = select('#', ...)\n"
	"  local first = ...\n"
	"  if first == 'b' then return false end\n"
	"  if first == 'c' then return nil end\n"
	"  if first == 'x' then return {} end\n"
	"  if first == '1' then return 42 end\n"
	"  local parts = {}\n"
	"  for i = 1, n do parts[i] = tostring((select(i, ...))) end\n"
	"  return '<' .. table.concat(parts, '|') .. '>'\n"
	"end\n"
	"local repl_table = { a = 'A', b = false, ['('] = 7, ab = 'AB', [1] = 'one', x = {} }\n"
	"local function all_ops(s, p, init, plain, repl, max)\n"
	"  compare('find', S.find, mine.find, s, p, init, plain)\n"
	"  compare('match', S.match, mine.match, s, p, init)\n"
	"  compare('gmatch', function(...) return collect(S.gmatch, ...) end,\n"
	"          function(...) return collect(mine.gmatch, ...) end, s, p, init)\n"
	"  compare('gsub', S.gsub, mine.gsub, s, p, repl, max)\n"
	"  compare('gsub', S.gsub, mine.gsub, s, p, repl_fn, max)\n"
	"  compare('gsub', S.gsub, mine.gsub, s, p, repl_table, max)\n"
	"end\n"
	"-- hand-picked cases: the manual's examples and the corners of 6.4.1\n"
	"local fixed = {\n"
	"  { 'hello world from Lua', '%a+' }, { 'hello world', '(%w+)' },\n"
	"  { 'hello world', '%w+', '%0 %0' }, { 'hello world from Lua', '(%w+)%s*(%w+)', '%2 %1' },\n"
	"  { 'abc', '%w', '%1' }, { 'abc', '', '-' }, { 'abc', 'b*', '-' }, { 'hello world', 'o', '0', 1 },\n"
	"  { 'key = value, other = 2', '(%w+)%s*=%s*(%w+)' }, { 'THE (quick) fox', '%f[%a]%a+' },\n"
	"  { 'THE (quick) fox', '%f[%l]%a+' }, { 'x = (a(b)c) y', '%b()' }, { 'if [[x]] then', '%b[]' },\n"
	"  { 'hello', '()ll()' }, { 'hello', '()' }, { '  trim  ', '^%s*(.-)%s*$' },\n"
	"  { 'abcabc', '(abc)%1' }, { 'aaa', '(a)%1' }, { 'a,b,,c', '([^,]*)' }, { 'abc', '^(a)' },\n"
	"  { 'abc', 'c$' }, { 'a$c', 'a$c' }, { 'a^c', 'a^c' }, { '^abc', '^^' }, { 'a.b', '%.' },\n"
	"  { '[x]', '[]]' }, { '[x]', '[^]]+' }, { 'a-b', '[a-]' }, { 'a-b', '[%a-]+' },\n"
	"  { 'a\\0b', '%z' }, { 'a\\0b', '[%z]' }, { 'a\\0b', '%Z+' }, { 'a\\0b', 'a\\0b' },\n"
	"  { 'a\\0b', '.\\0.' }, { 'abc', 'x%' }, { 'abc', 'b%' }, { 'abc', '[a' }, { 'abc', '[^' },\n"
	"  { 'abc', '(a' }, { 'abc', 'a)' }, { 'a)', 'a.?)' }, { 'abc', '%1' }, { 'abc', '(a)%2' },\n"
	"  { 'abc', '%0' }, { 'abc', '%f' }, { 'abc', '%fa' }, { 'abc', '%b' }, { 'abc', '%ba' },\n"
	"  { 'abc', '(()' }, { 'abc', 'b', '%2' }, { 'abc', 'b', '%' }, { 'abc', 'b', '%x' },\n"
	"  { 'abc', '(b)', '%2' }, { 'abc', '()', '%1' }, { 'aaa', 'a-b' },\n"
	"  { S.rep('a', 300), S.rep('a?', 300) }, { S.rep('a', 300), S.rep('(a)', 20) },\n"
	"  { 'abc', S.rep('(', 40) }, { 'abc', 'b', 'x', -1 }, { 'abc', 'b', 'x', 0 },\n"
	"  { 'one two three', '(%w+) (%w+)', '%2 %1', 1 }, { 'x', '[%a-z]' }, { '-', '[%a-z]' },\n"
	"  { 'z', '[%a-z]' }, { '%', '[%%]' }, { 'a]', '[]a]+' }, { 'abc', '.-b' }, { 'abc', '.-' },\n"
	"  { 'abc', '.*' }, { 'abc', 'a+?' }, { '', '' }, { '', '.*' }, { '', 'a*' }, { '', '$' },\n"
	"  { 'abc', '$' }, { 'abc', '^$' }, { 'a\\255b', '[\\128-\\255]' }, { 'A1_b', '[%w_]+' },\n"
	"  { 'hello', 'l+', { l = 'L' } }, { '((a))', '%b()' }, { '(a', '%b()' }, { 'abc', '%bac' },\n"
	"  { 'f(a, g(b), c)', '%b()', '' }, { 'word1 word2', '%f[%w]%w+', '[%0]' },\n"
	"}\n"
	"local inits = { nil, 1, 0, -1, -3, 2, 4, 5, 20, -20, math.mininteger, math.maxinteger }\n"
	"for _, c in ipairs(fixed) do\n"
	"  for k = 1, 6 do\n"
	"    all_ops(c[1], c[2], inits[k], k == 3, c[3] or '%0', c[4])\n"
	"  end\n"
	"end\n"
	"-- generated cases\n"
	"math.randomseed(20261127)\n"
	"local R = math.random\n"
	"local subj_chars = { 'a', 'b', 'c', 'a', 'b', 'x', '1', '(', ')', '[', ']', '%', '-', '.', '^',\n"
	"  '$', ' ', '\\0', '_', 'A', '\\255', ',', '=' }\n"
	"local lits = { 'a', 'b', 'c', 'x', '1', ' ', '_', 'A', '\\0', '\\255', ',', '=' }\n"
	"local classes = { '.', '%a', '%d', '%s', '%w', '%x', '%p', '%u', '%l', '%c', '%g', '%z', '%A',\n"
	"  '%D', '%S', '%W', '%X', '%P', '%U', '%L', '%C', '%G', '%Z', '%%', '%(', '%)', '%.', '%[',\n"
	"  '%]', '%-', '%^', '%$', '%q' }\n"
	"local set_parts = { 'a', 'b', 'c', 'a-c', '%a', '%d', '%s', '^', ']', '-', '%]', '%%', 'x-z',\n"
	"  '\\0', '%z', '(', ')', '.', '$' }\n"
	"local raw_chars = { '(', ')', '[', ']', '%', '-', '*', '+', '?', '.', '^', '$', 'a', 'b',\n"
	"  '%', 'b', 'f', '1', '2', '0', 'z' }\n"
	"local function pick(t) return t[R(#t)] end\n"
	"local function subject()\n"
	"  local n, out = R(0, 12), {}\n"
	"  for i = 1, n do out[i] = pick(subj_chars) end\n"
	"  return table.concat(out)\n"
	"end\n"
	"local function set()\n"
	"  local out = { '[' }\n"
	"  if R(4) == 1 then out[#out + 1] = '^' end\n"
	"  for i = 1, R(1, 3) do out[#out + 1] = pick(set_parts) end\n"
	"  out[#out + 1] = ']'\n"
	"  return table.concat(out)\n"
	"end\n"
	"local function single()\n"
	"  local k = R(10)\n"
	"  if k <= 4 then return pick(lits) end\n"
	"  if k <= 8 then return pick(classes) end\n"
	"  return set()\n"
	"end\n"
	"local function items(depth, ncap)\n"
	"  local out = {}\n"
	"  for i = 1, R(1, 4) do\n"
	"    local k = R(20)\n"
	"    if k <= 10 then\n"
	"      local q = R(6)\n"
	"      out[#out + 1] = single() .. (q <= 4 and ({ '*', '+', '-', '?' })[q] or '')\n"
	"    elseif k <= 12 and depth < 3 then\n"
	"      local inner\n"
	"      inner, ncap = items(depth + 1, ncap + 1)\n"
	"      out[#out + 1] = '(' .. inner .. ')'\n"
	"    elseif k == 13 then out[#out + 1] = '()'\n"
	"    elseif k == 14 then out[#out + 1] = pick({ '%b()', '%bab', '%b[]', '%b((', '%b' })\n"
	"    elseif k == 15 then out[#out + 1] = '%f' .. set()\n"
	"    elseif k == 16 then out[#out + 1] = '%' .. R(0, math.max(1, ncap + 1))\n"
	"    elseif k == 17 then out[#out + 1] = pick({ '(', ')', '[', '%', '%f', '[^' })\n"
	"    else out[#out + 1] = single() end\n"
	"  end\n"
	"  return table.concat(out), ncap\n"
	"end\n"
	"local function pattern()\n"
	"  if R(8) == 1 then\n"
	"    local out = {}\n"
	"    for i = 1, R(1, 8) do out[i] = pick(raw_chars) end\n"
	"    return table.concat(out)\n"
	"  end\n"
	"  local p = items(0, 0)\n"
	"  if R(4) == 1 then p = '^' .. p end\n"
	"  if R(4) == 1 then p = p .. '$' end\n"
	"  return p\n"
	"end\n"
	"local templates = { 'x', '%0', '%1', '<%1>', '%%', '%2', '%', '%a', '', '[%0|%1]', '%9' }\n"
	"local maxes = { nil, nil, nil, 0, 1, 2, -1 }\n"
	"for i = 1, ncases do\n"
	"  local init = R(3) == 1 and inits[R(#inits)] or nil\n"
	"  all_ops(subject(), pattern(), init, R(10) == 1, pick(templates), maxes[R(#maxes)])\n"
	"end\n"
	"return checked, errors_seen, failures\n";

static void differential(int ncases)
{
	lua_State *L = luaL_newstate();
	luaL_openlibs(L);
	if (luaL_loadbuffer(L, driver, sizeof driver - 1, "=differential") != LUA_OK) {
		tap_ok(0, "the differential driver compiles: %s", lua_tostring(L, -1));
		lua_close(L);
		return;
	}
	lua_newtable(L);
	dlt_lua_pattern_register(L);
	lua_pushinteger(L, ncases);
	if (lua_pcall(L, 2, 3, 0) != LUA_OK) {
		tap_ok(0, "the differential driver runs: %s", lua_tostring(L, -1));
		lua_close(L);
		return;
	}
	lua_Integer checked = lua_tointeger(L, -3), errors = lua_tointeger(L, -2);
	lua_Integer nfail = (lua_Integer)lua_rawlen(L, -1);
	tap_ok(nfail == 0,
	       "%lld calls of find, match, gmatch and gsub (%lld of them errors) give "
	       "the stock library's results and messages",
	       (long long)checked, (long long)errors);
	for (lua_Integer i = 1; i <= nfail; i++) {
		lua_rawgeti(L, -1, i);
		tap_diag("%s", lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	tap_ok(checked > 100000 || ncases < 20000, "the corpus is large (%lld calls)",
	       (long long)checked);
	tap_ok(errors > 1000 || ncases < 20000, "the corpus covers errors (%lld)",
	       (long long)errors);
	lua_close(L);
}

/* Run code in a limited state with a deadline `seconds` ahead; returns the control block
 * (caller clears) after the call, with *raised set when the chunk ended with the stop. */
static void limited(struct dlt_limits_ctl *c, double seconds, const char *code, int *raised,
		    char *result, size_t rlen)
{
	memset(c, 0, sizeof *c);
	c->deadline = dlt_now() + seconds;
	snprintf(c->time_reason, sizeof c->time_reason, "time limit of %g s reached", seconds);
	lua_State *L = dlt_limits_newstate(c);
	luaL_openlibs(L);
	lua_getglobal(L, "string");
	dlt_lua_pattern_register(L);
	lua_pop(L, 1);
	*raised = 0;
	result[0] = '\0';
	if (luaL_loadstring(L, code) == LUA_OK && lua_pcall(L, 0, 1, 0) != LUA_OK)
		*raised = dlt_limits_is_stop(L, -1);
	else
		snprintf(result, rlen, "%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "");
	lua_close(L);
}

static void budget(void)
{
	struct dlt_limits_ctl c;
	int raised;
	char res[200];
	/* the case: 32.6 s with the stock matcher under a 3 s limit, recorded as pass */
	limited(&c, 0.3, "return tostring(('a'):rep(450):find('.-.-.-b'))", &raised, res,
		sizeof res);
	tap_ok(raised && c.stop == STOP_INCONCLUSIVE && c.reason &&
		       strstr(c.reason, "time limit of 0.3 s"),
	       "a backtracking find stops at the time "
	       "limit with the stop (raised %d, reason %s, result %s)",
	       raised, c.reason ? c.reason : "none", res);
	dlt_limits_clear(&c);
	/* pcall around the match catches the stop once; the hook raises it again */
	limited(&c, 0.3,
		"local n = 0\n"
		"while true do n = n + 1; pcall(string.find, ('a'):rep(450), '.-.-.-b') end",
		&raised, res, sizeof res);
	tap_ok(raised && c.stop == STOP_INCONCLUSIVE,
	       "pcall around a long match does not keep "
	       "the scenario going (raised %d)",
	       raised);
	dlt_limits_clear(&c);
	limited(&c, 5,
		"local s = ('('):rep(100000) .. (')'):rep(100000)\n"
		"return select(2, s:gsub('%b()', ''))",
		&raised, res, sizeof res);
	tap_ok(!raised && !strcmp(res, "1"), "a long %%b scan within the budget completes (%s)",
	       res);
	dlt_limits_clear(&c);
	limited(&c, 0.3,
		"local s = ('('):rep(20000)\n"
		"for i = 1, 1e9 do s:find('%b()') end",
		&raised, res, sizeof res);
	tap_ok(raised && c.stop == STOP_INCONCLUSIVE, "repeated %%b scans stop at the limit");
	dlt_limits_clear(&c);
	/* the run's interruption stops a match without a deadline */
	dlt_interrupted = 1;
	limited(&c, 1e6, "return tostring(('a'):rep(450):find('.-.-.-b'))", &raised, res,
		sizeof res);
	dlt_interrupted = 0;
	tap_ok(raised && c.reason && strstr(c.reason, "interrupted"),
	       "SIGINT/SIGTERM stops a "
	       "match (%s)",
	       c.reason ? c.reason : "none");
	dlt_limits_clear(&c);
	/* outside a limited state the matcher works unbounded, as a library */
	lua_State *L = luaL_newstate();
	luaL_openlibs(L);
	tap_ok(dlt_lua_pattern_find(L, "0x00ff", 6, "^0x%x+$", 7) == 1 &&
		       dlt_lua_pattern_find(L, "a\0b", 3, "a\0c", 3) == 0,
	       "dlt_lua_pattern_find: subjects and patterns with zero bytes compare whole");
	lua_close(L);
}

int main(void)
{
	const char *env = getenv("DLT_PATTERN_CASES");
	int n = env ? atoi(env) : 20000;
	differential(n);
	budget();
	return tap_done();
}
