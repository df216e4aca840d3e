/*
 * lua_pattern.c: Lua 5.4 patterns with a step budget (see lua_pattern.h).
 *
 * Written from the reference manual (section 6.4.1) and checked against the stock library by
 * tests/unit/test_lua_pattern.c, which compares both on a large corpus. Where the manual
 * leaves things open, the stock library's observable behaviour is followed: malformed
 * patterns are reported when the matcher reaches the faulty item (so "x%" does not fail on a
 * subject without "x"), a match nests at most MAX_DEPTH items that backtrack ("pattern too
 * complex"), %z is the zero byte, '^' anchors only in find, match and gsub, and find without
 * special characters is a plain search.
 *
 * The matcher is a backtracking interpreter of the pattern text: match_here() walks the items
 * from a subject position and recurses where an item has alternatives (?, *, +, -, captures),
 * so that the first success of the leftmost alternative is the result.
 */
#define _GNU_SOURCE /* memmem: a linear-time plain search */
#include "runner/lua_pattern.h"
#include "runner/lua_limits.h"

#include <ctype.h>
#include <lauxlib.h>
#include <string.h>

#define MAX_CAPTURES 32
#define MAX_DEPTH 200
#define CAP_OPEN (-1)
#define CAP_POSITION (-2)
#define SPECIALS "^$*+?.([%-"

struct matcher {
	lua_State *L;
	const char *subject, *subject_end;
	const char *pattern_end;
	int depth_left;
	int ncap;
	struct {
		const char *at;
		ptrdiff_t len; /* CAP_OPEN, CAP_POSITION or the length */
	} cap[MAX_CAPTURES];
	size_t steps;
};

static int uc(char c)
{
	return (unsigned char)c;
}

/* Count work; every DLT_PATTERN_CHECK_STEPS steps the limits are checked (and may raise). */
static void spend(struct matcher *m, size_t steps)
{
	m->steps += steps;
	if (m->steps >= DLT_PATTERN_CHECK_STEPS) {
		m->steps = 0;
		dlt_limits_check(m->L);
	}
}

static void matcher_init(struct matcher *m, lua_State *L, const char *s, size_t ls,
			 const char *p_end)
{
	m->L = L;
	m->subject = s;
	m->subject_end = s + ls;
	m->pattern_end = p_end;
	m->ncap = 0;
	m->depth_left = MAX_DEPTH;
	m->steps = 0;
}

static void matcher_restart(struct matcher *m)
{
	m->ncap = 0;
	m->depth_left = MAX_DEPTH;
}

/* %letter classes; any other character after % stands for itself */
static int in_class(int letter, int c)
{
	int r;
	switch (tolower(letter)) {
	case 'a': r = isalpha(c); break;
	case 'c': r = iscntrl(c); break;
	case 'd': r = isdigit(c); break;
	case 'g': r = isgraph(c); break;
	case 'l': r = islower(c); break;
	case 'p': r = ispunct(c); break;
	case 's': r = isspace(c); break;
	case 'u': r = isupper(c); break;
	case 'w': r = isalnum(c); break;
	case 'x': r = isxdigit(c); break;
	case 'z': r = c == 0; break; /* deprecated in the manual, still understood */
	default: return letter == c;
	}
	r = r != 0;
	return isupper(letter) ? !r : r;
}

/* Is c in the set [ ... ] that starts at open and ends at close (the ']')? */
static int in_set(const char *open, const char *close, int c)
{
	const char *p = open + 1;
	int member = 1;
	if (*p == '^') {
		member = 0;
		p++;
	}
	for (; p < close; p++) {
		if (*p == '%') {
			p++;
			if (in_class(uc(*p), c))
				return member;
		} else if (p + 2 < close && p[1] == '-') {
			if (uc(p[0]) <= c && c <= uc(p[2]))
				return member;
			p += 2;
		} else if (uc(*p) == c) {
			return member;
		}
	}
	return !member;
}

/* The end of the single-character class at p: %x, [set] or one character. */
static const char *class_end(struct matcher *m, const char *p)
{
	if (*p == '%') {
		if (p + 1 >= m->pattern_end)
			luaL_error(m->L, "malformed pattern (ends with '%%')");
		return p + 2;
	}
	if (*p != '[')
		return p + 1;
	const char *q = p + 1;
	if (q < m->pattern_end && *q == '^')
		q++;
	/* the first character belongs to the set even when it is ']' */
	do {
		if (q >= m->pattern_end)
			luaL_error(m->L, "malformed pattern (missing ']')");
		if (*q++ == '%' && q < m->pattern_end)
			q++;
	} while (q >= m->pattern_end || *q != ']');
	spend(m, (size_t)(q - p) / 64);
	return q + 1;
}

