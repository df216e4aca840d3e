/*
 * jsonschema.c: JSON Schema draft 7 validation over cJSON (see jsonschema.h, docs/schema.md).
 *
 * How it works: a document is walked once at load; every regular expression it contains is
 * translated from ECMA-262 to POSIX ERE and compiled, and every "$ref" is resolved; both go into
 * sorted arrays searched with bsearch. Validation is a recursive interpreter over the schema's
 * members. It keeps two small stacks in a context on the C stack: the instance path
 * ($.a[0].b) and the schema location (reset to the $ref string whenever a $ref is followed);
 * strings are built from them only when an error is recorded. In yes/no mode (no error list)
 * the interpreter returns at the first failure; alternatives (anyOf, oneOf, not, if, contains)
 * are always tried in yes/no mode first, and only when none fits are they re-run collecting
 * errors, so a valid instance costs no allocation at all.
 *
 * Thread safety: nothing is written after load. regexec() on a shared regex_t is thread-safe
 * (glibc takes an internal lock per compiled expression).
 */
#include "jsonschema.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IPATH 256   /* instance nesting the validator follows */
#define MAX_SPATH 512   /* schema frames (keywords, $refs) in one chain */

/* ------------------------------------------------------------------ error lists */

size_t dlt_schema_errors_count(const struct dlt_schema_errors *e)
{
	return e ? e->count : 0;
}

const struct dlt_schema_error *dlt_schema_errors_get(const struct dlt_schema_errors *e, size_t i)
{
	return (e && i < e->count) ? &e->items[i] : NULL;
}

static void error_release(struct dlt_schema_error *x)
{
	free(x->path);
	free(x->rule);
	free(x->schema);
	free(x->message);
}

void dlt_schema_errors_clear(struct dlt_schema_errors *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->count; i++)
		error_release(&e->items[i]);
	e->count = 0;
	e->dropped = 0;
}

void dlt_schema_errors_free(struct dlt_schema_errors *e)
{
	if (!e)
		return;
	dlt_schema_errors_clear(e);
	free(e->items);
	e->items = NULL;
	e->cap = 0;
}

static size_t errors_limit(const struct dlt_schema_errors *e)
{
	return e->limit ? e->limit : DLT_SCHEMA_ERRORS_DEFAULT_LIMIT;
}

/* Append an entry, taking ownership of the four strings (any may be NULL after OOM). */
static void errors_push(struct dlt_schema_errors *e, char *path, char *rule, char *schema,
                        char *message)
{
	if (!path || !rule || !schema || !message || e->count >= errors_limit(e)) {
		e->dropped++;
		goto drop;
	}
	if (e->count == e->cap) {
		size_t ncap = e->cap ? e->cap * 2 : 8;
		struct dlt_schema_error *n = realloc(e->items, ncap * sizeof *n);
		if (!n) {
			e->dropped++;
			goto drop;
		}
		e->items = n;
		e->cap = ncap;
	}
	e->items[e->count++] = (struct dlt_schema_error){ path, rule, schema, message };
	return;
drop:
	free(path);
	free(rule);
	free(schema);
	free(message);
}

/* Move every entry of src to the end of dst (src is left empty). */
static void errors_move(struct dlt_schema_errors *dst, struct dlt_schema_errors *src)
{
	for (size_t i = 0; i < src->count; i++) {
		struct dlt_schema_error *x = &src->items[i];
		errors_push(dst, x->path, x->rule, x->schema, x->message);
	}
	dst->dropped += src->dropped;
	src->count = 0;
	src->dropped = 0;
}

/* ------------------------------------------------------------------ small string builder */

struct sbuf {
	char *p;
	size_t len, cap;
	int oom;
};

