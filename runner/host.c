/*
 * host.c: the Lua host of one worker (see host.h).
 *
 * Every describe and every run opens a fresh state (open_state): the safe libraries and the
 * base environment (sandbox.c), the dlt library, the context and node metatables, the prelude
 * (compiled once per host, loaded as bytecode), under the limits of lua_limits.c: a memory
 * budget and a deadline enforced by a count hook set before any code runs. A file's top-level
 * code runs under the load time limit; a scenario's run function under its time limit. All
 * work on the state runs in protected calls, so a scenario's error, stop or exhausted memory
 * always comes back here and becomes a verdict; the state is then closed, and nothing it did
 * can reach another scenario.
 */
#include "runner/host_internal.h"
#include "runner/exec.h"
#include "runner/launcher.h"
#include "runner/lua_crypto.h"
#include "runner/lua_json.h"
#include "runner/lua_text.h"
#include "common/text_clean.h"
#include "common/mem.h"
#include "common/strlist.h"
#include "common/clock.h"
#include "common/file.h"
#include "runner/lua_schema.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dlt_host {
	struct dlt_host_config cfg;
	struct dlt_limits_ctl ctl;
	struct dlt_chunk_cache *cache;
	char *prelude; /* the prelude as bytecode */
	size_t prelude_len;
};

void dlt_host_config_defaults(struct dlt_host_config *cfg)
{
	if (cfg->load_timeout <= 0)
		cfg->load_timeout = DLT_DEFAULT_LOAD_TIMEOUT;
	if (!cfg->max_memory_mb)
		cfg->max_memory_mb = DLT_DEFAULT_MAX_MEMORY_MB;
	if (!cfg->max_checks)
		cfg->max_checks = DLT_DEFAULT_MAX_CHECKS;
	if (!cfg->max_log_lines)
		cfg->max_log_lines = DLT_DEFAULT_MAX_LOG_LINES;
	if (!cfg->max_log_bytes)
		cfg->max_log_bytes = DLT_DEFAULT_MAX_LOG_BYTES;
	if (!cfg->max_message)
		cfg->max_message = DLT_DEFAULT_MAX_MESSAGE;
	if (!cfg->max_value)
		cfg->max_value = DLT_DEFAULT_MAX_VALUE;
	if (!cfg->max_stored)
		cfg->max_stored = DLT_DEFAULT_MAX_STORED;
}

cJSON *dlt_host_limits_json(const struct dlt_host_config *in, double timeout)
{
	struct dlt_host_config cfg = *in;
	dlt_host_config_defaults(&cfg);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "timeout", timeout);
	cJSON_AddNumberToObject(o, "load_timeout", cfg.load_timeout);
	cJSON_AddNumberToObject(o, "call_timeout", cfg.call_timeout);
	cJSON_AddNumberToObject(o, "max_memory_mb", (double)cfg.max_memory_mb);
	cJSON_AddNumberToObject(o, "max_checks", (double)cfg.max_checks);
	cJSON_AddNumberToObject(o, "max_log_lines", (double)cfg.max_log_lines);
	cJSON_AddNumberToObject(o, "max_log_bytes", (double)cfg.max_log_bytes);
	cJSON_AddNumberToObject(o, "max_message", (double)cfg.max_message);
	cJSON_AddNumberToObject(o, "max_value", (double)cfg.max_value);
	cJSON_AddNumberToObject(o, "max_stored", (double)cfg.max_stored);
	return o;
}

static int l_now(lua_State *L)
{
	lua_pushnumber(L, dlt_wall());
	return 1;
}

struct dlt_host *dlt_host_new(const struct dlt_host_config *cfg)
{
	struct dlt_host *h = dlt_xcalloc(1, sizeof *h);
	h->cfg = *cfg;
	dlt_host_config_defaults(&h->cfg);
	h->cache = dlt_chunk_cache_new();
	/* the prelude, compiled once */
	lua_State *L = luaL_newstate();
	if (!L) {
		dlt_chunk_cache_free(h->cache);
		free(h);
		return NULL;
	}
	if (luaL_loadbufferx(L, dlt_prelude_lua, strlen(dlt_prelude_lua), "=prelude", "t") !=
		    LUA_OK ||
	    !(h->prelude = dlt_sandbox_dump(L, &h->prelude_len))) {
		fprintf(stderr, "dlt-interop: internal error in prelude: %s\n",
			lua_tostring(L, -1));
		abort();
	}
	lua_close(L);
	return h;
}

