/*
 * sub.c: subscribers of the live feed (see sub.h). Frames: topic, sequence number, JSON line;
 * the heartbeat's number is the count of events the runner has published.
 */
#include "live/sub.h"
#include "common/clock.h"
#include "common/mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define TOPIC "dlt-interop"
#define HEARTBEAT "dlt-interop.heartbeat"

struct peer {
	void *sock;
	char *endpoint;
	size_t next; /* the sequence number expected next */
	double last_seen; /* dlt_now() of the last message, 0: none */
	double last_ask; /* when a replay was last asked for */
	unsigned asks;
};

struct dlt_sub {
	void *ctx;
	struct peer *p;
	size_t n;
};

char *dlt_sub_endpoint(const char *given, char *err, size_t errlen)
{
	if (given && *given && strspn(given, "0123456789") == strlen(given)) {
		long port = strtol(given, NULL, 10);
		if (port < 1 || port > 65535 || strlen(given) > 5) {
			snprintf(err, errlen, "%s: a port is a number from 1 to 65535", given);
			return NULL;
		}
		return dlt_printf("tcp://127.0.0.1:%ld", port);
	}
	if (!given || (strncmp(given, "tcp://", 6) && strncmp(given, "ipc://", 6))) {
		snprintf(err, errlen,
			 "%s: give a port (127.0.0.1) or a ZeroMQ endpoint: "
			 "tcp://HOST:PORT or ipc://PATH",
			 given ? given : "");
		return NULL;
	}
	return dlt_xstrdup(given);
}

struct dlt_sub *dlt_sub_open(char *const *endpoints, size_t n, char *err, size_t errlen)
{
	struct dlt_sub *s = dlt_xcalloc(1, sizeof *s);
	s->ctx = zmq_ctx_new();
	s->p = dlt_xcalloc(n + 1, sizeof *s->p);
	for (size_t i = 0; i < n; i++) {
		void *k = zmq_socket(s->ctx, ZMQ_SUB);
		int zero = 0;
		if (!k || zmq_setsockopt(k, ZMQ_RCVHWM, &zero, sizeof zero) ||
		    zmq_setsockopt(k, ZMQ_SUBSCRIBE, TOPIC, strlen(TOPIC)) ||
		    zmq_connect(k, endpoints[i]) != 0) {
			snprintf(err, errlen, "%s: cannot subscribe: %s", endpoints[i],
				 zmq_strerror(zmq_errno()));
			if (k)
				zmq_close(k);
			s->n = i;
			dlt_sub_close(s);
			return NULL;
		}
		s->p[i].sock = k;
		s->p[i].endpoint = dlt_xstrdup(endpoints[i]);
		s->n = i + 1;
	}
	return s;
}

/* Ask the runner for its history again: a subscription it has not seen (the feed replays on
 * every one), to a topic no message has, dropped again at once. At most once a second. */
static void ask_replay(struct peer *p)
{
	double now = dlt_now();
	if (now - p->last_ask < 1.0)
		return;
	p->last_ask = now;
	char topic[64];
	int n = snprintf(topic, sizeof topic, "dlt-interop.replay.%u", ++p->asks);
	zmq_setsockopt(p->sock, ZMQ_SUBSCRIBE, topic, (size_t)n);
	zmq_setsockopt(p->sock, ZMQ_UNSUBSCRIBE, topic, (size_t)n);
}

/* One message of three frames from p; 1 and the frames when one was read, 0 when none. */
static int read_one(struct peer *p, zmq_msg_t fr[3])
{
	int got = 0;
	for (int k = 0; k < 3; k++)
		zmq_msg_init(&fr[k]);
	for (;;) {
		zmq_msg_t m;
		zmq_msg_init(&m);
		if (zmq_msg_recv(&m, p->sock, ZMQ_DONTWAIT) < 0) {
			zmq_msg_close(&m);
			return got == 3;
		}
		int more = zmq_msg_more(&m);
		if (got < 3) {
			zmq_msg_move(&fr[got], &m);
			got++;
		}
		zmq_msg_close(&m);
		if (!more)
			return got == 3;
	}
}

static int frame_is(zmq_msg_t *m, const char *s)
{
	return zmq_msg_size(m) == strlen(s) && !memcmp(zmq_msg_data(m), s, strlen(s));
}

static int frame_number(zmq_msg_t *m, size_t *out)
{
	char buf[32];
	size_t n = zmq_msg_size(m);
	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, zmq_msg_data(m), n);
	buf[n] = 0;
	if (strspn(buf, "0123456789") != n)
		return -1;
	*out = (size_t)strtoull(buf, NULL, 10);
	return 0;
}

int dlt_sub_poll(struct dlt_sub *s, int timeout_ms, dlt_sub_fn fn, void *ctx)
{
	zmq_pollitem_t *items = dlt_xcalloc(s->n + 1, sizeof *items);
	for (size_t i = 0; i < s->n; i++) {
		items[i].socket = s->p[i].sock;
		items[i].events = ZMQ_POLLIN;
	}
	int rc = zmq_poll(items, (int)s->n, timeout_ms);
	free(items);
	if (rc < 0)
		return zmq_errno() == EINTR ? -1 : 0;
	int handed = 0;
	for (size_t i = 0; i < s->n; i++) {
		struct peer *p = &s->p[i];
		zmq_msg_t fr[3];
		while (read_one(p, fr)) {
			size_t seq;
			p->last_seen = dlt_now();
			if (frame_number(&fr[1], &seq) == 0) {
				if (frame_is(&fr[0], HEARTBEAT)) {
					if (seq > p->next)
						ask_replay(p);
				} else if (frame_is(&fr[0], TOPIC)) {
					if (seq == p->next) {
						p->next++;
						fn(ctx, i, zmq_msg_data(&fr[2]),
						   zmq_msg_size(&fr[2]));
						handed++;
					} else if (seq > p->next) {
						ask_replay(p); /* joined late, or missed one */
					}
				}
			}
			for (int k = 0; k < 3; k++)
				zmq_msg_close(&fr[k]);
		}
	}
	return handed;
}

double dlt_sub_silence(const struct dlt_sub *s, size_t runner)
{
	if (runner >= s->n || s->p[runner].last_seen == 0)
		return -1;
	return dlt_now() - s->p[runner].last_seen;
}

void dlt_sub_close(struct dlt_sub *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		int zero = 0;
		zmq_setsockopt(s->p[i].sock, ZMQ_LINGER, &zero, sizeof zero);
		zmq_close(s->p[i].sock);
		free(s->p[i].endpoint);
	}
	free(s->p);
	zmq_ctx_term(s->ctx);
	free(s);
}
