/*
 * jsonschema_validate.c: JSON Schema draft 7 validation over cJSON (dlt_schema_validate and
 * dlt_schema_validate_at of jsonschema.h; keywords and messages in docs/schema.md).
 *
 * Validation is a recursive interpreter over the analysed schema objects of a document
 * (jsonschema_doc.c). It keeps two small stacks in a context: the instance path ($.a[0].b) and
 * the schema location (reset to the $ref string whenever a $ref is followed); strings are built
 * from them only when an error is recorded. In yes/no mode (no error list) the interpreter
 * returns at the first failure; alternatives (anyOf, oneOf, not, if, contains) are always tried
 * in yes/no mode first, and only when none fits are they re-run collecting errors. Patterns are
 * matched by jsonschema_regex.c with the context's own match data, so threads share nothing
 * writable.
 */
#include "schema/jsonschema_doc.h"
#include "schema/jsonschema_errors.h"
#include "schema/jsonschema_regex.h"
#include "schema/jsonschema_text.h"
#include "common/mem.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IPATH 256 /* instance nesting the validator follows */
#define MAX_SPATH 512 /* schema frames (keywords, $refs) in one chain */

struct iseg {
	const char *key; /* member name, or NULL for an array index */
	size_t index;
};

struct sseg {
	const char *base; /* non-NULL: the location restarts here (the root or a $ref) */
	const char *key; /* else a member name, or NULL for an index */
	size_t index;
};

struct vctx {
	const struct dlt_schema_doc *doc;
	struct dlt_schema_errors *errs; /* NULL: yes/no mode */
	struct iseg ip[MAX_IPATH];
	int ni;
	struct sseg sp[MAX_SPATH];
	int ns;
	int overflow;
	struct dlt_schema_regex_scratch *scratch; /* match data, made on the first pattern */
};

static int is_ident(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_' || *s == '$'))
		return 0;
	for (s++; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '$' || *s == '-'))
			return 0;
	return 1;
}

static char *build_ipath(const struct vctx *c, const char *extra_key)
{
	struct dlt_buf b = DLT_BUF_INIT;
	dlt_buf_puts(&b, "$");
	for (int i = 0; i <= c->ni; i++) {
		const char *key;
		if (i == c->ni) {
			if (!extra_key)
				break;
			key = extra_key;
		} else {
			key = c->ip[i].key;
			if (!key) {
				dlt_buf_printf(&b, "[%zu]", c->ip[i].index);
				continue;
			}
		}
		if (is_ident(key)) {
			dlt_buf_puts(&b, ".");
			dlt_buf_puts(&b, key);
		} else {
			dlt_buf_puts(&b, "[");
			dlt_schema_text_json_string(&b, key, 200);
			dlt_buf_puts(&b, "]");
		}
	}
	return dlt_buf_take(&b);
}

static void sb_pointer_token(struct dlt_buf *b, const char *k)
{
	for (; *k; k++) {
		if (*k == '~')
			dlt_buf_puts(b, "~0");
		else if (*k == '/')
			dlt_buf_puts(b, "~1");
		else
			dlt_buf_append(b, k, 1);
	}
}

static char *build_spath(const struct vctx *c)
{
	struct dlt_buf b = DLT_BUF_INIT;
	int start = 0;
	for (int i = c->ns - 1; i >= 0; i--)
		if (c->sp[i].base) {
			start = i;
			break;
		}
	for (int i = start; i < c->ns; i++) {
		if (c->sp[i].base) {
			dlt_buf_puts(&b, c->sp[i].base);
		} else if (c->sp[i].key) {
			dlt_buf_puts(&b, "/");
			sb_pointer_token(&b, c->sp[i].key);
		} else {
			dlt_buf_printf(&b, "/%zu", c->sp[i].index);
		}
	}
	return dlt_buf_take(&b);
}

/* Record an error at the current instance path (or at member extra_key of it). The message is
 * "<path>: <rule> <arg> (<schema>) <detail>". */
static void fail_v(struct vctx *c, const char *extra_key, const char *rule, const char *arg,
		   const char *fmt, va_list ap)
{
	if (!c->errs)
		return;
	struct dlt_schema_errors *e = c->errs;
	if (e->count >= dlt_schema_errors_limit(e)) {
		e->dropped++;
		return;
	}
	char *path = build_ipath(c, extra_key);
	char *spath = build_spath(c);
	char *r = dlt_xstrdup(rule);
	struct dlt_buf m = DLT_BUF_INIT;
	dlt_buf_puts(&m, path);
	dlt_buf_puts(&m, ": ");
	dlt_buf_puts(&m, rule);
	if (arg && *arg) {
		dlt_buf_puts(&m, " ");
		dlt_buf_puts(&m, arg);
	}
	dlt_buf_puts(&m, " (");
	dlt_buf_puts(&m, spath);
	dlt_buf_puts(&m, ")");
	if (fmt && *fmt) {
		char tmp[512];
		vsnprintf(tmp, sizeof tmp, fmt, ap);
		dlt_buf_puts(&m, " ");
		dlt_buf_puts(&m, tmp);
	}
	dlt_schema_errors_push(e, path, r, spath, dlt_buf_take(&m));
}

