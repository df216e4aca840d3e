/*
 * term.h: what a terminal is shown: whether to colour (a terminal, and NO_COLOR unset or empty,
 * as no-color.org says) and elapsed time as people read it (12.3 s, 4m05s, 1h02m03s).
 */
#ifndef DLT_TERM_H
#define DLT_TERM_H

#include <stddef.h>

/* 1 when fd is a terminal and the environment does not set NO_COLOR to a non-empty value. */
int dlt_term_colour(int fd);
/* seconds as "12.3 s", "4m05s" or "1h02m03s" into out. */
void dlt_term_duration(double seconds, char *out, size_t outlen);

#endif
