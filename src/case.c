/*
 * case.c: the case file: vacancies, candidates, identity anchors and
 * declared handles.  Anchors and handles are personal data: they are
 * sealed under the candidate's data key and never stored in clear.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "db.h"
#include "handle.h"
#include "mem.h"
#include "school.h"
#include "text.h"

const char *const ds_anchor_kinds[] = {
	"legal-name", "known-as", "previous-name", "location", "employer",
	"school", NULL
};

const char *const ds_statuses[] = {
	"applied", "shortlisted", "preferred", "withdrawn", "appointed",
	"unsuccessful", NULL
};

#define ANCHOR_MAX 200

int ds_vacancy_id(struct ds_ctx *ctx, const char *ref, int64_t *id,
		  struct ds_err *err)
{
	sqlite3_int64 v;
	int rc = ds_db_int(ctx->db, &v, err, "SELECT id FROM vacancy WHERE "
			   "ref = ?", "t", ref);

	if (rc == DS_ENOTFOUND)
		return ds_err_set(err, rc, "unknown vacancy '%.64s': see "
				  "'duesearch vacancy list'", ref);
	if (!rc)
		*id = v;
	return rc;
}

int ds_candidate_vacancy(struct ds_ctx *ctx, int64_t candidate_id,
			 int64_t *vacancy_id, struct ds_err *err)
{
	sqlite3_int64 v;
	int rc = ds_db_int(ctx->db, &v, err, "SELECT vacancy_id FROM candidate "
			   "WHERE id = ?", "i", (sqlite3_int64)candidate_id);

	if (rc == DS_ENOTFOUND)
		return ds_err_set(err, rc, "unknown candidate %lld: see "
				  "'duesearch candidate list'",
				  (long long)candidate_id);
	if (!rc && vacancy_id)
		*vacancy_id = v;
	return rc;
}

int ds_vacancy_add(struct ds_ctx *ctx, const struct ds_vacancy_in *v,
		   int64_t *id, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "vacancy.add",
				     .object = "vacancy" };
	char now[21], label[201] = "";
	const char *school = v->school ? v->school : label;
	sqlite3_stmt *st;
	int64_t sid = 0;
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "add a vacancy", err);
	if (!rc)
		rc = ds_text_check("vacancy reference", v->ref ? v->ref : "",
				   64, err);
	if (!rc)
		rc = ds_text_check("post", v->post ? v->post : "", 200, err);
	if (!rc)
		rc = ds_school_find(ctx, v->school, &sid, err);
	if (!rc)
		rc = ds_scope_school(ctx, DS_ROLE_RECRUITER, sid, "vacancy.add",
				     err);
	if (!rc && !v->school)
		rc = ds_db_prepare(ctx->db, &st, err, "SELECT name FROM school "
				   "WHERE id = ?", "i", (sqlite3_int64)sid);
	if (!rc && !v->school) {
		if (ds_db_step(ctx->db, st, "cannot read the school", err) == 1)
			snprintf(label, sizeof(label), "%s",
				 (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	if (!rc)
		rc = ds_text_check("school", school, 200, err);
	if (!rc && v->interview_date)
		rc = ds_date_check("interview date", v->interview_date, NULL,
				   err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT INTO vacancy (ref, post, school, "
			"interview_date, created, school_id) VALUES (?, ?, ?, "
			"?, ?, ?)", "ttttti", v->ref, v->post, school,
			v->interview_date, now, (sqlite3_int64)sid);
	if (rc == DS_EEXIST)
		rc = ds_err_set(err, rc, "vacancy '%.64s' already exists: use "
				"another reference", v->ref);
	ev.object_id = ev.vacancy_id = sqlite3_last_insert_rowid(ctx->db);
	rc = ds_audit_commit(ctx, rc, &ev, err);
	if (!rc && id)
		*id = ev.object_id;
	return rc;
}

int ds_candidate_name(struct ds_ctx *ctx, int64_t candidate_id,
		      json_t **name, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	char *plain = NULL;
	int rc;

	*name = NULL;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT value_sealed, id FROM "
			   "anchor WHERE candidate_id = ? AND kind = "
			   "'legal-name'", "i", (sqlite3_int64)candidate_id);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the candidate", err);
	if (rc == 1)
		rc = ds_field_unseal_row(ctx, candidate_id,
					 "anchor.legal-name",
					 sqlite3_column_int64(stmt, 1),
					 sqlite3_column_blob(stmt, 0),
					 (size_t)sqlite3_column_bytes(stmt, 0),
					 &plain, err);
	sqlite3_finalize(stmt);
	if (rc == 0 && plain)
		*name = json_string(plain);
	else if (rc == 0 || rc == DS_EKEY || rc == DS_ECRYPTO)
		*name = json_string("(unreadable)");
	ds_free(plain);
	if (rc < 0 && rc != DS_EKEY && rc != DS_ECRYPTO)
		return rc;
	if (!*name)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	return 0;
}

int ds_candidate_names(struct ds_ctx *ctx, json_t *list, struct ds_err *err)
{
	json_t *e, *name = NULL;
	json_int_t last = 0;
	size_t i;
	int rc = 0;

	json_array_foreach(list, i, e) {
		json_t *id = json_object_get(e, "candidate");

		if (!json_is_integer(id))
			continue;
		if (!name || json_integer_value(id) != last) {
			json_decref(name);
			name = NULL;
			last = json_integer_value(id);
			rc = ds_candidate_name(ctx, (int64_t)last, &name, err);
			if (rc)
				break;
		}
		if (json_object_set(e, "name", name)) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			break;
		}
	}
	json_decref(name);
	return rc;
}

int ds_vacancy_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"list vacancies", err);
	/* A person holding their roles for some schools sees those only. */
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT v.id, v.ref, "
				   "v.post, v.school, v.interview_date, "
				   "(SELECT count(*) FROM candidate c WHERE "
				   "c.vacancy_id = v.id), v.created FROM "
				   "vacancy v WHERE ?1 = 0 OR v.school_id IN "
				   "(SELECT school_id FROM role_scope WHERE "
				   "actor_id = ?1) ORDER BY v.id", "i",
				   (sqlite3_int64)ds_scope_viewer(ctx));
	if (rc)
		return rc;
	list = json_array();
	if (!list) {
		sqlite3_finalize(stmt);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the vacancies",
				err)) == 1) {
		rc = ds_json_push(list, json_pack("{s:o s:o s:o s:o s:o "
			"s:o s:o}", "id", ds_json_col(stmt, 0),
			"ref", ds_json_col(stmt, 1),
			"post", ds_json_col(stmt, 2),
			"school", ds_json_col(stmt, 3),
			"interview_date", ds_json_col(stmt, 4),
			"candidates", ds_json_col(stmt, 5),
			"created", ds_json_col(stmt, 6)), err);
		if (rc)
			break;
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

/* Candidates of a vacancy (vacancy_id 0: all) as a JSON array. */
static int candidates_json(struct ds_ctx *ctx, int64_t vacancy_id,
			   int64_t limit, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	int rc;

	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT c.id, v.ref, c.status, "
			   "c.updated FROM candidate c JOIN vacancy v ON "
			   "v.id = c.vacancy_id WHERE (?1 = 0 OR "
			   "c.vacancy_id = ?1) AND (?2 = 0 OR v.school_id IN "
			   "(SELECT school_id FROM role_scope WHERE actor_id "
			   "= ?2)) ORDER BY c.id", "ii",
			   (sqlite3_int64)vacancy_id, (sqlite3_int64)limit);
	if (rc)
		return rc;
	list = json_array();
	if (!list) {
		sqlite3_finalize(stmt);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the candidates",
				err)) == 1) {
		json_t *name;

		rc = ds_candidate_name(ctx, sqlite3_column_int64(stmt, 0),
				       &name, err);
		if (rc)
			break;
		rc = ds_json_push(list, json_pack("{s:o s:o s:o s:o s:o}",
			"id", ds_json_col(stmt, 0),
			"vacancy", ds_json_col(stmt, 1),
			"name", name,
			"status", ds_json_col(stmt, 2),
			"updated", ds_json_col(stmt, 3)), err);
		if (rc)
			break;
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

int ds_vacancy_show(struct ds_ctx *ctx, const char *ref, json_t **out,
		    struct ds_err *err)
{
	sqlite3_stmt *stmt = NULL;
	json_t *v = NULL, *panel = NULL, *cands = NULL;
	int64_t id = 0;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"show a vacancy", err);
	if (!rc)
		rc = ds_vacancy_id(ctx, ref, &id, err);
	if (!rc)
		rc = ds_scope_check(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL |
				    DS_ROLE_DPO, id, 0, "vacancy", id,
				    "vacancy.show", err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, ref, post, "
				   "school, interview_date, created, decided "
				   "FROM vacancy WHERE id = ?", "i",
				   (sqlite3_int64)id);
	if (rc)
		return rc;
	if (ds_db_step(ctx->db, stmt, "cannot read the vacancy", err) == 1)
		v = json_pack("{s:o s:o s:o s:o s:o s:o s:o}",
			      "id", ds_json_col(stmt, 0),
			      "ref", ds_json_col(stmt, 1),
			      "post", ds_json_col(stmt, 2),
			      "school", ds_json_col(stmt, 3),
			      "interview_date", ds_json_col(stmt, 4),
			      "created", ds_json_col(stmt, 5),
			      "decided", ds_json_col(stmt, 6));
	sqlite3_finalize(stmt);
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT a.name, p.on_panel, "
			   "p.declared FROM panel p JOIN actor a ON a.id = "
			   "p.actor_id WHERE p.vacancy_id = ? ORDER BY a.name",
			   "i", (sqlite3_int64)id);
	if (rc)
		goto out;
	panel = json_array();
	if (!panel) {
		sqlite3_finalize(stmt);
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the panel",
				err)) == 1) {
		rc = ds_json_push(panel, json_pack("{s:o s:b s:o}",
			"actor", ds_json_col(stmt, 0),
			"on_panel", sqlite3_column_int(stmt, 1),
			"declared", ds_json_col(stmt, 2)), err);
		if (rc)
			break;
	}
	sqlite3_finalize(stmt);
	if (rc < 0)
		goto out;
	rc = candidates_json(ctx, id, 0, &cands, err);
	if (rc)
		goto out;
	if (!v) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	rc = ds_json_put(v, "panel", panel, err);
	panel = NULL;
	if (!rc)
		rc = ds_json_put(v, "candidates", cands, err);
	cands = NULL;
	if (rc)
		goto out;
	*out = v;
	return 0;
