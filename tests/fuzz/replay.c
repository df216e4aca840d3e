/*
 * replay.c: the replay driver, built with the project's compiler (gcc) against libdlt.a, so the
 * saved fuzz inputs stay covered without clang: `replay TARGET FILE...` feeds each file to that
 * target's function (the one libFuzzer calls) and prints one line per file. A crash or a failed
 * property aborts the process; exit 0 means every input went through, 2 a usage error.
 * Like libFuzzer's -rss_limit_mb, memory is bounded (4 GiB of address space; under ASan, whose
 * shadow memory needs more, replay.sh sets ASAN_OPTIONS=hard_rss_limit_mb instead), so an input
 * that makes a parser allocate without bound fails instead of exhausting the machine.
 */
#include "fuzz.h"
#include "common/file.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#define REPLAY_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REPLAY_UNDER_ASAN 1
#endif
#endif

static const struct {
	const char *name;
	int (*fn)(const uint8_t *, size_t);
} targets[] = {
	{ "target", dlt_fuzz_target },
	{ "vectors", dlt_fuzz_vectors },
	{ "roadmap", dlt_fuzz_roadmap },
	{ "expectations", dlt_fuzz_expectations },
	{ "results", dlt_fuzz_results },
	{ "rlp", dlt_fuzz_rlp },
	{ "bech32", dlt_fuzz_bech32 },
	{ "hex", dlt_fuzz_hex },
	{ "u256", dlt_fuzz_u256 },
	{ "exact", dlt_fuzz_exact },
	{ "jsonschema", dlt_fuzz_jsonschema },
	{ "openrpc", dlt_fuzz_openrpc },
	{ "lua_json", dlt_fuzz_lua_json },
	{ "btc_tx", dlt_fuzz_btc_tx },
	{ "eth_tx", dlt_fuzz_eth_tx },
	{ "ext_msg", dlt_fuzz_ext_msg },
	{ "bundle", dlt_fuzz_bundle },
};

int main(int argc, char **argv)
{
	size_t i, ntargets = sizeof targets / sizeof *targets;
	if (argc < 2) {
		fprintf(stderr, "usage: replay TARGET FILE...\ntargets:");
		for (i = 0; i < ntargets; i++)
			fprintf(stderr, " %s", targets[i].name);
		fprintf(stderr, "\n");
		return 2;
	}
#ifndef REPLAY_UNDER_ASAN
	struct rlimit lim = { (rlim_t)4 << 30, (rlim_t)4 << 30 };
	setrlimit(RLIMIT_AS, &lim);
#endif
	for (i = 0; i < ntargets && strcmp(targets[i].name, argv[1]); i++)
		;
	if (i == ntargets) {
		fprintf(stderr,
			"replay: unknown target \"%s\" (replay without arguments lists them)\n",
			argv[1]);
		return 2;
	}
	for (int a = 2; a < argc; a++) {
		size_t len = 0;
		char err[512];
		char *buf = dlt_read_file(argv[a], &len, err, sizeof err);
		if (!buf) {
			fprintf(stderr, "replay %s: %s\n", argv[1], err);
			return 2;
		}
		/* a copy of exactly len bytes, so ASan sees a read past the input */
		unsigned char *exact = malloc(len ? len : 1);
		if (!exact) {
			free(buf);
			return 2;
		}
		memcpy(exact, buf, len);
		free(buf);
		targets[i].fn(exact, len);
		free(exact);
		printf("replay %s: %s: ok\n", argv[1], argv[a]);
		fflush(stdout);
	}
	return 0;
}
