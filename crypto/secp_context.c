/*
 * secp_context.c: the shared libsecp256k1 context (secp_context.h).
 */
#include "crypto/secp_context.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>

static secp256k1_context *ctx;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;

static void ctx_create(void)
{
	ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
	if (ctx && sodium_init() >= 0) {
		unsigned char seed[32];
		randombytes_buf(seed, sizeof seed);
		if (!secp256k1_context_randomize(ctx, seed)) {
			/* a failed blinding is not fatal: the context still computes correctly */
		}
		sodium_memzero(seed, sizeof seed);
	}
}

const secp256k1_context *dlt_secp256k1_context(char *err, size_t errlen)
{
	pthread_once(&ctx_once, ctx_create);
	if (!ctx)
		snprintf(err, errlen, "secp256k1: cannot create a context");
	return ctx;
}
