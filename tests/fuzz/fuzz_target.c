/*
 * fuzz_target.c: fuzz target for target files and --target specs (runner/target.c). The input
 * is read as a target file (through the file loader, from an in-memory file); a file that loads
 * has every string the launcher expands (${port}, ${dir}, ...) expanded and its URL redacted;
 * a refused file gets a message naming it. A short input without NUL bytes is also tried as a
 * --target spec (URL or FAMILY=URL).
 */
#include "fuzz.h"
#include "runner/target.h"

#include <string.h>

static void expand_all(const struct dlt_target *t, const cJSON *v)
{
	if (cJSON_IsString(v)) {
		char *s = dlt_target_expand(t, v->valuestring);
		DLT_FUZZ_ASSERT(s != NULL);
		free(s);
	}
	for (const cJSON *c = v ? v->child : NULL; c; c = c->next)
		expand_all(t, c);
}

/* an '@' before the end of the URL's authority: user information is still there */
static int has_userinfo(const char *url)
{
	const char *s = strstr(url, "://");
	if (!s)
		return 0;
	s += 3;
	const char *at = memchr(s, '@', strcspn(s, "/?#"));
	return at != NULL;
}

static void use(struct dlt_target *t)
{
	t->ports[0] = 8545;
	t->ports[1] = 1;
	t->ports[2] = 65535;
	t->ports[3] = 0;
	expand_all(t, t->launch.command);
	expand_all(t, t->launch.bins);
	expand_all(t, t->launch.files);
	expand_all(t, t->launch.env);
	expand_all(t, t->launch.ready);
	expand_all(t, t->launch.after_start);
	char *u = dlt_target_expand(t, t->url);
	char *pub = dlt_target_public_url(u);
	DLT_FUZZ_ASSERT(pub != NULL && !has_userinfo(pub));
	free(pub);
	free(u);
	if (t->zmq_url) {
		char *z = dlt_target_expand(t, t->zmq_url);
		free(z);
	}
}

int dlt_fuzz_target(const uint8_t *data, size_t size)
{
	char path[64], err[1024] = "";
	struct dlt_target *t = NULL;
	int fd = dlt_fuzz_file(data, size, path, sizeof path);
	if (fd < 0)
		return 0;
	if (dlt_target_load_file(path, &t, err, sizeof err) == 0) {
		DLT_FUZZ_ASSERT(t && t->name && t->family && t->url);
		use(t);
		dlt_target_free(t);
	} else {
		DLT_FUZZ_ASSERT(t == NULL);
		DLT_FUZZ_ASSERT(strstr(err, "self/fd/") != NULL);
	}
	dlt_fuzz_file_close(fd);

	if (size < 512 && !memchr(data, 0, size)) {
		char *spec = dlt_fuzz_strdup(data, size);
		if (!spec)
			return 0;
		err[0] = '\0';
		if (dlt_target_from_url(spec, &t, err, sizeof err) == 0) {
			/* credentials never stay in the name or the URL */
			DLT_FUZZ_ASSERT(!strchr(t->name, '@') && !has_userinfo(t->url));
			use(t);
			dlt_target_free(t);
		} else {
			DLT_FUZZ_ASSERT(t == NULL && strncmp(err, "--target ", 9) == 0);
		}
		free(spec);
	}
	return 0;
}

DLT_FUZZ_TARGET(target)
