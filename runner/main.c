/*
 * main.c: the dlt-interop command line: subcommands run, list, report, merge, diff, keygen,
 * certify, verify (runner/cmd_*.c), and --help / --version. Exit codes: 0 all passed, 1
 * something failed (or regressed), 2 usage or configuration error (verify: see
 * runner/cmd_verify.c).
 */
#include "config.h"
#include "runner/resume.h"
#include "runner/cert_cmds.h"
#include "runner/host.h"
#include "runner/run.h"
#include "runner/plan.h"
#include "common/bytesize.h"
#include "runner/target.h"
#include "reports/commands.h"
#include "runner/adapter_check.h"
#include "reports/intake.h"
#include "live/live.h"
#include "runner/home.h"
#include "common/mem.h"
#include "common/strlist.h"
#include "common/suggest.h"

#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	      "  merge     join results of shards or of several vendors into one; with\n"
	      "            --verify KEYS_DIR, intake of signed bundles into one matrix\n"
	      "  diff      compare two results: what got better, what regressed\n"
	      "  adapter-check  check an external adapter (ZeroMQ) against the protocol; TAP\n"
	      "  keygen    make an Ed25519 key pair for signing bundles\n"
	      "  certify   sign results under a profile into one bundle file\n"
	      "  verify    check a bundle: signature, suite digest, profile verdict\n"
	      "  watch     show runs started with --events live on the terminal\n"
	      "  serve     show runs started with --events live as a local web page\n"
	      "\n"
	      "  dlt-interop COMMAND --help   options of a command\n"
	      "  dlt-interop --version\n"
	      "\n"
	      "exit status: 0 all passed, 1 a result did not pass (fail, error, inconclusive,\n"
	      "             xpass, or launch-error: a target could not be started), the run was\n"
	      "             interrupted, or diff found regressions; 2 usage or configuration\n"
	      "             error, or a write of the results failed\n",
	      out);
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
		"      --keys FILE       funded accounts' private keys for the targets attached to\n"
		"                        (by URL or a target file without launch), one per line;\n"
		"                        also DLT_INTEROP_KEYS=FILE. Never written anywhere\n"
		"      --implementation NAME  the implementation of the attached targets (default:\n"
		"                        from the node's client version): their expectation file\n"
		"  -s, --suite PATH      a scenario file or folder (repeatable; default: suites/)\n"
		"      --profile NAME    the scenarios of a conformance profile (profiles/NAME.json:\n"
		"                        ethereum-node, bitcoin-node, monero-node, jsonrpc-envelope,\n"
		"                        htlc-swap); without --target, its families' targets. Not\n"
		"                        with --filter\n"
		"  -f, --filter PATTERN  only scenarios whose id or key (id@target,...) matches the\n"
		"                        shell pattern (repeatable); a pattern matching nothing is\n"
		"                        warned about, and no item left at all is exit 2\n"
		"      --shard I/N       run only the I-th of N stable parts of the plan\n"
		"      --shard auto[/N]  the part from the engine that fans the run out: GitLab's\n"
		"                        parallel (CI_NODE_INDEX/CI_NODE_TOTAL), or a Kubernetes\n"
		"                        Indexed Job (JOB_COMPLETION_INDEX + 1 of N, N given)\n"
		"                        (whole numbers, 1 <= I <= N)\n"
		"      --load-timeout S  time limit for a scenario file's top-level code, in seconds\n"
		"                        (default 10): past it the file gets a load error\n"
		"      --max-memory MB   memory of the Lua state of one scenario (or of one file\n"
		"                        being read), in MB (default 512, at least 16)\n"
		"%s"
		"  -h, --help            this text\n"
		"%s",
		cmd,
		strcmp(cmd, "list") == 0
			? "      --json            the plan as JSON\n"
			  "      --coverage        the execution-apis methods the planned scenarios name, then\n"
			  "                        the scenarios needing a prepared chain (the execution-apis\n"
			  "                        fixtures) per folder and target: replayed, left out (with\n"
			  "                        the expectation file's reason), expected to fail, then\n"
			  "                        every roadmap requirement: the scenarios naming it, backed\n"
			  "                        by canonical data or not, families, or why none\n"
			: "  -j, --jobs N|auto     worker threads (default auto: one per target of the plan,\n"
			  "                        as many as the free memory holds at the scenario memory\n"
			  "                        limit each); a target runs one scenario at a time,\n"
			  "                        different targets run concurrently; the longest work is\n"
			  "                        taken first (durations from the results folder's last run)\n"
			  "      --timeout S       time limit per scenario in seconds (default 60, at most\n"
			  "                        1000000)\n"
			  "      --call-timeout S  time limit per node call in seconds (default 30)\n"
			  "  -o, --results DIR     where events.jsonl and results.json go (default: results);\n"
			  "                        created and checked writable before any node starts. A\n"
			  "                        folder holding a finished run is replaced (with a warning),\n"
			  "                        one holding an unfinished run is refused (exit 2)\n"
			  "      --overwrite       start afresh in a --results folder holding an unfinished run\n"
			  "      --resume DIR      finish the interrupted run in DIR (killed, stopped, or out of\n"
			  "                        disk space): same options, same plan, only the items without\n"
			  "                        a verdict run; with it only -j, -q, --keep-nodes, --events\n"
			  "                        are given (and --target again for a URL with credentials)\n"
			  "      --max-response BYTES  largest node answer read (HTTP body, ZeroMQ\n"
			  "                        message); suffixes K, M, G (default 32M). A larger answer\n"
			  "                        is refused or cut off: verdict inconclusive, naming the limit\n"
			  "      --expect FILE     expectation file (repeatable); default: the files in\n"
			  "                        targets/expectations/ named after the targets\n"
			  "      --no-expectations ignore expectation files\n"
			  "      --schema-check    validate every eth_* answer against execution-apis\n"
			  "      --keep-nodes      keep launched nodes' work dirs (logs) after the run\n"
			  "  -q, --quiet           no progress or summary on stderr (TAP only)\n"
			  "      --events ENDPOINT publish every event live on ZeroMQ (a port: bound on\n"
			  "                        127.0.0.1; or tcp://HOST:PORT, ipc://PATH), for\n"
			  "                        'dlt-interop watch' and 'dlt-interop serve'\n"
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
			  "                        16777216)\n",
		strcmp(cmd, "list") == 0
			? "\nexit status: 0 the plan was printed, 2 usage or configuration error, or the plan\n"
			  "could not be written to standard output\n"
			: "\n"
			  "Launched nodes must answer on their own ports: the planned ports are checked free\n"
			  "before a node starts, and readiness (launch.ready in the target file, within\n"
			  "launch.ready.timeout seconds, default 60) must be answered by the launched process.\n"
			  "A target that cannot be started gives each of its items the verdict launch-error,\n"
			  "counted in no score. Scenarios that need a prepared chain (scenario.chain, e.g.\n"
			  "suites/ethereum-fixtures) are planned only on targets serving it (\"chain\" in the\n"
			  "target file) and on targets given by URL; what that leaves out is named on stderr.\n"
			  "\nexit status: 0 all passed, 1 something failed, could not run (launch-error) or the\n"
			  "run was interrupted, 2 usage\n"
			  "or configuration error, or a write to the results folder or standard output failed\n"
			  "(the run stops; finish it with --resume DIR)\n");
}

