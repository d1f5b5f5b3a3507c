/*
 * cli_run.c: the search run, plans and connectors on the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "cli.h"
#include "cli_out.h"
#include "conf.h"
#include "connector.h"
#include "review.h"
#include "run.h"
#include "sandbox.h"
#include "selftest.h"

const struct ds_conf *cli_conf(void);

/* How progress is shown: a live line on a terminal, log lines, JSON. */
struct progress {
	struct cli *cli;
	int tty;
	int live;       /* a live line is on screen */
	json_t *planned; /* a dry run's steps, shown as one table */
};

/* Clear the live line before printing a log line over it. */
static void clear_live(struct progress *p)
{
	if (p->live) {
		fprintf(stderr, "\r\033[K");
		p->live = 0;
	}
}

static void on_event_json(const struct ds_run_event *ev)
{
	static const char *const types[] = {
		"refused", "planned", "started", "step", "stopped", "finished"
	};
	json_t *j = json_pack("{s:s s:I}", "event", types[ev->type], "run",
			      (json_int_t)ev->run_id);
	char *s;

	if (ev->candidate_id)
		json_object_set_new(j, "candidate",
				    json_integer(ev->candidate_id));
	if (ev->step_id)
		json_object_set_new(j, "step", json_integer(ev->step_id));
	if (ev->plan_step)
		json_object_set_new(j, "plan_step", json_integer((json_int_t)
							ev->plan_step));
	if (ev->kind)
		json_object_set_new(j, "kind", json_string(ev->kind));
	if (ev->connector)
		json_object_set_new(j, "connector",
				    json_string(ev->connector));
	if (ev->query)
		json_object_set_new(j, "query", json_string(ev->query));
	if (ev->outcome)
		json_object_set_new(j, "outcome", json_string(ev->outcome));
	if (ev->detail && *ev->detail)
		json_object_set_new(j, "detail", json_string(ev->detail));
	if (ev->type == DS_EV_STEP)
		json_object_set_new(j, "results", json_integer(ev->results));
	if (ev->total) {
		json_object_set_new(j, "done", json_integer((json_int_t)
							    ev->done));
		json_object_set_new(j, "total", json_integer((json_int_t)
							     ev->total));
	}
	if (ev->gate) {
		json_t *g = ds_gate_json(ev->candidate_id, ev->gate);

		json_object_set_new(j, "reasons",
				    json_incref(json_object_get(g, "reasons")));
		json_decref(g);
	}
	s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
	if (s)
		printf("%s\n", s);
	fflush(stdout);
	free(s);
	json_decref(j);
}

static void on_event(void *user, const struct ds_run_event *ev)
{
	struct progress *p = user;
	json_t *g;

	if (p->cli->json) {
		on_event_json(ev);
		return;
	}
	switch (ev->type) {
	case DS_EV_REFUSED:
		clear_live(p);
		printf("candidate %lld: refused by the gate, not searched:\n",
		       (long long)ev->candidate_id);
		g = ds_gate_json(ev->candidate_id, ev->gate);
		cli_out_table(json_object_get(g, "reasons"), cli_reason_cols,
			      2);
		json_decref(g);
		break;
	case DS_EV_PLANNED:
		if (!p->planned)
			p->planned = json_array();
		json_array_append_new(p->planned, json_pack("{s:I s:I s:s s:s "
			"s:s? s:s?}", "candidate", (json_int_t)ev->candidate_id,
			"step", (json_int_t)ev->plan_step, "kind", ev->kind,
			"connector", ev->connector, "skipped", ev->detail,
			"query", ev->query));
		break;
	case DS_EV_STARTED:
		printf("run %lld: %zu steps", (long long)ev->run_id,
		       ev->total);
		if (ev->skipped)
			printf(", %zu not applicable (skipped)", ev->skipped);
		if (ev->done > ev->skipped)
			printf(", %zu done before", ev->done - ev->skipped);
		printf(", %zu to run\n", ev->total - ev->done);
		break;
	case DS_EV_STEP:
		if (p->tty) {
			fprintf(stderr, "\r\033[Krun %lld: %zu/%zu steps | "
				"%.40s %zu/%zu | %s",
				(long long)ev->run_id, ev->done, ev->total,
				ev->candidate ? ev->candidate : "?",
				ev->cand_done, ev->cand_total, ev->connector);
			p->live = 1;
		} else {
			printf("step %lld candidate %lld %s %s: %s%s%s "
			       "(%u results) [%zu/%zu]\n",
			       (long long)ev->step_id,
			       (long long)ev->candidate_id, ev->kind,
			       ev->connector, ev->outcome,
			       ev->detail && *ev->detail ? ": " : "",
			       ev->detail ? ev->detail : "", ev->results,
			       ev->done, ev->total);
		}
		break;
	case DS_EV_STOPPED:
		clear_live(p);
		printf("candidate %lld: %s\n", (long long)ev->candidate_id,
		       ev->detail);
		break;
	case DS_EV_FINISHED:
		clear_live(p);
		break;
	}
	fflush(stdout);
}

