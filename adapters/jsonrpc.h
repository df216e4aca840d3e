/*
 * jsonrpc.h: the JSON-RPC over HTTP transport shared by the adapters. One jsonrpc_client holds
 * one libcurl easy handle, so its TCP connection is kept alive and reused across calls. Requests
 * always carry Content-Type: application/json; response bodies are read whatever the HTTP status
 * (Bitcoin Core sends errors with 500/404, Ganache with 400).
 */
#ifndef DLT_JSONRPC_H
#define DLT_JSONRPC_H

#include "adapter.h"

enum jsonrpc_version { JSONRPC_2_0, JSONRPC_1_0 };

struct jsonrpc_client;

struct jsonrpc_client *jsonrpc_client_new(const char *target_name, const char *url,
					  const char *user, const char *password,
					  enum jsonrpc_version version);
void jsonrpc_client_free(struct jsonrpc_client *c);
void jsonrpc_client_set_timeout(struct jsonrpc_client *c, long ms);

/* Call method with params (array or object, may be NULL) at the base URL + path (NULL: "").
 * On success *result owns the result member. A JSON-RPC error answer returns DLT_E_RPC with
 * err->rpc_code and err->rpc_error set. HTTP 401 is reported as bad credentials. */
int jsonrpc_call(struct jsonrpc_client *c, const char *path, const char *method,
		 const cJSON *params, cJSON **result, struct dlt_err *err);
/* POST a raw body; fills reply whatever the status. */
int jsonrpc_post_raw(struct jsonrpc_client *c, const char *path, const char *body, size_t len,
		     const char *content_type, struct dlt_http_reply *reply, struct dlt_err *err);
/* GET/POST a plain (non JSON-RPC) endpoint that answers JSON, e.g. monerod /get_height. */
int jsonrpc_post_json(struct jsonrpc_client *c, const char *path, const cJSON *body,
		      cJSON **answer, struct dlt_err *err);
/* Optional observer called with (method, params, result or NULL, error object or NULL) after
 * every call: used by --schema-check. */
typedef void (*jsonrpc_observer)(void *ctx, const char *target, const char *method,
				 const cJSON *params, const cJSON *result, const cJSON *error);
void jsonrpc_client_set_observer(struct jsonrpc_client *c, jsonrpc_observer fn, void *ctx);

#endif
