/*
 * clock.h: time: monotonic and wall-clock seconds, ISO 8601, sleeping.
 */
#ifndef DLT_CLOCK_H
#define DLT_CLOCK_H

double dlt_now(void); /* monotonic seconds */
long long dlt_now_ms(void); /* monotonic milliseconds, for deadlines */
double dlt_wall(void); /* wall-clock seconds since the epoch */
void dlt_iso8601(double wall, char out[32]);
void dlt_sleep(double seconds);

#endif