/* Does the character at s match the class p..ep? (never at the end of the subject) */
static int one_char(struct matcher *m, const char *s, const char *p, const char *ep)
{
	if (s >= m->subject_end)
		return 0;
	int c = uc(*s);
	switch (*p) {
	case '.': return 1;
	case '%': return in_class(uc(p[1]), c);
	case '[': spend(m, (size_t)(ep - p) / 64); return in_set(p, ep - 1, c);
	default: return uc(*p) == c;
	}
}

static const char *match_here(struct matcher *m, const char *s, const char *p);

static const char *open_capture(struct matcher *m, const char *s, const char *p, ptrdiff_t kind)
{
	if (m->ncap >= MAX_CAPTURES)
		luaL_error(m->L, "too many captures");
	m->cap[m->ncap].at = s;
	m->cap[m->ncap].len = kind;
	m->ncap++;
	const char *r = match_here(m, s, p);
	if (!r)
		m->ncap--;
	return r;
}

static const char *close_capture(struct matcher *m, const char *s, const char *p)
{
	int l = m->ncap - 1;
	while (l >= 0 && m->cap[l].len != CAP_OPEN)
		l--;
	if (l < 0)
		luaL_error(m->L, "invalid pattern capture");
	m->cap[l].len = s - m->cap[l].at;
	const char *r = match_here(m, s, p);
	if (!r)
		m->cap[l].len = CAP_OPEN;
	return r;
}

/* %1 .. %9: the text of a closed capture again */
static const char *back_reference(struct matcher *m, const char *s, int digit)
{
	int l = digit - '1';
	if (l < 0 || l >= m->ncap || m->cap[l].len == CAP_OPEN)
		luaL_error(m->L, "invalid capture index %%%d", l + 1);
	size_t len = (size_t)m->cap[l].len;
	if ((size_t)(m->subject_end - s) >= len) {
		spend(m, len / 64);
		if (memcmp(m->cap[l].at, s, len) == 0)
			return s + len;
	}
	return NULL;
}

/* %bxy: from an x to its balancing y */
static const char *balanced(struct matcher *m, const char *s, const char *p)
{
	if (p + 1 >= m->pattern_end)
		luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
	if (s >= m->subject_end || *s != *p)
		return NULL;
	char open = p[0], close = p[1];
	int depth = 1;
	while (++s < m->subject_end) {
		spend(m, 1);
		if (*s == close) {
			if (--depth == 0)
				return s + 1;
		} else if (*s == open) {
			depth++;
		}
	}
	return NULL;
}

