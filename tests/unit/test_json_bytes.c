/*
 * test_json_bytes.c: byte strings in JSON (runner/json_bytes.c): the UTF-8 check against the
 * well-formed ranges of RFC 3629, the {"$bytes": hex} form and its round trip, and the rewrite
 * of a parsed tree whose strings and member names are not UTF-8.
 */
#include "common/json_bytes.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static int valid(const char *s, size_t n)
{
	return dlt_utf8_valid(s, n);
}

int main(void)
{
	tap_ok(valid("", 0), "empty is valid");
	tap_ok(valid("abc", 3), "ASCII is valid");
	tap_ok(valid("\xc3\xa9", 2), "U+00E9 is valid");
	tap_ok(valid("\xe2\x82\xac", 3), "U+20AC is valid");
	tap_ok(valid("\xf0\x9f\x98\x80", 4), "U+1F600 is valid");
	tap_ok(valid("\xf4\x8f\xbf\xbf", 4), "U+10FFFF is valid");
	tap_ok(valid("a\0b", 3), "a zero byte is valid UTF-8");
	tap_ok(!valid("\xc0\xaf", 2), "overlong 2-byte form refused");
	tap_ok(!valid("\xe0\x80\xaf", 3), "overlong 3-byte form refused");
	tap_ok(!valid("\xed\xa0\x80", 3), "surrogate U+D800 refused");
	tap_ok(!valid("\xf4\x90\x80\x80", 4), "above U+10FFFF refused");
	tap_ok(!valid("\xff", 1), "0xff refused");
	tap_ok(!valid("\xc3", 1), "truncated sequence refused");
	tap_ok(!valid("\xe2\x82", 2), "truncated 3-byte sequence refused");
	tap_ok(!valid("\x80", 1), "lone continuation byte refused");

	cJSON *a = dlt_json_from_bytes("plain", 5);
	tap_ok(cJSON_IsString(a) && !strcmp(a->valuestring, "plain"), "UTF-8 text stays a string");
	cJSON *b = dlt_json_from_bytes("\0\1", 2);
	cJSON *c = dlt_json_from_bytes("\0\2", 2);
	char *tb = cJSON_PrintUnformatted(b), *tc = cJSON_PrintUnformatted(c);
	tap_ok(!strcmp(tb, "{\"$bytes\":\"0001\"}"), "zero byte gives the bytes form: %s", tb);
	tap_ok(strcmp(tb, tc) != 0, "\\0\\1 and \\0\\2 differ in JSON");
	cJSON *d = dlt_json_from_bytes("abc\0", 4);
	cJSON *e = dlt_json_from_bytes("abc", 3);
	tap_ok(!cJSON_Compare(d, e, 1), "\"abc\\0\" and \"abc\" differ in JSON");
	size_t n = 0;
	char *back = dlt_json_bytes_decode(b, &n);
	tap_ok(back && n == 2 && back[0] == 0 && back[1] == 1, "bytes form decodes back");
	free(back);
	tap_ok(dlt_json_bytes_decode(a, &n) == NULL, "a string is not the bytes form");
	free(tb);
	free(tc);
	cJSON_Delete(a);
	cJSON_Delete(b);
	cJSON_Delete(c);
	cJSON_Delete(d);
	cJSON_Delete(e);

	/* a parsed answer with invalid UTF-8 in a value and in a member name */
	cJSON *tree = cJSON_Parse("{\"ok\":\"fine\",\"bad\":\"x\xff\",\"k\xfe\":[\"\xc3\"]}");
	size_t changed = dlt_json_make_utf8(tree);
	char *text = cJSON_PrintUnformatted(tree);
	tap_ok(changed == 3, "three strings rewritten (%zu)", changed);
	tap_ok(dlt_utf8_valid(text, strlen(text)), "the printed tree is valid UTF-8: %s", text);
	tap_ok(strstr(text, "\"bad\":{\"$bytes\":\"78ff\"}") != NULL, "value kept as hex");
	tap_ok(strstr(text, "\"$bytes:6bfe\":[{\"$bytes\":\"c3\"}]") != NULL,
	       "member name kept as hex");
	tap_ok(strstr(text, "\"ok\":\"fine\"") != NULL, "valid strings untouched");
	cJSON *reparsed = cJSON_Parse(text);
	tap_ok(reparsed != NULL, "the rewritten tree parses back");
	cJSON_Delete(reparsed);
	free(text);
	cJSON_Delete(tree);
	return tap_done();
}
