/*
 * run.c: plans frozen per vacancy, runs, steps, resume (see run.h).
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "connsupport.h"
#include "context.h"
#include "core.h"
#include "db.h"
#include "mem.h"
#include "run.h"
#include "sandbox.h"
#include "school.h"
#include "sitelist.h"
#include "text.h"
#include "incons.h"
#include "lexicon.h"
#include "triage.h"

/* ---- a candidate's anchors, unsealed ------------------------------- */

struct cand {
	int64_t id;
	char *name;
	char *values[160];      /* owned strings behind the anchor pointers */
	size_t nvalues;
	struct ds_plan_anchors a;
	int stopped;            /* the gate no longer allows them */
	char stop_codes[160];   /* the gate's reason codes, for the trail */
	char stop_text[200];    /* and its first reason, for the searcher */
	int gate_ok;            /* the gate allowed them as of gate_dv */
	sqlite3_int64 gate_dv;  /* PRAGMA data_version of that answer */
	size_t done, total;
	struct ds_incons *incons;       /* the claims, to compare pages with */
};

static void cand_release(struct cand *c)
{
	ds_incons_free(c->incons);
	c->incons = NULL;
	while (c->nvalues)
		ds_free(c->values[--c->nvalues]);
	c->name = NULL;
}

/* Keep an unsealed string; NULL when full. */
static char *keep(struct cand *c, char *s)
{
	if (c->nvalues >= sizeof(c->values) / sizeof(c->values[0])) {
		ds_free(s);
		return NULL;
	}
	c->values[c->nvalues++] = s;
	return s;
}

/* Add v to a list of anchors unless it is there already (any case). */
static void put_unique(const char **list, size_t *n, size_t cap,
		       const char *v)
{
	size_t i;

	if (!v || !*v || *n >= cap)
		return;
	for (i = 0; i < *n; i++)
		if (strcasecmp(list[i], v) == 0)
			return;
	list[(*n)++] = v;
}

/*
 * The application's claims as qualifiers: an employment's organisation is
 * an employer and its place a location; a qualification's institution is
 * a school.  An employment's role is an anchor of identity only (said of
 * them on a page: context.c), never a search term.
 */

static int claims_load(struct ds_ctx *ctx, struct cand *c, struct ds_err *err)
{
	static const struct {
		const char *kind, *key;
		size_t off, noff;
	} use[] = {
		{ "employment", "organisation",
		  offsetof(struct ds_plan_anchors, employer),
		  offsetof(struct ds_plan_anchors, nemployer) },
		{ "employment", "location",
		  offsetof(struct ds_plan_anchors, location),
		  offsetof(struct ds_plan_anchors, nlocation) },
		{ "qualification", "institution",
		  offsetof(struct ds_plan_anchors, school),
		  offsetof(struct ds_plan_anchors, nschool) },
		{ "employment", "role",
		  offsetof(struct ds_plan_anchors, role),
		  offsetof(struct ds_plan_anchors, nrole) },
	};
	json_t *claims, *cl;
	size_t i, k;
	int rc;

	rc = ds_claim_rows(ctx, c->id, &claims, err);
	if (rc)
		return rc;
	json_array_foreach(claims, i, cl) {
		const char *kind = json_string_value(json_object_get(cl,
								     "kind"));

		for (k = 0; kind && k < sizeof(use) / sizeof(use[0]); k++) {
			const char *v = json_string_value(json_object_get(cl,
							use[k].key));
			const char **list = (const char **)(void *)
					    ((char *)&c->a + use[k].off);
			size_t *n = (size_t *)(void *)((char *)&c->a +
						       use[k].noff);
			char *kept;

			if (!v || strcmp(kind, use[k].kind) != 0)
				continue;
			kept = keep(c, ds_strdup(v));
			if (kept)
				put_unique(list, n, 16, kept);
		}
	}
	c->a.born_by = ds_incons_born_by(claims);
	c->a.first_claim = ds_incons_first_claim(claims);
	rc = ds_incons_load(claims, &c->incons);
	json_decref(claims);
	return rc;
}

/* Read and unseal a candidate's anchors, handles and claims. */
static int cand_load(struct ds_ctx *ctx, int64_t id, struct cand *c,
		     struct ds_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	memset(c, 0, sizeof(*c));
	c->id = id;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT kind, value_sealed, "
			   "id FROM anchor WHERE candidate_id = ? ORDER BY id",
			   "i", (sqlite3_int64)id);
	if (rc)
		return rc;
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the anchors",
				err)) == 1) {
		const char *kind = (const char *)sqlite3_column_text(stmt, 0);
		char *v = NULL, label[48];
		struct ds_plan_anchors *a = &c->a;

		snprintf(label, sizeof(label), "anchor.%s", kind);
		rc = ds_field_unseal_row(ctx, id, label,
					 sqlite3_column_int64(stmt, 2),
					 sqlite3_column_blob(stmt, 1),
					 (size_t)sqlite3_column_bytes(stmt, 1),
					 &v, err);
		if (rc || !keep(c, v))
			break;
#define PUT(field) do { \
	if (a->n##field < sizeof(a->field) / sizeof(a->field[0])) \
		a->field[a->n##field++] = v; \
} while (0)
		if (strcmp(kind, "legal-name") == 0)
			c->name = v;
		else if (strcmp(kind, "known-as") == 0)
			PUT(known_as);
		else if (strcmp(kind, "previous-name") == 0)
			PUT(previous_name);
		else if (strcmp(kind, "location") == 0)
			PUT(location);
		else if (strcmp(kind, "employer") == 0)
			PUT(employer);
		else if (strcmp(kind, "school") == 0)
			PUT(school);
#undef PUT
	}
	sqlite3_finalize(stmt);
	if (rc < 0)
		goto fail;
	c->a.name = c->name;
	rc = claims_load(ctx, c, err);
	if (rc < 0)
		goto fail;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT platform, "
			   "handle_sealed, id FROM handle WHERE candidate_id "
			   "= ? ORDER BY id", "i", (sqlite3_int64)id);
	if (rc)
		goto fail;
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the handles",
				err)) == 1) {
		char *v = NULL, *p, label[48];

		snprintf(label, sizeof(label), "handle.%s",
			 (const char *)sqlite3_column_text(stmt, 0));
		rc = ds_field_unseal_row(ctx, id, label,
					 sqlite3_column_int64(stmt, 2),
					 sqlite3_column_blob(stmt, 1),
					 (size_t)sqlite3_column_bytes(stmt, 1),
					 &v, err);
		if (rc || !keep(c, v))
			break;
		p = keep(c, ds_strdup((const char *)
				      sqlite3_column_text(stmt, 0)));
		if (!p)
			break;
		if (c->a.nhandles <
		    sizeof(c->a.handle) / sizeof(c->a.handle[0])) {
			c->a.handle_platform[c->a.nhandles] = p;
			c->a.handle[c->a.nhandles++] = v;
		}
	}
	sqlite3_finalize(stmt);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	cand_release(c);
	return rc;
}

/* ---- plans ------------------------------------------------------------ */

/* The vacancy's latest plan row, if any: id, version, frozen. */
static int plan_latest(struct ds_ctx *ctx, int64_t vacancy_id,
		       struct ds_plan *plan, int64_t *plan_id, int *version,
		       int *frozen, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *j;
	int rc;

	*plan_id = 0;
	*version = 0;
	*frozen = 0;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, version, steps, "
			   "frozen IS NOT NULL FROM plan WHERE vacancy_id = ? "
			   "ORDER BY version DESC LIMIT 1", "i",
			   (sqlite3_int64)vacancy_id);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the plan", err);
	if (rc == 1) {
		*plan_id = sqlite3_column_int64(stmt, 0);
		*version = sqlite3_column_int(stmt, 1);
		*frozen = sqlite3_column_int(stmt, 3);
		j = json_loads((const char *)sqlite3_column_text(stmt, 2), 0,
			       NULL);
		rc = ds_plan_from_json(plan, j, err);
		json_decref(j);
	}
	sqlite3_finalize(stmt);
	return rc < 0 ? rc : 0;
}

/* Insert a plan version (inside the caller's transaction). */
static int plan_insert(struct ds_ctx *ctx, int64_t vacancy_id, int version,
		       const struct ds_plan *plan, const char *reason,
		       int frozen, int64_t *plan_id, struct ds_err *err)
{
	char hash[65], now[21], *text;
	json_t *j;
	int rc;

	j = ds_plan_to_json(plan);
	text = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(j);
	if (!text || ds_plan_hash(plan, hash) != 0) {
		free(text);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT INTO plan (vacancy_id, version, "
			"steps, sha256, reason, frozen, created) VALUES "
			"(?, ?, ?, ?, ?, ?, ?)", "idttttt",
			(sqlite3_int64)vacancy_id, version, text, hash, reason,
			frozen ? now : NULL, now);
	free(text);
	if (!rc)
		*plan_id = sqlite3_last_insert_rowid(ctx->db);
	return rc;
}

/*
 * The plan a run of the vacancy uses, frozen now if it was not (inside the
 * caller's transaction when freeze is set).
 */
static int plan_for_run(struct ds_ctx *ctx, const struct ds_conf *conf,
			int64_t vacancy_id, int freeze, struct ds_plan *plan,
			int64_t *plan_id, struct ds_err *err)
{
	int version, frozen, rc;

	rc = plan_latest(ctx, vacancy_id, plan, plan_id, &version, &frozen,
			 err);
	if (rc)
		return rc;
	if (!*plan_id) {
		*plan = conf->plan;
		if (!freeze)
			return 0;
		return plan_insert(ctx, vacancy_id, 1, plan, NULL, 1, plan_id,
				   err);
	}
	if (!frozen && freeze) {
		char now[21];

		ds_time_now(now);
		rc = ds_db_exec(ctx->db, err, "UPDATE plan SET frozen = ? "
				"WHERE id = ?", "ti", now,
				(sqlite3_int64)*plan_id);
	}
	return rc;
}

int ds_plan_set(struct ds_ctx *ctx, const char *vacancy_ref,
		const struct ds_plan *plan, const char *reason,
		struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "plan.set", .object = "plan" };
	struct ds_plan old;
	char hash[65], detail[128];
	int64_t vid, pid, newid = 0;
	int version, frozen, rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "set a vacancy's plan", err);
	if (!rc)
		rc = ds_vacancy_id(ctx, vacancy_ref, &vid, err);
	if (!rc)
		rc = ds_scope_check(ctx, DS_ROLE_RECRUITER, vid, 0, "vacancy",
				    vid, "plan.set", err);
	if (!rc && reason)
		rc = ds_text_check("reason", reason, 500, err);
	if (!rc && plan->nsteps == 0)
		rc = ds_err_set(err, DS_EDATA, "the plan has no steps: give at "
				"least one 'step = ...' line");
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	rc = plan_latest(ctx, vid, &old, &pid, &version, &frozen, err);
	/* A version after the first always follows a frozen one. */
	if (!rc && (frozen || version > 1) && !reason)
		rc = ds_err_set(err, DS_EUSAGE, "vacancy '%.64s' was already "
				"searched with plan version %d: a change is a "
				"deviation: pass --reason TEXT", vacancy_ref,
				frozen ? version : version - 1);
	if (!rc && pid && !frozen)
		rc = ds_db_exec(ctx->db, err, "DELETE FROM plan WHERE id = ?",
				"i", (sqlite3_int64)pid);
	if (!rc)
		rc = plan_insert(ctx, vid, frozen ? version + 1 :
				 (version ? version : 1), plan, reason, 0,
				 &newid, err);
	if (!rc)
		rc = ds_plan_hash(plan, hash);
	if (!rc) {
		snprintf(detail, sizeof(detail), "version=%d sha256=%s",
			 frozen ? version + 1 : (version ? version : 1), hash);
		ev.object_id = newid;
		ev.vacancy_id = vid;
		ev.detail = detail;
		rc = ds_audit_append(ctx, &ev, err);
	}
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

