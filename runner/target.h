/*
 * target.h: a target is one reachable instance of a ledger implementation: which adapter
 * (family) speaks to it, its URL and credentials, free-form parameters for scenarios, and
 * optionally how to launch it locally. Target files are JSON (docs/targets.md); the built-in
 * ones live in targets/.
 */
#ifndef DLT_TARGET_H
#define DLT_TARGET_H

#include <stddef.h>
#include <sys/types.h>
#include <cjson/cJSON.h>
#include "adapters/adapter.h"

#define DLT_MAX_PORTS 4

struct dlt_launch {
	cJSON *command; /* array of strings, with ${port}, ${port1}.., ${dir}, ${bin:NAME} */
	cJSON *bins; /* object NAME -> array of candidate paths (relative: to nodes dir) */
	cJSON *files; /* object file name -> content, written into the work dir */
	cJSON *env; /* object NAME -> value */
	cJSON *ready; /* {"method":..,"params":[..],"path":"/json_rpc","timeout":s,
				  *  "result": the answer that means ready (optional)} */
	cJSON *stop; /* {"signal":"TERM"} | {"rpc":"stop"} | {"http":"/stop_daemon"} */
	cJSON *after_start; /* array of {"method":..,"params":[..],"path":.., "url":..,
				  * "jwt":true}: calls run once ready */
	char *jwt_secret; /* "jwt_secret": file in the work dir that gets a fresh 32-byte
				  * secret (hex) before each start, for the engine API, or NULL */
	unsigned char jwt_key[32]; /* that secret, once written */
	int nports; /* how many free ports to pick: ${port}, ${port1}, ... */
	double ready_timeout; /* seconds readiness may take: ready.timeout, DLT_READY_TIMEOUT */
	int check_owner; /* ready.check_owner (default 1): the socket answering on the
				  * URL's port must be the launched process's own */
};

/* Seconds a launched node has to answer its readiness call when ready.timeout is not set,
 * and the most a target file may set. */
#define DLT_READY_TIMEOUT 60.0
#define DLT_READY_TIMEOUT_MAX 3600.0

struct dlt_target {
	char *name; /* unique in a run: "anvil", "hardhat", "127.0.0.1:8545" */
	char *family; /* ethereum | bitcoin | monero | external: the scenarios it serves */
	char *adapter; /* the adapter speaking to it: the family's, or "external" (an
				  * adapter process, docs/adapter-protocol.md) */
	char *curve_server_key; /* an external adapter's CURVE public key (Z85), or NULL */
	char *implementation; /* "anvil", "litecoind", ... (from the file; refined by info) */
	char *url; /* base URL; with ${port} etc. before launch */
	char *url_template; /* the URL as written, kept for relaunches */
	char *zmq_template;
	char *user, *password; /* HTTP basic auth, or NULL */
	char *source; /* the file it came from, or "--target URL" */
	cJSON *params; /* free-form object given to scenarios as node.params */
	cJSON *capabilities; /* {"add":[..], "remove":[..]} applied to the adapter's set */
	char *zmq_url; /* optional publisher endpoint (${port2} etc. expanded) */
	char *chain; /* the prepared chain it serves ("chain"), or NULL: its own chain,
				  * on which scenarios create what they need */
	int chain_unknown; /* attached by URL: what chain it holds is not known, so every
				  * scenario is planned on it (scenarios with a chain check it) */
	int launchable; /* 1 when launch is set */
	int in_default; /* part of the default selection (no --target): "default", true */
	size_t max_response; /* largest answer (HTTP body, ZeroMQ message) the adapters read, in
				  * bytes (--max-response); 0: DLT_MAX_RESPONSE_DEFAULT */
	struct dlt_launch launch;
	/* filled when launched */
	pid_t pid;
	int ports[DLT_MAX_PORTS];
	char *workdir; /* temporary HOME and data dir of a launched node */
	char *logfile;
};

/* Parse a target file; on error fills err with "FILE: $.path: what is wrong". */
int dlt_target_load_file(const char *path, struct dlt_target **out, char *err, size_t errlen);
/* Parse from an already-parsed JSON object (source names the origin for messages). */
int dlt_target_from_json(const cJSON *json, const char *source, struct dlt_target **out, char *err,
			 size_t errlen);
/* "http://host:port" attaches to a running Ethereum node; "family=URL" names the family. */
int dlt_target_from_url(const char *spec, struct dlt_target **out, char *err, size_t errlen);
void dlt_target_free(struct dlt_target *t);
/* Replace ${port}, ${port1}.., ${dir}, ${name}, ${home} (the folder of suites/ and vectors/,
 * dlt_home()), ${user}, ${password} in s; returns a new string. Anything else (an unknown ${x},
 * a lone $) is kept as it is. */
char *dlt_target_expand(const struct dlt_target *t, const char *s);
/* A copy of v with dlt_target_expand applied to every string value in it, at any depth
 * (member names are kept); NULL when v is NULL. */
cJSON *dlt_target_expand_json(const struct dlt_target *t, const cJSON *v);
/* What the adapter is told of t (adapter.h): it points into t and into params, the expanded
 * copy of t->params (dlt_target_expand_json) that the caller keeps until the adapter's open
 * returns. */
struct dlt_adapter_config dlt_target_config(const struct dlt_target *t, const cJSON *params);
/* Open a connection to t through ops (the adapter of t's family), with the configuration
 * above: how the runner and the launcher open every connection. */
int dlt_target_open(const struct dlt_adapter_ops *ops, const struct dlt_target *t,
		    struct dlt_conn **out, struct dlt_err *err);
/* The URL with any user:password@ removed (for reports). */
char *dlt_target_public_url(const char *url);

#endif