/* x* and x+: as many as possible, then give back one at a time */
static const char *longest(struct matcher *m, const char *s, const char *p, const char *ep)
{
	ptrdiff_t n = 0;
	while (one_char(m, s + n, p, ep)) {
		n++;
		spend(m, 1);
	}
	for (; n >= 0; n--) {
		const char *r = match_here(m, s + n, ep + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* x-: as few as possible */
static const char *shortest(struct matcher *m, const char *s, const char *p, const char *ep)
{
	for (;;) {
		const char *r = match_here(m, s, ep + 1);
		if (r)
			return r;
		if (!one_char(m, s, p, ep))
			return NULL;
		s++;
	}
}

/* Match the pattern from p at subject position s: the end of the match, or NULL. */
static const char *match_here(struct matcher *m, const char *s, const char *p)
{
	if (m->depth_left-- == 0)
		luaL_error(m->L, "pattern too complex");
	for (;;) {
		spend(m, 1);
		if (p == m->pattern_end)
			break;
		if (*p == '(') {
			if (p + 1 < m->pattern_end && p[1] == ')')
				s = open_capture(m, s, p + 2, CAP_POSITION);
			else
				s = open_capture(m, s, p + 1, CAP_OPEN);
			break;
		}
		if (*p == ')') {
			s = close_capture(m, s, p + 1);
			break;
		}
		if (*p == '$' && p + 1 == m->pattern_end) {
			if (s != m->subject_end)
				s = NULL;
			break;
		}
		if (*p == '%' && p + 1 < m->pattern_end) {
			if (p[1] == 'b') {
				s = balanced(m, s, p + 2);
				if (!s)
					break;
				p += 4;
				continue;
			}
			if (p[1] == 'f') {
				p += 2;
				if (p >= m->pattern_end || *p != '[')
					luaL_error(m->L, "missing '[' after '%%f' in pattern");
				const char *ep = class_end(m, p);
				int before = s == m->subject ? 0 : uc(s[-1]);
				int here = s < m->subject_end ? uc(*s) : 0;
				if (in_set(p, ep - 1, before) || !in_set(p, ep - 1, here)) {
					s = NULL;
					break;
				}
				p = ep;
				continue;
			}
			if (isdigit(uc(p[1]))) {
				s = back_reference(m, s, uc(p[1]));
				if (!s)
					break;
				p += 2;
				continue;
			}
		}
		/* a single-character class, maybe followed by a quantifier */
		const char *ep = class_end(m, p);
		int quantifier = ep < m->pattern_end ? *ep : 0;
		if (!one_char(m, s, p, ep)) {
			if (quantifier == '*' || quantifier == '?' || quantifier == '-') {
				p = ep + 1;
				continue;
			}
			s = NULL;
			break;
		}
		if (quantifier == '?') {
			const char *r = match_here(m, s + 1, ep + 1);
			if (r) {
				s = r;
				break;
			}
			p = ep + 1;
			continue;
		}
		if (quantifier == '+') {
			s = longest(m, s + 1, p, ep);
			break;
		}
		if (quantifier == '*') {
			s = longest(m, s, p, ep);
			break;
		}
		if (quantifier == '-') {
			s = shortest(m, s, p, ep);
			break;
		}
		s++;
		p = ep;
	}
	m->depth_left++;
	return s;
}

/* ---------- captures ---------- */

/* Push capture i; with no captures, capture 0 is the whole match s..e. */
static void push_capture(struct matcher *m, int i, const char *s, const char *e)
{
	if (i >= m->ncap) {
		if (i != 0)
			luaL_error(m->L, "invalid capture index %%%d", i + 1);
		lua_pushlstring(m->L, s, (size_t)(e - s));
		return;
	}
	ptrdiff_t len = m->cap[i].len;
	if (len == CAP_OPEN)
		luaL_error(m->L, "unfinished capture");
	if (len == CAP_POSITION)
		lua_pushinteger(m->L, (lua_Integer)(m->cap[i].at - m->subject) + 1);
	else
		lua_pushlstring(m->L, m->cap[i].at, (size_t)len);
}

/* Push every capture (or the whole match when there are none and s is given). */
static int push_captures(struct matcher *m, const char *s, const char *e)
{
	int n = m->ncap == 0 && s ? 1 : m->ncap;
	luaL_checkstack(m->L, n, "too many captures");
	for (int i = 0; i < n; i++)
		push_capture(m, i, s, e);
	return n;
}

/* ---------- find and match ---------- */

/* 1-based start position from a Lua index (negative counts from the end) */
static size_t start_position(lua_Integer pos, size_t len)
{
	if (pos > 0)
		return (size_t)pos;
	if (pos == 0 || pos < -(lua_Integer)len)
		return 1;
	return len + (size_t)pos + 1;
}

static int has_specials(const char *p, size_t lp)
{
	for (size_t i = 0; i < lp; i++)
		if (p[i] && strchr(SPECIALS, p[i]))
			return 1;
	return 0;
}

/* The first match of p in s from init (only there when p starts with '^'): its end, with
 * *start set, and m holding its captures; or NULL. */
static const char *search(struct matcher *m, lua_State *L, const char *s, size_t ls, size_t init,
			  const char *p, size_t lp, const char **start)
{
	int anchored = lp > 0 && *p == '^';
	if (anchored) {
		p++;
		lp--;
	}
	matcher_init(m, L, s, ls, p + lp);
	const char *at = s + init;
	do {
		matcher_restart(m);
		const char *e = match_here(m, at, p);
		if (e) {
			*start = at;
			return e;
		}
	} while (at++ < m->subject_end && !anchored);
	return NULL;
}

static int find_or_match(lua_State *L, int find)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
	if (init > ls) {
		luaL_pushfail(L);
		return 1;
	}
	if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
		const char *hit = lp == 0 ? s + init : memmem(s + init, ls - init, p, lp);
		if (hit) {
			lua_pushinteger(L, (lua_Integer)(hit - s) + 1);
			lua_pushinteger(L, (lua_Integer)(hit - s + (ptrdiff_t)lp));
			return 2;
		}
		luaL_pushfail(L);
		return 1;
	}
	struct matcher m;
	const char *start;
	const char *e = search(&m, L, s, ls, init, p, lp, &start);
	if (!e) {
		luaL_pushfail(L);
		return 1;
	}
	if (!find)
		return push_captures(&m, start, e);
	lua_pushinteger(L, (lua_Integer)(start - s) + 1);
	lua_pushinteger(L, (lua_Integer)(e - s));
	return push_captures(&m, NULL, NULL) + 2;
}

static int l_find(lua_State *L)
{
	return find_or_match(L, 1);
}

static int l_match(lua_State *L)
{
	return find_or_match(L, 0);
}

int dlt_lua_pattern_find(lua_State *L, const char *s, size_t ls, const char *p, size_t lp)
{
	struct matcher m;
	const char *start;
	return search(&m, L, s, ls, 0, p, lp, &start) != NULL;
}

/* ---------- gmatch ---------- */

struct gmatch_state {
	struct matcher m;
	const char *pattern;
	const char *next; /* where the next search starts */
	const char *last_end; /* end of the last match: an empty match there is skipped */
};

static int gmatch_next(lua_State *L)
{
	struct gmatch_state *g = lua_touserdata(L, lua_upvalueindex(3));
	g->m.L = L; /* the iterator may be called from another coroutine */
	for (const char *at = g->next; at <= g->m.subject_end; at++) {
		matcher_restart(&g->m);
		const char *e = match_here(&g->m, at, g->pattern);
		if (e && e != g->last_end) {
			g->next = g->last_end = e;
			return push_captures(&g->m, at, e);
		}
	}
	return 0;
}

static int l_gmatch(lua_State *L)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
	if (init > ls)
		init = ls + 1; /* past the end: the iteration yields nothing */
	lua_settop(L, 2);
	struct gmatch_state *g = lua_newuserdatauv(L, sizeof *g, 0);
	matcher_init(&g->m, L, s, ls, p + lp);
	g->pattern = p;
	g->next = s + init;
	g->last_end = NULL;
	/* the subject and the pattern stay referenced by the closure */
	lua_pushcclosure(L, gmatch_next, 3);
	return 1;
}