out:
	json_decref(v);
	json_decref(panel);
	json_decref(cands);
	return rc;
}

int ds_vacancy_declare(struct ds_ctx *ctx, const char *ref, int on_panel,
		       struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "vacancy.declare",
				     .object = "panel" };
	char now[21];
	int64_t id = 0;
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "declare panel membership",
			err);
	if (!rc)
		rc = ds_vacancy_id(ctx, ref, &id, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT OR REPLACE INTO panel "
			"(vacancy_id, actor_id, on_panel, declared) VALUES "
			"(?, ?, ?, ?)", "iidt", (sqlite3_int64)id,
			(sqlite3_int64)ctx->actor_id, on_panel ? 1 : 0, now);
	ev.object_id = ctx->actor_id;
	ev.vacancy_id = id;
	ev.detail = on_panel ? "on-panel=1" : "on-panel=0";
	return ds_audit_commit(ctx, rc, &ev, err);
}

/* The blind-index form of an anchor: ASCII lowercase, spaces folded. */
static void anchor_fold(const char *in, char *out, size_t size)
{
	size_t n = 0;
	int space = 0;

	while (*in == ' ')
		in++;
	for (; *in && n + 1 < size; in++) {
		if (*in == ' ') {
			space = 1;
			continue;
		}
		if (space && n + 2 < size)
			out[n++] = ' ';
		space = 0;
		out[n++] = (char)tolower((unsigned char)*in);
	}
	out[n] = '\0';
}

