/*
 * exec.c: the execution record of the scenario being run (see exec.h): its start, the checks
 * it records (failed ones kept before passing ones past max_checks, values of failed checks
 * cut to max_value bytes with a truncation marker and to max_stored bytes in all, labels to
 * max_message bytes, file:line of the scenario line behind each check), its log (max_log_lines
 * lines, max_log_bytes bytes, then a note of what was left out) and the time left.
 */
#include "runner/exec.h"
#include "common/clock.h"
#include "common/json_trunc.h"
#include "common/mem.h"
#include "common/text_clean.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dlt_exec_begin(struct dlt_exec *x, const struct dlt_scenario *s,
		    const struct dlt_host_config *cfg, struct dlt_node **nodes,
		    struct dlt_conn **conns, double start, double deadline)
{
	memset(x, 0, sizeof *x);
	x->s = s;
	x->cfg = cfg;
	x->nodes = nodes;
	x->conns = conns;
	x->nroles = s->nroles;
	x->start = start;
	x->deadline = deadline;
	x->checks = cJSON_CreateArray();
	x->divergences = cJSON_CreateArray();
	x->log = cJSON_CreateArray();
	x->methods = cJSON_CreateObject();
	x->subject = -1;
}

struct dlt_exec *dlt_exec_get(lua_State *L)
{
	struct dlt_limits_ctl *c = dlt_limits_of(L);
	return c ? c->user : NULL;
}

double dlt_exec_remaining(const struct dlt_exec *x)
{
	double r = x->deadline - dlt_now();
	return r > 0.001 ? r : 0.001;
}

void dlt_exec_log(struct dlt_exec *x, const char *line, size_t len)
{
	size_t max_bytes = x->cfg->max_log_bytes;
	if (x->log_lines >= x->cfg->max_log_lines || x->log_bytes >= max_bytes) {
		x->log_dropped_lines++;
		x->log_dropped_bytes += len;
		return;
	}
	size_t room = max_bytes - x->log_bytes;
	x->log_lines++;
	x->log_bytes += len < room ? len : room;
	cJSON_AddItemToArray(x->log, dlt_text_json(line, len, room));
}

/* What is left of the result's budget for stored values. */
static size_t stored_left(const struct dlt_exec *x)
{
	return x->cfg->max_stored > x->stored_bytes ? x->cfg->max_stored - x->stored_bytes : 0;
}

/* v within max_value and what is left of max_stored (a marker past that). */
static cJSON *bound_value(struct dlt_exec *x, cJSON *v)
{
	if (!v)
		v = cJSON_CreateNull();
	size_t lim = x->cfg->max_value < stored_left(x) ? x->cfg->max_value : stored_left(x);
	size_t used;
	v = dlt_json_truncate(v, lim, lim > 200 ? lim - 200 : 0, &used);
	x->stored_bytes += used;
	return v;
}

/* The diff within the same budget: entries from the end give way to {"path": "...",
 * "more": n}. */
static cJSON *bound_diff(struct dlt_exec *x, cJSON *diff)
{
	if (!diff)
		return cJSON_CreateArray();
	size_t lim = x->cfg->max_value < stored_left(x) ? x->cfg->max_value : stored_left(x);
	size_t total = 2;
	int keep = 0;
	const cJSON *e;
	cJSON_ArrayForEach (e, diff) {
		size_t n = dlt_json_text_size(e, lim) + 1;
		if (total + n > lim)
			break;
		total += n;
		keep++;
	}
	int all = cJSON_GetArraySize(diff);
	if (keep < all) {
		double more = 0;
		while (cJSON_GetArraySize(diff) > keep) {
			cJSON *last = cJSON_DetachItemFromArray(diff, cJSON_GetArraySize(diff) - 1);
			const cJSON *m = cJSON_GetObjectItemCaseSensitive(last, "more");
			more += cJSON_IsNumber(m) ? m->valuedouble : 1;
			cJSON_Delete(last);
		}
		cJSON *note = cJSON_CreateObject();
		cJSON_AddStringToObject(note, "path", "...");
		cJSON_AddNumberToObject(note, "more", more);
		cJSON_AddItemToArray(diff, note);
	}
	x->stored_bytes += dlt_json_text_size(diff, 0);
	return diff;
}