int ds_plan_show(struct ds_ctx *ctx, const struct ds_conf *conf,
		 const char *vacancy_ref, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *hist, *res;
	struct ds_plan p;
	char hash[65];
	int64_t vid = 0;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"show a plan", err);
	if (!rc && vacancy_ref)
		rc = ds_vacancy_id(ctx, vacancy_ref, &vid, err);
	if (!rc && vid)
		rc = ds_scope_check(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL |
				    DS_ROLE_DPO, vid, 0, "vacancy", vid,
				    "plan.show", err);
	if (rc)
		return rc;
	hist = json_array();
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT version, sha256, "
			   "reason, frozen, created, steps FROM plan WHERE "
			   "vacancy_id = ? ORDER BY version", "i",
			   (sqlite3_int64)vid);
	if (rc) {
		json_decref(hist);
		return rc;
	}
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the plan",
				err)) == 1)
		json_array_append_new(hist, json_pack("{s:o s:o s:o s:o s:o "
			"s:o}", "version", ds_json_col(stmt, 0),
			"sha256", ds_json_col(stmt, 1),
			"reason", ds_json_col(stmt, 2),
			"frozen", ds_json_col(stmt, 3),
			"created", ds_json_col(stmt, 4),
			"plan", json_loads((const char *)
					   sqlite3_column_text(stmt, 5), 0,
					   NULL)));
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(hist);
		return rc;
	}
	if (json_array_size(hist)) {
		res = json_deep_copy(json_array_get(hist,
					json_array_size(hist) - 1));
	} else {
		p = conf->plan;
		ds_plan_hash(&p, hash);
		res = json_pack("{s:i s:s s:n s:n s:o}", "version", 0,
				"sha256", hash, "reason", "frozen",
				"plan", ds_plan_to_json(&p));
	}
	json_object_set_new(res, "vacancy", ds_json_str(vacancy_ref));
	json_object_set_new(res, "history", hist);
	*out = res;
	return 0;
}

/* ---- running ------------------------------------------------------------ */

struct exec;

/*
 * A result of a step that is about the candidate: a fetched page (kept
 * as evidence) and, when it touches the taxonomy, a finding.  Results not
 * about the candidate, or not relevant, are only counted.
 */
struct item {
	char *url, *final_url, *title, *excerpt, *published, *outcome;
	char *explain;          /* why it is a finding (context.h) */
	char *text;             /* a profile step's page with a finding: its
				 * text (fold_into_posts), else NULL */
	size_t text_len;
	int own_words;
	char sha256[65];
	char retrieved[21];
	long status;
	size_t size;
	int page;
	enum ds_identity level;
	unsigned matched, cats;
	int severity, special, criminal;
};

struct srun {
	struct exec *x;
	int64_t id;
	struct cand *cand;
	struct ds_step_info info;
	const struct ds_connector *conn;
	char kind[16], connector[32], platform[32];
	char *query, *target;
	char started[21];
	unsigned pending;
	unsigned fetch_mask;    /* bit per enum ds_outcome seen */
	unsigned inconclusive;  /* answers that settled nothing */
	int outcome_set;
	enum ds_step_outcome outcome;
	char detail[DS_ERR_MSG_MAX];
	struct item *items;
	size_t nitems;
	unsigned results, not_candidate, not_relevant, protected_dropped;
	unsigned findings, followed;
	unsigned dropped;       /* answers dropped: the candidate was stopped */
	/* The result pages followed: read, not public (kept with their
	 * address), gone (404, 410), and not read (a gap: rate-limited,
	 * failed, blocked, refused, unparseable); results past the follow
	 * limit are not read either, by policy. */
	unsigned pages_read, pages_not_public, pages_gone, pages_not_read;
	unsigned over_limit;
	/* Pages read only in part: a parser limit cut their text, and
	 * what a limit cut (DS_PAGE_CUT_* of them all). */
	unsigned pages_cut, cut_how;
	char gap[160];          /* why the first page was not read */
	int finished;
};

struct ds_sink {
	struct srun *sr;
};

struct fetch_tag {
	struct srun *sr;
	void *tag;
	enum ds_req_kind kind;
};

struct exec {
	struct ds_ctx *ctx;
	const struct ds_run_opts *o;
	struct ds_run_summary *sum;
	struct ds_fetch *f;
	int64_t run_id;
	struct srun *steps;
	size_t nsteps, next, inflight, done_before, total, skipped_before;
	struct cand *cands;
	size_t ncands;
	/* Per connector (index in ds_connectors): 0 not yet, 1 ready, -1
	 * its init failed (message in conn_err). */
	int conn_ready[32];
	void *conn_state[32];
	char conn_err[32][200];
	struct ds_taxonomy *tax;
	int lookback_days;      /* the frozen plan's, not the configuration's */
	int rc;
	struct ds_err err;
};

static void emit(struct exec *x, struct ds_run_event *ev)
{
	ev->run_id = x->run_id;
	if (x->o->progress)
		x->o->progress(x->o->progress_user, ev);
}

/*
 * Stop a candidate: the gate no longer allows them.  Counted once,
 * reported, and recorded in the audit trail with the gate's reason codes
 * (inside the caller's transaction when in_txn; a failure to record it
 * fails the run).
 */
static void cand_stop(struct exec *x, struct cand *c, int in_txn)
{
	struct ds_audit_event ae = { .action = "run.stop", .object = "run",
				     .object_id = x->run_id,
				     .candidate_id = c->id };
	struct ds_run_event ev = { .type = DS_EV_STOPPED,
				   .candidate_id = c->id,
				   .candidate = c->name };
	char detail[256], line[512];
	struct ds_err err;
	int rc = 0;

	c->stopped = 1;
	x->sum->stopped++;
	snprintf(detail, sizeof(detail), "reasons=%s", c->stop_codes);
	ae.detail = detail;
	ds_err_init(&err);
	if (in_txn) {
		rc = ds_audit_append(x->ctx, &ae, &err);
	} else {
		rc = ds_db_begin(x->ctx->db, &err);
		if (!rc)
			rc = ds_audit_append(x->ctx, &ae, &err);
		if (!rc)
			rc = ds_db_commit(x->ctx->db, &err);
		else
			ds_db_rollback(x->ctx->db);
	}
	if (rc && !x->rc) {
		x->rc = rc;
		x->err = err;
	}
	snprintf(line, sizeof(line), "stopped (%s): %s; nothing more is sent "
		 "or stored for them", c->stop_codes, c->stop_text);
	ev.detail = line;
	emit(x, &ev);
}

/*
 * May the candidate still be searched, as the case file says now?
 * Another process may have withdrawn their consent, opted the
 * organisation out, purged them or changed their status while the run
 * was in flight, so this is asked before every request about them is
 * sent and before anything of theirs is stored.  The gate itself decides
 * (gate.c); its yes is kept until another connection commits a change
 * (PRAGMA data_version), so asking is cheap.  Anything but a yes, an
 * error included, stops the candidate (fail closed).  Returns 1 when
 * allowed.
 */
static int cand_allowed(struct exec *x, struct cand *c, int in_txn)
{
	struct ds_ctx *ctx = x->ctx;
	const char *role = ctx->role_used;
	struct ds_gate g;
	struct ds_err err;
	sqlite3_int64 dv = 0;
	int have_dv, rc;
	size_t i, n = 0;

	if (c->stopped)
		return 0;
	have_dv = ds_db_int(ctx->db, &dv, NULL, "PRAGMA data_version",
			    "") == 0;
	if (have_dv && c->gate_ok && dv == c->gate_dv)
		return 1;
	ds_err_init(&err);
	rc = ds_gate_check(ctx, c->id, NULL, NULL, &g, &err);
	ctx->role_used = role;  /* the run's role stays in its audit rows */
	if (!rc && g.allowed) {
		c->gate_ok = have_dv;
		c->gate_dv = dv;
		return 1;
	}
	c->gate_ok = 0;
	if (rc == DS_ENOTFOUND) {
		snprintf(c->stop_codes, sizeof(c->stop_codes),
			 "candidate-removed");
		snprintf(c->stop_text, sizeof(c->stop_text), "the candidate "
			 "is no longer in the case file (purged)");
	} else if (rc) {
		snprintf(c->stop_codes, sizeof(c->stop_codes),
			 "gate-unavailable");
		snprintf(c->stop_text, sizeof(c->stop_text), "the gate could "
			 "not be checked: %.150s", err.msg);
	} else {
		c->stop_codes[0] = '\0';
		for (i = 0; i < g.nreasons; i++) {
			int k = snprintf(c->stop_codes + n,
					 sizeof(c->stop_codes) - n, "%s%s",
					 i ? "," : "", g.reasons[i].code);

			if (k < 0 || (size_t)k >= sizeof(c->stop_codes) - n)
				break;
			n += (size_t)k;
		}
		snprintf(c->stop_text, sizeof(c->stop_text), "%.190s",
			 g.nreasons ? g.reasons[0].text : "the gate refused");
	}
	cand_stop(x, c, in_txn);
	return 0;
}

/* The fetcher's check before a request about a step's candidate goes. */
static int fetch_check(void *user, void *subject, char *why, size_t size)
{
	struct srun *sr = subject;

	if (cand_allowed(user, sr->cand, 0))
		return 0;
	snprintf(why, size, "candidate stopped (%s)", sr->cand->stop_codes);
	return -1;
}

/* Free what a step collected. */
static void srun_release(struct srun *sr)
{
	size_t i;

	for (i = 0; i < sr->nitems; i++) {
		struct item *it = &sr->items[i];

		ds_free(it->url);
		ds_free(it->final_url);
		ds_free(it->title);
		ds_free(it->excerpt);
		ds_free(it->explain);
		ds_free(it->text);
		ds_free(it->published);
		ds_free(it->outcome);
	}
	ds_free(sr->items);
	ds_free(sr->query);
	ds_free(sr->target);
	sr->items = NULL;
	sr->nitems = 0;
	sr->query = sr->target = NULL;
}

/* A copy, or NULL for NULL; sets *fail on allocation failure. */
static char *dup_or_null(const char *s, int *fail)
{
	char *d;

	if (!s)
		return NULL;
	d = ds_strdup(s);
	if (!d)
		*fail = 1;
	return d;
}

/*
 * Triage one result about the step's candidate: count it, or keep it as
 * an item (evidence for a page; a finding when it touches the taxonomy).
 * res is the fetched page's response, or NULL for a search hit.
 */
/* The address without its scheme ("http://", "https://"). */
static const char *no_scheme(const char *u)
{
	if (strncmp(u, "http://", 7) == 0)
		return u + 7;
	if (strncmp(u, "https://", 8) == 0)
		return u + 8;
	return NULL;
}

/*
 * 1 when url lies at or under an address the candidate declared (a
 * personal site, a profile's address), whichever step found it: a page of
 * their own site found by a web search is their own words too.
 */
static int under_declared(const struct ds_plan_anchors *a, const char *url)
{
	const char *u = url ? no_scheme(url) : NULL, *h;
	size_t i, n;

	for (i = 0; u && i < a->nhandles; i++) {
		h = a->handle[i] ? no_scheme(a->handle[i]) : NULL;
		if (!h)
			continue;
		n = strlen(h);
		while (n > 0 && h[n - 1] == '/')
			n--;
		if (n > 0 && strncasecmp(u, h, n) == 0 &&
		    (u[n] == '\0' || u[n] == '/' || u[n] == '?' || u[n] == '#'))
			return 1;
	}
	return 0;
}

/* The taxonomy's inconsistency category, or -1. */
static int incons_cat(const struct ds_taxonomy *t)
{
	size_t i;

	for (i = 0; t && i < ds_taxonomy_ncats(t) && i < 32; i++)
		if (strcmp(ds_taxonomy_cat_name(t, i), "inconsistency") == 0)
			return (int)i;
	return -1;
}

/*
 * A page about the candidate set against the application's claims
 * (incons.h): a contradiction adds the inconsistency category, its first
 * line as the excerpt when there is none, and the claim and the page side
 * by side to the explanation.  Returns 0 or DS_ENOMEM.
 */
static int incons_add(struct srun *sr, const char *text, size_t len,
		      const char *url, const char *title,
		      const char *published, int declared,
		      struct ds_triage_result *tr, char **explain)
{
	int cat = incons_cat(sr->x->tax);
	size_t n, size = 1200;
	char *ex, *nl, *both;

	if (cat < 0 || !sr->cand->incons || !len)
		return 0;
	ex = ds_malloc(size);
	if (!ex)
		return DS_ENOMEM;
	if (!ds_incons_check(sr->cand->incons, &sr->cand->a, text, len,
			     title, url, published, declared, ex, size)) {
		ds_free(ex);
		return 0;
	}
	tr->cats |= 1u << cat;
	if (tr->severity < 1)
		tr->severity = 1;
	if (!tr->excerpt[0]) {
		nl = strchr(ex, '\n');
		n = nl ? (size_t)(nl - ex) : strlen(ex);
		if (n > 290) {
			n = 290;
			while (n && ((unsigned char)ex[n] & 0xC0) == 0x80)
				n--;
		}
		snprintf(tr->excerpt, sizeof(tr->excerpt), "%.*s", (int)n,
			 ex);
	}
	n = (*explain ? strlen(*explain) : 0) + strlen(ex) + 2;
	both = ds_malloc(n);
	if (!both) {
		ds_free(ex);
		return DS_ENOMEM;
	}
	snprintf(both, n, "%s%s%s", *explain ? *explain : "",
		 *explain && **explain ? "\n" : "", ex);
	ds_free(ex);
	ds_free(*explain);
	*explain = both;
	return 0;
}