/* Insert one anchor inside the caller's transaction. */
static int anchor_insert(struct ds_ctx *ctx, int64_t candidate_id,
			 enum ds_anchor_kind kind, const char *value,
			 struct ds_err *err)
{
	char folded[ANCHOR_MAX + 1], now[21], what[48];
	uint8_t *blob = NULL, mac[16];
	sqlite3_int64 n;
	int64_t row = 0;
	size_t len;
	int rc;

	if (kind >= DS_ANCHOR_NKINDS)
		return ds_err_set(err, DS_EDATA, "bad anchor kind");
	rc = ds_text_check(ds_anchor_kinds[kind], value, ANCHOR_MAX, err);
	if (rc)
		return rc;
	if (kind == DS_ANCHOR_LEGAL_NAME) {
		rc = ds_db_int(ctx->db, &n, err, "SELECT count(*) FROM anchor "
			       "WHERE candidate_id = ? AND kind = "
			       "'legal-name'", "i",
			       (sqlite3_int64)candidate_id);
		if (!rc && n)
			return ds_err_set(err, DS_EEXIST, "candidate %lld "
					  "already has a legal name: remove "
					  "that anchor first", (long long)
					  candidate_id);
		if (rc)
			return rc;
	}
	/*
	 * Sealed under "anchor.<kind>" bound to the row's id (taken in the
	 * caller's transaction): a blob moved to another kind or another
	 * anchor fails.
	 */
	snprintf(what, sizeof(what), "anchor.%s", ds_anchor_kinds[kind]);
	anchor_fold(value, folded, sizeof(folded));
	rc = ds_field_mac(ctx, candidate_id, ds_anchor_kinds[kind], folded,
			  mac, err);
	if (!rc)
		rc = ds_row_next(ctx, "anchor", &row, err);
	if (!rc)
		rc = ds_field_seal_row(ctx, candidate_id, what, row, value,
				       &blob, &len, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT INTO anchor (id, candidate_id, "
			"kind, value_sealed, value_mac, created) VALUES "
			"(?, ?, ?, ?, ?, ?)", "iitbbt", (sqlite3_int64)row,
			(sqlite3_int64)candidate_id, ds_anchor_kinds[kind],
			blob, (int)len, mac, (int)sizeof(mac), now);
	ds_free(blob);
	if (rc == DS_EEXIST)
		return ds_err_set(err, rc, "candidate %lld already has that "
				  "%s: see 'duesearch candidate show %lld'",
				  (long long)candidate_id,
				  ds_anchor_kinds[kind],
				  (long long)candidate_id);
	return rc;
}

int ds_candidate_add(struct ds_ctx *ctx, const struct ds_candidate_in *c,
		     int64_t *id, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "candidate.add",
				     .object = "candidate" };
	uint8_t key[DS_KEY_LEN];
	const char *status = c->status ? c->status : "applied";
	char now[21], detail[96];
	size_t i, legal = 0;
	int64_t vid = 0, cid;
	int rc, key_made = 0;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "add a candidate", err);
	if (!rc)
		rc = ds_vacancy_id(ctx, c->vacancy_ref ? c->vacancy_ref : "",
				   &vid, err);
	if (!rc && ds_enum_parse("status", status, ds_statuses, err) < 0)
		rc = DS_EDATA;
	if (rc)
		return rc;
	for (i = 0; i < c->nanchors; i++)
		legal += c->anchors[i].kind == DS_ANCHOR_LEGAL_NAME;
	if (legal != 1)
		return ds_err_set(err, DS_EUSAGE, "a candidate needs exactly "
				  "one legal name: pass --name once");
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT INTO candidate (vacancy_id, "
			"status, created, updated) VALUES (?, ?, ?, ?)", "itt"
			"t", (sqlite3_int64)vid, status, now, now);
	cid = rc ? 0 : sqlite3_last_insert_rowid(ctx->db);
	/*
	 * The id was given to no candidate of this case file before this
	 * transaction, so a key the key file holds for it is an orphan (an
	 * earlier add or purge that could not remove it, on a full disk
	 * say): it goes, and only then is the new key made.  Any other
	 * existing key is never replaced (ds_keystore_new_dek refuses).
	 */
	if (!rc && ds_keystore_get_dek(ctx->ks, cid, key, NULL) == 0)
		rc = ds_keystore_destroy_dek(ctx->ks, cid, err);
	ds_wipe(key, sizeof(key));
	if (!rc) {
		rc = ds_keystore_new_dek(ctx->ks, cid, key, err);
		key_made = !rc;
	}
	ds_wipe(key, sizeof(key));
	for (i = 0; !rc && i < c->nanchors; i++)
		rc = anchor_insert(ctx, cid, c->anchors[i].kind,
				   c->anchors[i].value, err);
	snprintf(detail, sizeof(detail), "status=%s anchors=%zu", status,
		 c->nanchors);
	ev.object_id = ev.candidate_id = cid;
	ev.vacancy_id = vid;
	ev.detail = detail;
	rc = ds_audit_commit(ctx, rc, &ev, err);
	if (rc) {
		/* The record is gone: its key must not outlive it. */
		if (key_made)
			ds_keystore_destroy_dek(ctx->ks, cid, NULL);
		return rc;
	}
	if (id)
		*id = cid;
	return 0;
}