/* The closing summary. */
static void summary(struct cli *cli, const struct ds_run_summary *s,
		    int dry, json_t *planned)
{
	size_t i;

	if (cli->json) {
		json_t *by = json_object(), *j;
		char *txt;

		for (i = 0; i < DS_STEP_NOUTCOMES; i++)
			json_object_set_new(by, ds_step_outcome_name(i),
					    json_integer((json_int_t)
							 s->by_outcome[i]));
		j = json_pack("{s:s s:I s:I s:I s:I s:I s:o}", "event",
			      "summary", "run", (json_int_t)s->run_id,
			      "candidates", (json_int_t)s->candidates,
			      "refused", (json_int_t)s->refused,
			      "stopped", (json_int_t)s->stopped,
			      "steps", (json_int_t)s->steps,
			      "outcomes", by);
		json_object_set_new(j, "pages", json_pack("{s:I s:I s:I s:I "
			"s:I}", "read", (json_int_t)s->pages_read,
			"not_public", (json_int_t)s->pages_not_public,
			"not_read", (json_int_t)s->pages_not_read,
			"over_limit", (json_int_t)s->pages_over_limit,
			"cut", (json_int_t)s->pages_cut));
		txt = json_dumps(j, JSON_COMPACT);
		if (txt)
			printf("%s\n", txt);
		free(txt);
		json_decref(j);
		return;
	}
	if (dry) {
		if (planned)
			cli_out_table(planned, NULL, 0);
		printf("dry run: %zu steps for %zu candidates (%zu refused); "
		       "nothing was sent\n", s->steps, s->candidates,
		       s->refused);
		return;
	}
	printf("run %lld: %zu candidates searched, %zu refused, %zu stopped; "
	       "%zu steps:", (long long)s->run_id, s->candidates, s->refused,
	       s->stopped, s->steps);
	for (i = 0; i < DS_STEP_NOUTCOMES; i++)
		if (s->by_outcome[i])
			printf(" %zu %s", s->by_outcome[i],
			       ds_step_outcome_name(i));
	printf("\n");
	if (s->pages_read || s->pages_not_public || s->pages_not_read ||
	    s->pages_over_limit)
		printf("result pages: %zu read, %zu not public, %zu not read "
		       "(gaps: their steps are inconclusive), %zu past the "
		       "follow limit\n", s->pages_read, s->pages_not_public,
		       s->pages_not_read, s->pages_over_limit);
	if (s->pages_cut)
		printf("%zu page%s cut at the parser's %s: judged on what was "
		       "read, not all of %s\n", s->pages_cut,
		       s->pages_cut == 1 ? "" : "s",
		       ds_run_cut_name(s->cut_how),
		       s->pages_cut == 1 ? "it" : "them");
}

static struct cli_opt run_opts[] = {
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "search every shortlisted candidate of the vacancy" },
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "search one candidate" },
	{ .name = "dry-run", .kind = 'f',
	  .help = "show the steps and queries; send nothing, store nothing" },
	{ 0 }
};

static int cmd_run_start(struct cli *cli, struct cli_opt *o, int argc,
			 char **argv, struct ds_err *err)
{
	struct progress p = { .cli = cli, .tty = isatty(2) };
	struct ds_run_opts ro = {
		.conf = cli_conf(), .vacancy_ref = cli_val(o, "vacancy"),
		.dry_run = cli_opt(o, "dry-run")->set,
		.progress = on_event, .progress_user = &p,
	};
	struct ds_run_summary s;
	int rc = 0;

	(void)argc;
	(void)argv;
	if (cli_val(o, "candidate"))
		rc = cli_id("candidate", cli_val(o, "candidate"),
			    &ro.candidate_id, err);
	if (!rc && !ro.vacancy_ref && !ro.candidate_id)
		rc = ds_err_set(err, DS_EUSAGE, "say what to search: --vacancy "
				"REF or --candidate ID");
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_run_start(cli->ctx, &ro, &s, err);
	clear_live(&p);
	if (!rc)
		summary(cli, &s, ro.dry_run, p.planned);
	json_decref(p.planned);
	if (!rc) {
		/*
		 * Nobody searched is a no (1); some searched and some
		 * refused is a partial success (2), told apart so a script
		 * knows the searches it asked for were made.
		 */
		if (s.refused && !s.candidates)
			return DS_EREFUSED;
		if (s.refused)
			cli->exit_code = 2;
	}
	return rc;
}

