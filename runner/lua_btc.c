/*
 * lua_btc.c: dlt.btc, the scenario bindings of crypto/btc_tx.h, btc_sighash.h and the taproot
 * part of schnorr.h (docs/scenarios.md, "The dlt library"):
 *   tx_decode(raw) -> tx | nil, message         tx_encode(tx [, with_witness]) -> raw
 *   sighash_legacy(tx, index, script_code, hash_type) -> hash, preimage
 *   sighash_v0(tx, index, script_code, amount, hash_type) -> hash, preimage   (BIP-143)
 *   sighash_taproot(tx, index, spent_outputs, hash_type [, opts]) -> hash, preimage (BIP-341)
 *   taproot_output_key(internal [, merkle_root]) -> output_key, parity, tweak
 *   taproot_tweak_seckey(priv [, merkle_root]) -> tweaked private key
 *   tapleaf_hash(script [, leaf_version]) -> hash;  tapbranch_hash(a, b) -> hash
 * Bytes are raw Lua strings (scripts, witness items, transactions, hashes), except
 * transaction ids, which are 64 hex digits in RPC display order as Bitcoin Core writes them
 * (txid, wtxid, vin[].txid). Input indexes are 0-based, as in the BIPs and in outpoints.
 * A transaction argument is raw bytes or a table in tx_decode's form.
 */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "common/u256.h"
#include "crypto/btc_sighash.h"
#include "crypto/btc_tx.h"
#include "crypto/schnorr.h"
#include "runner/lua_crypto.h"

#define ERRLEN 256

/* ---------- a transaction argument, freed by __gc whatever happens ---------- */

struct txbox {
	struct dlt_btc_tx tx;
	struct dlt_btc_txout *spent;
};

static int txbox_gc(lua_State *L)
{
	struct txbox *b = lua_touserdata(L, 1);
	dlt_btc_tx_free(&b->tx);
	free(b->spent);
	b->spent = NULL;
	return 0;
}

