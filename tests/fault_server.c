/*
 * fault_server.c: a JSON-RPC over HTTP server that misbehaves on purpose, for
 * tests/integration/faults.sh (docs/reliability.md, "Node answers"). It listens on a loopback
 * port, prints the port on stdout, and answers each POST according to the request's JSON-RPC
 * method name: fault_* methods misbehave (table below; fault_queue answers one request at a
 * time, 200 ms each, for node:load), the few eth_/net_/web3_ methods the
 * runner calls to attach to a target answer like a healthy dev chain, and fault_stop answers and
 * then exits (the stop call of a launched fault server).
 *
 * One thread, poll() over every open connection, non-blocking sockets: a hung or dripping
 * answer on one connection never holds up another, keep-alive connections are served request
 * after request, and huge bodies are generated piece by piece (never held in memory).
 *
 * usage: fault_server [--port N] [--huge BYTES] [--log FILE]
 *   --port   port to listen on (default: any free one)
 *   --huge   size of the huge answers (default 200 MiB)
 *   --log    append one line per request ("METHOD") to FILE, flushed
 * It stops on SIGTERM/SIGINT and when its parent exits.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 64
#define IN_MAX (1 << 20)
#define PIECE 65536

/* One answer is written as up to four segments: headers, then body prefix, filler ('a'
 * repeated, generated), body suffix; with chunked transfer encoding every body piece is framed
 * as a chunk. */
struct seg {
	char *data; /* owned; NULL for the filler */
	unsigned long long len;
};

struct conn {
	int fd;
	char *in;
	size_t inlen;
	int busy; /* answering (or hanging on) a request */
	int hang;
	struct seg seg[4];
	int seg_i;
	unsigned long long seg_off;
	int chunked, ended;
	char buf[PIECE + 64];
	size_t buf_len, buf_off;
	long drip_ms; /* > 0: write drip_bytes every drip_ms once drip_from is written */
	size_t drip_bytes;
	unsigned long long drip_from, written;
	long long next_ms;
	int close_after, reset_after;
	int exit_after; /* fault_stop: the server exits once this answer is written */
};

static struct conn conns[MAX_CONNS];
static unsigned long long huge_bytes = 200ull << 20;
static FILE *request_log;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p) {
		perror("fault_server");
		exit(1);
	}
	return p;
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0) {
		perror("fault_server");
		exit(1);
	}
	va_end(ap);
	return s;
}

static void reset_answer(struct conn *c)
{
	for (int i = 0; i < 4; i++) {
		free(c->seg[i].data);
		c->seg[i].data = NULL;
		c->seg[i].len = 0;
	}
	c->busy = c->hang = c->chunked = c->ended = 0;
	c->seg_i = 0;
	c->seg_off = 0;
	c->buf_len = c->buf_off = 0;
	c->drip_ms = 0;
	c->drip_bytes = 0;
	c->drip_from = c->written = 0;
	c->next_ms = 0;
	c->close_after = c->reset_after = c->exit_after = 0;
}

static void drop(struct conn *c, int rst)
{
	if (rst) {
		struct linger l = { 1, 0 };
		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
	}
	close(c->fd);
	reset_answer(c);
	free(c->in);
	c->in = NULL;
	c->inlen = 0;
	c->fd = -1;
}

/* Set up an answer: status line, content type, body = prefix + fill x 'a' + suffix.
 * extra: bytes promised in Content-Length but never sent. */
static void answer(struct conn *c, const char *status, const char *ctype, char *prefix,
		   unsigned long long fill, char *suffix, int chunked, unsigned long long extra)
{
	unsigned long long plen = prefix ? strlen(prefix) : 0, slen = suffix ? strlen(suffix) : 0;
	char *head;
	if (chunked)
		head = xprintf(
			"HTTP/1.1 %s\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n",
			status, ctype);
	else
		head = xprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %llu\r\n\r\n",
			       status, ctype, plen + fill + slen + extra);
	c->busy = 1;
	c->chunked = chunked;
	c->seg[0].data = head;
	c->seg[0].len = strlen(head);
	c->seg[1].data = prefix;
	c->seg[1].len = plen;
	c->seg[2].data = NULL;
	c->seg[2].len = fill;
	c->seg[3].data = suffix;
	c->seg[3].len = slen;
}

static void answer_json(struct conn *c, char *body)
{
	answer(c, "200 OK", "application/json", body, 0, NULL, 0, 0);
}

