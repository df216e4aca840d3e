/*
 * live.h: the live views of runs publishing their events (`run --events`, docs/live.md):
 * `dlt-interop watch ENDPOINT...` on the terminal and `dlt-interop serve ENDPOINT...` as a web
 * page. roadmap: the roadmap file that names the areas (may be missing: then an area is a
 * requirement id up to its last '-'). Both return the exit status.
 */
#ifndef DLT_LIVE_H
#define DLT_LIVE_H

int dlt_cmd_watch(int argc, char **argv, const char *roadmap);
int dlt_cmd_serve(int argc, char **argv, const char *roadmap);

#endif
