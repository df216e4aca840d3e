/*
 * main.c: the dlt-interop command line: subcommands run, list, report, merge, diff, and
 * --help / --version. Exit codes: 0 all passed, 1 something failed (or regressed), 2 usage or
 * configuration error.
 */
#include "config.h"
#include "host.h"
#include "run.h"
#include "reports/commands.h"
#include "util.h"

#include <curl/curl.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage_main(FILE *out)
{
	fputs("usage: dlt-interop COMMAND [OPTIONS]\n"
	      "\n"
	      "A conformance and interoperability test suite for distributed ledgers.\n"
	      "\n"
	      "commands:\n"
	      "  run       run scenarios against targets; TAP on stdout, results in a folder\n"
	      "  list      print the plan (scenario x targets, roadmap ids) without running it\n"
	      "  report    render results as html, md, junit, earl or json\n"
	      "  merge     join results of shards or of several vendors into one\n"
	      "  diff      compare two results: what got better, what regressed\n"
	      "\n"
	      "  dlt-interop COMMAND --help   options of a command\n"
	      "  dlt-interop --version\n"
	      "\n"
	      "exit status: 0 all passed, 1 a check failed (or diff found regressions),\n"
	      "             2 usage or configuration error\n", out);
}

static void usage_run(FILE *out, const char *cmd)
{
	fprintf(out,
		"usage: dlt-interop %s [OPTIONS]\n"
		"\n"
		"  -t, --target SPEC     a built-in target name (anvil, hardhat, litecoind, ...), a\n"
		"                        family (every installed built-in target of it), a target\n"
		"                        file (.json), or a URL of a running node: http://HOST:PORT\n"
		"                        (ethereum) or FAMILY=URL. Repeatable. Default: every\n"
		"                        built-in target whose node is installed.\n"
		"  -s, --suite PATH      a scenario file or folder (repeatable; default: suites/)\n"
		"  -f, --filter PATTERN  only scenarios whose id or key (id@target,...) matches the\n"
		"                        shell pattern (repeatable)\n"
		"      --shard I/N       run only the I-th of N stable parts of the plan\n"
		"      --load-timeout S  time limit for a scenario file's top-level code, in seconds\n"
		"                        (default 10): past it the file gets a load error\n"
		"      --max-memory MB   memory of the Lua state of one scenario (or of one file\n"
		"                        being read), in MB (default 512, at least 16)\n"
		"%s"
		"  -h, --help            this text\n",
		cmd,
		strcmp(cmd, "list") == 0 ?
		"      --json            the plan as JSON\n" :
		"  -j, --jobs N          worker threads (default 1); a target runs one scenario at\n"
		"                        a time, different targets run concurrently\n"
		"      --timeout S       time limit per scenario in seconds (default 60)\n"
		"      --call-timeout S  time limit per node call in seconds (default 30)\n"
		"  -o, --results DIR     where events.jsonl and results.json go (default: results)\n"
		"      --expect FILE     expectation file (repeatable); default: the files in\n"
		"                        targets/expectations/ named after the targets\n"
		"      --no-expectations ignore expectation files\n"
		"      --schema-check    validate every eth_* answer against execution-apis\n"
		"      --keep-nodes      keep launched nodes' work dirs (logs) after the run\n"
		"  -q, --quiet           no progress or summary on stderr (TAP only)\n"
		"\n"
		"  what one result stores (a scenario cannot make a result grow past these):\n"
		"      --max-checks N    checks stored (default 10000; more are counted, failed\n"
		"                        ones are kept before passing ones)\n"
		"      --max-log-lines N log lines stored (default 1000)\n"
		"      --max-log-bytes N log bytes stored (default 1048576)\n"
		"      --max-message N   bytes of a label, reason or error message (default 1024)\n"
		"      --max-value N     bytes of one stored expected/actual value (default 65536;\n"
		"                        a longer one is stored as a $truncated marker)\n"
		"      --max-stored N    bytes of the values stored in one result (default\n"
		"                        16777216)\n");
}

static int parse_shard(const char *s, int *i, int *n)
{
	char tail;
	if (sscanf(s, "%d/%d%c", i, n, &tail) != 2 || *n < 1 || *i < 1 || *i > *n)
		return -1;
	return 0;
}

