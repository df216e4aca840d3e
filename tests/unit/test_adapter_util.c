/*
 * test_adapter_util.c: the helpers the adapter families share (adapters/adapter_util.c):
 * amounts in requests with each family's bound (none, uint64, uint256), hash arguments, params,
 * the tx_status and announcement objects, the block topic, and a polling subscription driven by
 * a fake chain (deadlines already passed, so nothing here waits).
 */
#include "adapters/adapter_util.h"
#include "common/clock.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static int units(const char *json, const char *max, const char *want)
{
	cJSON *v = cJSON_Parse(json);
	char out[100] = "";
	int rc = dlt_request_units(v, max, out, sizeof out);
	cJSON_Delete(v);
	return want ? rc == 0 && strcmp(out, want) == 0 : rc == -1;
}

static void test_units(void)
{
	tap_ok(units("\"12345\"", NULL, "12345"), "digits are taken");
	tap_ok(units("\"000120\"", NULL, "120"), "leading zeros are dropped");
	tap_ok(units("\"0\"", NULL, "0") && units("\"000\"", NULL, "0"), "zero stays 0");
	tap_ok(units("123", NULL, "123"), "an integer number is taken");
	tap_ok(units("9007199254740992", NULL, "9007199254740992"), "2^53 is exact");
	tap_ok(units("9007199254740994", NULL, NULL), "above 2^53 a number is refused");
	tap_ok(units("-1", NULL, NULL) && units("\"-1\"", NULL, NULL),
	       "negative amounts are refused");
	tap_ok(units("1.5", NULL, NULL) && units("\"1.5\"", NULL, NULL) &&
		       units("\"1e3\"", NULL, NULL),
	       "fractions and exponents are refused");
	tap_ok(units("\"\"", NULL, NULL) && units("\" 1\"", NULL, NULL) &&
		       units("null", NULL, NULL) && units("true", NULL, NULL),
	       "empty, spaced, null and boolean amounts are refused");
	tap_ok(units("\"123456789012345678901234567890\"", NULL, "123456789012345678901234567890"),
	       "without a bound (bitcoin family) 30 digits are taken");
	tap_ok(units("\"18446744073709551615\"", DLT_UNITS_MAX_U64, "18446744073709551615"),
	       "uint64 bound (monero): 2^64-1 is taken");
	tap_ok(units("\"18446744073709551616\"", DLT_UNITS_MAX_U64, NULL) &&
		       units("\"99999999999999999999\"", DLT_UNITS_MAX_U64, NULL) &&
		       units("\"100000000000000000000\"", DLT_UNITS_MAX_U64, NULL),
	       "uint64 bound: 2^64, 20 nines and 21 digits are refused");
	tap_ok(units("\"0018446744073709551615\"", DLT_UNITS_MAX_U64, "18446744073709551615"),
	       "the bound applies to the value, not to leading zeros");
	tap_ok(units("\"" DLT_UNITS_MAX_U256 "\"", DLT_UNITS_MAX_U256, DLT_UNITS_MAX_U256),
	       "uint256 bound (ethereum): 2^256-1 is taken");
	tap_ok(units("\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"",
		     DLT_UNITS_MAX_U256, NULL),
	       "uint256 bound: 2^256 is refused");
	cJSON *v = cJSON_CreateString("123456");
	char small[6];
	tap_ok(dlt_request_units(v, NULL, small, sizeof small) == -1, "digits that do not fit out "
								      "are refused, not cut");
	cJSON_Delete(v);
}

