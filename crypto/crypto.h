/*
 * crypto.h: one include for all of runner/crypto: hex, hashes (Keccak-256, SHA-256, RIPEMD-160),
 * u256, RLP, secp256k1 ECDSA, Ethereum addresses and transactions, bech32/segwit, BIP-32/39.
 */
#ifndef DLT_CRYPTO_H
#define DLT_CRYPTO_H

#include "crypto/bech32.h"
#include "common/buf.h"
#include "crypto/ecdsa.h"
#include "crypto/eth.h"
#include "crypto/hash.h"
#include "crypto/hdkey.h"
#include "common/hex.h"
#include "crypto/rlp.h"
#include "common/u256.h"

#endif
