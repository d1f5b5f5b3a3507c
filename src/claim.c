/*
 * claim.c: what the candidate's application claims (see ds.h): the
 * employment history, qualifications and other declared facts.  Each
 * claim is personal data like an anchor: one canonical JSON object sealed
 * under the candidate's data key as "claim.<kind>", never in clear.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "db.h"
#include "mem.h"
#include "school.h"
#include "text.h"

const char *const ds_claim_kinds[] = {
	"employment", "qualification", "fact", NULL
};

#define FIELD_MAX 200
#define FACT_MAX 500

static int given(const char *s)
{
	return s && *s;
}

/*
 * A month written YYYY or YYYY-MM (years 1900-2999) as a month count:
 * the first month of a bare year when start is set, else its last.
 */
static int month_parse(const char *opt, const char *s, int start, long *out,
		       struct ds_err *err)
{
	long y = 0, m = 0;
	size_t i, n = strlen(s);

	if (n != 4 && n != 7)
		goto bad;
	for (i = 0; i < n; i++) {
		if (i == 4) {
			if (s[i] != '-')
				goto bad;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			goto bad;
		if (i < 4)
			y = y * 10 + (s[i] - '0');
		else
			m = m * 10 + (s[i] - '0');
	}
	if (y < 1900 || y > 2999 || (n == 7 && (m < 1 || m > 12)))
		goto bad;
	if (n == 4)
		m = start ? 1 : 12;
	*out = y * 12 + m - 1;
	return 0;
bad:
	return ds_err_set(err, DS_EDATA, "bad %s '%.20s': write YYYY or "
			  "YYYY-MM, e.g. 2019-09", opt, s);
}

/* Refuse fields that belong to another kind of claim. */
static int only(const struct ds_claim_in *c, const char *kind,
		struct ds_err *err)
{
	static const struct {
		const char *opt, *kind;
		size_t off;
	} f[] = {
		{ "--organisation", "employment",
		  offsetof(struct ds_claim_in, organisation) },
		{ "--role", "employment", offsetof(struct ds_claim_in, role) },
		{ "--from", "employment", offsetof(struct ds_claim_in, from) },
		{ "--to", "employment", offsetof(struct ds_claim_in, to) },
		{ "--location", "employment",
		  offsetof(struct ds_claim_in, location) },
		{ "--title", "qualification",
		  offsetof(struct ds_claim_in, title) },
		{ "--institution", "qualification",
		  offsetof(struct ds_claim_in, institution) },
		{ "--year", "qualification",
		  offsetof(struct ds_claim_in, year) },
		{ "--text", "fact", offsetof(struct ds_claim_in, text) },
	};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		const char *v = *(const char *const *)(const void *)
				((const char *)c + f[i].off);

		if (given(v) && strcmp(f[i].kind, kind) != 0)
			return ds_err_set(err, DS_EUSAGE, "%s is for %s "
					  "claims, not %s ones: drop it or "
					  "use --kind %s", f[i].opt, f[i].kind,
					  kind, f[i].kind);
	}
	return 0;
}

/* Check one optional text field and put it in j. */
static int put_text(json_t *j, const char *key, const char *what,
		    const char *v, size_t max, struct ds_err *err)
{
	int rc;

	if (!given(v))
		return 0;
	rc = ds_text_check(what, v, max, err);
	if (!rc && json_object_set_new(j, key, json_string(v)))
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
	return rc;
}

/* Validate a claim into its canonical JSON object. */
static int claim_json(const struct ds_claim_in *c, int kind, json_t **out,
		      struct ds_err *err)
{
	json_t *j = json_object();
	long from = 0, to = 0, y;
	int rc;

