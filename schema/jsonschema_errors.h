/*
 * jsonschema_errors.h: appending to a validation error list (struct dlt_schema_errors of
 * jsonschema.h), for the validator's own files. The list's public accessors are in jsonschema.h.
 */
#ifndef DLT_JSONSCHEMA_ERRORS_H
#define DLT_JSONSCHEMA_ERRORS_H

#include "schema/jsonschema.h"

/* How many entries e records before it only counts (e->limit, or the default). */
size_t dlt_schema_errors_limit(const struct dlt_schema_errors *e);
/* Append an entry, taking ownership of the four malloc'd strings; a full list counts the entry
 * in e->dropped instead (and frees the strings). */
void dlt_schema_errors_push(struct dlt_schema_errors *e, char *path, char *rule, char *schema,
			    char *message);
/* Move every entry of src to the end of dst (src is left empty). */
void dlt_schema_errors_move(struct dlt_schema_errors *dst, struct dlt_schema_errors *src);
/* Free the strings of one entry. */
void dlt_schema_error_release(struct dlt_schema_error *x);

#endif
