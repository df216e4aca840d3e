/*
 * hdkey.h: BIP-39 seeds and BIP-32 private key derivation, enough to turn a dev chain's
 * mnemonic ("test test ... junk") and a path (m/44'/60'/0'/0/i) into the account's key.
 * The mnemonic is used as given (NFKD-normalized ASCII is assumed); its word list and checksum
 * are not checked, as BIP-39 seed derivation itself does not need them.
 */
#ifndef DLT_CRYPTO_HDKEY_H
#define DLT_CRYPTO_HDKEY_H

#include <stddef.h>
#include <stdint.h>

/* seed = PBKDF2-HMAC-SHA512(mnemonic, "mnemonic" || passphrase, 2048 iterations). */
void dlt_bip39_seed(const char *mnemonic, const char *passphrase, uint8_t seed[64]);
/* Private key at path ("m", "m/44'/60'/0'/0/0"; ' or h marks hardened steps). */
int dlt_bip32_derive(const uint8_t *seed, size_t seedlen, const char *path, uint8_t priv[32],
		     char *err, size_t errlen);

#endif