static struct cli_opt resume_opts[] = {
	{ .name = "run", .kind = 's', .arg = "ID",
	  .help = "the run to resume (default: every unfinished run)" },
	{ 0 }
};

static int cmd_run_resume(struct cli *cli, struct cli_opt *o, int argc,
			  char **argv, struct ds_err *err)
{
	struct progress p = { .cli = cli, .tty = isatty(2) };
	struct ds_run_opts ro = { .conf = cli_conf(), .progress = on_event,
				  .progress_user = &p };
	struct ds_run_summary s;
	int64_t id = 0;
	int rc = 0;

	(void)argc;
	(void)argv;
	if (cli_val(o, "run"))
		rc = cli_id("run", cli_val(o, "run"), &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_run_resume(cli->ctx, &ro, id, &s, err);
	clear_live(&p);
	if (!rc)
		summary(cli, &s, 0, NULL);
	return rc;
}

static struct cli_opt no_opts[] = { { 0 } };

static int cmd_run_list(struct cli *cli, struct cli_opt *o, int argc,
			char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)o;
	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_run_list(cli->ctx, &j, err);
	if (!rc)
		cli_out(cli, j, NULL);
	json_decref(j);
	return rc;
}

/* run show: the run, then its steps with what their results came to. */
static const struct cli_col step_cols[] = {
	{ .key = "id", .label = "step" }, { .key = "candidate" },
	{ .key = "kind" }, { .key = "connector" }, { .key = "status" },
	{ .key = "outcome" }, { .key = "results" },
	{ .key = "not_candidate" }, { .key = "not_relevant" },
	{ .key = "protected_dropped", .label = "protected" },
	{ .key = "findings" }, { .key = "query" },
	{ 0 }
};
static const struct cli_col run_fields[] = {
	{ .key = "id", .label = "run" }, { .key = "vacancy" },
	{ .key = "plan_version" }, { .key = "searcher" }, { .key = "status" },
	{ .key = "started" }, { .key = "finished" }, { .key = "pending" },
	{ .key = "steps", .cols = step_cols },
	{ 0 }
};

static int cmd_run_show(struct cli *cli, struct cli_opt *o, int argc,
			char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int64_t id;
	int rc;

	(void)o;
	(void)argc;
	rc = cli_id("run", argv[0], &id, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_run_show(cli->ctx, id, &j, err);
	if (!rc)
		cli_out(cli, j, run_fields);
	json_decref(j);
	return rc;
}

const struct cli_verb cli_run_verbs[] = {
	{ .name = "start", .summary = "Run the vacancy's search plan for its "
	  "shortlisted candidates, after the gate, asked again before each "
	  "request and store: a candidate it stops is counted 'stopped' "
	  "(recruiter); 'duesearch run --vacancy REF' is the same",
	  .fn = cmd_run_start,
	  .opts = run_opts },
	{ .name = "resume", .summary = "Carry on with an interrupted run: "
	  "nothing is done twice (recruiter)", .fn = cmd_run_resume,
	  .opts = resume_opts },
	{ .name = "list", .summary = "List runs", .fn = cmd_run_list,
	  .opts = no_opts },
	{ .name = "show", .usage = "ID", .summary = "Show a run's steps and "
	  "their outcomes", .fn = cmd_run_show, .opts = no_opts,
	  .min_args = 1, .max_args = 1 },
	{ 0 }
};

static struct cli_opt plan_show_opts[] = {
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "the vacancy (default: the organisation's default plan)" },
	{ 0 }
};

