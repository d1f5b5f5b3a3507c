/*
 * sar.c: subject access for the DPO (see sar.h).
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "connector.h"
#include "core.h"
#include "db.h"
#include "mem.h"
#include "pdf.h"
#include "report.h"
#include "sar.h"
#include "template.h"
#include "text.h"
#include "triage.h"

#define SAR_JSON "subject-access.json"
#define SAR_HTML "subject-access.html"
#define SAR_ARCHIVE "archived-report.html"
#define SAR_PDF "subject-access.pdf"

/*
 * One column of a section: its JSON member and, for a sealed column, its
 * label and row (1-based): the field is bound to the row whose id is
 * that column (ds_field_row; it may come after the section's last
 * member).  With by (1-based), the label is "<label>.<text of column by>"
 * ("anchor.legal-name").
 */
struct col {
	const char *key;
	const char *label;
	int by;
	int row;
};

/* A sealed column opened into *out (null when the column is NULL). */
static int open_col(struct ds_ctx *ctx, int64_t cid, const struct col *c,
		    sqlite3_stmt *stmt, int i, json_t **out,
		    struct ds_err *err)
{
	const char *by = NULL;
	char label[96], *plain = NULL;
	int rc;

	*out = NULL;
	if (sqlite3_column_type(stmt, i) == SQLITE_NULL) {
		*out = json_null();
		return 0;
	}
	if (c->by)
		by = (const char *)sqlite3_column_text(stmt, c->by - 1);
	snprintf(label, sizeof(label), "%s%s%s", c->label, by ? "." : "",
		 by ? by : "");
	assert(c->row > 0);
	rc = ds_field_unseal_row(ctx, cid, label,
				 sqlite3_column_int64(stmt, c->row - 1),
				 sqlite3_column_blob(stmt, i),
				 (size_t)sqlite3_column_bytes(stmt, i),
				 &plain, err);
	/* A blob sealed for another row: that error says so. */
	if (rc == DS_ECRYPTO)
		return rc;
	if (rc)
		return ds_err_set(err, rc, "cannot open candidate %lld's "
				  "sealed %s: check that the key file belongs "
				  "to this case file", (long long)cid, label);
	*out = json_string(plain);
	ds_free(plain);
	return *out ? 0 : ds_err_set(err, DS_ENOMEM, "out of memory");
}

/*
 * Run sql (its parameter ?1 is the candidate) and add one object per row,
 * its members named by cols (one per column, NULL-key-terminated).
 */
static int section(struct ds_ctx *ctx, int64_t cid, const char *sql,
		   const struct col *cols, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list = json_array(), *row = NULL, *v;
	int rc, i;

	*out = NULL;
	if (!list)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	rc = ds_db_prepare(ctx->db, &stmt, err, sql, "i", (sqlite3_int64)cid);
	if (rc)
		goto out;
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the case file",
				err)) == 1) {
		row = json_object();
		if (!row || json_array_append_new(list, row)) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			break;
		}
		for (i = 0; cols[i].key && rc >= 0; i++) {
			if (cols[i].label)
				rc = open_col(ctx, cid, &cols[i], stmt, i, &v,
					      err);
			else
				v = ds_json_col(stmt, i);
			if (rc >= 0 && json_object_set_new(row, cols[i].key, v))
				rc = ds_err_set(err, DS_ENOMEM, "out of "
						"memory");
		}
		if (rc < 0)
			break;
	}
	sqlite3_finalize(stmt);
	if (rc >= 0) {
		*out = list;
		list = NULL;
		rc = 0;
	}
out:
	json_decref(list);
	return rc;
}

/* What each section reads: its member, its query and its columns. */
#define COL(k) { k, NULL, 0, 0 }
#define ROW(k, l, row) { k, l, 0, row }
#define BY_ROW(k, l, by, row) { k, l, by, row }
#define END { NULL, NULL, 0, 0 }
static const struct col anchor_cols[] = {
	COL("kind"), BY_ROW("value", "anchor", 1, 4), COL("created"), END
};
static const struct col claim_cols[] = {
	COL("kind"), BY_ROW("claim", "claim", 1, 4), COL("created"), END
};
static const struct col handle_cols[] = {
	COL("platform"), BY_ROW("handle", "handle", 1, 4), COL("created"),
	END
};
static const struct col notice_cols[] = {
	COL("given_on"), COL("channel"), COL("evidence_sha256"),
	COL("evidence_size"), COL("created"), END
};
static const struct col consent_cols[] = {
	COL("given_on"), COL("scope"), COL("evidence_sha256"),
	COL("evidence_size"), COL("withdrawn_on"), COL("withdrawn_at"),
	COL("created"), END
};
static const struct col search_cols[] = {
	COL("run"), COL("searcher"), COL("started"), COL("finished"),
	COL("plan_version"), COL("plan_sha256"), COL("on_panel"),
	COL("panel_declared"), END
};
static const struct col step_cols[] = {
	COL("step"), COL("run"), COL("plan_step"), COL("kind"),
	COL("connector"), COL("platform"), ROW("query", "step.query", 1),
	ROW("target", "step.target", 1),
	COL("outcome"), COL("detail"), COL("started"), COL("finished"),
	COL("results"), COL("not_candidate"), COL("not_relevant"),
	COL("protected_dropped"), COL("findings"), END
};
static const struct col hit_cols[] = {
	COL("step"), ROW("url", "hit.url", 7), ROW("title", "hit.title", 7),
	ROW("snippet", "hit.snippet", 7), COL("published"), COL("source"), END
};
static const struct col evidence_cols[] = {
	COL("id"), COL("step"), ROW("url", "evidence.url", 1),
	ROW("final_url", "evidence.final_url", 1),
	ROW("title", "evidence.title", 1),
	COL("http_status"), COL("outcome"), COL("retrieved"), COL("sha256"),
	COL("size"), COL("published"), COL("withheld"), END
};
static const struct col finding_cols[] = {
	COL("id"), COL("status"), COL("identity"), COL("anchors"),
	COL("categories"), COL("severity"), COL("special_care"),
	COL("criminal"),
	ROW("url", "finding.url", 1), ROW("title", "finding.title", 1),
	ROW("excerpt", "finding.excerpt", 1), COL("evidence_sha256"),
	COL("published"), COL("retrieved"), COL("created"),
	ROW("explanation", "finding.explain", 1), COL("own_words"), END
};
static const struct col review_cols[] = {
	COL("finding"), COL("decision"), COL("reviewer"),
	COL("identity_confirmed"), ROW("reason", "review.reason", 7),
	COL("created"), END
};
static const struct col response_cols[] = {
	COL("finding"), COL("outcome"), ROW("text", "response.text", 6),
	COL("recorded_by"), COL("created"), END
};
static const struct col report_cols[] = {
	COL("id"), COL("about"), COL("kind"), COL("format"),
	COL("content_sha256"), COL("file_sha256"), COL("generated_by"),
	COL("created"), END
};
static const struct col request_cols[] = {
	COL("id"), COL("received"), COL("due"), COL("extended"),
	COL("completed"), COL("created"), END
};
static const struct col hold_cols[] = {
	COL("id"), COL("on"), COL("reason"), COL("placed"), COL("released"),
	END
};
static const struct col archive_cols[] = {
	COL("archived"), COL("keep_until"), COL("report_sha256"),
	ROW("scr_line", "archive.scr", 5), END
};
static const struct col audit_cols[] = {
	COL("seq"), COL("at"), COL("actor"), COL("role"), COL("action"),
	COL("object"), COL("object_id"), COL("detail"), END
};

