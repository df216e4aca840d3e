/*
 * fuzz_eth_tx.c: fuzz target for the Ethereum transaction decoder (crypto/eth_tx.c), which
 * reads the raw transactions a scenario may take from a node (dlt.eth.decode_tx). Any bytes:
 * the decoder refuses them with a message, or accepts them; an accepted transaction in its
 * canonical form (all but a blob transaction's network form) has the keccak256 of the input as
 * its hash, and a sender or a reason why none recovers.
 */
#include "fuzz.h"
#include "crypto/eth_tx.h"
#include "crypto/hash.h"

#include <string.h>

int dlt_fuzz_eth_tx(const uint8_t *data, size_t size)
{
	struct dlt_eth_decoded d;
	char err[256] = "";
	if (dlt_eth_tx_decode(data, size, &d, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(err[0] != '\0');
		return 0;
	}
	DLT_FUZZ_ASSERT(d.type >= 0 && d.type <= 3);
	if (!d.network_form) {
		uint8_t h[32];
		dlt_keccak256(data, size, h);
		DLT_FUZZ_ASSERT(memcmp(h, d.hash, 32) == 0);
	}
	DLT_FUZZ_ASSERT(d.sender_ok || d.sender_err[0] != '\0');
	dlt_eth_decoded_free(&d);
	return 0;
}

DLT_FUZZ_TARGET(eth_tx)
