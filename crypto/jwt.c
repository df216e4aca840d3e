/*
 * jwt.c: HS256 JSON Web Tokens (jwt.h). Base64url without padding and HMAC-SHA256 come from
 * libsodium (sodium_bin2base64, crypto_auth_hmacsha256 through dlt_hmac_sha256).
 */
#include "crypto/jwt.h"
#include "crypto/hash.h"
#include "common/mem.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* base64url of len bytes, appended at out (which has room for sodium_base64_ENCODED_LEN) */
static size_t b64url(char *out, const void *data, size_t len)
{
	size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_bin2base64(out, cap, data, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return strlen(out);
}

char *dlt_jwt_hs256(const uint8_t *key, size_t keylen, const char *header, size_t header_len,
		    const char *payload, size_t payload_len)
{
	size_t cap =
		sodium_base64_ENCODED_LEN(header_len, sodium_base64_VARIANT_URLSAFE_NO_PADDING) +
		sodium_base64_ENCODED_LEN(payload_len, sodium_base64_VARIANT_URLSAFE_NO_PADDING) +
		sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING) + 2;
	char *tok = dlt_xmalloc(cap);
	size_t n = b64url(tok, header, header_len);
	tok[n++] = '.';
	n += b64url(tok + n, payload, payload_len);
	uint8_t mac[32];
	dlt_hmac_sha256(key, keylen, tok, n, mac);
	tok[n++] = '.';
	b64url(tok + n, mac, sizeof mac);
	sodium_memzero(mac, sizeof mac);
	return tok;
}

char *dlt_jwt_engine_token(const uint8_t key[32], long long iat)
{
	static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
	char claims[64];
	int n = snprintf(claims, sizeof claims, "{\"iat\":%lld}", iat);
	return dlt_jwt_hs256(key, 32, header, sizeof header - 1, claims, (size_t)n);
}
