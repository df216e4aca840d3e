/*
 * jsonrpc.c: JSON-RPC over HTTP with libcurl, shared by the adapters.
 *
 * One client owns one curl easy handle; curl keeps the TCP connection alive between calls, so a
 * scenario's thousand calls cost one connect. Every request is a POST with Content-Type
 * application/json. The response body is always read and parsed, whatever the HTTP status,
 * because several nodes carry JSON-RPC errors in 4xx/5xx bodies. Only a body that is not a
 * JSON-RPC envelope turns a non-200 status into a protocol error.
 *
 * Answers are untrusted: the body is read into a buffer that never grows past the client's
 * max_response (curl refuses a larger Content-Length up front; the write callback stops a body
 * that goes past it), the envelope's id and "jsonrpc" member are checked against the request,
 * and what is kept of an error object is bounded. curl's progress callback, which runs at least
 * about once a second while a call waits, ends the call when the abort flag is raised.
 */
#include "adapters/jsonrpc.h"
#include "common/abort_flag.h"
#include "common/buf.h"
#include "common/mem.h"
#include "adapters/json_nul.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct jsonrpc_client {
	CURL *curl;
	struct curl_slist *headers;
	char *name;
	char *url;
	char *userpwd;
	enum jsonrpc_version version;
	long timeout_ms;
	size_t max_response;
	long next_id;
	jsonrpc_observer observer;
	void *observer_ctx;
};

/* the answer being read: its body (never longer than max) and what the headers said */
struct answer {
	struct dlt_buf body;
	size_t max; /* body.len never exceeds it */
	int over; /* the body went past max: reading stopped there */
	unsigned long long declared; /* the answer's Content-Length, when it has one */
	int has_declared;
};

