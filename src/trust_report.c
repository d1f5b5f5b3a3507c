/*
 * trust_report.c: searches per school and vacancy over a period (see
 * trust_report.h).
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "db.h"
#include "school.h"
#include "text.h"
#include "trust_report.h"

/* The columns of a row, in the query's order after the four labels. */
static const char *const counts[] = {
	"searched", "steps", "findings", "confirmed", "dismissed",
	"not_candidate", "referred", "open", "days_to_search", "deviations",
	"overdue_reviews", "retention_due", NULL
};

/* One vacancy a row; ?1 from, ?2 to, ?3 retention months, ?4 limit. */
static const char trust_sql[] =
	"SELECT coalesce(s.name, ''), coalesce(s.urn, ''), v.ref, v.post, "
	/* candidates searched and steps run in the period */
	"(SELECT count(DISTINCT st.candidate_id) FROM step st JOIN run r ON "
	" r.id = st.run_id WHERE r.vacancy_id = v.id AND substr(r.started, "
	" 1, 10) BETWEEN ?1 AND ?2), "
	"(SELECT count(*) FROM step st JOIN run r ON r.id = st.run_id WHERE "
	" r.vacancy_id = v.id AND st.status = 'done' AND st.outcome IS NOT "
	" 'skipped' AND substr(r.started, 1, 10) BETWEEN ?1 AND ?2), "
	/* findings made in the period, by outcome */
	"count(f.id), "
	"count(CASE f.status WHEN 'confirmed' THEN 1 END), "
	"count(CASE f.status WHEN 'dismissed' THEN 1 END), "
	"count(CASE f.status WHEN 'not-candidate' THEN 1 END), "
	"count(CASE f.status WHEN 'referred' THEN 1 END), "
	"count(CASE f.status WHEN 'open' THEN 1 END), "
	/* average days from shortlisting to the first search */
	"(SELECT round(avg(julianday(x.fs) - julianday(x.sl)), 1) FROM "
	" (SELECT (SELECT min(r.started) FROM step st JOIN run r ON r.id = "
	"  st.run_id WHERE st.candidate_id = c.id) AS fs, (SELECT min(a.at) "
	"  FROM audit a WHERE a.candidate_id = c.id AND a.action IN "
	"  ('candidate.add', 'candidate.status') AND (a.detail LIKE "
	"  'status=shortlisted%' OR a.detail LIKE 'status=preferred%')) AS "
	"  sl FROM candidate c WHERE c.vacancy_id = v.id) x WHERE x.fs IS "
	"  NOT NULL AND x.sl IS NOT NULL AND substr(x.fs, 1, 10) BETWEEN ?1 "
	"  AND ?2), "
	/* deviations: plan versions after the first, made in the period */
	"(SELECT count(*) FROM plan p WHERE p.vacancy_id = v.id AND "
	" p.version > 1 AND substr(p.created, 1, 10) BETWEEN ?1 AND ?2), "
	/* reviews overdue now: open > 7 days, or open on interview day */
	"(SELECT count(*) FROM finding f2 JOIN candidate c2 ON c2.id = "
	" f2.candidate_id WHERE c2.vacancy_id = v.id AND f2.status = 'open' "
	" AND (julianday('now') - julianday(f2.created) > 7 OR "
	" (v.interview_date IS NOT NULL AND v.interview_date <= "
	" date('now')))), "
	/* candidates past retention now (appointees are archived) */
	"(SELECT count(*) FROM candidate c3 WHERE c3.vacancy_id = v.id AND "
	" v.decided IS NOT NULL AND c3.status != 'appointed' AND "
	" date(v.decided, '+' || ?3 || ' months') <= date('now')) "
	"FROM vacancy v LEFT JOIN school s ON s.id = v.school_id "
	"LEFT JOIN candidate fc ON fc.vacancy_id = v.id "
	"LEFT JOIN finding f ON f.candidate_id = fc.id AND "
	" substr(f.created, 1, 10) BETWEEN ?1 AND ?2 "
	"WHERE (?4 = 0 OR v.school_id IN (SELECT school_id FROM role_scope "
	" WHERE actor_id = ?4)) "
	"GROUP BY v.id ORDER BY s.id, v.ref";

