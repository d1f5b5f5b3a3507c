/*
 * report.c: the recruitment-file reports (see report.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connector.h"
#include "core.h"
#include "db.h"
#include "mem.h"
#include "pdf.h"
#include "report.h"
#include "school.h"
#include "template.h"
#include "text.h"

#define STATEMENT "The results of an online search do not, on their own, " \
	"decide an appointment. Only findings the designated safeguarding " \
	"lead confirmed were put to the candidate, who was given the chance " \
	"to respond; the decision rests with the panel, on all the " \
	"evidence."

const struct ds_asset *ds_asset_find(const char *name)
{
	const struct ds_asset *a;

	for (a = ds_assets; a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

/*
 * A sealed column bound to its row, whose id is column id (ds_field_row),
 * opened into a JSON string; null when NULL or gone.
 */
static json_t *opened_row(struct ds_ctx *ctx, int64_t cid, const char *what,
			  sqlite3_stmt *stmt, int col, int id)
{
	char *plain = NULL;
	json_t *j;

	if (sqlite3_column_type(stmt, col) == SQLITE_NULL ||
	    ds_field_unseal_row(ctx, cid, what, sqlite3_column_int64(stmt, id),
				sqlite3_column_blob(stmt, col),
				(size_t)sqlite3_column_bytes(stmt, col),
				&plain, NULL) != 0)
		return json_null();
	j = json_string(plain);
	ds_free(plain);
	return j ? j : json_null();
}

/* Run a query over one candidate, adding one object per row via fill. */
typedef json_t *row_fn(struct ds_ctx *ctx, int64_t cid, sqlite3_stmt *stmt,
		       void *user);

