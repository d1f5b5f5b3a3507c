/*
 * cli_retention.c: retention and purge, legal holds, opting out and the
 * consent audit on the command line (the DPO's tools).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
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
	struct ds_retention_conf rc = periods();
	json_t *j = NULL, *d;
	size_t i;
	int r;

	(void)o;
	(void)argc;
	(void)argv;
	r = cli_open(cli, err);
	if (!r)
		r = ds_retention_due(cli->ctx, &rc, &j, err);
	if (r)
		return r;
	if (cli->json) {
		cli_print_json(j);
	} else {
		printf("candidate  vacancy          status        decided     "
		       "due         action   state\n");
		json_array_foreach(j, i, d)
			printf("%-10lld %-16s %-13s %-11s %-11s %-8s %s\n",
			       (long long)json_integer_value(
				       json_object_get(d, "candidate")),
			       str(d, "vacancy"), str(d, "status"),
			       str(d, "decided"), str(d, "due"),
			       str(d, "action"), str(d, "state"));
	}
	json_decref(j);
	return 0;
}

static struct cli_opt purge_opts[] = {
	{ .name = "dry-run", .kind = 'f',
	  .help = "say what would be purged; change nothing" },
	{ 0 }
};

static int cmd_purge(struct cli *cli, struct cli_opt *o, int argc,
		     char **argv, struct ds_err *err)
{
	struct ds_retention_conf rc = periods();
	int dry = cli_opt(o, "dry-run")->set;
	json_t *j = NULL, *d;
	size_t i;
	int r;

	(void)argc;
	(void)argv;
	r = cli_open(cli, err);
	if (!r)
		r = ds_retention_purge(cli->ctx, &rc, dry, &j, err);
	if (r)
		return r;
	if (cli->json) {
		cli_print_json(j);
	} else {
		json_array_foreach(j, i, d) {
			const char *a = str(d, "action");

			if (strcmp(a, "held") == 0)
				printf("candidate %lld (%s): on legal hold, "
				       "kept\n", (long long)json_integer_value(
					       json_object_get(d, "candidate")),
				       str(d, "vacancy"));
			else if (dry)
				printf("would %s candidate %lld (%s): %s\n", a,
				       (long long)json_integer_value(
					       json_object_get(d, "candidate")),
				       str(d, "vacancy"),
				       str(d, "would_remove"));
			else
				printf("candidate %lld (%s): %s; removed %s\n",
				       (long long)json_integer_value(
					       json_object_get(d, "candidate")),
				       str(d, "vacancy"), a, str(d, "removed"));
		}
		if (!json_array_size(j))
			printf("nothing is due\n");
	}
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

	if (!r && cli->json)
		cli_print_json(j);
	else if (!r)
		printf("%skept until %s\n", str(j, "scr"),
		       str(j, "keep_until"));
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
	json_t *j = NULL, *h;
	size_t i;
	int r;

	(void)o;
	(void)argc;
	(void)argv;
	r = cli_open(cli, err);
	if (!r)
		r = ds_hold_list(cli->ctx, &j, err);
	if (r)
		return r;
	if (cli->json)
		cli_print_json(j);
	else
		json_array_foreach(j, i, h)
		{
			char what[64];

			if (json_is_integer(json_object_get(h, "candidate")))
				snprintf(what, sizeof(what), "candidate %lld",
					 (long long)json_integer_value(
						 json_object_get(h,
							"candidate")));
			else
				snprintf(what, sizeof(what), "vacancy %.50s",
					 str(h, "vacancy"));
			printf("hold %lld on %s by %s, %s%s%s: %s\n",
			       (long long)json_integer_value(
				       json_object_get(h, "id")), what,
			       str(h, "placed_by"), str(h, "placed"),
			       json_is_string(json_object_get(h, "released")) ?
			       ", released " : "",
			       json_is_string(json_object_get(h, "released")) ?
			       str(h, "released") : "", str(h, "reason"));
		}
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
	json_t *j = NULL, *v, *c, *f;
	size_t i, k, m;
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
	json_array_foreach(json_object_get(j, "vacancies"), i, v) {
		printf("vacancy %s\n", str(v, "vacancy"));
		json_array_foreach(json_object_get(v, "candidates"), k, c) {
			printf("  candidate %lld: searched %s; notice %s; "
			       "consent %s%s%s%s\n",
			       (long long)json_integer_value(
				       json_object_get(c, "candidate")),
			       str(c, "first_search"), str(c, "notice"),
			       str(c, "consent"),
			       json_is_string(json_object_get(c, "withdrawn")) ?
			       "; withdrawn " : "",
			       json_is_string(json_object_get(c, "withdrawn")) ?
			       str(c, "withdrawn") : "",
			       json_is_true(json_object_get(c,
						"withdrawal_honoured")) ?
			       " (honoured: no step ran after it)" : "");
			json_array_foreach(json_object_get(c, "flags"), m, f)
				printf("    FLAG: %s\n", json_string_value(f));
		}
	}
	printf("%lld problem(s) found\n", (long long)json_integer_value(
		       json_object_get(j, "problems")));
	r = json_integer_value(json_object_get(j, "problems")) ?
	    DS_EREFUSED : 0;
	json_decref(j);
	return r;
}
