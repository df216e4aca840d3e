/*
 * test_target_config.c: what an adapter is told of its target (struct dlt_adapter_config,
 * runner/target.c): the fields taken from the target, the ${port}/${dir}/... expansion of every
 * string of params (done by the runner, so adapters include nothing of it), the target's own
 * params left as written, and dlt_target_open handing the configuration to the adapter: a
 * recording adapter, and the bitcoin adapter reading its cookie file from "${dir}/.cookie".
 */
#include "adapters/adapter.h"
#include "common/file.h"
#include "common/mem.h"
#include "runner/target.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *target_json =
	"{\"name\": \"node-a\", \"family\": \"bitcoin\", \"url\": \"http://127.0.0.1:${port}\","
	" \"user\": \"alice\", \"password\": \"s3cret\", \"zmq_url\": \"tcp://127.0.0.1:${port1}\","
	" \"params\": {\"cookie_file\": \"${dir}/.cookie\","
	"  \"wallet_url\": \"http://127.0.0.1:${port3}/\","
	"  \"deep\": {\"list\": [\"${port2}\", 5, \"${name}:${user}:${password}\", true]},"
	"  \"kept\": \"$ ${ ${nope} ${port9} ${port\", \"${port}\": \"a member name\","
	"  \"count\": 3},"
	" \"launch\": {\"command\": [\"true\"], \"ports\": 4, \"ready\": {\"method\": \"x\"}}}";

/* What the recording adapter saw during open (the configuration is valid only then). */
static struct {
	int calls;
	char *name, *url, *user, *password, *zmq_url, *params;
	size_t max_response;
} seen;

static int rec_open(const struct dlt_adapter_config *cfg, struct dlt_conn **out,
		    struct dlt_err *err)
{
	seen.calls++;
	seen.name = dlt_xstrdup(cfg->name);
	seen.url = dlt_xstrdup(cfg->url);
	seen.user = dlt_xstrdup(cfg->user);
	seen.password = dlt_xstrdup(cfg->password);
	seen.zmq_url = dlt_xstrdup(cfg->zmq_url);
	seen.params = cfg->params ? cJSON_PrintUnformatted(cfg->params) : NULL;
	seen.max_response = cfg->max_response;
	*out = NULL;
	return dlt_err_set(err, DLT_E_TRANSPORT, "recorded");
}

static const char *str_at(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "(not a string)";
}

