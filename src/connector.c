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
	    !c->steps || !c->start) {
		dlclose(h);
		return ds_err_set(err, DS_ECONFIG, "connector '%s' lacks a "
				  "valid new name, title, provider, location, "
				  "data sent, step kinds or start hook: the "
				  	"core "
				  "will not run it", path);
	}
	loaded[nloaded++] = c;
	return 0;
}
