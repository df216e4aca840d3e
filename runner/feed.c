/*
 * feed.c: the live feed of a run (see feed.h). Writers (the worker threads, the main thread)
 * only append a copy of each event line to the history under the feed's mutex; one thread owns
 * the ZeroMQ socket: it polls the XPUB socket for subscriptions (ZMQ_XPUB_VERBOSE, so every
 * subscription is seen, even a repeated one), sends the events not yet sent, and after a new
 * subscription sends the whole history again from event 0. No high-water mark (ZMQ_SNDHWM 0),
 * so a slow subscriber is queued for, not dropped.
 */
#include "runner/feed.h"
#include "common/mem.h"
#include "common/json_bytes.h"
#include "model/results.h"
#include "model/scores.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define TOPIC "dlt-interop"
#define HEARTBEAT_TOPIC "dlt-interop.heartbeat"

struct line {
	char *text;
	size_t len;
};

struct dlt_feed {
	void *ctx, *sock;
	char *endpoint;
	pthread_t th;
	pthread_mutex_t mu;
	struct line *hist;
	size_t n, cap;
	size_t sent; /* events sent live (thread only) */
	int closing;
	double linger;
};

char *dlt_feed_endpoint(const char *given, char *err, size_t errlen)
{
	if (given && *given && strspn(given, "0123456789") == strlen(given)) {
		long port = strtol(given, NULL, 10);
		if (port < 1 || port > 65535 || strlen(given) > 5) {
			snprintf(err, errlen, "--events %s: a port is a number from 1 to 65535",
				 given);
			return NULL;
		}
		return dlt_printf("tcp://127.0.0.1:%ld", port);
	}
	if (!given || (strncmp(given, "tcp://", 6) && strncmp(given, "ipc://", 6))) {
		snprintf(err, errlen,
			 "--events %s: give a port (bound on 127.0.0.1) or a ZeroMQ "
			 "endpoint: tcp://HOST:PORT or ipc://PATH",
			 given ? given : "");
		return NULL;
	}
	return dlt_xstrdup(given);
}

static int send_event(void *sock, const char *topic, size_t seq, const char *text, size_t len)
{
	char num[32];
	int n = snprintf(num, sizeof num, "%zu", seq);
	if (zmq_send(sock, topic, strlen(topic), ZMQ_SNDMORE) < 0 ||
	    zmq_send(sock, num, (size_t)n, ZMQ_SNDMORE) < 0 || zmq_send(sock, text, len, 0) < 0)
		return -1;
	return 0;
}

/* Send history[from .. n): the lines' pointers are copied under the mutex (the array may be
 * reallocated by a writer meanwhile; the lines themselves are freed only at close). */
static void send_from(struct dlt_feed *f, size_t from)
{
	pthread_mutex_lock(&f->mu);
	size_t n = f->n;
	struct line *h = n > from ? dlt_xmalloc((n - from) * sizeof *h) : NULL;
	if (h)
		memcpy(h, f->hist + from, (n - from) * sizeof *h);
	pthread_mutex_unlock(&f->mu);
	for (size_t i = from; i < n; i++)
		send_event(f->sock, TOPIC, i, h[i - from].text, h[i - from].len);
	free(h);
	if (n > f->sent)
		f->sent = n;
}

static void *feed_main(void *arg)
{
	struct dlt_feed *f = arg;
	double beat = 0, closing_for = 0;
	for (;;) {
		zmq_pollitem_t it = { f->sock, 0, ZMQ_POLLIN, 0 };
		int rc = zmq_poll(&it, 1, 100);
		int replay = 0;
		while (rc > 0 && (it.revents & ZMQ_POLLIN)) {
			char buf[256];
			int got = zmq_recv(f->sock, buf, sizeof buf, ZMQ_DONTWAIT);
			if (got < 0)
				break;
			if (got > 0 && buf[0] == 1)
				replay = 1; /* a subscription: it gets the whole history */
		}
		/* the history may grow while it is sent: the mutex guards only the array */
		send_from(f, replay ? 0 : f->sent);
		beat += 0.1;
		if (beat >= 1.0) {
			beat = 0;
			send_event(f->sock, HEARTBEAT_TOPIC, f->sent, "", 0);
		}
		pthread_mutex_lock(&f->mu);
		int closing = f->closing;
		double linger = f->linger;
		pthread_mutex_unlock(&f->mu);
		if (closing) {
			if (closing_for >= linger)
				break;
			closing_for += 0.1;
		}
	}
	send_from(f, f->sent);
	return NULL;
}

