/*
 * jsonschema_ecma.c: rewrites ECMA-262 regular expressions (the dialect of JSON Schema's
 * "pattern" and "patternProperties") into PCRE2 syntax with the same meaning, or refuses them
 * with the reason (jsonschema_ecma.h, dlt_schema_translate_pattern of jsonschema.h).
 *
 * Most of the syntax is common to both and passes through. What differs is rewritten:
 *   .              [^\n\r\x{2028}\x{2029}]   (ECMA's line terminators)
 *   \s \S          the ECMA white-space set  (Unicode spaces, U+FEFF; not U+0085)
 *   \v \0 \cX \xHH \uHHHH \uHHHH\uHHHH \u{H...}   \x{...}
 *   \1 ... \k<n>   \g{1} ... \k<n>           (no octal reading of \10)
 *   \p{Letter} \p{gc=Lu} \p{Script=Greek}    \p{L} \p{Lu} \p{sc:Greek}
 *   { } ] as literals (Annex B)             \{ \} \]
 *   [...]          rebuilt: '[' '^' '-' inside it escaped, [] and [^] spelled out, \S inside a
 *                  class turned into an alternation (PCRE2 cannot negate inside a class)
 * and what PCRE2 would read differently is refused instead of being given a PCRE2 meaning:
 * (?flags) (?# (?> (?| (?P (*VERB) and other (? forms, possessive quantifiers (a*+), a quantifier
 * after a quantifier, legacy octal escapes, unknown letter escapes (\z \A \h \R \Q ...).
 * \d \w \b stay as they are: compiled without PCRE2_UCP they are ASCII-only, as in ECMA.
 */
#include "schema/jsonschema_ecma.h"
#include "schema/jsonschema.h"
#include "schema/jsonschema_text.h"
#include "common/hex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ECMA-262 WhiteSpace and LineTerminator: what \s matches. */
#define ECMA_SPACES \
	"\\t\\n\\x{0b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}" \
	"\\x{205f}\\x{3000}\\x{feff}"
/* What ECMA's '.' matches without the s flag: anything but a line terminator. */
#define ECMA_DOT "[^\\n\\r\\x{2028}\\x{2029}]"

struct tr {
	const char *src; /* the whole pattern, for offsets */
	struct dlt_buf b; /* the PCRE2 pattern being written */
	const char *why; /* the reason of a refusal */
	size_t at; /* its offset in src */
	char whybuf[96];
};

/* One class atom: a single character, or a set (\d, \s, \p{..}, ...) written as PCRE2 text. */
struct atom {
	int is_char;
	unsigned long cp; /* is_char: the code point */
	char text[160]; /* !is_char: PCRE2 text valid inside [...] ("" for \S) */
	int not_space; /* \S */
};

static int refuse(struct tr *t, const char *where, const char *why)
{
	if (!t->why) {
		t->why = why;
		t->at = (size_t)(where - t->src);
	}
	return -1;
}

