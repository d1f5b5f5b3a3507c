/*
 * cli_cmds.c: the nouns and verbs of the command line.  Each verb reads
 * its options, calls one library function and prints the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "cli_out.h"
#include "auth.h"
#include "buf.h"
#include "conf.h"
#include "crypto.h"
#include "handle.h"
#include "mem.h"
#include "notice_text.h"
#include "report.h"
#include "review.h"
#include "school.h"
#include "sitelist.h"
#include "text.h"

const struct ds_conf *cli_conf(void);

void cli_print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			     JSON_ENSURE_ASCII);

	if (s) {
		printf("%s\n", s);
		free(s);
	}
}

/* Print a result for people, or as JSON with --json. */
static void show(struct cli *cli, json_t *j)
{
	cli_out(cli, j, NULL);
}

/* Print a confirmation of a write: {"ok": true, what: id}. */
static void done(struct cli *cli, const char *what, int64_t id,
		 const char *text)
{
	if (cli->json) {
		json_t *j = json_pack("{s:b s:I}", "ok", 1, what,
				      (json_int_t)id);

		cli_print_json(j);
		json_decref(j);
	} else {
		printf("%s\n", text);
	}
}

/* Call a read function, print, release. */
static int show_result(struct cli *cli, int rc, json_t *j)
{
	if (!rc)
		show(cli, j);
	json_decref(j);
	return rc;
}

/* ---- init and org ------------------------------------------------- */

static struct cli_opt init_opts[] = {
	{ .name = "org", .kind = 's', .arg = "NAME",
	  .help = "the organisation's name" },
	{ .name = "lawful-basis", .kind = 's', .arg = "BASIS",
	  .help = "public-task (state schools) or legitimate-interests" },
	{ .name = "scope", .kind = 's', .arg = "SCOPE",
	  .help = "shortlisted (every shortlisted candidate) or preferred" },
	{ .name = "scope-reason", .kind = 's', .arg = "TEXT",
	  .help = "why the organisation chose that scope" },
	{ .name = "no-consent-required", .kind = 'f',
	  .help = "notice alone allows a search (default: consent too)" },
	{ 0 }
};

static int cmd_init(struct cli *cli, struct cli_opt *o, int argc,
		    char **argv, struct ds_err *err)
{
	const struct ds_conf *c = cli_conf();
	struct ds_open_opts oo = { .db_path = cli->db_path,
				   .keys_path = cli->keys_path,
				   .actor = cli->actor,
				   .os_user = cli_os_user() };
	struct ds_org_settings s = {
		.name = cli_val(o, "org") ? cli_val(o, "org") : c->org_name,
		.lawful_basis = cli_val(o, "lawful-basis") ?
				cli_val(o, "lawful-basis") : c->lawful_basis,
		.scope = cli_val(o, "scope") ? cli_val(o, "scope") :
			 c->scope ? c->scope : "shortlisted",
		.scope_reason = cli_val(o, "scope-reason") ?
				cli_val(o, "scope-reason") : c->scope_reason,
		.consent_required = cli_opt(o, "no-consent-required")->set ?
				    0 : c->consent_required != 0,
	};
	char msg[512];
	int rc;

	(void)argc;
	(void)argv;
	if (!s.name)
		return ds_err_set(err, DS_EUSAGE, "no organisation name: pass "
				  "--org NAME");
	if (!s.lawful_basis)
		return ds_err_set(err, DS_EUSAGE, "no lawful basis: pass "
				  "--lawful-basis public-task or "
				  "legitimate-interests");
	if (!s.scope_reason)
		return ds_err_set(err, DS_EUSAGE, "no reason for the scope "
				  "policy: pass --scope-reason TEXT");
	rc = ds_init(&oo, &s, err);
	if (rc)
		return rc;
	snprintf(msg, sizeof(msg), "created %s (and its key file); '%s' is "
		 "its admin", cli->db_path, cli->actor);
	done(cli, "org", 1, msg);
	return 0;
}

static const struct cli_verb init_verbs[] = {
	{ .name = "init", .summary = "Create a case file, its key file and "
	  "the organisation's settings", .fn = cmd_init, .opts = init_opts },
	{ 0 }
};

static int cmd_org_show(struct cli *cli, struct cli_opt *o, int argc,
			char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)o;
	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_org_show(cli->ctx, &j, err);
	return show_result(cli, rc, j);
}

static struct cli_opt no_opts[] = { { 0 } };

static const struct cli_verb org_verbs[] = {
	{ .name = "show", .summary = "Show the organisation's settings",
	  .fn = cmd_org_show, .opts = no_opts },
	{ .name = "opt-out", .summary = "Record that the organisation decided "
	  "not to search, and why: the gate then refuses every search (DPO, "
	  "admin)", .fn = cli_cmd_opt_out, .opts = cli_optout_opts },
	{ .name = "opt-in", .summary = "Undo an opt-out (DPO, admin)",
	  .fn = cli_cmd_opt_in, .opts = no_opts },
	{ 0 }
};

/* ---- actor ---------------------------------------------------------- */

static struct cli_opt actor_role_opts[] = {
	{ .name = "role", .kind = 's', .arg = "ROLES",
	  .help = "recruiter, dsl, dpo, admin; several with commas" },
	{ 0 }
};

static struct cli_opt actor_add_opts[] = {
	{ .name = "role", .kind = 's', .arg = "ROLES",
	  .help = "recruiter, dsl, dpo, admin; several with commas" },
	{ .name = "display-name", .kind = 's', .arg = "TEXT",
	  .help = "the name reports show (\"Priya Shah\"); default the "
	  "login name" },
	{ 0 }
};

static struct cli_opt actor_name_opts[] = {
	{ .name = "display-name", .kind = 's', .arg = "TEXT",
	  .help = "the name reports show (\"Priya Shah\")" },
	{ 0 }
};

static int cmd_actor_name(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	int rc;

	(void)argc;
	if (!cli_val(o, "display-name"))
		return ds_err_set(err, DS_EUSAGE, "pass --display-name TEXT");
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_actor_set_display_name(cli->ctx, argv[0],
					       cli_val(o, "display-name"), err);
	if (!rc)
		done(cli, "renamed", 1, "display name set");
	return rc;
}

