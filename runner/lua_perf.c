/*
 * lua_perf.c: what the performance scenarios (suites/perf, PERF-01..04; docs/performance.md,
 * "Ledger performance") need from C:
 *   - dlt.histogram(): a latency histogram (common/histogram.h) with h:record(us),
 *     h:percentile(p), h:summary();
 *   - node:load{method=, params=, rate=, duration= | count=, ramp_to=, path=, max_inflight=}:
 *     open-loop, rate-controlled load: request i is sent at its scheduled time whether or not
 *     earlier ones were answered (curl multi, up to max_inflight at once), and its latency is
 *     counted from that scheduled time, so a slow node cannot slow the sender and hide its
 *     latency (coordinated omission). Bounded: at most 100,000 requests, 60 s, 10,000/s, and
 *     the scenario's deadline;
 *   - t:perf(label, result): keeps a measurement in the result's "perf" list with its raw
 *     histogram (docs/results.md), for the report's performance section.
 */
#include "runner/host_internal.h"
#include "runner/exec.h"
#include "runner/lua_json.h"
#include "runner/target.h"
#include "common/abort_flag.h"
#include "common/buf.h"
#include "common/clock.h"
#include "common/histogram.h"
#include "common/mem.h"

#include <curl/curl.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HIST_META "dlt.histogram"
#define MAX_REQUESTS 100000
#define MAX_SECONDS 60.0
#define MAX_RATE 10000.0
#define MAX_INFLIGHT 256
#define MAX_PERF_ENTRIES 64

static struct dlt_hist *check_hist(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, HIST_META);
}

static struct dlt_hist *push_hist(lua_State *L)
{
	struct dlt_hist *h = lua_newuserdatauv(L, sizeof *h, 0);
	dlt_hist_init(h);
	luaL_setmetatable(L, HIST_META);
	return h;
}

static int l_histogram(lua_State *L)
{
	push_hist(L);
	return 1;
}

static int h_record(lua_State *L)
{
	dlt_hist_record(check_hist(L, 1), luaL_checknumber(L, 2));
	return 0;
}

static int h_percentile(lua_State *L)
{
	lua_pushinteger(L,
			(lua_Integer)dlt_hist_percentile(check_hist(L, 1), luaL_checknumber(L, 2)));
	return 1;
}

static int h_count(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)check_hist(L, 1)->count);
	return 1;
}

static void push_summary(lua_State *L, const struct dlt_hist *h)
{
	lua_createtable(L, 0, 7);
	lua_pushinteger(L, (lua_Integer)h->count);
	lua_setfield(L, -2, "count");
	lua_pushinteger(L, h->count ? (lua_Integer)h->min : 0);
	lua_setfield(L, -2, "min_us");
	lua_pushnumber(L, dlt_hist_mean(h));
	lua_setfield(L, -2, "mean_us");
	static const struct {
		const char *name;
		double p;
	} ps[] = {
		{ "p50_us", 50 },
		{ "p90_us", 90 },
		{ "p99_us", 99 },
	};
	for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
		lua_pushinteger(L, (lua_Integer)dlt_hist_percentile(h, ps[i].p));
		lua_setfield(L, -2, ps[i].name);
	}
	lua_pushinteger(L, (lua_Integer)h->max);
	lua_setfield(L, -2, "max_us");
}

static int h_summary(lua_State *L)
{
	push_summary(L, check_hist(L, 1));
	return 1;
}

/* ---- open-loop load ---- */

struct request {
	CURL *easy;
	double intended; /* when it was scheduled to be sent */
	struct dlt_buf body; /* the answer, up to the target's answer limit */
	size_t limit;
	int too_big;
};

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct request *q = arg;
	size_t len = size * n;
	if (q->body.len + len > q->limit) {
		q->too_big = 1;
		return 0;
	}
	dlt_buf_append(&q->body, p, len);
	return len;
}

/* The offset (s) of request i from the start: fixed rate r0, or a rate rising linearly from
 * r0 to r1 over d seconds (then staying at r1): the time at which i requests are due. */
static double offset_of(long i, double r0, double r1, double d)
{
	if (r1 <= 0 || r1 == r0 || d <= 0)
		return (double)i / r0;
	double k = (r1 - r0) / d; /* rate(t) = r0 + k t; due(t) = r0 t + k t^2 / 2 */
	double at_end = r0 * d + k * d * d / 2;
	if ((double)i >= at_end)
		return d + ((double)i - at_end) / r1;
	return (-r0 + sqrt(r0 * r0 + 2 * k * (double)i)) / k;
}

