/*
 * lua_crypto.c: Lua bindings of crypto/ for scenarios (lua_crypto.h; the contract is
 * docs/scenarios.md, "The dlt library"): u256, hex, hashes, RLP, secp256k1 (ECDSA, BIP-340
 * Schnorr, x-only keys), Ethereum addresses and signing, bech32. Transaction decoding lives in
 * lua_eth_tx.c (dlt.eth.decode_tx) and the Bitcoin transaction helpers in lua_btc.c (dlt.btc),
 * registered from here.
 *
 * Conventions: byte strings are Lua strings holding raw bytes, except where Ethereum JSON-RPC
 * habits make 0x hex the natural form (addresses, transaction fields and results, keys given
 * to the signers). 32-byte arguments (hashes, private keys, r, s) accept raw 32 bytes or 0x hex.
 * Numbers accept u256 values, integers >= 0, and decimal or 0x hex strings; floats and
 * negatives are refused. Argument errors raise; decoding untrusted data returns nil, message.
 * Lists decoded from RLP and bech32 data arrays carry the "dlt.array" metatable when the host
 * registered it, so that they stay JSON arrays when empty. Text arguments (addresses, HRPs,
 * numbers as strings, field names) holding a zero byte are refused rather than read up to it.
 */
#include "runner/lua_crypto.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "runner/lua_text.h"

#define U256_MT "dlt.u256"
#define ERRLEN 256

/* ---------- u256 ---------- */

int dlt_lua_is_u256(lua_State *L, int idx)
{
	return luaL_testudata(L, idx, U256_MT) != NULL;
}

void dlt_lua_u256_push(lua_State *L, const dlt_u256 *v)
{
	dlt_u256 *u = lua_newuserdatauv(L, sizeof *u, 0);
	*u = *v;
	luaL_setmetatable(L, U256_MT);
}

void dlt_lua_u256_tohex(lua_State *L, int idx, char out[67])
{
	const dlt_u256 *u = luaL_testudata(L, idx, U256_MT);
	if (!u) {
		out[0] = '\0';
		return;
	}
	dlt_u256_to_hex(u, out);
}

void dlt_lua_u256_push_decimal(lua_State *L, const char *decimal)
{
	dlt_u256 v;
	char err[ERRLEN];
	if (!decimal || dlt_u256_parse(&v, decimal, err, sizeof err) != 0)
		luaL_error(L, "%s", decimal ? err : "u256: NULL string");
	dlt_lua_u256_push(L, &v);
}

void dlt_lua_u256_check(lua_State *L, int idx, const char *what, dlt_u256 *out)
{
	char err[ERRLEN];
	const dlt_u256 *u;
	switch (lua_type(L, idx)) {
	case LUA_TNUMBER:
		if (!lua_isinteger(L, idx))
			luaL_error(L, "%s: %s is a float; give an integer or a decimal string",
				   what, lua_tostring(L, idx));
		if (lua_tointeger(L, idx) < 0)
			luaL_error(L, "%s: %I is negative; u256 values are unsigned", what,
				   (LUAI_UACINT)lua_tointeger(L, idx));
		dlt_u256_from_u64(out, (uint64_t)lua_tointeger(L, idx));
		return;
	case LUA_TSTRING:
		if (!dlt_lua_totext(L, idx))
			luaL_error(L, "%s: the string holds a zero byte", what);
		if (dlt_u256_parse(out, lua_tostring(L, idx), err, sizeof err) != 0)
			luaL_error(L, "%s: %s", what,
				   strncmp(err, "u256: ", 6) == 0 ? err + 6 : err);
		return;
	case LUA_TUSERDATA:
		if ((u = luaL_testudata(L, idx, U256_MT)) != NULL) {
			*out = *u;
			return;
		}
		/* fall through */
	default:
		luaL_error(L,
			   "%s: expected a u256, an integer or a decimal or 0x hex string, got %s",
			   what, luaL_typename(L, idx));
	}
}

static int u_new(lua_State *L)
{
	dlt_u256 v;
	luaL_checkany(L, 1);
	dlt_lua_u256_check(L, 1, "dlt.u256", &v);
	dlt_lua_u256_push(L, &v);
	return 1;
}

static void two_operands(lua_State *L, const char *op, dlt_u256 *a, dlt_u256 *b)
{
	char what[40];
	snprintf(what, sizeof what, "u256 %s", op);
	dlt_lua_u256_check(L, 1, what, a);
	dlt_lua_u256_check(L, 2, what, b);
}

static int u_fail(lua_State *L, const char *what, const dlt_u256 *a, const char *op,
		  const dlt_u256 *b)
{
	char da[DLT_U256_DEC_MAX], db[DLT_U256_DEC_MAX];
	dlt_u256_to_dec(a, da);
	dlt_u256_to_dec(b, db);
	return luaL_error(L, "u256 %s: %s %s %s", what, da, op, db);
}

static int u_add(lua_State *L)
{
	dlt_u256 a, b, r;
	two_operands(L, "+", &a, &b);
	if (dlt_u256_add(&r, &a, &b) != 0)
		return u_fail(L, "overflow (result above 2^256-1)", &a, "+", &b);
	dlt_lua_u256_push(L, &r);
	return 1;
}

static int u_sub(lua_State *L)
{
	dlt_u256 a, b, r;
	two_operands(L, "-", &a, &b);
	if (dlt_u256_sub(&r, &a, &b) != 0)
		return u_fail(L, "underflow (result below zero)", &a, "-", &b);
	dlt_lua_u256_push(L, &r);
	return 1;
}

