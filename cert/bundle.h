/*
 * bundle.h: signed result bundles (docs/certification.md): one file holding the results of a
 * run, the targets' fingerprints, the suite manifest and digest, the resolved profile, the
 * profile verdict, the signer's public key, and an Ed25519 signature over all of it.
 *
 * The file is the canonical body B (compact JSON, cJSON's unformatted form: see
 * docs/certification.md) with its closing brace replaced by
 *     ,"signature":"<128 lowercase hex digits>"}\n
 * and the signature is over exactly the bytes of B. Opening a bundle refuses, with a message
 * saying what failed: a file over DLT_BUNDLE_MAX_BYTES, another layout, bytes that are not
 * UTF-8 or a zero byte, JSON that does not parse, an object with a member twice, nesting past
 * DLT_BUNDLE_MAX_DEPTH, a body not in canonical form, a bad key or signature, results that are
 * not valid results, a suite digest that is not its manifest's, targets or a claimed verdict
 * that the results inside do not give.
 */
#ifndef DLT_CERT_BUNDLE_H
#define DLT_CERT_BUNDLE_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "cert/keys.h"
#include "common/buf.h"
#include "common/strlist.h"

#define DLT_BUNDLE_FORMAT "dlt-interop-bundle/1"
#define DLT_BUNDLE_MAX_BYTES ((size_t)256 << 20)
#define DLT_BUNDLE_MAX_DEPTH 200

struct dlt_bundle {
	cJSON *body; /* the whole signed body (owned) */
	const cJSON *profile, *verdict, *targets, *suite, *results; /* members of body */
	const char *created;
	uint8_t pk[DLT_PUBKEY_BYTES];
	char fingerprint[DLT_FINGERPRINT_LEN];
};

/* The targets' fingerprints of a results document: [{name, family, implementation, version,
 * client_version, chain_id, network, genesis_hash}] (null where the node did not say). */
cJSON *dlt_bundle_target_fingerprints(const cJSON *results);

/* Replace every occurrence of each secret (strings of 4 bytes or more) in the string values
 * and member names of tree by "[redacted]"; returns how many strings changed. */
size_t dlt_bundle_redact(cJSON *tree, const struct dlt_strlist *secrets);

/* Build and sign a bundle into out. results is a validated results document; profile is
 * resolved (model/profile.h); suite a manifest (cert/suite.h) whose digest must equal
 * results.run.suite_digest. created is an ISO 8601 time. */
int dlt_bundle_create(const cJSON *results, const cJSON *profile, const cJSON *suite,
		      const uint8_t sk[DLT_SECKEY_BYTES], const char *created, struct dlt_buf *out,
		      char *err, size_t errlen);

/* Open a bundle from memory (len bytes at data): every check above; source names it in
 * messages. 0 and *out, or -1 and err. */
int dlt_bundle_open(const char *data, size_t len, const char *source, struct dlt_bundle **out,
		    char *err, size_t errlen);
/* The same from a file (refused past DLT_BUNDLE_MAX_BYTES before reading). */
int dlt_bundle_load(const char *path, struct dlt_bundle **out, char *err, size_t errlen);
/* 1 when the file starts like a bundle ({"format":"dlt-interop-bundle/1"). */
int dlt_bundle_sniff(const char *path);
void dlt_bundle_free(struct dlt_bundle *b);

#endif