int ds_candidate_set_status(struct ds_ctx *ctx, int64_t id,
			    const char *status, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "candidate.status",
				     .object = "candidate" };
	char now[21], detail[64];
	int64_t vid = 0;
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "change a candidate's status",
			err);
	if (!rc && ds_enum_parse("status", status, ds_statuses, err) < 0)
		rc = DS_EDATA;
	if (!rc)
		rc = ds_candidate_vacancy(ctx, id, &vid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "UPDATE candidate SET status = ?, "
			"updated = ? WHERE id = ?", "tti", status, now,
			(sqlite3_int64)id);
	snprintf(detail, sizeof(detail), "status=%s", status);
	ev.object_id = ev.candidate_id = id;
	ev.vacancy_id = vid;
	ev.detail = detail;
	return ds_audit_commit(ctx, rc, &ev, err);
}

int ds_candidate_list(struct ds_ctx *ctx, const char *vacancy_ref,
		      json_t **out, struct ds_err *err)
{
	int64_t vid = 0;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"list candidates", err);
	if (!rc && vacancy_ref)
		rc = ds_vacancy_id(ctx, vacancy_ref, &vid, err);
	if (!rc && vacancy_ref)
		rc = ds_scope_check(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL |
				    DS_ROLE_DPO, vid, 0, "vacancy", vid,
				    "candidate.list", err);
	/* Someone acting for some schools only lists their candidates. */
	if (!rc)
		rc = candidates_json(ctx, vid, ds_scope_viewer(ctx), out, err);
	return rc;
}