static void fail(struct vctx *c, const char *rule, const char *arg, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(struct vctx *c, const char *rule, const char *arg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(c, NULL, rule, arg, fmt, ap);
	va_end(ap);
}

static void fail_at(struct vctx *c, const char *key, const char *rule, const char *arg,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void fail_at(struct vctx *c, const char *key, const char *rule, const char *arg,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(c, key, rule, arg, fmt, ap);
	va_end(ap);
}

static const char *json_type(const cJSON *v);

/* A rendering of a JSON value for messages ("string \"0x12\"", "object", "number 3"). */
static char *describe(const cJSON *v)
{
	struct dlt_buf b = DLT_BUF_INIT;
	if (cJSON_IsObject(v)) {
		dlt_buf_puts(&b, "object");
	} else if (cJSON_IsArray(v)) {
		dlt_buf_printf(&b, "array of %d", cJSON_GetArraySize(v));
	} else if (cJSON_IsNull(v)) {
		dlt_buf_puts(&b, "null");
	} else {
		dlt_buf_puts(&b, json_type(v));
		dlt_buf_puts(&b, " ");
		dlt_schema_text_json(&b, v, 80);
	}
	return dlt_buf_take(&b);
}

static char *render(const cJSON *v, size_t max)
{
	struct dlt_buf b = DLT_BUF_INIT;
	dlt_schema_text_json(&b, v, max);
	return dlt_buf_take(&b);
}

static int push_i(struct vctx *c, const char *key, size_t index)
{
	if (c->ni >= MAX_IPATH) {
		c->overflow = 1;
		return -1;
	}
	c->ip[c->ni++] = (struct iseg){ key, index };
	return 0;
}

static int push_s(struct vctx *c, const char *base, const char *key, size_t index)
{
	if (c->ns >= MAX_SPATH) {
		c->overflow = 1;
		return -1;
	}
	c->sp[c->ns++] = (struct sseg){ base, key, index };
	return 0;
}

/* ------------------------------------------------------------------ keyword helpers */

static const char *json_type(const cJSON *v)
{
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsBool(v))
		return "boolean";
	if (cJSON_IsNumber(v))
		return "number";
	if (cJSON_IsString(v))
		return "string";
	if (cJSON_IsArray(v))
		return "array";
	if (cJSON_IsObject(v))
		return "object";
	return "invalid";
}

static int is_integer(const cJSON *v)
{
	if (!cJSON_IsNumber(v))
		return 0;
	double d = v->valuedouble;
	return isfinite(d) && floor(d) == d;
}

/* 1 when v has type name t, 0 when not, -1 when t is not a type name. */
static int type_is(const cJSON *v, const char *t)
{
	switch (t[0]) {
	case 'n':
		if (!strcmp(t, "null"))
			return cJSON_IsNull(v);
		if (!strcmp(t, "number"))
			return cJSON_IsNumber(v);
		break;
	case 'b':
		if (!strcmp(t, "boolean"))
			return cJSON_IsBool(v);
		break;
	case 's':
		if (!strcmp(t, "string"))
			return cJSON_IsString(v);
		break;
	case 'o':
		if (!strcmp(t, "object"))
			return cJSON_IsObject(v);
		break;
	case 'a':
		if (!strcmp(t, "array"))
			return cJSON_IsArray(v);
		break;
	case 'i':
		if (!strcmp(t, "integer"))
			return is_integer(v);
		break;
	}
	return -1;
}

/* JSON equality: numbers by value, objects regardless of member order. */
static int json_equal(const cJSON *a, const cJSON *b)
{
	if (cJSON_IsNumber(a) && cJSON_IsNumber(b))
		return a->valuedouble == b->valuedouble;
	if ((a->type & 0xFF) != (b->type & 0xFF))
		return 0;
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsArray(a)) {
		const cJSON *x = a->child, *y = b->child;
		for (; x && y; x = x->next, y = y->next)
			if (!json_equal(x, y))
				return 0;
		return !x && !y;
	}
	if (cJSON_IsObject(a)) {
		size_t na = 0, nb = 0;
		for (const cJSON *x = a->child; x; x = x->next) {
			const cJSON *y = x->string ? dlt_schema_member(b, x->string) : NULL;
			if (!y || !json_equal(x, y))
				return 0;
			na++;
		}
		for (const cJSON *y = b->child; y; y = y->next)
			nb++;
		return na == nb;
	}
	return 1; /* null, true, false */
}

static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Match s against a pattern: re is its compiled form when the document holds it (else it is
 * compiled for this one use). 1 match, 0 no match, -1 unusable pattern, -2 not decided (a
 * match limit stopped it); the reason in why. */
static int pattern_match(struct vctx *c, const struct dlt_schema_regex *re, const char *pattern,
			 const char *s, char *why, size_t whylen)
{
	if (!re)
		re = dlt_schema_doc_regex(c->doc, pattern);
	if (re)
		return dlt_schema_regex_match(re, s, &c->scratch, why, whylen);
	return dlt_schema_regex_match_once(pattern, s, 0, why, whylen);
}

