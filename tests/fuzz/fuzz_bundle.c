/*
 * fuzz_bundle.c: fuzz target for signed result bundles as verify, report and merge --verify
 * read them (cert/bundle.c, and behind it model/profile.c, model/results.c, cert/suite.c, the
 * certificate of reports/certificate.c). The input is opened twice:
 *   - as it is, a bundle file: a refusal must name it ("b.json"); random bytes never carry a
 *     valid signature, so this exercises everything before the signature check;
 *   - when it is a JSON object, as the body a key holder signs: it is signed with a fixed key
 *     and opened, so everything after the signature check (hostile but validly signed
 *     content: profiles, results, manifests, claimed verdicts) is reached. An accepted bundle
 *     renders its certificate, and opening the file it came from again gives the same tree.
 */
#include "fuzz.h"
#include "cert/bundle.h"
#include "reports/certificate.h"
#include "common/buf.h"
#include "common/hex.h"

#include <sodium.h>
#include <string.h>

static void open_one(const char *data, size_t len)
{
	char err[2048] = "";
	struct dlt_bundle *b = NULL;
	if (dlt_bundle_open(data, len, "b.json", &b, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(b == NULL);
		DLT_FUZZ_ASSERT(strstr(err, "b.json") != NULL);
		return;
	}
	struct dlt_buf page = DLT_BUF_INIT;
	dlt_report_certificate(&page, b);
	DLT_FUZZ_ASSERT(strstr(dlt_buf_str(&page), b->fingerprint) != NULL);
	dlt_buf_free(&page);
	struct dlt_bundle *again = NULL;
	DLT_FUZZ_ASSERT(dlt_bundle_open(data, len, "b.json", &again, err, sizeof err) == 0);
	DLT_FUZZ_ASSERT(cJSON_Compare(again->body, b->body, 1));
	dlt_bundle_free(again);
	dlt_bundle_free(b);
}

int dlt_fuzz_bundle(const uint8_t *data, size_t size)
{
	static uint8_t pk[32], sk[64];
	static int ready;
	if (!ready) {
		uint8_t seed[32] = { 1 };
		if (sodium_init() < 0)
			abort();
		crypto_sign_seed_keypair(pk, sk, seed);
		ready = 1;
	}
	open_one((const char *)data, size);
	if (size < 2 || data[0] != '{' || data[size - 1] != '}' || size > (1u << 20))
		return 0;
	/* the input as a body, validly signed */
	uint8_t sig[64];
	char hex[129];
	crypto_sign_detached(sig, NULL, data, size, sk);
	dlt_hex_encode(hex, sig, sizeof sig);
	struct dlt_buf f = DLT_BUF_INIT;
	dlt_buf_append(&f, data, size - 1);
	dlt_buf_printf(&f, ",\"signature\":\"%s\"}\n", hex);
	open_one((const char *)f.data, f.len);
	dlt_buf_free(&f);
	return 0;
}

DLT_FUZZ_TARGET(bundle)
