/*
 * fuzz_ext_msg.c: fuzz target for the external adapter protocol's message parser
 * (adapters/external/ext_msg.c): the bytes are one reply frame as an adapter might send it. A
 * refusal must say why; an accepted reply is either ok with a result or an error with a code,
 * a known kind and a cleaned message of bounded length; the result is then checked as every
 * operation's result and as a hello, each of which accepts or says why.
 */
#include "fuzz.h"
#include "adapters/adapter.h"
#include "adapters/external/ext_msg.h"

#include <string.h>

int dlt_fuzz_ext_msg(const uint8_t *data, size_t size)
{
	struct dlt_ext_reply r;
	char err[512] = "";
	if (dlt_ext_parse_reply((const char *)data, size, &r, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(err[0] != '\0');
		DLT_FUZZ_ASSERT(r.result == NULL && r.message == NULL && r.rpc_error == NULL);
		return 0;
	}
	DLT_FUZZ_ASSERT(r.id >= 0);
	if (r.ok) {
		DLT_FUZZ_ASSERT(r.result != NULL);
		static const char *const ops[] = { "info",           "height",      "block",
						   "produce_blocks", "new_address", "balance",
						   "transfer",       "tx_status",   "rpc",
						   "rpc_raw",        "ping",        NULL };
		for (size_t i = 0; ops[i]; i++) {
			err[0] = '\0';
			if (dlt_ext_check_result(ops[i], r.result, err, sizeof err) != 0)
				DLT_FUZZ_ASSERT(strstr(err, ops[i]) != NULL);
		}
		err[0] = '\0';
		if (dlt_ext_check_hello(r.result, err, sizeof err) != 0)
			DLT_FUZZ_ASSERT(err[0] != '\0');
		else
			(void)dlt_ext_hello_has_op(r.result, "height");
	} else {
		DLT_FUZZ_ASSERT(r.result == NULL && r.message != NULL);
		DLT_FUZZ_ASSERT(strlen(r.message) <= DLT_EXT_MAX_ERROR_TEXT + 64);
		DLT_FUZZ_ASSERT(r.kind <= DLT_E_TRANSPORT && r.kind >= DLT_E_INTERRUPTED);
		DLT_FUZZ_ASSERT((r.kind == DLT_E_RPC) == (r.rpc_error != NULL));
	}
	dlt_ext_reply_clear(&r);
	return 0;
}

DLT_FUZZ_TARGET(ext_msg)