/* curl's header callback: notes the Content-Length, for the message when it is refused. */
static size_t on_header(char *ptr, size_t size, size_t nitems, void *userdata)
{
	struct answer *b = userdata;
	size_t n = size * nitems;
	static const char name[] = "content-length:";
	if (n > sizeof name - 1 && strncasecmp(ptr, name, sizeof name - 1) == 0) {
		char digits[32];
		size_t k = n - (sizeof name - 1);
		if (k >= sizeof digits)
			k = sizeof digits - 1;
		memcpy(digits, ptr + sizeof name - 1, k);
		digits[k] = '\0';
		char *end;
		errno = 0;
		unsigned long long v = strtoull(digits, &end, 10);
		if (end != digits && errno == 0) {
			b->declared = v;
			b->has_declared = 1;
		}
	}
	return n;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct answer *b = userdata;
	size_t n = size * nmemb;
	if (n > b->max - b->body.len) {
		b->over = 1;
		return 0; /* anything but n: curl ends the transfer with CURLE_WRITE_ERROR */
	}
	dlt_buf_append(&b->body, ptr, n);
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

/* curl_slist_append, which returns NULL only for lack of memory */
static struct curl_slist *header(struct curl_slist *list, const char *line)
{
	struct curl_slist *l = curl_slist_append(list, line);
	if (!l)
		dlt_out_of_memory("a libcurl header list");
	return l;
}

struct jsonrpc_client *jsonrpc_client_new(const char *target_name, const char *url,
					  const char *user, const char *password,
					  enum jsonrpc_version version)
{
	struct jsonrpc_client *c = dlt_xcalloc(1, sizeof *c);
	/* libcurl fails to make a handle or a header list only for lack of memory */
	if (!(c->curl = curl_easy_init()))
		dlt_out_of_memory("a libcurl handle");
	c->name = dlt_xstrdup(target_name ? target_name : url);
	c->url = dlt_xstrdup(url);
	c->version = version;
	c->timeout_ms = 30000;
	c->max_response = DLT_MAX_RESPONSE_DEFAULT;
	c->next_id = 1;
	if (user)
		c->userpwd = dlt_printf("%s:%s", user, password ? password : "");
	c->headers = header(NULL, "Content-Type: application/json");
	c->headers = header(c->headers, "Accept: application/json");
	c->headers = header(c->headers, "Expect:");
	return c;
}

int jsonrpc_client_add_header(struct jsonrpc_client *c, const char *line)
{
	struct curl_slist *l = curl_slist_append(c->headers, line);
	if (!l)
		return -1;
	c->headers = l;
	return 0;
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

void jsonrpc_client_set_max_response(struct jsonrpc_client *c, size_t bytes)
{
	c->max_response = bytes > 0 ? bytes : DLT_MAX_RESPONSE_DEFAULT;
}

/* curl's progress callback: a non-zero return ends the transfer (CURLE_ABORTED_BY_CALLBACK). */
static int on_progress(void *p, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	(void)p;
	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return dlt_abort_flag_raised();
}

static int limit_error(struct jsonrpc_client *c, const struct answer *b, const char *url,
		       struct dlt_err *err)
{
	if (b->has_declared && b->declared > (unsigned long long)c->max_response)
		return dlt_err_set(err, DLT_E_LIMIT,
				   "target %s (%s): answer exceeds --max-response of %zu bytes "
				   "(Content-Length: %llu; refused unread)",
				   c->name, url, c->max_response, b->declared);
	return dlt_err_set(err, DLT_E_LIMIT,
			   "target %s (%s): answer exceeds --max-response of %zu bytes (reading "
			   "stopped there)",
			   c->name, url, c->max_response);
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
	if (dlt_abort_flag_raised())
		return dlt_err_set(err, DLT_E_INTERRUPTED,
				   "target %s (%s): not called: the run was interrupted (signal)",
				   c->name, url);
	struct answer b = { DLT_BUF_INIT, c->max_response, 0, 0, 0 };
	struct curl_slist *headers = c->headers, *custom = NULL;
	if (content_type) {
		char h[256];
		snprintf(h, sizeof h, "Content-Type: %s", content_type);
		custom = header(custom, h);
		custom = header(custom, "Expect:");
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
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &b);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->timeout_ms < 5000 ? c->timeout_ms : 5000);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)(c->max_response > (size_t)INT64_MAX
					      ? INT64_MAX
					      : (int64_t)c->max_response));
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	if (c->userpwd) {
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(h, CURLOPT_USERPWD, c->userpwd);
	}
	CURLcode rc = curl_easy_perform(h);
	curl_slist_free_all(custom);
	if (rc != CURLE_OK) {
		dlt_buf_free(&b.body);
		if (b.over || rc == CURLE_FILESIZE_EXCEEDED)
			return limit_error(c, &b, url, err);
		if (rc == CURLE_ABORTED_BY_CALLBACK && dlt_abort_flag_raised())
			return dlt_err_set(err, DLT_E_INTERRUPTED,
					   "target %s (%s): the run was interrupted (signal) while "
					   "waiting for the answer",
					   c->name, url);
		int kind = rc == CURLE_OPERATION_TIMEDOUT ? DLT_E_TIMEOUT : DLT_E_TRANSPORT;
		return dlt_err_set(
			err, kind, "target %s (%s): %s%s", c->name, url, curl_easy_strerror(rc),
			kind == DLT_E_TIMEOUT ? " (no answer within the call timeout)" : "");
	}
	memset(reply, 0, sizeof *reply);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply->status);
	char *ct = NULL;
	curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
	reply->content_type = dlt_xstrdup(ct);
	reply->body_len = b.body.len;
	reply->body = dlt_buf_take(&b.body);
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
			   "answer: \"%s\"",
			   c->name, c->url, method, r->status, ex);
}

/* How many of the first len bytes of s to keep so that at most max remain, without cutting a
 * UTF-8 sequence in two. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	for (int k = 0; k < 3 && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; k++)
		n--;
	return n;
}

/* A member of an answer, described for a message in at most 64 bytes. */
static void describe(const cJSON *v, char *out, size_t outlen)
{
	if (!v)
		snprintf(out, outlen, "missing");
	else if (cJSON_IsString(v)) {
		char ex[48];
		excerpt(v->valuestring, strlen(v->valuestring), ex, sizeof ex);
		snprintf(out, outlen, "\"%s\"", ex);
	} else if (cJSON_IsNumber(v))
		snprintf(out, outlen, "%.17g", v->valuedouble);
	else if (cJSON_IsNull(v))
		snprintf(out, outlen, "null");
	else if (cJSON_IsBool(v))
		snprintf(out, outlen, "%s", cJSON_IsTrue(v) ? "true" : "false");
	else
		snprintf(out, outlen, "%s", cJSON_IsArray(v) ? "an array" : "an object");
}