void dlt_host_free(struct dlt_host *h)
{
	if (!h)
		return;
	dlt_limits_clear(&h->ctl);
	dlt_chunk_cache_free(h->cache);
	free(h->prelude);
	free(h);
}

/* Metatables that C code gives to new values get a __metatable field: getmetatable returns a
 * stand-in (with the same __name), so no scenario can reach the real one (and, say, add a
 * __gc that C code would then attach to the values it makes). */
static void protect_metatables(lua_State *L)
{
	static const char *const names[] = { "dlt.array",     "dlt.object", "dlt.u256",
					     "dlt.context",   "dlt.node",   "dlt.subscription",
					     "dlt.histogram", NULL };
	int top = lua_gettop(L);
	for (size_t i = 0; names[i]; i++) {
		if (luaL_getmetatable(L, names[i]) != LUA_TTABLE ||
		    lua_getfield(L, -1, "__metatable") != LUA_TNIL) {
			lua_settop(L, top);
			continue;
		}
		lua_pop(L, 1);
		lua_createtable(L, 0, 1);
		lua_getfield(L, -2, "__name");
		lua_setfield(L, -2, "__name");
		lua_setfield(L, -2, "__metatable");
		lua_pop(L, 1);
	}
}

/* Build the environment of a fresh state (runs protected). */
static int setup_state(lua_State *L)
{
	struct dlt_host *h = lua_touserdata(L, 1);
	dlt_sandbox_init(L, h->cfg.lib_dir, h->cache);
	/* the dlt library, shared by scenarios and helper modules */
	lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_BASE);
	lua_newtable(L);
	dlt_lua_json_register(L);
	dlt_lua_crypto_register(L);
	if (h->cfg.openrpc)
		dlt_lua_schema_register(L, h->cfg.openrpc);
	lua_pushcfunction(L, l_now);
	lua_setfield(L, -2, "now");
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, "dlt.lib");
	lua_setfield(L, -2, "dlt");
	lua_pop(L, 1);
	dlt_context_register(L);
	dlt_node_register(L);
	dlt_perf_register(L);
	/* prelude: adds t:shape, t:wait_until and dlt.shape */
	if (luaL_loadbufferx(L, h->prelude, h->prelude_len, "=prelude", "b") != LUA_OK)
		return lua_error(L);
	luaL_getmetatable(L, "dlt.context");
	lua_getfield(L, -1, "__index");
	lua_remove(L, -2);
	lua_getfield(L, LUA_REGISTRYINDEX, "dlt.lib");
	lua_call(L, 2, 0);
	protect_metatables(L);
	return 0;
}

/* A fresh state under the host's limits, with the given deadline; NULL (err set) when it
 * cannot be made. */
static lua_State *open_state(struct dlt_host *h, double deadline, const char *time_reason,
			     char *err, size_t errlen)
{
	dlt_limits_clear(&h->ctl);
	h->ctl.limit = h->cfg.max_memory_mb * 1024 * 1024;
	snprintf(h->ctl.mem_reason, sizeof h->ctl.mem_reason,
		 "memory limit of %zu MB reached (--max-memory)", h->cfg.max_memory_mb);
	h->ctl.deadline = deadline;
	snprintf(h->ctl.time_reason, sizeof h->ctl.time_reason, "%s", time_reason);
	lua_State *L = dlt_limits_newstate(&h->ctl);
	if (!L) {
		snprintf(err, errlen, "cannot create a Lua state (out of memory)");
		return NULL;
	}
	lua_pushcfunction(L, setup_state);
	lua_pushlightuserdata(L, h);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		snprintf(err, errlen, "cannot set up a Lua state: %s",
			 lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "out of memory");
		lua_close(L);
		return NULL;
	}
	return L;
}

static void close_state(struct dlt_host *h, lua_State *L)
{
	/* closing runs only the runner's own finalizers (scenarios cannot set __gc): nothing may
	 * record a stop any more */
	h->ctl.deadline = 0;
	h->ctl.user = NULL;
	enum dlt_stop stop = h->ctl.stop;
	h->ctl.stop = stop == STOP_NONE ? STOP_ERROR : stop; /* sticky: no new stop */
	lua_close(L);
	h->ctl.stop = stop;
}

