/*
 * keys.h: Ed25519 signing keys of self-certification (libsodium; docs/certification.md):
 * generating a key pair into two files (the secret one created 0600, never overwritten),
 * reading them back strictly, and the key fingerprint people compare.
 *   NAME.key  "dlt-interop-ed25519-secret-key/1\n" + 128 lowercase hex digits + "\n"
 *   NAME.pub  "dlt-interop-ed25519-public-key/1\n" + 64 lowercase hex digits + "\n"
 */
#ifndef DLT_CERT_KEYS_H
#define DLT_CERT_KEYS_H

#include <stddef.h>
#include <stdint.h>

#define DLT_KEY_SECRET_HEADER "dlt-interop-ed25519-secret-key/1\n"
#define DLT_KEY_PUBLIC_HEADER "dlt-interop-ed25519-public-key/1\n"
#define DLT_PUBKEY_BYTES 32
#define DLT_SECKEY_BYTES 64
#define DLT_SIG_BYTES 64

/* Write a new key pair to secret_path (mode 0600, refused when it exists) and public_path
 * (refused when it exists). 0, or -1 and err naming the file. */
int dlt_keygen(const char *secret_path, const char *public_path, char *err, size_t errlen);
/* Read a secret key file; refused when group or others may read it. */
int dlt_key_load_secret(const char *path, uint8_t sk[DLT_SECKEY_BYTES], char *err, size_t errlen);
/* Read a public key file. */
int dlt_key_load_public(const char *path, uint8_t pk[DLT_PUBKEY_BYTES], char *err, size_t errlen);
/* The fingerprint of a public key: "SHA256:" + 64 hex digits of its SHA-256 (72 bytes with
 * the terminating zero). */
#define DLT_FINGERPRINT_LEN 72
void dlt_key_fingerprint(const uint8_t pk[DLT_PUBKEY_BYTES], char out[DLT_FINGERPRINT_LEN]);

#endif