/* A whole decimal number from 1 to max: no sign, no spaces, no overflow. */
static int parse_count(const char *s, const char *end, long max, int *out)
{
	if (s == end || end - s > 18)
		return -1;
	long v = 0;
	for (const char *p = s; p < end; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
		if (v > max)
			return -1;
	}
	if (v < 1)
		return -1;
	*out = (int)v;
	return 0;
}

/* I/N with 1 <= I <= N <= INT_MAX; anything else (1/4294967298, 1/99999999999, 1/2x) fails. */
static int parse_shard(const char *s, int *i, int *n)
{
	const char *slash = strchr(s, '/');
	if (!slash || parse_count(s, slash, INT_MAX, i) ||
	    parse_count(slash + 1, slash + strlen(slash), INT_MAX, n) || *i > *n)
		return -1;
	return 0;
}

#define DLT_MAX_SECONDS 1e6

static int parse_seconds(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end || errno == ERANGE || !isfinite(v) || v <= 0 || v > DLT_MAX_SECONDS)
		return -1;
	*out = v;
	return 0;
}

/* A whole number in [min, max] (the limits of what a result stores). */
static int parse_limit(const char *s, size_t min, size_t max, size_t *out)
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

/* Options that change what a run plans or how verdicts are reached: a resumed run takes them
 * from the run it resumes. */
