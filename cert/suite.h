/*
 * suite.h: the digest of the suite as a bundle names it (docs/certification.md, "The suite
 * digest"): the SHA-256 of every file under suites/ (.lua), vectors/, roadmap/, profiles/
 * and targets/ (target and expectation files) of the runner's data folder, and the runner's
 * version. The manifest lists each file with its own SHA-256, so that two suites that differ
 * can say which files differ.
 *   digest = SHA-256("dlt-interop-suite/1\n" "runner " RUNNER "\n"
 *                    then, for each file in byte order of its path: HEX " " PATH "\n")
 */
#ifndef DLT_CERT_SUITE_H
#define DLT_CERT_SUITE_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "common/buf.h"

/* {"runner": runner, "digest": hex, "files": {path: hex, ...}} of the suite under home
 * (paths relative to it). NULL and err when a file cannot be read. */
cJSON *dlt_suite_manifest(const char *home, const char *runner, char *err, size_t errlen);
/* The digest of a manifest's runner and files (as written above): 0 and out, or -1 and err
 * when the manifest is malformed (a file hash that is not 64 lowercase hex digits, a path
 * with a newline, a member that is not a string). */
int dlt_suite_digest(const cJSON *manifest, char out[65], char *err, size_t errlen);
/* Append to msg what differs between two manifests (runner, files changed, missing, added),
 * at most max files named. Nothing when they agree. */
void dlt_suite_differences(const cJSON *theirs, const cJSON *ours, struct dlt_buf *msg, size_t max);

#endif