static int u_mul(lua_State *L)
{
	dlt_u256 a, b, r;
	two_operands(L, "*", &a, &b);
	if (dlt_u256_mul(&r, &a, &b) != 0)
		return u_fail(L, "overflow (result above 2^256-1)", &a, "*", &b);
	dlt_lua_u256_push(L, &r);
	return 1;
}

static int u_idiv(lua_State *L)
{
	dlt_u256 a, b, q;
	two_operands(L, "//", &a, &b);
	if (dlt_u256_divmod(&q, NULL, &a, &b) != 0)
		return u_fail(L, "division by zero", &a, "//", &b);
	dlt_lua_u256_push(L, &q);
	return 1;
}

static int u_mod(lua_State *L)
{
	dlt_u256 a, b, r;
	two_operands(L, "%", &a, &b);
	if (dlt_u256_divmod(NULL, &r, &a, &b) != 0)
		return u_fail(L, "division by zero", &a, "%", &b);
	dlt_lua_u256_push(L, &r);
	return 1;
}

static int u_div(lua_State *L)
{
	return luaL_error(L, "u256: '/' is float division; use '//' for integer division");
}

static int u_unm(lua_State *L)
{
	return luaL_error(L, "u256: values are unsigned and cannot be negated");
}

static int u_eq(lua_State *L)
{
	dlt_u256 a, b;
	two_operands(L, "==", &a, &b);
	lua_pushboolean(L, dlt_u256_cmp(&a, &b) == 0);
	return 1;
}

static int u_lt(lua_State *L)
{
	dlt_u256 a, b;
	two_operands(L, "<", &a, &b);
	lua_pushboolean(L, dlt_u256_cmp(&a, &b) < 0);
	return 1;
}

static int u_le(lua_State *L)
{
	dlt_u256 a, b;
	two_operands(L, "<=", &a, &b);
	lua_pushboolean(L, dlt_u256_cmp(&a, &b) <= 0);
	return 1;
}

static int u_tostring(lua_State *L)
{
	char dec[DLT_U256_DEC_MAX];
	dlt_u256_to_dec(luaL_checkudata(L, 1, U256_MT), dec);
	lua_pushstring(L, dec);
	return 1;
}

/* "balance: " .. u  works like tostring */
static int u_concat(lua_State *L)
{
	for (int i = 1; i <= 2; i++) {
		if (dlt_lua_is_u256(L, i)) {
			char dec[DLT_U256_DEC_MAX];
			dlt_u256_to_dec(lua_touserdata(L, i), dec);
			lua_pushstring(L, dec);
		} else if (lua_type(L, i) == LUA_TSTRING || lua_type(L, i) == LUA_TNUMBER) {
			lua_pushvalue(L, i);
		} else {
			return luaL_error(L, "u256: cannot concatenate a %s", luaL_typename(L, i));
		}
	}
	lua_concat(L, 2);
	return 1;
}

static int u_hex(lua_State *L)
{
	char hex[DLT_U256_HEX_MAX];
	dlt_u256_to_hex(luaL_checkudata(L, 1, U256_MT), hex);
	lua_pushstring(L, hex);
	return 1;
}

static int u_bytes(lua_State *L)
{
	uint8_t be[32];
	size_t n = dlt_u256_to_bytes(luaL_checkudata(L, 1, U256_MT), be);
	lua_pushlstring(L, (const char *)be, n);
	return 1;
}

/* the value as a Lua integer, or nil when it does not fit (above math.maxinteger) */
static int u_tointeger(lua_State *L)
{
	uint64_t v;
	if (dlt_u256_to_u64(luaL_checkudata(L, 1, U256_MT), &v) && v <= (uint64_t)LUA_MAXINTEGER)
		lua_pushinteger(L, (lua_Integer)v);
	else
		lua_pushnil(L);
	return 1;
}

static void register_u256(lua_State *L)
{
	static const luaL_Reg meta[] = {
		{ "__add", u_add },
		{ "__sub", u_sub },
		{ "__mul", u_mul },
		{ "__idiv", u_idiv },
		{ "__mod", u_mod },
		{ "__div", u_div },
		{ "__unm", u_unm },
		{ "__eq", u_eq },
		{ "__lt", u_lt },
		{ "__le", u_le },
		{ "__tostring", u_tostring },
		{ "__concat", u_concat },
		{ NULL, NULL },
	};
	static const luaL_Reg methods[] = {
		{ "hex", u_hex },
		{ "bytes", u_bytes },
		{ "tointeger", u_tointeger },
		{ NULL, NULL },
	};
	if (luaL_newmetatable(L, U256_MT)) {
		luaL_setfuncs(L, meta, 0);
		luaL_newlib(L, methods);
		lua_setfield(L, -2, "__index");
		lua_pushliteral(L, "u256");
		lua_setfield(L, -2, "__metatable"); /* getmetatable() gives a name, not the table */
	}
	lua_pop(L, 1);
}

/* ---------- shared argument helpers ---------- */

