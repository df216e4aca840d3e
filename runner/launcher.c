/*
 * launcher.c: starting and stopping the nodes a run launches (see launcher.h).
 *
 * Each node gets a fresh work dir under $TMPDIR that is also its HOME (Hardhat and
 * monero-wallet-rpc write there), its output in a log file inside it, and free loopback ports
 * picked by binding port 0. The child is put in its own process group, so a Ctrl-C on the
 * terminal reaches only the runner, which then stops every node the clean way; and it asks the
 * kernel for SIGTERM should the runner die first (PR_SET_PDEATHSIG).
 *
 * A node must answer on its own port: every planned port (the picked ones, and the port of
 * the target's URL and ZeroMQ URL when they are local) is checked free before the process
 * starts, and once the readiness call succeeds the process must still be alive and the
 * socket listening on the URL's port must belong to it or its descendants (ports.h). Without
 * that, a node that could not bind because another process holds the port would be declared
 * ready on the other process's answers.
 *
 * A node with an engine API (launch.jwt_secret) gets a fresh 32-byte secret in its work dir
 * before each start; after_start calls marked "jwt" go to their own URL with an HS256 token
 * made from it (crypto/jwt.h), as a consensus client would send them.
 */
#include "runner/launcher.h"
#include "common/abort_flag.h"
#include "adapters/adapter.h"
#include "adapters/jsonrpc.h"
#include "runner/ports.h"
#include "common/mem.h"
#include "common/file.h"
#include "common/clock.h"
#include "runner/home.h"
#include "crypto/hash.h"
#include "crypto/jwt.h"
#include "common/hex.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>
#include <time.h>

volatile sig_atomic_t dlt_interrupted = 0;

static void on_signal(int sig)
{
	(void)sig;
	dlt_interrupted = 1;
}

void dlt_launch_install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = 0;
	socklen_t len = sizeof a;
	int port = -1;
	if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

char *dlt_launch_find_bin(const struct dlt_target *t, const char *name)
{
	const cJSON *cands =
		t->launch.bins ? cJSON_GetObjectItemCaseSensitive(t->launch.bins, name) : NULL;
	const cJSON *c;
	cJSON_ArrayForEach (c, cands) {
		char *path = c->valuestring[0] == '/'
				     ? dlt_xstrdup(c->valuestring)
				     : dlt_printf("%s/%s", dlt_nodes_dir(), c->valuestring);
		if (access(path, X_OK) == 0 && dlt_is_file(path))
			return path;
		free(path);
	}
	return dlt_which(name);
}

/* Expand one command argument: ${bin:NAME} first, then the target's variables. */
static char *expand_arg(const struct dlt_target *t, const char *arg, char *err, size_t errlen)
{
	const char *b = strstr(arg, "${bin:");
	if (!b)
		return dlt_target_expand(t, arg);
	const char *end = strchr(b, '}');
	if (!end) {
		snprintf(err, errlen, "%s: $.launch.command: unterminated ${bin:", t->source);
		return NULL;
	}
	char name[128];
	snprintf(name, sizeof name, "%.*s", (int)(end - b - 6), b + 6);
	char *bin = dlt_launch_find_bin(t, name);
	if (!bin) {
		snprintf(err, errlen,
			 "target %s: cannot find the program \"%s\" (looked in %s and "
			 "PATH); run ./quickstart install to install the nodes",
			 t->name, name, dlt_nodes_dir());
		return NULL;
	}
	char *joined = dlt_printf("%.*s%s%s", (int)(b - arg), arg, bin, end + 1);
	free(bin);
	char *out = dlt_target_expand(t, joined);
	free(joined);
	return out;
}

/* The last lines of a node's log, for error messages. */
static void log_tail(const char *path, char *out, size_t outlen)
{
	out[0] = '\0';
	char err[128];
	size_t len;
	char *text = path ? dlt_read_file(path, &len, err, sizeof err) : NULL;
	if (!text)
		return;
	size_t start = len;
	int lines = 0;
	while (start > 0 && lines < 6) {
		start--;
		if (text[start] == '\n' && start + 1 < len)
			lines++;
	}
	size_t n = len - start;
	if (n > outlen - 1)
		start = len - (n = outlen - 1);
	memcpy(out, text + start, n);
	out[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 && out[i] != '\n')
			out[i] = ' ';
	free(text);
}

/* " (node log: PATH)" and, on the lines after, the end of the log: a message's first line
 * stays whole when reports cut it there. */