/*
 * Rows of a query over one candidate's table as JSON objects.  The sealed
 * column (sealed_col) is opened under "<label>.<column 1>", column 1 being
 * what the field was sealed for (an anchor's kind, a handle's platform),
 * bound to the row whose id is column 0.
 */
static int rows_json(struct ds_ctx *ctx, int64_t cid, const char *sql,
		     const char *sealed_col, const char *label, json_t **out,
		     struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	int rc, i;

	rc = ds_db_prepare(ctx->db, &stmt, err, sql, "i", (sqlite3_int64)cid);
	if (rc)
		return rc;
	list = json_array();
	if (!list) {
		sqlite3_finalize(stmt);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the case", err)) ==
	       1) {
		json_t *row = json_object();

		if (!row) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			break;
		}

		for (i = 0; i < sqlite3_column_count(stmt); i++) {
			const char *name = sqlite3_column_name(stmt, i);
			char *plain = NULL;

			if (sealed_col && strcmp(name, sealed_col) == 0) {
				char lab[64];

				snprintf(lab, sizeof(lab), "%s.%s", label,
					 (const char *)
					 sqlite3_column_text(stmt, 1));
				rc = ds_field_unseal_row(ctx, cid, lab,
					sqlite3_column_int64(stmt, 0),
					sqlite3_column_blob(stmt, i),
					(size_t)sqlite3_column_bytes(stmt, i),
					&plain, err);
				if (rc)
					break;
				rc = ds_json_put(row, name, json_string(plain),
						 err);
				ds_free(plain);
			} else {
				rc = ds_json_put(row, name,
						 ds_json_col(stmt, i), err);
			}
			if (rc)
				break;
		}
		if (!rc)
			rc = ds_json_push(list, row, err);
		else
			json_decref(row);
		if (rc < 0)
			break;
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

int ds_candidate_show(struct ds_ctx *ctx, int64_t id, json_t **out,
		      struct ds_err *err)
{
	json_t *c = NULL, *part;
	sqlite3_stmt *stmt;
	int rc;
	static const struct {
		const char *key, *sql, *sealed, *label;
	} parts[] = {
		{ "anchors", "SELECT id, kind, value_sealed AS value FROM "
		  "anchor WHERE candidate_id = ? ORDER BY id", "value",
		  "anchor" },
		{ "handles", "SELECT id, platform, handle_sealed AS handle, "
		  "created FROM handle WHERE candidate_id = ? ORDER BY id",
		  "handle", "handle" },
		{ "notices", "SELECT id, given_on, channel, evidence_sha256, "
		  "evidence_size, created FROM notice WHERE candidate_id = ? "
		  "ORDER BY id", NULL, NULL },
		{ "consents", "SELECT id, given_on, scope, evidence_sha256, "
		  "evidence_size, withdrawn_on, created FROM consent WHERE "
		  "candidate_id = ? ORDER BY id", NULL, NULL },
	};
	size_t i;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"show a candidate", err);
	if (!rc)
		rc = ds_scope_candidate(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL |
					DS_ROLE_DPO, id, "candidate.show",
					err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT c.id, v.ref, "
				   "c.status, c.created, c.updated, c.closed "
				   "FROM candidate c JOIN vacancy v ON v.id = "
				   "c.vacancy_id WHERE c.id = ?", "i",
				   (sqlite3_int64)id);
	if (rc)
		return rc;
	if (ds_db_step(ctx->db, stmt, "cannot read the candidate", err) == 1)
		c = json_pack("{s:o s:o s:o s:o s:o s:o}",
			      "id", ds_json_col(stmt, 0),
			      "vacancy", ds_json_col(stmt, 1),
			      "status", ds_json_col(stmt, 2),
			      "created", ds_json_col(stmt, 3),
			      "updated", ds_json_col(stmt, 4),
			      "closed", ds_json_col(stmt, 5));
	sqlite3_finalize(stmt);
	if (!c)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		rc = rows_json(ctx, id, parts[i].sql, parts[i].sealed,
			       parts[i].label, &part, err);
		if (!rc)
			rc = ds_json_put(c, parts[i].key, part, err);
		if (rc) {
			json_decref(c);
			return rc;
		}
	}
	rc = ds_claim_rows(ctx, id, &part, err);
	if (!rc)
		rc = ds_json_put(c, "claims", part, err);
	if (rc) {
		json_decref(c);
		return rc;
	}
	*out = c;
	return 0;
}

