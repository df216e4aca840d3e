/*
 * ext_msg.c: building requests and checking replies of the external adapter protocol (see
 * ext_msg.h and docs/adapter-protocol.md). No socket here: the transport is external.c.
 */
#include "adapters/external/ext_msg.h"
#include "adapters/adapter.h"
#include "common/json_bytes.h"
#include "common/mem.h"
#include "common/text_clean.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *dlt_ext_request(long long id, const char *op, cJSON *args, long deadline_ms)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "v", DLT_EXT_PROTOCOL);
	cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddStringToObject(o, "op", op);
	cJSON_AddItemToObject(o, "args", args ? args : cJSON_CreateObject());
	cJSON_AddNumberToObject(o, "deadline_ms", (double)deadline_ms);
	dlt_json_make_utf8(o);
	char *s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		s = dlt_xstrdup("{}"); /* cJSON fails only when memory runs out */
	return s;
}

void dlt_ext_reply_clear(struct dlt_ext_reply *r)
{
	cJSON_Delete(r->result);
	cJSON_Delete(r->rpc_error);
	free(r->message);
	memset(r, 0, sizeof *r);
}

int dlt_ext_error_kind(const char *code)
{
	static const struct {
		const char *code;
		int kind;
	} map[] = {
		{ "transport", DLT_E_TRANSPORT },
		{ "timeout", DLT_E_TIMEOUT },
		{ "protocol", DLT_E_PROTOCOL },
		{ "rpc", DLT_E_RPC },
		{ "unsupported", DLT_E_UNSUPPORTED },
		{ "unknown_op", DLT_E_UNSUPPORTED },
		{ "bad_args", DLT_E_ARG },
		{ "limit", DLT_E_LIMIT },
		{ "internal", DLT_E_TRANSPORT },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i].code, code))
			return map[i].kind;
	return DLT_E_PROTOCOL;
}

/* An integer JSON number in [min, 2^53]. */
static int is_int(const cJSON *v, double min)
{
	return cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble >= min &&
	       v->valuedouble <= 9007199254740992.0 && floor(v->valuedouble) == v->valuedouble;
}

int dlt_ext_parse_reply(const char *buf, size_t len, struct dlt_ext_reply *r, char *err,
			size_t errlen)
{
	memset(r, 0, sizeof *r);
	cJSON *doc = cJSON_ParseWithLength(buf, len);
	if (!doc) {
		snprintf(err, errlen, "the reply is not JSON (%zu bytes)", len);
		return -1;
	}
	int rc = -1;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, "v");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(doc, "id");
	const cJSON *ok = cJSON_GetObjectItemCaseSensitive(doc, "ok");
	if (!cJSON_IsObject(doc)) {
		snprintf(err, errlen, "the reply is not a JSON object");
		goto out;
	}
	if (!cJSON_IsNumber(v) || v->valuedouble != DLT_EXT_PROTOCOL) {
		snprintf(err, errlen, "the reply's \"v\" is not %d (the protocol version)",
			 DLT_EXT_PROTOCOL);
		goto out;
	}
	if (!is_int(id, 0)) {
		snprintf(err, errlen, "the reply's \"id\" is not a non-negative integer");
		goto out;
	}
	r->id = (long long)id->valuedouble;
	if (!cJSON_IsBool(ok)) {
		snprintf(err, errlen, "the reply's \"ok\" is not true or false");
		goto out;
	}
	r->ok = cJSON_IsTrue(ok);
	if (r->ok) {
		cJSON *res = cJSON_DetachItemFromObjectCaseSensitive(doc, "result");
		if (!res) {
			snprintf(err, errlen, "the reply says ok but has no \"result\"");
			goto out;
		}
		r->result = res;
		rc = 0;
		goto out;
	}
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(doc, "error");
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(e, "code");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(e, "message");
	if (!cJSON_IsObject(e) || !cJSON_IsString(code) || !cJSON_IsString(msg)) {
		snprintf(err, errlen,
			 "the reply says not ok but has no \"error\" object with string "
			 "\"code\" and \"message\"");
		goto out;
	}
	char *c = dlt_text_clean(code->valuestring, strlen(code->valuestring), 24);
	snprintf(r->code, sizeof r->code, "%s", c);
	free(c);
	r->kind = dlt_ext_error_kind(code->valuestring);
	r->message =
		dlt_text_clean(msg->valuestring, strlen(msg->valuestring), DLT_EXT_MAX_ERROR_TEXT);
	if (r->kind == DLT_E_RPC) {
		const cJSON *rc_ = cJSON_GetObjectItemCaseSensitive(e, "rpc_code");
		if (!is_int(rc_, -9007199254740992.0)) {
			snprintf(err, errlen, "an \"rpc\" error without an integer \"rpc_code\"");
			dlt_ext_reply_clear(r);
			goto out;
		}
		r->rpc_code = (long)rc_->valuedouble;
		r->rpc_error = cJSON_CreateObject();
		cJSON_AddNumberToObject(r->rpc_error, "code", rc_->valuedouble);
		cJSON_AddStringToObject(r->rpc_error, "message", msg->valuestring);
		const cJSON *data = cJSON_GetObjectItemCaseSensitive(e, "data");
		if (data)
			cJSON_AddItemToObject(r->rpc_error, "data", cJSON_Duplicate(data, 1));
	}
	rc = 0;