static int parse_seconds(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (*end || v <= 0)
		return -1;
	*out = v;
	return 0;
}

/* A whole number in [min, max]. */
static int parse_count(const char *s, size_t min, size_t max, size_t *out)
{
	char *end;
	if (!*s || *s == '-')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || v < min || v > max)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int cmd_run(int argc, char **argv, int list_only)
{
	struct dlt_run_opts o;
	memset(&o, 0, sizeof o);
	o.jobs = 1;
	o.timeout = 60;
	o.call_timeout = 30;
	o.results_dir = "results";
	o.list_only = list_only;
	o.argc = argc;
	o.argv = argv;
	enum { O_SHARD = 256, O_TIMEOUT, O_CALL_TIMEOUT, O_EXPECT, O_NO_EXPECT, O_SCHEMA,
	       O_KEEP, O_JSON, O_COVERAGE, O_LOAD_TIMEOUT, O_MAX_MEMORY, O_MAX_CHECKS,
	       O_MAX_LOG_LINES, O_MAX_LOG_BYTES, O_MAX_MESSAGE, O_MAX_VALUE, O_MAX_STORED };
	static const struct option longopts[] = {
		{"target", required_argument, NULL, 't'},
		{"suite", required_argument, NULL, 's'},
		{"filter", required_argument, NULL, 'f'},
		{"jobs", required_argument, NULL, 'j'},
		{"results", required_argument, NULL, 'o'},
		{"shard", required_argument, NULL, O_SHARD},
		{"timeout", required_argument, NULL, O_TIMEOUT},
		{"call-timeout", required_argument, NULL, O_CALL_TIMEOUT},
		{"expect", required_argument, NULL, O_EXPECT},
		{"no-expectations", no_argument, NULL, O_NO_EXPECT},
		{"schema-check", no_argument, NULL, O_SCHEMA},
		{"keep-nodes", no_argument, NULL, O_KEEP},
		{"json", no_argument, NULL, O_JSON},
		{"coverage", no_argument, NULL, O_COVERAGE},
		{"load-timeout", required_argument, NULL, O_LOAD_TIMEOUT},
		{"max-memory", required_argument, NULL, O_MAX_MEMORY},
		{"max-checks", required_argument, NULL, O_MAX_CHECKS},
		{"max-log-lines", required_argument, NULL, O_MAX_LOG_LINES},
		{"max-log-bytes", required_argument, NULL, O_MAX_LOG_BYTES},
		{"max-message", required_argument, NULL, O_MAX_MESSAGE},
		{"max-value", required_argument, NULL, O_MAX_VALUE},
		{"max-stored", required_argument, NULL, O_MAX_STORED},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *cmd = list_only ? "list" : "run";
	int c, code = -1;
	optind = 1;
	while (code < 0 && (c = getopt_long(argc, argv, "t:s:f:j:o:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 't': dlt_strlist_add(&o.targets, optarg); break;
		case 's': dlt_strlist_add(&o.suites, optarg); break;
		case 'f': dlt_strlist_add(&o.filters, optarg); break;
		case 'o': o.results_dir = optarg; break;
		case 'q': o.quiet = 1; break;
		case 'j': {
			char *end;
			long j = strtol(optarg, &end, 10);
			if (*end || j < 1 || j > 256) {
				fprintf(stderr, "dlt-interop %s: -j %s: a number from 1 to 256\n", cmd, optarg);
				code = 2;
			}
			o.jobs = (int)j;
			break;
		}
		case O_SHARD:
			if (parse_shard(optarg, &o.shard_index, &o.shard_count)) {
				fprintf(stderr, "dlt-interop %s: --shard %s: expected I/N with 1 <= I <= N\n",
					cmd, optarg);
				code = 2;
			}
			break;
		case O_TIMEOUT:
			if (parse_seconds(optarg, &o.timeout)) {
				fprintf(stderr, "dlt-interop %s: --timeout %s: a positive number of seconds\n",
					cmd, optarg);
				code = 2;
			}
			break;
		case O_CALL_TIMEOUT:
			if (parse_seconds(optarg, &o.call_timeout)) {
				fprintf(stderr, "dlt-interop %s: --call-timeout %s: a positive number of "
					"seconds\n", cmd, optarg);
				code = 2;
			}
			break;
		case O_LOAD_TIMEOUT:
			if (parse_seconds(optarg, &o.load_timeout) || o.load_timeout > 1e6) {
				fprintf(stderr, "dlt-interop %s: --load-timeout %s: a positive number of "
					"seconds\n", cmd, optarg);
				code = 2;
			}
			break;
		case O_MAX_MEMORY:
		case O_MAX_CHECKS:
		case O_MAX_LOG_LINES:
		case O_MAX_LOG_BYTES:
		case O_MAX_MESSAGE:
		case O_MAX_VALUE:
		case O_MAX_STORED: {
			static const struct {
				int opt;
				const char *name, *what;
				size_t min, max;
			} limits[] = {
				{O_MAX_MEMORY, "--max-memory", "megabytes", DLT_MIN_MAX_MEMORY_MB, 1 << 20},
				{O_MAX_CHECKS, "--max-checks", "checks", 1, 100000000},
				{O_MAX_LOG_LINES, "--max-log-lines", "lines", 1, 100000000},
				{O_MAX_LOG_BYTES, "--max-log-bytes", "bytes", 64, (size_t)1 << 40},
				{O_MAX_MESSAGE, "--max-message", "bytes", 64, (size_t)1 << 30},
				{O_MAX_VALUE, "--max-value", "bytes", 256, (size_t)1 << 40},
				{O_MAX_STORED, "--max-stored", "bytes", 1024, (size_t)1 << 40},
			};
			size_t *dest[] = {&o.max_memory_mb, &o.max_checks, &o.max_log_lines,
				&o.max_log_bytes, &o.max_message, &o.max_value, &o.max_stored};
			for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++) {
				if (limits[k].opt != c)
					continue;
				if (parse_count(optarg, limits[k].min, limits[k].max, dest[k])) {
					fprintf(stderr, "dlt-interop %s: %s %s: a whole number of %s from %zu "
						"to %zu\n", cmd, limits[k].name, optarg, limits[k].what,
						limits[k].min, limits[k].max);
					code = 2;
				}
			}
			break;
		}
		case O_EXPECT: dlt_strlist_add(&o.expects, optarg); break;
		case O_NO_EXPECT: o.no_expect = 1; break;
		case O_SCHEMA: o.schema_check = 1; break;
		case O_KEEP: o.keep_nodes = 1; break;
		case O_JSON: o.list_json = 1; break;
		case O_COVERAGE: o.coverage = 1; break;
		case 'h':
			usage_run(stdout, cmd);
			code = 0;
			break;
		default:
			fprintf(stderr, "dlt-interop %s: see 'dlt-interop %s --help'\n", cmd, cmd);
			code = 2;
		}
	}
	if (code < 0 && optind < argc) {
		fprintf(stderr, "dlt-interop %s: unexpected argument '%s' (see --help)\n", cmd,
			argv[optind]);
		code = 2;
	}
	if (code < 0)
		code = dlt_run(&o);
	dlt_strlist_free(&o.targets);
	dlt_strlist_free(&o.suites);
	dlt_strlist_free(&o.filters);
	dlt_strlist_free(&o.expects);
	return code;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage_main(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		usage_main(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		printf("%s\n", PACKAGE_STRING);
		return 0;
	}
	if (sodium_init() < 0) {
		fputs("dlt-interop: libsodium failed to initialise\n", stderr);
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int code;
	if (!strcmp(cmd, "run"))
		code = cmd_run(argc - 1, argv + 1, 0);
	else if (!strcmp(cmd, "list"))
		code = cmd_run(argc - 1, argv + 1, 1);
	else if (!strcmp(cmd, "report"))
		code = dlt_cmd_report(argc - 1, argv + 1);
	else if (!strcmp(cmd, "merge"))
		code = dlt_cmd_merge(argc - 1, argv + 1);
	else if (!strcmp(cmd, "diff"))
		code = dlt_cmd_diff(argc - 1, argv + 1);
	else {
		fprintf(stderr, "dlt-interop: unknown command '%s'\n\n", cmd);
		usage_main(stderr);
		code = 2;
	}
	curl_global_cleanup();
	return code;
}
