/*
 * adapter_check.c: `dlt-interop adapter-check ENDPOINT-or-TARGET` (see adapter_check.h and
 * docs/adapter-protocol.md, "Checking an adapter"). It connects to the adapter (an endpoint, or
 * a target file whose "adapter" is "external": launched first when it has "launch") and checks,
 * printing TAP: hello and its shape; version negotiation (a hello offering only an unknown
 * version must be refused with "unsupported"); the heartbeat (ping); every declared operation
 * answered in time, within the size limit, with the operation's shape; every declared
 * capability backed by the operations it needs; an unknown operation refused with
 * "unknown_op". Every reply is read as the runner reads it (adapters/external/), so a
 * malformed, oversized or slow reply fails the check that received it, naming what was wrong.
 * Exit 0 only when every check passes.
 */
#include "runner/adapter_check.h"
#include "runner/launcher.h"
#include "runner/target.h"
#include "adapters/external/external.h"
#include "adapters/external/ext_msg.h"
#include "common/bytesize.h"
#include "common/mem.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct check_run {
	int n, failed;
	long timeout_ms;
};

static void point(struct check_run *k, int ok, const char *what, const char *why)
{
	k->n++;
	if (!ok)
		k->failed++;
	printf("%sok %d - %s\n", ok ? "" : "not ", k->n, what);
	if (!ok && why && *why)
		printf("# %s\n", why);
	fflush(stdout);
}

/* The arguments each operation is exercised with (state-changing transfer is not). */
static cJSON *probe_args(const char *op, const char *address)
{
	if (!strcmp(op, "block"))
		return cJSON_Parse("{\"block\":0}");
	if (!strcmp(op, "produce_blocks"))
		return cJSON_Parse("{\"n\":1,\"address\":null}");
	if (!strcmp(op, "rpc"))
		return cJSON_Parse("{\"method\":\"dlt_interop_adapter_check\",\"params\":[]}");
	if (!strcmp(op, "rpc_raw"))
		return cJSON_Parse("{\"path\":null,\"body\":\"{}\",\"content_type\":null}");
	if (!strcmp(op, "tx_status"))
		return cJSON_Parse(
			"{\"txid\":\"0000000000000000000000000000000000000000000000000000000000000000\"}");
	if (!strcmp(op, "balance")) {
		cJSON *a = cJSON_CreateObject();
		cJSON_AddStringToObject(a, "address", address ? address : "");
		return a;
	}
	return cJSON_CreateObject();
}

/* An operation whose inputs the check cannot make up may answer with an error of the protocol
 * instead of a result (an unknown method, a transaction that does not exist). */
static int error_allowed(const char *op, int kind)
{
	if (!strcmp(op, "rpc"))
		return kind == DLT_E_RPC || kind == DLT_E_UNSUPPORTED;
	if (!strcmp(op, "tx_status") || !strcmp(op, "balance"))
		return kind == DLT_E_ARG || kind == DLT_E_RPC;
	return 0;
}

static void check_operation(struct check_run *k, struct dlt_conn *c, const char *op, char **address)
{
	char what[200], why[1400];
	if (!strcmp(op, "transfer")) {
		snprintf(what, sizeof what,
			 "operation transfer # SKIP state-changing: exercised by "
			 "suites/common, not here");
		point(k, 1, what, NULL);
		return;
	}
	struct dlt_err e = { 0 };
	cJSON *res = NULL;
	char *raw = NULL;
	int rc = dlt_ext_exchange(c, op, probe_args(op, *address), k->timeout_ms, &res, &raw, &e);
	snprintf(what, sizeof what, "operation %s answers in time with its shape", op);
	if (rc == DLT_OK) {
		char shape[300];
		int good = dlt_ext_check_result(op, res, shape, sizeof shape) == 0;
		snprintf(why, sizeof why, "%s", shape);
		point(k, good, what, why);
		if (good && !strcmp(op, "new_address") && !*address)
			*address = dlt_xstrdup(res->valuestring);
	} else {
		snprintf(why, sizeof why, "%s", e.msg);
		point(k, error_allowed(op, rc), what, why);
	}
	free(raw);
	cJSON_Delete(res);
	dlt_err_clear(&e);
}

