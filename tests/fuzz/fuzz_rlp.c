/*
 * fuzz_rlp.c: fuzz target for the strict RLP decoder (runner/crypto/rlp.c). Any bytes: the
 * decoder must refuse them with a message in its documented form ("rlp: ... at byte N"), or
 * accept them, and since it accepts only canonical encodings, encoding the decoded tree again
 * must give back exactly the input.
 */
#include "fuzz.h"
#include "crypto/rlp.h"

#include <string.h>

static void encode_item(struct dlt_buf *b, const struct dlt_rlp_item *it)
{
	if (!it->is_list) {
		dlt_rlp_encode_bytes(b, it->data, it->len);
		return;
	}
	size_t mark = dlt_rlp_list_begin(b);
	for (size_t i = 0; i < it->count; i++)
		encode_item(b, &it->items[i]);
	dlt_rlp_list_end(b, mark);
}

int dlt_fuzz_rlp(const uint8_t *data, size_t size)
{
	struct dlt_rlp_item *root = NULL;
	char err[256] = "";
	if (dlt_rlp_decode(data, size, &root, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(root == NULL);
		DLT_FUZZ_ASSERT(strncmp(err, "rlp: ", 5) == 0);
		return 0;
	}
	DLT_FUZZ_ASSERT(root != NULL);
	struct dlt_buf b = DLT_BUF_INIT;
	encode_item(&b, root);
	DLT_FUZZ_ASSERT(dlt_buf_ok(&b) == 0);
	DLT_FUZZ_ASSERT(b.len == size && memcmp(b.data, data, size) == 0);
	dlt_buf_free(&b);
	dlt_rlp_free(root);
	return 0;
}

DLT_FUZZ_TARGET(rlp)