/* A finding's own decided not to be the candidate: nothing to read. */
#define NOT_THEIRS "NOT EXISTS (SELECT 1 FROM finding f2 WHERE " \
	"f2.candidate_id = e.candidate_id AND f2.evidence_sha256 = e.sha256 " \
	"AND f2.status != 'not-candidate') AND EXISTS (SELECT 1 FROM " \
	"finding f3 WHERE f3.candidate_id = e.candidate_id AND " \
	"f3.evidence_sha256 = e.sha256 AND f3.status = 'not-candidate')"

static const struct {
	const char *key;
	const char *sql;
	const struct col *cols;
} sections[] = {
	{ "anchors", "SELECT kind, value_sealed, created, id FROM anchor WHERE "
	  "candidate_id = ?1 ORDER BY id", anchor_cols },
	{ "claims", "SELECT kind, claim_sealed, created, id FROM claim WHERE "
	  "candidate_id = ?1 ORDER BY id", claim_cols },
	{ "handles", "SELECT platform, handle_sealed, created, id FROM handle "
	  "WHERE candidate_id = ?1 ORDER BY id", handle_cols },
	{ "notices", "SELECT given_on, channel, evidence_sha256, "
	  "evidence_size, created FROM notice WHERE candidate_id = ?1 ORDER "
	  "BY id", notice_cols },
	{ "consents", "SELECT given_on, scope, evidence_sha256, "
	  "evidence_size, withdrawn_on, withdrawn_at, created FROM consent "
	  "WHERE candidate_id = ?1 ORDER BY id", consent_cols },
	{ "searches", "SELECT DISTINCT r.id, IFNULL(a.display_name, a.name), "
	  "r.started, r.finished, "
	  "p.version, p.sha256, pa.on_panel, pa.declared FROM step s JOIN run "
	  "r ON r.id = s.run_id JOIN actor a ON a.id = r.searcher_id JOIN "
	  "plan p ON p.id = r.plan_id LEFT JOIN panel pa ON pa.vacancy_id = "
	  "r.vacancy_id AND pa.actor_id = r.searcher_id WHERE s.candidate_id "
	  "= ?1 ORDER BY r.id", search_cols },
	{ "steps", "SELECT id, run_id, plan_step + 1, kind, connector, "
	  "platform, query_sealed, target_sealed, IFNULL(outcome, 'pending'), "
	  "detail, started, finished, results, not_candidate, not_relevant, "
	  "protected_dropped, findings FROM step WHERE candidate_id = ?1 "
	  "ORDER BY run_id, plan_step, seq", step_cols },
	{ "hits", "SELECT step_id, url_sealed, title_sealed, snippet_sealed, "
	  "published, source, id FROM hit WHERE candidate_id = ?1 ORDER BY id",
	  hit_cols },
	{ "evidence", "SELECT e.id, e.step_id, CASE WHEN " NOT_THEIRS " THEN "
	  "NULL ELSE e.url_sealed END, CASE WHEN " NOT_THEIRS " THEN NULL "
	  "ELSE e.final_url_sealed END, CASE WHEN " NOT_THEIRS " THEN NULL "
	  "ELSE e.title_sealed END, e.http_status, e.outcome, e.retrieved, "
	  "e.sha256, e.size, e.published, " NOT_THEIRS " FROM evidence e "
	  "WHERE e.candidate_id = ?1 ORDER BY e.id", evidence_cols },
	{ "findings", "SELECT id, status, identity, anchors, categories, "
	  "severity, special_care, criminal, url_sealed, title_sealed, "
	  "excerpt_sealed, evidence_sha256, published, retrieved, created, "
	  "explain_sealed, own_words FROM finding WHERE candidate_id = ?1 "
	  "AND status != 'not-candidate' ORDER BY id", finding_cols },
	{ "reviews", "SELECT r.finding_id, r.decision, IFNULL(a.display_name, "
	  "a.name), "
	  "r.identity_confirmed, r.reason_sealed, r.created, r.id FROM "
	  "review r "
	  "JOIN finding f ON f.id = r.finding_id LEFT JOIN actor a ON a.id = "
	  "r.reviewer_id WHERE r.candidate_id = ?1 AND f.status != "
	  "'not-candidate' ORDER BY r.id", review_cols },
	{ "responses", "SELECT r.finding_id, r.outcome, r.text_sealed, "
	  "IFNULL(a.display_name, a.name), r.created, r.id FROM response r "
	  "JOIN "
	  "finding f ON f.id = "
	  "r.finding_id LEFT JOIN actor a ON a.id = r.recorded_by WHERE "
	  "r.candidate_id = ?1 AND f.status != 'not-candidate' ORDER BY r.id",
	  response_cols },
	{ "reports", "SELECT r.id, CASE WHEN r.candidate_id IS NULL THEN "
	  "'every shortlisted candidate of the vacancy, side by side' ELSE "
	  "'you' END, r.kind, r.format, r.content_sha256, r.file_sha256, "
	  "IFNULL(a.display_name, a.name), r.created FROM report r LEFT JOIN "
	  "actor a ON a.id = "
	  "r.actor_id WHERE r.candidate_id = ?1 OR (r.candidate_id IS NULL "
	  "AND r.vacancy_id = (SELECT vacancy_id FROM candidate WHERE id = "
	  "?1)) ORDER BY r.id", report_cols },
	{ "requests", "SELECT id, received, due, extended, completed, created "
	  "FROM sar_request WHERE candidate_id = ?1 ORDER BY id",
	  request_cols },
	/* A vacancy's hold may be for another's claim: no reason shown. */
	{ "holds", "SELECT id, CASE WHEN candidate_id IS NULL THEN 'the "
	  "vacancy' ELSE 'you' END, CASE WHEN candidate_id IS NULL THEN NULL "
	  "ELSE reason END, placed, released FROM hold WHERE candidate_id = "
	  "?1 OR vacancy_id = (SELECT vacancy_id FROM candidate WHERE id = "
	  "?1) ORDER BY id", hold_cols },
	{ "archive", "SELECT archived, keep_until, report_sha256, scr_sealed, "
	  "candidate_id FROM archive WHERE candidate_id = ?1", archive_cols },
	{ "audit", "SELECT a.seq, a.at, IFNULL(r.display_name, IFNULL(r.name, "
	  "'')), a.role, "
	  "a.action, a.object, a.object_id, a.detail FROM audit a LEFT JOIN "
	  "actor r ON r.id = a.actor_id WHERE a.candidate_id = ?1 ORDER BY "
	  "a.seq", audit_cols },
};

