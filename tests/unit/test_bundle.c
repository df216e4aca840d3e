/*
 * test_bundle.c: profiles (model/profile.c), key files, the suite digest and signed bundles
 * (cert/): a bundle opens; EVERY single-byte change (three substitutions and the deletion of
 * each byte) of a small bundle is refused; hostile bundles that carry a valid signature
 * (duplicate members, deep nesting, bytes that are not UTF-8, a body not in canonical form, a
 * claimed verdict its results do not give, a suite digest that is not its manifest's, changed
 * target fingerprints) are refused with a message saying what failed; the five shipped
 * profiles load; the pass rule.
 */
#include "tap.h"
#include "cert/bundle.h"
#include "cert/keys.h"
#include "cert/suite.h"
#include "model/profile.h"
#include "model/roadmap.h"
#include "common/buf.h"
#include "common/mem.h"
#include "common/hex.h"
#include "model/results.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *src_dir(void)
{
	const char *s = getenv("DLT_SOURCE_DIR");
	return s && *s ? s : DLT_SOURCE_DIR;
}

static const char RESULTS[] =
	"{\"format\":\"dlt-interop-results/1\","
	"\"run\":{\"id\":\"r1\",\"tool\":\"dlt-interop 0.1.0\",\"suite_version\":\"x\","
	"\"started\":\"2026-01-01T00:00:00Z\",\"finished\":\"2026-01-01T00:00:01Z\","
	"\"shard\":null,\"argv\":[\"run\"],\"host\":\"h\"},"
	"\"targets\":[{\"name\":\"anvil\",\"family\":\"ethereum\",\"implementation\":\"anvil\","
	"\"version\":\"1.7.1\",\"client_version\":\"anvil/v1.7.1\",\"url\":\"http://127.0.0.1:1\","
	"\"launched\":true,\"capabilities\":[\"rpc\",\"raw_rpc\"],\"info\":{\"chain_id\":\"0x7a69\","
	"\"genesis_hash\":\"0xc56b\"}}],"
	"\"scenarios\":[{\"id\":\"eth.chain.chain-id\",\"title\":\"t\",\"file\":\"suites/a.lua\","
	"\"family\":\"ethereum\",\"roadmap\":[\"NODE-03\"],\"vectors\":[],\"roles\":[\"node\"],"
	"\"requires\":[]},{\"id\":\"eth.rpc.method-not-found\",\"title\":\"t\",\"file\":"
	"\"suites/b.lua\",\"family\":\"ethereum\",\"roadmap\":[\"NODE-06\"],\"vectors\":[],"
	"\"roles\":[\"node\"],\"requires\":[]}],"
	"\"results\":[{\"scenario\":\"eth.chain.chain-id\",\"targets\":{\"node\":\"anvil\"},"
	"\"verdict\":\"pass\",\"checks\":[],\"log\":[]},{\"scenario\":\"eth.rpc.method-not-found\","
	"\"targets\":{\"node\":\"anvil\"},\"verdict\":\"fail\",\"checks\":[],\"log\":[]}]}";

static const char PROFILE[] =
	"{\"format\":\"dlt-interop-profile/1\",\"name\":\"t\",\"version\":\"1.0.0\",\"title\":\"T\","
	"\"families\":[\"ethereum\"],\"capabilities\":[\"rpc\"],\"scenarios\":[\"eth.*\"],"
	"\"pass_rule\":\"every-must-passes\",\"requirements\":[\"NODE-03\","
	"{\"id\":\"NODE-06\",\"level\":\"SHOULD\"},\"DATA-01\"]}";

static uint8_t sk[DLT_SECKEY_BYTES], pk[DLT_PUBKEY_BYTES];

/* A signed file for any body text (what an attacker holding the key could write). */
static void sign_text(const char *text, struct dlt_buf *out)
{
	size_t n = strlen(text);
	uint8_t sig[DLT_SIG_BYTES];
	char hex[2 * DLT_SIG_BYTES + 1];
	crypto_sign_detached(sig, NULL, (const uint8_t *)text, n, sk);
	dlt_hex_encode(hex, sig, sizeof sig);
	dlt_buf_reset(out);
	dlt_buf_append(out, text, n - 1);
	dlt_buf_printf(out, ",\"signature\":\"%s\"}\n", hex);
}

static void resign(cJSON *body, struct dlt_buf *out)
{
	char *t = cJSON_PrintUnformatted(body);
	sign_text(t, out);
	free(t);
}