/* plan show: the steps in one order, whichever the stored plan has. */
static const struct cli_col plan_step_cols[] = {
	{ .key = "step" }, { .key = "kind" }, { .key = "connector" },
	{ .key = "template" },
	{ 0 }
};
static const struct cli_col plan_plan_fields[] = {
	{ .key = "steps", .cols = plan_step_cols }, { .key = "*" },
	{ 0 }
};
static const struct cli_col plan_fields[] = {
	{ .key = "plan", .cols = plan_plan_fields }, { .key = "*" },
	{ 0 }
};

static int cmd_plan_show(struct cli *cli, struct cli_opt *o, int argc,
			 char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int rc;

	(void)argc;
	(void)argv;
	rc = cli_open(cli, err);
	if (!rc)
		rc = ds_plan_show(cli->ctx, cli_conf(), cli_val(o, "vacancy"),
				  &j, err);
	/* People see the steps numbered, as a dry run and deviations do. */
	if (!rc && !cli->json) {
		json_t *steps = json_object_get(json_object_get(j, "plan"),
						"steps"), *st;
		size_t i;

		json_array_foreach(steps, i, st) {
			json_t *n = json_pack("{s:I}", "step",
					      (json_int_t)i + 1);

			json_object_update(n, st);
			json_array_set_new(steps, i, n);
		}
	}
	if (!rc)
		cli_out(cli, j, plan_fields);
	json_decref(j);
	return rc;
}

static struct cli_opt plan_set_opts[] = {
	{ .name = "vacancy", .kind = 's', .arg = "REF",
	  .help = "the vacancy" },
	{ .name = "file", .kind = 's', .arg = "FILE",
	  .help = "an INI file with a [plan] section of 'step = ...' lines" },
	{ .name = "reason", .kind = 's', .arg = "TEXT",
	  .help = "why the plan differs (needed once the vacancy was "
		  "searched: a deviation)" },
	{ 0 }
};

static int cmd_plan_set(struct cli *cli, struct cli_opt *o, int argc,
			char **argv, struct ds_err *err)
{
	struct ds_conf pc;
	int rc;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "vacancy") || !cli_val(o, "file"))
		return ds_err_set(err, DS_EUSAGE, "pass --vacancy REF and "
				  "--file FILE");
	ds_conf_init(&pc);
	rc = ds_conf_load(&pc, cli_val(o, "file"), 0, err);
	if (!rc && !pc.plan_steps_given)
		rc = ds_err_set(err, DS_ECONFIG, "'%s' has no [plan] 'step = "
				"...' lines", cli_val(o, "file"));
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_plan_set(cli->ctx, cli_val(o, "vacancy"), &pc.plan,
				 cli_val(o, "reason"), err);
	ds_conf_release(&pc);
	if (!rc)
		printf(cli->json ? "{\"ok\": true}\n" : "plan recorded\n");
	return rc;
}

const struct cli_verb cli_plan_verbs[] = {
	{ .name = "show", .summary = "Show a vacancy's plan (version, hash, "
	  "steps) and its history", .fn = cmd_plan_show,
	  .opts = plan_show_opts },
	{ .name = "set", .summary = "Give a vacancy its own plan (recruiter)",
	  .fn = cmd_plan_set, .opts = plan_set_opts },
	{ 0 }
};

static int cmd_connectors_list(struct cli *cli, struct cli_opt *o, int argc,
			       char **argv, struct ds_err *err)
{
	/* Who receives what, and where: cut so a row stays on a line. */
	static const struct cli_col cols[] = {
		{ .key = "name" }, { .key = "provider", .max = 40 },
		{ .key = "location", .max = 30 },
		{ .key = "data_sent", .label = "sends", .max = 50 },
		{ .key = "base_url", .label = "endpoint" },
		{ 0 }
	};
	json_t *list = json_array();
	size_t i;

	(void)o;
	(void)argc;
	(void)argv;
	(void)err;
	for (i = 0; ds_connector_at(i); i++) {
		const struct ds_connector *c = ds_connector_at(i);
		const struct ds_conf_connector *cc =
			ds_conf_connector(cli_conf(), c->name);
		json_t *kinds = json_array(), *plats = json_array();
		unsigned k;

		for (k = 1; k <= DS_STEP_MANUAL; k <<= 1)
			if (c->steps & k)
				json_array_append_new(kinds, json_string(
					ds_step_kind_name(k)));
		for (k = 0; c->platforms && c->platforms[k]; k++)
			json_array_append_new(plats, json_string(
				strcmp(c->platforms[k], DS_PLATFORM_ANY) ?
				c->platforms[k] : "any site of the profile "
				"site list"));
		json_array_append_new(list, json_pack("{s:s s:s s:s s:s s:s "
			"s:o s:o s:b s:o}", "name", c->name, "title", c->title,
			"provider", c->provider, "location", c->location,
			"data_sent", c->data_sent, "steps", kinds,
			"platforms", plats, "needs_key",
			!!(c->flags & DS_CONN_NEEDS_KEY),
			"base_url", cc && cc->base_url ?
			json_string(cc->base_url) : c->default_base_url ?
			json_string(c->default_base_url) : json_null()));
	}
	cli_out(cli, list, cols);
	json_decref(list);
	return 0;
}