/* Whether an answer is a JSON-RPC success: an object with no non-null "error". */
static int answer_ok(struct request *q, long status, CURLcode rc)
{
	if (rc != CURLE_OK || status != 200 || q->too_big)
		return 0;
	cJSON *j =
		cJSON_ParseWithLength(q->body.data ? (const char *)q->body.data : "", q->body.len);
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
	int ok = cJSON_IsObject(j) && cJSON_GetObjectItemCaseSensitive(j, "result") &&
		 (!e || cJSON_IsNull(e));
	cJSON_Delete(j);
	return ok;
}

static double opt_number(lua_State *L, int t, const char *k, double def, double min, double max)
{
	lua_getfield(L, t, k);
	double v = lua_isnil(L, -1) ? def : luaL_checknumber(L, -1);
	lua_pop(L, 1);
	if (!(v >= min && v <= max))
		luaL_error(L, "node:load: %s = %f is outside %f..%f", k, (lua_Number)v,
			   (lua_Number)min, (lua_Number)max);
	return v;
}

static int n_load(lua_State *L)
{
	struct dlt_exec *x = dlt_exec_get(L);
	if (!x)
		return luaL_error(L, "nodes can only be used while a scenario runs");
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_getfield(L, 1, "_role");
	int role = (int)luaL_checkinteger(L, -1);
	lua_pop(L, 1);
	if (role < 0 || role >= x->nroles)
		return luaL_error(L, "node:load: not a node of this scenario");
	const struct dlt_target *tg = x->nodes[role]->target;
	lua_getfield(L, 2, "method");
	const char *method = luaL_checkstring(L, -1);
	lua_pop(L, 1);
	double rate = opt_number(L, 2, "rate", 100, 0.1, MAX_RATE);
	double ramp_to = opt_number(L, 2, "ramp_to", 0, 0, MAX_RATE);
	double duration = opt_number(L, 2, "duration", 0, 0, MAX_SECONDS);
	double ramp = ramp_to > 0 ? (duration > 0 ? duration : 1) : 0;
	long count = (long)opt_number(L, 2, "count", 0, 0, MAX_REQUESTS);
	int max_inflight = (int)opt_number(L, 2, "max_inflight", 64, 1, MAX_INFLIGHT);
	double timeout = opt_number(
		L, 2, "timeout", x->cfg->call_timeout > 0 ? x->cfg->call_timeout : 30, 0.001, 600);
	if (!count) {
		double d = duration > 0 ? duration : 1;
		/* requests due within d seconds */
		long lo = 0, hi = MAX_REQUESTS;
		while (lo < hi) {
			long mid = (lo + hi + 1) / 2;
			if (offset_of(mid - 1, rate, ramp_to, ramp) < d)
				lo = mid;
			else
				hi = mid - 1;
		}
		count = lo > 0 ? lo : 1;
	}
	lua_getfield(L, 2, "path");
	const char *path = lua_isnil(L, -1) ? "" : luaL_checkstring(L, -1);
	lua_pop(L, 1);
	/* the request body: the family's JSON-RPC envelope */
	lua_getfield(L, 2, "params");
	cJSON *params = NULL;
	if (!lua_isnil(L, -1)) {
		char err[256];
		params = dlt_lua_to_json(L, lua_gettop(L), err, sizeof err);
		if (!params)
			return luaL_error(L, "node:load: params: %s", err);
	}
	lua_pop(L, 1);
	cJSON *req = cJSON_CreateObject();
	cJSON_AddStringToObject(req, "jsonrpc", !strcmp(tg->family, "bitcoin") ? "1.0" : "2.0");
	cJSON_AddNumberToObject(req, "id", 1);
	cJSON_AddStringToObject(req, "method", method);
	cJSON_AddItemToObject(req, "params", params ? params : cJSON_CreateArray());
	char *body = cJSON_PrintUnformatted(req);
	cJSON_Delete(req);
	char *url = dlt_printf("%s%s", tg->url, path);
	char *userpwd =
		tg->user ? dlt_printf("%s:%s", tg->user, tg->password ? tg->password : "") : NULL;

	struct dlt_hist hist;
	dlt_hist_init(&hist);
	CURLM *multi = curl_multi_init();
	curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)max_inflight);
	struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json");
	struct request *pool = dlt_xcalloc((size_t)max_inflight, sizeof *pool);
	int *free_slots = dlt_xcalloc((size_t)max_inflight, sizeof *free_slots);
	int nfree = max_inflight, inflight = 0;
	for (int i = 0; i < max_inflight; i++)
		free_slots[i] = max_inflight - 1 - i;
	long sent = 0, ok = 0, errors = 0, late = 0;
	char first_error[200] = "";
	double start = dlt_now(), stop_at = x->deadline - 0.5;
	int cut = 0;
	while (ok + errors < sent || sent < count) {
		double now = dlt_now();
		if (dlt_abort_flag_raised() || now > stop_at) {
			cut = 1;
			break;
		}
		/* send everything that is due, as far as the slots allow */
		while (sent < count && nfree > 0 &&
		       start + offset_of(sent, rate, ramp_to, ramp) <= now) {
			struct request *q = &pool[free_slots[--nfree]];
			q->intended = start + offset_of(sent, rate, ramp_to, ramp);
			if (now - q->intended > 0.001)
				late++;
			dlt_buf_reset(&q->body);
			q->too_big = 0;
			q->limit = tg->max_response ? tg->max_response : 64 * 1024 * 1024;
			if (!q->easy)
				q->easy = curl_easy_init();
			CURL *e = q->easy;
			curl_easy_setopt(e, CURLOPT_URL, url);
			curl_easy_setopt(e, CURLOPT_POSTFIELDS, body);
			curl_easy_setopt(e, CURLOPT_HTTPHEADER, hdr);
			curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
			curl_easy_setopt(e, CURLOPT_WRITEDATA, q);
			curl_easy_setopt(e, CURLOPT_PRIVATE, q);
			curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
			curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(timeout * 1000));
			curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
			if (userpwd)
				curl_easy_setopt(e, CURLOPT_USERPWD, userpwd);
			curl_multi_add_handle(multi, e);
			inflight++;
			sent++;
		}
		int running = 0;
		curl_multi_perform(multi, &running);
		CURLMsg *m;
		int left;
		while ((m = curl_multi_info_read(multi, &left))) {
			if (m->msg != CURLMSG_DONE)
				continue;
			struct request *q = NULL;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&q);
			long status = 0;
			curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
			CURLcode rc = m->data.result;
			curl_multi_remove_handle(multi, m->easy_handle);
			double done = dlt_now();
			if (answer_ok(q, status, rc)) {
				ok++;
				dlt_hist_record(&hist, (done - q->intended) * 1e6);
			} else {
				errors++;
				if (!first_error[0])
					snprintf(first_error, sizeof first_error, "%s",
						 rc != CURLE_OK  ? curl_easy_strerror(rc)
						 : q->too_big    ? "answer over the answer limit"
						 : status != 200 ? "HTTP status other than 200"
								 : "a JSON-RPC error or no result");
			}
			free_slots[nfree++] = (int)(q - pool);
			inflight--;
		}
		/* wait for an answer or the next due request */
		double next =
			sent < count ? start + offset_of(sent, rate, ramp_to, ramp) : now + 0.05;
		int wait_ms = (int)((next - dlt_now()) * 1000);
		if (nfree == 0 || sent >= count || wait_ms > 0)
			curl_multi_poll(multi, NULL, 0,
					wait_ms > 0 ? (wait_ms < 50 ? wait_ms : 50)
						    : (nfree == 0 || sent >= count ? 5 : 0),
					NULL);
	}
	double elapsed = dlt_now() - start;
	for (int i = 0; i < max_inflight; i++) {
		if (pool[i].easy) {
			curl_multi_remove_handle(multi, pool[i].easy);
			curl_easy_cleanup(pool[i].easy);
		}
		dlt_buf_free(&pool[i].body);
	}
	long unanswered = sent - ok - errors;
	curl_multi_cleanup(multi);
	curl_slist_free_all(hdr);
	free(pool);
	free(free_slots);
	free(body);
	free(url);
	free(userpwd);

	lua_createtable(L, 0, 16);
	lua_pushstring(L, tg->name);
	lua_setfield(L, -2, "target");
	lua_pushstring(L, method);
	lua_setfield(L, -2, "method");
	lua_pushstring(L, ramp_to > 0 ? "ramp" : "fixed");
	lua_setfield(L, -2, "mode");
	lua_pushnumber(L, rate);
	lua_setfield(L, -2, "rate");
	if (ramp_to > 0) {
		lua_pushnumber(L, ramp_to);
		lua_setfield(L, -2, "ramp_to");
	}
	lua_pushinteger(L, sent);
	lua_setfield(L, -2, "sent");
	lua_pushinteger(L, ok);
	lua_setfield(L, -2, "ok");
	lua_pushinteger(L, errors + unanswered);
	lua_setfield(L, -2, "errors");
	lua_pushinteger(L, late);
	lua_setfield(L, -2, "sent_late");
	lua_pushboolean(L, cut);
	lua_setfield(L, -2, "cut_short");
	lua_pushnumber(L, elapsed);
	lua_setfield(L, -2, "elapsed_s");
	lua_pushnumber(L, elapsed > 0 ? (double)ok / elapsed : 0);
	lua_setfield(L, -2, "throughput");
	lua_pushnumber(L, elapsed > 0 ? (double)sent / elapsed : 0);
	lua_setfield(L, -2, "offered_rate");
	if (first_error[0]) {
		lua_pushstring(L, first_error);
		lua_setfield(L, -2, "first_error");
	}
	push_summary(L, &hist);
	lua_pushnil(L);
	while (lua_next(L, -2)) { /* copy the summary's fields */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_settable(L, -5);
	}
	lua_pop(L, 1);
	*push_hist(L) = hist;
	lua_setfield(L, -2, "histogram");
	return 1;
}

