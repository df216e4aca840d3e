/*
 * jsonrpc.c: JSON-RPC over HTTP with libcurl, shared by the adapters.
 *
 * One client owns one curl easy handle; curl keeps the TCP connection alive between calls, so a
 * scenario's thousand calls cost one connect. Every request is a POST with Content-Type
 * application/json. The response body is always read and parsed, whatever the HTTP status,
 * because several nodes carry JSON-RPC errors in 4xx/5xx bodies. Only a body that is not a
 * JSON-RPC envelope turns a non-200 status into a protocol error.
 */
#include "jsonrpc.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jsonrpc_client {
	CURL *curl;
	struct curl_slist *headers;
	char *name;
	char *url;
	char *userpwd;
	enum jsonrpc_version version;
	long timeout_ms;
	long next_id;
	jsonrpc_observer observer;
	void *observer_ctx;
};

struct buf {
	char *data;
	size_t len, cap;
};

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct buf *b = userdata;
	size_t n = size * nmemb;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->data, cap);
		if (!p)
			return 0;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, ptr, n);
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

void dlt_err_clear(struct dlt_err *e)
{
	if (!e)
		return;
	cJSON_Delete(e->rpc_error);
	e->rpc_error = NULL;
	e->kind = DLT_OK;
	e->rpc_code = 0;
	e->msg[0] = '\0';
}

int dlt_err_set(struct dlt_err *e, int kind, const char *fmt, ...)
{
	if (!e)
		return kind;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->kind = kind;
	return kind;
}

void dlt_http_reply_free(struct dlt_http_reply *r)
{
	if (!r)
		return;
	free(r->body);
	free(r->content_type);
	memset(r, 0, sizeof *r);
}

struct jsonrpc_client *jsonrpc_client_new(const char *target_name, const char *url,
					  const char *user, const char *password,
					  enum jsonrpc_version version)
{
	struct jsonrpc_client *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->curl = curl_easy_init();
	c->name = strdup(target_name ? target_name : url);
	c->url = strdup(url);
	c->version = version;
	c->timeout_ms = 30000;
	c->next_id = 1;
	if (!c->curl || !c->name || !c->url) {
		jsonrpc_client_free(c);
		return NULL;
	}
	if (user) {
		size_t n = strlen(user) + (password ? strlen(password) : 0) + 2;
		c->userpwd = malloc(n);
		if (c->userpwd)
			snprintf(c->userpwd, n, "%s:%s", user, password ? password : "");
	}
	c->headers = curl_slist_append(NULL, "Content-Type: application/json");
	c->headers = curl_slist_append(c->headers, "Accept: application/json");
	c->headers = curl_slist_append(c->headers, "Expect:");
	return c;
}

void jsonrpc_client_free(struct jsonrpc_client *c)
{
	if (!c)
		return;
	if (c->curl)
		curl_easy_cleanup(c->curl);
	curl_slist_free_all(c->headers);
	free(c->name);
	free(c->url);
	if (c->userpwd) {
		memset(c->userpwd, 0, strlen(c->userpwd));
		free(c->userpwd);
	}
	free(c);
}

void jsonrpc_client_set_timeout(struct jsonrpc_client *c, long ms)
{
	c->timeout_ms = ms > 0 ? ms : 1;
}

void jsonrpc_client_set_observer(struct jsonrpc_client *c, jsonrpc_observer fn, void *ctx)
{
	c->observer = fn;
	c->observer_ctx = ctx;
}

/* One HTTP POST; fills reply. Transport failures become DLT_E_TRANSPORT / DLT_E_TIMEOUT. */
static int http_post(struct jsonrpc_client *c, const char *path, const char *body, size_t len,
		     const char *content_type, struct dlt_http_reply *reply, struct dlt_err *err)
{
	char url[2048];
	snprintf(url, sizeof url, "%s%s", c->url, path ? path : "");
	struct buf b = {0};
	struct curl_slist *headers = c->headers, *custom = NULL;
	if (content_type) {
		char h[256];
		snprintf(h, sizeof h, "Content-Type: %s", content_type);
		custom = curl_slist_append(custom, h);
		custom = curl_slist_append(custom, "Expect:");
		headers = custom;
	}
	CURL *h = c->curl;
	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)len);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->timeout_ms < 5000 ? c->timeout_ms : 5000);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	if (c->userpwd) {
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(h, CURLOPT_USERPWD, c->userpwd);
	}
	CURLcode rc = curl_easy_perform(h);
	curl_slist_free_all(custom);
	if (rc != CURLE_OK) {
		free(b.data);
		int kind = rc == CURLE_OPERATION_TIMEDOUT ? DLT_E_TIMEOUT : DLT_E_TRANSPORT;
		return dlt_err_set(err, kind, "target %s (%s): %s%s", c->name, url,
				   curl_easy_strerror(rc),
				   kind == DLT_E_TIMEOUT ? " (no answer within the call timeout)" : "");
	}
	memset(reply, 0, sizeof *reply);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply->status);
	char *ct = NULL;
	curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
	reply->content_type = ct ? strdup(ct) : NULL;
	if (!b.data) {
		b.data = calloc(1, 1);
		if (!b.data)
			return dlt_err_set(err, DLT_E_TRANSPORT, "out of memory");
	}
	reply->body = b.data;
	reply->body_len = b.len;
	return DLT_OK;
}

int jsonrpc_post_raw(struct jsonrpc_client *c, const char *path, const char *body, size_t len,
		     const char *content_type, struct dlt_http_reply *reply, struct dlt_err *err)
{
	return http_post(c, path, body, len, content_type, reply, err);
}

