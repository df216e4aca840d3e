/*
 * bundle.c: creating, signing, opening and checking result bundles (see bundle.h and
 * docs/certification.md).
 */
#include "cert/bundle.h"
#include "cert/suite.h"
#include "model/profile.h"
#include "model/results.h"
#include "common/err.h"
#include "common/hex.h"
#include "common/json_bytes.h"
#include "common/mem.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char SIG_MEMBER[] = ",\"signature\":\"";
#define SIG_HEX (2 * DLT_SIG_BYTES)
/* what follows the body's last byte before its closing brace */
#define TRAILER_LEN (sizeof SIG_MEMBER - 1 + SIG_HEX + 3)

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

cJSON *dlt_bundle_target_fingerprints(const cJSON *results)
{
	cJSON *a = cJSON_CreateArray();
	const cJSON *t;
	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(results, "targets")) {
		const cJSON *info = cJSON_GetObjectItemCaseSensitive(t, "info");
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "name", str_or_null(dlt_json_str(t, "name")));
		cJSON_AddItemToObject(o, "family", str_or_null(dlt_json_str(t, "family")));
		cJSON_AddItemToObject(o, "implementation",
				      str_or_null(dlt_json_str(t, "implementation")));
		cJSON_AddItemToObject(o, "version", str_or_null(dlt_json_str(t, "version")));
		cJSON_AddItemToObject(o, "client_version",
				      str_or_null(dlt_json_str(t, "client_version")));
		cJSON_AddItemToObject(o, "chain_id", str_or_null(dlt_json_str(info, "chain_id")));
		cJSON_AddItemToObject(o, "network", str_or_null(dlt_json_str(info, "network")));
		cJSON_AddItemToObject(o, "genesis_hash",
				      str_or_null(dlt_json_str(info, "genesis_hash")));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

/* s with every secret replaced; NULL when none occurs. */
static char *redact_string(const char *s, const struct dlt_strlist *secrets)
{
	char *cur = NULL;
	for (size_t i = 0; i < secrets->n; i++) {
		const char *sec = secrets->v[i];
		size_t sl = strlen(sec);
		if (sl < 4)
			continue;
		const char *src = cur ? cur : s;
		if (!strstr(src, sec))
			continue;
		struct dlt_buf b = DLT_BUF_INIT;
		const char *p = src, *q;
		while ((q = strstr(p, sec))) {
			dlt_buf_append(&b, p, (size_t)(q - p));
			dlt_buf_puts(&b, "[redacted]");
			p = q + sl;
		}
		dlt_buf_puts(&b, p);
		free(cur);
		cur = dlt_buf_take(&b);
	}
	return cur;
}

size_t dlt_bundle_redact(cJSON *tree, const struct dlt_strlist *secrets)
{
	size_t n = 0;
	for (cJSON *c = tree ? tree->child : NULL; c; c = c->next) {
		if (c->string && !(c->type & cJSON_StringIsConst)) {
			char *r = redact_string(c->string, secrets);
			if (r) {
				free(c->string);
				c->string = r;
				n++;
			}
		}
		if (cJSON_IsString(c) && c->valuestring) {
			char *r = redact_string(c->valuestring, secrets);
			if (r) {
				free(c->valuestring);
				c->valuestring = r;
				n++;
			}
		}
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			n += dlt_bundle_redact(c, secrets);
	}
	return n;
}

int dlt_bundle_create(const cJSON *results, const cJSON *profile, const cJSON *suite,
		      const uint8_t sk[DLT_SECKEY_BYTES], const char *created, struct dlt_buf *out,
		      char *err, size_t errlen)
{
	const char *digest =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(suite, "digest"));
	const char *ran = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(results, "run"), "suite_digest"));
	if (!digest || !ran || strcmp(digest, ran))
		return dlt_seterr(err, errlen, "the results name suite digest %s, this suite is %s",
				  ran ? ran : "(none)", digest ? digest : "(none)");
	uint8_t pk[DLT_PUBKEY_BYTES];
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	char pkhex[2 * DLT_PUBKEY_BYTES + 1], fp[DLT_FINGERPRINT_LEN];
	dlt_hex_encode(pkhex, pk, sizeof pk);
	dlt_key_fingerprint(pk, fp);

	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "format", DLT_BUNDLE_FORMAT);
	cJSON_AddStringToObject(body, "created", created);
	cJSON *signer = cJSON_AddObjectToObject(body, "signer");
	cJSON_AddStringToObject(signer, "algorithm", "ed25519");
	cJSON_AddStringToObject(signer, "public_key", pkhex);
	cJSON_AddStringToObject(signer, "fingerprint", fp);
	cJSON_AddItemToObject(body, "profile", cJSON_Duplicate(profile, 1));
	cJSON_AddItemToObject(body, "verdict", dlt_profile_evaluate(profile, results));
	cJSON_AddItemToObject(body, "targets", dlt_bundle_target_fingerprints(results));
	cJSON_AddItemToObject(body, "suite", cJSON_Duplicate(suite, 1));
	cJSON_AddItemToObject(body, "results", cJSON_Duplicate(results, 1));
	dlt_json_make_utf8(body);
	char *text = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);
	size_t n = strlen(text);
	uint8_t sig[DLT_SIG_BYTES];
	crypto_sign_detached(sig, NULL, (const uint8_t *)text, n, sk);
	char sighex[SIG_HEX + 1];
	dlt_hex_encode(sighex, sig, sizeof sig);
	dlt_buf_append(out, text, n - 1);
	dlt_buf_puts(out, SIG_MEMBER);
	dlt_buf_puts(out, sighex);
	dlt_buf_puts(out, "\"}\n");
	free(text);
	/* what is written must open: the same checks a verifier makes */
	struct dlt_bundle *check = NULL;
	char e2[1024];
	if (dlt_bundle_open((const char *)out->data, out->len, "the new bundle", &check, e2,
			    sizeof e2)) {
		dlt_buf_reset(out);
		return dlt_seterr(err, errlen, "internal error: %s", e2);
	}
	dlt_bundle_free(check);
	return 0;
}