/* The envelope must answer this request: the same id (null only on the two errors JSON-RPC 2.0
 * names for a request whose id could not be read), and "jsonrpc": "2.0" from a 2.0 server. */
static int check_envelope(struct jsonrpc_client *c, const char *method, long id, const cJSON *doc,
			  const cJSON *error, struct dlt_err *err)
{
	const cJSON *rid = cJSON_GetObjectItemCaseSensitive(doc, "id");
	char got[64];
	if (!rid)
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s (%s): %s: the answer has no id (the request's id was "
				   "%ld)",
				   c->name, c->url, method, id);
	int same = cJSON_IsNumber(rid) && rid->valuedouble == (double)id;
	if (!same && cJSON_IsNull(rid) && error) {
		const cJSON *code = cJSON_GetObjectItemCaseSensitive(error, "code");
		same = cJSON_IsNumber(code) &&
		       (code->valuedouble == -32700 || code->valuedouble == -32600);
	}
	if (!same) {
		describe(rid, got, sizeof got);
		return dlt_err_set(
			err, DLT_E_PROTOCOL,
			"target %s (%s): %s: the answer's id is %s, the request's id was "
			"%ld",
			c->name, c->url, method, got, id);
	}
	if (c->version == JSONRPC_2_0) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, "jsonrpc");
		if (!cJSON_IsString(v) || strcmp(v->valuestring, "2.0") != 0) {
			describe(v, got, sizeof got);
			return dlt_err_set(
				err, DLT_E_PROTOCOL,
				"target %s (%s): %s: the answer's \"jsonrpc\" member is %s, "
				"expected \"2.0\"",
				c->name, c->url, method, got);
		}
	}
	return DLT_OK;
}

/* Bound what is kept of a node's error object (see JSONRPC_ERROR_* in jsonrpc.h). Consumes
 * error; returns what to keep. */
static cJSON *bound_error(cJSON *error)
{
	cJSON *msg = cJSON_GetObjectItemCaseSensitive(error, "message");
	if (cJSON_IsString(msg)) {
		size_t len = strlen(msg->valuestring);
		if (len > JSONRPC_ERROR_MESSAGE_MAX) {
			size_t keep = utf8_cut(msg->valuestring, len, JSONRPC_ERROR_MESSAGE_MAX);
			char *cut = dlt_printf("%.*s [cut: the message has %zu bytes, %zu kept]",
					       (int)keep, msg->valuestring, len, keep);
			cJSON_ReplaceItemInObjectCaseSensitive(error, "message",
							       cJSON_CreateString(cut));
			free(cut);
		}
	}
	char *text = cJSON_PrintUnformatted(error);
	size_t total = text ? strlen(text) : 0; /* NULL: an item cJSON cannot print */
	free(text);
	if (total <= JSONRPC_ERROR_KEEP_MAX)
		return error;
	char note[160];
	snprintf(note, sizeof note,
		 "[cut: the error object's JSON text has %zu bytes, over the "
		 "bound of %d; only code and message are kept]",
		 total, JSONRPC_ERROR_KEEP_MAX);
	cJSON *kept = cJSON_CreateObject();
	cJSON *code = cJSON_GetObjectItemCaseSensitive(error, "code");
	msg = cJSON_GetObjectItemCaseSensitive(error, "message");
	if (cJSON_IsNumber(code))
		cJSON_AddItemToObject(kept, "code", cJSON_DetachItemViaPointer(error, code));
	if (cJSON_IsString(msg))
		cJSON_AddItemToObject(kept, "message", cJSON_DetachItemViaPointer(error, msg));
	cJSON_AddStringToObject(kept, "data", note);
	cJSON_Delete(error);
	return kept;
}

/* Parse an answer's text with parse (NULL: cJSON_ParseWithLength), strings with a \u0000
 * escape first rewritten into byte-string forms (json_nul.h). */
