/*
 * scenario.h: what the runner knows of a scenario once its file has been read: id, title,
 * family, chain, roadmap and vector ids, required capabilities, roles and time limit. A file that
 * cannot be read as a scenario still becomes one, carrying load_error, so that its verdict is
 * error (with file:line) and the rest of the run goes on.
 */
#ifndef DLT_SCENARIO_H
#define DLT_SCENARIO_H

#include "common/strlist.h"

#define DLT_MAX_ROLES 4

struct dlt_role {
	char *name; /* "node", "a", "b", "utxo", ... */
	char *family; /* family of the targets this role takes; "any" */
};

struct dlt_scenario {
	char *id;
	char *title;
	char *path; /* absolute path of the file */
	char *file; /* the path as shown to people (relative to the suite home) */
	char *family; /* ethereum | bitcoin | monero | any */
	char *chain; /* the chain data it needs (scenario.chain), or NULL: any target's own
			 * chain; planned only on targets serving it (plan.c) */
	struct dlt_strlist roadmap, vectors, requires;
	struct dlt_role roles[DLT_MAX_ROLES];
	int nroles;
	int multi; /* declared roles (pair or cross-family scenario) */
	double timeout; /* seconds; 0: the run's default */
	char *load_error;
};

void dlt_scenario_clear(struct dlt_scenario *s);

/* Collect *.lua files under each path (a file or a folder, recursively, skipping lib/ folders),
 * sorted by path. A folder or name below a path that cannot be read (a path longer than
 * PATH_MAX, no permission) is an error: -1 with err naming the path. */
int dlt_scenario_find_files(const struct dlt_strlist *paths, struct dlt_strlist *files, char *err,
			    size_t errlen);

#endif
