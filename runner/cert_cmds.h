/*
 * cert_cmds.h: the self-certification subcommands (docs/certification.md) and run --profile
 * (docs/profiles.md). Each command takes argv with argv[0] its name, handles --help, and
 * returns the process exit status it documents.
 */
#ifndef DLT_CERT_CMDS_H
#define DLT_CERT_CMDS_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "common/strlist.h"

/* dlt-interop keygen [-o PREFIX]: runner/cmd_keygen.c */
int dlt_cmd_keygen(int argc, char **argv);
/* dlt-interop certify RESULTS --profile NAME --key SECRET -o BUNDLE: runner/cmd_certify.c */
int dlt_cmd_certify(int argc, char **argv);
/* dlt-interop verify BUNDLE --pubkey KEY: runner/cmd_verify.c */
int dlt_cmd_verify(int argc, char **argv);

/* The resolved profile NAME (profiles/NAME.json of the runner's data folder, checked against
 * its roadmap): runner/run_profile.c. */
int dlt_profile_load_named(const char *name, cJSON **out, char *err, size_t errlen);
/* run --profile NAME: its scenario patterns become filters (refused together with --filter),
 * and without --target its families become the targets. 0, or -1 and err. */
int dlt_run_profile_apply(const char *name, struct dlt_strlist *filters,
			  struct dlt_strlist *targets, char *err, size_t errlen);

#endif