static struct cli_opt import_opts[] = {
	{ .name = "step", .kind = 's', .arg = "ID",
	  .help = "the manual step the file answers" },
	{ 0 }
};

static int cmd_evidence_import(struct cli *cli, struct cli_opt *o, int argc,
			       char **argv, struct ds_err *err)
{
	struct ds_import_result r;
	int64_t step;
	int rc, sandbox = 0;

	(void)argc;
	if (!cli_val(o, "step"))
		return ds_err_set(err, DS_EUSAGE, "pass --step ID (see the "
				  "manual steps in 'duesearch run show')");
	rc = cli_id("step", cli_val(o, "step"), &step, err);
	if (!rc)
		rc = cli_open(cli, err);
	/* A saved page is parsed in a sandboxed worker (sandbox.h). */
	if (!rc && cli_conf()->sandbox) {
		rc = ds_sandbox_start(err);
		sandbox = !rc;
	}
	if (!rc)
		rc = ds_evidence_import(cli->ctx, cli_conf(), step, argv[0],
					&r, err);
	if (sandbox)
		ds_sandbox_stop();
	if (rc)
		return rc;
	if (cli->json) {
		json_t *j = json_pack("{s:b s:I s:s s:s s:I}", "ok", 1,
				      "evidence", (json_int_t)r.evidence_id,
				      "kind", r.kind, "sha256", r.sha256,
				      "size", (json_int_t)r.size);

		json_object_set_new(j, "findings", json_integer(r.findings));
		json_object_set_new(j, "cut", json_boolean(r.cut != 0));

		cli_print_json(j);
		json_decref(j);
	} else {
		printf("evidence %lld imported (%s, %zu bytes, sha256 %s); "
		       "the file itself is not kept\n",
		       (long long)r.evidence_id, r.kind, r.size, r.sha256);
		if (r.cut)
			printf("the page was cut at the parser's %s: it was "
			       "judged on what was read, not all of it\n",
			       ds_run_cut_name(r.cut));
		/* Only a DSL lists findings: a recruiter is not sent there. */
		if (r.findings && (ds_actor_roles(cli->ctx) & DS_ROLE_DSL))
			printf("%u finding%s for the DSL: see 'duesearch "
			       "findings list'\n", r.findings,
			       r.findings == 1 ? "" : "s");
		else if (r.findings)
			printf("%u finding%s for the DSL to review\n",
			       r.findings, r.findings == 1 ? "" : "s");
	}
	return 0;
}

static struct cli_opt evidence_list_opts[] = {
	{ .name = "candidate", .kind = 's', .arg = "ID",
	  .help = "the candidate" },
	{ 0 }
};

static int cmd_evidence_list(struct cli *cli, struct cli_opt *o, int argc,
			     char **argv, struct ds_err *err)
{
	json_t *j = NULL;
	int64_t cid;
	int rc;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "candidate"))
		return ds_err_set(err, DS_EUSAGE, "pass --candidate ID");
	rc = cli_id("candidate", cli_val(o, "candidate"), &cid, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_evidence_list(cli->ctx, cid, &j, err);
	if (!rc)
		cli_out(cli, j, NULL);
	json_decref(j);
	return rc;
}

static struct cli_opt settle_opts[] = {
	{ .name = "step", .kind = 's', .arg = "ID",
	  .help = "the open manual step" },
	{ .name = "outcome", .kind = 's', .arg = "OUTCOME",
	  .help = "not-public (behind a log-in) or nothing-found" },
	{ 0 }
};