/* {"jsonrpc":"2.0","id":ID,"result":RESULT} */
static char *envelope(const char *id, const char *result)
{
	return xprintf("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":%s}", id, result);
}

/* Fill c->buf with the next piece to write; 0 when the answer is complete. */
static int next_piece(struct conn *c)
{
	while (c->seg_i < 4) {
		struct seg *s = &c->seg[c->seg_i];
		unsigned long long left = s->len - c->seg_off;
		if (left == 0) {
			c->seg_i++;
			c->seg_off = 0;
			continue;
		}
		size_t k = left < PIECE ? (size_t)left : PIECE;
		int framed = c->chunked && c->seg_i > 0;
		size_t pos = 0;
		if (framed)
			pos += (size_t)sprintf(c->buf, "%zx\r\n", k);
		if (s->data)
			memcpy(c->buf + pos, s->data + c->seg_off, k);
		else
			memset(c->buf + pos, 'a', k);
		pos += k;
		if (framed) {
			memcpy(c->buf + pos, "\r\n", 2);
			pos += 2;
		}
		c->seg_off += k;
		c->buf_len = pos;
		c->buf_off = 0;
		return 1;
	}
	if (c->chunked && !c->ended) {
		c->ended = 1;
		memcpy(c->buf, "0\r\n\r\n", 5);
		c->buf_len = 5;
		c->buf_off = 0;
		return 1;
	}
	return 0;
}

static const char *const block0 =
	"{\"number\":\"0x0\",\"hash\":\"0x1111111111111111111111111111111111111111111111111111111111111111\","
	"\"parentHash\":\"0x0000000000000000000000000000000000000000000000000000000000000000\","
	"\"timestamp\":\"0x0\",\"transactions\":[],\"gasLimit\":\"0x1c9c380\",\"gasUsed\":\"0x0\","
	"\"miner\":\"0x0000000000000000000000000000000000000000\",\"extraData\":\"0x\"}";