/* scenario{...} while loading: keep the table */
static int l_scenario(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	if (lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_CAPTURE) != LUA_TNIL)
		return luaL_error(L, "scenario{} called twice in one file");
	lua_pop(L, 1);
	lua_pushvalue(L, 1);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_CAPTURE);
	return 0;
}

static int msgh(lua_State *L)
{
	if (dlt_limits_is_stop(L, 1))
		return 1;
	const char *msg = lua_tostring(L, 1);
	if (!msg) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)",
					      luaL_typename(L, 1));
	}
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/* The error on the top of the stack as clean text of at most max bytes (malloc'd); when
 * first_line is set, only its first line. */
static char *error_text(lua_State *L, int first_line, size_t max)
{
	size_t len = 0;
	const char *m = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
	if (!m) {
		m = "error (not a string)";
		len = strlen(m);
	}
	if (first_line) {
		const char *nl = memchr(m, '\n', len);
		if (nl)
			len = (size_t)(nl - m);
	}
	return dlt_text_clean(m, len, max);
}

/* Execute the file's chunk in a fresh environment under the load time limit (must run
 * protected); leaves the scenario table on the stack, or returns -1 with err set. */
/* The lib/ folder of the --suite folder holding path (the longest that does; a suite given as
 * a file: the lib/ beside it), when it exists; NULL otherwise. */
static char *suite_lib_of(const struct dlt_host *h, const char *path)
{
	const struct dlt_strlist *dirs = h->cfg.suite_dirs;
	const char *best = NULL;
	size_t blen = 0;
	for (size_t i = 0; dirs && i < dirs->n; i++) {
		const char *d = dirs->v[i];
		size_t n = strlen(d);
		while (n > 1 && d[n - 1] == '/')
			n--;
		int under = !strncmp(path, d, n) && path[n] == '/';
		int same = !strcmp(path, d);
		if ((under || same) && n >= blen) {
			best = d;
			blen = n;
		}
	}
	if (!best)
		return NULL;
	char *lib;
	if (!strcmp(path, best)) {
		const char *slash = strrchr(best, '/');
		lib = slash ? dlt_printf("%.*s/lib", (int)(slash - best), best)
			    : dlt_xstrdup("lib");
	} else
		lib = dlt_printf("%.*s/lib", (int)blen, best);
	if (!dlt_is_dir(lib)) {
		free(lib);
		return NULL;
	}
	return lib;
}

static int load_scenario_table(struct dlt_host *h, lua_State *L, const char *path, const char *file,
			       int keep, char *err, size_t errlen)
{
	char *own_lib = suite_lib_of(h, path);
	if (own_lib) {
		lua_pushstring(L, own_lib);
		free(own_lib); /* before anything may raise */
		lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_SUITE_LIB);
	}
	char chunkname[1100];
	snprintf(chunkname, sizeof chunkname, "@%s", file);
	lua_pushcfunction(L, msgh);
	int base = lua_gettop(L);
	if (dlt_sandbox_chunk(L, path, chunkname, keep, err, errlen) != 0) {
		char *clean = dlt_text_clean(err, strlen(err), h->cfg.max_message);
		snprintf(err, errlen, "%s", clean);
		free(clean);
		lua_settop(L, base - 1);
		return -1;
	}
	dlt_sandbox_new_env(L);
	lua_pushcfunction(L, l_scenario);
	lua_setfield(L, -2, "scenario");
	lua_setupvalue(L, -2, 1);
	lua_pushnil(L);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_CAPTURE);
	int rc = lua_pcall(L, 0, 0, base);
	dlt_limits_settle(&h->ctl);
	if (rc == LUA_ERRMEM)
		dlt_limits_record(&h->ctl, STOP_INCONCLUSIVE, h->ctl.mem_reason);
	if (h->ctl.stop != STOP_NONE) {
		/* a limit stopped the top-level code (even if it caught the stop) */
		snprintf(err, errlen, "%s: %s", file, h->ctl.reason);
		lua_settop(L, base - 1);
		return -1;
	}
	if (rc != LUA_OK) {
		char *m = error_text(L, 1, h->cfg.max_message);
		snprintf(err, errlen, "%s", m);
		free(m);
		lua_settop(L, base - 1);
		return -1;
	}
	lua_settop(L, base - 1);
	if (lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_CAPTURE) != LUA_TTABLE) {
		lua_pop(L, 1);
		snprintf(err, errlen, "%s: the file does not call scenario{ ... }", file);
		return -1;
	}
	return 0;
}