	*out = NULL;
	if (!j)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	rc = only(c, ds_claim_kinds[kind], err);
	if (rc)
		goto out;
	switch (kind) {
	case 0:
		if (!given(c->organisation)) {
			rc = ds_err_set(err, DS_EUSAGE, "an employment claim "
					"needs --organisation NAME");
			break;
		}
		rc = put_text(j, "organisation", "organisation",
			      c->organisation, FIELD_MAX, err);
		if (!rc)
			rc = put_text(j, "role", "role", c->role, FIELD_MAX,
				      err);
		if (!rc)
			rc = put_text(j, "location", "location", c->location,
				      FIELD_MAX, err);
		if (!rc && given(c->from))
			rc = month_parse("--from", c->from, 1, &from, err);
		if (!rc && given(c->from))
			rc = put_text(j, "from", "from", c->from, 7, err);
		if (!rc && given(c->to) && strcmp(c->to, "current") != 0)
			rc = month_parse("--to", c->to, 0, &to, err);
		if (!rc && given(c->to))
			rc = put_text(j, "to", "to", c->to, 7, err);
		if (!rc && given(c->from) && given(c->to) &&
		    strcmp(c->to, "current") != 0 && to < from)
			rc = ds_err_set(err, DS_EDATA, "the employment ends "
					"(%s) before it starts (%s): check "
					"--from and --to", c->to, c->from);
		break;
	case 1:
		if (!given(c->title)) {
			rc = ds_err_set(err, DS_EUSAGE, "a qualification claim "
					"needs --title TEXT");
			break;
		}
		rc = put_text(j, "title", "title", c->title, FIELD_MAX, err);
		if (!rc)
			rc = put_text(j, "institution", "institution",
				      c->institution, FIELD_MAX, err);
		if (!rc && given(c->year)) {
			rc = month_parse("--year", c->year, 1, &y, err);
			if (!rc && strlen(c->year) != 4)
				rc = ds_err_set(err, DS_EDATA, "bad --year "
						"'%.20s': write YYYY, e.g. "
						"2018", c->year);
			if (!rc)
				rc = put_text(j, "year", "year", c->year, 4,
					      err);
		}
		break;
	default:
		if (!given(c->text)) {
			rc = ds_err_set(err, DS_EUSAGE, "a fact claim needs "
					"--text TEXT");
			break;
		}
		rc = put_text(j, "text", "fact", c->text, FACT_MAX, err);
		break;
	}
out:
	if (rc) {
		json_decref(j);
		return rc;
	}
	*out = j;
	return 0;
}

int ds_claim_add(struct ds_ctx *ctx, int64_t candidate_id,
		 const struct ds_claim_in *c, int64_t *id, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "claim.add",
				     .object = "claim" };
	char what[48], detail[48], now[21], *canon = NULL, *p;
	uint8_t *blob = NULL, mac[16];
	json_t *j = NULL;
	int64_t vid = 0, row = 0;
	size_t len = 0;
	int rc, kind;

	rc = ds_require(ctx, DS_ROLE_RECRUITER, "record an application's "
			"claim", err);
	if (!rc)
		rc = ds_candidate_vacancy(ctx, candidate_id, &vid, err);
	if (rc)
		return rc;
	if (!given(c->kind))
		return ds_err_set(err, DS_EUSAGE, "say what the claim is: "
				  "--kind employment, qualification or fact");
	kind = ds_enum_parse("claim kind", c->kind, ds_claim_kinds, err);
	if (kind < 0)
		return DS_EDATA;
	rc = claim_json(c, kind, &j, err);
	if (rc)
		return rc;
	canon = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (!canon)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	/*
	 * Sealed under "claim.<kind>" bound to the row's id, taken inside
	 * the transaction; the blind index is the kind's only.
	 */
	snprintf(what, sizeof(what), "claim.%s", ds_claim_kinds[kind]);
	rc = ds_db_begin(ctx->db, err);
	if (rc) {
		ds_wipe(canon, strlen(canon));
		free(canon);
		return rc;
	}
	rc = ds_row_next(ctx, "claim", &row, err);
	if (!rc)
		rc = ds_field_seal_row(ctx, candidate_id, what, row, canon,
				       &blob, &len, err);
	/* The blind index folds ASCII case: "Oak School" is "oak school". */
	for (p = canon; !rc && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (!rc)
		rc = ds_field_mac(ctx, candidate_id, what, canon, mac, err);
	ds_wipe(canon, strlen(canon));
	free(canon);
	ds_time_now(now);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO claim (id, "
				"candidate_id, kind, claim_sealed, claim_mac, "
				"created) VALUES (?, ?, ?, ?, ?, ?)", "iitbbt",
				(sqlite3_int64)row, (sqlite3_int64)candidate_id,
				ds_claim_kinds[kind], blob, (int)len, mac,
				(int)sizeof(mac), now);
	ds_free(blob);
	if (rc == DS_EEXIST)
		rc = ds_err_set(err, rc, "candidate %lld already has that "
				"%s claim: see 'duesearch claim list "
				"--candidate %lld'", (long long)candidate_id,
				ds_claim_kinds[kind], (long long)candidate_id);
	ev.object_id = rc ? 0 : sqlite3_last_insert_rowid(ctx->db);
	ev.candidate_id = candidate_id;
	ev.vacancy_id = vid;
	snprintf(detail, sizeof(detail), "kind=%s", ds_claim_kinds[kind]);
	ev.detail = detail;
	rc = ds_audit_commit(ctx, rc, &ev, err);
	if (!rc && id)
		*id = ev.object_id;
	return rc;
}