static int read_hex(const char *p, int n, unsigned long *out)
{
	unsigned long v = 0;
	for (int i = 0; i < n; i++) {
		int h = dlt_hex_digit((unsigned char)p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + (unsigned long)h;
	}
	*out = v;
	return 0;
}

static int is_alnum_ascii(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Decode the UTF-8 sequence at p into *cp; returns its length, or 0 when it is not valid. */
static size_t utf8_decode(const char *p, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t n;
	unsigned long v, min;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2, v = s[0] & 0x1Fu, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3, v = s[0] & 0x0Fu, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4, v = s[0] & 0x07u, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/* Parse a character escape at p (p[0] is the backslash). Returns the bytes consumed with *cp
 * set; 0 when the escape is not one character (\d \s \b \p{..} \1 \k<..> ...); -1 when it is
 * refused. */
static int char_escape(struct tr *t, const char *p, int in_class, unsigned long *cp)
{
	const char *e = p + 1;
	switch (*e) {
	case 't': *cp = '\t'; return 2;
	case 'n': *cp = '\n'; return 2;
	case 'r': *cp = '\r'; return 2;
	case 'f': *cp = '\f'; return 2;
	case 'v': *cp = '\v'; return 2;
	case '0':
		if (is_digit((unsigned char)e[1]))
			return refuse(t, p,
				      "legacy octal escapes (\\0 followed by a digit) are not "
				      "supported");
		*cp = 0;
		return 2;
	case 'b':
		if (!in_class)
			return 0;
		*cp = '\b';
		return 2;
	case 'c':
		if ((e[1] >= 'A' && e[1] <= 'Z') || (e[1] >= 'a' && e[1] <= 'z')) {
			*cp = (unsigned long)(e[1] & 31);
			return 3;
		}
		return refuse(t, p, "\\c must be followed by a letter");
	case 'x':
		if (read_hex(e + 1, 2, cp) == 0)
			return 4;
		return refuse(t, p, "\\x must be followed by two hex digits");
	case 'u':
		if (e[1] == '{') {
			const char *q = e + 2;
			unsigned long v = 0;
			while (dlt_hex_digit((unsigned char)*q) >= 0 && v <= 0x10FFFF)
				v = v * 16 + (unsigned long)dlt_hex_digit((unsigned char)*q++);
			if (q == e + 2 || *q != '}' || v > 0x10FFFF)
				return refuse(t, p, "malformed \\u{...} escape");
			if (v >= 0xD800 && v <= 0xDFFF)
				return refuse(t, p, "lone surrogate in \\u escape");
			*cp = v;
			return (int)(q + 1 - p);
		}
		if (read_hex(e + 1, 4, cp) != 0)
			return refuse(t, p, "\\u must be followed by four hex digits or {hex}");
		if (*cp >= 0xD800 && *cp <= 0xDBFF) {
			unsigned long lo;
			if (e[5] == '\\' && e[6] == 'u' && read_hex(e + 7, 4, &lo) == 0 &&
			    lo >= 0xDC00 && lo <= 0xDFFF) {
				*cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
				return 12;
			}
			return refuse(t, p, "lone surrogate in \\u escape");
		}
		if (*cp >= 0xDC00 && *cp <= 0xDFFF)
			return refuse(t, p, "lone surrogate in \\u escape");
		return 6;
	case '\0': return refuse(t, p, "pattern ends with a backslash");
	case 'd':
	case 'D':
	case 'w':
	case 'W':
	case 's':
	case 'S':
	case 'p':
	case 'P': return 0;
	case 'B':
	case 'k':
		if (in_class)
			break;
		return 0;
	default: break;
	}
	if (is_digit((unsigned char)*e)) {
		if (in_class)
			return refuse(t, p, "legacy octal escapes are not supported");
		return 0; /* a backreference */
	}
	if ((unsigned char)*e >= 0x80)
		return refuse(t, p, "escaped non-ASCII character");
	if (is_alnum_ascii((unsigned char)*e)) {
		snprintf(t->whybuf, sizeof t->whybuf, "unknown escape \\%c", *e);
		return refuse(t, p, t->whybuf);
	}
	*cp = (unsigned char)*e; /* identity escape of punctuation: \. \/ \- \\ ... */
	return 2;
}

/* Write one character so that it means itself anywhere, inside a class or not. */
static void put_char(struct dlt_buf *b, unsigned long cp)
{
	if (cp < 0x80 && is_alnum_ascii((int)cp)) {
		char c = (char)cp;
		dlt_buf_append(b, &c, 1);
	} else if (cp > 0x20 && cp < 0x7F) {
		char e[2] = { '\\', (char)cp };
		dlt_buf_append(b, e, 2);
	} else {
		dlt_buf_printf(b, "\\x{%lx}", cp);
	}
}

/* ECMA General_Category names (long and short) and the short names PCRE2 10.42 knows. */
static const char *const gc_names[][2] = {
	{ "Cased_Letter", "L&" },
	{ "LC", "L&" },
	{ "Close_Punctuation", "Pe" },
	{ "Connector_Punctuation", "Pc" },
	{ "Control", "Cc" },
	{ "cntrl", "Cc" },
	{ "Currency_Symbol", "Sc" },
	{ "Dash_Punctuation", "Pd" },
	{ "Decimal_Number", "Nd" },
	{ "digit", "Nd" },
	{ "Enclosing_Mark", "Me" },
	{ "Final_Punctuation", "Pf" },
	{ "Format", "Cf" },
	{ "Initial_Punctuation", "Pi" },
	{ "Letter", "L" },
	{ "Letter_Number", "Nl" },
	{ "Line_Separator", "Zl" },
	{ "Lowercase_Letter", "Ll" },
	{ "Mark", "M" },
	{ "Combining_Mark", "M" },
	{ "Math_Symbol", "Sm" },
	{ "Modifier_Letter", "Lm" },
	{ "Modifier_Symbol", "Sk" },
	{ "Nonspacing_Mark", "Mn" },
	{ "Number", "N" },
	{ "Open_Punctuation", "Ps" },
	{ "Other", "C" },
	{ "Other_Letter", "Lo" },
	{ "Other_Number", "No" },
	{ "Other_Punctuation", "Po" },
	{ "Other_Symbol", "So" },
	{ "Paragraph_Separator", "Zp" },
	{ "Private_Use", "Co" },
	{ "Punctuation", "P" },
	{ "punct", "P" },
	{ "Separator", "Z" },
	{ "Space_Separator", "Zs" },
	{ "Spacing_Mark", "Mc" },
	{ "Surrogate", "Cs" },
	{ "Symbol", "S" },
	{ "Titlecase_Letter", "Lt" },
	{ "Unassigned", "Cn" },
	{ "Uppercase_Letter", "Lu" },
};

static const char *gc_short(const char *name)
{
	static const char *const shorts[] = { "C",  "Cc", "Cf", "Cn", "Co", "Cs", "L",  "Ll",
					      "Lm", "Lo", "Lt", "Lu", "M",  "Mc", "Me", "Mn",
					      "N",  "Nd", "Nl", "No", "P",  "Pc", "Pd", "Pe",
					      "Pf", "Pi", "Po", "Ps", "S",  "Sc", "Sk", "Sm",
					      "So", "Z",  "Zl", "Zp", "Zs" };
	for (size_t i = 0; i < sizeof gc_names / sizeof gc_names[0]; i++)
		if (!strcmp(gc_names[i][0], name))
			return gc_names[i][1];
	for (size_t i = 0; i < sizeof shorts / sizeof shorts[0]; i++)
		if (!strcmp(shorts[i], name))
			return shorts[i];
	return NULL;
}

/* \p{...} or \P{...} at p: write the PCRE2 form into out. Returns bytes consumed or -1. */
static int property(struct tr *t, const char *p, char *out, size_t outlen)
{
	const char *q = p + 3;
	char name[40], value[40];
	size_t n = 0;
	if (p[2] != '{')
		return refuse(t, p, "\\p and \\P must be followed by {property}");
	while (*q && *q != '}' && *q != '=' && n + 1 < sizeof name) {
		if (!is_alnum_ascii((unsigned char)*q) && *q != '_')
			return refuse(t, p, "malformed Unicode property escape");
		name[n++] = *q++;
	}
	name[n] = '\0';
	value[0] = '\0';
	if (*q == '=') {
		size_t m = 0;
		for (q++; *q && *q != '}' && m + 1 < sizeof value; q++) {
			if (!is_alnum_ascii((unsigned char)*q) && *q != '_')
				return refuse(t, p, "malformed Unicode property escape");
			value[m++] = *q;
		}
		value[m] = '\0';
		if (m == 0)
			return refuse(t, p, "malformed Unicode property escape");
	}
	if (*q != '}' || n == 0)
		return refuse(t, p, "malformed Unicode property escape");
	const char *gc;
	if (!value[0]) {
		/* a General_Category value or a binary property (PCRE2 judges the latter) */
		gc = gc_short(name);
		snprintf(out, outlen, "\\%c{%s}", p[1], gc ? gc : name);
	} else if (!strcmp(name, "General_Category") || !strcmp(name, "gc")) {
		gc = gc_short(value);
		if (!gc)
			return refuse(t, p, "unknown General_Category value");
		snprintf(out, outlen, "\\%c{%s}", p[1], gc);
	} else if (!strcmp(name, "Script") || !strcmp(name, "sc")) {
		snprintf(out, outlen, "\\%c{sc:%s}", p[1], value);
	} else if (!strcmp(name, "Script_Extensions") || !strcmp(name, "scx")) {
		snprintf(out, outlen, "\\%c{scx:%s}", p[1], value);
	} else {
		return refuse(t, p, "unknown Unicode property");
	}
	return (int)(q + 1 - p);
}

/* Parse one class atom at p (inside [...]). Returns bytes consumed or -1. */
static int class_atom(struct tr *t, const char *p, struct atom *a)
{
	memset(a, 0, sizeof *a);
	if (*p != '\\') {
		size_t n = utf8_decode(p, &a->cp);
		if (n == 0)
			return refuse(t, p, "invalid UTF-8 in pattern");
		a->is_char = 1;
		return (int)n;
	}
	int n = char_escape(t, p, 1, &a->cp);
	if (n < 0)
		return -1;
	if (n > 0) {
		a->is_char = 1;
		return n;
	}
	switch (p[1]) {
	case 'd':
	case 'D':
	case 'w':
	case 'W': snprintf(a->text, sizeof a->text, "\\%c", p[1]); return 2;
	case 's': snprintf(a->text, sizeof a->text, "%s", ECMA_SPACES); return 2;
	case 'S': a->not_space = 1; return 2;
	default: /* p P */ return property(t, p, a->text, sizeof a->text);
	}
}

static void put_atom(struct dlt_buf *b, const struct atom *a)
{
	if (a->is_char)
		put_char(b, a->cp);
	else
		dlt_buf_puts(b, a->text);
}

/* A class [...] at p: write its PCRE2 form. Returns bytes consumed or -1. */
static int char_class(struct tr *t, const char *p)
{
	const char *q = p + 1;
	int neg = 0, not_space = 0;
	if (*q == '^') {
		neg = 1;
		q++;
	}
	if (*q == ']') { /* [] matches nothing, [^] any character */
		dlt_buf_puts(&t->b, neg ? "(?s:.)" : "(?!)");
		return (int)(q + 1 - p);
	}
	struct dlt_buf items = DLT_BUF_INIT;
	while (*q && *q != ']') {
		struct atom a, z;
		int n = class_atom(t, q, &a);
		if (n < 0)
			goto fail;
		q += n;
		if (q[0] == '-' && q[1] && q[1] != ']') {
			const char *r = q + 1;
			int m = class_atom(t, r, &z);
			if (m < 0)
				goto fail;
			if (a.is_char && z.is_char) {
				if (z.cp < a.cp) {
					refuse(t, r, "range out of order in class");
					goto fail;
				}
				put_char(&items, a.cp);
				dlt_buf_puts(&items, "-");
				put_char(&items, z.cp);
			} else {
				/* a class escape at either end: '-' is a literal (ECMA Annex B) */
				not_space |= a.not_space | z.not_space;
				put_atom(&items, &a);
				dlt_buf_puts(&items, "\\-");
				put_atom(&items, &z);
			}
			q = r + m;
			continue;
		}
		not_space |= a.not_space;
		put_atom(&items, &a);
	}
	if (*q != ']') {
		refuse(t, p, "unterminated [");
		goto fail;
	}
	const char *c = dlt_buf_str(&items);
	if (!not_space) {
		dlt_buf_printf(&t->b, "[%s%s]", neg ? "^" : "", c);
	} else if (!*c) {
		/* [\S] is [^spaces], [^\S] is [spaces] */
		dlt_buf_printf(&t->b, "[%s%s]", neg ? "" : "^", ECMA_SPACES);
	} else if (!neg) {
		/* C or not a space */
		dlt_buf_printf(&t->b, "(?:[%s]|[^%s])", c, ECMA_SPACES);
	} else {
		/* neither C nor a non-space: a space that is not in C */
		dlt_buf_printf(&t->b, "(?:(?![%s])[%s])", c, ECMA_SPACES);
	}
	dlt_buf_free(&items);
	return (int)(q + 1 - p);
fail:
	dlt_buf_free(&items);
	return -1;
}

/* Is there a valid {n}, {n,} or {n,m} quantifier at p? Returns its length or 0. */
static size_t count_len(const char *p)
{
	const char *q = p + 1;
	if (!is_digit((unsigned char)*q))
		return 0;
	while (is_digit((unsigned char)*q))
		q++;
	if (*q == ',') {
		q++;
		while (is_digit((unsigned char)*q))
			q++;
	}
	if (*q != '}')
		return 0;
	return (size_t)(q - p) + 1;
}

/* An escape outside a class at p. Returns bytes consumed or -1. */
static int escape(struct tr *t, const char *p)
{
	unsigned long cp;
	int n = char_escape(t, p, 0, &cp);
	if (n < 0)
		return -1;
	if (n > 0) {
		put_char(&t->b, cp);
		return n;
	}
	char text[80];
	const char *q;
	switch (p[1]) {
	case 'd':
	case 'D':
	case 'w':
	case 'W':
	case 'b':
	case 'B': dlt_buf_append(&t->b, p, 2); return 2;
	case 's': dlt_buf_puts(&t->b, "[" ECMA_SPACES "]"); return 2;
	case 'S': dlt_buf_puts(&t->b, "[^" ECMA_SPACES "]"); return 2;
	case 'p':
	case 'P':
		n = property(t, p, text, sizeof text);
		if (n > 0)
			dlt_buf_puts(&t->b, text);
		return n;
	case 'k':
		/* \k<name>: a named backreference (PCRE2 refuses names it does not know) */
		if (p[2] != '<' || !(q = strchr(p + 3, '>')) || q == p + 3)
			return refuse(t, p, "\\k must be followed by <name>");
		dlt_buf_append(&t->b, p, (size_t)(q + 1 - p));
		return (int)(q + 1 - p);
	default: { /* \1 ...: a backreference by number, never octal */
		unsigned long g = 0;
		for (q = p + 1; is_digit((unsigned char)*q) && g < 100000; q++)
			g = g * 10 + (unsigned long)(*q - '0');
		dlt_buf_printf(&t->b, "\\g{%lu}", g);
		return (int)(q - p);
	}
	}
}

/* A group opening at p. Returns bytes consumed or -1. */
static int group(struct tr *t, const char *p)
{
	if (p[1] == '*')
		return refuse(t, p, "nothing to repeat: (*");
	if (p[1] != '?') {
		dlt_buf_puts(&t->b, "(");
		return 1;
	}
	size_t n = 0;
	if (p[2] == ':' || p[2] == '=' || p[2] == '!')
		n = 3;
	else if (p[2] == '<' && (p[3] == '=' || p[3] == '!'))
		n = 4;
	else if (p[2] == '<' && strchr(p + 3, '>'))
		n = (size_t)(strchr(p + 3, '>') + 1 - p); /* (?<name> */
	if (n == 0)
		return refuse(t, p, "(? must be followed by : = ! <= <! or <name>");
	dlt_buf_append(&t->b, p, n);
	return (int)n;
}

/* After a quantifier at p (already written): a lazy '?' is kept; another quantifier is refused
 * (PCRE2 would read a* + as possessive). Returns bytes consumed (0 or 1) or -1. */
static int after_quantifier(struct tr *t, const char *p)
{
	size_t n = 0;
	if (*p == '?') {
		dlt_buf_puts(&t->b, "?");
		n = 1;
	}
	const char *q = p + n;
	if (*q == '*' || *q == '+' || *q == '?' || (*q == '{' && count_len(q)))
		return refuse(t, q, "a quantifier cannot follow a quantifier");
	return (int)n;
}

char *dlt_schema_ecma_to_pcre2(const char *ecma, char *err, size_t errlen)
{
	struct tr t;
	memset(&t, 0, sizeof t);
	t.src = ecma;
	const char *p = ecma;
	while (*p) {
		int n;
		size_t k;
		switch (*p) {
		case '\\': n = escape(&t, p); break;
		case '[': n = char_class(&t, p); break;
		case '(': n = group(&t, p); break;
		case '.':
			dlt_buf_puts(&t.b, ECMA_DOT);
			n = 1;
			break;
		case '*':
		case '+':
		case '?':
			dlt_buf_append(&t.b, p, 1);
			n = after_quantifier(&t, p + 1);
			n = n < 0 ? -1 : n + 1;
			break;
		case '{':
			k = count_len(p);
			if (k) {
				dlt_buf_append(&t.b, p, k);
				n = after_quantifier(&t, p + k);
				n = n < 0 ? -1 : n + (int)k;
			} else {
				dlt_buf_puts(&t.b, "\\{"); /* a literal '{' (Annex B) */
				n = 1;
			}
			break;
		case '}':
		case ']':
			put_char(&t.b, (unsigned char)*p);
			n = 1;
			break;
		default:
			/* ^ $ | ) and ordinary characters (a multi-byte one whole) mean the same */
			k = 1;
			while (((unsigned char)p[k] & 0xC0) == 0x80)
				k++;
			dlt_buf_append(&t.b, p, k);
			n = (int)k;
			break;
		}
		if (n < 0)
			break;
		p += n;
	}
	if (t.why) {
		if (err && errlen)
			snprintf(err, errlen, "%s (at offset %zu)", t.why, t.at);
		dlt_buf_free(&t.b);
		return NULL;
	}
	return dlt_buf_take(&t.b);
}

int dlt_schema_translate_pattern(const char *ecma, char *out, size_t outlen, char *err,
				 size_t errlen)
{
	char *s = dlt_schema_ecma_to_pcre2(ecma, err, errlen);
	if (!s)
		return -1;
	size_t n = strlen(s);
	int rc = 0;
	if (n + 1 > outlen) {
		if (err && errlen)
			snprintf(err, errlen,
				 "translated pattern too long (%zu bytes, room for %zu)", n,
				 outlen ? outlen - 1 : 0);
		rc = -1;
	} else {
		memcpy(out, s, n + 1);
	}
	free(s);
	return rc;
}
