/*
 * audit.c: the append-only, hash-chained audit trail.
 *
 * Each row's hash is HMAC-SHA-256 under the organisation's audit key over
 * the previous row's hash and the row's own fields, each written as
 * "<length>:<bytes>;" so no two different rows can give the same input.
 * Triggers in the schema refuse UPDATE and DELETE; the chain catches what
 * gets past them (a trigger dropped, the file edited by hand), and a head
 * kept outside the database catches rows cut from the end.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "core.h"
#include "db.h"
#include "mem.h"
#include "text.h"

static const char zero_hash[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

struct audit_row {
	int64_t seq;
	const char *at;
	int64_t actor_id;        /* 0 for none */
	const char *role;
	const char *action;
	const char *object;
	int64_t object_id;
	int64_t vacancy_id;
	int64_t candidate_id;
	const char *detail;
	const char *prev;
};

/* Add one length-prefixed field to the MAC input. */
static int put_field(struct buf *b, const char *s)
{
	return buf_addf(b, "%zu:%s;", strlen(s), s);
}

static int put_int(struct buf *b, int64_t v)
{
	char num[32];

	if (v)
		snprintf(num, sizeof(num), "%" PRId64, v);
	else
		num[0] = '\0';
	return put_field(b, num);
}

/* The row's hash, as 64 hex digits. */
static int row_hash(const uint8_t *key, const struct audit_row *r,
		    char out[65])
{
	uint8_t mac[DS_SHA256_LEN];
	struct buf b;
	const void *part;
	size_t len;
	int rc;

	buf_init(&b, 1 << 16);
	rc = put_field(&b, r->prev);
	if (!rc)
		rc = put_int(&b, r->seq);
	if (!rc)
		rc = put_field(&b, r->at);
	if (!rc)
		rc = put_int(&b, r->actor_id);
	if (!rc)
		rc = put_field(&b, r->role);
	if (!rc)
		rc = put_field(&b, r->action);
	if (!rc)
		rc = put_field(&b, r->object);
	if (!rc)
		rc = put_int(&b, r->object_id);
	if (!rc)
		rc = put_int(&b, r->vacancy_id);
	if (!rc)
		rc = put_int(&b, r->candidate_id);
	if (!rc)
		rc = put_field(&b, r->detail);
	if (!rc) {
		part = b.ptr;
		len = b.len;
		ds_hmac(key, &part, &len, 1, mac);
		ds_hex(mac, sizeof(mac), out);
	}
	buf_release(&b);
	return rc;
}

int ds_audit_append(struct ds_ctx *ctx, const struct ds_audit_event *ev,
		    struct ds_err *err)
{
	struct audit_row r = { 0 };
	sqlite3_stmt *stmt;
	char prev[65], hash[65], now[21];
	int rc;

	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT seq, hash FROM audit "
			   "ORDER BY seq DESC LIMIT 1", "");
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the audit trail", err);
	if (rc == 1) {
		r.seq = sqlite3_column_int64(stmt, 0) + 1;
		snprintf(prev, sizeof(prev), "%s",
			 (const char *)sqlite3_column_text(stmt, 1));
		rc = 0;
	} else if (rc == 0) {
		r.seq = 1;
		snprintf(prev, sizeof(prev), "%s", zero_hash);
	}
	sqlite3_finalize(stmt);
	if (rc)
		return rc;
	ds_time_now(now);
	r.at = now;
	r.actor_id = ctx->actor_id;
	r.role = ctx->role_used;
	r.action = ev->action;
	r.object = ev->object;
	r.object_id = ev->object_id;
	r.vacancy_id = ev->vacancy_id;
	r.candidate_id = ev->candidate_id;
	r.detail = ev->detail ? ev->detail : "";
	r.prev = prev;
	rc = row_hash(ds_keystore_audit_key(ctx->ks), &r, hash);
	if (rc)
		return ds_err_set(err, rc, "cannot write the audit event");
	return ds_db_exec(ctx->db, err, "INSERT INTO audit (seq, at, actor_id, "
			  "role, action, object, object_id, vacancy_id, "
			  "candidate_id, detail, prev, hash) VALUES "
			  "(?, ?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), "
			  "NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?)",
			  "ititttiiittt", (sqlite3_int64)r.seq, r.at,
			  (sqlite3_int64)r.actor_id, r.role, r.action,
			  r.object, (sqlite3_int64)r.object_id,
			  (sqlite3_int64)r.vacancy_id,
			  (sqlite3_int64)r.candidate_id, r.detail, r.prev,
			  hash);
}

