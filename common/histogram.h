/*
 * histogram.h: a latency histogram in the manner of HdrHistogram: whole microseconds in
 * log-linear buckets (32 per power of two, so a percentile is within about 3% of the value
 * recorded), constant memory whatever the count, percentiles read from the buckets. Its raw
 * form in JSON (the non-empty buckets) lets two runs be compared with `diff` and merged.
 */
#ifndef DLT_HISTOGRAM_H
#define DLT_HISTOGRAM_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

#define DLT_HIST_SUB_BITS 5
#define DLT_HIST_BUCKETS (32 + 36 * 32) /* up to 2^41 us, about 25 days */

struct dlt_hist {
	uint64_t counts[DLT_HIST_BUCKETS];
	uint64_t count;
	uint64_t min, max; /* microseconds; min is UINT64_MAX while empty */
	double sum;
};

void dlt_hist_init(struct dlt_hist *h);
/* Record a value in microseconds (negative: 0; beyond the range: the last bucket). */
void dlt_hist_record(struct dlt_hist *h, double us);
/* The value at percentile p (0..100): the highest value of the bucket holding that rank,
 * at most the largest value recorded; 0 when empty. */
uint64_t dlt_hist_percentile(const struct dlt_hist *h, double p);
double dlt_hist_mean(const struct dlt_hist *h);
/* {"unit":"us","sub_bucket_bits":5,"count":..,"min":..,"max":..,"buckets":[[lowest, count],..]}
 * with the non-empty buckets in order (lowest: the smallest value the bucket holds). */
cJSON *dlt_hist_json(const struct dlt_hist *h);
/* The smallest value bucket i holds, and the bucket of a value (exposed for the tests). */
uint64_t dlt_hist_bucket_low(size_t i);
size_t dlt_hist_bucket_of(uint64_t v);

#endif