static int v_schema(struct vctx *c, const cJSON *s, const cJSON *inst);

/* Validate inst against sub-schema s found at member key (and optionally index) of the
 * current schema. */
static int v_sub(struct vctx *c, const char *key, const cJSON *s, const cJSON *inst)
{
	if (push_s(c, NULL, key, 0) != 0) {
		fail(c, "schema", "", "nesting deeper than %d frames", MAX_SPATH);
		return -1;
	}
	int r = v_schema(c, s, inst);
	c->ns--;
	return r;
}

static int v_sub2(struct vctx *c, const char *key, const char *key2, size_t index, const cJSON *s,
		  const cJSON *inst)
{
	if (push_s(c, NULL, key, 0) != 0) {
		fail(c, "schema", "", "nesting deeper than %d frames", MAX_SPATH);
		return -1;
	}
	if (push_s(c, NULL, key2, index) != 0) {
		c->ns--;
		fail(c, "schema", "", "nesting deeper than %d frames", MAX_SPATH);
		return -1;
	}
	int r = v_schema(c, s, inst);
	c->ns -= 2;
	return r;
}

/* validate an array element / object member: push the instance segment too */
static int v_child(struct vctx *c, const char *ikey, size_t iidx, const char *skey,
		   const char *skey2, size_t sidx, int two, const cJSON *s, const cJSON *inst)
{
	if (push_i(c, ikey, iidx) != 0) {
		fail(c, "schema", "", "instance nesting deeper than %d levels", MAX_IPATH);
		return -1;
	}
	int r = two ? v_sub2(c, skey, skey2, sidx, s, inst) : v_sub(c, skey, s, inst);
	c->ni--;
	return r;
}

/* Run f in yes/no mode (errors suppressed), restoring the error list afterwards. */
static int v_quiet(struct vctx *c, const char *key, const char *key2, size_t idx, int two,
		   const cJSON *s, const cJSON *inst)
{
	struct dlt_schema_errors *saved = c->errs;
	c->errs = NULL;
	int r = two ? v_sub2(c, key, key2, idx, s, inst) : v_sub(c, key, s, inst);
	c->errs = saved;
	return r;
}

/* ------------------------------------------------------------------ alternatives */

struct branch_score {
	int root_fail; /* a rule failed at the alternative's own instance location */
	size_t type_errs;
	size_t count;
	int maxdepth;
};

static int path_depth(const char *p)
{
	/* "$" is 0; each ".x" or "[...]" one step (quoted keys may hold dots: approximate) */
	int d = 0;
	int inq = 0;
	for (; *p; p++) {
		if (inq) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				inq = 0;
			continue;
		}
		if (*p == '"')
			inq = 1;
		else if (*p == '.' || *p == '[')
			d++;
	}
	return d;
}

static struct branch_score score_of(const struct dlt_schema_errors *e, int here)
{
	struct branch_score s = { 0, 0, e->count + e->dropped, 0 };
	for (size_t i = 0; i < e->count; i++) {
		int d = path_depth(e->items[i].path);
		const char *r = e->items[i].rule;
		/* a rule that rejects this very value (type, const, enum, pattern, ...), as opposed
		 * to combinators whose own errors lie deeper */
		if (d <= here && strcmp(r, "oneOf") != 0 && strcmp(r, "anyOf") != 0)
			s.root_fail = 1;
		if (strcmp(e->items[i].rule, "type") == 0)
			s.type_errs++;
		if (d > s.maxdepth)
			s.maxdepth = d;
	}
	return s;
}

static int better(const struct branch_score *a, const struct branch_score *b)
{
	if (a->root_fail != b->root_fail)
		return a->root_fail < b->root_fail;
	if (a->type_errs != b->type_errs)
		return a->type_errs < b->type_errs;
	if (a->count != b->count)
		return a->count < b->count;
	return a->maxdepth > b->maxdepth;
}

/* No alternative of kw (anyOf / oneOf) matched: record a summary and the errors of the closest
 * alternative (or the first error of each, when all fail at this very location). */
