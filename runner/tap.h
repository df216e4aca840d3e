/*
 * tap.h: flat TAP (version 12 style, no subtests, no pragmas) on stdout, the form both
 * Automake's tap-driver.sh and prove accept: one test point per scenario x targets, a YAML
 * block under every failure with expected, actual and the diff, "# SKIP" for not applicable,
 * "# TODO" for expected failures (xfail; an xpass shows as "ok ... # TODO").
 */
#ifndef DLT_RUNNER_TAP_H
#define DLT_RUNNER_TAP_H

#include <stdio.h>
#include <cjson/cJSON.h>

void dlt_tap_plan(FILE *out, size_t n);
/* result: a results.json "results" entry; number: the test point number (1-based). */
void dlt_tap_point(FILE *out, size_t number, const cJSON *result);
void dlt_tap_comment(FILE *out, const char *text);

#endif