static int cmd_actor_add(struct cli *cli, struct cli_opt *o, int argc,
			 char **argv, struct ds_err *err)
{
	unsigned roles;
	int64_t id = 0;
	int rc;

	(void)argc;
	if (!cli_val(o, "role"))
		return ds_err_set(err, DS_EUSAGE, "no role given: pass --role "
				  "recruiter, dsl, dpo or admin");
	rc = ds_roles_parse(cli_val(o, "role"), &roles, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_actor_add_named(cli->ctx, argv[0],
					cli_val(o, "display-name"), roles,
					&id, err);
	if (!rc)
		done(cli, "actor", id, "actor added");
	return rc;
}

static int cmd_actor_role(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	unsigned roles;
	int rc;

	(void)argc;
	if (!cli_val(o, "role"))
		return ds_err_set(err, DS_EUSAGE, "no role given: pass --role "
				  "recruiter, dsl, dpo or admin");
	rc = ds_roles_parse(cli_val(o, "role"), &roles, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_actor_set_roles(cli->ctx, argv[0], roles, err);
	if (!rc)
		done(cli, "roles", roles, "roles changed");
	return rc;
}

static int cmd_actor_disable(struct cli *cli, struct cli_opt *o, int argc,
			     char **argv, struct ds_err *err)
{
	int rc;

	(void)o;
	(void)argc;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_actor_disable(cli->ctx, argv[0], err);
	if (!rc)
		done(cli, "disabled", 1, "actor disabled");
	return rc;
}

static int cmd_actor_list(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)o;
	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_actor_list(cli->ctx, &j, err);
	return show_result(cli, rc, j);
}

/* Read a password: twice without echo on a terminal, else one line. */
static int read_password(char *out, size_t size, struct ds_err *err)
{
	struct termios old, quiet;
	char again[DS_PASSWORD_MAX + 2];
	int tty = isatty(0);
	size_t n;

	if (tty) {
		fprintf(stderr, "new password: ");
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSANOW, &quiet);
	}
	if (!fgets(out, (int)size, stdin))
		out[0] = '\0';
	if (tty) {
		fprintf(stderr, "\nagain: ");
		if (!fgets(again, sizeof(again), stdin))
			again[0] = '\0';
		tcsetattr(0, TCSANOW, &old);
		fprintf(stderr, "\n");
	}
	n = strcspn(out, "\r\n");
	out[n] = '\0';
	if (tty) {
		again[strcspn(again, "\r\n")] = '\0';
		if (strcmp(out, again) != 0) {
			ds_wipe(again, sizeof(again));
			return ds_err_set(err, DS_EDATA, "the two passwords "
					  "differ: try again");
		}
		ds_wipe(again, sizeof(again));
	}
	return 0;
}

static int cmd_actor_passwd(struct cli *cli, struct cli_opt *o, int argc,
			    char **argv, struct ds_err *err)
{
	char pw[DS_PASSWORD_MAX + 2];
	int rc;

	(void)o;
	(void)argc;
	rc = cli_open(cli, err);
	if (!rc)
		rc = read_password(pw, sizeof(pw), err);
	if (!rc)
		rc = ds_actor_set_password(cli->ctx, argv[0], pw, err);
	ds_wipe(pw, sizeof(pw));
	if (!rc)
		done(cli, "password", 1,
		     "password set (for the web interface)");
	return rc;
}

static int cmd_actor_os_user(struct cli *cli, struct cli_opt *o, int argc,
			     char **argv, struct ds_err *err)
{
	int rc;

	(void)o;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_actor_set_os_user(cli->ctx, argv[0],
					  argc > 1 ? argv[1] : NULL, err);
	if (!rc)
		done(cli, "os_user", argc > 1, argc > 1 ? "account bound: "
		     "the command line acts as this person from it" :
		     "account unbound");
	return rc;
}

static const struct cli_verb actor_verbs[] = {
	{ .name = "os-user", .usage = "NAME [ACCOUNT]", .summary = "Bind a "
	  "person to the operating-system account they run duesearch from "
	  "(none: unbind); acting as anyone else needs their password "
	  "(admin)", .fn = cmd_actor_os_user, .opts = no_opts,
	  .min_args = 1, .max_args = 2 },
	{ .name = "passwd", .usage = "NAME", .summary = "Set a person's "
	  "password for the web interface, read from standard input (admin, "
	  "or the person)", .fn = cmd_actor_passwd, .opts = no_opts,
	  .min_args = 1, .max_args = 1 },
	{ .name = "add", .usage = "NAME", .summary = "Add a person with "
	  "their roles (admin)", .fn = cmd_actor_add, .opts = actor_add_opts,
	  .min_args = 1, .max_args = 1 },
	{ .name = "name", .usage = "NAME", .summary = "Set the name reports "
	  "show for a person, with their role: \"Priya Shah (DPO)\" "
	  "(admin)", .fn = cmd_actor_name, .opts = actor_name_opts,
	  .min_args = 1, .max_args = 1 },
	{ .name = "role", .usage = "NAME", .summary = "Set a person's roles "
	  "(admin)", .fn = cmd_actor_role, .opts = actor_role_opts,
	  .min_args = 1, .max_args = 1 },
	{ .name = "disable", .usage = "NAME", .summary = "Stop a person "
	  "acting; their audit history stays (admin)",
	  .fn = cmd_actor_disable, .opts = no_opts, .min_args = 1,
	  .max_args = 1 },
	{ .name = "list", .summary = "List the people and their roles",
	  .fn = cmd_actor_list, .opts = no_opts },
	{ 0 }
};

/* ---- school and role ---------------------------------------------- */

static struct cli_opt school_add_opts[] = {
	{ .name = "name", .kind = 's', .arg = "TEXT", .help = "the school" },
	{ .name = "urn", .kind = 's', .arg = "URN",
	  .help = "the school's unique reference number (6 to 8 digits)" },
	{ .name = "address", .kind = 's', .arg = "TEXT",
	  .help = "the school's address" },
	{ 0 }
};

static int cmd_school_add(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	int64_t id = 0;
	int rc;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "name"))
		return ds_err_set(err, DS_EUSAGE, "a school needs --name TEXT");
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_school_add(cli->ctx, cli_val(o, "name"),
				   cli_val(o, "urn"), cli_val(o, "address"),
				   &id, err);
	if (!rc)
		done(cli, "school", id, "school added");
	return rc;
}

static int cmd_school_list(struct cli *cli, struct cli_opt *o, int argc,
			   char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)o;
	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_school_list(cli->ctx, &j, err);
	return show_result(cli, rc, j);
}

static const struct cli_verb school_verbs[] = {
	{ .name = "add", .summary = "Add a school to the trust (admin)",
	  .fn = cmd_school_add, .opts = school_add_opts },
	{ .name = "list", .summary = "List the trust's schools",
	  .fn = cmd_school_list, .opts = no_opts },
	{ 0 }
};

static struct cli_opt role_grant_opts[] = {
	{ .name = "person", .kind = 's', .arg = "NAME",
	  .help = "the person (see 'duesearch actor list')" },
	{ .name = "role", .kind = 's', .arg = "ROLES",
	  .help = "recruiter, dsl, dpo, admin, separated by commas" },
	{ .name = "school", .kind = 's', .arg = "URN",
	  .help = "hold the role for this school only (recruiter, dsl); "
	  "without it: trust-wide" },
	{ 0 }
};