static void explain_none(struct vctx *c, const char *kw, const cJSON *arr, const cJSON *inst)
{
	if (!c->errs)
		return;
	int n = cJSON_GetArraySize(arr);
	if (n <= 0) {
		fail(c, kw, "[]", "has no alternatives");
		return;
	}
	struct dlt_schema_errors *saved = c->errs;
	struct dlt_schema_errors *tmp = dlt_xcalloc((size_t)n, sizeof *tmp);
	int here = c->ni;
	int best = 0;
	struct branch_score bs = { 0, 0, 0, 0 };
	int i = 0;
	for (const cJSON *alt = arr->child; alt; alt = alt->next, i++) {
		tmp[i].limit = dlt_schema_errors_limit(saved);
		c->errs = &tmp[i];
		v_sub2(c, kw, NULL, (size_t)i, alt, inst);
		struct branch_score sc = score_of(&tmp[i], here);
		if (i == 0 || better(&sc, &bs)) {
			best = i;
			bs = sc;
		}
	}
	c->errs = saved;
	char *what = describe(inst);
	if (bs.root_fail) {
		fail(c, kw, "", "matched by no alternative (%d tried) for %s", n,
		     what ? what : "?");
		for (i = 0; i < n; i++) {
			if (tmp[i].count) {
				/* the first error of each alternative */
				struct dlt_schema_error *x = &tmp[i].items[0];
				dlt_schema_errors_push(saved, x->path, x->rule, x->schema,
						       x->message);
				for (size_t k = 1; k < tmp[i].count; k++)
					dlt_schema_error_release(&tmp[i].items[k]);
				tmp[i].count = 0;
			}
		}
	} else {
		fail(c, kw, "", "matched by no alternative (%d tried) for %s; closest is [%d]:", n,
		     what ? what : "?", best);
		dlt_schema_errors_move(saved, &tmp[best]);
	}
	free(what);
	for (i = 0; i < n; i++)
		dlt_schema_errors_free(&tmp[i]);
	free(tmp);
}

/* ------------------------------------------------------------------ keywords */

static int kw_type(struct vctx *c, const cJSON *t, const cJSON *inst)
{
	if (cJSON_IsString(t)) {
		int r = type_is(inst, t->valuestring);
		if (r == 1)
			return 0;
		if (!c->errs)
			return -1;
		char *arg = render(t, 60);
		char *what = describe(inst);
		if (r < 0)
			fail(c, "type", arg, "is not a JSON Schema type");
		else
			fail(c, "type", arg, "expected, got %s", what ? what : "?");
		free(arg);
		free(what);
		return -1;
	}
	if (cJSON_IsArray(t)) {
		for (const cJSON *x = t->child; x; x = x->next)
			if (cJSON_IsString(x) && type_is(inst, x->valuestring) == 1)
				return 0;
		if (c->errs) {
			char *arg = render(t, 100);
			char *what = describe(inst);
			fail(c, "type", arg, "expected, got %s", what ? what : "?");
			free(arg);
			free(what);
		}
		return -1;
	}
	fail(c, "type", "", "must be a string or an array of strings");
	return -1;
}

static int kw_enum(struct vctx *c, const cJSON *e, const cJSON *inst)
{
	if (!cJSON_IsArray(e)) {
		fail(c, "enum", "", "must be an array");
		return -1;
	}
	for (const cJSON *x = e->child; x; x = x->next)
		if (json_equal(x, inst))
			return 0;
	if (c->errs) {
		char *arg = render(e, 120);
		char *what = render(inst, 80);
		fail(c, "enum", arg, "does not contain %s", what ? what : "?");
		free(arg);
		free(what);
	}
	return -1;
}

static int kw_const(struct vctx *c, const cJSON *k, const cJSON *inst)
{
	if (json_equal(k, inst))
		return 0;
	if (c->errs) {
		char *arg = render(k, 120);
		char *what = render(inst, 80);
		fail(c, "const", arg, "not equal to %s", what ? what : "?");
		free(arg);
		free(what);
	}
	return -1;
}

static int kw_number(struct vctx *c, const char *kw, const cJSON *lim, const cJSON *inst)
{
	if (!cJSON_IsNumber(inst))
		return 0;
	if (!cJSON_IsNumber(lim)) {
		fail(c, kw, "", "must be a number");
		return -1;
	}
	double x = inst->valuedouble, l = lim->valuedouble;
	int ok;
	const char *how;
	if (!strcmp(kw, "minimum")) {
		ok = x >= l;
		how = "not met by";
	} else if (!strcmp(kw, "maximum")) {
		ok = x <= l;
		how = "exceeded by";
	} else if (!strcmp(kw, "exclusiveMinimum")) {
		ok = x > l;
		how = "not met by";
	} else if (!strcmp(kw, "exclusiveMaximum")) {
		ok = x < l;
		how = "not met by";
	} else { /* multipleOf */
		if (l <= 0) {
			fail(c, kw, "", "must be greater than 0");
			return -1;
		}
		double q = x / l;
		ok = isfinite(q) && fabs(q - nearbyint(q)) <= 1e-9 * fmax(1.0, fabs(q));
		how = "does not divide";
	}
	if (ok)
		return 0;
	if (c->errs) {
		char *arg = render(lim, 40);
		char *what = render(inst, 40);
		fail(c, kw, arg, "%s %s", how, what ? what : "?");
		free(arg);
		free(what);
	}
	return -1;
}

static int count_arg(struct vctx *c, const char *kw, const cJSON *lim, double *out)
{
	if (!cJSON_IsNumber(lim) || lim->valuedouble < 0 || !is_integer(lim)) {
		fail(c, kw, "", "must be a non-negative integer");
		return -1;
	}
	*out = lim->valuedouble;
	return 0;
}

