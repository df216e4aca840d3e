/*
 * lua_eth_tx.c: dlt.eth.decode_tx, the scenario binding of crypto/eth_tx.h (docs/scenarios.md,
 * "The dlt library"). A signed raw transaction (0x hex, as eth_sendRawTransaction takes it)
 * decodes to a table named and written as eth_getTransactionByHash answers: type, chainId,
 * nonce, gasPrice or maxPriorityFeePerGas / maxFeePerGas, gas, to (dlt.null for a contract
 * creation), value, input, accessList, maxFeePerBlobGas, blobVersionedHashes, v, r, s, yParity,
 * hash and from (the recovered sender), quantities as 0x hex without leading zeros; plus
 * signingHash and, for a blob transaction in its network form, networkBlobs. Untrusted input:
 * a malformed transaction gives nil and the decoder's message.
 */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "common/hex.h"
#include "common/u256.h"
#include "crypto/eth_tx.h"
#include "runner/lua_crypto.h"
#include "runner/lua_json.h"

#define ERRLEN 256

/* the decoded transaction lives in a userdata with a __gc, so that a Lua error while the
 * table is built (out of memory) cannot leak it */
struct holder {
	uint8_t *raw;
	struct dlt_eth_decoded d;
	int decoded;
};

static int holder_gc(lua_State *L)
{
	struct holder *h = lua_touserdata(L, 1);
	if (h->decoded)
		dlt_eth_decoded_free(&h->d);
	free(h->raw);
	memset(h, 0, sizeof *h);
	return 0;
}

static void set_qty(lua_State *L, const char *name, const dlt_u256 *v)
{
	char hex[DLT_U256_HEX_MAX];
	dlt_u256_to_hex(v, hex);
	lua_pushstring(L, hex);
	lua_setfield(L, -2, name);
}

static void set_hex(lua_State *L, const char *name, const uint8_t *p, size_t n)
{
	dlt_lua_push_hex(L, p, n);
	lua_setfield(L, -2, name);
}

static void set_word_qty(lua_State *L, const char *name, const uint8_t w[32])
{
	dlt_u256 v;
	dlt_u256_from_bytes(&v, w, 32);
	set_qty(L, name, &v);
}

static void push_access_list(lua_State *L, const struct dlt_eth_decoded *d)
{
	lua_createtable(L, (int)d->access_count, 0);
	for (size_t i = 0; i < d->access_count; i++) {
		const struct dlt_eth_access *a = &d->access_list[i];
		lua_createtable(L, 0, 2);
		dlt_lua_push_address(L, a->address);
		lua_setfield(L, -2, "address");
		lua_createtable(L, (int)a->nkeys, 0);
		for (size_t k = 0; k < a->nkeys; k++) {
			dlt_lua_push_hex(L, a->keys[k], 32);
			lua_rawseti(L, -2, (lua_Integer)k + 1);
		}
		dlt_lua_mark_array(L);
		lua_setfield(L, -2, "storageKeys");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	dlt_lua_mark_array(L);
}

static void push_decoded(lua_State *L, const struct dlt_eth_decoded *d)
{
	dlt_u256 t;
	lua_createtable(L, 0, 20);
	dlt_u256_from_u64(&t, (uint64_t)d->type);
	set_qty(L, "type", &t);
	if (d->has_chain_id)
		set_qty(L, "chainId", &d->chain_id);
	set_qty(L, "nonce", &d->nonce);
	if (d->type <= 1) {
		set_qty(L, "gasPrice", &d->gas_price);
	} else {
		set_qty(L, "maxPriorityFeePerGas", &d->max_priority_fee);
		set_qty(L, "maxFeePerGas", &d->max_fee);
	}
	set_qty(L, "gas", &d->gas);
	if (d->has_to) {
		dlt_lua_push_address(L, d->to);
	} else {
		lua_pushlightuserdata(L, DLT_LUA_NULL); /* dlt.null: JSON null */
	}
	lua_setfield(L, -2, "to");
	set_qty(L, "value", &d->value);
	set_hex(L, "input", d->data, d->data_len);
	if (d->type >= 1) {
		push_access_list(L, d);
		lua_setfield(L, -2, "accessList");
	}
	if (d->type == 3) {
		set_qty(L, "maxFeePerBlobGas", &d->max_fee_per_blob_gas);
		lua_createtable(L, (int)d->blob_hash_count, 0);
		for (size_t i = 0; i < d->blob_hash_count; i++) {
			dlt_lua_push_hex(L, d->blob_hashes[i], 32);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		dlt_lua_mark_array(L);
		lua_setfield(L, -2, "blobVersionedHashes");
		if (d->network_form) {
			lua_pushinteger(L, (lua_Integer)d->blob_count);
			lua_setfield(L, -2, "networkBlobs");
		}
	}
	set_qty(L, "v", &d->v);
	set_word_qty(L, "r", d->r);
	set_word_qty(L, "s", d->s);
	if (d->type >= 1)
		set_qty(L, "yParity", &d->v);
	set_hex(L, "hash", d->hash, 32);
	set_hex(L, "signingHash", d->signing_hash, 32);
	if (d->sender_ok) {
		dlt_lua_push_address(L, d->sender);
		lua_setfield(L, -2, "from");
	} else {
		lua_pushstring(L, d->sender_err);
		lua_setfield(L, -2, "fromError");
	}
}

/* dlt.eth.decode_tx(raw_hex) -> table | nil, message */
static int l_decode_tx(lua_State *L)
{
	char err[ERRLEN];
	size_t len, n;
	const char *s = luaL_checklstring(L, 1, &len);
	struct holder *h = lua_newuserdatauv(L, sizeof *h, 0);
	memset(h, 0, sizeof *h);
	if (luaL_newmetatable(L, "dlt.crypto.ethtx")) {
		lua_pushcfunction(L, holder_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	if (len < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return luaL_error(
			L, "dlt.eth.decode_tx: expected the raw transaction as a 0x hex string");
	if (dlt_hex_decode_alloc(s, len, &h->raw, &n, err, sizeof err) != 0)
		return luaL_error(L, "dlt.eth.decode_tx: %s", err);
	if (dlt_eth_tx_decode(h->raw, n, &h->d, err, sizeof err) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, err);
		return 2;
	}
	h->decoded = 1;
	push_decoded(L, &h->d);
	return 1;
}

void dlt_lua_eth_tx_register(lua_State *L)
{
	if (lua_getfield(L, -1, "eth") == LUA_TTABLE) {
		lua_pushcfunction(L, l_decode_tx);
		lua_setfield(L, -2, "decode_tx");
	}
	lua_pop(L, 1);
}