enum {
	GIVEN_JOBS = 1,
	GIVEN_RESULTS = 2,
	GIVEN_TARGET = 4,
	GIVEN_QUIET = 8,
	GIVEN_KEEP = 16,
	GIVEN_PLAN = 32
};

static int parse_run_args(int argc, char **argv, const char *cmd, struct dlt_run_opts *o,
			  unsigned *given)
{
	enum {
		O_SHARD = 256,
		O_TIMEOUT,
		O_CALL_TIMEOUT,
		O_EXPECT,
		O_NO_EXPECT,
		O_SCHEMA,
		O_KEEP,
		O_JSON,
		O_COVERAGE,
		O_RESUME,
		O_OVERWRITE,
		O_MAX_RESPONSE,
		O_LOAD_TIMEOUT,
		O_MAX_MEMORY,
		O_MAX_CHECKS,
		O_MAX_LOG_LINES,
		O_MAX_LOG_BYTES,
		O_MAX_MESSAGE,
		O_MAX_VALUE,
		O_MAX_STORED,
		O_KEYS,
		O_IMPLEMENTATION,
		O_PROFILE,
		O_EVENTS
	};
	static const struct option longopts[] = {
		{ "target", required_argument, NULL, 't' },
		{ "suite", required_argument, NULL, 's' },
		{ "filter", required_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "results", required_argument, NULL, 'o' },
		{ "shard", required_argument, NULL, O_SHARD },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "call-timeout", required_argument, NULL, O_CALL_TIMEOUT },
		{ "max-response", required_argument, NULL, O_MAX_RESPONSE },
		{ "expect", required_argument, NULL, O_EXPECT },
		{ "no-expectations", no_argument, NULL, O_NO_EXPECT },
		{ "keys", required_argument, NULL, O_KEYS },
		{ "implementation", required_argument, NULL, O_IMPLEMENTATION },
		{ "schema-check", no_argument, NULL, O_SCHEMA },
		{ "keep-nodes", no_argument, NULL, O_KEEP },
		{ "json", no_argument, NULL, O_JSON },
		{ "coverage", no_argument, NULL, O_COVERAGE },
		{ "resume", required_argument, NULL, O_RESUME },
		{ "overwrite", no_argument, NULL, O_OVERWRITE },
		{ "load-timeout", required_argument, NULL, O_LOAD_TIMEOUT },
		{ "max-memory", required_argument, NULL, O_MAX_MEMORY },
		{ "max-checks", required_argument, NULL, O_MAX_CHECKS },
		{ "max-log-lines", required_argument, NULL, O_MAX_LOG_LINES },
		{ "max-log-bytes", required_argument, NULL, O_MAX_LOG_BYTES },
		{ "max-message", required_argument, NULL, O_MAX_MESSAGE },
		{ "max-value", required_argument, NULL, O_MAX_VALUE },
		{ "max-stored", required_argument, NULL, O_MAX_STORED },
		{ "events", required_argument, NULL, O_EVENTS },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "profile", required_argument, NULL, O_PROFILE },
		{ NULL, 0, NULL, 0 },
	};
	int c, code = -1;
	const char *profile = NULL;
	optind = 1;
	while (code < 0 && (c = getopt_long(argc, argv, "t:s:f:j:o:qh", longopts, NULL)) != -1) {
		unsigned g = GIVEN_PLAN;
		switch (c) {
		case 't':
			dlt_strlist_add(&o->targets, optarg);
			g = GIVEN_TARGET;
			break;
		case 's': dlt_strlist_add(&o->suites, optarg); break;
		case 'f': dlt_strlist_add(&o->filters, optarg); break;
		case 'o':
			o->results_dir = optarg;
			g = GIVEN_RESULTS;
			break;
		case 'q':
			o->quiet = 1;
			g = GIVEN_QUIET;
			break;
		case 'j': {
			char *end;
			long j = strcmp(optarg, "auto") ? strtol(optarg, &end, 10) : 0;
			if (!strcmp(optarg, "auto"))
				end = optarg + 4;
			if (end == optarg || *end || j < 0 || j > 256 ||
			    (j == 0 && strcmp(optarg, "auto"))) {
				fprintf(stderr,
					"dlt-interop %s: -j %s: a number from 1 to 256, or auto\n",
					cmd, optarg);
				code = 2;
			}
			o->jobs = (int)j;
			g = GIVEN_JOBS;
			break;
		}
		case O_SHARD:
			if (!strncmp(optarg, "auto", 4) && (!optarg[4] || optarg[4] == '/')) {
				char why[512];
				if (dlt_plan_shard_auto(optarg, &o->shard_index, &o->shard_count,
							why, sizeof why)) {
					fprintf(stderr, "dlt-interop %s: --shard %s: %s\n", cmd,
						optarg, why);
					code = 2;
				}
			} else if (parse_shard(optarg, &o->shard_index, &o->shard_count)) {
				fprintf(stderr,
					"dlt-interop %s: --shard %s: expected I/N, whole numbers "
					"with 1 <= I <= N <= %d\n",
					cmd, optarg, INT_MAX);
				code = 2;
			}
			break;
		case O_TIMEOUT:
			if (parse_seconds(optarg, &o->timeout)) {
				fprintf(stderr,
					"dlt-interop %s: --timeout %s: a positive number of seconds "
					"up to %.0f\n",
					cmd, optarg, DLT_MAX_SECONDS);
				code = 2;
			}
			break;
		case O_CALL_TIMEOUT:
			if (parse_seconds(optarg, &o->call_timeout)) {
				fprintf(stderr,
					"dlt-interop %s: --call-timeout %s: a positive number of "
					"seconds up to %.0f\n",
					cmd, optarg, DLT_MAX_SECONDS);
				code = 2;
			}
			break;
		case O_LOAD_TIMEOUT:
			if (parse_seconds(optarg, &o->load_timeout) || o->load_timeout > 1e6) {
				fprintf(stderr,
					"dlt-interop %s: --load-timeout %s: a positive number of "
					"seconds\n",
					cmd, optarg);
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
				{ O_MAX_MEMORY, "--max-memory", "megabytes", DLT_MIN_MAX_MEMORY_MB,
				  1 << 20 },
				{ O_MAX_CHECKS, "--max-checks", "checks", 1, 100000000 },
				{ O_MAX_LOG_LINES, "--max-log-lines", "lines", 1, 100000000 },
				{ O_MAX_LOG_BYTES, "--max-log-bytes", "bytes", 64,
				  (size_t)1 << 40 },
				{ O_MAX_MESSAGE, "--max-message", "bytes", 64, (size_t)1 << 30 },
				{ O_MAX_VALUE, "--max-value", "bytes", 256, (size_t)1 << 40 },
				{ O_MAX_STORED, "--max-stored", "bytes", 1024, (size_t)1 << 40 },
			};
			size_t *dest[] = { &o->max_memory_mb, &o->max_checks,  &o->max_log_lines,
					   &o->max_log_bytes, &o->max_message, &o->max_value,
					   &o->max_stored };
			for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++) {
				if (limits[k].opt != c)
					continue;
				if (parse_limit(optarg, limits[k].min, limits[k].max, dest[k])) {
					fprintf(stderr,
						"dlt-interop %s: %s %s: a whole number of %s from %zu "
						"to %zu\n",
						cmd, limits[k].name, optarg, limits[k].what,
						limits[k].min, limits[k].max);
					code = 2;
				}
			}
			break;
		}
		case O_MAX_RESPONSE:
			if (dlt_bytesize_parse(optarg, &o->max_response)) {
				fprintf(stderr,
					"dlt-interop %s: --max-response %s: a positive number of "
					"bytes, optionally with K, M or G (e.g. 32M)\n",
					cmd, optarg);
				code = 2;
			}
			break;
		case O_EXPECT: dlt_strlist_add(&o->expects, optarg); break;
		case O_NO_EXPECT: o->no_expect = 1; break;
		case O_KEYS: o->keys_file = optarg; break;
		case O_IMPLEMENTATION: o->implementation = optarg; break;
		case O_SCHEMA: o->schema_check = 1; break;
		case O_KEEP:
			o->keep_nodes = 1;
			g = GIVEN_KEEP;
			break;
		case O_JSON: o->list_json = 1; break;
		case O_COVERAGE: o->coverage = 1; break;
		case O_RESUME:
			o->resume_dir = optarg;
			g = 0;
			break;
		case O_OVERWRITE:
			o->overwrite = 1;
			g = 0;
			break;
		case O_PROFILE: profile = optarg; break;
		case O_EVENTS:
			o->events = optarg;
			g = 0;
			break;
		case 'h':
			usage_run(stdout, cmd);
			code = 0;
			break;
		default:
			fprintf(stderr, "dlt-interop %s: see 'dlt-interop %s --help'\n", cmd, cmd);
			code = 2;
		}
		*given |= g;
	}
	char perr[1024];
	if (code < 0 && profile &&
	    dlt_run_profile_apply(profile, &o->filters, &o->targets, perr, sizeof perr)) {
		fprintf(stderr, "dlt-interop %s: --profile: %s\n", cmd, perr);
		code = 2;
	}
	if (code < 0 && optind < argc) {
		fprintf(stderr, "dlt-interop %s: unexpected argument '%s' (see --help)\n", cmd,
			argv[optind]);
		code = 2;
	}
	if (code < 0 && o->list_only && (o->resume_dir || o->overwrite)) {
		fprintf(stderr, "dlt-interop list: --resume and --overwrite are options of run\n");
		code = 2;
	}
	if (code < 0 && o->resume_dir && o->overwrite) {
		fprintf(stderr,
			"dlt-interop %s: --resume and --overwrite exclude each other: "
			"--resume finishes the run in the folder, --overwrite starts a new one there\n",
			cmd);
		code = 2;
	}
	return code;
}