/* The body of a bundle file, parsed. */
static cJSON *body_of(const struct dlt_buf *file)
{
	const char *s = (const char *)file->data;
	const char *at = strstr(s, ",\"signature\":\"");
	char *t = dlt_printf("%.*s}", (int)(at - s), s);
	cJSON *j = cJSON_Parse(t);
	free(t);
	return j;
}

static int refused_with(const struct dlt_buf *f, const char *what, const char *name)
{
	struct dlt_bundle *b = NULL;
	char err[2048] = "";
	int rc = dlt_bundle_open((const char *)f->data, f->len, "b.json", &b, err, sizeof err);
	dlt_bundle_free(b);
	int ok = rc == -1 && strstr(err, what) != NULL;
	if (!ok)
		tap_diag("%s: rc %d, message: %s", name, rc, err);
	return tap_ok(ok, "%s: refused (\"%s\")", name, what);
}

static void flip_every_byte(const struct dlt_buf *good)
{
	size_t n = good->len, tried = 0, refused = 0, unnamed = 0;
	char *copy = dlt_xmalloc(n + 1);
	char err[2048];
	static const uint8_t XOR[] = { 0x01, 0x80, 0x20 };
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k <= sizeof XOR; k++) {
			size_t len = n;
			memcpy(copy, good->data, n);
			if (k < sizeof XOR)
				copy[i] = (char)(copy[i] ^ XOR[k]);
			else { /* delete byte i */
				memmove(copy + i, copy + i + 1, n - i - 1);
				len = n - 1;
			}
			struct dlt_bundle *b = NULL;
			err[0] = '\0';
			tried++;
			if (dlt_bundle_open(copy, len, "b.json", &b, err, sizeof err) == -1) {
				refused++;
				if (strlen(err) < 20)
					unnamed++;
			} else if (refused + 10 > tried)
				tap_diag("byte %zu change %zu was accepted", i, k);
			dlt_bundle_free(b);
		}
	}
	free(copy);
	tap_diag("%zu single-byte changes of a %zu-byte bundle, %zu refused", tried, n, refused);
	tap_ok(refused == tried,
	       "every single-byte change (3 flips and a deletion at each of "
	       "the %zu bytes) is refused: %zu of %zu",
	       n, refused, tried);
	tap_ok(unnamed == 0, "each refusal says what failed");
}

