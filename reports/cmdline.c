/*
 * cmdline.c: getopt_long set-up and option messages of the report-side commands (see
 * cmdline.h). Their option strings start with ':', so a missing value is told apart from an
 * unknown option.
 */
#include "reports/cmdline.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

void dlt_cmd_getopt_start(void)
{
	optind = 0; /* glibc: a full reset, also of a cluster of short options left half read */
	opterr = 0;
}

void dlt_cmd_option_error(const char *cmd, int c, char *const *argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";

	if (c == ':')
		fprintf(stderr, "dlt-interop %s: %s needs a value\n", cmd, arg);
	else if (strncmp(arg, "--", 2) != 0 && optopt > 0 && optopt < 256)
		fprintf(stderr, "dlt-interop %s: unknown option -%c\n", cmd, optopt);
	else
		fprintf(stderr, "dlt-interop %s: unknown option %s\n", cmd, arg);
}