/* --- opening --- */

static int cmp_names(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

/* A member twice in one object, or nesting past the limit: the path of the first. */
static int structure_ok(const cJSON *v, int depth, struct dlt_buf *path)
{
	if (depth > DLT_BUNDLE_MAX_DEPTH) {
		dlt_buf_printf(path, " (nested deeper than %d)", DLT_BUNDLE_MAX_DEPTH);
		return 0;
	}
	if (cJSON_IsObject(v)) {
		size_t n = 0, i = 0;
		for (const cJSON *c = v->child; c; c = c->next)
			n++;
		if (n > 1) {
			const cJSON **a = dlt_xcalloc(n, sizeof *a);
			for (const cJSON *c = v->child; c; c = c->next)
				a[i++] = c;
			qsort(a, n, sizeof *a, cmp_names);
			for (i = 1; i < n; i++)
				if (!strcmp(a[i - 1]->string, a[i]->string)) {
					dlt_buf_printf(path, ".%.100s (a member given twice)",
						       a[i]->string);
					free(a);
					return 0;
				}
			free(a);
		}
	}
	size_t mark = path->len;
	int i = 0;
	for (const cJSON *c = v->child; c; c = c->next, i++) {
		if (!cJSON_IsObject(c) && !cJSON_IsArray(c))
			continue;
		if (cJSON_IsObject(v))
			dlt_buf_printf(path, ".%.100s", c->string);
		else
			dlt_buf_printf(path, "[%d]", i);
		if (!structure_ok(c, depth + 1, path))
			return 0;
		path->len = mark;
		path->data[mark] = '\0';
	}
	return 1;
}

static const cJSON *member(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* The first requirement whose claimed verdict differs from the derived one, for the message. */
static void verdict_difference(const cJSON *claimed, const cJSON *derived, char *out, size_t outlen)
{
	const char *c = dlt_json_str(claimed, "verdict"), *d = dlt_json_str(derived, "verdict");
	snprintf(out, outlen, "the claimed verdict differs from the one its results give");
	if (!c || !d || strcmp(c, d)) {
		snprintf(out, outlen, "it claims the profile verdict %s, its results give %s",
			 c ? c : "(none)", d ? d : "(none)");
		return;
	}
	const cJSON *r;
	cJSON_ArrayForEach (r, member(derived, "requirements")) {
		const cJSON *cr = dlt_json_find_named(member(claimed, "requirements"), "id",
						      dlt_json_str(r, "id"));
		if (!cr || !cJSON_Compare(cr, r, 1)) {
			snprintf(out, outlen,
				 "it claims %s for requirement %s, its results give %s",
				 cr && dlt_json_str(cr, "verdict") ? dlt_json_str(cr, "verdict")
								   : "nothing",
				 dlt_json_str(r, "id"), dlt_json_str(r, "verdict"));
			return;
		}
	}
}

int dlt_bundle_open(const char *data, size_t len, const char *src, struct dlt_bundle **out,
		    char *err, size_t errlen)
{
	*out = NULL;
	if (len > DLT_BUNDLE_MAX_BYTES)
		return dlt_seterr(err, errlen,
				  "%s: refused: %zu bytes, more than a bundle may hold "
				  "(%zu)",
				  src, len, DLT_BUNDLE_MAX_BYTES);
	static const char head[] = "{\"format\":\"" DLT_BUNDLE_FORMAT "\",";
	if (len < sizeof head - 1 + TRAILER_LEN || memcmp(data, head, sizeof head - 1))
		return dlt_seterr(err, errlen,
				  "%s: not a dlt-interop bundle: it does not start "
				  "with %s",
				  src, head);
	size_t sig_at = len - 3 - SIG_HEX, member_at = sig_at - (sizeof SIG_MEMBER - 1);
	if (memcmp(data + len - 3, "\"}\n", 3) ||
	    memcmp(data + member_at, SIG_MEMBER, sizeof SIG_MEMBER - 1))
		return dlt_seterr(err, errlen,
				  "%s: the bundle does not end with its signature "
				  "member (,\"signature\":\"<128 hex digits>\"} and a newline): it "
				  "was cut or edited",
				  src);
	uint8_t sig[DLT_SIG_BYTES];
	for (size_t i = sig_at; i < sig_at + SIG_HEX; i++)
		if (!((data[i] >= '0' && data[i] <= '9') || (data[i] >= 'a' && data[i] <= 'f')))
			return dlt_seterr(err, errlen,
					  "%s: byte %zu: the signature is not 128 "
					  "lowercase hex digits",
					  src, i + 1);
	char e2[256];
	if (dlt_hex_decode(data + sig_at, SIG_HEX, sig, sizeof sig, &(size_t){ 0 }, e2, sizeof e2))
		return dlt_seterr(err, errlen, "%s: signature: %s", src, e2);
	/* the signed body: everything before the signature member, and a closing brace */
	size_t blen = member_at + 1;
	char *body = dlt_xmalloc(blen + 1);
	memcpy(body, data, member_at);
	body[member_at] = '}';
	body[blen] = '\0';
	if (memchr(data, '\0', len)) {
		size_t at = (size_t)((const char *)memchr(data, '\0', len) - data);
		free(body);
		return dlt_seterr(err, errlen, "%s: byte %zu is a zero byte: a bundle is JSON text",
				  src, at + 1);
	}
	if (!dlt_utf8_valid(data, len)) {
		free(body);
		return dlt_seterr(err, errlen, "%s: not valid UTF-8: a bundle is JSON text", src);
	}
	const char *end = NULL;
	cJSON *json = cJSON_ParseWithLengthOpts(body, blen + 1, &end, 1);
	if (!json) {
		size_t pos = end && end >= body && end <= body + blen ? (size_t)(end - body) : 0;
		free(body);
		return dlt_seterr(err, errlen,
				  "%s: byte %zu: not valid JSON: the bundle was cut "
				  "or edited",
				  src, pos + 1);
	}
	struct dlt_buf path = DLT_BUF_INIT;
	dlt_buf_puts(&path, "$");
	if (!structure_ok(json, 0, &path)) {
		dlt_seterr(err, errlen, "%s: refused: %s", src, dlt_buf_str(&path));
		goto fail_path;
	}
	dlt_buf_free(&path);
	char *canon = cJSON_PrintUnformatted(json);
	if (strlen(canon) != blen || memcmp(canon, body, blen)) {
		size_t i = 0;
		while (i < blen && canon[i] == body[i])
			i++;
		free(canon);
		dlt_seterr(err, errlen,
			   "%s: byte %zu: the body is not in canonical form: the "
			   "bundle was edited after it was written",
			   src, i + 1);
		goto fail;
	}
	free(canon);
	struct dlt_bundle *b = dlt_xcalloc(1, sizeof *b);
	b->body = json;
	const cJSON *signer = member(json, "signer");
	const char *alg = dlt_json_str(signer, "algorithm");
	const char *pkhex = dlt_json_str(signer, "public_key");
	const char *fp = dlt_json_str(signer, "fingerprint");
	if (!alg || strcmp(alg, "ed25519") || !pkhex || !fp ||
	    dlt_hex_decode_exact(pkhex, b->pk, sizeof b->pk, e2, sizeof e2)) {
		dlt_seterr(err, errlen,
			   "%s: $.signer: expected {\"algorithm\": \"ed25519\", "
			   "\"public_key\": 64 hex digits, \"fingerprint\"}",
			   src);
		goto fail_b;
	}
	dlt_key_fingerprint(b->pk, b->fingerprint);
	if (strcmp(fp, b->fingerprint)) {
		dlt_seterr(err, errlen,
			   "%s: $.signer.fingerprint is not the fingerprint of its "
			   "public key",
			   src);
		goto fail_b;
	}
	if (crypto_sign_verify_detached(sig, (const uint8_t *)body, blen, b->pk) != 0) {
		dlt_seterr(err, errlen,
			   "%s: the signature does not verify: the bundle was changed "
			   "after it was signed (or signed over something else)",
			   src);
		goto fail_b;
	}
	free(body);
	body = NULL;
	/* signed: now what it says must hold together */
	b->created = dlt_json_str(json, "created");
	b->profile = member(json, "profile");
	b->verdict = member(json, "verdict");
	b->targets = member(json, "targets");
	b->suite = member(json, "suite");
	b->results = member(json, "results");
	if (!b->created || !b->profile || !b->verdict || !b->targets || !b->suite || !b->results) {
		dlt_seterr(err, errlen,
			   "%s: $: a bundle has created, profile, verdict, targets, "
			   "suite and results",
			   src);
		goto fail_b;
	}
	if (dlt_profile_check_resolved(b->profile, e2, sizeof e2)) {
		dlt_seterr(err, errlen, "%s: $.%s", src, e2);
		goto fail_b;
	}
	char digest[65];
	if (dlt_suite_digest(b->suite, digest, e2, sizeof e2)) {
		dlt_seterr(err, errlen, "%s: $.%s", src, e2);
		goto fail_b;
	}
	const char *claimed = dlt_json_str(b->suite, "digest");
	if (!claimed || strcmp(claimed, digest)) {
		dlt_seterr(err, errlen,
			   "%s: $.suite.digest is not the digest of $.suite.files "
			   "(%s)",
			   src, digest);
		goto fail_b;
	}
	const char *ran = dlt_json_str(member(b->results, "run"), "suite_digest");
	if (!ran || strcmp(ran, digest)) {
		dlt_seterr(err, errlen,
			   "%s: $.results.run.suite_digest (%s) is not the bundle's "
			   "suite digest",
			   src, ran ? ran : "missing");
		goto fail_b;
	}
	struct dlt_results *res = NULL;
	char rsrc[300];
	snprintf(rsrc, sizeof rsrc, "%.200s: $.results", src);
	if (dlt_results_from_json(cJSON_Duplicate(b->results, 1), rsrc, &res, err, errlen))
		goto fail_b;
	cJSON *fps = dlt_bundle_target_fingerprints(res->json);
	int same_targets = cJSON_Compare(fps, b->targets, 1);
	cJSON_Delete(fps);
	cJSON *derived = dlt_profile_evaluate(b->profile, res->json);
	dlt_results_free(res);
	if (!same_targets) {
		cJSON_Delete(derived);
		dlt_seterr(err, errlen,
			   "%s: refused: $.targets are not the fingerprints of the "
			   "targets in its results",
			   src);
		goto fail_b;
	}
	if (!cJSON_Compare(derived, b->verdict, 1)) {
		char why[512];
		verdict_difference(b->verdict, derived, why, sizeof why);
		cJSON_Delete(derived);
		dlt_seterr(err, errlen, "%s: refused: %s", src, why);
		goto fail_b;
	}
	cJSON_Delete(derived);
	*out = b;
	return 0;
fail_b:
	free(body);
	dlt_bundle_free(b);
	return -1;
fail_path:
	dlt_buf_free(&path);
fail:
	free(body);
	cJSON_Delete(json);
	return -1;
}

int dlt_bundle_load(const char *path, struct dlt_bundle **out, char *err, size_t errlen)
{
	*out = NULL;
	struct stat st;
	if (stat(path, &st) != 0)
		return dlt_seterr(err, errlen, "%s: cannot open: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return dlt_seterr(err, errlen, "%s: not a regular file", path);
	if ((size_t)st.st_size > DLT_BUNDLE_MAX_BYTES)
		return dlt_seterr(err, errlen,
				  "%s: refused: %lld bytes, more than a bundle may "
				  "hold (%zu)",
				  path, (long long)st.st_size, DLT_BUNDLE_MAX_BYTES);
	FILE *f = fopen(path, "rb");
	if (!f)
		return dlt_seterr(err, errlen, "%s: cannot open: %s", path, strerror(errno));
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *data = dlt_xmalloc(cap + 1);
	size_t got;
	while (n < cap && (got = fread(data + n, 1, cap - n, f)) > 0)
		n += got;
	int bad = ferror(f);
	fclose(f);
	if (bad || n > DLT_BUNDLE_MAX_BYTES || n == cap) {
		free(data);
		return dlt_seterr(err, errlen, "%s: %s", path,
				  bad ? "read error" : "the file grew while it was read");
	}
	int rc = dlt_bundle_open(data, n, path, out, err, errlen);
	free(data);
	return rc;
}

int dlt_bundle_sniff(const char *path)
{
	static const char head[] = "{\"format\":\"" DLT_BUNDLE_FORMAT "\"";
	char buf[sizeof head];
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof head - 1, f);
	fclose(f);
	return n == sizeof head - 1 && !memcmp(buf, head, n);
}

void dlt_bundle_free(struct dlt_bundle *b)
{
	if (!b)
		return;
	cJSON_Delete(b->body);
	free(b);
}