/* Attach each review and response to its finding; drop the lists. */
static int attach(json_t *r)
{
	static const char *const parts[] = { "reviews", "responses" };
	json_t *f, *x, *list;
	size_t i, j, k;

	json_array_foreach(json_object_get(r, "findings"), i, f) {
		json_int_t id = json_integer_value(json_object_get(f, "id"));

		for (k = 0; k < 2; k++) {
			list = json_array();
			if (!list || json_object_set_new(f, parts[k], list))
				return DS_ENOMEM;
			json_array_foreach(json_object_get(r, parts[k]), j, x)
				if (json_integer_value(json_object_get(x,
						"finding")) == id &&
				    json_array_append(list, x))
					return DS_ENOMEM;
		}
	}
	for (k = 0; k < 2; k++)
		json_object_del(r, parts[k]);
	return 0;
}

/*
 * Each claim's sealed JSON opened into its fields, and a one-line
 * summary of them for reading ("Oak School, Teacher, 2019-09 to current").
 */
static int claim_fields(json_t *r)
{
	static const char *const keys[] = {
		"organisation", "role", "title", "institution", "year",
		"location", "text", NULL
	};
	json_t *c, *f;
	char line[1200];
	size_t i, k, n;

	json_array_foreach(json_object_get(r, "claims"), i, c) {
		const char *from, *to;

		f = json_loads(json_string_value(json_object_get(c, "claim")),
			       0, NULL);
		if (!json_is_object(f) || json_object_update(c, f)) {
			json_decref(f);
			return DS_EDATA;
		}
		json_decref(f);
		json_object_del(c, "claim");
		line[0] = '\0';
		n = 0;
		for (k = 0; keys[k] && n < sizeof(line); k++) {
			const char *v = json_string_value(json_object_get(c,
								keys[k]));

			if (v)
				n += (size_t)snprintf(line + n,
					sizeof(line) - n, "%s%s",
					n ? ", " : "", v);
		}
		from = json_string_value(json_object_get(c, "from"));
		to = json_string_value(json_object_get(c, "to"));
		if ((from || to) && n < sizeof(line))
			snprintf(line + n, sizeof(line) - n, "%s%s to %s",
				 n ? ", " : "", from ? from : "?",
				 to ? to : "?");
		if (json_object_set_new(c, "summary", json_string(line)))
			return DS_EDATA;
	}
	return 0;
}

/* Each step's recipient (the connector's provider and where it is). */
static int recipients(json_t *r)
{
	json_t *s;
	size_t i;

	json_array_foreach(json_object_get(r, "steps"), i, s) {
		const struct ds_connector *c = ds_connector_find(
			json_string_value(json_object_get(s, "connector")));

		if (json_object_set_new(s, "provider", json_string(c ?
					c->provider : "unknown")) ||
		    json_object_set_new(s, "location", json_string(c ?
					c->location : "unknown")) ||
		    json_object_set_new(s, "data_sent", json_string(c ?
					c->data_sent : "unknown")))
			return DS_ENOMEM;
	}
	return 0;
}

/* A date as a letter gives it ("20 Nov 2026"); as stored if not one. */
static const char *long_date(const char *iso, char *out, size_t size)
{
	if (!iso || ds_time_uk(iso, out, size))
		return iso ? iso : "";
	return out;
}

