/*
 * buf.c: the growable byte buffer of buf.h. Capacity doubles; the first failed allocation
 * marks the buffer (oom) so encoders can append freely and check once at the end.
 */
#include "crypto/buf.h"

#include <stdlib.h>
#include <string.h>

int dlt_buf_reserve(struct dlt_buf *b, size_t n)
{
	if (b->oom)
		return -1;
	if (n <= b->cap - b->len)
		return 0;
	if (n > SIZE_MAX / 2 - b->len) {
		b->oom = 1;
		return -1;
	}
	size_t cap = b->cap ? b->cap : 64;
	while (cap - b->len < n)
		cap *= 2;
	uint8_t *p = realloc(b->data, cap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void dlt_buf_append(struct dlt_buf *b, const void *p, size_t n)
{
	if (n == 0 || dlt_buf_reserve(b, n) != 0)
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void dlt_buf_push(struct dlt_buf *b, uint8_t byte)
{
	dlt_buf_append(b, &byte, 1);
}

void dlt_buf_insert(struct dlt_buf *b, size_t off, const void *p, size_t n)
{
	if (n == 0 || off > b->len || dlt_buf_reserve(b, n) != 0)
		return;
	memmove(b->data + off + n, b->data + off, b->len - off);
	memcpy(b->data + off, p, n);
	b->len += n;
}

int dlt_buf_ok(const struct dlt_buf *b)
{
	return b->oom ? -1 : 0;
}

void dlt_buf_free(struct dlt_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}
