/*
 * home.h: where the runner finds its data and nodes, how it names paths in messages, and the
 * digest of the suite's files.
 */
#ifndef DLT_HOME_H
#define DLT_HOME_H

#include "common/strlist.h"

/* The folder holding suites/, vectors/, targets/, roadmap/: $DLT_INTEROP_HOME, the source tree
 * the binary was built from, or the installed data dir. */
const char *dlt_home(void);
/* Where npm-installed nodes live: $DLT_NODES_DIR or HOME/.nodes. */
const char *dlt_nodes_dir(void);
/* path relative to the current directory when it is inside it (for messages and results). */
const char *dlt_relpath(const char *path);
/* sha256 of many files, for the suite version (hex, 64 chars + NUL). */
void dlt_hash_files(const struct dlt_strlist *files, char out[65]);

#endif
