/*
 * crypto.h: one include for all of crypto/: hex, hashes (Keccak-256, SHA-256, RIPEMD-160),
 * u256, RLP, secp256k1 ECDSA and Schnorr, taproot keys, Ethereum addresses and transactions
 * (signing and decoding), bech32/segwit, BIP-32/39, Bitcoin transactions and signature hashes.
 */
#ifndef DLT_CRYPTO_H
#define DLT_CRYPTO_H

#include "crypto/bech32.h"
#include "crypto/btc_ser.h"
#include "crypto/btc_sighash.h"
#include "crypto/btc_tx.h"
#include "common/buf.h"
#include "crypto/ecdsa.h"
#include "crypto/eth.h"
#include "crypto/eth_tx.h"
#include "crypto/hash.h"
#include "crypto/hdkey.h"
#include "common/hex.h"
#include "crypto/rlp.h"
#include "crypto/schnorr.h"
#include "common/u256.h"

#endif
