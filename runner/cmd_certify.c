/*
 * cmd_certify.c: `dlt-interop certify RESULTS --profile NAME --key SECRET -o BUNDLE`: signs
 * the results of a run under a conformance profile into one bundle file (docs/certification.md).
 * The results must have been produced by this suite (run.suite_digest equal to the digest of
 * the suite here, every scenario file, suite folder and expectation file inside it) and be one
 * whole run (not a shard, not interrupted). Secrets never enter the bundle: URL credentials are removed (as on every load of
 * results), and every secret-looking parameter of the run's target files (key, secret,
 * password, mnemonic, seed, token) and every line of each --redact FILE is replaced by
 * "[redacted]" wherever it occurs; the written bundle is then searched for each again.
 * Exit 0 written, 2 usage or input error.
 */
#include "runner/cert_cmds.h"
#include "config.h"
#include "runner/home.h"
#include "cert/bundle.h"
#include "cert/keys.h"
#include "cert/suite.h"
#include "model/results.h"
#include "reports/cmdline.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/file.h"
#include "common/mem.h"

#include <ctype.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char CERTIFY_USAGE[] =
	"usage: dlt-interop certify RESULTS --profile NAME --key SECRET -o BUNDLE\n"
	"                           [--redact FILE ...]\n"
	"\n"
	"Signs the results of a run (a results folder or its results.json) under a conformance\n"
	"profile into one bundle file: the results, the targets' fingerprints, the digest of the\n"
	"suite, the profile and its verdict per requirement, signed with your secret key.\n"
	"The results must come from this suite as it is here, from one whole run.\n"
	"\n"
	"  --profile NAME   the profile (profiles/NAME.json)\n"
	"  --key FILE       your secret key (dlt-interop keygen); mode 0600\n"
	"  -o, --output F   the bundle file to write\n"
	"  --redact FILE    a file of secrets, one a line (e.g. a --keys file of the run):\n"
	"                   each is replaced by [redacted] wherever it occurs (repeatable)\n"
	"  -h, --help       this text\n"
	"\nExit status: 0 written, 2 usage or input error (the message says which).\n";

static int secret_name(const char *k)
{
	static const char *const words[] = { "key",  "secret", "password", "passwd", "mnemonic",
					     "seed", "token",  "jwt",      NULL };
	char low[128];
	size_t i;
	for (i = 0; i < sizeof low - 1 && k[i]; i++)
		low[i] = (char)tolower((unsigned char)k[i]);
	low[i] = '\0';
	for (const char *const *w = words; *w; w++)
		if (strstr(low, *w))
			return 1;
	return 0;
}

/* Every string under a member whose name says it is secret. */
static void collect_secrets(const cJSON *v, int secret, struct dlt_strlist *out)
{
	for (const cJSON *c = v ? v->child : NULL; c; c = c->next) {
		int s = secret || (c->string && secret_name(c->string));
		if (s && cJSON_IsString(c) && strlen(c->valuestring) >= 8 &&
		    !dlt_strlist_has(out, c->valuestring))
			dlt_strlist_add(out, c->valuestring);
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			collect_secrets(c, s, out);
	}
}

/* The secret parameters of the run's target files: the specs of run.options.targets that
 * are files, and targets[].source (relative to where the run started, or to the home). */
static void target_secrets(const cJSON *results, struct dlt_strlist *out)
{
	const cJSON *run = cJSON_GetObjectItemCaseSensitive(results, "run");
	const cJSON *opts = cJSON_GetObjectItemCaseSensitive(run, "options");
	const char *cwd = dlt_json_str(opts, "cwd");
	struct dlt_strlist files = { 0 };
	const cJSON *t;
	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(opts, "targets")) {
		const char *spec = dlt_json_str(t, "spec");
		if (spec && !strstr(spec, "://"))
			dlt_strlist_add(&files, spec);
	}
	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(results, "targets")) {
		const char *src = dlt_json_str(t, "source");
		if (!src || strstr(src, "://"))
			continue;
		if (src[0] == '/') {
			dlt_strlist_add(&files, src);
			continue;
		}
		char *a = dlt_printf("%s/%s", cwd ? cwd : ".", src);
		char *b = dlt_printf("%s/%s", dlt_home(), src);
		dlt_strlist_add(&files, a);
		dlt_strlist_add(&files, b);
		free(a);
		free(b);
	}
	for (size_t i = 0; i < files.n; i++) {
		char e[256];
		if (!dlt_is_file(files.v[i]))
			continue;
		cJSON *doc = dlt_load_json_file(files.v[i], e, sizeof e);
		if (doc)
			collect_secrets(doc, 0, out);
		cJSON_Delete(doc);
	}
	dlt_strlist_free(&files);
}

