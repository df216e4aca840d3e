/*
 * target.c: reading target files (docs/targets.md) and --target URL specs into struct
 * dlt_target, with errors that name the file and the JSON path.
 */
#include "runner/target.h"
#include "adapters/external/external.h"
#include "common/buf.h"
#include "common/mem.h"
#include "common/file.h"
#include "runner/home.h"
#include "adapters/adapter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dlt_target_free(struct dlt_target *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->family);
	free(t->adapter);
	free(t->curve_server_key);
	free(t->implementation);
	free(t->url);
	free(t->url_template);
	free(t->zmq_template);
	if (t->password)
		memset(t->password, 0, strlen(t->password));
	free(t->user);
	free(t->password);
	free(t->source);
	free(t->zmq_url);
	free(t->chain);
	cJSON_Delete(t->params);
	cJSON_Delete(t->capabilities);
	cJSON_Delete(t->launch.command);
	cJSON_Delete(t->launch.bins);
	cJSON_Delete(t->launch.files);
	cJSON_Delete(t->launch.env);
	cJSON_Delete(t->launch.ready);
	cJSON_Delete(t->launch.stop);
	cJSON_Delete(t->launch.after_start);
	free(t->launch.jwt_secret);
	memset(t->launch.jwt_key, 0, sizeof t->launch.jwt_key);
	free(t->workdir);
	free(t->logfile);
	free(t);
}

static const char *opt_string(const cJSON *o, const char *key, const char *source, const char *path,
			      int required, char *err, size_t errlen, int *bad)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v) {
		if (required) {
			snprintf(err, errlen, "%s: %s.%s: missing (a string is required)", source,
				 path, key);
			*bad = 1;
		}
		return NULL;
	}
	if (!cJSON_IsString(v) || !v->valuestring[0]) {
		snprintf(err, errlen, "%s: %s.%s: must be a non-empty string", source, path, key);
		*bad = 1;
		return NULL;
	}
	return v->valuestring;
}

static int check_string_array(const cJSON *a, const char *source, const char *path, char *err,
			      size_t errlen)
{
	if (!cJSON_IsArray(a)) {
		snprintf(err, errlen, "%s: %s: must be an array of strings", source, path);
		return -1;
	}
	int i = 0;
	const cJSON *e;
	cJSON_ArrayForEach (e, a) {
		if (!cJSON_IsString(e)) {
			snprintf(err, errlen, "%s: %s[%d]: must be a string", source, path, i);
			return -1;
		}
		i++;
	}
	return 0;
}

static cJSON *dup_member(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return v ? cJSON_Duplicate(v, 1) : NULL;
}

