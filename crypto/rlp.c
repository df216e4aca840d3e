/*
 * rlp.c: strict RLP encoder and decoder (rlp.h).
 * Headers: 0x00-0x7f a single byte; 0x80+n a string of n < 56 bytes; 0xb7+k then a k-byte
 * big-endian length >= 56; 0xc0+n a list payload of n < 56 bytes; 0xf7+k then a k-byte length.
 * The decoder accepts only the one canonical encoding of each value.
 */
#include "crypto/rlp.h"
#include "common/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t header(uint8_t out[9], uint8_t base, size_t len)
{
	if (len < 56) {
		out[0] = (uint8_t)(base + len);
		return 1;
	}
	uint8_t be[8];
	size_t k = 0;
	for (size_t v = len; v; v >>= 8)
		be[k++] = (uint8_t)v;
	out[0] = (uint8_t)(base + 55 + k);
	for (size_t i = 0; i < k; i++)
		out[1 + i] = be[k - 1 - i];
	return 1 + k;
}

void dlt_rlp_encode_bytes(struct dlt_buf *b, const uint8_t *p, size_t len)
{
	if (len == 1 && p[0] < 0x80) {
		dlt_buf_push(b, p[0]);
		return;
	}
	uint8_t h[9];
	dlt_buf_append(b, h, header(h, 0x80, len));
	dlt_buf_append(b, p, len);
}

void dlt_rlp_encode_uint(struct dlt_buf *b, uint64_t v)
{
	uint8_t be[8];
	size_t k = 0;
	for (uint64_t t = v; t; t >>= 8)
		k++;
	for (size_t i = 0; i < k; i++)
		be[i] = (uint8_t)(v >> (8 * (k - 1 - i)));
	dlt_rlp_encode_bytes(b, be, k);
}

void dlt_rlp_encode_u256(struct dlt_buf *b, const dlt_u256 *v)
{
	uint8_t be[32];
	size_t n = dlt_u256_to_bytes(v, be);
	dlt_rlp_encode_bytes(b, be, n);
}

void dlt_rlp_encode_raw(struct dlt_buf *b, const uint8_t *p, size_t len)
{
	dlt_buf_append(b, p, len);
}

size_t dlt_rlp_list_begin(struct dlt_buf *b)
{
	return b->len;
}

void dlt_rlp_list_end(struct dlt_buf *b, size_t mark)
{
	if (mark > b->len)
		return;
	uint8_t h[9];
	dlt_buf_insert(b, mark, h, header(h, 0xc0, b->len - mark));
}

void dlt_rlp_encode_item(struct dlt_buf *b, const struct dlt_rlp_item *it)
{
	if (!it->is_list) {
		dlt_rlp_encode_bytes(b, it->data, it->len);
		return;
	}
	size_t mark = dlt_rlp_list_begin(b);
	for (size_t i = 0; i < it->count; i++)
		dlt_rlp_encode_item(b, &it->items[i]);
	dlt_rlp_list_end(b, mark);
}

struct decoder {
	const uint8_t *base;
	char *err;
	size_t errlen;
};

static int fail(struct decoder *d, const char *what, size_t at)
{
	snprintf(d->err, d->errlen, "rlp: %s at byte %zu", what, at);
	return -1;
}

/*
 * Reads one item header at p (within [p, end)). Sets the payload location and the total
 * item size. The caller guarantees p < end.
 */
static int read_header(struct decoder *d, const uint8_t *p, const uint8_t *end,
		       struct dlt_rlp_item *it, size_t *total)
{
	size_t at = (size_t)(p - d->base);
	size_t avail = (size_t)(end - p);
	uint8_t h = p[0];
	it->offset = at;
	if (h < 0x80) {
		it->is_list = 0;
		it->data = p;
		it->len = 1;
		*total = 1;
		return 0;
	}
	int list = h >= 0xc0;
	uint8_t small_base = list ? 0xc0 : 0x80;
	uint8_t long_base = list ? 0xf7 : 0xb7;
	size_t hlen, plen;
	if (h <= long_base) {
		hlen = 1;
		plen = (size_t)(h - small_base);
	} else {
		size_t k = (size_t)(h - long_base);
		if (k >= avail)
			return fail(d, "length exceeds input", at);
		if (p[1] == 0)
			return fail(d, "leading zero in length", at);
		if (k > sizeof(size_t))
			return fail(d, "length exceeds input", at);
		plen = 0;
		for (size_t i = 0; i < k; i++)
			plen = plen << 8 | p[1 + i];
		if (plen < 56)
			return fail(d, "non-minimal length", at);
		hlen = 1 + k;
	}
	if (plen > avail - hlen)
		return fail(d, "length exceeds input", at);
	if (!list && plen == 1 && p[hlen] < 0x80)
		return fail(d, "single byte encoded as string", at);
	it->is_list = list;
	it->data = p + hlen;
	it->len = plen;
	*total = hlen + plen;
	return 0;
}

static void free_children(struct dlt_rlp_item *it)
{
	if (!it->is_list)
		return;
	for (size_t i = 0; i < it->count; i++)
		free_children(&it->items[i]);
	free(it->items);
	it->items = NULL;
	it->count = 0;
}

static int decode_children(struct decoder *d, struct dlt_rlp_item *it, int depth)
{
	it->count = 0;
	it->items = NULL;
	if (!it->is_list)
		return 0;
	if (depth >= DLT_RLP_MAX_DEPTH)
		return fail(d, "nesting too deep", it->offset);
	/* first pass: count items, so one allocation holds them */
	size_t n = 0;
	const uint8_t *p = it->data, *end = it->data + it->len;
	while (p < end) {
		struct dlt_rlp_item tmp;
		size_t total;
		if (read_header(d, p, end, &tmp, &total) != 0)
			return -1;
		p += total;
		n++;
	}
	if (n == 0)
		return 0;
	it->items = dlt_xcalloc(n, sizeof *it->items);
	p = it->data;
	for (size_t i = 0; i < n; i++) {
		size_t total;
		read_header(d, p, end, &it->items[i], &total);
		it->count = i + 1;
		if (decode_children(d, &it->items[i], depth + 1) != 0) {
			free_children(it);
			return -1;
		}
		p += total;
	}
	return 0;
}

int dlt_rlp_decode(const uint8_t *in, size_t len, struct dlt_rlp_item **out, char *err,
		   size_t errlen)
{
	struct decoder d = { in, err, errlen };
	*out = NULL;
	if (len == 0) {
		snprintf(err, errlen, "rlp: empty input");
		return -1;
	}
	struct dlt_rlp_item *root = dlt_xcalloc(1, sizeof *root);
	size_t total;
	if (read_header(&d, in, in + len, root, &total) != 0 || decode_children(&d, root, 0) != 0) {
		free(root);
		return -1;
	}
	if (total != len) {
		free_children(root);
		free(root);
		return fail(&d, "trailing bytes", total);
	}
	*out = root;
	return 0;
}

void dlt_rlp_free(struct dlt_rlp_item *item)
{
	if (!item)
		return;
	free_children(item);
	free(item);
}