int ds_anchor_add(struct ds_ctx *ctx, int64_t candidate_id,
		  enum ds_anchor_kind kind, const char *value, int64_t *id,
		  struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "anchor.add",
				     .object = "anchor" };
	char detail[48];
	int64_t vid = 0;
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "add an identity anchor", err);
	if (!rc)
		rc = ds_candidate_vacancy(ctx, candidate_id, &vid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	rc = anchor_insert(ctx, candidate_id, kind, value, err);
	ev.object_id = sqlite3_last_insert_rowid(ctx->db);
	ev.candidate_id = candidate_id;
	ev.vacancy_id = vid;
	snprintf(detail, sizeof(detail), "kind=%s",
		 kind < DS_ANCHOR_NKINDS ? ds_anchor_kinds[kind] : "?");
	ev.detail = detail;
	rc = ds_audit_commit(ctx, rc, &ev, err);
	if (!rc && id)
		*id = ev.object_id;
	return rc;
}

int ds_candidate_row_remove(struct ds_ctx *ctx, const char *what,
			    int64_t row_id, const char *list_hint,
			    const char *select_sql, const char *delete_sql,
			    struct ds_err *err)
{
	struct ds_audit_event ev = { .object = what };
	char action[32];
	sqlite3_int64 cid;
	int64_t vid = 0;
	int rc;

	rc = ds_db_int(ctx->db, &cid, err, select_sql, "i",
		       (sqlite3_int64)row_id);
	if (rc == DS_ENOTFOUND)
		return ds_err_set(err, rc, "unknown %s %lld: see '%s'", what,
				  (long long)row_id, list_hint);
	if (!rc)
		rc = ds_candidate_vacancy(ctx, cid, &vid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	rc = ds_db_exec(ctx->db, err, delete_sql, "i", (sqlite3_int64)row_id);
	snprintf(action, sizeof(action), "%s.remove", what);
	ev.action = action;
	ev.object_id = row_id;
	ev.candidate_id = cid;
	ev.vacancy_id = vid;
	return ds_audit_commit(ctx, rc, &ev, err);
}

int ds_anchor_remove(struct ds_ctx *ctx, int64_t anchor_id,
		     struct ds_err *err)
{
	int rc = ds_require(ctx, DS_ROLE_RECRUITER, "remove an identity "
			    "anchor", err);