/* The operations a capability needs. */
static const char *const *needs(const char *cap)
{
	static const char *const rpc[] = { "rpc", NULL }, *const raw[] = { "rpc_raw", NULL },
				 *const mine[] = { "produce_blocks", NULL },
				 *const wallet[] = { "new_address", "balance", "transfer",
						     "tx_status", NULL },
				 *const none[] = { NULL };
	if (!strcmp(cap, "rpc") || !strcmp(cap, "batch"))
		return rpc;
	if (!strcmp(cap, "raw_rpc"))
		return raw;
	if (!strcmp(cap, "mine"))
		return mine;
	if (!strcmp(cap, "wallet"))
		return wallet;
	return none;
}

static void run_checks(struct check_run *k, const struct dlt_adapter_config *cfg)
{
	const struct dlt_adapter_ops *ops = dlt_adapter_find("external");
	struct dlt_conn *c = NULL;
	struct dlt_err e = { 0 };
	char why[1400];
	if (ops->open(cfg, &c, &e) != DLT_OK) {
		snprintf(why, sizeof why, "%s", e.msg);
		point(k, 0, "hello: the adapter answers hello with protocol 1 and its shape", why);
		dlt_err_clear(&e);
		return;
	}
	point(k, 1, "hello: the adapter answers hello with protocol 1 and its shape", NULL);
	ops->set_timeout(c, k->timeout_ms);
	const cJSON *hello = dlt_ext_conn_hello(c);
	char *brief = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(hello, "operations"));
	printf("# %s %s (family %s), operations %s\n",
	       cJSON_GetObjectItemCaseSensitive(hello, "implementation")->valuestring,
	       cJSON_GetObjectItemCaseSensitive(hello, "version")->valuestring,
	       cJSON_GetObjectItemCaseSensitive(hello, "family")->valuestring, brief ? brief : "?");
	free(brief);

	/* version negotiation: only an unknown version offered */
	cJSON *res = NULL;
	int rc = dlt_ext_exchange(c, "hello", cJSON_Parse("{\"protocols\":[99]}"), k->timeout_ms,
				  &res, NULL, &e);
	snprintf(why, sizeof why, "%s",
		 rc == DLT_OK ? "it answered a hello offering only "
				"version 99 with a result instead of error \"unsupported\""
			      : e.msg);
	point(k, rc == DLT_E_UNSUPPORTED,
	      "version negotiation: a hello offering only protocol 99 "
	      "is refused with \"unsupported\"",
	      why);
	cJSON_Delete(res);
	dlt_err_clear(&e);

	rc = dlt_ext_exchange(c, "ping", NULL, k->timeout_ms, &res, NULL, &e);
	snprintf(why, sizeof why, "%s", e.msg);
	point(k, rc == DLT_OK, "heartbeat: ping is answered in time", why);
	cJSON_Delete(res);
	dlt_err_clear(&e);

	char *address = NULL;
	const cJSON *op;
	/* new_address first: balance is asked of the address it gives */
	if (dlt_ext_hello_has_op(hello, "new_address"))
		check_operation(k, c, "new_address", &address);
	cJSON_ArrayForEach (op, cJSON_GetObjectItemCaseSensitive(hello, "operations"))
		if (strcmp(op->valuestring, "new_address") != 0)
			check_operation(k, c, op->valuestring, &address);
	free(address);

	const cJSON *cap;
	cJSON_ArrayForEach (cap, cJSON_GetObjectItemCaseSensitive(hello, "capabilities")) {
		char what[200];
		snprintf(what, sizeof what, "capability %s is backed by its operations",
			 cap->valuestring);
		const char *missing = NULL;
		for (const char *const *o = needs(cap->valuestring); *o && !missing; o++)
			if (!dlt_ext_hello_has_op(hello, *o))
				missing = *o;
		const cJSON *pub = cJSON_GetObjectItemCaseSensitive(hello, "pub");
		if (!strcmp(cap->valuestring, "zmq") && !cJSON_IsString(pub))
			missing = "hello.pub";
		snprintf(why, sizeof why, "it declares %s but not %s", cap->valuestring,
			 missing ? missing : "");
		point(k, !missing, what, why);
	}

	rc = dlt_ext_exchange(c, "dlt_no_such_operation", NULL, k->timeout_ms, &res, NULL, &e);
	snprintf(why, sizeof why, "%s",
		 rc == DLT_OK ? "it answered an unknown operation with a "
				"result"
			      : e.msg);
	point(k, rc == DLT_E_UNSUPPORTED, "an unknown operation is refused with \"unknown_op\"",
	      why);
	cJSON_Delete(res);
	dlt_err_clear(&e);
	ops->close(c);
}

