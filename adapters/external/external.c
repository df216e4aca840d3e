/*
 * external.c: the external adapter, the runner side of the ZeroMQ adapter protocol
 * (docs/adapter-protocol.md). A target whose "adapter" is "external" names an endpoint; an
 * adapter process (any language) binds it with a REP or ROUTER socket and maps the suite's
 * neutral operations, raw calls and subscriptions onto its ledger.
 *
 * Each connection (one per worker thread, like the HTTP adapters) is a DEALER socket: a
 * request is two frames (empty delimiter, JSON), so a REP adapter sees an ordinary request.
 * DEALER rather than REQ because of deadlines: a REQ socket whose reply never comes is stuck,
 * while a DEALER simply drops a late reply, which it recognizes by its "id". open() says hello
 * and keeps the answer: the operations the adapter declares, its capabilities, params and the
 * PUB endpoint its announcements come from.
 *
 * Everything the adapter sends is untrusted: a frame over the size limit (--max-response) makes
 * libzmq drop the connection (ZMQ_MAXMSGSIZE), which a socket monitor reports; a reply that is
 * not the protocol's shape, or whose result is not the operation's shape (ext_msg.c), is a
 * broken adapter, not a finding about the ledger: DLT_E_TRANSPORT (verdict error) naming the
 * target and what was wrong (an adapter relays a ledger's own malformed answer as error code
 * "protocol", DLT_E_PROTOCOL, verdict fail); a reply that does not come in time is DLT_E_TIMEOUT;
 * an interrupted run stops waiting within DLT_EXT_SLICE_MS. Endpoints off this machine need
 * CURVE: the target's server key, and a fresh client key pair per connection.
 */
#include "config.h"
#include "adapters/external/external.h"
#include "adapters/external/ext_msg.h"
#include "adapters/adapter_util.h"
#include "adapters/zmq_sub.h"
#include "common/abort_flag.h"
#include "common/clock.h"
#include "common/json_bytes.h"
#include "common/mem.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define DLT_EXT_SLICE_MS 250
/* stale replies (to requests that timed out) dropped while waiting for one answer */
#define DLT_EXT_MAX_STALE 64

struct dlt_conn {
	void *sock;
	void *mon; /* PAIR socket receiving the monitor's events */
	char *name; /* the target's, for messages */
	char *endpoint;
	long timeout_ms;
	long long next_id;
	size_t max_msg;
	int handshaken, lost;
	cJSON *hello;
};

static void *ctx;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;

static void ctx_init(void)
{
	ctx = zmq_ctx_new();
}

static const char *const ext_caps[] = {
	"rpc",          "raw_rpc", "batch", "accounts", "mine",
	"time_control", "wallet",  "zmq",   "proof",    NULL,
};

int dlt_ext_endpoint_is_local(const char *e)
{
	if (!e)
		return 0;
	if (!strncmp(e, "ipc://", 6) || !strncmp(e, "inproc://", 9))
		return 1;
	if (strncmp(e, "tcp://", 6) != 0)
		return 0;
	const char *h = e + 6;
	if (strchr(h, ';'))
		return 0; /* the "source;destination" form names two hosts */
	if (!strncmp(h, "localhost:", 10) || !strncmp(h, "[::1]:", 6))
		return 1;
	if (strncmp(h, "127.", 4) != 0)
		return 0;
	size_t n = strspn(h, "0123456789."); /* an address, not a name such as 127.example.com */
	return h[n] == ':';
}

const cJSON *dlt_ext_conn_hello(const struct dlt_conn *c)
{
	return c->hello;
}