static struct cli_opt role_revoke_opts[] = {
	{ .name = "person", .kind = 's', .arg = "NAME",
	  .help = "the person (see 'duesearch actor list')" },
	{ .name = "role", .kind = 's', .arg = "ROLES",
	  .help = "recruiter, dsl, dpo, admin, separated by commas" },
	{ .name = "school", .kind = 's', .arg = "URN",
	  .help = "no longer for this school only (recruiter, dsl); the "
	  "last school of a role takes the role; without it: the role goes" },
	{ 0 }
};

/* role grant and role revoke: the same options, one library call each. */
static int role_change(struct cli *cli, struct cli_opt *o, int grant,
		       struct ds_err *err)
{
	const char *school = cli_val(o, "school");
	unsigned roles;
	int rc;

	if (!cli_val(o, "person") || !cli_val(o, "role"))
		return ds_err_set(err, DS_EUSAGE, "pass --person NAME and "
				  "--role ROLES");
	rc = ds_roles_parse(cli_val(o, "role"), &roles, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc && grant)
		rc = ds_role_grant(cli->ctx, cli_val(o, "person"), roles,
				   school, err);
	else if (!rc)
		rc = ds_role_revoke(cli->ctx, cli_val(o, "person"), roles,
				    school, err);
	if (!rc)
		done(cli, "roles", roles, grant ? (school ? "role granted for "
		     "that school" : "role granted trust-wide") : (school ?
		     "role revoked for that school" : "role revoked"));
	return rc;
}

static int cmd_role_grant(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	(void)argc;
	(void)argv;
	return role_change(cli, o, 1, err);
}

static int cmd_role_revoke(struct cli *cli, struct cli_opt *o, int argc,
			   char **argv, struct ds_err *err)
{
	(void)argc;
	(void)argv;
	return role_change(cli, o, 0, err);
}

static int cmd_role_list(struct cli *cli, struct cli_opt *o, int argc,
			 char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)o;
	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_role_scopes(cli->ctx, &j, err);
	return show_result(cli, rc, j);
}

static const struct cli_verb role_verbs[] = {
	{ .name = "grant", .summary = "Grant a role, trust-wide or for one "
	  "school (admin)", .fn = cmd_role_grant, .opts = role_grant_opts },
	{ .name = "revoke", .summary = "Revoke a role, or one school of it "
	  "(admin)", .fn = cmd_role_revoke, .opts = role_revoke_opts },
	{ .name = "list", .summary = "List the roles held for some schools "
	  "only (admin, DPO)", .fn = cmd_role_list, .opts = no_opts },
	{ 0 }
};

/* ---- vacancy ---------------------------------------------------------- */

static struct cli_opt vacancy_add_opts[] = {
	{ .name = "ref", .kind = 's', .arg = "REF",
	  .help = "the vacancy's reference, e.g. 2026-ENG-01" },
	{ .name = "post", .kind = 's', .arg = "TEXT", .help = "the post" },
	{ .name = "school", .kind = 's', .arg = "URN|ID",
	  .help = "the school it belongs to (default: the only school)" },
	{ .name = "interview-date", .kind = 's', .arg = "DATE",
	  .help = "the interview date, YYYY-MM-DD" },
	{ 0 }
};

static int cmd_vacancy_add(struct cli *cli, struct cli_opt *o, int argc,
			   char **argv, struct ds_err *err)
{
	struct ds_vacancy_in v = {
		.ref = cli_val(o, "ref"), .post = cli_val(o, "post"),
		.school = cli_val(o, "school"),
		.interview_date = cli_val(o, "interview-date"),
	};
	int64_t id = 0;
	int rc;

	(void)argc;
	(void)argv;
	if (!v.ref || !v.post)
		return ds_err_set(err, DS_EUSAGE, "a vacancy needs --ref and "
				  "--post");
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_vacancy_add(cli->ctx, &v, &id, err);
	if (!rc)
		done(cli, "vacancy", id, "vacancy added");
	return rc;
}

static int cmd_vacancy_list(struct cli *cli, struct cli_opt *o, int argc,
			    char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)o;
	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_vacancy_list(cli->ctx, &j, err);
	return show_result(cli, rc, j);
}

static int cmd_vacancy_show(struct cli *cli, struct cli_opt *o, int argc,
			    char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)o;
	(void)argc;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_vacancy_show(cli->ctx, argv[0], &j, err);
	return show_result(cli, rc, j);
}

static struct cli_opt declare_opts[] = {
	{ .name = "not-on-panel", .kind = 'f',
	  .help = "I do not sit on this vacancy's interview panel" },
	{ .name = "on-panel", .kind = 'f',
	  .help = "I sit on the panel (I may then not search)" },
	{ 0 }
};

static int cmd_vacancy_declare(struct cli *cli, struct cli_opt *o, int argc,
			       char **argv, struct ds_err *err)
{
	int on = cli_opt(o, "on-panel")->set;
	int off = cli_opt(o, "not-on-panel")->set;
	int rc;

	(void)argc;
	if (on == off)
		return ds_err_set(err, DS_EUSAGE, "say one of --not-on-panel "
				  "or --on-panel");
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_vacancy_declare(cli->ctx, argv[0], on, err);
	if (!rc)
		done(cli, "on_panel", on, "declaration recorded");
	return rc;
}

static struct cli_opt decide_opts[] = {
	{ .name = "date", .kind = 's', .arg = "DATE",
	  .help = "the date of the appointment decision, YYYY-MM-DD: not in "
	  "the future, not before the notices and searches" },
	{ .name = "reason", .kind = 's', .arg = "TEXT",
	  .help = "why a recorded date changes (needed then; DPO only)" },
	{ 0 }
};

static int cmd_vacancy_decide(struct cli *cli, struct cli_opt *o, int argc,
			      char **argv, struct ds_err *err)
{
	int rc;

	(void)argc;
	if (!cli_val(o, "date"))
		return ds_err_set(err, DS_EUSAGE, "pass --date DATE");
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_vacancy_decide(cli->ctx, argv[0], cli_val(o, "date"),
				       cli_val(o, "reason"), err);
	if (!rc)
		done(cli, "vacancy", 1, "decision date recorded: retention "
		     "runs from it");
	return rc;
}

static const struct cli_verb vacancy_verbs[] = {
	{ .name = "decide", .usage = "REF", .summary = "Record the date of "
	  "the appointment decision, from which retention runs (recruiter; a "
	  "change: DPO, with --reason)",
	  .fn = cmd_vacancy_decide, .opts = decide_opts, .min_args = 1,
	  .max_args = 1 },
	{ .name = "add", .summary = "Record a vacancy (recruiter)",
	  .fn = cmd_vacancy_add, .opts = vacancy_add_opts },
	{ .name = "list", .summary = "List vacancies", .fn = cmd_vacancy_list,
	  .opts = no_opts },
	{ .name = "show", .usage = "REF", .summary = "Show a vacancy, its "
	  "panel declarations and candidates", .fn = cmd_vacancy_show,
	  .opts = no_opts, .min_args = 1, .max_args = 1 },
	{ .name = "declare", .usage = "REF", .summary = "Declare whether you "
	  "sit on the vacancy's interview panel (searcher)",
	  .fn = cmd_vacancy_declare, .opts = declare_opts, .min_args = 1,
	  .max_args = 1 },
	{ 0 }
};

