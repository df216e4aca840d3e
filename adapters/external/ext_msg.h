/*
 * ext_msg.h: the messages of the external adapter protocol (docs/adapter-protocol.md), apart
 * from any socket: requests built, replies and hello answers parsed and checked. Everything an
 * adapter sends is untrusted: a reply that is not the protocol's shape is refused with a
 * message saying what is wrong, never a crash (tests/fuzz/fuzz_ext_msg.c feeds this parser).
 */
#ifndef DLT_EXT_MSG_H
#define DLT_EXT_MSG_H

#include <stddef.h>
#include <cjson/cJSON.h>

/* The protocol version this runner speaks. */
#define DLT_EXT_PROTOCOL 1
/* The longest error message kept from an adapter (cut with a note beyond). */
#define DLT_EXT_MAX_ERROR_TEXT 512
/* The most capabilities or operations a hello may list, and the longest name. */
#define DLT_EXT_MAX_NAMES 64
#define DLT_EXT_MAX_NAME 64

/* A request: {"v":1,"id":id,"op":op,"args":args,"deadline_ms":deadline_ms}; args (taken
 * over) may be NULL ({}). A malloc'd JSON text. */
char *dlt_ext_request(long long id, const char *op, cJSON *args, long deadline_ms);

struct dlt_ext_reply {
	long long id;
	int ok; /* 1: result holds the answer; 0: an error */
	cJSON *result; /* owned; JSON null when the adapter answered null */
	int kind; /* when !ok: the DLT_E_* of error.code */
	char code[32]; /* error.code as sent (cleaned, cut) */
	long rpc_code; /* error.rpc_code when kind is DLT_E_RPC */
	cJSON *rpc_error; /* {"code","message","data"?} when kind is DLT_E_RPC (owned) */
	char *message; /* error.message, cleaned and cut (owned) */
};

/* Parse one reply frame of len bytes (not NUL-terminated). 0, or -1 with err saying what is
 * wrong (not JSON, not an object, wrong "v", no integer "id", "ok" not a boolean, no
 * "result", an "error" without a string "code" and "message", ...). */
int dlt_ext_parse_reply(const char *buf, size_t len, struct dlt_ext_reply *r, char *err,
			size_t errlen);
void dlt_ext_reply_clear(struct dlt_ext_reply *r);

/* The DLT_E_* kind of an error code of the protocol ("unsupported", "rpc", ...); an unknown
 * code is DLT_E_PROTOCOL. */
int dlt_ext_error_kind(const char *code);

/* The result of hello, checked: protocol 1, strings implementation, version, family, arrays of
 * capability and operation names (bounded), params an object when present, pub a string or
 * null when present. 0, or -1 with err naming the member. */
int dlt_ext_check_hello(const cJSON *result, char *err, size_t errlen);
/* Whether the hello result declares op in "operations". */
int dlt_ext_hello_has_op(const cJSON *hello, const char *op);

/* Shape checks of the neutral operations' results (docs/adapters.md); 0, or -1 with err. */
int dlt_ext_check_result(const char *op, const cJSON *result, char *err, size_t errlen);

#endif