struct dlt_feed *dlt_feed_open(const char *endpoint, char *err, size_t errlen)
{
	struct dlt_feed *f = dlt_xcalloc(1, sizeof *f);
	f->ctx = zmq_ctx_new();
	f->sock = f->ctx ? zmq_socket(f->ctx, ZMQ_XPUB) : NULL;
	int one = 1, zero = 0;
	if (!f->sock || zmq_setsockopt(f->sock, ZMQ_XPUB_VERBOSE, &one, sizeof one) ||
	    zmq_setsockopt(f->sock, ZMQ_SNDHWM, &zero, sizeof zero) ||
	    zmq_bind(f->sock, endpoint) != 0) {
		snprintf(err, errlen, "--events %s: cannot publish there: %s", endpoint,
			 zmq_strerror(zmq_errno()));
		if (f->sock)
			zmq_close(f->sock);
		if (f->ctx)
			zmq_ctx_term(f->ctx);
		free(f);
		return NULL;
	}
	f->endpoint = dlt_xstrdup(endpoint);
	pthread_mutex_init(&f->mu, NULL);
	f->cap = 256;
	f->hist = dlt_xcalloc(f->cap, sizeof *f->hist);
	if (pthread_create(&f->th, NULL, feed_main, f) != 0) {
		snprintf(err, errlen, "--events %s: cannot start the feed's thread", endpoint);
		zmq_close(f->sock);
		zmq_ctx_term(f->ctx);
		free(f->hist);
		free(f->endpoint);
		free(f);
		return NULL;
	}
	return f;
}

void dlt_feed_publish(struct dlt_feed *f, const char *line, size_t len)
{
	if (!f)
		return;
	char *copy = dlt_xmalloc(len + 1);
	memcpy(copy, line, len);
	copy[len] = 0;
	pthread_mutex_lock(&f->mu);
	if (f->n == f->cap) {
		f->cap *= 2;
		f->hist = dlt_xrealloc(f->hist, f->cap * sizeof *f->hist);
	}
	f->hist[f->n].text = copy;
	f->hist[f->n].len = len;
	f->n++;
	pthread_mutex_unlock(&f->mu);
}

void dlt_feed_publish_json(struct dlt_feed *f, const cJSON *ev)
{
	if (!f)
		return;
	char *line = cJSON_PrintUnformatted(ev);
	if (line) {
		dlt_feed_publish(f, line, strlen(line));
		cJSON_free(line);
	}
}

void dlt_feed_close(struct dlt_feed *f, double linger)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->mu);
	f->closing = 1;
	f->linger = linger;
	pthread_mutex_unlock(&f->mu);
	pthread_join(f->th, NULL);
	int ms = 5000;
	zmq_setsockopt(f->sock, ZMQ_LINGER, &ms, sizeof ms);
	zmq_close(f->sock);
	zmq_ctx_term(f->ctx);
	for (size_t i = 0; i < f->n; i++)
		free(f->hist[i].text);
	free(f->hist);
	free(f->endpoint);
	pthread_mutex_destroy(&f->mu);
	free(f);
}

void dlt_feed_publish_scores(struct dlt_feed *f, const char *dir, const struct dlt_roadmap *rm)
{
	if (!f || !rm)
		return;
	char *path = dlt_printf("%s/results.json", dir);
	char err[512];
	struct dlt_results *res = NULL;
	cJSON *sc = NULL;
	if (dlt_results_load(path, &res, err, sizeof err) == 0)
		sc = dlt_scores_compute(res, rm, err, sizeof err);
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "event", "scores");
	if (sc)
		cJSON_AddItemToObject(ev, "scores", sc);
	else
		cJSON_AddStringToObject(ev, "error", err);
	dlt_json_make_utf8(ev);
	dlt_feed_publish_json(f, ev);
	cJSON_Delete(ev);
	dlt_results_free(res);
	free(path);
}