static int kw_length(struct vctx *c, const char *kw, const cJSON *lim, const cJSON *inst)
{
	if (!cJSON_IsString(inst))
		return 0;
	double l;
	if (count_arg(c, kw, lim, &l) != 0)
		return -1;
	size_t n = utf8_length(inst->valuestring);
	int ok = kw[1] == 'i' ? (double)n >= l : (double)n <= l;
	if (ok)
		return 0;
	char arg[32];
	snprintf(arg, sizeof arg, "%.0f", l);
	fail(c, kw, arg, "%s: %zu character%s", kw[1] == 'i' ? "not met" : "exceeded", n,
	     n == 1 ? "" : "s");
	return -1;
}

static int kw_pattern(struct vctx *c, const struct dlt_schema_regex *pat, const cJSON *p,
		      const cJSON *inst)
{
	if (!cJSON_IsString(inst))
		return 0;
	if (!cJSON_IsString(p)) {
		fail(c, "pattern", "", "must be a string");
		return -1;
	}
	char why[300];
	int m = pattern_match(c, pat, p->valuestring, inst->valuestring, why, sizeof why);
	if (m == 1)
		return 0;
	if (c->errs) {
		if (m == -1) {
			fail(c, "pattern", p->valuestring, "cannot be used: %s", why);
		} else {
			struct dlt_buf b = DLT_BUF_INIT;
			dlt_schema_text_json_string(&b, inst->valuestring, 80);
			char *what = dlt_buf_take(&b);
			if (m == 0)
				fail(c, "pattern", p->valuestring, "not matched by %s",
				     what ? what : "?");
			else
				fail(c, "pattern", p->valuestring, "not decided for %s: %s",
				     what ? what : "?", why);
			free(what);
		}
	}
	return -1;
}

static int kw_items(struct vctx *c, const cJSON *add, const cJSON *items, const cJSON *inst)
{
	int bad = 0;
	size_t i = 0;
	if (cJSON_IsArray(items)) {
		const cJSON *sub = items->child;
		const cJSON *x = inst->child;
		for (; sub && x; sub = sub->next, x = x->next, i++) {
			if (v_child(c, NULL, i, "items", NULL, i, 1, sub, x) != 0) {
				bad = 1;
				if (!c->errs)
					return -1;
			}
		}
		if (!x)
			return bad ? -1 : 0;
		if (!add)
			return bad ? -1 : 0;
		for (; x; x = x->next, i++) {
			if (cJSON_IsFalse(add)) {
				if (c->errs) {
					int pi = push_i(c, NULL, i) == 0;
					fail(c, "additionalItems", "false",
					     "allows no item beyond the first %d",
					     cJSON_GetArraySize(items));
					c->ni -= pi;
				}
				return -1;
			}
			if (v_child(c, NULL, i, "additionalItems", NULL, 0, 0, add, x) != 0) {
				bad = 1;
				if (!c->errs)
					return -1;
			}
		}
		return bad ? -1 : 0;
	}
	for (const cJSON *x = inst->child; x; x = x->next, i++) {
		if (v_child(c, NULL, i, "items", NULL, 0, 0, items, x) != 0) {
			bad = 1;
			if (!c->errs)
				return -1;
		}
	}
	return bad ? -1 : 0;
}

/* maxItems, minItems, maxProperties, minProperties: what counts is "item" or "member". */
static int kw_count(struct vctx *c, const char *kw, const cJSON *lim, const cJSON *inst,
		    const char *what)
{
	double l;
	if (count_arg(c, kw, lim, &l) != 0)
		return -1;
	int n = cJSON_GetArraySize(inst);
	int ok = kw[1] == 'i' ? n >= l : n <= l;
	if (ok)
		return 0;
	char arg[32];
	snprintf(arg, sizeof arg, "%.0f", l);
	fail(c, kw, arg, "%s: %d %s%s", kw[1] == 'i' ? "not met" : "exceeded", n, what,
	     n == 1 ? "" : "s");
	return -1;
}

static int kw_unique(struct vctx *c, const cJSON *u, const cJSON *inst)
{
	if (!cJSON_IsTrue(u))
		return 0;
	size_t i = 0;
	for (const cJSON *a = inst->child; a; a = a->next, i++) {
		size_t j = i + 1;
		for (const cJSON *b = a->next; b; b = b->next, j++) {
			if (json_equal(a, b)) {
				fail(c, "uniqueItems", "",
				     "violated: items [%zu] and [%zu] are equal", i, j);
				return -1;
			}
		}
	}
	return 0;
}

static int kw_contains(struct vctx *c, const cJSON *s, const cJSON *inst)
{
	for (const cJSON *x = inst->child; x; x = x->next)
		if (v_quiet(c, "contains", NULL, 0, 0, s, x) == 0)
			return 0;
	fail(c, "contains", "", "matched by no item of %d", cJSON_GetArraySize(inst));
	return -1;
}

static int kw_required(struct vctx *c, const cJSON *req, const cJSON *inst)
{
	if (!cJSON_IsArray(req)) {
		fail(c, "required", "", "must be an array");
		return -1;
	}
	int bad = 0;
	for (const cJSON *r = req->child; r; r = r->next) {
		if (!cJSON_IsString(r))
			continue;
		if (!dlt_schema_member(inst, r->valuestring)) {
			bad = 1;
			if (!c->errs)
				return -1;
			fail_at(c, r->valuestring, "required", "", "member missing");
		}
	}
	return bad ? -1 : 0;
}