/* Every scenario file, suite folder and expectation file of the run is part of the suite the
 * digest covers (under the home's suites/ and targets/): otherwise the digest would not say
 * what ran. 0, or -1 and err. */
static int ran_the_suite(const struct dlt_results *res, char *err, size_t errlen)
{
	const cJSON *s;
	cJSON_ArrayForEach (s, res->scenarios) {
		const char *f = dlt_json_str(s, "file");
		if (f && (strncmp(f, "suites/", 7) || strstr(f, "..")))
			return dlt_seterr(err, errlen,
					  "scenario %.200s comes from %.200s, not from the "
					  "suite's suites/ folder: certification runs the suite as "
					  "shipped",
					  dlt_json_str(s, "id") ? dlt_json_str(s, "id") : "?", f);
	}
	const cJSON *opts = cJSON_GetObjectItemCaseSensitive(res->run, "options");
	char *home = realpath(dlt_home(), NULL);
	int rc = 0;
	static const struct {
		const char *member, *dir;
	} PARTS[] = {
		{ "suites", "suites" },
		{ "expect", "targets" },
	};
	for (size_t k = 0; k < 2 && !rc; k++)
		cJSON_ArrayForEach (s, cJSON_GetObjectItemCaseSensitive(opts, PARTS[k].member)) {
			char *abs = cJSON_IsString(s) ? realpath(s->valuestring, NULL) : NULL;
			char *under = dlt_printf("%s/%s", home ? home : dlt_home(), PARTS[k].dir);
			size_t n = strlen(under);
			if (!abs || strncmp(abs, under, n) || (abs[n] && abs[n] != '/'))
				rc = dlt_seterr(
					err, errlen,
					"the run used %s %.300s, which is not part "
					"of the suite here (%s): certification runs the suite as "
					"shipped",
					k ? "the expectation file" : "the scenarios of",
					cJSON_IsString(s) ? s->valuestring : "?", under);
			free(under);
			free(abs);
			if (rc)
				break;
		}
	free(home);
	return rc;
}

