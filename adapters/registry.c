/*
 * registry.c: the table of adapters compiled into the runner, looked up by family name.
 * A new family adds its operations table here and its folder under adapters/.
 */
#include "adapters/adapter.h"

#include <string.h>

extern const struct dlt_adapter_ops dlt_adapter_ethereum;
extern const struct dlt_adapter_ops dlt_adapter_bitcoin, dlt_adapter_monero;
extern const struct dlt_adapter_ops dlt_adapter_external;

static const struct dlt_adapter_ops *const adapters[] = {
	&dlt_adapter_ethereum,
	&dlt_adapter_bitcoin,
	&dlt_adapter_monero,
	&dlt_adapter_external,
	NULL,
};

const struct dlt_adapter_ops *dlt_adapter_find(const char *family)
{
	for (size_t i = 0; family && adapters[i]; i++)
		if (strcmp(adapters[i]->family, family) == 0)
			return adapters[i];
	return NULL;
}

const char *dlt_adapter_families(void)
{
	static char list[256];
	if (!list[0]) {
		for (size_t i = 0; adapters[i]; i++) {
			if (i)
				strncat(list, ", ", sizeof list - strlen(list) - 1);
			strncat(list, adapters[i]->family, sizeof list - strlen(list) - 1);
		}
	}
	return list;
}