static void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap : 64;
		while (ncap < b->len + n + 1)
			ncap *= 2;
		char *np = realloc(b->p, ncap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		sb_putn(b, tmp, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb_putn(b, big, (size_t)n);
	free(big);
}

static char *sb_take(struct sbuf *b)
{
	if (b->oom) {
		free(b->p);
		return NULL;
	}
	if (!b->p)
		return strdup("");
	return b->p;
}

/* Append a JSON value, compact, cut to about max bytes. */
static void sb_json(struct sbuf *b, const cJSON *v, size_t max)
{
	char *s = cJSON_PrintUnformatted(v);
	if (!s) {
		sb_puts(b, "?");
		return;
	}
	size_t n = strlen(s);
	if (n > max) {
		/* do not cut inside a UTF-8 sequence */
		while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
			max--;
		sb_putn(b, s, max);
		sb_puts(b, "...");
	} else {
		sb_putn(b, s, n);
	}
	free(s);
}

static void sb_json_string(struct sbuf *b, const char *str, size_t max)
{
	cJSON tmp;
	memset(&tmp, 0, sizeof tmp);
	tmp.type = cJSON_String;
	tmp.valuestring = (char *)str;
	sb_json(b, &tmp, max);
}

/* ------------------------------------------------------------------ pattern translation */

/* A set of ASCII bytes 1..127, used to build POSIX bracket expressions. */
struct cset {
	unsigned char bit[16];
};

static void cs_add(struct cset *s, unsigned c)
{
	s->bit[c >> 3] |= (unsigned char)(1u << (c & 7));
}

static int cs_has(const struct cset *s, unsigned c)
{
	return (s->bit[c >> 3] >> (c & 7)) & 1;
}

static void cs_add_range(struct cset *s, unsigned a, unsigned b)
{
	for (unsigned c = a; c <= b; c++)
		cs_add(s, c);
}

static void cs_add_class(struct cset *s, char k)
{
	switch (k) {
	case 'd':
		cs_add_range(s, '0', '9');
		break;
	case 'w':
		cs_add_range(s, '0', '9');
		cs_add_range(s, 'A', 'Z');
		cs_add_range(s, 'a', 'z');
		cs_add(s, '_');
		break;
	case 's':
		cs_add(s, ' ');
		cs_add_range(s, '\t', '\r'); /* \t \n \v \f \r */
		break;
	}
}

/* Emit a bracket expression for set s (negated when neg). Ranges are written only inside runs of
 * digits, upper- or lower-case letters, so the result does not depend on the locale's collation;
 * ']' goes first, '^' late and '-' last, as POSIX requires. */
static int cs_emit(struct sbuf *b, const struct cset *s, int neg)
{
	struct cset t = *s;
	int has_rb = cs_has(&t, ']'), has_caret = cs_has(&t, '^'), has_dash = cs_has(&t, '-');
	int n = 0;
	for (unsigned c = 1; c < 128; c++)
		n += cs_has(&t, c);
	if (n == 0)
		return -1; /* an empty class: nothing POSIX can say */
	if (!neg && n == 1 && has_caret) {
		sb_puts(b, "\\^");
		return 0;
	}
	if (neg && n == 1 && has_caret) {
		sb_puts(b, "[^^]");
		return 0;
	}
	t.bit[']' >> 3] &= (unsigned char)~(1u << (']' & 7));
	t.bit['^' >> 3] &= (unsigned char)~(1u << ('^' & 7));
	t.bit['-' >> 3] &= (unsigned char)~(1u << ('-' & 7));
	sb_puts(b, neg ? "[^" : "[");
	if (has_rb)
		sb_puts(b, "]");
	int wrote = has_rb;
	for (unsigned c = 1; c < 128; c++) {
		if (!cs_has(&t, c))
			continue;
		unsigned e = c;
		int ranged = isdigit((int)c) || isupper((int)c) || islower((int)c);
		if (ranged) {
			while (e + 1 < 128 && cs_has(&t, e + 1) &&
			       ((isdigit((int)c) && isdigit((int)(e + 1))) ||
			        (isupper((int)c) && isupper((int)(e + 1))) ||
			        (islower((int)c) && islower((int)(e + 1)))))
				e++;
		}
		char ch[2] = { (char)c, 0 };
		if (e >= c + 2) {
			sb_putn(b, ch, 1);
			sb_puts(b, "-");
			ch[0] = (char)e;
			sb_putn(b, ch, 1);
			c = e;
		} else {
			sb_putn(b, ch, 1);
		}
		wrote = 1;
	}
	if (has_caret) {
		if (!wrote) {
			/* '^' and '-' only: '-' first is literal, '^' not first is literal */
			sb_puts(b, "-^]");
			return 0;
		}
		sb_puts(b, "^");
	}
	if (has_dash)
		sb_puts(b, "-");
	sb_puts(b, "]");
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int read_hex(const char *p, int n, unsigned long *out)
{
	unsigned long v = 0;
	for (int i = 0; i < n; i++) {
		int h = hexval((unsigned char)p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + (unsigned long)h;
	}
	*out = v;
	return 0;
}

static size_t utf8_encode(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Parse one character escape after '\' at p (p points past the backslash). On success set *cp
 * to the code point and return the number of bytes consumed; 0 when the escape is not a single
 * character; -1 with *why set when it is one we cannot express. in_class: inside [...]. */
static int escape_char(const char *p, int in_class, unsigned long *cp, const char **why)
{
	switch (*p) {
	case 't': *cp = '\t'; return 1;
	case 'n': *cp = '\n'; return 1;
	case 'r': *cp = '\r'; return 1;
	case 'v': *cp = '\v'; return 1;
	case 'f': *cp = '\f'; return 1;
	case '0':
		*why = "\\0 (NUL) cannot occur in a C string";
		return -1;
	case 'b':
		if (in_class) {
			*cp = '\b';
			return 1;
		}
		return 0;
	case 'c':
		if (isalpha((unsigned char)p[1])) {
			*cp = (unsigned long)(p[1] & 31);
			return 2;
		}
		*why = "malformed \\c escape";
		return -1;
	case 'x':
		if (read_hex(p + 1, 2, cp) == 0)
			return 3;
		*why = "malformed \\x escape";
		return -1;
	case 'u': {
		if (p[1] == '{') {
			*why = "\\u{...} needs the unicode flag";
			return -1;
		}
		if (read_hex(p + 1, 4, cp) != 0) {
			*why = "malformed \\u escape";
			return -1;
		}
		if (*cp >= 0xD800 && *cp <= 0xDBFF) {
			unsigned long lo;
			if (p[5] == '\\' && p[6] == 'u' && read_hex(p + 7, 4, &lo) == 0 &&
			    lo >= 0xDC00 && lo <= 0xDFFF) {
				*cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
				return 11;
			}
			*why = "lone surrogate in \\u escape";
			return -1;
		}
		if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
			*why = "lone surrogate in \\u escape";
			return -1;
		}
		return 5;
	}
	default:
		break;
	}
	if (isdigit((unsigned char)*p)) {
		*why = "backreferences are not supported";
		return -1;
	}
	if (*p == 'k' && p[1] == '<') {
		*why = "named backreferences are not supported";
		return -1;
	}
	if (*p == 'p' || *p == 'P') {
		*why = "Unicode property escapes are not supported";
		return -1;
	}
	if (*p == 'd' || *p == 'D' || *p == 'w' || *p == 'W' || *p == 's' || *p == 'S' ||
	    *p == 'B')
		return 0;
	if (isalnum((unsigned char)*p)) {
		*why = "unknown escape";
		return -1;
	}
	if (*p == '\0') {
		*why = "pattern ends with a backslash";
		return -1;
	}
	if ((unsigned char)*p >= 0x80) {
		*why = "escaped non-ASCII character";
		return -1;
	}
	*cp = (unsigned char)*p; /* identity escape of punctuation: \. \/ \- \\ ... */
	return 1;
}

/* Parse the ECMA class at p ('[' ... ']') into s (ASCII only). On success *end points past the
 * ']'. On failure *why is the reason and *where its offset from p ((size_t)-1: at p). */
static int parse_class(const char *p, struct cset *s, int *neg, const char **end,
                       const char **why, size_t *where)
{
	const char *q = p + 1;
	memset(s, 0, sizeof *s);
	*neg = 0;
	*where = (size_t)-1;
	if (*q == '^') {
		*neg = 1;
		q++;
	}
	if (*q == ']') {
		*why = *neg ? "[^] is not supported" : "the empty class [] is not supported";
		return -1;
	}
	while (*q && *q != ']') {
		unsigned long lo;
		*where = (size_t)(q - p);
		if ((unsigned char)*q >= 0x80) {
			*why = "non-ASCII characters in a class are not supported";
			return -1;
		}
		if (*q == '\\') {
			int n = escape_char(q + 1, 1, &lo, why);
			if (n < 0)
				return -1;
			if (n == 0) {
				char k = q[1];
				if (k == 'D' || k == 'W' || k == 'S' || k == 'B') {
					*why = "negated class escapes inside [...] are not supported";
					return -1;
				}
				cs_add_class(s, k);
				q += 2;
				continue;
			}
			q += 1 + n;
		} else {
			lo = (unsigned char)*q;
			q++;
		}
		if (lo == 0 || lo >= 0x80) {
			*why = "non-ASCII characters in a class are not supported";
			return -1;
		}
		/* a range lo-hi? */
		if (*q == '-' && q[1] && q[1] != ']') {
			unsigned long hi;
			const char *r = q + 1;
			*where = (size_t)(r - p);
			if (*r == '\\') {
				int n = escape_char(r + 1, 1, &hi, why);
				if (n <= 0) {
					if (n == 0)
						*why = "a class escape cannot end a range";
					return -1;
				}
				r += 1 + n;
			} else {
				if ((unsigned char)*r >= 0x80) {
					*why = "non-ASCII characters in a class are not supported";
					return -1;
				}
				hi = (unsigned char)*r;
				r++;
			}
			if (hi >= 0x80 || hi < lo) {
				*why = "bad range in class";
				return -1;
			}
			cs_add_range(s, (unsigned)lo, (unsigned)hi);
			q = r;
			continue;
		}
		cs_add(s, (unsigned)lo);
	}
	if (*q != ']') {
		*why = "unterminated [";
		*where = (size_t)-1;
		return -1;
	}
	*end = q + 1;
	return 0;
}

/* Emit a literal code point outside brackets. */
static void emit_literal(struct sbuf *b, unsigned long cp)
{
	char u[4];
	if (cp < 0x80) {
		if (strchr("^.[$()|*+?{\\", (int)cp) && cp != 0) {
			char e[3] = { '\\', (char)cp, 0 };
			sb_puts(b, e);
		} else {
			u[0] = (char)cp;
			sb_putn(b, u, 1);
		}
		return;
	}
	/* several bytes: group them so a following quantifier applies to the whole character */
	size_t n = utf8_encode(cp, u);
	sb_puts(b, "(");
	sb_putn(b, u, n);
	sb_puts(b, ")");
}

/* Is there a valid {n}, {n,} or {n,m} quantifier at p? Returns its length or 0. */
static size_t quantifier_len(const char *p)
{
	const char *q = p + 1;
	if (!isdigit((unsigned char)*q))
		return 0;
	while (isdigit((unsigned char)*q))
		q++;
	if (*q == ',') {
		q++;
		while (isdigit((unsigned char)*q))
			q++;
	}
	if (*q != '}')
		return 0;
	return (size_t)(q - p) + 1;
}

static int set_why(char *err, size_t errlen, const char *why, size_t at)
{
	if (err && errlen)
		snprintf(err, errlen, "%s (at offset %zu)", why, at);
	return -1;
}

/*
 * How far glibc's regcomp will expand a pattern: it copies an item once per count of a bounded
 * quantifier, so nested counts multiply ("((a{100}){100}){100}" is a million copies and
 * hundreds of MB; "(a{32767}){32767}" took 3 GB before failing). The translation keeps, per
 * open group, the size of what the group holds so far and of its last item, and refuses a
 * pattern that would expand beyond PATTERN_MAX_COPIES items.
 */
#define PATTERN_MAX_COPIES 100000
#define PATTERN_MAX_GROUPS 256

struct expansion {
	size_t total[PATTERN_MAX_GROUPS + 1], last[PATTERN_MAX_GROUPS + 1];
	int depth;
};

static size_t sat_mul(size_t a, size_t b)
{
	return b && a > (size_t)PATTERN_MAX_COPIES * 2 / b ? (size_t)PATTERN_MAX_COPIES * 2 : a * b;
}

static void exp_item(struct expansion *x, size_t size)
{
	x->last[x->depth] = size;
	x->total[x->depth] += size;
}

/* the copies glibc makes of an item for the quantifier at p (its length n for {..}) */
static size_t quantifier_copies(const char *p, size_t n)
{
	if (*p == '+')
		return 2;
	if (*p != '{')
		return 1;
	size_t lo = 0, hi = 0;
	const char *q = p + 1;
	for (; isdigit((unsigned char)*q); q++)
		lo = lo > PATTERN_MAX_COPIES ? lo : lo * 10 + (size_t)(*q - '0');
	if (*q != ',')
		return lo ? lo : 1;
	if (q + 1 == p + n - 1)
		return lo + 1;
	for (q++; isdigit((unsigned char)*q); q++)
		hi = hi > PATTERN_MAX_COPIES ? hi : hi * 10 + (size_t)(*q - '0');
	return hi > lo ? hi : (lo ? lo : 1);
}

/* regcomp's items for the pattern item at p: one per byte of a literal character (a
 * multi-byte character written as such or as an escape), one for anything else */
static size_t item_bytes(const char *p)
{
	size_t n = 1;
	if ((unsigned char)*p >= 0x80) {
		while ((p[n] & 0xC0) == 0x80)
			n++;
		return n;
	}
	unsigned long cp;
	const char *why = NULL;
	char u[8];
	if (*p == '\\' && escape_char(p + 1, 0, &cp, &why) > 0)
		return utf8_encode(cp, u);
	return 1;
}

static void exp_quantify(struct expansion *x, size_t copies)
{
	size_t *t = &x->total[x->depth], *l = &x->last[x->depth];
	size_t grown = sat_mul(*l, copies);
	*t = *t - *l + grown;
	*l = grown;
}

int dlt_schema_translate_pattern(const char *ecma, char *out, size_t outlen, char *err,
                                 size_t errlen)
{
	struct sbuf b = { 0 };
	const char *p = ecma;
	const char *why = NULL;
	int rc = 0;
	/* whether the last item may take a quantifier: in ECMA-262 one after another quantifier,
	 * an assertion, '(' or '|' is a syntax error ("nothing to repeat"); passed on, stacked ones
	 * ("a++++") make glibc's regcomp take memory exponential in their number */
	int quantifiable = 0;
	struct expansion x = { { 0 }, { 0 }, 0 };

	while (*p && rc == 0) {
		size_t at = (size_t)(p - ecma);
		unsigned char c = (unsigned char)*p;
		size_t qlen = c == '{' ? quantifier_len(p) : 0;
		int quantifier = c == '*' || c == '+' || c == '?' || qlen;
		if (quantifier && !quantifiable) {
			rc = set_why(err, errlen, "nothing to repeat (a quantifier must follow a "
			             "character, a class or a group)", at);
			break;
		}
		quantifiable = !quantifier && c != '(' && c != '|' && c != '^' && c != '$';
		if (quantifier)
			exp_quantify(&x, quantifier_copies(p, qlen));
		else if (c == '(' && x.depth < PATTERN_MAX_GROUPS) {
			x.depth++;
			x.total[x.depth] = x.last[x.depth] = 0;
		} else if (c == '(') {
			rc = set_why(err, errlen, "groups nested too deeply", at);
			break;
		} else if (c == ')' && x.depth > 0) {
			size_t inner = x.total[x.depth--];
			exp_item(&x, inner ? inner : 1);
		} else if (c != '|' && c != '^' && c != '$')
			exp_item(&x, item_bytes(p));
		if (x.total[x.depth] > PATTERN_MAX_COPIES) {
			rc = set_why(err, errlen, "counts too large: the pattern would expand to more "
			             "than 100000 items", at);
			break;
		}
		if (c == '\\') {
			unsigned long cp;
			int n = escape_char(p + 1, 0, &cp, &why);
			if (n < 0) {
				rc = set_why(err, errlen, why, at);
				break;
			}
			if (n > 0) {
				emit_literal(&b, cp);
				p += 1 + n;
				continue;
			}
			char k = p[1];
			if (k == 'b' || k == 'B') {
				rc = set_why(err, errlen, "word boundaries (\\b, \\B) are not supported", at);
				break;
			}
			struct cset s = { { 0 } };
			cs_add_class(&s, (char)tolower((unsigned char)k));
			cs_emit(&b, &s, isupper((unsigned char)k) != 0);
			p += 2;
			continue;
		}
		if (c == '[') {
			struct cset s;
			int neg;
			const char *q;
			size_t where;
			if (parse_class(p, &s, &neg, &q, &why, &where) != 0) {
				rc = set_why(err, errlen, why, where == (size_t)-1 ? at :
				             (size_t)(p - ecma) + where);
				break;
			}
			if (cs_emit(&b, &s, neg) != 0) {
				rc = set_why(err, errlen, "class cannot be expressed", at);
				break;
			}
			p = q;
			continue;
		}
		if (c == '(') {
			if (p[1] == '?') {
				if (p[2] == ':') {
					sb_puts(&b, "(");
					p += 3;
					continue;
				}
				if (p[2] == '<' && p[3] != '=' && p[3] != '!') {
					const char *q = strchr(p + 3, '>');
					if (!q) {
						rc = set_why(err, errlen, "malformed named group", at);
						break;
					}
					sb_puts(&b, "(");
					p = q + 1;
					continue;
				}
				rc = set_why(err, errlen, "lookahead and lookbehind are not supported", at);
				break;
			}
			sb_puts(&b, "(");
			p++;
			continue;
		}
		if (c == '.') {
			sb_puts(&b, "[^\n\r]");
			p++;
			continue;
		}
		if (c == '*' || c == '+' || c == '?') {
			char q[2] = { (char)c, 0 };
			sb_puts(&b, q);
			p++;
			if (*p == '?') /* lazy: the same set of strings has a match */
				p++;
			continue;
		}
		if (c == '{') {
			size_t n = quantifier_len(p);
			if (n) {
				sb_putn(&b, p, n);
				p += n;
				if (*p == '?')
					p++;
			} else {
				sb_puts(&b, "\\{");
				p++;
			}
			continue;
		}
		if (c >= 0x80) {
			/* a literal multi-byte character: keep it whole */
			size_t n = 1;
			while ((p[n] & 0xC0) == 0x80)
				n++;
			sb_puts(&b, "(");
			sb_putn(&b, p, n);
			sb_puts(&b, ")");
			p += n;
			continue;
		}
		/* ^ $ | ) } ] and ordinary characters mean the same in both dialects */
		sb_putn(&b, p, 1);
		p++;
	}
	if (rc == 0 && b.oom)
		rc = set_why(err, errlen, "out of memory", 0);
	if (rc == 0) {
		const char *s = b.p ? b.p : "";
		size_t n = strlen(s);
		if (n + 1 > outlen) {
			rc = set_why(err, errlen, "translated pattern too long", 0);
		} else {
			memcpy(out, s, n + 1);
		}
	}
	free(b.p);
	return rc;
}


/* ------------------------------------------------------------------ the simple-pattern matcher */

/*
 * Most patterns of the specification are anchored strings of character sets with counts:
 * ^0x[0-9a-f]{64}$, ^0x(0|[1-9a-f][0-9a-f]*)$, ^execution reverted.* . For those, glibc's
 * regexec costs about a microsecond per call (and takes a lock); this matcher does the same job
 * in a few nanoseconds per byte. It accepts, and otherwise leaves to regexec:
 *   ^ ITEM* [.*] [$]     ITEM = ATOM [QUANT] | ( ALT | ALT ... )   ALT = (ATOM [QUANT])*
 *   ATOM = an ASCII literal, an escaped character, \d \w \s, or a positive ASCII [class]
 *   QUANT = * + ? {m} {m,} {m,n}, optionally lazy
 * with groups unquantified and not nested, a trailing .* only at the very end, and at most one
 * count that can vary (so backtracking is linear). Bytes >= 0x80 match no ASCII set, as in
 * regexec. Its answers are checked against regexec in tests/unit/test_schema.c.
 */
enum { F_ATOM, F_GROUP, F_DOTSTAR };

struct fnode {
	int kind;
	struct cset set;       /* F_ATOM */
	int min, max;          /* F_ATOM; max -1: unbounded */
	int first_alt, nalts;  /* F_GROUP: alternatives alts[first_alt ..] */
};

struct fseq {
	int first, n;          /* node indices altidx[first .. first+n) */
};

#define FAST_MAX_NODES 64
#define FAST_MAX_ALTS 16

struct fastpat {
	struct fnode nodes[FAST_MAX_NODES];
	int nnodes;
	int top[FAST_MAX_NODES];    /* the top-level sequence, as node indices */
	int ntop;
	struct fseq alts[FAST_MAX_ALTS];
	int nalts;
	int altidx[FAST_MAX_NODES];
	int naltidx;
	int anchored_end;
};

/* Parse one ATOM [QUANT] at *pp into n. 1 done, 0 not an atom here, -1 not simple. */
static int fast_atom(const char **pp, struct fnode *n, int *variable)
{
	const char *p = *pp;
	const char *why;
	memset(n, 0, sizeof *n);
	n->kind = F_ATOM;
	unsigned char c = (unsigned char)*p;
	if (c == '[') {
		int neg;
		size_t where;
		const char *end;
		if (parse_class(p, &n->set, &neg, &end, &why, &where) != 0 || neg)
			return -1;
		p = end;
	} else if (c == '\\') {
		unsigned long cp;
		int k = escape_char(p + 1, 0, &cp, &why);
		if (k < 0)
			return -1;
		if (k == 0) {
			char e = p[1];
			if (e != 'd' && e != 'w' && e != 's')
				return -1;
			cs_add_class(&n->set, e);
			p += 2;
		} else {
			if (cp == 0 || cp >= 0x80)
				return -1;
			cs_add(&n->set, (unsigned)cp);
			p += 1 + k;
		}
	} else if (c == 0 || c >= 0x80 || strchr(".^$|()[]{}*+?", c)) {
		return 0;
	} else {
		cs_add(&n->set, c);
		p++;
	}
	n->min = n->max = 1;
	if (*p == '*' || *p == '+' || *p == '?') {
		n->min = *p == '+' ? 1 : 0;
		n->max = *p == '?' ? 1 : -1;
		p++;
	} else if (*p == '{') {
		size_t len = quantifier_len(p);
		if (!len)
			return -1;
		char *e;
		long lo = strtol(p + 1, &e, 10), hi = lo;
		if (*e == ',')
			hi = e[1] == '}' ? -1 : strtol(e + 1, &e, 10);
		if (lo > 100000 || hi > 100000 || (hi >= 0 && hi < lo))
			return -1;
		n->min = (int)lo;
		n->max = (int)hi;
		p += len;
	}
	if (*p == '?' && (n->min != 1 || n->max != 1))
		p++; /* lazy: same answer for "is there a match" */
	if (n->min != n->max)
		(*variable)++;
	*pp = p;
	return 1;
}

/* Compile ecma into f when it is simple; -1 otherwise. */
static int fast_compile(const char *ecma, struct fastpat *f)
{
	memset(f, 0, sizeof *f);
	const char *p = ecma;
	int variable = 0;
	if (*p++ != '^')
		return -1;
	for (;;) {
		if (f->nnodes >= FAST_MAX_NODES)
			return -1;
		if (*p == '\0')
			break;
		if (*p == '$' && p[1] == '\0') {
			f->anchored_end = 1;
			break;
		}
		if (p[0] == '.' && p[1] == '*' &&
		    (p[2] == '\0' || (p[2] == '$' && p[3] == '\0') || (p[2] == '?' && p[3] == '\0'))) {
			struct fnode *n = &f->nodes[f->nnodes];
			memset(n, 0, sizeof *n);
			n->kind = F_DOTSTAR;
			f->top[f->ntop++] = f->nnodes++;
			f->anchored_end = p[2] == '$';
			variable++;
			break;
		}
		if (*p == '(') {
			p += (p[1] == '?' && p[2] == ':') ? 3 : 1;
			if (*p == '?')
				return -1; /* lookaround, named groups */
			int gi = f->nnodes++;
			struct fnode *g = &f->nodes[gi];
			memset(g, 0, sizeof *g);
			g->kind = F_GROUP;
			g->first_alt = f->nalts;
			f->top[f->ntop++] = gi;
			for (;;) {
				if (f->nalts >= FAST_MAX_ALTS)
					return -1;
				struct fseq *alt = &f->alts[f->nalts++];
				alt->first = f->naltidx;
				alt->n = 0;
				g->nalts++;
				for (;;) {
					if (*p == '|' || *p == ')')
						break;
					if (f->nnodes >= FAST_MAX_NODES)
						return -1;
					if (fast_atom(&p, &f->nodes[f->nnodes], &variable) <= 0)
						return -1;
					f->altidx[f->naltidx++] = f->nnodes++;
					alt->n++;
				}
				if (*p++ == ')')
					break;
			}
			if (*p == '*' || *p == '+' || *p == '?' || (*p == '{' && quantifier_len(p)))
				return -1; /* a quantified group */
			continue;
		}
		int r = fast_atom(&p, &f->nodes[f->nnodes], &variable);
		if (r <= 0)
			return -1;
		f->top[f->ntop++] = f->nnodes++;
	}
	return variable <= 1 ? 0 : -1;
}

static int fast_top(const struct fastpat *f, int i, const unsigned char *s, size_t pos,
                    size_t len);

/* How many bytes from pos are in n's set, up to its maximum. */
static size_t fast_run(const struct fnode *n, const unsigned char *s, size_t pos, size_t len)
{
	size_t k = 0;
	size_t lim = n->max < 0 ? len - pos : (size_t)n->max;
	while (k < lim && pos + k < len && s[pos + k] < 0x80 && cs_has(&n->set, s[pos + k]))
		k++;
	return k;
}

/* Match alternative alt from its node j at pos, then the rest of the top level after i. */
static int fast_alt(const struct fastpat *f, const struct fseq *alt, int j, int i,
                    const unsigned char *s, size_t pos, size_t len)
{
	if (j == alt->n)
		return fast_top(f, i + 1, s, pos, len);
	const struct fnode *n = &f->nodes[f->altidx[alt->first + j]];
	size_t k = fast_run(n, s, pos, len);
	if (k < (size_t)n->min)
		return 0;
	for (size_t c = k + 1; c-- > (size_t)n->min;)
		if (fast_alt(f, alt, j + 1, i, s, pos + c, len))
			return 1;
	return 0;
}

static int fast_top(const struct fastpat *f, int i, const unsigned char *s, size_t pos,
                    size_t len)
{
	if (i == f->ntop)
		return !f->anchored_end || pos == len;
	const struct fnode *n = &f->nodes[f->top[i]];
	if (n->kind == F_DOTSTAR) {
		if (!f->anchored_end)
			return 1;
		for (; pos < len; pos++)
			if (s[pos] == '\n' || s[pos] == '\r')
				return 0;
		return 1;
	}
	if (n->kind == F_GROUP) {
		for (int a = 0; a < n->nalts; a++)
			if (fast_alt(f, &f->alts[n->first_alt + a], 0, i, s, pos, len))
				return 1;
		return 0;
	}
	size_t k = fast_run(n, s, pos, len);
	if (k < (size_t)n->min)
		return 0;
	for (size_t c = k + 1; c-- > (size_t)n->min;)
		if (fast_top(f, i + 1, s, pos + c, len))
			return 1;
	return 0;
}

static int fast_match(const struct fastpat *f, const char *s)
{
	return fast_top(f, 0, (const unsigned char *)s, 0, strlen(s));
}

/* ------------------------------------------------------------------ documents */

struct pat {
	const char *src;   /* points into the document */
	char *why;         /* NULL when compiled */
	regex_t *re;       /* on the heap: a regex_t is not promised to survive being moved */
	struct fastpat *fast; /* the simple-pattern form, when there is one */
};

struct refent {
	const char *ref;   /* points into the document */
	const cJSON *target;
};

/* The keywords the validator acts on, in the order it checks them. */
enum kw {
	K_REF, K_TYPE, K_ENUM, K_CONST,
	K_MULTIPLEOF, K_MAXIMUM, K_EXMAXIMUM, K_MINIMUM, K_EXMINIMUM,
	K_MAXLENGTH, K_MINLENGTH, K_PATTERN,
	K_ITEMS, K_ADDITEMS, K_MAXITEMS, K_MINITEMS, K_UNIQUE, K_CONTAINS,
	K_MAXPROPS, K_MINPROPS, K_REQUIRED, K_PROPERTIES, K_PATPROPS, K_ADDPROPS,
	K_DEPENDENCIES, K_PROPNAMES,
	K_IF, K_THEN, K_ELSE, K_ALLOF, K_ANYOF, K_ONEOF, K_NOT,
	K_COUNT
};

static const char *const kw_names[K_COUNT] = {
	"$ref", "type", "enum", "const",
	"multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
	"maxLength", "minLength", "pattern",
	"items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains",
	"maxProperties", "minProperties", "required", "properties", "patternProperties",
	"additionalProperties", "dependencies", "propertyNames",
	"if", "then", "else", "allOf", "anyOf", "oneOf", "not",
};

struct prop_ent {
	const char *name;
	const cJSON *schema;
};

/* What a schema object says, found once: the member of each keyword, the $ref target, the
 * compiled pattern, and the "properties" members sorted for bsearch. */
struct node_info {
	const cJSON *node;
	const cJSON *kw[K_COUNT];
	const cJSON *ref_target;     /* kw[K_REF] resolved, NULL when it does not resolve */
	const struct pat *pat;       /* kw[K_PATTERN] compiled (doc nodes), else NULL */
	struct prop_ent *props;      /* kw[K_PROPERTIES] sorted by name (doc nodes), else NULL */
	size_t nprops;
	int nkw;                     /* keywords present */
};

struct dlt_schema_doc {
	cJSON *root;
	struct pat *pats;
	size_t npats, cappats;
	struct refent *refs;
	size_t nrefs, caprefs;
	struct node_info **infos;    /* open addressing, keyed by node address */
	size_t infocap, ninfos;
	int oom;
};

const cJSON *dlt_schema_doc_root(const struct dlt_schema_doc *doc)
{
	return doc ? doc->root : NULL;
}

/* Compile one pattern: translate, then regcomp. Returns 0, or -1 with a reason in why. */
static int compile_pattern(const char *src, regex_t *re, char *why, size_t whylen)
{
	size_t cap = strlen(src) * 16 + 64;
	char *ere = malloc(cap);
	if (!ere) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if (dlt_schema_translate_pattern(src, ere, cap, why, whylen) != 0) {
		free(ere);
		return -1;
	}
	int rc = regcomp(re, ere, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		char msg[128];
		regerror(rc, re, msg, sizeof msg);
		snprintf(why, whylen, "regcomp: %s", msg);
		free(ere);
		return -1;
	}
	free(ere);
	return 0;
}

static void doc_add_pattern(struct dlt_schema_doc *d, const char *src)
{
	for (size_t i = 0; i < d->npats; i++) /* collected before sorting: linear dedup is fine */
		if (strcmp(d->pats[i].src, src) == 0)
			return;
	if (d->npats == d->cappats) {
		size_t n = d->cappats ? d->cappats * 2 : 16;
		struct pat *np = realloc(d->pats, n * sizeof *np);
		if (!np) {
			d->oom = 1;
			return;
		}
		d->pats = np;
		d->cappats = n;
	}
	struct pat *p = &d->pats[d->npats];
	char why[200];
	p->src = src;
	p->why = NULL;
	p->re = malloc(sizeof *p->re);
	if (!p->re) {
		d->oom = 1;
		return;
	}
	p->fast = NULL;
	if (compile_pattern(src, p->re, why, sizeof why) != 0) {
		free(p->re);
		p->re = NULL;
		p->why = strdup(why);
		if (!p->why) {
			d->oom = 1;
			return;
		}
	} else {
		struct fastpat *f = malloc(sizeof *f);
		if (f && fast_compile(src, f) == 0)
			p->fast = f;
		else
			free(f);
	}
	d->npats++;
}

static const cJSON *resolve_pointer(const cJSON *root, const char *ref);

static void doc_add_ref(struct dlt_schema_doc *d, const char *ref)
{
	const cJSON *t = resolve_pointer(d->root, ref);
	if (!t)
		return; /* reported when validation reaches it */
	if (d->nrefs == d->caprefs) {
		size_t n = d->caprefs ? d->caprefs * 2 : 64;
		struct refent *nr = realloc(d->refs, n * sizeof *nr);
		if (!nr) {
			d->oom = 1;
			return;
		}
		d->refs = nr;
		d->caprefs = n;
	}
	d->refs[d->nrefs++] = (struct refent){ ref, t };
}

/* Walk every node: collect "pattern" strings, "patternProperties" keys and "$ref" strings.
 * Over-collecting (a "pattern" member of an enum value) is harmless. */
static void doc_walk(struct dlt_schema_doc *d, const cJSON *n, int depth)
{
	if (depth > 2000 || d->oom)
		return;
	if (cJSON_IsObject(n)) {
		for (const cJSON *m = n->child; m; m = m->next) {
			if (!m->string)
				continue;
			if (cJSON_IsString(m) && strcmp(m->string, "pattern") == 0)
				doc_add_pattern(d, m->valuestring);
			else if (cJSON_IsString(m) && strcmp(m->string, "$ref") == 0)
				doc_add_ref(d, m->valuestring);
			else if (cJSON_IsObject(m) && strcmp(m->string, "patternProperties") == 0)
				for (const cJSON *k = m->child; k; k = k->next)
					if (k->string)
						doc_add_pattern(d, k->string);
			doc_walk(d, m, depth + 1);
		}
	} else if (cJSON_IsArray(n)) {
		for (const cJSON *m = n->child; m; m = m->next)
			doc_walk(d, m, depth + 1);
	}
}

static int pat_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pat *)a)->src, ((const struct pat *)b)->src);
}

