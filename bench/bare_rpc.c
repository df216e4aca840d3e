/*
 * bare_rpc.c: the floor for the runner's per-call cost: a bare keep-alive libcurl loop through
 * the shared JSON-RPC transport (adapters/jsonrpc.c), calling one method N times against a URL.
 * Prints calls per second and microseconds per call. Used by bench/run.sh.
 */
#include "adapters/jsonrpc.h"
#include "common/clock.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bare_rpc URL N [METHOD]\n");
		return 2;
	}
	long n = atol(argv[2]);
	const char *method = argc > 3 ? argv[3] : "eth_chainId";
	curl_global_init(CURL_GLOBAL_DEFAULT);
	struct jsonrpc_client *c = jsonrpc_client_new("bench", argv[1], NULL, NULL, JSONRPC_2_0);
	double t0 = dlt_now();
	for (long i = 0; i < n; i++) {
		cJSON *r = NULL;
		struct dlt_err e = {0};
		if (jsonrpc_call(c, NULL, method, NULL, &r, &e) != 0) {
			fprintf(stderr, "bare_rpc: %s\n", e.msg);
			return 1;
		}
		cJSON_Delete(r);
	}
	double dt = dlt_now() - t0;
	printf("bare keep-alive loop: %ld calls in %.3f s: %.0f calls/s, %.1f us/call\n", n, dt,
	       n / dt, dt / n * 1e6);
	jsonrpc_client_free(c);
	curl_global_cleanup();
	return 0;
}