/* ---------- reading the scenario table (raw access only: no metamethod runs) ---------- */

static int rawfield(lua_State *L, int tbl, const char *key)
{
	lua_pushstring(L, key);
	return lua_rawget(L, tbl);
}

static int read_strlist(lua_State *L, int tbl, const char *key, struct dlt_strlist *out,
			const char *file, char *err, size_t errlen)
{
	int t = rawfield(L, tbl, key);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return 0;
	}
	if (t != LUA_TTABLE) {
		snprintf(err, errlen, "%s: scenario.%s: must be a list of strings", file, key);
		lua_pop(L, 1);
		return -1;
	}
	lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, -1, i);
		const char *v = dlt_lua_totext(L, -1);
		if (!v || strlen(v) > 200) {
			snprintf(err, errlen,
				 "%s: scenario.%s[%d]: must be a string (at most 200 "
				 "bytes, no zero byte)",
				 file, key, (int)i);
			lua_pop(L, 2);
			return -1;
		}
		dlt_strlist_add(out, v);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return 0;
}

static const char *const families[] = { "ethereum", "bitcoin", "monero", "external", "any", NULL };

static int known_family(const char *f)
{
	for (size_t i = 0; f && families[i]; i++)
		if (!strcmp(f, families[i]))
			return 1;
	return 0;
}

