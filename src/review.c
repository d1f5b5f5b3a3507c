/*
 * review.c: findings, review, responses, case close (see review.h).
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "db.h"
#include "mem.h"
#include "review.h"
#include "school.h"
#include "text.h"

const char *const ds_decisions[] = {
	"confirm", "dismiss", "not-candidate", "refer", NULL
};

const char *const ds_response_outcomes[] = {
	"no-concern", "resolved", "referred", NULL
};

/* The status a decision gives a finding. */
static const char *status_of(const char *decision)
{
	if (strcmp(decision, "confirm") == 0)
		return "confirmed";
	if (strcmp(decision, "dismiss") == 0)
		return "dismissed";
	if (strcmp(decision, "refer") == 0)
		return "referred";
	return "not-candidate";
}

int ds_findings_list(struct ds_ctx *ctx, int64_t cid, const char *vref,
		     const char *status, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	int64_t vid = 0, limit;
	json_t *list;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_DSL, "see findings", err);
	if (!rc && vref)
		rc = ds_vacancy_id(ctx, vref, &vid, err);
	if (!rc && vref)
		rc = ds_scope_check(ctx, DS_ROLE_DSL, vid, 0, "vacancy", vid,
				    "findings.list", err);
	if (!rc && cid)
		rc = ds_scope_candidate(ctx, DS_ROLE_DSL, cid, "findings.list",
					err);
	/* A DSL for some schools sees their vacancies' findings only. */
	limit = ds_scope_limit(ctx, DS_ROLE_DSL);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT f.id, "
				   "f.candidate_id, v.ref, f.identity, "
				   "f.anchors, f.categories, f.severity, "
				   "f.special_care, f.criminal, f.status, "
				   "f.retrieved, (SELECT count(*) FROM "
				   "finding_step s WHERE s.finding_id = f.id) "
				   "FROM finding f JOIN candidate c ON c.id = "
				   "f.candidate_id JOIN vacancy v ON v.id = "
				   "c.vacancy_id WHERE (?1 = 0 OR "
				   "f.candidate_id = ?1) AND (?2 = 0 OR "
				   "c.vacancy_id = ?2) AND (?3 IS NULL OR "
				   "f.status = ?3) AND (?4 = 0 OR v.school_id "
				   "IN (SELECT school_id FROM role_scope WHERE "
				   "actor_id = ?4 AND role = 'dsl')) ORDER BY "
				   "f.candidate_id, f.severity DESC, f.id",
				   "iiti", (sqlite3_int64)cid,
				   (sqlite3_int64)vid, status,
				   (sqlite3_int64)limit);
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the findings",
				err)) == 1)
		json_array_append_new(list, json_pack("{s:o s:o s:o s:o s:o "
			"s:o s:o s:b s:b s:o s:o s:o}",
			"id", ds_json_col(stmt, 0),
			"candidate", ds_json_col(stmt, 1),
			"vacancy", ds_json_col(stmt, 2),
			"identity", ds_json_col(stmt, 3),
			"anchors", ds_json_col(stmt, 4),
			"categories", ds_json_col(stmt, 5),
			"severity", ds_json_col(stmt, 6),
			"special_care", sqlite3_column_int(stmt, 7),
			"criminal", sqlite3_column_int(stmt, 8),
			"status", ds_json_col(stmt, 9),
			"retrieved", ds_json_col(stmt, 10),
			"steps", ds_json_col(stmt, 11)));
	sqlite3_finalize(stmt);
	if (rc >= 0)
		rc = ds_candidate_names(ctx, list, err);
	if (rc) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

/*
 * Open a sealed column into a JSON string (null when the column is),
 * bound to row (ds_field_row).
 */
static int open_sealed(struct ds_ctx *ctx, int64_t cid, const char *label,
		       int64_t row, sqlite3_stmt *stmt, int col, json_t **out,
		       struct ds_err *err)
{
	char *plain = NULL;
	int rc;

	if (sqlite3_column_type(stmt, col) == SQLITE_NULL) {
		*out = json_null();
		return 0;
	}
	rc = ds_field_unseal_row(ctx, cid, label, row,
				 sqlite3_column_blob(stmt, col),
				 (size_t)sqlite3_column_bytes(stmt, col),
				 &plain, err);
	if (rc)
		return rc;
	*out = json_string(plain);
	ds_free(plain);
	return *out ? 0 : ds_err_set(err, DS_ENOMEM, "out of memory");
}