static void test_small(void)
{
	const char *h = "00000000000000000000000000000000000000000000000000000000000000aF";
	tap_ok(dlt_is_hash64(h), "64 hex digits of either case are a hash");
	tap_ok(!dlt_is_hash64(
		       "0x000000000000000000000000000000000000000000000000000000000000000a") &&
		       !dlt_is_hash64("abc") && !dlt_is_hash64(NULL) &&
		       !dlt_is_hash64(
			       "000000000000000000000000000000000000000000000000000000000000000g"),
	       "a 0x prefix, a short string, NULL or a non-hex digit is not");

	cJSON *params = cJSON_Parse("{\"s\":\"x\",\"n\":2.5,\"b\":true}");
	struct dlt_adapter_config cfg = { .name = "t", .url = "http://x", .params = params };
	tap_ok(!strcmp(dlt_param_str(&cfg, "s"), "x") && !dlt_param_str(&cfg, "n") &&
		       !dlt_param_str(&cfg, "missing"),
	       "dlt_param_str: strings only");
	tap_ok(dlt_param_number(&cfg, "n", 7) == 2.5 && dlt_param_number(&cfg, "s", 7) == 7 &&
		       dlt_param_number(&cfg, "b", 7) == 7,
	       "dlt_param_number: numbers, else the default");
	cfg.params = NULL;
	tap_ok(!dlt_param_str(&cfg, "s") && dlt_param_number(&cfg, "n", 7) == 7,
	       "no params at all: defaults");
	cJSON_Delete(params);

	cJSON *o = dlt_tx_status_object("confirmed", 12, 3);
	char *s = cJSON_PrintUnformatted(o);
	tap_ok(!strcmp(s, "{\"state\":\"confirmed\",\"block\":12,\"confirmations\":3}"), "%s", s);
	free(s);
	cJSON_Delete(o);
	o = dlt_tx_status_object("pending", -1, -5);
	s = cJSON_PrintUnformatted(o);
	tap_ok(!strcmp(s, "{\"state\":\"pending\",\"block\":null,\"confirmations\":0}"), "%s", s);
	free(s);
	cJSON_Delete(o);

	o = dlt_announcement(7, "ab", "zmq");
	s = cJSON_PrintUnformatted(o);
	tap_ok(!strcmp(s, "{\"topic\":\"block\",\"height\":7,\"hash\":\"ab\",\"source\":\"zmq\"}"),
	       "%s", s);
	free(s);
	cJSON_Delete(o);

	struct dlt_err e = { 0 };
	tap_ok(dlt_block_topic(NULL, "hashblock", "bitcoin", &e) == DLT_OK &&
		       dlt_block_topic("", "hashblock", "bitcoin", &e) == DLT_OK &&
		       dlt_block_topic("block", "hashblock", "bitcoin", &e) == DLT_OK &&
		       dlt_block_topic("blocks", "hashblock", "bitcoin", &e) == DLT_OK &&
		       dlt_block_topic("hashblock", "hashblock", "bitcoin", &e) == DLT_OK,
	       "block topics: none, block, blocks, the family's own");
	tap_ok(dlt_block_topic("tx", "hashblock", "bitcoin", &e) == DLT_E_ARG &&
		       strstr(e.msg, "\"tx\"") && strstr(e.msg, "bitcoin family"),
	       "another topic: %s", e.msg);
}

/* a fake chain for polling: height and hashes "h<N>" */
struct chain {
	uint64_t height;
	int height_calls;
	int fail_hash;
};
static struct chain chain;

static int fake_height(struct dlt_conn *c, uint64_t *out, struct dlt_err *err)
{
	(void)c;
	(void)err;
	chain.height_calls++;
	*out = chain.height;
	return DLT_OK;
}

static int fake_hash_at(struct dlt_conn *c, uint64_t height, char *hash, size_t hashlen,
			struct dlt_err *err)
{
	(void)c;
	if (chain.fail_hash)
		return dlt_err_set(err, DLT_E_PROTOCOL, "no block at %llu",
				   (unsigned long long)height);
	snprintf(hash, hashlen, "h%llu", (unsigned long long)height);
	return DLT_OK;
}

static void test_poll(void)
{
	struct dlt_poll p = { NULL, 0, fake_height, fake_hash_at };
	struct dlt_err e = { 0 };
	chain.height = 10;
	tap_ok(dlt_poll_start(&p, &e) == DLT_OK && p.next == 11, "polling starts after the tip");
	cJSON *out = NULL;
	chain.height_calls = 0;
	int rc = dlt_poll_next(&p, dlt_now_ms() - 1, &out, &e);
	tap_ok(rc == DLT_OK && out == NULL && chain.height_calls == 1,
	       "no new block, deadline passed: nothing, after asking the height once");
	chain.height = 13;
	char *s[3] = { NULL, NULL, NULL };
	for (int i = 0; i < 3; i++) {
		rc = dlt_poll_next(&p, dlt_now_ms() - 1, &out, &e);
		s[i] = out ? cJSON_PrintUnformatted(out) : NULL;
		cJSON_Delete(out);
	}
	tap_ok(s[0] && s[1] && s[2] &&
		       !strcmp(s[0],
			       "{\"topic\":\"block\",\"height\":11,\"hash\":\"h11\",\"source\":\"poll\"}") &&
		       strstr(s[1], "\"height\":12") && strstr(s[2], "\"hash\":\"h13\""),
	       "three new blocks: announced one by one, in order, source poll");
	for (int i = 0; i < 3; i++)
		free(s[i]);
	rc = dlt_poll_next(&p, dlt_now_ms() - 1, &out, &e);
	tap_ok(rc == DLT_OK && out == NULL && p.next == 14, "then nothing more");
	chain.height = 14;
	chain.fail_hash = 1;
	rc = dlt_poll_next(&p, dlt_now_ms() - 1, &out, &e);
	tap_ok(rc == DLT_E_PROTOCOL && out == NULL && p.next == 14 && strstr(e.msg, "14"),
	       "a block whose hash cannot be read is an error, not skipped: %s", e.msg);
}

int main(void)
{
	test_units();
	test_small();
	test_poll();
	return tap_done();
}
