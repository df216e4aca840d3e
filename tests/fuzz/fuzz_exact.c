/*
 * fuzz_exact.c: fuzz target for exact amounts (adapters/bitcoin/exact.c): the JSON pre-pass
 * that keeps inexact number tokens as text, and the decimal <-> base-unit conversions applied
 * to what a node answered. The input is a node's answer (any bytes). Properties: whatever plain
 * cJSON parses, the exact parser parses too, to the same shape, numbers that it turned into
 * strings holding the same value; every amount in it (and in the plain tree) converts to base
 * units and back to the same units; (a + b) - b = a.
 */
#include "fuzz.h"
#include "common/exact.h"

#include <stdio.h>
#include <string.h>

static int is_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static void same_shape(const cJSON *plain, const cJSON *exact)
{
	if (cJSON_IsNumber(plain) && cJSON_IsString(exact)) {
		/* cJSON before 1.7.16 reads at most 63 characters of a number token */
		if (strlen(exact->valuestring) < 64)
			DLT_FUZZ_ASSERT(strtod(exact->valuestring, NULL) == plain->valuedouble);
		return;
	}
	DLT_FUZZ_ASSERT((plain->type & 0xff) == (exact->type & 0xff));
	if (cJSON_IsNumber(plain))
		DLT_FUZZ_ASSERT(plain->valuedouble == exact->valuedouble);
	if (cJSON_IsString(plain))
		DLT_FUZZ_ASSERT(strcmp(plain->valuestring, exact->valuestring) == 0);
	const cJSON *a = plain->child, *b = exact->child;
	for (; a && b; a = a->next, b = b->next) {
		DLT_FUZZ_ASSERT((a->string == NULL) == (b->string == NULL));
		if (a->string)
			DLT_FUZZ_ASSERT(strcmp(a->string, b->string) == 0);
		same_shape(a, b);
	}
	DLT_FUZZ_ASSERT(!a && !b);
}

struct amounts {
	char prev[160];
	int have_prev;
	int decimals;
};

static void amount(struct amounts *st, const cJSON *item)
{
	char units[160], text[200], back[160], sum[170], diff[170];
	int neg = 0, neg2 = 0;
	if (dlt_exact_item_units(item, st->decimals, units, sizeof units, &neg) != 0)
		return;
	DLT_FUZZ_ASSERT(is_digits(units));
	DLT_FUZZ_ASSERT(units[0] != '0' || units[1] == '\0');
	DLT_FUZZ_ASSERT(!(neg && !strcmp(units, "0")));
	if (dlt_units_to_decimal(units, st->decimals, text, sizeof text) == 0) {
		DLT_FUZZ_ASSERT(
			dlt_decimal_to_units(text, st->decimals, back, sizeof back, &neg2) == 0);
		DLT_FUZZ_ASSERT(strcmp(back, units) == 0 && neg2 == 0);
	}
	if (st->have_prev && dlt_units_add(st->prev, units, sum, sizeof sum) == 0) {
		DLT_FUZZ_ASSERT(dlt_units_sub(sum, units, diff, sizeof diff) == 0);
		DLT_FUZZ_ASSERT(strcmp(diff, st->prev) == 0);
		DLT_FUZZ_ASSERT(dlt_units_sub(sum, st->prev, diff, sizeof diff) == 0);
		DLT_FUZZ_ASSERT(strcmp(diff, units) == 0);
	}
	snprintf(st->prev, sizeof st->prev, "%s", units);
	st->have_prev = 1;
}

static void walk(struct amounts *st, const cJSON *v)
{
	if (cJSON_IsNumber(v) || cJSON_IsString(v))
		amount(st, v);
	for (const cJSON *c = v->child; c; c = c->next)
		walk(st, c);
}

int dlt_fuzz_exact(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	cJSON *exact = dlt_exact_parse(text, size);
	cJSON *plain = cJSON_ParseWithLength(text, size);
	if (plain) {
		DLT_FUZZ_ASSERT(exact != NULL);
		same_shape(plain, exact);
	}
	/* 8 decimals (litoshi), 12 (piconero), and one from the input; over the exact tree, and
	 * over the plain one, since dlt_exact_item_units takes any item */
	static const int kinds[] = { 8, 12, 0 };
	for (size_t k = 0; k < 3; k++) {
		struct amounts st = { "", 0, kinds[k] ? kinds[k] : (int)(size % 31) };
		if (exact)
			walk(&st, exact);
		st.have_prev = 0;
		if (plain)
			walk(&st, plain);
	}
	cJSON_Delete(plain);
	cJSON_Delete(exact);
	return 0;
}

DLT_FUZZ_TARGET(exact)