/* properties, patternProperties and additionalProperties together. */
static int kw_members(struct vctx *c, const struct dlt_schema_node_info *ni, const cJSON *inst)
{
	const cJSON *props = ni->kw[DLT_SCHEMA_KW_PROPERTIES];
	const cJSON *pprops = ni->kw[DLT_SCHEMA_KW_PATPROPS];
	const cJSON *add = ni->kw[DLT_SCHEMA_KW_ADDPROPS];
	int bad = 0;
	for (const cJSON *m = inst->child; m; m = m->next) {
		if (!m->string)
			continue;
		int matched = 0;
		if (cJSON_IsObject(props)) {
			const cJSON *ps = dlt_schema_find_prop(ni, props, m->string);
			if (ps) {
				matched = 1;
				if (v_child(c, m->string, 0, "properties", m->string, 0, 1, ps,
					    m) != 0) {
					bad = 1;
					if (!c->errs)
						return -1;
				}
			}
		}
		if (cJSON_IsObject(pprops)) {
			for (const cJSON *pp = pprops->child; pp; pp = pp->next) {
				char why[300];
				int r = pattern_match(c, NULL, pp->string, m->string, why,
						      sizeof why);
				if (r < 0) {
					bad = 1;
					if (r == -1)
						fail(c, "patternProperties", pp->string,
						     "cannot be used: %s", why);
					else
						fail_at(c, m->string, "patternProperties",
							pp->string,
							"not decided for this member name: %s",
							why);
					if (!c->errs)
						return -1;
					continue;
				}
				if (r == 0)
					continue;
				matched = 1;
				if (v_child(c, m->string, 0, "patternProperties", pp->string, 0, 1,
					    pp, m) != 0) {
					bad = 1;
					if (!c->errs)
						return -1;
				}
			}
		}
		if (matched || !add)
			continue;
		if (cJSON_IsFalse(add)) {
			bad = 1;
			if (!c->errs)
				return -1;
			fail_at(c, m->string, "additionalProperties", "false",
				"does not allow this member");
			continue;
		}
		if (v_child(c, m->string, 0, "additionalProperties", NULL, 0, 0, add, m) != 0) {
			bad = 1;
			if (!c->errs)
				return -1;
		}
	}
	return bad ? -1 : 0;
}

static int kw_dependencies(struct vctx *c, const cJSON *deps, const cJSON *inst)
{
	if (!cJSON_IsObject(deps)) {
		fail(c, "dependencies", "", "must be an object");
		return -1;
	}
	int bad = 0;
	for (const cJSON *d = deps->child; d; d = d->next) {
		if (!dlt_schema_member(inst, d->string))
			continue;
		if (cJSON_IsArray(d)) {
			for (const cJSON *r = d->child; r; r = r->next) {
				if (cJSON_IsString(r) && !dlt_schema_member(inst, r->valuestring)) {
					bad = 1;
					if (!c->errs)
						return -1;
					fail_at(c, r->valuestring, "dependencies", "",
						"member missing (required when \"%s\" is present)",
						d->string);
				}
			}
		} else if (v_sub2(c, "dependencies", d->string, 0, d, inst) != 0) {
			bad = 1;
			if (!c->errs)
				return -1;
		}
	}
	return bad ? -1 : 0;
}

static int kw_property_names(struct vctx *c, const cJSON *s, const cJSON *inst)
{
	int bad = 0;
	for (const cJSON *m = inst->child; m; m = m->next) {
		cJSON name;
		memset(&name, 0, sizeof name);
		name.type = cJSON_String;
		name.valuestring = m->string;
		if (v_child(c, m->string, 0, "propertyNames", NULL, 0, 0, s, &name) != 0) {
			bad = 1;
			if (!c->errs)
				return -1;
		}
	}
	return bad ? -1 : 0;
}

static int kw_allof(struct vctx *c, const cJSON *arr, const cJSON *inst)
{
	if (!cJSON_IsArray(arr)) {
		fail(c, "allOf", "", "must be an array");
		return -1;
	}
	int bad = 0;
	size_t i = 0;
	for (const cJSON *x = arr->child; x; x = x->next, i++) {
		if (v_sub2(c, "allOf", NULL, i, x, inst) != 0) {
			bad = 1;
			if (!c->errs)
				return -1;
		}
	}
	return bad ? -1 : 0;
}

static int kw_anyof(struct vctx *c, const cJSON *arr, const cJSON *inst)
{
	if (!cJSON_IsArray(arr)) {
		fail(c, "anyOf", "", "must be an array");
		return -1;
	}
	size_t i = 0;
	for (const cJSON *x = arr->child; x; x = x->next, i++)
		if (v_quiet(c, "anyOf", NULL, i, 1, x, inst) == 0)
			return 0;
	explain_none(c, "anyOf", arr, inst);
	return -1;
}

