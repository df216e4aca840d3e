/*
 * lua_crypto.h: the cryptographic part of the scenarios' `dlt` library (docs/scenarios.md,
 * "The dlt library"): dlt.u256, dlt.hex, the hash functions, dlt.rlp, dlt.secp256k1, dlt.eth
 * and dlt.bech32, all backed by runner/crypto. Errors in arguments raise Lua errors; decoders
 * of untrusted data (rlp.decode, bech32.decode, secp256k1.recover) return nil, message.
 * Also the u256 helpers the host needs for JSON encoding and deep equality.
 */
#ifndef DLT_LUA_CRYPTO_H
#define DLT_LUA_CRYPTO_H

#include <lua.h>
#include <stddef.h>
#include <stdint.h>

#include "common/u256.h"

/* Called with the dlt table on the top of the stack: creates the "dlt.u256" metatable and sets
 * dlt.u256, dlt.hex, dlt.keccak256, dlt.sha256, dlt.sha256d, dlt.ripemd160, dlt.hash160,
 * dlt.rlp, dlt.secp256k1, dlt.eth (with dlt.eth.decode_tx) and dlt.bech32 and dlt.btc.
 * Leaves the stack as it found it. */
void dlt_lua_crypto_register(lua_State *L);
/* Called by dlt_lua_crypto_register with the dlt table on the top (dlt.eth set): add
 * dlt.eth.decode_tx (lua_eth_tx.c) and the dlt.btc table (lua_btc.c). */
void dlt_lua_eth_tx_register(lua_State *L);
void dlt_lua_btc_register(lua_State *L);

/* Shared argument and result helpers of the binding files. */
/* A 32-byte value: 32 raw bytes, 0x + up to 64 hex digits (left-padded) or a u256. */
void dlt_lua_check32(lua_State *L, int idx, const char *what, uint8_t out[32]);
/* Push "0x" + lowercase hex of p. */
void dlt_lua_push_hex(lua_State *L, const uint8_t *p, size_t n);
/* Push "0x" + 40 lowercase hex digits. */
void dlt_lua_push_address(lua_State *L, const uint8_t a[20]);
/* Give the table on the top the host's JSON array metatable, when there is one. */
void dlt_lua_mark_array(lua_State *L);
/* Push a userdata holding an empty struct dlt_buf whose memory its __gc releases, and return
 * the buffer: a Lua error while it is filled cannot leak it. */
struct dlt_buf;
struct dlt_buf *dlt_lua_new_buf(lua_State *L);

/* 1 when the value at idx is a u256 userdata. */
int dlt_lua_is_u256(lua_State *L, int idx);
/* Quantity hex of the u256 at idx ("0x0" for zero); out is "" when idx is not a u256. */
void dlt_lua_u256_tohex(lua_State *L, int idx, char out[67]);
/* Push a u256 parsed from a decimal (or 0x hex) string; raises a Lua error on bad input. */
void dlt_lua_u256_push_decimal(lua_State *L, const char *decimal);
/* Push a u256 value. */
void dlt_lua_u256_push(lua_State *L, const dlt_u256 *v);
/* Read the value at idx as u256: a u256, an integer >= 0, or a decimal / 0x hex string.
 * Floats, negatives and values above 2^256-1 raise a Lua error naming `what`. */
void dlt_lua_u256_check(lua_State *L, int idx, const char *what, dlt_u256 *out);

#endif