static int valid_id(const char *s)
{
	if (!s || !*s || strlen(s) > 200)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int describe_table(struct dlt_host *h, lua_State *L, const char *file,
			  struct dlt_scenario *s, char *err, size_t errlen)
{
	int tbl = lua_gettop(L);
	static const char *const fields[] = { "id",      "title",       "family", "roadmap",
					      "vectors", "requires",    "roles",  "timeout",
					      "run",     "description", "chain",  NULL };
	lua_pushnil(L);
	while (lua_next(L, tbl)) {
		lua_pop(L, 1);
		const char *k = dlt_lua_totext(L, -1);
		int ok = 0;
		for (size_t i = 0; k && fields[i]; i++)
			ok |= !strcmp(k, fields[i]);
		if (!ok) {
			char *shown = NULL;
			if (lua_type(L, -1) == LUA_TSTRING) {
				size_t len;
				const char *raw = lua_tolstring(L, -1, &len);
				shown = dlt_text_clean(raw, len, 100);
			}
			snprintf(err, errlen, "%s: scenario has an unknown field %s%s%s", file,
				 shown ? "\"" : "", shown ? shown : "(not a name)",
				 shown ? "\"" : "");
			free(shown);
			lua_pop(L, 1);
			return -1;
		}
	}
	rawfield(L, tbl, "id");
	if (lua_type(L, -1) == LUA_TNUMBER)
		lua_tostring(L, -1); /* an id may be given as a number */
	if (!valid_id(dlt_lua_totext(L, -1))) {
		snprintf(err, errlen,
			 "%s: scenario.id: required, letters, digits, '.', '-', '_' "
			 "(at most 200)",
			 file);
		return -1;
	}
	free(s->id);
	s->id = dlt_xstrdup(lua_tostring(L, -1));
	rawfield(L, tbl, "title");
	if (lua_type(L, -1) != LUA_TSTRING) {
		snprintf(err, errlen, "%s: scenario.title: required string", file);
		return -1;
	}
	{
		size_t len;
		const char *t = lua_tolstring(L, -1, &len);
		s->title = dlt_text_clean(t, len, h->cfg.max_message);
	}
	rawfield(L, tbl, "family");
	if (!known_family(dlt_lua_totext(L, -1))) {
		snprintf(err, errlen,
			 "%s: scenario.family: required, one of ethereum, bitcoin, "
			 "monero, external, any",
			 file);
		return -1;
	}
	s->family = dlt_xstrdup(lua_tostring(L, -1));
	if (rawfield(L, tbl, "chain") != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TSTRING || !valid_id(lua_tostring(L, -1))) {
			snprintf(err, errlen,
				 "%s: scenario.chain: the name of the chain the scenario "
				 "needs: letters, digits, '.', '-', '_' (at most 200)",
				 file);
			return -1;
		}
		s->chain = dlt_xstrdup(lua_tostring(L, -1));
	}
	rawfield(L, tbl, "run");
	if (!lua_isfunction(L, -1)) {
		snprintf(err, errlen, "%s: scenario.run: required function", file);
		return -1;
	}
	rawfield(L, tbl, "timeout");
	if (!lua_isnil(L, -1)) {
		if (lua_type(L, -1) != LUA_TNUMBER || !(lua_tonumber(L, -1) > 0) ||
		    lua_tonumber(L, -1) > 1e9) {
			snprintf(err, errlen, "%s: scenario.timeout: a positive number of seconds",
				 file);
			return -1;
		}
		s->timeout = lua_tonumber(L, -1);
	}
	lua_settop(L, tbl);
	if (read_strlist(L, tbl, "roadmap", &s->roadmap, file, err, errlen) ||
	    read_strlist(L, tbl, "vectors", &s->vectors, file, err, errlen) ||
	    read_strlist(L, tbl, "requires", &s->requires, file, err, errlen))
		return -1;
	if (s->roadmap.n == 0) {
		snprintf(err, errlen, "%s: scenario.roadmap: name at least one requirement id",
			 file);
		return -1;
	}
	int t = rawfield(L, tbl, "roles");
	if (t == LUA_TNIL) {
		s->nroles = 1;
		s->roles[0].name = dlt_xstrdup("node");
		s->roles[0].family = dlt_xstrdup(s->family);
	} else if (t == LUA_TTABLE) {
		s->multi = 1;
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		if (n > 0) {
			for (lua_Integer i = 1; i <= n; i++) {
				lua_rawgeti(L, -1, i);
				if (!dlt_lua_totext(L, -1) || i > DLT_MAX_ROLES) {
					snprintf(err, errlen,
						 "%s: scenario.roles[%d]: role names are "
						 "strings (at most %d roles)",
						 file, (int)i, DLT_MAX_ROLES);
					return -1;
				}
				s->roles[s->nroles].name = dlt_xstrdup(lua_tostring(L, -1));
				s->roles[s->nroles].family = dlt_xstrdup(s->family);
				s->nroles++;
				lua_pop(L, 1);
			}
		} else {
			/* { utxo = "bitcoin", evm = "ethereum" }: sorted by role name */
			lua_pushnil(L);
			while (lua_next(L, -2)) {
				if (!dlt_lua_totext(L, -2) ||
				    !known_family(dlt_lua_totext(L, -1)) ||
				    s->nroles >= DLT_MAX_ROLES) {
					snprintf(err, errlen,
						 "%s: scenario.roles: map role names to "
						 "families (ethereum, bitcoin, monero, any)",
						 file);
					lua_pop(L, 2);
					return -1;
				}
				s->roles[s->nroles].name = dlt_xstrdup(lua_tostring(L, -2));
				s->roles[s->nroles].family = dlt_xstrdup(lua_tostring(L, -1));
				s->nroles++;
				lua_pop(L, 1);
			}
			for (int i = 1; i < s->nroles; i++)
				for (int j = i;
				     j > 0 && strcmp(s->roles[j - 1].name, s->roles[j].name) > 0;
				     j--) {
					struct dlt_role tmp = s->roles[j];
					s->roles[j] = s->roles[j - 1];
					s->roles[j - 1] = tmp;
				}
		}
		if (s->nroles < 1) {
			snprintf(err, errlen, "%s: scenario.roles: empty", file);
			return -1;
		}
		for (int i = 0; i < s->nroles; i++) {
			if (!strcmp(s->roles[i].name, "roles") || !strcmp(s->roles[i].name, "id") ||
			    !valid_id(s->roles[i].name)) {
				snprintf(err, errlen,
					 "%s: scenario.roles: \"%s\" cannot be a role name", file,
					 s->roles[i].name);
				return -1;
			}
		}
	} else {
		snprintf(err, errlen,
			 "%s: scenario.roles: a list of role names or a map role -> family", file);
		return -1;
	}
	lua_settop(L, tbl);
	return 0;
}

/* ---------- describe ---------- */

struct describe_call {
	struct dlt_host *h;
	const char *path, *file;
	struct dlt_scenario *s;
	char err[1200];
	int failed;
};

static int describe_protected(lua_State *L)
{
	struct describe_call *d = lua_touserdata(L, 1);
	lua_pushboolean(L, 1); /* modules load when first used (sandbox.c) */
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_LAZY);
	if (load_scenario_table(d->h, L, d->path, d->file, 0, d->err, sizeof d->err) != 0 ||
	    describe_table(d->h, L, d->file, d->s, d->err, sizeof d->err) != 0)
		d->failed = 1;
	return 0;
}

