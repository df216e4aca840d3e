/*
 * file.h: files: whole-file reading, JSON files parsed with file:line:column messages, folders, PATH lookup.
 */
#ifndef DLT_FILE_H
#define DLT_FILE_H

#include <stddef.h>
#include <cjson/cJSON.h>

/* Whole file into a NUL-terminated buffer; NULL with err set when it cannot be read. */
char *dlt_read_file(const char *path, size_t *len, char *err, size_t errlen);
/* Parse a JSON file; on a syntax error the message names file, line and column. */
cJSON *dlt_load_json_file(const char *path, char *err, size_t errlen);
/* Line and column (1-based) of position pos in text. */
void dlt_line_col(const char *text, size_t pos, int *line, int *col);

int dlt_is_dir(const char *path);
int dlt_is_file(const char *path);
int dlt_mkdir_p(const char *path, char *err, size_t errlen);
int dlt_rm_rf(const char *path);
/* Look a program up in PATH; returns a new string or NULL. */
char *dlt_which(const char *name);

#endif
