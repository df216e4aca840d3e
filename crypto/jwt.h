/*
 * jwt.h: compact JSON Web Tokens signed with HS256 (RFC 7519, RFC 7515 with HMAC-SHA256), as the
 * Ethereum engine API authenticates its callers: a 32-byte secret shared with the node, and a
 * token whose claims hold "iat", the time it was made (execution-apis src/engine/authentication.md).
 */
#ifndef DLT_CRYPTO_JWT_H
#define DLT_CRYPTO_JWT_H

#include <stddef.h>
#include <stdint.h>

/* BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(HMAC-SHA256(key, the first two parts)),
 * without padding. header and payload are taken as the exact bytes to encode. Returns a new
 * string (dlt_xmalloc: never NULL). */
char *dlt_jwt_hs256(const uint8_t *key, size_t keylen, const char *header, size_t header_len,
		    const char *payload, size_t payload_len);
/* The engine API's token: header {"alg":"HS256","typ":"JWT"}, claims {"iat":iat}. */
char *dlt_jwt_engine_token(const uint8_t key[32], long long iat);

#endif
