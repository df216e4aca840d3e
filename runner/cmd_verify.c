/*
 * cmd_verify.c: `dlt-interop verify BUNDLE --pubkey KEY`: what a standards body runs on a
 * bundle it received (docs/certification.md). Opening the bundle checks its form, its
 * signature, its suite manifest and re-derives the profile verdict from the results inside
 * (cert/bundle.c); then the signer must be the given key, and the suite digest and the
 * profile are compared with the suite here. Prints a one-screen summary.
 * Exit status: 0 verified and the profile passed; 1 verified and the profile did not pass;
 * 2 usage error (or a key file that cannot be read); 3 authentic, but produced by another
 * suite or profile than the one here; 4 refused (not a bundle, changed, signed by another
 * key, or claiming what its results do not give).
 */
#include "runner/cert_cmds.h"
#include "config.h"
#include "runner/home.h"
#include "cert/bundle.h"
#include "cert/keys.h"
#include "cert/suite.h"
#include "model/results.h"
#include "reports/cmdline.h"
#include "common/mem.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char VERIFY_USAGE[] =
	"usage: dlt-interop verify BUNDLE --pubkey KEY [-q]\n"
	"\n"
	"Checks a bundle made by dlt-interop certify: its signature by the public key KEY\n"
	"(the vendor's PREFIX.pub), the digest of the suite it names against the suite here,\n"
	"and its profile verdict, re-derived from the results inside. Prints a summary.\n"
	"\n"
	"  --pubkey FILE   the public key the bundle must be signed with\n"
	"  -q, --quiet     only the verdict line (and errors)\n"
	"  -h, --help      this text\n"
	"\nExit status: 0 verified, profile passed; 1 verified, profile not passed; 2 usage\n"
	"error; 3 authentic but run with another suite or profile than the one here;\n"
	"4 refused (not a bundle, changed after signing, signed by another key, or its\n"
	"claimed verdict is not what its results give).\n";

static void summary(const struct dlt_bundle *b)
{
	const cJSON *p = b->profile, *t, *r;
	printf("bundle of %s, signed by %s\n", b->created, b->fingerprint);
	printf("profile: %s %s (%s), pass rule %s\n", dlt_json_str(p, "name"),
	       dlt_json_str(p, "version"), dlt_json_str(p, "title") ? dlt_json_str(p, "title") : "",
	       dlt_json_str(p, "pass_rule"));
	cJSON_ArrayForEach (t, b->targets)
		printf("target: %s: %s %s (%s), chain id %s, genesis %s\n",
		       dlt_json_str(t, "name") ? dlt_json_str(t, "name") : "?",
		       dlt_json_str(t, "implementation") ? dlt_json_str(t, "implementation") : "?",
		       dlt_json_str(t, "version") ? dlt_json_str(t, "version") : "?",
		       dlt_json_str(t, "client_version") ? dlt_json_str(t, "client_version") : "?",
		       dlt_json_str(t, "chain_id") ? dlt_json_str(t, "chain_id") : "-",
		       dlt_json_str(t, "genesis_hash") ? dlt_json_str(t, "genesis_hash") : "-");
	const cJSON *run = cJSON_GetObjectItemCaseSensitive(b->results, "run");
	printf("run: %s, %s, suite %s\n", dlt_json_str(run, "id"), dlt_json_str(run, "tool"),
	       dlt_json_str(b->suite, "digest"));
	int n = 0, shown = 0;
	static const char *const ORDER[] = { "fail", "inconclusive", "not-tested", "pass",
					     "not-applicable" };
	int counts[5] = { 0 };
	cJSON_ArrayForEach (r, cJSON_GetObjectItemCaseSensitive(b->verdict, "requirements")) {
		n++;
		for (int k = 0; k < 5; k++)
			if (!strcmp(dlt_json_str(r, "verdict"), ORDER[k]))
				counts[k]++;
	}
	printf("requirements: %d:", n);
	for (int k = 0; k < 5; k++)
		if (counts[k])
			printf(" %d %s", counts[k], ORDER[k]);
	putchar('\n');
	cJSON_ArrayForEach (r, cJSON_GetObjectItemCaseSensitive(b->verdict, "reasons"))
		if (cJSON_IsString(r) && shown++ < 12)
			printf("  %s\n", r->valuestring);
	if (shown > 12)
		printf("  ... and %d more\n", shown - 12);
}

