/*
 * expectations.h: expectation files (docs/expectations.md): per target, the scenarios known
 * to fail there, with the expected verdict, a reason and a link. A result that matches an
 * expected failure becomes xfail; an expected failure that passes becomes xpass and is flagged.
 */
#ifndef DLT_EXPECTATIONS_H
#define DLT_EXPECTATIONS_H

#include <stddef.h>
#include <cjson/cJSON.h>

struct dlt_expectations;

struct dlt_expectations *dlt_expectations_new(void);
/* Add one file's entries; err names the file and JSON path. */
int dlt_expectations_load(struct dlt_expectations *e, const char *path, char *err, size_t errlen);
/* Apply to a result (scenario id, target names of the item): may change "verdict" to
 * xfail/xpass and sets "expected_verdict" and "reason"/"expectation_link". */
void dlt_expectations_apply(const struct dlt_expectations *e, cJSON *result, const char *scenario,
			    const char *const *targets, int ntargets);
/* The entry that would apply to that scenario on those targets: its reason (NULL: none) and,
 * in *verdict, its expected verdict. For `list --coverage`. */
const char *dlt_expectations_lookup(const struct dlt_expectations *e, const char *scenario,
				    const char *const *targets, int ntargets, const char **verdict);
size_t dlt_expectations_count(const struct dlt_expectations *e);
/* Whether any entry is about target (a target name or an implementation name). */
int dlt_expectations_has_target(const struct dlt_expectations *e, const char *target);
/* Apply the entries about implementation to the target named alias too (an attached node whose
 * implementation is known: docs/expectations.md, "By implementation"); nothing when entries
 * about alias exist already. Returns how many entries were added. */
size_t dlt_expectations_alias(struct dlt_expectations *e, const char *implementation,
			      const char *alias);
/* The "target" member of an expectation file (a new string), or NULL when it cannot be read. */
char *dlt_expectations_file_target(const char *path);
void dlt_expectations_free(struct dlt_expectations *e);

#endif
