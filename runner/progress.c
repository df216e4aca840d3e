/*
 * progress.c: progress of a run on stderr (see progress.h). A thread wakes every interval (a
 * terminal: every second, to keep the elapsed time moving) and prints the state that
 * dlt_progress_result records under the progress's own mutex; results arriving faster than
 * the interval do not add lines to a log. Text from scenarios (ids) is printed with control
 * characters as '?', so a hostile id cannot move a terminal's cursor.
 */
#include "runner/progress.h"
#include "common/clock.h"
#include "common/mem.h"
#include "common/term.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_INTERVAL 5.0

struct dlt_progress {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
	int stop, tty, colour;
	double interval, started, last_line;
	size_t total, done, printed_done;
	int failures;
	char last[160];
};

static void copy_clean(char *dst, size_t cap, const char *s)
{
	size_t n = 0;
	for (; s && *s && n + 1 < cap; s++)
		dst[n++] = ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s;
	dst[n] = 0;
}

/* Called with p->mu held. */
static void draw(struct dlt_progress *p)
{
	char el[48];
	dlt_term_duration(dlt_now() - p->started, el, sizeof el);
	if (p->tty) {
		const char *red = p->colour && p->failures ? "\033[1;31m" : "";
		const char *end = p->colour && p->failures ? "\033[0m" : "";
		fprintf(stderr, "\r\033[K[%zu/%zu] %s  %sfailures: %d%s  %s", p->done, p->total,
			p->last, red, p->failures, end, el);
	} else {
		fprintf(stderr, "dlt-interop: progress %zu/%zu done, %d not passed, %s elapsed\n",
			p->done, p->total, p->failures, el);
	}
	fflush(stderr);
	p->last_line = dlt_now();
	p->printed_done = p->done;
}

static void *ticker(void *arg)
{
	struct dlt_progress *p = arg;
	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		double wait = p->tty ? 1.0 : p->interval;
		if (wait <= 0)
			wait = 1.0;
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		long long ns = ts.tv_nsec + (long long)(wait * 1e9);
		ts.tv_sec += (time_t)(ns / 1000000000LL);
		ts.tv_nsec = (long)(ns % 1000000000LL);
		pthread_cond_timedwait(&p->cv, &p->mu, &ts);
		if (p->stop)
			break;
		/* a log gets a line per interval even while a long scenario runs */
		if (p->tty || (p->interval > 0 && dlt_now() - p->last_line >= p->interval - 0.05))
			draw(p);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct dlt_progress *dlt_progress_start(size_t total, int quiet)
{
	if (quiet)
		return NULL;
	struct dlt_progress *p = dlt_xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->tty = isatty(2) == 1;
	p->colour = dlt_term_colour(2);
	p->interval = DEFAULT_INTERVAL;
	const char *iv = getenv("DLT_PROGRESS_SECONDS");
	if (iv && *iv) {
		char *end;
		double v = strtod(iv, &end);
		if (*end == 0 && v >= 0 && v <= 86400)
			p->interval = v;
		else
			fprintf(stderr,
				"dlt-interop: warning: DLT_PROGRESS_SECONDS=%s is not a number of "
				"seconds from 0 to 86400; using %.0f\n",
				iv, DEFAULT_INTERVAL);
	}
	p->total = total;
	p->started = p->last_line = dlt_now();
	if (pthread_create(&p->th, NULL, ticker, p) != 0) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
		free(p);
		return NULL;
	}
	return p;
}

void dlt_progress_result(struct dlt_progress *p, size_t done, int failures, const char *scenario,
			 const char *target)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->done = done;
	p->failures = failures;
	char s[100], t[40];
	copy_clean(s, sizeof s, scenario);
	copy_clean(t, sizeof t, target);
	snprintf(p->last, sizeof p->last, "%s [%s]", s, t);
	if (p->tty || p->interval <= 0 || done == p->total)
		draw(p);
	pthread_mutex_unlock(&p->mu);
}

void dlt_progress_stop(struct dlt_progress *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->th, NULL);
	if (p->tty)
		fputs("\r\033[K", stderr);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

int dlt_progress_colour(const struct dlt_progress *p)
{
	return p ? p->colour : 0;
}
