/*
 * btc_ser.h: the integer encodings of Bitcoin's wire format: little-endian fixed-size
 * integers and CompactSize lengths (1, 3, 5 or 9 bytes), written to a dlt_buf and read
 * strictly (a CompactSize in a longer form than needed is refused, as Bitcoin Core refuses it:
 * "non-canonical ReadCompactSize()").
 */
#ifndef DLT_CRYPTO_BTC_SER_H
#define DLT_CRYPTO_BTC_SER_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

void dlt_btc_put_le32(struct dlt_buf *b, uint32_t v);
void dlt_btc_put_le64(struct dlt_buf *b, uint64_t v);
void dlt_btc_put_compact(struct dlt_buf *b, uint64_t v);
/* CompactSize length, then the bytes. */
void dlt_btc_put_bytes(struct dlt_buf *b, const uint8_t *p, size_t len);

/* A reader over bytes; every read checks what is left and fails with a message naming the
 * field and the byte offset. */
struct dlt_btc_reader {
	const uint8_t *p;
	size_t len, pos;
	char *err;
	size_t errlen;
};

int dlt_btc_get_le32(struct dlt_btc_reader *r, const char *what, uint32_t *v);
int dlt_btc_get_le64(struct dlt_btc_reader *r, const char *what, uint64_t *v);
int dlt_btc_get_compact(struct dlt_btc_reader *r, const char *what, uint64_t *v);
/* n bytes in place (*out points into the input). */
int dlt_btc_get_raw(struct dlt_btc_reader *r, const char *what, size_t n, const uint8_t **out);
/* A CompactSize length and that many bytes, in place. */
int dlt_btc_get_bytes(struct dlt_btc_reader *r, const char *what, const uint8_t **out, size_t *len);

#endif
