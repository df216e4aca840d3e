/*
 * exact.c: exact amounts without binary floating point (see exact.h). The JSON pre-pass copies
 * the text and puts quotes around number tokens that a double could round; everything else,
 * strings included, is copied byte for byte, so cJSON then parses the same document.
 */
#include "common/exact.h"
#include "common/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

cJSON *dlt_exact_parse(const char *text, size_t len)
{
	/* each number gains at most two quotes; numbers are at least one byte long */
	char *out = dlt_xmalloc(len * 3 + 1);
	size_t j = 0;
	int in_string = 0;
	for (size_t i = 0; i < len;) {
		char c = text[i];
		if (in_string) {
			out[j++] = c;
			i++;
			if (c == '\\' && i < len)
				out[j++] = text[i++];
			else if (c == '"')
				in_string = 0;
			continue;
		}
		if (c == '"') {
			in_string = 1;
			out[j++] = c;
			i++;
			continue;
		}
		if (c == '-' || is_digit(c)) {
			size_t start = i, digits = 0;
			int inexact = 0;
			if (text[i] == '-')
				i++;
			while (i < len && is_digit(text[i])) {
				i++;
				digits++;
			}
			if (i < len && text[i] == '.') {
				inexact = 1;
				i++;
				while (i < len && is_digit(text[i]))
					i++;
			}
			if (i < len && (text[i] == 'e' || text[i] == 'E')) {
				inexact = 1;
				i++;
				if (i < len && (text[i] == '+' || text[i] == '-'))
					i++;
				while (i < len && is_digit(text[i]))
					i++;
			}
			if (digits > 15)
				inexact = 1;
			if (inexact)
				out[j++] = '"';
			memcpy(out + j, text + start, i - start);
			j += i - start;
			if (inexact)
				out[j++] = '"';
			continue;
		}
		out[j++] = c;
		i++;
	}
	out[j] = '\0';
	cJSON *doc = cJSON_ParseWithLength(out, j);
	free(out);
	return doc;
}

int dlt_decimal_to_units(const char *dec, int decimals, char *out, size_t outlen, int *negative)
{
	if (!dec || !out || decimals < 0 || decimals > 30)
		return -1;
	const char *p = dec;
	int neg = 0;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	const char *int_start = p;
	while (is_digit(*p))
		p++;
	size_t int_len = (size_t)(p - int_start);
	const char *frac = NULL;
	size_t frac_len = 0;
	if (*p == '.') {
		frac = ++p;
		while (is_digit(*p))
			p++;
		frac_len = (size_t)(p - frac);
	}
	if (*p != '\0' || (int_len == 0 && frac_len == 0))
		return -1;
	/* extra fraction digits are allowed only when they are zeros */
	for (size_t k = (size_t)decimals; k < frac_len; k++)
		if (frac[k] != '0')
			return -1;
	char buf[128];
	size_t n = 0;
	if (int_len + (size_t)decimals + 1 > sizeof buf)
		return -1;
	memcpy(buf, int_start, int_len);
	n = int_len;
	for (int k = 0; k < decimals; k++)
		buf[n++] = (size_t)k < frac_len ? frac[k] : '0';
	buf[n] = '\0';
	/* strip leading zeros, keep one */
	size_t z = 0;
	while (z + 1 < n && buf[z] == '0')
		z++;
	if (n == 0) {
		buf[0] = '0';
		buf[1] = '\0';
		n = 1;
		z = 0;
	}
	if (n - z + 1 > outlen)
		return -1;
	memcpy(out, buf + z, n - z + 1);
	if (negative)
		*negative = neg && strcmp(out, "0") != 0;
	return 0;
}

int dlt_units_to_decimal(const char *units, int decimals, char *out, size_t outlen)
{
	if (!units || !*units || decimals < 0 || decimals > 30)
		return -1;
	for (const char *p = units; *p; p++)
		if (!is_digit(*p))
			return -1;
	while (units[0] == '0' && units[1])
		units++;
	size_t n = strlen(units);
	char digits[160];
	if (n + (size_t)decimals + 2 > sizeof digits)
		return -1;
	/* left-pad to at least decimals + 1 digits */
	size_t pad = n < (size_t)decimals + 1 ? (size_t)decimals + 1 - n : 0;
	memset(digits, '0', pad);
	memcpy(digits + pad, units, n);
	size_t total = pad + n, int_len = total - (size_t)decimals;
	if (total + 2 > outlen)
		return -1;
	memcpy(out, digits, int_len);
	size_t j = int_len;
	if (decimals > 0) {
		out[j++] = '.';
		memcpy(out + j, digits + int_len, (size_t)decimals);
		j += (size_t)decimals;
	}
	out[j] = '\0';
	return 0;
}

int dlt_exact_item_units(const cJSON *item, int decimals, char *out, size_t outlen, int *negative)
{
	if (cJSON_IsString(item))
		return dlt_decimal_to_units(item->valuestring, decimals, out, outlen, negative);
	if (!cJSON_IsNumber(item))
		return -1;
	double v = item->valuedouble;
	/* only integers a double holds exactly (the range first: converting a double beyond
	 * long long is undefined behaviour) */
	if (!(v <= 9007199254740992.0 && v >= -9007199254740992.0) || v != (double)(long long)v)
		return -1;
	char text[64];
	snprintf(text, sizeof text, "%lld", (long long)v);
	return dlt_decimal_to_units(text, decimals, out, outlen, negative);
}

static int cmp_units(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

static int strip_copy(char *buf, size_t n, char *out, size_t outlen)
{
	size_t z = 0;
	while (z + 1 < n && buf[z] == '0')
		z++;
	if (n - z + 1 > outlen)
		return -1;
	memcpy(out, buf + z, n - z);
	out[n - z] = '\0';
	return 0;
}

static int all_digits(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!is_digit(*s))
			return 0;
	return 1;
}

int dlt_units_add(const char *a, const char *b, char *out, size_t outlen)
{
	if (!all_digits(a) || !all_digits(b))
		return -1;
	size_t la = strlen(a), lb = strlen(b), n = (la > lb ? la : lb) + 1;
	char buf[160];
	if (n + 1 > sizeof buf)
		return -1;
	int carry = 0;
	for (size_t k = 0; k < n; k++) {
		int da = k < la ? a[la - 1 - k] - '0' : 0;
		int db = k < lb ? b[lb - 1 - k] - '0' : 0;
		int s = da + db + carry;
		buf[n - 1 - k] = (char)('0' + s % 10);
		carry = s / 10;
	}
	return strip_copy(buf, n, out, outlen);
}

int dlt_units_sub(const char *a, const char *b, char *out, size_t outlen)
{
	if (!all_digits(a) || !all_digits(b))
		return -1;
	while (a[0] == '0' && a[1])
		a++;
	while (b[0] == '0' && b[1])
		b++;
	if (cmp_units(a, b) < 0)
		return -1;
	size_t la = strlen(a), lb = strlen(b);
	char buf[160];
	if (la + 1 > sizeof buf)
		return -1;
	int borrow = 0;
	for (size_t k = 0; k < la; k++) {
		int da = a[la - 1 - k] - '0' - borrow;
		int db = k < lb ? b[lb - 1 - k] - '0' : 0;
		borrow = da < db;
		buf[la - 1 - k] = (char)('0' + da - db + (borrow ? 10 : 0));
	}
	return strip_copy(buf, la, out, outlen);
}
