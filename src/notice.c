/*
 * notice.c: the notice each candidate was given that online searches may
 * be done, and their consent (with its withdrawal).  Evidence files are
 * hashed and measured, never stored.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "db.h"
#include "text.h"

const char *const ds_notice_channels[] = {
	"email", "letter", "application-form", "portal", "in-person", NULL
};

const char *const ds_consent_scopes[] = {
	"online-search", "online-search-and-handles", NULL
};

/* Hash an evidence file into hex (or leave hex empty with no file). */
static int evidence_hash(const char *path, char hex[65], sqlite3_int64 *size,
			 struct ds_err *err)
{
	uint8_t sum[DS_SHA256_LEN];
	uint64_t n = 0;
	int rc;

	hex[0] = '\0';
	*size = 0;
	if (!path)
		return 0;
	rc = ds_sha256_file(path, sum, &n, err);
	if (rc)
		return rc;
	ds_hex(sum, sizeof(sum), hex);
	*size = (sqlite3_int64)n;
	return 0;
}

/* Insert a notice or consent row with its audit event. */
static int record(struct ds_ctx *ctx, const char *what, const char *sql,
		  int64_t candidate_id, const char *given_on,
		  const char *kind, const char *hex, sqlite3_int64 size,
		  const char *text_hex, int64_t *id, struct ds_err *err)
{
	struct ds_audit_event ev = { .object = what };
	char action[32], detail[128], now[21];
	int64_t vid = 0;
	int rc;

	rc = ds_candidate_vacancy(ctx, candidate_id, &vid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, sql, text_hex ? "itttitt" : "itttit",
			(sqlite3_int64)candidate_id, given_on, kind,
			hex[0] ? hex : NULL, size, now, text_hex);
	snprintf(action, sizeof(action), "%s.add", what);
	snprintf(detail, sizeof(detail), "on=%s kind=%s evidence=%s%s%s",
		 given_on, kind, hex[0] ? hex : "none",
		 text_hex ? " text=" : "", text_hex ? text_hex : "");
	ev.action = action;
	ev.object_id = sqlite3_last_insert_rowid(ctx->db);
	ev.candidate_id = candidate_id;
	ev.vacancy_id = vid;
	ev.detail = detail;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (rc) {
		ds_db_rollback(ctx->db);
		return rc;
	}
	rc = ds_db_commit(ctx->db, err);
	if (!rc && id)
		*id = ev.object_id;
	return rc;
}

int ds_notice_add(struct ds_ctx *ctx, int64_t candidate_id,
		  const char *given_on, const char *channel,
		  const char *evidence, int64_t *id, struct ds_err *err)
{
	return ds_notice_add_text(ctx, candidate_id, given_on, channel,
				  evidence, NULL, id, err);
}

/* A text's hash: 64 hex digits, kept in lower case. */
static int text_hash_check(const char *s, char out[65], struct ds_err *err)
{
	size_t i;

	for (i = 0; i < 64 && s[i]; i++) {
		if (!isxdigit((unsigned char)s[i]))
			break;
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[i] = '\0';
	if (i == 64 && !s[i])
		return 0;
	return ds_err_set(err, DS_EDATA, "bad notice text hash '%.80s': give "
			  "the SHA-256 of the text sent, 64 hex digits (as "
			  "'duesearch notice draft' prints it)", s);
}

int ds_notice_add_text(struct ds_ctx *ctx, int64_t candidate_id,
		       const char *given_on, const char *channel,
		       const char *evidence, const char *text_sha256,
		       int64_t *id, struct ds_err *err)
{
	sqlite3_int64 size;
	char hex[65], text_hex[65];
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "record a notice", err);
	if (!rc && text_sha256)
		rc = text_hash_check(text_sha256, text_hex, err);
	if (!rc)
		rc = ds_date_check("notice date", given_on ? given_on : "",
				   NULL, err);
	if (!rc) {
		char today[11];

		/* A notice is recorded once given: never dated ahead. */
		ds_date_today_uk(today);
		if (strcmp(given_on, today) > 0)
			rc = ds_err_set(err, DS_EDATA, "notice date %s is in "
					"the future: record a notice once it "
					"has been given (today is %s)",
					given_on, today);
	}
	if (!rc && ds_enum_parse("notice channel", channel ? channel : "",
				 ds_notice_channels, err) < 0)
		rc = DS_EDATA;
	if (!rc)
		rc = evidence_hash(evidence, hex, &size, err);
	if (rc)
		return rc;
	if (text_sha256)
		return record(ctx, "notice", "INSERT INTO notice "
			      "(candidate_id, given_on, channel, "
			      "evidence_sha256, evidence_size, created, "
			      "text_sha256) VALUES (?, ?, ?, ?, NULLIF(?, "
			      "0), ?, ?)", candidate_id, given_on, channel,
			      hex, size, text_hex, id, err);
	return record(ctx, "notice", "INSERT INTO notice (candidate_id, "
		      "given_on, channel, evidence_sha256, evidence_size, "
		      "created) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?)",
		      candidate_id, given_on, channel, hex, size, NULL, id,
		      err);
}

int ds_consent_add(struct ds_ctx *ctx, int64_t candidate_id,
		   const char *given_on, const char *scope,
		   const char *evidence, int64_t *id, struct ds_err *err)
{
	sqlite3_int64 size;
	char hex[65];
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "record consent", err);
	if (!rc)
		rc = ds_date_check("consent date", given_on ? given_on : "",
				   NULL, err);
	if (!rc) {
		char today[11];

		ds_date_today_uk(today);
		if (strcmp(given_on, today) > 0)
			rc = ds_err_set(err, DS_EDATA, "consent date %s is in "
					"the future: record consent once it "
					"has been given (today is %s)",
					given_on, today);
	}
	if (!rc && ds_enum_parse("consent scope", scope ? scope : "",
				 ds_consent_scopes, err) < 0)
		rc = DS_EDATA;
	if (!rc)
		rc = evidence_hash(evidence, hex, &size, err);
	if (rc)
		return rc;
	return record(ctx, "consent", "INSERT INTO consent (candidate_id, "
		      "given_on, scope, evidence_sha256, evidence_size, "
		      "created) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?)",
		      candidate_id, given_on, scope, hex, size, NULL, id,
		      err);
}

int ds_consent_withdraw(struct ds_ctx *ctx, int64_t candidate_id,
			const char *withdrawn_on, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "consent.withdraw",
				     .object = "consent" };
	char now[21], detail[64];
	int64_t vid = 0;
	int rc, n;

	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DPO, "withdraw "
			"consent", err);
	if (!rc)
		rc = ds_date_check("withdrawal date", withdrawn_on ?
				   withdrawn_on : "", NULL, err);
	if (!rc)
		rc = ds_candidate_vacancy(ctx, candidate_id, &vid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "UPDATE consent SET withdrawn_on = ?, "
			"withdrawn_at = ? WHERE candidate_id = ? AND "
			"withdrawn_on IS NULL", "tti", withdrawn_on, now,
			(sqlite3_int64)candidate_id);
	n = rc ? 0 : sqlite3_changes(ctx->db);
	if (!rc && n == 0)
		rc = ds_err_set(err, DS_ESTATE, "candidate %lld has no consent "
				"in force to withdraw: see 'duesearch "
					"candidate "
				"show %lld'", (long long)candidate_id,
				(long long)candidate_id);
	snprintf(detail, sizeof(detail), "on=%s consents=%d", withdrawn_on, n);
	ev.object_id = candidate_id;
	ev.candidate_id = candidate_id;
	ev.vacancy_id = vid;
	ev.detail = detail;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}