int ds_trust_report_json(struct ds_ctx *ctx, const char *from,
			 const char *to, int retention_months, json_t **out,
			 struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *rows;
	int64_t limit;
	char now[21];
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO |
			DS_ROLE_ADMIN, "see the trust's report", err);
	if (!rc && from)
		rc = ds_date_check("--from date", from, NULL, err);
	if (!rc && to)
		rc = ds_date_check("--to date", to, NULL, err);
	if (!rc && from && to && strcmp(from, to) > 0)
		rc = ds_err_set(err, DS_EUSAGE, "--from %s is after --to %s: "
				"give the period's first day, then its last",
				from, to);
	if (rc)
		return rc;
	limit = ds_scope_viewer(ctx);
	rc = ds_db_prepare(ctx->db, &stmt, err, trust_sql, "ttdi",
			   from ? from : "0000-01-01",
			   to ? to : "9999-12-31", retention_months,
			   (sqlite3_int64)limit);
	if (rc)
		return rc;
	rows = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the searches",
				err)) == 1) {
		json_t *row = json_pack("{s:o s:o s:o s:o}",
					"school", ds_json_col(stmt, 0),
					"urn", ds_json_col(stmt, 1),
					"vacancy", ds_json_col(stmt, 2),
					"post", ds_json_col(stmt, 3));
		int i;

		for (i = 0; counts[i]; i++)
			json_object_set_new(row, counts[i],
				sqlite3_column_type(stmt, 4 + i) ==
				SQLITE_FLOAT ? json_real(
				sqlite3_column_double(stmt, 4 + i)) :
				ds_json_col(stmt, 4 + i));
		json_array_append_new(rows, row);
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(rows);
		return rc;
	}
	ds_time_now(now);
	*out = json_pack("{s:s s:s s:s s:b s:o}", "from", from ? from : "",
			 "to", to ? to : "", "generated", now,
			 "schools_limited", limit != 0, "rows", rows);
	return *out ? 0 : ds_err_set(err, DS_ENOMEM, "out of memory");
}

/* A value as text. */
static void cell(struct buf *b, json_t *v, int html)
{
	const char *s;

	if (json_is_integer(v)) {
		buf_addf(b, "%lld", (long long)json_integer_value(v));
		return;
	}
	if (json_is_real(v)) {
		buf_addf(b, "%.1f", json_real_value(v));
		return;
	}
	s = json_is_string(v) ? json_string_value(v) : "";
	if (!html) {
		/* CSV: quoted, quotes doubled; a formula is defused. */
		buf_addc(b, '"');
		if (strchr("=+-@", s[0]) && s[0])
			buf_addc(b, '\'');
		for (; *s; s++) {
			if (*s == '"')
				buf_addc(b, '"');
			buf_addc(b, *s);
		}
		buf_addc(b, '"');
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: buf_addc(b, *s);
		}
	}
}

static const char *const heads[] = {
	"school", "urn", "vacancy", "post", "searched", "steps", "findings",
	"confirmed", "dismissed", "not_candidate", "referred", "open",
	"days_to_search", "deviations", "overdue_reviews", "retention_due",
	NULL
};

static void render(json_t *r, int html, struct buf *b)
{
	json_t *row;
	size_t i;
	int k;

	if (html) {
		buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
			 "charset=\"utf-8\"><title>Online searches across the "
			 "trust</title></head><body><h1>Online searches "
			 "across the trust</h1><p>Period: ");
		cell(b, json_object_get(r, "from"), 1);
		buf_adds(b, " to ");
		cell(b, json_object_get(r, "to"), 1);
		buf_adds(b, "; generated ");
		cell(b, json_object_get(r, "generated"), 1);
		buf_adds(b, json_is_true(json_object_get(r,
				"schools_limited")) ? ". Only the schools "
			 "your roles cover are shown." : ".");
		buf_adds(b, " Counts only: no candidate is named.</p>"
			 "<table><tr>");
		for (k = 0; heads[k]; k++)
			buf_addf(b, "<th>%s</th>", heads[k]);
		buf_adds(b, "</tr>\n");
	} else {
		for (k = 0; heads[k]; k++)
			buf_addf(b, "%s%s", k ? "," : "", heads[k]);
		buf_adds(b, "\r\n");
	}
	json_array_foreach(json_object_get(r, "rows"), i, row) {
		if (html)
			buf_adds(b, "<tr>");
		for (k = 0; heads[k]; k++) {
			if (html)
				buf_adds(b, "<td>");
			else if (k)
				buf_addc(b, ',');
			cell(b, json_object_get(row, heads[k]), html);
			if (html)
				buf_adds(b, "</td>");
		}
		buf_adds(b, html ? "</tr>\n" : "\r\n");
	}
	if (html)
		buf_adds(b, "</table></body></html>\n");
}

int ds_trust_report(struct ds_ctx *ctx, const char *from, const char *to,
		    int retention_months, const char *format,
		    struct buf *out, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "report.trust",
				     .object = "org", .object_id = 1 };
	char detail[96];
	json_t *r = NULL;
	int html, rc;

	if (!format)
		format = "html";
	html = strcmp(format, "html") == 0;
	if (!html && strcmp(format, "csv") != 0)
		return ds_err_set(err, DS_EUSAGE, "bad format '%.16s': the "
				  "trust's report is html or csv", format);
	rc = ds_trust_report_json(ctx, from, to, retention_months, &r, err);
	if (rc)
		return rc;
	render(r, html, out);
	snprintf(detail, sizeof(detail), "from=%s to=%s rows=%zu format=%s",
		 from ? from : "-", to ? to : "-",
		 json_array_size(json_object_get(r, "rows")), format);
	json_decref(r);
	ev.detail = detail;
	rc = ds_db_begin(ctx->db, err);
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	buf_reset(out);
	return rc;
}