static int cmd_evidence_settle(struct cli *cli, struct cli_opt *o, int argc,
			       char **argv, struct ds_err *err)
{
	int64_t step;
	int rc;

	(void)argc;
	(void)argv;
	if (!cli_val(o, "step") || !cli_val(o, "outcome"))
		return ds_err_set(err, DS_EUSAGE, "pass --step ID and "
			"--outcome "
				  "not-public or nothing-found");
	rc = cli_id("step", cli_val(o, "step"), &step, err);
	if (!rc)
		rc = cli_open(cli, err);
	if (!rc)
		rc = ds_manual_settle(cli->ctx, step, cli_val(o, "outcome"),
				      err);
	if (!rc)
		printf(cli->json ? "{\"ok\": true}\n" : "step settled\n");
	return rc;
}

const struct cli_verb cli_evidence_verbs[] = {
	{ .name = "settle", .summary = "Close a manual step without evidence: "
	  "the profile was not public, or does not exist (recruiter)",
	  .fn = cmd_evidence_settle, .opts = settle_opts },
	{ .name = "import", .usage = "FILE", .summary = "Import the page "
	  "saved for a manual step (HTML, PDF, PNG or JPEG): hashed; an "
	  "HTML page parsed and triaged like a fetched one, its findings "
	  "for the DSL; never stored (recruiter)", .fn = cmd_evidence_import,
	  .opts = import_opts, .min_args = 1, .max_args = 1 },
	{ .name = "list", .summary = "List a candidate's evidence: URL, time, "
	  "hash, size", .fn = cmd_evidence_list, .opts = evidence_list_opts },
	{ 0 }
};

static struct cli_opt selftest_opts[] = {
	{ .name = "site", .kind = 's', .arg = "NAME",
	  .help = "check one site only" },
	{ .name = "site-list", .kind = 's', .arg = "FILE",
	  .help = "a WhatsMyName-format list (default: the configured or "
		  "built-in one)" },
	{ .name = "quiet", .kind = 'f',
	  .help = "print the summary and the rotten entries only" },
	{ 0 }
};

static int cmd_connectors_self_test(struct cli *cli, struct cli_opt *o,
				    int argc, char **argv, struct ds_err *err)
{
	const struct ds_conf *c = cli_conf();
	const char *path = cli_val(o, "site-list");
	static const struct cli_col cols[] = {
		{ .key = "verdict" }, { .key = "site" },
		{ .key = "why", .max = -1 },
		{ 0 }
	};
	struct ds_selftest_totals t;
	json_t *list = NULL, *row;
	size_t i;
	int rc;

	(void)argc;
	(void)argv;
	if (!path)
		path = ds_conf_connector_option(ds_conf_connector(c,
						"profiles"), "site_list");
	rc = ds_profiles_self_test(&c->fetch, path, cli_val(o, "site"),
				   &list, &t, err);
	if (rc)
		return rc;
	if (cli->json) {
		json_t *j = json_pack("{s:I s:I s:I s:I s:I s:I s:o}",
				      "sites", (json_int_t)t.sites,
				      "checks", (json_int_t)t.checks,
				      "ok", (json_int_t)t.ok,
				      "rotten", (json_int_t)t.rotten,
				      "inconclusive",
				      (json_int_t)t.inconclusive,
				      "unsupported", (json_int_t)t.unsupported,
				      "results", list);

		cli_print_json(j);
		json_decref(j);
		return 0;
	}
	if (cli_opt(o, "quiet")->set) {
		json_t *rotten = json_array();

		json_array_foreach(list, i, row)
			if (strcmp(json_string_value(json_object_get(row,
					"verdict")), "rotten") == 0)
				json_array_append(rotten, row);
		json_decref(list);
		list = rotten;
	}
	if (json_array_size(list))
		cli_out_table(list, cols, 0);
	printf("%zu sites, %zu checks: %zu ok, %zu rotten, %zu inconclusive; "
	       "%zu not checkable (POST-only, invalid or no known account)\n",
	       t.sites, t.checks, t.ok, t.rotten, t.inconclusive,
	       t.unsupported);
	json_decref(list);
	return 0;
}

const struct cli_verb cli_connectors_verbs[] = {
	{ .name = "list", .summary = "List the connectors: who receives what, "
	  "and where", .fn = cmd_connectors_list, .opts = no_opts },
	{ .name = "self-test", .summary = "Check every site of the profile "
	  "site list with its own known accounts and report rotten entries "
	  "(no candidate data is sent)", .fn = cmd_connectors_self_test,
	  .opts = selftest_opts },
	{ 0 }
};