/* ---- t:perf ---- */

static int t_perf(lua_State *L)
{
	struct dlt_exec *x = dlt_exec_get(L);
	if (!x)
		return luaL_error(L, "t:perf can only be used while a scenario runs");
	const char *label = luaL_checkstring(L, 2);
	luaL_checktype(L, 3, LUA_TTABLE);
	if (!x->perf)
		x->perf = cJSON_CreateArray();
	if (cJSON_GetArraySize(x->perf) >= MAX_PERF_ENTRIES)
		return luaL_error(L, "t:perf: at most %d measurements per scenario",
				  MAX_PERF_ENTRIES);
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "label", label);
	lua_getfield(L, 3, "target");
	if (!lua_isstring(L, -1) && x->nroles > 0)
		cJSON_AddStringToObject(e, "target", x->nodes[0]->target->name);
	lua_pop(L, 1);
	/* numbers, strings and booleans of the table, in key order for stable files */
	const char *keys[64];
	int nk = 0;
	lua_pushnil(L);
	while (lua_next(L, 3) && nk < 64) {
		if (lua_type(L, -2) == LUA_TSTRING &&
		    (lua_type(L, -1) == LUA_TNUMBER || lua_type(L, -1) == LUA_TSTRING ||
		     lua_type(L, -1) == LUA_TBOOLEAN))
			keys[nk++] = lua_tostring(L, -2);
		lua_pop(L, 1);
	}
	if (nk == 64)
		lua_pop(L, 2);
	for (int i = 1; i < nk; i++)
		for (int j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
			const char *k = keys[j];
			keys[j] = keys[j - 1];
			keys[j - 1] = k;
		}
	for (int i = 0; i < nk; i++) {
		if (!strcmp(keys[i], "label"))
			continue;
		lua_getfield(L, 3, keys[i]);
		if (lua_type(L, -1) == LUA_TNUMBER)
			cJSON_AddNumberToObject(e, keys[i], lua_tonumber(L, -1));
		else if (lua_type(L, -1) == LUA_TBOOLEAN)
			cJSON_AddBoolToObject(e, keys[i], lua_toboolean(L, -1));
		else {
			size_t len;
			const char *s = lua_tolstring(L, -1, &len);
			char *cut = dlt_printf("%.*s", (int)(len > 200 ? 200 : len), s);
			cJSON_AddStringToObject(e, keys[i], cut);
			free(cut);
		}
		lua_pop(L, 1);
	}
	lua_getfield(L, 3, "histogram");
	struct dlt_hist *h = luaL_testudata(L, -1, HIST_META);
	if (h) {
		static const struct {
			const char *name;
			double p;
		} ps[] = {
			{ "p50_us", 50 },
			{ "p90_us", 90 },
			{ "p99_us", 99 },
		};
		for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
			if (!cJSON_GetObjectItemCaseSensitive(e, ps[i].name))
				cJSON_AddNumberToObject(e, ps[i].name,
							(double)dlt_hist_percentile(h, ps[i].p));
		if (!cJSON_GetObjectItemCaseSensitive(e, "max_us"))
			cJSON_AddNumberToObject(e, "max_us", (double)h->max);
		cJSON_AddItemToObject(e, "histogram", dlt_hist_json(h));
	}
	lua_pop(L, 1);
	cJSON_AddItemToArray(x->perf, e);
	return 0;
}

void dlt_perf_register(lua_State *L)
{
	static const luaL_Reg hist_methods[] = {
		{ "record", h_record }, { "percentile", h_percentile },
		{ "count", h_count },   { "summary", h_summary },
		{ NULL, NULL },
	};
	luaL_newmetatable(L, HIST_META);
	luaL_newlib(L, hist_methods);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, "dlt.lib");
	lua_pushcfunction(L, l_histogram);
	lua_setfield(L, -2, "histogram");
	lua_pop(L, 1);
	luaL_getmetatable(L, "dlt.node");
	lua_getfield(L, -1, "__index");
	lua_pushcfunction(L, n_load);
	lua_setfield(L, -2, "load");
	lua_pop(L, 2);
	luaL_getmetatable(L, "dlt.context");
	lua_getfield(L, -1, "__index");
	lua_pushcfunction(L, t_perf);
	lua_setfield(L, -2, "perf");
	lua_pop(L, 2);
}
