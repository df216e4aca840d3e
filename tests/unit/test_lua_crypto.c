/*
 * test_lua_crypto.c: the Lua bindings of runner/lua_crypto.c, run in a plain lua_State with a
 * `dlt` table and dlt_lua_crypto_register(): u256 arithmetic and its edge cases (overflow,
 * underflow, division by zero, floats, negatives, 2^256), hex, hashes, RLP, secp256k1, the
 * EIP-155 example end to end, an EIP-1559 transaction, bech32, and the host-facing C helpers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "runner/lua_crypto.h"
#include "tap.h"

/* run a chunk that must return true; a false or an error is reported */
static void lua_ok(lua_State *L, const char *name, const char *code)
{
	int top = lua_gettop(L);
	int rc = luaL_loadbuffer(L, code, strlen(code), name);
	if (rc == LUA_OK)
		rc = lua_pcall(L, 0, 2, 0);
	if (rc != LUA_OK) {
		tap_ok(0, "%s", name);
		tap_diag("error: %s", lua_tostring(L, -1));
	} else if (!tap_ok(lua_toboolean(L, -2), "%s", name)) {
		tap_diag("returned %s %s", luaL_tolstring(L, -2, NULL),
			 lua_isnoneornil(L, -2) ? ""
			 : lua_tostring(L, -1)  ? lua_tostring(L, -1)
						: "");
	}
	lua_settop(L, top);
}

/* run a chunk that must raise an error containing `want` */
static void lua_fails(lua_State *L, const char *name, const char *want, const char *code)
{
	int top = lua_gettop(L);
	int rc = luaL_loadbuffer(L, code, strlen(code), name);
	if (rc == LUA_OK)
		rc = lua_pcall(L, 0, 0, 0);
	const char *msg = rc != LUA_OK ? lua_tostring(L, -1) : NULL;
	if (!tap_ok(msg && strstr(msg, want), "%s", name))
		tap_diag("expected an error with \"%s\", got %s", want, msg ? msg : "no error");
	else
		tap_diag("%s", msg);
	lua_settop(L, top);
}

static int c_push_decimal(lua_State *L)
{
	dlt_lua_u256_push_decimal(L, luaL_checkstring(L, 1));
	return 1;
}

static void test_host_helpers(lua_State *L)
{
	char hex[67];
	int top = lua_gettop(L);
	lua_pushcfunction(L, c_push_decimal);
	lua_pushstring(L, "1000000000000000000");
	tap_ok(lua_pcall(L, 1, 1, 0) == LUA_OK && dlt_lua_is_u256(L, -1),
	       "push_decimal gives a u256");
	dlt_lua_u256_tohex(L, -1, hex);
	tap_ok(strcmp(hex, "0xde0b6b3a7640000") == 0, "u256_tohex of 10^18 (%s)", hex);
	lua_pop(L, 1);
	lua_pushinteger(L, 5);
	tap_ok(!dlt_lua_is_u256(L, -1), "an integer is not a u256");
	dlt_lua_u256_tohex(L, -1, hex);
	tap_ok(hex[0] == '\0', "u256_tohex of a non-u256 is empty");
	lua_pop(L, 1);
	dlt_u256 zero;
	dlt_u256_zero(&zero);
	dlt_lua_u256_push(L, &zero);
	dlt_lua_u256_tohex(L, -1, hex);
	tap_ok(strcmp(hex, "0x0") == 0, "u256_tohex of zero is 0x0");
	lua_pop(L, 1);
	lua_pushcfunction(L, c_push_decimal);
	lua_pushstring(L, "12a");
	int rc = lua_pcall(L, 1, 1, 0);
	tap_ok(rc != LUA_OK && strstr(lua_tostring(L, -1), "12a"),
	       "push_decimal raises on bad input (%s)", lua_tostring(L, -1));
	lua_settop(L, top);
}

