/*
 * school.c: schools of a trust and the school scope of roles (see
 * school.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "db.h"
#include "school.h"
#include "text.h"

/* Append the event and commit, or roll back on any earlier failure. */
static int finish(struct ds_ctx *ctx, int rc, const struct ds_audit_event *ev,
		  struct ds_err *err)
{
	if (!rc)
		rc = ds_audit_append(ctx, ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

/* A URN is 6 to 8 digits. */
static int urn_check(const char *urn, struct ds_err *err)
{
	size_t i, n = strlen(urn);

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)urn[i]))
			break;
	if (i == n && n >= 6 && n <= 8)
		return 0;
	return ds_err_set(err, DS_EDATA, "bad URN '%.32s': a school's unique "
			  "reference number is 6 to 8 digits", urn);
}

int ds_school_add(struct ds_ctx *ctx, const char *name, const char *urn,
		  const char *address, int64_t *id, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "school.add",
				     .object = "school" };
	sqlite3_int64 n = 0, implicit = 0;
	char now[21];
	int rc;

	rc = ds_require(ctx, DS_ROLE_ADMIN, "add a school", err);
	if (!rc)
		rc = ds_text_check("school name", name ? name : "", 200, err);
	if (!rc && urn)
		rc = urn_check(urn, err);
	if (!rc && address)
		rc = ds_text_check("school address", address, 500, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_int(ctx->db, &n, err, "SELECT count(*) FROM school", "");
	if (!rc && n == 1)
		rc = ds_db_int(ctx->db, &implicit, err, "SELECT id FROM school "
			       "WHERE implicit = 1", "");
	if (rc == DS_ENOTFOUND)
		rc = 0;
	if (!rc && implicit) {
		/* The school made from the organisation gets its details. */
		rc = ds_db_exec(ctx->db, err, "UPDATE school SET name = ?, "
				"urn = ?, address = ?, implicit = 0 WHERE id "
				"= ?", "ttti", name, urn, address, implicit);
		ev.object_id = implicit;
		ev.detail = "from-organisation=1";
	} else if (!rc) {
		rc = ds_db_exec(ctx->db, err, "INSERT INTO school (name, urn, "
				"address, created) VALUES (?, ?, ?, ?)", "tttt",
				name, urn, address, now);
		ev.object_id = sqlite3_last_insert_rowid(ctx->db);
	}
	if (rc == DS_EEXIST)
		rc = ds_err_set(err, rc, "a school with URN '%s' already "
				"exists: see 'duesearch school list'", urn);
	rc = finish(ctx, rc, &ev, err);
	if (!rc && id)
		*id = ev.object_id;
	return rc;
}

int ds_school_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO |
			DS_ROLE_ADMIN, "list schools", err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT s.id, s.urn, "
				   "s.name, s.address, (SELECT count(*) FROM "
				   "vacancy v WHERE v.school_id = s.id) FROM "
				   "school s ORDER BY s.id", "");
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the schools",
				err)) == 1)
		json_array_append_new(list, json_pack("{s:o s:o s:o s:o s:o}",
			"id", ds_json_col(stmt, 0), "urn", ds_json_col(stmt, 1),
			"name", ds_json_col(stmt, 2),
			"address", ds_json_col(stmt, 3),
			"vacancies", ds_json_col(stmt, 4)));
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

int ds_school_find(struct ds_ctx *ctx, const char *spec, int64_t *id,
		   struct ds_err *err)
{
	sqlite3_int64 v, n;
	int rc = DS_ENOTFOUND;

	if (spec)
		rc = ds_db_int(ctx->db, &v, err, "SELECT id FROM school WHERE "
			       "CAST(id AS TEXT) = ?1 OR urn = ?1 OR name = "
			       "?1 ORDER BY id LIMIT 1", "t", spec);
	if (rc == DS_ENOTFOUND) {
		rc = ds_db_int(ctx->db, &n, err, "SELECT count(*) FROM "
			       "school", "");
		if (!rc && n == 1)
			rc = ds_db_int(ctx->db, &v, err, "SELECT id FROM "
				       "school", "");
		else if (!rc)
			rc = ds_err_set(err, DS_ENOTFOUND, "%s%.64s%s: the "
					"organisation has %lld schools: pass "
					"--school URN (see 'duesearch school "
					"list')", spec ? "unknown school '" :
					"say which school", spec ? spec : "",
					spec ? "'" : "", (long long)n);
	}
	if (!rc)
		*id = v;
	return rc;
}

/*
 * The id of person (enabled) and, when school is not NULL, of that school
 * (id, URN or name): DS_ENOTFOUND naming the fix otherwise.
 */
static int person_school(struct ds_ctx *ctx, const char *person,
			 const char *school, sqlite3_int64 *aid, int64_t *sid,
			 struct ds_err *err)
{
	sqlite3_int64 v;
	int rc;

