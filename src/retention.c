/*
 * retention.c: retention and purge, holds, opting out, consent audit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "db.h"
#include "mem.h"
#include "report.h"
#include "retention.h"
#include "text.h"

/* What retention asks of one candidate today. */
struct due {
	int64_t cid;
	char ref[128], status[16], decided[11], due[11];
	int archived, hold;
	const char *action;     /* "purge", "archive" */
	const char *state;      /* "due", "later", "no-decision", "on-hold" */
};

/* Work out a candidate's row of the due list. */
static void due_of(const struct ds_retention_conf *rc, struct due *d,
		   const char *today)
{
	int appointee = strcmp(d->status, "appointed") == 0;

	d->due[0] = '\0';
	d->action = appointee && !d->archived ? "archive" : "purge";
	if (!d->decided[0]) {
		d->state = "no-decision";
		return;
	}
	ds_date_add_months(d->decided, appointee && d->archived ?
			   rc->appointee_months : rc->months, d->due);
	if (appointee && !d->archived) {
		char full[11];

		/* Past the appointee's whole period: purge at once. */
		ds_date_add_months(d->decided, rc->appointee_months, full);
		if (strcmp(full, today) <= 0) {
			d->action = "purge";
			memcpy(d->due, full, sizeof(full));
		}
	}
	if (d->hold)
		d->state = "on-hold";
	else
		d->state = strcmp(d->due, today) <= 0 ? "due" : "later";
}

/* Read every candidate's retention facts. */
static int due_list(struct ds_ctx *ctx, const struct ds_retention_conf *rc,
		    struct due **out, size_t *n, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	char today[11];
	struct due *d = NULL;
	int rc2;

	*out = NULL;
	*n = 0;
	ds_date_today(today);
	rc2 = ds_db_prepare(ctx->db, &stmt, err, "SELECT c.id, v.ref, "
			    "c.status, IFNULL(v.decided, ''), EXISTS (SELECT 1 "
			    "FROM archive a WHERE a.candidate_id = c.id), "
			    "EXISTS (SELECT 1 FROM hold h WHERE h.released IS "
			    "NULL AND (h.candidate_id = c.id OR h.vacancy_id = "
			    "c.vacancy_id)) FROM candidate c JOIN vacancy v "
			    "ON v.id = c.vacancy_id ORDER BY c.id", "");
	if (rc2)
		return rc2;
	while ((rc2 = ds_db_step(ctx->db, stmt, "cannot read the candidates",
				 err)) == 1) {
		struct due *g = ds_realloc(d, (*n + 1) * sizeof(*d));

		if (!g) {
			rc2 = ds_err_set(err, DS_ENOMEM, "out of memory");
			break;
		}
		d = g;
		memset(&d[*n], 0, sizeof(d[*n]));
		d[*n].cid = sqlite3_column_int64(stmt, 0);
		snprintf(d[*n].ref, sizeof(d[*n].ref), "%s",
			 (const char *)sqlite3_column_text(stmt, 1));
		snprintf(d[*n].status, sizeof(d[*n].status), "%s",
			 (const char *)sqlite3_column_text(stmt, 2));
		snprintf(d[*n].decided, sizeof(d[*n].decided), "%s",
			 (const char *)sqlite3_column_text(stmt, 3));
		d[*n].archived = sqlite3_column_int(stmt, 4);
		d[*n].hold = sqlite3_column_int(stmt, 5);
		due_of(rc, &d[*n], today);
		(*n)++;
	}
	sqlite3_finalize(stmt);
	if (rc2 < 0) {
		ds_free(d);
		*n = 0;
		return rc2;
	}
	*out = d;
	return 0;
}

static json_t *due_json(const struct due *d)
{
	return json_pack("{s:I s:s s:s s:s? s:s? s:s s:s s:b}", "candidate",
			 (json_int_t)d->cid, "vacancy", d->ref, "status",
			 d->status, "decided", d->decided[0] ? d->decided :
			 NULL, "due", d->due[0] ? d->due : NULL, "action",
			 d->action, "state", d->state, "archived",
			 d->archived);
}

