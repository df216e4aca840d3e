/*
 * certificate.h: the certificate of a signed bundle (docs/certification.md, "The
 * certificate"): one self-contained, printable HTML page (no script, no outside resource)
 * with the implementation and version of each target, the profile, the date, the profile
 * verdict per requirement with its clause references, the suite digest and the signing key's
 * fingerprint. `dlt-interop report BUNDLE --format html` writes it.
 */
#ifndef DLT_CERTIFICATE_H
#define DLT_CERTIFICATE_H

#include "cert/bundle.h"
#include "common/buf.h"

/* Append the page for an opened (so signed and consistent) bundle. */
void dlt_report_certificate(struct dlt_buf *b, const struct dlt_bundle *bd);
/* report BUNDLE [--format html] [-o FILE]: 0 written, 2 refused or usage error. */
int dlt_cmd_report_bundle(const char *path, const char *format, const char *out);

#endif