static void log_note(const struct dlt_target *t, char *out, size_t outlen)
{
	char tail[600];
	log_tail(t->logfile, tail, sizeof tail);
	while (tail[0] == '\n')
		memmove(tail, tail + 1, strlen(tail));
	if (tail[0])
		snprintf(out, outlen, " (node log: %s)\n%s", t->logfile ? t->logfile : "none",
			 tail);
	else
		snprintf(out, outlen, " (node log: %s, empty)", t->logfile ? t->logfile : "none");
}

int dlt_launch_alive(struct dlt_target *t)
{
	if (t->pid <= 0)
		return 0;
	int status;
	pid_t r = waitpid(t->pid, &status, WNOHANG);
	if (r == t->pid) {
		t->pid = -1;
		return 0;
	}
	return r == 0;
}

static int write_files(struct dlt_target *t, char *err, size_t errlen)
{
	const cJSON *f;
	cJSON_ArrayForEach (f, t->launch.files) {
		if (!cJSON_IsString(f) || strchr(f->string, '/')) {
			snprintf(err, errlen,
				 "%s: $.launch.files.%s: must be a string, and the name a "
				 "plain file name",
				 t->source, f->string);
			return -1;
		}
		char *path = dlt_printf("%s/%s", t->workdir, f->string);
		char *content = dlt_target_expand(t, f->valuestring);
		FILE *fp = fopen(path, "w");
		int ok = fp && fputs(content, fp) >= 0;
		if (fp && fclose(fp) != 0)
			ok = 0;
		free(content);
		if (!ok) {
			snprintf(err, errlen, "target %s: cannot write %s: %s", t->name, path,
				 strerror(errno));
			free(path);
			return -1;
		}
		free(path);
	}
	return 0;
}

/* launch.jwt_secret: a fresh secret, hex without 0x as execution clients read it (engine API
 * authentication.md: "a file containing the hex-encoded 256 bit secret key"), readable by the
 * owner only. */
static int write_jwt_secret(struct dlt_target *t, char *err, size_t errlen)
{
	if (!t->launch.jwt_secret)
		return 0;
	if (dlt_crypto_init() != 0) {
		snprintf(err, errlen,
			 "target %s: libsodium cannot start: no random source for "
			 "launch.jwt_secret",
			 t->name);
		return -1;
	}
	randombytes_buf(t->launch.jwt_key, sizeof t->launch.jwt_key);
	char hex[2 * sizeof t->launch.jwt_key + 1];
	dlt_hex_encode(hex, t->launch.jwt_key, sizeof t->launch.jwt_key);
	char *path = dlt_printf("%s/%s", t->workdir, t->launch.jwt_secret);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	size_t n = strlen(hex);
	int ok = fd >= 0 && write(fd, hex, n) == (ssize_t)n;
	int e = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	sodium_memzero(hex, sizeof hex);
	if (!ok)
		snprintf(err, errlen, "target %s: cannot write the engine API secret %s: %s",
			 t->name, path, strerror(e));
	free(path);
	return ok ? 0 : -1;
}