	*sid = 0;
	rc = ds_db_int(ctx->db, aid, err, "SELECT id FROM actor WHERE name = "
		       "? AND disabled = 0", "t", person);
	if (rc == DS_ENOTFOUND)
		return ds_err_set(err, rc, "unknown person '%.64s': see "
				  "'duesearch actor list' (or add them with "
				  "'duesearch actor add')", person);
	if (!rc && school) {
		rc = ds_db_int(ctx->db, &v, err, "SELECT id FROM school "
			       "WHERE CAST(id AS TEXT) = ?1 OR urn = ?1 OR "
			       "name = ?1 ORDER BY id LIMIT 1", "t", school);
		if (rc == DS_ENOTFOUND)
			rc = ds_err_set(err, rc, "unknown school '%.64s': see "
					"'duesearch school list'", school);
		if (!rc)
			*sid = v;
	}
	return rc;
}

int ds_role_grant(struct ds_ctx *ctx, const char *person, unsigned roles,
		  const char *school, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "role.grant",
				     .object = "actor" };
	sqlite3_int64 aid;
	int64_t sid = 0;
	char detail[96], names[64], now[21];
	unsigned i;
	int rc;

	rc = ds_require(ctx, DS_ROLE_ADMIN, "grant roles", err);
	if (rc)
		return rc;
	if (school && (roles & (DS_ROLE_DPO | DS_ROLE_ADMIN)))
		return ds_err_set(err, DS_EUSAGE, "the DPO and the admin act "
				  "for the whole trust: grant them without "
				  "--school");
	rc = person_school(ctx, person, school, &aid, &sid, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "UPDATE actor SET roles = roles | ? "
			"WHERE id = ?", "di", (int)roles, aid);
	for (i = 0; !rc && i < 4; i++) {
		unsigned bit = 1u << i;

		if (!(roles & bit) || (bit & (DS_ROLE_DPO | DS_ROLE_ADMIN)))
			continue;
		if (sid)
			rc = ds_db_exec(ctx->db, err, "INSERT OR IGNORE INTO "
					"role_scope (actor_id, role, "
					"school_id, created) VALUES (?, ?, ?, "
					"?)", "itit", aid, ds_role_name(bit),
					(sqlite3_int64)sid, now);
		else
			rc = ds_db_exec(ctx->db, err, "DELETE FROM role_scope "
					"WHERE actor_id = ? AND role = ?", "it",
					aid, ds_role_name(bit));
	}
	ds_roles_format(roles, names, sizeof(names));
	snprintf(detail, sizeof(detail), "roles=%s school=%lld", names,
		 (long long)sid);
	ev.object_id = aid;
	ev.detail = detail;
	return finish(ctx, rc, &ev, err);
}

/*
 * Take one role (one bit) from person aid for school sid, or everywhere
 * (sid 0): *dropped 1 when they no longer hold the role at all.
 */
static int revoke_one(struct ds_ctx *ctx, sqlite3_int64 aid, unsigned bit,
		      int64_t sid, const char *person, int *dropped,
		      struct ds_err *err)
{
	const char *role = ds_role_name(bit);
	sqlite3_int64 rows = 0, left = 0;
	int rc;

	*dropped = 0;
	if (!sid) {
		*dropped = 1;
		rc = ds_db_exec(ctx->db, err, "DELETE FROM role_scope WHERE "
				"actor_id = ? AND role = ?", "it", aid, role);
		if (!rc)
			rc = ds_db_exec(ctx->db, err, "UPDATE actor SET roles "
					"= roles & ~? WHERE id = ?", "di",
					(int)bit, aid);
		return rc;
	}
	rc = ds_db_int(ctx->db, &rows, err, "SELECT count(*) FROM role_scope "
		       "WHERE actor_id = ? AND role = ?", "it", aid, role);
	if (!rc && !rows)
		return ds_err_set(err, DS_ESTATE, "'%.64s' holds the role %s "
				  "trust-wide, not for some schools: revoke it "
				  "without --school, then grant it for the "
				  "schools they keep", person, role);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "DELETE FROM role_scope WHERE "
				"actor_id = ? AND role = ? AND school_id = ?",
				"iti", aid, role, (sqlite3_int64)sid);
	if (!rc && sqlite3_changes(ctx->db) == 0)
		return ds_err_set(err, DS_ENOTFOUND, "'%.64s' does not hold "
				  "the role %s for that school: see 'duesearch "
				  "role list'", person, role);
	if (!rc)
		rc = ds_db_int(ctx->db, &left, err, "SELECT count(*) FROM "
			       "role_scope WHERE actor_id = ? AND role = ?",
			       "it", aid, role);
	/* The last school gone: no role, rather than the whole trust. */
	if (!rc && !left) {
		*dropped = 1;
		rc = ds_db_exec(ctx->db, err, "UPDATE actor SET roles = roles "
				"& ~? WHERE id = ?", "di", (int)bit, aid);
	}
	return rc;
}