static void init_opts(struct dlt_run_opts *o, int argc, char **argv, int list_only)
{
	memset(o, 0, sizeof *o);
	o->jobs = 0; /* auto: dlt_run_schedule */
	o->timeout = 60;
	o->call_timeout = 30;
	o->max_response = DLT_MAX_RESPONSE_DEFAULT;
	o->results_dir = "results";
	o->list_only = list_only;
	o->argc = argc;
	o->argv = argv;
}

static void free_opts(struct dlt_run_opts *o)
{
	dlt_strlist_free(&o->targets);
	dlt_strlist_free(&o->suites);
	dlt_strlist_free(&o->filters);
	dlt_strlist_free(&o->expects);
}

static void strlist_from_json(struct dlt_strlist *l, const cJSON *a)
{
	dlt_strlist_free(l);
	const cJSON *v;
	cJSON_ArrayForEach (v, a)
		if (cJSON_IsString(v))
			dlt_strlist_add(l, v->valuestring);
}

/* The recorded target specs, with a URL whose credentials were not recorded given again
 * with --target on this command line. */
static int resume_targets(struct dlt_run_opts *o2, const cJSON *recorded,
			  const struct dlt_strlist *given, const char *dir)
{
	struct dlt_strlist used = { 0 };
	dlt_strlist_free(&o2->targets);
	const cJSON *t;
	cJSON_ArrayForEach (t, recorded) {
		const char *spec =
			cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "spec"));
		if (!spec)
			continue;
		const char *pick = spec;
		for (size_t i = 0; i < given->n; i++) {
			char *pub = strstr(given->v[i], "://") ? dlt_target_public_url(given->v[i])
							       : dlt_xstrdup(given->v[i]);
			if (!strcmp(pub, spec)) {
				pick = given->v[i];
				dlt_strlist_add(&used, given->v[i]);
			}
			free(pub);
		}
		if (pick == spec &&
		    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "credentials"))) {
			fprintf(stderr,
				"dlt-interop run: --resume %s: target %s was given with "
				"credentials, which are not recorded; give it again with them: --target "
				"'FAMILY=http://USER:PASSWORD@...'\n",
				dir, spec);
			dlt_strlist_free(&used);
			return -1;
		}
		dlt_strlist_add(&o2->targets, pick);
	}
	for (size_t i = 0; i < given->n; i++)
		if (!dlt_strlist_has(&used, given->v[i])) {
			fprintf(stderr,
				"dlt-interop run: --resume %s: --target %s is not a target of "
				"that run (with --resume, --target only gives a URL's credentials again)\n",
				dir, given->v[i]);
			dlt_strlist_free(&used);
			return -1;
		}
	dlt_strlist_free(&used);
	return 0;
}

