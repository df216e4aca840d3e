/*
 * buf.h: a growable byte buffer used by the encoders in runner/crypto (RLP, transactions).
 * Appending never fails loudly: an allocation failure sets `oom`, later appends become no-ops,
 * and the caller checks `oom` once at the end (dlt_buf_ok). Free with dlt_buf_free.
 */
#ifndef DLT_CRYPTO_BUF_H
#define DLT_CRYPTO_BUF_H

#include <stddef.h>
#include <stdint.h>

struct dlt_buf {
	uint8_t *data;
	size_t len, cap;
	int oom;                 /* set when an allocation failed */
};

#define DLT_BUF_INIT { NULL, 0, 0, 0 }

/* Make room for n more bytes; returns 0, or -1 (and sets oom). */
int dlt_buf_reserve(struct dlt_buf *b, size_t n);
void dlt_buf_append(struct dlt_buf *b, const void *p, size_t n);
void dlt_buf_push(struct dlt_buf *b, uint8_t byte);
/* Insert n bytes at offset off (off <= len), moving the tail. */
void dlt_buf_insert(struct dlt_buf *b, size_t off, const void *p, size_t n);
/* 0 when every append so far succeeded, -1 after an allocation failure. */
int dlt_buf_ok(const struct dlt_buf *b);
void dlt_buf_free(struct dlt_buf *b);

#endif
