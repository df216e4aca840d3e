/*
 * fuzz_rlp.c: fuzz target for the strict RLP decoder (runner/crypto/rlp.c). Any bytes: the
 * decoder must refuse them with a message in its documented form ("rlp: ... at byte N"), or
 * accept them, and since it accepts only canonical encodings, encoding the decoded tree again
 * must give back exactly the input.
 */
#include "fuzz.h"
#include "crypto/rlp.h"

#include <string.h>

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
	dlt_rlp_encode_item(&b, root);
	DLT_FUZZ_ASSERT(b.len == size && memcmp(b.data, data, size) == 0);
	dlt_buf_free(&b);
	dlt_rlp_free(root);
	return 0;
}

DLT_FUZZ_TARGET(rlp)