static cJSON *parse_answer(const char *text, size_t len, jsonrpc_parser parse)
{
	size_t fixed_len = 0;
	char *fixed = dlt_json_nul_rewrite(text, len, &fixed_len);
	if (fixed) {
		text = fixed;
		len = fixed_len;
	}
	cJSON *doc = parse ? parse(text, len) : cJSON_ParseWithLength(text, len);
	free(fixed);
	return doc;
}

/* The envelope doc (consumed) answers request id: a result, or a JSON-RPC error in err. */
static int take_answer(struct jsonrpc_client *c, const char *method, const cJSON *params, long id,
		       cJSON *doc, cJSON **result, struct dlt_err *err)
{
	cJSON *error = cJSON_GetObjectItemCaseSensitive(doc, "error");
	cJSON *res = cJSON_GetObjectItemCaseSensitive(doc, "result");
	if (error && cJSON_IsNull(error))
		error = NULL;
	int rc = check_envelope(c, method, id, doc, error, err);
	if (rc) {
		cJSON_Delete(doc);
		return rc;
	}
	if (error) {
		cJSON_DetachItemViaPointer(doc, error);
		cJSON_Delete(doc);
		error = bound_error(error);
		cJSON *code = cJSON_GetObjectItemCaseSensitive(error, "code");
		cJSON *msg = cJSON_GetObjectItemCaseSensitive(error, "message");
		err->rpc_code = cJSON_IsNumber(code) ? (long)code->valuedouble : 0;
		cJSON_Delete(err->rpc_error);
		err->rpc_error = error;
		const char *text = cJSON_IsString(msg) ? msg->valuestring : "(no message)";
		size_t len = strlen(text);
		size_t keep = utf8_cut(text, len, 600);
		dlt_err_set(err, DLT_E_RPC, "target %s: %s: error %ld: %.*s%s", c->name, method,
			    err->rpc_code, (int)keep, text, keep < len ? " [...]" : "");
		if (c->observer)
			c->observer(c->observer_ctx, c->name, method, params, NULL, error);
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

int jsonrpc_call_parsed(struct jsonrpc_client *c, const char *path, const char *method,
			const cJSON *params, jsonrpc_parser parse, cJSON **result,
			struct dlt_err *err)
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
	if (!body) /* not for lack of memory (cJSON allocates through dlt_xmalloc) */
		return dlt_err_set(err, DLT_E_ARG, "%s: the params cannot be written as JSON",
				   method);
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
	cJSON *doc = parse_answer(r.body, r.body_len, parse);
	if (!doc || !cJSON_IsObject(doc)) {
		if (r.status != 200)
			rc = reply_status_error(c, &r, method, err);
		else {
			char ex[160];
			excerpt(r.body, r.body_len, ex, sizeof ex);
			rc = dlt_err_set(
				err, DLT_E_PROTOCOL,
				"target %s (%s): %s: the answer is not a JSON object: \"%s\"",
				c->name, c->url, method, ex);
		}
		cJSON_Delete(doc);
		dlt_http_reply_free(&r);
		return rc;
	}
	dlt_http_reply_free(&r);
	return take_answer(c, method, params, id, doc, result, err);
}

int jsonrpc_call(struct jsonrpc_client *c, const char *path, const char *method,
		 const cJSON *params, cJSON **result, struct dlt_err *err)
{
	return jsonrpc_call_parsed(c, path, method, params, NULL, result, err);
}

int jsonrpc_post_json(struct jsonrpc_client *c, const char *path, const cJSON *body, cJSON **answer,
		      struct dlt_err *err)
{
	*answer = NULL;
	char *text = body ? cJSON_PrintUnformatted(body) : dlt_xstrdup("{}");
	if (!text) /* not for lack of memory (cJSON allocates through dlt_xmalloc) */
		return dlt_err_set(err, DLT_E_ARG, "%s: the body cannot be written as JSON", path);
	struct dlt_http_reply r;
	int rc = http_post(c, path, text, strlen(text), NULL, &r, err);
	free(text);
	if (rc)
		return rc;
	cJSON *doc = parse_answer(r.body, r.body_len, NULL);
	if (!doc) {
		rc = reply_status_error(c, &r, path, err);
		dlt_http_reply_free(&r);
		return rc;
	}
	dlt_http_reply_free(&r);
	*answer = doc;
	return DLT_OK;
}
