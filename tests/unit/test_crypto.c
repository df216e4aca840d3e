/*
 * test_crypto.c: edge cases of the crypto primitives (crypto/) that the vector files do not
 * cover: hex and u256 errors, RLP round trips and trailing bytes, Keccak block boundaries,
 * RIPEMD-160 and HMAC reference values, signature checks, BIP-32, Ethereum signing without
 * EIP-155 and with access lists, segwit encoding limits. Every vector file is recomputed by
 * test_crypto_vectors.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/jwt.h"
#include <sodium.h>
#include "tap.h"
#include "crypto_check.h"

static void test_hex(void)
{
	uint8_t out[8];
	size_t n;
	char err[ERRLEN], s[20];
	tap_ok(dlt_hex_decode("0xABcd", 6, out, sizeof out, &n, err, sizeof err) == 0 && n == 2 &&
		       out[0] == 0xab && out[1] == 0xcd,
	       "hex: mixed case with 0x");
	tap_ok(dlt_hex_decode("abc", 3, out, sizeof out, &n, err, sizeof err) != 0 &&
		       strstr(err, "odd"),
	       "hex: odd length refused (%s)", err);
	tap_ok(dlt_hex_decode("0xzz", 4, out, sizeof out, &n, err, sizeof err) != 0 &&
		       strstr(err, "'z'"),
	       "hex: bad digit named (%s)", err);
	tap_ok(dlt_hex_decode("0x", 2, out, sizeof out, &n, err, sizeof err) == 0 && n == 0,
	       "hex: 0x is empty");
	tap_ok(dlt_hex_decode("000000000000000000", 18, out, sizeof out, &n, err, sizeof err) != 0,
	       "hex: too long for the buffer refused");
	tap_ok(dlt_hex_decode(" 0x00", 5, out, sizeof out, &n, err, sizeof err) != 0,
	       "hex: leading space refused");
	dlt_hex_encode_0x(s, (const uint8_t *)"\x00\xff", 2);
	tap_ok(strcmp(s, "0x00ff") == 0, "hex: encode lowercase with 0x");
}

static void test_u256(void)
{
	dlt_u256 a, b, r, q, m, max;
	char err[ERRLEN], dec[DLT_U256_DEC_MAX], hex[DLT_U256_HEX_MAX];
	const char *maxdec =
		"115792089237316195423570985008687907853269984665640564039457584007913129639935";
	tap_ok(dlt_u256_from_dec(&max, maxdec, err, sizeof err) == 0, "u256: 2^256-1 parses");
	dlt_u256_to_hex(&max, hex);
	tap_ok(strcmp(hex, "0x"
			   "ffffffffffffffffffffffffffffffff"
			   "ffffffffffffffffffffffffffffffff") == 0,
	       "u256: 2^256-1 in hex");
	dlt_u256_to_dec(&max, dec);
	tap_ok(strcmp(dec, maxdec) == 0, "u256: 2^256-1 back to decimal");
	tap_ok(dlt_u256_from_dec(
		       &a,
		       "115792089237316195423570985008687907853269984665640564039457584007913129639936",
		       err, sizeof err) != 0 &&
		       strstr(err, "exceeds"),
	       "u256: 2^256 refused (%s)", err);
	tap_ok(dlt_u256_from_hex(&a,
				 "0x1"
				 "0000000000000000000000000000000000000000000000000000000000000000",
				 err, sizeof err) != 0,
	       "u256: 65 hex digits of value refused");
	tap_ok(dlt_u256_from_hex(
		       &a, "0x000000000000000000000000000000000000000000000000000000000000000001",
		       err, sizeof err) == 0,
	       "u256: leading zeros in hex accepted");
	tap_ok(dlt_u256_parse(&a, "-1", err, sizeof err) != 0, "u256: negative refused");
	tap_ok(dlt_u256_parse(&a, "1.5", err, sizeof err) != 0, "u256: fraction refused");
	tap_ok(dlt_u256_parse(&a, "", err, sizeof err) != 0, "u256: empty refused");
	tap_ok(dlt_u256_parse(&a, "0x", err, sizeof err) != 0, "u256: bare 0x refused");
	dlt_u256_from_u64(&a, 1);
	tap_ok(dlt_u256_add(&r, &max, &a) != 0, "u256: add overflow is an error");
	dlt_u256_zero(&b);
	tap_ok(dlt_u256_sub(&r, &b, &a) != 0, "u256: sub underflow is an error");
	dlt_u256_from_u64(&a, 2);
	tap_ok(dlt_u256_mul(&r, &max, &a) != 0, "u256: mul overflow is an error");
	tap_ok(dlt_u256_divmod(&q, &m, &max, &b) != 0, "u256: division by zero is an error");
	/* (2^256-1) / (2^255) = 1 rem 2^255-1: divisor above 2^255 exercises the top bit */
	dlt_u256_zero(&b);
	b.w[7] = 0x80000000u;
	tap_ok(dlt_u256_divmod(&q, &m, &max, &b) == 0 && q.w[0] == 1, "u256: divmod by 2^255");
	dlt_u256_to_hex(&m, hex);
	tap_ok(strcmp(hex, "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff") ==
		       0,
	       "u256: remainder 2^255-1 (%s)", hex);
	/* 10^30 / 7 and back */
	dlt_u256_from_dec(&a, "1000000000000000000000000000000", err, sizeof err);
	dlt_u256_from_u64(&b, 7);
	dlt_u256_divmod(&q, &m, &a, &b);
	dlt_u256_to_dec(&q, dec);
	tap_ok(strcmp(dec, "142857142857142857142857142857") == 0 && m.w[0] == 1,
	       "u256: 10^30 divmod 7 (%s)", dec);
	dlt_u256_mul(&r, &q, &b);
	dlt_u256_add(&r, &r, &m);
	tap_ok(dlt_u256_cmp(&r, &a) == 0, "u256: q*b + r == a");
	dlt_u256_zero(&a);
	dlt_u256_to_hex(&a, hex);
	dlt_u256_to_dec(&a, dec);
	uint8_t be[32];
	tap_ok(strcmp(hex, "0x0") == 0 && strcmp(dec, "0") == 0 && dlt_u256_to_bytes(&a, be) == 0,
	       "u256: zero is 0x0, \"0\" and no bytes");
	dlt_u256_from_u64(&a, 0x1234);
	tap_ok(dlt_u256_to_bytes(&a, be) == 2 && be[0] == 0x12 && be[1] == 0x34,
	       "u256: minimal big-endian bytes");
	uint8_t big[33] = { 0 };
	big[0] = 1;
	tap_ok(dlt_u256_from_bytes(&a, big, 33) != 0, "u256: 33 significant bytes refused");
	big[0] = 0;
	big[32] = 5;
	tap_ok(dlt_u256_from_bytes(&a, big, 33) == 0 && a.w[0] == 5,
	       "u256: leading zero byte accepted");
}

