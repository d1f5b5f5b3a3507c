/*
 * registry.c: the one list of built-in connectors.  To add one, write
 * connectors/<name>.c exporting `const struct ds_connector
 * ds_connector_<name>` and list it here (see connectors/README.md).
 */
#include "connector.h"

extern const struct ds_connector ds_connector_searxng;
extern const struct ds_connector ds_connector_profiles;
extern const struct ds_connector ds_connector_mastodon;
extern const struct ds_connector ds_connector_bluesky;
extern const struct ds_connector ds_connector_brave;
extern const struct ds_connector ds_connector_manual;
extern const struct ds_connector ds_connector_page;


const struct ds_connector *const ds_connectors[] = {
	&ds_connector_searxng,
	&ds_connector_profiles,
	&ds_connector_mastodon,
	&ds_connector_bluesky,
	&ds_connector_brave,
	&ds_connector_manual,
	&ds_connector_page,
	NULL
};