static int redact_file(const char *path, struct dlt_strlist *out, char *err, size_t errlen)
{
	size_t len;
	char *text = dlt_read_file(path, &len, err, errlen);
	if (!text)
		return -1;
	char *save = NULL;
	for (char *line = strtok_r(text, "\r\n", &save); line;
	     line = strtok_r(NULL, "\r\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		size_t n = strlen(line);
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		if (n >= 4 && !dlt_strlist_has(out, line))
			dlt_strlist_add(out, line);
	}
	sodium_memzero(text, len);
	free(text);
	return 0;
}

int dlt_cmd_certify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "key", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "redact", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *profile_name = NULL, *keyfile = NULL, *out = NULL;
	struct dlt_strlist secrets = { 0 }, redact_files = { 0 };
	int c, rc = 2;
	char err[2048];
	dlt_cmd_getopt_start();
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': profile_name = optarg; break;
		case 'k': keyfile = optarg; break;
		case 'o': out = optarg; break;
		case 'r': dlt_strlist_add(&redact_files, optarg); break;
		case 'h':
			fputs(CERTIFY_USAGE, stdout);
			dlt_strlist_free(&redact_files);
			return 0;
		default:
			dlt_cmd_option_error("certify", c, argv);
			fputs(CERTIFY_USAGE, stderr);
			dlt_strlist_free(&redact_files);
			return 2;
		}
	}
	if (argc - optind != 1 || !profile_name || !keyfile || !out) {
		fprintf(stderr, "dlt-interop certify: %s\n%s",
			argc - optind > 1 ? "one results file or folder at a time"
					  : "give RESULTS, --profile, --key and -o",
			CERTIFY_USAGE);
		dlt_strlist_free(&redact_files);
		return 2;
	}
	const char *given = argv[optind];
	char *rpath = dlt_is_dir(given) ? dlt_printf("%s/results.json", given) : dlt_xstrdup(given);
	struct dlt_results *res = NULL;
	cJSON *profile = NULL, *suite = NULL;
	struct dlt_buf b = DLT_BUF_INIT;
	uint8_t sk[DLT_SECKEY_BYTES];
	int have_key = 0;

	for (size_t i = 0; i < redact_files.n; i++)
		if (redact_file(redact_files.v[i], &secrets, err, sizeof err)) {
			fprintf(stderr, "dlt-interop certify: --redact: %s\n", err);
			goto done;
		}
	if (dlt_results_load(rpath, &res, err, sizeof err)) {
		fprintf(stderr, "dlt-interop certify: %s\n", err);
		goto done;
	}
	const cJSON *run = res->run;
	if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(run, "shard")) ||
	    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(run, "interrupted"))) {
		fprintf(stderr, "dlt-interop certify: %s: %s; a bundle certifies one whole run\n",
			rpath,
			cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(run, "interrupted"))
				? "the run was interrupted (finish it with run --resume)"
				: "these are the results of one shard (merge the shards first)");
		goto done;
	}
	if (dlt_profile_load_named(profile_name, &profile, err, sizeof err)) {
		fprintf(stderr, "dlt-interop certify: --profile: %s\n", err);
		goto done;
	}
	if (!(suite = dlt_suite_manifest(dlt_home(), PACKAGE_STRING, err, sizeof err))) {
		fprintf(stderr, "dlt-interop certify: the suite's digest: %s\n", err);
		goto done;
	}
	const char *ran = dlt_json_str(run, "suite_digest");
	const char *here = dlt_json_str(suite, "digest");
	if (!ran) {
		fprintf(stderr,
			"dlt-interop certify: %s: $.run.suite_digest is missing (results "
			"of an older runner): run the suite again with this one\n",
			rpath);
		goto done;
	}
	if (strcmp(ran, here)) {
		fprintf(stderr,
			"dlt-interop certify: %s: the results were produced by another "
			"suite (digest %s) than the one here (%s, %s): certify with the suite that "
			"ran, or run it again\n",
			rpath, ran, here, dlt_home());
		goto done;
	}
	if (ran_the_suite(res, err, sizeof err)) {
		fprintf(stderr, "dlt-interop certify: %s: %s\n", rpath, err);
		goto done;
	}
	if (dlt_key_load_secret(keyfile, sk, err, sizeof err)) {
		fprintf(stderr, "dlt-interop certify: --key: %s\n", err);
		goto done;
	}
	have_key = 1;
	target_secrets(res->json, &secrets);
	size_t nred = dlt_bundle_redact(res->json, &secrets);
	char created[32];
	dlt_iso8601(dlt_wall(), created);
	if (dlt_bundle_create(res->json, profile, suite, sk, created, &b, err, sizeof err)) {
		fprintf(stderr, "dlt-interop certify: %s\n", err);
		goto done;
	}
	/* the last line of defence: not one secret in the bytes written */
	for (size_t i = 0; i < secrets.n; i++)
		if (strstr((const char *)b.data, secrets.v[i])) {
			fprintf(stderr, "dlt-interop certify: internal error: a secret would be "
					"written (the bundle is not written)\n");
			goto done;
		}
	if (dlt_buf_write_file(&b, out, err, sizeof err)) {
		fprintf(stderr, "dlt-interop certify: %s\n", err);
		goto done;
	}
	struct dlt_bundle *chk = NULL;
	if (dlt_bundle_open((const char *)b.data, b.len, out, &chk, err, sizeof err) == 0) {
		fprintf(stderr,
			"dlt-interop certify: %s: profile %s %s: %s (%d results, %zu "
			"strings redacted), signed by %s\n",
			out, profile_name, dlt_json_str(profile, "version"),
			dlt_json_str(chk->verdict, "verdict"), cJSON_GetArraySize(res->results),
			nred, chk->fingerprint);
		dlt_bundle_free(chk);
	}
	rc = 0;
done:
	if (have_key)
		sodium_memzero(sk, sizeof sk);
	dlt_buf_free(&b);
	cJSON_Delete(profile);
	cJSON_Delete(suite);
	dlt_results_free(res);
	free(rpath);
	for (size_t i = 0; i < secrets.n; i++)
		sodium_memzero(secrets.v[i], strlen(secrets.v[i]));
	dlt_strlist_free(&secrets);
	dlt_strlist_free(&redact_files);
	return rc;
}
