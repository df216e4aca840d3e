/*
 * zmq_sub.h: a ZeroMQ SUB socket that waits for a node's publications with a deadline.
 * Used by the bitcoin adapter (Bitcoin Core's zmqpubhashblock: frames topic, 32-byte hash,
 * 4-byte sequence) and the monero adapter (monerod --zmq-pub: one frame "topic:json").
 * A subscription belongs to one thread, like the adapter connection that made it.
 *
 * What a publisher sends is untrusted: a message frame larger than the subscription's limit
 * (--max-response) makes libzmq drop the connection (ZMQ_MAXMSGSIZE), which the subscription
 * notices through its socket monitor and reports as an error; at most DLT_ZMQ_QUEUE messages wait
 * unread (ZMQ_RCVHWM). A wait ends within about DLT_ZMQ_SLICE_MS once the abort flag
 * (abort_flag.h) is raised.
 */
#ifndef DLT_ZMQ_SUB_H
#define DLT_ZMQ_SUB_H

#include <stddef.h>
#include "adapters/adapter.h"

#define DLT_ZMQ_MAX_FRAMES 4
#define DLT_ZMQ_QUEUE 128
#define DLT_ZMQ_SLICE_MS 250

struct dlt_zmq_msg {
	int nframes;
	unsigned char *frame[DLT_ZMQ_MAX_FRAMES]; /* each NUL-terminated (not counted in size) */
	size_t size[DLT_ZMQ_MAX_FRAMES];
};
void dlt_zmq_msg_free(struct dlt_zmq_msg *m);
/* Read one event of a socket monitor (zmq_socket_monitor: a frame with the event number and
 * value, then one with the endpoint). Returns the event number, 0 when none could be read
 * (flags: 0 or ZMQ_DONTWAIT). Also used by the external adapter (adapters/external/). */
unsigned short dlt_zmq_monitor_event(void *mon, int flags);

struct dlt_zmq_sub;

/* Connect a SUB socket to endpoint ("tcp://127.0.0.1:28332") and subscribe to each prefix in
 * the NULL-terminated list (NULL list: everything). Waits up to connect_ms for the handshake
 * so that a publication made right after this returns is not missed. max_msg: the largest
 * message frame accepted, in bytes (0: DLT_MAX_RESPONSE_DEFAULT). */
int dlt_zmq_sub_open(const char *endpoint, const char *const *prefixes, long connect_ms,
		     size_t max_msg, struct dlt_zmq_sub **out, struct dlt_err *err);
/* Wait up to timeout_ms for one message (all its frames). Returns 0 with m->nframes > 0, 0
 * with m->nframes == 0 when nothing came in time, DLT_E_TRANSPORT when the connection to the
 * publisher was lost (a frame over max_msg, or the publisher went away) and nothing is left
 * to read, DLT_E_INTERRUPTED when the abort flag was raised, or another DLT_E_* code. */
int dlt_zmq_sub_recv(struct dlt_zmq_sub *s, long timeout_ms, struct dlt_zmq_msg *m,
		     struct dlt_err *err);
/* The same, waiting until deadline_ms (dlt_now_ms of common/clock.h) at the latest. */
int dlt_zmq_sub_recv_until(struct dlt_zmq_sub *s, long long deadline_ms, struct dlt_zmq_msg *m,
			   struct dlt_err *err);
void dlt_zmq_sub_close(struct dlt_zmq_sub *s);

#endif