static void drain_events(struct dlt_conn *c)
{
	for (unsigned short ev; c->mon && (ev = dlt_zmq_monitor_event(c->mon, ZMQ_DONTWAIT));) {
		if (ev == ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
			c->handshaken = 1;
		else if (ev == ZMQ_EVENT_DISCONNECTED && c->handshaken)
			c->lost = 1;
	}
}

static void ext_close(struct dlt_conn *c)
{
	if (!c)
		return;
	if (c->sock) {
		zmq_socket_monitor(c->sock, NULL, 0);
		zmq_close(c->sock);
	}
	if (c->mon)
		zmq_close(c->mon);
	free(c->name);
	free(c->endpoint);
	cJSON_Delete(c->hello);
	free(c);
}

static void ext_set_timeout(struct dlt_conn *c, long ms)
{
	c->timeout_ms = ms > 0 ? ms : 30000;
}

/* Read one whole message (at most 4 frames kept) into m; 0, or -1 when nothing was there. */
static int recv_message(void *sock, struct dlt_zmq_msg *m)
{
	memset(m, 0, sizeof *m);
	int more = 1;
	while (more) {
		zmq_msg_t f;
		zmq_msg_init(&f);
		if (zmq_msg_recv(&f, sock, m->nframes ? 0 : ZMQ_DONTWAIT) < 0) {
			zmq_msg_close(&f);
			return m->nframes ? 0 : -1;
		}
		more = zmq_msg_more(&f);
		if (m->nframes < DLT_ZMQ_MAX_FRAMES) {
			size_t n = zmq_msg_size(&f);
			m->frame[m->nframes] = dlt_xmalloc(n + 1);
			memcpy(m->frame[m->nframes], zmq_msg_data(&f), n);
			m->frame[m->nframes][n] = 0;
			m->size[m->nframes] = n;
		}
		m->nframes++;
		zmq_msg_close(&f);
	}
	return 0;
}

/* Send op and wait for the reply with the same id: 0 with *rep filled, or a DLT_E_* code. raw,
 * when not NULL, gets the text of the last reply read. */
static int exchange(struct dlt_conn *c, const char *op, cJSON *args, long timeout_ms,
		    struct dlt_ext_reply *rep, char **raw, struct dlt_err *err)
{
	memset(rep, 0, sizeof *rep);
	drain_events(c);
	c->lost = 0;
	long long id = ++c->next_id;
	char *req = dlt_ext_request(id, op, args, timeout_ms);
	int sent = zmq_send(c->sock, "", 0, ZMQ_SNDMORE | ZMQ_DONTWAIT) == 0 &&
		   zmq_send(c->sock, req, strlen(req), ZMQ_DONTWAIT) >= 0;
	free(req);
	if (!sent)
		return dlt_err_set(err, DLT_E_TRANSPORT,
				   "target %s: cannot send %s to the adapter "
				   "at %s: %s",
				   c->name, op, c->endpoint, zmq_strerror(zmq_errno()));
	long long deadline = dlt_now_ms() + timeout_ms;
	int stale = 0;
	for (;;) {
		if (dlt_abort_flag_raised())
			return dlt_err_set(err, DLT_E_INTERRUPTED,
					   "target %s: interrupted while "
					   "waiting for the adapter's answer to %s",
					   c->name, op);
		long long left = deadline - dlt_now_ms();
		if (left <= 0)
			return dlt_err_set(
				err, DLT_E_TIMEOUT,
				"target %s: the adapter at %s did not "
				"answer %s within %ld ms (--call-timeout, or what is left of "
				"the scenario's time)",
				c->name, c->endpoint, op, timeout_ms);
		zmq_pollitem_t it[2] = { { c->sock, 0, ZMQ_POLLIN, 0 },
					 { c->mon, 0, ZMQ_POLLIN, 0 } };
		if (zmq_poll(it, c->mon ? 2 : 1,
			     left < DLT_EXT_SLICE_MS ? (long)left : DLT_EXT_SLICE_MS) < 0)
			continue;
		drain_events(c);
		struct dlt_zmq_msg m;
		if (recv_message(c->sock, &m) != 0) {
			if (c->lost)
				return dlt_err_set(
					err, DLT_E_TRANSPORT,
					"target %s: the connection to "
					"the adapter at %s was closed during %s (an answer "
					"over the %zu-byte limit, --max-response, is refused "
					"this way; or the adapter exited)",
					c->name, c->endpoint, op, c->max_msg);
			continue;
		}
		int rc = 0;
		char why[300];
		if (m.nframes != 2 || m.size[0] != 0) {
			snprintf(why, sizeof why,
				 "the reply has %d frame(s) (%s); expected two: an "
				 "empty delimiter, then the JSON",
				 m.nframes, m.nframes && m.size[0] ? "the first is not empty" : "");
			rc = -1;
		} else {
			if (raw) {
				free(*raw);
				*raw = dlt_xstrdup((char *)m.frame[1]);
			}
			rc = dlt_ext_parse_reply((char *)m.frame[1], m.size[1], rep, why,
						 sizeof why);
		}
		dlt_zmq_msg_free(&m);
		if (rc)
			return dlt_err_set(err, DLT_E_TRANSPORT,
					   "target %s: malformed answer of the "
					   "adapter at %s to %s: %s",
					   c->name, c->endpoint, op, why);
		if (rep->id == id)
			return DLT_OK;
		dlt_ext_reply_clear(rep); /* a late answer to an earlier request */
		if (++stale > DLT_EXT_MAX_STALE)
			return dlt_err_set(err, DLT_E_TRANSPORT,
					   "target %s: the adapter at %s sent "
					   "more than %d answers to other requests while %s waited",
					   c->name, c->endpoint, DLT_EXT_MAX_STALE, op);
	}
}

int dlt_ext_exchange(struct dlt_conn *c, const char *op, cJSON *args, long timeout_ms,
		     cJSON **result, char **raw, struct dlt_err *err)
{
	*result = NULL;
	struct dlt_ext_reply rep;
	int rc = exchange(c, op, args, timeout_ms, &rep, raw, err);
	if (rc)
		return rc;
	if (!rep.ok) {
		rc = dlt_err_set(err, rep.kind, "target %s: %s: error %s: %s", c->name, op,
				 rep.code, rep.message ? rep.message : "");
		if (rep.kind == DLT_E_RPC) {
			err->rpc_code = rep.rpc_code;
			cJSON_Delete(err->rpc_error);
			err->rpc_error = rep.rpc_error;
			rep.rpc_error = NULL;
		}
	} else {
		*result = rep.result;
		rep.result = NULL;
	}
	dlt_ext_reply_clear(&rep);
	return rc;
}

/* One operation: refused without a request when hello did not declare it; the result's shape
 * checked. */
static int call(struct dlt_conn *c, const char *op, cJSON *args, cJSON **result,
		struct dlt_err *err)
{
	*result = NULL;
	if (!dlt_ext_hello_has_op(c->hello, op)) {
		cJSON_Delete(args);
		return dlt_err_set(err, DLT_E_UNSUPPORTED,
				   "target %s: the adapter does not declare "
				   "the operation %s in its hello",
				   c->name, op);
	}
	int rc = dlt_ext_exchange(c, op, args, c->timeout_ms, result, NULL, err);
	if (rc)
		return rc;
	char why[300];
	if (dlt_ext_check_result(op, *result, why, sizeof why)) {
		cJSON_Delete(*result);
		*result = NULL;
		return dlt_err_set(err, DLT_E_TRANSPORT,
				   "target %s: malformed answer of the adapter "
				   "at %s: %s",
				   c->name, c->endpoint, why);
	}
	return DLT_OK;
}

static int set_curve(struct dlt_conn *c, const char *server_key, struct dlt_err *err)
{
	char pub[41], sec[41];
	if (strlen(server_key) != 40 || zmq_curve_keypair(pub, sec) != 0 ||
	    zmq_setsockopt(c->sock, ZMQ_CURVE_SERVERKEY, server_key, 40) != 0 ||
	    zmq_setsockopt(c->sock, ZMQ_CURVE_PUBLICKEY, pub, 40) != 0 ||
	    zmq_setsockopt(c->sock, ZMQ_CURVE_SECRETKEY, sec, 40) != 0) {
		memset(sec, 0, sizeof sec);
		return dlt_err_set(
			err, DLT_E_ARG,
			"target %s: CURVE cannot be set up (the server key "
			"must be 40 Z85 characters; libzmq must be built with CURVE): %s",
			c->name, zmq_strerror(zmq_errno()));
	}
	memset(sec, 0, sizeof sec);
	return DLT_OK;
}

static int ext_open(const struct dlt_adapter_config *cfg, struct dlt_conn **out,
		    struct dlt_err *err)
{
	*out = NULL;
	const char *ep = cfg->url;
	if (!ep || (strncmp(ep, "tcp://", 6) && strncmp(ep, "ipc://", 6)))
		return dlt_err_set(err, DLT_E_ARG,
				   "target %s: an external adapter's url is a ZeroMQ "
				   "endpoint (tcp://HOST:PORT or ipc://PATH), not %s",
				   cfg->name, ep ? ep : "(none)");
	if (!dlt_ext_endpoint_is_local(ep) && !cfg->curve_server_key)
		return dlt_err_set(err, DLT_E_ARG,
				   "target %s: %s is not a loopback endpoint: an "
				   "adapter off this machine needs CURVE, set \"curve_server_key\" "
				   "in the target file (docs/adapter-protocol.md, \"Security\")",
				   cfg->name, ep);
	pthread_once(&ctx_once, ctx_init);
	if (!ctx)
		return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ: cannot create a context");
	struct dlt_conn *c = dlt_xcalloc(1, sizeof *c);
	c->name = dlt_xstrdup(cfg->name ? cfg->name : ep);
	c->endpoint = dlt_xstrdup(ep);
	c->timeout_ms = 30000;
	c->max_msg = cfg->max_response ? cfg->max_response : DLT_MAX_RESPONSE_DEFAULT;
	c->sock = zmq_socket(ctx, ZMQ_DEALER);
	int zero = 0, hwm = 64;
	int64_t maxmsg = (int64_t)c->max_msg;
	if (!c->sock) {
		ext_close(c);
		return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ: cannot create a socket");
	}
	zmq_setsockopt(c->sock, ZMQ_LINGER, &zero, sizeof zero);
	zmq_setsockopt(c->sock, ZMQ_MAXMSGSIZE, &maxmsg, sizeof maxmsg);
	zmq_setsockopt(c->sock, ZMQ_RCVHWM, &hwm, sizeof hwm);
	if (cfg->curve_server_key && set_curve(c, cfg->curve_server_key, err)) {
		ext_close(c);
		return err->kind;
	}
	char inproc[64];
	snprintf(inproc, sizeof inproc, "inproc://dlt-ext-mon-%p", (void *)c);
	if (zmq_socket_monitor(c->sock, inproc,
			       ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_DISCONNECTED) == 0) {
		c->mon = zmq_socket(ctx, ZMQ_PAIR);
		if (c->mon && zmq_connect(c->mon, inproc) != 0) {
			zmq_close(c->mon);
			c->mon = NULL;
		}
	}
	if (zmq_connect(c->sock, ep) != 0) {
		dlt_err_set(err, DLT_E_ARG, "target %s: cannot connect to %s: %s", c->name, ep,
			    zmq_strerror(zmq_errno()));
		ext_close(c);
		return err->kind;
	}
	cJSON *args = cJSON_CreateObject();
	cJSON *versions = cJSON_AddArrayToObject(args, "protocols");
	cJSON_AddItemToArray(versions, cJSON_CreateNumber(DLT_EXT_PROTOCOL));
	cJSON_AddStringToObject(args, "runner", PACKAGE_STRING);
	cJSON_AddNumberToObject(args, "max_message", (double)c->max_msg);
	cJSON *hello = NULL;
	int rc = dlt_ext_exchange(c, "hello", args, DLT_EXT_HELLO_MS, &hello, NULL, err);
	char why[300];
	if (rc == DLT_OK && dlt_ext_check_hello(hello, why, sizeof why))
		rc = dlt_err_set(err, DLT_E_TRANSPORT,
				 "target %s: the hello of the adapter at %s: %s", c->name, ep, why);
	if (rc) {
		cJSON_Delete(hello);
		ext_close(c);
		return rc;
	}
	c->hello = hello;
	*out = c;
	return DLT_OK;
}

static int ext_rpc(struct dlt_conn *c, const char *method, const cJSON *params, cJSON **result,
		   struct dlt_err *err)
{
	cJSON *args = cJSON_CreateObject();
	cJSON_AddStringToObject(args, "method", method);
	cJSON_AddItemToObject(args, "params",
			      params ? cJSON_Duplicate(params, 1) : cJSON_CreateArray());
	return call(c, "rpc", args, result, err);
}

static int ext_rpc_raw(struct dlt_conn *c, const char *path, const char *body, size_t len,
		       const char *content_type, struct dlt_http_reply *reply, struct dlt_err *err)
{
	memset(reply, 0, sizeof *reply);
	cJSON *args = cJSON_CreateObject();
	if (path)
		cJSON_AddStringToObject(args, "path", path);
	else
		cJSON_AddNullToObject(args, "path");
	cJSON_AddItemToObject(args, "body", dlt_json_from_bytes(body, len));
	if (content_type)
		cJSON_AddStringToObject(args, "content_type", content_type);
	else
		cJSON_AddNullToObject(args, "content_type");
	cJSON *r;
	int rc = call(c, "rpc_raw", args, &r, err);
	if (rc)
		return rc;
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(r, "body");
	const cJSON *ct = cJSON_GetObjectItemCaseSensitive(r, "content_type");
	reply->status = (long)cJSON_GetObjectItemCaseSensitive(r, "status")->valuedouble;
	if (cJSON_IsString(b)) {
		reply->body_len = strlen(b->valuestring);
		reply->body = dlt_xstrdup(b->valuestring);
	} else
		reply->body = dlt_json_bytes_decode(b, &reply->body_len);
	reply->content_type = cJSON_IsString(ct) ? dlt_xstrdup(ct->valuestring) : NULL;
	cJSON_Delete(r);
	return DLT_OK;
}

/* info: the adapter's answer, with what hello said (capabilities, params, pub) added for the
 * runner (runner/attach.c applies them to the target). */
static int ext_info(struct dlt_conn *c, cJSON **out, struct dlt_err *err)
{
	int rc = call(c, "info", NULL, out, err);
	if (rc)
		return rc;
	static const char *const from_hello[] = {
		"implementation", "version", "family", "capabilities", "params", "pub", NULL
	};
	for (size_t i = 0; from_hello[i]; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->hello, from_hello[i]);
		if (!v)
			continue;
		const char *key = from_hello[i];
		char hk[32];
		if (cJSON_GetObjectItemCaseSensitive(*out, key)) {
			snprintf(hk, sizeof hk, "hello_%s", key);
			key = hk;
		}
		cJSON_AddItemToObject(*out, key, cJSON_Duplicate(v, 1));
	}
	return DLT_OK;
}