static int triage_keep(struct srun *sr, const char *text, size_t len,
		       const char *url, const char *title,
		       const char *published, const struct ds_response *res)
{
	const struct ds_conf *conf = sr->x->o->conf;
	int declared = ds_step_kind_parse(sr->kind) == DS_STEP_PROFILE ||
		       under_declared(&sr->cand->a, url);
	struct ds_judgement *j;
	struct ds_identity_result id;
	struct ds_triage_result tr;
	struct item *it;
	int fail = 0, rc, own;
	char *explain = NULL;

	/* Identity, then the concern in context: only the candidate's own
	 * conduct counts (context.h).  An account found under their
	 * username speaks in its owner's words, as a declared one does;
	 * whether the owner is the candidate is its identity's to say
	 * (below). */
	j = ds_malloc(sizeof(*j));
	if (!j)
		return DS_ENOMEM;
	rc = ds_context_judge(sr->x->tax, &sr->cand->a, &conf->identity, text,
			      len, url, title, declared ||
			      ds_step_kind_parse(sr->kind) ==
			      DS_STEP_DISCOVERY, j, NULL);
	id = j->id;
	tr = j->tr;
	own = j->own_words;
	if (!rc && tr.cats)
		explain = dup_or_null(j->explain, &fail);
	ds_free(j);
	if (rc || fail)
		return rc ? rc : DS_ENOMEM;
	/* An account found under the candidate's username: the username is
	 * no evidence, and such an account is never confirmed. */
	if (ds_step_kind_parse(sr->kind) == DS_STEP_DISCOVERY)
		ds_identity_score_discovered(&sr->cand->a, text, len, url,
					     &conf->identity, &id);
	if (id.level == DS_ID_NOT) {
		sr->not_candidate++;
		ds_free(explain);
		return 0;
	}
	if (id.level >= DS_ID_PROBABLE &&
	    incons_add(sr, text, len, url, title, published, declared, &tr,
		       &explain))
		return DS_ENOMEM;
	if (!tr.cats) {
		if (tr.protected_only)
			sr->protected_dropped++;
		else
			sr->not_relevant++;
		if (!res)
			return 0;       /* a hit: nothing to keep */
	}
	it = ds_realloc(sr->items, (sr->nitems + 1) * sizeof(*it));
	if (!it) {
		ds_free(explain);
		return DS_ENOMEM;
	}
	sr->items = it;
	it = &sr->items[sr->nitems];
	memset(it, 0, sizeof(*it));
	it->url = dup_or_null(url, &fail);
	it->title = dup_or_null(title && *title ? title : NULL, &fail);
	it->published = dup_or_null(published, &fail);
	it->excerpt = dup_or_null(tr.cats ? tr.excerpt : NULL, &fail);
	it->explain = explain;
	it->own_words = own;
	it->level = id.level;
	it->matched = id.matched;
	it->cats = tr.cats;
	it->severity = tr.severity;
	it->special = tr.special_care;
	it->criminal = tr.criminal;
	if (res) {
		it->page = 1;
		if (tr.cats && (ds_step_kind_parse(sr->kind) ==
				DS_STEP_PROFILE || ds_step_kind_parse(sr->kind)
				== DS_STEP_DISCOVERY)) {
			it->text = ds_malloc(len + 1);
			fail |= !it->text;
			if (it->text) {
				memcpy(it->text, text, len);
				it->text[len] = '\0';
				it->text_len = len;
			}
		}
		it->final_url = dup_or_null(res->final_url, &fail);
		it->outcome = dup_or_null(ds_outcome_name(res->outcome),
					  &fail);
		it->status = res->status;
		it->size = res->body_len;
		memcpy(it->retrieved, res->retrieved, sizeof(it->retrieved));
		ds_hex(res->sha256, sizeof(res->sha256), it->sha256);
	} else {
		uint8_t sum[DS_SHA256_LEN];

		ds_sha256(text, len, sum);
		ds_hex(sum, sizeof(sum), it->sha256);
		ds_time_now(it->retrieved);
	}
	sr->nitems++;
	if (tr.cats)
		sr->findings++;
	return fail ? DS_ENOMEM : 0;
}

