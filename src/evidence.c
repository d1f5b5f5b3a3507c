/*
 * evidence.c: evidence a searcher imports for a manual step (a saved HTML
 * page, a PDF or a screenshot), and the list of a candidate's evidence.
 * An HTML page is parsed like a fetched one; a PDF or an image is hashed
 * and noted.  The file itself is never stored.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "core.h"
#include "db.h"
#include "mem.h"
#include "page.h"
#include "run.h"
#include "sandbox.h"
#include "school.h"
#include "text.h"

#define IMPORT_MAX (32u << 20)

/* What kind of file the bytes are. */
static const char *file_kind(const char *b, size_t n)
{
	size_t i;

	if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
		return "pdf";
	if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "png";
	if (n >= 3 && memcmp(b, "\xff\xd8\xff", 3) == 0)
		return "jpeg";
	for (i = 0; i < n && i < 1024; i++)
		if (b[i] == '<')
			return "html";
	return NULL;
}

/* Read a whole file, bounded. */
static int slurp(const char *path, struct buf *b, struct ds_err *err)
{
	char chunk[65536];
	struct stat st;
	FILE *f;
	size_t n;
	int fd;

	/* Type-checked on the open descriptor; a FIFO cannot hang the open. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return ds_err_set(err, DS_EIO, "cannot read '%s': check the "
				  "path and the file's permissions", path);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ds_err_set(err, DS_EIO, "cannot read '%s': not a "
				  "readable file: check the path", path);
	}
	f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(b, chunk, n) != 0) {
			fclose(f);
			return ds_err_set(err, DS_EDATA, "'%s' is larger than "
					  "%u bytes: save the page alone", path,
					  IMPORT_MAX);
		}
	fclose(f);
	return 0;
}

int ds_evidence_import(struct ds_ctx *ctx, const struct ds_conf *conf,
		       int64_t step_id, const char *path,
		       struct ds_import_result *res, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "evidence.import",
				     .object = "evidence" };
	uint8_t sum[DS_SHA256_LEN], *u = NULL, *t = NULL;
	sqlite3_stmt *stmt = NULL;
	struct ds_page page = { 0 };
	struct ds_gate g;
	char *target = NULL, now[21], outcome[32], detail[192];
	char cut_note[96] = "";
	int64_t cid = 0, vid = 0, row = 0;
	size_t ul = 0, tl = 0;
	const char *kind;
	struct buf b;
	int rc, parsed = 0;

	memset(res, 0, sizeof(*res));
	buf_init(&b, IMPORT_MAX);
	rc = ds_require(ctx, DS_ROLE_RECRUITER, "import evidence", err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT "
			"s.candidate_id, "
				   "r.vacancy_id, s.outcome, s.target_sealed "
				   "FROM step s JOIN run r ON r.id = s.run_id "
				   "WHERE s.id = ?", "i",
				   (sqlite3_int64)step_id);
	if (rc)
		goto out;
	rc = ds_db_step(ctx->db, stmt, "cannot read the step", err);
	if (rc == 0) {
		rc = ds_err_set(err, DS_ENOTFOUND, "unknown step %lld: see "
				"'duesearch run show'", (long long)step_id);
		goto out;
	}
	if (rc < 0)
		goto out;
	cid = sqlite3_column_int64(stmt, 0);
	vid = sqlite3_column_int64(stmt, 1);
	if (!sqlite3_column_text(stmt, 2) ||
	    (strcmp((const char *)sqlite3_column_text(stmt, 2),
		    "manual-open") != 0 &&
	     strcmp((const char *)sqlite3_column_text(stmt, 2),
		    "manual-done") != 0)) {
		rc = ds_err_set(err, DS_ESTATE, "step %lld is not a manual "
				"step: evidence is imported for manual steps "
				"only", (long long)step_id);
		goto out;
	}
	if (sqlite3_column_type(stmt, 3) != SQLITE_NULL) {
		rc = ds_field_unseal_row(ctx, cid, "step.target", step_id,
					 sqlite3_column_blob(stmt, 3),
					 (size_t)sqlite3_column_bytes(stmt, 3),
					 &target, err);
		if (rc)
			goto out;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	/* The same gate as a run: consent withdrawn means no more evidence. */
	rc = ds_gate_check(ctx, cid, NULL, NULL, &g, err);
	if (!rc && !g.allowed)
		rc = ds_err_set(err, DS_EREFUSED, "the gate refuses candidate "
				"%lld now (%s): nothing was imported",
				(long long)cid, g.reasons[0].code);
	if (!rc)
		rc = slurp(path, &b, err);
	if (rc)
		goto out;
	kind = file_kind(b.ptr, b.len);
	if (!kind) {
		rc = ds_err_set(err, DS_EDATA, "'%s' is not an HTML page, a "
			"PDF, "
				"a PNG or a JPEG: save the page as one of "
				"those", path);
		goto out;
	}
	if (strcmp(kind, "html") == 0) {
		rc = ds_sandbox_parse(b.ptr, b.len, NULL, NULL, NULL, &page,
				      err);
		if (rc)
			goto out;
		parsed = 1;
		res->cut = page.cut & DS_PAGE_CUT_ALL;
	}
	/* A page the parser read only in part says so on its step. */
	if (res->cut)
		snprintf(cut_note, sizeof(cut_note), "1 page CUT at the "
			 "parser's %s (judged on what was read)",
			 ds_run_cut_name(res->cut));
	ds_sha256(b.ptr, b.len, sum);
	ds_hex(sum, sizeof(sum), res->sha256);
	res->size = b.len;
	snprintf(res->kind, sizeof(res->kind), "%s", kind);
	snprintf(outcome, sizeof(outcome), "imported-%s", kind);
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		goto out;
	/* The sealed fields are bound to the row's id (ds_field_row). */
	rc = ds_row_next(ctx, "evidence", &row, err);
	if (!rc)
		rc = ds_field_seal_row(ctx, cid, "evidence.url", row, target ?
				       target : "(manual capture)", &u, &ul,
				       err);
	if (!rc && parsed && page.title[0])
		rc = ds_field_seal_row(ctx, cid, "evidence.title", row,
				       page.title, &t, &tl, err);
	ds_time_now(now);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO evidence (id, "
			"step_id, candidate_id, url_sealed, http_status, "
			"outcome, retrieved, sha256, size, title_sealed, "
			"published) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, "
			"?)", "iiibttt" "ibt", (sqlite3_int64)row,
			(sqlite3_int64)step_id, (sqlite3_int64)cid, u,
			(int)ul, outcome, now, res->sha256,
			(sqlite3_int64)b.len, t, (int)tl,
			parsed ? page.published : NULL);
	res->evidence_id = sqlite3_last_insert_rowid(ctx->db);
	/* The page is judged like a fetched one; its findings go to the
	 * DSL. */
	if (!rc && parsed)
		rc = ds_import_triage(ctx, conf, step_id, cid, target ? target :
				      "(manual capture)", &page, sum, b.len,
				      &res->findings, err);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "UPDATE step SET outcome = "
				"'manual-done', results = results + 1, "
				"findings = findings + ?1, finished = ?2, "
				"detail = CASE WHEN ?3 IS NULL THEN detail "
				"WHEN IFNULL(detail, '') = '' THEN ?3 ELSE "
				"detail || '; ' || ?3 END WHERE id = ?4",
				"dtti", (int)res->findings, now,
				cut_note[0] ? cut_note : NULL,
				(sqlite3_int64)step_id);
	if (!rc) {
		snprintf(detail, sizeof(detail), "kind=%s size=%zu sha256=%s "
			 "findings=%u cut=%u", kind, b.len, res->sha256,
			 res->findings, res->cut);
		ev.object_id = res->evidence_id;
		ev.candidate_id = cid;
		ev.vacancy_id = vid;
		ev.detail = detail;
		rc = ds_audit_append(ctx, &ev, err);
	}
	if (!rc)
		rc = ds_db_commit(ctx->db, err);
	else
		ds_db_rollback(ctx->db);
