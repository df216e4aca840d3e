/*
 * adapter_check.h: `dlt-interop adapter-check ENDPOINT-or-TARGET`: checks a vendor's adapter
 * against the external adapter protocol (docs/adapter-protocol.md) before any scenario runs.
 */
#ifndef DLT_ADAPTER_CHECK_H
#define DLT_ADAPTER_CHECK_H

/* argv[0] is "adapter-check". Returns the exit status: 0 when the adapter conforms, 1 when a
 * check failed, 2 on usage errors. */
int dlt_cmd_adapter_check(int argc, char **argv);

#endif
