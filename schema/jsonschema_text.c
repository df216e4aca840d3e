/*
 * jsonschema_text.c: JSON values quoted in the validator's messages (see jsonschema_text.h).
 */
#include "schema/jsonschema_text.h"

#include <stdlib.h>
#include <string.h>

/* Append a JSON value, compact, cut to about max bytes. */
void dlt_schema_text_json(struct dlt_buf *b, const cJSON *v, size_t max)
{
	char *s = cJSON_PrintUnformatted(v);
	if (!s) {
		dlt_buf_puts(b, "?");
		return;
	}
	size_t n = strlen(s);
	if (n > max) {
		/* do not cut inside a UTF-8 sequence */
		while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
			max--;
		dlt_buf_append(b, s, max);
		dlt_buf_puts(b, "...");
	} else {
		dlt_buf_append(b, s, n);
	}
	free(s);
}

void dlt_schema_text_json_string(struct dlt_buf *b, const char *str, size_t max)
{
	cJSON tmp;
	memset(&tmp, 0, sizeof tmp);
	tmp.type = cJSON_String;
	tmp.valuestring = (char *)str;
	dlt_schema_text_json(b, &tmp, max);
}