/* ---- candidate and anchor -------------------------------------------- */

static struct cli_opt candidate_add_opts[] = {
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "the vacancy applied for" },
	{ .name = "name", .kind = 's', .arg = "TEXT",
	  .help = "legal name, from the application" },
	{ .name = "known-as", .kind = 'm', .arg = "TEXT",
	  .help = "another name the candidate is known by" },
	{ .name = "previous-name", .kind = 'm', .arg = "TEXT",
	  .help = "a previous name" },
	{ .name = "location", .kind = 'm', .arg = "TEXT",
	  .help = "a town or area" },
	{ .name = "employer", .kind = 'm', .arg = "TEXT",
	  .help = "a current or previous employer" },
	{ .name = "school", .kind = 'm', .arg = "TEXT",
	  .help = "a current or previous school" },
	{ .name = "status", .kind = 's', .arg = "STATUS",
	  .help = "applied (default), shortlisted, preferred, withdrawn, "
		  "appointed, unsuccessful" },
	{ 0 }
};

static int cmd_candidate_add(struct cli *cli, struct cli_opt *o, int argc,
			     char **argv, struct ds_err *err)
{
	static const struct {
		const char *opt;
		enum ds_anchor_kind kind;
	} map[] = {
		{ "known-as", DS_ANCHOR_KNOWN_AS },
		{ "previous-name", DS_ANCHOR_PREVIOUS_NAME },
		{ "location", DS_ANCHOR_LOCATION },
		{ "employer", DS_ANCHOR_EMPLOYER },
		{ "school", DS_ANCHOR_SCHOOL },
	};
	struct ds_anchor_in anchors[1 + 5 * CLI_MAX_VALUES];
	struct ds_candidate_in c = { .vacancy_ref = cli_val(o, "vacancy"),
				     .status = cli_val(o, "status"),
				     .anchors = anchors };
	size_t i;
	int k, rc;
	int64_t id = 0;

	(void)argc;
	(void)argv;
	if (!c.vacancy_ref || !cli_val(o, "name"))
		return ds_err_set(err, DS_EUSAGE, "a candidate needs "
				  "--vacancy REF and --name TEXT");
	anchors[c.nanchors].kind = DS_ANCHOR_LEGAL_NAME;
	anchors[c.nanchors++].value = cli_val(o, "name");
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		struct cli_opt *m = cli_opt(o, map[i].opt);

		for (k = 0; k < m->nvalues; k++) {
			anchors[c.nanchors].kind = map[i].kind;
			anchors[c.nanchors++].value = m->values[k];
		}
	}
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_candidate_add(cli->ctx, &c, &id, err);
	if (!rc) {
		char msg[64];

		snprintf(msg, sizeof(msg), "candidate %lld added",
			 (long long)id);
		done(cli, "candidate", id, msg);
	}
	return rc;
}

static struct cli_opt candidate_list_opts[] = {
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "only this vacancy's candidates" },
	{ 0 }
};

static int cmd_candidate_list(struct cli *cli, struct cli_opt *o, int argc,
			      char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_candidate_list(cli->ctx, cli_val(o, "vacancy"), &j,
				       err);
	return show_result(cli, rc, j);
}

/* A string member of a claim, or NULL. */
static const char *cm(json_t *c, const char *key)
{
	return json_string_value(json_object_get(c, key));
}

/*
 * A list of claims for people: id, kind and the claim as one text: "Class
 * Teacher at Acme Academy, Wakefield, 2019-09 to current", "PGCE Primary,
 * University of Exbury, 2015", or the fact's text.
 */
static json_t *claims_for_people(json_t *list)
{
	json_t *out = json_array(), *c;
	struct buf b;
	size_t i;

	buf_init(&b, 8192);
	json_array_foreach(list, i, c) {
		buf_reset(&b);
		if (cm(c, "role"))
			buf_addf(&b, "%s at ", cm(c, "role"));
		if (cm(c, "organisation"))
			buf_adds(&b, cm(c, "organisation"));
		if (cm(c, "title"))
			buf_adds(&b, cm(c, "title"));
		if (cm(c, "institution"))
			buf_addf(&b, ", %s", cm(c, "institution"));
		if (cm(c, "location"))
			buf_addf(&b, ", %s", cm(c, "location"));
		if (cm(c, "from") || cm(c, "to"))
			buf_addf(&b, ", %s to %s", cm(c, "from") ?
				 cm(c, "from") : "?", cm(c, "to") ?
				 cm(c, "to") : "?");
		if (cm(c, "year"))
			buf_addf(&b, ", %s", cm(c, "year"));
		if (cm(c, "text"))
			buf_adds(&b, cm(c, "text"));
		json_array_append_new(out, json_pack("{s:O s:O s:s}", "id",
			json_object_get(c, "id"), "kind",
			json_object_get(c, "kind"), "claim",
			buf_failed(&b) ? "?" : b.ptr));
	}
	buf_release(&b);
	return out;
}

