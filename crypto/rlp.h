/*
 * rlp.h: Recursive Length Prefix (Ethereum Yellow Paper, appendix B), strict.
 *
 * Encoding appends to a dlt_buf: byte strings, integers (minimal big-endian, zero = empty
 * string 0x80) and lists (dlt_rlp_list_begin / dlt_rlp_list_end around the items).
 *
 * Decoding builds a tree of items pointing into the input and rejects every non-canonical
 * form. Error messages start with one of these stable phrases, then " at byte N":
 *   "single byte encoded as string"  (0x81 0x00..0x7f: must be the byte itself)
 *   "leading zero in length"         (long form whose length starts with 0x00)
 *   "non-minimal length"             (long form used for a payload shorter than 56 bytes)
 *   "length exceeds input"           (the declared payload runs past the end of its container)
 *   "trailing bytes"                 (input left over after the top-level item)
 *   "nesting too deep"               (more than DLT_RLP_MAX_DEPTH nested lists)
 */
#ifndef DLT_CRYPTO_RLP_H
#define DLT_CRYPTO_RLP_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/u256.h"

#define DLT_RLP_MAX_DEPTH 512

void dlt_rlp_encode_bytes(struct dlt_buf *b, const uint8_t *p, size_t len);
void dlt_rlp_encode_uint(struct dlt_buf *b, uint64_t v);
void dlt_rlp_encode_u256(struct dlt_buf *b, const dlt_u256 *v);
/* Appends an already-encoded item verbatim. */
void dlt_rlp_encode_raw(struct dlt_buf *b, const uint8_t *p, size_t len);
/* Returns a mark to give to dlt_rlp_list_end after the list's items were appended. */
size_t dlt_rlp_list_begin(struct dlt_buf *b);
void dlt_rlp_list_end(struct dlt_buf *b, size_t mark);

struct dlt_rlp_item {
	int is_list;
	const uint8_t *data; /* string: its bytes; list: the encoded items (payload) */
	size_t len; /* payload length */
	size_t count; /* list: number of items */
	struct dlt_rlp_item *items; /* list: the items (NULL when empty) */
	size_t offset; /* where this item's header starts in the decoded input */
};

/* Appends a decoded item (and its items) in the canonical encoding: for a tree that
 * dlt_rlp_decode accepted, exactly the bytes it was decoded from. */
void dlt_rlp_encode_item(struct dlt_buf *b, const struct dlt_rlp_item *it);

/* Decodes exactly one item spanning the whole input. Free with dlt_rlp_free. */
int dlt_rlp_decode(const uint8_t *in, size_t len, struct dlt_rlp_item **out, char *err,
		   size_t errlen);
void dlt_rlp_free(struct dlt_rlp_item *item);

#endif