static int ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct refent *)a)->ref, ((const struct refent *)b)->ref);
}

/* Which keyword a member name is, or -1. */
static int kw_index(const char *n)
{
	switch (n[0]) {
	case '$': return !strcmp(n, "$ref") ? K_REF : -1;
	case 't':
		if (!strcmp(n, "type")) return K_TYPE;
		if (!strcmp(n, "then")) return K_THEN;
		return -1;
	case 'e':
		if (!strcmp(n, "enum")) return K_ENUM;
		if (!strcmp(n, "else")) return K_ELSE;
		if (!strcmp(n, "exclusiveMaximum")) return K_EXMAXIMUM;
		if (!strcmp(n, "exclusiveMinimum")) return K_EXMINIMUM;
		return -1;
	case 'c':
		if (!strcmp(n, "const")) return K_CONST;
		if (!strcmp(n, "contains")) return K_CONTAINS;
		return -1;
	case 'm':
		if (n[1] == 'a') {
			if (!strcmp(n, "maximum")) return K_MAXIMUM;
			if (!strcmp(n, "maxLength")) return K_MAXLENGTH;
			if (!strcmp(n, "maxItems")) return K_MAXITEMS;
			if (!strcmp(n, "maxProperties")) return K_MAXPROPS;
		} else if (n[1] == 'i') {
			if (!strcmp(n, "minimum")) return K_MINIMUM;
			if (!strcmp(n, "minLength")) return K_MINLENGTH;
			if (!strcmp(n, "minItems")) return K_MINITEMS;
			if (!strcmp(n, "minProperties")) return K_MINPROPS;
		} else if (!strcmp(n, "multipleOf")) {
			return K_MULTIPLEOF;
		}
		return -1;
	case 'p':
		if (!strcmp(n, "pattern")) return K_PATTERN;
		if (!strcmp(n, "properties")) return K_PROPERTIES;
		if (!strcmp(n, "patternProperties")) return K_PATPROPS;
		if (!strcmp(n, "propertyNames")) return K_PROPNAMES;
		return -1;
	case 'i':
		if (!strcmp(n, "items")) return K_ITEMS;
		if (!strcmp(n, "if")) return K_IF;
		return -1;
	case 'a':
		if (!strcmp(n, "additionalProperties")) return K_ADDPROPS;
		if (!strcmp(n, "additionalItems")) return K_ADDITEMS;
		if (!strcmp(n, "allOf")) return K_ALLOF;
		if (!strcmp(n, "anyOf")) return K_ANYOF;
		return -1;
	case 'r': return !strcmp(n, "required") ? K_REQUIRED : -1;
	case 'u': return !strcmp(n, "uniqueItems") ? K_UNIQUE : -1;
	case 'd': return !strcmp(n, "dependencies") ? K_DEPENDENCIES : -1;
	case 'o': return !strcmp(n, "oneOf") ? K_ONEOF : -1;
	case 'n': return !strcmp(n, "not") ? K_NOT : -1;
	default: return -1;
	}
}

