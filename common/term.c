/*
 * term.c: colour on a terminal only, honouring NO_COLOR; elapsed time for people (term.h).
 */
#include "common/term.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int dlt_term_colour(int fd)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return isatty(fd) == 1;
}

void dlt_term_duration(double s, char *out, size_t outlen)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(out, outlen, "%dh%02dm%02ds", (int)(s / 3600), (int)(s / 60) % 60,
			 (int)s % 60);
	else if (s >= 60)
		snprintf(out, outlen, "%dm%02ds", (int)(s / 60), (int)s % 60);
	else
		snprintf(out, outlen, "%.1f s", s);
}
