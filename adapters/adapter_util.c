/*
 * adapter_util.c: the helpers the adapter families share (see adapter_util.h).
 */
#include "adapters/adapter_util.h"
#include "common/clock.h"

#include <stdio.h>
#include <string.h>

const char *dlt_param_str(const struct dlt_adapter_config *cfg, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(cfg->params, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

double dlt_param_number(const struct dlt_adapter_config *cfg, const char *key, double dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(cfg->params, key);
	return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

int dlt_request_units(const cJSON *amount, const char *max, char *out, size_t outlen)
{
	if (cJSON_IsString(amount)) {
		const char *s = amount->valuestring;
		if (!*s || strspn(s, "0123456789") != strlen(s))
			return -1;
		while (s[0] == '0' && s[1])
			s++;
		size_t n = strlen(s);
		if (n >= outlen)
			return -1;
		if (max && (n > strlen(max) || (n == strlen(max) && strcmp(s, max) > 0)))
			return -1;
		memcpy(out, s, n + 1);
		return 0;
	}
	if (cJSON_IsNumber(amount) && amount->valuedouble >= 0 &&
	    amount->valuedouble <= 9007199254740992.0 &&
	    amount->valuedouble == (double)(long long)amount->valuedouble) {
		int n = snprintf(out, outlen, "%lld", (long long)amount->valuedouble);
		return n > 0 && (size_t)n < outlen ? 0 : -1;
	}
	return -1;
}

int dlt_is_hash64(const char *s)
{
	return s && strlen(s) == 64 && strspn(s, "0123456789abcdefABCDEF") == 64;
}

cJSON *dlt_tx_status_object(const char *state, long long block, long long confirmations)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "state", state);
	if (block >= 0)
		cJSON_AddNumberToObject(o, "block", (double)block);
	else
		cJSON_AddNullToObject(o, "block");
	cJSON_AddNumberToObject(o, "confirmations",
				(double)(confirmations > 0 ? confirmations : 0));
	return o;
}

int dlt_block_topic(const char *topic, const char *native, const char *family, struct dlt_err *err)
{
	if (!topic || !*topic || !strcmp(topic, "block") || !strcmp(topic, "blocks") ||
	    (native && !strcmp(topic, native)))
		return DLT_OK;
	return dlt_err_set(err, DLT_E_ARG,
			   "subscribe: topic \"%s\" unknown (the %s family "
			   "announces \"block\")",
			   topic, family);
}

cJSON *dlt_announcement(double height, const char *hash, const char *source)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "topic", "block");
	cJSON_AddNumberToObject(o, "height", height);
	cJSON_AddStringToObject(o, "hash", hash);
	cJSON_AddStringToObject(o, "source", source);
	return o;
}

int dlt_poll_start(struct dlt_poll *p, struct dlt_err *err)
{
	uint64_t h = 0;
	int rc = p->height(p->c, &h, err);
	if (rc == DLT_OK)
		p->next = h + 1;
	return rc;
}

int dlt_poll_next(struct dlt_poll *p, long long deadline_ms, cJSON **out, struct dlt_err *err)
{
	*out = NULL;
	for (;;) {
		uint64_t h = 0;
		int rc = p->height(p->c, &h, err);
		if (rc)
			return rc;
		if (h >= p->next) {
			char hash[160];
			rc = p->hash_at(p->c, p->next, hash, sizeof hash, err);
			if (rc)
				return rc;
			*out = dlt_announcement((double)p->next, hash, "poll");
			p->next++;
			return DLT_OK;
		}
		long long left = deadline_ms - dlt_now_ms();
		if (left <= 0)
			return DLT_OK;
		dlt_sleep((left < DLT_POLL_MS ? left : DLT_POLL_MS) / 1000.0);
	}
}
