/*
 * abort_flag.h: how the transports (jsonrpc.c, zmq_sub.c) learn that the run was interrupted.
 * The runner owns the flag (its SIGINT/SIGTERM handler sets it) and hands its address over once,
 * before any worker starts; a transport waiting for a node checks it at least about once a second
 * and gives up with DLT_E_INTERRUPTED. Without a flag nothing is ever interrupted. Depends on nothing else.
 */
#ifndef DLT_ABORT_FLAG_H
#define DLT_ABORT_FLAG_H

#include <signal.h>

/* flag: a variable that a signal handler sets to non-zero; NULL forgets it. */
void dlt_abort_flag_set(volatile sig_atomic_t *flag);
/* Non-zero once the flag is set, unless this thread is exempt. */
int dlt_abort_flag_raised(void);
/* While on, calls made by this thread ignore the flag: stopping launched nodes the clean way
 * (an RPC "stop") after an interruption. Returns the previous setting, to restore it. */
int dlt_abort_flag_exempt(int on);

#endif