/* a 32-byte value: raw 32 bytes, or 0x + up to 64 hex digits (left-padded), or a u256 */
static void check32(lua_State *L, int idx, const char *what, uint8_t out[32])
{
	char err[ERRLEN];
	size_t len;
	if (dlt_lua_is_u256(L, idx)) {
		dlt_u256_to_be32(lua_touserdata(L, idx), out);
		return;
	}
	const char *s = luaL_checklstring(L, idx, &len);
	if (len == 32) {
		memcpy(out, s, 32);
		return;
	}
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		uint8_t tmp[32];
		size_t n;
		if (len > 66)
			luaL_error(L, "%s: %d hex digits, at most 64 expected", what,
				   (int)(len - 2));
		if (len % 2) {
			/* odd digit count of a number: pad one zero digit */
			char padded[68];
			padded[0] = '0';
			padded[1] = 'x';
			padded[2] = '0';
			memcpy(padded + 3, s + 2, len - 2);
			if (dlt_hex_decode(padded, len + 1, tmp, 32, &n, err, sizeof err) != 0)
				luaL_error(L, "%s: %s", what, err);
		} else if (dlt_hex_decode(s, len, tmp, 32, &n, err, sizeof err) != 0) {
			luaL_error(L, "%s: %s", what, err);
		}
		memset(out, 0, 32 - n);
		memcpy(out + 32 - n, tmp, n);
		return;
	}
	luaL_error(L, "%s: expected 32 raw bytes or a 0x hex string, got %d bytes", what, (int)len);
}

/* raw bytes of a string given as 0x hex (or "" for empty) */
static uint8_t *check_hexdata(lua_State *L, int idx, const char *what, size_t *outlen)
{
	char err[ERRLEN];
	size_t len;
	uint8_t *p;
	const char *s = luaL_checklstring(L, idx, &len);
	if (len == 0) {
		*outlen = 0;
		return NULL;
	}
	if (len < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		luaL_error(L, "%s: expected a 0x hex string", what);
	if (dlt_hex_decode_alloc(s, len, &p, outlen, err, sizeof err) != 0)
		luaL_error(L, "%s: %s", what, err);
	return p;
}

static void push_hex(lua_State *L, const uint8_t *p, size_t n)
{
	luaL_Buffer b;
	char *out = luaL_buffinitsize(L, &b, 2 * n + 3);
	dlt_hex_encode_0x(out, p, n);
	luaL_pushresultsize(&b, 2 * n + 2);
}

static void push_address(lua_State *L, const uint8_t a[20])
{
	char s[DLT_ETH_ADDRESS_STR];
	dlt_eth_address_hex(a, s);
	lua_pushstring(L, s);
}

/* give the table on the top the host's JSON array metatable, when there is one */
static void mark_array(lua_State *L)
{
	if (luaL_getmetatable(L, "dlt.array") == LUA_TTABLE)
		lua_setmetatable(L, -2);
	else
		lua_pop(L, 1);
}

/* ---------- dlt.hex ---------- */

static int l_hex_encode(lua_State *L)
{
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	push_hex(L, (const uint8_t *)s, n);
	return 1;
}

static int l_hex_decode(lua_State *L)
{
	char err[ERRLEN];
	size_t len, n;
	const char *s = luaL_checklstring(L, 1, &len);
	luaL_Buffer b;
	uint8_t *out = (uint8_t *)luaL_buffinitsize(L, &b, len / 2 + 1);
	if (dlt_hex_decode(s, len, out, len / 2 + 1, &n, err, sizeof err) != 0)
		return luaL_error(L, "dlt.hex.decode: %s", err);
	luaL_pushresultsize(&b, n);
	return 1;
}

/* ---------- hashes ---------- */

#define HASH_FN(name, fn, outlen) \
	static int name(lua_State *L) \
	{ \
		size_t n; \
		uint8_t out[outlen]; \
		const char *s = luaL_checklstring(L, 1, &n); \
		fn(s, n, out); \
		lua_pushlstring(L, (const char *)out, outlen); \
		return 1; \
	}

HASH_FN(l_keccak256, dlt_keccak256, 32)
HASH_FN(l_sha256, dlt_sha256, 32)
HASH_FN(l_sha256d, dlt_sha256d, 32)
HASH_FN(l_ripemd160, dlt_ripemd160, 20)
HASH_FN(l_hash160, dlt_hash160, 20)

/* ---------- dlt.rlp ---------- */

static void rlp_encode_value(lua_State *L, int idx, struct dlt_buf *b, int depth)
{
	idx = lua_absindex(L, idx);
	luaL_checkstack(L, 4, "dlt.rlp.encode: lists nested too deep");
	switch (lua_type(L, idx)) {
	case LUA_TSTRING: {
		size_t n;
		const char *s = lua_tolstring(L, idx, &n);
		dlt_rlp_encode_bytes(b, (const uint8_t *)s, n);
		return;
	}
	case LUA_TNUMBER:
	case LUA_TUSERDATA: {
		dlt_u256 v;
		dlt_lua_u256_check(L, idx, "dlt.rlp.encode", &v);
		dlt_rlp_encode_u256(b, &v);
		return;
	}
	case LUA_TTABLE: {
		/* the decoder's limit (list depths 0 .. DLT_RLP_MAX_DEPTH-1), so that every item
		 * dlt.rlp.decode returns encodes again */
		if (depth >= DLT_RLP_MAX_DEPTH)
			luaL_error(L, "dlt.rlp.encode: lists nested more than %d deep (or a cycle)",
				   DLT_RLP_MAX_DEPTH);
		lua_Integer n = (lua_Integer)lua_rawlen(L, idx), count = 0;
		/* only 1..n keys: anything else is not a list */
		lua_pushnil(L);
		while (lua_next(L, idx)) {
			lua_pop(L, 1);
			if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 ||
			    lua_tointeger(L, -1) > n) {
				lua_pop(L, 1);
				luaL_error(
					L,
					"dlt.rlp.encode: a list must be a sequence (a table with keys 1..n)");
			}
			count++;
		}
		if (count != n)
			luaL_error(L, "dlt.rlp.encode: a list must not have holes");
		size_t mark = dlt_rlp_list_begin(b);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_rawgeti(L, idx, i);
			rlp_encode_value(L, -1, b, depth + 1);
			lua_pop(L, 1);
		}
		dlt_rlp_list_end(b, mark);
		return;
	}
	default:
		luaL_error(
			L,
			"dlt.rlp.encode: cannot encode a %s (strings, integers, u256 and lists only)",
			luaL_typename(L, idx));
	}
}