static int rows(struct ds_ctx *ctx, int64_t cid, const char *sql,
		row_fn *fill, void *user, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list = json_array();
	int rc;

	rc = ds_db_prepare(ctx->db, &stmt, err, sql, "i", (sqlite3_int64)cid);
	if (rc) {
		json_decref(list);
		return rc;
	}
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the case",
				err)) == 1) {
		json_t *row = fill(ctx, cid, stmt, user);

		if (!row || json_array_append_new(list, row)) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

static json_t *search_row(struct ds_ctx *ctx, int64_t cid, sqlite3_stmt *s,
			  void *user)
{
	(void)ctx;
	(void)cid;
	(void)user;
	return json_pack("{s:o s:o s:o s:o s:o s:o s:s s:o}",
			 "run", ds_json_col(s, 0),
			 "searcher", ds_json_col(s, 1),
			 "started", ds_json_col(s, 2),
			 "finished", ds_json_col(s, 3),
			 "plan_version", ds_json_col(s, 4),
			 "plan_sha256", ds_json_col(s, 5),
			 "panel", sqlite3_column_type(s, 6) == SQLITE_NULL ?
			 "not declared" : sqlite3_column_int(s, 6) ?
			 "declared ON the interview panel" :
			 "declared not on the interview panel",
			 "declared", ds_json_col(s, 7));
}

static json_t *step_row(struct ds_ctx *ctx, int64_t cid, sqlite3_stmt *s,
			void *user)
{
	const struct ds_connector *c = ds_connector_find(
		(const char *)sqlite3_column_text(s, 2));
	json_t *q = opened_row(ctx, cid, "step.query", s, 3, 0);
	const char *outcome = (const char *)sqlite3_column_text(s, 5);

	(void)user;
	if (json_is_null(q)) {
		json_decref(q);
		q = opened_row(ctx, cid, "step.target", s, 4, 0);
	}
	return json_pack("{s:o s:o s:o s:s s:o s:s s:o s:o s:o s:o s:o s:o "
			 "s:o s:b s:o s:o s:o}", "step", ds_json_col(s, 0),
			 "kind", ds_json_col(s, 1), "connector",
			 ds_json_col(s, 2), "provider", c ? c->provider : "?",
			 "query", q, "outcome", outcome ? outcome : "pending",
			 "detail", ds_json_col(s, 6),
			 "time", ds_json_col(s, 7),
			 "results", ds_json_col(s, 8),
			 "not_candidate", ds_json_col(s, 9),
			 "not_relevant", ds_json_col(s, 10),
			 "protected_dropped", ds_json_col(s, 11),
			 "findings", ds_json_col(s, 12),
			 "open", !outcome || strcmp(outcome, "manual-open") ==
			 0, "pages_not_public", ds_json_col(s, 13),
			 "pages_not_read", ds_json_col(s, 14),
			 "pages_cut", ds_json_col(s, 15));
}

struct finding_ctx {
	int dsl;                /* the reader is the DSL */
	const char *titles;     /* unused: category titles come as stored */
};

static json_t *finding_row(struct ds_ctx *ctx, int64_t cid, sqlite3_stmt *s,
			   void *user)
{
	const struct finding_ctx *fc = user;
	int criminal = sqlite3_column_int(s, 7);
	int withheld = criminal && !fc->dsl;
	json_t *f;

	f = json_pack("{s:o s:o s:o s:o s:o s:b s:b s:b s:o s:o s:o s:o s:o "
		      "s:o s:o s:o s:o s:o}",
		      "id", ds_json_col(s, 0), "status", ds_json_col(s, 1),
		      "identity", ds_json_col(s, 2),
		      "anchors", ds_json_col(s, 3),
		      "categories", ds_json_col(s, 4),
		      "special_care", sqlite3_column_int(s, 6),
		      "criminal", criminal, "withheld", withheld,
		      "severity", ds_json_col(s, 5),
		      "evidence_sha256", ds_json_col(s, 8),
		      "retrieved", ds_json_col(s, 9),
		      "url", withheld ? json_null() :
		      opened_row(ctx, cid, "finding.url", s, 10, 0),
		      "title", withheld ? json_null() :
		      opened_row(ctx, cid, "finding.title", s, 11, 0),
		      "excerpt", withheld ? json_null() :
		      opened_row(ctx, cid, "finding.excerpt", s, 12, 0),
		      "decision", ds_json_col(s, 13),
		      "decided_by", ds_json_col(s, 14),
		      /* A reason or a response describes the offence too. */
		      "reason", withheld ? json_null() :
		      opened_row(ctx, cid, "review.reason", s, 15, 20),
		      "response_outcome", ds_json_col(s, 16));
	if (f) {
		json_object_set_new(f, "response", withheld ? json_null() :
				    opened_row(ctx, cid, "response.text", s, 17,
					       21));
		/* Why it was flagged (context.h): it quotes the page. */
		json_object_set_new(f, "explanation", withheld ?
				    json_null() : opened_row(ctx, cid,
				    "finding.explain", s, 18, 0));
		json_object_set_new(f, "own_words",
				    json_boolean(sqlite3_column_int(s, 19)));
	}
	return f;
}

/* Sum an integer member over an array of objects. */
/* How many steps of list ended with outcome. */
static json_int_t count_outcome(json_t *list, const char *outcome)
{
	json_int_t n = 0;
	json_t *row;
	size_t i;

	json_array_foreach(list, i, row) {
		const char *o = json_string_value(json_object_get(row,
								  "outcome"));

		n += o && strcmp(o, outcome) == 0;
	}
	return n;
}

static json_int_t sum_of(json_t *list, const char *key)
{
	json_int_t n = 0;
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		n += json_integer_value(json_object_get(v, key));
	return n;
}

/* The candidate report's JSON. */
static int candidate_report(struct ds_ctx *ctx, int64_t cid, int months,
			    json_t **out, struct ds_err *err)
{
	struct finding_ctx fc = { .dsl = !!(ctx->actor_roles & DS_ROLE_DSL) };
	json_t *r = NULL, *org = NULL, *cand = NULL, *v = NULL;
	json_t *searches = NULL, *steps = NULL, *findings = NULL;
	json_t *anchors, *a, *names;
	sqlite3_int64 n_dismissed = 0, n_notcand = 0, n_open = 0;
	sqlite3_stmt *stmt = NULL;
	char until[16] = "";
	size_t i;
	int rc;

	rc = ds_org_show(ctx, &org, err);
	if (!rc)
		rc = ds_candidate_show(ctx, cid, &cand, err);
	if (!rc)
		rc = ds_vacancy_show(ctx, json_string_value(
					     json_object_get(cand, "vacancy")),
				     &v, err);
	if (!rc)
		rc = rows(ctx, cid, "SELECT DISTINCT r.id, "
			  "IFNULL(a.display_name, a.name), r.started, "
			  "r.finished, p.version, p.sha256, pa.on_panel, "
			  "pa.declared FROM step s JOIN run r ON r.id = "
			  "s.run_id JOIN actor a ON a.id = r.searcher_id JOIN "
			  "plan p ON p.id = r.plan_id LEFT JOIN panel pa ON "
			  "pa.vacancy_id = r.vacancy_id AND pa.actor_id = "
			  "r.searcher_id WHERE s.candidate_id = ? ORDER BY "
			  "r.id", search_row, NULL, &searches, err);
	if (!rc)
		rc = rows(ctx, cid, "SELECT id, kind, connector, query_sealed, "
			  "target_sealed, outcome, detail, IFNULL(finished, "
			  "started), results, not_candidate, not_relevant, "
			  "protected_dropped, findings, (SELECT count(*) FROM "
			  "evidence e WHERE e.step_id = step.id AND e.outcome "
			  "= 'not-public'), (SELECT count(*) FROM evidence e "
			  "WHERE e.step_id = step.id AND e.outcome NOT IN "
			  "('ok', 'not-public', 'cut') AND e.outcome NOT LIKE "
			  "'imported-%'), (SELECT count(*) FROM evidence e "
			  "WHERE e.step_id = step.id AND e.outcome = 'cut') "
			  "FROM step WHERE candidate_id = ? "
			  "ORDER BY run_id, plan_step, seq",
			  step_row, NULL, &steps, err);
	if (!rc)
		rc = rows(ctx, cid, "SELECT f.id, f.status, f.identity, "
			  "f.anchors, f.categories, f.severity, "
			  	"f.special_care, "
			  "f.criminal, f.evidence_sha256, f.retrieved, "
			  "f.url_sealed, f.title_sealed, f.excerpt_sealed, "
			  "rv.decision, IFNULL(ra.display_name, ra.name), "
			  "rv.reason_sealed, "
			  "rs.outcome, rs.text_sealed, f.explain_sealed, "
			  "f.own_words, rv.id, rs.id FROM finding f LEFT "
			  "JOIN review rv ON rv.id = (SELECT max(id) FROM "
			  "review WHERE finding_id = f.id) LEFT JOIN actor ra "
			  "ON ra.id = rv.reviewer_id LEFT JOIN response rs ON "
			  "rs.id = (SELECT max(id) FROM response WHERE "
			  "finding_id = f.id) WHERE f.candidate_id = ? AND "
			  "f.status IN ('confirmed', 'referred') ORDER BY "
			  "f.severity DESC, f.id", finding_row, &fc,
			  &findings, err);
	if (!rc)
		rc = ds_db_int(ctx->db, &n_dismissed, err, "SELECT count(*) "
			       "FROM finding WHERE candidate_id = ? AND status "
			       "= 'dismissed'", "i", (sqlite3_int64)cid);
	if (!rc)
		rc = ds_db_int(ctx->db, &n_notcand, err, "SELECT count(*) FROM "
			       "finding WHERE candidate_id = ? AND status = "
			       "'not-candidate'", "i", (sqlite3_int64)cid);
	if (!rc)
		rc = ds_db_int(ctx->db, &n_open, err, "SELECT count(*) FROM "
			       "finding WHERE candidate_id = ? AND status = "
			       "'open'", "i", (sqlite3_int64)cid);
	if (rc)
		goto out;
	/* The anchors, grouped for reading. */
	names = json_object();
	anchors = json_object_get(cand, "anchors");
	json_array_foreach(anchors, i, a) {
		const char *k = json_string_value(json_object_get(a, "kind"));
		json_t *list = json_object_get(names, k);

		if (!list) {
			list = json_array();
			json_object_set_new(names, k, list);
		}
		json_array_append(list, json_object_get(a, "value"));
	}
	if (json_is_string(json_object_get(v, "decided")))
		ds_date_add_months(json_string_value(json_object_get(v,
						"decided")), months, until);
	r = json_pack("{s:s s:O s:{s:O s:O s:O s:O s:O} s:{s:O s:O s:O s:o "
		      "s:O s:O} s:O s:O s:o s:o s:o s:{s:I s:I s:I s:I s:I s:I "
		      "s:I s:I s:I s:I s:I} s:{s:s s:o} s:s}",
		      "kind", "candidate", "organisation", org,
		      "vacancy", "ref", json_object_get(v, "ref"),
		      "post", json_object_get(v, "post"),
		      "school", json_object_get(v, "school"),
		      "interview_date", json_object_get(v, "interview_date"),
		      "decided", json_object_get(v, "decided"),
		      "candidate", "id", json_object_get(cand, "id"),
		      "status", json_object_get(cand, "status"),
		      "closed", json_object_get(cand, "closed"),
		      "anchors", names,
		      "handles", json_object_get(cand, "handles"),
		      "created", json_object_get(cand, "created"),
		      "notices", json_object_get(cand, "notices"),
		      "consents", json_object_get(cand, "consents"),
		      "searches", searches, "steps", steps,
		      "findings", findings,
		      "counts", "results", sum_of(steps, "results"),
		      "not_candidate", sum_of(steps, "not_candidate"),
		      "not_relevant", sum_of(steps, "not_relevant"),
		      "protected_dropped", sum_of(steps, "protected_dropped"),
		      "pages_not_public", sum_of(steps, "pages_not_public"),
		      "pages_not_read", sum_of(steps, "pages_not_read"),
		      "pages_cut", sum_of(steps, "pages_cut"),
		      "inconclusive", count_outcome(steps, "inconclusive"),
		      "dismissed", (json_int_t)n_dismissed,
		      "reviewed_not_candidate", (json_int_t)n_notcand,
		      "awaiting_review", (json_int_t)n_open,
		      "retention", "rule", "personal data in this record is "
		      "deleted six months after the vacancy's decision, unless "
		      "held for a claim; the appointee's record keeps the "
		      "single-central-record line and this report",
		      "until", until[0] ? json_string(until) : json_null(),
		      "statement", STATEMENT);
	searches = steps = findings = NULL;
	if (!r) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	{
		json_t *st;
		json_int_t open = 0;

		json_array_foreach(json_object_get(r, "steps"), i, st)
			open += json_is_true(json_object_get(st, "open"));
		json_object_set_new(r, "open_steps", json_integer(open));
		json_object_set_new(r, "legal_name", ds_json_str(
			json_string_value(json_array_get(json_object_get(
				json_object_get(json_object_get(r,
					"candidate"), "anchors"),
				"legal-name"), 0))));
	}
	*out = r;
	r = NULL;
out:
	sqlite3_finalize(stmt);
	json_decref(r);
	json_decref(org);
	json_decref(cand);
	json_decref(v);
	json_decref(searches);
	json_decref(steps);
	json_decref(findings);
	return rc;
}

/* One candidate's line in the vacancy report and the SCR. */
static json_t *summary_row(struct ds_ctx *ctx, int64_t cid, sqlite3_stmt *s,
			   void *user)
{
	json_t *j, *name;
	sqlite3_int64 total = sqlite3_column_int64(s, 4);
	sqlite3_int64 open = sqlite3_column_int64(s, 5);
	sqlite3_int64 fopen = sqlite3_column_int64(s, 9);
	sqlite3_int64 fconf = sqlite3_column_int64(s, 10);
	sqlite3_int64 skipped = sqlite3_column_int64(s, 14);
	char outcome[200];

	(void)user;
	(void)cid;
	cid = sqlite3_column_int64(s, 0);
	{
		sqlite3_stmt *n;
		json_t *nm = NULL;

		if (ds_db_prepare(ctx->db, &n, NULL, "SELECT value_sealed, id "
				  "FROM anchor WHERE candidate_id = ? AND kind "
				  "= 'legal-name'", "i",
				  (sqlite3_int64)cid) == 0) {
			if (ds_db_step(ctx->db, n, "", NULL) == 1)
				nm = opened_row(ctx, cid, "anchor.legal-name",
						n, 0, 1);
			sqlite3_finalize(n);
		}
		name = nm ? nm : json_string("(unreadable)");
	}
	if (!total)
		snprintf(outcome, sizeof(outcome), "not searched");
	else if (open)
		snprintf(outcome, sizeof(outcome), "search incomplete: %lld "
			 "step(s) open", (long long)open);
	else if (fopen)
		snprintf(outcome, sizeof(outcome), "awaiting the DSL's review "
			 "of %lld finding(s)", (long long)fopen);
	else if (fconf)
		snprintf(outcome, sizeof(outcome), "%lld finding(s) put to the "
			 "candidate; %lld answered", (long long)fconf,
			 (long long)sqlite3_column_int64(s, 12));
	else
		snprintf(outcome, sizeof(outcome), "completed: no relevant "
			 "findings");
	j = json_pack("{s:I s:o s:o s:o s:o s:I s:I s:I s:o s:I s:I s:I s:o "
		      "s:o s:s s:o}",
		      "id", (json_int_t)cid, "name", name,
		      "status", ds_json_col(s, 1),
		      "searched_on", ds_json_col(s, 2),
		      "searcher", ds_json_col(s, 3),
		      "steps", (json_int_t)total,
		      "open", (json_int_t)open,
		      "done", (json_int_t)(total - open),
		      "plan_versions", ds_json_col(s, 6),
		      "results", (json_int_t)sqlite3_column_int64(s, 7),
		      "not_candidate", (json_int_t)sqlite3_column_int64(s, 8),
		      "findings_confirmed", (json_int_t)fconf,
		      "consent", ds_json_col(s, 11),
		      "closed", ds_json_col(s, 13),
		      "outcome", outcome,
		      "findings_open", json_integer(fopen));
	/*
	 * The steps that ran, the skipped ones told apart (a step with no
	 * anchor to search is skipped, not run), and the hash of the
	 * candidate's own latest report, which the SCR line points to.
	 */
	if (j && (json_object_set_new(j, "ran", json_integer(
			(json_int_t)(total - open - skipped))) ||
		  json_object_set_new(j, "skipped", json_integer(
			(json_int_t)skipped)) ||
		  json_object_set_new(j, "report_sha256",
				      ds_json_col(s, 15)))) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

#define SUMMARY_SQL \
	"SELECT c.id, c.status, " \
	"(SELECT substr(min(r.started), 1, 10) FROM step s JOIN run r ON " \
	" r.id = s.run_id WHERE s.candidate_id = c.id), " \
	"(SELECT group_concat(DISTINCT IFNULL(a.display_name, a.name)) " \
	" FROM step s JOIN run r ON " \
	" r.id = s.run_id JOIN actor a ON a.id = r.searcher_id WHERE " \
	" s.candidate_id = c.id), " \
	"(SELECT count(*) FROM step s WHERE s.candidate_id = c.id), " \
	"(SELECT count(*) FROM step s WHERE s.candidate_id = c.id AND " \
	" (s.status = 'pending' OR s.outcome = 'manual-open')), " \
	"(SELECT group_concat(DISTINCT p.version) FROM step s JOIN run r ON " \
	" r.id = s.run_id JOIN plan p ON p.id = r.plan_id WHERE " \
	" s.candidate_id = c.id), " \
	"(SELECT IFNULL(sum(results), 0) FROM step s WHERE " \
	" s.candidate_id = c.id), " \
	"(SELECT IFNULL(sum(not_candidate), 0) FROM step s WHERE " \
	" s.candidate_id = c.id), " \
	"(SELECT count(*) FROM finding f WHERE f.candidate_id = c.id AND " \
	" f.status = 'open'), " \
	"(SELECT count(*) FROM finding f WHERE f.candidate_id = c.id AND " \
	" f.status IN ('confirmed', 'referred')), " \
	"CASE WHEN EXISTS (SELECT 1 FROM consent k WHERE k.candidate_id = " \
	" c.id AND k.withdrawn_on IS NULL) THEN 'given' WHEN EXISTS (SELECT " \
	" 1 FROM consent k WHERE k.candidate_id = c.id) THEN 'withdrawn' " \
	" ELSE 'none' END, " \
	"(SELECT count(DISTINCT r.finding_id) FROM response r JOIN finding f " \
	" ON f.id = r.finding_id WHERE f.candidate_id = c.id), c.closed, " \
	"(SELECT count(*) FROM step s WHERE s.candidate_id = c.id AND " \
	" s.outcome = 'skipped'), " \
	"(SELECT content_sha256 FROM report WHERE candidate_id = c.id AND " \
	" kind = 'candidate' ORDER BY id DESC LIMIT 1) " \
	"FROM candidate c "

/* The vacancy report's JSON (also the SCR's, which uses its lines). */
static int vacancy_report(struct ds_ctx *ctx, const char *ref,
			  int64_t only, int scr, json_t **out,
			  struct ds_err *err)
{
	json_t *org = NULL, *v = NULL, *cands = NULL, *plans = NULL, *c;
	sqlite3_stmt *stmt = NULL;
	int64_t vid;
	size_t i;
	int rc, versions = 0;

	rc = ds_vacancy_id(ctx, ref, &vid, err);
	if (!rc)
		rc = ds_org_show(ctx, &org, err);
	if (!rc)
		rc = ds_vacancy_show(ctx, ref, &v, err);
	if (!rc)
		rc = rows(ctx, only ? only : vid, only ? SUMMARY_SQL
			  "WHERE c.id = ?" : scr ? SUMMARY_SQL "WHERE "
			  "c.vacancy_id = ? AND c.status = 'appointed' ORDER "
			  "BY c.id" : SUMMARY_SQL "WHERE c.vacancy_id "
			  "= ? AND c.status IN ('shortlisted', 'preferred', "
			  "'appointed', 'unsuccessful', 'withdrawn') AND "
			  "EXISTS (SELECT 1 FROM step s WHERE s.candidate_id "
			  "= c.id) OR c.vacancy_id = ?1 AND c.status IN "
			  "('shortlisted', 'preferred') ORDER BY c.id",
			  summary_row, NULL, &cands, err);
	if (rc)
		goto out;
	plans = json_array();
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT version, sha256, "
			   "reason, frozen FROM plan WHERE vacancy_id = ? "
			   "ORDER BY version", "i", (sqlite3_int64)vid);
	while (!rc && (rc = ds_db_step(ctx->db, stmt, "cannot read the plan",
				       err)) == 1) {
		versions++;
		json_array_append_new(plans, json_pack("{s:o s:o s:o s:o}",
			"version", ds_json_col(stmt, 0),
			"sha256", ds_json_col(stmt, 1),
			"reason", ds_json_col(stmt, 2),
			"frozen", ds_json_col(stmt, 3)));
	}
	if (rc < 0)
		goto out;
	/* A candidate searched under another version than the first. */
	json_array_foreach(cands, i, c) {
		const char *pv = json_string_value(json_object_get(c,
							"plan_versions"));

		json_object_set_new(c, "deviation", json_boolean(
			pv && strcmp(pv, "1") != 0));
	}
	*out = json_pack("{s:s s:O s:O s:o s:o s:b s:s}", "kind", "vacancy",
			 "organisation", org, "vacancy", v, "plans", plans,
			 "candidates", cands, "deviations", versions > 1,
			 "statement", STATEMENT);
	plans = cands = NULL;
	rc = *out ? 0 : ds_err_set(err, DS_ENOMEM, "out of memory");
out:
	sqlite3_finalize(stmt);
	json_decref(org);
	json_decref(v);
	json_decref(cands);
	json_decref(plans);
	return rc;
}

int ds_report_json(struct ds_ctx *ctx, const struct ds_report_opts *o,
		   json_t **out, struct ds_err *err)
{
	int64_t vid;
	json_t *r = NULL;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"generate a report", err);
	if (!rc && o->candidate_id)
		rc = ds_scope_candidate(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL |
					DS_ROLE_DPO, o->candidate_id,
					"report", err);
	if (!rc && !o->candidate_id && o->vacancy_ref) {
		rc = ds_vacancy_id(ctx, o->vacancy_ref, &vid, err);
		if (!rc)
			rc = ds_scope_check(ctx, DS_ROLE_RECRUITER |
					    DS_ROLE_DSL | DS_ROLE_DPO, vid, 0,
					    "vacancy", vid, "report", err);
	}
	if (rc)
		return rc;
	if (o->kind == DS_REPORT_CANDIDATE) {
		rc = candidate_report(ctx, o->candidate_id,
				      o->retention_months ?
				      o->retention_months : 6, &r, err);
	} else if (o->vacancy_ref) {
		rc = vacancy_report(ctx, o->vacancy_ref, 0,
				    o->kind == DS_REPORT_SCR, &r, err);
	} else if (o->candidate_id) {
		char ref[128];
		sqlite3_int64 id;

		rc = ds_candidate_vacancy(ctx, o->candidate_id, &vid, err);
		if (!rc)
			rc = ds_db_int(ctx->db, &id, err, "SELECT id FROM "
				       "vacancy WHERE id = ?", "i",
				       (sqlite3_int64)vid);
		if (!rc) {
			sqlite3_stmt *st;

			rc = ds_db_prepare(ctx->db, &st, err, "SELECT ref FROM "
					   "vacancy WHERE id = ?", "i", id);
			if (!rc && ds_db_step(ctx->db, st, "", err) == 1)
				snprintf(ref, sizeof(ref), "%s",
					 sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
			if (!rc)
				rc = vacancy_report(ctx, ref, o->candidate_id,
						    o->kind == DS_REPORT_SCR,
						    &r, err);
		}
	} else {
		rc = ds_err_set(err, DS_EUSAGE, "say which: --candidate ID or "
				"--vacancy REF");
	}
	if (rc)
		return rc;
	{
		char shown[128];

		ds_actor_display(ctx, ctx->actor_name, shown, sizeof(shown));
		json_object_set_new(r, "generated_by", json_string(shown));
	}
	json_object_set_new(r, "generated_role",
			    json_string(ctx->role_used));
	json_object_set_new(r, "format_version", json_integer(1));
	rc = ds_json_stamp(r, err);
	if (rc) {
		json_decref(r);
		return rc;
	}
	*out = r;
	return 0;
}

/*
 * Show the UTC time member key of o as UK local time with its zone, in
 * member key_local (the stored value itself when it is not a time).
 */
void ds_report_local_time(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	char name[64], shown[48];

	if (!v || snprintf(name, sizeof(name), "%s_local", key) >=
	    (int)sizeof(name))
		return;
	if (ds_time_uk(v, shown, sizeof(shown)) != 0)
		snprintf(shown, sizeof(shown), "%.47s", v);
	json_object_set_new(o, name, json_string(shown));
}

void ds_report_local_times(json_t *o, const char *list, const char *key)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(o, list), i, e)
		ds_report_local_time(e, key);
}

