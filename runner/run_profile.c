/*
 * run_profile.c: profiles as the runner finds them (profiles/NAME.json in its data folder,
 * resolved against roadmap/roadmap.json), and what run --profile NAME plans: the profile's
 * scenario patterns as filters, its families as the targets when none is given.
 */
#include "runner/cert_cmds.h"
#include "runner/home.h"
#include "model/profile.h"
#include "model/roadmap.h"
#include "common/buf.h"
#include "common/err.h"
#include "common/file.h"
#include "common/mem.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "a, b, c": the profiles there are, for messages. */
static char *profile_names(void)
{
	char *dir = dlt_printf("%s/profiles", dlt_home());
	struct dlt_buf b = DLT_BUF_INIT;
	DIR *d = opendir(dir);
	free(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n > 5 && !strcmp(e->d_name + n - 5, ".json") && e->d_name[0] != '.')
				dlt_buf_printf(&b, "%s%.*s", b.len ? ", " : "", (int)(n - 5),
					       e->d_name);
		}
		closedir(d);
	}
	return dlt_buf_take(&b);
}

int dlt_profile_load_named(const char *name, cJSON **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!dlt_profile_name_valid(name)) {
		char *names = profile_names();
		dlt_seterr(err, errlen, "\"%.80s\" is not a profile name (profiles: %s)", name,
			   names);
		free(names);
		return -1;
	}
	char *path = dlt_printf("%s/profiles/%s.json", dlt_home(), name);
	if (!dlt_is_file(path)) {
		char *names = profile_names();
		dlt_seterr(err, errlen, "no profile %s (%s does not exist; profiles: %s)", name,
			   dlt_relpath(path), names);
		free(names);
		free(path);
		return -1;
	}
	char *rpath = dlt_printf("%s/roadmap/roadmap.json", dlt_home());
	struct dlt_roadmap *rm = NULL;
	int rc = dlt_roadmap_load(rpath, &rm, err, errlen);
	if (rc == 0)
		rc = dlt_profile_load(path, rm, out, err, errlen);
	dlt_roadmap_free(rm);
	free(rpath);
	free(path);
	return rc;
}

int dlt_run_profile_apply(const char *name, struct dlt_strlist *filters,
			  struct dlt_strlist *targets, char *err, size_t errlen)
{
	if (filters->n)
		return dlt_seterr(err, errlen,
				  "--profile %s and --filter exclude each other: the "
				  "profile names the scenarios that run",
				  name);
	cJSON *p = NULL;
	if (dlt_profile_load_named(name, &p, err, errlen))
		return -1;
	const cJSON *v;
	cJSON_ArrayForEach (v, dlt_profile_scenarios(p))
		dlt_strlist_add(filters, v->valuestring);
	if (!targets->n)
		cJSON_ArrayForEach (v, cJSON_GetObjectItemCaseSensitive(p, "families"))
			dlt_strlist_add(targets, v->valuestring);
	cJSON_Delete(p);
	return 0;
}