int ds_role_revoke(struct ds_ctx *ctx, const char *person, unsigned roles,
		   const char *school, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "role.revoke",
				     .object = "actor" };
	sqlite3_int64 aid, held;
	int64_t sid = 0;
	char detail[192], names[64], gone[64];
	unsigned i, dropped = 0;
	int rc;

	rc = ds_require(ctx, DS_ROLE_ADMIN, "revoke roles", err);
	if (rc)
		return rc;
	if (!roles || roles >= 16)
		return ds_err_set(err, DS_EUSAGE, "no role given: pass --role "
				  "recruiter, dsl, dpo or admin");
	if (school && (roles & (DS_ROLE_DPO | DS_ROLE_ADMIN)))
		return ds_err_set(err, DS_EUSAGE, "the DPO and the admin act "
				  "for the whole trust: revoke them without "
				  "--school");
	if (strcmp(person, ctx->actor_name) == 0 && (roles & DS_ROLE_ADMIN))
		return ds_err_set(err, DS_ESTATE, "you cannot remove your own "
				  "admin role: ask another admin");
	rc = person_school(ctx, person, school, &aid, &sid, err);
	if (!rc)
		rc = ds_db_int(ctx->db, &held, err, "SELECT roles FROM actor "
			       "WHERE id = ?", "i", aid);
	if (!rc && (roles & ~(unsigned)held)) {
		ds_roles_format(roles & ~(unsigned)held, names, sizeof(names));
		return ds_err_set(err, DS_ESTATE, "'%.64s' does not hold the "
				  "role %s: see 'duesearch actor list'",
				  person, names);
	}
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	for (i = 0; !rc && i < 4; i++) {
		unsigned bit = 1u << i;
		int d;

		if (!(roles & bit))
			continue;
		rc = revoke_one(ctx, aid, bit, sid, person, &d, err);
		if (!rc && d)
			dropped |= bit;
	}
	ds_roles_format(roles, names, sizeof(names));
	if (dropped)
		ds_roles_format(dropped, gone, sizeof(gone));
	else
		snprintf(gone, sizeof(gone), "none");
	snprintf(detail, sizeof(detail), "roles=%s school=%lld dropped=%s",
		 names, (long long)sid, gone);
	ev.object_id = aid;
	ev.detail = detail;
	return finish(ctx, rc, &ev, err);
}

int ds_role_scopes(struct ds_ctx *ctx, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_ADMIN | DS_ROLE_DPO, "list role scopes",
			err);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT a.name, "
				   "r.role, s.name, s.urn FROM role_scope r "
				   "JOIN actor a ON a.id = r.actor_id JOIN "
				   "school s ON s.id = r.school_id ORDER BY "
				   "a.name, r.role, s.id", "");
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the role scopes",
				err)) == 1)
		json_array_append_new(list, json_pack("{s:o s:o s:o s:o}",
			"person", ds_json_col(stmt, 0),
			"role", ds_json_col(stmt, 1),
			"school", ds_json_col(stmt, 2),
			"urn", ds_json_col(stmt, 3)));
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

int ds_scope_allows(struct ds_ctx *ctx, int64_t actor_id, unsigned any,
		    int64_t vid, int *ok, struct ds_err *err)
{
	sqlite3_int64 roles, n;
	unsigned i;
	int rc;

	*ok = 0;
	rc = ds_db_int(ctx->db, &roles, err, "SELECT roles FROM actor WHERE "
		       "id = ?", "i", (sqlite3_int64)actor_id);
	if (rc == DS_ENOTFOUND)
		return 0;
	for (i = 0; !rc && i < 4 && !*ok; i++) {
		unsigned bit = 1u << i;

		if (!(any & bit & (unsigned)roles))
			continue;
		if (bit & (DS_ROLE_DPO | DS_ROLE_ADMIN)) {
			*ok = 1;
			break;
		}
		/* Trust-wide (no row), or a row for the vacancy's school. */
		rc = ds_db_int(ctx->db, &n, err, "SELECT NOT EXISTS (SELECT 1 "
			       "FROM role_scope WHERE actor_id = ?1 AND role "
			       "= ?2) OR EXISTS (SELECT 1 FROM role_scope r "
			       "JOIN vacancy v ON v.school_id = r.school_id "
			       "WHERE r.actor_id = ?1 AND r.role = ?2 AND "
			       "v.id = ?3)", "iti", (sqlite3_int64)actor_id,
			       ds_role_name(bit), (sqlite3_int64)vid);
		if (!rc && n)
			*ok = 1;
	}
	return rc;
}

