/*
 * cmdline.h: what the report-side commands (report, merge, diff) share in parsing their
 * command lines with getopt_long: the start of a parse and the message of a bad option.
 */
#ifndef DLT_CMDLINE_H
#define DLT_CMDLINE_H

/* Prepare getopt_long for a new parse of a command's argv (argv[0]: the command): its state
 * reset, its own messages off (dlt_cmd_option_error says them). */
void dlt_cmd_getopt_start(void);
/* Say on stderr why getopt_long returned c ('?': an unknown option, ':': a missing value) as
 * "dlt-interop CMD: unknown option --x" or "dlt-interop CMD: --format needs a value". */
void dlt_cmd_option_error(const char *cmd, int c, char *const *argv);

#endif