static const struct pat *find_pat(const struct dlt_schema_doc *d, const char *src);

/* Fill ni for schema object s. Annotations (title, description, default, examples, format,
 * $comment, $id, $schema, definitions, ...) are not keywords here: they are ignored. The
 * first of duplicate members counts. */
static void analyze(const struct dlt_schema_doc *d, const cJSON *s, struct node_info *ni)
{
	memset(ni, 0, sizeof *ni);
	ni->node = s;
	for (const cJSON *m = s->child; m; m = m->next) {
		if (!m->string)
			continue;
		int k = kw_index(m->string);
		if (k >= 0 && !ni->kw[k]) {
			ni->kw[k] = m;
			ni->nkw++;
		}
	}
	if (ni->kw[K_REF] && cJSON_IsString(ni->kw[K_REF]))
		ni->ref_target = dlt_schema_doc_resolve(d, ni->kw[K_REF]->valuestring);
	if (ni->kw[K_PATTERN] && cJSON_IsString(ni->kw[K_PATTERN]))
		ni->pat = find_pat(d, ni->kw[K_PATTERN]->valuestring);
}

static size_t ptr_hash(const void *p, size_t cap)
{
	uintptr_t x = (uintptr_t)p;
	x ^= x >> 17;
	x *= (uintptr_t)0x9E3779B97F4A7C15ull;
	x ^= x >> 29;
	return (size_t)x & (cap - 1);
}

