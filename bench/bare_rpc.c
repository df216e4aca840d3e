/*
 * bare_rpc.c: the floor for the runner's cost per RPC call: a bare keep-alive libcurl loop
 * written for the bench alone (not the project's transport, so a slow transport cannot hide
 * in the floor): one easy handle, the same JSON-RPC POST N times, each answer read into a
 * buffer and parsed with cJSON (the least a caller must do to know the result). Prints
 * microseconds per call. Used by bench/run.sh:
 *     bare_rpc URL N [METHOD]
 */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct body {
	char *data;
	size_t len, cap;
};

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
	struct body *b = arg;
	size_t len = size * n;
	if (b->len + len + 1 > b->cap) {
		size_t cap = (b->len + len + 1) * 2;
		char *d = realloc(b->data, cap);
		if (!d)
			return 0;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = 0;
	return len;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bare_rpc URL N [METHOD]\n");
		return 2;
	}
	long n = atol(argv[2]);
	const char *method = argc > 3 ? argv[3] : "eth_chainId";
	char req[256];
	snprintf(req, sizeof req, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"%s\",\"params\":[]}",
		 method);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CURL *c = curl_easy_init();
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	struct body b = { 0 };
	curl_easy_setopt(c, CURLOPT_URL, argv[1]);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, req);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	double t0 = now();
	for (long i = 0; i < n; i++) {
		b.len = 0;
		if (curl_easy_perform(c) != CURLE_OK) {
			fprintf(stderr, "bare_rpc: call %ld failed\n", i);
			return 1;
		}
		cJSON *j = cJSON_ParseWithLength(b.data, b.len);
		if (!cJSON_GetObjectItemCaseSensitive(j, "result")) {
			fprintf(stderr, "bare_rpc: no result in %.200s\n", b.data ? b.data : "");
			return 1;
		}
		cJSON_Delete(j);
	}
	double dt = now() - t0;
	printf("%.1f\n", dt / (double)n * 1e6);
	free(b.data);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	curl_global_cleanup();
	return 0;
}