#define local_time ds_report_local_time
#define local_times ds_report_local_times

/* The candidate report's first-page outcome, in words. */
static void candidate_outcome(json_t *v)
{
	json_t *counts = json_object_get(v, "counts"), *f, *st;
	json_int_t open = json_integer_value(json_object_get(v, "open_steps"));
	json_int_t review = json_integer_value(json_object_get(counts,
						"awaiting_review"));
	json_int_t nf = 0, answered = 0, ran = 0, skipped = 0;
	char text[200];
	size_t i;

	json_array_foreach(json_object_get(v, "findings"), i, f) {
		nf++;
		answered += json_is_string(json_object_get(f,
					"response_outcome"));
	}
	json_array_foreach(json_object_get(v, "steps"), i, st) {
		const char *o = json_string_value(json_object_get(st,
							"outcome"));

		if (o && strcmp(o, "skipped") == 0)
			skipped++;
		else if (!json_is_true(json_object_get(st, "open")))
			ran++;
	}
	if (!json_array_size(json_object_get(v, "steps")))
		snprintf(text, sizeof(text), "Not searched.");
	else if (open)
		snprintf(text, sizeof(text), "Search incomplete: %lld step(s) "
			 "still open.", (long long)open);
	else if (review)
		snprintf(text, sizeof(text), "Awaiting the designated "
			 "safeguarding lead's review of %lld result(s).",
			 (long long)review);
	else if (nf)
		snprintf(text, sizeof(text), "%lld finding(s) confirmed by the "
			 "designated safeguarding lead and put to the "
			 "candidate; %lld answered.", (long long)nf,
			 (long long)answered);
	else
		snprintf(text, sizeof(text), "Search completed: no relevant "
			 "finding.");
	json_object_set_new(v, "outcome_text", json_string(text));
	json_object_set_new(v, "steps_ran", json_integer(ran));
	json_object_set_new(v, "steps_skipped", json_integer(skipped));
}

