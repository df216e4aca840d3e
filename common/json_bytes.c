/*
 * json_bytes.c: byte strings in JSON without loss (see json_bytes.h). The UTF-8 check follows
 * RFC 3629 section 4 (the byte ranges of well-formed sequences).
 */
#include "common/json_bytes.h"
#include "common/hex.h"
#include "common/mem.h"

#include <stdlib.h>
#include <string.h>

int dlt_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		unsigned lo = 0x80, hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			if (c == 0xe0)
				lo = 0xa0; /* no overlong 3-byte forms */
			else if (c == 0xed)
				hi = 0x9f; /* no surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			if (c == 0xf0)
				lo = 0x90; /* no overlong 4-byte forms */
			else if (c == 0xf4)
				hi = 0x8f; /* nothing above U+10FFFF */
		} else
			return 0;
		if (len - i - 1 < n)
			return 0;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (size_t k = 2; k <= n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return 0;
		i += n + 1;
	}
	return 1;
}

static char *hex_of(const char *s, size_t len, const char *prefix)
{
	size_t plen = strlen(prefix);
	char *out = dlt_xmalloc(plen + len * 2 + 1);
	memcpy(out, prefix, plen);
	dlt_hex_encode(out + plen, (const uint8_t *)s, len);
	return out;
}

cJSON *dlt_json_from_bytes(const char *s, size_t len)
{
	if (memchr(s, 0, len) == NULL && dlt_utf8_valid(s, len)) {
		/* cJSON copies up to the NUL, and there is none inside */
		cJSON *v = cJSON_CreateString("");
		char *copy = dlt_xmalloc(len + 1);
		memcpy(copy, s, len);
		copy[len] = '\0';
		cJSON_free(v->valuestring);
		v->valuestring = copy;
		return v;
	}
	cJSON *o = cJSON_CreateObject();
	char *hex = hex_of(s, len, "");
	cJSON_AddStringToObject(o, DLT_JSON_BYTES_KEY, hex);
	free(hex);
	return o;
}

int dlt_json_is_bytes(const cJSON *v)
{
	if (!cJSON_IsObject(v) || !v->child || v->child->next || !v->child->string ||
	    strcmp(v->child->string, DLT_JSON_BYTES_KEY) != 0 || !cJSON_IsString(v->child))
		return 0;
	const char *h = v->child->valuestring;
	size_t n = 0;
	for (; h[n]; n++)
		if (dlt_hex_digit((unsigned char)h[n]) < 0)
			return 0;
	return n % 2 == 0;
}

char *dlt_json_bytes_decode(const cJSON *v, size_t *len)
{
	if (!dlt_json_is_bytes(v))
		return NULL;
	const char *h = v->child->valuestring;
	size_t n = strlen(h);
	char *out = dlt_xmalloc(n / 2 + 1);
	for (size_t i = 0; i < n / 2; i++) {
		int a = dlt_hex_digit((unsigned char)h[2 * i]);
		int b = dlt_hex_digit((unsigned char)h[2 * i + 1]);
		if (a < 0 || b < 0) {
			free(out);
			return NULL;
		}
		out[i] = (char)(a << 4 | b);
	}
	out[n / 2] = '\0';
	if (len)
		*len = n / 2;
	return out;
}

size_t dlt_json_make_utf8(cJSON *tree)
{
	size_t changed = 0;
	for (cJSON *c = tree ? tree->child : NULL; c; c = c->next) {
		if (c->string && !dlt_utf8_valid(c->string, strlen(c->string))) {
			char *key = hex_of(c->string, strlen(c->string), DLT_JSON_BYTES_KEY ":");
			if (!(c->type & cJSON_StringIsConst))
				cJSON_free(c->string);
			c->string = key;
			c->type &= ~cJSON_StringIsConst;
			changed++;
		}
		if (cJSON_IsString(c) && c->valuestring &&
		    !dlt_utf8_valid(c->valuestring, strlen(c->valuestring))) {
			cJSON *b = dlt_json_from_bytes(c->valuestring, strlen(c->valuestring));
			/* turn c into the object in place: keep its links and name */
			cJSON_free(c->valuestring);
			c->valuestring = NULL;
			c->type = cJSON_Object | (c->type & cJSON_StringIsConst);
			c->child = b->child;
			b->child = NULL;
			cJSON_Delete(b);
			changed++;
		} else if (cJSON_IsArray(c) || cJSON_IsObject(c))
			changed += dlt_json_make_utf8(c);
	}
	return changed;
}
