/*
 * external.h: what the rest of the runner needs to know of the external adapter (the runner
 * side of docs/adapter-protocol.md, external.c): its operations table is found by name
 * ("external") in the registry; the endpoint rule and the hello of one endpoint are here, for
 * target files and for `dlt-interop adapter-check`.
 */
#ifndef DLT_EXTERNAL_H
#define DLT_EXTERNAL_H

#include "adapters/adapter.h"

/* How long open() waits for the hello answer, in milliseconds. */
#define DLT_EXT_HELLO_MS 5000

/* Whether a ZeroMQ endpoint stays on this machine: ipc://, inproc://, or tcp:// to 127.x.x.x,
 * localhost or [::1]. Anything else needs CURVE (a server key). */
int dlt_ext_endpoint_is_local(const char *endpoint);

/* The hello answer of an open external connection (owned by the connection). */
const cJSON *dlt_ext_conn_hello(const struct dlt_conn *c);

/* Send one request of any op with args (taken over) and wait up to timeout_ms for its reply,
 * unchecked but for the envelope: for adapter-check, which judges the answers itself. *raw gets
 * the reply's JSON text (malloc'd) when one came, even a malformed one. Returns the DLT_E_*
 * of the exchange (DLT_E_PROTOCOL: a malformed reply, err says how). */
int dlt_ext_exchange(struct dlt_conn *c, const char *op, cJSON *args, long timeout_ms,
		     cJSON **result, char **raw, struct dlt_err *err);

#endif