/* The connectors of the steps, each once with who receives the query. */
static void provider_key(json_t *v)
{
	json_t *key = json_array(), *seen = json_object(), *st;
	size_t i;

	json_array_foreach(json_object_get(v, "steps"), i, st) {
		const char *c = json_string_value(json_object_get(st,
							"connector"));

		if (!c || json_object_get(seen, c))
			continue;
		json_object_set_new(seen, c, json_true());
		json_array_append_new(key, json_pack("{s:s s:O}", "connector",
			c, "provider", json_object_get(st, "provider")));
	}
	json_decref(seen);
	json_object_set_new(v, "providers", key);
}

/*
 * The view a template renders: the report (already hashed) with what is
 * only for reading added: UK local times, the first page's outcome, the
 * provider key, the protective marking and the style sheet.
 */
static json_t *report_view(const json_t *r, const struct ds_report_opts *o,
			   const struct ds_asset *css)
{
	json_t *v = json_deep_copy(r), *c;
	size_t i;

	if (!v)
		return NULL;
	local_time(v, "generated");
	local_times(v, "searches", "started");
	local_times(v, "searches", "finished");
	local_times(v, "searches", "declared");
	local_times(v, "steps", "time");
	local_times(v, "findings", "retrieved");
	local_times(v, "notices", "given_on");
	local_times(v, "consents", "given_on");
	local_times(v, "consents", "withdrawn_on");
	local_time(json_object_get(v, "retention"), "until");
	json_array_foreach(json_object_get(v, "candidates"), i, c)
		local_time(c, "searched_on");
	local_times(v, "plans", "frozen");
	if (json_is_array(json_object_get(v, "steps"))) {
		candidate_outcome(v);
		provider_key(v);
	}
	{
		const char *role = json_string_value(json_object_get(v,
							"generated_role"));

		json_object_set_new(v, "generated_role", json_string(
			!role ? "" : strcmp(role, "dsl") == 0 ? "DSL" :
			strcmp(role, "dpo") == 0 ? "DPO" : role));
	}
	json_object_set_new(v, "marking", json_string(o->marking &&
		o->marking[0] ? o->marking : "OFFICIAL-SENSITIVE"));
	json_object_set_new(v, "css", json_stringn((const char *)css->data,
						   css->len));
	return v;
}