int main(void)
{
	lua_State *L = luaL_newstate();
	luaL_openlibs(L);
	/* the host's JSON array metatable, so decoded lists can be recognized */
	luaL_newmetatable(L, "dlt.array");
	lua_pushboolean(L, 1);
	lua_setfield(L, -2, "is_array_marker");
	lua_pop(L, 1);

	lua_newtable(L);
	int before = lua_gettop(L);
	dlt_lua_crypto_register(L);
	tap_ok(lua_gettop(L) == before && lua_istable(L, -1),
	       "register leaves the stack as it was");
	lua_setglobal(L, "dlt");
	lua_pushstring(L, "0x4646464646464646464646464646464646464646464646464646464646464646");
	lua_setglobal(L, "KEY");

	/* ---- u256 ---- */
	lua_ok(L, "u256: integer, decimal and hex construction agree",
	       "return dlt.u256(255) == dlt.u256('255') and dlt.u256('0xff') == dlt.u256('0xFF')");
	lua_ok(L, "u256: + - * // % with u256 and integer operands",
	       "local a = dlt.u256(7) return a + 3 == dlt.u256(10) and a - 2 == dlt.u256(5) and "
	       "a * 6 == dlt.u256(42) and a // 2 == dlt.u256(3) and a % 2 == dlt.u256(1) and "
	       "10 - dlt.u256(4) == dlt.u256(6) and '5' + dlt.u256(1) == dlt.u256(6)");
	lua_ok(L, "u256: comparisons, mixed with integers and strings",
	       "local a, b = dlt.u256(1), dlt.u256(2) return a < b and a <= b and b <= 2 and 1 < b "
	       "and not (b < 2) and not (b < a) and a < '0x2' and dlt.u256(5) ~= dlt.u256(6)");
	lua_ok(L, "u256: tostring is decimal, :hex() is a quantity",
	       "return tostring(dlt.u256('0xff')) == '255' and dlt.u256(255):hex() == '0xff' "
	       "and dlt.u256(0):hex() == '0x0' and tostring(dlt.u256(0)) == '0'");
	lua_ok(L, "u256: :bytes() is minimal big-endian",
	       "return dlt.u256(1024):bytes() == '\\4\\0' and dlt.u256(0):bytes() == '' "
	       "and #dlt.u256('0x' .. string.rep('f', 64)):bytes() == 32");
	lua_ok(L, "u256: 2^256-1 round trip",
	       "local m = dlt.u256('0x' .. string.rep('f', 64)) return tostring(m) == "
	       "'115792089237316195423570985008687907853269984665640564039457584007913129639935' "
	       "and dlt.u256(tostring(m)) == m");
	lua_ok(L, "u256: :tointeger() up to math.maxinteger, nil above",
	       "return dlt.u256(math.maxinteger):tointeger() == math.maxinteger and "
	       "(dlt.u256(math.maxinteger) + 1):tointeger() == nil");
	lua_ok(L, "u256: concatenation shows the decimal value",
	       "return 'wei: ' .. dlt.u256('0x10') == 'wei: 16' and dlt.u256(1) .. '' == '1'");
	lua_ok(L, "u256: a u256 copies, 10^18 * 10^18 fits",
	       "local e = dlt.u256('1000000000000000000') return dlt.u256(e) == e and "
	       "tostring(e * e) == '1000000000000000000000000000000000000'");
	lua_fails(L, "u256: add overflow raises", "overflow",
		  "return dlt.u256('0x' .. string.rep('f', 64)) + 1");
	lua_fails(L, "u256: sub underflow raises", "underflow", "return dlt.u256(1) - 2");
	lua_fails(L, "u256: mul overflow raises", "overflow",
		  "return dlt.u256('0x' .. string.rep('f', 64)) * 2");
	lua_fails(L, "u256: // by zero raises", "division by zero", "return dlt.u256(1) // 0");
	lua_fails(L, "u256: % by zero raises", "division by zero",
		  "return dlt.u256(1) % dlt.u256(0)");
	lua_fails(L, "u256: / is refused with a hint", "'//'", "return dlt.u256(4) / 2");
	lua_fails(L, "u256: floats are refused", "float", "return dlt.u256(1.5)");
	lua_fails(L, "u256: integral floats are refused too", "float", "return dlt.u256(2^53)");
	lua_fails(L, "u256: negatives are refused", "negative", "return dlt.u256(-1)");
	lua_fails(
		L, "u256: 2^256 is refused", "exceeds 2^256-1",
		"return dlt.u256('115792089237316195423570985008687907853269984665640564039457584007913129639936')");
	lua_fails(L, "u256: a non-numeric string is refused", "not a decimal integer",
		  "return dlt.u256('12 apples')");
	lua_fails(L, "u256: a table is refused", "got table", "return dlt.u256({})");
	lua_fails(L, "u256: negation is refused", "unsigned", "return -dlt.u256(1)");
	lua_fails(L, "u256: arithmetic with a float operand raises", "float",
		  "return dlt.u256(1) + 0.5");

	/* ---- hex and hashes ---- */
	lua_ok(L, "hex: encode and decode, with or without 0x",
	       "return dlt.hex.encode('\\0\\255') == '0x00ff' and dlt.hex.decode('0x00FF') == '\\0\\255' "
	       "and dlt.hex.decode('00ff') == '\\0\\255' and dlt.hex.decode('0x') == ''");
	lua_fails(L, "hex: odd length raises", "odd", "return dlt.hex.decode('0xabc')");
	lua_fails(L, "hex: a non-hex character raises", "invalid character",
		  "return dlt.hex.decode('0xzz')");
	lua_ok(L, "keccak256 of the empty string",
	       "return dlt.hex.encode(dlt.keccak256('')) == "
	       "'0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'");
	lua_ok(L, "keccak256 of \"hello world\" (web3_sha3 example)",
	       "return dlt.hex.encode(dlt.keccak256('hello world')) == "
	       "'0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad'");
	lua_ok(L, "sha256, sha256d, ripemd160",
	       "return dlt.hex.encode(dlt.sha256('abc')) == "
	       "'0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' and "
	       "dlt.sha256d('abc') == dlt.sha256(dlt.sha256('abc')) and "
	       "dlt.hex.encode(dlt.ripemd160('abc')) == '0x8eb208f7e05d987a9b044a8e98c6b087f15a0bfc'");
	lua_ok(L, "hash160 of the BIP-173 example key",
	       "return dlt.hex.encode(dlt.hash160(dlt.hex.decode("
	       "'0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'))) == "
	       "'0x751e76e8199196d454941c45d1b3a323f1433bd6'");

	/* ---- RLP ---- */
	lua_ok(L, "rlp.encode: strings, integers, u256 and lists",
	       "local h = dlt.hex.encode return h(dlt.rlp.encode({'cat', 'dog'})) == '0xc88363617483646f67' "
	       "and h(dlt.rlp.encode(0)) == '0x80' and h(dlt.rlp.encode(1024)) == '0x820400' "
	       "and h(dlt.rlp.encode(dlt.u256('0x400'))) == '0x820400' and h(dlt.rlp.encode({})) == '0xc0' "
	       "and h(dlt.rlp.encode({{}, {{}}, {{}, {{}}}})) == '0xc7c0c1c0c3c0c1c0' "
	       "and h(dlt.rlp.encode('\\0')) == '0x00'");
	lua_ok(L, "rlp.decode: nested lists carry the dlt.array metatable",
	       "local v = dlt.rlp.decode(dlt.hex.decode('0xc7c0c1c0c3c0c1c0')) "
	       "return #v == 3 and #v[1] == 0 and getmetatable(v).is_array_marker "
	       "and getmetatable(v[3][2]).is_array_marker");
	lua_ok(L, "rlp.decode: strings come back as bytes",
	       "local v = dlt.rlp.decode(dlt.hex.decode('0xc88363617483646f67')) "
	       "return v[1] == 'cat' and v[2] == 'dog'");
	lua_ok(L, "rlp.decode: non-canonical input gives nil and a reason",
	       "local v, err = dlt.rlp.decode(dlt.hex.decode('0x8100')) "
	       "return v == nil and err:find('single byte encoded as string', 1, true) ~= nil, err");
	lua_ok(L, "rlp.decode: trailing bytes give nil and a reason",
	       "local v, err = dlt.rlp.decode('\\1\\2') return v == nil and err:find('trailing') ~= nil");
	lua_fails(L, "rlp.encode: a map is refused", "sequence", "return dlt.rlp.encode({a = 1})");
	lua_fails(L, "rlp.encode: a boolean is refused", "cannot encode a boolean",
		  "return dlt.rlp.encode(true)");
	lua_fails(L, "rlp.encode: a negative integer is refused", "negative",
		  "return dlt.rlp.encode({-1})");
	lua_fails(L, "rlp.encode: a cycle is refused", "nested",
		  "local t = {} t[1] = t return dlt.rlp.encode(t)");
	/* issue 16: what the decoder accepts (DLT_RLP_MAX_DEPTH nested lists) re-encodes, and one
	 * level more is refused by both */
	lua_ok(L, "rlp: the deepest list decode accepts re-encodes to the same bytes",
	       "local t = {} local cur = t for i = 2, 512 do local c = {} cur[1] = c cur = c end "
	       "local e = dlt.rlp.encode(t) local d = dlt.rlp.decode(e) "
	       "return d ~= nil and dlt.rlp.encode(d) == e");
	lua_ok(L, "rlp.decode: one list more than that is refused",
	       "local t = {} local cur = t for i = 2, 512 do local c = {} cur[1] = c cur = c end "
	       "local e = dlt.rlp.encode(t) "
	       "local d, err = dlt.rlp.decode(string.pack('>BI2', 0xf9, #e) .. e) "
	       "return d == nil and err:find('nesting too deep', 1, true) ~= nil");
	lua_fails(
		L, "rlp.encode: one list more than decode accepts is refused",
		"nested more than 512",
		"local t = {} local cur = t for i = 2, 513 do local c = {} cur[1] = c cur = c end "
		"return dlt.rlp.encode(t)");

	/* ---- secp256k1 ---- */
	lua_ok(L, "secp256k1: public keys, uncompressed and compressed",
	       "local p, c = dlt.secp256k1.pubkey(KEY), dlt.secp256k1.pubkey(KEY, true) "
	       "return #p == 65 and p:byte(1) == 4 and #c == 33 and (c:byte(1) == 2 or c:byte(1) == 3)");
	lua_ok(L, "secp256k1: sign, recover and verify",
	       "local h = dlt.keccak256('message') local s = dlt.secp256k1.sign(h, KEY) "
	       "local p = dlt.secp256k1.pubkey(KEY) "
	       "return #s.r == 32 and #s.s == 32 and s.s:byte(1) < 128 and "
	       "dlt.secp256k1.recover(h, s.r, s.s, s.recid) == p and "
	       "dlt.secp256k1.verify(h, s.r, s.s, p) == true and "
	       "dlt.secp256k1.verify(dlt.keccak256('other'), s.r, s.s, p) == false and "
	       "dlt.secp256k1.verify(h, s.r, s.s, dlt.secp256k1.pubkey(KEY, true)) == true");
	lua_ok(L, "secp256k1: r and s also as 0x hex and u256",
	       "local h = dlt.keccak256('m') local s = dlt.secp256k1.sign(h, KEY) "
	       "return dlt.secp256k1.recover(h, dlt.hex.encode(s.r), dlt.u256(dlt.hex.encode(s.s)), s.recid) "
	       "== dlt.secp256k1.pubkey(KEY)");
	lua_ok(L, "secp256k1: a bad recovery id gives nil and a reason",
	       "local h = dlt.keccak256('m') local s = dlt.secp256k1.sign(h, KEY) "
	       "local p, err = dlt.secp256k1.recover(h, s.r, s.s, 4) return p == nil and err ~= nil");
	lua_ok(L, "secp256k1: r out of range gives nil and a reason",
	       "local p, err = dlt.secp256k1.recover(dlt.keccak256('m'), string.rep('\\255', 32), "
	       "string.rep('\\1', 32), 0) return p == nil and err:find('range') ~= nil");
	lua_ok(L, "secp256k1: sign_der is a DER sequence",
	       "local d = dlt.secp256k1.sign_der(dlt.sha256d('tx'), KEY) "
	       "return d:byte(1) == 0x30 and d:byte(2) == #d - 2 and #d <= 72");
	lua_fails(L, "secp256k1: a short hash is refused", "32 raw bytes",
		  "return dlt.secp256k1.sign('short', KEY)");
	lua_fails(L, "secp256k1: a zero key is refused", "invalid private key",
		  "return dlt.secp256k1.pubkey(string.rep('\\0', 32))");

	/* ---- Ethereum ---- */
	lua_ok(L, "eth.address from a private key and from its public key",
	       "local a = dlt.eth.address(KEY) return a == '0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f' "
	       "and dlt.eth.address(dlt.secp256k1.pubkey(KEY)) == a "
	       "and dlt.eth.address(dlt.secp256k1.pubkey(KEY, true)) == a "
	       "and dlt.eth.address(dlt.hex.decode(KEY)) == a");
	lua_ok(L, "eth.checksum (EIP-55)",
	       "return dlt.eth.checksum('0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f') == "
	       "'0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F' and "
	       "dlt.eth.checksum('0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED') == "
	       "'0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'");
	lua_ok(L, "eth.create_address for nonces 0 and 1",
	       "local s = '0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0' "
	       "return dlt.eth.create_address(s, 0) == '0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d' and "
	       "dlt.eth.create_address(s, dlt.u256(1)) == '0x343c43a37d37dff08ae8c4a11544c718abb4fcf8' and "
	       "dlt.eth.create_address(s, '0x1') == '0x343c43a37d37dff08ae8c4a11544c718abb4fcf8'");
	lua_ok(L, "eth.sign_legacy: the EIP-155 example end to end",
	       "local t = dlt.eth.sign_legacy{nonce = 9, gas_price = '20000000000', gas = 21000, "
	       "to = '0x3535353535353535353535353535353535353535', value = dlt.u256('1000000000000000000'), "
	       "data = '0x', chain_id = 1, key = KEY} "
	       "local want = '0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7"
	       "6400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761"
	       "aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83' "
	       "return t.raw == want and t.v == 37 and "
	       "t.hash == '0x33469b22e9f636356c4160a87eb19df52b7412e8eac32a4a55ffe88ea8350788' and "
	       "t.signing_hash == '0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53' and "
	       "dlt.eth.checksum(t.sender) == '0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F' and "
	       "t.hash == dlt.hex.encode(dlt.keccak256(dlt.hex.decode(t.raw))), t.raw");
	lua_ok(L, "eth.sign_legacy: the EIP-155 raw transaction decodes to its 9 fields",
	       "local t = dlt.eth.sign_legacy{nonce = 9, gas_price = 20000000000, gas = 21000, "
	       "to = '0x3535353535353535353535353535353535353535', value = '0xde0b6b3a7640000', "
	       "chain_id = 1, key = KEY} "
	       "local f = dlt.rlp.decode(dlt.hex.decode(t.raw)) "
	       "return #f == 9 and f[1] == '\\9' and f[7] == '\\37' and "
	       "dlt.hex.encode(f[8]) == '0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276'");
	lua_ok(L, "eth.sign_1559: an EthereumJS vector (chain 7822)",
	       "local t = dlt.eth.sign_1559{chain_id = 7822, nonce = 819, max_priority_fee = 75853, "
	       "max_fee = 121212, gas = 35552, to = '0x000000000000000000000000000000000000aaaa', "
	       "value = 43203529, data = '0x', "
	       "key = '0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63'} "
	       "local wrapped = '0xb87302f870821e8e8203338301284d8301d97c828ae094000000000000000000000000"
	       "000000000000aaaa8402933bc980c080a0d067f2167008c59219652f91cbf8788dbca5f771f6e91e2b7657e85b78"
	       "b472e0a01d305af9fe81fdba43f0dfcd400ed24dcace0a7e30d4e85701dcaaf484cd079e' "
	       "return t.raw == '0x' .. wrapped:sub(7) and t.v == 0 and "
	       "t.sender == dlt.eth.address('0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63'), t.raw");
	lua_ok(L, "eth.sign_1559: contract creation with an access list",
	       "local t = dlt.eth.sign_1559{chain_id = 31337, max_priority_fee = 1, max_fee = '2000000000', "
	       "gas = 100000, data = '0x6000', key = KEY, access_list = {{address = "
	       "'0x000000000000000000000000000000000000aaaa', storage_keys = {'0x01'}}}} "
	       "local raw = dlt.hex.decode(t.raw) local f = dlt.rlp.decode(raw:sub(2)) "
	       "return raw:byte(1) == 2 and #f == 12 and f[6] == '' and #f[9] == 1 and #f[9][1][2] == 1 "
	       "and f[9][1][2][1] == string.rep('\\0', 31) .. '\\1' and t.sender == dlt.eth.address(KEY)");
	lua_fails(L, "eth.sign_legacy: a misspelt field is refused", "unknown field gasPrice",
		  "return dlt.eth.sign_legacy{gasPrice = 1, gas = 21000, chain_id = 1, key = KEY}");
	lua_fails(L, "eth.sign_legacy: a missing key is refused", "field key is required",
		  "return dlt.eth.sign_legacy{gas_price = 1, gas = 21000, chain_id = 1}");
	lua_fails(
		L, "eth.sign_1559: a float fee is refused", "float",
		"return dlt.eth.sign_1559{chain_id = 1, max_priority_fee = 1.5, max_fee = 2, gas = 21000, key = KEY}");
	lua_fails(
		L, "eth.sign_legacy: a bad to address is refused", "40 hex digits",
		"return dlt.eth.sign_legacy{gas_price = 1, gas = 21000, chain_id = 1, key = KEY, to = '0x12'}");
	lua_fails(L, "eth.address: a wrong-length key is refused", "got 5 bytes",
		  "return dlt.eth.address('short')");

	/* ---- bech32 ---- */
	lua_ok(L, "bech32.encode: the BIP-173 P2WPKH example",
	       "return dlt.bech32.encode('bc', 0, dlt.hex.decode('751e76e8199196d454941c45d1b3a323f1433bd6')) "
	       "== 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'");
	lua_ok(L, "bech32.decode: version and program, upper-case address",
	       "local v, p = dlt.bech32.decode('bc', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4') "
	       "return v == 0 and dlt.hex.encode(p) == '0x751e76e8199196d454941c45d1b3a323f1433bd6'");
	lua_ok(L, "bech32.decode: taproot (v1, bech32m)",
	       "local v, p = dlt.bech32.decode('bc', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0') "
	       "return v == 1 and #p == 32");
	lua_ok(L, "bech32.decode: a foreign HRP gives nil and a reason",
	       "local v, err = dlt.bech32.decode('tb', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4') "
	       "return v == nil and err:find('human-readable', 1, true) ~= nil");
	lua_ok(L, "bech32.decode: v1 with a bech32 checksum is refused (BIP-350)",
	       "local v, err = dlt.bech32.decode('bc', 'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx') "
	       "return v == nil and err:find('Bech32 instead of Bech32m') ~= nil");
	lua_ok(L, "bech32.decode: nil HRP accepts any and returns it",
	       "local v, p, hrp = dlt.bech32.decode(nil, dlt.bech32.encode('bcrt', 0, string.rep('\\0', 20))) "
	       "return v == 0 and #p == 20 and hrp == 'bcrt'");
	lua_ok(L, "bech32.decode_raw: hrp, data and spec",
	       "local a, b = dlt.bech32.decode_raw('A12UEL5L'), dlt.bech32.decode_raw('a1lqfn3a') "
	       "return a.hrp == 'a' and #a.data == 0 and a.spec == 'bech32' and b.spec == 'bech32m' "
	       "and getmetatable(a.data).is_array_marker");
	lua_ok(L, "bech32.decode_raw: an invalid string gives nil and a reason",
	       "local r, err = dlt.bech32.decode_raw('pzry9x0s0muk') return r == nil and err:find('separator') ~= nil");
	lua_ok(L, "bech32.encode_raw round-trips decode_raw",
	       "local s = 'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw' local r = dlt.bech32.decode_raw(s) "
	       "return dlt.bech32.encode_raw(r.hrp, r.data, r.spec) == s");
	lua_fails(L, "bech32.encode: a v0 16-byte program is refused", "20 or 32",
		  "return dlt.bech32.encode('bc', 0, string.rep('\\0', 16))");
	/* issue 16: the documented third value is the HRP also when one was asked for */
	lua_ok(L, "bech32.decode: a given HRP still returns the HRP as third value",
	       "local v, p, hrp = dlt.bech32.decode('bc', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4') "
	       "local n = select('#', dlt.bech32.decode('tb', 'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7')) "
	       "return v == 0 and #p == 20 and hrp == 'bc' and n == 3");

	/* ---- issue 16 primitives: the bindings, on cases of their vector files ---- */
	lua_ok(L, "eth.create2_address: EIP-1014 example 4",
	       "return dlt.eth.create2_address('0x00000000000000000000000000000000deadbeef', "
	       "'0x00000000000000000000000000000000000000000000000000000000cafebabe', '0xdeadbeef') "
	       "== '0x60f3f640a8508fc6a86d45df051962668e1e8ac7' and dlt.eth.create2_address("
	       "'0x0000000000000000000000000000000000000000', string.rep('\\0', 32), '') == "
	       "'0xe33c0c7f7df4809055c3eba6c09cfe4baf1bd9e0'");
	lua_fails(
		L, "eth.create2_address: init code must be 0x hex", "0x hex",
		"return dlt.eth.create2_address(string.rep('\\0', 20), string.rep('\\0', 32), 'code')");
	lua_ok(L, "secp256k1: BIP-340 vector 1 signs, verifies, x-only key",
	       "local h = dlt.hex.decode local k = h('B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF') "
	       "local x, parity = dlt.secp256k1.xonly_pubkey(k) "
	       "local m = h('243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89') "
	       "local sig = dlt.secp256k1.schnorr_sign(m, k, h('0000000000000000000000000000000000000000000000000000000000000001')) "
	       "return x == h('DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659') "
	       "and (parity == 0 or parity == 1) "
	       "and sig == h('6896bd60eeae296db48a229ff71dfe071bde413e6d43f917dc8dcf8c78de33418906d11ac976abccb20b091292bff4ea897efcb639ea871cfa95f6de339e4b0a') "
	       "and dlt.secp256k1.schnorr_verify(m, sig, x) and not dlt.secp256k1.schnorr_verify(m .. 'x', sig, x)");
	lua_ok(L,
	       "secp256k1: schnorr_verify of a key off the curve is false with a reason (BIP-340 vector 5)",
	       "local h = dlt.hex.decode local ok, why = dlt.secp256k1.schnorr_verify("
	       "h('243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89'), "
	       "h('6cff5c3ba86c69ea4b7376f31a9bcb4f74c1976089b2d9963da2e5543e17776969e89b4c5564d00349106b8497785dd7d1d713a8ae82b32fa79d5f7fc407d39b'), "
	       "h('EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34')) "
	       "return ok == false and why:find('curve') ~= nil");
	lua_fails(L, "secp256k1: schnorr_verify wants a 64-byte signature", "64 raw bytes",
		  "return dlt.secp256k1.schnorr_verify('', 'short', string.rep('\\1', 32))");
	lua_ok(L, "btc.taproot_output_key: BIP-341 wallet vector 0 (key path only)",
	       "local h = dlt.hex.decode local q, parity, t = dlt.btc.taproot_output_key("
	       "h('d6889cb081036e0faefa3a35157ad71086b123b2b144b649798b494c300a961d')) "
	       "return q == h('53a1f6e454df1aa2776a2814a721372d6258050de330b3c6d10ee8f4e0dda343') and "
	       "t == h('b86e7be8f39bab32a6f2c0443abbc210f0edac0e2c53d501b36b64437d9c6c70') and "
	       "dlt.bech32.encode('bc', 1, q) == 'bc1p2wsldez5mud2yam29q22wgfh9439spgduvct83k3pm50fcxa5dps59h4z5'");
	lua_ok(L, "btc.tapleaf_hash: BIP-341 wallet vector 1",
	       "local h = dlt.hex.decode return dlt.btc.tapleaf_hash(h("
	       "'20d85a959b0290bf19bb89ed43c916be835475d013da4b362117393e25a48229b8ac')) == "
	       "h('5b75adecf53548f3ec6ad7d78383bf84cc57b55a3127c72b9a2481752dd88b21')");
	lua_ok(L, "btc.tx_decode: the BIP-143 P2SH-P2WPKH signed transaction, ids, round trip",
	       "local raw = dlt.hex.decode('01000000000101db6b1b20aa0fd7b23880be2ecbd4a98130974cf4748fb66092ac4d3ceb1a5477010000001716001479091972186c449eb1ded22b78e40d009bdf0089feffffff02b8b4eb0b000000001976a914a457b684d7f0d539a46a45bbc043f35b59d0d96388ac0008af2f000000001976a914fd270b1ee6abcaea97fea7ad0402e8bd8ad6d77c88ac02473044022047ac8e878352d3ebbde1c94ce3a10d057c24175747116f8288e5d794d12d482f0220217f36a485cae903c713331d877c1f64677e3622ad4010726870540656fe9dcb012103ad1d8e89212f0b92c74d23bb710c00662ad1470198ac48c43f7d6f93a2a2687392040000') "
	       "local tx = dlt.btc.tx_decode(raw) "
	       "local base = dlt.btc.tx_encode(tx, false) "
	       "return tx.segwit and #tx.vin == 1 and #tx.vout == 2 and tx.locktime == 1170 and "
	       "tx.vin[1].vout == 1 and #tx.vin[1].witness == 2 and tx.vout[1].value == 199996600 and "
	       "dlt.btc.tx_encode(tx) == raw and "
	       "tx.txid == dlt.hex.encode(dlt.sha256d(base):reverse()):sub(3) and "
	       "tx.wtxid == dlt.hex.encode(dlt.sha256d(raw):reverse()):sub(3) and "
	       "tx.weight == #base * 3 + #raw and tx.size == #raw and tx.vsize == (tx.weight + 3) // 4");
	lua_ok(L, "btc.tx_decode: trailing bytes give nil and a reason",
	       "local t, err = dlt.btc.tx_decode(dlt.hex.decode('0100000000000000000000')) "
	       "return t == nil and err:find('trailing') ~= nil");
	lua_ok(L, "btc.sighash_v0: BIP-143 native P2WPKH, and the preimage",
	       "local h = dlt.hex.decode local tx = h('0100000002fff7f7881a8099afa6940d42d1e7f6362bec38171ea3edf433541db4e4ad969f0000000000eeffffffef51e1b804cc89d182d279655c3aa89e815b1b309fe287d9b2b55d57b90ec68a0100000000ffffffff02202cb206000000001976a9148280b37df378db99f66f85c95a783a76ac7a6d5988ac9093510d000000001976a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa815988ac11000000') "
	       "local d, pre = dlt.btc.sighash_v0(tx, 1, h('76a9141d0f172a0ecb48aee1be1f2687d2963ae33f71a188ac'), 600000000, 1) "
	       "return d == h('c37af31116d1b27caf68aae9e3ac82f1477929014d5b917657d0eb49478cb670') and dlt.sha256d(pre) == d "
	       "and dlt.btc.sighash_v0(dlt.btc.tx_decode(tx), 1, h('76a9141d0f172a0ecb48aee1be1f2687d2963ae33f71a188ac'), 600000000, 1) == d");
	lua_ok(L, "btc.sighash_legacy: a row of Core's sighash.json (negative hash type)",
	       "local h = dlt.hex.decode local d = dlt.btc.sighash_legacy(h('c2a8db94017709eed353ca42aa3b78a0c4a3c2cc4c52287b784fcf508a4df8876ca9ab156903000000025151853c5140029ac92ccbb795030007000052526553520d4c9ee0dcd900000665516565006a00acb7f7'), "
	       "0, h('526a63'), -1402165248) "
	       "return d:reverse() == h('7f682def9a0f014c9919807c5177e033a478493f753ce763dadc7f097e49fb8b')");
	lua_fails(
		L, "btc.sighash_taproot: one spent output per input is needed",
		"spent outputs given",
		"return dlt.btc.sighash_taproot({vin = {{txid = string.rep('00', 32)}}, vout = {}}, 0, {}, 0)");
	lua_fails(L, "btc.tx_encode: an unknown field is refused", "unknown field",
		  "return dlt.btc.tx_encode({vin = {}, vout = {}, lock_time = 0})");
	lua_ok(L,
	       "eth.decode_tx: the EIP-155 example, fields as eth_getTransactionByHash names them",
	       "local t = dlt.eth.decode_tx('0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83') "
	       "return t.type == '0x0' and t.chainId == '0x1' and t.nonce == '0x9' and t.gasPrice == '0x4a817c800' "
	       "and t.gas == '0x5208' and t.to == '0x3535353535353535353535353535353535353535' "
	       "and t.value == '0xde0b6b3a7640000' and t.input == '0x' and t.v == '0x25' "
	       "and t.from == '0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f' "
	       "and t.hash == '0x33469b22e9f636356c4160a87eb19df52b7412e8eac32a4a55ffe88ea8350788' "
	       "and t.signingHash == '0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53'");
	lua_ok(L, "eth.decode_tx: an EIP-1559 transaction signed here decodes to its own fields",
	       "local s = dlt.eth.sign_1559{chain_id = 7, nonce = 3, max_priority_fee = 2, max_fee = 100, gas = 21000, "
	       "to = '0x' .. string.rep('ab', 20), value = 5, data = '0x1234', key = KEY, "
	       "access_list = {{address = '0x' .. string.rep('cd', 20), storage_keys = {'0x01'}}}} "
	       "local t = dlt.eth.decode_tx(s.raw) "
	       "return t.type == '0x2' and t.chainId == '0x7' and t.maxFeePerGas == '0x64' and t.yParity == t.v "
	       "and t.from == s.sender and t.hash == s.hash and t.input == '0x1234' "
	       "and #t.accessList == 1 and t.accessList[1].storageKeys[1] == '0x' .. string.rep('0', 63) .. '1'");
	lua_ok(L, "eth.decode_tx: a non-canonical integer gives nil and the field",
	       "local t, err = dlt.eth.decode_tx('0x02' .. dlt.hex.encode(dlt.rlp.encode({'\\1', '\\0\\1', '', '', '', '', '', '', {}, '', '', ''})):sub(3)) "
	       "return t == nil and err:find('field 1 (nonce)', 1, true) ~= nil and err:find('leading zero') ~= nil");
	lua_ok(L, "eth.decode_tx: type 4 is named as not decoded",
	       "local t, err = dlt.eth.decode_tx('0x04c0') return t == nil and err:find('0x04') ~= nil");

	test_host_helpers(L);
	lua_close(L);
	return tap_done();
}
