/*
 * jsonschema_doc.h: what the validator (jsonschema_validate.c) reads of a loaded schema
 * document (jsonschema_doc.c): the analysis of each schema object (the member of each keyword,
 * the resolved $ref, the compiled pattern, the sorted "properties"), and member lookup.
 */
#ifndef DLT_JSONSCHEMA_DOC_H
#define DLT_JSONSCHEMA_DOC_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "schema/jsonschema.h"
#include "schema/jsonschema_regex.h"

/* The keywords the validator acts on, in the order it checks them. */
enum dlt_schema_kw {
	DLT_SCHEMA_KW_REF,
	DLT_SCHEMA_KW_TYPE,
	DLT_SCHEMA_KW_ENUM,
	DLT_SCHEMA_KW_CONST,
	DLT_SCHEMA_KW_MULTIPLEOF,
	DLT_SCHEMA_KW_MAXIMUM,
	DLT_SCHEMA_KW_EXMAXIMUM,
	DLT_SCHEMA_KW_MINIMUM,
	DLT_SCHEMA_KW_EXMINIMUM,
	DLT_SCHEMA_KW_MAXLENGTH,
	DLT_SCHEMA_KW_MINLENGTH,
	DLT_SCHEMA_KW_PATTERN,
	DLT_SCHEMA_KW_ITEMS,
	DLT_SCHEMA_KW_ADDITEMS,
	DLT_SCHEMA_KW_MAXITEMS,
	DLT_SCHEMA_KW_MINITEMS,
	DLT_SCHEMA_KW_UNIQUE,
	DLT_SCHEMA_KW_CONTAINS,
	DLT_SCHEMA_KW_MAXPROPS,
	DLT_SCHEMA_KW_MINPROPS,
	DLT_SCHEMA_KW_REQUIRED,
	DLT_SCHEMA_KW_PROPERTIES,
	DLT_SCHEMA_KW_PATPROPS,
	DLT_SCHEMA_KW_ADDPROPS,
	DLT_SCHEMA_KW_DEPENDENCIES,
	DLT_SCHEMA_KW_PROPNAMES,
	DLT_SCHEMA_KW_IF,
	DLT_SCHEMA_KW_THEN,
	DLT_SCHEMA_KW_ELSE,
	DLT_SCHEMA_KW_ALLOF,
	DLT_SCHEMA_KW_ANYOF,
	DLT_SCHEMA_KW_ONEOF,
	DLT_SCHEMA_KW_NOT,
	DLT_SCHEMA_KW_COUNT
};

/* The member names of the keywords, indexed by enum dlt_schema_kw. */
extern const char *const dlt_schema_kw_names[DLT_SCHEMA_KW_COUNT];

struct dlt_schema_prop {
	const char *name;
	const cJSON *schema;
};

/* What a schema object says, found once: the member of each keyword, the $ref target, the
 * compiled pattern, and the "properties" members sorted for bsearch. */
struct dlt_schema_node_info {
	const cJSON *node;
	const cJSON *kw[DLT_SCHEMA_KW_COUNT];
	const cJSON *ref_target; /* kw[REF] resolved, NULL when it does not resolve */
	const struct dlt_schema_regex *pat; /* kw[PATTERN] compiled (doc nodes), else NULL */
	struct dlt_schema_prop *props; /* kw[PROPERTIES] sorted by name (doc nodes) */
	size_t nprops;
	int nkw; /* keywords present */
};

/* The analysis of schema object s made at load, or NULL (s is not a node of doc, or has no
 * keyword). */
const struct dlt_schema_node_info *dlt_schema_node_info_get(const struct dlt_schema_doc *doc,
							    const cJSON *s);
/* Analyse s now (for schemas that are not nodes of the document); ni->props stays NULL. */
void dlt_schema_analyze(const struct dlt_schema_doc *doc, const cJSON *s,
			struct dlt_schema_node_info *ni);
/* The compiled form of a pattern of the document, or NULL when the document does not hold it. */
const struct dlt_schema_regex *dlt_schema_doc_regex(const struct dlt_schema_doc *doc,
						    const char *src);
/* The first member of obj named name, or NULL. */
const cJSON *dlt_schema_member(const cJSON *obj, const char *name);
/* The schema of "properties" member name: by bsearch when ni has the sorted table. */
const cJSON *dlt_schema_find_prop(const struct dlt_schema_node_info *ni, const cJSON *props,
				  const char *name);

#endif
