/*
 * lua_limits.c: the allocator with a budget, the hook and the uncatchable stop of a host
 * state (see lua_limits.h).
 *
 * Refusals and Lua's emergency collection: when an allocation fails, Lua runs a full
 * collection and asks again for the same block; only when that second request fails too does
 * it raise "not enough memory". So a refusal is first kept pending: the same request again
 * (refused or not) settles it; any other growing request, the hook, or the end of a protected
 * call finds a refusal that was not cured and records the memory stop.
 */
#include "runner/lua_limits.h"
#include "runner/launcher.h"
#include "common/mem.h"
#include "common/clock.h"

#include <lauxlib.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char stop_sentinel = 0;

void dlt_limits_record(struct dlt_limits_ctl *c, enum dlt_stop kind, const char *reason)
{
	if (c->stop != STOP_NONE)
		return;
	c->stop = kind;
	c->reason = dlt_xstrdup(reason);
}

static void memory_stop(struct dlt_limits_ctl *c)
{
	c->refused.pending = 0;
	dlt_limits_record(c, STOP_INCONCLUSIVE,
			  c->mem_reason[0] ? c->mem_reason : "memory limit reached");
}

void dlt_limits_settle(struct dlt_limits_ctl *c)
{
	if (c->refused.pending)
		memory_stop(c);
}

static int same_request(const struct dlt_limits_ctl *c, const void *ptr, size_t osize, size_t nsize)
{
	return c->refused.ptr == ptr && c->refused.osize == osize && c->refused.nsize == nsize;
}

/* What a block really costs: what malloc gives it plus its header (a small Lua object costs
 * a third more than it asks for), so the budget bounds the memory the process holds. */
static size_t real_size(void *p)
{
	return p ? malloc_usable_size(p) + sizeof(size_t) : 0;
}

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct dlt_limits_ctl *c = ud;
	size_t old = ptr ? osize : 0;
	size_t old_real = real_size(ptr);
	if (nsize == 0) {
		free(ptr);
		c->used -= old_real;
		return NULL;
	}
	int grows = nsize > old;
	if (grows && c->limit &&
	    (nsize > c->limit || c->used - old_real + c->ext + nsize > c->limit)) {
		if (c->refused.pending)
			memory_stop(c); /* refused twice, or an earlier refusal never retried */
		else {
			c->refused.ptr = ptr;
			c->refused.osize = osize;
			c->refused.nsize = nsize;
			c->refused.pending = 1;
		}
		return NULL;
	}
	void *p = realloc(ptr, nsize);
	if (!p) {
		if (grows)
			memory_stop(c);
		return NULL;
	}
	if (grows && c->refused.pending) {
		if (same_request(c, ptr, osize, nsize))
			c->refused.pending = 0; /* the retry after the emergency collection fits */
		else
			memory_stop(c);
	}
	c->used = c->used - old_real + real_size(p);
	if (c->used > c->peak)
		c->peak = c->used;
	return p;
}

static void hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	dlt_limits_check(L);
}

lua_State *dlt_limits_newstate(struct dlt_limits_ctl *c)
{
	lua_State *L = lua_newstate(limited_alloc, c);
	if (L)
		lua_sethook(L, hook, LUA_MASKCOUNT, DLT_LIMITS_HOOK_COUNT);
	return L;
}

struct dlt_limits_ctl *dlt_limits_of(lua_State *L)
{
	void *ud = NULL;
	lua_Alloc f = lua_getallocf(L, &ud);
	return f == limited_alloc ? ud : NULL;
}

int dlt_limits_is_stop(lua_State *L, int idx)
{
	return lua_islightuserdata(L, idx) && lua_touserdata(L, idx) == (void *)&stop_sentinel;
}

static void hook(lua_State *L, lua_Debug *ar);

/* Raise the stop. From now on the hook fires at every instruction of this thread and of the
 * main thread: a pcall that catches the stop returns into code that raises it again at once
 * (with the usual count, a loop around a pcall whose body takes the count would go on). */
static int raise_stop(lua_State *L)
{
	if (lua_gethookcount(L) != 1)
		lua_sethook(L, hook, LUA_MASKCOUNT, 1);
	if (lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD) == LUA_TTHREAD) {
		lua_State *main = lua_tothread(L, -1);
		if (main != L && lua_gethookcount(main) != 1)
			lua_sethook(main, hook, LUA_MASKCOUNT, 1);
	}
	lua_pop(L, 1);
	lua_pushlightuserdata(L, (void *)&stop_sentinel);
	return lua_error(L);
}

int dlt_limits_stop(lua_State *L, enum dlt_stop kind, const char *fmt, ...)
{
	struct dlt_limits_ctl *c = dlt_limits_of(L);
	if (c && c->stop == STOP_NONE) {
		char small[512];
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(small, sizeof small, fmt, ap);
		va_end(ap);
		char *buf;
		if (n >= 0 && (size_t)n < sizeof small) {
			buf = dlt_xstrdup(small);
		} else {
			size_t size = n > 0 ? (size_t)n + 1 : 1;
			buf = dlt_xmalloc(size);
			va_start(ap, fmt);
			vsnprintf(buf, size, fmt, ap);
			va_end(ap);
		}
		c->stop = kind;
		c->reason = buf;
	}
	return raise_stop(L);
}

void dlt_limits_check(lua_State *L)
{
	struct dlt_limits_ctl *c = dlt_limits_of(L);
	if (!c)
		return;
	if (c->stop == STOP_NONE) {
		dlt_limits_settle(c);
		if (c->stop == STOP_NONE && dlt_interrupted)
			dlt_limits_record(c, STOP_INCONCLUSIVE, "interrupted (signal)");
		if (c->stop == STOP_NONE && c->deadline > 0 && dlt_now() > c->deadline)
			dlt_limits_record(c, STOP_INCONCLUSIVE,
					  c->time_reason[0] ? c->time_reason
							    : "time limit reached");
	}
	if (c->stop != STOP_NONE)
		raise_stop(L);
}

void dlt_limits_tick(lua_State *L, unsigned long n)
{
	struct dlt_limits_ctl *c = dlt_limits_of(L);
	if (!c)
		return;
	c->ticks += n;
	if (c->ticks >= DLT_LIMITS_TICK_CHECK) {
		c->ticks = 0;
		dlt_limits_check(L);
	}
}

int dlt_limits_charge(lua_State *L, size_t n)
{
	struct dlt_limits_ctl *c = dlt_limits_of(L);
	if (!c)
		return 0;
	c->ext += n;
	if (c->limit && c->used + c->ext > c->limit && n <= c->limit)
		lua_gc(L, LUA_GCCOLLECT); /* garbage the collector has not reached yet */
	if (c->limit && (n > c->limit || c->used + c->ext > c->limit)) {
		memory_stop(c);
		return -1;
	}
	return 0;
}

void dlt_limits_release(lua_State *L, size_t n)
{
	struct dlt_limits_ctl *c = dlt_limits_of(L);
	if (c)
		c->ext = c->ext > n ? c->ext - n : 0;
}

void dlt_limits_clear(struct dlt_limits_ctl *c)
{
	free(c->reason);
	memset(c, 0, sizeof *c);
}