/* The retention of this candidate's data, in words and as a date. */
static json_t *retention(const struct ds_conf *conf, json_t *r)
{
	int months = conf ? conf->retention_months : 6;
	int keep = conf ? conf->appointee_months : 72;
	const char *decided = json_string_value(json_object_get(
		json_object_get(r, "vacancy"), "decided"));
	const char *status = json_string_value(json_object_get(
		json_object_get(r, "candidate"), "status"));
	json_t *h, *archive = json_array_get(json_object_get(r, "archive"), 0);
	int held = 0, appointee = status && strcmp(status, "appointed") == 0;
	char until[11] = "", kept[11] = "", text[400];
	char d1[24], d2[24], d3[24], archived[11] = "";
	size_t i;

	json_array_foreach(json_object_get(r, "holds"), i, h)
		held |= json_is_null(json_object_get(h, "released"));
	if (decided && ds_date_check(NULL, decided, NULL, NULL) == 0) {
		ds_date_add_months(decided, months, until);
		ds_date_add_months(decided, keep, kept);
	}
	if (archive) {
		const char *at = json_string_value(
			json_object_get(archive, "archived"));

		if (at && strlen(at) >= 10) {
			memcpy(archived, at, 10);
			archived[10] = '\0';
		}
	}
	if (archive)
		snprintf(text, sizeof(text), "Your record was reduced to the "
			 "single-central-record line and the final report on "
			 "%s; they are kept until %s, then deleted.",
			 long_date(archived, d1, sizeof(d1)),
			 long_date(json_string_value(json_object_get(archive,
				   "keep_until")), d2, sizeof(d2)));
	else if (!until[0])
		snprintf(text, sizeof(text), "Your personal data in this "
			 "record is deleted %d months after the vacancy's "
			 "decision, which is not yet recorded: the date is set "
			 "when the decision is recorded.", months);
	else if (appointee)
		snprintf(text, sizeof(text), "The decision was recorded on %s. "
			 "On %s this record is reduced to the "
			 "single-central-record line and the final report, "
			 "which are kept until %s; everything else is deleted "
			 "then.", long_date(decided, d1, sizeof(d1)),
			 long_date(until, d2, sizeof(d2)),
			 long_date(kept, d3, sizeof(d3)));
	else
		snprintf(text, sizeof(text), "The decision was recorded on %s: "
			 "your personal data in this record is deleted on or "
			 "after %s (%d months later).",
			 long_date(decided, d1, sizeof(d1)),
			 long_date(until, d2, sizeof(d2)), months);
	if (held)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 " A legal hold is in force: deletion waits until it "
			 "is released.");
	return json_pack("{s:s s:s? s:i s:b}", "text", text, "until",
			 until[0] ? until : NULL, "months", months, "on_hold",
			 held);
}

/* What Article 15(1) asks besides the data itself. */
static json_t *information(json_t *org)
{
	const char *basis = json_string_value(json_object_get(org,
							"lawful_basis"));
	int pt = basis && strcmp(basis, "public-task") == 0;

	return json_pack("{s:s s:s s:s s:s s:s s:s s:s s:s}",
		"controller", json_string_value(json_object_get(org, "name")),
		"purposes", "Pre-employment safeguarding checks: Keeping "
		"Children Safe in Education asks schools to consider an online "
		"search of shortlisted candidates, to find incidents or issues "
		"that are publicly available online and that the school may "
		"want to explore with you at interview.",
		"lawful_basis", pt ? "Public task, UK GDPR Article 6(1)(e): "
		"the school's safeguarding duties." : "Legitimate interests, "
		"UK GDPR Article 6(1)(f): keeping children safe.",
		"categories", "Identity details from your application (names, "
		"town or area, employers and schools), the handles you "
		"declared, the notice and consent records, what was searched "
		"and with what outcome, and items of public online content "
		"found about you that touch the safeguarding taxonomy; "
		"criminal-offence data where such an item reports it.",
		"sources", "Your application and what you declared, and public "
		"websites and search services, as listed step by step below.",
		"recipients", "The searcher, the designated safeguarding lead, "
		"the data protection officer and, for findings the designated "
		"safeguarding lead confirmed, the interview panel. Each search "
		"step names the service that received its terms and where it "
		"is.",
		"automated_decisions", "None. The software scores whether a "
		"result is about you and whether it touches the taxonomy, to "
		"help the people who decide; the designated safeguarding lead "
		"decides on every item, and a search result never decides an "
		"appointment on its own.",
		"rights", "You may ask for inaccurate data to be corrected, "
		"and for your data to be erased or its use restricted; you may "
		"object to this processing. You may complain to the "
		"Information Commissioner's Office (ico.org.uk, telephone 0303 "
		"123 1113).");
}

/* The export's JSON, read inside the caller's transaction if any. */
static int build(struct ds_ctx *ctx, const struct ds_conf *conf,
		 int64_t cid, json_t **out, struct ds_err *err)
{
	json_t *r = NULL, *org = NULL, *part, *a;
	sqlite3_stmt *stmt = NULL;
	sqlite3_int64 n_not;
	size_t i;
	int rc;

	*out = NULL;
	rc = ds_candidate_vacancy(ctx, cid, NULL, err);
	if (!rc)
		rc = ds_org_show(ctx, &org, err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT c.id, "
				   "c.status, c.created, c.updated, c.closed, "
				   "v.ref, v.post, v.school, v.interview_date, "
				   "v.decided FROM candidate c JOIN vacancy v "
				   "ON v.id = c.vacancy_id WHERE c.id = ?", "i",
				   (sqlite3_int64)cid);
	if (!rc)
		rc = ds_db_step(ctx->db, stmt, "cannot read the candidate",
				err);
	if (rc < 0)
		goto out;
	if (rc == 0) {
		rc = ds_err_set(err, DS_ENOTFOUND, "unknown candidate %lld: "
				"see 'duesearch candidate list'",
				(long long)cid);
		goto out;
	}
	r = json_pack("{s:s s:i s:{s:O s:O s:O} s:{s:o s:o s:o s:o s:o} "
		      "s:{s:o s:o s:o s:o s:o}}", "kind", "subject-access",
		      "format_version", 1,
		      "organisation", "name", json_object_get(org, "name"),
		      "lawful_basis", json_object_get(org, "lawful_basis"),
		      "scope", json_object_get(org, "scope"),
		      "candidate", "id", ds_json_col(stmt, 0),
		      "status", ds_json_col(stmt, 1),
		      "created", ds_json_col(stmt, 2),
		      "updated", ds_json_col(stmt, 3),
		      "closed", ds_json_col(stmt, 4),
		      "vacancy", "ref", ds_json_col(stmt, 5),
		      "post", ds_json_col(stmt, 6),
		      "school", ds_json_col(stmt, 7),
		      "interview_date", ds_json_col(stmt, 8),
		      "decided", ds_json_col(stmt, 9));
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (!r) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		rc = section(ctx, cid, sections[i].sql, sections[i].cols,
			     &part, err);
		if (rc)
			goto out;
		if (json_object_set_new(r, sections[i].key, part)) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			goto out;
		}
	}
	rc = ds_db_int(ctx->db, &n_not, err, "SELECT count(*) FROM finding "
		       "WHERE candidate_id = ? AND status = 'not-candidate'",
		       "i", (sqlite3_int64)cid);
	if (rc)
		goto out;
	json_object_set_new(r, "findings_not_candidate", json_integer(n_not));
	json_object_set_new(r, "legal_name", json_null());
	json_array_foreach(json_object_get(r, "anchors"), i, a)
		if (strcmp(json_string_value(json_object_get(a, "kind")),
			   "legal-name") == 0) {
			json_object_set(r, "legal_name", json_object_get(a,
								"value"));
			break;
		}
	if (claim_fields(r)) {
		rc = ds_err_set(err, DS_EDATA, "a claim of candidate %lld is "
				"damaged: restore a backup", (long long)cid);
		goto out;
	}
	if (attach(r) || recipients(r)) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	json_object_set_new(r, "retention", retention(conf, r));
	json_object_set_new(r, "information", information(org));
	{
		char shown[128];

		ds_actor_display(ctx, ctx->actor_name, shown, sizeof(shown));
		json_object_set_new(r, "generated_by", json_string(shown));
	}
	if (!json_object_get(r, "retention") ||
	    !json_object_get(r, "information")) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	rc = ds_json_stamp(r, err);
	if (rc)
		goto out;
	*out = r;
	r = NULL;
