/*
 * commands.h: the report-side subcommands of dlt-interop. argv[0] is the subcommand name.
 * Each handles --help and returns 0 when all went well, 2 on a usage or input error (the
 * message names the file and JSON path); diff returns 1 when something regressed.
 */
#ifndef DLT_COMMANDS_H
#define DLT_COMMANDS_H

/* dlt-interop report RESULTS... [--roadmap FILE] [--format html|md|junit|earl|json] [-o FILE] */
int dlt_cmd_report(int argc, char **argv);
/* dlt-interop merge RESULTS... [-o FILE] */
int dlt_cmd_merge(int argc, char **argv);
/* dlt-interop diff OLD NEW [--format text|md|json] [-o FILE] */
int dlt_cmd_diff(int argc, char **argv);

#endif
