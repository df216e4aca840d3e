/*
 * cmd_keygen.c: `dlt-interop keygen [-o PREFIX]`: a new Ed25519 key pair for signing bundles,
 * PREFIX.key (secret, created 0600, never overwritten) and PREFIX.pub (what a standards body
 * is given). Exit 0 written, 2 usage error or a file that exists or cannot be written.
 */
#include "runner/cert_cmds.h"
#include "cert/keys.h"
#include "reports/cmdline.h"
#include "common/mem.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char KEYGEN_USAGE[] =
	"usage: dlt-interop keygen [-o PREFIX]\n"
	"\n"
	"Makes an Ed25519 key pair for signing result bundles (dlt-interop certify):\n"
	"PREFIX.key, the secret key, readable by you alone (mode 0600), and PREFIX.pub, the\n"
	"public key you give whoever verifies your bundles. Existing files are never\n"
	"overwritten. Prints the key's fingerprint.\n"
	"\n"
	"  -o, --output PREFIX  where the two files go (default: dlt-interop-signing)\n"
	"  -h, --help           this text\n"
	"\nExit status: 0 written, 2 usage error or a key file exists or cannot be written.\n";

int dlt_cmd_keygen(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *prefix = "dlt-interop-signing";
	int c;
	dlt_cmd_getopt_start();
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': prefix = optarg; break;
		case 'h': fputs(KEYGEN_USAGE, stdout); return 0;
		default:
			dlt_cmd_option_error("keygen", c, argv);
			fputs(KEYGEN_USAGE, stderr);
			return 2;
		}
	}
	if (optind < argc || !*prefix) {
		fprintf(stderr, "dlt-interop keygen: %s\n%s",
			optind < argc ? "unexpected argument (give the file prefix with -o)"
				      : "-o: empty prefix",
			KEYGEN_USAGE);
		return 2;
	}
	char *sec = dlt_printf("%s.key", prefix), *pub = dlt_printf("%s.pub", prefix);
	char err[1024];
	int rc = 2;
	if (dlt_keygen(sec, pub, err, sizeof err)) {
		fprintf(stderr, "dlt-interop keygen: %s\n", err);
	} else {
		uint8_t pk[DLT_PUBKEY_BYTES];
		char fp[DLT_FINGERPRINT_LEN];
		if (dlt_key_load_public(pub, pk, err, sizeof err) == 0) {
			dlt_key_fingerprint(pk, fp);
			printf("secret key: %s (keep it; mode 0600)\npublic key: %s (give it to "
			       "verifiers)\nfingerprint: %s\n",
			       sec, pub, fp);
			rc = 0;
		} else
			fprintf(stderr, "dlt-interop keygen: %s\n", err);
	}
	free(sec);
	free(pub);
	return rc;
}
