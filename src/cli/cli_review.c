/*
 * cli_review.c: findings, the DSL's review, responses, closing a case.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_out.h"
#include "conf.h"
#include "report.h"
#include "review.h"
#include "trust_report.h"

const struct ds_conf *cli_conf(void);

static struct cli_opt list_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "one candidate's findings" },
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "a vacancy's findings" },
	{ .name = "status", .kind = 's', .arg = "STATUS",
	  .help = "open, confirmed, dismissed, not-candidate, referred" },
	{ 0 }
};

/*
 * A finding's categories as a JSON array ("violence,criminal" becomes
 * ["violence", "criminal"]), as --json gives them.
 */
static void as_arrays(json_t *f)
{
	static const char *const keys[] = { "categories" };
	size_t k;

	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const char *s = json_string_value(json_object_get(f, keys[k]));
		json_t *a;

		if (!s)
			continue;
		a = json_array();
		while (a && *s) {
			const char *end = strchr(s, ',');
			size_t n = end ? (size_t)(end - s) : strlen(s);

			if (n)
				json_array_append_new(a, json_stringn(s, n));
			s += n + (end != NULL);
		}
		if (a)
			json_object_set_new(f, keys[k], a);
	}
}

static int cmd_findings_list(struct cli *cli, struct cli_opt *o, int argc,
			     char **argv, struct ds_err *err)
{
	static const struct cli_col cols[] = {
		{ .key = "id", .label = "finding" }, { .key = "candidate" },
		{ .key = "name" }, { .key = "vacancy" }, { .key = "status" },
		{ .key = "identity" }, { .key = "severity" },
		{ .key = "categories" }, { .key = "criminal" },
		{ .key = "special_care" }, { .key = "retrieved" },
		{ 0 }
	};
	json_t *j = NULL, *f;
	int64_t cid = 0;
	size_t i;
	int rc = 0;

	(void)argc;
	(void)argv;
	if (cli_val(o, "candidate"))
		rc = cli_id("candidate", cli_val(o, "candidate"), &cid, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_findings_list(cli->ctx, cid, cli_val(o, "vacancy"),
				      cli_val(o, "status"), &j, err);
	if (rc)
		return rc;
	json_array_foreach(j, i, f)
		as_arrays(f);
	cli_out(cli, j, cols);
	json_decref(j);
	return 0;
}

/* findings show: every member; the reasons and answers never cut. */
static const struct cli_col review_cols[] = {
	{ .key = "decision" }, { .key = "reviewer" }, { .key = "created" },
	{ .key = "identity_confirmed" }, { .key = "reason", .max = -1 },
	{ 0 }
};
static const struct cli_col response_cols[] = {
	{ .key = "outcome" }, { .key = "recorded_by" }, { .key = "created" },
	{ .key = "text", .max = -1 },
	{ 0 }
};
static const struct cli_col fields[] = {
	{ .key = "explanation", .label = "why" },
	{ .key = "reviews", .cols = review_cols },
	{ .key = "responses", .cols = response_cols },
	{ .key = "*" },
	{ 0 }
};

static int cmd_findings_show(struct cli *cli, struct cli_opt *o, int argc,
			     char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int64_t id;
	int rc;

	(void)o;
	(void)argc;
	rc = cli_id("finding", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_finding_show(cli->ctx, id, &j, err);
	if (rc)
		return rc;
	as_arrays(j);
	cli_out(cli, j, fields);
	json_decref(j);
	return 0;
}

static struct cli_opt no_opts[] = { { 0 } };

const struct cli_verb cli_findings_verbs[] = {
	{ .name = "list", .summary = "List findings with their identity "
	  "level, categories and status (DSL)", .fn = cmd_findings_list,
	  .opts = list_opts },
	{ .name = "show", .usage = "ID", .summary = "Show a finding: URL, "
	  "excerpt, why it was flagged, evidence hash, anchors, reviews, "
	  "responses (DSL)",
	  .fn = cmd_findings_show, .opts = no_opts, .min_args = 1,
	  .max_args = 1 },
	{ 0 }
};

static struct cli_opt review_opts[] = {
	{ .name = "decision", .kind = 's', .arg = "DECISION",
	  .help = "confirm, dismiss, not-candidate or refer" },
	{ .name = "reason", .kind = 's', .arg = "TEXT",
	  .help = "why (kept sealed; shown in the report)" },
	{ .name = "identity-confirmed", .kind = 'f',
	  .help = "I checked it is the candidate (needed for a possible "
		  "match)" },
	{ 0 }
};

static int cmd_review(struct cli *cli, struct cli_opt *o, int argc,
		      char **argv, struct ds_err *err)
{
	int64_t id;
	int rc;

	(void)argc;
	if (!cli_val(o, "decision") || !cli_val(o, "reason"))
		return ds_err_set(err, DS_EUSAGE, "a review needs --decision "
				  "and --reason");
	rc = cli_id("finding", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_review(cli->ctx, id, cli_val(o, "decision"),
			       cli_val(o, "reason"),
			       cli_opt(o, "identity-confirmed")->set, err);
	if (!rc)
		printf(cli->json ? "{\"ok\": true}\n" : "decision recorded\n");
	return rc;
}

const struct cli_verb cli_review_verbs[] = {
	{ .name = "review", .usage = "FINDING-ID", .summary = "Record the "
	  "DSL's decision on a finding (DSL)", .fn = cmd_review,
	  .opts = review_opts, .min_args = 1, .max_args = 1 },
	{ 0 }
};

static struct cli_opt response_opts[] = {
	{ .name = "text", .kind = 's', .arg = "TEXT",
	  .help = "what the candidate said" },
	{ .name = "outcome", .kind = 's', .arg = "OUTCOME",
	  .help = "no-concern, resolved or referred" },
	{ 0 }
};

static int cmd_response_record(struct cli *cli, struct cli_opt *o, int argc,
			       char **argv, struct ds_err *err)
{
	int64_t id;
	int rc;

	(void)argc;
	if (!cli_val(o, "text") || !cli_val(o, "outcome"))
		return ds_err_set(err, DS_EUSAGE, "a response needs --text and "
				  "--outcome");
	rc = cli_id("finding", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_response_record(cli->ctx, id, cli_val(o, "text"),
					cli_val(o, "outcome"), err);
	if (!rc)
		printf(cli->json ? "{\"ok\": true}\n" : "response recorded\n");
	return rc;
}

const struct cli_verb cli_response_verbs[] = {
	{ .name = "record", .usage = "FINDING-ID", .summary = "Record the "
	  "candidate's answer at interview to a confirmed finding "
	  "(recruiter, DSL)", .fn = cmd_response_record,
	  .opts = response_opts, .min_args = 1, .max_args = 1 },
	{ 0 }
};

static struct cli_opt report_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "one candidate's online-search record" },
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "every shortlisted candidate of a vacancy side by side" },
	{ .name = "scr", .kind = 'f',
	  .help = "single-central-record lines instead (csv or json)" },
	{ .name = "format", .kind = 's', .arg = "FORMAT",
	  .help = "html (default), md, json, csv, or pdf (printed by "
	  "headless Chromium, which must be installed)" },
	{ .name = "output", .kind = 's', .arg = "FILE",
	  .help = "write here (mode 0600) instead of standard output" },
	{ .name = "trust", .kind = 'f',
	  .help = "the trust's view: searches per school and vacancy, "
	  "counts only (html or csv)" },
	{ .name = "from", .kind = 's', .arg = "DATE",
	  .help = "with --trust: searches from this day, YYYY-MM-DD" },
	{ .name = "to", .kind = 's', .arg = "DATE",
	  .help = "with --trust: searches up to this day, YYYY-MM-DD" },
	{ 0 }
};

/* report --trust: the trust's view over a period. */
static int cmd_report_trust(struct cli *cli, struct cli_opt *o,
			    struct ds_err *err)
{
	const char *out = cli_val(o, "output");
	struct buf b;
	int rc = 0;

	if (cli_val(o, "candidate") || cli_val(o, "vacancy") ||
	    cli_opt(o, "scr")->set)
		return ds_err_set(err, DS_EUSAGE, "--trust covers every "
				  "vacancy: leave out --candidate, --vacancy "
				  "and --scr");
	rc = cli_open(cli, err);
	if (rc)
		return rc;
	if (cli->json && !out) {
		json_t *j = NULL;

		rc = ds_trust_report_json(cli->ctx, cli_val(o, "from"),
					  cli_val(o, "to"),
					  cli_conf()->retention_months, &j,
					  err);
		if (!rc)
			cli_print_json(j);
		json_decref(j);
		return rc;
	}
	buf_init(&b, 64u << 20);
	rc = ds_trust_report(cli->ctx, cli_val(o, "from"), cli_val(o, "to"),
			     cli_conf()->retention_months,
			     cli_val(o, "format"), &b, err);
	if (!rc && out)
		rc = cli_write_private(out, b.ptr, b.len, err);
	else if (!rc && fwrite(b.ptr, 1, b.len, stdout) != b.len)
		rc = ds_err_set(err, DS_EIO, "cannot write the report");
	buf_release(&b);
	if (!rc && out)
		fprintf(stderr, "report written to %s\n", out);
	return rc;
}

static int cmd_report(struct cli *cli, struct cli_opt *o, int argc,
		      char **argv, struct ds_err *err)
{
	struct ds_report_opts ro = {
		.format = cli_val(o, "format") ? cli_val(o, "format") :
			  cli_opt(o, "scr")->set ? "csv" : "html",
		.vacancy_ref = cli_val(o, "vacancy"),
		.marking = cli_conf()->marking,
	};
	const char *out = cli_val(o, "output");
	char sha[65];
	struct buf b;
	int rc = 0;

	(void)argc;
	(void)argv;
	if (cli_opt(o, "trust")->set)
		return cmd_report_trust(cli, o, err);
	if (cli_val(o, "from") || cli_val(o, "to"))
		return ds_err_set(err, DS_EUSAGE, "--from and --to go with "
				  "--trust");
	if (cli_val(o, "candidate"))
		rc = cli_id("candidate", cli_val(o, "candidate"),
			    &ro.candidate_id, err);
	if (!rc && !ro.candidate_id == !ro.vacancy_ref)
		rc = ds_err_set(err, DS_EUSAGE, "say which report: --candidate "
				"ID or --vacancy REF");
	ro.kind = cli_opt(o, "scr")->set ? DS_REPORT_SCR : ro.candidate_id ?
		  DS_REPORT_CANDIDATE : DS_REPORT_VACANCY;
	if (!rc)
		rc = cli_open(cli, err);
	if (rc)
		return rc;
	buf_init(&b, 64u << 20);
	rc = ds_report(cli->ctx, &ro, &b, sha, err);
	if (!rc && out)
		rc = cli_write_private(out, b.ptr, b.len, err);
	else if (!rc && fwrite(b.ptr, 1, b.len, stdout) != b.len)
		rc = ds_err_set(err, DS_EIO, "cannot write the report");
	buf_release(&b);
	if (!rc && out)
		fprintf(stderr, "report written to %s (SHA-256 of its content "
			"%s)\n", out, sha);
	return rc;
}

const struct cli_verb cli_report_verbs[] = {
	{ .name = "report", .summary = "Write the recruitment-file report of a "
	  "candidate, or a vacancy's side by side, or the single-central-"
	  "record lines; stored with its hash and audited", .fn = cmd_report,
	  .opts = report_opts },
	{ 0 }
};
