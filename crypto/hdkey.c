/*
 * hdkey.c: BIP-39 seed (PBKDF2-HMAC-SHA512) and BIP-32 CKDpriv (hdkey.h).
 * Master: I = HMAC-SHA512("Bitcoin seed", seed), key = I[0:32], chain code = I[32:64].
 * Child i: data = 0x00 || key || ser32(i) when hardened (i >= 2^31), else compressed pubkey ||
 * ser32(i); I = HMAC-SHA512(chain code, data); key = I[0:32] + key mod n.
 */
#include "crypto/hdkey.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "crypto/ecdsa.h"
#include "crypto/hash.h"

void dlt_bip39_seed(const char *mnemonic, const char *passphrase, uint8_t seed[64])
{
	size_t pl = passphrase ? strlen(passphrase) : 0;
	size_t sl = 8 + pl;
	char stack_salt[256];
	char *salt = sl <= sizeof stack_salt ? stack_salt : dlt_xmalloc(sl);
	memcpy(salt, "mnemonic", 8);
	if (pl)
		memcpy(salt + 8, passphrase, pl);
	dlt_pbkdf2_sha512((const uint8_t *)mnemonic, strlen(mnemonic), (const uint8_t *)salt, sl,
			  2048, seed, 64);
	if (salt != stack_salt)
		free(salt);
}

int dlt_bip32_derive(const uint8_t *seed, size_t seedlen, const char *path, uint8_t priv[32],
		     char *err, size_t errlen)
{
	uint8_t I[64], key[32], chain[32], data[37], pub[65];
	size_t pl;
	const char *p = path;
	int rc = -1;
	if (p[0] != 'm' || (p[1] != '\0' && p[1] != '/')) {
		snprintf(err, errlen, "bip32: path \"%s\" must start with m/", path);
		return -1;
	}
	dlt_hmac_sha512((const uint8_t *)"Bitcoin seed", 12, seed, seedlen, I);
	memcpy(key, I, 32);
	memcpy(chain, I + 32, 32);
	if (!dlt_secp256k1_seckey_valid(key)) {
		snprintf(err, errlen, "bip32: seed gives an invalid master key");
		goto out;
	}
	p++;
	while (*p == '/') {
		p++;
		if (*p < '0' || *p > '9') {
			snprintf(err, errlen, "bip32: path \"%s\": index expected at offset %td",
				 path, p - path);
			goto out;
		}
		char *end;
		unsigned long idx = strtoul(p, &end, 10);
		if (idx >= 0x80000000UL) {
			snprintf(err, errlen, "bip32: path \"%s\": index %lu too large", path, idx);
			goto out;
		}
		p = end;
		int hardened = *p == '\'' || *p == 'h' || *p == 'H';
		if (hardened) {
			p++;
			idx |= 0x80000000UL;
		}
		if (hardened) {
			data[0] = 0;
			memcpy(data + 1, key, 32);
		} else {
			if (dlt_secp256k1_pubkey(key, 1, pub, &pl, err, errlen) != 0)
				goto out;
			memcpy(data, pub, 33);
		}
		data[33] = (uint8_t)(idx >> 24);
		data[34] = (uint8_t)(idx >> 16);
		data[35] = (uint8_t)(idx >> 8);
		data[36] = (uint8_t)idx;
		dlt_hmac_sha512(chain, 32, data, sizeof data, I);
		memcpy(chain, I + 32, 32);
		if (dlt_secp256k1_seckey_tweak_add(key, I) != 0) {
			snprintf(err, errlen, "bip32: path \"%s\" reaches an invalid key", path);
			goto out;
		}
	}
	if (*p != '\0') {
		snprintf(err, errlen, "bip32: path \"%s\": unexpected '%c' at offset %td", path, *p,
			 p - path);
		goto out;
	}
	memcpy(priv, key, 32);
	rc = 0;
out:
	sodium_memzero(I, sizeof I);
	sodium_memzero(key, sizeof key);
	sodium_memzero(chain, sizeof chain);
	sodium_memzero(data, sizeof data);
	return rc;
}
