/*
 * cli_dpo.c: the DPO's commands: subject access, the record of
 * processing, the DPIA draft.
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
#include "records.h"
#include "sar.h"

const struct ds_conf *cli_conf(void);

/* Print {"ok": true, ...} with --json, otherwise the text. */
static void done(struct cli *cli, json_t *j, const char *text)
{
	if (cli->json)
		cli_print_json(j);
	else
		printf("%s\n", text);
	json_decref(j);
}

static struct cli_opt export_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the person who asked" },
	{ .name = "output", .kind = 's', .arg = "DIR",
	  .help = "a new or empty folder for the copy (-o DIR)" },
	{ .name = "format", .kind = 's', .arg = "FMT",
	  .help = "html (default: JSON and HTML) or pdf (the same, and the "
	  "HTML printed to A4 by Chromium)" },
	{ 0 }
};

static int cmd_sar_export(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	const char *dir = cli_val(o, "output");
	const char *fmt = cli_val(o, "format");
	char sha[65], msg[600];
	int64_t cid = 0;
	int rc, pdf = fmt && strcmp(fmt, "pdf") == 0;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "candidate") || !dir)
		return ds_err_set(err, DS_EUSAGE, "an export needs --candidate "
				  "ID and -o DIR");
	if (fmt && !pdf && strcmp(fmt, "html") != 0)
		return ds_err_set(err, DS_EUSAGE, "unknown format '%s': use "
				  "html or pdf", fmt);
	rc = cli_id("candidate", cli_val(o, "candidate"), &cid, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_sar_export_as(cli->ctx, cli_conf(), cid, dir, pdf, sha,
				      err);
	if (rc)
		return rc;
	snprintf(msg, sizeof(msg), "subject access copy written to %s "
		 "(start with subject-access.%s); SHA-256 of its content %s",
		 dir, pdf ? "pdf" : "html", sha);
	done(cli, json_pack("{s:b s:s s:s}", "ok", 1, "dir", dir, "sha256",
			    sha), msg);
	return 0;
}

static struct cli_opt log_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the person who asked" },
	{ .name = "received", .kind = 's', .arg = "DATE",
	  .help = "the day the request arrived (YYYY-MM-DD)" },
	{ 0 }
};

static int cmd_sar_log(struct cli *cli, struct cli_opt *o, int argc,
		       char **argv, struct ds_err *err)
{
	char due[11], msg[128];
	int64_t cid = 0, id = 0;
	int rc;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "candidate") || !cli_val(o, "received"))
		return ds_err_set(err, DS_EUSAGE, "a request needs --candidate "
				  "ID and --received DATE");
	rc = cli_id("candidate", cli_val(o, "candidate"), &cid, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_sar_log(cli->ctx, cid, cli_val(o, "received"), &id, due,
				err);
	if (rc)
		return rc;
	snprintf(msg, sizeof(msg), "request %lld logged: due %s",
		 (long long)id, due);
	done(cli, json_pack("{s:b s:I s:s}", "ok", 1, "request",
			    (json_int_t)id, "due", due), msg);
	return 0;
}

static struct cli_opt extend_opts[] = {
	{ .name = "on", .kind = 's', .arg = "DATE",
	  .help = "when the person was told of the extension and why "
		  "(default today; within the first month)" },
	{ 0 }
};

static struct cli_opt done_opts[] = {
	{ .name = "on", .kind = 's', .arg = "DATE",
	  .help = "when the copy was sent (default today)" },
	{ 0 }
};

