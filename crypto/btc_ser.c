/*
 * btc_ser.c: Bitcoin's little-endian integers and CompactSize lengths (btc_ser.h).
 */
#include "crypto/btc_ser.h"

#include <stdio.h>

void dlt_btc_put_le32(struct dlt_buf *b, uint32_t v)
{
	uint8_t x[4];
	for (int i = 0; i < 4; i++)
		x[i] = (uint8_t)(v >> (8 * i));
	dlt_buf_append(b, x, 4);
}

void dlt_btc_put_le64(struct dlt_buf *b, uint64_t v)
{
	uint8_t x[8];
	for (int i = 0; i < 8; i++)
		x[i] = (uint8_t)(v >> (8 * i));
	dlt_buf_append(b, x, 8);
}

void dlt_btc_put_compact(struct dlt_buf *b, uint64_t v)
{
	if (v < 0xfd) {
		dlt_buf_push(b, (uint8_t)v);
	} else if (v <= 0xffff) {
		dlt_buf_push(b, 0xfd);
		dlt_buf_push(b, (uint8_t)v);
		dlt_buf_push(b, (uint8_t)(v >> 8));
	} else if (v <= 0xffffffffu) {
		dlt_buf_push(b, 0xfe);
		dlt_btc_put_le32(b, (uint32_t)v);
	} else {
		dlt_buf_push(b, 0xff);
		dlt_btc_put_le64(b, v);
	}
}

void dlt_btc_put_bytes(struct dlt_buf *b, const uint8_t *p, size_t len)
{
	dlt_btc_put_compact(b, len);
	dlt_buf_append(b, p, len);
}

static int short_input(struct dlt_btc_reader *r, const char *what, size_t need)
{
	snprintf(r->err, r->errlen, "%s at byte %zu: needs %zu bytes, %zu left", what, r->pos, need,
		 r->len - r->pos);
	return -1;
}

int dlt_btc_get_raw(struct dlt_btc_reader *r, const char *what, size_t n, const uint8_t **out)
{
	if (r->len - r->pos < n)
		return short_input(r, what, n);
	*out = r->p + r->pos;
	r->pos += n;
	return 0;
}

static int get_le(struct dlt_btc_reader *r, const char *what, int n, uint64_t *v)
{
	const uint8_t *p;
	if (dlt_btc_get_raw(r, what, (size_t)n, &p) != 0)
		return -1;
	*v = 0;
	for (int i = n - 1; i >= 0; i--)
		*v = (*v << 8) | p[i];
	return 0;
}

int dlt_btc_get_le32(struct dlt_btc_reader *r, const char *what, uint32_t *v)
{
	uint64_t x;
	if (get_le(r, what, 4, &x) != 0)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

int dlt_btc_get_le64(struct dlt_btc_reader *r, const char *what, uint64_t *v)
{
	return get_le(r, what, 8, v);
}

int dlt_btc_get_compact(struct dlt_btc_reader *r, const char *what, uint64_t *v)
{
	size_t at = r->pos;
	const uint8_t *p;
	if (dlt_btc_get_raw(r, what, 1, &p) != 0)
		return -1;
	uint64_t min;
	int n;
	switch (*p) {
	case 0xfd:
		n = 2;
		min = 0xfd;
		break;
	case 0xfe:
		n = 4;
		min = 0x10000;
		break;
	case 0xff:
		n = 8;
		min = 0x100000000ull;
		break;
	default: *v = *p; return 0;
	}
	if (get_le(r, what, n, v) != 0)
		return -1;
	if (*v < min) {
		snprintf(r->err, r->errlen,
			 "%s at byte %zu: non-canonical CompactSize (%llu in %d bytes)", what, at,
			 (unsigned long long)*v, n + 1);
		return -1;
	}
	return 0;
}

int dlt_btc_get_bytes(struct dlt_btc_reader *r, const char *what, const uint8_t **out, size_t *len)
{
	uint64_t n;
	if (dlt_btc_get_compact(r, what, &n) != 0)
		return -1;
	if (n > r->len - r->pos)
		return short_input(r, what, (size_t)(n > SIZE_MAX ? SIZE_MAX : n));
	*len = (size_t)n;
	return dlt_btc_get_raw(r, what, *len, out);
}