/* run --resume DIR: the options come from the run_start event of DIR/events.jsonl (the run's
 * argv, re-read with this parser, then the targets, suites and expectation files as they were
 * resolved); this command line adds only -j, -q, --keep-nodes and credentials. */
static int cmd_resume(struct dlt_run_opts *o, unsigned given)
{
	const char *dir = o->resume_dir;
	if (given & GIVEN_PLAN) {
		fprintf(stderr,
			"dlt-interop run: --resume %s takes the run's options from "
			"%s/events.jsonl; give only -j, -q, --keep-nodes (and --target to give a "
			"URL's credentials again)\n",
			dir, dir);
		return 2;
	}
	if ((given & GIVEN_RESULTS) && strcmp(o->results_dir, dir) != 0) {
		fprintf(stderr,
			"dlt-interop run: --resume %s writes to %s; leave out --results %s\n", dir,
			dir, o->results_dir);
		return 2;
	}
	char err[2048];
	struct dlt_resume *prev = NULL;
	if (dlt_resume_load(dir, &prev, err, sizeof err)) {
		fprintf(stderr, "dlt-interop run: %s\n", err);
		return 2;
	}
	char *absdir = realpath(dir, NULL);
	const cJSON *run = cJSON_GetObjectItemCaseSensitive(prev->start, "run");
	const cJSON *opts = cJSON_GetObjectItemCaseSensitive(run, "options");
	const cJSON *rargv = cJSON_GetObjectItemCaseSensitive(run, "argv");
	int rargc = cJSON_GetArraySize(rargv);
	char **rv = dlt_xcalloc((size_t)rargc + 1, sizeof *rv);
	for (int i = 0; i < rargc; i++) {
		const cJSON *a = cJSON_GetArrayItem(rargv, i);
		rv[i] = dlt_xstrdup(cJSON_IsString(a) ? a->valuestring : "");
	}
	struct dlt_run_opts o2;
	init_opts(&o2, rargc, rv, 0);
	unsigned g2 = 0;
	int code = rargc > 0 ? parse_run_args(rargc, rv, "run", &o2, &g2) : 2;
	if (code >= 0 || o2.resume_dir) {
		fprintf(stderr,
			"dlt-interop run: --resume %s: the run's recorded options do not "
			"parse any more; start a new run with --overwrite\n",
			dir);
		code = 2;
		goto out;
	}
	if (resume_targets(&o2, cJSON_GetObjectItemCaseSensitive(opts, "targets"), &o->targets,
			   dir)) {
		code = 2;
		goto out;
	}
	strlist_from_json(&o2.suites, cJSON_GetObjectItemCaseSensitive(opts, "suites"));
	strlist_from_json(&o2.expects, cJSON_GetObjectItemCaseSensitive(opts, "expect"));
	o2.no_expect = 1; /* exactly the recorded files */
	o2.results_dir = absdir ? absdir : dir;
	o2.resume_dir = o2.results_dir; /* for messages: absolute, as the run goes to its folder */
	if (given & GIVEN_JOBS)
		o2.jobs = o->jobs;
	o2.quiet = o->quiet;
	o2.keep_nodes = o->keep_nodes;
	o2.events = o->events;
	o2.resume = prev;
	o2.session_argc = o->argc;
	o2.session_argv = o->argv;
	/* file names in results are relative to the folder the run started in */
	const char *cwd = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(opts, "cwd"));
	if (cwd && chdir(cwd) != 0)
		fprintf(stderr,
			"dlt-interop run: warning: cannot go to %s, where the run started "
			"(%s); file names are shown relative to this folder\n",
			cwd, strerror(errno));
	code = dlt_run(&o2);
