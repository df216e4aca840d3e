/*
 * watch.c: `dlt-interop watch ENDPOINT...` (docs/live.md): subscribes to the live feeds of one
 * or more runs and shows the live board (live/board.h) on the terminal, redrawn in place at
 * most five times a second when something changed; not on a terminal, the board is printed
 * when a run starts or ends. It exits when every run has ended (run_end, or no heartbeat for
 * --lost S seconds once it was heard), with the combined summary. --raw prints every event line
 * as received instead (in each run's order, none twice), for scripts and tests.
 */
#define _GNU_SOURCE /* memmem: event lines from the feed are not NUL-terminated */
#include "live/live.h"
#include "live/board.h"
#include "live/sub.h"
#include "model/roadmap.h"
#include "reports/cmdline.h"
#include "common/clock.h"
#include "common/mem.h"
#include "common/term.h"

#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t watch_stop;

static void on_signal(int sig)
{
	(void)sig;
	watch_stop = 1;
}

static const char WATCH_USAGE[] =
	"usage: dlt-interop watch [OPTIONS] ENDPOINT...\n"
	"\n"
	"Show runs started with 'dlt-interop run --events ENDPOINT' live: per run, its targets x\n"
	"roadmap areas (passed/results), done/planned, the latest results that did not pass.\n"
	"ENDPOINT: a port (127.0.0.1) or tcp://HOST:PORT or ipc://PATH. It exits when every run\n"
	"has ended, with their combined summary. A run may start before or after watch does.\n"
	"\n"
	"      --raw         print every event line as received (each run's events in order,\n"
	"                    none lost or twice) instead of the board\n"
	"      --lost S      a run heard from and then silent (no heartbeat) for S seconds is\n"
	"                    lost (default 30)\n"
	"  -h, --help        this text\n"
	"\n"
	"exit status: 0 every run ended and passed, 1 a result did not pass, a run was\n"
	"interrupted or lost, or watch was stopped (Ctrl-C); 2 usage error or an endpoint that\n"
	"cannot be subscribed to\n";

/* What watch and serve share: the parsed endpoints and the subscription. */
struct watch_ctx {
	struct dlt_board *board;
	int raw, changed, started_or_ended;
};

static void on_event(void *arg, size_t runner, const char *line, size_t len)
{
	struct watch_ctx *w = arg;
	if (w->raw) {
		fwrite(line, 1, len, stdout);
		fputc('\n', stdout);
		fflush(stdout);
	}
	dlt_board_event(w->board, runner, line, len);
	w->changed = 1;
	/* line is not NUL-terminated: memmem, never strstr */
	static const char start[] = "\"event\":\"run_start\"", end[] = "\"event\":\"run_end\"";
	if (memmem(line, len, start, sizeof start - 1) || memmem(line, len, end, sizeof end - 1))
		w->started_or_ended = 1;
}

int dlt_cmd_watch(int argc, char **argv, const char *roadmap)
{
	static const struct option longopts[] = {
		{ "raw", no_argument, NULL, 'r' },
		{ "lost", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, raw = 0;
	double lost = 30;
	dlt_cmd_getopt_start();
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': raw = 1; break;
		case 'l': {
			char *end;
			lost = strtod(optarg, &end);
			if (end == optarg || *end || !isfinite(lost) || lost <= 0 || lost > 86400) {
				fprintf(stderr,
					"dlt-interop watch: --lost %s: a number of seconds from 0 "
					"to 86400\n",
					optarg);
				return 2;
			}
			break;
		}
		case 'h': fputs(WATCH_USAGE, stdout); return 0;
		default:
			dlt_cmd_option_error("watch", c, argv);
			fputs(WATCH_USAGE, stderr);
			return 2;
		}
	}
	int n = argc - optind;
	if (n < 1) {
		fprintf(stderr, "dlt-interop watch: no endpoint given\n%s", WATCH_USAGE);
		return 2;
	}
	char err[512];
	char **eps = dlt_xcalloc((size_t)n + 1, sizeof *eps);
	int code = 2;
	struct dlt_sub *sub = NULL;
	struct dlt_roadmap *rm = NULL;
	struct dlt_board *board = NULL;
	for (int i = 0; i < n; i++)
		if (!(eps[i] = dlt_sub_endpoint(argv[optind + i], err, sizeof err))) {
			fprintf(stderr, "dlt-interop watch: %s\n", err);
			goto out;
		}
	if (!(sub = dlt_sub_open(eps, (size_t)n, err, sizeof err))) {
		fprintf(stderr, "dlt-interop watch: %s\n", err);
		goto out;
	}
	if (roadmap && dlt_roadmap_load(roadmap, &rm, err, sizeof err) != 0)
		rm = NULL; /* areas from requirement ids then */
	board = dlt_board_new(eps, (size_t)n, rm);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	int tty = isatty(1) == 1, colour = dlt_term_colour(1);
	struct watch_ctx w = { board, raw, 1, 0 };
	double last_draw = 0;
	while (!watch_stop && !dlt_board_done(board)) {
		if (dlt_sub_poll(sub, 200, on_event, &w) < 0)
			continue;
		for (int i = 0; i < n; i++)
			if (dlt_sub_silence(sub, (size_t)i) > lost) {
				dlt_board_lost(board, (size_t)i);
				w.changed = 1;
			}
		if (raw)
			continue;
		double now = dlt_now();
		if (tty && w.changed && now - last_draw >= 0.2) {
			fputs("\033[H\033[2J", stdout);
			dlt_board_print(board, stdout, colour);
			fflush(stdout);
			last_draw = now;
			w.changed = 0;
		} else if (!tty && w.started_or_ended) {
			dlt_board_print(board, stdout, 0);
			fflush(stdout);
			w.started_or_ended = 0;
		}
	}
	if (!raw && tty) {
		fputs("\033[H\033[2J", stdout);
		dlt_board_print(board, stdout, colour);
	}
	code = dlt_board_summary(board, raw ? stderr : stdout, raw ? 0 : colour, "watch");
	if (watch_stop) {
		fprintf(stderr, "dlt-interop watch: stopped before every run ended\n");
		code = 1;
	}
out:
	dlt_board_free(board);
	dlt_roadmap_free(rm);
	dlt_sub_close(sub);
	for (int i = 0; i < n; i++)
		free(eps[i]);
	free(eps);
	return code;
}