static const struct node_info *info_get(const struct dlt_schema_doc *d, const cJSON *s)
{
	if (!d || !d->infocap)
		return NULL;
	for (size_t i = ptr_hash(s, d->infocap);; i = (i + 1) & (d->infocap - 1)) {
		const struct node_info *ni = d->infos[i];
		if (!ni)
			return NULL;
		if (ni->node == s)
			return ni;
	}
}

static int prop_cmp(const void *a, const void *b)
{
	return strcmp(((const struct prop_ent *)a)->name, ((const struct prop_ent *)b)->name);
}

/* Record the analysis of one object node of the document (when it has a keyword). */
static void info_add(struct dlt_schema_doc *d, const cJSON *s)
{
	struct node_info tmp;
	analyze(d, s, &tmp);
	if (tmp.nkw == 0)
		return;
	struct node_info *ni = malloc(sizeof *ni);
	if (!ni) {
		d->oom = 1;
		return;
	}
	*ni = tmp;
	const cJSON *props = ni->kw[K_PROPERTIES];
	if (cJSON_IsObject(props) && props->child) {
		size_t n = 0;
		for (const cJSON *m = props->child; m; m = m->next)
			n++;
		ni->props = malloc(n * sizeof *ni->props);
		if (!ni->props) {
			free(ni);
			d->oom = 1;
			return;
		}
		for (const cJSON *m = props->child; m; m = m->next)
			if (m->string)
				ni->props[ni->nprops++] = (struct prop_ent){ m->string, m };
		/* keep the first of duplicate names, as member lookup would */
		if (ni->nprops > 1) {
			qsort(ni->props, ni->nprops, sizeof *ni->props, prop_cmp);
			size_t w = 1;
			for (size_t i = 1; i < ni->nprops; i++)
				if (strcmp(ni->props[w - 1].name, ni->props[i].name) != 0)
					ni->props[w++] = ni->props[i];
			ni->nprops = w;
			/* qsort is not stable: re-pick the first duplicate in document order */
			for (size_t i = 0; i < ni->nprops; i++)
				for (const cJSON *m = props->child; m; m = m->next)
					if (m->string && !strcmp(m->string, ni->props[i].name)) {
						ni->props[i].schema = m;
						break;
					}
		}
	}
	for (size_t i = ptr_hash(s, d->infocap);; i = (i + 1) & (d->infocap - 1)) {
		if (!d->infos[i]) {
			d->infos[i] = ni;
			d->ninfos++;
			return;
		}
		if (d->infos[i]->node == s) { /* the same node reached twice */
			free(ni->props);
			free(ni);
			return;
		}
	}
}