/* A hit's text for triage: title and snippet. */
static char *hit_text(const struct ds_hit *hit, size_t *len)
{
	struct buf b;

	buf_init(&b, 1 << 20);
	if (buf_addf(&b, "%s\n%s", hit->title ? hit->title : "",
		     hit->snippet ? hit->snippet : "") != 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}

/* A search hit the core follows to its page. */
struct follow {
	struct srun *sr;
	char *title, *snippet, *published, *url;
};

static void follow_free(struct follow *fw)
{
	ds_free(fw->title);
	ds_free(fw->snippet);
	ds_free(fw->published);
	ds_free(fw->url);
	ds_free(fw);
}

static void step_finish(struct exec *x, struct srun *sr);

/*
 * Keep a result page that was not read, or not public, as evidence of the
 * attempt: its address, HTTP status, outcome and time, never a finding.
 */
static int page_note(struct srun *sr, const char *url,
		     const struct ds_response *res, const char *outcome)
{
	struct item *it;
	int fail = 0;

	it = ds_realloc(sr->items, (sr->nitems + 1) * sizeof(*it));
	if (!it)
		return DS_ENOMEM;
	sr->items = it;
	it = &sr->items[sr->nitems];
	memset(it, 0, sizeof(*it));
	it->page = 1;
	it->url = dup_or_null(url, &fail);
	it->final_url = dup_or_null(res->final_url[0] ? res->final_url :
				    NULL, &fail);
	it->outcome = dup_or_null(outcome, &fail);
	it->status = res->status;
	it->size = res->body_len;
	it->level = DS_ID_POSSIBLE;
	memcpy(it->retrieved, res->retrieved, sizeof(it->retrieved));
	if (!it->retrieved[0])
		ds_time_now(it->retrieved);
	ds_hex(res->sha256, sizeof(res->sha256), it->sha256);
	if (fail || !it->url) {
		ds_free(it->url);
		ds_free(it->final_url);
		ds_free(it->outcome);
		return DS_ENOMEM;
	}
	sr->nitems++;
	return 0;
}

/* A followed page that could not be read: a gap on its step. */
static void page_gap(struct srun *sr, const char *url,
		     const struct ds_response *res, const char *outcome,
		     const char *why)
{
	if (!sr->pages_not_read++)
		snprintf(sr->gap, sizeof(sr->gap), "%s",
			 why && *why ? why : outcome);
	page_note(sr, url, res, outcome);
}

/*
 * Triage a parsed page.  A page a parser limit cut is still judged on
 * what was read, and is counted, noted on its step and kept as evidence
 * with the outcome "cut", so that the reader sees it was not all read.
 */
static int page_keep(struct srun *sr, const struct ds_page *page,
		     const char *url, const char *title,
		     const char *published, const struct ds_response *res)
{
	size_t before = sr->nitems;
	char *o;
	int rc;

	rc = triage_keep(sr, page->text, page->text_len, url, title,
			 published, res);
	if (rc || !(page->cut & DS_PAGE_CUT_ALL))
		return rc;
	sr->pages_cut++;
	sr->cut_how |= page->cut & DS_PAGE_CUT_ALL;
	if (sr->nitems > before && sr->items[before].page) {
		o = ds_strdup("cut");
		if (!o)
			return DS_ENOMEM;
		ds_free(sr->items[before].outcome);
		sr->items[before].outcome = o;
	}
	return 0;
}

/*
 * The followed page came back: triage its text.  A snippet alone never
 * makes a finding: a page that was not read is a gap on the step, one
 * behind a log-in (401, 403, 999, a log-in wall) is kept as not public
 * with its address, and one that is gone is counted.
 */
static void on_followed(void *user, const struct ds_response *res)
{
	struct follow *fw = user;
	struct srun *sr = fw->sr;
	const char *url = res->final_url[0] ? res->final_url : fw->url;
	struct ds_page page;

	sr->pending--;
	/* An answer for a candidate who may no longer be searched: dropped. */
	if (!cand_allowed(sr->x, sr->cand, 0)) {
		if (res->outcome != DS_OUT_REFUSED)
			sr->dropped++;
		follow_free(fw);
		if (sr->pending == 0)
			step_finish(sr->x, sr);
		return;
	}
	switch (res->outcome) {
	case DS_OUT_OK:
		if (ds_sandbox_parse(res->body, res->body_len,
				     res->content_type, res->final_url, NULL,
				     &page, NULL) != 0) {
			page_gap(sr, fw->url, res, "failed", "the page could "
				 "not be parsed");
			break;
		}
		if (page.login_wall) {
			sr->pages_not_public++;
			page_note(sr, fw->url, res, "not-public");
		} else {
			sr->pages_read++;
			page_keep(sr, &page, url,
				  page.title[0] ? page.title : fw->title,
				  page.published ? page.published :
				  fw->published, res);
		}
		ds_page_release(&page);
		break;
	case DS_OUT_NOT_PUBLIC:
		sr->pages_not_public++;
		page_note(sr, fw->url, res, "not-public");
		break;
	case DS_OUT_NOT_FOUND:
		sr->pages_gone++;
		break;
	default:
		page_gap(sr, fw->url, res, ds_outcome_name(res->outcome),
			 res->detail);
		break;
	}
	follow_free(fw);
	if (sr->pending == 0)
		step_finish(sr->x, sr);
}

int ds_sink_hit(struct ds_sink *s, const struct ds_hit *hit)
{
	struct srun *sr = s->sr;
	const struct ds_conf *conf = sr->x->o->conf;
	enum ds_step_kind kind = ds_step_kind_parse(sr->kind);
	struct follow *fw;
	size_t len;
	char *text;
	int fail = 0, rc;

	if (!hit->url || ds_text_check("url", hit->url, 4096, NULL))
		return DS_EDATA;
	sr->results++;
	/*
	 * A search result: the query named the candidate, so its page may be
	 * about them even when the snippet does not show it; it is read and
	 * judged on its own text, and a snippet never makes a finding.  Only
	 * a snippet that shows a namesake (the name next to a place that is
	 * none of the candidate's, and none of their anchors) is counted and
	 * not read: another person's page is not fetched.  Past the follow
	 * limit a result is counted as not read.
	 */
	if (kind == DS_STEP_WEB || kind == DS_STEP_NEWS) {
		struct ds_identity_result id;

		text = hit_text(hit, &len);
		if (!text)
			return DS_ENOMEM;
		ds_identity_score(&sr->cand->a, text, len, hit->url, 0,
				  &conf->identity, &id);
		ds_free(text);
		if (id.level == DS_ID_NOT &&
		    (id.matched & DS_MATCH_OTHER_PLACE)) {
			sr->not_candidate++;
			return 0;
		}
		if (sr->followed >= conf->follow) {
			sr->over_limit++;
			return 0;
		}
		fw = ds_calloc(1, sizeof(*fw));
		if (fw) {
			fw->sr = sr;
			fw->url = dup_or_null(hit->url, &fail);
			fw->title = dup_or_null(hit->title, &fail);
			fw->snippet = dup_or_null(hit->snippet, &fail);
			fw->published = dup_or_null(hit->published, &fail);
		}
		if (!fw || fail) {
			if (fw)
				follow_free(fw);
			return DS_ENOMEM;
		}
		sr->followed++;
		rc = ds_fetch_add_about(sr->x->f, sr, hit->url, DS_REQ_PAGE,
					NULL, on_followed, fw, NULL);
		if (rc) {
			struct ds_response none = { .url = hit->url,
						    .final_url = "",
						    .content_type = "",
						    .body = "" };

			page_gap(sr, hit->url, &none, "refused", "the "
				 "address cannot be fetched");
			follow_free(fw);
			return 0;
		}
		sr->pending++;
		return 0;
	}
	/* A post or a profile's own text, as its API sent it. */
	text = hit_text(hit, &len);
	if (!text)
		return DS_ENOMEM;
	rc = triage_keep(sr, text, len, hit->url, hit->title, hit->published,
			 NULL);
	ds_free(text);
	return rc;
}

int ds_sink_page(struct ds_sink *s, const struct ds_response *res,
		 const struct ds_page *page)
{
	struct srun *sr = s->sr;
	const char *url = res->final_url[0] ? res->final_url : res->url;

	sr->results++;
	if (!page)
		return triage_keep(sr, "", 0, url, NULL, NULL, res);
	return page_keep(sr, page, url, page->title, page->published, res);
}

void ds_sink_not_public(struct ds_sink *s, const struct ds_response *res)
{
	s->sr->pages_not_public++;
	page_note(s->sr, res->url, res, "not-public");
}

void ds_sink_inconclusive(struct ds_sink *s, const char *detail)
{
	if (!s->sr->inconclusive++ && detail)
		snprintf(s->sr->detail, sizeof(s->sr->detail), "%s", detail);
}

void ds_sink_outcome(struct ds_sink *s, enum ds_step_outcome o,
		     const char *detail)
{
	s->sr->outcome_set = 1;
	s->sr->outcome = o;
	snprintf(s->sr->detail, sizeof(s->sr->detail), "%s",
		 detail ? detail : "");
}

static void on_fetched(void *user, const struct ds_response *res);

int ds_sink_fetch(struct ds_sink *s, const char *url, enum ds_req_kind kind,
		  const char *const *headers, void *tag, struct ds_err *err)
{
	struct fetch_tag *t = ds_malloc(sizeof(*t));
	int rc;

	if (!t)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	t->sr = s->sr;
	t->tag = tag;
	t->kind = kind;
	rc = ds_fetch_add_about(s->sr->x->f, s->sr, url, kind, headers,
				on_fetched, t, err);
	if (rc) {
		ds_free(t);
		return rc;
	}
	s->sr->pending++;
	return 0;
}

/* The step outcome the responses imply, when the connector said none. */
static enum ds_step_outcome implied(const struct srun *sr, char *detail,
				    size_t size)
{
	unsigned m = sr->fetch_mask;

	if (sr->results) {
		if (sr->inconclusive)
			snprintf(detail, size, "%u answers settled nothing",
				 sr->inconclusive);
		return DS_STEP_OK;
	}
	if (sr->inconclusive)
		return DS_STEP_INCONCLUSIVE;
	if (m & (1u << DS_OUT_NOT_PUBLIC)) {
		snprintf(detail, size, "not public (log-in or refused)");
		return DS_STEP_NOT_PUBLIC;
	}
	if (m & ((1u << DS_OUT_BLOCKED) | (1u << DS_OUT_RATE_LIMITED) |
		 (1u << DS_OUT_FAILED) | (1u << DS_OUT_TIMEOUT) |
		 (1u << DS_OUT_REFUSED))) {
		if (!detail[0])
			snprintf(detail, size, "no answer could be had");
		return DS_STEP_INCONCLUSIVE;
	}
	return DS_STEP_NOTHING;
}

/*
 * Seal a value for a candidate, bound to row (ds_field_row), into *blob
 * (NULL value: NULL blob).
 */
static int seal(struct ds_ctx *ctx, int64_t cid, const char *what,
		int64_t row, const char *v, uint8_t **blob, size_t *len,
		struct ds_err *err)
{
	*blob = NULL;
	*len = 0;
	if (!v)
		return 0;
	return ds_field_seal_row(ctx, cid, what, row, v, blob, len, err);
}

/* Store a page item as evidence (inside the transaction). */
static int store_evidence(struct ds_ctx *ctx, int64_t step_id, int64_t cid,
			  const struct item *it, struct ds_err *err)
{
	uint8_t *u = NULL, *fu = NULL, *t = NULL;
	size_t ul = 0, fl = 0, tl = 0;
	int64_t row = 0;
	int rc;

	/* The sealed fields are bound to the row's id (ds_field_row). */
	rc = ds_row_next(ctx, "evidence", &row, err);
	if (!rc)
		rc = seal(ctx, cid, "evidence.url", row, it->url, &u, &ul, err);
	if (!rc)
		rc = seal(ctx, cid, "evidence.final_url", row, it->final_url,
			  &fu, &fl, err);
	if (!rc)
		rc = seal(ctx, cid, "evidence.title", row, it->title, &t, &tl,
			  err);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO evidence (id, "
				"step_id, candidate_id, url_sealed, "
				"final_url_sealed, http_status, outcome, "
				"retrieved, sha256, size, title_sealed, "
				"published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
				"?, ?, ?)", "iiibbittt" "ibt",
				(sqlite3_int64)row,
				(sqlite3_int64)step_id, (sqlite3_int64)cid, u,
				(int)ul, fu, (int)fl,
				(sqlite3_int64)it->status, it->outcome,
				it->retrieved, it->sha256,
				(sqlite3_int64)it->size, t, (int)tl,
				it->published);
	ds_free(u);
	ds_free(fu);
	ds_free(t);
	return rc;
}

/* The bits of a comma-separated list whose names fmt gives bit by bit. */
static unsigned list_bits(const char *list, unsigned nbits,
			  void (*fmt)(const void *, unsigned, char *, size_t),
			  const void *arg)
{
	char name[64];
	unsigned b, bits = 0;
	size_t k;
	const char *p;

	for (b = 0; b < nbits; b++) {
		fmt(arg, 1u << b, name, sizeof(name));
		k = strlen(name);
		if (!k)
			continue;
		for (p = list; (p = strstr(p, name)); p += k)
			if ((p == list || p[-1] == ',') &&
			    (p[k] == ',' || p[k] == '\0'))
				bits |= 1u << b;
	}
	return bits;
}

static void fmt_cats(const void *tax, unsigned bits, char *out, size_t size)
{
	ds_triage_cats_format(tax, bits, out, size);
}

static void fmt_anchors(const void *unused, unsigned bits, char *out,
			size_t size)
{
	(void)unused;
	ds_match_format(bits, out, size);
}

/*
 * The same page found again (by another step of the run, or another
 * run) while its finding is still open: the finding becomes the union of
 * both, so the record does not depend on which step finished first.  The
 * identity level, severity and categories are the strongest and widest
 * of the two; the excerpt, title and evidence hash are those of the
 * stronger item (identity, then severity, then the smaller evidence
 * hash, so ties too are decided the same way every time).
 */
static int finding_merge(struct exec *x, int64_t cid, const uint8_t *mac,
			 size_t maclen, const struct item *it,
			 const uint8_t *t, size_t tl, const uint8_t *e,
			 size_t el, struct ds_err *err)
{
	struct ds_ctx *ctx = x->ctx;
	sqlite3_stmt *stmt;
	char anchors[128], cats[256];
	unsigned old_cats, old_anchors, ncats;
	int level = DS_ID_POSSIBLE, sev, special, criminal, take, rc;
	const char *id, *sha;

	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT identity, anchors, "
			   "categories, severity, special_care, criminal, "
			   "evidence_sha256 FROM finding WHERE candidate_id "
			   "= ? AND url_mac = ? AND status = 'open'", "ib",
			   (sqlite3_int64)cid, mac, (int)maclen);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the finding", err);
	if (rc != 1) {
		sqlite3_finalize(stmt);
		return rc < 0 ? rc : 0;         /* reviewed: left as it is */
	}
	id = (const char *)sqlite3_column_text(stmt, 0);
	if (strcmp(id, "confirmed") == 0)
		level = DS_ID_CONFIRMED;
	else if (strcmp(id, "probable") == 0)
		level = DS_ID_PROBABLE;
	ncats = (unsigned)ds_taxonomy_ncats(x->tax);
	old_anchors = list_bits((const char *)sqlite3_column_text(stmt, 1),
				16, fmt_anchors, NULL);
	old_cats = list_bits((const char *)sqlite3_column_text(stmt, 2),
			     ncats < 32 ? ncats : 32, fmt_cats, x->tax);
	sev = sqlite3_column_int(stmt, 3);
	special = sqlite3_column_int(stmt, 4);
	criminal = sqlite3_column_int(stmt, 5);
	sha = (const char *)sqlite3_column_text(stmt, 6);
	take = (int)it->level != level ? (int)it->level > level :
	       it->severity != sev ? it->severity > sev :
	       strcmp(it->sha256, sha) < 0;
	sqlite3_finalize(stmt);
	if (!take && (it->cats & ~old_cats) == 0 &&
	    (it->matched & ~old_anchors) == 0 &&
	    (!it->special || special) && (!it->criminal || criminal))
		return 0;
	ds_match_format(old_anchors | it->matched, anchors, sizeof(anchors));
	ds_triage_cats_format(x->tax, old_cats | it->cats, cats, sizeof(cats));
	rc = ds_db_exec(ctx->db, err, "UPDATE finding SET anchors = ?, "
			"categories = ?, special_care = ?, criminal = ? "
			"WHERE candidate_id = ? AND url_mac = ?", "ttddib",
			anchors, cats, special || it->special,
			criminal || it->criminal, (sqlite3_int64)cid, mac,
			(int)maclen);
	if (!rc && take)
		rc = ds_db_exec(ctx->db, err, "UPDATE finding SET identity = "
				"?, severity = ?, title_sealed = ?, "
				"excerpt_sealed = ?, evidence_sha256 = ?, "
				"published = ?, retrieved = ? WHERE "
				"candidate_id = ? AND url_mac = ?", "tdbbttt"
				"ib", ds_identity_name(it->level),
				it->severity > sev ? it->severity : sev, t,
				(int)tl, e, (int)el, it->sha256,
				it->published, it->retrieved,
				(sqlite3_int64)cid, mac, (int)maclen);
	return rc;
}

/*
 * Store an item that touches the taxonomy as a finding; the same URL
 * found again (by this or another step) stays one finding.  *added is
 * set when the finding is new.
 */
static int store_finding(struct exec *x, int64_t step_id, int64_t cid,
			 const struct item *it, int *added, struct ds_err *err)
{
	struct ds_ctx *ctx = x->ctx;
	uint8_t mac[16], *u = NULL, *t = NULL, *e = NULL, *w = NULL;
	size_t ul, tl, el, wl;
	sqlite3_int64 fid = 0;
	int64_t row = 0;
	char anchors[128], cats[256], now[21];
	int rc;

	*added = 0;
	rc = ds_field_mac(ctx, cid, "finding.url", it->url, mac, err);
	/*
	 * The sealed fields are bound to the row's id (ds_field_row): the
	 * finding's own when the page was found before, else the next.
	 */
	if (!rc)
		rc = ds_db_int(ctx->db, &fid, err, "SELECT id FROM finding "
			       "WHERE candidate_id = ? AND url_mac = ?", "ib",
			       (sqlite3_int64)cid, mac, (int)sizeof(mac));
	if (rc == DS_ENOTFOUND) {
		rc = ds_row_next(ctx, "finding", &row, err);
		fid = row;
	}
	if (!rc)
		rc = seal(ctx, cid, "finding.url", fid, it->url, &u, &ul, err);
	if (!rc)
		rc = seal(ctx, cid, "finding.title", fid, it->title, &t, &tl,
			  err);
	if (!rc)
		rc = seal(ctx, cid, "finding.excerpt", fid, it->excerpt, &e,
			  &el, err);
	if (!rc)
		rc = seal(ctx, cid, "finding.explain", fid, it->explain, &w,
			  &wl, err);
	ds_match_format(it->matched, anchors, sizeof(anchors));
	ds_triage_cats_format(x->tax, it->cats, cats, sizeof(cats));
	ds_time_now(now);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO finding "
				"(id, candidate_id, url_mac, url_sealed, "
				"title_sealed, excerpt_sealed, "
				"evidence_sha256, identity, anchors, "
				"categories, severity, special_care, criminal, "
				"published, retrieved, created, "
				"explain_sealed, own_words) VALUES (?, ?, ?, "
				"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
				"ON CONFLICT (candidate_id, url_mac) DO "
				"NOTHING", "iibbbbttttdddttt" "bd", fid,
				(sqlite3_int64)cid, mac,
				(int)sizeof(mac), u, (int)ul, t, (int)tl, e,
				(int)el, it->sha256,
				ds_identity_name(it->level), anchors, cats,
				it->severity, it->special, it->criminal,
				it->published, it->retrieved, now, w, (int)wl,
				it->own_words);
	if (!rc)
		*added = sqlite3_changes(ctx->db) == 1;
	if (!rc && !*added)
		rc = finding_merge(x, cid, mac, sizeof(mac), it, t, tl, e, el,
				   err);
	ds_free(u);
	ds_free(t);
	ds_free(e);
	ds_free(w);
	if (!rc)
		rc = ds_db_int(ctx->db, &fid, err, "SELECT id FROM finding "
			       "WHERE candidate_id = ? AND url_mac = ?", "ib",
			       (sqlite3_int64)cid, mac, (int)sizeof(mac));
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT OR IGNORE INTO "
				"finding_step (finding_id, step_id) VALUES "
				"(?, ?)", "ii", fid, (sqlite3_int64)step_id);
	if (!rc && *added) {
		struct ds_audit_event ev = { .action = "finding.add",
					     .object = "finding",
					     .object_id = fid,
					     .candidate_id = cid };
		char detail[320];

		/*
		 * No categories here: "criminal" is criminal-offence data,
		 * for the DSL only, and the trail is read by others.
		 */
		snprintf(detail, sizeof(detail), "step=%lld identity=%s "
			 "severity=%d", (long long)step_id,
			 ds_identity_name(it->level), it->severity);
		ev.detail = detail;
		rc = ds_audit_append(ctx, &ev, err);
	}
	return rc;
}