out:
	sqlite3_finalize(stmt);
	if (parsed)
		ds_page_release(&page);
	ds_free(target);
	ds_free(u);
	ds_free(t);
	buf_release(&b);
	return rc;
}

int ds_evidence_list(struct ds_ctx *ctx, int64_t cid, json_t **out,
		     struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"list evidence", err);
	if (!rc)
		rc = ds_scope_candidate(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL |
					DS_ROLE_DPO, cid, "evidence.list",
					err);
	/*
	 * The pages behind a finding of criminal-offence data are the
	 * DSL's only: others do not see that evidence at all.
	 */
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, step_id, "
				   "url_sealed, http_status, outcome, "
				   "retrieved, sha256, size FROM evidence e "
				   "WHERE candidate_id = ?1 AND (?2 OR NOT "
				   "EXISTS (SELECT 1 FROM finding_step fs JOIN "
				   "finding f ON f.id = fs.finding_id WHERE "
				   "fs.step_id = e.step_id AND f.criminal = "
				   	"1)) "
				   "ORDER BY id", "id", (sqlite3_int64)cid,
				   (ctx->actor_roles & DS_ROLE_DSL) ? 1 : 0);
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the evidence",
				err)) == 1) {
		char *url = NULL;

		rc = ds_field_unseal_row(ctx, cid, "evidence.url",
				     sqlite3_column_int64(stmt, 0),
				     sqlite3_column_blob(stmt, 2),
				     (size_t)sqlite3_column_bytes(stmt, 2),
				     &url, err);
		if (rc)
			break;
		json_array_append_new(list, json_pack("{s:o s:o s:s s:o s:o "
			"s:o s:o s:o}", "id", ds_json_col(stmt, 0),
			"step", ds_json_col(stmt, 1), "url", url,
			"http_status", ds_json_col(stmt, 3),
			"outcome", ds_json_col(stmt, 4),
			"retrieved", ds_json_col(stmt, 5),
			"sha256", ds_json_col(stmt, 6),
			"size", ds_json_col(stmt, 7)));
		ds_free(url);
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}
