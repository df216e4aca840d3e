/*
 * bytesize.c: parsing byte counts with K/M/G suffixes (see bytesize.h).
 */
#include "common/bytesize.h"

#include <stdint.h>

int dlt_bytesize_parse(const char *s, size_t *out)
{
	if (!s || *s < '0' || *s > '9')
		return -1;
	size_t v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		size_t d = (size_t)(*s - '0');
		if (v > (SIZE_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	size_t mult = 1;
	switch (*s) {
	case '\0': break;
	case 'k':
	case 'K':
		mult = (size_t)1 << 10;
		s++;
		break;
	case 'm':
	case 'M':
		mult = (size_t)1 << 20;
		s++;
		break;
	case 'g':
	case 'G':
		mult = (size_t)1 << 30;
		s++;
		break;
	default: return -1;
	}
	if (*s || v == 0 || v > SIZE_MAX / mult)
		return -1;
	*out = v * mult;
	return 0;
}