static void test_profiles(const struct dlt_roadmap *rm)
{
	static const char *const names[] = { "ethereum-node", "bitcoin-node", "monero-node",
					     "jsonrpc-envelope", "htlc-swap" };
	for (size_t i = 0; i < 5; i++) {
		char *path = dlt_printf("%s/profiles/%s.json", src_dir(), names[i]);
		cJSON *p = NULL;
		char err[1024] = "";
		int rc = dlt_profile_load(path, rm, &p, err, sizeof err);
		if (rc)
			tap_diag("%s", err);
		tap_ok(rc == 0 && !dlt_profile_check_resolved(p, err, sizeof err),
		       "profile %s loads and resolves", names[i]);
		cJSON_Delete(p);
		free(path);
	}
	static const struct {
		const char *patch, *what;
	} bad[] = {
		{ "{\"requirements\":[\"NOPE-01\"]}", "not in the roadmap" },
		{ "{\"requirements\":[\"NODE-03\",\"NODE-03\"]}", "listed twice" },
		{ "{\"requirements\":[\"DATA-07\"]}", "applies to none" },
		{ "{\"pass_rule\":\"most\"}", "not a pass rule" },
		{ "{\"name\":\"../x\"}", "not a profile name" },
		{ "{\"families\":[\"cobol\"]}", "is not one of" },
		{ "{\"scenarios\":[]}", "must not be empty" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cJSON *p = cJSON_Parse(PROFILE), *patch = cJSON_Parse(bad[i].patch), *m;
		cJSON_ArrayForEach (m, patch)
			cJSON_ReplaceItemInObjectCaseSensitive(p, m->string, cJSON_Duplicate(m, 1));
		cJSON *out = NULL;
		char err[1024] = "";
		int rc = dlt_profile_resolve(p, "p.json", rm, &out, err, sizeof err);
		tap_ok(rc == -1 && strstr(err, bad[i].what) && strstr(err, "p.json: $."),
		       "a profile with %s is refused: %s", bad[i].patch, err);
		cJSON_Delete(out);
		cJSON_Delete(p);
		cJSON_Delete(patch);
	}
}

static const char *req_verdict(const cJSON *v, const char *id)
{
	const cJSON *r =
		dlt_json_find_named(cJSON_GetObjectItemCaseSensitive(v, "requirements"), "id", id);
	return dlt_json_str(r, "verdict");
}

static void test_pass_rule(const cJSON *profile)
{
	cJSON *res = cJSON_Parse(RESULTS);
	cJSON *v = dlt_profile_evaluate(profile, res);
	tap_ok(!strcmp(req_verdict(v, "NODE-03"), "pass") &&
		       !strcmp(req_verdict(v, "NODE-06"), "fail") &&
		       !strcmp(req_verdict(v, "DATA-01"), "not-tested"),
	       "requirement verdicts: pass, fail, not-tested");
	tap_ok(!strcmp(dlt_json_str(v, "verdict"), "fail"),
	       "a MUST not tested fails the profile (a SHOULD failing alone does not)");
	cJSON_Delete(v);
	cJSON *p2 = cJSON_Duplicate(profile, 1);
	cJSON_DeleteItemFromArray(cJSON_GetObjectItemCaseSensitive(p2, "requirements"), 2);
	v = dlt_profile_evaluate(p2, res);
	tap_ok(!strcmp(dlt_json_str(v, "verdict"), "pass"), "every MUST passes: profile passes, "
							    "the failed SHOULD is reported");
	cJSON_Delete(v);
	cJSON_ReplaceItemInObjectCaseSensitive(p2, "pass_rule",
					       cJSON_CreateString("every-must-and-should-passes"));
	v = dlt_profile_evaluate(p2, res);
	tap_ok(!strcmp(dlt_json_str(v, "verdict"), "fail"), "every-must-and-should-passes: the "
							    "failed SHOULD fails the profile");
	cJSON_Delete(v);
	cJSON *r0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(res, "results"), 0);
	cJSON_ReplaceItemInObjectCaseSensitive(r0, "verdict", cJSON_CreateString("error"));
	v = dlt_profile_evaluate(p2, res);
	tap_ok(!strcmp(req_verdict(v, "NODE-03"), "inconclusive"), "an error is inconclusive");
	cJSON_Delete(v);
	cJSON *t0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(res, "targets"), 0);
	cJSON_ReplaceItemInObjectCaseSensitive(t0, "family", cJSON_CreateString("bitcoin"));
	v = dlt_profile_evaluate(p2, res);
	tap_ok(!strcmp(req_verdict(v, "NODE-03"), "not-applicable") &&
		       !strcmp(dlt_json_str(v, "verdict"), "fail"),
	       "results without a target of the profile's families: not-applicable, profile fails");
	cJSON_Delete(v);
	cJSON_Delete(p2);
	cJSON_Delete(res);
}

