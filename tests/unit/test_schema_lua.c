/*
 * test_schema_lua.c: dlt.schema (runner/schema/lua_schema.c) seen from Lua, with real answers
 * captured from anvil (tests/data/schema/). A Lua script drives the checks; each check is one
 * TAP point printed by the C function tap(cond, name [, detail]).
 *
 * Values cross with the host's JSON mapping (runner/lua_json.c), as in the runner.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <cjson/cJSON.h>

#include "common/file.h"
#include "runner/lua_json.h"
#include "runner/lua_schema.h"

#ifndef DLT_SOURCE_DIR
#define DLT_SOURCE_DIR "."
#endif

static int npoints, nfail;
static const char *srcdir;

/* The dlt table with the host's JSON mapping (dlt.null, dlt.array, ...), on top of the stack. */
static void setup_host(lua_State *L)
{
	lua_newtable(L);
	dlt_lua_json_register(L);
}

/* ---------------------------------------------------------------- test plumbing */

static int l_tap(lua_State *L)
{
	int cond = lua_toboolean(L, 1);
	const char *name = luaL_checkstring(L, 2);
	printf("%s %d - %s\n", cond ? "ok" : "not ok", ++npoints, name);
	if (!cond) {
		nfail++;
		if (lua_gettop(L) >= 3) {
			luaL_tolstring(L, 3, NULL);
			printf("#   %s\n", lua_tostring(L, -1));
		}
	}
	return 0;
}

/* capture(name) -> the "result" of tests/data/schema/<name>.json as a Lua value */
static int l_capture(lua_State *L)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/data/schema/%s.json", srcdir, luaL_checkstring(L, 1));
	char err[512];
	cJSON *j = dlt_load_json_file(path, err, sizeof err);
	if (!j)
		return luaL_error(L, "%s", err);
	dlt_lua_push_json(L, cJSON_GetObjectItemCaseSensitive(j, "result"));
	cJSON_Delete(j);
	return 1;
}

/* is_array(t): does t carry the host's array metatable? */
static int l_is_array(lua_State *L)
{
	int r = 0;
	if (lua_getmetatable(L, 1)) {
		luaL_getmetatable(L, "dlt.array");
		r = lua_rawequal(L, -1, -2);
		lua_pop(L, 2);
	}
	lua_pushboolean(L, r);
	return 1;
}

