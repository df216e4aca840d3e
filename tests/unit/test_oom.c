/*
 * test_oom.c: the one out-of-memory policy (common/mem.h). What runs out of memory stops the
 * program with "dlt-interop: out of memory (...)" instead of returning NULL that a caller could
 * take for another failure: a node's answer read as "not JSON" (dlt_exact_parse, cJSON), a
 * string with a \u0000 escape silently cut at the zero byte (dlt_json_nul_rewrite), a value
 * left out of a report (dlt_json_brief). Each case runs in a child process whose address space
 * is limited (RLIMIT_AS) to what it already uses plus a little, so the allocation the case
 * needs fails. Skipped under AddressSanitizer, whose shadow memory needs more address space
 * than such a limit leaves.
 */
#include "adapters/json_nul.h"
#include "common/exact.h"
#include "common/hex.h"
#include "common/json_text.h"
#include "common/mem.h"
#include "tap.h"

#include <cjson/cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifndef UNDER_ASAN
/* The input every case works on: BIG bytes, allocated before the limit is set. */
#define BIG ((size_t)64 << 20)

/* Limit the address space to what the process uses now plus 8 MiB: less than any copy of the
 * input needs. */
static void limit_memory(void)
{
	unsigned long pages = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f || fscanf(f, "%lu", &pages) != 1)
		_exit(3);
	fclose(f);
	rlim_t now = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
	struct rlimit rl = { now + ((rlim_t)8 << 20), now + ((rlim_t)8 << 20) };
	if (setrlimit(RLIMIT_AS, &rl) != 0)
		_exit(3);
}

/* A JSON document of about BIG bytes: {"a":"xxx...x"} (with a \u0000 escape when nul). */
static char *big_json(int nul)
{
	char *t = dlt_xmalloc(BIG + 32);
	size_t n = 0;
	n += (size_t)sprintf(t, "{\"a\":\"%s", nul ? "\\u0000" : "");
	memset(t + n, 'x', BIG);
	n += BIG;
	strcpy(t + n, "\"}");
	return t;
}

static void case_xmalloc(void)
{
	limit_memory();
	void *p = dlt_xmalloc(BIG);
	fprintf(stderr, "dlt_xmalloc returned %s\n", p ? "memory" : "NULL");
}

static void case_cjson_parse(void)
{
	char *t = big_json(0);
	limit_memory();
	cJSON *v = cJSON_Parse(t);
	fprintf(stderr, "cJSON_Parse returned %s\n", v ? "a tree" : "NULL (as if not JSON)");
}

static void case_exact_parse(void)
{
	char *t = big_json(0);
	size_t n = strlen(t);
	limit_memory();
	cJSON *v = dlt_exact_parse(t, n);
	fprintf(stderr, "dlt_exact_parse returned %s\n", v ? "a tree" : "NULL (as if not JSON)");
}

static void case_json_nul(void)
{
	char *t = big_json(1);
	size_t n = strlen(t), out = 0;
	limit_memory();
	char *r = dlt_json_nul_rewrite(t, n, &out);
	fprintf(stderr, "dlt_json_nul_rewrite returned %s\n",
		r ? "the rewrite" : "NULL (the string would be cut at the zero byte)");
}

static void case_hex(void)
{
	char *t = big_json(0);
	limit_memory();
	char *h = dlt_hex_encode_alloc((const uint8_t *)t, BIG);
	fprintf(stderr, "dlt_hex_encode_alloc returned %s\n", h ? "text" : "NULL");
}

static void case_brief(void)
{
	char *t = big_json(0);
	cJSON *v = cJSON_Parse(t);
	free(t);
	limit_memory();
	char *s = dlt_json_brief(v, 100, 0);
	fprintf(stderr, "dlt_json_brief returned %s\n", s ? "text" : "NULL");
}

/* Run one case in a child; it must end by SIGABRT after printing the policy's message. */
static void run_case(const char *name, void (*fn)(void))
{
	int fds[2];
	if (pipe(fds) != 0) {
		tap_ok(0, "%s: pipe", name);
		return;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		fn();
		_exit(0);
	}
	close(fds[1]);
	char out[1024];
	size_t n = 0;
	ssize_t r;
	while (n < sizeof out - 1 && (r = read(fds[0], out + n, sizeof out - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(fds[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	int aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
	tap_ok(aborted && strstr(out, "dlt-interop: out of memory (") != NULL,
	       "%s: stops with the out-of-memory message", name);
	if (!aborted || !strstr(out, "out of memory"))
		tap_diag("%s: %s; stderr: %s", name,
			 WIFSIGNALED(status) ? "killed by a signal" : "exited", out);
}

#endif /* UNDER_ASAN */

int main(void)
{
#ifdef UNDER_ASAN
	return tap_skip_all("AddressSanitizer needs more address space than RLIMIT_AS leaves");
#else
	run_case("dlt_xmalloc", case_xmalloc);
	run_case("cJSON_Parse (cJSON allocates through dlt_xmalloc)", case_cjson_parse);
	run_case("dlt_exact_parse of a node's answer", case_exact_parse);
	run_case("dlt_json_nul_rewrite of a \\u0000 string", case_json_nul);
	run_case("dlt_hex_encode_alloc", case_hex);
	run_case("dlt_json_brief", case_brief);
	return tap_done();
#endif
}
