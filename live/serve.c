/*
 * serve.c: `dlt-interop serve ENDPOINT...` (docs/live.md): the live board of runs publishing
 * their events as a web page, served by libmicrohttpd on 127.0.0.1 (--bind to change it).
 *   GET /            the page (live/page.html, compiled in): it opens /events
 *   GET /events      server-sent events: the board as JSON (live/board.h), a message per
 *                    change, a comment every 10 s to keep the connection alive
 *   GET /state.json  the board now
 *   GET /report/N    the HTML report of run N (reports/report_html.c) once it has ended,
 *                    rebuilt from its events; 404 before
 * The main thread subscribes to the runs (live/sub.h) and updates the board under a mutex;
 * each connection has its own thread (MHD_USE_THREAD_PER_CONNECTION), so an event stream can
 * wait on a condition variable for the next change. It serves until SIGINT or SIGTERM; the exit
 * status is then that of the runs (as watch's).
 */
#include "live/live.h"
#include "live/board.h"
#include "live/sub.h"
#include "model/results.h"
#include "model/roadmap.h"
#include "model/scores.h"
#include "reports/report.h"
#include "reports/cmdline.h"
#include "common/buf.h"
#include "common/mem.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

extern const char dlt_live_page_html[];

static volatile sig_atomic_t serve_stop;

static void on_signal(int sig)
{
	(void)sig;
	serve_stop = 1;
}

static const char SERVE_USAGE[] =
	"usage: dlt-interop serve [OPTIONS] ENDPOINT...\n"
	"\n"
	"Show runs started with 'dlt-interop run --events ENDPOINT' live as a web page: per\n"
	"run, its targets x roadmap areas, done/planned, the latest results that did not pass,\n"
	"updated by server-sent events; each run's HTML report once it has ended (/report/N).\n"
	"ENDPOINT: a port (127.0.0.1) or tcp://HOST:PORT or ipc://PATH. Serves until Ctrl-C\n"
	"(SIGINT) or SIGTERM; prints its address on stderr.\n"
	"\n"
	"      --port N      the HTTP port (default 8480; 0: any free port)\n"
	"      --bind ADDR   the IPv4 address to listen on (default 127.0.0.1: this machine\n"
	"                    only; 0.0.0.0 for every interface)\n"
	"      --lost S      a run heard from and then silent for S seconds is lost (default 30)\n"
	"  -h, --help        this text\n"
	"\n"
	"exit status: 0 every run ended and passed, 1 a result did not pass, a run was\n"
	"interrupted or lost, or not every run had ended; 2 usage error, an endpoint that cannot\n"
	"be subscribed to, or an address that cannot be listened on\n";

struct serve {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct dlt_board *board;
	const struct dlt_roadmap *rm;
	char *state; /* the board as JSON, version `version` */
	unsigned long version;
	int stopping;
};

/* Called with s->mu held. */
static void refresh(struct serve *s)
{
	cJSON *j = dlt_board_json(s->board);
	free(s->state);
	s->state = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	s->version++;
	pthread_cond_broadcast(&s->cv);
}

struct stream {
	struct serve *s;
	unsigned long sent;
	char *pending;
	size_t off, len;
};

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	struct stream *st = cls;
	struct serve *s = st->s;
	if (st->off == st->len) {
		free(st->pending);
		st->pending = NULL;
		st->off = st->len = 0;
		pthread_mutex_lock(&s->mu);
		if (st->sent == s->version && !s->stopping) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += 10;
			pthread_cond_timedwait(&s->cv, &s->mu, &ts);
		}
		if (s->stopping) {
			pthread_mutex_unlock(&s->mu);
			return MHD_CONTENT_READER_END_OF_STREAM;
		}
		if (st->sent != s->version && s->state) {
			st->pending = dlt_printf("data: %s\n\n", s->state);
			st->sent = s->version;
		} else {
			st->pending = dlt_xstrdup(": keep-alive\n\n");
		}
		pthread_mutex_unlock(&s->mu);
		st->len = strlen(st->pending);
	}
	size_t n = st->len - st->off < max ? st->len - st->off : max;
	memcpy(buf, st->pending + st->off, n);
	st->off += n;
	return (ssize_t)n;
}

static void stream_free(void *cls)
{
	struct stream *st = cls;
	free(st->pending);
	free(st);
}

