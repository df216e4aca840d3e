/*
 * feed.h: the live feed of a run (`run --events ENDPOINT`, docs/live.md): every event written
 * to events.jsonl (run_start with the plan, each result, run_end, resume), then the scores, is
 * published on a ZeroMQ XPUB socket as it happens. A message is three frames: the topic
 * "dlt-interop", the event's sequence number (decimal, from 0) and the event's JSON line. A
 * heartbeat ("dlt-interop.heartbeat", the count of events so far, "") goes out every second.
 * Late subscribers (ZeroMQ's slow joiner) lose nothing: every new subscription makes the feed
 * publish the whole history again from 0, and subscribers keep only the event whose number is
 * the one they expect next, so duplicates are dropped and the order is that of events.jsonl.
 */
#ifndef DLT_FEED_H
#define DLT_FEED_H

#include <stddef.h>
#include <cjson/cJSON.h>

struct dlt_feed;

/* The endpoint as given to --events: a port number (bound on 127.0.0.1: loopback by default)
 * or a ZeroMQ endpoint (tcp://HOST:PORT, ipc://PATH). Malloc'd, or NULL with err. */
char *dlt_feed_endpoint(const char *given, char *err, size_t errlen);
/* Bind the feed on the endpoint; NULL with err naming the endpoint and the error. */
struct dlt_feed *dlt_feed_open(const char *endpoint, char *err, size_t errlen);
/* Publish one event line (len bytes, no newline): copied, sent by the feed's thread. */
void dlt_feed_publish(struct dlt_feed *f, const char *line, size_t len);
/* Publish a JSON event (not taken over). */
void dlt_feed_publish_json(struct dlt_feed *f, const cJSON *ev);
/* The last event of a run on the feed (not in events.jsonl): {"event":"scores","scores":..}
 * as `report --format json` computes them from DIR/results.json, or {"event":"scores",
 * "error":..} when it cannot be scored. Nothing without a roadmap. */
struct dlt_roadmap;
void dlt_feed_publish_scores(struct dlt_feed *f, const char *dir, const struct dlt_roadmap *rm);
/* Send what is queued, keep answering new subscriptions for linger seconds, then close
 * (queued messages are flushed for up to 5 s). */
void dlt_feed_close(struct dlt_feed *f, double linger);

#endif
