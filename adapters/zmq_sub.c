/*
 * zmq_sub.c: ZeroMQ subscriber with deadlines (see zmq_sub.h). One process-wide context is
 * created on first use (contexts are thread-safe, sockets are not); each subscription owns
 * one SUB socket with linger 0, so closing never blocks. The handshake is observed through a
 * socket monitor: SUB sockets connect asynchronously, and a block announced before the
 * subscription reaches the publisher would be lost (the "slow joiner" problem). The monitor
 * stays open for the subscription's life: a disconnection after the handshake (libzmq drops the
 * connection on a frame over ZMQ_MAXMSGSIZE) is reported once the queued messages are read.
 */
#include "adapters/zmq_sub.h"
#include "common/abort_flag.h"
#include "common/clock.h"
#include "common/mem.h"

#include <errno.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

struct dlt_zmq_sub {
	void *sock;
	void *mon; /* PAIR socket receiving sock's monitor events, or NULL */
	char *endpoint;
	size_t max_msg;
	int handshaken; /* a handshake succeeded */
	int lost; /* then the connection was closed (stays set: a reconnection does not
			     * bring back what was sent in between) */
};

static void *ctx;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;

static void ctx_init(void)
{
	ctx = zmq_ctx_new();
}

void dlt_zmq_msg_free(struct dlt_zmq_msg *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->nframes && i < DLT_ZMQ_MAX_FRAMES; i++)
		free(m->frame[i]);
	memset(m, 0, sizeof *m);
}

unsigned short dlt_zmq_monitor_event(void *mon, int flags)
{
	zmq_msg_t ev;
	zmq_msg_init(&ev);
	if (zmq_msg_recv(&ev, mon, flags) < 0) {
		zmq_msg_close(&ev);
		return 0;
	}
	unsigned short event = 0;
	if (zmq_msg_size(&ev) >= 2)
		memcpy(&event, zmq_msg_data(&ev), 2);
	int more = zmq_msg_more(&ev);
	zmq_msg_close(&ev);
	if (more) {
		zmq_msg_t addr;
		zmq_msg_init(&addr);
		zmq_msg_recv(&addr, mon, 0);
		zmq_msg_close(&addr);
	}
	return event;
}

static void note_event(struct dlt_zmq_sub *s, unsigned short event)
{
	if (event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
		s->handshaken = 1;
	else if (event == ZMQ_EVENT_DISCONNECTED && s->handshaken)
		s->lost = 1;
}

/* Read the monitor events already queued. */
static void drain_events(struct dlt_zmq_sub *s)
{
	if (!s->mon)
		return;
	for (;;) {
		unsigned short ev = dlt_zmq_monitor_event(s->mon, ZMQ_DONTWAIT);
		if (!ev)
			return;
		note_event(s, ev);
	}
}

/* Wait for the monitor to report a completed handshake (or give up at the deadline). */
static void wait_handshake(struct dlt_zmq_sub *s, long connect_ms)
{
	long long deadline = dlt_now_ms() + connect_ms;
	while (!s->handshaken && !dlt_abort_flag_raised()) {
		long long left = deadline - dlt_now_ms();
		if (left <= 0)
			return;
		zmq_pollitem_t it = { s->mon, 0, ZMQ_POLLIN, 0 };
		if (zmq_poll(&it, 1, left < DLT_ZMQ_SLICE_MS ? (long)left : DLT_ZMQ_SLICE_MS) < 0)
			return;
		drain_events(s);
	}
}

int dlt_zmq_sub_open(const char *endpoint, const char *const *prefixes, long connect_ms,
		     size_t max_msg, struct dlt_zmq_sub **out, struct dlt_err *err)
{
	*out = NULL;
	pthread_once(&ctx_once, ctx_init);
	if (!ctx)
		return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ: cannot create a context");
	struct dlt_zmq_sub *s = dlt_xcalloc(1, sizeof *s);
	s->endpoint = dlt_xstrdup(endpoint);
	s->sock = zmq_socket(ctx, ZMQ_SUB);
	if (!s->sock) {
		dlt_zmq_sub_close(s);
		return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ: cannot create a SUB socket: %s",
				   zmq_strerror(zmq_errno()));
	}
	int linger = 0;
	zmq_setsockopt(s->sock, ZMQ_LINGER, &linger, sizeof linger);
	s->max_msg = max_msg ? max_msg : DLT_MAX_RESPONSE_DEFAULT;
	int64_t maxmsg = s->max_msg > INT64_MAX ? INT64_MAX : (int64_t)s->max_msg;
	zmq_setsockopt(s->sock, ZMQ_MAXMSGSIZE, &maxmsg, sizeof maxmsg);
	int hwm = DLT_ZMQ_QUEUE;
	zmq_setsockopt(s->sock, ZMQ_RCVHWM, &hwm, sizeof hwm);
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
	if (zmq_socket_monitor(s->sock, mon_name,
			       ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_DISCONNECTED) == 0) {
		s->mon = zmq_socket(ctx, ZMQ_PAIR);
		if (s->mon && zmq_connect(s->mon, mon_name) != 0) {
			zmq_close(s->mon);
			s->mon = NULL;
		}
		if (s->mon) {
			int l0 = 0;
			zmq_setsockopt(s->mon, ZMQ_LINGER, &l0, sizeof l0);
		} else
			zmq_socket_monitor(s->sock, NULL, 0);
	}
	if (zmq_connect(s->sock, endpoint) != 0) {
		int e = zmq_errno();
		dlt_zmq_sub_close(s);
		return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ: cannot connect to %s: %s",
				   endpoint, zmq_strerror(e));
	}
	if (s->mon) {
		wait_handshake(s, connect_ms);
		/* the subscription itself travels right after the handshake */
		struct timespec ts = { 0, 50 * 1000000L };
		nanosleep(&ts, NULL);
	}
	*out = s;
	return DLT_OK;
}