out:
	free_opts(&o2);
	for (int i = 0; i < rargc; i++)
		free(rv[i]);
	free(rv);
	free(absdir);
	dlt_resume_free(prev);
	return code;
}

static int cmd_run(int argc, char **argv, int list_only)
{
	struct dlt_run_opts o;
	init_opts(&o, argc, argv, list_only);
	const char *cmd = list_only ? "list" : "run";
	unsigned given = 0;
	int code = parse_run_args(argc, argv, cmd, &o, &given);
	if (code < 0 && o.resume_dir)
		code = cmd_resume(&o, given);
	else if (code < 0)
		code = dlt_run(&o);
	free_opts(&o);
	return code;
}

/* `dlt-interop __complete targets|suites`: words for the bash completion
 * (completions/dlt-interop): the built-in target names and their families; the suite
 * folders. */
static int complete_words(const char *what)
{
	char *dir =
		dlt_printf("%s/%s", dlt_home(), !strcmp(what, "targets") ? "targets" : "suites");
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		size_t len = strlen(n);
		if (n[0] == '.')
			continue;
		if (!strcmp(what, "targets") && len > 5 && !strcmp(n + len - 5, ".json")) {
			printf("%.*s\n", (int)(len - 5), n);
		} else if (!strcmp(what, "suites") && strcmp(n, "lib") && strcmp(n, "local.am")) {
			printf("%s/%s\n", dir, n);
		}
	}
	if (d)
		closedir(d);
	if (!strcmp(what, "targets"))
		fputs("ethereum\nbitcoin\nmonero\n", stdout);
	free(dir);
	return 0;
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
	if (!strcmp(cmd, "__complete"))
		return complete_words(argc > 2 ? argv[2] : "");
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
	else if (!strcmp(cmd, "merge") && dlt_cmd_is_intake(argc - 1, argv + 1))
		code = dlt_cmd_intake(argc - 1, argv + 1, dlt_home(), PACKAGE_STRING);
	else if (!strcmp(cmd, "merge"))
		code = dlt_cmd_merge(argc - 1, argv + 1);
	else if (!strcmp(cmd, "diff"))
		code = dlt_cmd_diff(argc - 1, argv + 1);
	else if (!strcmp(cmd, "adapter-check"))
		code = dlt_cmd_adapter_check(argc - 1, argv + 1);
	else if (!strcmp(cmd, "keygen"))
		code = dlt_cmd_keygen(argc - 1, argv + 1);
	else if (!strcmp(cmd, "certify"))
		code = dlt_cmd_certify(argc - 1, argv + 1);
	else if (!strcmp(cmd, "verify"))
		code = dlt_cmd_verify(argc - 1, argv + 1);
	else if (!strcmp(cmd, "watch") || !strcmp(cmd, "serve")) {
		char *rm = dlt_printf("%s/roadmap/roadmap.json", dlt_home());
		code = !strcmp(cmd, "watch") ? dlt_cmd_watch(argc - 1, argv + 1, rm)
					     : dlt_cmd_serve(argc - 1, argv + 1, rm);
		free(rm);
	} else {
		static const char *const cmds[] = { "run",   "list",  "report", "merge",  "diff",
						    "watch", "serve", "help",   "version" };
		const char *near = dlt_suggest(cmd, cmds, sizeof cmds / sizeof cmds[0]);
		if (near)
			fprintf(stderr, "dlt-interop: unknown command '%s'; did you mean '%s'?\n\n",
				cmd, near);
		else
			fprintf(stderr, "dlt-interop: unknown command '%s'\n\n", cmd);
		usage_main(stderr);
		code = 2;
	}
	curl_global_cleanup();
	return code;
}