/* Drop the earliest stored passing check (there is one). */
static void drop_a_pass(struct dlt_exec *x)
{
	cJSON *p = x->first_pass;
	while (p && !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "ok")))
		p = p->next;
	if (!p)
		return;
	x->first_pass = p->next;
	cJSON_Delete(cJSON_DetachItemViaPointer(x->checks, p));
	x->nstored--;
	x->nstored_pass--;
	x->checks_dropped++;
}

void dlt_exec_record(lua_State *L, struct dlt_exec *x, int ok, const char *label, size_t label_len,
		     const char *kind, int role, cJSON *expected, cJSON *actual, cJSON *diff,
		     int level)
{
	x->nchecks++;
	int interop = strcmp(kind, "interop") == 0;
	if (interop)
		x->ninterop++;
	if (role < 0 && x->nroles == 1)
		role = 0;
	if (role < 0)
		role = x->subject;
	if (role >= x->nroles)
		role = -1;
	if (!ok) {
		if (interop)
			x->ninterop_fail++;
		else {
			x->nfail++;
			if (role >= 0)
				x->role_fail[role]++;
		}
	}
	if (x->nstored >= x->cfg->max_checks) {
		if (!ok && x->nstored_pass > 0)
			drop_a_pass(x);
		if (x->nstored >= x->cfg->max_checks) {
			x->checks_dropped++;
			cJSON_Delete(expected);
			cJSON_Delete(actual);
			cJSON_Delete(diff);
			return;
		}
	}
	cJSON *c = cJSON_CreateObject();
	cJSON_AddItemToObject(
		c, "label",
		dlt_text_json(label ? label : "", label ? label_len : 0, x->cfg->max_message));
	cJSON_AddStringToObject(c, "kind", kind);
	if (role >= 0)
		cJSON_AddStringToObject(c, "target", x->nodes[role]->target->name);
	cJSON_AddBoolToObject(c, "ok", ok);
	/* where: the line of the scenario file that led to the check: the first frame inside the
	 * scenario file counted from the outermost call, so that a helper (in suites/lib or in the
	 * scenario file itself) called from several lines of a table-driven scenario does not make
	 * every check point at the helper; "via" keeps the line that made the check (the innermost
	 * frame with a line) when it is another one */
	char where[512] = "", via[512] = "";
	lua_Debug ar;
	for (int lv = level; lua_getstack(L, lv, &ar); lv++) {
		if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
			continue;
		char here[512];
		snprintf(here, sizeof here, "%s:%d",
			 ar.source[0] == '@' ? ar.source + 1 : ar.short_src, ar.currentline);
		if (!via[0])
			snprintf(via, sizeof via, "%s", here);
		if (ar.source[0] == '@' && !strcmp(ar.source + 1, x->s->file))
			snprintf(where, sizeof where, "%s",
				 here); /* outer frames overwrite inner */
	}
	if (!where[0]) {
		snprintf(where, sizeof where, "%s", via);
		via[0] = '\0';
	} else if (!strcmp(where, via))
		via[0] = '\0';
	cJSON_AddStringToObject(c, "where", where);
	if (via[0])
		cJSON_AddStringToObject(c, "via", via);
	if (!ok) {
		cJSON_AddItemToObject(c, "expected", bound_value(x, expected));
		cJSON_AddItemToObject(c, "actual", bound_value(x, actual));
		cJSON_AddItemToObject(c, "diff", bound_diff(x, diff));
	} else {
		cJSON_Delete(expected);
		cJSON_Delete(actual);
		cJSON_Delete(diff);
	}
	cJSON_AddItemToArray(x->checks, c);
	x->nstored++;
	if (ok) {
		x->nstored_pass++;
		if (!x->first_pass)
			x->first_pass = c;
	}
}

void dlt_exec_note_dropped_log(struct dlt_exec *x)
{
	if (!x->log_dropped_lines)
		return;
	char *note = dlt_printf("[dlt-interop: %ld more log lines (%zu bytes) not stored: the "
				"limits are %zu lines (--max-log-lines) and %zu bytes "
				"(--max-log-bytes)]",
				x->log_dropped_lines, x->log_dropped_bytes, x->cfg->max_log_lines,
				x->cfg->max_log_bytes);
	cJSON_AddItemToArray(x->log, cJSON_CreateString(note));
	free(note);
}
