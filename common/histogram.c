/*
 * histogram.c: the latency histogram of histogram.h. Values below 32 us have a bucket each;
 * from 2^e (e >= 5) to 2^(e+1) - 1 there are 32 buckets of width 2^(e-5).
 */
#include "common/histogram.h"

#include <math.h>
#include <string.h>

void dlt_hist_init(struct dlt_hist *h)
{
	memset(h, 0, sizeof *h);
	h->min = UINT64_MAX;
}

size_t dlt_hist_bucket_of(uint64_t v)
{
	if (v < 32)
		return (size_t)v;
	int e = 63 - __builtin_clzll(v);
	size_t i = 32 + (size_t)(e - DLT_HIST_SUB_BITS) * 32 +
		   (size_t)((v >> (e - DLT_HIST_SUB_BITS)) & 31);
	return i < DLT_HIST_BUCKETS ? i : DLT_HIST_BUCKETS - 1;
}

uint64_t dlt_hist_bucket_low(size_t i)
{
	if (i < 32)
		return i;
	size_t e = (i - 32) / 32 + DLT_HIST_SUB_BITS, sub = (i - 32) % 32;
	return (uint64_t)(32 + sub) << (e - DLT_HIST_SUB_BITS);
}

void dlt_hist_record(struct dlt_hist *h, double us)
{
	uint64_t v = !(us > 0) ? 0 : us >= 1.8e19 ? UINT64_MAX : (uint64_t)llround(us);
	h->counts[dlt_hist_bucket_of(v)]++;
	h->count++;
	h->sum += (double)v;
	if (v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
}

uint64_t dlt_hist_percentile(const struct dlt_hist *h, double p)
{
	if (!h->count)
		return 0;
	if (p < 0)
		p = 0;
	if (p > 100)
		p = 100;
	uint64_t rank = (uint64_t)ceil(p / 100 * (double)h->count);
	if (rank < 1)
		rank = 1;
	uint64_t seen = 0;
	for (size_t i = 0; i < DLT_HIST_BUCKETS; i++) {
		seen += h->counts[i];
		if (seen >= rank) {
			uint64_t high =
				i + 1 < DLT_HIST_BUCKETS ? dlt_hist_bucket_low(i + 1) - 1 : h->max;
			if (high > h->max)
				high = h->max;
			if (high < h->min)
				high = h->min;
			return high;
		}
	}
	return h->max;
}

double dlt_hist_mean(const struct dlt_hist *h)
{
	return h->count ? h->sum / (double)h->count : 0;
}

cJSON *dlt_hist_json(const struct dlt_hist *h)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "unit", "us");
	cJSON_AddNumberToObject(o, "sub_bucket_bits", DLT_HIST_SUB_BITS);
	cJSON_AddNumberToObject(o, "count", (double)h->count);
	cJSON_AddNumberToObject(o, "min", h->count ? (double)h->min : 0);
	cJSON_AddNumberToObject(o, "max", (double)h->max);
	cJSON *b = cJSON_AddArrayToObject(o, "buckets");
	for (size_t i = 0; i < DLT_HIST_BUCKETS; i++)
		if (h->counts[i]) {
			cJSON *pair = cJSON_CreateArray();
			cJSON_AddItemToArray(pair,
					     cJSON_CreateNumber((double)dlt_hist_bucket_low(i)));
			cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)h->counts[i]));
			cJSON_AddItemToArray(b, pair);
		}
	return o;
}