out:
	cJSON_Delete(doc);
	return rc;
}

/* An array of at most DLT_EXT_MAX_NAMES strings of 1..DLT_EXT_MAX_NAME bytes. */
static int name_list(const cJSON *a)
{
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) > DLT_EXT_MAX_NAMES)
		return 0;
	const cJSON *x;
	cJSON_ArrayForEach (x, a)
		if (!cJSON_IsString(x) || !x->valuestring[0] ||
		    strlen(x->valuestring) > DLT_EXT_MAX_NAME)
			return 0;
	return 1;
}

static int short_string(const cJSON *v, size_t max)
{
	return cJSON_IsString(v) && strlen(v->valuestring) <= max;
}

int dlt_ext_check_hello(const cJSON *h, char *err, size_t errlen)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(h, "protocol");
	const char *bad = NULL;
	if (!cJSON_IsObject(h))
		bad = "the hello result is not an object";
	else if (!cJSON_IsNumber(p) || p->valuedouble != DLT_EXT_PROTOCOL)
		bad = "hello.protocol is not 1, the version this runner speaks";
	else if (!short_string(cJSON_GetObjectItemCaseSensitive(h, "implementation"), 128) ||
		 !cJSON_GetObjectItemCaseSensitive(h, "implementation")->valuestring[0])
		bad = "hello.implementation is not a non-empty string (at most 128 bytes)";
	else if (!short_string(cJSON_GetObjectItemCaseSensitive(h, "version"), 128))
		bad = "hello.version is not a string (at most 128 bytes)";
	else if (!short_string(cJSON_GetObjectItemCaseSensitive(h, "family"), 64))
		bad = "hello.family is not a string";
	else if (!name_list(cJSON_GetObjectItemCaseSensitive(h, "capabilities")))
		bad = "hello.capabilities is not an array of names (at most 64, each 1..64 bytes)";
	else if (!name_list(cJSON_GetObjectItemCaseSensitive(h, "operations")))
		bad = "hello.operations is not an array of names (at most 64, each 1..64 bytes)";
	else if (cJSON_GetObjectItemCaseSensitive(h, "params") &&
		 !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(h, "params")))
		bad = "hello.params is not an object";
	else {
		const cJSON *pub = cJSON_GetObjectItemCaseSensitive(h, "pub");
		if (pub && !cJSON_IsNull(pub) && !short_string(pub, 256))
			bad = "hello.pub is neither null nor an endpoint string";
	}
	if (bad) {
		snprintf(err, errlen, "%s", bad);
		return -1;
	}
	return 0;
}