/* The same for a column bound to its row, whose id is column 0. */
static int open_row(struct ds_ctx *ctx, int64_t cid, const char *label,
		    sqlite3_stmt *stmt, int col, json_t **out,
		    struct ds_err *err)
{
	return open_sealed(ctx, cid, label, sqlite3_column_int64(stmt, 0),
			   stmt, col, out, err);
}

int ds_finding_show(struct ds_ctx *ctx, int64_t id, json_t **out,
		    struct ds_err *err)
{
	sqlite3_stmt *stmt = NULL;
	json_t *f = NULL, *url = NULL, *title = NULL, *ex = NULL, *why = NULL;
	json_t *reviews = NULL, *responses = NULL, *queries = NULL;
	int64_t cid, vid;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_DSL, "see findings", err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, "
				   "candidate_id, identity, anchors, "
				   "categories, severity, special_care, "
				   "criminal, status, evidence_sha256, "
				   "published, retrieved, url_sealed, "
				   "title_sealed, excerpt_sealed, "
				   "explain_sealed, own_words FROM finding "
				   "WHERE id = ?", "i", (sqlite3_int64)id);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the finding", err);
	if (rc == 0)
		rc = ds_err_set(err, DS_ENOTFOUND, "unknown finding %lld: see "
				"'duesearch findings list'", (long long)id);
	if (rc < 0)
		goto out;
	cid = sqlite3_column_int64(stmt, 1);
	rc = ds_candidate_vacancy(ctx, cid, &vid, err);
	if (!rc)
		rc = ds_scope_check(ctx, DS_ROLE_DSL, vid, cid, "finding", id,
				    "finding.show", err);
	if (!rc)
		rc = open_row(ctx, cid, "finding.url", stmt, 12, &url,
			      err);
	if (!rc)
		rc = open_row(ctx, cid, "finding.title", stmt, 13, &title,
			      err);
	if (!rc)
		rc = open_row(ctx, cid, "finding.excerpt", stmt, 14, &ex,
			      err);
	if (!rc)
		rc = open_row(ctx, cid, "finding.explain", stmt, 15, &why,
			      err);
	if (rc)
		goto out;
	f = json_pack("{s:o s:o s:o s:o s:o s:o s:b s:b s:o s:o s:o s:o s:O "
		      "s:O s:O}", "id", ds_json_col(stmt, 0),
		      "candidate", ds_json_col(stmt, 1),
		      "identity", ds_json_col(stmt, 2),
		      "anchors", ds_json_col(stmt, 3),
		      "categories", ds_json_col(stmt, 4),
		      "severity", ds_json_col(stmt, 5),
		      "special_care", sqlite3_column_int(stmt, 6),
		      "criminal", sqlite3_column_int(stmt, 7),
		      "status", ds_json_col(stmt, 8),
		      "evidence_sha256", ds_json_col(stmt, 9),
		      "published", ds_json_col(stmt, 10),
		      "retrieved", ds_json_col(stmt, 11),
		      "url", url, "title", title, "excerpt", ex);
	if (f) {
		json_object_set(f, "explanation", why);
		json_object_set_new(f, "own_words",
				    json_boolean(sqlite3_column_int(stmt,
								    16)));
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	reviews = json_array();
	responses = json_array();
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT r.id, a.name, "
			   "r.decision, r.identity_confirmed, r.created, "
			   "r.reason_sealed FROM review r JOIN actor a ON "
			   "a.id = r.reviewer_id WHERE r.finding_id = ? "
			   "ORDER BY r.id", "i", (sqlite3_int64)id);
	while (!rc && (rc = ds_db_step(ctx->db, stmt, "cannot read the "
				       "reviews", err)) == 1) {
		json_t *reason;

		rc = open_row(ctx, cid, "review.reason", stmt, 5, &reason,
			      err);
		if (rc)
			break;
		json_array_append_new(reviews, json_pack("{s:o s:o s:o s:b "
			"s:o s:o}", "id", ds_json_col(stmt, 0),
			"reviewer", ds_json_col(stmt, 1),
			"decision", ds_json_col(stmt, 2),
			"identity_confirmed", sqlite3_column_int(stmt, 3),
			"created", ds_json_col(stmt, 4), "reason", reason));
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (rc < 0)
		goto out;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT r.id, a.name, "
			   "r.outcome, r.created, r.text_sealed FROM response "
			   "r JOIN actor a ON a.id = r.recorded_by WHERE "
			   "r.finding_id = ? ORDER BY r.id", "i",
			   (sqlite3_int64)id);
	while (!rc && (rc = ds_db_step(ctx->db, stmt, "cannot read the "
				       "responses", err)) == 1) {
		json_t *text;

		rc = open_row(ctx, cid, "response.text", stmt, 4, &text, err);
		if (rc)
			break;
		json_array_append_new(responses, json_pack("{s:o s:o s:o s:o "
			"s:o}", "id", ds_json_col(stmt, 0),
			"recorded_by", ds_json_col(stmt, 1),
			"outcome", ds_json_col(stmt, 2),
			"created", ds_json_col(stmt, 3), "text", text));
	}
	if (rc < 0)
		goto out;
	/* The searches that found it: each step's terms, else its target. */
	sqlite3_finalize(stmt);
	stmt = NULL;
	queries = json_array();
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT s.connector, "
			   "s.query_sealed, s.target_sealed, s.id FROM "
			   "finding_step fs JOIN step s ON s.id = fs.step_id "
			   "WHERE fs.finding_id = ? ORDER BY s.id", "i",
			   (sqlite3_int64)id);
	while (!rc && (rc = ds_db_step(ctx->db, stmt, "cannot read the "
				       "finding's searches", err)) == 1) {
		json_t *q;
		int col = sqlite3_column_type(stmt, 1) == SQLITE_NULL ? 2 : 1;

		rc = open_sealed(ctx, cid, col == 1 ? "step.query" :
				 "step.target", sqlite3_column_int64(stmt, 3),
				 stmt, col, &q, err);
		if (rc)
			break;
		if (json_is_string(q))
			json_array_append_new(queries, json_sprintf("%s (%s)",
				json_string_value(q),
				(const char *)sqlite3_column_text(stmt, 0)));
		json_decref(q);
	}
	if (rc < 0)
		goto out;
	json_object_set(f, "queries", queries);
	json_object_set(f, "reviews", reviews);
	json_object_set(f, "responses", responses);
	*out = f;
	f = NULL;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	json_decref(f);
	json_decref(url);
	json_decref(title);
	json_decref(ex);
	json_decref(why);
	json_decref(reviews);
	json_decref(responses);
	json_decref(queries);
	return rc;
}