/* ---------- gsub ---------- */

/* The replacement string with %0-%9 and %% expanded. */
static void add_template(struct matcher *m, luaL_Buffer *b, const char *s, const char *e)
{
	lua_State *L = m->L;
	size_t len;
	const char *r = lua_tolstring(L, 3, &len);
	const char *end = r + len;
	while (r < end) {
		const char *pct = memchr(r, '%', (size_t)(end - r));
		if (!pct) {
			luaL_addlstring(b, r, (size_t)(end - r));
			break;
		}
		luaL_addlstring(b, r, (size_t)(pct - r));
		pct++;
		if (pct < end && *pct == '%') {
			luaL_addchar(b, '%');
		} else if (pct < end && *pct == '0') {
			luaL_addlstring(b, s, (size_t)(e - s));
		} else if (pct < end && isdigit(uc(*pct))) {
			push_capture(m, *pct - '1', s, e);
			luaL_tolstring(L, -1, NULL);
			lua_remove(L, -2);
			luaL_addvalue(b);
		} else {
			luaL_error(L, "invalid use of '%%' in replacement string");
		}
		r = pct + 1;
	}
}

/* Add the replacement of the match s..e; returns whether the text changed. */
static int add_replacement(struct matcher *m, luaL_Buffer *b, const char *s, const char *e,
			   int kind)
{
	lua_State *L = m->L;
	if (kind == LUA_TFUNCTION) {
		lua_pushvalue(L, 3);
		int n = push_captures(m, s, e);
		lua_call(L, n, 1);
	} else if (kind == LUA_TTABLE) {
		push_capture(m, 0, s, e);
		lua_gettable(L, 3);
	} else {
		add_template(m, b, s, e);
		return 1;
	}
	if (!lua_toboolean(L, -1)) {
		/* false or nil: keep the original text */
		lua_pop(L, 1);
		luaL_addlstring(b, s, (size_t)(e - s));
		return 0;
	}
	if (!lua_isstring(L, -1))
		return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
	luaL_addvalue(b);
	return 1;
}

static int l_gsub(lua_State *L)
{
	size_t ls, lp;
	const char *src = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	int kind = lua_type(L, 3);
	lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
	luaL_argexpected(L,
			 kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION ||
				 kind == LUA_TTABLE,
			 3, "string/function/table");
	int anchored = lp > 0 && *p == '^';
	if (anchored) {
		p++;
		lp--;
	}
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	struct matcher m;
	matcher_init(&m, L, src, ls, p + lp);
	const char *last_end = NULL;
	lua_Integer n = 0;
	int changed = 0;
	while (n < max_n) {
		matcher_restart(&m);
		const char *e = match_here(&m, src, p);
		if (e && e != last_end) {
			n++;
			changed |= add_replacement(&m, &b, src, e, kind);
			src = last_end = e;
		} else if (src < m.subject_end) {
			luaL_addchar(&b, *src++);
		} else {
			break;
		}
		if (anchored)
			break;
	}
	if (!changed) {
		lua_pushvalue(L, 1);
	} else {
		luaL_addlstring(&b, src, (size_t)(m.subject_end - src));
		luaL_pushresult(&b);
	}
	lua_pushinteger(L, n);
	return 2;
}

void dlt_lua_pattern_register(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "find", l_find }, { "match", l_match }, { "gmatch", l_gmatch },
		{ "gsub", l_gsub }, { NULL, NULL },
	};
	luaL_setfuncs(L, fns, 0);
}
