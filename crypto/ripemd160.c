/*
 * ripemd160.c: RIPEMD-160 (Dobbertin, Bosselaers, Preneel, 1996), small own implementation,
 * and Bitcoin's hash160(x) = RIPEMD-160(SHA-256(x)), used for P2PKH/P2WPKH key hashes.
 * Two parallel lines of 80 steps over 16 little-endian 32-bit words per 64-byte block; padding
 * as MD4/MD5 (0x80, zeros, 64-bit little-endian bit length).
 */
#include "crypto/hash.h"

#include <string.h>

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

/* word selection and rotation amounts, left line then right line */
static const uint8_t RL[80] = {
	0,  1, 2,  3, 4,  5,  6, 7,  8, 9,  10, 11, 12, 13, 14, 15, 7,  4,  13, 1,
	10, 6, 15, 3, 12, 0,  9, 5,  2, 14, 11, 8,  3,  10, 14, 4,  9,  15, 8,  1,
	2,  7, 0,  6, 13, 11, 5, 12, 1, 9,  11, 10, 0,  8,  12, 4,  13, 3,  7,  15,
	14, 5, 6,  2, 4,  0,  5, 9,  7, 12, 2,  10, 14, 1,  3,  8,  11, 6,  15, 13,
};
static const uint8_t RR[80] = {
	5,  14, 7,  0,  9,  2,  11, 4,  13, 6, 15, 8, 1,  10, 3,  12, 6, 11, 3, 7,
	0,  13, 5,  10, 14, 15, 8,  12, 4,  9, 1,  2, 15, 5,  1,  3,  7, 14, 6, 9,
	11, 8,  12, 2,  10, 0,  4,  13, 8,  6, 4,  1, 3,  11, 15, 0,  5, 12, 2, 13,
	9,  7,  10, 14, 12, 15, 10, 4,  1,  5, 8,  7, 6,  2,  13, 14, 0, 3,  9, 11,
};
static const uint8_t SL[80] = {
	11, 14, 15, 12, 5, 8,  7,  9,  11, 13, 14, 15, 6,  7,  9,  8,  7,  6,  8,  13,
	11, 9,  7,  15, 7, 12, 15, 9,  11, 7,  13, 12, 11, 13, 6,  7,  14, 9,  13, 15,
	14, 8,  13, 6,  5, 12, 7,  5,  11, 12, 14, 15, 14, 15, 9,  8,  9,  14, 5,  6,
	8,  6,  5,  12, 9, 15, 5,  11, 6,  8,  13, 12, 5,  12, 13, 14, 11, 8,  5,  6,
};
static const uint8_t SR[80] = {
	8,  9,  9,  11, 13, 15, 15, 5, 7,  7,  8,  11, 14, 14, 12, 6,  9,  13, 15, 7,
	12, 8,  9,  11, 7,  7,  12, 7, 6,  15, 13, 11, 9,  7,  15, 11, 8,  6,  6,  14,
	12, 13, 5,  14, 13, 13, 7,  5, 15, 5,  8,  11, 14, 14, 6,  14, 6,  9,  12, 9,
	12, 5,  15, 8,  8,  5,  12, 9, 12, 5,  14, 6,  8,  13, 6,  5,  15, 13, 11, 11,
};
static const uint32_t KL[5] = { 0x00000000, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e };
static const uint32_t KR[5] = { 0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0x00000000 };

/* the five boolean functions; round j of the left line uses f(j/16), the right f(4 - j/16) */
static uint32_t f(int i, uint32_t x, uint32_t y, uint32_t z)
{
	switch (i) {
	case 0: return x ^ y ^ z;
	case 1: return (x & y) | (~x & z);
	case 2: return (x | ~y) ^ z;
	case 3: return (x & z) | (y & ~z);
	default: return x ^ (y | ~z);
	}
}

static void compress(uint32_t h[5], const uint8_t *block)
{
	uint32_t X[16];
	for (int i = 0; i < 16; i++)
		X[i] = (uint32_t)block[4 * i] | (uint32_t)block[4 * i + 1] << 8 |
		       (uint32_t)block[4 * i + 2] << 16 | (uint32_t)block[4 * i + 3] << 24;
	uint32_t al = h[0], bl = h[1], cl = h[2], dl = h[3], el = h[4];
	uint32_t ar = h[0], br = h[1], cr = h[2], dr = h[3], er = h[4];
	for (int j = 0; j < 80; j++) {
		int r = j / 16;
		uint32_t t = ROL(al + f(r, bl, cl, dl) + X[RL[j]] + KL[r], SL[j]) + el;
		al = el;
		el = dl;
		dl = ROL(cl, 10);
		cl = bl;
		bl = t;
		t = ROL(ar + f(4 - r, br, cr, dr) + X[RR[j]] + KR[r], SR[j]) + er;
		ar = er;
		er = dr;
		dr = ROL(cr, 10);
		cr = br;
		br = t;
	}
	uint32_t t = h[1] + cl + dr;
	h[1] = h[2] + dl + er;
	h[2] = h[3] + el + ar;
	h[3] = h[4] + al + br;
	h[4] = h[0] + bl + cr;
	h[0] = t;
}

void dlt_ripemd160(const void *data, size_t len, uint8_t out[20])
{
	uint32_t h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
	const uint8_t *p = data;
	size_t left = len;
	while (left >= 64) {
		compress(h, p);
		p += 64;
		left -= 64;
	}
	uint8_t tail[128];
	memset(tail, 0, sizeof tail);
	memcpy(tail, p, left);
	tail[left] = 0x80;
	size_t tl = left + 1 + 8 <= 64 ? 64 : 128;
	uint64_t bits = (uint64_t)len * 8;
	for (int i = 0; i < 8; i++)
		tail[tl - 8 + i] = (uint8_t)(bits >> (8 * i));
	compress(h, tail);
	if (tl == 128)
		compress(h, tail + 64);
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 4; j++)
			out[4 * i + j] = (uint8_t)(h[i] >> (8 * j));
}

void dlt_hash160(const void *data, size_t len, uint8_t out[20])
{
	uint8_t sha[32];
	dlt_sha256(data, len, sha);
	dlt_ripemd160(sha, sizeof sha, out);
}