static int parse_launch(struct dlt_target *t, const cJSON *l, const char *source, char *err,
			size_t errlen)
{
	if (!cJSON_IsObject(l)) {
		snprintf(err, errlen, "%s: $.launch: must be an object", source);
		return -1;
	}
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(l, "command");
	if (!cmd) {
		snprintf(err, errlen, "%s: $.launch.command: missing", source);
		return -1;
	}
	if (check_string_array(cmd, source, "$.launch.command", err, errlen))
		return -1;
	if (cJSON_GetArraySize(cmd) < 1) {
		snprintf(err, errlen, "%s: $.launch.command: empty", source);
		return -1;
	}
	const cJSON *bins = cJSON_GetObjectItemCaseSensitive(l, "bins");
	if (bins) {
		if (!cJSON_IsObject(bins)) {
			snprintf(err, errlen, "%s: $.launch.bins: must be an object", source);
			return -1;
		}
		const cJSON *b;
		cJSON_ArrayForEach (b, bins) {
			char p[256];
			snprintf(p, sizeof p, "$.launch.bins.%s", b->string);
			if (check_string_array(b, source, p, err, errlen))
				return -1;
		}
	}
	const char *objs[] = { "files", "env", "ready", "stop" };
	for (size_t i = 0; i < sizeof objs / sizeof *objs; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(l, objs[i]);
		if (v && !cJSON_IsObject(v)) {
			snprintf(err, errlen, "%s: $.launch.%s: must be an object", source,
				 objs[i]);
			return -1;
		}
	}
	const cJSON *ready = cJSON_GetObjectItemCaseSensitive(l, "ready");
	/* an external adapter is ready when it answers hello (docs/adapter-protocol.md) */
	if (strcmp(t->adapter, "external") != 0 &&
	    (!ready || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(ready, "method")))) {
		snprintf(err, errlen,
			 "%s: $.launch.ready.method: missing (a readiness RPC call is "
			 "required; a bound port is not enough)",
			 source);
		return -1;
	}
	const cJSON *rt = cJSON_GetObjectItemCaseSensitive(ready, "timeout");
	t->launch.ready_timeout = DLT_READY_TIMEOUT;
	if (rt) {
		if (!cJSON_IsNumber(rt) || !(rt->valuedouble > 0) ||
		    rt->valuedouble > DLT_READY_TIMEOUT_MAX) {
			snprintf(err, errlen,
				 "%s: $.launch.ready.timeout: seconds, a number above 0 and "
				 "at most %.0f",
				 source, DLT_READY_TIMEOUT_MAX);
			return -1;
		}
		t->launch.ready_timeout = rt->valuedouble;
	}
	const cJSON *co = cJSON_GetObjectItemCaseSensitive(ready, "check_owner");
	if (co && !cJSON_IsBool(co)) {
		snprintf(err, errlen, "%s: $.launch.ready.check_owner: true or false", source);
		return -1;
	}
	t->launch.check_owner = !cJSON_IsFalse(co);
	const cJSON *stop = cJSON_GetObjectItemCaseSensitive(l, "stop");
	if (stop) {
		const cJSON *sig = cJSON_GetObjectItemCaseSensitive(stop, "signal");
		const cJSON *rpc = cJSON_GetObjectItemCaseSensitive(stop, "rpc");
		const cJSON *http = cJSON_GetObjectItemCaseSensitive(stop, "http");
		if (!cJSON_IsString(sig) && !cJSON_IsString(rpc) && !cJSON_IsString(http)) {
			snprintf(err, errlen,
				 "%s: $.launch.stop: needs \"signal\", \"rpc\" or \"http\"",
				 source);
			return -1;
		}
		if (cJSON_IsString(sig) && strcmp(sig->valuestring, "TERM") &&
		    strcmp(sig->valuestring, "INT")) {
			snprintf(err, errlen, "%s: $.launch.stop.signal: \"TERM\" or \"INT\"",
				 source);
			return -1;
		}
	}
	const cJSON *jwt = cJSON_GetObjectItemCaseSensitive(l, "jwt_secret");
	if (jwt && (!cJSON_IsString(jwt) || !jwt->valuestring[0] || strchr(jwt->valuestring, '/') ||
		    !strcmp(jwt->valuestring, ".") || !strcmp(jwt->valuestring, ".."))) {
		snprintf(err, errlen,
			 "%s: $.launch.jwt_secret: the name of a file in the node's work "
			 "dir (no '/'), where the runner writes a fresh secret",
			 source);
		return -1;
	}
	const cJSON *after = cJSON_GetObjectItemCaseSensitive(l, "after_start");
	if (after) {
		if (!cJSON_IsArray(after)) {
			snprintf(err, errlen, "%s: $.launch.after_start: must be an array", source);
			return -1;
		}
		int i = 0;
		const cJSON *a;
		cJSON_ArrayForEach (a, after) {
			if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(a, "method"))) {
				snprintf(err, errlen,
					 "%s: $.launch.after_start[%d].method: missing", source, i);
				return -1;
			}
			const cJSON *u = cJSON_GetObjectItemCaseSensitive(a, "url");
			if (u && (!cJSON_IsString(u) || (strncmp(u->valuestring, "http://", 7) &&
							 strncmp(u->valuestring, "https://", 8)))) {
				snprintf(err, errlen,
					 "%s: $.launch.after_start[%d].url: an http:// or "
					 "https:// URL (${port1} etc. are filled in)",
					 source, i);
				return -1;
			}
			const cJSON *j = cJSON_GetObjectItemCaseSensitive(a, "jwt");
			if (j && !cJSON_IsBool(j)) {
				snprintf(err, errlen,
					 "%s: $.launch.after_start[%d].jwt: true or false", source,
					 i);
				return -1;
			}
			if (cJSON_IsTrue(j) && !jwt) {
				snprintf(
					err, errlen,
					"%s: $.launch.after_start[%d].jwt: needs "
					"$.launch.jwt_secret (the secret the node and the runner share)",
					source, i);
				return -1;
			}
			i++;
		}
	}
	const cJSON *ports = cJSON_GetObjectItemCaseSensitive(l, "ports");
	t->launch.nports = 1;
	if (ports) {
		if (!cJSON_IsNumber(ports) || ports->valueint < 0 ||
		    ports->valueint > DLT_MAX_PORTS) {
			snprintf(err, errlen, "%s: $.launch.ports: a number from 0 to %d", source,
				 DLT_MAX_PORTS);
			return -1;
		}
		t->launch.nports = ports->valueint;
	}
	t->launch.command = dup_member(l, "command");
	t->launch.bins = dup_member(l, "bins");
	t->launch.files = dup_member(l, "files");
	t->launch.env = dup_member(l, "env");
	t->launch.ready = dup_member(l, "ready");
	t->launch.stop = stop ? cJSON_Duplicate(stop, 1) : cJSON_Parse("{\"signal\":\"TERM\"}");
	t->launch.after_start = dup_member(l, "after_start");
	t->launch.jwt_secret = jwt ? dlt_xstrdup(jwt->valuestring) : NULL;
	t->launchable = 1;
	return 0;
}