/* Shorten a node's text for an error message; the text is data, kept printable. */
static void excerpt(const char *s, size_t n, char *out, size_t outlen)
{
	size_t j = 0;
	for (size_t i = 0; i < n && j + 4 < outlen; i++) {
		unsigned char ch = (unsigned char)s[i];
		out[j++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
	}
	if (n > 0 && j + 4 >= outlen) {
		out[j++] = '.';
		out[j++] = '.';
		out[j++] = '.';
	}
	out[j] = '\0';
}

static int reply_status_error(struct jsonrpc_client *c, const struct dlt_http_reply *r,
			      const char *method, struct dlt_err *err)
{
	char ex[160];
	excerpt(r->body, r->body_len, ex, sizeof ex);
	if (r->status == 401 || r->status == 403)
		return dlt_err_set(err, DLT_E_TRANSPORT,
				   "target %s (%s): HTTP %ld: the node refused the credentials",
				   c->name, c->url, r->status);
	return dlt_err_set(err, DLT_E_PROTOCOL,
			   "target %s (%s): %s: HTTP %ld with a body that is not a JSON-RPC "
			   "answer: \"%s\"", c->name, c->url, method, r->status, ex);
}

int jsonrpc_call(struct jsonrpc_client *c, const char *path, const char *method,
		 const cJSON *params, cJSON **result, struct dlt_err *err)
{
	*result = NULL;
	cJSON *req = cJSON_CreateObject();
	if (c->version == JSONRPC_2_0)
		cJSON_AddStringToObject(req, "jsonrpc", "2.0");
	else
		cJSON_AddStringToObject(req, "jsonrpc", "1.0");
	long id = c->next_id++;
	cJSON_AddNumberToObject(req, "id", (double)id);
	cJSON_AddStringToObject(req, "method", method);
	if (params)
		cJSON_AddItemToObject(req, "params", cJSON_Duplicate(params, 1));
	else
		cJSON_AddItemToObject(req, "params", cJSON_CreateArray());
	char *body = cJSON_PrintUnformatted(req);
	cJSON_Delete(req);
	if (!body)
		return dlt_err_set(err, DLT_E_ARG, "out of memory encoding %s", method);
	struct dlt_http_reply r;
	int rc = http_post(c, path, body, strlen(body), NULL, &r, err);
	free(body);
	if (rc)
		return rc;
	if (r.status == 401 || r.status == 403) {
		rc = reply_status_error(c, &r, method, err);
		dlt_http_reply_free(&r);
		return rc;
	}
	cJSON *doc = cJSON_ParseWithLength(r.body, r.body_len);
	if (!doc || !cJSON_IsObject(doc)) {
		if (r.status != 200)
			rc = reply_status_error(c, &r, method, err);
		else {
			char ex[160];
			excerpt(r.body, r.body_len, ex, sizeof ex);
			rc = dlt_err_set(err, DLT_E_PROTOCOL,
					 "target %s (%s): %s: the answer is not a JSON object: \"%s\"",
					 c->name, c->url, method, ex);
		}
		cJSON_Delete(doc);
		dlt_http_reply_free(&r);
		return rc;
	}
	dlt_http_reply_free(&r);
	cJSON *error = cJSON_GetObjectItemCaseSensitive(doc, "error");
	cJSON *res = cJSON_GetObjectItemCaseSensitive(doc, "result");
	if (error && !cJSON_IsNull(error)) {
		cJSON *code = cJSON_GetObjectItemCaseSensitive(error, "code");
		cJSON *msg = cJSON_GetObjectItemCaseSensitive(error, "message");
		err->rpc_code = cJSON_IsNumber(code) ? (long)code->valuedouble : 0;
		cJSON_DetachItemViaPointer(doc, error);
		cJSON_Delete(err->rpc_error);
		err->rpc_error = error;
		dlt_err_set(err, DLT_E_RPC, "target %s: %s: error %ld: %s", c->name, method,
			    err->rpc_code, cJSON_IsString(msg) ? msg->valuestring : "(no message)");
		if (c->observer)
			c->observer(c->observer_ctx, c->name, method, params, NULL, error);
		cJSON_Delete(doc);
		return DLT_E_RPC;
	}
	if (!res) {
		cJSON_Delete(doc);
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s (%s): %s: the answer has neither result nor error",
				   c->name, c->url, method);
	}
	cJSON_DetachItemViaPointer(doc, res);
	cJSON_Delete(doc);
	if (c->observer)
		c->observer(c->observer_ctx, c->name, method, params, res, NULL);
	*result = res;
	return DLT_OK;
}

int jsonrpc_post_json(struct jsonrpc_client *c, const char *path, const cJSON *body,
		      cJSON **answer, struct dlt_err *err)
{
	*answer = NULL;
	char *text = body ? cJSON_PrintUnformatted(body) : strdup("{}");
	if (!text)
		return dlt_err_set(err, DLT_E_ARG, "out of memory");
	struct dlt_http_reply r;
	int rc = http_post(c, path, text, strlen(text), NULL, &r, err);
	free(text);
	if (rc)
		return rc;
	cJSON *doc = cJSON_ParseWithLength(r.body, r.body_len);
	if (!doc) {
		rc = reply_status_error(c, &r, path, err);
		dlt_http_reply_free(&r);
		return rc;
	}
	dlt_http_reply_free(&r);
	*answer = doc;
	return DLT_OK;
}