/* Answer one request according to its method (see the file comment). */
static void handle(struct conn *c, const char *body, size_t len)
{
	cJSON *req = cJSON_ParseWithLength(body, len);
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(req, "method");
	const cJSON *idv = cJSON_GetObjectItemCaseSensitive(req, "id");
	const char *method = cJSON_IsString(m) ? m->valuestring : "";
	char *id = idv ? cJSON_PrintUnformatted(idv) : xstrdup("null");
	if (request_log) {
		fprintf(request_log, "%s\n", cJSON_IsArray(req) ? "(batch)" : method);
		fflush(request_log);
	}
	if (!req || !cJSON_IsObject(req)) {
		answer(c, "400 Bad Request", "application/json",
		       xstrdup("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
			       "\"message\":\"one request object per POST\"}}"),
		       0, NULL, 0, 0);
	} else if (!strcmp(method, "eth_chainId")) {
		answer_json(c, envelope(id, "\"0x539\""));
	} else if (!strcmp(method, "net_version")) {
		answer_json(c, envelope(id, "\"1337\""));
	} else if (!strcmp(method, "web3_clientVersion")) {
		answer_json(c, envelope(id, "\"dlt-fault-server/1.0\""));
	} else if (!strcmp(method, "eth_blockNumber")) {
		answer_json(c, envelope(id, "\"0x0\""));
	} else if (!strcmp(method, "eth_getBlockByNumber") ||
		   !strcmp(method, "eth_getBlockByHash")) {
		answer_json(c, envelope(id, block0));
	} else if (!strcmp(method, "fault_stop")) {
		answer_json(c, envelope(id, "null"));
		c->exit_after = 1;
	} else if (!strcmp(method, "fault_ok")) {
		answer_json(c, envelope(id, "\"ok\""));
	} else if (!strcmp(method, "fault_malformed")) {
		answer_json(c, xprintf("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":[1,2,}", id));
	} else if (!strcmp(method, "fault_truncated")) {
		answer(c, "200 OK", "application/json", envelope(id, "\"the end is missing\""), 0,
		       NULL, 0, 100);
		c->close_after = 1;
	} else if (!strcmp(method, "fault_huge") || !strcmp(method, "fault_huge_length")) {
		answer(c, "200 OK", "application/json",
		       xprintf("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":\"", id), huge_bytes,
		       xstrdup("\"}"), !strcmp(method, "fault_huge"), 0);
	} else if (!strcmp(method, "fault_deep")) {
		size_t depth = 100000;
		char *r = malloc(2 * depth + 1);
		if (!r)
			exit(1);
		memset(r, '[', depth);
		memset(r + depth, ']', depth);
		r[2 * depth] = '\0';
		answer_json(c, envelope(id, r));
		free(r);
	} else if (!strcmp(method, "fault_wrong_id")) {
		double other = cJSON_IsNumber(idv) ? idv->valuedouble + 1000 : 424242;
		answer_json(c,
			    xprintf("{\"jsonrpc\":\"2.0\",\"id\":%.0f,\"result\":\"ok\"}", other));
	} else if (!strcmp(method, "fault_missing_id")) {
		answer_json(c, xstrdup("{\"jsonrpc\":\"2.0\",\"result\":\"ok\"}"));
	} else if (!strcmp(method, "fault_null_id")) {
		answer_json(c, xstrdup("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":\"ok\"}"));
	} else if (!strcmp(method, "fault_wrong_version")) {
		answer_json(c, xprintf("{\"jsonrpc\":\"1.0\",\"id\":%s,\"result\":\"ok\"}", id));
	} else if (!strcmp(method, "fault_drip") || !strcmp(method, "fault_slow_headers")) {
		answer_json(c, envelope(id, "\"dripped, one byte every half second\""));
		c->drip_ms = 500;
		c->drip_bytes = 1;
		c->drip_from = !strcmp(method, "fault_drip") ? c->seg[0].len : 0;
	} else if (!strcmp(method, "fault_queue")) {
		/* one answer at a time, 200 ms each, whatever the connection: requests queue
		 * behind each other as on a node that serializes them (tests/integration/perf.sh) */
		static long long queue_free;
		long long now = now_ms();
		queue_free = (queue_free > now ? queue_free : now) + 200;
		answer_json(c, envelope(id, "\"queued\""));
		c->next_ms = queue_free;
	} else if (!strcmp(method, "fault_hang")) {
		c->busy = 1;
		c->hang = 1;
	} else if (!strcmp(method, "fault_reset")) {
		c->reset_after = 1;
		c->busy = 1;
	} else if (!strcmp(method, "fault_bad_utf8")) {
		answer_json(c, envelope(id, "\"ok \xff\xfe \xc3( \xed\xa0\x80\""));
	} else if (!strcmp(method, "fault_nul")) {
		answer_json(c, envelope(id, "\"a\\u0000b\""));
	} else if (!strcmp(method, "fault_html500")) {
		answer(c, "500 Internal Server Error", "text/html",
		       xstrdup("<html><head><title>500 Internal Server Error</title></head><body>"
			       "<h1>Internal Server Error</h1></body></html>"),
		       0, NULL, 0, 0);
	} else if (!strcmp(method, "fault_huge_error")) {
		/* 5 MiB: under the default --max-response, so the transport reads it whole */
		answer(c, "200 OK", "application/json",
		       xprintf("{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":-32000,"
			       "\"message\":\"",
			       id),
		       5ull << 20, xstrdup("\",\"data\":\"0x\"}}"), 0, 0);
	} else if (!strcmp(method, "fault_content_type")) {
		answer(c, "200 OK", "text/plain", envelope(id, "\"ok\""), 0, NULL, 0, 0);
	} else {
		answer_json(c, xprintf("{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":-32601,"
				       "\"message\":\"the method %.100s does not exist\"}}",
				       id, method));
	}
	free(id);
	cJSON_Delete(req);
}

/* Take the next complete request out of c->in, if there is one, and start its answer. */
static void next_request(struct conn *c)
{
	if (c->busy || c->fd < 0)
		return;
	char *end = memmem(c->in, c->inlen, "\r\n\r\n", 4);
	if (!end)
		return;
	size_t head = (size_t)(end - c->in) + 4;
	size_t clen = 0;
	for (char *p = c->in; p && p < end; p = memchr(p, '\n', (size_t)(end - p))) {
		if (*p == '\n')
			p++;
		if (strncasecmp(p, "content-length:", 15) == 0)
			clen = strtoul(p + 15, NULL, 10);
	}
	if (clen > IN_MAX - head) {
		drop(c, 0);
		return;
	}
	if (c->inlen < head + clen)
		return;
	handle(c, c->in + head, clen);
	memmove(c->in, c->in + head + clen, c->inlen - head - clen);
	c->inlen -= head + clen;
	if (c->reset_after)
		drop(c, 1);
}

static void on_readable(struct conn *c)
{
	if (c->inlen == IN_MAX) {
		drop(c, 0);
		return;
	}
	ssize_t n = recv(c->fd, c->in + c->inlen, IN_MAX - c->inlen, 0);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		drop(c, 0);
		return;
	}
	if (n > 0)
		c->inlen += (size_t)n;
	next_request(c);
}

static void on_writable(struct conn *c)
{
	if (c->buf_off == c->buf_len && !next_piece(c)) {
		if (c->exit_after)
			exit(0);
		int close_after = c->close_after;
		reset_answer(c);
		if (close_after)
			drop(c, 0);
		else
			next_request(c);
		return;
	}
	size_t k = c->buf_len - c->buf_off;
	if (c->drip_ms > 0 && c->written >= c->drip_from && k > c->drip_bytes)
		k = c->drip_bytes;
	ssize_t n = send(c->fd, c->buf + c->buf_off, k, MSG_NOSIGNAL);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			drop(c, 0);
		return;
	}
	c->buf_off += (size_t)n;
	c->written += (unsigned long long)n;
	if (c->drip_ms > 0 && c->written >= c->drip_from)
		c->next_ms = now_ms() + c->drip_ms;
}