static enum MHD_Result answer(struct MHD_Connection *c, unsigned status, const char *type,
			      char *body, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result text(struct MHD_Connection *c, unsigned status, const char *msg)
{
	char *body = dlt_xstrdup(msg);
	return answer(c, status, "text/plain; charset=utf-8", body, strlen(body));
}

/* The report of run n (1-based), or an error text with *status. Called with s->mu held. */
static char *report_of(struct serve *s, long n, unsigned *status)
{
	*status = 404;
	if (n < 1 || (size_t)n > dlt_board_count(s->board))
		return dlt_printf("no run %ld: runs are numbered from 1 to %zu\n", n,
				  dlt_board_count(s->board));
	cJSON *state = dlt_board_json(s->board);
	const cJSON *run =
		cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(state, "runs"), (int)n - 1);
	const char *st = dlt_json_str(run, "state");
	int ended = st && !strcmp(st, "finished");
	cJSON_Delete(state);
	if (!ended)
		return dlt_printf("run %ld has not ended yet: its report comes when it has\n", n);
	if (!s->rm) {
		*status = 500;
		return dlt_xstrdup("no roadmap: the report cannot be scored\n");
	}
	char err[1024], *source = dlt_printf("run %ld", n);
	struct dlt_results *res = NULL;
	cJSON *doc = dlt_board_results(s->board, (size_t)n - 1), *sc = NULL;
	char *out = NULL;
	if (dlt_results_from_json(doc, source, &res, err, sizeof err) == 0 &&
	    (sc = dlt_scores_compute(res, s->rm, err, sizeof err)) != NULL) {
		struct dlt_buf b;
		dlt_buf_init(&b);
		dlt_report_html(&b, res, s->rm, sc);
		out = dlt_buf_take(&b);
		*status = 200;
	} else {
		*status = 500;
		out = dlt_printf("the report of run %ld cannot be made: %s\n", n, err);
	}
	cJSON_Delete(sc);
	dlt_results_free(res);
	free(source);
	return out;
}

/* The page with the board as it is now in place of its BOARD comment, in a script element
 * of type application/json: every '<' of the JSON written \u003c, so no text from a run can
 * close the element. */
static char *page_with_board(struct serve *s)
{
	static const char mark[] = "<!--BOARD-->";
	const char *at = strstr(dlt_live_page_html, mark);
	struct dlt_buf b;
	dlt_buf_init(&b);
	if (!at)
		return dlt_xstrdup(dlt_live_page_html);
	dlt_buf_append(&b, dlt_live_page_html, (size_t)(at - dlt_live_page_html));
	dlt_buf_puts(&b, "<script type=\"application/json\" id=\"board\">");
	pthread_mutex_lock(&s->mu);
	for (const char *p = s->state ? s->state : "{}"; *p; p++) {
		if (*p == '<')
			dlt_buf_puts(&b, "\\u003c");
		else
			dlt_buf_append(&b, p, 1);
	}
	pthread_mutex_unlock(&s->mu);
	dlt_buf_puts(&b, "</script>");
	dlt_buf_puts(&b, at + sizeof mark - 1);
	return dlt_buf_take(&b);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	(void)version;
	(void)upload;
	(void)upload_size;
	(void)con_cls;
	struct serve *s = cls;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return text(c, 405, "only GET\n");
	if (!strcmp(url, "/")) {
		char *page = page_with_board(s);
		return answer(c, 200, "text/html; charset=utf-8", page, strlen(page));
	}
	if (!strcmp(url, "/state.json")) {
		pthread_mutex_lock(&s->mu);
		char *body = dlt_xstrdup(s->state ? s->state : "{}");
		pthread_mutex_unlock(&s->mu);
		return answer(c, 200, "application/json", body, strlen(body));
	}
	if (!strcmp(url, "/events")) {
		struct stream *st = dlt_xcalloc(1, sizeof *st);
		st->s = s;
		struct MHD_Response *r = MHD_create_response_from_callback(
			MHD_SIZE_UNKNOWN, 4096, stream_read, st, stream_free);
		MHD_add_response_header(r, "Content-Type", "text/event-stream");
		MHD_add_response_header(r, "Cache-Control", "no-store");
		enum MHD_Result ret = MHD_queue_response(c, 200, r);
		MHD_destroy_response(r);
		return ret;
	}
	if (!strncmp(url, "/report/", 8)) {
		char *end;
		long n = strtol(url + 8, &end, 10);
		unsigned status;
		if (*end || end == url + 8)
			n = -1;
		pthread_mutex_lock(&s->mu);
		char *body = report_of(s, n, &status);
		pthread_mutex_unlock(&s->mu);
		return answer(c, status,
			      status == 200 ? "text/html; charset=utf-8"
					    : "text/plain; charset=utf-8",
			      body, strlen(body));
	}
	return text(c, 404, "not found: see / for the live view\n");
}

static void on_event(void *arg, size_t runner, const char *line, size_t len)
{
	struct serve *s = arg;
	pthread_mutex_lock(&s->mu);
	dlt_board_event(s->board, runner, line, len);
	refresh(s);
	pthread_mutex_unlock(&s->mu);
}

