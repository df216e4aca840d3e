/*
 * escape.c: the escapers of the report renderers (see escape.h). UTF-8 is decoded strictly (no
 * overlongs, no surrogates); whatever is not valid becomes U+FFFD so that XML parsers accept
 * the output and readers still see that something was there.
 */
#include "reports/escape.h"

#include <stdio.h>
#include <string.h>

static size_t utf8_next(const unsigned char *s, size_t n, long *cp)
{
	long c;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	if (n < len) {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff)) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return len;
}

static const char REPLACEMENT[] = "\xef\xbf\xbd";

void dlt_esc_xml_max(struct dlt_buf *b, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i = 0;

	if (!s)
		return;
	n = strlen(s);
	while (i < n) {
		long cp;
		size_t l;

		if (i >= max) {
			dlt_buf_puts(b, "\xe2\x80\xa6");
			return;
		}
		l = utf8_next(p + i, n - i, &cp);
		if (cp < 0 || cp == 0xfffe || cp == 0xffff) {
			dlt_buf_puts(b, REPLACEMENT);
		} else if (cp == '&') {
			dlt_buf_puts(b, "&amp;");
		} else if (cp == '<') {
			dlt_buf_puts(b, "&lt;");
		} else if (cp == '>') {
			dlt_buf_puts(b, "&gt;");
		} else if (cp == '"') {
			dlt_buf_puts(b, "&quot;");
		} else if (cp == '\'') {
			dlt_buf_puts(b, "&#39;");
		} else if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp <= 0x9f)) {
			dlt_buf_printf(b, "\\x%02lx", cp);
		} else {
			dlt_buf_append(b, s + i, l);
		}
		i += l;
	}
}

void dlt_esc_xml(struct dlt_buf *b, const char *s)
{
	dlt_esc_xml_max(b, s, (size_t)-1);
}

void dlt_esc_md(struct dlt_buf *b, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i = 0;

	if (!s)
		return;
	if (!max)
		max = (size_t)-1;
	n = strlen(s);
	while (i < n) {
		long cp;
		size_t l;

		if (i >= max) {
			dlt_buf_puts(b, "\xe2\x80\xa6");
			return;
		}
		l = utf8_next(p + i, n - i, &cp);
		if (cp < 0) {
			dlt_buf_puts(b, REPLACEMENT);
		} else if (cp == '&') {
			dlt_buf_puts(b, "&amp;");
		} else if (cp == '<') {
			dlt_buf_puts(b, "&lt;");
		} else if (cp == '>') {
			dlt_buf_puts(b, "&gt;");
		} else if (cp == '\n' || cp == '\r' || cp == '\t') {
			dlt_buf_puts(b, " ");
		} else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			dlt_buf_printf(b, "\\\\x%02lx", cp);
		} else if (cp < 0x80 && strchr("\\`*_[]#!|~@", (int)cp)) {
			char e[3] = { '\\', (char)cp, 0 };

			dlt_buf_puts(b, e);
		} else {
			dlt_buf_append(b, s + i, l);
		}
		i += l;
	}
}

void dlt_esc_md_code(struct dlt_buf *b, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i = 0;

	if (!s)
		return;
	if (!max)
		max = (size_t)-1;
	n = strlen(s);
	while (i < n) {
		long cp;
		size_t l;

		if (i >= max) {
			dlt_buf_puts(b, "...");
			return;
		}
		l = utf8_next(p + i, n - i, &cp);
		if (cp < 0)
			dlt_buf_puts(b, REPLACEMENT);
		else if (cp == '`')
			dlt_buf_puts(b, "'");
		else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			dlt_buf_puts(b, " ");
		else
			dlt_buf_append(b, s + i, l);
		i += l;
	}
}
