/*
 * vector_checks.h: checkers of the vector files added for issue 16: contract addresses,
 * signatures and transactions (create2, bip340, bip341, bip143, sighash-legacy,
 * eth-transactions, eth-blocks; vector_checks.c) and RPC answers and chain constants (eip1474,
 * execution-apis, monero-rpc, litecoin-regtest, eip1559-base-fee, eth-proofs, eth-logs;
 * vector_checks_rpc.c): each recomputes one case with the project's own primitives and returns 1 when
 * every expected value comes out, 0 (with TAP diagnostics) when one does not. test_crypto_vectors.c
 * dispatches to them by vector id.
 */
#ifndef DLT_TEST_VECTOR_CHECKS_H
#define DLT_TEST_VECTOR_CHECKS_H

#include <cjson/cJSON.h>

int check_create2(const cJSON *cs);
int check_bip340(const cJSON *cs);
int check_bip341(const cJSON *cs);
int check_bip143(const cJSON *cs);
int check_sighash_legacy(const cJSON *cs);
int check_eth_transactions(const cJSON *cs);
int check_eth_blocks(const cJSON *cs);

/* vector_checks_rpc.c: RPC answers and chain constants */
struct dlt_vectors;
/* the vectors folder (for execution-apis/openrpc.json) and every loaded file (cross-checks) */
void vec_checks_set_context(const char *dir, const struct dlt_vectors *v);
void vec_checks_free(void);
int check_eip1474(const cJSON *cs);
int check_execution_apis(const cJSON *cs);
int check_monero_rpc(const cJSON *cs);
int check_litecoin_regtest(const cJSON *cs);
int check_eip1559_base_fee(const cJSON *cs);
int check_eth_proofs(const cJSON *cs);
int check_eth_logs(const cJSON *cs);

#endif
