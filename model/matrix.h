/*
 * matrix.h: the pair matrix of a results set (docs/results.md, "matrix"): per family that has
 * pair results, for every ordered pair of its targets, the share of pair scenarios whose
 * interop verdict is agree, and the counts behind each share. run, merge and report compute it
 * with this one function, so their figures agree.
 */
#ifndef DLT_MATRIX_H
#define DLT_MATRIX_H

#include <cjson/cJSON.h>
#include "model/results.h"

/* A new matrix object (families in order of their first target; a family without any pair
 * result of its own targets is left out). */
cJSON *dlt_results_matrix(const struct dlt_results *r);

#endif