static void test_rlp_extra(void)
{
	char err[ERRLEN];
	struct dlt_rlp_item *it;
	const uint8_t trailing[] = { 0x01, 0x02 };
	tap_ok(dlt_rlp_decode(trailing, 2, &it, err, sizeof err) != 0 &&
		       strstr(err, "trailing bytes"),
	       "rlp: trailing bytes refused (%s)", err);
	const uint8_t list_trailing[] = { 0xc1, 0x01, 0x00 };
	tap_ok(dlt_rlp_decode(list_trailing, 3, &it, err, sizeof err) != 0 &&
		       strstr(err, "trailing bytes"),
	       "rlp: bytes after a list refused");
	const uint8_t inner_over[] = { 0xc2, 0x83, 0x61 };
	tap_ok(dlt_rlp_decode(inner_over, 3, &it, err, sizeof err) != 0 &&
		       strstr(err, "length exceeds input"),
	       "rlp: inner item past its list refused (%s)", err);
	const uint8_t short_long[] = { 0xb8 };
	tap_ok(dlt_rlp_decode(short_long, 1, &it, err, sizeof err) != 0,
	       "rlp: truncated header refused");
	tap_ok(dlt_rlp_decode(short_long, 0, &it, err, sizeof err) != 0,
	       "rlp: empty input refused");
	const uint8_t single80[] = { 0x81, 0x80 };
	tap_ok(dlt_rlp_decode(single80, 2, &it, err, sizeof err) == 0 && it->len == 1 &&
		       it->data[0] == 0x80,
	       "rlp: 0x81 0x80 is canonical");
	dlt_rlp_free(it);
	/* deep nesting is bounded, not a stack overflow */
	size_t depth = DLT_RLP_MAX_DEPTH + 10;
	struct dlt_buf b = DLT_BUF_INIT;
	size_t marks[DLT_RLP_MAX_DEPTH + 10];
	for (size_t i = 0; i < depth; i++)
		marks[i] = dlt_rlp_list_begin(&b);
	for (size_t i = depth; i > 0; i--)
		dlt_rlp_list_end(&b, marks[i - 1]);
	tap_ok(dlt_rlp_decode(b.data, b.len, &it, err, sizeof err) != 0 && strstr(err, "too deep"),
	       "rlp: nesting beyond %d refused", DLT_RLP_MAX_DEPTH);
	dlt_buf_free(&b);
	/* integers: 0 is the empty string, 2^64-1 is 8 bytes */
	dlt_rlp_encode_uint(&b, 0);
	dlt_rlp_encode_uint(&b, UINT64_MAX);
	tap_ok(b.len == 10 && b.data[0] == 0x80 && b.data[1] == 0x88, "rlp: uint 0 and 2^64-1");
	dlt_buf_free(&b);
}