int dlt_cmd_verify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pubkey", required_argument, NULL, 'k' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *keyfile = NULL;
	int c, quiet = 0;
	dlt_cmd_getopt_start();
	while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': keyfile = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(VERIFY_USAGE, stdout); return 0;
		default:
			dlt_cmd_option_error("verify", c, argv);
			fputs(VERIFY_USAGE, stderr);
			return 2;
		}
	}
	if (argc - optind != 1 || !keyfile) {
		fprintf(stderr, "dlt-interop verify: %s\n%s",
			argc - optind > 1
				? "one bundle at a time (several: dlt-interop merge --verify)"
				: "give BUNDLE and --pubkey",
			VERIFY_USAGE);
		return 2;
	}
	const char *path = argv[optind];
	char err[2048];
	uint8_t pk[DLT_PUBKEY_BYTES];
	if (dlt_key_load_public(keyfile, pk, err, sizeof err)) {
		fprintf(stderr, "dlt-interop verify: --pubkey: %s\n", err);
		return 2;
	}
	struct dlt_bundle *b = NULL;
	if (dlt_bundle_load(path, &b, err, sizeof err)) {
		printf("REFUSED: %s\n", err);
		return 4;
	}
	if (memcmp(pk, b->pk, sizeof pk)) {
		char fp[DLT_FINGERPRINT_LEN];
		dlt_key_fingerprint(pk, fp);
		printf("REFUSED: %s: signed by the key %s, not by %s (%s)\n", path, b->fingerprint,
		       keyfile, fp);
		dlt_bundle_free(b);
		return 4;
	}
	if (!quiet)
		summary(b);
	int code = 0;
	cJSON *ours = dlt_suite_manifest(dlt_home(), PACKAGE_STRING, err, sizeof err);
	const char *ours_digest = dlt_json_str(ours, "digest");
	const char *theirs = dlt_json_str(b->suite, "digest");
	if (!ours) {
		printf("suite: cannot compute the digest of the suite here: %s\n", err);
		code = 3;
	} else if (strcmp(ours_digest, theirs)) {
		struct dlt_buf d = DLT_BUF_INIT;
		dlt_suite_differences(b->suite, ours, &d, 10);
		printf("OTHER SUITE: the bundle ran suite %s, the suite here (%s) is %s:\n%s",
		       theirs, dlt_home(), ours_digest, dlt_buf_str(&d));
		dlt_buf_free(&d);
		code = 3;
	}
	cJSON_Delete(ours);
	const char *pname = dlt_json_str(b->profile, "name");
	cJSON *local = NULL;
	if (dlt_profile_load_named(pname, &local, err, sizeof err)) {
		printf("OTHER PROFILE: profile %s of the bundle: %s\n", pname, err);
		code = 3;
	} else if (!cJSON_Compare(local, b->profile, 1)) {
		printf("OTHER PROFILE: the bundle's profile %s %s is not the one here (%s)\n",
		       pname, dlt_json_str(b->profile, "version"), dlt_json_str(local, "version"));
		code = 3;
	}
	cJSON_Delete(local);
	const char *verdict = dlt_json_str(b->verdict, "verdict");
	if (code == 0) {
		code = strcmp(verdict, "pass") ? 1 : 0;
		printf("VERIFIED: signature good, suite digest matches this suite, profile %s "
		       "verdict %s (re-derived from the results inside)\n",
		       pname, verdict);
	} else
		printf("AUTHENTIC BUT NOT COMPARABLE: signature good and verdict %s re-derived, "
		       "but not for the suite or profile here (exit 3)\n",
		       verdict);
	dlt_bundle_free(b);
	return code;
}
