/*
 * lua_limits.h: the limits one Lua state of the host runs under, and the stop that ends a
 * scenario (docs/scenarios.md, "Limits").
 *
 *   - memory: the state's allocator keeps a budget; an allocation past it is refused, and a
 *     refusal that Lua's emergency collection does not cure stops the scenario;
 *   - time: a count hook, installed before any code runs and so inherited by every coroutine,
 *     checks the deadline and the run's interruption (SIGINT/SIGTERM) every 1000 instructions;
 *     long C calls (the pattern matcher) call dlt_limits_check themselves;
 *   - the stop: the first stop (a time or memory limit, an interruption, or t:skip, t:fail,
 *     t:need ...) is recorded with its reason and raised as a sentinel error. A pcall, xpcall,
 *     coroutine or handler that catches it gains nothing: once a stop is recorded, the hook
 *     raises it again within 1000 instructions, until the scenario has unwound.
 * The control block is reached from any thread of the state through the allocator's userdata.
 */
#ifndef DLT_LUA_LIMITS_H
#define DLT_LUA_LIMITS_H

#include "common/clock.h"
#include <stddef.h>
#include <lua.h>

enum dlt_stop { STOP_NONE, STOP_FAIL, STOP_SKIP, STOP_INCONCLUSIVE, STOP_ERROR };

/* instructions between two checks of the hook */
#define DLT_LIMITS_HOOK_COUNT 1000

struct dlt_limits_ctl {
	size_t limit; /* bytes the state and its JSON copies may hold; 0: no limit */
	size_t used; /* bytes the state holds */
	size_t peak; /* the most it held */
	size_t ext; /* bytes C code holds for the state (JSON copies of values) */
	double deadline; /* dlt_now() seconds; 0: none */
	char time_reason[200]; /* the reason when the deadline passes */
	char mem_reason[200]; /* the reason when the memory limit is reached */
	enum dlt_stop stop;
	char *reason; /* the first stop's reason (malloc'd) */
	struct { /* the last refused allocation, until it is retried */
		const void *ptr;
		size_t osize, nsize;
		int pending;
	} refused;
	void *user; /* the host's execution record of the running scenario */
	unsigned long ticks; /* work counted by C functions that check every so often */
};

/* A new state whose allocator and hook use c (the caller sets limit, deadline and reasons;
 * stop, reason and the counters must be zero). NULL when even that cannot be allocated. */
lua_State *dlt_limits_newstate(struct dlt_limits_ctl *c);
/* The control block of a state made by dlt_limits_newstate, or NULL for any other state. */
struct dlt_limits_ctl *dlt_limits_of(lua_State *L);
/* Raise the stop when one is recorded, when a pending refusal was not cured, when the run is
 * interrupted or the deadline has passed. No-op for other states. */
void dlt_limits_check(lua_State *L);
/* Count n units of work done by a C function; every DLT_LIMITS_TICK_CHECK units, check the
 * limits as dlt_limits_check does. */
#define DLT_LIMITS_TICK_CHECK 1024
void dlt_limits_tick(lua_State *L, unsigned long n);
/* Record a stop (the first one wins; the reason is formatted) and raise the sentinel. */
int dlt_limits_stop(lua_State *L, enum dlt_stop kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Record a stop without raising (from C code outside a Lua call). */
void dlt_limits_record(struct dlt_limits_ctl *c, enum dlt_stop kind, const char *reason);
/* Is the value at idx the stop sentinel? */
int dlt_limits_is_stop(lua_State *L, int idx);
/* C code is about to hold n more bytes for the state: 0, or -1 (and the memory stop recorded)
 * when that passes the limit even after a full collection. dlt_limits_release gives them
 * back. Call it from C functions only (it may run the collector). */
int dlt_limits_charge(lua_State *L, size_t n);
void dlt_limits_release(lua_State *L, size_t n);
/* A refusal still pending after a protected call returned is final: record the stop. */
void dlt_limits_settle(struct dlt_limits_ctl *c);
/* Free what c owns (the reason) and zero it. */
void dlt_limits_clear(struct dlt_limits_ctl *c);

#endif
