/*
 * abort_flag.c: the interruption flag the transports check (see abort_flag.h).
 */
#include "common/abort_flag.h"

#include <stddef.h>

static volatile sig_atomic_t *abort_flag;
static _Thread_local int exempt;

void dlt_abort_flag_set(volatile sig_atomic_t *flag)
{
	__atomic_store_n(&abort_flag, flag, __ATOMIC_RELEASE);
}

int dlt_abort_flag_raised(void)
{
	volatile sig_atomic_t *f = __atomic_load_n(&abort_flag, __ATOMIC_ACQUIRE);
	return !exempt && f != NULL && *f != 0;
}

int dlt_abort_flag_exempt(int on)
{
	int was = exempt;
	exempt = on;
	return was;
}
