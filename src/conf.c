/*
 * conf.c: reading the INI configuration file.
 */
#include <errno.h>
#include <stddef.h>
#include <ini.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "conf.h"
#include "mem.h"
#include "text.h"

void ds_conf_init(struct ds_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->consent_required = -1;
}

void ds_conf_release(struct ds_conf *c)
{
	ds_free(c->db_path);
	ds_free(c->keys_path);
	ds_free(c->org_name);
	ds_free(c->lawful_basis);
	ds_free(c->scope);
	ds_free(c->scope_reason);
	ds_conf_init(c);
}

/* What the handler needs to report the first problem. */
struct conf_parse {
	struct ds_conf *c;
	char problem[200];
};

/* The string settings: section, key, where it goes. */
static char **string_slot(struct ds_conf *c, const char *section,
			  const char *name)
{
	static const struct {
		const char *section, *name;
		size_t offset;
	} keys[] = {
		{ "database", "path", offsetof(struct ds_conf, db_path) },
		{ "database", "keys", offsetof(struct ds_conf, keys_path) },
		{ "organisation", "name", offsetof(struct ds_conf, org_name) },
		{ "organisation", "lawful_basis",
		  offsetof(struct ds_conf, lawful_basis) },
		{ "organisation", "scope", offsetof(struct ds_conf, scope) },
		{ "organisation", "scope_reason",
		  offsetof(struct ds_conf, scope_reason) },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(section, keys[i].section) == 0 &&
		    strcmp(name, keys[i].name) == 0)
			return (char **)((char *)c + keys[i].offset);
	return NULL;
}

/* inih calls this for every key; 0 stops the parse with that line. */
static int on_key(void *user, const char *section, const char *name,
		  const char *value)
{
	struct conf_parse *p = user;
	char **slot;

	if (strcmp(section, "organisation") == 0 &&
	    strcmp(name, "consent_required") == 0) {
		if (strcasecmp(value, "yes") == 0 ||
		    strcasecmp(value, "true") == 0)
			p->c->consent_required = 1;
		else if (strcasecmp(value, "no") == 0 ||
			 strcasecmp(value, "false") == 0)
			p->c->consent_required = 0;
		else {
			snprintf(p->problem, sizeof(p->problem),
				 "consent_required must be yes or no");
			return 0;
		}
		return 1;
	}
	slot = string_slot(p->c, section, name);
	if (!slot) {
		snprintf(p->problem, sizeof(p->problem), "unknown key '%.40s' "
			 "in section [%.40s]", name, section);
		return 0;
	}
	if (!ds_utf8_valid(value, strlen(value))) {
		snprintf(p->problem, sizeof(p->problem), "'%.40s' is not "
			 "valid UTF-8", name);
		return 0;
	}
	ds_free(*slot);
	*slot = ds_strdup(value);
	if (!*slot) {
		snprintf(p->problem, sizeof(p->problem), "out of memory");
		return 0;
	}
	return 1;
}

int ds_conf_load(struct ds_conf *c, const char *path, int missing_ok,
		 struct ds_err *err)
{
	struct conf_parse p = { .c = c };
	struct stat st;
	int line;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT && missing_ok)
			return 0;
		return ds_err_set(err, DS_ECONFIG, "cannot read configuration "
				  "'%s': %s: check --config", path,
				  strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return ds_err_set(err, DS_ECONFIG, "configuration '%s' is not "
				  "a file: check --config", path);
	line = ini_parse(path, on_key, &p);
	if (line == -1)
		return ds_err_set(err, DS_ECONFIG, "cannot read configuration "
				  "'%s': check --config", path);
	if (line == -2)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	if (line > 0)
		return ds_err_set(err, DS_ECONFIG, "%s:%d: %s: fix that line "
				  "(see README.md, Configuration)", path, line,
				  p.problem[0] ? p.problem :
				  "not a 'key = value' or '[section]' line");
	return 0;
}
