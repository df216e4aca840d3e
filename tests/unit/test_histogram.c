/*
 * test_histogram.c: the latency histogram (common/histogram.h) and the string index
 * (common/strindex.h): every value falls in the bucket whose bounds hold it, percentiles
 * are within the stated 3% of the exact ones, the raw JSON form adds up to the count; the
 * index finds every key put, keeps the first value of a key, and misses what was not put.
 */
#include "common/histogram.h"
#include "common/mem.h"
#include "common/strindex.h"
#include "tap.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void buckets(void)
{
	int bad = 0;
	for (uint64_t v = 0; v < 200000; v += (v < 1000 ? 1 : 97)) {
		size_t i = dlt_hist_bucket_of(v);
		if (dlt_hist_bucket_low(i) > v ||
		    (i + 1 < DLT_HIST_BUCKETS && dlt_hist_bucket_low(i + 1) <= v))
			bad++;
	}
	uint64_t big = (uint64_t)1 << 40;
	size_t i = dlt_hist_bucket_of(big);
	bad += dlt_hist_bucket_low(i) > big;
	tap_ok(bad == 0, "every value lies within its bucket's bounds");
	tap_ok(dlt_hist_bucket_of(UINT64_MAX) == DLT_HIST_BUCKETS - 1,
	       "beyond the range: the last bucket");
}

static void percentiles(void)
{
	struct dlt_hist h;
	dlt_hist_init(&h);
	tap_ok(dlt_hist_percentile(&h, 50) == 0 && h.count == 0, "empty: percentile 0");
	for (int v = 1; v <= 10000; v++)
		dlt_hist_record(&h, v);
	static const double ps[] = { 50, 90, 99, 99.9 };
	int within = 1;
	for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
		double exact = ps[k] / 100 * 10000, got = (double)dlt_hist_percentile(&h, ps[k]);
		if (fabs(got - exact) > 0.032 * exact) {
			within = 0;
			printf("# p%g: %g, exact %g\n", ps[k], got, exact);
		}
	}
	tap_ok(within, "p50, p90, p99, p99.9 of 1..10000 within 3.2%% of the exact values");
	tap_ok(dlt_hist_percentile(&h, 100) == 10000 && h.min == 1 && h.max == 10000,
	       "p100 is the largest value; min and max exact");
	dlt_hist_record(&h, -5);
	dlt_hist_record(&h, NAN);
	tap_ok(h.min == 0 && h.count == 10002, "negative and NaN values count as 0");
	cJSON *j = dlt_hist_json(&h), *b;
	double sum = 0, last = -1;
	int ordered = 1;
	cJSON_ArrayForEach (b, cJSON_GetObjectItemCaseSensitive(j, "buckets")) {
		double low = cJSON_GetArrayItem(b, 0)->valuedouble;
		ordered &= low > last;
		last = low;
		sum += cJSON_GetArrayItem(b, 1)->valuedouble;
	}
	tap_ok(sum == 10002 && ordered &&
		       cJSON_GetObjectItemCaseSensitive(j, "count")->valuedouble == 10002,
	       "raw form: buckets in order, their counts add up to the count");
	cJSON_Delete(j);
}

static void strindex(void)
{
	struct dlt_strindex x = { 0 };
	char **keys = dlt_xcalloc(20000, sizeof *keys);
	for (int i = 0; i < 20000; i++) {
		keys[i] = dlt_printf("key-%d", i);
		dlt_strindex_put(&x, keys[i], &keys[i]);
	}
	int found = 1;
	for (int i = 0; i < 20000; i++)
		found &= dlt_strindex_get(&x, keys[i]) == &keys[i];
	tap_ok(found && x.n == 20000, "20,000 keys put, each found with its value");
	tap_ok(dlt_strindex_put(&x, "key-7", NULL) == 0 &&
		       dlt_strindex_get(&x, "key-7") == &keys[7],
	       "a key put again keeps its first value");
	tap_ok(dlt_strindex_get(&x, "key-20000") == NULL && dlt_strindex_get(&x, NULL) == NULL,
	       "a key not put, and NULL, are not found");
	struct dlt_strindex empty = { 0 };
	tap_ok(dlt_strindex_get(&empty, "a") == NULL, "an empty index finds nothing");
	dlt_strindex_free(&x);
	for (int i = 0; i < 20000; i++)
		free(keys[i]);
	free(keys);
}

int main(void)
{
	buckets();
	percentiles();
	strindex();
	return tap_done();
}