/* Write a finished step, its evidence and findings in one transaction. */
static int step_store(struct exec *x, struct srun *sr, struct ds_err *err)
{
	struct ds_ctx *ctx = x->ctx;
	struct ds_audit_event ev = { .action = "step.done", .object = "step" };
	char now[21], detail[400];
	int64_t cid = sr->cand->id;
	size_t i, evidence = 0, nitems = sr->nitems;
	unsigned dropped = 0;
	int rc, added, stopped;

	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	/*
	 * The gate once more, with the write lock held so that no withdrawal
	 * can come between it and the store: for a candidate who may no
	 * longer be searched the step is stopped and what it found is
	 * dropped, never stored.
	 */
	stopped = !cand_allowed(x, sr->cand, 1);
	if (x->rc) {
		*err = x->err;
		ds_db_rollback(ctx->db);
		return x->rc;
	}
	if (stopped) {
		dropped = sr->dropped + sr->results;
		nitems = 0;
		sr->outcome = DS_STEP_SKIPPED;
		sr->outcome_set = 1;
		snprintf(sr->detail, sizeof(sr->detail), "stopped (%s): %s",
			 sr->cand->stop_codes, sr->cand->stop_text);
		sr->results = sr->not_candidate = sr->not_relevant = 0;
		sr->protected_dropped = sr->findings = 0;
	}
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "UPDATE step SET status = 'done', "
			"outcome = ?, detail = ?, results = ?, "
			"not_candidate = ?, not_relevant = ?, "
			"protected_dropped = ?, findings = ?, started = ?, "
			"finished = ? WHERE id = ? AND status = 'pending'",
			"ttddddd" "tti", ds_step_outcome_name(sr->outcome),
			sr->detail, (int)sr->results, (int)sr->not_candidate,
			(int)sr->not_relevant, (int)sr->protected_dropped,
			(int)sr->findings,
			sr->started[0] ? sr->started : now, now,
			(sqlite3_int64)sr->id);
	if (!rc && stopped && sqlite3_changes(ctx->db) != 1)
		goto out;       /* purged with its steps: nothing to record */
	if (!rc && sqlite3_changes(ctx->db) != 1)
		rc = ds_err_set(err, DS_ESTATE, "step %lld was finished by "
				"another process", (long long)sr->id);
	for (i = 0; !rc && i < nitems; i++) {
		const struct item *it = &sr->items[i];

		if (it->page) {
			rc = store_evidence(ctx, sr->id, cid, it, err);
			evidence++;
		}
		if (!rc && it->cats)
			rc = store_finding(x, sr->id, cid, it, &added, err);
	}
	if (!rc) {
		snprintf(detail, sizeof(detail), "outcome=%s results=%u "
			 "not-candidate=%u not-relevant=%u protected=%u "
			 "findings=%u evidence=%zu",
			 ds_step_outcome_name(sr->outcome), sr->results,
			 sr->not_candidate, sr->not_relevant,
			 sr->protected_dropped, sr->findings, evidence);
		if (stopped)
			snprintf(detail + strlen(detail),
				 sizeof(detail) - strlen(detail), " "
				 "stopped=%s dropped=%u",
				 sr->cand->stop_codes, dropped);
		ev.object_id = sr->id;
		ev.candidate_id = cid;
		ev.detail = detail;
		rc = ds_audit_append(ctx, &ev, err);
	}
out:
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}
/* A site's name shaped like a brand, not a word: a capital inside a
 * word of it, a digit or a dot ("VelvetRoom", "AfterDark Fans",
 * "Site.tv", "cams4u"); "Tryst" and "Late Night" are not. */
static int brand_shaped(const char *name)
{
	size_t i;

	if (strpbrk(name, ",:\"()") || !name[0] || name[0] == ' ')
		return 0;
	for (i = 1; name[i]; i++)
		if ((isupper((unsigned char)name[i]) &&
		     name[i - 1] != ' ') ||
		    isdigit((unsigned char)name[i]) || name[i] == '.')
			return 1;
	return 0;
}

/*
 * The adult sites of the configured site list ([connector profiles]
 * site_list, else the built-in one) are terms of the taxonomy's
 * [sexual], each by its brand-shaped name: "one of the staff has a
 * VelvetRoom" is sexual content as "has an OnlyFans" is.
 */
static int tax_add_adult_sites(struct ds_taxonomy *t,
			       const struct ds_conf *conf, struct ds_err *err)
{
	const struct ds_conf_connector *k = ds_conf_connector(conf,
							      "profiles");
	const char *canon;
	struct ds_sitelist l;
	struct buf b;
	size_t i;
	int rc;

	if (ds_sitelist_load(&l, k ? ds_conf_connector_option(k, "site_list")
				 : NULL, err))
		return 0;       /* no list: the connector reports it */
	buf_init(&b, 0);
	for (i = 0; i < l.nsites; i++) {
		canon = ds_site_category_canon(l.sites[i].cat);
		if (canon && strcmp(canon, "adult") == 0 &&
		    brand_shaped(l.sites[i].name))
			buf_addf(&b, "%s%s", b.len ? "," : "",
				 l.sites[i].name);
	}
	ds_sitelist_release(&l);
	rc = buf_failed(&b) ? ds_err_set(err, DS_ENOMEM, "out of memory") :
	     b.len ? ds_taxonomy_add_terms(t, "sexual", b.ptr, err) : 0;
	buf_release(&b);
	return rc;
}

int ds_run_taxonomy(struct ds_taxonomy **t, const struct ds_conf *conf,
		    const char *path, struct ds_err *err)
{
	int rc;

	if (!path)
		path = conf->taxonomy;
	rc = path ? ds_taxonomy_load(t, path, err) :
	     ds_taxonomy_default(t, err);
	if (rc)
		return rc;
	rc = tax_add_adult_sites(*t, conf, err);
	if (rc) {
		ds_taxonomy_free(*t);
		*t = NULL;
	}
	return rc;
}

int ds_import_triage(struct ds_ctx *ctx, const struct ds_conf *conf,
		     int64_t step_id, int64_t cid, const char *url,
		     const struct ds_page *page, const uint8_t *sha256,
		     size_t size, unsigned *findings, struct ds_err *err)
{
	struct ds_conf defaults;
	struct ds_run_opts o = { .conf = conf };
	struct exec x = { .ctx = ctx, .o = &o };
	struct ds_response res = { .url = url, .final_url = "",
				   .content_type = "text/html",
				   .body = "", .body_len = size,
				   .outcome = DS_OUT_OK };
	struct srun sr;
	struct cand c;
	size_t i;
	int rc, added;

	*findings = 0;
	if (!conf) {
		ds_conf_init(&defaults);
		o.conf = &defaults;
	}
	memset(&sr, 0, sizeof(sr));
	memcpy(res.sha256, sha256, sizeof(res.sha256));
	ds_time_now(res.retrieved);
	rc = ds_run_taxonomy(&x.tax, o.conf, NULL, err);
	if (rc)
		return rc;
	rc = cand_load(ctx, cid, &c, err);
	if (rc) {
		ds_taxonomy_free(x.tax);
		return rc;
	}
	sr.x = &x;
	sr.cand = &c;
	/* The page of a declared profile, saved by the searcher. */
	snprintf(sr.kind, sizeof(sr.kind), "profile");
	rc = triage_keep(&sr, page->text, page->text_len, url,
			 page->title[0] ? page->title : NULL, page->published,
			 &res);
	if (rc)
		rc = ds_err_set(err, rc, "cannot triage the imported page");
	for (i = 0; !rc && i < sr.nitems; i++) {
		if (!sr.items[i].cats)
			continue;
		rc = store_finding(&x, step_id, cid, &sr.items[i], &added,
				   err);
		*findings += (unsigned)added;
	}
	srun_release(&sr);
	cand_release(&c);
	ds_taxonomy_free(x.tax);
	return rc;
}

static void start_more(struct exec *x);

const char *ds_run_cut_name(unsigned cut)
{
	switch (cut & DS_PAGE_CUT_ALL) {
	case 0:
		return "none";
	case DS_PAGE_CUT_DEPTH:
		return "depth limit";
	case DS_PAGE_CUT_INPUT:
	case DS_PAGE_CUT_TEXT:
	case DS_PAGE_CUT_INPUT | DS_PAGE_CUT_TEXT:
		return "size limit";
	default:
		return "size and depth limits";
	}
}

/*
 * What the step's result pages add to its outcome: a page not read is a
 * gap, so a step that would be "ok" or "nothing found" is inconclusive,
 * and its detail says how many pages were read, not public, gone, not
 * read and why, and past the follow limit.
 */
static void pages_settle(struct srun *sr)
{
	char d[sizeof(sr->detail)];
	size_t n;

	if (!sr->followed && !sr->over_limit && !sr->pages_not_read &&
	    !sr->pages_not_public && !sr->pages_cut)
		return;
	/* A step whose own page failed already says so. */
	if (!sr->followed && !sr->over_limit &&
	    (sr->outcome == DS_STEP_INCONCLUSIVE ||
	     sr->outcome == DS_STEP_NOT_PUBLIC))
		return;
	if (sr->pages_not_read && (sr->outcome == DS_STEP_OK ||
				   sr->outcome == DS_STEP_NOTHING)) {
		sr->outcome = DS_STEP_INCONCLUSIVE;
		sr->detail[0] = '\0';
	}
	n = 0;
	if (sr->followed || sr->over_limit)
		n = (size_t)snprintf(d, sizeof(d), "%u of %u result pages "
				     "read", sr->pages_read, sr->followed);
	if (n < sizeof(d) && sr->pages_not_public)
		n += (size_t)snprintf(d + n, sizeof(d) - n, "%s%u page%s not "
				      "public", n ? ", " : "",
				      sr->pages_not_public,
				      sr->pages_not_public == 1 ? "" : "s");
	if (n < sizeof(d) && sr->pages_gone)
		n += (size_t)snprintf(d + n, sizeof(d) - n, ", %u gone",
				      sr->pages_gone);
	if (n < sizeof(d) && sr->pages_not_read)
		n += (size_t)snprintf(d + n, sizeof(d) - n, "%s%u NOT READ "
				      "(%s)", n ? ", " : "", sr->pages_not_read,
				      sr->gap);
	if (n < sizeof(d) && sr->over_limit)
		n += (size_t)snprintf(d + n, sizeof(d) - n, ", %u past the "
				      "follow limit not read", sr->over_limit);
	if (n < sizeof(d) && sr->pages_cut)
		n += (size_t)snprintf(d + n, sizeof(d) - n, "%s%u page%s CUT "
				      "at the parser's %s (judged on what "
				      "was read)", n ? ", " : "",
				      sr->pages_cut,
				      sr->pages_cut == 1 ? "" : "s",
				      ds_run_cut_name(sr->cut_how));
	if (n < sizeof(d) && sr->detail[0])
		snprintf(d + n, sizeof(d) - n, "; %.200s", sr->detail);
	snprintf(sr->detail, sizeof(sr->detail), "%s", d);
}

#define SHINGLE 6               /* words in a row that make text shared */

/* FNV-1a of SHINGLE of tk's words from word k (folded as the lexicon
 * folds them: case, accents, obfuscation). */