static size_t count_objects(const cJSON *n, int depth)
{
	size_t c = 0;
	if (depth > 2000)
		return 0;
	if (cJSON_IsObject(n))
		c++;
	if (cJSON_IsObject(n) || cJSON_IsArray(n))
		for (const cJSON *m = n->child; m; m = m->next)
			c += count_objects(m, depth + 1);
	return c;
}

static void info_walk(struct dlt_schema_doc *d, const cJSON *n, int depth)
{
	if (depth > 2000 || d->oom)
		return;
	if (cJSON_IsObject(n))
		info_add(d, n);
	if (cJSON_IsObject(n) || cJSON_IsArray(n))
		for (const cJSON *m = n->child; m; m = m->next)
			info_walk(d, m, depth + 1);
}

void dlt_schema_doc_free(struct dlt_schema_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->npats; i++) {
		free(doc->pats[i].why);
		free(doc->pats[i].fast);
		if (doc->pats[i].re) {
			regfree(doc->pats[i].re);
			free(doc->pats[i].re);
		}
	}
	free(doc->pats);
	free(doc->refs);
	for (size_t i = 0; i < doc->infocap; i++) {
		if (doc->infos[i]) {
			free(doc->infos[i]->props);
			free(doc->infos[i]);
		}
	}
	free(doc->infos);
	cJSON_Delete(doc->root);
	free(doc);
}

int dlt_schema_doc_take(cJSON *root, struct dlt_schema_doc **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!root) {
		snprintf(err, errlen, "no schema document");
		return -1;
	}
	struct dlt_schema_doc *d = calloc(1, sizeof *d);
	if (!d) {
		cJSON_Delete(root);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	d->root = root;
	doc_walk(d, root, 0);
	if (d->oom) {
		dlt_schema_doc_free(d);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* duplicates of a $ref string resolve to the same node: keep one */
	if (d->nrefs > 1)
		qsort(d->refs, d->nrefs, sizeof *d->refs, ref_cmp);
	size_t w = 0;
	for (size_t i = 0; i < d->nrefs; i++)
		if (w == 0 || strcmp(d->refs[w - 1].ref, d->refs[i].ref) != 0)
			d->refs[w++] = d->refs[i];
	d->nrefs = w;
	if (d->npats > 1)
		qsort(d->pats, d->npats, sizeof *d->pats, pat_cmp);
	/* analyse every object that has a keyword: schema nodes (and, harmlessly, the odd
	 * example value with a "type" member) */
	size_t nobj = count_objects(root, 0), cap = 16;
	while (cap < nobj * 2)
		cap *= 2;
	d->infos = calloc(cap, sizeof *d->infos);
	if (!d->infos) {
		d->oom = 1;
	} else {
		d->infocap = cap;
		info_walk(d, root, 0);
	}
	if (d->oom) {
		dlt_schema_doc_free(d);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	*out = d;
	return 0;
}

int dlt_schema_doc_load(const char *path, struct dlt_schema_doc **out, char *err, size_t errlen)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 65536 + 1 > cap) {
			size_t ncap = cap ? cap * 2 : 131072;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "%s: out of memory", path);
				return -1;
			}
			buf = nb;
			cap = ncap;
		}
		size_t n = fread(buf + len, 1, 65536, f);
		len += n;
		if (n < 65536)
			break;
	}
	int rerr = ferror(f);
	fclose(f);
	if (rerr) {
		free(buf);
		snprintf(err, errlen, "%s: read error", path);
		return -1;
	}
	buf[len] = '\0';
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(buf, &end, 1);
	if (!root) {
		size_t off = end ? (size_t)(end - buf) : 0;
		size_t line = 1;
		for (size_t i = 0; i < off && i < len; i++)
			line += buf[i] == '\n';
		free(buf);
		snprintf(err, errlen, "%s:%zu: malformed JSON (at byte %zu)", path, line, off);
		return -1;
	}
	free(buf);
	char sub[200];
	if (dlt_schema_doc_take(root, out, sub, sizeof sub) != 0) {
		snprintf(err, errlen, "%s: %s", path, sub);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ $ref resolution */

/* Decode one reference token (between slashes) of a URI-fragment JSON pointer:
 * percent-escapes first, then ~1 -> '/', ~0 -> '~'. Returns the length or -1. */
static int decode_token(const char *s, size_t n, char *out, size_t outlen)
{
	char tmp[512];
	size_t t = 0;
	if (n >= sizeof tmp)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    hexval((unsigned char)s[i + 1]) >= 0 && hexval((unsigned char)s[i + 2]) >= 0) {
			tmp[t++] = (char)(hexval((unsigned char)s[i + 1]) * 16 +
			                  hexval((unsigned char)s[i + 2]));
			i += 2;
		} else {
			tmp[t++] = s[i];
		}
	}
	size_t o = 0;
	for (size_t i = 0; i < t; i++) {
		if (o + 1 >= outlen)
			return -1;
		if (tmp[i] == '~' && i + 1 < t && (tmp[i + 1] == '0' || tmp[i + 1] == '1')) {
			out[o++] = tmp[i + 1] == '0' ? '~' : '/';
			i++;
		} else if (tmp[i] == '~') {
			return -1;
		} else {
			out[o++] = tmp[i];
		}
	}
	out[o] = '\0';
	return (int)o;
}

static const cJSON *member(const cJSON *obj, const char *name)
{
	for (const cJSON *m = obj->child; m; m = m->next)
		if (m->string && m->string[0] == name[0] && strcmp(m->string, name) == 0)
			return m;
	return NULL;
}

static const cJSON *resolve_fragment(const cJSON *root, const char *frag)
{
	/* frag starts after '#' */
	const cJSON *cur = root;
	if (*frag == '\0')
		return root;
	if (*frag != '/')
		return NULL; /* plain-name fragments ("#foo") need $id support */
	const char *p = frag;
	while (*p == '/') {
		const char *s = p + 1;
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char tok[512];
		if (decode_token(s, n, tok, sizeof tok) < 0)
			return NULL;
		if (cJSON_IsObject(cur)) {
			cur = member(cur, tok);
		} else if (cJSON_IsArray(cur)) {
			char *endp;
			if (!isdigit((unsigned char)tok[0]) || (tok[0] == '0' && tok[1]))
				return NULL;
			errno = 0;
			unsigned long i = strtoul(tok, &endp, 10);
			if (*endp || errno)
				return NULL;
			cur = cJSON_GetArrayItem(cur, (int)(i > 0x7fffffff ? 0x7fffffff : i));
		} else {
			return NULL;
		}
		if (!cur)
			return NULL;
		p = s + n;
	}
	return *p == '\0' ? cur : NULL;
}

static const cJSON *resolve_pointer(const cJSON *root, const char *ref)
{
	if (!root || !ref)
		return NULL;
	if (ref[0] == '#')
		return resolve_fragment(root, ref + 1);
	/* an absolute reference to this very document, via its $id */
	const cJSON *id = cJSON_IsObject(root) ? member(root, "$id") : NULL;
	if (!cJSON_IsString(id))
		return NULL;
	size_t idlen = strcspn(id->valuestring, "#");
	if (idlen == 0 || strncmp(ref, id->valuestring, idlen) != 0)
		return NULL;
	if (ref[idlen] == '\0')
		return root;
	if (ref[idlen] == '#')
		return resolve_fragment(root, ref + idlen + 1);
	return NULL;
}