static char *load_time_reason(const struct dlt_host *h)
{
	return dlt_printf("load time limit of %g s reached (--load-timeout)", h->cfg.load_timeout);
}

void dlt_host_describe(struct dlt_host *h, const char *path, const char *file,
		       struct dlt_scenario *s)
{
	struct describe_call d;
	memset(&d, 0, sizeof d);
	d.h = h;
	d.path = path;
	d.file = file;
	d.s = s;
	s->path = dlt_xstrdup(path);
	s->file = dlt_xstrdup(file);
	char *why = load_time_reason(h);
	lua_State *L = open_state(h, dlt_now() + h->cfg.load_timeout, why, d.err, sizeof d.err);
	free(why);
	if (!L) {
		s->load_error = dlt_printf("%s: %s", file, d.err);
		return;
	}
	lua_pushcfunction(L, describe_protected);
	lua_pushlightuserdata(L, &d);
	int rc = lua_pcall(L, 1, 0, 0);
	dlt_limits_settle(&h->ctl);
	if (rc != LUA_OK && !d.failed) {
		d.failed = 1;
		if (h->ctl.stop != STOP_NONE)
			snprintf(d.err, sizeof d.err, "%s: %s", file, h->ctl.reason);
		else
			snprintf(d.err, sizeof d.err, "%s: %s", file,
				 rc == LUA_ERRMEM ? h->ctl.mem_reason
						  : "error while reading the scenario table");
	}
	if (d.failed)
		s->load_error = dlt_xstrdup(d.err);
	close_state(h, L);
}

/* ---------- run ---------- */

static const char *verdict_of(const struct dlt_host *h, const struct dlt_exec *x, int lua_failed)
{
	switch (h->ctl.stop) {
	case STOP_SKIP: return "skip";
	case STOP_INCONCLUSIVE: return "inconclusive";
	case STOP_ERROR: return "error";
	case STOP_FAIL: return "fail";
	case STOP_NONE: break;
	}
	if (lua_failed)
		return "error";
	if (x->nfail > 0 || x->ninterop_fail > 0)
		return "fail";
	if (x->nchecks == 0)
		return "error";
	return "pass";
}

struct run_call {
	struct dlt_host *h;
	const struct dlt_scenario *s;
	struct dlt_exec *x;
	double run_deadline;
	char run_reason[200];
	int lua_failed;
	char *reason; /* malloc'd: why the scenario errored */
};

/* The test context t with one node handle per role, as t.roles[name] and t[name]. */
static void push_context(lua_State *L, struct dlt_exec *x)
{
	dlt_context_push(L, x);
	lua_createtable(L, 0, x->nroles); /* t.roles */
	for (int i = 0; i < x->nroles; i++) {
		dlt_node_push(L, x, i);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, x->s->roles[i].name);
		lua_setfield(L, -3, x->s->roles[i].name);
	}
	lua_setfield(L, -2, "roles");
}

static int run_protected(lua_State *L)
{
	struct run_call *rc = lua_touserdata(L, 1);
	struct dlt_host *h = rc->h;
	char err[1200];
	if (load_scenario_table(h, L, rc->s->path, rc->s->file, 1, err, sizeof err) != 0) {
		rc->lua_failed = 1;
		rc->reason = dlt_xstrdup(err);
		return 0;
	}
	/* the run function under the scenario's time limit */
	h->ctl.deadline = rc->run_deadline;
	snprintf(h->ctl.time_reason, sizeof h->ctl.time_reason, "%s", rc->run_reason);
	h->ctl.user = rc->x;
	int tbl = lua_gettop(L);
	lua_pushcfunction(L, msgh);
	rawfield(L, tbl, "run");
	push_context(L, rc->x);
	int status = lua_pcall(L, 1, 0, tbl + 1);
	dlt_limits_settle(&h->ctl);
	if (status == LUA_ERRMEM)
		dlt_limits_record(&h->ctl, STOP_INCONCLUSIVE, h->ctl.mem_reason);
	if (status != LUA_OK && h->ctl.stop == STOP_NONE) {
		rc->lua_failed = 1;
		rc->reason = error_text(L, 1, h->cfg.max_message);
		/* the traceback goes to the log, the first line is the reason */
		size_t len;
		const char *m = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
		if (m && memchr(m, '\n', len))
			dlt_exec_log(rc->x, m, len);
	}
	lua_settop(L, 0);
	return 0;
}

