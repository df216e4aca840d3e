/*
 * vector_checks.h: checkers of the vector files about contract addresses, signatures and
 * transactions (create2, bip340, bip341, bip143, sighash-legacy, eth-transactions,
 * eth-blocks): each recomputes one case with the project's own primitives and returns 1 when
 * every expected value comes out, 0 (with TAP diagnostics) when one does not. test_crypto.c
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

#endif