/* A finding's candidate, vacancy, identity and status. */
static int finding_facts(struct ds_ctx *ctx, int64_t id, int64_t *cid,
			 int64_t *vid, char identity[16], char status[16],
			 struct ds_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT f.candidate_id, "
			   "c.vacancy_id, f.identity, f.status FROM finding f "
			   "JOIN candidate c ON c.id = f.candidate_id WHERE "
			   "f.id = ?", "i", (sqlite3_int64)id);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the finding", err);
	if (rc == 1) {
		*cid = sqlite3_column_int64(stmt, 0);
		*vid = sqlite3_column_int64(stmt, 1);
		snprintf(identity, 16, "%s",
			 (const char *)sqlite3_column_text(stmt, 2));
		snprintf(status, 16, "%s",
			 (const char *)sqlite3_column_text(stmt, 3));
		rc = 0;
	} else if (rc == 0) {
		rc = ds_err_set(err, DS_ENOTFOUND, "unknown finding %lld: see "
				"'duesearch findings list'", (long long)id);
	}
	sqlite3_finalize(stmt);
	return rc;
}

/*
 * Delete the evidence rows of a finding found not to be about the
 * candidate: the pages at its address fetched by the steps that found it.
 */
static int drop_evidence(struct ds_ctx *ctx, int64_t fid, int64_t cid,
			 struct ds_err *err)
{
	sqlite3_stmt *stmt;
	char *url = NULL;
	int64_t gone[64];
	size_t n = 0, i;
	int rc;

	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT url_sealed FROM "
			   "finding WHERE id = ? AND url_sealed IS NOT NULL",
			   "i", (sqlite3_int64)fid);
	if (rc)
		return rc;
	if (ds_db_step(ctx->db, stmt, "cannot read the finding", err) == 1)
		rc = ds_field_unseal_row(ctx, cid, "finding.url", fid,
					 sqlite3_column_blob(stmt, 0),
					 (size_t)sqlite3_column_bytes(stmt,
								      0),
					 &url, err);
	sqlite3_finalize(stmt);
	if (rc || !url)
		return rc;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT e.id, e.url_sealed, "
			   "e.final_url_sealed FROM evidence e JOIN "
			   "finding_step fs ON fs.step_id = e.step_id WHERE "
			   "fs.finding_id = ?", "i", (sqlite3_int64)fid);
	while (!rc && n < 64 && ds_db_step(ctx->db, stmt, "cannot read the "
					   "evidence", err) == 1) {
		char *a = NULL, *b = NULL;

		ds_field_unseal_row(ctx, cid, "evidence.url",
				sqlite3_column_int64(stmt, 0),
				sqlite3_column_blob(stmt, 1),
				(size_t)sqlite3_column_bytes(stmt, 1), &a,
				NULL);
		if (sqlite3_column_type(stmt, 2) != SQLITE_NULL)
			ds_field_unseal_row(ctx, cid,
					"evidence.final_url",
					sqlite3_column_int64(stmt, 0),
					sqlite3_column_blob(stmt, 2),
					(size_t)sqlite3_column_bytes(stmt, 2),
					&b, NULL);
		if ((a && strcmp(a, url) == 0) || (b && strcmp(b, url) == 0))
			gone[n++] = sqlite3_column_int64(stmt, 0);
		ds_free(a);
		ds_free(b);
	}
	sqlite3_finalize(stmt);
	for (i = 0; !rc && i < n; i++)
		rc = ds_db_exec(ctx->db, err, "DELETE FROM evidence WHERE id = "
				"?", "i", (sqlite3_int64)gone[i]);
	ds_free(url);
	return rc;
}