int ds_retention_due(struct ds_ctx *ctx, const struct ds_retention_conf *rc,
		     json_t **out, struct ds_err *err)
{
	struct due *d;
	json_t *list;
	size_t n, i;
	int r;

	*out = NULL;
	r = ds_require(ctx, DS_ROLE_DPO, "see what retention asks", err);
	if (!r)
		r = due_list(ctx, rc, &d, &n, err);
	if (r)
		return r;
	list = json_array();
	if (!list)
		r = ds_err_set(err, DS_ENOMEM, "out of memory");
	for (i = 0; !r && i < n; i++)
		r = ds_json_push(list, due_json(&d[i]), err);
	ds_free(d);
	if (!r)
		r = ds_candidate_names(ctx, list, err);
	if (r) {
		json_decref(list);
		return r;
	}
	*out = list;
	return 0;
}

/* How many rows of table belong to the candidate. */
static sqlite3_int64 count_rows(struct ds_ctx *ctx, const char *sql,
				int64_t cid)
{
	sqlite3_int64 n = 0;

	ds_db_int(ctx->db, &n, NULL, sql, "i", (sqlite3_int64)cid);
	return n;
}

/* The candidate's rows, counted for the purge event (no personal data). */
static void purge_counts(struct ds_ctx *ctx, int64_t cid, char *out,
			 size_t size)
{
	snprintf(out, size, "anchors=%lld handles=%lld notices=%lld "
		 "consents=%lld steps=%lld evidence=%lld findings=%lld "
		 "reviews=%lld responses=%lld claims=%lld",
		 (long long)count_rows(ctx, "SELECT count(*) FROM anchor WHERE "
				       "candidate_id = ?", cid),
		 (long long)count_rows(ctx, "SELECT count(*) FROM handle WHERE "
				       "candidate_id = ?", cid),
		 (long long)count_rows(ctx, "SELECT count(*) FROM notice WHERE "
				       "candidate_id = ?", cid),
		 (long long)count_rows(ctx, "SELECT count(*) FROM consent "
				       "WHERE candidate_id = ?", cid),
		 (long long)count_rows(ctx, "SELECT count(*) FROM step WHERE "
				       "candidate_id = ?", cid),
		 (long long)count_rows(ctx, "SELECT count(*) FROM evidence "
				       "WHERE candidate_id = ?", cid),
		 (long long)count_rows(ctx, "SELECT count(*) FROM finding "
				       "WHERE candidate_id = ?", cid),
		 (long long)count_rows(ctx, "SELECT count(*) FROM review WHERE "
				       "candidate_id = ?", cid),
		 (long long)count_rows(ctx, "SELECT count(*) FROM response "
				       "WHERE candidate_id = ?", cid),
		 (long long)count_rows(ctx, "SELECT count(*) FROM claim WHERE "
				       "candidate_id = ?", cid));
}

/* Delete a candidate and everything of theirs, then destroy the key. */
static int purge_one(struct ds_ctx *ctx, const struct due *d, json_t *log,
		     struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "candidate.purge",
				     .object = "candidate",
				     .object_id = d->cid,
				     .candidate_id = d->cid };
	char counts[300];
	int rc;

	purge_counts(ctx, d->cid, counts, sizeof(counts));
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	/* Released holds only: an unreleased one never reaches here. */
	rc = ds_db_exec(ctx->db, err, "DELETE FROM hold WHERE candidate_id = ? "
			"AND released IS NOT NULL", "i",
			(sqlite3_int64)d->cid);
	/* A hold placed since the list was read still wins. */
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "DELETE FROM candidate WHERE id "
			"= "
				"?1 AND NOT EXISTS (SELECT 1 FROM hold h WHERE "
				"h.released IS NULL AND (h.candidate_id = ?1 "
				"OR h.vacancy_id = (SELECT vacancy_id FROM "
				"candidate WHERE id = ?1)))", "i",
				(sqlite3_int64)d->cid);
	if (!rc && sqlite3_changes(ctx->db) != 1) {
		/*
		 * Put on hold while the purge ran: kept, and said so; the
		 * other candidates' purge goes on.
		 */
		ds_db_rollback(ctx->db);
		json_array_append_new(log, json_pack("{s:I s:s s:s}",
			"candidate", (json_int_t)d->cid, "vacancy", d->ref,
			"action", "held"));
		return 0;
	}
	ev.detail = counts;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		rc = ds_db_commit(ctx->db, err);
	else
		ds_db_rollback(ctx->db);
	if (!rc)
		rc = ds_keystore_destroy_dek(ctx->ks, d->cid, err);
	if (!rc)
		json_array_append_new(log, json_pack("{s:I s:s s:s s:s}",
			"candidate", (json_int_t)d->cid, "vacancy", d->ref,
			"action", "purged", "removed", counts));
	return rc;
}