cJSON *dlt_host_run(struct dlt_host *h, const struct dlt_scenario *s, struct dlt_node **nodes,
		    struct dlt_conn **conns, double timeout)
{
	struct dlt_exec x;
	double start = dlt_now();
	double limit = s->timeout > 0 ? s->timeout : timeout > 0 ? timeout : DLT_DEFAULT_TIMEOUT;
	dlt_exec_begin(&x, s, &h->cfg, nodes, conns, start, start + limit);

	struct run_call rc;
	memset(&rc, 0, sizeof rc);
	rc.h = h;
	rc.s = s;
	rc.x = &x;
	rc.run_deadline = x.deadline;
	snprintf(rc.run_reason, sizeof rc.run_reason, "time limit of %g s reached (%s)", limit,
		 s->timeout > 0 ? "scenario.timeout" : "--timeout");
	char err[1200];
	char *why = load_time_reason(h);
	double load_deadline = x.start + h->cfg.load_timeout;
	lua_State *L = open_state(h, load_deadline < x.deadline ? load_deadline : x.deadline, why,
				  err, sizeof err);
	free(why);
	if (!L) {
		rc.lua_failed = 1;
		rc.reason = dlt_xstrdup(err);
	} else {
		h->ctl.user = &x;
		lua_pushcfunction(L, run_protected);
		lua_pushlightuserdata(L, &rc);
		int status = lua_pcall(L, 1, 0, 0);
		dlt_limits_settle(&h->ctl);
		if (status == LUA_ERRMEM)
			dlt_limits_record(&h->ctl, STOP_INCONCLUSIVE, h->ctl.mem_reason);
		if (status != LUA_OK && h->ctl.stop == STOP_NONE && !rc.lua_failed) {
			rc.lua_failed = 1;
			rc.reason = error_text(L, 1, h->cfg.max_message);
		}
		close_state(h, L);
	}

	cJSON *r = cJSON_CreateObject();
	const char *verdict = verdict_of(h, &x, rc.lua_failed);
	cJSON_AddStringToObject(r, "verdict", verdict);
	if (h->ctl.stop != STOP_NONE) {
		char *clean =
			dlt_text_clean(h->ctl.reason, strlen(h->ctl.reason), h->cfg.max_message);
		cJSON_AddStringToObject(r, "reason", clean);
		free(clean);
	} else if (rc.reason)
		cJSON_AddStringToObject(r, "reason", rc.reason);
	else if (!strcmp(verdict, "error"))
		cJSON_AddStringToObject(r, "reason", "the scenario made no checks");
	else
		cJSON_AddNullToObject(r, "reason");
	cJSON_AddNumberToObject(r, "duration_ms",
				(double)(long)((dlt_now() - x.start) * 1e5) / 100.0);
	cJSON_AddItemToObject(r, "checks", x.checks);
	cJSON_AddNumberToObject(r, "check_count", (double)x.nchecks);
	cJSON_AddNumberToObject(r, "failed_check_count", (double)(x.nfail + x.ninterop_fail));
	cJSON_AddNumberToObject(r, "checks_dropped", (double)x.checks_dropped);
	cJSON_AddItemToObject(r, "divergences", x.divergences);
	int finished = !strcmp(verdict, "pass") || !strcmp(verdict, "fail");
	if (s->multi && finished && x.ninterop > 0)
		cJSON_AddStringToObject(r, "interop_verdict",
					x.ninterop_fail ? "diverge" : "agree");
	else
		cJSON_AddNullToObject(r, "interop_verdict");
	if (s->multi) {
		/* protocol verdict of each side, apart from the interoperability verdict */
		cJSON *pv = cJSON_AddObjectToObject(r, "protocol_verdicts");
		for (int i = 0; i < s->nroles; i++) {
			const char *v = !finished ? verdict : x.role_fail[i] ? "fail" : "pass";
			cJSON_AddStringToObject(pv, nodes[i]->target->name, v);
		}
	}
	dlt_exec_note_dropped_log(&x);
	cJSON_AddItemToObject(r, "log", x.log);
	cJSON *called = cJSON_AddArrayToObject(r, "methods");
	const cJSON *m;
	cJSON_ArrayForEach (m, x.methods)
		cJSON_AddItemToArray(called, cJSON_CreateString(m->string));
	cJSON_Delete(x.methods);
	if (x.perf)
		cJSON_AddItemToObject(r, "perf", x.perf);
	free(rc.reason);
	return r;
}