int dlt_cmd_serve(int argc, char **argv, const char *roadmap)
{
	static const struct option longopts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "bind", required_argument, NULL, 'b' },
		{ "lost", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	long port = 8480;
	const char *bind_addr = "127.0.0.1";
	double lost = 30;
	dlt_cmd_getopt_start();
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'p':
			port = strtol(optarg, &end, 10);
			if (end == optarg || *end || port < 0 || port > 65535) {
				fprintf(stderr,
					"dlt-interop serve: --port %s: a number from 0 to 65535\n",
					optarg);
				return 2;
			}
			break;
		case 'b': bind_addr = optarg; break;
		case 'l':
			lost = strtod(optarg, &end);
			if (end == optarg || *end || !isfinite(lost) || lost <= 0 || lost > 86400) {
				fprintf(stderr,
					"dlt-interop serve: --lost %s: a number of seconds from 0 "
					"to 86400\n",
					optarg);
				return 2;
			}
			break;
		case 'h': fputs(SERVE_USAGE, stdout); return 0;
		default:
			dlt_cmd_option_error("serve", c, argv);
			fputs(SERVE_USAGE, stderr);
			return 2;
		}
	}
	int n = argc - optind;
	if (n < 1) {
		fprintf(stderr, "dlt-interop serve: no endpoint given\n%s", SERVE_USAGE);
		return 2;
	}
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, bind_addr, &sa.sin_addr) != 1) {
		fprintf(stderr,
			"dlt-interop serve: --bind %s: an IPv4 address (127.0.0.1, 0.0.0.0)\n",
			bind_addr);
		return 2;
	}
	char err[512];
	char **eps = dlt_xcalloc((size_t)n + 1, sizeof *eps);
	int code = 2;
	struct dlt_sub *sub = NULL;
	struct dlt_roadmap *rm = NULL;
	struct MHD_Daemon *d = NULL;
	struct serve s;
	memset(&s, 0, sizeof s);
	pthread_mutex_init(&s.mu, NULL);
	pthread_cond_init(&s.cv, NULL);
	for (int i = 0; i < n; i++)
		if (!(eps[i] = dlt_sub_endpoint(argv[optind + i], err, sizeof err))) {
			fprintf(stderr, "dlt-interop serve: %s\n", err);
			goto out;
		}
	if (!(sub = dlt_sub_open(eps, (size_t)n, err, sizeof err))) {
		fprintf(stderr, "dlt-interop serve: %s\n", err);
		goto out;
	}
	if (roadmap && dlt_roadmap_load(roadmap, &rm, err, sizeof err) != 0) {
		fprintf(stderr, "dlt-interop serve: warning: %s: reports cannot be scored\n", err);
		rm = NULL;
	}
	s.rm = rm;
	s.board = dlt_board_new(eps, (size_t)n, rm);
	pthread_mutex_lock(&s.mu);
	refresh(&s);
	pthread_mutex_unlock(&s.mu);
	d = MHD_start_daemon(
		MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG,
		0, NULL, NULL, handle, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)0, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "dlt-interop serve: cannot listen on %s:%ld: %s\n", bind_addr, port,
			errno ? strerror(errno) : "libmicrohttpd refused");
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(stderr, "dlt-interop serve: http://%s:%u/ (Ctrl-C to stop)\n", bind_addr,
		info ? info->port : (unsigned)port);
	struct sigaction act;
	memset(&act, 0, sizeof act);
	act.sa_handler = on_signal;
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	int announced = 0;
	while (!serve_stop) {
		if (dlt_sub_poll(sub, 200, on_event, &s) < 0)
			continue;
		pthread_mutex_lock(&s.mu);
		for (int i = 0; i < n; i++)
			if (dlt_sub_silence(sub, (size_t)i) > lost) {
				dlt_board_lost(s.board, (size_t)i);
				refresh(&s);
			}
		int done = dlt_board_done(s.board);
		pthread_mutex_unlock(&s.mu);
		if (done && !announced) {
			fprintf(stderr,
				"dlt-interop serve: every run has ended; the reports are at "
				"/report/1 .. /report/%d\n",
				n);
			announced = 1;
		}
	}
	pthread_mutex_lock(&s.mu);
	s.stopping = 1;
	pthread_cond_broadcast(&s.cv);
	code = dlt_board_done(s.board) ? dlt_board_summary(s.board, stderr, 0, "serve") : 1;
	pthread_mutex_unlock(&s.mu);
out:
	if (d)
		MHD_stop_daemon(d);
	dlt_board_free(s.board);
	free(s.state);
	dlt_roadmap_free(rm);
	dlt_sub_close(sub);
	for (int i = 0; i < n; i++)
		free(eps[i]);
	free(eps);
	pthread_mutex_destroy(&s.mu);
	pthread_cond_destroy(&s.cv);
	return code;
}