static int cmd_candidate_show(struct cli *cli, struct cli_opt *o, int argc,
			      char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int64_t id = 0;
	int rc;

	(void)o;
	(void)argc;
	rc = cli_id("candidate", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_candidate_show(cli->ctx, id, &j, err);
	/* Claims have a shape per kind: one text each for people. */
	if (!rc && !cli->json)
		json_object_set_new(j, "claims", claims_for_people(
					    json_object_get(j, "claims")));
	return show_result(cli, rc, j);
}

static int cmd_candidate_status(struct cli *cli, struct cli_opt *o,
				int argc, char **argv, struct ds_err *err)
{
	int64_t id = 0;
	int rc;

	(void)o;
	(void)argc;
	rc = cli_id("candidate", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_candidate_set_status(cli->ctx, id, argv[1], err);
	if (!rc)
		done(cli, "candidate", id, "status changed");
	return rc;
}

static int cmd_candidate_close(struct cli *cli, struct cli_opt *o, int argc,
			       char **argv, struct ds_err *err)
{
	int64_t id;
	int rc;

	(void)o;
	(void)argc;
	rc = cli_id("candidate", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_candidate_close(cli->ctx, id, err);
	if (!rc)
		done(cli, "candidate", id, "case closed; the retention period "
		     "runs from the vacancy's decision");
	return rc;
}

static const struct cli_verb candidate_verbs[] = {
	{ .name = "add", .summary = "Record a candidate with the identity "
	  "anchors from their application (recruiter)",
	  .fn = cmd_candidate_add, .opts = candidate_add_opts },
	{ .name = "list", .summary = "List candidates",
	  .fn = cmd_candidate_list, .opts = candidate_list_opts },
	{ .name = "show", .usage = "ID", .summary = "Show a candidate's case: "
	  "anchors, handles, notices, consent", .fn = cmd_candidate_show,
	  .opts = no_opts, .min_args = 1, .max_args = 1 },
	{ .name = "status", .usage = "ID STATUS", .summary = "Set a "
	  "candidate's status (applied, shortlisted, preferred, withdrawn, "
	  "appointed, unsuccessful)", .fn = cmd_candidate_status,
	  .opts = no_opts, .min_args = 2, .max_args = 2 },
	{ .name = "close", .usage = "ID", .summary = "Close a candidate's "
	  "case: refused while a finding is unreviewed, a confirmed one has "
	  "no response, or a step is open (recruiter, DSL)",
	  .fn = cmd_candidate_close, .opts = no_opts, .min_args = 1,
	  .max_args = 1 },
	{ 0 }
};

static struct cli_opt anchor_add_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the candidate" },
	{ .name = "kind", .kind = 's', .arg = "KIND",
	  .help = "legal-name, known-as, previous-name, location, employer, "
		  "school" },
	{ .name = "value", .kind = 's', .arg = "TEXT",
	  .help = "as written in the application" },
	{ 0 }
};

static int cmd_anchor_add(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	int64_t cid, id;
	int kind, rc;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "candidate") || !cli_val(o, "kind") ||
	    !cli_val(o, "value"))
		return ds_err_set(err, DS_EUSAGE, "an anchor needs --candidate "
				  "ID, --kind KIND and --value TEXT");
	rc = cli_id("candidate", cli_val(o, "candidate"), &cid, err);
	if (rc)
		return rc;
	kind = ds_enum_parse("anchor kind", cli_val(o, "kind"),
				 ds_anchor_kinds, err);
	if (kind < 0)
		return kind;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_anchor_add(cli->ctx, cid, (enum ds_anchor_kind)kind,
				   cli_val(o, "value"), &id, err);
	if (!rc)
		done(cli, "anchor", id, "anchor added");
	return rc;
}

static int cmd_anchor_remove(struct cli *cli, struct cli_opt *o, int argc,
			     char **argv, struct ds_err *err)
{
	int64_t id = 0;
	int rc;

	(void)o;
	(void)argc;
	rc = cli_id("anchor", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_anchor_remove(cli->ctx, id, err);
	if (!rc)
		done(cli, "anchor", id, "anchor removed");
	return rc;
}

static const struct cli_verb anchor_verbs[] = {
	{ .name = "add", .summary = "Add an identity anchor to a candidate "
	  "(recruiter)", .fn = cmd_anchor_add, .opts = anchor_add_opts },
	{ .name = "remove", .usage = "ANCHOR-ID", .summary = "Remove an "
	  "identity anchor (recruiter)", .fn = cmd_anchor_remove,
	  .opts = no_opts, .min_args = 1, .max_args = 1 },
	{ 0 }
};

/* ---- handle ------------------------------------------------------------ */

static struct cli_opt handle_add_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the candidate who declared it" },
	{ .name = "platform", .kind = 's', .arg = "NAME",
	  .help = "x, mastodon, ..., or any site of the profile site list, "
		  "any case ('duesearch handle platforms')" },
	{ .name = "handle", .kind = 's', .arg = "HANDLE",
	  .help = "the handle as declared" },
	{ .name = "url", .kind = 's', .arg = "URL",
	  .help = "the profile's address, or a personal site or blog; with "
		  "--platform, any profile's address" },
	{ 0 }
};

/* The configured profile site list ([connector profiles] site_list). */
static int cli_sitelist(struct ds_sitelist *l, struct ds_err *err)
{
	const struct ds_conf_connector *k = ds_conf_connector(cli_conf(),
							      "profiles");

	return ds_sitelist_load(l, k ? ds_conf_connector_option(k,
					"site_list") : NULL, err);
}

static int cmd_handle_add(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	const char *platform = cli_val(o, "platform");
	const char *handle = cli_val(o, "handle");
	const char *url = cli_val(o, "url");
	struct ds_sitelist sites = { 0 };
	int64_t cid, id;
	int rc;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "candidate") || (!handle && !url) ||
	    (handle && !platform))
		return ds_err_set(err, DS_EUSAGE, "a handle needs --candidate "
				  "ID and --platform NAME --handle HANDLE, or "
				  "--url URL (with --platform NAME for a "
				  "profile's address)");
	rc = cli_id("candidate", cli_val(o, "candidate"), &cid, err);
	/* A built-in platform's handle alone needs no site list. */
	if (!rc && platform && (url || !ds_platform_find(platform)))
		rc = cli_sitelist(&sites, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_handle_declare(cli->ctx, cid, platform, handle, url,
				       &sites, &id, err);
	if (!rc)
		done(cli, "handle", id, "handle added");
	ds_sitelist_release(&sites);
	return rc;
}

static struct cli_opt candidate_opt[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the candidate" },
	{ 0 }
};

/* The --candidate option, required. */
static int need_candidate(struct cli_opt *o, int64_t *id, struct ds_err *err)
{
	if (!cli_val(o, "candidate"))
		return ds_err_set(err, DS_EUSAGE, "pass --candidate ID");
	return cli_id("candidate", cli_val(o, "candidate"), id, err);
}

/* ---- claim ------------------------------------------------------------- */

static struct cli_opt claim_add_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the candidate" },
	{ .name = "kind", .kind = 's', .arg = "KIND",
	  .help = "employment, qualification or fact" },
	{ .name = "organisation", .kind = 's', .arg = "NAME",
	  .help = "employment: the employer or school" },
	{ .name = "role", .kind = 's', .arg = "TEXT",
	  .help = "employment: the post held" },
	{ .name = "from", .kind = 's', .arg = "YYYY[-MM]",
	  .help = "employment: when it started" },
	{ .name = "to", .kind = 's', .arg = "YYYY[-MM]|current",
	  .help = "employment: when it ended, or current" },
	{ .name = "location", .kind = 's', .arg = "PLACE",
	  .help = "employment: the town or area of the workplace" },
	{ .name = "title", .kind = 's', .arg = "TEXT",
	  .help = "qualification: e.g. 'PGCE Secondary English'" },
	{ .name = "institution", .kind = 's', .arg = "NAME",
	  .help = "qualification: the university, college or body" },
	{ .name = "year", .kind = 's', .arg = "YYYY",
	  .help = "qualification: the year awarded" },
	{ .name = "text", .kind = 's', .arg = "TEXT",
	  .help = "fact: another fact the application declares" },
	{ 0 }
};