/*
 * Cut the appointee's record down to the archive: the final report and
 * the SCR line, sealed; everything else deleted.
 */
static int archive_one(struct ds_ctx *ctx, const struct ds_retention_conf *rc,
		       const struct due *d, json_t *log, struct ds_err *err)
{
	struct ds_report_opts ro = { .kind = DS_REPORT_CANDIDATE,
				     .candidate_id = d->cid, .format = "html",
				     .retention_months = rc->months };
	struct ds_audit_event ev = { .action = "candidate.archive",
				     .object = "candidate",
				     .object_id = d->cid,
				     .candidate_id = d->cid };
	struct buf rep, scr;
	uint8_t *rb = NULL, *sb = NULL;
	size_t rl, sl;
	char sha[65], scr_sha[65], keep[11], now[21], counts[300];
	int r;

	buf_init(&rep, 64u << 20);
	buf_init(&scr, 1u << 20);
	r = ds_report(ctx, &ro, &rep, sha, err);
	if (!r) {
		ro.kind = DS_REPORT_SCR;
		ro.format = "csv";
		r = ds_report(ctx, &ro, &scr, scr_sha, err);
	}
	/* Bound to the archive's row: its id is the candidate's. */
	if (!r)
		r = ds_field_seal_row(ctx, d->cid, "archive.report", d->cid,
				      rep.ptr, &rb, &rl, err);
	if (!r)
		r = ds_field_seal_row(ctx, d->cid, "archive.scr", d->cid,
				      scr.ptr, &sb, &sl, err);
	purge_counts(ctx, d->cid, counts, sizeof(counts));
	if (!r)
		r = ds_db_begin(ctx->db, err);
	if (r)
		goto out;
	ds_date_add_months(d->decided, rc->appointee_months, keep);
	ds_time_now(now);
	r = ds_db_exec(ctx->db, err, "INSERT INTO archive (candidate_id, "
		       "scr_sealed, report_sealed, report_sha256, archived, "
		       "keep_until) VALUES (?, ?, ?, ?, ?, ?)", "ibbttt",
		       (sqlite3_int64)d->cid, sb, (int)sl, rb, (int)rl, sha,
		       now, keep);
	{
		static const char *const del[] = {
			"DELETE FROM finding WHERE candidate_id = ?",
			"DELETE FROM step WHERE candidate_id = ?",
			"DELETE FROM handle WHERE candidate_id = ?",
			"DELETE FROM claim WHERE candidate_id = ?",
			"DELETE FROM notice WHERE candidate_id = ?",
			"DELETE FROM consent WHERE candidate_id = ?",
			"DELETE FROM anchor WHERE candidate_id = ? AND kind != "
			"'legal-name'",
		};
		size_t i;

		for (i = 0; !r && i < sizeof(del) / sizeof(del[0]); i++)
			r = ds_db_exec(ctx->db, err, del[i], "i",
				       (sqlite3_int64)d->cid);
	}
	ev.detail = counts;
	if (!r)
		r = ds_audit_append(ctx, &ev, err);
	if (!r)
		r = ds_db_commit(ctx->db, err);
	else
		ds_db_rollback(ctx->db);
	if (!r)
		json_array_append_new(log, json_pack("{s:I s:s s:s s:s s:s}",
			"candidate", (json_int_t)d->cid, "vacancy", d->ref,
			"action", "archived", "removed", counts,
			"keep_until", keep));
out:
	ds_free(rb);
	ds_free(sb);
	buf_release(&rep);
	buf_release(&scr);
	return r;
}

