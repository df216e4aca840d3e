/*
 * json_trunc.c: size, digest and truncation of JSON values (see json_trunc.h). The text is
 * produced piece by piece into a sink that counts, hashes and keeps the first bytes; strings
 * are escaped as cJSON escapes them and numbers printed by cJSON itself, so the digest is that
 * of cJSON_PrintUnformatted's output (tests/unit/test_json_trunc.c compares the two).
 */
#include "common/json_trunc.h"
#include "common/mem.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sink {
	size_t size;
	size_t stop; /* 0: count everything */
	crypto_hash_sha256_state *sha; /* NULL: no digest */
	char *head; /* NULL: no head */
	size_t head_max, head_len;
	char *out; /* NULL: not kept */
	size_t out_len;
};

static int full(const struct sink *k)
{
	return k->stop && k->size > k->stop;
}

static void emit(struct sink *k, const char *data, size_t len)
{
	if (full(k))
		return;
	k->size += len;
	if (k->sha)
		crypto_hash_sha256_update(k->sha, (const unsigned char *)data, len);
	if (k->head && k->head_len < k->head_max) {
		size_t n = k->head_max - k->head_len < len ? k->head_max - k->head_len : len;
		memcpy(k->head + k->head_len, data, n);
		k->head_len += n;
	}
	if (k->out) {
		memcpy(k->out + k->out_len, data, len);
		k->out_len += len;
	}
}

static void emit_string(struct sink *k, const char *s, size_t len)
{
	static const char hexd[] = "0123456789abcdef";
	emit(k, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < len && !full(k); i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		size_t n = 0;
		switch (c) {
		case '"':
			esc[0] = '\\';
			esc[1] = '"';
			n = 2;
			break;
		case '\\':
			esc[0] = '\\';
			esc[1] = '\\';
			n = 2;
			break;
		case '\b':
			esc[0] = '\\';
			esc[1] = 'b';
			n = 2;
			break;
		case '\f':
			esc[0] = '\\';
			esc[1] = 'f';
			n = 2;
			break;
		case '\n':
			esc[0] = '\\';
			esc[1] = 'n';
			n = 2;
			break;
		case '\r':
			esc[0] = '\\';
			esc[1] = 'r';
			n = 2;
			break;
		case '\t':
			esc[0] = '\\';
			esc[1] = 't';
			n = 2;
			break;
		default:
			if (c < 32) {
				memcpy(esc, "\\u00", 4);
				esc[4] = hexd[c >> 4];
				esc[5] = hexd[c & 15];
				n = 6;
			}
		}
		if (!n) {
			run++;
			continue;
		}
		emit(k, s + i - run, run);
		run = 0;
		emit(k, esc, n);
	}
	if (!full(k))
		emit(k, s + len - run, run);
	emit(k, "\"", 1);
}

static void emit_value(struct sink *k, const cJSON *v)
{
	if (full(k))
		return;
	switch (v->type & 0xff) {
	case cJSON_NULL: emit(k, "null", 4); return;
	case cJSON_False: emit(k, "false", 5); return;
	case cJSON_True: emit(k, "true", 4); return;
	case cJSON_Raw:
		if (v->valuestring)
			emit(k, v->valuestring, strlen(v->valuestring));
		return;
	case cJSON_String:
		if (v->valuestring)
			emit_string(k, v->valuestring, strlen(v->valuestring));
		else
			emit(k, "\"\"", 2);
		return;
	case cJSON_Number: {
		/* cJSON's own number format, on a detached copy */
		cJSON one = *v;
		one.next = one.prev = NULL;
		one.string = NULL;
		char buf[64];
		if (cJSON_PrintPreallocated(&one, buf, sizeof buf, 0))
			emit(k, buf, strlen(buf));
		return;
	}
	case cJSON_Array:
	case cJSON_Object: {
		int obj = (v->type & 0xff) == cJSON_Object;
		emit(k, obj ? "{" : "[", 1);
		for (const cJSON *c = v->child; c && !full(k); c = c->next) {
			if (c != v->child)
				emit(k, ",", 1);
			if (obj) {
				const char *key = c->string ? c->string : "";
				emit_string(k, key, strlen(key));
				emit(k, ":", 1);
			}
			emit_value(k, c);
		}
		emit(k, obj ? "}" : "]", 1);
		return;
	}
	default: return;
	}
}

size_t dlt_json_text_size(const cJSON *v, size_t stop)
{
	struct sink k = { 0 };
	k.stop = stop;
	if (v)
		emit_value(&k, v);
	return k.size;
}

/* The length of the longest prefix of s[0..n) that does not end inside a UTF-8 sequence. */
static size_t char_boundary(const char *s, size_t n)
{
	size_t i = n;
	size_t back = 0;
	while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xc0) == 0x80) {
		i--;
		back++;
	}
	if (i == 0)
		return n;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
	return back + 1 >= need ? n : i - 1;
}

void dlt_json_text_digest(const cJSON *v, size_t *size, char sha256_hex[65], char *head,
			  size_t head_max)
{
	crypto_hash_sha256_state sha;
	crypto_hash_sha256_init(&sha);
	struct sink k = { 0 };
	k.sha = &sha;
	k.head = head_max ? head : NULL;
	k.head_max = head_max;
	if (v)
		emit_value(&k, v);
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&sha, d);
	sodium_bin2hex(sha256_hex, 65, d, sizeof d);
	*size = k.size;
	if (k.head) {
		k.head_len = k.head_len < k.size ? char_boundary(head, k.head_len) : k.head_len;
		head[k.head_len] = '\0';
	}
}

cJSON *dlt_json_truncated_marker(const cJSON *v, size_t head_max)
{
	size_t size;
	char sha[65];
	char *head = head_max ? dlt_xmalloc(head_max + 1) : NULL;
	dlt_json_text_digest(v, &size, sha, head, head_max);
	cJSON *m = cJSON_CreateObject();
	cJSON *t = cJSON_AddObjectToObject(m, DLT_JSON_TRUNCATED_KEY);
	cJSON_AddNumberToObject(t, "bytes", (double)size);
	cJSON_AddStringToObject(t, "sha256", sha);
	if (head)
		cJSON_AddStringToObject(t, "head", head);
	free(head);
	return m;
}

cJSON *dlt_json_truncate(cJSON *v, size_t max, size_t head_max, size_t *stored)
{
	size_t n = dlt_json_text_size(v, max);
	if (n <= max) {
		if (stored)
			*stored = n;
		return v;
	}
	cJSON *m = dlt_json_truncated_marker(v, head_max < max ? head_max : max);
	cJSON_Delete(v);
	if (stored)
		*stored = dlt_json_text_size(m, 0);
	return m;
}

char *dlt_json_quote_bytes(const char *s, size_t len)
{
	struct sink k = { 0 };
	emit_string(&k, s, len);
	k.out = dlt_xmalloc(k.size + 1);
	k.size = 0;
	emit_string(&k, s, len);
	k.out[k.out_len] = '\0';
	return k.out;
}
