/*
 * adapter_util.h: what several adapter families need alike, written once: reading the target's
 * params, exact amounts in requests, hash arguments, the neutral answers of tx_status and
 * subscriptions (docs/adapters.md), and the polling subscription used where a node publishes
 * nothing. Where the families differ (monero's amounts are bounded by uint64, ethereum's by
 * uint256, bitcoin's by the coin's decimal arithmetic only), the difference is a parameter.
 */
#ifndef DLT_ADAPTER_UTIL_H
#define DLT_ADAPTER_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

#include "adapters/adapter.h"

/* How often a polling subscription asks for the height. */
#define DLT_POLL_MS 50
/* The largest uint64, as a decimal: the bound of amounts held in 64 bits (piconero). */
#define DLT_UNITS_MAX_U64 "18446744073709551615"
/* The largest uint256, as a decimal: the bound of wei. */
#define DLT_UNITS_MAX_U256 \
	"115792089237316195423570985008687907853269984665640564039457584007913129639935"

/* params.KEY of the target when it is a string, else NULL. */
const char *dlt_param_str(const struct dlt_adapter_config *cfg, const char *key);
/* params.KEY of the target when it is a number, else dflt. */
double dlt_param_number(const struct dlt_adapter_config *cfg, const char *key, double dflt);

/* A base-unit amount of a request ("amount" of transfer): a string of decimal digits, or a
 * non-negative integer number up to 2^53 (larger numbers are not exact in JSON). Written to out
 * as digits without leading zeros. max: NULL, or the largest amount allowed as a decimal
 * (DLT_UNITS_MAX_U64). Returns 0, or -1 when amount is none of these, is above max, or its
 * digits do not fit in outlen. */
int dlt_request_units(const cJSON *amount, const char *max, char *out, size_t outlen);

/* Whether s is exactly 64 hexadecimal digits (a block hash or txid, any case, no 0x). */
int dlt_is_hash64(const char *s);

/* The answer of tx_status: {"state", "block" (null when below 0), "confirmations" (at least
 * 0)}; the caller adds "fee" when it knows it. */
cJSON *dlt_tx_status_object(const char *state, long long block, long long confirmations);

/* A "block" topic of subscribe: NULL, "", "block", "blocks", or the family's own topic name
 * (native). Returns DLT_OK, or DLT_E_ARG naming the family. */
int dlt_block_topic(const char *topic, const char *native, const char *family, struct dlt_err *err);
/* One announcement of sub_next: {"topic":"block","height","hash","source"}. */
cJSON *dlt_announcement(double height, const char *hash, const char *source);

/* A subscription that polls: every DLT_POLL_MS it asks the node's height, and announces each
 * block from next on, in order, with "source":"poll". height and hash_at are the family's
 * (hash_at writes the hash of the block at a height into hash). */
struct dlt_poll {
	struct dlt_conn *c;
	uint64_t next; /* the height to announce next */
	int (*height)(struct dlt_conn *c, uint64_t *out, struct dlt_err *err);
	int (*hash_at)(struct dlt_conn *c, uint64_t height, char *hash, size_t hashlen,
		       struct dlt_err *err);
};
/* Start polling after the current height (a block produced later is announced). */
int dlt_poll_start(struct dlt_poll *p, struct dlt_err *err);
/* Wait until deadline_ms (dlt_now_ms) for the block at p->next: its announcement in *out, or
 * *out NULL when none came in time. The height is asked at least once. */
int dlt_poll_next(struct dlt_poll *p, long long deadline_ms, cJSON **out, struct dlt_err *err);

#endif