int ds_claim_remove(struct ds_ctx *ctx, int64_t claim_id, struct ds_err *err)
{
	int rc = ds_require(ctx, DS_ROLE_RECRUITER, "remove an application's "
			    "claim", err);

	if (rc)
		return rc;
	return ds_candidate_row_remove(ctx, "claim", claim_id,
				       "duesearch claim list --candidate ID",
				       "SELECT candidate_id FROM claim WHERE "
				       "id = ?", "DELETE FROM claim WHERE "
				       "id = ?", err);
}

int ds_claim_rows(struct ds_ctx *ctx, int64_t candidate_id, json_t **out,
		  struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list, *row;
	int rc;

	*out = NULL;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, kind, "
			   "claim_sealed, created FROM claim WHERE "
			   "candidate_id = ? ORDER BY id", "i",
			   (sqlite3_int64)candidate_id);
	if (rc)
		return rc;
	list = json_array();
	if (!list)
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
	while (list && (rc = ds_db_step(ctx->db, stmt, "cannot read the "
					"claims", err)) == 1) {
		const char *kind = (const char *)sqlite3_column_text(stmt, 1);
		char label[48], *plain = NULL;

		snprintf(label, sizeof(label), "claim.%s", kind);
		rc = ds_field_unseal_row(ctx, candidate_id, label,
					 sqlite3_column_int64(stmt, 0),
					 sqlite3_column_blob(stmt, 2),
					 (size_t)sqlite3_column_bytes(stmt, 2),
					 &plain, err);
		if (rc)
			break;
		row = json_loads(plain, 0, NULL);
		ds_free(plain);
		if (!json_is_object(row)) {
			json_decref(row);
			rc = ds_err_set(err, DS_EDATA, "claim %lld is damaged: "
					"restore a backup", (long long)
					sqlite3_column_int64(stmt, 0));
			break;
		}
		if (json_array_append_new(list, row) ||
		    json_object_set_new(row, "id", ds_json_col(stmt, 0)) ||
		    json_object_set_new(row, "kind", ds_json_col(stmt, 1)) ||
		    json_object_set_new(row, "created",
					ds_json_col(stmt, 3))) {
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

int ds_claim_list(struct ds_ctx *ctx, int64_t candidate_id, json_t **out,
		  struct ds_err *err)
{
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"list an application's claims", err);
	if (!rc)
		rc = ds_scope_candidate(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL |
					DS_ROLE_DPO, candidate_id,
					"claim.list", err);
	if (!rc)
		rc = ds_claim_rows(ctx, candidate_id, out, err);
	return rc;
}