static int ext_height(struct dlt_conn *c, uint64_t *out, struct dlt_err *err)
{
	cJSON *r;
	int rc = call(c, "height", NULL, &r, err);
	if (rc == DLT_OK)
		*out = (uint64_t)r->valuedouble;
	cJSON_Delete(r);
	return rc;
}

static int ext_block(struct dlt_conn *c, const cJSON *which, cJSON **out, struct dlt_err *err)
{
	cJSON *args = cJSON_CreateObject();
	cJSON_AddItemToObject(args, "block",
			      which ? cJSON_Duplicate(which, 1) : cJSON_CreateNull());
	return call(c, "block", args, out, err);
}

static int ext_produce_blocks(struct dlt_conn *c, int n, const char *address, cJSON **hashes,
			      struct dlt_err *err)
{
	cJSON *args = cJSON_CreateObject();
	cJSON_AddNumberToObject(args, "n", n);
	if (address)
		cJSON_AddStringToObject(args, "address", address);
	else
		cJSON_AddNullToObject(args, "address");
	return call(c, "produce_blocks", args, hashes, err);
}

static int ext_new_address(struct dlt_conn *c, char **out, struct dlt_err *err)
{
	cJSON *r;
	int rc = call(c, "new_address", NULL, &r, err);
	if (rc == DLT_OK)
		*out = dlt_xstrdup(r->valuestring);
	cJSON_Delete(r);
	return rc;
}