static uint64_t shingle(const struct ds_tokens *tk, size_t k)
{
	uint64_t h = 14695981039346656037ULL;
	size_t j;

	for (j = k; j < k + SHINGLE; j++) {
		const char *w;

		for (w = ds_token_word(tk, j); *w; w++) {
			h ^= (unsigned char)*w;
			h *= 1099511628211ULL;
		}
		h ^= ' ';
		h *= 1099511628211ULL;
	}
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Blank out of p's text (a copy, t) every run of SHINGLE words or more
 * that the texts of its posts (items with a category of p's, at post
 * addresses of p's site) show too.  How many words were blanked, or -1
 * when out of memory.
 */
static long blank_posts_words(const struct srun *sr, const struct item *p,
			      char *t)
{
	struct ds_tokens tk;
	uint64_t *set = NULL;
	size_t nset = 0, j, k;
	unsigned char *cov = NULL;
	long blanked = 0;

	for (j = 0; j < sr->nitems; j++) {
		const struct item *c = &sr->items[j];
		uint64_t *v;

		if (c == p || !c->text || !(c->cats & p->cats) ||
		    !ds_post_link(p->url, c->url) ||
		    ds_post_link(c->url, p->url))
			continue;
		if (ds_tokens_make(&tk, c->text, c->text_len, 0))
			goto oom;
		v = tk.n >= SHINGLE ? ds_realloc(set, (nset + tk.n) *
						 sizeof(*set)) : set;
		if (!v) {
			ds_tokens_release(&tk);
			goto oom;
		}
		set = v;
		for (k = 0; k + SHINGLE <= tk.n; k++)
			set[nset++] = shingle(&tk, k);
		ds_tokens_release(&tk);
	}
	if (!nset)
		return 0;
	qsort(set, nset, sizeof(*set), cmp_u64);
	if (ds_tokens_make(&tk, t, p->text_len, 0))
		goto oom;
	cov = tk.n ? ds_calloc(tk.n, 1) : NULL;
	if (tk.n && !cov) {
		ds_tokens_release(&tk);
		goto oom;
	}
	for (k = 0; k + SHINGLE <= tk.n; k++) {
		uint64_t h = shingle(&tk, k);

		if (bsearch(&h, set, nset, sizeof(*set), cmp_u64))
			memset(cov + k, 1, SHINGLE);
	}
	for (k = 0; k < tk.n; k++)
		if (cov[k]) {
			memset(t + tk.v[k].start, ' ',
			       tk.v[k].end - tk.v[k].start);
			blanked++;
		}
	ds_free(cov);
	ds_tokens_release(&tk);
	ds_free(set);
	return blanked;
oom:
	ds_free(set);
	return -1;
}

/*
 * A profile page that shows its posts' captions repeats their concerns.
 * When its posts read in the step carry its finding's words (the page's
 * text, less the runs of words its posts show too, no longer touches its
 * categories), the finding is theirs, at their own addresses: the page
 * stays evidence, without a finding of its own.  Posts are never folded
 * into one another, nor into their page.
 */
static int fold_into_posts(struct srun *sr)
{
	size_t i;

	for (i = 0; i < sr->nitems; i++) {
		struct item *p = &sr->items[i];
		struct ds_triage_result *tr;
		struct ds_err err;
		long blanked;
		char *t;
		int rc;

		if (!p->text || !p->cats || !p->url)
			continue;
		t = ds_malloc(p->text_len + 1);
		if (!t)
			return DS_ENOMEM;
		memcpy(t, p->text, p->text_len + 1);
		blanked = blank_posts_words(sr, p, t);
		if (blanked <= 0) {
			ds_free(t);
			if (blanked < 0)
				return DS_ENOMEM;
			continue;
		}
		tr = ds_malloc(sizeof(*tr));
		ds_err_init(&err);
		rc = tr ? ds_triage_text(sr->x->tax, t, p->text_len, tr, &err) :
		     DS_ENOMEM;
		if (!rc && !(tr->cats & p->cats)) {
			p->cats = 0;
			sr->findings--;
		}
		ds_free(t);
		ds_free(tr);
		if (rc)
			return rc;
	}
	return 0;
}

/* A step has nothing more in flight: decide, store, report. */
static void step_finish(struct exec *x, struct srun *sr)
{
	struct ds_run_event ev = { .type = DS_EV_STEP };
	struct ds_err err;

	if (sr->finished)
		return;
	sr->finished = 1;
	x->inflight--;
	if (!sr->outcome_set)
		sr->outcome = implied(sr, sr->detail, sizeof(sr->detail));
	pages_settle(sr);
	ds_err_init(&err);
	if (!x->rc && fold_into_posts(sr) != 0) {
		x->rc = ds_err_set(&err, DS_ENOMEM, "out of memory");
		x->err = err;
	}
	if (!x->rc && step_store(x, sr, &err) != 0) {
		x->rc = err.code;
		x->err = err;
	}
	if (!x->rc) {
		x->sum->steps++;
		x->sum->by_outcome[sr->outcome]++;
		x->sum->pages_read += sr->pages_read;
		x->sum->pages_not_public += sr->pages_not_public;
		x->sum->pages_not_read += sr->pages_not_read;
		x->sum->pages_over_limit += sr->over_limit;
		x->sum->pages_cut += sr->pages_cut;
		x->sum->cut_how |= sr->cut_how;
		sr->cand->done++;
		ev.candidate_id = sr->cand->id;
		ev.candidate = sr->cand->name;
		ev.step_id = sr->id;
		ev.kind = sr->kind;
		ev.connector = sr->connector;
		ev.outcome = ds_step_outcome_name(sr->outcome);
		ev.detail = sr->detail;
		ev.results = sr->results;
		ev.done = x->done_before + x->sum->steps;
		ev.total = x->total;
		ev.cand_done = sr->cand->done;
		ev.cand_total = sr->cand->total;
		emit(x, &ev);
	}
	srun_release(sr);
	start_more(x);
}

static void on_fetched(void *user, const struct ds_response *res)
{
	struct fetch_tag *t = user;
	struct srun *sr = t->sr;
	struct ds_sink sink = { .sr = sr };
	struct ds_err err;

	ds_err_init(&err);
	sr->pending--;
	/* An answer for a candidate who may no longer be searched: dropped. */
	if (!cand_allowed(sr->x, sr->cand, 0)) {
		if (res->outcome != DS_OUT_REFUSED)
			sr->dropped++;
		ds_free(t);
		if (sr->pending == 0)
			step_finish(sr->x, sr);
		return;
	}
	sr->fetch_mask |= 1u << res->outcome;
	/*
	 * A page that answered "not public" is kept as such, with its
	 * address; a page that could not be read is a gap.  An API's
	 * answers are the connector's to judge (ds_sink_not_public).
	 */
	if ((t->kind & DS_REQ_PAGE) && res->outcome == DS_OUT_NOT_PUBLIC) {
		sr->pages_not_public++;
		page_note(sr, res->url, res, "not-public");
	} else if ((t->kind & DS_REQ_PAGE) && res->outcome != DS_OUT_OK &&
		   res->outcome != DS_OUT_NOT_FOUND) {
		page_gap(sr, res->url, res, ds_outcome_name(res->outcome),
			 res->detail);
	}
	if (res->outcome != DS_OUT_OK && !sr->detail[0])
		snprintf(sr->detail, sizeof(sr->detail), "%s: %s",
			 ds_outcome_name(res->outcome), res->detail);
	if (sr->conn->on_response &&
	    sr->conn->on_response(&sr->info, t->tag, res, &sink, &err) != 0) {
		sr->outcome_set = 1;
		sr->outcome = DS_STEP_INCONCLUSIVE;
		snprintf(sr->detail, sizeof(sr->detail), "%s", err.msg);
	}
	ds_free(t);
	if (sr->pending == 0)
		step_finish(sr->x, sr);
}

/* An option of a connector's configuration section, for its init. */
static const char *conn_option(const struct ds_conn_init *ci,
			       const char *name)
{
	return ds_conf_connector_option(ci->priv, name);
}

/*
 * Make a connector's per-run state on its first step; returns its index,
 * or -1 with why in x->conn_err when it cannot be used.
 */
static int conn_prepare(struct exec *x, const struct ds_connector *conn,
			const struct ds_conf_connector *cc)
{
	struct ds_conn_init ci = {
		.base_url = cc && cc->base_url ? cc->base_url :
			    conn->default_base_url,
		.api_key = cc && cc->api_key_env ? getenv(cc->api_key_env) :
			   NULL,
		.option = conn_option,
		.priv = cc,
	};
	struct ds_err err;
	int i;

	for (i = 0; i < 32 && ds_connector_at((size_t)i) &&
	     ds_connector_at((size_t)i) != conn; i++)
		;
	if (i >= 32 || !ds_connector_at((size_t)i))
		return -1;
	if (x->conn_ready[i] == 0) {
		x->conn_ready[i] = 1;
		ds_err_init(&err);
		if (conn->init && conn->init(&x->conn_state[i], &ci, &err)) {
			x->conn_ready[i] = -1;
			snprintf(x->conn_err[i], sizeof(x->conn_err[i]),
				 "%.190s", err.msg);
		}
	}
	return i;
}

/* Start one step: its connector queues requests, or it ends at once. */
static void step_begin(struct exec *x, struct srun *sr)
{
	const struct ds_conf_connector *cc;
	struct ds_sink sink = { .sr = sr };
	struct ds_err err;
	int ci;

	x->inflight++;
	ds_time_now(sr->started);
	/* The gate, as the case file says now (step_store says the rest). */
	if (!cand_allowed(x, sr->cand, 0)) {
		step_finish(x, sr);
		return;
	}
	sr->conn = ds_connector_find(sr->connector);
	if (!sr->conn || !(sr->conn->steps & ds_step_kind_parse(sr->kind))) {
		ds_sink_outcome(&sink, DS_STEP_SKIPPED, sr->conn ?
				"the connector does not serve this kind of "
				"step" : "no such connector is installed");
		step_finish(x, sr);
		return;
	}
	cc = ds_conf_connector(x->o->conf, sr->connector);
	ci = conn_prepare(x, sr->conn, cc);
	if (ci < 0 || x->conn_ready[ci] < 0) {
		ds_sink_outcome(&sink, DS_STEP_SKIPPED, ci < 0 ? "connector "
				"table full" : x->conn_err[ci]);
		step_finish(x, sr);
		return;
	}
	sr->info.state = x->conn_state[ci];
	sr->info.step_id = sr->id;
	sr->info.kind = ds_step_kind_parse(sr->kind);
	sr->info.query = sr->query;
	sr->info.platform = sr->platform;
	sr->info.target = sr->target;
	sr->info.base_url = cc && cc->base_url ? cc->base_url :
			    sr->conn->default_base_url;
	sr->info.api_key = cc && cc->api_key_env ? getenv(cc->api_key_env) :
			   NULL;
	sr->info.handle_platforms = sr->cand->a.handle_platform;
	sr->info.handles = sr->cand->a.handle;
	sr->info.nhandles = sr->cand->a.nhandles;
	sr->info.lookback_days = x->lookback_days;
	sr->info.max_results = x->o->conf->max_results;
	/* A declared account is read as a careful person reads it: its
	 * recent posts, not only the first few. */
	if (ds_step_kind_parse(sr->kind) == DS_STEP_PROFILE &&
	    x->o->conf->max_posts + 1 > sr->info.max_results)
		sr->info.max_results = x->o->conf->max_posts + 1;
	if ((sr->conn->flags & DS_CONN_NEEDS_KEY) && !sr->info.api_key) {
		ds_sink_outcome(&sink, DS_STEP_SKIPPED, "no API key: set the "
				"environment variable named by api_key_env");
		step_finish(x, sr);
		return;
	}
	ds_err_init(&err);
	if (sr->conn->start(&sr->info, &sink, &err) != 0)
		ds_sink_outcome(&sink, err.code == DS_ECONFIG ?
				DS_STEP_SKIPPED : DS_STEP_INCONCLUSIVE,
				err.msg);
	if (sr->pending == 0)
		step_finish(x, sr);
}

/* Keep the fetcher fed, a bounded number of steps at a time. */
static void start_more(struct exec *x)
{
	size_t limit = x->o->conf->fetch.max_total * 2;

	while (!x->rc && x->next < x->nsteps && x->inflight < limit)
		step_begin(x, &x->steps[x->next++]);
}

/* Load the run's pending steps and their candidates. */
static int exec_load(struct exec *x, struct ds_err *err)
{
	struct ds_ctx *ctx = x->ctx;
	sqlite3_stmt *stmt;
	sqlite3_int64 n, total, skipped;
	int rc;

	rc = ds_db_int(ctx->db, &n, err, "SELECT count(*) FROM step WHERE "
		       "run_id = ? AND status = 'pending'", "i",
		       (sqlite3_int64)x->run_id);
	if (!rc)
		rc = ds_db_int(ctx->db, &total, err, "SELECT count(*) FROM "
			       "step WHERE run_id = ?", "i",
			       (sqlite3_int64)x->run_id);
	if (rc)
		return rc;
	x->total = (size_t)total;
	x->done_before = (size_t)(total - n);
	rc = ds_db_int(ctx->db, &skipped, err, "SELECT count(*) FROM step "
		       "WHERE run_id = ? AND status <> 'pending' AND outcome "
		       "= 'skipped'", "i", (sqlite3_int64)x->run_id);
	if (rc)
		return rc;
	x->skipped_before = (size_t)skipped;
	/* The run's frozen plan decides, whatever the configuration says. */
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT p.steps FROM run r "
			   "JOIN plan p ON p.id = r.plan_id WHERE r.id = ?",
			   "i", (sqlite3_int64)x->run_id);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the run's plan", err);
	if (rc == 1) {
		struct ds_plan plan;
		json_t *j = json_loads((const char *)
				       sqlite3_column_text(stmt, 0), 0, NULL);

		rc = ds_plan_from_json(&plan, j, err);
		json_decref(j);
		x->lookback_days = plan.lookback_days;
	} else if (rc == 0) {
		rc = ds_err_set(err, DS_ENOTFOUND, "run %lld has no plan",
				(long long)x->run_id);
	}
	sqlite3_finalize(stmt);
	if (rc)
		return rc;
	x->steps = ds_calloc((size_t)n + 1, sizeof(*x->steps));
	x->cands = ds_calloc((size_t)n + 1, sizeof(*x->cands));
	if (!x->steps || !x->cands)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, candidate_id, "
			   "kind, connector, IFNULL(platform, ''), "
			   "query_sealed, target_sealed FROM step WHERE "
			   "run_id = ? AND status = 'pending' ORDER BY "
			   "candidate_id, plan_step, seq", "i",
			   (sqlite3_int64)x->run_id);
	if (rc)
		return rc;
	while (x->nsteps < (size_t)n &&
	       (rc = ds_db_step(ctx->db, stmt, "cannot read the steps",
				err)) == 1) {
		struct srun *sr = &x->steps[x->nsteps];
		int64_t cid = sqlite3_column_int64(stmt, 1);

		rc = 0;
		sr->x = x;
		sr->id = sqlite3_column_int64(stmt, 0);
		snprintf(sr->kind, sizeof(sr->kind), "%s",
			 (const char *)sqlite3_column_text(stmt, 2));
		snprintf(sr->connector, sizeof(sr->connector), "%s",
			 (const char *)sqlite3_column_text(stmt, 3));
		snprintf(sr->platform, sizeof(sr->platform), "%s",
			 (const char *)sqlite3_column_text(stmt, 4));
		if (!x->ncands || x->cands[x->ncands - 1].id != cid) {
			rc = cand_load(ctx, cid, &x->cands[x->ncands], err);
			if (rc)
				break;
			x->ncands++;
		}
		sr->cand = &x->cands[x->ncands - 1];
		sr->cand->total++;
		if (sqlite3_column_type(stmt, 5) != SQLITE_NULL)
			rc = ds_field_unseal_row(ctx, cid, "step.query",
				sr->id, sqlite3_column_blob(stmt, 5),
				(size_t)sqlite3_column_bytes(stmt, 5),
				&sr->query, err);
		if (!rc && sqlite3_column_type(stmt, 6) != SQLITE_NULL)
			rc = ds_field_unseal_row(ctx, cid, "step.target",
				sr->id, sqlite3_column_blob(stmt, 6),
				(size_t)sqlite3_column_bytes(stmt, 6),
				&sr->target, err);
		x->nsteps++;
		if (rc)
			break;
	}
	sqlite3_finalize(stmt);
	return rc < 0 ? rc : 0;
}

