/*
 * adapter.h: the operations table every ledger family implements. The runner and the Lua host
 * reach a node only through these operations. An adapter connection (struct dlt_conn) belongs to
 * one worker thread and keeps its own keep-alive HTTP connection. What an adapter knows of its
 * target is struct dlt_adapter_config, which the runner builds from the target file (adapters
 * include nothing of the runner: docs/adapters.md, "Writing a family").
 *
 * Every operation returns 0 on success or a negative DLT_E_* code, with a message in err->msg
 * that names the target and URL. Neutral operations return cJSON values owned by the caller
 * (shapes in docs/adapters.md).
 */
#ifndef DLT_ADAPTER_H
#define DLT_ADAPTER_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

/* The largest node answer read when nothing else is said (--max-response). */
#define DLT_MAX_RESPONSE_DEFAULT ((size_t)32 << 20)

/* What an adapter is told about its target when it opens a connection. The runner builds it
 * from the target (runner/target.c, dlt_target_open); it is valid only during open, so an
 * adapter copies what it keeps. */
struct dlt_adapter_config {
	const char *name; /* the target's name, for messages: "anvil", "127.0.0.1:8545" */
	const char *url; /* base URL of the node's RPC server (a launched node's ports
				    * filled in), without credentials */
	const char *user; /* HTTP basic auth, or NULL */
	const char *password; /* with user, or NULL */
	const char *zmq_url; /* ZeroMQ publisher endpoint, or NULL */
	const cJSON *params; /* the target's "params" object (NULL: none), every string in
				    * it with ${port}, ${port1}.., ${dir}, ${name}, ${user},
				    * ${password} already replaced */
	size_t max_response; /* largest answer read, in bytes (--max-response); 0:
				    * DLT_MAX_RESPONSE_DEFAULT */
	const char *curve_server_key; /* external adapter: the adapter's CURVE public key (Z85,
				    * 40 characters), or NULL (loopback endpoints only) */
};

enum dlt_errkind {
	DLT_OK = 0,
	DLT_E_TRANSPORT = -1, /* could not connect, connection reset: verdict error */
	DLT_E_TIMEOUT = -2, /* no answer in time: verdict inconclusive */
	DLT_E_PROTOCOL = -3, /* answer is not what the interface promises (not JSON, no result) */
	DLT_E_RPC = -4, /* the node answered with a JSON-RPC error object (err->rpc_*) */
	DLT_E_UNSUPPORTED = -5, /* the family cannot do this operation */
	DLT_E_ARG = -6, /* the caller passed something unusable */
	DLT_E_LIMIT = -7, /* the answer exceeds a limit of the runner (--max-response):
				 * verdict inconclusive */
	DLT_E_INTERRUPTED = -8, /* the run was interrupted (SIGINT/SIGTERM) during the call:
				 * verdict inconclusive */
};

struct dlt_err {
	int kind;
	long rpc_code; /* when kind == DLT_E_RPC */
	cJSON *rpc_error; /* the error object as the node sent it (owned; freed by dlt_err_clear) */
	char msg[1024];
};

void dlt_err_clear(struct dlt_err *e);
/* printf-style; sets kind and message. Returns kind. */
int dlt_err_set(struct dlt_err *e, int kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Raw HTTP exchange, for envelope tests (rpc_raw). */
struct dlt_http_reply {
	long status;
	char *body; /* NUL-terminated, owned */
	size_t body_len;
	char *content_type; /* owned, may be NULL */
};
void dlt_http_reply_free(struct dlt_http_reply *r);

struct dlt_conn; /* adapter-private */

struct dlt_adapter_ops {
	const char *family;
	/* capabilities the family supports when the node allows: NULL-terminated */
	const char *const *capabilities;
	int (*open)(const struct dlt_adapter_config *cfg, struct dlt_conn **out,
		    struct dlt_err *err);
	void (*close)(struct dlt_conn *c);
	/* per-call timeout in milliseconds for the calls that follow */
	void (*set_timeout)(struct dlt_conn *c, long ms);

	/* native interface */
	int (*rpc)(struct dlt_conn *c, const char *method, const cJSON *params, cJSON **result,
		   struct dlt_err *err);
	int (*rpc_raw)(struct dlt_conn *c, const char *path, const char *body, size_t len,
		       const char *content_type, struct dlt_http_reply *reply, struct dlt_err *err);

	/* neutral operations (docs/adapters.md); NULL when unsupported */
	int (*info)(struct dlt_conn *c, cJSON **out, struct dlt_err *err);
	int (*height)(struct dlt_conn *c, uint64_t *out, struct dlt_err *err);
	int (*block)(struct dlt_conn *c, const cJSON *number_or_hash, cJSON **out,
		     struct dlt_err *err);
	int (*produce_blocks)(struct dlt_conn *c, int n, const char *address, cJSON **hashes,
			      struct dlt_err *err);
	int (*new_address)(struct dlt_conn *c, char **out, struct dlt_err *err);
	int (*balance)(struct dlt_conn *c, const char *address, char **decimal,
		       struct dlt_err *err);
	int (*transfer)(struct dlt_conn *c, const cJSON *request, char **txid, struct dlt_err *err);
	int (*tx_status)(struct dlt_conn *c, const char *txid, cJSON **out, struct dlt_err *err);
	/* ZeroMQ or polling subscription; next() waits up to timeout_ms; NULL out = nothing came */
	int (*subscribe)(struct dlt_conn *c, const char *topic, void **sub, struct dlt_err *err);
	int (*sub_next)(void *sub, long timeout_ms, cJSON **out, struct dlt_err *err);
	void (*sub_close)(void *sub);
};

/* Registry: find the adapter for a family ("ethereum", "bitcoin", "monero"). */
const struct dlt_adapter_ops *dlt_adapter_find(const char *family);
/* Comma-separated list of known families, for messages. */
const char *dlt_adapter_families(void);

#endif