static int ext_balance(struct dlt_conn *c, const char *address, char **decimal, struct dlt_err *err)
{
	cJSON *args = cJSON_CreateObject(), *r;
	cJSON_AddStringToObject(args, "address", address ? address : "");
	int rc = call(c, "balance", args, &r, err);
	if (rc == DLT_OK)
		*decimal = dlt_xstrdup(r->valuestring);
	cJSON_Delete(r);
	return rc;
}

static int ext_transfer(struct dlt_conn *c, const cJSON *request, char **txid, struct dlt_err *err)
{
	cJSON *r;
	int rc = call(c, "transfer", request ? cJSON_Duplicate(request, 1) : NULL, &r, err);
	if (rc == DLT_OK)
		*txid = dlt_xstrdup(r->valuestring);
	cJSON_Delete(r);
	return rc;
}

static int ext_tx_status(struct dlt_conn *c, const char *txid, cJSON **out, struct dlt_err *err)
{
	cJSON *args = cJSON_CreateObject();
	cJSON_AddStringToObject(args, "txid", txid ? txid : "");
	return call(c, "tx_status", args, out, err);
}

/* Subscriptions: the adapter's PUB socket (hello.pub) publishes two frames, the topic and
 * {"height":n,"hash":"..."}; the runner subscribes to the topic's prefix. */