static void exec_release(struct exec *x)
{
	size_t i;

	for (i = 0; i < 32 && ds_connector_at(i); i++)
		if (x->conn_ready[i] > 0 && ds_connector_at(i)->fini)
			ds_connector_at(i)->fini(x->conn_state[i]);
	for (i = 0; i < x->nsteps; i++)
		srun_release(&x->steps[i]);
	for (i = 0; i < x->ncands; i++)
		cand_release(&x->cands[i]);
	ds_free(x->steps);
	ds_free(x->cands);
	ds_fetch_free(x->f);
	ds_taxonomy_free(x->tax);
}

/* Mark the run done when no step is pending any more. */
static int run_close(struct ds_ctx *ctx, int64_t run_id, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "run.finish", .object = "run",
				     .object_id = run_id };
	sqlite3_int64 pending, vid;
	char now[21], detail[64];
	int rc;

	rc = ds_db_begin(ctx->db, err);
	if (!rc)
		rc = ds_db_int(ctx->db, &pending, err, "SELECT count(*) FROM "
			       "step WHERE run_id = ? AND status = "
			       "'pending'", "i", (sqlite3_int64)run_id);
	if (!rc)
		rc = ds_db_int(ctx->db, &vid, err, "SELECT vacancy_id FROM "
			       "run WHERE id = ?", "i",
			       (sqlite3_int64)run_id);
	if (!rc && pending == 0) {
		ds_time_now(now);
		rc = ds_db_exec(ctx->db, err, "UPDATE run SET status = "
				"'done', finished = ? WHERE id = ? AND "
				"status = 'running'", "ti", now,
				(sqlite3_int64)run_id);
		if (!rc && sqlite3_changes(ctx->db)) {
			snprintf(detail, sizeof(detail), "status=done");
			ev.vacancy_id = vid;
			ev.detail = detail;
			rc = ds_audit_append(ctx, &ev, err);
		}
	}
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

/* Carry out the pending steps of one run. */
static int execute(struct ds_ctx *ctx, const struct ds_run_opts *o,
		   int64_t run_id, struct ds_run_summary *sum,
		   struct ds_err *err)
{
	struct exec x = { .ctx = ctx, .o = o, .sum = sum, .run_id = run_id };
	struct ds_run_event ev = { .type = DS_EV_STARTED };
	int rc, sandbox = 0;

	ds_err_init(&x.err);
	sum->run_id = run_id;
	rc = ds_run_taxonomy(&x.tax, o->conf, NULL, err);
	if (!rc)
		rc = exec_load(&x, err);
	if (!rc)
		rc = ds_fetch_new(&x.f, &o->conf->fetch, err);
	/* Every request about a candidate asks the gate before it goes. */
	if (!rc)
		ds_fetch_set_check(x.f, fetch_check, &x);
	/* Fetched pages are parsed in a sandboxed worker (sandbox.h). */
	if (!rc && o->conf->sandbox) {
		rc = ds_sandbox_start(err);
		sandbox = !rc;
	}
	if (rc)
		goto out;
	ev.done = x.done_before;
	ev.skipped = x.skipped_before;
	ev.total = x.total;
	emit(&x, &ev);
	sum->candidates += x.ncands;
	start_more(&x);
	if (!x.rc)
		rc = ds_fetch_run(x.f, err);
	if (!rc && x.rc) {
		rc = x.rc;
		if (err)
			*err = x.err;
	}
	if (!rc)
		rc = run_close(ctx, run_id, err);
	if (!rc) {
		struct ds_run_event fin = { .type = DS_EV_FINISHED,
					    .done = x.done_before + sum->steps,
					    .total = x.total };

		emit(&x, &fin);
	}
out:
	if (sandbox)
		ds_sandbox_stop();
	exec_release(&x);
	return rc;
}

/* The candidates a run covers: one, or the vacancy's shortlist. */
static int run_candidates(struct ds_ctx *ctx, const struct ds_run_opts *o,
			  int64_t *vid, int64_t **ids, size_t *n,
			  struct ds_err *err)
{
	int64_t cvid = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (o->vacancy_ref) {
		rc = ds_vacancy_id(ctx, o->vacancy_ref, vid, err);
		if (rc)
			return rc;
	}
	if (o->candidate_id) {
		rc = ds_candidate_vacancy(ctx, o->candidate_id, &cvid, err);
		if (rc)
			return rc;
		if (o->vacancy_ref && cvid != *vid)
			return ds_err_set(err, DS_EDATA, "candidate %lld did "
					  "not apply for vacancy '%.64s'",
					  (long long)o->candidate_id,
					  o->vacancy_ref);
		*vid = cvid;
		*ids = ds_malloc(sizeof(**ids));
		if (!*ids)
			return ds_err_set(err, DS_ENOMEM, "out of memory");
		(*ids)[0] = o->candidate_id;
		*n = 1;
		return 0;
	}
	if (!o->vacancy_ref)
		return ds_err_set(err, DS_EUSAGE, "say what to search: "
				  "--vacancy REF or --candidate ID");
	rc = ds_db_ids(ctx->db, ids, n, err, "cannot read the candidates",
		       "SELECT id FROM candidate WHERE vacancy_id = ? AND "
		       "status IN ('shortlisted', 'preferred') ORDER BY id",
		       "i", (sqlite3_int64)*vid);
	if (rc)
		return rc;
	if (*n == 0)
		return ds_err_set(err, DS_ESTATE, "vacancy '%.64s' has no "
				  "shortlisted candidates: set their status "
				  "with 'duesearch candidate status ID "
				  "shortlisted'", o->vacancy_ref);
	return 0;
}

/*
 * Insert the step instances of one candidate (inside the run's start
 * transaction, so the ids taken for the sealed fields are theirs).
 */
static int insert_steps(struct ds_ctx *ctx, int64_t run_id,
			const struct ds_plan *plan, struct cand *c,
			size_t *count, struct ds_err *err)
{
	struct ds_plan_instance *inst;
	size_t k, n;
	int64_t row = 0;
	int rc;

	rc = ds_plan_expand_all(plan, &c->a, &inst, &n, err);
	for (k = 0; !rc && k < n; k++) {
		uint8_t *q = NULL, *t = NULL;
		size_t ql = 0, tl = 0;

		/* The terms and the target are bound to the step's id. */
		rc = ds_row_next(ctx, "step", &row, err);
		if (!rc && inst[k].query[0])
			rc = ds_field_seal_row(ctx, c->id, "step.query", row,
					       inst[k].query, &q, &ql, err);
		if (!rc && inst[k].target[0])
			rc = ds_field_seal_row(ctx, c->id, "step.target", row,
					       inst[k].target, &t, &tl, err);
		if (!rc)
			rc = ds_db_exec(ctx->db, err, "INSERT INTO step "
				"(id, run_id, candidate_id, plan_step, seq, "
				"kind, connector, platform, query_sealed, "
				"target_sealed, status, outcome, detail) "
				"VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), "
				"?, ?, ?, ?, ?)",
				"iiiddtttbbttt", (sqlite3_int64)row,
				(sqlite3_int64)run_id, (sqlite3_int64)c->id,
				(int)inst[k].plan_step, (int)inst[k].seq,
				ds_step_kind_name(inst[k].kind),
				inst[k].connector, inst[k].platform,
				q, (int)ql, t, (int)tl,
				inst[k].skip ? "done" : "pending",
				inst[k].skip ? "skipped" : NULL,
				inst[k].skip);
		ds_free(q);
		ds_free(t);
		(*count)++;
	}
	ds_free(inst);
	return rc;
}

/* Show the planned steps of a candidate without running them. */
static int dry_run(struct exec *x, const struct ds_plan *plan,
		   struct cand *c, struct ds_err *err)
{
	struct ds_plan_instance *inst;
	struct ds_run_event ev = { .type = DS_EV_PLANNED };
	size_t k, n;
	int rc;

	rc = ds_plan_expand_all(plan, &c->a, &inst, &n, err);
	for (k = 0; !rc && k < n; k++) {
		ev.candidate_id = c->id;
		ev.candidate = c->name;
		ev.plan_step = inst[k].plan_step + 1;
		ev.kind = ds_step_kind_name(inst[k].kind);
		ev.connector = inst[k].connector;
		ev.query = inst[k].query[0] ? inst[k].query : inst[k].target;
		ev.outcome = inst[k].skip ? "skipped" : "planned";
		ev.detail = inst[k].skip;
		x->sum->steps++;
		emit(x, &ev);
	}
	ds_free(inst);
	return rc;
}

int ds_run_start(struct ds_ctx *ctx, const struct ds_run_opts *o,
		 struct ds_run_summary *sum, struct ds_err *err)
{
	struct exec x = { .ctx = ctx, .o = o, .sum = sum };
	struct ds_plan plan;
	struct ds_gate g;
	struct cand c;
	int64_t vid = 0, plan_id = 0, run_id = 0, *ids = NULL;
	int64_t *ok = NULL;
	size_t n = 0, nok = 0, i, count = 0;
	char now[21], detail[256];
	int rc;

