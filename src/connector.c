/*
 * connector.c: names of step kinds and outcomes, and connector lookup.
 */
#include <dlfcn.h>
#include <sys/stat.h>
#include <string.h>

#include "connector.h"

static const struct ds_connector *loaded[DS_CONNECTOR_MAX_LOADED];
static size_t nloaded;

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

const struct ds_connector *ds_connector_at(size_t i)
{
	size_t builtin = 0;

	while (ds_connectors[builtin])
		builtin++;
	if (i < builtin)
		return ds_connectors[i];
	i -= builtin;
	return i < nloaded ? loaded[i] : NULL;
}

const struct ds_connector *ds_connector_find(const char *name)
{
	const struct ds_connector *c;
	size_t i;

	for (i = 0; (c = ds_connector_at(i)); i++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* ASCII-only case-insensitive comparison: the locale cannot change it. */
static int same_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

const struct ds_connector *ds_connector_for_platform(const char *platform,
						     int *exact)
{
	const struct ds_connector *c, *any = NULL;
	size_t i, k;

	if (exact)
		*exact = 0;
	if (!platform)
		return NULL;
	for (i = 0; (c = ds_connector_at(i)); i++) {
		if (!(c->steps & DS_STEP_PROFILE) || !c->platforms)
			continue;
		for (k = 0; c->platforms[k]; k++) {
			if (strcmp(c->platforms[k], DS_PLATFORM_ANY) == 0) {
				if (!any)
					any = c;
			} else if (same_ci(c->platforms[k], platform)) {
				if (exact)
					*exact = 1;
				return c;
			}
		}
	}
	return any;
}

/*
 * A platform list a loaded connector declares: at most 64 names of 1-31
 * printable ASCII characters.
 */
static int platforms_ok(const char *const *p)
{
	size_t i, k;

	for (i = 0; p && p[i]; i++) {
		if (i >= 64)
			return 0;
		for (k = 0; p[i][k]; k++)
			if (p[i][k] <= ' ' || p[i][k] > '~')
				return 0;
		if (k < 1 || k > 31)
			return 0;
	}
	return 1;
}

/* A connector name: 1-31 of [a-z0-9_-], as plans and sections write it. */
static int name_ok(const char *n)
{
	size_t i;

	for (i = 0; n[i]; i++)
		if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= '0' &&
		      n[i] <= '9') || n[i] == '_' || n[i] == '-'))
			return 0;
	return i >= 1 && i <= 31;
}

int ds_connector_load(const char *path, struct ds_err *err)
{
	ds_connector_entry_fn *entry;
	const struct ds_connector *c;
	struct stat st;
	void *h;

	if (nloaded >= DS_CONNECTOR_MAX_LOADED)
		return ds_err_set(err, DS_ECONFIG, "at most %d connectors may "
				  "be loaded", DS_CONNECTOR_MAX_LOADED);
	if (path[0] != '/' || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 022))
		return ds_err_set(err, DS_ECONFIG, "cannot load connector "
				  "'%s': give an absolute path to a file only "
				  "its owner may change", path);
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return ds_err_set(err, DS_ECONFIG, "cannot load connector "
				  "'%s': %.200s: check [connectors] load",
				  path, dlerror());
	*(void **)&entry = dlsym(h, DS_CONNECTOR_ENTRY);
	c = entry ? entry() : NULL;
	if (!c) {
		dlclose(h);
		return ds_err_set(err, DS_ECONFIG, "'%s' is not a duesearch "
				  "connector: it exports no %s", path,
				  DS_CONNECTOR_ENTRY);
	}
	if (c->abi != DS_CONNECTOR_ABI) {
		unsigned abi = c->abi;

		dlclose(h);     /* c points into the object: not after this */
		return ds_err_set(err, DS_ECONFIG, "connector '%s' was built "
				  "for interface %u, this duesearch has %d: "
				  "rebuild it", path, abi, DS_CONNECTOR_ABI);
	}
	if (!c->name || !name_ok(c->name) || ds_connector_find(c->name) ||
	    !c->provider || !c->location || !c->data_sent || !c->title ||
	    !c->steps || !c->start || !platforms_ok(c->platforms)) {
		dlclose(h);
		return ds_err_set(err, DS_ECONFIG, "connector '%s' lacks a "
				  "valid new name, title, provider, location, "
				  "data sent, step kinds, platform list or "
				  	"start "
				  "hook: the core will not run it", path);
	}
	loaded[nloaded++] = c;
	return 0;
}
