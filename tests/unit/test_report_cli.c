/*
 * test_report_cli.c: a stand-in for the dlt-interop command used by the report integration
 * tests (tests/integration/report_*.sh) when the real binary is not built: dispatches
 * "report", "merge" and "diff" to the same entry points the CLI calls.
 */
#include <stdio.h>
#include <string.h>

#include "reports/commands.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s report|merge|diff ...\n", argv[0]);
		return 2;
	}
	if (!strcmp(argv[1], "report"))
		return dlt_cmd_report(argc - 1, argv + 1);
	if (!strcmp(argv[1], "merge"))
		return dlt_cmd_merge(argc - 1, argv + 1);
	if (!strcmp(argv[1], "diff"))
		return dlt_cmd_diff(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command %s\n", argv[0], argv[1]);
	return 2;
}