/* Decisions and responses stop once the candidate's case is closed. */
static int case_open(struct ds_ctx *ctx, int64_t cid, struct ds_err *err)
{
	sqlite3_int64 closed = 0;
	int rc = ds_db_int(ctx->db, &closed, err, "SELECT closed IS NOT NULL "
			   "FROM candidate WHERE id = ?", "i",
			   (sqlite3_int64)cid);

	if (!rc && closed)
		rc = ds_err_set(err, DS_ESTATE, "candidate %lld's case is "
				"closed: its findings can no longer change",
				(long long)cid);
	return rc;
}

int ds_review(struct ds_ctx *ctx, int64_t id, const char *decision,
	      const char *reason, int identity_confirmed, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "finding.review",
				     .object = "finding", .object_id = id };
	char identity[16], status[16], now[21], detail[128];
	uint8_t *blob = NULL;
	int64_t cid, vid, row = 0;
	size_t len = 0;
	int rc;

	rc = ds_require(ctx, DS_ROLE_DSL, "review findings", err);
	if (!rc && ds_enum_parse("decision", decision ? decision : "",
				 ds_decisions, err) < 0)
		rc = DS_EDATA;
	if (!rc)
		rc = ds_text_check("reason", reason ? reason : "", 2000, err);
	if (!rc)
		rc = finding_facts(ctx, id, &cid, &vid, identity, status, err);
	if (!rc)
		rc = ds_scope_check(ctx, DS_ROLE_DSL, vid, cid, "finding", id,
				    "finding.review", err);
	if (rc)
		return rc;
	if (identity_confirmed && strcmp(decision, "not-candidate") == 0)
		return ds_err_set(err, DS_EUSAGE, "--identity-confirmed "
				  "contradicts not-candidate: give one of "
				  "them");
	rc = case_open(ctx, cid, err);
	if (rc)
		return rc;
	if (strcmp(status, "not-candidate") == 0)
		return ds_err_set(err, DS_ESTATE, "finding %lld was decided "
				  "not to be about the candidate and its "
				  "content is gone: it cannot be reviewed "
				  "again", (long long)id);
	if (strcmp(identity, "possible") == 0 && !identity_confirmed &&
	    (strcmp(decision, "confirm") == 0 ||
	     strcmp(decision, "refer") == 0))
		return ds_err_set(err, DS_ESTATE, "finding %lld is only a "
				  "possible match: confirm that it is the "
				  "candidate with --identity-confirmed, or "
				  "decide not-candidate", (long long)id);
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	/* The reason is sealed bound to the review's own row. */
	rc = ds_row_next(ctx, "review", &row, err);
	if (!rc)
		rc = ds_field_seal_row(ctx, cid, "review.reason", row, reason,
				       &blob, &len, err);
	ds_time_now(now);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO review (id, "
			"finding_id, candidate_id, reviewer_id, decision, "
			"identity_confirmed, reason_sealed, created) VALUES "
			"(?, ?, ?, ?, ?, ?, ?, ?)", "iiiitdbt",
			(sqlite3_int64)row, (sqlite3_int64)id,
			(sqlite3_int64)cid, (sqlite3_int64)ctx->actor_id,
			decision, identity_confirmed ? 1 : 0, blob, (int)len,
			now);
	ds_free(blob);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "UPDATE finding SET status = ?, "
				"identity = CASE WHEN ? THEN 'confirmed' ELSE "
				"identity END WHERE id = ?", "tdi",
				status_of(decision), identity_confirmed ? 1 : 0,
				(sqlite3_int64)id);
	/* Another person's data is not kept: only the count remains. */
	if (!rc && strcmp(decision, "not-candidate") == 0)
		rc = drop_evidence(ctx, id, cid, err);
	if (!rc && strcmp(decision, "not-candidate") == 0)
		rc = ds_db_exec(ctx->db, err, "UPDATE finding SET url_sealed = "
				"NULL, title_sealed = NULL, excerpt_sealed = "
				"NULL, explain_sealed = NULL, own_words = 0, "
				"anchors = '', categories = '' WHERE "
				"id = ?", "i", (sqlite3_int64)id);
	/* A later decision is a change: the trail says from what. */
	if (strcmp(status, "open") == 0)
		snprintf(detail, sizeof(detail), "decision=%s "
			 "identity-confirmed=%d", decision,
			 identity_confirmed ? 1 : 0);
	else
		snprintf(detail, sizeof(detail), "decision=%s "
			 "identity-confirmed=%d changed-from=%s", decision,
			 identity_confirmed ? 1 : 0, status);
	ev.candidate_id = cid;
	ev.vacancy_id = vid;
	ev.detail = detail;
	return ds_audit_commit(ctx, rc, &ev, err);
}