static int kw_oneof(struct vctx *c, const cJSON *arr, const cJSON *inst)
{
	if (!cJSON_IsArray(arr)) {
		fail(c, "oneOf", "", "must be an array");
		return -1;
	}
	size_t i = 0, hits = 0, first = 0, second = 0;
	for (const cJSON *x = arr->child; x; x = x->next, i++) {
		if (v_quiet(c, "oneOf", NULL, i, 1, x, inst) == 0) {
			if (hits == 0)
				first = i;
			else
				second = i;
			if (++hits > 1)
				break;
		}
	}
	if (hits == 1)
		return 0;
	if (hits == 0) {
		explain_none(c, "oneOf", arr, inst);
		return -1;
	}
	if (c->errs) {
		char *what = describe(inst);
		fail(c, "oneOf", "",
		     "matched by more than one alternative ([%zu] and [%zu]) for %s", first, second,
		     what ? what : "?");
		free(what);
	}
	return -1;
}

static int kw_not(struct vctx *c, const cJSON *s, const cJSON *inst)
{
	if (v_quiet(c, "not", NULL, 0, 0, s, inst) != 0)
		return 0;
	if (c->errs) {
		char *arg = render(s, 80);
		fail(c, "not", arg, "matched, but must not be");
		free(arg);
	}
	return -1;
}

static int kw_if(struct vctx *c, const struct dlt_schema_node_info *ni, const cJSON *inst)
{
	int ok = v_quiet(c, "if", NULL, 0, 0, ni->kw[DLT_SCHEMA_KW_IF], inst) == 0;
	const char *which = ok ? "then" : "else";
	const cJSON *branch = ni->kw[ok ? DLT_SCHEMA_KW_THEN : DLT_SCHEMA_KW_ELSE];
	if (!branch)
		return 0;
	return v_sub(c, which, branch, inst);
}

/* ------------------------------------------------------------------ the interpreter */

static int v_node(struct vctx *c, const struct dlt_schema_node_info *ni, const cJSON *inst);

static int v_schema(struct vctx *c, const cJSON *s, const cJSON *inst)
{
	if (cJSON_IsTrue(s))
		return 0;
	if (cJSON_IsFalse(s)) {
		fail(c, "false", "", "schema allows nothing");
		return -1;
	}
	if (!cJSON_IsObject(s)) {
		fail(c, "schema", "", "is not a schema (a %s)", json_type(s));
		return -1;
	}
	const struct dlt_schema_node_info *ni = dlt_schema_node_info_get(c->doc, s);
	if (ni)
		return v_node(c, ni, inst);
	/* not a node of the document (or one without keywords): analyse it now */
	struct dlt_schema_node_info *tmp = dlt_xmalloc(sizeof *tmp);
	dlt_schema_analyze(c->doc, s, tmp);
	int r = tmp->nkw ? v_node(c, tmp, inst) : 0;
	free(tmp);
	return r;
}