static pid_t spawn(struct dlt_target *t, char **argv)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	/* child */
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	if (chdir(t->workdir) != 0)
		_exit(126);
	int in = open("/dev/null", O_RDONLY);
	int out = open(t->logfile, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (in >= 0)
		dup2(in, 0);
	if (out >= 0) {
		dup2(out, 1);
		dup2(out, 2);
	}
	setenv("HOME", t->workdir, 1);
	setenv("TMPDIR", t->workdir, 1);
	const cJSON *e;
	cJSON_ArrayForEach (e, t->launch.env) {
		if (cJSON_IsString(e)) {
			char *v = dlt_target_expand(t, e->valuestring);
			setenv(e->string, v, 1);
		}
	}
	if (strchr(argv[0], '/'))
		execv(argv[0], argv);
	else
		execvp(argv[0], argv); /* a bare name ("sh") is looked up in PATH */
	fprintf(stderr, "dlt-interop: cannot execute %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* One RPC call through the family's adapter: used for readiness, after_start and stop. */
static int adapter_call(struct dlt_target *t, const cJSON *spec, long timeout_ms, cJSON **result,
			struct dlt_err *e)
{
	const struct dlt_adapter_ops *ops = dlt_adapter_find(t->adapter);
	struct dlt_conn *c = NULL;
	int rc = dlt_target_open(ops, t, &c, e);
	if (rc)
		return rc;
	ops->set_timeout(c, timeout_ms);
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(spec, "method");
	if (!cJSON_IsString(m)) { /* an external adapter: its hello, in open, was the call */
		ops->close(c);
		return DLT_OK;
	}
	/* ${...} expanded in every string of the params */
	cJSON *params = dlt_target_expand_json(t, cJSON_GetObjectItemCaseSensitive(spec, "params"));
	cJSON *r = NULL;
	rc = ops->rpc(c, m->valuestring, params, &r, e);
	cJSON_Delete(params);
	ops->close(c);
	if (result)
		*result = r;
	else
		cJSON_Delete(r);
	return rc;
}

/* An after_start call with its own "url" (expanded) and/or "jwt": a JSON-RPC 2.0 client of its
 * own, with an "Authorization: Bearer" header holding a token made now from the launch's
 * secret. The token is never written anywhere. */
static int engine_call(struct dlt_target *t, const cJSON *spec, long timeout_ms, cJSON **result,
		       struct dlt_err *e)
{
	const cJSON *u = cJSON_GetObjectItemCaseSensitive(spec, "url");
	char *url = dlt_target_expand(t, cJSON_IsString(u) ? u->valuestring : t->url);
	struct jsonrpc_client *c = jsonrpc_client_new(t->name, url, NULL, NULL, JSONRPC_2_0);
	free(url);
	if (!c)
		return dlt_err_set(e, DLT_E_TRANSPORT, "target %s: cannot make an HTTP client",
				   t->name);
	jsonrpc_client_set_timeout(c, timeout_ms);
	int rc = 0;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(spec, "jwt"))) {
		char *tok = dlt_jwt_engine_token(t->launch.jwt_key, (long long)time(NULL));
		char *line = dlt_printf("Authorization: Bearer %s", tok);
		if (jsonrpc_client_add_header(c, line) != 0)
			rc = dlt_err_set(e, DLT_E_TRANSPORT,
					 "target %s: cannot add the engine API "
					 "token to the request",
					 t->name);
		sodium_memzero(line, strlen(line));
		sodium_memzero(tok, strlen(tok));
		free(line);
		free(tok);
	}
	if (rc == 0) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(spec, "method");
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(spec, "params");
		cJSON *r = NULL;
		rc = jsonrpc_call(c, NULL, m->valuestring, p, &r, e);
		if (result)
			*result = r;
		else
			cJSON_Delete(r);
	}
	jsonrpc_client_free(c);
	return rc;
}

/* "pid 123 (anvil --port 8545)", or a hint when the holder is not visible. */
static void describe_holder(const struct dlt_port_holder *h, char *out, size_t outlen)
{
	if (h->pid > 0)
		snprintf(out, outlen, "pid %d (%s)", (int)h->pid,
			 h->command[0] ? h->command : "command line not readable");
	else
		snprintf(out, outlen,
			 "another process (not visible to this user; `ss -ltnp` as root "
			 "names it)");
}

/* Every planned port must be free before the node starts: the picked ones (${port}...) and
 * the ports of the URL and ZeroMQ URL when they name this machine (a target file may fix
 * them). */
static int check_ports_free(struct dlt_target *t, char *err, size_t errlen)
{
	int ports[DLT_MAX_PORTS + 2];
	const char *what[DLT_MAX_PORTS + 2];
	static const char *const names[] = { "${port}", "${port1}", "${port2}", "${port3}" };
	int n = 0;
	for (int i = 0; i < t->launch.nports && i < DLT_MAX_PORTS; i++) {
		ports[n] = t->ports[i];
		what[n++] = names[i];
	}
	int up = dlt_port_of_local_url(t->url);
	int zp = t->zmq_url ? dlt_port_of_local_url(t->zmq_url) : 0;
	ports[n] = up;
	what[n++] = "the port of its url";
	ports[n] = zp;
	what[n++] = "the port of its zmq_url";
	for (int i = 0; i < n; i++) {
		int dup = ports[i] <= 0;
		for (int j = 0; j < i && !dup; j++)
			dup = ports[j] == ports[i];
		if (dup)
			continue;
		struct dlt_port_holder h;
		if (dlt_port_in_use(ports[i], &h)) {
			char who[256];
			describe_holder(&h, who, sizeof who);
			snprintf(
				err, errlen,
				"target %s: port %d (%s) is already in use by %s; the "
				"node could not listen there and another process would answer for it: "
				"stop that process or give %s another port",
				t->name, ports[i], what[i], who, t->source);
			return -1;
		}
	}
	return 0;
}