int ds_response_record(struct ds_ctx *ctx, int64_t id, const char *text,
		       const char *outcome, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "finding.response",
				     .object = "finding", .object_id = id };
	char identity[16], status[16], now[21], detail[64];
	uint8_t *blob = NULL;
	int64_t cid, vid, row = 0;
	size_t len = 0;
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL, "record a "
			"response", err);
	if (!rc && ds_enum_parse("outcome", outcome ? outcome : "",
				 ds_response_outcomes, err) < 0)
		rc = DS_EDATA;
	if (!rc)
		rc = ds_text_check("response", text ? text : "", 4000, err);
	if (!rc)
		rc = finding_facts(ctx, id, &cid, &vid, identity, status, err);
	if (!rc)
		rc = ds_scope_check(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL, vid,
				    cid, "finding", id, "finding.response",
				    err);
	if (!rc)
		rc = case_open(ctx, cid, err);
	if (!rc && strcmp(status, "confirmed") != 0)
		rc = ds_err_set(err, DS_ESTATE, "finding %lld is %s: only "
				"findings the DSL confirmed are put to the "
				"candidate", (long long)id, status);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	/* The text is sealed bound to the response's own row. */
	rc = ds_row_next(ctx, "response", &row, err);
	if (!rc)
		rc = ds_field_seal_row(ctx, cid, "response.text", row, text,
				       &blob, &len, err);
	ds_time_now(now);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO response (id, "
			"finding_id, candidate_id, text_sealed, outcome, "
			"recorded_by, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
			"iiibtit", (sqlite3_int64)row, (sqlite3_int64)id,
			(sqlite3_int64)cid, blob, (int)len, outcome,
			(sqlite3_int64)ctx->actor_id, now);
	ds_free(blob);
	snprintf(detail, sizeof(detail), "outcome=%s", outcome);
	ev.candidate_id = cid;
	ev.vacancy_id = vid;
	ev.detail = detail;
	return ds_audit_commit(ctx, rc, &ev, err);
}