int ds_audit_commit(struct ds_ctx *ctx, int rc,
		    const struct ds_audit_event *ev, struct ds_err *err)
{
	if (!rc)
		rc = ds_audit_append(ctx, ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

/* Text of a column, "" for NULL. */
static const char *col_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);

	return s ? (const char *)s : "";
}

/* Parse a head "SEQ:HASH"; -1 when malformed. */
static int parse_head(const char *head, int64_t *seq, char hash[65])
{
	const char *colon = strchr(head, ':');
	uint8_t raw[DS_SHA256_LEN];
	char *end;
	long long v;

	if (!colon || colon == head)
		return -1;
	v = strtoll(head, &end, 10);
	if (end != colon || v < 1)
		return -1;
	if (strlen(colon + 1) != 64 || ds_unhex(colon + 1, raw, 32) != 0)
		return -1;
	*seq = v;
	ds_hex(raw, sizeof(raw), hash);
	return 0;
}

/* Record the first problem found. */
static void verdict_bad(struct ds_audit_verdict *v, int64_t seq,
			const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void verdict_bad(struct ds_audit_verdict *v, int64_t seq,
			const char *fmt, ...)
{
	va_list ap;

	if (!v->ok)
		return;
	v->ok = 0;
	v->bad_seq = seq;
	va_start(ap, fmt);
	vsnprintf(v->problem, sizeof(v->problem), fmt, ap);
	va_end(ap);
}

int ds_audit_verify(struct ds_ctx *ctx, const char *head,
		    struct ds_audit_verdict *v, struct ds_err *err)
{
	const uint8_t *key = ds_keystore_audit_key(ctx->ks);
	sqlite3_stmt *stmt;
	char prev[65], want[65], head_hash[65] = "";
	int64_t expect = 1, head_seq = 0;
	int rc, head_seen = 0;

	memset(v, 0, sizeof(*v));
	v->ok = 1;
	rc = ds_require(ctx, DS_ROLE_DPO | DS_ROLE_ADMIN, "verify the audit "
			"trail", err);
	if (rc)
		return rc;
	if (head && parse_head(head, &head_seq, head_hash) != 0)
		return ds_err_set(err, DS_EDATA, "bad head '%.80s': pass it as "
				  "printed by 'duesearch audit head', "
				  "SEQ:HASH", head);
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT seq, at, "
			   "IFNULL(actor_id, 0), role, action, object, "
			   "IFNULL(object_id, 0), IFNULL(vacancy_id, 0), "
			   "IFNULL(candidate_id, 0), detail, prev, hash "
			   "FROM audit ORDER BY seq", "");
	if (rc)
		return rc;
	snprintf(prev, sizeof(prev), "%s", zero_hash);
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the audit trail",
				err)) == 1) {
		struct audit_row r = {
			.seq = sqlite3_column_int64(stmt, 0),
			.at = col_text(stmt, 1),
			.actor_id = sqlite3_column_int64(stmt, 2),
			.role = col_text(stmt, 3),
			.action = col_text(stmt, 4),
			.object = col_text(stmt, 5),
			.object_id = sqlite3_column_int64(stmt, 6),
			.vacancy_id = sqlite3_column_int64(stmt, 7),
			.candidate_id = sqlite3_column_int64(stmt, 8),
			.detail = col_text(stmt, 9),
			.prev = col_text(stmt, 10),
		};
		const char *stored = col_text(stmt, 11);

		v->rows++;
		if (r.seq != expect)
			verdict_bad(v, expect, "row %" PRId64 " is missing: "
				"the "
				    "trail jumps to row %" PRId64 " (rows were "
				    "deleted)", expect, r.seq);
		else if (strcmp(r.prev, prev) != 0)
			verdict_bad(v, r.seq, "row %" PRId64 " does not link "
				"to "
				    "the row before it (rows were deleted, "
				    "inserted or reordered)", r.seq);
		if (row_hash(key, &r, want) != 0) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			break;
		}
		if (strcmp(want, stored) != 0)
			verdict_bad(v, r.seq, "row %" PRId64 " was changed "
				"after "
				    "it was written (its hash does not match "
				    "its contents)", r.seq);
		if (head && r.seq == head_seq) {
			head_seen = 1;
			if (strcmp(stored, head_hash) != 0)
				verdict_bad(v, r.seq, "row %" PRId64 " differs "
					    "from the head you kept (the trail "
					    "was rewritten)", r.seq);
		}
		snprintf(prev, sizeof(prev), "%s", stored);
		snprintf(v->head_hash, sizeof(v->head_hash), "%s", stored);
		expect = r.seq + 1;
	}
	sqlite3_finalize(stmt);
	if (rc < 0)
		return rc;
	if (v->rows == 0)
		verdict_bad(v, 1, "the trail is empty (every row was deleted)");
	if (head && !head_seen)
		verdict_bad(v, head_seq, "the trail ends at row %" PRId64
			    " but the head you kept is row %" PRId64
			    " (rows were cut from the end)", expect - 1,
			    head_seq);
	return 0;
}

