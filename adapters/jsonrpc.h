/*
 * jsonrpc.h: the JSON-RPC over HTTP transport shared by the adapters. One jsonrpc_client holds
 * one libcurl easy handle, so its TCP connection is kept alive and reused across calls. Requests
 * always carry Content-Type: application/json; response bodies are read whatever the HTTP status
 * (Bitcoin Core sends errors with 500/404, Ganache with 400).
 *
 * A node's answer is untrusted input: a body larger than the client's limit (--max-response) is
 * never held whole (DLT_E_LIMIT), an answer whose id is not the request's is a protocol error,
 * the JSON-RPC error object kept in dlt_err is bounded, and a call gives up within about a
 * second once the abort flag (abort_flag.h) is raised (DLT_E_INTERRUPTED).
 */
#ifndef DLT_JSONRPC_H
#define DLT_JSONRPC_H

#include "adapters/adapter.h"

enum jsonrpc_version { JSONRPC_2_0, JSONRPC_1_0 };

struct jsonrpc_client;

/* A client for the node at url (never NULL). */
struct jsonrpc_client *jsonrpc_client_new(const char *target_name, const char *url,
					  const char *user, const char *password,
					  enum jsonrpc_version version);
void jsonrpc_client_free(struct jsonrpc_client *c);
void jsonrpc_client_set_timeout(struct jsonrpc_client *c, long ms);
/* Send one more header line with every JSON-RPC request of this client, e.g. the engine API's
 * "Authorization: Bearer <JWT>". 0, or -1 when libcurl could not store it. */
int jsonrpc_client_add_header(struct jsonrpc_client *c, const char *line);
/* The largest answer body read, in bytes (0: DLT_MAX_RESPONSE_DEFAULT). A larger one fails the
 * call with DLT_E_LIMIT: refused up front when its Content-Length says so, else reading stops
 * at the limit. */
void jsonrpc_client_set_max_response(struct jsonrpc_client *c, size_t bytes);

/* Bounds on what is kept of a JSON-RPC error object (err->rpc_error): the message is cut to
 * JSONRPC_ERROR_MESSAGE_MAX bytes, and members other than code and message are replaced by a
 * note when the whole object's JSON text exceeds JSONRPC_ERROR_KEEP_MAX bytes. */
#define JSONRPC_ERROR_MESSAGE_MAX 4096
#define JSONRPC_ERROR_KEEP_MAX 65536

/* Call method with params (array or object, may be NULL) at the base URL + path (NULL: "").
 * On success *result owns the result member. A JSON-RPC error answer returns DLT_E_RPC with
 * err->rpc_code and err->rpc_error (bounded, see above) set. HTTP 401 is reported as bad
 * credentials. The answer's id must be the request's (a null id is accepted only on a -32700 or
 * -32600 error, as JSON-RPC 2.0 allows), and a 2.0 client's answer must say "jsonrpc": "2.0";
 * otherwise the call fails with DLT_E_PROTOCOL naming both ids. */
int jsonrpc_call(struct jsonrpc_client *c, const char *path, const char *method,
		 const cJSON *params, cJSON **result, struct dlt_err *err);
/* jsonrpc_call with the answer's text parsed by parse (e.g. dlt_exact_parse) instead of
 * cJSON_ParseWithLength. */
typedef cJSON *(*jsonrpc_parser)(const char *text, size_t len);
int jsonrpc_call_parsed(struct jsonrpc_client *c, const char *path, const char *method,
			const cJSON *params, jsonrpc_parser parse, cJSON **result,
			struct dlt_err *err);
/* POST a raw body; fills reply whatever the status. */
int jsonrpc_post_raw(struct jsonrpc_client *c, const char *path, const char *body, size_t len,
		     const char *content_type, struct dlt_http_reply *reply, struct dlt_err *err);
/* GET/POST a plain (non JSON-RPC) endpoint that answers JSON, e.g. monerod /get_height. */
int jsonrpc_post_json(struct jsonrpc_client *c, const char *path, const cJSON *body, cJSON **answer,
		      struct dlt_err *err);
/* Optional observer called with (method, params, result or NULL, error object or NULL) after
 * every call: used by --schema-check. */
typedef void (*jsonrpc_observer)(void *ctx, const char *target, const char *method,
				 const cJSON *params, const cJSON *result, const cJSON *error);
void jsonrpc_client_set_observer(struct jsonrpc_client *c, jsonrpc_observer fn, void *ctx);

#endif