/* the buffer lives in a userdata with a __gc, so a Lua error inside encoding cannot leak it */
static int buf_gc(lua_State *L)
{
	dlt_buf_free(lua_touserdata(L, 1));
	return 0;
}

struct dlt_buf *dlt_lua_new_buf(lua_State *L)
{
	struct dlt_buf *b = lua_newuserdatauv(L, sizeof *b, 0);
	memset(b, 0, sizeof *b);
	if (luaL_newmetatable(L, "dlt.crypto.buf")) {
		lua_pushcfunction(L, buf_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	return b;
}

static int l_rlp_encode(lua_State *L)
{
	luaL_checkany(L, 1);
	struct dlt_buf *b = dlt_lua_new_buf(L);
	rlp_encode_value(L, 1, b, 0);
	lua_pushlstring(L, b->data ? (const char *)b->data : "", b->len);
	dlt_buf_free(b);
	return 1;
}

static void rlp_push_item(lua_State *L, const struct dlt_rlp_item *it)
{
	luaL_checkstack(L, 4, "dlt.rlp.decode: nesting too deep");
	if (!it->is_list) {
		lua_pushlstring(L, (const char *)it->data, it->len);
		return;
	}
	lua_createtable(L, (int)it->count, 0);
	for (size_t i = 0; i < it->count; i++) {
		rlp_push_item(L, &it->items[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	mark_array(L);
}

/* the decoded tree is freed by __gc even when pushing it raises (out of memory) */
static int item_gc(lua_State *L)
{
	struct dlt_rlp_item **p = lua_touserdata(L, 1);
	dlt_rlp_free(*p);
	*p = NULL;
	return 0;
}

static int l_rlp_decode(lua_State *L)
{
	char err[ERRLEN];
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	struct dlt_rlp_item **holder = lua_newuserdatauv(L, sizeof *holder, 0);
	*holder = NULL;
	if (luaL_newmetatable(L, "dlt.crypto.rlpitem")) {
		lua_pushcfunction(L, item_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	if (dlt_rlp_decode((const uint8_t *)s, n, holder, err, sizeof err) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, err);
		return 2;
	}
	rlp_push_item(L, *holder);
	dlt_rlp_free(*holder);
	*holder = NULL;
	return 1;
}

/* ---------- dlt.secp256k1 ---------- */

static int l_secp_pubkey(lua_State *L)
{
	uint8_t priv[32], pub[65];
	size_t pl;
	char err[ERRLEN];
	check32(L, 1, "dlt.secp256k1.pubkey: private key", priv);
	int compressed = lua_toboolean(L, 2);
	if (dlt_secp256k1_pubkey(priv, compressed, pub, &pl, err, sizeof err) != 0)
		return luaL_error(L, "dlt.secp256k1.pubkey: %s", err);
	lua_pushlstring(L, (const char *)pub, pl);
	return 1;
}

static int l_secp_sign(lua_State *L)
{
	uint8_t hash[32], priv[32], r[32], s[32];
	int recid;
	char err[ERRLEN];
	check32(L, 1, "dlt.secp256k1.sign: hash", hash);
	check32(L, 2, "dlt.secp256k1.sign: private key", priv);
	if (dlt_secp256k1_sign(hash, priv, r, s, &recid, err, sizeof err) != 0)
		return luaL_error(L, "dlt.secp256k1.sign: %s", err);
	lua_createtable(L, 0, 3);
	lua_pushlstring(L, (const char *)r, 32);
	lua_setfield(L, -2, "r");
	lua_pushlstring(L, (const char *)s, 32);
	lua_setfield(L, -2, "s");
	lua_pushinteger(L, recid);
	lua_setfield(L, -2, "recid");
	return 1;
}

static int l_secp_recover(lua_State *L)
{
	uint8_t hash[32], r[32], s[32], pub[65];
	char err[ERRLEN];
	check32(L, 1, "dlt.secp256k1.recover: hash", hash);
	check32(L, 2, "dlt.secp256k1.recover: r", r);
	check32(L, 3, "dlt.secp256k1.recover: s", s);
	lua_Integer recid = luaL_checkinteger(L, 4);
	if (recid < 0 || recid > 3) {
		lua_pushnil(L);
		lua_pushfstring(L, "recovery id must be 0..3, got %I", (LUAI_UACINT)recid);
		return 2;
	}
	if (dlt_secp256k1_recover(hash, r, s, (int)recid, pub, err, sizeof err) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, err);
		return 2;
	}
	lua_pushlstring(L, (const char *)pub, 65);
	return 1;
}

static int l_secp_verify(lua_State *L)
{
	uint8_t hash[32], r[32], s[32];
	char err[ERRLEN];
	size_t pl;
	check32(L, 1, "dlt.secp256k1.verify: hash", hash);
	check32(L, 2, "dlt.secp256k1.verify: r", r);
	check32(L, 3, "dlt.secp256k1.verify: s", s);
	const char *pub = luaL_checklstring(L, 4, &pl);
	int rc = dlt_secp256k1_verify(hash, r, s, (const uint8_t *)pub, pl, err, sizeof err);
	lua_pushboolean(L, rc == 1);
	if (rc < 0) {
		lua_pushstring(L, err);
		return 2;
	}
	return 1;
}

static int l_secp_sign_der(lua_State *L)
{
	uint8_t hash[32], priv[32], der[DLT_DER_SIG_MAX];
	size_t dl;
	char err[ERRLEN];
	check32(L, 1, "dlt.secp256k1.sign_der: hash", hash);
	check32(L, 2, "dlt.secp256k1.sign_der: private key", priv);
	if (dlt_secp256k1_sign_der(hash, priv, der, &dl, err, sizeof err) != 0)
		return luaL_error(L, "dlt.secp256k1.sign_der: %s", err);
	lua_pushlstring(L, (const char *)der, dl);
	return 1;
}

/* dlt.secp256k1.xonly_pubkey(priv) -> 32-byte x-only key, parity of Y (0 even, 1 odd) */
static int l_secp_xonly_pubkey(lua_State *L)
{
	uint8_t priv[32], x[32];
	int parity;
	char err[ERRLEN];
	check32(L, 1, "dlt.secp256k1.xonly_pubkey: private key", priv);
	if (dlt_schnorr_xonly_pubkey(priv, x, &parity, err, sizeof err) != 0)
		return luaL_error(L, "dlt.secp256k1.xonly_pubkey: %s", err);
	lua_pushlstring(L, (const char *)x, 32);
	lua_pushinteger(L, parity);
	return 2;
}

/* an argument of exactly n raw bytes */
static const uint8_t *check_raw(lua_State *L, int idx, const char *what, size_t n)
{
	size_t len;
	const char *s = luaL_checklstring(L, idx, &len);
	if (len != n)
		luaL_error(L, "%s: expected %d raw bytes, got %d", what, (int)n, (int)len);
	return (const uint8_t *)s;
}

/* dlt.secp256k1.schnorr_sign(msg, priv [, aux32]) -> 64-byte BIP-340 signature */
static int l_secp_schnorr_sign(lua_State *L)
{
	uint8_t priv[32], sig[64];
	size_t mlen;
	char err[ERRLEN];
	const char *msg = luaL_checklstring(L, 1, &mlen);
	check32(L, 2, "dlt.secp256k1.schnorr_sign: private key", priv);
	const uint8_t *aux = lua_isnoneornil(L, 3)
				     ? NULL
				     : check_raw(L, 3, "dlt.secp256k1.schnorr_sign: aux_rand", 32);
	if (dlt_schnorr_sign((const uint8_t *)msg, mlen, priv, aux, sig, err, sizeof err) != 0)
		return luaL_error(L, "dlt.secp256k1.schnorr_sign: %s", err);
	lua_pushlstring(L, (const char *)sig, 64);
	return 1;
}

/* dlt.secp256k1.schnorr_verify(msg, sig64, xonly32) -> true | false [, reason] */
static int l_secp_schnorr_verify(lua_State *L)
{
	size_t mlen;
	char err[ERRLEN] = "";
	const char *msg = luaL_checklstring(L, 1, &mlen);
	const uint8_t *sig = check_raw(L, 2, "dlt.secp256k1.schnorr_verify: signature", 64);
	const uint8_t *pub = check_raw(L, 3, "dlt.secp256k1.schnorr_verify: x-only public key", 32);
	int ok = dlt_schnorr_verify((const uint8_t *)msg, mlen, sig, pub, err, sizeof err);
	lua_pushboolean(L, ok == 1);
	if (!ok && err[0]) {
		lua_pushstring(L, err);
		return 2;
	}
	return 1;
}

/* ---------- dlt.eth ---------- */

/* raw bytes of a key or address argument given raw or as 0x hex */
static const uint8_t *raw_or_hex(lua_State *L, int idx, const char *what, uint8_t *buf, size_t cap,
				 size_t *len)
{
	char err[ERRLEN];
	size_t n;
	const char *s = luaL_checklstring(L, idx, &n);
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && n != 32 && n != 33 &&
	    n != 64 && n != 65 && n != 20) {
		if (dlt_hex_decode(s, n, buf, cap, len, err, sizeof err) != 0)
			luaL_error(L, "%s: %s", what, err);
		return buf;
	}
	*len = n;
	return (const uint8_t *)s;
}

static int l_eth_address(lua_State *L)
{
	uint8_t buf[65], addr[20];
	size_t n;
	char err[ERRLEN];
	const uint8_t *p = raw_or_hex(L, 1, "dlt.eth.address", buf, sizeof buf, &n);
	int rc;
	if (n == 32)
		rc = dlt_eth_address_from_privkey(p, addr, err, sizeof err);
	else if (n == 33 || n == 64 || n == 65)
		rc = dlt_eth_address_from_pubkey(p, n, addr, err, sizeof err);
	else
		return luaL_error(
			L,
			"dlt.eth.address: expected a 32-byte private key or a 33-, 64- or "
			"65-byte public key, got %d bytes",
			(int)n);
	if (rc != 0)
		return luaL_error(L, "dlt.eth.address: %s", err);
	push_address(L, addr);
	return 1;
}

static void check_address(lua_State *L, int idx, const char *what, uint8_t out[20])
{
	char err[ERRLEN];
	size_t n;
	const char *s = luaL_checklstring(L, idx, &n);
	if (n == 20) {
		memcpy(out, s, 20);
		return;
	}
	if (memchr(s, 0, n))
		luaL_error(L,
			   "%s: expected 20 raw bytes or a 0x hex address, got %d bytes with a "
			   "zero byte",
			   what, (int)n);
	if (dlt_eth_parse_address(s, out, err, sizeof err) != 0)
		luaL_error(L, "%s: %s", what, err);
}

static int l_eth_checksum(lua_State *L)
{
	uint8_t a[20];
	char s[DLT_ETH_ADDRESS_STR];
	check_address(L, 1, "dlt.eth.checksum", a);
	dlt_eth_checksum(a, s);
	lua_pushstring(L, s);
	return 1;
}

static int l_eth_create_address(lua_State *L)
{
	uint8_t sender[20], addr[20];
	dlt_u256 nonce;
	check_address(L, 1, "dlt.eth.create_address: sender", sender);
	luaL_checkany(L, 2);
	dlt_lua_u256_check(L, 2, "dlt.eth.create_address: nonce", &nonce);
	dlt_eth_create_address(sender, &nonce, addr, NULL);
	push_address(L, addr);
	return 1;
}

/* dlt.eth.create2_address(sender, salt32, init_code_hex) -> lowercase address (EIP-1014) */
static int l_eth_create2_address(lua_State *L)
{
	uint8_t sender[20], salt[32], addr[20];
	size_t n;
	check_address(L, 1, "dlt.eth.create2_address: sender", sender);
	check32(L, 2, "dlt.eth.create2_address: salt", salt);
	uint8_t *code = check_hexdata(L, 3, "dlt.eth.create2_address: init_code", &n);
	dlt_eth_create2_address(sender, salt, code, n, addr);
	free(code);
	push_address(L, addr);
	return 1;
}

struct tx_field {
	const char *name;
	int required;
	dlt_u256 *num; /* numeric fields */
};

/* the allocations of one signing call, released by __gc whatever happens */
struct sign_scratch {
	uint8_t *data;
	struct dlt_eth_access *acl;
	uint8_t (*keys)[32];
	struct dlt_eth_signed sig;
};

static int scratch_gc(lua_State *L)
{
	struct sign_scratch *s = lua_touserdata(L, 1);
	free(s->data);
	free(s->acl);
	free(s->keys);
	dlt_eth_signed_free(&s->sig);
	memset(s, 0, sizeof *s);
	return 0;
}

static void read_access_list(lua_State *L, int idx, const char *fn, struct dlt_eth_tx *tx,
			     struct sign_scratch *sc)
{
	idx = lua_absindex(L, idx);
	luaL_checktype(L, idx, LUA_TTABLE);
	size_t n = lua_rawlen(L, idx), total = 0;
	for (size_t i = 1; i <= n; i++) {
		lua_rawgeti(L, idx, (lua_Integer)i);
		if (!lua_istable(L, -1))
			luaL_error(L,
				   "%s: access_list[%d] must be a table {address=, storage_keys=}",
				   fn, (int)i);
		lua_getfield(L, -1, "storage_keys");
		if (!lua_isnil(L, -1) && !lua_istable(L, -1))
			luaL_error(
				L,
				"%s: access_list[%d].storage_keys must be a list of 32-byte keys",
				fn, (int)i);
		if (!lua_isnil(L, -1))
			total += lua_rawlen(L, -1);
		lua_pop(L, 2);
	}
	sc->acl = calloc(n ? n : 1, sizeof *sc->acl);
	sc->keys = calloc(total ? total : 1, sizeof *sc->keys);
	if (!sc->acl || !sc->keys)
		luaL_error(L, "%s: out of memory", fn);
	size_t k = 0;
	char what[80];
	for (size_t i = 1; i <= n; i++) {
		lua_rawgeti(L, idx, (lua_Integer)i);
		lua_getfield(L, -1, "address");
		snprintf(what, sizeof what, "%s: access_list[%d].address", fn, (int)i);
		check_address(L, -1, what, sc->acl[i - 1].address);
		lua_pop(L, 1);
		lua_getfield(L, -1, "storage_keys");
		sc->acl[i - 1].keys = (const uint8_t(*)[32]) & sc->keys[k];
		if (!lua_isnil(L, -1)) {
			size_t m = lua_rawlen(L, -1);
			for (size_t j = 1; j <= m; j++) {
				lua_rawgeti(L, -1, (lua_Integer)j);
				snprintf(what, sizeof what, "%s: access_list[%d].storage_keys[%d]",
					 fn, (int)i, (int)j);
				check32(L, -1, what, sc->keys[k++]);
				lua_pop(L, 1);
			}
			sc->acl[i - 1].nkeys = m;
		}
		lua_pop(L, 2);
	}
	tx->access_list = sc->acl;
	tx->access_count = n;
}

static int sign_common(lua_State *L, enum dlt_eth_tx_type type)
{
	const char *fn = type == DLT_ETH_TX_1559 ? "dlt.eth.sign_1559" : "dlt.eth.sign_legacy";
	struct dlt_eth_tx tx;
	uint8_t key[32];
	char err[ERRLEN], what[80];
	memset(&tx, 0, sizeof tx);
	tx.type = type;
	luaL_checktype(L, 1, LUA_TTABLE);
	struct sign_scratch *sc = lua_newuserdatauv(L, sizeof *sc, 0);
	memset(sc, 0, sizeof *sc);
	if (luaL_newmetatable(L, "dlt.crypto.signscratch")) {
		lua_pushcfunction(L, scratch_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);

	const struct tx_field legacy[] = {
		{ "nonce", 0, &tx.nonce },
		{ "gas_price", 1, &tx.gas_price },
		{ "gas", 1, &tx.gas },
		{ "value", 0, &tx.value },
		{ "chain_id", 1, &tx.chain_id },
		{ "to", 0, NULL },
		{ "data", 0, NULL },
		{ "key", 1, NULL },
		{ NULL, 0, NULL },
	};
	const struct tx_field dyn[] = {
		{ "chain_id", 1, &tx.chain_id },
		{ "nonce", 0, &tx.nonce },
		{ "max_priority_fee", 1, &tx.max_priority_fee },
		{ "max_fee", 1, &tx.max_fee },
		{ "gas", 1, &tx.gas },
		{ "value", 0, &tx.value },
		{ "to", 0, NULL },
		{ "data", 0, NULL },
		{ "access_list", 0, NULL },
		{ "key", 1, NULL },
		{ NULL, 0, NULL },
	};
	const struct tx_field *fields = type == DLT_ETH_TX_1559 ? dyn : legacy;

	/* refuse unknown fields: a misspelt gasPrice must not silently become 0 */
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		int known = 0;
		const char *name = dlt_lua_totext(L, -1);
		for (const struct tx_field *f = fields; name && f->name; f++)
			if (strcmp(f->name, name) == 0)
				known = 1;
		if (!known) {
			luaL_Buffer b;
			luaL_buffinit(L, &b);
			for (const struct tx_field *f = fields; f->name; f++) {
				luaL_addstring(&b, f->name);
				if (f[1].name)
					luaL_addstring(&b, ", ");
			}
			luaL_pushresult(&b);
			return luaL_error(L, "%s: unknown field %s (fields: %s)", fn,
					  luaL_tolstring(L, -2, NULL), lua_tostring(L, -1));
		}
	}
	for (const struct tx_field *f = fields; f->name; f++) {
		lua_getfield(L, 1, f->name);
		if (lua_isnil(L, -1)) {
			if (f->required)
				return luaL_error(L, "%s: field %s is required", fn, f->name);
		} else if (f->num) {
			snprintf(what, sizeof what, "%s: %s", fn, f->name);
			dlt_lua_u256_check(L, -1, what, f->num);
		} else if (strcmp(f->name, "to") == 0) {
			snprintf(what, sizeof what, "%s: to", fn);
			check_address(L, -1, what, tx.to);
			tx.has_to = 1;
		} else if (strcmp(f->name, "data") == 0) {
			snprintf(what, sizeof what, "%s: data", fn);
			sc->data = check_hexdata(L, -1, what, &tx.data_len);
			tx.data = sc->data;
		} else if (strcmp(f->name, "key") == 0) {
			snprintf(what, sizeof what, "%s: key", fn);
			check32(L, -1, what, key);
		} else if (strcmp(f->name, "access_list") == 0) {
			read_access_list(L, -1, fn, &tx, sc);
		}
		lua_pop(L, 1);
	}
	if (dlt_eth_sign(&tx, key, &sc->sig, err, sizeof err) != 0)
		return luaL_error(L, "%s: %s", fn, err);
	lua_createtable(L, 0, 7);
	push_hex(L, sc->sig.raw, sc->sig.raw_len);
	lua_setfield(L, -2, "raw");
	push_hex(L, sc->sig.hash, 32);
	lua_setfield(L, -2, "hash");
	push_address(L, sc->sig.sender);
	lua_setfield(L, -2, "sender");
	push_hex(L, sc->sig.signing_hash, 32);
	lua_setfield(L, -2, "signing_hash");
	push_hex(L, sc->sig.r, 32);
	lua_setfield(L, -2, "r");
	push_hex(L, sc->sig.s, 32);
	lua_setfield(L, -2, "s");
	uint64_t v;
	if (dlt_u256_to_u64(&sc->sig.v, &v) && v <= (uint64_t)LUA_MAXINTEGER)
		lua_pushinteger(L, (lua_Integer)v);
	else
		dlt_lua_u256_push(L, &sc->sig.v);
	lua_setfield(L, -2, "v");
	return 1;
}

static int l_eth_sign_legacy(lua_State *L)
{
	return sign_common(L, DLT_ETH_TX_LEGACY);
}

static int l_eth_sign_1559(lua_State *L)
{
	return sign_common(L, DLT_ETH_TX_1559);
}

/* ---------- dlt.bech32 ---------- */

static int l_bech32_encode(lua_State *L)
{
	char out[DLT_BECH32_STR], err[ERRLEN];
	size_t pl;
	const char *hrp = dlt_lua_checktext(L, 1, "dlt.bech32.encode: hrp");
	lua_Integer ver = luaL_checkinteger(L, 2);
	const char *prog = luaL_checklstring(L, 3, &pl);
	if (ver < 0 || ver > 16)
		return luaL_error(L, "dlt.bech32.encode: witness version %I out of range 0..16",
				  (LUAI_UACINT)ver);
	if (dlt_segwit_encode(out, hrp, (int)ver, (const uint8_t *)prog, pl, err, sizeof err) != 0)
		return luaL_error(L, "dlt.bech32.encode: %s", err);
	lua_pushstring(L, out);
	return 1;
}

static int l_bech32_decode(lua_State *L)
{
	char err[ERRLEN], hrp[84];
	uint8_t prog[DLT_SEGWIT_PROGRAM_MAX];
	size_t pl;
	int ver;
	const char *want = dlt_lua_opttext(L, 1, NULL, "dlt.bech32.decode: hrp");
	size_t alen;
	const char *addr = luaL_checklstring(L, 2, &alen);
	if (memchr(addr, 0, alen)) {
		lua_pushnil(L);
		lua_pushstring(L, "the address holds a zero byte");
		return 2;
	}
	if (dlt_segwit_decode(want, addr, &ver, prog, &pl, hrp, err, sizeof err) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, err);
		return 2;
	}
	lua_pushinteger(L, ver);
	lua_pushlstring(L, (const char *)prog, pl);
	lua_pushstring(L, hrp); /* lowercase, also when the caller gave the HRP */
	return 3;
}

static int l_bech32_decode_raw(lua_State *L)
{
	char err[ERRLEN], hrp[84];
	uint8_t data[90];
	size_t dl, sl;
	enum dlt_bech32_spec spec;
	const char *s = luaL_checklstring(L, 1, &sl);
	if (dlt_bech32_decode(s, sl, hrp, data, &dl, &spec, err, sizeof err) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, err);
		return 2;
	}
	lua_createtable(L, 0, 3);
	lua_pushstring(L, hrp);
	lua_setfield(L, -2, "hrp");
	lua_createtable(L, (int)dl, 0);
	for (size_t i = 0; i < dl; i++) {
		lua_pushinteger(L, data[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	mark_array(L);
	lua_setfield(L, -2, "data");
	lua_pushstring(L, spec == DLT_BECH32 ? "bech32" : "bech32m");
	lua_setfield(L, -2, "spec");
	return 1;
}

static int l_bech32_encode_raw(lua_State *L)
{
	char out[DLT_BECH32_STR], err[ERRLEN];
	uint8_t data[90];
	const char *hrp = dlt_lua_checktext(L, 1, "dlt.bech32.encode_raw: hrp");
	luaL_checktype(L, 2, LUA_TTABLE);
	const char *spec = dlt_lua_opttext(L, 3, "bech32", "dlt.bech32.encode_raw: spec");
	size_t n = lua_rawlen(L, 2);
	if (strcmp(spec, "bech32") != 0 && strcmp(spec, "bech32m") != 0)
		return luaL_error(L,
				  "dlt.bech32.encode_raw: spec must be \"bech32\" or \"bech32m\"");
	if (n > sizeof data)
		return luaL_error(L, "dlt.bech32.encode_raw: %d values, at most 90", (int)n);
	for (size_t i = 0; i < n; i++) {
		lua_rawgeti(L, 2, (lua_Integer)i + 1);
		lua_Integer v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
		lua_pop(L, 1);
		if (v < 0 || v > 31)
			return luaL_error(
				L, "dlt.bech32.encode_raw: data[%d] must be an integer 0..31",
				(int)i + 1);
		data[i] = (uint8_t)v;
	}
	if (dlt_bech32_encode(out, hrp, data, n,
			      strcmp(spec, "bech32m") == 0 ? DLT_BECH32M : DLT_BECH32, err,
			      sizeof err) != 0)
		return luaL_error(L, "dlt.bech32.encode_raw: %s", err);
	lua_pushstring(L, out);
	return 1;
}

/* ---------- registration ---------- */

static void set_lib(lua_State *L, const char *name, const luaL_Reg *fns)
{
	lua_newtable(L);
	luaL_setfuncs(L, fns, 0);
	lua_setfield(L, -2, name);
}

void dlt_lua_crypto_register(lua_State *L)
{
	static const luaL_Reg hex[] = { { "encode", l_hex_encode },
					{ "decode", l_hex_decode },
					{ NULL, NULL } };
	static const luaL_Reg rlp[] = { { "encode", l_rlp_encode },
					{ "decode", l_rlp_decode },
					{ NULL, NULL } };
	static const luaL_Reg secp[] = {
		{ "pubkey", l_secp_pubkey },
		{ "sign", l_secp_sign },
		{ "recover", l_secp_recover },
		{ "verify", l_secp_verify },
		{ "sign_der", l_secp_sign_der },
		{ "xonly_pubkey", l_secp_xonly_pubkey },
		{ "schnorr_sign", l_secp_schnorr_sign },
		{ "schnorr_verify", l_secp_schnorr_verify },
		{ NULL, NULL },
	};
	static const luaL_Reg eth[] = {
		{ "address", l_eth_address },
		{ "checksum", l_eth_checksum },
		{ "create_address", l_eth_create_address },
		{ "create2_address", l_eth_create2_address },
		{ "sign_legacy", l_eth_sign_legacy },
		{ "sign_1559", l_eth_sign_1559 },
		{ NULL, NULL },
	};
	static const luaL_Reg bech32[] = {
		{ "encode", l_bech32_encode },
		{ "decode", l_bech32_decode },
		{ "decode_raw", l_bech32_decode_raw },
		{ "encode_raw", l_bech32_encode_raw },
		{ NULL, NULL },
	};
	static const luaL_Reg top[] = {
		{ "u256", u_new },        { "keccak256", l_keccak256 }, { "sha256", l_sha256 },
		{ "sha256d", l_sha256d }, { "ripemd160", l_ripemd160 }, { "hash160", l_hash160 },
		{ NULL, NULL },
	};
	int top_before = lua_gettop(L);
	dlt_crypto_init();
	luaL_checkstack(L, 8, "dlt_lua_crypto_register");
	register_u256(L);
	luaL_setfuncs(L, top, 0);
	set_lib(L, "hex", hex);
	set_lib(L, "rlp", rlp);
	set_lib(L, "secp256k1", secp);
	set_lib(L, "eth", eth);
	set_lib(L, "bech32", bech32);
	dlt_lua_eth_tx_register(L);
	dlt_lua_btc_register(L);
	lua_settop(L, top_before);
}

/* ---------- helpers for the other binding files (lua_crypto.h) ---------- */

void dlt_lua_check32(lua_State *L, int idx, const char *what, uint8_t out[32])
{
	check32(L, idx, what, out);
}

void dlt_lua_push_hex(lua_State *L, const uint8_t *p, size_t n)
{
	push_hex(L, p, n);
}

void dlt_lua_push_address(lua_State *L, const uint8_t a[20])
{
	push_address(L, a);
}

void dlt_lua_mark_array(lua_State *L)
{
	mark_array(L);
}
