/*
 * test_bitcoin_exact.c: exact amounts (adapters/bitcoin/exact.c): decimal coin amounts to base
 * units and back, sums and differences, and the number-preserving JSON parse that keeps amounts
 * a double would round (Litecoin's 84 million coins, 64-bit piconero).
 */
#include "tap.h"
#include "common/exact.h"

#include <stdlib.h>
#include <string.h>

static void to_units(const char *dec, int decimals, const char *want)
{
	char out[64];
	int neg = 0;
	int rc = dlt_decimal_to_units(dec, decimals, out, sizeof out, &neg);
	if (!want)
		tap_ok(rc != 0, "\"%s\" is refused", dec);
	else
		tap_ok(rc == 0 && strcmp(out, want) == 0, "\"%s\" -> %s (got %s)", dec, want,
		       rc == 0 ? out : "error");
}

static void to_decimal(const char *units, int decimals, const char *want)
{
	char out[64];
	int rc = dlt_units_to_decimal(units, decimals, out, sizeof out);
	tap_ok(rc == 0 && strcmp(out, want) == 0, "%s -> \"%s\" (got %s)", units, want,
	       rc == 0 ? out : "error");
}

int main(void)
{
	to_units("50.00000000", 8, "5000000000");
	to_units("0.00000001", 8, "1");
	to_units("0", 8, "0");
	to_units("12.5", 8, "1250000000");
	to_units(".5", 8, "50000000");
	to_units("83999999.99999999", 8, "8399999999999999");
	to_units("20999999.97690000", 8, "2099999997690000");
	to_units("1.000000000", 8, "100000000");
	to_units("1.000000001", 8, NULL);
	to_units("1e8", 8, NULL);
	to_units("abc", 8, NULL);
	to_units("", 8, NULL);
	to_units("18446744073709551615", 0, "18446744073709551615");
	int neg = 0;
	char out[64];
	dlt_decimal_to_units("-0.00001410", 8, out, sizeof out, &neg);
	tap_ok(neg && strcmp(out, "1410") == 0, "negative fee -0.00001410 -> 1410, negative");

	to_decimal("5000000000", 8, "50.00000000");
	to_decimal("1", 8, "0.00000001");
	to_decimal("0", 8, "0.00000000");
	to_decimal("000123", 8, "0.00000123");
	to_decimal("8399999999999999", 8, "83999999.99999999");
	to_decimal("42", 0, "42");
	tap_ok(dlt_units_to_decimal("12a", 8, out, sizeof out) != 0, "non-digits are refused");

	dlt_units_add("9999999999999999", "1", out, sizeof out);
	tap_ok(strcmp(out, "10000000000000000") == 0, "add with carry (%s)", out);
	dlt_units_sub("10000000000000000", "1", out, sizeof out);
	tap_ok(strcmp(out, "9999999999999999") == 0, "sub with borrow (%s)", out);
	tap_ok(dlt_units_sub("1", "2", out, sizeof out) != 0, "sub below zero is refused");
	dlt_units_sub("5", "5", out, sizeof out);
	tap_ok(strcmp(out, "0") == 0, "sub to zero (%s)", out);

	const char *body =
		"{\"result\":{\"amount\":83999999.99999999,\"n\":3,\"big\":18446744073709551615,"
		"\"s\":\"1.5 \\\"x\\\" 2.5\",\"neg\":-0.00001410,\"arr\":[1.10000000,2]},"
		"\"error\":null}";
	cJSON *doc = dlt_exact_parse(body, strlen(body));
	cJSON *r = cJSON_GetObjectItem(doc, "result");
	tap_ok(doc != NULL, "number-preserving parse succeeds");
	cJSON *a = cJSON_GetObjectItem(r, "amount");
	tap_ok(cJSON_IsString(a) && strcmp(a->valuestring, "83999999.99999999") == 0,
	       "decimal amount kept as its text");
	tap_ok(cJSON_IsNumber(cJSON_GetObjectItem(r, "n")), "small integer stays a number");
	cJSON *big = cJSON_GetObjectItem(r, "big");
	tap_ok(cJSON_IsString(big) && strcmp(big->valuestring, "18446744073709551615") == 0,
	       "a 20-digit integer is kept as text");
	cJSON *s = cJSON_GetObjectItem(r, "s");
	tap_ok(cJSON_IsString(s) && strcmp(s->valuestring, "1.5 \"x\" 2.5") == 0,
	       "strings (with escaped quotes and digits) are untouched");
	char units[64];
	tap_ok(dlt_exact_item_units(cJSON_GetObjectItem(r, "amount"), 8, units, sizeof units,
				    &neg) == 0 &&
		       strcmp(units, "8399999999999999") == 0,
	       "item to units: 8399999999999999 (a double would give %.0f)",
	       83999999.99999999 * 1e8);
	tap_ok(dlt_exact_item_units(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "arr"), 1), 8, units,
				    sizeof units, &neg) == 0 &&
		       strcmp(units, "200000000") == 0,
	       "an integer number item scales too");
	cJSON_Delete(doc);
	tap_ok(dlt_exact_parse("{\"a\":", 5) == NULL, "broken JSON is refused");
	return tap_done();
}