struct ext_sub {
	struct dlt_zmq_sub *zs;
	char *name;
};

static int ext_subscribe(struct dlt_conn *c, const char *topic, void **sub, struct dlt_err *err)
{
	int rc = dlt_block_topic(topic, "block", "external", err);
	if (rc)
		return rc;
	const cJSON *pub = cJSON_GetObjectItemCaseSensitive(c->hello, "pub");
	if (!cJSON_IsString(pub))
		return dlt_err_set(err, DLT_E_UNSUPPORTED,
				   "target %s: the adapter announces no PUB "
				   "endpoint (hello.pub)",
				   c->name);
	if (!dlt_ext_endpoint_is_local(pub->valuestring))
		return dlt_err_set(err, DLT_E_ARG,
				   "target %s: the adapter's PUB endpoint %s is not a "
				   "loopback endpoint (subscriptions are loopback only)",
				   c->name, pub->valuestring);
	const char *const prefixes[] = { "block", NULL };
	struct ext_sub *s = dlt_xcalloc(1, sizeof *s);
	rc = dlt_zmq_sub_open(pub->valuestring, prefixes, 2000, c->max_msg, &s->zs, err);
	if (rc) {
		free(s);
		return rc;
	}
	s->name = dlt_xstrdup(c->name);
	*sub = s;
	return DLT_OK;
}