static struct txbox *new_box(lua_State *L)
{
	struct txbox *b = lua_newuserdatauv(L, sizeof *b, 0);
	memset(b, 0, sizeof *b);
	if (luaL_newmetatable(L, "dlt.crypto.btctx")) {
		lua_pushcfunction(L, txbox_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	return b;
}

static uint64_t field_uint(lua_State *L, int t, const char *name, uint64_t def, uint64_t max,
			   const char *what)
{
	uint64_t v = def;
	char w[160];
	if (lua_getfield(L, t, name) != LUA_TNIL) {
		dlt_u256 u;
		snprintf(w, sizeof w, "%s.%s", what, name);
		dlt_lua_u256_check(L, -1, w, &u);
		if (!dlt_u256_to_u64(&u, &v) || v > max)
			luaL_error(L, "%s: %s above %llu", w,
				   lua_tostring(L, -1) ? lua_tostring(L, -1) : "the value is",
				   (unsigned long long)max);
	}
	lua_pop(L, 1);
	return v;
}

/* a byte-string field (default empty); the pointer stays valid while the table is on the stack */
static const uint8_t *field_bytes(lua_State *L, int t, const char *name, size_t *len,
				  const char *what)
{
	const uint8_t *p = (const uint8_t *)"";
	*len = 0;
	int ty = lua_getfield(L, t, name);
	if (ty == LUA_TSTRING)
		p = (const uint8_t *)lua_tolstring(L, -1, len);
	else if (ty != LUA_TNIL)
		luaL_error(L, "%s.%s: expected raw bytes (a string), got %s", what, name,
			   luaL_typename(L, -1));
	lua_pop(L, 1);
	return p;
}

static void check_keys(lua_State *L, int t, const char *const *known, const char *what)
{
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		int ok = 0;
		if (lua_type(L, -1) == LUA_TSTRING)
			for (const char *const *k = known; *k; k++)
				ok |= strcmp(*k, lua_tostring(L, -1)) == 0;
		if (!ok)
			luaL_error(L, "%s: unknown field %s", what, luaL_tolstring(L, -1, NULL));
	}
}

static void tx_from_table(lua_State *L, int t, struct dlt_btc_tx *tx, const char *fn)
{
	static const char *const top[] = { "version", "locktime", "vin",  "vout",
					   "txid",    "wtxid",    "size", "vsize",
					   "weight",  "segwit",   NULL };
	static const char *const in_keys[] = { "txid",     "vout",    "script_sig",
					       "sequence", "witness", NULL };
	static const char *const out_keys[] = { "value", "script_pubkey", NULL };
	char what[128], err[ERRLEN];
	t = lua_absindex(L, t);
	check_keys(L, t, top, fn);
	tx->version = (int32_t)(uint32_t)field_uint(L, t, "version", 2, 0xffffffffu, fn);
	tx->locktime = (uint32_t)field_uint(L, t, "locktime", 0, 0xffffffffu, fn);
	if (lua_getfield(L, t, "vin") != LUA_TTABLE)
		luaL_error(L, "%s: vin must be a list of inputs", fn);
	int vin = lua_gettop(L);
	if (lua_getfield(L, t, "vout") != LUA_TTABLE)
		luaL_error(L, "%s: vout must be a list of outputs", fn);
	int vout = lua_gettop(L);
	size_t nin = lua_rawlen(L, vin), nout = lua_rawlen(L, vout);
	tx->in = dlt_xcalloc(nin ? nin : 1, sizeof *tx->in);
	tx->out = dlt_xcalloc(nout ? nout : 1, sizeof *tx->out);
	for (size_t i = 0; i < nin; i++) {
		struct dlt_btc_txin *in = &tx->in[i];
		snprintf(what, sizeof what, "%s: vin[%zu]", fn, i + 1);
		if (lua_rawgeti(L, vin, (lua_Integer)i + 1) != LUA_TTABLE)
			luaL_error(L, "%s must be a table", what);
		int e = lua_gettop(L);
		check_keys(L, e, in_keys, what);
		tx->nin = i + 1; /* the witness arrays so far are freed on an error */
		if (lua_getfield(L, e, "txid") != LUA_TSTRING ||
		    dlt_btc_hash_parse(lua_tostring(L, -1), in->prev_hash, err, sizeof err) != 0)
			luaL_error(L, "%s.txid: 64 hex digits in display order expected%s%s", what,
				   lua_type(L, -1) == LUA_TSTRING ? ": " : "",
				   lua_type(L, -1) == LUA_TSTRING ? err : "");
		lua_pop(L, 1);
		in->prev_index = (uint32_t)field_uint(L, e, "vout", 0, 0xffffffffu, what);
		in->script_sig = field_bytes(L, e, "script_sig", &in->script_sig_len, what);
		in->sequence =
			(uint32_t)field_uint(L, e, "sequence", 0xffffffffu, 0xffffffffu, what);
		int wt = lua_getfield(L, e, "witness");
		if (wt == LUA_TTABLE) {
			size_t n = lua_rawlen(L, -1);
			in->witness = dlt_xcalloc(n ? n : 1, sizeof *in->witness);
			in->nwitness = n;
			for (size_t k = 0; k < n; k++) {
				if (lua_rawgeti(L, -1, (lua_Integer)k + 1) != LUA_TSTRING)
					luaL_error(L, "%s.witness[%zu]: expected raw bytes", what,
						   k + 1);
				in->witness[k].p =
					(const uint8_t *)lua_tolstring(L, -1, &in->witness[k].len);
				lua_pop(L, 1);
			}
		} else if (wt != LUA_TNIL) {
			luaL_error(L, "%s.witness: expected a list of byte strings", what);
		}
		lua_settop(L, e - 1);
	}
	for (size_t i = 0; i < nout; i++) {
		snprintf(what, sizeof what, "%s: vout[%zu]", fn, i + 1);
		if (lua_rawgeti(L, vout, (lua_Integer)i + 1) != LUA_TTABLE)
			luaL_error(L, "%s must be a table", what);
		int e = lua_gettop(L);
		check_keys(L, e, out_keys, what);
		tx->out[i].value = field_uint(L, e, "value", 0, UINT64_MAX, what);
		tx->out[i].script =
			field_bytes(L, e, "script_pubkey", &tx->out[i].script_len, what);
		tx->nout = i + 1;
		lua_settop(L, e - 1);
	}
	lua_settop(L, vin - 1);
}

/* the transaction at idx (raw bytes or a table) in a box pushed on the stack */
static struct txbox *check_tx(lua_State *L, int idx, const char *fn)
{
	char err[ERRLEN];
	idx = lua_absindex(L, idx);
	struct txbox *b = new_box(L);
	if (lua_type(L, idx) == LUA_TSTRING) {
		size_t n;
		const char *s = lua_tolstring(L, idx, &n);
		if (dlt_btc_tx_parse((const uint8_t *)s, n, &b->tx, err, sizeof err) != 0)
			luaL_error(L, "%s: the transaction does not parse: %s", fn, err);
	} else if (lua_type(L, idx) == LUA_TTABLE) {
		tx_from_table(L, idx, &b->tx, fn);
	} else {
		luaL_error(L, "%s: the transaction must be raw bytes or a table, got %s", fn,
			   luaL_typename(L, idx));
	}
	return b;
}

/* ---------- results ---------- */

static void push_hash_hex(lua_State *L, const uint8_t h[32])
{
	char hex[65];
	dlt_btc_hash_hex(h, hex);
	lua_pushstring(L, hex);
}

static void push_u64(lua_State *L, uint64_t v)
{
	if (v <= (uint64_t)LUA_MAXINTEGER) {
		lua_pushinteger(L, (lua_Integer)v);
	} else {
		dlt_u256 u;
		dlt_u256_from_u64(&u, v);
		dlt_lua_u256_push(L, &u);
	}
}

static void push_tx(lua_State *L, const struct dlt_btc_tx *tx)
{
	struct dlt_btc_tx_ids ids;
	dlt_btc_tx_ids(tx, &ids);
	lua_createtable(L, 0, 10);
	lua_pushinteger(L, tx->version);
	lua_setfield(L, -2, "version");
	lua_pushinteger(L, tx->locktime);
	lua_setfield(L, -2, "locktime");
	push_hash_hex(L, ids.txid);
	lua_setfield(L, -2, "txid");
	push_hash_hex(L, ids.wtxid);
	lua_setfield(L, -2, "wtxid");
	lua_pushinteger(L, (lua_Integer)ids.size);
	lua_setfield(L, -2, "size");
	lua_pushinteger(L, (lua_Integer)ids.vsize);
	lua_setfield(L, -2, "vsize");
	lua_pushinteger(L, (lua_Integer)ids.weight);
	lua_setfield(L, -2, "weight");
	lua_pushboolean(L, dlt_btc_tx_has_witness(tx));
	lua_setfield(L, -2, "segwit");
	lua_createtable(L, (int)tx->nin, 0);
	for (size_t i = 0; i < tx->nin; i++) {
		const struct dlt_btc_txin *in = &tx->in[i];
		lua_createtable(L, 0, 5);
		push_hash_hex(L, in->prev_hash);
		lua_setfield(L, -2, "txid");
		lua_pushinteger(L, in->prev_index);
		lua_setfield(L, -2, "vout");
		lua_pushlstring(L, (const char *)in->script_sig, in->script_sig_len);
		lua_setfield(L, -2, "script_sig");
		lua_pushinteger(L, in->sequence);
		lua_setfield(L, -2, "sequence");
		lua_createtable(L, (int)in->nwitness, 0);
		for (size_t k = 0; k < in->nwitness; k++) {
			lua_pushlstring(L, (const char *)in->witness[k].p, in->witness[k].len);
			lua_rawseti(L, -2, (lua_Integer)k + 1);
		}
		dlt_lua_mark_array(L);
		lua_setfield(L, -2, "witness");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	dlt_lua_mark_array(L);
	lua_setfield(L, -2, "vin");
	lua_createtable(L, (int)tx->nout, 0);
	for (size_t i = 0; i < tx->nout; i++) {
		lua_createtable(L, 0, 2);
		push_u64(L, tx->out[i].value);
		lua_setfield(L, -2, "value");
		lua_pushlstring(L, (const char *)tx->out[i].script, tx->out[i].script_len);
		lua_setfield(L, -2, "script_pubkey");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	dlt_lua_mark_array(L);
	lua_setfield(L, -2, "vout");
}

/* ---------- functions ---------- */

static int l_tx_decode(lua_State *L)
{
	char err[ERRLEN];
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	struct txbox *b = new_box(L);
	if (dlt_btc_tx_parse((const uint8_t *)s, n, &b->tx, err, sizeof err) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, err);
		return 2;
	}
	push_tx(L, &b->tx);
	return 1;
}

static void push_buf(lua_State *L, struct dlt_buf *b)
{
	lua_pushlstring(L, b->data ? (const char *)b->data : "", b->len);
	dlt_buf_free(b);
}

static int l_tx_encode(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	int with_witness = lua_isnoneornil(L, 2) ? 1 : lua_toboolean(L, 2);
	struct txbox *b = check_tx(L, 1, "dlt.btc.tx_encode");
	struct dlt_buf *out = dlt_lua_new_buf(L);
	dlt_btc_tx_serialize(&b->tx, with_witness, out);
	push_buf(L, out);
	return 1;
}

static size_t check_index(lua_State *L, int idx, const char *fn)
{
	lua_Integer i = luaL_checkinteger(L, idx);
	if (i < 0)
		luaL_error(L, "%s: input index %I is negative (indexes count from 0)", fn,
			   (LUAI_UACINT)i);
	return (size_t)i;
}

static uint32_t check_hash_type(lua_State *L, int idx)
{
	lua_Integer h = luaL_checkinteger(L, idx);
	if (h < INT32_MIN || h > (lua_Integer)UINT32_MAX)
		luaL_error(L, "hash type %I is not a 32-bit value", (LUAI_UACINT)h);
	return (uint32_t)h;
}

static int l_sighash_legacy(lua_State *L)
{
	const char *fn = "dlt.btc.sighash_legacy";
	size_t sl;
	uint8_t h[32];
	struct txbox *b = check_tx(L, 1, fn);
	size_t index = check_index(L, 2, fn);
	const char *sc = luaL_checklstring(L, 3, &sl);
	uint32_t ht = check_hash_type(L, 4);
	struct dlt_buf *pre = dlt_lua_new_buf(L);
	dlt_btc_sighash_legacy(&b->tx, index, (const uint8_t *)sc, sl, ht, h, pre);
	lua_pushlstring(L, (const char *)h, 32);
	lua_insert(L, -2);
	push_buf(L, pre);
	lua_remove(L, -2);
	return 2;
}

static int l_sighash_v0(lua_State *L)
{
	const char *fn = "dlt.btc.sighash_v0";
	size_t sl;
	uint8_t h[32];
	char err[ERRLEN];
	dlt_u256 amount;
	uint64_t amt;
	struct txbox *b = check_tx(L, 1, fn);
	size_t index = check_index(L, 2, fn);
	const char *sc = luaL_checklstring(L, 3, &sl);
	luaL_checkany(L, 4);
	dlt_lua_u256_check(L, 4, "dlt.btc.sighash_v0: amount", &amount);
	if (!dlt_u256_to_u64(&amount, &amt))
		return luaL_error(L, "%s: amount above 2^64-1", fn);
	uint32_t ht = check_hash_type(L, 5);
	struct dlt_buf *pre = dlt_lua_new_buf(L);
	if (dlt_btc_sighash_v0(&b->tx, index, (const uint8_t *)sc, sl, amt, ht, h, pre, err,
			       sizeof err) != 0)
		return luaL_error(L, "%s: %s", fn, err);
	lua_pushlstring(L, (const char *)h, 32);
	lua_insert(L, -2);
	push_buf(L, pre);
	lua_remove(L, -2);
	return 2;
}

static int l_sighash_taproot(lua_State *L)
{
	const char *fn = "dlt.btc.sighash_taproot";
	uint8_t h[32], leaf[32];
	char err[ERRLEN], what[96];
	struct dlt_btc_taproot_spend sp;
	int has_opts = !lua_isnoneornil(L, 5); /* before check_tx pushes its box */
	memset(&sp, 0, sizeof sp);
	struct txbox *b = check_tx(L, 1, fn);
	size_t index = check_index(L, 2, fn);
	luaL_checktype(L, 3, LUA_TTABLE);
	uint32_t ht = check_hash_type(L, 4);
	size_t n = lua_rawlen(L, 3);
	b->spent = dlt_xcalloc(n ? n : 1, sizeof *b->spent);
	for (size_t i = 0; i < n; i++) {
		snprintf(what, sizeof what, "%s: spent_outputs[%zu]", fn, i + 1);
		if (lua_rawgeti(L, 3, (lua_Integer)i + 1) != LUA_TTABLE)
			return luaL_error(L, "%s must be a table {value=, script_pubkey=}", what);
		b->spent[i].value = field_uint(L, -1, "value", 0, UINT64_MAX, what);
		b->spent[i].script =
			field_bytes(L, -1, "script_pubkey", &b->spent[i].script_len, what);
		lua_pop(L, 1);
	}
	sp.spent = b->spent;
	sp.nspent = n;
	sp.codesep_pos = 0xffffffffu;
	if (has_opts) {
		static const char *const keys[] = { "leaf_hash", "codesep_pos", "annex", NULL };
		luaL_checktype(L, 5, LUA_TTABLE);
		check_keys(L, 5, keys, "dlt.btc.sighash_taproot: options");
		if (lua_getfield(L, 5, "leaf_hash") != LUA_TNIL) {
			dlt_lua_check32(L, -1, "dlt.btc.sighash_taproot: leaf_hash", leaf);
			sp.leaf_hash = leaf;
		}
		lua_pop(L, 1);
		sp.codesep_pos = (uint32_t)field_uint(L, 5, "codesep_pos", 0xffffffffu, 0xffffffffu,
						      "dlt.btc.sighash_taproot: options");
		if (lua_getfield(L, 5, "annex") == LUA_TSTRING)
			sp.annex = (const uint8_t *)lua_tolstring(L, -1, &sp.annex_len);
		else if (!lua_isnil(L, -1))
			return luaL_error(L, "%s: options.annex must be raw bytes", fn);
		/* the annex string stays referenced by the options table */
		lua_pop(L, 1);
	}
	struct dlt_buf *pre = dlt_lua_new_buf(L);
	if (dlt_btc_sighash_taproot(&b->tx, index, ht, &sp, h, pre, err, sizeof err) != 0)
		return luaL_error(L, "%s: %s", fn, err);
	lua_pushlstring(L, (const char *)h, 32);
	lua_insert(L, -2);
	push_buf(L, pre);
	lua_remove(L, -2);
	return 2;
}

/* an optional merkle root argument: nil (key path only) or 32 bytes */
static const uint8_t *opt_root(lua_State *L, int idx, const char *what, uint8_t buf[32])
{
	if (lua_isnoneornil(L, idx))
		return NULL;
	dlt_lua_check32(L, idx, what, buf);
	return buf;
}

static int l_taproot_output_key(lua_State *L)
{
	uint8_t internal[32], root[32], tweak[32], out[32];
	int parity;
	char err[ERRLEN];
	dlt_lua_check32(L, 1, "dlt.btc.taproot_output_key: internal key", internal);
	const uint8_t *mr = opt_root(L, 2, "dlt.btc.taproot_output_key: merkle root", root);
	if (dlt_taproot_output_key(internal, mr, tweak, out, &parity, err, sizeof err) != 0)
		return luaL_error(L, "dlt.btc.taproot_output_key: %s", err);
	lua_pushlstring(L, (const char *)out, 32);
	lua_pushinteger(L, parity);
	lua_pushlstring(L, (const char *)tweak, 32);
	return 3;
}

static int l_taproot_tweak_seckey(lua_State *L)
{
	uint8_t priv[32], root[32], out[32];
	char err[ERRLEN];
	dlt_lua_check32(L, 1, "dlt.btc.taproot_tweak_seckey: private key", priv);
	const uint8_t *mr = opt_root(L, 2, "dlt.btc.taproot_tweak_seckey: merkle root", root);
	if (dlt_taproot_tweak_seckey(priv, mr, out, err, sizeof err) != 0)
		return luaL_error(L, "dlt.btc.taproot_tweak_seckey: %s", err);
	lua_pushlstring(L, (const char *)out, 32);
	return 1;
}

static int l_tapleaf_hash(lua_State *L)
{
	size_t n;
	uint8_t h[32];
	const char *script = luaL_checklstring(L, 1, &n);
	lua_Integer v = luaL_optinteger(L, 2, DLT_TAPLEAF_VERSION);
	if (v < 0 || v > 0xfe || (v & 1))
		return luaL_error(L, "dlt.btc.tapleaf_hash: leaf version %I is not an even byte",
				  (LUAI_UACINT)v);
	dlt_tapleaf_hash((uint8_t)v, (const uint8_t *)script, n, h);
	lua_pushlstring(L, (const char *)h, 32);
	return 1;
}

static int l_tapbranch_hash(lua_State *L)
{
	uint8_t a[32], b[32], h[32];
	dlt_lua_check32(L, 1, "dlt.btc.tapbranch_hash: first hash", a);
	dlt_lua_check32(L, 2, "dlt.btc.tapbranch_hash: second hash", b);
	dlt_tapbranch_hash(a, b, h);
	lua_pushlstring(L, (const char *)h, 32);
	return 1;
}

void dlt_lua_btc_register(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "tx_decode", l_tx_decode },
		{ "tx_encode", l_tx_encode },
		{ "sighash_legacy", l_sighash_legacy },
		{ "sighash_v0", l_sighash_v0 },
		{ "sighash_taproot", l_sighash_taproot },
		{ "taproot_output_key", l_taproot_output_key },
		{ "taproot_tweak_seckey", l_taproot_tweak_seckey },
		{ "tapleaf_hash", l_tapleaf_hash },
		{ "tapbranch_hash", l_tapbranch_hash },
		{ NULL, NULL },
	};
	lua_newtable(L);
	luaL_setfuncs(L, fns, 0);
	lua_setfield(L, -2, "btc");
}
