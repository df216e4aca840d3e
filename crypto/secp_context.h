/*
 * secp_context.h: the one libsecp256k1 context of the process, shared by the ECDSA (ecdsa.c)
 * and the Schnorr/taproot (schnorr.c) code. Created lazily under pthread_once and randomized
 * (side-channel blinding only; signatures stay deterministic); libsecp256k1 allows concurrent
 * use of a context for signing, verification, recovery and tweaking.
 */
#ifndef DLT_CRYPTO_SECP_CONTEXT_H
#define DLT_CRYPTO_SECP_CONTEXT_H

#include <stddef.h>
#include <secp256k1.h>

/* The context, or NULL with err set when it cannot be created. */
const secp256k1_context *dlt_secp256k1_context(char *err, size_t errlen);

#endif