static int ext_sub_next(void *sub, long timeout_ms, cJSON **out, struct dlt_err *err)
{
	struct ext_sub *s = sub;
	*out = NULL;
	struct dlt_zmq_msg m;
	int rc = dlt_zmq_sub_recv(s->zs, timeout_ms, &m, err);
	if (rc || m.nframes == 0)
		return rc;
	cJSON *j = m.nframes == 2 ? cJSON_ParseWithLength((char *)m.frame[1], m.size[1]) : NULL;
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(j, "height");
	const cJSON *hash = cJSON_GetObjectItemCaseSensitive(j, "hash");
	if (!cJSON_IsNumber(h) || h->valuedouble < 0 || !cJSON_IsString(hash) ||
	    strlen(hash->valuestring) > 256)
		rc = dlt_err_set(err, DLT_E_TRANSPORT,
				 "target %s: a publication of the adapter is "
				 "not two frames, \"block\" and {\"height\":n,\"hash\":\"...\"}",
				 s->name);
	else
		*out = dlt_announcement(h->valuedouble, hash->valuestring, "zmq");
	cJSON_Delete(j);
	dlt_zmq_msg_free(&m);
	return rc;
}

static void ext_sub_close(void *sub)
{
	struct ext_sub *s = sub;
	if (!s)
		return;
	dlt_zmq_sub_close(s->zs);
	free(s->name);
	free(s);
}

const struct dlt_adapter_ops dlt_adapter_external = {
	.family = "external",
	.capabilities = ext_caps,
	.open = ext_open,
	.close = ext_close,
	.set_timeout = ext_set_timeout,
	.rpc = ext_rpc,
	.rpc_raw = ext_rpc_raw,
	.info = ext_info,
	.height = ext_height,
	.block = ext_block,
	.produce_blocks = ext_produce_blocks,
	.new_address = ext_new_address,
	.balance = ext_balance,
	.transfer = ext_transfer,
	.tx_status = ext_tx_status,
	.subscribe = ext_subscribe,
	.sub_next = ext_sub_next,
	.sub_close = ext_sub_close,
};