static int wants_write(const struct conn *c)
{
	return c->busy && !c->hang && !c->reset_after;
}

int main(int argc, char **argv)
{
	int port = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--port") && i + 1 < argc)
			port = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--huge") && i + 1 < argc)
			huge_bytes = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--log") && i + 1 < argc) {
			request_log = fopen(argv[++i], "a");
			if (!request_log) {
				perror(argv[i]);
				return 2;
			}
		} else {
			fprintf(stderr,
				"usage: fault_server [--port N] [--huge BYTES] [--log FILE]\n");
			return 2;
		}
	}
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	signal(SIGPIPE, SIG_IGN);
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)port);
	socklen_t alen = sizeof a;
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 16) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&a, &alen) != 0) {
		perror("fault_server: listen");
		return 1;
	}
	fcntl(lfd, F_SETFL, O_NONBLOCK);
	printf("%d\n", ntohs(a.sin_port));
	fflush(stdout);
	for (int i = 0; i < MAX_CONNS; i++)
		conns[i].fd = -1;
	for (;;) {
		struct pollfd p[MAX_CONNS + 1];
		int who[MAX_CONNS + 1];
		int n = 0, timeout = -1, used = 0;
		long long now = now_ms();
		for (int i = 0; i < MAX_CONNS; i++) {
			struct conn *c = &conns[i];
			if (c->fd < 0)
				continue;
			used++;
			short ev = POLLIN;
			if (wants_write(c)) {
				if (c->next_ms > now) {
					int wait = (int)(c->next_ms - now);
					if (timeout < 0 || wait < timeout)
						timeout = wait;
				} else
					ev |= POLLOUT;
			}
			p[n].fd = c->fd;
			p[n].events = ev;
			p[n].revents = 0;
			who[n++] = i;
		}
		if (used < MAX_CONNS) {
			p[n].fd = lfd;
			p[n].events = POLLIN;
			p[n].revents = 0;
			who[n++] = -1;
		}
		if (poll(p, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			perror("fault_server: poll");
			return 1;
		}
		for (int k = 0; k < n; k++) {
			if (who[k] < 0) {
				if (!(p[k].revents & POLLIN))
					continue;
				int fd = accept(lfd, NULL, NULL);
				if (fd < 0)
					continue;
				fcntl(fd, F_SETFL, O_NONBLOCK);
				for (int i = 0; i < MAX_CONNS; i++) {
					if (conns[i].fd < 0) {
						memset(&conns[i], 0, sizeof conns[i]);
						conns[i].fd = fd;
						conns[i].in = malloc(IN_MAX);
						if (!conns[i].in)
							return 1;
						fd = -1;
						break;
					}
				}
				if (fd >= 0)
					close(fd);
				continue;
			}
			struct conn *c = &conns[who[k]];
			if (c->fd < 0)
				continue;
			if (p[k].revents & (POLLIN | POLLHUP | POLLERR))
				on_readable(c);
			if (c->fd >= 0 && (p[k].revents & POLLOUT))
				on_writable(c);
		}
	}
}