int dlt_zmq_sub_recv(struct dlt_zmq_sub *s, long timeout_ms, struct dlt_zmq_msg *m,
		     struct dlt_err *err)
{
	memset(m, 0, sizeof *m);
	long long deadline = dlt_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	for (;;) {
		if (dlt_abort_flag_raised())
			return dlt_err_set(
				err, DLT_E_INTERRUPTED,
				"ZeroMQ %s: the run was interrupted (signal) while waiting "
				"for a message",
				s->endpoint);
		long long left = deadline - dlt_now_ms();
		long wait = left <= 0 ? 0 : left < DLT_ZMQ_SLICE_MS ? (long)left : DLT_ZMQ_SLICE_MS;
		zmq_pollitem_t it[2] = { { s->sock, 0, ZMQ_POLLIN, 0 },
					 { s->mon, 0, ZMQ_POLLIN, 0 } };
		int rc = zmq_poll(it, s->mon ? 2 : 1, wait);
		if (rc < 0) {
			if (zmq_errno() == EINTR)
				continue;
			return dlt_err_set(err, DLT_E_TRANSPORT, "ZeroMQ %s: poll: %s", s->endpoint,
					   zmq_strerror(zmq_errno()));
		}
		if (it[0].revents & ZMQ_POLLIN)
			break; /* queued messages first, even after a disconnection */
		drain_events(s);
		if (s->lost)
			return dlt_err_set(
				err, DLT_E_TRANSPORT,
				"ZeroMQ %s: the connection to the publisher was closed "
				"(a message larger than --max-response of %zu bytes closes it, "
				"or the publisher went away); what it sent after is lost",
				s->endpoint, s->max_msg);
		if (left <= 0)
			return DLT_OK; /* nothing in time */
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
			unsigned char *copy = dlt_xmalloc(n + 1);
			memcpy(copy, zmq_msg_data(&part), n);
			copy[n] = '\0';
			m->frame[m->nframes] = copy;
			m->size[m->nframes] = n;
			m->nframes++;
		}
		zmq_msg_close(&part);
	}
	return DLT_OK;
}

int dlt_zmq_sub_recv_until(struct dlt_zmq_sub *s, long long deadline_ms, struct dlt_zmq_msg *m,
			   struct dlt_err *err)
{
	long long left = deadline_ms - dlt_now_ms();
	return dlt_zmq_sub_recv(s, left > 0 ? (long)left : 0, m, err);
}

void dlt_zmq_sub_close(struct dlt_zmq_sub *s)
{
	if (!s)
		return;
	if (s->mon) {
		zmq_socket_monitor(s->sock, NULL, 0);
		zmq_close(s->mon);
	}
	if (s->sock)
		zmq_close(s->sock);
	free(s->endpoint);
	free(s);
}
