/*
 * launcher.h: starting and stopping the ledger nodes a run launches itself: free loopback
 * ports, a temporary HOME and data dir, readiness polled with a real RPC call that the launched
 * process itself must answer, a clean stop
 * (signal, RPC or HTTP, as the target file says), also on Ctrl-C, SIGTERM and errors.
 */
#ifndef DLT_LAUNCHER_H
#define DLT_LAUNCHER_H

#include <signal.h>
#include <stddef.h>
#include "runner/target.h"

/* Set by SIGINT/SIGTERM once dlt_launch_install_signals() ran; the run stops early. */
extern volatile sig_atomic_t dlt_interrupted;
void dlt_launch_install_signals(void);

/* Start t (t->launchable must be set): ports (checked free), work dir, files, process,
 * readiness (answered by this process, within t->launch.ready_timeout), after_start.
 * On success t->url and t->zmq_url are expanded. On failure the process is stopped and err
 * names the target, the reason (the port and its holder when a port is taken) and the last
 * lines of the node's log. */
int dlt_launch_start(struct dlt_target *t, char *err, size_t errlen);
/* The two halves of dlt_launch_start. spawn must run on a thread that lives as long as the node
 * (the kernel's parent-death signal is tied to the forking thread): the main thread. */
int dlt_launch_spawn(struct dlt_target *t, char *err, size_t errlen);
int dlt_launch_wait_ready(struct dlt_target *t, char *err, size_t errlen);
/* Stop a launched node the clean way, wait for it to exit (then SIGKILL), remove its work dir
 * unless keep is set. Safe to call twice. */
void dlt_launch_stop(struct dlt_target *t, int keep);
/* Whether the launched process is still running. */
int dlt_launch_alive(struct dlt_target *t);
/* Resolve a ${bin:NAME} candidate list: first existing executable, else NAME in PATH. */
char *dlt_launch_find_bin(const struct dlt_target *t, const char *name);

#endif