int dlt_target_from_json(const cJSON *json, const char *source, struct dlt_target **out, char *err,
			 size_t errlen)
{
	*out = NULL;
	if (!cJSON_IsObject(json)) {
		snprintf(err, errlen, "%s: $: a target must be a JSON object", source);
		return -1;
	}
	int bad = 0;
	const char *name = opt_string(json, "name", source, "$", 1, err, errlen, &bad);
	const char *family =
		bad ? NULL : opt_string(json, "family", source, "$", 1, err, errlen, &bad);
	const char *url = bad ? NULL : opt_string(json, "url", source, "$", 1, err, errlen, &bad);
	const char *impl =
		bad ? NULL : opt_string(json, "implementation", source, "$", 0, err, errlen, &bad);
	const char *user = bad ? NULL : opt_string(json, "user", source, "$", 0, err, errlen, &bad);
	const char *pw =
		bad ? NULL : opt_string(json, "password", source, "$", 0, err, errlen, &bad);
	const char *zmq =
		bad ? NULL : opt_string(json, "zmq_url", source, "$", 0, err, errlen, &bad);
	const char *chain =
		bad ? NULL : opt_string(json, "chain", source, "$", 0, err, errlen, &bad);
	const char *adapter =
		bad ? NULL : opt_string(json, "adapter", source, "$", 0, err, errlen, &bad);
	const char *curve =
		bad ? NULL
		    : opt_string(json, "curve_server_key", source, "$", 0, err, errlen, &bad);
	if (bad)
		return -1;
	if (!adapter)
		adapter = family;
	for (const char *p = chain; p && *p; p++) {
		if (!(*p == '-' || *p == '_' || *p == '.' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
			snprintf(err, errlen,
				 "%s: $.chain: \"%s\" may hold only letters, digits, "
				 "'-', '_', '.'",
				 source, chain);
			return -1;
		}
	}
	for (const char *p = name; *p; p++) {
		if (!(*p == '-' || *p == '_' || *p == '.' || *p == ':' ||
		      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9'))) {
			snprintf(err, errlen,
				 "%s: $.name: \"%s\" may hold only letters, digits, "
				 "'-', '_', '.', ':'",
				 source, name);
			return -1;
		}
	}
	if (!dlt_adapter_find(family)) {
		snprintf(err, errlen, "%s: $.family: unknown family \"%s\" (known: %s)", source,
			 family, dlt_adapter_families());
		return -1;
	}
	int external = !strcmp(adapter, "external");
	if (!external && strcmp(adapter, family) != 0) {
		snprintf(err, errlen,
			 "%s: $.adapter: \"%s\" is neither the family \"%s\" nor "
			 "\"external\" (an adapter process speaking docs/adapter-protocol.md)",
			 source, adapter, family);
		return -1;
	}
	if (external && strncmp(url, "tcp://", 6) != 0 && strncmp(url, "ipc://", 6) != 0) {
		snprintf(err, errlen,
			 "%s: $.url: \"%s\" is not a ZeroMQ endpoint (tcp://HOST:PORT or "
			 "ipc://PATH), which an external adapter binds",
			 source, url);
		return -1;
	}
	if (external && !curve && !dlt_ext_endpoint_is_local(url)) {
		snprintf(err, errlen,
			 "%s: $.url: %s is not a loopback endpoint: an adapter off this "
			 "machine needs CURVE, set \"curve_server_key\" (docs/adapter-protocol.md, "
			 "\"Security\")",
			 source, url);
		return -1;
	}
	if (curve && strlen(curve) != 40) {
		snprintf(err, errlen,
			 "%s: $.curve_server_key: the adapter's CURVE public key, 40 Z85 "
			 "characters (zmq_curve_keypair)",
			 source);
		return -1;
	}
	if (!external && strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		snprintf(err, errlen, "%s: $.url: \"%s\" is not an http:// or https:// URL", source,
			 url);
		return -1;
	}
	const cJSON *params = cJSON_GetObjectItemCaseSensitive(json, "params");
	if (params && !cJSON_IsObject(params)) {
		snprintf(err, errlen, "%s: $.params: must be an object", source);
		return -1;
	}
	const cJSON *caps = cJSON_GetObjectItemCaseSensitive(json, "capabilities");
	if (caps) {
		if (!cJSON_IsObject(caps)) {
			snprintf(err, errlen,
				 "%s: $.capabilities: must be an object with \"add\" "
				 "and/or \"remove\" arrays",
				 source);
			return -1;
		}
		const cJSON *c;
		cJSON_ArrayForEach (c, caps) {
			char p[128];
			snprintf(p, sizeof p, "$.capabilities.%s", c->string);
			if (strcmp(c->string, "add") && strcmp(c->string, "remove")) {
				snprintf(err, errlen,
					 "%s: %s: unknown member (\"add\" or \"remove\")", source,
					 p);
				return -1;
			}
			if (check_string_array(c, source, p, err, errlen))
				return -1;
		}
	}
	static const char *const members[] = {
		"name",        "family",  "url",    "implementation", "user",
		"password",    "zmq_url", "params", "capabilities",   "launch",
		"description", "default", "chain",  "adapter",        "curve_server_key",
		NULL
	};
	const cJSON *m;
	cJSON_ArrayForEach (m, json) {
		int ok = 0;
		for (size_t i = 0; members[i]; i++)
			ok |= strcmp(m->string, members[i]) == 0;
		if (!ok) {
			snprintf(err, errlen, "%s: $.%s: unknown member", source, m->string);
			return -1;
		}
	}
	const cJSON *dflt = cJSON_GetObjectItemCaseSensitive(json, "default");
	if (dflt && !cJSON_IsBool(dflt)) {
		snprintf(err, errlen, "%s: $.default: true or false", source);
		return -1;
	}
	struct dlt_target *t = dlt_xcalloc(1, sizeof *t);
	t->in_default = !cJSON_IsFalse(dflt);
	t->name = dlt_xstrdup(name);
	t->family = dlt_xstrdup(family);
	t->adapter = dlt_xstrdup(adapter);
	t->curve_server_key = dlt_xstrdup(curve);
	t->url = dlt_xstrdup(url);
	t->implementation = dlt_xstrdup(impl ? impl : name);
	t->user = dlt_xstrdup(user);
	t->password = dlt_xstrdup(pw);
	t->zmq_url = dlt_xstrdup(zmq);
	t->chain = dlt_xstrdup(chain);
	t->url_template = dlt_xstrdup(url);
	t->zmq_template = dlt_xstrdup(zmq);
	t->source = dlt_xstrdup(source);
	t->params = params ? cJSON_Duplicate(params, 1) : cJSON_CreateObject();
	t->capabilities = caps ? cJSON_Duplicate(caps, 1) : NULL;
	t->pid = -1;
	const cJSON *launch = cJSON_GetObjectItemCaseSensitive(json, "launch");
	if (launch && parse_launch(t, launch, source, err, errlen)) {
		dlt_target_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

int dlt_target_load_file(const char *path, struct dlt_target **out, char *err, size_t errlen)
{
	cJSON *doc = dlt_load_json_file(path, err, errlen);
	if (!doc)
		return -1;
	int rc = dlt_target_from_json(doc, dlt_relpath(path), out, err, errlen);
	cJSON_Delete(doc);
	return rc;
}

/* The '@' that ends the user information of the authority starting at s, or NULL: the last one
 * before the path, as a password may hold '@' ("http://user:p@ss@host"). */
static const char *userinfo_end(const char *s)
{
	const char *at = NULL;
	for (size_t n = strcspn(s, "/?#"), i = 0; i < n; i++)
		if (s[i] == '@')
			at = s + i;
	return at;
}

int dlt_target_from_url(const char *spec, struct dlt_target **out, char *err, size_t errlen)
{
	*out = NULL;
	char family[64] = "ethereum";
	const char *url = spec;
	const char *eq = strchr(spec, '=');
	if (eq && strncmp(spec, "http", 4) != 0) {
		snprintf(family, sizeof family, "%.*s", (int)(eq - spec), spec);
		url = eq + 1;
	}
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		snprintf(err, errlen, "--target %s: not a URL (http://HOST:PORT or FAMILY=URL)",
			 spec);
		return -1;
	}
	if (!dlt_adapter_find(family)) {
		snprintf(err, errlen, "--target %s: unknown family \"%s\" (known: %s)", spec,
			 family, dlt_adapter_families());
		return -1;
	}
	/* name: host:port without credentials */
	char *pub = dlt_target_public_url(url);
	const char *host = strstr(pub, "://") + 3;
	char name[256];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(host, "/"), host);
	free(pub);
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "name", name);
	cJSON_AddStringToObject(j, "family", family);
	/* credentials in the URL go to user/password, never into names or reports */
	const char *scheme_end = strstr(url, "://") + 3;
	const char *at = userinfo_end(scheme_end);
	if (at) {
		char *cred = dlt_printf("%.*s", (int)(at - scheme_end), scheme_end);
		char *colon = strchr(cred, ':');
		if (colon) {
			*colon = '\0';
			cJSON_AddStringToObject(j, "password", colon + 1);
		}
		cJSON_AddStringToObject(j, "user", cred);
		memset(cred, 0, strlen(cred));
		free(cred);
		char *clean = dlt_target_public_url(url);
		cJSON_AddStringToObject(j, "url", clean);
		free(clean);
	} else
		cJSON_AddStringToObject(j, "url", url);
	char source[300];
	snprintf(source, sizeof source, "--target %s", name);
	int rc = dlt_target_from_json(j, source, out, err, errlen);
	cJSON_Delete(j);
	if (rc == 0)
		(*out)->chain_unknown = 1;
	return rc;
}

char *dlt_target_public_url(const char *url)
{
	const char *s = strstr(url, "://");
	if (!s)
		return dlt_xstrdup(url);
	s += 3;
	const char *at = userinfo_end(s);
	if (!at)
		return dlt_xstrdup(url);
	return dlt_printf("%.*s%s", (int)(s - url), url, at + 1);
}

/* The value of variable key (klen bytes) of t, written into num when it is a number; NULL when
 * key is not a variable of targets. */
static const char *variable(const struct dlt_target *t, const char *key, size_t klen, char num[32])
{
	if (klen == 4 && !strncmp(key, "port", 4)) {
		snprintf(num, 32, "%d", t->ports[0]);
		return num;
	}
	if (klen == 5 && !strncmp(key, "port", 4) && key[4] >= '0' &&
	    key[4] < '0' + DLT_MAX_PORTS) {
		snprintf(num, 32, "%d", t->ports[key[4] - '0']);
		return num;
	}
	if (klen == 3 && !strncmp(key, "dir", 3))
		return t->workdir ? t->workdir : "";
	if (klen == 4 && !strncmp(key, "name", 4))
		return t->name;
	if (klen == 4 && !strncmp(key, "home", 4))
		return dlt_home();
	if (klen == 4 && !strncmp(key, "user", 4))
		return t->user ? t->user : "";
	if (klen == 8 && !strncmp(key, "password", 8))
		return t->password ? t->password : "";
	return NULL;
}

char *dlt_target_expand(const struct dlt_target *t, const char *s)
{
	struct dlt_buf out = DLT_BUF_INIT;
	while (*s) {
		const char *end = s[0] == '$' && s[1] == '{' ? strchr(s, '}') : NULL;
		char num[32];
		const char *rep = end ? variable(t, s + 2, (size_t)(end - s - 2), num) : NULL;
		if (rep) {
			dlt_buf_puts(&out, rep);
			s = end + 1;
		} else {
			dlt_buf_append(&out, s, 1);
			s++;
		}
	}
	return dlt_buf_take(&out);
}

/* Expand every string value below x, in place (depth: cJSON's parser nests at most 1000). */
static void expand_tree(const struct dlt_target *t, cJSON *x)
{
	for (; x; x = x->next) {
		if (cJSON_IsString(x) && strstr(x->valuestring, "${")) {
			char *e = dlt_target_expand(t, x->valuestring);
			cJSON_SetValuestring(x, e);
			free(e);
		}
		expand_tree(t, x->child);
	}
}

cJSON *dlt_target_expand_json(const struct dlt_target *t, const cJSON *v)
{
	if (!v)
		return NULL;
	cJSON *copy = cJSON_Duplicate(v, 1); /* a root has no siblings */
	expand_tree(t, copy);
	return copy;
}

struct dlt_adapter_config dlt_target_config(const struct dlt_target *t, const cJSON *params)
{
	struct dlt_adapter_config cfg = {
		.name = t->name,
		.url = t->url,
		.user = t->user,
		.password = t->password,
		.zmq_url = t->zmq_url,
		.curve_server_key = t->curve_server_key,
		.params = params,
		.max_response = t->max_response,
	};
	return cfg;
}

int dlt_target_open(const struct dlt_adapter_ops *ops, const struct dlt_target *t,
		    struct dlt_conn **out, struct dlt_err *err)
{
	cJSON *params = dlt_target_expand_json(t, t->params);
	struct dlt_adapter_config cfg = dlt_target_config(t, params);
	int rc = ops->open(&cfg, out, err);
	cJSON_Delete(params);
	return rc;
}