static void test_keys(void)
{
	char dir[] = "/tmp/dlt-test-keys-XXXXXX";
	if (!mkdtemp(dir)) {
		tap_ok(0, "temporary folder");
		return;
	}
	char *sec = dlt_printf("%s/k.key", dir), *pub = dlt_printf("%s/k.pub", dir);
	char err[1024] = "";
	struct stat st;
	tap_ok(dlt_keygen(sec, pub, err, sizeof err) == 0 && stat(sec, &st) == 0 &&
		       (st.st_mode & 0777) == 0600,
	       "keygen: the secret key file is 0600");
	uint8_t s[DLT_SECKEY_BYTES], p[DLT_PUBKEY_BYTES];
	tap_ok(dlt_key_load_secret(sec, s, err, sizeof err) == 0 &&
		       dlt_key_load_public(pub, p, err, sizeof err) == 0 && !memcmp(s + 32, p, 32),
	       "the key files read back, halves matching");
	tap_ok(dlt_keygen(sec, pub, err, sizeof err) == -1 && strstr(err, "never overwritten"),
	       "keygen never overwrites a key file");
	chmod(sec, 0644);
	tap_ok(dlt_key_load_secret(sec, s, err, sizeof err) == -1 && strstr(err, "chmod 600"),
	       "a secret key others may read is refused: %s", err);
	FILE *f = fopen(pub, "w");
	fputs("dlt-interop-ed25519-public-key/1\nzz\n", f);
	fclose(f);
	tap_ok(dlt_key_load_public(pub, p, err, sizeof err) == -1 && strstr(err, "k.pub"),
	       "a damaged public key file is refused: %s", err);
	unlink(sec);
	unlink(pub);
	rmdir(dir);
	free(sec);
	free(pub);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	char err[2048] = "";
	char *rpath = dlt_printf("%s/roadmap/roadmap.json", src_dir());
	struct dlt_roadmap *rm = NULL;
	if (dlt_roadmap_load(rpath, &rm, err, sizeof err)) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	free(rpath);
	test_profiles(rm);
	cJSON *pjson = cJSON_Parse(PROFILE), *profile = NULL;
	tap_ok(dlt_profile_resolve(pjson, "t.json", rm, &profile, err, sizeof err) == 0,
	       "test profile resolves");
	cJSON_Delete(pjson);
	test_pass_rule(profile);
	test_keys();

	crypto_sign_keypair(pk, sk);
	cJSON *suite = cJSON_Parse(
		"{\"runner\":\"dlt-interop 0.1.0\",\"files\":{\"suites/a.lua\":"
		"\"0000000000000000000000000000000000000000000000000000000000000001\"}}");
	char digest[65];
	dlt_suite_digest(suite, digest, err, sizeof err);
	cJSON_AddStringToObject(suite, "digest", digest);
	cJSON *results = cJSON_Parse(RESULTS);
	cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(results, "run"), "suite_digest",
				digest);
	struct dlt_buf good = DLT_BUF_INIT, f = DLT_BUF_INIT;
	int rc = dlt_bundle_create(results, profile, suite, sk, "2026-01-01T00:00:02Z", &good, err,
				   sizeof err);
	if (rc)
		tap_diag("%s", err);
	tap_ok(rc == 0, "a bundle is created (%zu bytes)", good.len);
	struct dlt_bundle *b = NULL;
	rc = dlt_bundle_open((const char *)good.data, good.len, "b.json", &b, err, sizeof err);
	tap_ok(rc == 0 && b && !memcmp(b->pk, pk, 32) &&
		       !strcmp(dlt_json_str(b->verdict, "verdict"), "fail"),
	       "it opens: signer's key, claimed verdict re-derived");
	dlt_bundle_free(b);

	flip_every_byte(&good);

	cJSON *body = body_of(&good);
	/* a body in another (pretty) form, validly signed */
	{
		char *t = cJSON_PrintUnformatted(body);
		const char *at = strstr(t, "\"created\":");
		char *spaced = dlt_printf("%.*s\"created\": %s", (int)(at - t), t,
					  at + strlen("\"created\":"));
		sign_text(spaced, &f);
		free(spaced);
		free(t);
	}
	refused_with(&f, "canonical form", "a signed body not in canonical form");
	/* a member twice */
	{
		char *t = cJSON_PrintUnformatted(body);
		char *d = dlt_printf("{\"format\":\"dlt-interop-bundle/1\",\"created\":\"x\",%s",
				     t + strlen("{\"format\":\"dlt-interop-bundle/1\","));
		sign_text(d, &f);
		free(t);
		free(d);
		refused_with(&f, "a member given twice", "a signed body with a member twice");
	}
	/* nesting */
	{
		cJSON *c = cJSON_Duplicate(body, 1), *deep = cJSON_CreateArray(), *cur = deep;
		for (int i = 0; i < 300; i++) {
			cJSON *n = cJSON_CreateArray();
			cJSON_AddItemToArray(cur, n);
			cur = n;
		}
		cJSON_AddItemToObject(c, "zz", deep);
		resign(c, &f);
		cJSON_Delete(c);
		refused_with(&f, "nested deeper", "a signed body nested 300 deep");
	}
	/* bytes that are not UTF-8 */
	{
		cJSON *c = cJSON_Duplicate(body, 1);
		cJSON_ReplaceItemInObjectCaseSensitive(c, "created",
						       cJSON_CreateString("\xff\xfe"));
		char *t = cJSON_PrintUnformatted(c);
		sign_text(t, &f);
		free(t);
		cJSON_Delete(c);
		refused_with(&f, "UTF-8", "a signed body with bytes that are not UTF-8");
	}
	/* a claimed verdict its results do not give */
	{
		cJSON *c = cJSON_Duplicate(body, 1);
		cJSON *v = cJSON_GetObjectItemCaseSensitive(c, "verdict");
		cJSON_ReplaceItemInObjectCaseSensitive(v, "verdict", cJSON_CreateString("pass"));
		resign(c, &f);
		refused_with(&f, "claims the profile verdict pass, its results give fail",
			     "a signed bundle claiming pass where its results give fail");
		cJSON *r =
			cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(v, "requirements"), 1);
		cJSON_ReplaceItemInObjectCaseSensitive(v, "verdict", cJSON_CreateString("fail"));
		cJSON_ReplaceItemInObjectCaseSensitive(r, "verdict", cJSON_CreateString("pass"));
		resign(c, &f);
		refused_with(&f, "claims pass for requirement NODE-06, its results give fail",
			     "a signed bundle claiming a requirement its results fail");
		cJSON_Delete(c);
	}
	/* a results verdict changed under the claim (a replayed result) */
	{
		cJSON *c = cJSON_Duplicate(body, 1);
		cJSON *r = cJSON_GetArrayItem(
			cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(c, "results"), "results"),
			1);
		cJSON_ReplaceItemInObjectCaseSensitive(r, "verdict", cJSON_CreateString("pass"));
		resign(c, &f);
		refused_with(&f, "its results give", "signed results changed under their verdict");
		cJSON_Delete(c);
	}
	/* a suite digest that is not its manifest's, and results of another suite */
	{
		cJSON *c = cJSON_Duplicate(body, 1);
		cJSON *s = cJSON_GetObjectItemCaseSensitive(c, "suite");
		cJSON_ReplaceItemInObjectCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(s, "files"), "suites/a.lua",
			cJSON_CreateString(
				"0000000000000000000000000000000000000000000000000000000000000002"));
		resign(c, &f);
		refused_with(&f, "is not the digest of $.suite.files",
			     "a manifest changed under its "
			     "digest");
		cJSON_Delete(c);
		c = cJSON_Duplicate(body, 1);
		cJSON_ReplaceItemInObjectCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(c, "results"), "run"),
			"suite_digest", cJSON_CreateString("00"));
		resign(c, &f);
		refused_with(&f, "is not the bundle's suite digest", "results of another suite");
		cJSON_Delete(c);
	}
	/* target fingerprints that are not the results' */
	{
		cJSON *c = cJSON_Duplicate(body, 1);
		cJSON *t = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c, "targets"), 0);
		cJSON_ReplaceItemInObjectCaseSensitive(t, "client_version",
						       cJSON_CreateString("geth/v1.14"));
		resign(c, &f);
		refused_with(&f, "not the fingerprints", "changed target fingerprints");
		cJSON_Delete(c);
	}
	/* an old bundle replayed under a new profile version, not re-signed */
	{
		cJSON *c = cJSON_Duplicate(body, 1);
		cJSON_ReplaceItemInObjectCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(c, "profile"), "version",
			cJSON_CreateString("2.0.0"));
		char *t = cJSON_PrintUnformatted(c);
		dlt_buf_reset(&f);
		dlt_buf_append(&f, t, strlen(t) - 1);
		dlt_buf_append(&f, good.data + good.len - 145, 145);
		free(t);
		cJSON_Delete(c);
		refused_with(&f, "signature does not verify",
			     "a replayed bundle with a new profile");
	}
	/* a signature over something else */
	{
		cJSON *c = cJSON_Duplicate(body, 1);
		cJSON_ReplaceItemInObjectCaseSensitive(c, "created", cJSON_CreateString("2027"));
		resign(c, &f);
		struct dlt_buf g = DLT_BUF_INIT;
		dlt_buf_append(&g, good.data, good.len - 145);
		dlt_buf_append(&g, f.data + f.len - 145, 145);
		refused_with(&g, "signature does not verify", "another body's signature");
		dlt_buf_free(&g);
		cJSON_Delete(c);
	}
	/* not a bundle, cut */
	dlt_buf_reset(&f);
	dlt_buf_puts(&f, "{\"format\":\"dlt-interop-results/1\"}");
	refused_with(&f, "not a dlt-interop bundle", "a results file");
	dlt_buf_reset(&f);
	dlt_buf_append(&f, good.data, good.len / 2);
	refused_with(&f, "does not end with its signature", "a bundle cut in half");

	cJSON_Delete(body);
	dlt_buf_free(&f);
	dlt_buf_free(&good);
	cJSON_Delete(results);
	cJSON_Delete(suite);
	cJSON_Delete(profile);
	dlt_roadmap_free(rm);
	return tap_done();
}
