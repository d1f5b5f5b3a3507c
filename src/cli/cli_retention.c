/*
 * cli_retention.c: retention and purge, legal holds, opting out and the
 * consent audit on the command line (the DPO's tools).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_out.h"
#include "buf.h"
#include "conf.h"
#include "retention.h"

const struct ds_conf *cli_conf(void);

static struct cli_opt no_opts[] = { { 0 } };

/* The retention periods from the configuration. */
static struct ds_retention_conf periods(void)
{
	struct ds_retention_conf rc = {
		.months = cli_conf()->retention_months,
		.appointee_months = cli_conf()->appointee_months,
	};

	return rc;
}

/* A string member, or "-". */
static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "-";
}

static int cmd_due(struct cli *cli, struct cli_opt *o, int argc, char **argv,
		   struct ds_err *err)
{
	static const struct cli_col cols[] = {
		{ .key = "candidate" }, { .key = "name" },
		{ .key = "vacancy" }, { .key = "status" },
		{ .key = "decided" }, { .key = "due" },
		{ .key = "action" }, { .key = "state" },
		{ .key = "archived" },
		{ 0 }
	};
	struct ds_retention_conf rc = periods();
	json_t *j = NULL;
	int r;

	(void)o;
	(void)argc;
	(void)argv;
	r = cli_open(cli, err);
	if (!r)
		r = ds_retention_due(cli->ctx, &rc, &j, err);
	if (r)
		return r;
	cli_out(cli, j, cols);
	json_decref(j);
	return 0;
}

static struct cli_opt purge_opts[] = {
	{ .name = "dry-run", .kind = 'f',
	  .help = "say what would be purged; change nothing" },
	{ 0 }
};

/*
 * The library's counts ("anchors=5 handles=0 claims=3") for people:
 * "anchors 5, claims 3" (the rows that are not none), into b.
 */
static const char *counts_text(const char *s, struct buf *b)
{
	const char *end, *eq;

	buf_reset(b);
	for (; s && *s; s = *end ? end + 1 : end) {
		end = strchr(s, ' ');
		if (!end)
			end = s + strlen(s);
		eq = memchr(s, '=', (size_t)(end - s));
		if (!eq || (end - eq == 2 && eq[1] == '0'))
			continue;
		buf_addf(b, "%s%.*s %.*s", b->len ? ", " : "",
			 (int)(eq - s), s, (int)(end - eq - 1), eq + 1);
	}
	return b->len && !buf_failed(b) ? b->ptr : "nothing";
}

/*
 * What a purge did, or would do, one row a candidate: a held one is
 * "kept (legal hold)", a dry run's "would purge" with what it would remove.
 */
static void print_purge(json_t *j, int dry)
{
	const struct cli_col cols[] = {
		{ .key = "candidate" }, { .key = "vacancy" },
		{ .key = "action" },
		{ .key = "what", .label = dry ? "would remove" : "removed",
		  .max = -1 },
		{ 0 }
	};
	json_t *rows = json_array(), *d;
	struct buf b;
	char act[64];
	size_t i;

	buf_init(&b, 4096);
	json_array_foreach(j, i, d) {
		const char *a = str(d, "action");
		int held = strcmp(a, "held") == 0;
		json_t *what = json_object_get(d, dry ? "would_remove" :
					       "removed");

		snprintf(act, sizeof(act), "%s%s", held ? "kept (legal hold)" :
			 dry ? "would " : "", held ? "" : a);
		json_array_append_new(rows, json_pack("{s:O s:O s:s s:s?}",
			"candidate", json_object_get(d, "candidate"),
			"vacancy", json_object_get(d, "vacancy"), "action",
			act, "what", what ? counts_text(json_string_value(what),
							&b) : NULL));
	}
	buf_release(&b);
	cli_out_table(rows, cols, 0);
	json_decref(rows);
}

