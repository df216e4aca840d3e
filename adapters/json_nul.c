/*
 * json_nul.c: rewriting JSON strings with \u0000 escapes into byte-string forms (see
 * json_nul.h). One pass over the text: outside strings bytes are copied; each string token is
 * scanned, and only one holding a \u0000 escape is decoded (escapes and surrogate pairs to
 * UTF-8) and written in hex.
 */
#include "adapters/json_nul.h"
#include "common/buf.h"
#include "common/hex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Four hex digits at s (n bytes available); -1 when not. */
static long hex4(const char *s, size_t n)
{
	if (n < 4)
		return -1;
	long v = 0;
	for (int i = 0; i < 4; i++) {
		int d = dlt_hex_digit((unsigned char)s[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* End of the string token starting at text[i] == '"' (index of the closing quote), or len
 * when unterminated. *has_nul: a \u0000 escape occurs in it. */
static size_t string_end(const char *text, size_t len, size_t i, int *has_nul)
{
	*has_nul = 0;
	for (size_t j = i + 1; j < len; j++) {
		if (text[j] == '"')
			return j;
		if (text[j] == '\\') {
			if (j + 1 < len && text[j + 1] == 'u' &&
			    hex4(text + j + 2, len - j - 2) == 0)
				*has_nul = 1;
			j++;
		}
	}
	return len;
}

/* Decode the body of a string token (between the quotes) into bytes; 0, or -1 when an escape
 * is malformed (the token is then copied as it is, for the parser to refuse). */
static int decode(const char *s, size_t n, struct dlt_buf *bytes)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			dlt_buf_append(bytes, s + i, 1);
			continue;
		}
		if (++i >= n)
			return -1;
		char c = s[i], e;
		switch (c) {
		case '"':
		case '\\':
		case '/': e = c; break;
		case 'b': e = '\b'; break;
		case 'f': e = '\f'; break;
		case 'n': e = '\n'; break;
		case 'r': e = '\r'; break;
		case 't': e = '\t'; break;
		case 'u': {
			long cp = hex4(s + i + 1, n - i - 1);
			if (cp < 0)
				return -1;
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < n && s[i + 1] == '\\' &&
			    s[i + 2] == 'u') {
				long lo = hex4(s + i + 3, n - i - 3);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 6;
				}
			}
			char u[4];
			size_t k;
			if (cp < 0x80) {
				u[0] = (char)cp;
				k = 1;
			} else if (cp < 0x800) {
				u[0] = (char)(0xC0 | (cp >> 6));
				u[1] = (char)(0x80 | (cp & 0x3F));
				k = 2;
			} else if (cp < 0x10000) {
				u[0] = (char)(0xE0 | (cp >> 12));
				u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
				u[2] = (char)(0x80 | (cp & 0x3F));
				k = 3;
			} else {
				u[0] = (char)(0xF0 | (cp >> 18));
				u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
				u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
				u[3] = (char)(0x80 | (cp & 0x3F));
				k = 4;
			}
			dlt_buf_append(bytes, u, k);
			continue;
		}
		default: return -1;
		}
		dlt_buf_append(bytes, &e, 1);
	}
	return 0;
}

static void put_hex(struct dlt_buf *o, const uint8_t *s, size_t n)
{
	char h[2 * 64 + 1];
	for (size_t i = 0; i < n; i += 64) {
		size_t k = n - i < 64 ? n - i : 64;
		dlt_hex_encode(h, s + i, k);
		dlt_buf_append(o, h, 2 * k);
	}
}

char *dlt_json_nul_rewrite(const char *text, size_t len, size_t *outlen)
{
	/* quick refusal: no "\u0000" anywhere */
	int any = 0;
	for (size_t i = 0; i + 6 <= len && !any; i++)
		any = text[i] == '\\' && memcmp(text + i + 1, "u0000", 5) == 0;
	if (!any)
		return NULL;
	struct dlt_buf o = DLT_BUF_INIT;
	size_t from = 0; /* start of the bytes not yet copied */
	int rewritten = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '"')
			continue;
		int has_nul;
		size_t end = string_end(text, len, i, &has_nul);
		if (end >= len)
			break;
		if (has_nul) {
			struct dlt_buf bytes = DLT_BUF_INIT;
			if (decode(text + i + 1, end - i - 1, &bytes) == 0) {
				size_t k = end + 1;
				while (k < len && strchr(" \t\r\n", text[k]))
					k++;
				int is_name = k < len && text[k] == ':';
				dlt_buf_append(&o, text + from, i - from);
				dlt_buf_puts(&o, is_name ? "\"$bytes:" : "{\"$bytes\":\"");
				put_hex(&o, bytes.data, bytes.len);
				dlt_buf_puts(&o, is_name ? "\"" : "\"}");
				from = end + 1;
				rewritten = 1;
			}
			dlt_buf_free(&bytes);
		}
		i = end;
	}
	if (!rewritten) {
		dlt_buf_free(&o);
		return NULL;
	}
	dlt_buf_append(&o, text + from, len - from);
	*outlen = o.len;
	return dlt_buf_take(&o);
}
