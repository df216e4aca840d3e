/*
 * buf.c: the growable buffer of buf.h. Capacity doubles from 64 bytes; one byte more than the
 * length is always allocated for the terminating zero.
 */
#include "common/buf.h"
#include "common/mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void dlt_buf_reserve(struct dlt_buf *b, size_t n)
{
	if (b->data && n < b->cap - b->len)
		return;
	if (n > SIZE_MAX / 2 - b->len - 1)
		dlt_out_of_memory("a buffer would exceed the address space");
	size_t cap = b->cap ? b->cap : 64;
	while (cap - b->len <= n)
		cap *= 2;
	b->data = dlt_xrealloc(b->data, cap);
	b->cap = cap;
	b->data[b->len] = 0;
}

void dlt_buf_append(struct dlt_buf *b, const void *p, size_t n)
{
	dlt_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void dlt_buf_push(struct dlt_buf *b, uint8_t byte)
{
	dlt_buf_append(b, &byte, 1);
}

void dlt_buf_insert(struct dlt_buf *b, size_t off, const void *p, size_t n)
{
	if (off > b->len)
		off = b->len;
	dlt_buf_reserve(b, n);
	memmove(b->data + off + n, b->data + off, b->len - off);
	if (n)
		memcpy(b->data + off, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void dlt_buf_puts(struct dlt_buf *b, const char *s)
{
	if (s)
		dlt_buf_append(b, s, strlen(s));
}

void dlt_buf_init(struct dlt_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void dlt_buf_vprintf(struct dlt_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	dlt_buf_reserve(b, 0);
	int n = vsnprintf((char *)b->data + b->len, b->cap - b->len, fmt, ap);
	if (n >= 0 && (size_t)n >= b->cap - b->len) {
		dlt_buf_reserve(b, (size_t)n);
		vsnprintf((char *)b->data + b->len, b->cap - b->len, fmt, ap2);
	}
	va_end(ap2);
	if (n > 0)
		b->len += (size_t)n;
	b->data[b->len] = 0;
}

void dlt_buf_printf(struct dlt_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dlt_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *dlt_buf_str(const struct dlt_buf *b)
{
	return b->data ? (const char *)b->data : "";
}

char *dlt_buf_take(struct dlt_buf *b)
{
	dlt_buf_reserve(b, 0);
	char *s = (char *)b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void dlt_buf_reset(struct dlt_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

void dlt_buf_free(struct dlt_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int dlt_buf_write_file(const struct dlt_buf *b, const char *path, char *err, size_t errlen)
{
	char *tmp;
	FILE *f;

	if (!path || !strcmp(path, "-")) {
		if (fwrite(dlt_buf_str(b), 1, b->len, stdout) != b->len || fflush(stdout)) {
			snprintf(err, errlen, "stdout: write error: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	tmp = dlt_printf("%s.tmp.%ld", path, (long)getpid());
	f = fopen(tmp, "wb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot write: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fwrite(dlt_buf_str(b), 1, b->len, f) != b->len || fclose(f)) {
		snprintf(err, errlen, "%s: write error: %s", tmp, strerror(errno));
		remove(tmp);
		free(tmp);
		return -1;
	}
	if (rename(tmp, path)) {
		snprintf(err, errlen, "%s: cannot rename to %s: %s", tmp, path, strerror(errno));
		remove(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