static int cmd_purge(struct cli *cli, struct cli_opt *o, int argc,
		     char **argv, struct ds_err *err)
{
	struct ds_retention_conf rc = periods();
	int dry = cli_opt(o, "dry-run")->set;
	json_t *j = NULL;
	int r;

	(void)argc;
	(void)argv;
	r = cli_open(cli, err);
	if (!r)
		r = ds_retention_purge(cli->ctx, &rc, dry, &j, err);
	if (r)
		return r;
	if (cli->json)
		cli_print_json(j);
	else if (!json_array_size(j))
		printf("nothing is due\n");
	else
		print_purge(j, dry);
	json_decref(j);
	return 0;
}

static struct cli_opt archive_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the appointee" },
	{ .name = "output", .kind = 's', .arg = "FILE",
	  .help = "write the archived report here (else print the SCR line)" },
	{ 0 }
};

static int cmd_archive(struct cli *cli, struct cli_opt *o, int argc,
		       char **argv, struct ds_err *err)
{
	static const struct cli_col fields[] = {
		{ .key = "candidate" }, { .key = "scr" },
		{ .key = "report_sha256" }, { .key = "archived" },
		{ .key = "keep_until" },
		{ 0 }
	};
	json_t *j = NULL;
	int64_t cid;
	int r;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "candidate"))
		return ds_err_set(err, DS_EUSAGE, "pass --candidate ID");
	r = cli_id("candidate", cli_val(o, "candidate"), &cid, err);
	if (!r)
		r = cli_open(cli, err);
	if (!r)
		r = ds_archive_show(cli->ctx, cid, &j, err);
	if (r)
		return r;
	if (cli_val(o, "output")) {
		const char *rep = str(j, "report");

		r = cli_write_private(cli_val(o, "output"), rep, strlen(rep),
				      err);
	}

	/* The archived report itself goes to -o FILE, not to the screen. */
	if (!r)
		cli_out(cli, j, cli->json ? NULL : fields);
	json_decref(j);
	return r;
}

const struct cli_verb cli_retention_verbs[] = {
	{ .name = "due", .summary = "List every candidate with when retention "
	  "purges (or archives) them and why not yet (DPO)", .fn = cmd_due,
	  .opts = no_opts },
	{ .name = "purge", .summary = "Purge (or archive the appointee of) "
	  "what is due: rows deleted, data key destroyed, file vacuumed "
	  "(DPO)", .fn = cmd_purge, .opts = purge_opts },
	{ .name = "archive", .summary = "Show the appointee's archived SCR "
	  "line and report (DPO)", .fn = cmd_archive, .opts = archive_opts },
	{ 0 }
};

static struct cli_opt hold_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "hold one candidate" },
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "hold every candidate of a vacancy" },
	{ .name = "reason", .kind = 's', .arg = "TEXT",
	  .help = "the claim or investigation (a reference, no personal "
		  "data)" },
	{ 0 }
};

static int cmd_hold_add(struct cli *cli, struct cli_opt *o, int argc,
			char **argv, struct ds_err *err)
{
	int64_t cid = 0, id;
	int r = 0;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "reason"))
		return ds_err_set(err, DS_EUSAGE, "a hold needs --reason TEXT");
	if (cli_val(o, "candidate"))
		r = cli_id("candidate", cli_val(o, "candidate"), &cid, err);
	if (!r)
		r = cli_open(cli, err);
	if (!r)
		r = ds_hold_add(cli->ctx, cid, cli_val(o, "vacancy"),
				cli_val(o, "reason"), &id, err);
	if (!r)
		printf(cli->json ? "{\"ok\": true, \"hold\": %lld}\n" :
		       "hold %lld placed: nothing it covers is purged until "
		       "it is released\n", (long long)id);
	return r;
}

static int cmd_hold_release(struct cli *cli, struct cli_opt *o, int argc,
			    char **argv, struct ds_err *err)
{
	int64_t id;
	int r;

	(void)o;
	(void)argc;
	r = cli_id("hold", argv[0], &id, err);
	if (!r)
		r = cli_open(cli, err);
	if (!r)
		r = ds_hold_release(cli->ctx, id, err);
	if (!r)
		printf(cli->json ? "{\"ok\": true}\n" : "hold released\n");
	return r;
}