out:
	sqlite3_finalize(stmt);
	json_decref(r);
	json_decref(org);
	return rc;
}

int ds_sar_json(struct ds_ctx *ctx, const struct ds_conf *conf,
		int64_t candidate_id, json_t **out, struct ds_err *err)
{
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_DPO, "answer a subject access request",
			err);
	if (!rc)
		rc = build(ctx, conf, candidate_id, out, err);
	return rc;
}

/*
 * Make or check the export folder and open it: created with mode 0700
 * when missing, otherwise it must be an empty folder (it is then set to
 * 0700).  *made says whether it was created here.
 */
static int open_dir(const char *dir, int *dfd, int *made, struct ds_err *err)
{
	struct dirent *de;
	DIR *d;
	int fd, n = 0;

	*dfd = -1;
	*made = 0;
	if (!dir || !*dir)
		return ds_err_set(err, DS_EUSAGE, "name the folder to write "
				  "the export into: -o DIR");
	if (mkdir(dir, 0700) == 0)
		*made = 1;
	else if (errno != EEXIST)
		return ds_err_set(err, DS_EIO, "cannot create '%s': %s: check "
				  "the path", dir, strerror(errno));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ds_err_set(err, errno == ENOTDIR || errno == ELOOP ?
				  DS_EEXIST : DS_EIO, "'%s' is not a folder "
				  "this export may use: name a new folder",
				  dir);
	d = fdopendir(dup(fd));
	if (!d) {
		close(fd);
		return ds_err_set(err, DS_EIO, "cannot read '%s': check the "
				  "folder", dir);
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	if (n) {
		close(fd);
		return ds_err_set(err, DS_EEXIST, "'%s' is not empty: name a "
				  "new or empty folder for the export", dir);
	}
	if (fchmod(fd, 0700) != 0) {
		close(fd);
		return ds_err_set(err, DS_EIO, "cannot make '%s' private: %s",
				  dir, strerror(errno));
	}
	*dfd = fd;
	return 0;
}

/* Write one file of the export, mode 0600, never over another. */
static int write_file(int dfd, const char *dir, const char *name,
		      const char *data, size_t len, struct ds_err *err)
{
	FILE *f;
	int fd;

	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
	if (fd < 0)
		return ds_err_set(err, DS_EIO, "cannot write '%s/%s': %s: "
				  "check the folder", dir, name,
				  strerror(errno));
	if (fchmod(fd, 0600) != 0 || !(f = fdopen(fd, "wb"))) {
		close(fd);
		return ds_err_set(err, DS_EIO, "cannot write '%s/%s': check "
				  "the folder", dir, name);
	}
	if (fwrite(data, 1, len, f) != len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		fclose(f);
		return ds_err_set(err, DS_EIO, "cannot write '%s/%s': the disk "
				  "may be full", dir, name);
	}
	if (fclose(f) != 0)
		return ds_err_set(err, DS_EIO, "cannot write '%s/%s': the disk "
				  "may be full", dir, name);
	return 0;
}

/*
 * Each finding's categories by their titles ("Violence; Criminal
 * proceedings"), from the organisation's taxonomy or the built-in one;
 * a name the taxonomy does not know is shown as it is.
 */
static void cat_titles(const struct ds_conf *conf, json_t *v)
{
	struct ds_taxonomy *t = NULL;
	json_t *f;
	size_t i;
	int rc;

	rc = conf && conf->taxonomy ? ds_taxonomy_load(&t, conf->taxonomy,
						       NULL) :
	     ds_taxonomy_default(&t, NULL);
	if (rc)
		t = NULL;
	json_array_foreach(json_object_get(v, "findings"), i, f) {
		const char *p = json_string_value(json_object_get(f,
							"categories"));
		struct buf b;

		buf_init(&b, 4096);
		while (p && *p) {
			const char *e = strchr(p, ',');
			size_t len = e ? (size_t)(e - p) : strlen(p), k;
			const char *title = NULL;

			for (k = 0; t && k < ds_taxonomy_ncats(t); k++)
				if (strlen(ds_taxonomy_cat_name(t, k)) == len &&
				    strncmp(ds_taxonomy_cat_name(t, k), p,
					    len) == 0)
					title = ds_taxonomy_cat_title(t, k);
			if (b.len)
				buf_adds(&b, "; ");
			if (title)
				buf_adds(&b, title);
			else
				buf_add(&b, p, len);
			p += len + (e != NULL);
		}
		json_object_set_new(f, "categories_text", json_string(
			b.len ? b.ptr : "no category"));
		buf_release(&b);
	}
	ds_taxonomy_free(t);
}

/* A role as people write it: "DSL", "DPO", "administrator". */
static const char *role_word(const char *r)
{
	if (!r)
		return "";
	if (strcmp(r, "dsl") == 0)
		return "DSL";
	if (strcmp(r, "dpo") == 0)
		return "DPO";
	if (strcmp(r, "admin") == 0)
		return "administrator";
	return r;
}

/*
 * The services the steps used, once each in a key ("providers": who
 * received what, where), so the step table names only the connector.
 */
static void sar_key(json_t *v)
{
	json_t *key = json_array(), *seen = json_object(), *st;
	size_t i;

	json_array_foreach(json_object_get(v, "steps"), i, st) {
		const char *c = json_string_value(json_object_get(st,
							"connector"));

		if (!key || !seen || !c || json_object_get(seen, c))
			continue;
		json_object_set_new(seen, c, json_true());
		json_array_append_new(key, json_pack("{s:s s:O s:O s:O}",
			"connector", c,
			"provider", json_object_get(st, "provider"),
			"location", json_object_get(st, "location"),
			"data_sent", json_object_get(st, "data_sent")));
	}
	json_decref(seen);
	if (key)
		json_object_set_new(v, "providers", key);
}

/*
 * What the first page says in short, and every time shown in UK local
 * time with its zone, for reading only (the JSON keeps UTC).
 */
static void sar_view(json_t *v, const struct ds_conf *conf)
{
	static const char *const times[][2] = {
		{ "searches", "started" }, { "searches", "finished" },
		{ "searches", "panel_declared" }, { "steps", "started" },
		{ "steps", "finished" }, { "evidence", "retrieved" },
		{ "findings", "retrieved" }, { "findings", "published" },
		{ "reports", "created" }, { "audit", "at" },
		{ "anchors", "created" }, { "claims", "created" },
		{ "handles", "created" }, { "notices", "given_on" },
		{ "consents", "given_on" }, { "consents", "withdrawn_on" },
		{ "requests", "received" }, { "requests", "due" },
		{ "requests", "completed" },
		{ "holds", "placed" }, { "holds", "released" },
		{ "hits", "published" }, { "archive", "archived" },
		{ "archive", "keep_until" },
	};
	json_int_t ran = 0, skipped = 0, held = 0, decided = 0;
	json_t *e, *x;
	size_t i, j;

	for (i = 0; i < sizeof(times) / sizeof(times[0]); i++)
		ds_report_local_times(v, times[i][0], times[i][1]);
	json_array_foreach(json_object_get(v, "findings"), i, e) {
		held++;
		decided += json_array_size(json_object_get(e, "reviews")) > 0;
		json_array_foreach(json_object_get(e, "reviews"), j, x)
			ds_report_local_time(x, "created");
		json_array_foreach(json_object_get(e, "responses"), j, x)
			ds_report_local_time(x, "created");
	}
	json_array_foreach(json_object_get(v, "steps"), i, e) {
		const char *o = json_string_value(json_object_get(e,
							"outcome"));

		if (o && strcmp(o, "skipped") == 0)
			skipped++;
		else if (o && strcmp(o, "pending") != 0 &&
			 strcmp(o, "manual-open") != 0)
			ran++;
	}
	sar_key(v);
	cat_titles(conf, v);
	json_array_foreach(json_object_get(v, "audit"), i, e)
		json_object_set_new(e, "role", json_string(role_word(
			json_string_value(json_object_get(e, "role")))));
	json_object_set_new(v, "marking", json_string(conf && conf->marking &&
		conf->marking[0] ? conf->marking : "OFFICIAL-SENSITIVE"));
	ds_report_local_time(v, "generated");
	ds_report_local_time(json_object_get(v, "candidate"), "created");
	ds_report_local_time(json_object_get(v, "candidate"), "updated");
	ds_report_local_time(json_object_get(v, "vacancy"), "decided");
	json_object_set_new(v, "summary", json_pack("{s:I s:I s:I s:I s:I s:I}",
		"searches", (json_int_t)json_array_size(json_object_get(v,
							"searches")),
		"steps_ran", ran, "steps_skipped", skipped,
		"findings", held, "findings_decided", decided,
		"reports", (json_int_t)json_array_size(json_object_get(v,
							"reports"))));
}

/* The export as readable HTML, with the style built in. */
static int render_html(const json_t *r, const struct ds_conf *conf,
		       struct buf *out, struct ds_err *err)
{
	const struct ds_asset *tmpl = ds_asset_find("sar.html.tmpl");
	const struct ds_asset *css = ds_asset_find("report.css");
	json_t *view;
	int rc;

	if (!tmpl || !css)
		return ds_err_set(err, DS_EINTERNAL, "the subject access "
				  "template is missing: rebuild duesearch");
	view = json_deep_copy(r);
	if (!view || json_object_set_new(view, "css", json_stringn(
			(const char *)css->data, css->len))) {
		json_decref(view);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	sar_view(view, conf);
	rc = ds_template_render((const char *)tmpl->data, view,
				DS_ESCAPE_HTML, out, err);
	json_decref(view);
	return rc;
}

/* The appointee's archived report, opened, or NULL when there is none. */
static int archived_report(struct ds_ctx *ctx, int64_t cid, char **out,
			   struct ds_err *err)
{
	static const struct col c = ROW("report", "archive.report", 2);
	sqlite3_stmt *stmt;
	json_t *v = NULL;
	int rc;

	*out = NULL;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT report_sealed, "
			   "candidate_id FROM archive WHERE candidate_id = ?",
			   "i", (sqlite3_int64)cid);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the archive", err);
	if (rc == 1)
		rc = open_col(ctx, cid, &c, stmt, 0, &v, err);
	sqlite3_finalize(stmt);
	if (rc == 0 && json_is_string(v)) {
		*out = ds_strdup(json_string_value(v));
		if (!*out)
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	json_decref(v);
	return rc;
}

int ds_sar_export(struct ds_ctx *ctx, const struct ds_conf *conf,
		  int64_t candidate_id, const char *dir, char sha256[65],
		  struct ds_err *err)
{
	return ds_sar_export_as(ctx, conf, candidate_id, dir, 0, sha256, err);
}

int ds_sar_export_as(struct ds_ctx *ctx, const struct ds_conf *conf,
		     int64_t candidate_id, const char *dir, int pdf,
		     char sha256[65], struct ds_err *err)
{
	static const char *const names[] = {
		SAR_JSON, SAR_HTML, SAR_PDF, SAR_ARCHIVE
	};
	struct ds_audit_event ev = { .action = "sar.export",
				     .object = "candidate",
				     .object_id = candidate_id,
				     .candidate_id = candidate_id };
	struct buf html, doc;
	json_t *r = NULL;
	char *js = NULL, *archive = NULL, detail[128], browser[512];
	int64_t vid = 0;
	int dfd = -1, made = 0, written = 0, began = 0, rc;

	buf_init(&html, BUF_CAP_DEFAULT);
	buf_init(&doc, 64u << 20);
	rc = ds_require(ctx, DS_ROLE_DPO, "export a subject access copy", err);
	if (!rc)
		rc = ds_candidate_vacancy(ctx, candidate_id, &vid, err);
	/* No browser, no folder: say so before anything is made. */
	if (!rc && pdf)
		rc = ds_pdf_browser(browser, sizeof(browser), err);
	if (!rc)
		rc = open_dir(dir, &dfd, &made, err);
	/*
	 * One snapshot of the case file, and the event with it.  While
	 * Chromium prints, the snapshot is only read (others may write);
	 * the event is then written in the same transaction, which fails
	 * when the file changed meanwhile rather than audit another state.
	 */
	if (!rc && pdf)
		rc = ds_db_exec(ctx->db, err, "BEGIN DEFERRED", "");
	else if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		goto out;
	began = 1;
	rc = build(ctx, conf, candidate_id, &r, err);
	if (!rc)
		rc = archived_report(ctx, candidate_id, &archive, err);
	if (!rc && archive)
		json_object_set_new(r, "archive_file", json_string(
					    SAR_ARCHIVE));
	if (rc)
		goto out;
	js = json_dumps(r, JSON_INDENT(2) | JSON_SORT_KEYS);
	if (!js) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	rc = render_html(r, conf, &html, err);
	if (!rc && pdf)
		rc = ds_pdf_print(html.ptr, html.len, &doc, err);
	if (rc)
		goto out;
	snprintf(sha256, 65, "%s", json_string_value(json_object_get(r,
							"content_sha256")));
	snprintf(detail, sizeof(detail), "sha256=%s files=%d%s", sha256,
		 2 + !!archive + !!pdf, pdf ? " pdf=1" : "");
	ev.vacancy_id = vid;
	ev.detail = detail;
	rc = ds_audit_append(ctx, &ev, err);
	if (rc && pdf && (rc == DS_EBUSY ||
			  sqlite3_errcode(ctx->db) == SQLITE_BUSY))
		rc = ds_err_set(err, DS_EBUSY, "the case file changed while "
				"the copy was printed: export it again");
	if (!rc) {
		written = 1;
		rc = write_file(dfd, dir, SAR_JSON, js, strlen(js), err);
	}
	if (!rc) {
		written = 2;
		rc = write_file(dfd, dir, SAR_HTML, html.ptr, html.len, err);
	}
	if (!rc) {
		written = 3;
		if (pdf)
			rc = write_file(dfd, dir, SAR_PDF, doc.ptr, doc.len,
					err);
	}
	if (!rc && archive) {
		written = 4;
		rc = write_file(dfd, dir, SAR_ARCHIVE, archive,
				strlen(archive), err);
	}
	if (!rc)
		rc = ds_db_commit(ctx->db, err);
	began = rc != 0;
out:
	if (began)
		ds_db_rollback(ctx->db);
	/* A failed export leaves nothing behind. */
	while (rc && dfd >= 0 && written > 0)
		unlinkat(dfd, names[--written], 0);
	if (dfd >= 0)
		close(dfd);
	if (rc && made)
		rmdir(dir);
	buf_release(&html);
	buf_release(&doc);
	json_decref(r);
	free(js);
	ds_free(archive);
	return rc;
}

/* Check a date of the register: a real date, not after today. */
static int past_date(const char *what, const char *s, struct ds_err *err)
{
	char today[11];
	int rc;

	rc = ds_date_check(what, s ? s : "", NULL, err);
	if (rc)
		return rc;
	ds_date_today(today);
	if (strcmp(s, today) > 0)
		return ds_err_set(err, DS_EDATA, "the %s %s is in the future: "
				  "give the date it happened", what, s);
	return 0;
}

int ds_sar_log(struct ds_ctx *ctx, int64_t candidate_id,
	       const char *received, int64_t *id, char due[11],
	       struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "sar.log",
				     .object = "sar_request",
				     .candidate_id = candidate_id };
	char d[11], now[21], detail[64];
	int64_t vid = 0;
	int rc;

	rc = ds_require(ctx, DS_ROLE_DPO, "log a subject access request", err);
	if (!rc)
		rc = past_date("date received", received, err);
	if (!rc)
		rc = ds_candidate_vacancy(ctx, candidate_id, &vid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_date_add_months(received, 1, d);
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT INTO sar_request (candidate_id, "
			"received, due, created) VALUES (?, ?, ?, ?)",
			"ittt",
			(sqlite3_int64)candidate_id, received, d, now);
	ev.object_id = sqlite3_last_insert_rowid(ctx->db);
	ev.vacancy_id = vid;
	snprintf(detail, sizeof(detail), "received=%s due=%s", received, d);
	ev.detail = detail;
	rc = ds_audit_commit(ctx, rc, &ev, err);
	if (!rc && id)
		*id = ev.object_id;
	if (!rc && due)
		memcpy(due, d, 11);
	return rc;
}

/* A request's facts, for extend and done. */
struct request {
	int64_t cid, vid;
	char received[11], due[11], completed[11];
	int extended;
};

/* Read a request's facts; an unknown id is DS_ENOTFOUND naming the fix. */
static int request_read(struct ds_ctx *ctx, int64_t id, struct request *q,
			struct ds_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	memset(q, 0, sizeof(*q));
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT r.candidate_id, "
			   "c.vacancy_id, r.received, r.due, r.extended, "
			   "IFNULL(r.completed, '') FROM sar_request r JOIN "
			   "candidate c ON c.id = r.candidate_id WHERE r.id = "
			   "?", "i", (sqlite3_int64)id);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the request", err);
	if (rc == 1) {
		q->cid = sqlite3_column_int64(stmt, 0);
		q->vid = sqlite3_column_int64(stmt, 1);
		snprintf(q->received, sizeof(q->received), "%s",
			 (const char *)sqlite3_column_text(stmt, 2));
		snprintf(q->due, sizeof(q->due), "%s",
			 (const char *)sqlite3_column_text(stmt, 3));
		q->extended = sqlite3_column_int(stmt, 4);
		snprintf(q->completed, sizeof(q->completed), "%s",
			 (const char *)sqlite3_column_text(stmt, 5));
		rc = 0;
	} else if (rc == 0) {
		rc = ds_err_set(err, DS_ENOTFOUND, "unknown subject access "
				"request %lld: see 'duesearch sar list --all'",
				(long long)id);
	}
	sqlite3_finalize(stmt);
	return rc;
}

int ds_sar_extend(struct ds_ctx *ctx, int64_t id, const char *on,
		  char due[11], struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "sar.extend",
				     .object = "sar_request", .object_id = id };
	struct request q;
	char today[11], d[11], detail[64];
	int rc;

	ds_date_today(today);
	if (!on)
		on = today;
	rc = ds_require(ctx, DS_ROLE_DPO, "extend a subject access request",
			err);
	if (!rc)
		rc = past_date("extension date", on, err);
	if (!rc)
		rc = request_read(ctx, id, &q, err);
	if (rc)
		return rc;
	if (q.completed[0])
		return ds_err_set(err, DS_ESTATE, "request %lld was completed "
				  "on %s: log a new request if the person asks "
				  "again", (long long)id, q.completed);
	if (q.extended)
		return ds_err_set(err, DS_ESTATE, "request %lld was already "
				  "extended (due %s): the law allows one "
				  "extension of two further months",
				  (long long)id, q.due);
	if (strcmp(on, q.received) < 0 || strcmp(on, q.due) > 0)
		return ds_err_set(err, DS_ESTATE, "request %lld was due on %s: "
				  "an extension must be decided, and the "
				  "person told why, between %s and %s",
				  (long long)id, q.due, q.received, q.due);
	ds_date_add_months(q.received, 3, d);
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	rc = ds_db_exec(ctx->db, err, "UPDATE sar_request SET due = ?, "
			"extended = 1 WHERE id = ?", "ti", d,
			(sqlite3_int64)id);
	snprintf(detail, sizeof(detail), "on=%s due=%s", on, d);
	ev.candidate_id = q.cid;
	ev.vacancy_id = q.vid;
	ev.detail = detail;
	rc = ds_audit_commit(ctx, rc, &ev, err);
	if (!rc && due)
		memcpy(due, d, 11);
	return rc;
}