/*
 * Audit the refusal of what (on object/object_id, of school sid) in its
 * own transaction when the caller has none, and return DS_EPERM.
 */
static int scope_refuse(struct ds_ctx *ctx, int64_t vid, int64_t cid,
			int64_t sid, const char *object, int64_t object_id,
			const char *what, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "scope.refuse",
				     .object = object, .object_id = object_id,
				     .vacancy_id = vid, .candidate_id = cid };
	char detail[160];
	struct ds_err aerr;
	int rc, own;

	ds_err_init(&aerr);
	snprintf(detail, sizeof(detail), "reason=other-school role=%s "
		 "school=%lld what=%s", ctx->role_used, (long long)sid, what);
	ev.detail = detail;
	/* The refusal is recorded even when the caller reads only. */
	own = sqlite3_get_autocommit(ctx->db);
	rc = own ? ds_db_begin(ctx->db, &aerr) : 0;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, &aerr);
	if (own && !rc)
		rc = ds_db_commit(ctx->db, &aerr);
	else if (own)
		ds_db_rollback(ctx->db);
	if (rc)
		return ds_err_set(err, rc, "%s", aerr.msg);
	return ds_err_set(err, DS_EPERM, "'%s' may not act on %s %lld: it "
			  "belongs to a school outside those '%s' holds the "
			  "role %s for: ask an admin ('duesearch role grant "
			  "--school')", ctx->actor_name, object,
			  (long long)object_id, ctx->actor_name,
			  ctx->role_used);
}

int ds_scope_check(struct ds_ctx *ctx, unsigned any, int64_t vid,
		   int64_t cid, const char *object, int64_t object_id,
		   const char *what, struct ds_err *err)
{
	sqlite3_int64 sid = 0;
	int ok, rc;

	rc = ds_scope_allows(ctx, ctx->actor_id, any, vid, &ok, err);
	if (rc || ok)
		return rc;
	if (ds_db_int(ctx->db, &sid, err, "SELECT school_id FROM vacancy "
		      "WHERE id = ?", "i", (sqlite3_int64)vid))
		sid = 0;
	return scope_refuse(ctx, vid, cid, sid, object, object_id, what, err);
}

int ds_scope_school(struct ds_ctx *ctx, unsigned any, int64_t sid,
		    const char *what, struct ds_err *err)
{
	sqlite3_int64 n;
	unsigned i;
	int rc = 0;

	for (i = 0; i < 4; i++) {
		unsigned bit = 1u << i;

		if (!(any & bit & ctx->actor_roles))
			continue;
		if (bit & (DS_ROLE_DPO | DS_ROLE_ADMIN))
			return 0;
		rc = ds_db_int(ctx->db, &n, err, "SELECT NOT EXISTS (SELECT 1 "
			       "FROM role_scope WHERE actor_id = ?1 AND role "
			       "= ?2) OR EXISTS (SELECT 1 FROM role_scope "
			       "WHERE actor_id = ?1 AND role = ?2 AND "
			       "school_id = ?3)", "iti",
			       (sqlite3_int64)ctx->actor_id, ds_role_name(bit),
			       (sqlite3_int64)sid);
		if (rc)
			return rc;
		if (n)
			return 0;
	}
	return scope_refuse(ctx, 0, 0, sid, "school", sid, what, err);
}

int ds_scope_candidate(struct ds_ctx *ctx, unsigned any, int64_t cid,
		       const char *what, struct ds_err *err)
{
	int64_t vid;
	int rc = ds_candidate_vacancy(ctx, cid, &vid, err);

	if (!rc)
		rc = ds_scope_check(ctx, any, vid, cid, "candidate", cid, what,
				    err);
	return rc;
}

int64_t ds_scope_limit(struct ds_ctx *ctx, unsigned role)
{
	sqlite3_int64 n = 1;
	struct ds_err err;

	if (ds_db_int(ctx->db, &n, &err, "SELECT count(*) FROM role_scope "
		      "WHERE actor_id = ? AND role = ?", "it",
		      (sqlite3_int64)ctx->actor_id, ds_role_name(role)))
		n = 1;          /* fail closed */
	return n ? ctx->actor_id : 0;
}

int64_t ds_scope_viewer(struct ds_ctx *ctx)
{
	if (ctx->actor_roles & (DS_ROLE_DPO | DS_ROLE_ADMIN))
		return 0;
	if ((ctx->actor_roles & DS_ROLE_RECRUITER) &&
	    !ds_scope_limit(ctx, DS_ROLE_RECRUITER))
		return 0;
	if ((ctx->actor_roles & DS_ROLE_DSL) &&
	    !ds_scope_limit(ctx, DS_ROLE_DSL))
		return 0;
	return ctx->actor_id;
}
