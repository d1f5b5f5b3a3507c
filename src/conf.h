/*
 * conf.h: the configuration file (INI, read with inih).
 *
 *   [database]
 *   path = duesearch.db          ; the case file
 *   keys = duesearch.db.keys     ; its key file
 *   [organisation]               ; defaults for 'duesearch init'
 *   name = Example Academy Trust
 *   lawful_basis = public-task   ; or legitimate-interests
 *   scope = shortlisted          ; or preferred
 *   scope_reason = KCSIE asks us to consider all shortlisted candidates
 *   consent_required = yes       ; or no
 *
 * Unknown sections and keys are errors (a typo must not pass silently).
 * Values that are not set stay NULL (or -1 for consent_required).
 */
#ifndef DS_CONF_H
#define DS_CONF_H

#include "err.h"

struct ds_conf {
	char *db_path;
	char *keys_path;
	char *org_name;
	char *lawful_basis;
	char *scope;
	char *scope_reason;
	int consent_required;    /* -1 unset, 0 no, 1 yes */
};

void ds_conf_init(struct ds_conf *c);
void ds_conf_release(struct ds_conf *c);

/*
 * Read path into c.  A missing file is DS_ECONFIG unless missing_ok, when
 * it leaves c as it was.  A bad line is DS_ECONFIG naming file and line.
 */
int ds_conf_load(struct ds_conf *c, const char *path, int missing_ok,
		 struct ds_err *err);

#endif
