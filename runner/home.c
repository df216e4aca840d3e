/*
 * home.c: the runner's data folder, the nodes folder, paths for messages, the suite digest (see
 * home.h).
 */
#include "runner/home.h"
#include "common/file.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *dlt_home(void)
{
	static char home[PATH_MAX];
	if (home[0])
		return home;
	const char *env = getenv("DLT_INTEROP_HOME");
	char probe[PATH_MAX];
	if (env && *env) {
		snprintf(home, sizeof home, "%s", env);
		return home;
	}
	snprintf(probe, sizeof probe, "%s/suites", DLT_SOURCE_DIR);
	if (dlt_is_dir(probe)) {
		snprintf(home, sizeof home, "%s", DLT_SOURCE_DIR);
		return home;
	}
	snprintf(home, sizeof home, "%s", DLT_DATA_DIR);
	return home;
}

const char *dlt_nodes_dir(void)
{
	static char dir[PATH_MAX];
	if (dir[0])
		return dir;
	const char *env = getenv("DLT_NODES_DIR");
	if (env && *env)
		snprintf(dir, sizeof dir, "%s", env);
	else
		snprintf(dir, sizeof dir, "%s/.nodes", dlt_home());
	return dir;
}

const char *dlt_relpath(const char *path)
{
	static __thread char cwd[PATH_MAX];
	if (!path || path[0] != '/')
		return path;
	if (!getcwd(cwd, sizeof cwd))
		return path;
	size_t n = strlen(cwd);
	if (strncmp(path, cwd, n) == 0 && path[n] == '/')
		return path + n + 1;
	const char *home = dlt_home();
	n = strlen(home);
	if (strncmp(path, home, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

void dlt_hash_files(const struct dlt_strlist *files, char out[65])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	for (size_t i = 0; i < files->n; i++) {
		char err[256];
		size_t len;
		char *text = dlt_read_file(files->v[i], &len, err, sizeof err);
		const char *name = files->v[i];
		size_t hn = strlen(dlt_home());
		if (strncmp(name, dlt_home(), hn) == 0 && name[hn] == '/')
			name += hn + 1;
		crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name) + 1);
		if (text)
			crypto_hash_sha256_update(&st, (const unsigned char *)text, len);
		free(text);
	}
	unsigned char h[32];
	crypto_hash_sha256_final(&st, h);
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", h[i]);
	out[64] = '\0';
}