int ds_audit_head(struct ds_ctx *ctx, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	char head[96];
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_DPO | DS_ROLE_ADMIN, "read the audit "
			"head", err);
	if (rc)
		return rc;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT seq, hash, at FROM "
			   "audit ORDER BY seq DESC LIMIT 1", "");
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the audit trail", err);
	if (rc == 1) {
		snprintf(head, sizeof(head), "%lld:%s",
			 (long long)sqlite3_column_int64(stmt, 0),
			 col_text(stmt, 1));
		*out = json_pack("{s:I s:s s:s s:s}", "seq",
				 (json_int_t)sqlite3_column_int64(stmt, 0),
				 "hash", col_text(stmt, 1), "at",
				 col_text(stmt, 2), "head", head);
		rc = *out ? 0 : ds_err_set(err, DS_ENOMEM, "out of memory");
	} else if (rc == 0) {
		rc = ds_err_set(err, DS_ESTATE, "the audit trail is empty: "
				"run 'duesearch audit verify'");
	}
	sqlite3_finalize(stmt);
	return rc;
}

int ds_audit_show(struct ds_ctx *ctx, const struct ds_audit_filter *f,
		  json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	int64_t vacancy_id = 0, actor_id = 0;
	json_t *list;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_DPO | DS_ROLE_ADMIN, "read the audit "
			"trail", err);
	if (rc)
		return rc;
	if (f->vacancy_ref) {
		rc = ds_vacancy_id(ctx, f->vacancy_ref, &vacancy_id, err);
		if (rc)
			return rc;
	}
	if (f->actor) {
		sqlite3_int64 id;

		rc = ds_db_int(ctx->db, &id, err, "SELECT id FROM actor WHERE "
			       "name = ?", "t", f->actor);
		if (rc == DS_ENOTFOUND)
			return ds_err_set(err, rc, "unknown actor '%.64s': see "
					  "'duesearch actor list'", f->actor);
		if (rc)
			return rc;
		actor_id = id;
	}
	if (f->since && ds_date_check("since date", f->since, NULL, err))
		return DS_EDATA;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT * FROM (SELECT a.seq, "
			   "a.at, IFNULL(r.name, ''), a.role, a.action, "
			   "a.object, a.object_id, a.vacancy_id, "
			   "a.candidate_id, a.detail, a.hash FROM audit a "
			   "LEFT JOIN actor r ON r.id = a.actor_id "
			   "WHERE (?1 = 0 OR a.candidate_id = ?1) "
			   "AND (?2 = 0 OR a.vacancy_id = ?2) "
			   "AND (?3 = 0 OR a.actor_id = ?3) "
			   "AND (?4 IS NULL OR a.action = ?4 OR "
			   "substr(a.action, 1, length(?4) + 1) = ?4 || '.') "
			   "AND (?5 IS NULL OR a.at >= ?5) "
			   "ORDER BY a.seq DESC LIMIT ?6) ORDER BY seq",
			   "iiitti", (sqlite3_int64)f->candidate_id,
			   (sqlite3_int64)vacancy_id, (sqlite3_int64)actor_id,
			   f->action, f->since,
			   (sqlite3_int64)(f->limit > 0 ? f->limit : -1));
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the audit trail",
				err)) == 1) {
		json_t *row = json_pack("{s:o s:o s:o s:o s:o s:o s:o s:o s:o "
					"s:o s:o}",
					"seq", ds_json_col(stmt, 0),
					"at", ds_json_col(stmt, 1),
					"actor", ds_json_col(stmt, 2),
					"role", ds_json_col(stmt, 3),
					"action", ds_json_col(stmt, 4),
					"object", ds_json_col(stmt, 5),
					"object_id", ds_json_col(stmt, 6),
					"vacancy_id", ds_json_col(stmt, 7),
					"candidate_id", ds_json_col(stmt, 8),
					"detail", ds_json_col(stmt, 9),
					"hash", ds_json_col(stmt, 10));

		if (!row || json_array_append_new(list, row) != 0) {
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
