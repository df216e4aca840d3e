/*
 * util.h: small helpers used across the runner: checked allocation, file reading, string
 * lists, time, paths, JSON file loading with located error messages.
 */
#ifndef DLT_UTIL_H
#define DLT_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <cjson/cJSON.h>

void *dlt_xmalloc(size_t n);
void *dlt_xcalloc(size_t n, size_t size);
void *dlt_xrealloc(void *p, size_t n);
char *dlt_xstrdup(const char *s);
char *dlt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whole file into a NUL-terminated buffer; NULL with err set when it cannot be read. */
char *dlt_read_file(const char *path, size_t *len, char *err, size_t errlen);
/* Parse a JSON file; on a syntax error the message names file, line and column. */
cJSON *dlt_load_json_file(const char *path, char *err, size_t errlen);
/* Line and column (1-based) of position pos in text. */
void dlt_line_col(const char *text, size_t pos, int *line, int *col);

struct dlt_strlist {
	char **v;
	size_t n, cap;
};
void dlt_strlist_add(struct dlt_strlist *l, const char *s);
int dlt_strlist_has(const struct dlt_strlist *l, const char *s);
void dlt_strlist_free(struct dlt_strlist *l);

double dlt_now(void);              /* monotonic seconds */
double dlt_wall(void);             /* wall-clock seconds since the epoch */
void dlt_iso8601(double wall, char out[32]);
void dlt_sleep(double seconds);

int dlt_is_dir(const char *path);
int dlt_is_file(const char *path);
int dlt_mkdir_p(const char *path, char *err, size_t errlen);
int dlt_rm_rf(const char *path);
/* The folder holding suites/, vectors/, targets/, roadmap/: $DLT_INTEROP_HOME, the source tree
 * the binary was built from, or the installed data dir. */
const char *dlt_home(void);
/* Where npm-installed nodes live: $DLT_NODES_DIR or HOME/.nodes. */
const char *dlt_nodes_dir(void);
/* path relative to the current directory when it is inside it (for messages and results). */
const char *dlt_relpath(const char *path);
/* Look a program up in PATH; returns a new string or NULL. */
char *dlt_which(const char *name);

/* sha256 of many files, for the suite version (hex, 64 chars + NUL). */
void dlt_hash_files(const struct dlt_strlist *files, char out[65]);

#endif
