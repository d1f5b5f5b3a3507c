/*
 * run.h: carrying out a vacancy's search plan (libduesearch).
 *
 * ds_run_start checks the gate for each candidate and refuses, before any
 * network traffic, those it does not allow; freezes the vacancy's plan at
 * its first run; writes every step instance as pending in one
 * transaction; then runs them on the fetcher.  Each step's outcome,
 * results and evidence are written in one transaction when it ends, so
 * ds_run_resume after a crash, a kill -9 or a power cut carries on with
 * the pending steps without duplicating anything.  While it runs the gate
 * (ds_gate_check, as the case file says now) is asked again before each
 * step, before each request about a candidate is sent, when its answer
 * arrives and before anything is stored: a candidate it no longer allows
 * (consent withdrawn, opted out, purged, ... by any process) is stopped:
 * nothing more sent or stored, remaining steps skipped, counted in
 * ds_run_summary.stopped and audited as run.stop.
 */
#ifndef DS_RUN_H
#define DS_RUN_H

#include "conf.h"
#include "ds.h"

enum ds_run_event_type {
	DS_EV_REFUSED,          /* the gate refused a candidate */
	DS_EV_PLANNED,          /* a step instance (dry run, or run start) */
	DS_EV_STARTED,          /* the run started: totals known */
	DS_EV_STEP,             /* a step ended */
	DS_EV_STOPPED,          /* a candidate's remaining steps stopped */
	DS_EV_FINISHED          /* the run ended */
};

struct ds_taxonomy;

struct ds_run_event {
	enum ds_run_event_type type;
	int64_t run_id;
	int64_t candidate_id;
	const char *candidate;  /* the candidate's name, for the searcher */
	int64_t step_id;
	size_t plan_step;       /* planned: the plan's step, from 1 */
	const char *kind;
	const char *connector;
	const char *query;      /* planned: the terms or target */
	const char *outcome;
	const char *detail;
	unsigned results;
	size_t done, total;     /* steps of the run */
	size_t skipped;         /* started: of done, the steps not applicable */
	size_t cand_done, cand_total;   /* steps of this candidate */
	const struct ds_gate *gate;     /* refused */
};

typedef void ds_run_progress(void *user, const struct ds_run_event *ev);

struct ds_run_opts {
	const struct ds_conf *conf;
	const char *vacancy_ref;
	int64_t candidate_id;   /* 0: every shortlisted candidate */
	int dry_run;            /* show the steps; no network, no writes */
	ds_run_progress *progress;
	void *progress_user;
};

/* Summary of a run (or of a resume). */
struct ds_run_summary {
	int64_t run_id;
	size_t candidates, refused, stopped;
	size_t steps, by_outcome[8];
	/* Search results' pages: read; not public (kept with their
	 * address); not read, a gap that makes its step inconclusive; past
	 * the follow limit, not read by policy. */
	size_t pages_read, pages_not_public, pages_not_read;
	size_t pages_over_limit;
	/* Pages read only in part: a parser limit (size, depth) cut their
	 * text; cut_how is the DS_PAGE_CUT_* bits of them all (page.h). */
	size_t pages_cut;
	unsigned cut_how;
};

/* "size limit", "depth limit" or "size and depth limits" for
 * DS_PAGE_CUT_* bits. */
const char *ds_run_cut_name(unsigned cut);

/*
 * Start a run (recruiter).  Returns DS_EREFUSED when the gate refused
 * every candidate (nothing ran); otherwise 0 with the summary filled.
 */
int ds_run_start(struct ds_ctx *ctx, const struct ds_run_opts *o,
		 struct ds_run_summary *sum, struct ds_err *err);

/* Carry on with run_id (0: every unfinished run). */
int ds_run_resume(struct ds_ctx *ctx, const struct ds_run_opts *o,
		  int64_t run_id, struct ds_run_summary *sum,
		  struct ds_err *err);

/* [{id, vacancy, plan_version, searcher, status, started, finished,
 *   steps, pending}] */
int ds_run_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err);
/* {id, ..., steps: [{id, candidate, kind, connector, query, status,
 *   outcome, detail, results, not_candidate, not_relevant,
 *   protected_dropped, findings, pages}]} */
int ds_run_show(struct ds_ctx *ctx, int64_t run_id, json_t **out,
		struct ds_err *err);

/*
 * A vacancy's plan: {vacancy, version, sha256, frozen, reason, plan} for
 * its latest version, or the organisation's default (version 0) when it
 * has none yet.  history lists every version.
 */
int ds_plan_show(struct ds_ctx *ctx, const struct ds_conf *conf,
		 const char *vacancy_ref, json_t **out, struct ds_err *err);
/*
 * Give a vacancy its own plan.  Once a plan was used (frozen) a change
 * makes a new version and needs a reason: it is a deviation.
 */
int ds_plan_set(struct ds_ctx *ctx, const char *vacancy_ref,
		const struct ds_plan *plan, const char *reason,
		struct ds_err *err);

/* Evidence imported for a manual step. */
struct ds_import_result {
	int64_t evidence_id;
	char kind[16];          /* html, pdf, png, jpeg */
	char sha256[65];
	size_t size;
	unsigned findings;      /* new findings from the page's triage */
	unsigned cut;           /* DS_PAGE_CUT_*: read only in part */
};

/*
 * Import the page a searcher saved for a manual step (recruiter): the gate
 * must still allow the candidate; an HTML page is parsed like a fetched
 * one and goes through the same triage (conf: identity points and the
 * taxonomy; NULL for the defaults), its findings stored for the DSL like
 * a run's; the file is hashed, never stored.  The step becomes
 * manual-done.
 */
int ds_evidence_import(struct ds_ctx *ctx, const struct ds_conf *conf,
		       int64_t step_id, const char *path,
		       struct ds_import_result *res, struct ds_err *err);

struct ds_page;
/*
 * Triage a page imported for step_id of candidate cid as a run triages a
 * declared profile's page, and store its findings (inside the caller's
 * transaction); *findings counts the new ones.  For evidence.c.
 */
/*
 * The taxonomy a run judges by: the file at path, else conf's [triage]
 * taxonomy, else the built-in one, with the adult sites of the
 * configured site list added to [sexual] by their names.  `duesearch
 * taxonomy test` judges by it too, so what it shows is what a run does.
 */
int ds_run_taxonomy(struct ds_taxonomy **t, const struct ds_conf *conf,
		    const char *path, struct ds_err *err);

int ds_import_triage(struct ds_ctx *ctx, const struct ds_conf *conf,
		     int64_t step_id, int64_t cid, const char *url,
		     const struct ds_page *page, const uint8_t *sha256,
		     size_t size, unsigned *findings, struct ds_err *err);
/* [{id, step, url, http_status, outcome, retrieved, sha256, size}] */
int ds_evidence_list(struct ds_ctx *ctx, int64_t candidate_id, json_t **out,
		     struct ds_err *err);

#endif
