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
 *   [fetch]                      ; politeness and limits (README.md)
 *   max_total = 50
 *   allow = 127.0.0.1:8080       ; a special address the SSRF guard lets
 *                                ; through (tests, a local SearXNG)
 *   sandbox = yes                ; parse pages in a sandboxed process
 *   [plan]
 *   search = searxng             ; connector of the default plan's searches
 *   step = web searxng "{name}"  ; repeat: replaces the default plan
 *   discovery = yes              ; the default plan's optional step 7
 *   [triage]
 *   taxonomy = /etc/duesearch/taxonomy.ini   ; default: built in
 *   follow = 10                  ; result pages fetched per search step
 *   confirmed = 5                ; identity thresholds and points
 *   [connector searxng]
 *   base_url = http://127.0.0.1:8888
 *   api_key_env = SEARCH_KEY     ; the key itself stays in the environment
 *
 * Unknown sections and keys are errors (a typo must not pass silently).
 * Values that are not set stay NULL (or -1 for consent_required).
 */
#ifndef DS_CONF_H
#define DS_CONF_H

#include "err.h"
#include "fetch.h"
#include "plan.h"
#include "triage.h"

#define DS_CONF_MAX_LIST 32
#define DS_CONF_MAX_CONNECTORS 16

/* A [connector NAME] section. */
struct ds_conf_connector {
	char *name;
	char *base_url;
	char *api_key_env;      /* the environment variable holding the key */
	char *opt_name[8];      /* the connector's own options */
	char *opt_value[8];
	size_t nopts;
};

/* The value of a connector's own option, or NULL. */
const char *ds_conf_connector_option(const struct ds_conf_connector *k,
				     const char *name);

struct ds_conf {
	char *db_path;
	char *keys_path;
	char *org_name;
	char *lawful_basis;
	char *scope;
	char *scope_reason;
	int consent_required;    /* -1 unset, 0 no, 1 yes */
	char *marking;          /* reports' marking (NULL: the default) */
	char *dpo_contact;      /* the DPO's contact, for the notice text */

	/* [fetch]: politeness and limits; allow and connect_to repeat. */
	struct ds_fetch_conf fetch;
	char *allow[DS_CONF_MAX_LIST];
	size_t nallow;
	char *connect_to[DS_CONF_MAX_LIST];
	size_t nconnect_to;
	char *user_agent;
	char *ca_file;
	int sandbox;            /* parse pages in a sandbox (1; sandbox.h) */

	/* [plan]: the organisation's default plan. */
	struct ds_plan plan;    /* the KCSIE default unless steps are given */
	int plan_steps_given;
	char *search;           /* connector for the default web/news steps */
	unsigned max_results;   /* hits kept per step (10) */
	unsigned max_posts;     /* a declared account's posts read, with
				   its profile (30; at least max_results) */
	int discovery;          /* 1: the default plan looks for the declared
				   usernames on the other sites (step 7) */

	struct ds_conf_connector connectors[DS_CONF_MAX_CONNECTORS];
	size_t nconnectors;

	/* [retention] */
	int retention_months;           /* after the decision (6) */
	int appointee_months;           /* the appointee's archive (72) */

	/* [web] */
	char *web_listen;               /* 127.0.0.1:8080 */
	char *web_cert, *web_key;       /* PEM files: TLS when both set */
	int web_idle_minutes;           /* idle sessions end (15) */
	char *web_hosts[DS_CONF_MAX_LIST];      /* host names served (TLS) */
	size_t nweb_hosts;
	int web_timeout;                /* s an idle connection stays (10) */
	int web_connections;            /* connections at once (256) */
	int web_connections_per_ip;     /* of them from one address (16) */
	int web_sessions;               /* sessions at once (256) */
	int web_sessions_per_person;    /* of them one person's (4) */
	int web_login_table;            /* names and addresses with failed
					   log-ins remembered (1024) */

	/* [triage] */
	char *taxonomy;         /* path of the organisation's taxonomy */
	unsigned follow;        /* result pages read per search step (10:
				   all kept at max_results' default) */
	struct ds_identity_conf identity;
};

/* The [connector NAME] section for name, or NULL. */
const struct ds_conf_connector *ds_conf_connector(const struct ds_conf *c,
						  const char *name);

void ds_conf_init(struct ds_conf *c);
void ds_conf_release(struct ds_conf *c);

/*
 * Read path into c.  A missing file is DS_ECONFIG unless missing_ok, when
 * it leaves c as it was.  A bad line is DS_ECONFIG naming file and line.
 */
int ds_conf_load(struct ds_conf *c, const char *path, int missing_ok,
		 struct ds_err *err);

#endif