static int cmd_claim_add(struct cli *cli, struct cli_opt *o, int argc,
			 char **argv, struct ds_err *err)
{
	struct ds_claim_in c = {
		.kind = cli_val(o, "kind"),
		.organisation = cli_val(o, "organisation"),
		.role = cli_val(o, "role"), .from = cli_val(o, "from"),
		.to = cli_val(o, "to"), .location = cli_val(o, "location"),
		.title = cli_val(o, "title"),
		.institution = cli_val(o, "institution"),
		.year = cli_val(o, "year"), .text = cli_val(o, "text"),
	};
	int64_t cid, id;
	int rc;

	(void)argc;
	(void)argv;
	rc = need_candidate(o, &cid, err);
	if (!rc && !c.kind)
		rc = ds_err_set(err, DS_EUSAGE, "say what the claim is: --kind "
				"employment, qualification or fact");
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_claim_add(cli->ctx, cid, &c, &id, err);
	if (!rc)
		done(cli, "claim", id, "claim added");
	return rc;
}

static int cmd_claim_list(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int64_t cid;
	int rc;

	(void)argc;
	(void)argv;
	rc = need_candidate(o, &cid, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_claim_list(cli->ctx, cid, &j, err);
	if (!rc && !cli->json) {
		json_t *people = claims_for_people(j);

		json_decref(j);
		j = people;
	}
	return show_result(cli, rc, j);
}

static int cmd_claim_remove(struct cli *cli, struct cli_opt *o, int argc,
			    char **argv, struct ds_err *err)
{
	int64_t id = 0;
	int rc;

	(void)o;
	(void)argc;
	rc = cli_id("claim", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_claim_remove(cli->ctx, id, err);
	if (!rc)
		done(cli, "claim", id, "claim removed");
	return rc;
}

static const struct cli_verb claim_verbs[] = {
	{ .name = "add", .summary = "Record what the application claims: "
	  "employment, a qualification or another fact (recruiter)",
	  .fn = cmd_claim_add, .opts = claim_add_opts },
	{ .name = "list", .summary = "List a candidate's claims",
	  .fn = cmd_claim_list, .opts = candidate_opt },
	{ .name = "remove", .usage = "CLAIM-ID", .summary = "Remove a claim "
	  "(recruiter)", .fn = cmd_claim_remove, .opts = no_opts,
	  .min_args = 1, .max_args = 1 },
	{ 0 }
};

static int cmd_handle_list(struct cli *cli, struct cli_opt *o, int argc,
			   char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int64_t cid;
	int rc;

	(void)argc;
	(void)argv;
	rc = need_candidate(o, &cid, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_handle_list(cli->ctx, cid, &j, err);
	return show_result(cli, rc, j);
}

static int cmd_handle_remove(struct cli *cli, struct cli_opt *o, int argc,
			     char **argv, struct ds_err *err)
{
	int64_t id = 0;
	int rc;

	(void)o;
	(void)argc;
	rc = cli_id("handle", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_handle_remove(cli->ctx, id, err);
	if (!rc)
		done(cli, "handle", id, "handle removed");
	return rc;
}

static int cmd_handle_platforms(struct cli *cli, struct cli_opt *o, int argc,
				char **argv, struct ds_err *err)
{
	const struct ds_connector *c;
	const struct ds_platform *p;
	struct ds_sitelist sites = { 0 };
	json_t *list = json_array();
	size_t i;
	int rc;

	(void)o;
	(void)argc;
	(void)argv;
	for (p = ds_platforms(); p->name; p++) {
		c = ds_connector_for_platform(p->name, NULL);
		json_array_append_new(list, json_pack("{s:s s:s s:s s:s}",
			"name", p->name, "title", p->title, "rule", p->rule,
			"connector", c ? c->name : "none"));
	}
	/* Every site of the profile site list is a platform too. */
	rc = cli_sitelist(&sites, err);
	if (rc) {
		json_decref(list);
		return rc;
	}
	c = ds_connector_for_platform(DS_PLATFORM_ANY, NULL);
	for (i = 0; i < sites.nsites; i++) {
		const struct ds_site *s = &sites.sites[i];

		if (s->unsupported || s->invalid ||
		    strlen(s->name) > DS_PLATFORM_NAME_MAX)
			continue;
		json_array_append_new(list, json_pack("{s:s s:s s:s s:s s:s}",
			"name", s->name, "title", s->name, "rule", "1-100 "
			"letters, digits, '.', '_' or '-'", "connector",
			c ? c->name : "none", "category", s->cat ? s->cat :
			""));
	}
	ds_sitelist_release(&sites);
	return show_result(cli, 0, list);
}

static const struct cli_verb handle_verbs[] = {
	{ .name = "add", .summary = "Record a handle the candidate declared "
	  "(recruiter)", .fn = cmd_handle_add, .opts = handle_add_opts },
	{ .name = "list", .summary = "List a candidate's declared handles",
	  .fn = cmd_handle_list, .opts = candidate_opt },
	{ .name = "remove", .usage = "HANDLE-ID", .summary = "Remove a handle "
	  "(recruiter)", .fn = cmd_handle_remove, .opts = no_opts,
	  .min_args = 1, .max_args = 1 },
	{ .name = "platforms", .summary = "List the platforms (the built-in "
	  "ones and the profile site list's), what a valid handle looks like "
	  "on each and the connector that reads it", .fn = cmd_handle_platforms,
	  .opts = no_opts },
	{ 0 }
};

/* ---- notice and consent ----------------------------------------------- */

static struct cli_opt notice_add_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the candidate told" },
	{ .name = "date", .kind = 's', .arg = "DATE",
	  .help = "when the notice was given, YYYY-MM-DD" },
	{ .name = "channel", .kind = 's', .arg = "CHANNEL",
	  .help = "email, letter, application-form, portal, in-person" },
	{ .name = "evidence", .kind = 's', .arg = "FILE",
	  .help = "a copy of the notice: hashed (SHA-256), not stored" },
	{ .name = "text-hash", .kind = 's', .arg = "SHA256",
	  .help = "the SHA-256 of the notice text sent, as 'notice draft' "
	  "prints it" },
	{ .name = "text", .kind = 's', .arg = "FILE",
	  .help = "the notice text sent: its SHA-256 is recorded" },
	{ 0 }
};

/* The hash of the text sent: --text-hash, or --text FILE hashed. */
static int notice_text_hash(struct cli_opt *o, char hex[65],
			    const char **out, struct ds_err *err)
{
	uint8_t sum[32];
	uint64_t n;
	int rc;

	*out = cli_val(o, "text-hash");
	if (*out && cli_val(o, "text"))
		return ds_err_set(err, DS_EUSAGE, "pass --text-hash or --text, "
				  "not both");
	if (!cli_val(o, "text"))
		return 0;
	rc = ds_sha256_file(cli_val(o, "text"), sum, &n, err);
	if (!rc) {
		ds_hex(sum, sizeof(sum), hex);
		*out = hex;
	}
	return rc;
}

static int cmd_notice_add(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	const char *text = NULL;
	char hex[65];
	int64_t cid, id;
	int rc;

	(void)argc;
	(void)argv;
	rc = need_candidate(o, &cid, err);
	if (!rc && (!cli_val(o, "date") || !cli_val(o, "channel")))
		rc = ds_err_set(err, DS_EUSAGE, "a notice needs --date DATE "
				"and --channel CHANNEL");
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = notice_text_hash(o, hex, &text, err);
	if (!rc)
		rc = ds_notice_add_text(cli->ctx, cid, cli_val(o, "date"),
					cli_val(o, "channel"),
					cli_val(o, "evidence"), text, &id,
					err);
	if (!rc)
		done(cli, "notice", id, "notice recorded");
	return rc;
}

static struct cli_opt notice_draft_opts[] = {
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "the vacancy whose application pack it goes in" },
	{ .name = "format", .kind = 's', .arg = "FORMAT",
	  .help = "md (default) or html" },
	{ .name = "output", .kind = 's', .arg = "FILE",
	  .help = "write here instead of standard output" },
	{ 0 }
};

static int cmd_notice_draft(struct cli *cli, struct cli_opt *o, int argc,
			    char **argv, struct ds_err *err)
{
	char *text = NULL, hex[65];
	int rc;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "vacancy"))
		return ds_err_set(err, DS_EUSAGE, "pass --vacancy REF");
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_notice_draft(cli->ctx, cli_conf(),
				     cli_val(o, "vacancy"),
				     cli_val(o, "format"), &text, hex, err);
	if (!rc && cli_val(o, "output"))
		rc = cli_write_private(cli_val(o, "output"), text,
				       strlen(text), err);
	if (!rc && cli_val(o, "output"))
		printf("notice text written to %s: sha256 %s\n",
		       cli_val(o, "output"), hex);
	else if (!rc)
		fputs(text, stdout);
	if (!rc)
		fprintf(stderr, "notice text sha256 %s: record it with "
			"'duesearch notice add ... --text-hash %s'\n", hex,
			hex);
	ds_free(text);
	return rc;
}