int main(void)
{
	char err[512];
	struct dlt_target *t = NULL;
	cJSON *j = cJSON_Parse(target_json);
	if (!tap_ok(dlt_target_from_json(j, "test", &t, err, sizeof err) == 0, "the target loads"))
		tap_diag("%s", err);
	cJSON_Delete(j);
	if (!t)
		return tap_done();
	/* as the launcher does: ports, a work dir, the URLs expanded */
	char dir[] = "/tmp/dlt-test-config-XXXXXX";
	if (!mkdtemp(dir))
		return tap_skip_all("mkdtemp failed");
	for (int i = 0; i < 4; i++)
		t->ports[i] = 40001 + i;
	t->workdir = dlt_xstrdup(dir);
	free(t->url);
	t->url = dlt_target_expand(t, t->url_template);
	free(t->zmq_url);
	t->zmq_url = dlt_target_expand(t, t->zmq_template);
	t->max_response = 12345;

	/* the expansion */
	char *params_before = cJSON_PrintUnformatted(t->params);
	cJSON *p = dlt_target_expand_json(t, t->params);
	char *cookie = dlt_printf("%s/.cookie", dir);
	tap_ok(!strcmp(str_at(p, "cookie_file"), cookie), "${dir} is the work dir: %s",
	       str_at(p, "cookie_file"));
	tap_ok(!strcmp(str_at(p, "wallet_url"), "http://127.0.0.1:40004/"),
	       "${port3} is the fourth port: %s", str_at(p, "wallet_url"));
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(p, "deep"), "list");
	const cJSON *l0 = cJSON_GetArrayItem(list, 0), *l2 = cJSON_GetArrayItem(list, 2);
	tap_ok(cJSON_IsString(l0) && !strcmp(l0->valuestring, "40003"),
	       "strings at any depth are expanded (${port2} in an array in an object)");
	tap_ok(cJSON_IsString(l2) && !strcmp(l2->valuestring, "node-a:alice:s3cret"),
	       "${name}, ${user}, ${password}");
	tap_ok(cJSON_IsNumber(cJSON_GetArrayItem(list, 1)) &&
		       cJSON_IsTrue(cJSON_GetArrayItem(list, 3)) &&
		       cJSON_GetObjectItemCaseSensitive(p, "count")->valuedouble == 3,
	       "numbers and booleans are kept");
	tap_ok(!strcmp(str_at(p, "kept"), "$ ${ ${nope} ${port9} ${port"),
	       "a lone $, an unknown variable, ${port9} and an unterminated ${ are kept: %s",
	       str_at(p, "kept"));
	tap_ok(!strcmp(str_at(p, "${port}"), "a member name"), "member names are not expanded");
	char *params_after = cJSON_PrintUnformatted(t->params);
	tap_ok(!strcmp(params_before, params_after),
	       "the target's own params stay as written (scenarios see node.params unexpanded)");
	tap_ok(dlt_target_expand_json(t, NULL) == NULL, "no params: NULL");

	/* the configuration */
	struct dlt_adapter_config cfg = dlt_target_config(t, p);
	tap_ok(!strcmp(cfg.name, "node-a") && !strcmp(cfg.url, "http://127.0.0.1:40001") &&
		       !strcmp(cfg.user, "alice") && !strcmp(cfg.password, "s3cret") &&
		       !strcmp(cfg.zmq_url, "tcp://127.0.0.1:40002") && cfg.params == p &&
		       cfg.max_response == 12345,
	       "name, url, user, password, zmq_url, params and max_response come from the target");

	/* dlt_target_open hands the expanded configuration to the adapter */
	struct dlt_adapter_ops rec = *dlt_adapter_find("bitcoin");
	rec.open = rec_open;
	struct dlt_conn *c = NULL;
	struct dlt_err e = { 0 };
	int rc = dlt_target_open(&rec, t, &c, &e);
	char *want_params = cJSON_PrintUnformatted(p);
	tap_ok(seen.calls == 1 && rc == DLT_E_TRANSPORT && !strcmp(e.msg, "recorded"),
	       "dlt_target_open calls the adapter's open once and returns its result");
	tap_ok(seen.params && !strcmp(seen.params, want_params),
	       "the adapter sees the expanded params: %s", seen.params ? seen.params : "(none)");
	tap_ok(seen.name && !strcmp(seen.name, "node-a") && seen.url &&
		       !strcmp(seen.url, "http://127.0.0.1:40001") && seen.user &&
		       !strcmp(seen.user, "alice") && seen.password &&
		       !strcmp(seen.password, "s3cret") && seen.zmq_url &&
		       !strcmp(seen.zmq_url, "tcp://127.0.0.1:40002") && seen.max_response == 12345,
	       "and the target's name, url, credentials, zmq_url, "
	       "max_response");
	dlt_err_clear(&e);

	/* the bitcoin adapter reads its cookie from the expanded path (it no longer expands) */
	const struct dlt_adapter_ops *btc = dlt_adapter_find("bitcoin");
	free(t->user);
	free(t->password);
	t->user = t->password = NULL;
	rc = btc->open == NULL ? -1 : dlt_target_open(btc, t, &c, &e);
	tap_ok(rc == DLT_E_ARG && strstr(e.msg, cookie) && !strstr(e.msg, "${dir}"),
	       "no cookie yet: the error names the expanded path: %s", e.msg);
	dlt_err_clear(&e);
	FILE *f = fopen(cookie, "w");
	if (f) {
		fputs("__cookie__:abc123\n", f);
		fclose(f);
	}
	c = NULL;
	rc = dlt_target_open(btc, t, &c, &e);
	tap_ok(rc == DLT_OK && c != NULL,
	       "with ${dir}/.cookie written, the bitcoin adapter opens "
	       "(%s)",
	       rc ? e.msg : "ok");
	if (c)
		btc->close(c);
	dlt_err_clear(&e);

	remove(cookie);
	dlt_rm_rf(dir);
	free(seen.name);
	free(seen.url);
	free(seen.user);
	free(seen.password);
	free(seen.zmq_url);
	free(seen.params);
	free(want_params);
	free(params_before);
	free(params_after);
	free(cookie);
	cJSON_Delete(p);
	dlt_target_free(t);
	return tap_done();
}
