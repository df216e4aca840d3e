/*
 * run_targets.c: the targets of a run (see run_internal.h): each --target is a URL, a target
 * file, a built-in target name or a family (every installed built-in target of it); without
 * --target, every built-in target in the default selection whose node is installed. Each
 * becomes a node with the capabilities of its adapter, changed by the target file's
 * capabilities.add/remove; a name given twice is an error. How --resume will name each
 * target is remembered (a file by its absolute path, a URL without its credentials).
 */
#include "runner/run_internal.h"
#include "runner/home.h"
#include "runner/launcher.h"
#include "runner/target.h"
#include "common/mem.h"
#include "common/strlist.h"
#include "common/suggest.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_node(struct dlt_run_state *r, struct dlt_target *t, char *err, size_t errlen)
{
	for (size_t i = 0; i < r->nnodes; i++) {
		if (!strcmp(r->nodes[i].target->name, t->name)) {
			snprintf(err, errlen, "target \"%s\" given twice (from %s and %s)", t->name,
				 r->nodes[i].target->source, t->source);
			dlt_target_free(t);
			return -1;
		}
	}
	r->nodes = dlt_xrealloc(r->nodes, (r->nnodes + 1) * sizeof *r->nodes);
	struct dlt_node *n = &r->nodes[r->nnodes++];
	memset(n, 0, sizeof *n);
	n->target = t;
	n->ops = dlt_adapter_find(t->adapter);
	for (size_t i = 0; n->ops->capabilities[i]; i++)
		dlt_strlist_add(&n->caps, n->ops->capabilities[i]);
	const cJSON *c;
	cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(t->capabilities, "add"))
		if (!dlt_strlist_has(&n->caps, c->valuestring))
			dlt_strlist_add(&n->caps, c->valuestring);
	cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(t->capabilities, "remove")) {
		for (size_t i = 0; i < n->caps.n; i++) {
			if (!strcmp(n->caps.v[i], c->valuestring)) {
				free(n->caps.v[i]);
				n->caps.v[i] = n->caps.v[--n->caps.n];
				i--;
			}
		}
	}
	return 0;
}

/* How --resume will name the target just added: a file by its absolute path, a URL without
 * its credentials (which are never recorded: resume asks for them again). */
static void remember_spec(struct dlt_run_state *r, const char *spec, int is_file)
{
	if (!r->target_specs)
		r->target_specs = cJSON_CreateArray();
	cJSON *o = cJSON_CreateObject();
	char *abs = is_file ? realpath(spec, NULL) : NULL;
	char *pub = is_file ? NULL : dlt_target_public_url(spec);
	cJSON_AddStringToObject(o, "spec", abs ? abs : pub ? pub : spec);
	cJSON_AddBoolToObject(o, "credentials", pub && strcmp(pub, spec) != 0);
	cJSON_AddItemToArray(r->target_specs, o);
	free(abs);
	free(pub);
}

/* Built-in target files, sorted by name. */
static void builtin_targets(struct dlt_strlist *files)
{
	char *dir = dlt_printf("%s/targets", dlt_home());
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n > 5 && !strcmp(e->d_name + n - 5, ".json")) {
				char *p = dlt_printf("%s/%s", dir, e->d_name);
				dlt_strlist_add(files, p);
				free(p);
			}
		}
		closedir(d);
	}
	free(dir);
	for (size_t i = 1; i < files->n; i++)
		for (size_t j = i; j > 0 && strcmp(files->v[j - 1], files->v[j]) > 0; j--) {
			char *t = files->v[j];
			files->v[j] = files->v[j - 1];
			files->v[j - 1] = t;
		}
}

/* Whether a launchable target's programs are installed. */
static int installed(const struct dlt_target *t)
{
	if (!t->launchable)
		return 1;
	const cJSON *arg;
	cJSON_ArrayForEach (arg, t->launch.command) {
		const char *b = strstr(arg->valuestring, "${bin:");
		if (!b)
			continue;
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(b + 6, "}"), b + 6);
		char *path = dlt_launch_find_bin(t, name);
		if (!path)
			return 0;
		free(path);
	}
	return 1;
}

int dlt_run_resolve_targets(struct dlt_run_state *r, char *err, size_t errlen)
{
	struct dlt_strlist builtin = { 0 };
	builtin_targets(&builtin);
	int rc = 0;
	if (r->o->targets.n == 0) {
		/* default: every built-in target whose node is installed */
		for (size_t i = 0; i < builtin.n && rc == 0; i++) {
			struct dlt_target *t;
			if (dlt_target_load_file(builtin.v[i], &t, err, errlen)) {
				rc = -1;
				break;
			}
			if (!installed(t) || !t->in_default) {
				if (!r->o->quiet)
					fprintf(stderr, "dlt-interop: target %s left out: %s\n",
						t->name,
						t->in_default
							? "its node is not installed (./quickstart install)"
							: "not in the default selection (name it with --target)");
				dlt_target_free(t);
				continue;
			}
			rc = add_node(r, t, err, errlen);
			if (rc == 0)
				remember_spec(r, builtin.v[i], 1);
		}
		if (rc == 0 && r->nnodes == 0) {
			snprintf(err, errlen,
				 "no target: no node is installed (run ./quickstart "
				 "install) and no --target was given");
			rc = -1;
		}
		dlt_strlist_free(&builtin);
		return rc;
	}
	for (size_t i = 0; i < r->o->targets.n && rc == 0; i++) {
		const char *spec = r->o->targets.v[i];
		struct dlt_target *t = NULL;
		if (strstr(spec, "://")) {
			rc = dlt_target_from_url(spec, &t, err, errlen);
			if (rc == 0)
				rc = add_node(r, t, err, errlen);
			if (rc == 0)
				remember_spec(r, spec, 0);
			continue;
		}
		size_t n = strlen(spec);
		if (strchr(spec, '/') || (n > 5 && !strcmp(spec + n - 5, ".json"))) {
			rc = dlt_target_load_file(spec, &t, err, errlen);
			if (rc == 0)
				rc = add_node(r, t, err, errlen);
			if (rc == 0)
				remember_spec(r, spec, 1);
			continue;
		}
		/* a built-in name, or a family (every installed built-in target of it) */
		int found = 0;
		struct dlt_strlist known = { 0 }; /* names and families, for "did you mean" */
		for (size_t j = 0; j < builtin.n && rc == 0; j++) {
			if (dlt_target_load_file(builtin.v[j], &t, err, errlen)) {
				rc = -1;
				break;
			}
			if (!dlt_strlist_has(&known, t->name))
				dlt_strlist_add(&known, t->name);
			if (!dlt_strlist_has(&known, t->family))
				dlt_strlist_add(&known, t->family);
			if (!strcmp(t->name, spec) || (!strcmp(t->family, spec) && installed(t))) {
				found = 1;
				rc = add_node(r, t, err, errlen);
				if (rc == 0)
					remember_spec(r, builtin.v[j], 1);
			} else
				dlt_target_free(t);
		}
		if (rc == 0 && !found) {
			const char *near = dlt_suggest(spec, (const char *const *)known.v, known.n);
			snprintf(err, errlen,
				 "--target %s: no such target%s%s%s (built-in targets are in "
				 "%s/targets; give a file, a URL or a family)",
				 spec, near ? "; did you mean " : "", near ? near : "",
				 near ? "?" : "", dlt_home());
			rc = -1;
		}
		dlt_strlist_free(&known);
	}
	dlt_strlist_free(&builtin);
	return rc;
}