/* Apply the keywords of one analysed schema object. */
static int v_node(struct vctx *c, const struct dlt_schema_node_info *ni, const cJSON *inst)
{
	const cJSON *ref = ni->kw[DLT_SCHEMA_KW_REF];
	if (ref && cJSON_IsString(ref)) {
		/* draft 7: $ref makes the other members of its object ignored */
		const cJSON *t = ni->ref_target;
		if (!t) {
			fail(c, "$ref", ref->valuestring, "cannot be resolved%s",
			     ref->valuestring[0] == '#' ? ""
							: " (only references inside the document "
							  "are supported)");
			return -1;
		}
		if (push_s(c, ref->valuestring, NULL, 0) != 0) {
			fail(c, "$ref", ref->valuestring,
			     "nested deeper than %d frames (a reference cycle?)", MAX_SPATH);
			return -1;
		}
		int r = v_schema(c, t, inst);
		c->ns--;
		return r;
	}

	int bad = 0;
#define CHECK(expr) \
	do { \
		if ((expr) != 0) { \
			bad = 1; \
			if (!c->errs) \
				return -1; \
		} \
	} while (0)
	const cJSON *const *kw = ni->kw;
	if (kw[DLT_SCHEMA_KW_TYPE])
		CHECK(kw_type(c, kw[DLT_SCHEMA_KW_TYPE], inst));
	if (kw[DLT_SCHEMA_KW_ENUM])
		CHECK(kw_enum(c, kw[DLT_SCHEMA_KW_ENUM], inst));
	if (kw[DLT_SCHEMA_KW_CONST])
		CHECK(kw_const(c, kw[DLT_SCHEMA_KW_CONST], inst));
	if (cJSON_IsNumber(inst)) {
		static const enum dlt_schema_kw num[] = {
			DLT_SCHEMA_KW_MULTIPLEOF, DLT_SCHEMA_KW_MAXIMUM, DLT_SCHEMA_KW_EXMAXIMUM,
			DLT_SCHEMA_KW_MINIMUM, DLT_SCHEMA_KW_EXMINIMUM
		};
		for (size_t i = 0; i < sizeof num / sizeof num[0]; i++)
			if (kw[num[i]])
				CHECK(kw_number(c, dlt_schema_kw_names[num[i]], kw[num[i]], inst));
	} else if (cJSON_IsString(inst)) {
		if (kw[DLT_SCHEMA_KW_MAXLENGTH])
			CHECK(kw_length(c, "maxLength", kw[DLT_SCHEMA_KW_MAXLENGTH], inst));
		if (kw[DLT_SCHEMA_KW_MINLENGTH])
			CHECK(kw_length(c, "minLength", kw[DLT_SCHEMA_KW_MINLENGTH], inst));
		if (kw[DLT_SCHEMA_KW_PATTERN])
			CHECK(kw_pattern(c, ni->pat, kw[DLT_SCHEMA_KW_PATTERN], inst));
	} else if (cJSON_IsArray(inst)) {
		if (kw[DLT_SCHEMA_KW_ITEMS])
			CHECK(kw_items(c, kw[DLT_SCHEMA_KW_ADDITEMS], kw[DLT_SCHEMA_KW_ITEMS],
				       inst));
		if (kw[DLT_SCHEMA_KW_MAXITEMS])
			CHECK(kw_count(c, "maxItems", kw[DLT_SCHEMA_KW_MAXITEMS], inst, "item"));
		if (kw[DLT_SCHEMA_KW_MINITEMS])
			CHECK(kw_count(c, "minItems", kw[DLT_SCHEMA_KW_MINITEMS], inst, "item"));
		if (kw[DLT_SCHEMA_KW_UNIQUE])
			CHECK(kw_unique(c, kw[DLT_SCHEMA_KW_UNIQUE], inst));
		if (kw[DLT_SCHEMA_KW_CONTAINS])
			CHECK(kw_contains(c, kw[DLT_SCHEMA_KW_CONTAINS], inst));
	} else if (cJSON_IsObject(inst)) {
		if (kw[DLT_SCHEMA_KW_MAXPROPS])
			CHECK(kw_count(c, "maxProperties", kw[DLT_SCHEMA_KW_MAXPROPS], inst,
				       "member"));
		if (kw[DLT_SCHEMA_KW_MINPROPS])
			CHECK(kw_count(c, "minProperties", kw[DLT_SCHEMA_KW_MINPROPS], inst,
				       "member"));
		if (kw[DLT_SCHEMA_KW_REQUIRED])
			CHECK(kw_required(c, kw[DLT_SCHEMA_KW_REQUIRED], inst));
		if (kw[DLT_SCHEMA_KW_PROPERTIES] || kw[DLT_SCHEMA_KW_PATPROPS] ||
		    kw[DLT_SCHEMA_KW_ADDPROPS])
			CHECK(kw_members(c, ni, inst));
		if (kw[DLT_SCHEMA_KW_DEPENDENCIES])
			CHECK(kw_dependencies(c, kw[DLT_SCHEMA_KW_DEPENDENCIES], inst));
		if (kw[DLT_SCHEMA_KW_PROPNAMES])
			CHECK(kw_property_names(c, kw[DLT_SCHEMA_KW_PROPNAMES], inst));
	}
	if (kw[DLT_SCHEMA_KW_IF])
		CHECK(kw_if(c, ni, inst));
	if (kw[DLT_SCHEMA_KW_ALLOF])
		CHECK(kw_allof(c, kw[DLT_SCHEMA_KW_ALLOF], inst));
	if (kw[DLT_SCHEMA_KW_ANYOF])
		CHECK(kw_anyof(c, kw[DLT_SCHEMA_KW_ANYOF], inst));
	if (kw[DLT_SCHEMA_KW_ONEOF])
		CHECK(kw_oneof(c, kw[DLT_SCHEMA_KW_ONEOF], inst));
	if (kw[DLT_SCHEMA_KW_NOT])
		CHECK(kw_not(c, kw[DLT_SCHEMA_KW_NOT], inst));
#undef CHECK
	return bad ? -1 : 0;
}

int dlt_schema_validate_at(const struct dlt_schema_doc *doc, const cJSON *schema,
			   const char *location, const cJSON *instance,
			   struct dlt_schema_errors *errs)
{
	struct vctx *c = dlt_xmalloc(sizeof *c);
	c->doc = doc;
	c->errs = errs;
	c->ni = 0;
	c->ns = 0;
	c->overflow = 0;
	c->scratch = NULL;
	if (!location)
		location = (doc && schema == dlt_schema_doc_root(doc)) ? "#" : "schema";
	push_s(c, location, NULL, 0);
	int r;
	if (!schema || !instance) {
		fail(c, "schema", "", "%s", !schema ? "no schema given" : "no instance given");
		r = -1;
	} else {
		r = v_schema(c, schema, instance);
	}
	if (r != 0 && errs && errs->count == 0 && errs->dropped == 0)
		errs->dropped++; /* never report invalid with an empty list */
	dlt_schema_regex_scratch_free(c->scratch);
	free(c);
	return r;
}

int dlt_schema_validate(const struct dlt_schema_doc *doc, const cJSON *schema,
			const cJSON *instance, struct dlt_schema_errors *errs)
{
	return dlt_schema_validate_at(doc, schema, NULL, instance, errs);
}