/*
 * Move the whole WAL into the file and truncate it.  A reader holding an
 * old snapshot makes SQLite stop short and say so: wait for it a little,
 * then fail rather than leave deleted pages in the WAL.
 */
static int checkpoint(struct ds_ctx *ctx, struct ds_err *err)
{
	int i, log = 0, done = 0, rc = SQLITE_BUSY;

	for (i = 0; i < 50; i++) {
		rc = sqlite3_wal_checkpoint_v2(ctx->db, NULL,
					       SQLITE_CHECKPOINT_TRUNCATE,
					       &log, &done);
		if (rc == SQLITE_OK && log <= 0)
			return 0;
		if (rc != SQLITE_OK && rc != SQLITE_BUSY)
			break;
		sqlite3_sleep(100);
	}
	return ds_err_set(err, DS_EBUSY, "the purge deleted the rows but "
			  "another process is reading the database, so its "
			  "WAL still holds them: stop the other process (a "
			  "running search, the web server) and run 'duesearch "
			  "retention purge' again");
}

/*
 * Leave nothing of the deleted rows behind: move the WAL into the file,
 * rebuild the file (secure_delete already overwrote freed content), and
 * truncate the WAL; then destroy keys no candidate owns any more.
 */
static int scrub(struct ds_ctx *ctx, struct ds_err *err)
{
	int64_t *ids = NULL;
	size_t n = 0, i;
	int rc;

	rc = checkpoint(ctx, err);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "VACUUM", "");
	if (!rc)
		rc = checkpoint(ctx, err);
	if (rc)
		return rc;
	/*
	 * Keys no candidate owns: swept under the database's write lock, so
	 * a candidate being added (key written, row not yet committed) is
	 * not mistaken for a purged one.
	 */
	rc = ds_db_begin(ctx->db, err);
	if (!rc)
		rc = ds_keystore_ids(ctx->ks, &ids, &n, err);
	for (i = 0; !rc && i < n; i++) {
		sqlite3_int64 there = 0;

		rc = ds_db_int(ctx->db, &there, err, "SELECT count(*) FROM "
			       "candidate WHERE id = ?", "i",
			       (sqlite3_int64)ids[i]);
		if (!rc && !there)
			rc = ds_keystore_destroy_dek(ctx->ks, ids[i], err);
	}
	ds_db_rollback(ctx->db);
	ds_free(ids);
	return rc;
}

int ds_retention_purge(struct ds_ctx *ctx, const struct ds_retention_conf *rc,
		       int dry_run, json_t **out, struct ds_err *err)
{
	struct due *d = NULL;
	json_t *log;
	size_t n = 0, i;
	int r;

	*out = NULL;
	r = ds_require(ctx, DS_ROLE_DPO, "purge", err);
	if (!r)
		r = due_list(ctx, rc, &d, &n, err);
	if (r)
		return r;
	log = json_array();
	for (i = 0; !r && i < n; i++) {
		if (strcmp(d[i].state, "due") != 0) {
			if (strcmp(d[i].state, "on-hold") == 0)
				json_array_append_new(log, json_pack("{s:I s:s "
					"s:s}", "candidate", (json_int_t)
					d[i].cid, "vacancy", d[i].ref,
					"action", "held"));
			continue;
		}
		if (dry_run) {
			json_t *e = due_json(&d[i]);
			char counts[300];

			purge_counts(ctx, d[i].cid, counts, sizeof(counts));
			json_object_set_new(e, "would_remove",
					    json_string(counts));
			json_array_append_new(log, e);
			continue;
		}
		if (strcmp(d[i].action, "archive") == 0)
			r = archive_one(ctx, rc, &d[i], log, err);
		else
			r = purge_one(ctx, &d[i], log, err);
	}
	/*
	 * Always, on a real purge, even after one candidate's failure: a key
	 * left by an earlier failure goes.  The first error is the one told.
	 */
	if (!dry_run) {
		struct ds_err serr;
		int s;

		ds_err_init(&serr);
		s = scrub(ctx, r ? &serr : err);
		if (!r)
			r = s;
	}
	ds_free(d);
	if (r) {
		json_decref(log);
		return r;
	}
	*out = log;
	return 0;
}

