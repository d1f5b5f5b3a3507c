/*
 * cli.h: the command-line front.  It parses options, calls libduesearch
 * and prints; no rule of the product lives here.
 */
#ifndef DS_CLI_H
#define DS_CLI_H

#include <jansson.h>

#include "cli_out.h"
#include "ds.h"

/* One option of a verb.  kind: 's' takes a value, 'f' is a flag, 'm' may
 * repeat (values collected in order). */
#define CLI_MAX_VALUES 16
struct cli_opt {
	const char *name;       /* without the leading "--" */
	char kind;
	const char *arg;        /* "DATE": shown in help */
	const char *help;
	/* filled by the parser */
	const char *value;
	int set;
	const char *values[CLI_MAX_VALUES];
	int nvalues;
};

/* Global state of one invocation. */
/* The operating-system account running the command (its user name). */
const char *cli_os_user(void);

struct cli {
	const char *db_path;
	const char *keys_path;
	const char *config_path;
	const char *actor;
	int actor_given;        /* --as or DUESEARCH_ACTOR named the actor */
	int json;
	int config_explicit;
	struct ds_ctx *ctx;     /* opened by cli_open */
	int exit_code;          /* a success that is not whole: 2 */
};

/* A verb of a noun. */
struct cli_verb {
	const char *name;
	const char *usage;      /* "ID STATUS" */
	const char *summary;
	int (*fn)(struct cli *cli, struct cli_opt *opts, int argc,
		  char **argv, struct ds_err *err);
	struct cli_opt *opts;   /* terminated by name == NULL */
	int min_args, max_args;
};

struct cli_noun {
	const char *name;
	const char *summary;
	const struct cli_verb *verbs;   /* terminated by name == NULL */
	int default_verb;       /* 1: "noun --opt" means the first verb */
};

extern const struct cli_noun cli_nouns[];
extern const struct cli_verb cli_run_verbs[];
extern const struct cli_verb cli_plan_verbs[];
extern const struct cli_verb cli_connectors_verbs[];
extern const struct cli_verb cli_evidence_verbs[];
extern const struct cli_verb cli_findings_verbs[];
extern const struct cli_verb cli_review_verbs[];
extern const struct cli_verb cli_response_verbs[];
extern const struct cli_verb cli_report_verbs[];
extern const struct cli_verb cli_sar_verbs[];
extern const struct cli_verb cli_ropa_verbs[];
extern const struct cli_verb cli_dpia_verbs[];
extern const struct cli_verb cli_retention_verbs[];
extern const struct cli_verb cli_serve_verbs[];
extern const struct cli_verb cli_hold_verbs[];
extern const struct cli_verb cli_taxonomy_verbs[];
/* Verbs of nouns whose table is in cli_cmds.c (cli_retention.c). */
extern struct cli_opt cli_optout_opts[];
extern struct cli_opt cli_consent_report_opts[];
int cli_cmd_opt_out(struct cli *cli, struct cli_opt *o, int argc,
		    char **argv, struct ds_err *err);
int cli_cmd_opt_in(struct cli *cli, struct cli_opt *o, int argc,
		   char **argv, struct ds_err *err);
int cli_cmd_consent_report(struct cli *cli, struct cli_opt *o, int argc,
			   char **argv, struct ds_err *err);

/* Open the case file for a verb that needs it. */
int cli_open(struct cli *cli, struct ds_err *err);

/* Look up a parsed option. */
struct cli_opt *cli_opt(struct cli_opt *opts, const char *name);
const char *cli_val(struct cli_opt *opts, const char *name);

/* Parse a positive id; DS_EUSAGE naming what and the fix. */
int cli_id(const char *what, const char *s, int64_t *id, struct ds_err *err);

/*
 * Write a file only its owner may read (0600, narrowed if it existed),
 * refusing a link or a file of someone else's.
 */
int cli_write_private(const char *path, const void *data, size_t len,
		      struct ds_err *err);

/* The columns of the gate's reasons for people (ds_gate_json's). */
extern const struct cli_col cli_reason_cols[];

/* Print a result: JSON when --json, otherwise the text given. */
void cli_print_json(json_t *j);

int cli_main(int argc, char **argv);

#endif
