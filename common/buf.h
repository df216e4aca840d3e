/*
 * buf.h: the one growable buffer of the project, for bytes (encoders: RLP, transactions) and
 * for text (reports, messages, JSON written by hand). The data is always followed by a zero
 * byte, so dlt_buf_str() is a C string of the text appended so far. Running out of memory
 * follows the project's one policy (HACKING.md): the process stops with a message
 * (common/mem.h), so appends cannot fail and have no result to check.
 */
#ifndef DLT_BUF_H
#define DLT_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct dlt_buf {
	uint8_t *data; /* NULL until the first append; then zero-terminated */
	size_t len, cap;
};

#define DLT_BUF_INIT \
	{ \
		NULL, 0, 0 \
	}

void dlt_buf_init(struct dlt_buf *b);
/* Make room for n more bytes (and the terminating zero). */
void dlt_buf_reserve(struct dlt_buf *b, size_t n);
void dlt_buf_append(struct dlt_buf *b, const void *p, size_t n);
void dlt_buf_push(struct dlt_buf *b, uint8_t byte);
/* Insert n bytes at offset off (off <= len), moving the tail. */
void dlt_buf_insert(struct dlt_buf *b, size_t off, const void *p, size_t n);
/* Append a C string (NULL adds nothing). */
void dlt_buf_puts(struct dlt_buf *b, const char *s);
void dlt_buf_printf(struct dlt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dlt_buf_vprintf(struct dlt_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* The text so far ("" when nothing was appended); valid until the next append. */
const char *dlt_buf_str(const struct dlt_buf *b);
/* The text as a malloc'd string (never NULL); the buffer is left empty. */
char *dlt_buf_take(struct dlt_buf *b);
/* Forget the contents, keep the memory. */
void dlt_buf_reset(struct dlt_buf *b);
void dlt_buf_free(struct dlt_buf *b);
/* Write the contents to path atomically (a temporary file renamed over it), or to stdout when
 * path is "-" or NULL. 0, or -1 with err naming the file and the error. */
int dlt_buf_write_file(const struct dlt_buf *b, const char *path, char *err, size_t errlen);

#endif