static int cmd_hold_list(struct cli *cli, struct cli_opt *o, int argc,
			 char **argv, struct ds_err *err)
{
	static const struct cli_col cols[] = {
		{ .key = "id", .label = "hold" }, { .key = "candidate" },
		{ .key = "name" }, { .key = "vacancy" },
		{ .key = "placed_by" }, { .key = "placed" },
		{ .key = "released" }, { .key = "reason" },
		{ 0 }
	};
	json_t *j = NULL;
	int r;

	(void)o;
	(void)argc;
	(void)argv;
	r = cli_open(cli, err);
	if (!r)
		r = ds_hold_list(cli->ctx, &j, err);
	if (r)
		return r;
	cli_out(cli, j, cols);
	json_decref(j);
	return 0;
}

const struct cli_verb cli_hold_verbs[] = {
	{ .name = "add", .summary = "Place a legal hold on a candidate or a "
	  "vacancy: no purge until released (DPO)", .fn = cmd_hold_add,
	  .opts = hold_opts },
	{ .name = "release", .usage = "HOLD-ID", .summary = "Release a hold "
	  "(DPO)", .fn = cmd_hold_release, .opts = no_opts, .min_args = 1,
	  .max_args = 1 },
	{ .name = "list", .summary = "List holds (DPO)", .fn = cmd_hold_list,
	  .opts = no_opts },
	{ 0 }
};

struct cli_opt cli_optout_opts[] = {
	{ .name = "reason", .kind = 's', .arg = "TEXT",
	  .help = "why the organisation does not search" },
	{ 0 }
};

int cli_cmd_opt_out(struct cli *cli, struct cli_opt *o, int argc,
		       char **argv, struct ds_err *err)
{
	int r;

	(void)argc;
	(void)argv;
	r = cli_open(cli, err);
	if (!r)
		r = ds_org_opt_out(cli->ctx, cli_val(o, "reason"), err);
	if (!r)
		printf(cli->json ? "{\"ok\": true}\n" : "recorded: the "
		       "organisation does not search; the gate refuses every "
		       "search\n");
	return r;
}

int cli_cmd_opt_in(struct cli *cli, struct cli_opt *o, int argc,
		      char **argv, struct ds_err *err)
{
	int r;

	(void)o;
	(void)argc;
	(void)argv;
	r = cli_open(cli, err);
	if (!r)
		r = ds_org_opt_in(cli->ctx, err);
	if (!r)
		printf(cli->json ? "{\"ok\": true}\n" : "recorded: the "
		       "organisation searches again\n");
	return r;
}

struct cli_opt cli_consent_report_opts[] = {
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "one vacancy (default: all)" },
	{ 0 }
};

int cli_cmd_consent_report(struct cli *cli, struct cli_opt *o, int argc,
			      char **argv, struct ds_err *err)
{
	static const struct cli_col cand_cols[] = {
		{ .key = "withdrawal_honoured", .label = "honoured" },
		{ .key = "flags", .max = -1 },
		{ .key = "*" },
		{ 0 }
	};
	static const struct cli_col cols[] = {
		{ .key = "*", .cols = cand_cols },
		{ 0 }
	};
	json_t *j = NULL, *v, *people;
	char label[128];
	size_t i;
	int r;

	(void)argc;
	(void)argv;
	r = cli_open(cli, err);
	if (!r)
		r = ds_consent_report(cli->ctx, cli_val(o, "vacancy"), &j, err);
	if (r)
		return r;
	if (cli->json) {
		cli_print_json(j);
		json_decref(j);
		return 0;
	}
	/* One table of candidates under each vacancy, then the count. */
	people = json_object();
	json_array_foreach(json_object_get(j, "vacancies"), i, v) {
		snprintf(label, sizeof(label), "vacancy %s", str(v, "vacancy"));
		json_object_set(people, label, json_object_get(v,
							     "candidates"));
	}
	json_object_set(people, "problems", json_object_get(j, "problems"));
	cli_out_record(people, cols, 0);
	json_decref(people);
	r = json_integer_value(json_object_get(j, "problems")) ?
	    DS_EREFUSED : 0;
	json_decref(j);
	return r;
}
