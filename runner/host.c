/*
 * host.c: the Lua host of one worker (see host.h). It sets up the Lua state (sandbox, dlt
 * library, context and node metatables, prelude), reads scenario metadata, and runs one
 * scenario: fresh environment, deadline enforced by an instruction-count hook, every way a
 * scenario can end mapped to a verdict.
 */
#include "host_internal.h"
#include "launcher.h"
#include "lua_crypto.h"
#include "lua_json.h"
#include "util.h"
#include "schema/lua_schema.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dlt_host {
	lua_State *L;
	struct dlt_host_config cfg;
};

static int l_now(lua_State *L)
{
	lua_pushnumber(L, dlt_wall());
	return 1;
}

struct dlt_host *dlt_host_new(const struct dlt_host_config *cfg)
{
	struct dlt_host *h = dlt_xcalloc(1, sizeof *h);
	h->cfg = *cfg;
	lua_State *L = luaL_newstate();
	if (!L) {
		free(h);
		return NULL;
	}
	h->L = L;
	dlt_sandbox_init(L, cfg->lib_dir);
	/* the dlt library, shared by scenarios and helper modules */
	lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_BASE);
	lua_newtable(L);
	dlt_lua_json_register(L);
	dlt_lua_crypto_register(L);
	if (cfg->openrpc)
		dlt_lua_schema_register(L, cfg->openrpc);
	lua_pushcfunction(L, l_now);
	lua_setfield(L, -2, "now");
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, "dlt.lib");
	lua_setfield(L, -2, "dlt");
	lua_pop(L, 1);
	dlt_context_register(L);
	dlt_node_register(L);
	/* prelude: adds t:shape, t:wait_until and dlt.shape */
	if (luaL_loadbufferx(L, dlt_prelude_lua, strlen(dlt_prelude_lua), "=prelude", "t") != LUA_OK) {
		fprintf(stderr, "dlt-interop: internal error in prelude: %s\n", lua_tostring(L, -1));
		abort();
	}
	luaL_getmetatable(L, "dlt.context");
	lua_getfield(L, -1, "__index");
	lua_remove(L, -2);
	lua_getfield(L, LUA_REGISTRYINDEX, "dlt.lib");
	if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
		fprintf(stderr, "dlt-interop: internal error in prelude: %s\n", lua_tostring(L, -1));
		abort();
	}
	return h;
}

