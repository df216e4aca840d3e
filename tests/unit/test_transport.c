/*
 * test_transport.c: the pieces of the node transport that a fault server cannot reach through
 * an Ethereum target: --max-response's byte counts (runner/bytesize.c), the rewrite of JSON
 * strings holding \u0000 escapes (adapters/json_nul.c), and ZeroMQ subscriptions with a message
 * size limit and the abort flag (adapters/zmq_sub.c), against a real PUB socket on loopback.
 */
#include "common/abort_flag.h"
#include "common/bytesize.h"
#include "adapters/json_nul.h"
#include "adapters/zmq_sub.h"
#include "tap.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

static void test_bytesize(void)
{
	size_t v = 0;
	tap_ok(dlt_bytesize_parse("32M", &v) == 0 && v == 33554432, "32M is 33554432");
	tap_ok(dlt_bytesize_parse("1k", &v) == 0 && v == 1024, "1k is 1024");
	tap_ok(dlt_bytesize_parse("2G", &v) == 0 && v == 2147483648u, "2G is 2147483648");
	tap_ok(dlt_bytesize_parse("4096", &v) == 0 && v == 4096, "a plain number is bytes");
	tap_ok(dlt_bytesize_parse("18446744073709551615", &v) == 0 && v == (size_t)-1,
	       "SIZE_MAX is accepted");
	tap_ok(dlt_bytesize_parse("18446744073709551616", &v) != 0, "SIZE_MAX + 1 overflows");
	tap_ok(dlt_bytesize_parse("17179869184G", &v) != 0, "2^34 G overflows");
	static const char *const bad[] = { "",   "0",  "0K", "12Q",  "5MB", "-1",
					   " 1", "1 ", "M",  "1.5M", NULL };
	for (int i = 0; bad[i]; i++)
		tap_ok(dlt_bytesize_parse(bad[i], &v) != 0, "\"%s\" is refused", bad[i]);
}

static int rewrites_to(const char *in, const char *want)
{
	size_t n = 0;
	char *out = dlt_json_nul_rewrite(in, strlen(in), &n);
	int good = want ? out && n == strlen(want) && strcmp(out, want) == 0 : out == NULL;
	if (!good)
		tap_diag("got: %s", out ? out : "(nothing)");
	free(out);
	return good;
}

static void test_json_nul(void)
{
	tap_ok(rewrites_to("{\"result\":\"ab\"}", NULL), "no \\u0000: nothing rewritten");
	tap_ok(rewrites_to("{\"result\":\"a\\\\u0000\"}", NULL),
	       "an escaped backslash before u0000 is no zero byte");
	tap_ok(rewrites_to("{\"result\":\"a\\u0000b\"}", "{\"result\":{\"$bytes\":\"610062\"}}"),
	       "a value with a zero byte becomes {\"$bytes\": hex}");
	tap_ok(rewrites_to("{\"k\\u0000\" : 1, \"x\":\"\\u0000\"}",
			   "{\"$bytes:6b00\" : 1, \"x\":{\"$bytes\":\"00\"}}"),
	       "a member name becomes \"$bytes:hex\"");
	tap_ok(rewrites_to(
		       "[\"\\u00e9\\u0000\\n\\ud83d\\ude00\\\"\", \"plain \\u0000\"]",
		       "[{\"$bytes\":\"c3a9000af09f988022\"}, {\"$bytes\":\"706c61696e2000\"}]"),
	       "escapes and surrogate pairs decode to UTF-8 bytes");
	tap_ok(rewrites_to("{\"a\":\"x\\u0000", NULL),
	       "an unterminated string is left for the parser to refuse");
	tap_ok(rewrites_to("[\"\\q\\u0000\"]", NULL),
	       "a string with a bad escape is left for the parser to refuse");
}

static void test_zmq(void)
{
	void *ctx = zmq_ctx_new();
	void *pub = zmq_socket(ctx, ZMQ_PUB);
	int linger = 0;
	zmq_setsockopt(pub, ZMQ_LINGER, &linger, sizeof linger);
	char ep[256];
	size_t len = sizeof ep;
	if (!tap_ok(zmq_bind(pub, "tcp://127.0.0.1:*") == 0 &&
			    zmq_getsockopt(pub, ZMQ_LAST_ENDPOINT, ep, &len) == 0,
		    "a PUB socket on loopback"))
		return;
	struct dlt_zmq_sub *s = NULL;
	struct dlt_err e = { 0 };
	int rc = dlt_zmq_sub_open(ep, NULL, 5000, 1000, &s, &e);
	if (!tap_ok(rc == 0, "subscribed to %s with a 1000-byte limit", ep))
		return;
	struct dlt_zmq_msg m;
	zmq_send(pub, "small", 5, 0);
	rc = dlt_zmq_sub_recv(s, 10000, &m, &e);
	tap_ok(rc == 0 && m.nframes == 1 && m.size[0] == 5, "a small message arrives");
	dlt_zmq_msg_free(&m);

	char *big = calloc(1, 5000);
	zmq_send(pub, "before", 6, 0);
	zmq_send(pub, big, 5000, 0);
	free(big);
	/* time for libzmq to reconnect, should it: the loss must still be reported */
	struct timespec pause = { 0, 500 * 1000000L };
	nanosleep(&pause, NULL);
	rc = dlt_zmq_sub_recv(s, 10000, &m, &e);
	tap_ok(rc == 0 && m.nframes == 1 && m.size[0] == 6, "the message queued before it arrives");
	dlt_zmq_msg_free(&m);
	rc = dlt_zmq_sub_recv(s, 10000, &m, &e);
	tap_ok(rc == DLT_E_TRANSPORT && strstr(e.msg, "--max-response of 1000 bytes") &&
		       strstr(e.msg, ep),
	       "a 5000-byte message is an error naming the endpoint and limit");
	tap_diag("%s", e.msg);
	dlt_zmq_msg_free(&m);
	dlt_zmq_sub_close(s);

	/* the abort flag ends a wait long before its timeout */
	rc = dlt_zmq_sub_open(ep, NULL, 5000, 0, &s, &e);
	tap_ok(rc == 0, "subscribed again (default limit)");
	static volatile sig_atomic_t flag;
	dlt_abort_flag_set(&flag);
	flag = 1;
	rc = dlt_zmq_sub_recv(s, 600000, &m, &e);
	tap_ok(rc == DLT_E_INTERRUPTED && strstr(e.msg, "interrupted"),
	       "a raised abort flag interrupts the wait: %s", e.msg);
	dlt_abort_flag_set(NULL);
	dlt_zmq_msg_free(&m);
	dlt_zmq_sub_close(s);
	zmq_close(pub);
	zmq_ctx_term(ctx);
}

int main(void)
{
	test_bytesize();
	test_json_nul();
	test_zmq();
	return tap_done();
}
