/*
 * ports.h: who listens on a TCP port of this machine. Used by the launcher to check that the
 * ports a node is to use are free before it starts, and that the socket answering its
 * readiness call belongs to the launched process and not to another one. Linux: the LISTEN
 * sockets of /proc/net/tcp and /proc/net/tcp6, matched by inode with /proc/PID/fd. Depends on
 * nothing else of the runner.
 */
#ifndef DLT_PORTS_H
#define DLT_PORTS_H

#include <stddef.h>
#include <sys/types.h>

/* A process found holding a listening socket: pid 0 when the socket exists but its owner is
 * not visible (another user's process); command is its command line, cut short. */
struct dlt_port_holder {
	pid_t pid;
	char command[160];
};

/* 1 when something listens on TCP port `port` (any local address, IPv4 or IPv6) or a bind
 * to 127.0.0.1:port fails with EADDRINUSE; 0 when free. When in use and holder is given, it
 * names the first listening process found (pid 0 when unknown). */
int dlt_port_in_use(int port, struct dlt_port_holder *holder);

enum dlt_port_owner {
	DLT_PORT_UNKNOWN = -1, /* no /proc/net/tcp, or no listening socket visible on the port */
	DLT_PORT_OURS = 0, /* a listener belongs to root_pid, its process group or descendants */
	DLT_PORT_FOREIGN = 1 /* every listener belongs to some other process (holder names it) */
};
/* Whose is the listening socket on `port`, relative to the process tree of root_pid. */
enum dlt_port_owner dlt_port_owner(int port, pid_t root_pid, struct dlt_port_holder *holder);

/* The port of an http(s):// or tcp:// URL whose host is this machine (127.x.x.x, localhost,
 * [::1], 0.0.0.0); 0 when the URL names another host or no explicit port. */
int dlt_port_of_local_url(const char *url);

#endif