static const struct cli_verb notice_verbs[] = {
	{ .name = "draft", .summary = "Write the notice for a vacancy's "
	  "application pack from its plan and the organisation's settings "
	  "(recruiter, DPO)", .fn = cmd_notice_draft,
	  .opts = notice_draft_opts },
	{ .name = "add", .summary = "Record the notice given that online "
	  "searches may be done (recruiter)", .fn = cmd_notice_add,
	  .opts = notice_add_opts },
	{ 0 }
};

static struct cli_opt consent_add_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the candidate" },
	{ .name = "date", .kind = 's', .arg = "DATE",
	  .help = "when consent was given, YYYY-MM-DD" },
	{ .name = "scope", .kind = 's', .arg = "SCOPE",
	  .help = "online-search (default) or online-search-and-handles" },
	{ .name = "evidence", .kind = 's', .arg = "FILE",
	  .help = "the signed form: hashed (SHA-256), not stored" },
	{ 0 }
};

static int cmd_consent_add(struct cli *cli, struct cli_opt *o, int argc,
			   char **argv, struct ds_err *err)
{
	int64_t cid, id;
	int rc;

	(void)argc;
	(void)argv;
	rc = need_candidate(o, &cid, err);
	if (!rc && !cli_val(o, "date"))
		rc = ds_err_set(err, DS_EUSAGE, "consent needs --date DATE");
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_consent_add(cli->ctx, cid, cli_val(o, "date"),
				    cli_val(o, "scope") ? cli_val(o, "scope") :
				    "online-search", cli_val(o, "evidence"),
				    &id, err);
	if (!rc)
		done(cli, "consent", id, "consent recorded");
	return rc;
}

static struct cli_opt consent_withdraw_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the candidate" },
	{ .name = "date", .kind = 's', .arg = "DATE",
	  .help = "when consent was withdrawn, YYYY-MM-DD" },
	{ 0 }
};

static int cmd_consent_withdraw(struct cli *cli, struct cli_opt *o,
				int argc, char **argv, struct ds_err *err)
{
	int64_t cid;
	int rc;

	(void)argc;
	(void)argv;
	rc = need_candidate(o, &cid, err);
	if (!rc && !cli_val(o, "date"))
		rc = ds_err_set(err, DS_EUSAGE, "pass --date DATE");
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_consent_withdraw(cli->ctx, cid, cli_val(o, "date"),
					 err);
	if (!rc)
		done(cli, "candidate", cid, "consent withdrawn: no further "
		     "search of this candidate will run");
	return rc;
}

static const struct cli_verb consent_verbs[] = {
	{ .name = "add", .summary = "Record the candidate's consent "
	  "(recruiter)", .fn = cmd_consent_add, .opts = consent_add_opts },
	{ .name = "withdraw", .summary = "Record that the candidate withdrew "
	  "consent (recruiter, DPO)", .fn = cmd_consent_withdraw,
	  .opts = consent_withdraw_opts },
	{ .name = "report", .summary = "The consent audit: every candidate "
	  "searched with the notice and consent that allowed it; flags any "
	  "search without them (exit 1) and withdrawals honoured (DPO)",
	  .fn = cli_cmd_consent_report, .opts = cli_consent_report_opts },
	{ 0 }
};

/* ---- gate ---------------------------------------------------------- */

static struct cli_opt gate_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the candidate to be searched" },
	{ .name = "searcher", .kind = 's', .arg = "NAME",
	  .help = "who will search (default: the acting person)" },
	{ .name = "date", .kind = 's', .arg = "DATE",
	  .help = "the planned search date (default: today)" },
	{ 0 }
};

/* The gate's reasons for people: each carries its fix, so none is cut. */
const struct cli_col cli_reason_cols[] = {
	{ .key = "code" }, { .key = "text", .label = "reason", .max = -1 },
	{ 0 }
};

