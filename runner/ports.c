/*
 * ports.c: who listens on a TCP port (see ports.h).
 *
 * /proc/net/tcp and /proc/net/tcp6 list every socket of this network namespace with its
 * local address, state (0A = LISTEN) and inode; /proc/PID/fd/N of the process holding it is
 * a link to "socket:[INODE]". A process belongs to a launched node when its process group is
 * the node's (the launcher makes the node a group leader) or when the node is among its
 * ancestors (a child that left the group).
 */
#include "runner/ports.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct inodes {
	unsigned long *v;
	size_t n, cap;
};

static void inodes_add(struct inodes *s, unsigned long ino)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		unsigned long *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return; /* a listener left out only makes the answer less precise */
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = ino;
}

static int inodes_has(const struct inodes *s, unsigned long ino)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == ino)
			return 1;
	return 0;
}

/* LISTEN sockets on port into out; -1 when neither table can be read. */
static int listeners(int port, struct inodes *out)
{
	static const char *const tables[] = { "/proc/net/tcp", "/proc/net/tcp6" };
	int readable = 0;
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
		FILE *f = fopen(tables[t], "r");
		if (!f)
			continue;
		readable = 1;
		char line[512];
		if (!fgets(line, sizeof line, f)) { /* the header */
			fclose(f);
			continue;
		}
		while (fgets(line, sizeof line, f)) {
			unsigned lport, state;
			unsigned long ino;
			if (sscanf(line,
				   " %*u: %*[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %x %*x:%*x %*x:%*x "
				   "%*x %*u %*u %lu",
				   &lport, &state, &ino) != 3)
				continue;
			if (state == 0x0A && (int)lport == port && ino != 0 &&
			    !inodes_has(out, ino))
				inodes_add(out, ino);
		}
		fclose(f);
	}
	return readable ? 0 : -1;
}

/* ppid and process group of pid from /proc/PID/stat; -1 when it cannot be read. */
static int proc_stat(pid_t pid, pid_t *ppid, pid_t *pgrp)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "pid (comm) state ppid pgrp ...": comm may hold spaces and ')' */
	char *p = strrchr(buf, ')');
	int a, b;
	if (!p || sscanf(p + 1, " %*c %d %d", &a, &b) != 2)
		return -1;
	*ppid = a;
	*pgrp = b;
	return 0;
}

static int in_tree(pid_t pid, pid_t root)
{
	for (int depth = 0; depth < 128 && pid > 1; depth++) {
		pid_t ppid, pgrp;
		if (pid == root)
			return 1;
		if (proc_stat(pid, &ppid, &pgrp) != 0)
			return 0;
		if (pgrp == root)
			return 1;
		pid = ppid;
	}
	return 0;
}

static void command_of(pid_t pid, char *out, size_t outlen)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	out[0] = '\0';
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	ssize_t n = read(fd, out, outlen - 1);
	close(fd);
	if (n <= 0) {
		out[0] = '\0';
		return;
	}
	while (n > 0 && out[n - 1] == '\0')
		n--;
	out[n] = '\0';
	for (ssize_t i = 0; i < n; i++)
		if (out[i] == '\0' || (unsigned char)out[i] < 0x20)
			out[i] = ' ';
}

/* Walk every process's fds looking for the sockets in set. For each owner found, stop with 1
 * when it is in root's tree (root > 0). Otherwise fill holder with the first owner found and
 * return 0. *ours_hidden is set when a process of root's tree could not be inspected. */
static int scan_owners(const struct inodes *set, pid_t root, struct dlt_port_holder *holder,
		       int *found, int *ours_hidden)
{
	DIR *proc = opendir("/proc");
	*found = 0;
	*ours_hidden = 0;
	if (!proc)
		return 0;
	struct dirent *e;
	int ours = 0;
	while (!ours && (e = readdir(proc))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid_t pid = (pid_t)atoi(e->d_name);
		char path[64];
		snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
		DIR *fds = opendir(path);
		if (!fds) {
			if (root > 0 && errno == EACCES && in_tree(pid, root))
				*ours_hidden = 1;
			continue;
		}
		struct dirent *f;
		while ((f = readdir(fds))) {
			char link[64];
			ssize_t n = readlinkat(dirfd(fds), f->d_name, link, sizeof link - 1);
			unsigned long ino;
			if (n <= 0)
				continue;
			link[n] = '\0';
			if (sscanf(link, "socket:[%lu]", &ino) != 1 || !inodes_has(set, ino))
				continue;
			if (root > 0 && in_tree(pid, root)) {
				ours = 1;
				break;
			}
			if (!*found && holder) {
				holder->pid = pid;
				command_of(pid, holder->command, sizeof holder->command);
			}
			*found = 1;
			if (root <= 0)
				break;
		}
		closedir(fds);
		if (root <= 0 && *found)
			break;
	}
	closedir(proc);
	return ours;
}

static void holder_clear(struct dlt_port_holder *h)
{
	if (h) {
		h->pid = 0;
		h->command[0] = '\0';
	}
}

int dlt_port_in_use(int port, struct dlt_port_holder *holder)
{
	holder_clear(holder);
	struct inodes set = { 0 };
	int used = 0;
	if (listeners(port, &set) == 0 && set.n > 0) {
		int found, hidden;
		scan_owners(&set, 0, holder, &found, &hidden);
		used = 1;
	}
	free(set.v);
	if (used)
		return 1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return 0;
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)port);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 && errno == EADDRINUSE)
		used = 1;
	close(fd);
	return used;
}

enum dlt_port_owner dlt_port_owner(int port, pid_t root_pid, struct dlt_port_holder *holder)
{
	holder_clear(holder);
	struct inodes set = { 0 };
	enum dlt_port_owner r = DLT_PORT_UNKNOWN;
	if (listeners(port, &set) == 0 && set.n > 0) {
		int found, hidden;
		if (scan_owners(&set, root_pid, holder, &found, &hidden))
			r = DLT_PORT_OURS;
		else
			r = hidden ? DLT_PORT_UNKNOWN : DLT_PORT_FOREIGN;
	}
	free(set.v);
	return r;
}

int dlt_port_of_local_url(const char *url)
{
	const char *s = url ? strstr(url, "://") : NULL;
	if (!s)
		return 0;
	s += 3;
	size_t hostlen = strcspn(s, "/?#");
	const char *at = NULL;
	for (const char *p = s; p < s + hostlen; p++)
		if (*p == '@')
			at = p;
	if (at) {
		hostlen -= (size_t)(at + 1 - s);
		s = at + 1;
	}
	char host[256];
	const char *portp;
	if (s[0] == '[') {
		const char *end = memchr(s, ']', hostlen);
		if (!end)
			return 0;
		snprintf(host, sizeof host, "%.*s", (int)(end - s - 1), s + 1);
		portp = end + 1 < s + hostlen && end[1] == ':' ? end + 2 : NULL;
	} else {
		const char *colon = memchr(s, ':', hostlen);
		snprintf(host, sizeof host, "%.*s", (int)(colon ? (size_t)(colon - s) : hostlen),
			 s);
		portp = colon ? colon + 1 : NULL;
	}
	if (!portp)
		return 0;
	if (strcmp(host, "localhost") && strncmp(host, "127.", 4) && strcmp(host, "::1") &&
	    strcmp(host, "0.0.0.0") && strcmp(host, "::"))
		return 0;
	long port = 0;
	const char *p = portp;
	while (p < s + hostlen && isdigit((unsigned char)*p) && port <= 65535)
		port = port * 10 + (*p++ - '0');
	if (p == portp || p != s + hostlen || port < 1 || port > 65535)
		return 0;
	return (int)port;
}
