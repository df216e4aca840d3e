/*
 * sub.h: subscribing to the live feeds of one or more runs (runner/feed.h, docs/live.md). One
 * ZeroMQ SUB socket per endpoint, so every event is known to come from its runner. Events are
 * handed over in each runner's order, every one once: a message whose number is not the one
 * expected next is dropped (a duplicate from a replay), and one beyond it (or a heartbeat
 * counting more events than were received) asks the runner to publish its history again, by a
 * new subscription (the feed replays on every subscription it sees).
 */
#ifndef DLT_LIVE_SUB_H
#define DLT_LIVE_SUB_H

#include <stddef.h>

struct dlt_sub;

/* An endpoint as given to watch or serve: a port number (127.0.0.1) or a ZeroMQ endpoint
 * (tcp://HOST:PORT, ipc://PATH); malloc'd, or NULL with err. */
char *dlt_sub_endpoint(const char *given, char *err, size_t errlen);
/* Connect to n endpoints (as dlt_sub_endpoint returns them); NULL with err naming the one
 * that failed. */
struct dlt_sub *dlt_sub_open(char *const *endpoints, size_t n, char *err, size_t errlen);
/* Wait up to timeout_ms for messages and hand every new event, in order, to fn (runner: the
 * index of its endpoint; line: its JSON text, len bytes, not NUL-terminated). Returns the count
 * of events handed over, or -1 when interrupted by a signal. */
typedef void (*dlt_sub_fn)(void *ctx, size_t runner, const char *line, size_t len);
int dlt_sub_poll(struct dlt_sub *s, int timeout_ms, dlt_sub_fn fn, void *ctx);
/* Seconds since the last message (event or heartbeat) from a runner; -1 when none yet. */
double dlt_sub_silence(const struct dlt_sub *s, size_t runner);
void dlt_sub_close(struct dlt_sub *s);

#endif
