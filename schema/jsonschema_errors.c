/*
 * jsonschema_errors.c: the validator's error lists: the public accessors of jsonschema.h and
 * the appends of jsonschema_errors.h, with the cap on recorded entries.
 */
#include "schema/jsonschema_errors.h"
#include "common/mem.h"

#include <stdlib.h>

size_t dlt_schema_errors_count(const struct dlt_schema_errors *e)
{
	return e ? e->count : 0;
}

const struct dlt_schema_error *dlt_schema_errors_get(const struct dlt_schema_errors *e, size_t i)
{
	return (e && i < e->count) ? &e->items[i] : NULL;
}

void dlt_schema_error_release(struct dlt_schema_error *x)
{
	free(x->path);
	free(x->rule);
	free(x->schema);
	free(x->message);
}

void dlt_schema_errors_clear(struct dlt_schema_errors *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->count; i++)
		dlt_schema_error_release(&e->items[i]);
	e->count = 0;
	e->dropped = 0;
}

void dlt_schema_errors_free(struct dlt_schema_errors *e)
{
	if (!e)
		return;
	dlt_schema_errors_clear(e);
	free(e->items);
	e->items = NULL;
	e->cap = 0;
}

size_t dlt_schema_errors_limit(const struct dlt_schema_errors *e)
{
	return e->limit ? e->limit : DLT_SCHEMA_ERRORS_DEFAULT_LIMIT;
}

void dlt_schema_errors_push(struct dlt_schema_errors *e, char *path, char *rule, char *schema,
			    char *message)
{
	if (e->count >= dlt_schema_errors_limit(e)) {
		e->dropped++;
		free(path);
		free(rule);
		free(schema);
		free(message);
		return;
	}
	if (e->count == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->items = dlt_xrealloc(e->items, e->cap * sizeof *e->items);
	}
	e->items[e->count++] = (struct dlt_schema_error){ path, rule, schema, message };
}

void dlt_schema_errors_move(struct dlt_schema_errors *dst, struct dlt_schema_errors *src)
{
	for (size_t i = 0; i < src->count; i++) {
		struct dlt_schema_error *x = &src->items[i];
		dlt_schema_errors_push(dst, x->path, x->rule, x->schema, x->message);
	}
	dst->dropped += src->dropped;
	src->count = 0;
	src->dropped = 0;
}