static void usage(FILE *out)
{
	fputs("usage: dlt-interop adapter-check [OPTIONS] ENDPOINT-or-TARGET\n"
	      "\n"
	      "Checks an adapter against the external adapter protocol (docs/adapter-protocol.md):\n"
	      "hello and version negotiation, the heartbeat, every declared operation answered in\n"
	      "time with its shape, every declared capability backed by its operations, unknown\n"
	      "operations refused; malformed, oversized and slow replies fail the check that got\n"
	      "them. ENDPOINT: tcp://127.0.0.1:PORT or ipc://PATH. TARGET: a target file with\n"
	      "\"adapter\": \"external\" (launched first when it has \"launch\").\n"
	      "\n"
	      "      --timeout S       time for each answer, in seconds (default 5)\n"
	      "      --max-response BYTES  largest reply read (default 32M; K, M, G)\n"
	      "      --curve-server-key KEY  the adapter's CURVE public key (Z85), needed for an\n"
	      "                        endpoint off this machine\n"
	      "  -h, --help            this text\n"
	      "\n"
	      "Output: TAP on stdout.\nExit status: 0 the adapter conforms, 1 a check failed,\n"
	      "2 usage error.\n",
	      out);
}

int dlt_cmd_adapter_check(int argc, char **argv)
{
	enum { O_TIMEOUT = 256, O_MAX, O_CURVE };
	static const struct option longopts[] = {
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "max-response", required_argument, NULL, O_MAX },
		{ "curve-server-key", required_argument, NULL, O_CURVE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct check_run k = { 0, 0, 5000 };
	size_t max = DLT_MAX_RESPONSE_DEFAULT;
	const char *curve = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case O_TIMEOUT: {
			char *end;
			double s = strtod(optarg, &end);
			if (end == optarg || *end || !(s > 0) || s > 3600) {
				fprintf(stderr,
					"dlt-interop adapter-check: --timeout %s: seconds, above 0 "
					"and at most 3600\n",
					optarg);
				return 2;
			}
			k.timeout_ms = (long)(s * 1000);
			break;
		}
		case O_MAX:
			if (dlt_bytesize_parse(optarg, &max)) {
				fprintf(stderr,
					"dlt-interop adapter-check: --max-response %s: a positive "
					"number of bytes, optionally with K, M or G\n",
					optarg);
				return 2;
			}
			break;
		case O_CURVE: curve = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "dlt-interop adapter-check: give one endpoint or target file (see "
				"--help)\n");
		return 2;
	}
	const char *spec = argv[optind];
	struct dlt_target *t = NULL;
	char err[2048];
	struct dlt_adapter_config cfg = {
		.name = spec, .url = spec, .max_response = max, .curve_server_key = curve
	};
	if (strncmp(spec, "tcp://", 6) != 0 && strncmp(spec, "ipc://", 6) != 0) {
		if (dlt_target_load_file(spec, &t, err, sizeof err)) {
			fprintf(stderr, "dlt-interop adapter-check: %s\n", err);
			return 2;
		}
		if (strcmp(t->adapter, "external") != 0) {
			fprintf(stderr,
				"dlt-interop adapter-check: %s: target %s is not an external "
				"adapter (\"adapter\": \"external\")\n",
				spec, t->name);
			dlt_target_free(t);
			return 2;
		}
		t->max_response = max;
		if (t->launchable) {
			dlt_launch_install_signals();
			if (dlt_launch_spawn(t, err, sizeof err) ||
			    dlt_launch_wait_ready(t, err, sizeof err)) {
				dlt_launch_stop(t, 0);
				printf("not ok 1 - hello: the adapter starts and answers hello\n# %s\n1..1\n",
				       err);
				dlt_target_free(t);
				return 1;
			}
		}
		cfg = dlt_target_config(t, NULL);
		if (curve)
			cfg.curve_server_key = curve;
	} else if (!dlt_ext_endpoint_is_local(spec) && !curve) {
		fprintf(stderr,
			"dlt-interop adapter-check: %s is not a loopback endpoint: an adapter "
			"off this machine needs CURVE: give --curve-server-key KEY "
			"(docs/adapter-protocol.md, \"Security\")\n",
			spec);
		return 2;
	}
	run_checks(&k, &cfg);
	if (t) {
		if (t->launchable)
			dlt_launch_stop(t, 0);
		dlt_target_free(t);
	}
	printf("1..%d\n", k.n);
	if (k.failed)
		fprintf(stderr,
			"dlt-interop adapter-check: %d of %d checks failed: the adapter does "
			"not conform\n",
			k.failed, k.n);
	return k.failed ? 1 : 0;
}
