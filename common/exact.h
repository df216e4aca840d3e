/*
 * exact.h: exact amounts for the UTXO and Monero adapters. cJSON stores every number as a
 * double, which cannot hold every 8-decimal coin amount above 2^53 base units (Litecoin's
 * supply is 8.4e15 litoshi) nor every 64-bit piconero amount. These helpers parse a node's raw
 * answer with amounts kept as their decimal text, and convert between a node's decimal coin
 * amounts ("50.00000000") and base-unit decimal strings ("5000000000") with integer digit
 * arithmetic only. Used by adapters/bitcoin and adapters/monero (which read answers with
 * dlt_exact_parse through jsonrpc_call_parsed).
 */
#ifndef DLT_EXACT_H
#define DLT_EXACT_H

#include <stddef.h>
#include <cjson/cJSON.h>

/* Parse JSON text like cJSON_ParseWithLength, except that every number token written with a
 * fraction or an exponent, or with more than 15 digits, becomes a JSON string holding the
 * token's exact text. Small integers stay numbers. Returns NULL when the text is not JSON. */
cJSON *dlt_exact_parse(const char *text, size_t len);

/* "12.5" with decimals 8 -> "1250000000". Accepts an optional leading '-', digits, an optional
 * fraction of at most `decimals` digits (more digits only when they are zeros). *negative is
 * set when the sign was '-'. Returns 0, or -1 when the text is not such a number or too long. */
int dlt_decimal_to_units(const char *dec, int decimals, char *out, size_t outlen, int *negative);

/* "1250000000" with decimals 8 -> "12.50000000" (always `decimals` fraction digits).
 * Returns 0, or -1 when units is not a non-empty string of digits. */
int dlt_units_to_decimal(const char *units, int decimals, char *out, size_t outlen);

/* A number item (or a string of digits produced by dlt_exact_parse) as base units text:
 * strings go through dlt_decimal_to_units; a double is accepted only when it is an integer
 * below 2^53 (exact). Returns 0 or -1. */
int dlt_exact_item_units(const cJSON *item, int decimals, char *out, size_t outlen, int *negative);

/* Add or subtract two base-unit decimal strings (non-negative). sub: a - b, -1 when b > a. */
int dlt_units_add(const char *a, const char *b, char *out, size_t outlen);
int dlt_units_sub(const char *a, const char *b, char *out, size_t outlen);

#endif