static int cmd_sar_extend(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	char due[11], msg[128];
	int64_t id;
	int rc;

	(void)argc;
	rc = cli_id("request", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_sar_extend(cli->ctx, id, cli_val(o, "on"), due, err);
	if (rc)
		return rc;
	snprintf(msg, sizeof(msg), "request %lld extended: due %s",
		 (long long)id, due);
	done(cli, json_pack("{s:b s:I s:s}", "ok", 1, "request",
			    (json_int_t)id, "due", due), msg);
	return 0;
}

static int cmd_sar_done(struct cli *cli, struct cli_opt *o, int argc,
			char **argv, struct ds_err *err)
{
	char msg[64];
	int64_t id;
	int rc;

	(void)argc;
	rc = cli_id("request", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_sar_done(cli->ctx, id, cli_val(o, "on"), err);
	if (rc)
		return rc;
	snprintf(msg, sizeof(msg), "request %lld completed", (long long)id);
	done(cli, json_pack("{s:b s:I}", "ok", 1, "request", (json_int_t)id),
	     msg);
	return 0;
}

static struct cli_opt list_opts[] = {
	{ .name = "all", .kind = 'f',
	  .help = "completed requests too" },
	{ .name = "on", .kind = 's', .arg = "DATE",
	  .help = "judge what is overdue as of this date (default today)" },
	{ 0 }
};

static int cmd_sar_list(struct cli *cli, struct cli_opt *o, int argc,
			char **argv, struct ds_err *err)
{
	static const struct cli_col cols[] = {
		{ .key = "id", .label = "request" }, { .key = "candidate" },
		{ .key = "name" }, { .key = "vacancy" },
		{ .key = "received" }, { .key = "due" },
		{ .key = "extended" }, { .key = "state" },
		{ 0 }
	};
	json_t *j = NULL, *r;
	size_t i;
	int rc;

	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_sar_list(cli->ctx, cli_opt(o, "all")->set,
				 cli_val(o, "on"), &j, err);
	if (rc)
		return rc;
	/* People read where each request stands, worked out here. */
	json_array_foreach(j, i, r) {
		json_int_t left = json_integer_value(json_object_get(r,
							"days_left"));
		char state[64];

		if (cli->json)
			break;
		if (json_is_string(json_object_get(r, "completed")))
			snprintf(state, sizeof(state), "completed %s%s",
				 json_string_value(json_object_get(r,
						"completed")),
				 json_is_true(json_object_get(r, "late")) ?
				 " (late)" : "");
		else if (left == 0)
			snprintf(state, sizeof(state), "due today");
		else if (left < 0)
			snprintf(state, sizeof(state), "OVERDUE by %lld days",
				 (long long)-left);
		else
			snprintf(state, sizeof(state), "due in %lld days",
				 (long long)left);
		json_object_set_new(r, "state", json_string(state));
	}
	cli_out(cli, j, cols);
	json_decref(j);
	return 0;
}

const struct cli_verb cli_sar_verbs[] = {
	{ .name = "export", .summary = "Write everything held on a candidate "
	  "into a new folder: readable HTML and JSON, audited (DPO)",
	  .fn = cmd_sar_export, .opts = export_opts },
	{ .name = "log", .summary = "Log a subject access request; it is due "
	  "one calendar month after it was received (DPO)",
	  .fn = cmd_sar_log, .opts = log_opts },
	{ .name = "extend", .usage = "ID", .summary = "Extend a request by two "
	  "further months, once: due three calendar months after it was "
	  "received (DPO)", .fn = cmd_sar_extend, .opts = extend_opts,
	  .min_args = 1, .max_args = 1 },
	{ .name = "done", .usage = "ID", .summary = "Mark a request completed "
	  "(DPO)", .fn = cmd_sar_done, .opts = done_opts, .min_args = 1,
	  .max_args = 1 },
	{ .name = "list", .summary = "List open requests with their due dates, "
	  "flagging overdue ones (DPO)", .fn = cmd_sar_list,
	  .opts = list_opts },
	{ 0 }
};

static struct cli_opt record_opts[] = {
	{ .name = "format", .kind = 's', .arg = "FORMAT",
	  .help = "md (default), html or json" },
	{ .name = "output", .kind = 's', .arg = "FILE",
	  .help = "write here (mode 0600) instead of standard output" },
	{ 0 }
};


/* ropa and dpia: build, then print or write. */
static int record(struct cli *cli, struct cli_opt *o, enum ds_record_kind k,
		  struct ds_err *err)
{
	const char *out = cli_val(o, "output");
	const char *fmt = cli_val(o, "format");
	char sha[65];
	struct buf b;
	int rc;

	if (!fmt)
		fmt = cli->json ? "json" : "md";
	rc = cli_open(cli, err);
	if (rc)
		return rc;
	buf_init(&b, BUF_CAP_DEFAULT);
	rc = ds_record(cli->ctx, cli_conf(), k, fmt, &b, sha, err);
	if (!rc && out)
		rc = cli_write_private(out, b.ptr, b.len, err);
	else if (!rc && fwrite(b.ptr, 1, b.len, stdout) != b.len)
		rc = ds_err_set(err, DS_EIO, "cannot write the document");
	buf_release(&b);
	if (!rc && out)
		fprintf(stderr, "%s written to %s (SHA-256 of its content "
			"%s)\n", k == DS_RECORD_ROPA ? "record of processing" :
			"DPIA draft", out, sha);
	return rc;
}

static int cmd_ropa(struct cli *cli, struct cli_opt *o, int argc,
		    char **argv, struct ds_err *err)
{
	(void)argc;
	(void)argv;
	return record(cli, o, DS_RECORD_ROPA, err);
}

static int cmd_dpia(struct cli *cli, struct cli_opt *o, int argc,
		    char **argv, struct ds_err *err)
{
	(void)argc;
	(void)argv;
	return record(cli, o, DS_RECORD_DPIA, err);
}

const struct cli_verb cli_ropa_verbs[] = {
	{ .name = "ropa", .summary = "Print the Article 30 record of "
	  "processing, generated from the configuration and the "
	  "organisation's settings (DPO, admin)", .fn = cmd_ropa,
	  .opts = record_opts },
	{ 0 }
};

const struct cli_verb cli_dpia_verbs[] = {
	{ .name = "dpia", .summary = "Print a pre-filled DPIA draft: the "
	  "processing, necessity, the risks with the product's measures, and "
	  "sign-off fields (DPO, admin)", .fn = cmd_dpia,
	  .opts = record_opts },
	{ 0 }
};