/*
 * Add one CSV cell: quoted, and never read as a formula by a spreadsheet.
 * Spreadsheets skip leading blanks before they look for '=', so the guard
 * looks past them too (" =1+1" is guarded like "=1+1").
 */
static int csv_cell(struct buf *b, const char *s, int last)
{
	int rc = buf_addc(b, '"');
	const char *t = s;

	while (t && (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n'))
		t++;
	if (!rc && s && ((s[0] && strchr("\t\r\n", s[0])) ||
			 (*t && strchr("=+-@|", *t))))
		rc = buf_addc(b, '\'');
	for (; !rc && s && *s; s++)
		rc = *s == '"' ? buf_adds(b, "\"\"") : buf_addc(b, *s);
	if (!rc)
		rc = buf_adds(b, last ? "\"\r\n" : "\",");
	return rc;
}

/* The single-central-record lines as CSV. */
static int render_csv(const json_t *r, struct buf *out)
{
	const json_t *list = json_object_get(r, "candidates"), *c;
	char num[32];
	size_t i;
	int rc;

	rc = buf_adds(out, "candidate,name,vacancy,date_searched,searcher,"
		      "steps_ran,steps_skipped,outcome,report_sha256\r\n");
	json_array_foreach(list, i, c) {
		snprintf(num, sizeof(num), "%lld", (long long)
			 json_integer_value(json_object_get(c, "id")));
		rc = rc ? rc : csv_cell(out, num, 0);
		rc = rc ? rc : csv_cell(out, json_string_value(
			json_object_get(c, "name")), 0);
		rc = rc ? rc : csv_cell(out, json_string_value(json_object_get(
			json_object_get(r, "vacancy"), "ref")), 0);
		rc = rc ? rc : csv_cell(out, json_string_value(
			json_object_get(c, "searched_on")), 0);
		rc = rc ? rc : csv_cell(out, json_string_value(
			json_object_get(c, "searcher")), 0);
		snprintf(num, sizeof(num), "%lld", (long long)
			 json_integer_value(json_object_get(c, "ran")));
		rc = rc ? rc : csv_cell(out, num, 0);
		snprintf(num, sizeof(num), "%lld", (long long)
			 json_integer_value(json_object_get(c, "skipped")));
		rc = rc ? rc : csv_cell(out, num, 0);
		rc = rc ? rc : csv_cell(out, json_string_value(
			json_object_get(c, "outcome")), 0);
		/* The candidate's own report, never this list's hash. */
		rc = rc ? rc : csv_cell(out, json_is_string(json_object_get(c,
			"report_sha256")) ? json_string_value(json_object_get(
			c, "report_sha256")) : "no candidate report filed yet",
			1);
	}
	return rc;
}

int ds_report(struct ds_ctx *ctx, const struct ds_report_opts *o,
	      struct buf *out, char sha256[65], struct ds_err *err)
{
	static const char *const formats[] = {
		"html", "md", "json", "csv", "pdf", NULL
	};
	struct ds_audit_event ev = { .action = "report.generate",
				     .object = "report" };
	const struct ds_asset *tmpl, *css;
	uint8_t sum[DS_SHA256_LEN];
	char name[64], file_hex[65], now[21], detail[160];
	const char *kind;
	json_t *r = NULL, *view;
	int64_t vid = 0;
	int fmt, rc;

	fmt = ds_enum_parse("report format", o->format ? o->format : "",
			    formats, err);
	if (fmt < 0)
		return DS_EDATA;
	if (o->kind == DS_REPORT_SCR && fmt != 3 && fmt != 2)
		return ds_err_set(err, DS_EUSAGE, "the single-central-record "
				  "lines are csv or json");
	rc = ds_report_json(ctx, o, &r, err);
	if (rc)
		return rc;
	snprintf(sha256, 65, "%s", json_string_value(json_object_get(r,
							"content_sha256")));
	kind = o->kind == DS_REPORT_CANDIDATE ? "candidate" :
	       o->kind == DS_REPORT_VACANCY ? "vacancy" : "scr";
	if (fmt == 2) {
		char *s = json_dumps(r, JSON_INDENT(2) | JSON_SORT_KEYS);

		rc = s && buf_adds(out, s) == 0 && buf_addc(out, '\n') == 0 ?
		     0 : ds_err_set(err, DS_ENOMEM, "out of memory");
		free(s);
	} else if (fmt == 3) {
		if (o->kind == DS_REPORT_CANDIDATE) {
			json_decref(r);
			return ds_err_set(err, DS_EUSAGE, "a candidate's CSV "
				"is "
					  "their single-central-record line: "
					  "use --scr");
		}
		rc = render_csv(r, out) ? ds_err_set(err, DS_EDATA, "report "
						      "too large") : 0;
	} else {
		snprintf(name, sizeof(name), "%s.%s.tmpl",
			 o->kind == DS_REPORT_CANDIDATE ? "candidate" :
			 "vacancy", fmt == 4 ? "html" : formats[fmt]);
		tmpl = ds_asset_find(name);
		css = ds_asset_find("report.css");
		if (!tmpl || !css) {
			json_decref(r);
			return ds_err_set(err, DS_EINTERNAL, "report template "
					  "%s is missing: rebuild duesearch",
					  name);
		}
		/* The style goes in as trusted markup, after hashing. */
		view = report_view(r, o, css);
		if (!view) {
			json_decref(r);
			return ds_err_set(err, DS_ENOMEM, "out of memory");
		}
		if (fmt == 4) {
			/* Printed by the browser from the HTML. */
			struct buf html;

			buf_init(&html, 64u << 20);
			rc = ds_template_render((const char *)tmpl->data, view,
						DS_ESCAPE_HTML, &html, err);
			if (!rc)
				rc = ds_pdf_print(html.ptr, html.len, out, err);
			buf_release(&html);
		} else {
			rc = ds_template_render((const char *)tmpl->data, view,
						fmt == 0 ? DS_ESCAPE_HTML :
						DS_ESCAPE_MARKDOWN, out, err);
		}
		json_decref(view);
	}
	if (!rc && o->vacancy_ref)
		rc = ds_vacancy_id(ctx, o->vacancy_ref, &vid, err);
	else if (!rc && o->candidate_id)
		rc = ds_candidate_vacancy(ctx, o->candidate_id, &vid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc) {
		json_decref(r);
		return rc;
	}
	ds_sha256(out->ptr, out->len, sum);
	ds_hex(sum, sizeof(sum), file_hex);
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT INTO report (candidate_id, "
			"vacancy_id, kind, format, content_sha256, "
			"file_sha256, actor_id, created) VALUES (NULLIF(?, 0), "
			"NULLIF(?, 0), ?, ?, ?, ?, ?, ?)", "iitttt" "it",
			(sqlite3_int64)o->candidate_id, (sqlite3_int64)vid,
			kind, formats[fmt], sha256, file_hex,
			(sqlite3_int64)ctx->actor_id, now);
	snprintf(detail, sizeof(detail), "kind=%s format=%s sha256=%s", kind,
		 formats[fmt], sha256);
	ev.object_id = sqlite3_last_insert_rowid(ctx->db);
	ev.candidate_id = o->candidate_id;
	ev.vacancy_id = vid;
	ev.detail = detail;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		rc = ds_db_commit(ctx->db, err);
	else
		ds_db_rollback(ctx->db);
	json_decref(r);
	return rc;
}

/*
 * The earliest date a vacancy's decision may carry: the latest notice,
 * consent or search run of its candidates, as YYYY-MM-DD into out[11]
 * (empty when there is none).
 */
static int decision_floor(struct ds_ctx *ctx, int64_t vid, char out[11],
			  struct ds_err *err)
{
	sqlite3_stmt *stmt = NULL;
	const unsigned char *t;
	int rc;

	out[0] = '\0';
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT max(d) FROM ("
			   "SELECT n.given_on AS d FROM notice n JOIN "
			   "candidate c ON c.id = n.candidate_id WHERE "
			   "c.vacancy_id = ?1 "
			   "UNION ALL SELECT k.given_on FROM consent k JOIN "
			   "candidate c ON c.id = k.candidate_id WHERE "
			   "c.vacancy_id = ?1 UNION ALL SELECT substr(started, "
			   "1, 10) FROM run WHERE vacancy_id = ?1)", "i",
			   (sqlite3_int64)vid);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the vacancy's dates", err);
	if (rc == 1) {
		t = sqlite3_column_text(stmt, 0);
		if (t && strlen((const char *)t) == 10)
			memcpy(out, t, 11);
		rc = 0;
	}
	sqlite3_finalize(stmt);
	return rc;
}

int ds_vacancy_decide(struct ds_ctx *ctx, const char *ref, const char *on,
		      const char *reason, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "vacancy.decide",
				     .object = "vacancy" };
	sqlite3_stmt *stmt = NULL;
	char detail[160], now[21], today[11], floor[11], old[11] = "";
	const unsigned char *t;
	int64_t vid;
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DPO,
			"record a vacancy's decision", err);
	if (!rc)
		rc = ds_date_check("decision date", on ? on : "", NULL, err);
	if (!rc && reason)
		rc = ds_text_check("reason", reason, 200, err);
	if (!rc)
		rc = ds_vacancy_id(ctx, ref, &vid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT decided FROM vacancy "
			   "WHERE id = ?", "i", (sqlite3_int64)vid);
	if (!rc) {
		rc = ds_db_step(ctx->db, stmt, "cannot read the vacancy", err);
		if (rc == 1) {
			t = sqlite3_column_text(stmt, 0);
			if (t && strlen((const char *)t) == 10)
				memcpy(old, t, 11);
			rc = 0;
		}
		sqlite3_finalize(stmt);
	}
	if (!rc)
		rc = decision_floor(ctx, vid, floor, err);
	if (rc)
		goto out;
	ds_date_today(today);
	if (strcmp(on, today) > 0) {
		rc = ds_err_set(err, DS_EDATA, "decision date %s is in the "
				"future: record the decision once it is made",
				on);
		goto out;
	}
	if (floor[0] && strcmp(on, floor) < 0) {
		rc = ds_err_set(err, DS_EDATA, "decision date %s is before the "
				"vacancy's notices and searches (the latest on "
				"%s): use a date from %s to %s", on, floor,
				floor, today);
		goto out;
	}
	if (old[0] && strcmp(old, on) == 0)
		goto out;       /* the same date again: nothing changes */
	/* A change moves every candidate's purge date: the DPO's, reasoned. */
	if (old[0] && !(ctx->actor_roles & DS_ROLE_DPO)) {
		rc = ds_err_set(err, DS_EPERM, "'%s' may not change the "
				"decision date recorded (%s): the DPO changes "
				"it, with --reason", ctx->actor_name, old);
		goto out;
	}
	if (old[0] && !reason) {
		rc = ds_err_set(err, DS_EUSAGE, "the decision date is already "
				"%s: a change needs --reason TEXT", old);
		goto out;
	}
	if (old[0])
		ctx->role_used = ds_role_name(DS_ROLE_DPO);
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "UPDATE vacancy SET decided = ? WHERE "
			"id = ?", "ti", on, (sqlite3_int64)vid);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO decision ("
				"vacancy_id, decided, previous, reason, "
				"actor_id, created) "
				"VALUES (?, ?, ?, ?, ?, ?)", "itttit",
				(sqlite3_int64)vid, on, old[0] ? old : NULL,
				reason, (sqlite3_int64)ctx->actor_id, now);
	if (old[0])
		snprintf(detail, sizeof(detail), "decided=%s previous=%s "
			 "change=%lld", on, old,
			 (long long)sqlite3_last_insert_rowid(ctx->db));
	else
		snprintf(detail, sizeof(detail), "decided=%s", on);
	ev.object_id = ev.vacancy_id = vid;
	ev.detail = detail;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
out:
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}