	if (rc)
		return rc;
	return ds_candidate_row_remove(ctx, "anchor", anchor_id,
				       "duesearch candidate show",
				       "SELECT candidate_id FROM anchor WHERE "
				       "id = ?", "DELETE FROM anchor WHERE "
				       "id = ?", err);
}

int ds_handle_add(struct ds_ctx *ctx, int64_t candidate_id,
		  const char *platform, const char *handle, int64_t *id,
		  struct ds_err *err)
{
	return ds_handle_declare(ctx, candidate_id, platform, handle, NULL,
				 NULL, id, err);
}

int ds_handle_declare(struct ds_ctx *ctx, int64_t candidate_id,
		      const char *platform, const char *handle,
		      const char *url, const struct ds_sitelist *sites,
		      int64_t *id, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "handle.add",
				     .object = "handle" };
	struct ds_handle_decl *d;
	char now[21], detail[64], what[48];
	uint8_t *blob = NULL, mac[16];
	size_t len = 0;
	int64_t vid = 0, row = 0;
	int rc;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "add a handle", err);
	if (!rc)
		rc = ds_candidate_vacancy(ctx, candidate_id, &vid, err);
	if (rc)
		return rc;
	d = ds_malloc(sizeof(*d));
	if (!d)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	rc = ds_handle_resolve(platform, handle, url, sites, d, err);
	if (rc)
		goto out;
	/*
	 * The platform stays in clear (it chooses the connector); the label
	 * binds the sealed handle to it and to the row's id, taken inside
	 * the transaction.  Platform names are at most DS_PLATFORM_NAME_MAX
	 * bytes, so the label is never cut.
	 */
	snprintf(what, sizeof(what), "handle.%s", d->platform);
	rc = ds_field_mac(ctx, candidate_id, d->platform, d->handle, mac,
			  err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		goto out;
	rc = ds_row_next(ctx, "handle", &row, err);
	if (!rc)
		rc = ds_field_seal_row(ctx, candidate_id, what, row, d->handle,
				       &blob, &len, err);
	ds_time_now(now);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO handle (id, "
				"candidate_id, platform, handle_sealed, "
				"handle_mac, created) VALUES (?, ?, ?, ?, ?, "
				"?)", "iitbbt", (sqlite3_int64)row,
				(sqlite3_int64)candidate_id, d->platform, blob,
				(int)len, mac, (int)sizeof(mac), now);
	if (rc == DS_EEXIST)
		rc = ds_err_set(err, rc, "candidate %lld already has that %s "
				"handle: see 'duesearch handle list "
				"--candidate %lld'", (long long)candidate_id,
				d->platform, (long long)candidate_id);
	ev.object_id = sqlite3_last_insert_rowid(ctx->db);
	ev.candidate_id = candidate_id;
	ev.vacancy_id = vid;
	snprintf(detail, sizeof(detail), "platform=%s", d->platform);
	ev.detail = detail;
	rc = ds_audit_commit(ctx, rc, &ev, err);
	if (!rc && id)
		*id = ev.object_id;
out:
	ds_free(blob);
	ds_free(d);
	return rc;
}

int ds_handle_remove(struct ds_ctx *ctx, int64_t handle_id,
		     struct ds_err *err)
{
	int rc = ds_require(ctx, DS_ROLE_RECRUITER, "remove a handle", err);

	if (rc)
		return rc;
	return ds_candidate_row_remove(ctx, "handle", handle_id,
				       "duesearch candidate show",
				       "SELECT candidate_id FROM handle WHERE "
				       "id = ?", "DELETE FROM handle WHERE "
				       "id = ?", err);
}

int ds_handle_list(struct ds_ctx *ctx, int64_t candidate_id, json_t **out,
		   struct ds_err *err)
{
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"list handles", err);
	if (!rc)
		rc = ds_scope_candidate(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL |
					DS_ROLE_DPO, candidate_id,
					"handle.list", err);
	if (rc)
		return rc;
	return rows_json(ctx, candidate_id, "SELECT id, platform, "
			 "handle_sealed AS handle, created FROM handle WHERE "
			 "candidate_id = ? ORDER BY id", "handle", "handle",
			 out, err);
}