int dlt_ext_hello_has_op(const cJSON *hello, const char *op)
{
	const cJSON *x;
	cJSON_ArrayForEach (x, cJSON_GetObjectItemCaseSensitive(hello, "operations"))
		if (cJSON_IsString(x) && !strcmp(x->valuestring, op))
			return 1;
	return 0;
}

static int digits(const cJSON *v)
{
	if (!cJSON_IsString(v) || !v->valuestring[0] || strlen(v->valuestring) > 100)
		return 0;
	for (const char *s = v->valuestring; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int check_block(const cJSON *b)
{
	if (cJSON_IsNull(b))
		return 1;
	const cJSON *txids = cJSON_GetObjectItemCaseSensitive(b, "txids"), *t;
	if (!cJSON_IsObject(b) || !is_int(cJSON_GetObjectItemCaseSensitive(b, "number"), 0) ||
	    !short_string(cJSON_GetObjectItemCaseSensitive(b, "hash"), 256) ||
	    !short_string(cJSON_GetObjectItemCaseSensitive(b, "parent"), 256) ||
	    !is_int(cJSON_GetObjectItemCaseSensitive(b, "time"), 0) || !cJSON_IsArray(txids))
		return 0;
	cJSON_ArrayForEach (t, txids)
		if (!short_string(t, 256))
			return 0;
	return 1;
}

static int check_status(const cJSON *s)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(s, "state");
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(s, "block");
	const cJSON *fee = cJSON_GetObjectItemCaseSensitive(s, "fee");
	return cJSON_IsObject(s) && cJSON_IsString(st) &&
	       (!strcmp(st->valuestring, "pending") || !strcmp(st->valuestring, "confirmed") ||
		!strcmp(st->valuestring, "unknown")) &&
	       (cJSON_IsNull(b) || is_int(b, 0)) &&
	       is_int(cJSON_GetObjectItemCaseSensitive(s, "confirmations"), 0) &&
	       (!fee || digits(fee));
}

static int check_raw(const cJSON *r)
{
	const cJSON *body = cJSON_GetObjectItemCaseSensitive(r, "body");
	const cJSON *ct = cJSON_GetObjectItemCaseSensitive(r, "content_type");
	return cJSON_IsObject(r) && is_int(cJSON_GetObjectItemCaseSensitive(r, "status"), 0) &&
	       (cJSON_IsString(body) || dlt_json_is_bytes(body)) &&
	       (!ct || cJSON_IsNull(ct) || short_string(ct, 256));
}

int dlt_ext_check_result(const char *op, const cJSON *r, char *err, size_t errlen)
{
	const char *want = NULL;
	if (!strcmp(op, "info"))
		want = cJSON_IsObject(r) ? NULL : "an object";
	else if (!strcmp(op, "height"))
		want = is_int(r, 0) ? NULL : "a non-negative integer";
	else if (!strcmp(op, "block"))
		want = check_block(r) ? NULL
				      : "null or {\"number\",\"hash\",\"parent\",\"time\","
					"\"txids\":[...]}";
	else if (!strcmp(op, "produce_blocks")) {
		int good = cJSON_IsArray(r);
		const cJSON *x;
		cJSON_ArrayForEach (x, r)
			good &= short_string(x, 256);
		want = good ? NULL : "an array of block hashes (strings)";
	} else if (!strcmp(op, "new_address") || !strcmp(op, "transfer"))
		want = short_string(r, 1024) && r->valuestring[0] ? NULL : "a non-empty string";
	else if (!strcmp(op, "balance"))
		want = digits(r) ? NULL : "a string of decimal digits";
	else if (!strcmp(op, "tx_status"))
		want = check_status(r) ? NULL
				       : "{\"state\":\"pending\"|\"confirmed\"|\"unknown\","
					 "\"block\":n|null,\"confirmations\":n}";
	else if (!strcmp(op, "rpc_raw"))
		want = check_raw(r) ? NULL
				    : "{\"status\":n,\"body\":string or {\"$bytes\":hex},"
				      "\"content_type\"}";
	if (want) {
		snprintf(err, errlen, "the result of %s is not %s", op, want);
		return -1;
	}
	return 0;
}