int dlt_launch_spawn(struct dlt_target *t, char *err, size_t errlen)
{
	char tmpl[] = "/tmp/dlt-interop-node-XXXXXX";
	const char *tmpdir = getenv("TMPDIR");
	char *pattern =
		dlt_printf("%s/dlt-%s-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp", t->name);
	for (char *p = strrchr(pattern, '/'); p && *p; p++)
		if (*p == ':')
			*p = '_';
	free(t->workdir); /* a relaunch starts in a new work dir; the old one keeps its log */
	free(t->logfile);
	t->workdir = t->logfile = NULL;
	char *dir = mkdtemp(pattern);
	if (!dir) {
		snprintf(err, errlen, "target %s: cannot create a work dir %s: %s", t->name, tmpl,
			 strerror(errno));
		free(pattern);
		return -1;
	}
	t->workdir = pattern;
	t->logfile = dlt_printf("%s/node.log", t->workdir);
	for (int i = 0; i < t->launch.nports; i++) {
		int p;
		int tries = 0;
		do {
			p = free_port();
			for (int j = 0; j < i; j++)
				if (t->ports[j] == p)
					p = 0;
		} while (p == 0 && ++tries < 10);
		if (p <= 0) {
			snprintf(err, errlen, "target %s: no free loopback port", t->name);
			return -1;
		}
		t->ports[i] = p;
	}
	char *url = dlt_target_expand(t, t->url_template);
	free(t->url);
	t->url = url;
	if (t->zmq_template) {
		char *z = dlt_target_expand(t, t->zmq_template);
		free(t->zmq_url);
		t->zmq_url = z;
	}
	if (check_ports_free(t, err, errlen)) {
		/* nothing ran: the work dir holds nothing worth keeping */
		dlt_rm_rf(t->workdir);
		free(t->workdir);
		free(t->logfile);
		t->workdir = t->logfile = NULL;
		return -1;
	}
	if (write_files(t, err, errlen) || write_jwt_secret(t, err, errlen))
		return -1;
	int argc = cJSON_GetArraySize(t->launch.command);
	char **argv = dlt_xcalloc((size_t)argc + 1, sizeof *argv);
	int ok = 1;
	for (int i = 0; i < argc && ok; i++) {
		argv[i] = expand_arg(t, cJSON_GetArrayItem(t->launch.command, i)->valuestring, err,
				     errlen);
		ok = argv[i] != NULL;
	}
	if (ok) {
		t->pid = spawn(t, argv);
		if (t->pid < 0) {
			snprintf(err, errlen, "target %s: fork: %s", t->name, strerror(errno));
			ok = 0;
		}
	}
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	if (!ok)
		return -1;

	return 0;
}

/* After a successful readiness call: the launched process must still run, and the socket
 * that answered on the URL's port must be its own. */
static int check_own_answer(struct dlt_target *t, char *err, size_t errlen)
{
	char note[800];
	if (!dlt_launch_alive(t)) {
		log_note(t, note, sizeof note);
		snprintf(err, errlen,
			 "target %s: the readiness call was answered, but the node had "
			 "exited (another process answers on %s?)%s",
			 t->name, t->url, note);
		return -1;
	}
	int port = t->launch.check_owner ? dlt_port_of_local_url(t->url) : 0;
	struct dlt_port_holder h;
	if (port > 0 && dlt_port_owner(port, t->pid, &h) == DLT_PORT_FOREIGN) {
		char who[256];
		describe_holder(&h, who, sizeof who);
		log_note(t, note, sizeof note);
		snprintf(err, errlen,
			 "target %s: port %d answered the readiness call, but the socket "
			 "listening there belongs to %s, not to the launched node (pid %d)%s",
			 t->name, port, who, (int)t->pid, note);
		return -1;
	}
	return 0;
}