int ds_sar_done(struct ds_ctx *ctx, int64_t id, const char *on,
		struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "sar.done",
				     .object = "sar_request", .object_id = id };
	struct request q;
	char today[11], detail[64];
	int rc;

	ds_date_today(today);
	if (!on)
		on = today;
	rc = ds_require(ctx, DS_ROLE_DPO, "complete a subject access request",
			err);
	if (!rc)
		rc = past_date("completion date", on, err);
	if (!rc)
		rc = request_read(ctx, id, &q, err);
	if (rc)
		return rc;
	if (q.completed[0])
		return ds_err_set(err, DS_ESTATE, "request %lld was already "
				  "completed on %s: see 'duesearch sar list "
				  "--all'", (long long)id, q.completed);
	if (strcmp(on, q.received) < 0)
		return ds_err_set(err, DS_EDATA, "the completion date %s is "
				  "before the request was received (%s): give "
				  "the date the copy was sent", on, q.received);
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	rc = ds_db_exec(ctx->db, err, "UPDATE sar_request SET completed = ? "
			"WHERE id = ?", "ti", on, (sqlite3_int64)id);
	snprintf(detail, sizeof(detail), "on=%s due=%s late=%d", on, q.due,
		 strcmp(on, q.due) > 0);
	ev.candidate_id = q.cid;
	ev.vacancy_id = q.vid;
	ev.detail = detail;
	return ds_audit_commit(ctx, rc, &ev, err);
}

