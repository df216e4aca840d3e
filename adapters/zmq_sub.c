/*
 * zmq_sub.c: ZeroMQ subscriber with deadlines (see zmq_sub.h). One process-wide context is
 * created on first use (contexts are thread-safe, sockets are not); each subscription owns
 * one SUB socket with linger 0, so closing never blocks. The handshake is observed through a
 * socket monitor: SUB sockets connect asynchronously, and a block announced before the
 * subscription reaches the publisher would be lost (the "slow joiner" problem).
 */
#include "zmq_sub.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

struct dlt_zmq_sub {
	void *sock;
	char *endpoint;
};

static void *ctx;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;

static void ctx_init(void)
{
	ctx = zmq_ctx_new();
}

long long dlt_zmq_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void dlt_zmq_msg_free(struct dlt_zmq_msg *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->nframes && i < DLT_ZMQ_MAX_FRAMES; i++)
		free(m->frame[i]);
	memset(m, 0, sizeof *m);
}

/* Wait for the monitor to report a completed handshake (or give up at the deadline). */
static void wait_handshake(void *mon, long connect_ms)
{
	long long deadline = dlt_zmq_now_ms() + connect_ms;
	for (;;) {
		long long left = deadline - dlt_zmq_now_ms();
		if (left <= 0)
			return;
		zmq_pollitem_t it = {mon, 0, ZMQ_POLLIN, 0};
		if (zmq_poll(&it, 1, (long)left) <= 0)
			return;
		zmq_msg_t ev;
		zmq_msg_init(&ev);
		if (zmq_msg_recv(&ev, mon, 0) < 0) {
			zmq_msg_close(&ev);
			return;
		}
		unsigned short event = 0;
		if (zmq_msg_size(&ev) >= 2)
			memcpy(&event, zmq_msg_data(&ev), 2);
		zmq_msg_close(&ev);
		/* second frame: the endpoint address */
		zmq_msg_t addr;
		zmq_msg_init(&addr);
		zmq_msg_recv(&addr, mon, 0);
		zmq_msg_close(&addr);
		if (event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
			return;
	}
}

int dlt_zmq_sub_open(const char *endpoint, const char *const *prefixes, long connect_ms,
		     struct dlt_zmq_sub **out, struct dlt_err *err)
{
	*out = NULL;
	pthread_once(&ctx_once, ctx_init);
	if (!ctx)
		return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ: cannot create a context");
	struct dlt_zmq_sub *s = calloc(1, sizeof *s);
	if (!s)
		return dlt_err_set(err, DLT_E_TRANSPORT, "out of memory");
	s->endpoint = strdup(endpoint);
	s->sock = zmq_socket(ctx, ZMQ_SUB);
	if (!s->sock || !s->endpoint) {
		dlt_zmq_sub_close(s);
		return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ: cannot create a SUB socket: %s",
				   zmq_strerror(zmq_errno()));
	}
	int linger = 0;
	zmq_setsockopt(s->sock, ZMQ_LINGER, &linger, sizeof linger);
	if (prefixes) {
		for (size_t i = 0; prefixes[i]; i++)
			zmq_setsockopt(s->sock, ZMQ_SUBSCRIBE, prefixes[i], strlen(prefixes[i]));
	} else {
		zmq_setsockopt(s->sock, ZMQ_SUBSCRIBE, "", 0);
	}
	/* a monitor per socket, on a unique inproc name */
	char mon_name[64];
	static int seq;
	snprintf(mon_name, sizeof mon_name, "inproc://dlt-zmq-mon-%p-%d", (void *)s,
		 __atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED));
	void *mon = NULL;
	if (zmq_socket_monitor(s->sock, mon_name, ZMQ_EVENT_HANDSHAKE_SUCCEEDED) == 0) {
		mon = zmq_socket(ctx, ZMQ_PAIR);
		if (mon && zmq_connect(mon, mon_name) != 0) {
			zmq_close(mon);
			mon = NULL;
		}
	}
	if (zmq_connect(s->sock, endpoint) != 0) {
		int e = zmq_errno();
		if (mon)
			zmq_close(mon);
		dlt_zmq_sub_close(s);
		return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ: cannot connect to %s: %s",
				   endpoint, zmq_strerror(e));
	}
	if (mon) {
		wait_handshake(mon, connect_ms);
		zmq_socket_monitor(s->sock, NULL, 0);
		int l0 = 0;
		zmq_setsockopt(mon, ZMQ_LINGER, &l0, sizeof l0);
		zmq_close(mon);
		/* the subscription itself travels right after the handshake */
		struct timespec ts = {0, 50 * 1000000L};
		nanosleep(&ts, NULL);
	}
	*out = s;
	return DLT_OK;
}

int dlt_zmq_sub_recv(struct dlt_zmq_sub *s, long timeout_ms, struct dlt_zmq_msg *m,
		     struct dlt_err *err)
{
	memset(m, 0, sizeof *m);
	long long deadline = dlt_zmq_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	for (;;) {
		long long left = deadline - dlt_zmq_now_ms();
		zmq_pollitem_t it = {s->sock, 0, ZMQ_POLLIN, 0};
		int rc = zmq_poll(&it, 1, left > 0 ? (long)left : 0);
		if (rc < 0) {
			if (zmq_errno() == EINTR)
				continue;
			return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ %s: poll: %s", s->endpoint,
					   zmq_strerror(zmq_errno()));
		}
		if (rc == 0)
			return DLT_OK; /* nothing in time */
		break;
	}
	int more = 1;
	while (more) {
		zmq_msg_t part;
		zmq_msg_init(&part);
		if (zmq_msg_recv(&part, s->sock, 0) < 0) {
			int e = zmq_errno();
			zmq_msg_close(&part);
			dlt_zmq_msg_free(m);
			return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ %s: receive: %s",
					   s->endpoint, zmq_strerror(e));
		}
		more = zmq_msg_more(&part);
		if (m->nframes < DLT_ZMQ_MAX_FRAMES) {
			size_t n = zmq_msg_size(&part);
			unsigned char *copy = malloc(n + 1);
			if (copy) {
				memcpy(copy, zmq_msg_data(&part), n);
				copy[n] = '\0';
				m->frame[m->nframes] = copy;
				m->size[m->nframes] = n;
				m->nframes++;
			}
		}
		zmq_msg_close(&part);
	}
	return DLT_OK;
}

void dlt_zmq_sub_close(struct dlt_zmq_sub *s)
{
	if (!s)
		return;
	if (s->sock)
		zmq_close(s->sock);
	free(s->endpoint);
	free(s);
}