int dlt_launch_wait_ready(struct dlt_target *t, char *err, size_t errlen)
{
	/* readiness: a real RPC call must succeed, answered by the launched process */
	double limit = t->launch.ready_timeout > 0 ? t->launch.ready_timeout : DLT_READY_TIMEOUT;
	double start = dlt_now();
	struct dlt_err e = { 0 };
	for (;;) {
		if (dlt_interrupted) {
			snprintf(err, errlen, "target %s: interrupted while starting", t->name);
			dlt_launch_stop(t, 0);
			return -1;
		}
		if (!dlt_launch_alive(t)) {
			char note[800];
			log_note(t, note, sizeof note);
			snprintf(err, errlen, "target %s: the node exited during start-up%s",
				 t->name, note);
			return -1;
		}
		dlt_err_clear(&e);
		cJSON *answer = NULL;
		const cJSON *want = cJSON_GetObjectItemCaseSensitive(t->launch.ready, "result");
		int called = adapter_call(t, t->launch.ready, 1000, want ? &answer : NULL, &e) == 0;
		if (called && want && !cJSON_Compare(answer, want, 1)) {
			/* answering, but not yet what means ready (e.g. a chain still importing) */
			char *got = answer ? cJSON_PrintUnformatted(answer) : NULL;
			char *exp = cJSON_PrintUnformatted(want);
			dlt_err_set(&e, DLT_E_PROTOCOL, "%.200s answered %.200s, not yet %.200s",
				    cJSON_GetObjectItemCaseSensitive(t->launch.ready, "method")
					    ->valuestring,
				    got ? got : "nothing", exp ? exp : "?");
			free(got);
			free(exp);
			called = 0;
		}
		cJSON_Delete(answer);
		if (called) {
			if (check_own_answer(t, err, errlen) != 0) {
				dlt_err_clear(&e);
				dlt_launch_stop(t, 1);
				return -1;
			}
			break;
		}
		if (dlt_now() - start > limit) {
			char note[800];
			log_note(t, note, sizeof note);
			snprintf(err, errlen,
				 "target %s: not ready after %g s (last answer: %s; the "
				 "limit is launch.ready.timeout in %s)%s",
				 t->name, limit, e.msg, t->source, note);
			dlt_err_clear(&e);
			dlt_launch_stop(t, 1);
			return -1;
		}
		dlt_sleep(0.05);
	}
	dlt_err_clear(&e);
	const cJSON *step;
	int i = 0;
	cJSON_ArrayForEach (step, t->launch.after_start) {
		int own = cJSON_GetObjectItemCaseSensitive(step, "url") ||
			  cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(step, "jwt"));
		if (own ? engine_call(t, step, 60000, NULL, &e)
			: adapter_call(t, step, 60000, NULL, &e)) {
			snprintf(err, errlen, "target %s: start-up step %d (%s) failed: %s",
				 t->name, i,
				 cJSON_GetObjectItemCaseSensitive(step, "method")->valuestring,
				 e.msg);
			dlt_err_clear(&e);
			dlt_launch_stop(t, 1);
			return -1;
		}
		i++;
	}
	return 0;
}

int dlt_launch_start(struct dlt_target *t, char *err, size_t errlen)
{
	if (dlt_launch_spawn(t, err, errlen) != 0) {
		dlt_launch_stop(t, 1);
		return -1;
	}
	return dlt_launch_wait_ready(t, err, errlen);
}

static int wait_exit(struct dlt_target *t, double seconds)
{
	double until = dlt_now() + seconds;
	while (dlt_now() < until) {
		if (!dlt_launch_alive(t))
			return 1;
		dlt_sleep(0.02);
	}
	return 0;
}

void dlt_launch_stop(struct dlt_target *t, int keep)
{
	if (t->pid > 0 && dlt_launch_alive(t)) {
		const cJSON *sig = cJSON_GetObjectItemCaseSensitive(t->launch.stop, "signal");
		const cJSON *rpc = cJSON_GetObjectItemCaseSensitive(t->launch.stop, "rpc");
		const cJSON *http = cJSON_GetObjectItemCaseSensitive(t->launch.stop, "http");
		struct dlt_err e = { 0 };
		/* the stop call must go out even when the run was interrupted */
		int exempt = dlt_abort_flag_exempt(1);
		if (cJSON_IsString(rpc)) {
			cJSON *spec = cJSON_CreateObject();
			cJSON_AddStringToObject(spec, "method", rpc->valuestring);
			adapter_call(t, spec, 5000, NULL, &e);
			cJSON_Delete(spec);
		} else if (cJSON_IsString(http)) {
			struct jsonrpc_client *c = jsonrpc_client_new(t->name, t->url, t->user,
								      t->password, JSONRPC_2_0);
			struct dlt_http_reply r = { 0 };
			jsonrpc_client_set_timeout(c, 5000);
			if (jsonrpc_post_raw(c, http->valuestring, "{}", 2, NULL, &r, &e) == 0)
				dlt_http_reply_free(&r);
			jsonrpc_client_free(c);
		} else
			kill(t->pid, cJSON_IsString(sig) && !strcmp(sig->valuestring, "INT")
					     ? SIGINT
					     : SIGTERM);
		dlt_abort_flag_exempt(exempt);
		dlt_err_clear(&e);
		if (!wait_exit(t, 15)) {
			kill(t->pid, SIGTERM);
			if (!wait_exit(t, 5)) {
				kill(-t->pid, SIGKILL);
				kill(t->pid, SIGKILL);
				wait_exit(t, 5);
			}
		}
	}
	t->pid = -1;
	if (t->workdir && !keep) {
		dlt_rm_rf(t->workdir);
		free(t->workdir);
		t->workdir = NULL;
	}
}
