/*
 * report_perf.h: the performance section of the HTML report (PERF-01..04): per measurement,
 * a table of latency percentiles, throughput and errors per target, the latency distribution
 * of each target as a cumulative curve (from the raw histograms) and throughput as bars.
 */
#ifndef DLT_REPORT_PERF_H
#define DLT_REPORT_PERF_H

#include "common/buf.h"
#include "model/results.h"

/* Appends <section id="performance"> when any result carries "perf" measurements; nothing
 * otherwise. */
void dlt_report_perf_html(struct dlt_buf *b, const struct dlt_results *res);

#endif
