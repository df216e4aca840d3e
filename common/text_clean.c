/*
 * text_clean.c: clean, bounded text for results (see text_clean.h).
 */
#include "common/text_clean.h"
#include "common/json_bytes.h"
#include "common/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 character at s (n bytes left), or 0 when it is not one; the zero
 * byte counts as not valid here. */
static size_t char_len(const unsigned char *s, size_t n)
{
	if (s[0] == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	size_t want = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
	if (!want || want > n || !dlt_utf8_valid((const char *)s, want))
		return 0;
	return want;
}

char *dlt_text_clean(const char *s, size_t len, size_t max)
{
	static const char hexd[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t cap = (max && max < len * 4 ? max : len * 4) + 64;
	char *out = dlt_xmalloc(cap + 1);
	size_t o = 0, i = 0;
	while (i < len) {
		size_t n = char_len(u + i, len - i);
		size_t w = n ? n : 4;
		if (max && o + w > max)
			break;
		if (n) {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hexd[u[i] >> 4];
			out[o++] = hexd[u[i] & 15];
			i++;
		}
	}
	if (i < len)
		o += (size_t)snprintf(out + o, cap + 1 - o, " [... %zu bytes in all]", len);
	out[o] = '\0';
	return out;
}

cJSON *dlt_text_json(const char *s, size_t len, size_t max)
{
	if (memchr(s, 0, len) == NULL && dlt_utf8_valid(s, len)) {
		char *clean = dlt_text_clean(s, len, max);
		cJSON *v = cJSON_CreateString(clean);
		free(clean);
		return v;
	}
	return dlt_json_from_bytes(s, max && len > max ? max : len);
}