int ds_sar_list(struct ds_ctx *ctx, int all, const char *on, json_t **out,
		struct ds_err *err)
{
	static const struct col name = ROW("name", "anchor.legal-name", 9);
	sqlite3_stmt *stmt = NULL;
	json_t *list = NULL, *row, *nm;
	char today[11];
	long now, due;
	int rc;

	*out = NULL;
	ds_date_today(today);
	if (!on)
		on = today;
	rc = ds_require(ctx, DS_ROLE_DPO, "list subject access requests", err);
	if (!rc)
		rc = ds_date_check("date", on, &now, err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT r.id, "
				   "r.candidate_id, v.ref, r.received, r.due, "
				   "r.extended, r.completed, (SELECT "
				   "value_sealed FROM anchor a WHERE "
				   "a.candidate_id = r.candidate_id AND a.kind "
				   "= 'legal-name' ORDER BY a.id LIMIT 1), "
				   "(SELECT a.id FROM anchor a WHERE "
				   "a.candidate_id = r.candidate_id AND a.kind "
				   "= 'legal-name' ORDER BY a.id LIMIT 1) FROM "
				   "sar_request r JOIN candidate c ON c.id = "
				   "r.candidate_id JOIN vacancy v ON v.id = "
				   "c.vacancy_id WHERE ? OR r.completed IS "
				   "NULL ORDER BY r.completed IS NOT NULL, "
				   "r.due, r.id", "d", all ? 1 : 0);
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the requests",
				err)) == 1) {
		int open = sqlite3_column_type(stmt, 6) == SQLITE_NULL;

		rc = open_col(ctx, sqlite3_column_int64(stmt, 1), &name, stmt,
			      7, &nm, err);
		if (rc)
			break;
		ds_date_check(NULL, (const char *)sqlite3_column_text(stmt, 4),
			      &due, NULL);
		row = json_pack("{s:o s:o s:o s:o s:o s:o s:b s:o s:o s:b "
				"s:b}",
				"id", ds_json_col(stmt, 0),
				"candidate", ds_json_col(stmt, 1),
				"name", nm, "vacancy", ds_json_col(stmt, 2),
				"received", ds_json_col(stmt, 3),
				"due", ds_json_col(stmt, 4),
				"extended", sqlite3_column_int(stmt, 5),
				"completed", ds_json_col(stmt, 6),
				"days_left", open ? json_integer(due - now) :
				json_null(), "overdue", open && due < now,
				"late", !open && strcmp(
					(const char *)sqlite3_column_text(
						stmt, 6),
					(const char *)sqlite3_column_text(
						stmt, 4)) > 0);
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