int dlt_schema_pattern_match(const char *ecma, const char *s, int engine)
{
	if (engine == 2) {
		struct fastpat *f = malloc(sizeof *f);
		int r = f && fast_compile(ecma, f) == 0 ? fast_match(f, s) : -2;
		free(f);
		return r;
	}
	regex_t re;
	char why[200];
	if (compile_pattern(ecma, &re, why, sizeof why) != 0)
		return -1;
	int m = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return m;
}

const cJSON *dlt_schema_resolve_ref(const cJSON *root, const char *ref)
{
	return resolve_pointer(root, ref);
}

const cJSON *dlt_schema_doc_resolve(const struct dlt_schema_doc *doc, const char *ref)
{
	if (!doc || !ref)
		return NULL;
	struct refent key = { ref, NULL };
	const struct refent *hit = doc->nrefs ? bsearch(&key, doc->refs, doc->nrefs, sizeof key,
	                                                ref_cmp) : NULL;
	if (hit)
		return hit->target;
	return resolve_pointer(doc->root, ref);
}

/* ------------------------------------------------------------------ validation context */

struct iseg {
	const char *key;   /* member name, or NULL for an array index */
	size_t index;
};

struct sseg {
	const char *base;  /* non-NULL: the location restarts here (the root or a $ref) */
	const char *key;   /* else a member name, or NULL for an index */
	size_t index;
};

struct vctx {
	const struct dlt_schema_doc *doc;
	struct dlt_schema_errors *errs;  /* NULL: yes/no mode */
	struct iseg ip[MAX_IPATH];
	int ni;
	struct sseg sp[MAX_SPATH];
	int ns;
	int overflow;
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
	struct sbuf b = { 0 };
	sb_puts(&b, "$");
	for (int i = 0; i <= c->ni; i++) {
		const char *key;
		if (i == c->ni) {
			if (!extra_key)
				break;
			key = extra_key;
		} else {
			key = c->ip[i].key;
			if (!key) {
				sb_printf(&b, "[%zu]", c->ip[i].index);
				continue;
			}
		}
		if (is_ident(key)) {
			sb_puts(&b, ".");
			sb_puts(&b, key);
		} else {
			sb_puts(&b, "[");
			sb_json_string(&b, key, 200);
			sb_puts(&b, "]");
		}
	}
	return sb_take(&b);
}

static void sb_pointer_token(struct sbuf *b, const char *k)
{
	for (; *k; k++) {
		if (*k == '~')
			sb_puts(b, "~0");
		else if (*k == '/')
			sb_puts(b, "~1");
		else
			sb_putn(b, k, 1);
	}
}

static char *build_spath(const struct vctx *c)
{
	struct sbuf b = { 0 };
	int start = 0;
	for (int i = c->ns - 1; i >= 0; i--)
		if (c->sp[i].base) {
			start = i;
			break;
		}
	for (int i = start; i < c->ns; i++) {
		if (c->sp[i].base) {
			sb_puts(&b, c->sp[i].base);
		} else if (c->sp[i].key) {
			sb_puts(&b, "/");
			sb_pointer_token(&b, c->sp[i].key);
		} else {
			sb_printf(&b, "/%zu", c->sp[i].index);
		}
	}
	return sb_take(&b);
}

/* Record an error at the current instance path (or at member extra_key of it). The message is
 * "<path>: <rule> <arg> (<schema>) <detail>". */
static void fail_v(struct vctx *c, const char *extra_key, const char *rule, const char *arg,
                   const char *fmt, va_list ap)
{
	if (!c->errs)
		return;
	struct dlt_schema_errors *e = c->errs;
	if (e->count >= errors_limit(e)) {
		e->dropped++;
		return;
	}
	char *path = build_ipath(c, extra_key);
	char *spath = build_spath(c);
	char *r = strdup(rule);
	struct sbuf m = { 0 };
	sb_puts(&m, path ? path : "?");
	sb_puts(&m, ": ");
	sb_puts(&m, rule);
	if (arg && *arg) {
		sb_puts(&m, " ");
		sb_puts(&m, arg);
	}
	sb_puts(&m, " (");
	sb_puts(&m, spath ? spath : "?");
	sb_puts(&m, ")");
	if (fmt && *fmt) {
		char tmp[512];
		vsnprintf(tmp, sizeof tmp, fmt, ap);
		sb_puts(&m, " ");
		sb_puts(&m, tmp);
	}
	errors_push(e, path, r, spath, sb_take(&m));
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
	struct sbuf b = { 0 };
	if (cJSON_IsObject(v)) {
		sb_puts(&b, "object");
	} else if (cJSON_IsArray(v)) {
		sb_printf(&b, "array of %d", cJSON_GetArraySize(v));
	} else if (cJSON_IsNull(v)) {
		sb_puts(&b, "null");
	} else {
		sb_puts(&b, json_type(v));
		sb_puts(&b, " ");
		sb_json(&b, v, 80);
	}
	return sb_take(&b);
}