/* HS256 JSON Web Tokens (crypto/jwt.h): RFC 7515 appendix A.1 (header and payload bytes as the
 * RFC gives them, CR LF included), and the engine API token's form. */
static void test_jwt(void)
{
	static const char k64[] =
		"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
	static const char header[] = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
	static const char payload[] =
		"{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
	static const char want[] =
		"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
		".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
		".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
	uint8_t key[64];
	size_t keylen = 0;
	int dec = sodium_base642bin(key, sizeof key, k64, strlen(k64), NULL, &keylen, NULL,
				    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *tok = dlt_jwt_hs256(key, keylen, header, strlen(header), payload, strlen(payload));
	tap_ok(dec == 0 && !strcmp(tok, want), "jwt: RFC 7515 A.1 HS256 example (%s)", tok);
	free(tok);
	uint8_t k32[32];
	memset(k32, 0x11, sizeof k32);
	char *a = dlt_jwt_engine_token(k32, 1700000000);
	/* {"alg":"HS256","typ":"JWT"} . {"iat":1700000000} */
	tap_ok(!strncmp(a, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDB9.", 62) &&
		       strlen(a) == 62 + 43,
	       "jwt: the engine API token is {alg HS256, typ JWT}.{iat} (%s)", a);
	k32[0] ^= 1;
	char *b = dlt_jwt_engine_token(k32, 1700000000);
	tap_ok(strcmp(a, b) != 0 && !strncmp(a, b, 62), "jwt: another secret signs differently");
	free(a);
	free(b);
}

static void test_hashes(void)
{
	uint8_t h[32], h2[32];
	static uint8_t data[300];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i * 7 + 1);
	/* incremental Keccak equals one-shot across the 136-byte block boundary */
	int same = 1;
	for (size_t len = 0; len < sizeof data; len++) {
		struct dlt_keccak k;
		dlt_keccak256(data, len, h);
		dlt_keccak256_init(&k);
		for (size_t i = 0; i < len; i += 1 + i % 5)
			dlt_keccak256_update(&k, data + i,
					     (1 + i % 5) < len - i ? 1 + i % 5 : len - i);
		dlt_keccak256_final(&k, h2);
		same &= memcmp(h, h2, 32) == 0;
	}
	tap_ok(same, "keccak256: incremental equals one-shot for lengths 0..299");
	/* RIPEMD-160 reference values from its authors' page */
	static const struct {
		const char *in, *out;
	} rmd[] = {
		{ "", "0x9c1185a5c5e9fc54612808977ee8f548b2258d31" },
		{ "abc", "0x8eb208f7e05d987a9b044a8e98c6b087f15a0bfc" },
		{ "message digest", "0x5d0689ef49d2fae572b881b123a85ffa21595f36" },
		{ "abcdefghijklmnopqrstuvwxyz", "0xf71c27109c692c1b56bbdceb5b9d2865b3708dbc" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "0x12a053384a9c0c88e405a06c27dcf49ada62eb2b" },
		{ "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		  "0x9b752e45573d4b39f4dbd3323cab82bf63326bfb" },
	};
	for (size_t i = 0; i < sizeof rmd / sizeof rmd[0]; i++) {
		dlt_ripemd160(rmd[i].in, strlen(rmd[i].in), h);
		tap_ok(same_hex("ripemd160", h, 20, rmd[i].out), "ripemd160(\"%.20s\")", rmd[i].in);
	}
	static uint8_t million[1000000];
	memset(million, 'a', sizeof million);
	dlt_ripemd160(million, sizeof million, h);
	tap_ok(same_hex("ripemd160", h, 20, "0x52783243c1697bdbe16d37f97f68f08325dc1528"),
	       "ripemd160 of a million 'a'");
	dlt_sha256("abc", 3, h);
	tap_ok(same_hex("sha256", h, 32,
			"0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
	       "sha256(\"abc\") (FIPS 180-2)");
	/* RFC 4231 test case 2 */
	dlt_hmac_sha256((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 28, h);
	tap_ok(same_hex("hmac", h, 32,
			"0x5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
	       "hmac-sha256 RFC 4231 case 2");
}

static void test_signatures(void)
{
	uint8_t priv[32], hash[32], r[32], s[32], pub[65], rec[65], der[72];
	size_t pl, dl;
	int recid;
	char err[ERRLEN];
	memset(priv, 0x11, 32);
	dlt_keccak256("dlt-interop", 11, hash);
	tap_ok(dlt_secp256k1_sign(hash, priv, r, s, &recid, err, sizeof err) == 0,
	       "secp256k1: sign");
	tap_ok(s[0] < 0x80, "secp256k1: signature is low-s");
	dlt_secp256k1_pubkey(priv, 0, pub, &pl, err, sizeof err);
	tap_ok(dlt_secp256k1_recover(hash, r, s, recid, rec, err, sizeof err) == 0 &&
		       memcmp(rec, pub, 65) == 0,
	       "secp256k1: recover gives the signer");
	tap_ok(dlt_secp256k1_verify(hash, r, s, pub, 65, err, sizeof err) == 1,
	       "secp256k1: verify");
	uint8_t cpub[33];
	size_t cl;
	dlt_secp256k1_pubkey(priv, 1, cpub, &cl, err, sizeof err);
	tap_ok(cl == 33 && dlt_secp256k1_verify(hash, r, s, cpub, 33, err, sizeof err) == 1,
	       "secp256k1: verify with a compressed key");
	hash[0] ^= 1;
	tap_ok(dlt_secp256k1_verify(hash, r, s, pub, 65, err, sizeof err) == 0,
	       "secp256k1: a changed hash does not verify");
	hash[0] ^= 1;
	tap_ok(dlt_secp256k1_recover(hash, r, s, 4, rec, err, sizeof err) != 0,
	       "secp256k1: recovery id 4 refused");
	uint8_t high[32];
	memset(high, 0xff, 32);
	tap_ok(dlt_secp256k1_recover(hash, high, s, recid, rec, err, sizeof err) != 0,
	       "secp256k1: r >= n refused (%s)", err);
	uint8_t zero[32] = { 0 };
	tap_ok(dlt_secp256k1_sign(hash, zero, r, s, &recid, err, sizeof err) != 0,
	       "secp256k1: zero key refused");
	tap_ok(dlt_secp256k1_sign_der(hash, priv, der, &dl, err, sizeof err) == 0 &&
		       der[0] == 0x30 && der[1] == dl - 2 && dl <= 72,
	       "secp256k1: DER signature framing");
	/* the DER signature carries the same (r, s) as the compact one */
	size_t rl = der[3];
	const uint8_t *rp = der + 4;
	while (rl > 32 && *rp == 0) {
		rp++;
		rl--;
	}
	tap_ok(memcmp(rp, r + 32 - rl, rl) == 0, "secp256k1: DER r equals compact r");
	tap_ok(dlt_secp256k1_verify(hash, r, s, pub, 64, err, sizeof err) == -1,
	       "secp256k1: 64-byte public key refused by verify");
	/* BIP-32 test vector 1: master key and m/0H */
	uint8_t seed[16], key[32];
	for (int i = 0; i < 16; i++)
		seed[i] = (uint8_t)i;
	tap_ok(dlt_bip32_derive(seed, 16, "m", key, err, sizeof err) == 0 &&
		       same_hex(
			       "m", key, 32,
			       "0xe8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35"),
	       "bip32: test vector 1 master key");
	tap_ok(dlt_bip32_derive(seed, 16, "m/0h", key, err, sizeof err) == 0 &&
		       same_hex(
			       "m/0h", key, 32,
			       "0xedb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea"),
	       "bip32: test vector 1 m/0H");
	tap_ok(dlt_bip32_derive(seed, 16, "m/x", key, err, sizeof err) != 0,
	       "bip32: bad path refused");
}

static void test_eth_extra(void)
{
	char err[ERRLEN], s[DLT_ETH_ADDRESS_STR];
	uint8_t a[20], key[32];
	tap_ok(dlt_eth_parse_address("0x123", a, err, sizeof err) != 0,
	       "eth: short address refused");
	tap_ok(!dlt_eth_checksum_valid("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
	       "eth: all-lowercase mixed-letter address is not a valid EIP-55 form");
	/* pre-EIP-155 legacy signing (chain id 0): v is 27 or 28 and the payload has 6 fields */
	struct dlt_eth_tx tx;
	struct dlt_eth_signed sg;
	memset(&tx, 0, sizeof tx);
	memset(key, 0x46, 32);
	tx.type = DLT_ETH_TX_LEGACY;
	dlt_u256_from_u64(&tx.gas, 21000);
	int ok = dlt_eth_sign(&tx, key, &sg, err, sizeof err) == 0;
	uint64_t v = 0;
	ok = ok && dlt_u256_to_u64(&sg.v, &v) && (v == 27 || v == 28);
	tap_ok(ok, "eth: chain id 0 signs without EIP-155 (v=%llu)", (unsigned long long)v);
	if (ok) {
		ok = raw_roundtrip(sg.raw, sg.raw_len, 9);
		dlt_eth_signed_free(&sg);
	}
	/* contract creation (no to) and an access list in a type-2 transaction */
	uint8_t slot[1][32] = { { 0 } };
	struct dlt_eth_access acl = { { 0 }, 1, slot };
	memset(acl.address, 0xaa, 20);
	memset(&tx, 0, sizeof tx);
	tx.type = DLT_ETH_TX_1559;
	dlt_u256_from_u64(&tx.chain_id, 31337);
	dlt_u256_from_u64(&tx.gas, 100000);
	tx.access_list = &acl;
	tx.access_count = 1;
	ok = dlt_eth_sign(&tx, key, &sg, err, sizeof err) == 0;
	tap_ok(ok && raw_roundtrip(sg.raw, sg.raw_len, 12),
	       "eth: type-2 creation with an access list");
	if (ok) {
		uint8_t me[20];
		dlt_eth_address_from_privkey(key, me, err, sizeof err);
		dlt_eth_checksum(sg.sender, s);
		tap_ok(memcmp(me, sg.sender, 20) == 0, "eth: sender of the type-2 transaction (%s)",
		       s);
		dlt_eth_signed_free(&sg);
	}
	/* address from the three public key forms agree */
	uint8_t pub[65], cpub[33], a2[20], a3[20];
	size_t pl;
	dlt_secp256k1_pubkey(key, 0, pub, &pl, err, sizeof err);
	dlt_secp256k1_pubkey(key, 1, cpub, &pl, err, sizeof err);
	dlt_eth_address_from_pubkey(pub, 65, a, err, sizeof err);
	dlt_eth_address_from_pubkey(pub + 1, 64, a2, err, sizeof err);
	dlt_eth_address_from_pubkey(cpub, 33, a3, err, sizeof err);
	tap_ok(memcmp(a, a2, 20) == 0 && memcmp(a, a3, 20) == 0,
	       "eth: address from 65-, 64- and 33-byte public keys");
}

static void test_bech32_extra(void)
{
	char out[DLT_BECH32_STR], err[ERRLEN], hrp[84];
	uint8_t prog[40] = { 0 }, p2[40];
	size_t pl;
	int ver;
	tap_ok(dlt_segwit_encode(out, "bcrt", 0, prog, 20, err, sizeof err) == 0 &&
		       strncmp(out, "bcrt1q", 6) == 0,
	       "segwit: regtest HRP bcrt (%s)", out);
	tap_ok(dlt_segwit_decode(NULL, out, &ver, p2, &pl, hrp, err, sizeof err) == 0 &&
		       strcmp(hrp, "bcrt") == 0 && pl == 20,
	       "segwit: decode with any HRP reports it");
	tap_ok(dlt_segwit_encode(out, "rltc", 1, prog, 32, err, sizeof err) == 0 &&
		       dlt_segwit_decode("RLTC", out, &ver, p2, &pl, NULL, err, sizeof err) == 0 &&
		       ver == 1,
	       "segwit: v1 for Litecoin regtest, HRP compared case-insensitively");
	tap_ok(dlt_segwit_encode(out, "bc", 0, prog, 16, err, sizeof err) != 0,
	       "segwit: v0 16-byte program refused by the encoder");
	tap_ok(dlt_segwit_encode(out, "bc", 17, prog, 20, err, sizeof err) != 0,
	       "segwit: version 17 refused by the encoder");
}

int main(void)
{
	if (dlt_crypto_init() != 0) {
		printf("Bail out! libsodium does not initialize\n");
		return 1;
	}
	test_hex();
	test_u256();
	test_rlp_extra();
	test_hashes();
	test_jwt();
	test_signatures();
	test_eth_extra();
	test_bech32_extra();
	return tap_done();
}
