/*
 * roadmap.h: the standardization roadmap (roadmap/roadmap.json, format in docs/roadmap.md):
 * sources, areas and requirements with ids, levels, families and clause references.
 * Loading validates the whole file and refuses it with "FILE: $.json.path: what is wrong".
 * The loaded roadmap owns its cJSON tree; pointers it returns live as long as it does.
 */
#ifndef DLT_ROADMAP_H
#define DLT_ROADMAP_H

#include <stddef.h>
#include <cjson/cJSON.h>

#define DLT_ROADMAP_FORMAT "dlt-interop-roadmap/1"

struct dlt_roadmap;

/* Read and validate a roadmap file. 0 and *out on success; -1 and err on failure. */
int dlt_roadmap_load(const char *path, struct dlt_roadmap **out, char *err, size_t errlen);
/* Validate an already parsed roadmap (takes ownership of json, also on failure). */
int dlt_roadmap_from_json(cJSON *json, const char *source, struct dlt_roadmap **out, char *err,
			  size_t errlen);
/* The requirement object with that id, or NULL. */
const cJSON *dlt_roadmap_requirement(const struct dlt_roadmap *r, const char *id);
void dlt_roadmap_free(struct dlt_roadmap *r);

/* The whole document, its file name, its "version". */
const cJSON *dlt_roadmap_json(const struct dlt_roadmap *r);
const char *dlt_roadmap_path(const struct dlt_roadmap *r);
const char *dlt_roadmap_version(const struct dlt_roadmap *r);
/* Requirements in file order. */
size_t dlt_roadmap_count(const struct dlt_roadmap *r);
const cJSON *dlt_roadmap_at(const struct dlt_roadmap *r, size_t i);
/* Areas in file order; the area object with that id, or NULL. */
size_t dlt_roadmap_area_count(const struct dlt_roadmap *r);
const cJSON *dlt_roadmap_area_at(const struct dlt_roadmap *r, size_t i);
const cJSON *dlt_roadmap_area(const struct dlt_roadmap *r, const char *id);
/* The source object with that id, or NULL. */
const cJSON *dlt_roadmap_source(const struct dlt_roadmap *r, const char *id);

/* Convenience accessors on one requirement object (NULL-safe: "" or 0). */
const char *dlt_req_id(const cJSON *req);
const char *dlt_req_area(const cJSON *req);
const char *dlt_req_level(const cJSON *req);
const char *dlt_req_title(const cJSON *req);
/* 1 when the requirement has a "retired" member (left out of scores and coverage). */
int dlt_req_retired(const cJSON *req);
/* 1 when the requirement applies to that family ("any" matches every family; family "any"
 * or NULL matches every requirement). */
int dlt_req_applies(const cJSON *req, const char *family);

#endif
