/*
 * test_json_trunc.c: bounded values for results. The size and sha256 that json_trunc.c
 * computes without writing the text are those of cJSON_PrintUnformatted's text (on documents
 * with every kind of value: escapes, control characters, UTF-8, numbers of every form, raw
 * exact integers, nesting); the truncation marker; the wire quoting of zero bytes; text_clean's
 * \xNN escapes and character-boundary cuts; jsondiff's exact integers and capped entries.
 */
#include "common/json_trunc.h"
#include "runner/jsondiff.h"
#include "common/text_clean.h"
#include "common/mem.h"
#include "tap.h"
#include "crypto/hash.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sha_hex(const char *s, size_t n, char out[65])
{
	uint8_t d[32];
	dlt_sha256(s, n, d);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void same_as_cjson(const char *name, cJSON *v)
{
	char *text = cJSON_PrintUnformatted(v);
	size_t size;
	char sha[65], want[65], head[17];
	dlt_json_text_digest(v, &size, sha, head, 16);
	sha_hex(text, strlen(text), want);
	tap_ok(size == strlen(text) && !strcmp(sha, want) && !strncmp(head, text, strlen(head)) &&
		       dlt_json_text_size(v, 0) == size,
	       "%s: size and sha256 of the text as cJSON writes it "
	       "(%zu / %zu bytes)",
	       name, size, strlen(text));
	free(text);
	cJSON_Delete(v);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	same_as_cjson("scalars",
		      cJSON_Parse("[null,true,false,0,-0,1,-1,3.5,1e300,-2.5e-300,"
				  "0.1,123456789012,9007199254740993,1.7976931348623157e308]"));
	same_as_cjson(
		"strings",
		cJSON_Parse("{\"a\\\"b\":\"quote \\\" backslash \\\\ slash / "
			    "\\b\\f\\n\\r\\t \\u0001\\u001f \\u00e9 \\u20ac \\ud83d\\ude00\"}"));
	same_as_cjson("nesting", cJSON_Parse("{\"x\":[[],{},[{\"y\":[1,[2,[3]]]}]],\"\":\"\"}"));
	cJSON *raw = cJSON_CreateArray();
	cJSON_AddItemToArray(raw, cJSON_CreateRaw("9223372036854775807"));
	cJSON_AddItemToArray(raw, cJSON_CreateString("\x7f\xff invalid"));
	same_as_cjson("raw digits and invalid UTF-8", raw);

	/* truncation */
	cJSON *small = cJSON_CreateString("short");
	size_t stored = 0;
	int kept = dlt_json_truncate(small, 100, 50, &stored) == small;
	tap_ok(kept && stored == 7, "a value within the limit is kept (%zu bytes)", stored);
	cJSON_Delete(small);
	char *big = dlt_xmalloc(10001);
	for (int i = 0; i < 5000; i++) {
		big[2 * i] = (char)0xc3;
		big[2 * i + 1] = (char)0xa9; /* é */
	}
	big[10000] = '\0';
	cJSON *v = cJSON_CreateString(big);
	char *text = cJSON_PrintUnformatted(v);
	char want[65];
	sha_hex(text, strlen(text), want);
	cJSON *m = dlt_json_truncate(v, 1000, 100, &stored); /* 100: inside the 50th é */
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(m, DLT_JSON_TRUNCATED_KEY);
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(t, "bytes");
	const cJSON *sh = cJSON_GetObjectItemCaseSensitive(t, "sha256");
	const cJSON *hd = cJSON_GetObjectItemCaseSensitive(t, "head");
	tap_ok(cJSON_IsNumber(b) && b->valuedouble == (double)strlen(text) && cJSON_IsString(sh) &&
		       !strcmp(sh->valuestring, want) && cJSON_IsString(hd) &&
		       strlen(hd->valuestring) == 99 && !strncmp(hd->valuestring, text, 99),
	       "a big value becomes the marker: size, sha256, "
	       "head cut before an incomplete character (%zu head bytes)",
	       cJSON_IsString(hd) ? strlen(hd->valuestring) : 0);
	tap_ok(stored < 300, "the marker is small (%zu bytes)", stored);
	cJSON_Delete(m);
	free(text);
	free(big);

	/* wire quoting */
	char *q = dlt_json_quote_bytes("a\0b\"\n", 5);
	tap_ok(!strcmp(q, "\"a\\u0000b\\\"\\n\""), "a zero byte is quoted as \\u0000 (%s)", q);
	free(q);

	/* clean text */
	char *c = dlt_text_clean("ok \xc3\xa9 \xff\x00 end", 12, 0);
	tap_ok(!strcmp(c, "ok \xc3\xa9 \\xff\\x00 end"),
	       "invalid bytes and zero bytes become \\xNN, "
	       "UTF-8 stays (%s)",
	       c);
	free(c);
	c = dlt_text_clean("\xc3\xa9\xc3\xa9\xc3\xa9", 6, 3);
	tap_ok(!strncmp(c, "\xc3\xa9 [... 6 bytes in all]", 30),
	       "a cut never splits a character "
	       "and says the full size (%s)",
	       c);
	free(c);

	/* exact integers in comparisons */
	cJSON *x = cJSON_CreateRaw("9007199254740993"), *y = cJSON_CreateNumber(9007199254740992.0);
	cJSON *z = cJSON_CreateRaw("9007199254740993"), *w = cJSON_CreateRaw("9007199254740992");
	cJSON *n = cJSON_CreateNumber(9007199254740992.0);
	tap_ok(!dlt_json_equal(x, y) && dlt_json_equal(x, z) && dlt_json_equal(w, n) &&
		       !dlt_json_equal(x, w),
	       "exact integers compare by their digits, and with a double "
	       "only when it holds that value");
	cJSON_Delete(x);
	cJSON_Delete(y);
	cJSON_Delete(z);
	cJSON_Delete(w);
	cJSON_Delete(n);

	/* capped diff entries */
	cJSON *a = cJSON_CreateObject(), *bb = cJSON_CreateObject();
	char *longs = dlt_xmalloc(5001);
	memset(longs, 'q', 5000);
	longs[5000] = '\0';
	cJSON_AddStringToObject(a, "k", longs);
	cJSON_AddStringToObject(bb, "k", "short");
	cJSON *out = cJSON_CreateArray();
	int nd = dlt_json_diff_capped(a, bb, "$", "expected", "actual", out, 10, 1024);
	const cJSON *e0 = cJSON_GetArrayItem(out, 0);
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(e0, "expected");
	const cJSON *av = cJSON_GetObjectItemCaseSensitive(e0, "actual");
	tap_ok(nd == 1 && cJSON_GetObjectItemCaseSensitive(ev, DLT_JSON_TRUNCATED_KEY) &&
		       cJSON_IsString(av) && !strcmp(av->valuestring, "short"),
	       "a diff entry's big value becomes a marker, a small one stays");
	free(longs);
	cJSON_Delete(a);
	cJSON_Delete(bb);
	cJSON_Delete(out);
	return tap_done();
}
