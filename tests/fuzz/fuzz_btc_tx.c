/*
 * fuzz_btc_tx.c: fuzz target for the Bitcoin transaction parser (crypto/btc_tx.c), which reads
 * raw transactions a scenario may take from a node (dlt.btc.tx_decode). Any bytes: the parser
 * refuses them with a message naming a field or a byte, or accepts them; an accepted
 * transaction serializes back to exactly the input (the parser takes only the canonical form),
 * and the signature hashes of its first input can be computed without fault.
 */
#include "fuzz.h"
#include "crypto/btc_sighash.h"
#include "crypto/btc_tx.h"

#include <string.h>

int dlt_fuzz_btc_tx(const uint8_t *data, size_t size)
{
	struct dlt_btc_tx tx;
	char err[256] = "";
	if (dlt_btc_tx_parse(data, size, &tx, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(err[0] != '\0');
		DLT_FUZZ_ASSERT(tx.in == NULL && tx.out == NULL);
		return 0;
	}
	struct dlt_buf b = DLT_BUF_INIT;
	dlt_btc_tx_serialize(&tx, 1, &b);
	DLT_FUZZ_ASSERT(b.len == size && memcmp(b.data, data, size) == 0);
	dlt_buf_free(&b);
	struct dlt_btc_tx_ids ids;
	dlt_btc_tx_ids(&tx, &ids);
	DLT_FUZZ_ASSERT(ids.size == size && ids.weight == ids.base_size * 3 + ids.size);
	uint8_t h[32];
	dlt_btc_sighash_legacy(&tx, 0, data, size < 64 ? size : 64, 0x83, h, NULL);
	if (tx.nin > 0)
		DLT_FUZZ_ASSERT(dlt_btc_sighash_v0(&tx, 0, data, size < 64 ? size : 64, 1, 1, h,
						   NULL, err, sizeof err) == 0);
	dlt_btc_tx_free(&tx);
	return 0;
}

DLT_FUZZ_TARGET(btc_tx)
