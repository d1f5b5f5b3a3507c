/*
 * selftest.h: the profile site list's self-test (see selftest.c).
 */
#ifndef DS_SELFTEST_H
#define DS_SELFTEST_H

#include <jansson.h>

#include "err.h"
#include "fetch.h"

struct ds_selftest_totals {
	size_t sites, checks, ok, rotten, inconclusive, unsupported;
};

/*
 * Check each site of the list at path (NULL: the built-in list), or only
 * the one named only, with up to two of its known accounts.  out lists
 * [{site, category, verdict: ok|rotten|inconclusive, why}].
 */
int ds_profiles_self_test(const struct ds_fetch_conf *fc, const char *path,
			  const char *only, json_t **out,
			  struct ds_selftest_totals *t, struct ds_err *err);

#endif