void dlt_host_free(struct dlt_host *h)
{
	if (!h)
		return;
	lua_close(h->L);
	free(h);
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
	if (dlt_exec_is_stop(L, 1))
		return 1;
	const char *msg = lua_tostring(L, 1);
	if (!msg) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	}
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/* Execute the file's chunk in a fresh environment; leaves the scenario table on the stack. */
static int load_scenario_table(struct dlt_host *h, const char *path, const char *file,
			       char *err, size_t errlen)
{
	lua_State *L = h->L;
	char chunkname[1100];
	snprintf(chunkname, sizeof chunkname, "@%s", file);
	lua_pushcfunction(L, msgh);
	int base = lua_gettop(L);
	if (dlt_sandbox_chunk(L, path, chunkname, err, errlen) != 0) {
		lua_settop(L, base - 1);
		return -1;
	}
	dlt_sandbox_new_env(L);
	lua_pushcfunction(L, l_scenario);
	lua_setfield(L, -2, "scenario");
	lua_setupvalue(L, -2, 1);
	lua_pushnil(L);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_CAPTURE);
	dlt_sandbox_reset_modules(L);
	if (lua_pcall(L, 0, 0, base) != LUA_OK) {
		const char *m = lua_tostring(L, -1);
		snprintf(err, errlen, "%s", m ? m : "error while loading");
		/* keep the first line and the file:line only */
		char *nl = strchr(err, '\n');
		if (nl)
			*nl = '\0';
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

static int read_strlist(lua_State *L, int tbl, const char *key, struct dlt_strlist *out,
			const char *file, char *err, size_t errlen)
{
	int t = lua_getfield(L, tbl, key);
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
		if (lua_rawgeti(L, -1, i) != LUA_TSTRING) {
			snprintf(err, errlen, "%s: scenario.%s[%d]: must be a string", file, key, (int)i);
			lua_pop(L, 2);
			return -1;
		}
		dlt_strlist_add(out, lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return 0;
}

static const char *const families[] = {"ethereum", "bitcoin", "monero", "external", "any", NULL};

static int known_family(const char *f)
{
	for (size_t i = 0; families[i]; i++)
		if (!strcmp(f, families[i]))
			return 1;
	return 0;
}

static int valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int describe_table(lua_State *L, const char *file, struct dlt_scenario *s, char *err,
			  size_t errlen)
{
	int tbl = lua_gettop(L);
	static const char *const fields[] = {"id", "title", "family", "roadmap", "vectors",
		"requires", "roles", "timeout", "run", "description", NULL};
	lua_pushnil(L);
	while (lua_next(L, tbl)) {
		lua_pop(L, 1);
		const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		int ok = 0;
		for (size_t i = 0; k && fields[i]; i++)
			ok |= !strcmp(k, fields[i]);
		if (!ok) {
			snprintf(err, errlen, "%s: scenario has an unknown field %s%s%s", file,
				 k ? "\"" : "", k ? k : "(not a name)", k ? "\"" : "");
			lua_pop(L, 1);
			return -1;
		}
	}
	lua_getfield(L, tbl, "id");
	if (!lua_isstring(L, -1) || !valid_id(lua_tostring(L, -1))) {
		snprintf(err, errlen, "%s: scenario.id: required, letters, digits, '.', '-', '_'", file);
		return -1;
	}
	free(s->id);
	s->id = dlt_xstrdup(lua_tostring(L, -1));
	lua_getfield(L, tbl, "title");
	if (lua_type(L, -1) != LUA_TSTRING) {
		snprintf(err, errlen, "%s: scenario.title: required string", file);
		return -1;
	}
	s->title = dlt_xstrdup(lua_tostring(L, -1));
	lua_getfield(L, tbl, "family");
	if (lua_type(L, -1) != LUA_TSTRING || !known_family(lua_tostring(L, -1))) {
		snprintf(err, errlen, "%s: scenario.family: required, one of ethereum, bitcoin, "
			 "monero, external, any", file);
		return -1;
	}
	s->family = dlt_xstrdup(lua_tostring(L, -1));
	lua_getfield(L, tbl, "run");
	if (!lua_isfunction(L, -1)) {
		snprintf(err, errlen, "%s: scenario.run: required function", file);
		return -1;
	}
	lua_getfield(L, tbl, "timeout");
	if (!lua_isnil(L, -1)) {
		if (!lua_isnumber(L, -1) || lua_tonumber(L, -1) <= 0) {
			snprintf(err, errlen, "%s: scenario.timeout: a positive number of seconds", file);
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
		snprintf(err, errlen, "%s: scenario.roadmap: name at least one requirement id", file);
		return -1;
	}
	int t = lua_getfield(L, tbl, "roles");
	if (t == LUA_TNIL) {
		s->nroles = 1;
		s->roles[0].name = dlt_xstrdup("node");
		s->roles[0].family = dlt_xstrdup(s->family);
	} else if (t == LUA_TTABLE) {
		s->multi = 1;
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		if (n > 0) {
			for (lua_Integer i = 1; i <= n; i++) {
				if (lua_rawgeti(L, -1, i) != LUA_TSTRING || i > DLT_MAX_ROLES) {
					snprintf(err, errlen, "%s: scenario.roles[%d]: role names are "
						 "strings (at most %d roles)", file, (int)i, DLT_MAX_ROLES);
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
				if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING ||
				    !known_family(lua_tostring(L, -1)) || s->nroles >= DLT_MAX_ROLES) {
					snprintf(err, errlen, "%s: scenario.roles: map role names to "
						 "families (ethereum, bitcoin, monero, any)", file);
					lua_pop(L, 2);
					return -1;
				}
				s->roles[s->nroles].name = dlt_xstrdup(lua_tostring(L, -2));
				s->roles[s->nroles].family = dlt_xstrdup(lua_tostring(L, -1));
				s->nroles++;
				lua_pop(L, 1);
			}
			for (int i = 1; i < s->nroles; i++)
				for (int j = i; j > 0 && strcmp(s->roles[j - 1].name, s->roles[j].name) > 0; j--) {
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
				snprintf(err, errlen, "%s: scenario.roles: \"%s\" cannot be a role name",
					 file, s->roles[i].name);
				return -1;
			}
		}
	} else {
		snprintf(err, errlen, "%s: scenario.roles: a list of role names or a map role -> family",
			 file);
		return -1;
	}
	lua_settop(L, tbl);
	return 0;
}

void dlt_host_describe(struct dlt_host *h, const char *path, const char *file,
		       struct dlt_scenario *s)
{
	lua_State *L = h->L;
	int top = lua_gettop(L);
	char err[1200];
	s->path = dlt_xstrdup(path);
	s->file = dlt_xstrdup(file);
	if (load_scenario_table(h, path, file, err, sizeof err) != 0 ||
	    describe_table(L, file, s, err, sizeof err) != 0)
		s->load_error = dlt_xstrdup(err);
	lua_settop(L, top);
}

static void hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	struct dlt_exec *x = dlt_exec_get(L);
	if (!x)
		return;
	if (dlt_interrupted)
		dlt_exec_stop(L, STOP_INCONCLUSIVE, "interrupted (signal)");
	if (dlt_now() > x->deadline)
		dlt_exec_stop(L, STOP_INCONCLUSIVE, "time limit of %.0f s reached",
			      x->deadline - x->start);
}

static const char *verdict_of(struct dlt_exec *x, int lua_failed)
{
	switch (x->stop) {
	case STOP_SKIP:
		return "skip";
	case STOP_INCONCLUSIVE:
		return "inconclusive";
	case STOP_ERROR:
		return "error";
	case STOP_FAIL:
		return "fail";
	case STOP_NONE:
		break;
	}
	if (lua_failed)
		return "error";
	if (x->nfail > 0 || x->ninterop_fail > 0)
		return "fail";
	if (x->nchecks == 0)
		return "error";
	return "pass";
}

cJSON *dlt_host_run(struct dlt_host *h, const struct dlt_scenario *s, struct dlt_node **nodes,
		    struct dlt_conn **conns, double timeout)
{
	lua_State *L = h->L;
	int top = lua_gettop(L);
	struct dlt_exec x;
	memset(&x, 0, sizeof x);
	x.s = s;
	x.cfg = &h->cfg;
	x.nodes = nodes;
	x.conns = conns;
	x.nroles = s->nroles;
	x.start = dlt_now();
	x.deadline = x.start + (s->timeout > 0 ? s->timeout : timeout);
	x.checks = cJSON_CreateArray();
	x.divergences = cJSON_CreateArray();
	x.log = cJSON_CreateArray();
	x.methods = cJSON_CreateObject();
	x.subject = -1;
	char err[1200];
	int lua_failed = 0;
	char *reason = NULL;

	if (load_scenario_table(h, s->path, s->file, err, sizeof err) != 0) {
		lua_failed = 1;
		reason = dlt_xstrdup(err);
	} else {
		lua_getfield(L, -1, "run");
		lua_remove(L, -2);
		lua_pushlightuserdata(L, &x);
		lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_EXEC);
		lua_pushcfunction(L, msgh);
		lua_insert(L, -2);
		dlt_context_push(L, &x);
		lua_sethook(L, hook, LUA_MASKCOUNT, 1000);
		if (lua_pcall(L, 1, 0, -3) != LUA_OK && x.stop == STOP_NONE) {
			lua_failed = 1;
			const char *m = lua_tostring(L, -1);
			reason = dlt_xstrdup(m ? m : "error");
			/* the traceback goes to the log, the first line is the reason */
			char *nl = strchr(reason, '\n');
			if (nl) {
				dlt_exec_log(&x, reason);
				*nl = '\0';
			}
		}
		lua_sethook(L, NULL, 0, 0);
		lua_pushnil(L);
		lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_EXEC);
	}
	lua_settop(L, top);
	lua_gc(L, LUA_GCSTEP, 0);

	cJSON *r = cJSON_CreateObject();
	const char *verdict = verdict_of(&x, lua_failed);
	cJSON_AddStringToObject(r, "verdict", verdict);
	if (x.stop != STOP_NONE)
		cJSON_AddStringToObject(r, "reason", x.stop_reason);
	else if (reason)
		cJSON_AddStringToObject(r, "reason", reason);
	else if (!strcmp(verdict, "error"))
		cJSON_AddStringToObject(r, "reason", "the scenario made no checks");
	else
		cJSON_AddNullToObject(r, "reason");
	cJSON_AddNumberToObject(r, "duration_ms", (double)(long)((dlt_now() - x.start) * 1e5) / 100.0);
	cJSON_AddItemToObject(r, "checks", x.checks);
	cJSON_AddItemToObject(r, "divergences", x.divergences);
	int finished = !strcmp(verdict, "pass") || !strcmp(verdict, "fail");
	if (s->multi && finished && x.ninterop > 0)
		cJSON_AddStringToObject(r, "interop_verdict", x.ninterop_fail ? "diverge" : "agree");
	else
		cJSON_AddNullToObject(r, "interop_verdict");
	if (s->multi) {
		/* protocol verdict of each side, apart from the interoperability verdict */
		cJSON *pv = cJSON_AddObjectToObject(r, "protocol_verdicts");
		for (int i = 0; i < s->nroles; i++) {
			const char *name = nodes[i]->target->name;
			const char *v = finished ? "pass" : verdict;
			const cJSON *c;
			cJSON_ArrayForEach(c, x.checks) {
				const cJSON *tg = cJSON_GetObjectItemCaseSensitive(c, "target");
				const cJSON *kind = cJSON_GetObjectItemCaseSensitive(c, "kind");
				if (finished && cJSON_IsString(tg) && !strcmp(tg->valuestring, name) &&
				    !strcmp(kind->valuestring, "protocol") &&
				    cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c, "ok")))
					v = "fail";
			}
			cJSON_AddStringToObject(pv, name, v);
		}
	}
	cJSON_AddItemToObject(r, "log", x.log);
	cJSON *called = cJSON_AddArrayToObject(r, "methods");
	const cJSON *m;
	cJSON_ArrayForEach(m, x.methods)
		cJSON_AddItemToArray(called, cJSON_CreateString(m->string));
	cJSON_Delete(x.methods);
	free(x.stop_reason);
	free(reason);
	return r;
}
