/*
 * connector.c: names of step kinds and outcomes, and connector lookup.
 */
#include <string.h>

#include "connector.h"

static const struct {
	enum ds_step_kind kind;
	const char *name;
} kinds[] = {
	{ DS_STEP_WEB, "web" },
	{ DS_STEP_NEWS, "news" },
	{ DS_STEP_PROFILE, "profile" },
	{ DS_STEP_DISCOVERY, "discovery" },
	{ DS_STEP_MANUAL, "manual" },
};

const char *ds_step_kind_name(enum ds_step_kind k)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].kind == k)
			return kinds[i].name;
	return "unknown";
}

enum ds_step_kind ds_step_kind_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, s) == 0)
			return kinds[i].kind;
	return 0;
}

static const char *const outcome_names[] = {
	"ok", "nothing-found", "not-public", "inconclusive", "manual-open",
	"skipped", "manual-done"
};

const char *ds_step_outcome_name(enum ds_step_outcome o)
{
	return o < DS_STEP_NOUTCOMES ? outcome_names[o] : "unknown";
}

const struct ds_connector *ds_connector_find(const char *name)
{
	size_t i;

	for (i = 0; ds_connectors[i]; i++)
		if (strcmp(ds_connectors[i]->name, name) == 0)
			return ds_connectors[i];
	return NULL;
}
