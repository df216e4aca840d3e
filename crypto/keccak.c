/*
 * keccak.c: Keccak-256 as used by Ethereum (and Monero's cn_fast_hash): the Keccak-f[1600]
 * permutation with rate 1088 bits (136 bytes), capacity 512, and the ORIGINAL Keccak padding
 * (first pad byte 0x01, last byte |= 0x80). NIST SHA3-256 differs only in that pad byte (0x06),
 * which changes every output: keccak256("") = c5d24601..., sha3_256("") = a7ffc6f8....
 * The state is 25 little-endian 64-bit lanes, lane (x, y) at index x + 5y.
 */
#include "crypto/hash.h"

#include <string.h>

#define ROTL64(v, n) (((v) << (n)) | ((v) >> (64 - (n))))

static const uint64_t round_constants[24] = {
	0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
	0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
	0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
	0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
	0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
	0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

/* rho offsets, indexed by lane x + 5y */
static const unsigned rho[25] = {
	0,  1,  62, 28, 27, 36, 44, 6,  55, 20, 3,  10, 43,
	25, 39, 41, 45, 15, 21, 8,  18, 2,  61, 56, 14,
};

static void keccak_f1600(uint64_t a[25])
{
	uint64_t c[5], d[5], b[25];
	for (int round = 0; round < 24; round++) {
		/* theta */
		for (int x = 0; x < 5; x++)
			c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
		for (int x = 0; x < 5; x++)
			d[x] = c[(x + 4) % 5] ^ ROTL64(c[(x + 1) % 5], 1);
		for (int i = 0; i < 25; i++)
			a[i] ^= d[i % 5];
		/* rho and pi: B[y, 2x+3y] = rot(A[x, y], r[x, y]) */
		for (int x = 0; x < 5; x++) {
			for (int y = 0; y < 5; y++) {
				unsigned r = rho[x + 5 * y];
				uint64_t v = a[x + 5 * y];
				b[y + 5 * ((2 * x + 3 * y) % 5)] = r ? ROTL64(v, r) : v;
			}
		}
		/* chi */
		for (int y = 0; y < 5; y++)
			for (int x = 0; x < 5; x++)
				a[x + 5 * y] = b[x + 5 * y] ^
					       (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
		/* iota */
		a[0] ^= round_constants[round];
	}
}

static void absorb_block(uint64_t s[25], const uint8_t *p)
{
	for (int i = 0; i < 136 / 8; i++) {
		uint64_t lane = 0;
		for (int j = 7; j >= 0; j--)
			lane = lane << 8 | p[8 * i + j];
		s[i] ^= lane;
	}
	keccak_f1600(s);
}

void dlt_keccak256_init(struct dlt_keccak *k)
{
	memset(k, 0, sizeof *k);
}

void dlt_keccak256_update(struct dlt_keccak *k, const void *data, size_t len)
{
	const uint8_t *p = data;
	if (!len) /* data may be NULL when there is nothing to hash */
		return;
	if (k->n) {
		size_t take = 136 - k->n < len ? 136 - k->n : len;
		memcpy(k->buf + k->n, p, take);
		k->n += take;
		p += take;
		len -= take;
		if (k->n < 136)
			return;
		absorb_block(k->s, k->buf);
		k->n = 0;
	}
	while (len >= 136) {
		absorb_block(k->s, p);
		p += 136;
		len -= 136;
	}
	memcpy(k->buf, p, len);
	k->n = len;
}

void dlt_keccak256_final(struct dlt_keccak *k, uint8_t out[32])
{
	memset(k->buf + k->n, 0, 136 - k->n);
	k->buf[k->n] ^= 0x01; /* Keccak padding, not SHA-3's 0x06 */
	k->buf[135] ^= 0x80;
	absorb_block(k->s, k->buf);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 8; j++)
			out[8 * i + j] = (uint8_t)(k->s[i] >> (8 * j));
	memset(k, 0, sizeof *k);
}

void dlt_keccak256(const void *data, size_t len, uint8_t out[32])
{
	struct dlt_keccak k;
	dlt_keccak256_init(&k);
	dlt_keccak256_update(&k, data, len);
	dlt_keccak256_final(&k, out);
}