static char *render(const cJSON *v, size_t max)
{
	struct sbuf b = { 0 };
	sb_json(&b, v, max);
	return sb_take(&b);
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
			const cJSON *y = x->string ? member(b, x->string) : NULL;
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

static const struct pat *find_pat(const struct dlt_schema_doc *d, const char *src)
{
	if (!d || !d->npats)
		return NULL;
	struct pat key;
	key.src = src;
	return bsearch(&key, d->pats, d->npats, sizeof key, pat_cmp);
}

/* Match a pattern: hit is its compiled form when the document holds it (else it is compiled
 * for this one use). 1 match, 0 no match, -1 unusable pattern (reason in why). */
static int pattern_match(const struct pat *hit, const char *pattern, const char *s, char *why,
                         size_t whylen)
{
	if (hit) {
		if (hit->why) {
			snprintf(why, whylen, "%s", hit->why);
			return -1;
		}
		if (hit->fast)
			return fast_match(hit->fast, s);
		return regexec(hit->re, s, 0, NULL, 0) == 0;
	}
	/* not from the document: compile for this one use */
	regex_t re;
	if (compile_pattern(pattern, &re, why, whylen) != 0)
		return -1;
	int m = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return m;
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

static int v_sub2(struct vctx *c, const char *key, const char *key2, size_t index,
                  const cJSON *s, const cJSON *inst)
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
	int root_fail;   /* a rule failed at the alternative's own instance location */
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
	struct dlt_schema_errors *tmp = calloc((size_t)n, sizeof *tmp);
	if (!tmp) {
		saved->dropped++;
		return;
	}
	int here = c->ni;
	int best = 0;
	struct branch_score bs = { 0, 0, 0, 0 };
	int i = 0;
	for (const cJSON *alt = arr->child; alt; alt = alt->next, i++) {
		tmp[i].limit = errors_limit(saved);
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
		fail(c, kw, "", "matched by no alternative (%d tried) for %s", n, what ? what : "?");
		for (i = 0; i < n; i++) {
			if (tmp[i].count) {
				/* the first error of each alternative */
				struct dlt_schema_error *x = &tmp[i].items[0];
				errors_push(saved, x->path, x->rule, x->schema, x->message);
				for (size_t k = 1; k < tmp[i].count; k++)
					error_release(&tmp[i].items[k]);
				tmp[i].count = 0;
			}
		}
	} else {
		fail(c, kw, "", "matched by no alternative (%d tried) for %s; closest is [%d]:", n,
		     what ? what : "?", best);
		errors_move(saved, &tmp[best]);
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

static int kw_pattern(struct vctx *c, const struct pat *pat, const cJSON *p, const cJSON *inst)
{
	if (!cJSON_IsString(inst))
		return 0;
	if (!cJSON_IsString(p)) {
		fail(c, "pattern", "", "must be a string");
		return -1;
	}
	char why[200];
	int m = pattern_match(pat, p->valuestring, inst->valuestring, why, sizeof why);
	if (m == 1)
		return 0;
	if (c->errs) {
		if (m < 0) {
			fail(c, "pattern", p->valuestring, "cannot be used: %s", why);
		} else {
			struct sbuf b = { 0 };
			sb_json_string(&b, inst->valuestring, 80);
			char *what = sb_take(&b);
			fail(c, "pattern", p->valuestring, "not matched by %s", what ? what : "?");
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
					fail(c, "additionalItems", "false", "allows no item beyond the first %d",
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

static int kw_array_count(struct vctx *c, const char *kw, const cJSON *lim, const cJSON *inst)
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
	fail(c, kw, arg, "%s: %d item%s", kw[1] == 'i' ? "not met" : "exceeded", n,
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
				fail(c, "uniqueItems", "", "violated: items [%zu] and [%zu] are equal", i, j);
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

static int kw_prop_count(struct vctx *c, const char *kw, const cJSON *lim, const cJSON *inst)
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
	fail(c, kw, arg, "%s: %d member%s", kw[1] == 'i' ? "not met" : "exceeded", n,
	     n == 1 ? "" : "s");
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
		if (!member(inst, r->valuestring)) {
			bad = 1;
			if (!c->errs)
				return -1;
			fail_at(c, r->valuestring, "required", "", "member missing");
		}
	}
	return bad ? -1 : 0;
}

/* properties, patternProperties and additionalProperties together. */
static const cJSON *find_prop(const struct node_info *ni, const cJSON *props, const char *name)
{
	if (ni->props) {
		struct prop_ent key = { name, NULL };
		const struct prop_ent *hit = bsearch(&key, ni->props, ni->nprops, sizeof key, prop_cmp);
		return hit ? hit->schema : NULL;
	}
	return member(props, name);
}

static int kw_members(struct vctx *c, const struct node_info *ni, const cJSON *inst)
{
	const cJSON *props = ni->kw[K_PROPERTIES];
	const cJSON *pprops = ni->kw[K_PATPROPS];
	const cJSON *add = ni->kw[K_ADDPROPS];
	int bad = 0;
	for (const cJSON *m = inst->child; m; m = m->next) {
		if (!m->string)
			continue;
		int matched = 0;
		if (cJSON_IsObject(props)) {
			const cJSON *ps = find_prop(ni, props, m->string);
			if (ps) {
				matched = 1;
				if (v_child(c, m->string, 0, "properties", m->string, 0, 1, ps, m) != 0) {
					bad = 1;
					if (!c->errs)
						return -1;
				}
			}
		}
		if (cJSON_IsObject(pprops)) {
			for (const cJSON *pp = pprops->child; pp; pp = pp->next) {
				char why[200];
				int r = pattern_match(find_pat(c->doc, pp->string), pp->string, m->string, why,
				                      sizeof why);
				if (r < 0) {
					bad = 1;
					fail(c, "patternProperties", pp->string, "cannot be used: %s", why);
					if (!c->errs)
						return -1;
					continue;
				}
				if (r == 0)
					continue;
				matched = 1;
				if (v_child(c, m->string, 0, "patternProperties", pp->string, 0, 1, pp, m) !=
				    0) {
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
			fail_at(c, m->string, "additionalProperties", "false", "does not allow this member");
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
		if (!member(inst, d->string))
			continue;
		if (cJSON_IsArray(d)) {
			for (const cJSON *r = d->child; r; r = r->next) {
				if (cJSON_IsString(r) && !member(inst, r->valuestring)) {
					bad = 1;
					if (!c->errs)
						return -1;
					fail_at(c, r->valuestring, "dependencies", "",
					        "member missing (required when \"%s\" is present)", d->string);
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
		fail(c, "oneOf", "", "matched by more than one alternative ([%zu] and [%zu]) for %s",
		     first, second, what ? what : "?");
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

static int kw_if(struct vctx *c, const struct node_info *ni, const cJSON *inst)
{
	int ok = v_quiet(c, "if", NULL, 0, 0, ni->kw[K_IF], inst) == 0;
	const char *which = ok ? "then" : "else";
	const cJSON *branch = ni->kw[ok ? K_THEN : K_ELSE];
	if (!branch)
		return 0;
	return v_sub(c, which, branch, inst);
}

/* ------------------------------------------------------------------ the interpreter */

static int v_node(struct vctx *c, const struct node_info *ni, const cJSON *inst);

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
	const struct node_info *ni = info_get(c->doc, s);
	if (ni)
		return v_node(c, ni, inst);
	/* not a node of the document (or one without keywords): analyse it now */
	struct node_info *tmp = malloc(sizeof *tmp);
	if (!tmp) {
		fail(c, "schema", "", "out of memory");
		return -1;
	}
	analyze(c->doc, s, tmp);
	int r = tmp->nkw ? v_node(c, tmp, inst) : 0;
	free(tmp);
	return r;
}

/* Apply the keywords of one analysed schema object. */
static int v_node(struct vctx *c, const struct node_info *ni, const cJSON *inst)
{
	const cJSON *ref = ni->kw[K_REF];
	if (ref && cJSON_IsString(ref)) {
		/* draft 7: $ref makes the other members of its object ignored */
		const cJSON *t = ni->ref_target;
		if (!t) {
			fail(c, "$ref", ref->valuestring, "cannot be resolved%s",
			     ref->valuestring[0] == '#' ? "" : " (only references inside the document "
			                                      "are supported)");
			return -1;
		}
		if (push_s(c, ref->valuestring, NULL, 0) != 0) {
			fail(c, "$ref", ref->valuestring, "nested deeper than %d frames (a reference cycle?)",
			     MAX_SPATH);
			return -1;
		}
		int r = v_schema(c, t, inst);
		c->ns--;
		return r;
	}

	int bad = 0;
#define CHECK(expr)                      \
	do {                                 \
		if ((expr) != 0) {               \
			bad = 1;                     \
			if (!c->errs)                \
				return -1;               \
		}                                \
	} while (0)
	const cJSON *const *kw = ni->kw;
	if (kw[K_TYPE])
		CHECK(kw_type(c, kw[K_TYPE], inst));
	if (kw[K_ENUM])
		CHECK(kw_enum(c, kw[K_ENUM], inst));
	if (kw[K_CONST])
		CHECK(kw_const(c, kw[K_CONST], inst));
	if (cJSON_IsNumber(inst)) {
		static const enum kw num[] = { K_MULTIPLEOF, K_MAXIMUM, K_EXMAXIMUM, K_MINIMUM,
		                               K_EXMINIMUM };
		for (size_t i = 0; i < sizeof num / sizeof num[0]; i++)
			if (kw[num[i]])
				CHECK(kw_number(c, kw_names[num[i]], kw[num[i]], inst));
	} else if (cJSON_IsString(inst)) {
		if (kw[K_MAXLENGTH])
			CHECK(kw_length(c, "maxLength", kw[K_MAXLENGTH], inst));
		if (kw[K_MINLENGTH])
			CHECK(kw_length(c, "minLength", kw[K_MINLENGTH], inst));
		if (kw[K_PATTERN])
			CHECK(kw_pattern(c, ni->pat, kw[K_PATTERN], inst));
	} else if (cJSON_IsArray(inst)) {
		if (kw[K_ITEMS])
			CHECK(kw_items(c, kw[K_ADDITEMS], kw[K_ITEMS], inst));
		if (kw[K_MAXITEMS])
			CHECK(kw_array_count(c, "maxItems", kw[K_MAXITEMS], inst));
		if (kw[K_MINITEMS])
			CHECK(kw_array_count(c, "minItems", kw[K_MINITEMS], inst));
		if (kw[K_UNIQUE])
			CHECK(kw_unique(c, kw[K_UNIQUE], inst));
		if (kw[K_CONTAINS])
			CHECK(kw_contains(c, kw[K_CONTAINS], inst));
	} else if (cJSON_IsObject(inst)) {
		if (kw[K_MAXPROPS])
			CHECK(kw_prop_count(c, "maxProperties", kw[K_MAXPROPS], inst));
		if (kw[K_MINPROPS])
			CHECK(kw_prop_count(c, "minProperties", kw[K_MINPROPS], inst));
		if (kw[K_REQUIRED])
			CHECK(kw_required(c, kw[K_REQUIRED], inst));
		if (kw[K_PROPERTIES] || kw[K_PATPROPS] || kw[K_ADDPROPS])
			CHECK(kw_members(c, ni, inst));
		if (kw[K_DEPENDENCIES])
			CHECK(kw_dependencies(c, kw[K_DEPENDENCIES], inst));
		if (kw[K_PROPNAMES])
			CHECK(kw_property_names(c, kw[K_PROPNAMES], inst));
	}
	if (kw[K_IF])
		CHECK(kw_if(c, ni, inst));
	if (kw[K_ALLOF])
		CHECK(kw_allof(c, kw[K_ALLOF], inst));
	if (kw[K_ANYOF])
		CHECK(kw_anyof(c, kw[K_ANYOF], inst));
	if (kw[K_ONEOF])
		CHECK(kw_oneof(c, kw[K_ONEOF], inst));
	if (kw[K_NOT])
		CHECK(kw_not(c, kw[K_NOT], inst));
#undef CHECK
	return bad ? -1 : 0;
}

int dlt_schema_validate_at(const struct dlt_schema_doc *doc, const cJSON *schema,
                           const char *location, const cJSON *instance,
                           struct dlt_schema_errors *errs)
{
	struct vctx *c = malloc(sizeof *c);
	if (!c) {
		if (errs)
			errs->dropped++;
		return -1;
	}
	c->doc = doc;
	c->errs = errs;
	c->ni = 0;
	c->ns = 0;
	c->overflow = 0;
	if (!location)
		location = (doc && schema == doc->root) ? "#" : "schema";
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
	free(c);
	return r;
}

int dlt_schema_validate(const struct dlt_schema_doc *doc, const cJSON *schema,
                        const cJSON *instance, struct dlt_schema_errors *errs)
{
	return dlt_schema_validate_at(doc, schema, NULL, instance, errs);
}