static int cmd_gate_check(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	struct ds_gate g;
	int64_t cid;
	int rc;

	(void)argc;
	(void)argv;
	rc = need_candidate(o, &cid, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_gate_check(cli->ctx, cid, cli_val(o, "searcher"),
				   cli_val(o, "date"), &g, err);
	if (rc)
		return rc;
	if (cli->json || !g.allowed) {
		json_t *j = ds_gate_json(cid, &g);

		if (!cli->json)
			printf("candidate %lld: the search may NOT run\n",
			       (long long)cid);
		cli_out(cli, cli->json ? j : json_object_get(j, "reasons"),
			cli_reason_cols);
		json_decref(j);
	} else {
		printf("candidate %lld: the search may run\n", (long long)cid);
	}
	return g.allowed ? 0 : DS_EREFUSED;
}

static const struct cli_verb gate_verbs[] = {
	{ .name = "check", .summary = "Say whether a search of a candidate "
	  "may run and, if not, every reason (exit 1 when not)",
	  .fn = cmd_gate_check, .opts = gate_opts },
	{ 0 }
};

/* ---- audit --------------------------------------------------------- */

static struct cli_opt verify_opts[] = {
	{ .name = "head", .kind = 's', .arg = "SEQ:HASH",
	  .help = "a head kept from 'duesearch audit head': catches rows cut "
		  "from the end" },
	{ 0 }
};

static int cmd_audit_verify(struct cli *cli, struct cli_opt *o, int argc,
			    char **argv, struct ds_err *err)
{
	struct ds_audit_verdict v;
	int rc;

	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_audit_verify(cli->ctx, cli_val(o, "head"), &v, err);
	if (rc)
		return rc;
	if (cli->json) {
		json_t *j = json_pack("{s:b s:I s:I s:s s:s}", "ok", v.ok,
				      "rows", (json_int_t)v.rows, "bad_seq",
				      (json_int_t)v.bad_seq, "problem",
				      v.problem, "head_hash", v.head_hash);

		cli_print_json(j);
		json_decref(j);
	} else if (v.ok) {
		printf("audit trail OK: %lld rows, head %lld:%s\n",
		       (long long)v.rows, (long long)v.rows, v.head_hash);
	} else {
		printf("audit trail BROKEN at row %lld: %s\n",
		       (long long)v.bad_seq, v.problem);
	}
	return v.ok ? 0 : DS_EREFUSED;
}

static int cmd_audit_head(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)o;
	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_audit_head(cli->ctx, &j, err);
	if (!rc && !cli->json)
		printf("%s\n", json_string_value(json_object_get(j, "head")));
	else if (!rc)
		cli_print_json(j);
	json_decref(j);
	return rc;
}

static struct cli_opt audit_show_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "events about this candidate" },
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "events about this vacancy" },
	{ .name = "actor", .kind = 's', .arg = "NAME",
	  .help = "events by this person" },
	{ .name = "action", .kind = 's', .arg = "ACTION",
	  .help = "an action (candidate.add) or its noun (candidate)" },
	{ .name = "since", .kind = 's', .arg = "DATE",
	  .help = "events on or after this date" },
	{ .name = "limit", .kind = 's', .arg = "N",
	  .help = "the last N events only" },
	{ 0 }
};

static int cmd_audit_show(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	struct ds_audit_filter f = {
		.vacancy_ref = cli_val(o, "vacancy"),
		.actor = cli_val(o, "actor"),
		.action = cli_val(o, "action"),
		.since = cli_val(o, "since"),
	};
	json_t *j = NULL;
	int rc = 0;

	(void)argc;
	(void)argv;
	if (cli_val(o, "candidate"))
		rc = cli_id("candidate", cli_val(o, "candidate"),
			    &f.candidate_id, err);
	if (!rc && cli_val(o, "limit") &&
	    cli_id("limit", cli_val(o, "limit"), &f.limit, NULL))
		rc = ds_err_set(err, DS_EUSAGE, "bad --limit '%.20s': use a "
				"positive number", cli_val(o, "limit"));
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_audit_show(cli->ctx, &f, &j, err);
	return show_result(cli, rc, j);
}

static const struct cli_verb audit_verbs[] = {
	{ .name = "verify", .summary = "Check the hash chain; report OK or the "
	  "first bad row (exit 1 when broken) (DPO, admin)",
	  .fn = cmd_audit_verify, .opts = verify_opts },
	{ .name = "head", .summary = "Print the head SEQ:HASH to keep outside "
	  "the database (DPO, admin)", .fn = cmd_audit_head, .opts = no_opts },
	{ .name = "show", .summary = "List audit events (DPO, admin)",
	  .fn = cmd_audit_show, .opts = audit_show_opts },
	{ 0 }
};

const struct cli_noun cli_nouns[] = {
	{ "init", "Create a case file and its key file", init_verbs, 0 },
	{ "org", "The organisation's settings", org_verbs, 0 },
	{ "actor", "People, their roles (recruiter, dsl, dpo, admin)",
	  actor_verbs, 0 },
	{ "school", "The schools of the trust", school_verbs, 0 },
	{ "role", "Roles held trust-wide or for one school", role_verbs, 0 },
	{ "vacancy", "Vacancies and panel declarations", vacancy_verbs, 0 },
	{ "candidate", "Candidates, their status and identity anchors",
	  candidate_verbs, 0 },
	{ "anchor", "A candidate's identity anchors", anchor_verbs, 0 },
	{ "claim", "What the application claims: employment, qualifications, "
	  "facts", claim_verbs, 0 },
	{ "handle", "Social-media handles and sites a candidate declared",
	  handle_verbs, 0 },
	{ "notice", "The notice that online searches may be done",
	  notice_verbs, 0 },
	{ "consent", "The candidate's consent and its withdrawal",
	  consent_verbs, 0 },
	{ "gate", "Whether a search of a candidate may run, and why not",
	  gate_verbs, 0 },
	{ "plan", "A vacancy's search plan: the same steps for every "
	  "candidate", cli_plan_verbs, 0 },
	{ "run", "Run the search plan, resume it, list and show runs",
	  cli_run_verbs, 1 },
	{ "connectors", "The search connectors and who receives what",
	  cli_connectors_verbs, 0 },
	{ "evidence", "Evidence: import a manually saved page, list it",
	  cli_evidence_verbs, 0 },
	{ "findings", "Findings about candidates, for the DSL",
	  cli_findings_verbs, 0 },
	{ "review", "The DSL's decision on a finding", cli_review_verbs, 0 },
	{ "response", "The candidate's answer at interview",
	  cli_response_verbs, 0 },
	{ "report", "Reports for the recruitment file", cli_report_verbs, 0 },
	{ "retention", "Retention and purge (DPO)", cli_retention_verbs, 0 },
	{ "hold", "Legal holds that stop a purge (DPO)", cli_hold_verbs, 0 },
	{ "serve", "The local web interface", cli_serve_verbs, 0 },
	{ "audit", "The hash-chained audit trail", audit_verbs, 0 },
	{ "sar", "Subject access: export a copy, log requests and their due "
	  "dates (DPO)", cli_sar_verbs, 0 },
	{ "ropa", "The record of processing, Article 30 (DPO, admin)",
	  cli_ropa_verbs, 0 },
	{ "dpia", "A pre-filled DPIA draft (DPO, admin)", cli_dpia_verbs, 0 },
	{ "taxonomy", "Try the safeguarding taxonomy on text",
	  cli_taxonomy_verbs, 0 },
	{ NULL, NULL, NULL, 0 }
};