int ds_candidate_close(struct ds_ctx *ctx, int64_t cid, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "candidate.close",
				     .object = "candidate", .object_id = cid,
				     .candidate_id = cid };
	sqlite3_int64 open = 0, unanswered = 0, steps = 0, closed = 0;
	char now[21], detail[64];
	int64_t vid;
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL, "close a case",
			err);
	if (!rc)
		rc = ds_candidate_vacancy(ctx, cid, &vid, err);
	if (!rc)
		rc = ds_scope_check(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL, vid,
				    cid, "candidate", cid, "candidate.close",
				    err);
	if (!rc)
		rc = ds_db_int(ctx->db, &closed, err, "SELECT closed IS NOT "
			       "NULL FROM candidate WHERE id = ?", "i",
			       (sqlite3_int64)cid);
	if (!rc && closed)
		rc = ds_err_set(err, DS_ESTATE, "candidate %lld's case is "
				"already closed", (long long)cid);
	if (!rc)
		rc = ds_db_int(ctx->db, &open, err, "SELECT count(*) FROM "
			       "finding WHERE candidate_id = ? AND status = "
			       "'open'", "i", (sqlite3_int64)cid);
	if (!rc)
		rc = ds_db_int(ctx->db, &unanswered, err, "SELECT count(*) "
			       "FROM finding f WHERE f.candidate_id = ? AND "
			       "f.status = 'confirmed' AND NOT EXISTS (SELECT "
			       "1 FROM response r WHERE r.finding_id = f.id)",
			       "i", (sqlite3_int64)cid);
	if (!rc)
		rc = ds_db_int(ctx->db, &steps, err, "SELECT count(*) FROM "
			       "step WHERE candidate_id = ? AND (status = "
			       "'pending' OR outcome = 'manual-open')", "i",
			       (sqlite3_int64)cid);
	if (rc)
		return rc;
	if (open)
		return ds_err_set(err, DS_ESTATE, "candidate %lld has %lld "
				  "finding(s) the DSL has not reviewed: see "
				  "'duesearch findings list --candidate %lld'",
				  (long long)cid, (long long)open,
				  (long long)cid);
	if (unanswered)
		return ds_err_set(err, DS_ESTATE, "candidate %lld has %lld "
				  "confirmed finding(s) without the "
				  "candidate's response: record it with "
				  "'duesearch response record'", (long long)cid,
				  (long long)unanswered);
	if (steps)
		return ds_err_set(err, DS_ESTATE, "candidate %lld has %lld "
				  "step(s) still open (pending or manual): "
				  "finish the run or settle them",
				  (long long)cid, (long long)steps);
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "UPDATE candidate SET closed = ?, "
			"updated = ? WHERE id = ?", "tti", now, now,
			(sqlite3_int64)cid);
	snprintf(detail, sizeof(detail), "closed=%s", now);
	ev.vacancy_id = vid;
	ev.detail = detail;
	return ds_audit_commit(ctx, rc, &ev, err);
}

int ds_manual_settle(struct ds_ctx *ctx, int64_t step_id,
		     const char *outcome, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "step.settle",
				     .object = "step", .object_id = step_id };
	static const char *const outcomes[] = {
		"not-public", "nothing-found", NULL
	};
	sqlite3_int64 cid;
	char now[21], detail[64];
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "settle a manual step", err);
	if (!rc && ds_enum_parse("outcome", outcome ? outcome : "", outcomes,
				 err) < 0)
		rc = DS_EDATA;
	if (!rc)
		rc = ds_db_int(ctx->db, &cid, err, "SELECT candidate_id FROM "
			       "step WHERE id = ? AND outcome = "
			       "'manual-open'", "i", (sqlite3_int64)step_id);
	if (rc == DS_ENOTFOUND)
		return ds_err_set(err, DS_ESTATE, "step %lld is not an open "
				  "manual step: see 'duesearch run show'",
				  (long long)step_id);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	/* A fixed text: free text here could carry personal data. */
	rc = ds_db_exec(ctx->db, err, "UPDATE step SET outcome = ?, detail = "
			"?, finished = ? WHERE id = ?", "ttti", outcome,
			strcmp(outcome, "not-public") == 0 ? "the searcher "
			"found the profile behind a log-in: not public" :
			"the searcher found no such profile", now,
			(sqlite3_int64)step_id);
	snprintf(detail, sizeof(detail), "outcome=%s", outcome);
	ev.candidate_id = cid;
	ev.detail = detail;
	return ds_audit_commit(ctx, rc, &ev, err);
}