	memset(sum, 0, sizeof(*sum));
	rc = ds_require(ctx, DS_ROLE_RECRUITER, "run a search", err);
	if (!rc)
		rc = run_candidates(ctx, o, &vid, &ids, &n, err);
	if (rc)
		return rc;
	/* Another school's vacancy is refused before any gate or traffic. */
	rc = ds_scope_check(ctx, DS_ROLE_RECRUITER, vid, 0, "vacancy", vid,
			    o->dry_run ? "run.dry" : "run.start", err);
	if (rc)
		goto out;
	ok = ds_calloc(n, sizeof(*ok));
	if (!ok) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	/* The gate, for every candidate, before any network traffic. */
	for (i = 0; i < n; i++) {
		rc = ds_gate_check(ctx, ids[i], NULL, NULL, &g, err);
		if (rc)
			goto out;
		if (g.allowed) {
			ok[nok++] = ids[i];
			continue;
		}
		sum->refused++;
		{
			struct ds_run_event ev = { .type = DS_EV_REFUSED,
						   .candidate_id = ids[i],
						   .gate = &g };

			emit(&x, &ev);
		}
		if (!o->dry_run) {
			struct ds_audit_event ae = { .action = "run.refused",
						     .object = "candidate",
						     .object_id = ids[i],
						     .candidate_id = ids[i],
						     .vacancy_id = vid };
			size_t k, len = 0;

			detail[0] = '\0';
			for (k = 0; k < g.nreasons && len < sizeof(detail); k++)
				len += (size_t)snprintf(detail + len,
					sizeof(detail) - len, "%s%s",
					k ? "," : "reasons=",
					g.reasons[k].code);
			ae.detail = detail;
			rc = ds_db_begin(ctx->db, err);
			if (!rc)
				rc = ds_audit_append(ctx, &ae, err);
			if (!rc)
				rc = ds_db_commit(ctx->db, err);
			else
				ds_db_rollback(ctx->db);
			if (rc)
				goto out;
		}
	}
	sum->candidates = nok;
	if (nok == 0) {
		rc = ds_err_set(err, DS_EREFUSED, "the gate refused every "
				"candidate: nothing was searched (see the "
				"reasons above, or 'duesearch gate check')");
		goto out;
	}
	if (o->dry_run) {
		rc = plan_for_run(ctx, o->conf, vid, 0, &plan, &plan_id, err);
		for (i = 0; !rc && i < nok; i++) {
			rc = cand_load(ctx, ok[i], &c, err);
			if (!rc) {
				rc = dry_run(&x, &plan, &c, err);
				cand_release(&c);
			}
		}
		goto out;
	}
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		goto out;
	rc = plan_for_run(ctx, o->conf, vid, 1, &plan, &plan_id, err);
	ds_time_now(now);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO run (vacancy_id, "
				"plan_id, searcher_id, status, started) VALUES "
				"(?, ?, ?, 'running', ?)", "iiit",
				(sqlite3_int64)vid, (sqlite3_int64)plan_id,
				(sqlite3_int64)ctx->actor_id, now);
	run_id = rc ? 0 : sqlite3_last_insert_rowid(ctx->db);
	for (i = 0; !rc && i < nok; i++) {
		rc = cand_load(ctx, ok[i], &c, err);
		if (rc)
			break;
		rc = insert_steps(ctx, run_id, &plan, &c, &count, err);
		cand_release(&c);
	}
	if (!rc) {
		struct ds_audit_event ae = { .action = "run.start",
					     .object = "run",
					     .object_id = run_id,
					     .vacancy_id = vid };

		snprintf(detail, sizeof(detail), "plan=%lld candidates=%zu "
			 "steps=%zu refused=%zu", (long long)plan_id, nok,
			 count, sum->refused);
		ae.detail = detail;
		rc = ds_audit_append(ctx, &ae, err);
	}
	if (!rc)
		rc = ds_db_commit(ctx->db, err);
	else
		ds_db_rollback(ctx->db);
	if (!rc) {
		size_t refused = sum->refused, cands = sum->candidates;

		rc = execute(ctx, o, run_id, sum, err);
		sum->refused = refused;
		sum->candidates = cands;
	}
out:
	ds_free(ids);
	ds_free(ok);
	return rc;
}

/* The vacancy of run run_id: 0, or DS_ENOTFOUND for no such run. */
static int run_vacancy(struct ds_ctx *ctx, int64_t run_id, int64_t *vid)
{
	sqlite3_int64 v;
	struct ds_err e;
	int rc;

	ds_err_init(&e);
	rc = ds_db_int(ctx->db, &v, &e, "SELECT vacancy_id FROM run WHERE "
		       "id = ?", "i", (sqlite3_int64)run_id);
	if (!rc)
		*vid = v;
	return rc;
}

int ds_run_resume(struct ds_ctx *ctx, const struct ds_run_opts *o,
		  int64_t run_id, struct ds_run_summary *sum,
		  struct ds_err *err)
{
	sqlite3_stmt *stmt;
	int64_t ids[256], vid = 0;
	size_t n = 0, i;
	int rc;

	memset(sum, 0, sizeof(*sum));
	rc = ds_require(ctx, DS_ROLE_RECRUITER, "resume a search", err);
	if (rc)
		return rc;
	/* A run named: its school is checked; all: the recruiter's own. */
	if (run_id && run_vacancy(ctx, run_id, &vid) == 0)
		rc = ds_scope_check(ctx, DS_ROLE_RECRUITER, vid, 0, "run",
				    run_id, "run.resume", err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT r.id FROM run "
				   "r JOIN vacancy v ON v.id = r.vacancy_id "
				   "WHERE r.status = 'running' AND (?1 = 0 OR "
				   "r.id = ?1) AND (?2 = 0 OR v.school_id IN "
				   "(SELECT school_id FROM role_scope WHERE "
				   "actor_id = ?2 AND role = 'recruiter')) "
				   "ORDER BY r.id", "ii", (sqlite3_int64)run_id,
				   (sqlite3_int64)ds_scope_limit(ctx,
				   DS_ROLE_RECRUITER));
	if (rc)
		return rc;
	while (n < 256 && (rc = ds_db_step(ctx->db, stmt, "cannot read the "
					   "runs", err)) == 1)
		ids[n++] = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc < 0)
		return rc;
	if (n == 0) {
		if (run_id)
			return ds_err_set(err, DS_ESTATE, "run %lld is not "
					  "unfinished: see 'duesearch run "
					  "list'", (long long)run_id);
		return ds_err_set(err, DS_ESTATE, "no unfinished run to "
				  "resume: see 'duesearch run list'");
	}
	for (i = 0; !rc && i < n; i++) {
		struct ds_audit_event ae = { .action = "run.resume",
					     .object = "run",
					     .object_id = ids[i] };

		rc = ds_db_begin(ctx->db, err);
		if (!rc)
			rc = ds_audit_append(ctx, &ae, err);
		if (!rc)
			rc = ds_db_commit(ctx->db, err);
		else
			ds_db_rollback(ctx->db);
		if (!rc)
			rc = execute(ctx, o, ids[i], sum, err);
	}
	return rc;
}

int ds_run_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"list runs", err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT r.id, v.ref, "
				   "p.version, a.name, r.status, r.started, "
				   "r.finished, (SELECT count(*) FROM step s "
				   "WHERE s.run_id = r.id), (SELECT count(*) "
				   "FROM step s WHERE s.run_id = r.id AND "
				   "s.status = 'pending') FROM run r JOIN "
				   "vacancy v ON v.id = r.vacancy_id JOIN "
				   "plan p ON p.id = r.plan_id JOIN actor a "
				   "ON a.id = r.searcher_id WHERE ?1 = 0 OR "
				   "v.school_id IN (SELECT school_id FROM "
				   "role_scope WHERE actor_id = ?1) ORDER BY "
				   "r.id", "i",
				   (sqlite3_int64)ds_scope_viewer(ctx));
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the runs",
				err)) == 1)
		json_array_append_new(list, json_pack("{s:o s:o s:o s:o s:o "
			"s:o s:o s:o s:o}", "id", ds_json_col(stmt, 0),
			"vacancy", ds_json_col(stmt, 1),
			"plan_version", ds_json_col(stmt, 2),
			"searcher", ds_json_col(stmt, 3),
			"status", ds_json_col(stmt, 4),
			"started", ds_json_col(stmt, 5),
			"finished", ds_json_col(stmt, 6),
			"steps", ds_json_col(stmt, 7),
			"pending", ds_json_col(stmt, 8)));
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

/*
 * A step's result pages that were not public or not read, with their
 * addresses: {not_public: [URL], not_read: [{url, outcome, status}],
 * cut: [URL]} (cut: read only in part, a parser limit cut the text).
 */
static json_t *step_pages(struct ds_ctx *ctx, int64_t step_id, int64_t cid)
{
	json_t *np = json_array(), *nr = json_array(), *cut = json_array();
	sqlite3_stmt *stmt;

	if (ds_db_prepare(ctx->db, &stmt, NULL, "SELECT url_sealed, outcome, "
			  "http_status, id FROM evidence WHERE step_id = ? AND "
			  "outcome NOT IN ('ok') AND outcome NOT LIKE "
			  "'imported-%' ORDER BY id", "i",
			  (sqlite3_int64)step_id) == 0) {
		while (ds_db_step(ctx->db, stmt, NULL, NULL) == 1) {
			const char *o = (const char *)
					sqlite3_column_text(stmt, 1);
			char *u = NULL;

			if (ds_field_unseal_row(ctx, cid, "evidence.url",
					    sqlite3_column_int64(stmt, 3),
					    sqlite3_column_blob(stmt, 0),
					    (size_t)sqlite3_column_bytes(stmt,
									  0),
					    &u, NULL) != 0)
				continue;
			if (strcmp(o, "not-public") == 0)
				json_array_append_new(np, json_string(u));
			else if (strcmp(o, "cut") == 0)
				json_array_append_new(cut, json_string(u));
			else
				json_array_append_new(nr, json_pack("{s:s s:s "
					"s:o}", "url", u, "outcome", o,
					"status", ds_json_col(stmt, 2)));
			ds_free(u);
		}
		sqlite3_finalize(stmt);
	}
	return json_pack("{s:o s:o s:o}", "not_public", np, "not_read", nr,
			 "cut", cut);
}

int ds_run_show(struct ds_ctx *ctx, int64_t run_id, json_t **out,
		struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *steps, *runs, *r = NULL, *row;
	int64_t vid = 0;
	size_t i;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"show a run", err);
	if (!rc && run_vacancy(ctx, run_id, &vid) == 0)
		rc = ds_scope_check(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL |
				    DS_ROLE_DPO, vid, 0, "run", run_id,
				    "run.show", err);
	if (!rc)
		rc = ds_run_list(ctx, &runs, err);
	if (rc)
		return rc;
	json_array_foreach(runs, i, row)
		if (json_integer_value(json_object_get(row, "id")) == run_id)
			r = json_incref(row);
	json_decref(runs);
	if (!r)
		return ds_err_set(err, DS_ENOTFOUND, "unknown run %lld: see "
				  "'duesearch run list'", (long long)run_id);
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, candidate_id, "
			   "kind, connector, query_sealed, target_sealed, "
			   "status, outcome, detail, results, not_candidate, "
			   "not_relevant, protected_dropped, findings "
			   "FROM step WHERE run_id = ? ORDER BY candidate_id, "
			   "plan_step, seq",
			   "i", (sqlite3_int64)run_id);
	if (rc) {
		json_decref(r);
		return rc;
	}
	steps = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the steps",
				err)) == 1) {
		int64_t cid = sqlite3_column_int64(stmt, 1);
		int col = sqlite3_column_type(stmt, 4) != SQLITE_NULL ? 4 : 5;
		struct ds_err e;
		char *q = NULL;

		/*
		 * A key gone (a backup from before a purge) shows no terms; a
		 * blob that does not open for this row is an error.
		 */
		ds_err_init(&e);
		if (sqlite3_column_type(stmt, col) != SQLITE_NULL &&
		    ds_field_unseal_row(ctx, cid, col == 4 ? "step.query" :
					"step.target",
					sqlite3_column_int64(stmt, 0),
					sqlite3_column_blob(stmt, col),
					(size_t)sqlite3_column_bytes(stmt, col),
					&q, &e) == DS_ECRYPTO) {
			rc = ds_err_set(err, e.code, "%s", e.msg);
			break;
		}
		json_array_append_new(steps, json_pack("{s:o s:o s:o s:o s:o "
			"s:o s:o s:o s:o s:o s:o s:o s:o s:o}",
			"id", ds_json_col(stmt, 0),
			"candidate", ds_json_col(stmt, 1),
			"kind", ds_json_col(stmt, 2),
			"connector", ds_json_col(stmt, 3),
			"query", ds_json_str(q),
			"status", ds_json_col(stmt, 6),
			"outcome", ds_json_col(stmt, 7),
			"detail", ds_json_col(stmt, 8),
			"results", ds_json_col(stmt, 9),
			"not_candidate", ds_json_col(stmt, 10),
			"not_relevant", ds_json_col(stmt, 11),
			"protected_dropped", ds_json_col(stmt, 12),
			"findings", ds_json_col(stmt, 13),
			"pages", step_pages(ctx, sqlite3_column_int64(stmt, 0),
					    cid)));
		ds_free(q);
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(steps);
		json_decref(r);
		return rc;
	}
	json_object_set_new(r, "steps", steps);
	*out = r;
	return 0;
}