static const char *script =
	"local S = dlt.schema\n"
	"tap(type(S) == 'table', 'dlt.schema is a table')\n"
	"tap(S.commit == '033ca6e69da000445840d2060ff47e5e56172a86', 'dlt.schema.commit',\n"
	"    S.commit)\n"
	"local function has(errs, text)\n"
	"  for _, e in ipairs(errs or {}) do if e == text then return true end end\n"
	"  return false\n"
	"end\n"
	"local function find(errs, prefix)\n"
	"  for _, e in ipairs(errs or {}) do\n"
	"    if e:sub(1, #prefix) == prefix then return true end\n"
	"  end\n"
	"  return false\n"
	"end\n"
	"-- real answers\n"
	"local block = capture('anvil-eth_getBlockByNumber-1-hydrated')\n"
	"local ok, errs = S.validate_result('eth_getBlockByNumber', block)\n"
	"tap(ok == true and errs == nil, 'hydrated anvil block validates', errs and errs[1])\n"
	"tap(S.validate_result('eth_getBlockByNumber', dlt.null) == true,\n"
	"    'dlt.null (not found) validates')\n"
	"tap(S.validate_result('eth_getBlockByNumber', capture('anvil-eth_getBlockByNumber-genesis')),\n"
	"    'genesis block validates')\n"
	"tap(S.validate_result('eth_chainId', capture('anvil-eth_chainId')), 'chain id validates')\n"
	"tap(S.validate_result('eth_syncing', false), 'false is a valid eth_syncing answer')\n"
	"-- broken copies\n"
	"block.transactions[1].hash = '0x12'\n"
	"ok, errs = S.validate_result('eth_getBlockByNumber', block)\n"
	"tap(ok == false and is_array(errs), 'a broken hash fails with an array of messages')\n"
	"tap(has(errs, '$.transactions[0].hash: pattern ^0x[0-9a-f]{64}$ '\n"
	"    .. '(#/components/schemas/hash32) not matched by \"0x12\"'),\n"
	"    'the message names path, rule and schema', errs and table.concat(errs, ' | '))\n"
	"block.transactions[1].hash = nil\n"
	"ok, errs = S.validate_result('eth_getBlockByNumber', block)\n"
	"tap(ok == false and find(errs, '$.transactions[0].hash: required'),\n"
	"    'a missing member fails',\n"
	"    errs and table.concat(errs, ' | '))\n"
	"local receipt = capture('anvil-eth_getTransactionReceipt-log')\n"
	"ok, errs = S.validate_result('eth_getTransactionReceipt', receipt)\n"
	"tap(ok == false and find(errs, '$.blockTimestamp: additionalProperties'),\n"
	"    'anvil receipts carry blockTimestamp, which the spec forbids', errs and errs[1])\n"
	"receipt.blockTimestamp = nil\n"
	"tap(S.validate_result('eth_getTransactionReceipt', receipt),\n"
	"    'the receipt without it validates')\n"
	"ok, errs = S.validate_result('eth_chainId', 31337)\n"
	"tap(ok == false and find(errs, '$: type \"string\"'), 'a number is not a quantity',\n"
	"    errs and errs[1])\n"
	"-- params and component schemas\n"
	"tap(S.validate_params('eth_getBlockByNumber', dlt.array{'latest', false}),\n"
	"    'params validate')\n"
	"tap(S.validate_params('eth_chainId'), 'no params for eth_chainId')\n"
	"ok, errs = S.validate_params('eth_getBlockByNumber', dlt.array{'latest'})\n"
	"tap(ok == false and find(errs, '$[1]: required'), 'a missing param', errs and errs[1])\n"
	"tap(S.validate('hash32', '0x' .. string.rep('ab', 32)), 'validate by schema name')\n"
	"ok, errs = S.validate('#/components/schemas/uint', '0x01')\n"
	"tap(ok == false and find(errs, '$: pattern'), 'validate by reference', errs and errs[1])\n"
	"-- methods\n"
	"local names = S.methods()\n"
	"tap(#names == 45 and is_array(names), '45 method names in an array', #names)\n"
	"local sorted = true\n"
	"for i = 2, #names do sorted = sorted and names[i - 1] < names[i] end\n"
	"tap(sorted, 'sorted')\n"
	"local m = S.method('eth_getBlockByNumber')\n"
	"tap(m and m.name == 'eth_getBlockByNumber' and #m.params == 2\n"
	"    and m.params[2].schema.type == 'boolean',\n"
	"    'method() gives params with their schemas')\n"
	"tap(m and m.result.schema.oneOf[2]['$ref'] == '#/components/schemas/Block',\n"
	"    'and the result schema')\n"
	"tap(S.method('eth_nope') == nil, 'an unknown method is nil')\n"
	"-- error groups\n"
	"local g = S.error_group(800)\n"
	"tap(g and g.group == 'GasErrors' and g.code == 800 and g.range.min == 800 and g.range.max == 999\n"
	"    and g.message:find('Intrinsic gas', 1, true) == 1, 'error_group(800)')\n"
	"g = S.error_group(5)\n"
	"tap(g and g.group == 'ExecutionErrors' and g.message == nil and g.range.max == 199,\n"
	"    'error_group(5): inside the range only')\n"
	"g = S.error_group(-32601)\n"
	"tap(g and g.group == 'JSONRPCStandardErrors' and g.message == 'Method not found'\n"
	"    and g.range == nil,\n"
	"    'error_group(-32601)')\n"
	"tap(S.error_group(4444) == nil, 'error_group(4444) is nil')\n"
	"-- misuse raises\n"
	"local e1, m1 = pcall(S.validate_result, 'eth_nope', 1)\n"
	"tap(not e1 and tostring(m1):find('eth_nope is not in execution-apis', 1, true),\n"
	"    'unknown method raises', m1)\n"
	"local e2, m2 = pcall(S.validate, 'Nope', 1)\n"
	"tap(not e2 and tostring(m2):find('no schema #/components/schemas/Nope', 1, true),\n"
	"    'unknown schema raises', m2)\n"
	"local e3, m3 = pcall(S.validate_result, 'eth_chainId', print)\n"
	"tap(not e3 and tostring(m3):find('not a JSON value', 1, true), 'a function is not JSON', m3)\n"
	"local e4 = pcall(S.error_group, 'x')\n"
	"tap(not e4, 'error_group wants an integer')\n";

int main(void)
{
	srcdir = getenv("DLT_SOURCE_DIR");
	if (!srcdir || !*srcdir)
		srcdir = DLT_SOURCE_DIR;
	char path[4096], err[512];
	snprintf(path, sizeof path, "%s/vectors/execution-apis/openrpc.json", srcdir);
	struct dlt_openrpc *o = NULL;
	if (dlt_openrpc_load(path, &o, err, sizeof err) != 0) {
		printf("not ok 1 - load the specification\n#   %s\n1..1\n", err);
		return 1;
	}
	lua_State *L = luaL_newstate();
	luaL_openlibs(L);
	setup_host(L); /* dlt table on top */
	int top = lua_gettop(L);
	dlt_lua_schema_register(L, o);
	int balanced = lua_gettop(L) == top;
	lua_setglobal(L, "dlt");
	lua_register(L, "tap", l_tap);
	lua_register(L, "capture", l_capture);
	lua_register(L, "is_array", l_is_array);
	printf("%s %d - register leaves the stack balanced\n", balanced ? "ok" : "not ok",
	       ++npoints);
	nfail += !balanced;
	if (luaL_dostring(L, script) != LUA_OK) {
		printf("not ok %d - script ran to the end\n#   %s\n", ++npoints,
		       lua_tostring(L, -1));
		nfail++;
	}
	lua_close(L);

	/* without a specification every function raises */
	L = luaL_newstate();
	luaL_openlibs(L);
	setup_host(L);
	dlt_lua_schema_register(L, NULL);
	lua_setglobal(L, "dlt");
	int rc = luaL_dostring(L, "dlt.schema.methods()");
	const char *msg = rc != LUA_OK ? lua_tostring(L, -1) : "";
	int good = rc != LUA_OK && strstr(msg, "no specification loaded");
	printf("%s %d - without a specification, calls raise\n", good ? "ok" : "not ok", ++npoints);
	nfail += !good;
	lua_close(L);

	dlt_openrpc_free(o);
	printf("1..%d\n", npoints);
	return nfail ? 1 : 0;
}