int ds_archive_show(struct ds_ctx *ctx, int64_t cid, json_t **out,
		    struct ds_err *err)
{
	sqlite3_stmt *stmt;
	char *rep = NULL, *scr = NULL;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_DPO, "read an archive", err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT report_sealed, "
				   "scr_sealed, report_sha256, archived, "
				   "keep_until FROM archive WHERE "
				   "candidate_id = ?", "i", (sqlite3_int64)cid);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the archive", err);
	if (rc == 0)
		rc = ds_err_set(err, DS_ENOTFOUND, "candidate %lld has no "
				"archive: see 'duesearch retention due'",
				(long long)cid);
	if (rc == 1)
		rc = ds_field_unseal_row(ctx, cid, "archive.report", cid,
					 sqlite3_column_blob(stmt, 0),
					 (size_t)sqlite3_column_bytes(stmt, 0),
					 &rep, err);
	if (!rc)
		rc = ds_field_unseal_row(ctx, cid, "archive.scr", cid,
					 sqlite3_column_blob(stmt, 1),
					 (size_t)sqlite3_column_bytes(stmt, 1),
					 &scr, err);
	if (!rc)
		*out = json_pack("{s:I s:s s:s s:o s:o s:o}", "candidate",
				 (json_int_t)cid, "report", rep, "scr", scr,
				 "report_sha256", ds_json_col(stmt, 2),
				 "archived", ds_json_col(stmt, 3),
				 "keep_until", ds_json_col(stmt, 4));
	sqlite3_finalize(stmt);
	ds_free(rep);
	ds_free(scr);
	return rc < 0 ? rc : 0;
}

int ds_hold_add(struct ds_ctx *ctx, int64_t cid, const char *vref,
		const char *reason, int64_t *id, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "hold.add", .object = "hold" };
	int64_t vid = 0;
	char now[21];
	int rc;

	rc = ds_require(ctx, DS_ROLE_DPO, "place a legal hold", err);
	if (!rc && !cid == !vref)
		rc = ds_err_set(err, DS_EUSAGE, "hold a candidate or a "
				"vacancy: --candidate ID or --vacancy REF");
	if (!rc)
		rc = ds_text_check("reason", reason ? reason : "", 500, err);
	if (!rc && cid)
		rc = ds_candidate_vacancy(ctx, cid, NULL, err);
	if (!rc && vref)
		rc = ds_vacancy_id(ctx, vref, &vid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT INTO hold (candidate_id, "
			"vacancy_id, reason, placed_by, placed) VALUES "
			"(NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?)", "iitit",
			(sqlite3_int64)cid, (sqlite3_int64)vid, reason,
			(sqlite3_int64)ctx->actor_id, now);
	ev.object_id = sqlite3_last_insert_rowid(ctx->db);
	ev.candidate_id = cid;
	ev.vacancy_id = vid;
	ev.detail = cid ? "on=candidate" : "on=vacancy";
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		rc = ds_db_commit(ctx->db, err);
	else
		ds_db_rollback(ctx->db);
	if (!rc && id)
		*id = ev.object_id;
	return rc;
}

int ds_hold_release(struct ds_ctx *ctx, int64_t hold_id, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "hold.release",
				     .object = "hold", .object_id = hold_id };
	char now[21];
	int rc;

	rc = ds_require(ctx, DS_ROLE_DPO, "release a legal hold", err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "UPDATE hold SET released = ?, "
			"released_by = ? WHERE id = ? AND released IS NULL",
			"tii", now, (sqlite3_int64)ctx->actor_id,
			(sqlite3_int64)hold_id);
	if (!rc && sqlite3_changes(ctx->db) != 1)
		rc = ds_err_set(err, DS_ENOTFOUND, "no hold %lld in force: see "
				"'duesearch hold list'", (long long)hold_id);
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

int ds_hold_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_DPO, "list legal holds", err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT h.id, "
				   "h.candidate_id, v.ref, h.reason, a.name, "
				   "h.placed, h.released FROM hold h JOIN "
				   "actor a ON a.id = h.placed_by LEFT JOIN "
				   "vacancy v ON v.id = h.vacancy_id ORDER BY "
				   "h.id", "");
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the holds",
				err)) == 1) {
		json_t *name = json_null();

		/* A candidate's hold names them; a vacancy's has no name. */
		if (sqlite3_column_type(stmt, 1) != SQLITE_NULL) {
			rc = ds_candidate_name(ctx, sqlite3_column_int64(stmt,
						1), &name, err);
			if (rc)
				break;
		}
		json_array_append_new(list, json_pack("{s:o s:o s:o s:o s:o "
			"s:o s:o s:o}", "id", ds_json_col(stmt, 0),
			"candidate", ds_json_col(stmt, 1), "name", name,
			"vacancy", ds_json_col(stmt, 2),
			"reason", ds_json_col(stmt, 3),
			"placed_by", ds_json_col(stmt, 4),
			"placed", ds_json_col(stmt, 5),
			"released", ds_json_col(stmt, 6)));
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

/* Set or clear the organisation's opt-out with its event. */
static int opt(struct ds_ctx *ctx, const char *reason, struct ds_err *err)
{
	struct ds_audit_event ev = { .object = "org", .object_id = 1 };
	char today[11];
	int rc;

	rc = ds_require(ctx, DS_ROLE_DPO | DS_ROLE_ADMIN, "change whether the "
			"organisation searches", err);
	if (!rc && reason)
		rc = ds_text_check("reason", reason, 1000, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_date_today(today);
	rc = ds_db_exec(ctx->db, err, "UPDATE org SET opted_out = ?, "
			"opt_out_reason = ? WHERE id = 1", "tt",
			reason ? today : NULL, reason);
	ev.action = reason ? "org.opt-out" : "org.opt-in";
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

int ds_org_opt_out(struct ds_ctx *ctx, const char *reason,
		   struct ds_err *err)
{
	if (!reason)
		return ds_err_set(err, DS_EUSAGE, "say why the organisation "
				  "does not search: --reason TEXT");
	return opt(ctx, reason, err);
}

int ds_org_opt_in(struct ds_ctx *ctx, struct ds_err *err)
{
	return opt(ctx, NULL, err);
}

int ds_consent_report(struct ds_ctx *ctx, const char *vref, json_t **out,
		      struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *vacs, *cur = NULL, *list = NULL;
	int64_t vid = 0, last = -1;
	json_int_t problems = 0;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_DPO, "audit consent", err);
	if (!rc && vref)
		rc = ds_vacancy_id(ctx, vref, &vid, err);
	/*
	 * For every candidate with a step: the first search, the earliest
	 * notice and consent before it, whether consent was ever withdrawn
	 * and, if so, whether any step finished after the withdrawal.
	 */
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT v.id, v.ref, "
			"c.id, c.status, min(r.started), "
			"(SELECT min(n.given_on) FROM notice n WHERE "
			" n.candidate_id = c.id), "
			"(SELECT n.evidence_sha256 FROM notice n WHERE "
			" n.candidate_id = c.id ORDER BY n.given_on LIMIT 1), "
			"(SELECT min(k.given_on) FROM consent k WHERE "
			" k.candidate_id = c.id), "
			"(SELECT max(k.withdrawn_on) FROM consent k WHERE "
			" k.candidate_id = c.id), "
			"(SELECT count(*) FROM step s2 WHERE s2.candidate_id = "
			" c.id AND s2.outcome = 'skipped' AND s2.detail LIKE "
			" 'stopped:%'), "
			"(SELECT count(*) FROM step s3 JOIN consent k3 ON "
			" k3.candidate_id = s3.candidate_id WHERE "
			" s3.candidate_id = c.id AND k3.withdrawn_at IS NOT "
			" NULL AND s3.finished > k3.withdrawn_at AND "
			" s3.outcome NOT IN ('skipped')), o.consent_required, "
			/* The kinds of step run that no notice text the
			 * candidate was given (by its hash) described. */
			"(SELECT group_concat(DISTINCT s4.kind) FROM step s4 "
			" WHERE s4.candidate_id = c.id AND s4.status = "
			" 'done' AND s4.outcome IS NOT 'skipped' AND EXISTS "
			" (SELECT 1 FROM notice n4 WHERE n4.candidate_id = "
			" c.id AND n4.text_sha256 IS NOT NULL) AND NOT EXISTS "
			" (SELECT 1 FROM notice n5 JOIN notice_text t5 ON "
			" t5.sha256 = n5.text_sha256 WHERE n5.candidate_id = "
			" c.id AND instr(',' || t5.kinds || ',', ',' || "
			" s4.kind || ',') > 0)) "
			"FROM candidate c JOIN vacancy v ON v.id = "
			"c.vacancy_id JOIN step s ON s.candidate_id = c.id "
			"JOIN run r ON r.id = s.run_id, org o WHERE (?1 = 0 "
			"OR v.id = ?1) GROUP BY c.id ORDER BY v.id, c.id",
			"i", (sqlite3_int64)vid);
	if (rc)
		return rc;
	vacs = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the searches",
				err)) == 1) {
		const char *searched = (const char *)
				       sqlite3_column_text(stmt, 4);
		const char *notice = (const char *)sqlite3_column_text(stmt, 5);
		const char *consent = (const char *)
				      sqlite3_column_text(stmt, 7);
		int required = sqlite3_column_int(stmt, 11);
		json_t *flags = json_array();

		if (sqlite3_column_int64(stmt, 0) != last) {
			last = sqlite3_column_int64(stmt, 0);
			list = json_array();
			cur = json_pack("{s:o s:o}", "vacancy",
					ds_json_col(stmt, 1), "candidates",
					list);
			json_array_append_new(vacs, cur);
		}
		if (!notice || (searched && strncmp(notice, searched, 10) > 0))
			json_array_append_new(flags, json_string(
				"searched without a notice given before"));
		if (required && (!consent ||
				 (searched && strncmp(consent, searched,
						      10) > 0)))
			json_array_append_new(flags, json_string(
				"searched without consent given before"));
		if (sqlite3_column_int64(stmt, 10))
			json_array_append_new(flags, json_string(
				"a step ran after consent was withdrawn"));
		if (sqlite3_column_type(stmt, 12) != SQLITE_NULL) {
			char why[200];

			snprintf(why, sizeof(why), "the notice given did not "
				 "describe a step that was run (%s): the plan "
				 "changed after it, or its text is not one "
				 "'notice draft' wrote",
				 (const char *)sqlite3_column_text(stmt, 12));
			json_array_append_new(flags, json_string(why));
		}
		problems += (json_int_t)json_array_size(flags);
		json_array_append_new(list, json_pack("{s:o s:o s:o s:o s:o "
			"s:o "
			"s:o s:b s:o}", "candidate", ds_json_col(stmt, 2),
			"status", ds_json_col(stmt, 3),
			"first_search", ds_json_col(stmt, 4),
			"notice", ds_json_col(stmt, 5),
			"notice_evidence", ds_json_col(stmt, 6),
			"consent", ds_json_col(stmt, 7),
			"withdrawn", ds_json_col(stmt, 8),
			"withdrawal_honoured",
			sqlite3_column_type(stmt, 8) != SQLITE_NULL &&
			!sqlite3_column_int64(stmt, 10),
			"flags", flags));
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(vacs);
		return rc;
	}
	*out = json_pack("{s:o s:I}", "vacancies", vacs, "problems",
			 problems);
	return *out ? 0 : ds_err_set(err, DS_ENOMEM, "out of memory");
}
