/*
 * actor.c: the people who act, their roles, and panel declarations.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "db.h"
#include "text.h"

/*
 * Finish a write begun by the caller (rc is the result of its statement):
 * check it changed a row, append the audit event, commit or roll back.
 */
static int actor_finish(struct ds_ctx *ctx, int rc, const char *name,
			unsigned roles, const char *action, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = action, .object = "actor" };
	sqlite3_int64 id = 0;
	char detail[64], names[48];

	if (rc == DS_EEXIST)
		rc = ds_err_set(err, DS_EEXIST, "actor '%.64s' already exists: "
				"change their roles with 'duesearch actor role "
				"%.64s --role ...'", name, name);
	if (!rc && sqlite3_changes(ctx->db) == 0)
		rc = ds_err_set(err, DS_ENOTFOUND, "unknown or disabled actor "
				"'%.64s': see 'duesearch actor list'", name);
	if (!rc)
		rc = ds_db_int(ctx->db, &id, err, "SELECT id FROM actor WHERE "
			       "name = ?", "t", name);
	if (!rc) {
		ds_roles_format(roles, names, sizeof(names));
		snprintf(detail, sizeof(detail), "roles=%s", names);
		ev.object_id = id;
		ev.detail = detail;
		rc = ds_audit_append(ctx, &ev, err);
	}
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

/* Roles must name at least one known role. */
static int check_roles(unsigned roles, struct ds_err *err)
{
	if (!roles || roles >= 16)
		return ds_err_set(err, DS_EUSAGE, "no role given: pass --role "
				  "recruiter, dsl, dpo or admin");
	return 0;
}

int ds_actor_add(struct ds_ctx *ctx, const char *name, unsigned roles,
		 int64_t *id, struct ds_err *err)
{
	return ds_actor_add_named(ctx, name, NULL, roles, id, err);
}

int ds_actor_add_named(struct ds_ctx *ctx, const char *name,
		       const char *display, unsigned roles, int64_t *id,
		       struct ds_err *err)
{
	char now[21];
	int rc;

	rc = ds_require(ctx, DS_ROLE_ADMIN, "add an actor", err);
	if (!rc)
		rc = ds_text_check("actor name", name, 64, err);
	if (!rc && display)
		rc = ds_text_check("display name", display, 100, err);
	if (!rc)
		rc = check_roles(roles, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "INSERT INTO actor (roles, name, "
			"created, display_name) VALUES (?, ?, ?, ?)", "dttt",
			(int)roles, name, now, display);
	rc = actor_finish(ctx, rc, name, roles, "actor.add", err);
	if (!rc && id)
		rc = ds_db_int(ctx->db, (sqlite3_int64 *)id, err, "SELECT id "
			       "FROM actor WHERE name = ?", "t", name);
	return rc;
}

int ds_actor_set_roles(struct ds_ctx *ctx, const char *name, unsigned roles,
		       struct ds_err *err)
{
	int rc = ds_require(ctx, DS_ROLE_ADMIN, "change an actor's roles",
			    err);

	if (!rc)
		rc = check_roles(roles, err);
	if (rc)
		return rc;
	if (strcmp(name, ctx->actor_name) == 0 && !(roles & DS_ROLE_ADMIN))
		return ds_err_set(err, DS_ESTATE, "you cannot remove your own "
				  "admin role: ask another admin");
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	/*
	 * A role taken away takes its school limit with it, so granting it
	 * again later does not bring back an old limit.  (Before the update,
	 * whose row count actor_finish checks.)
	 */
	rc = ds_db_exec(ctx->db, err, "DELETE FROM role_scope WHERE actor_id "
			"IN (SELECT id FROM actor WHERE name = ?1 AND disabled "
			"= 0) AND ((role = 'recruiter' AND (?2 & ?3) = 0) OR "
			"(role = 'dsl' AND (?2 & ?4) = 0))", "tddd", name,
			(int)roles, (int)DS_ROLE_RECRUITER, (int)DS_ROLE_DSL);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "UPDATE actor SET roles = ? "
				"WHERE name = ? AND disabled = 0", "dt",
				(int)roles, name);
	return actor_finish(ctx, rc, name, roles, "actor.role", err);
}

int ds_actor_set_display_name(struct ds_ctx *ctx, const char *name,
			      const char *display, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "actor.name",
				     .object = "actor" };
	sqlite3_int64 id = 0;
	int rc = ds_require(ctx, DS_ROLE_ADMIN, "change a person's display "
			    "name", err);

	if (!rc)
		rc = ds_text_check("display name", display, 100, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	rc = ds_db_exec(ctx->db, err, "UPDATE actor SET display_name = ? "
			"WHERE name = ?", "tt", display, name);
	if (!rc && sqlite3_changes(ctx->db) == 0)
		rc = ds_err_set(err, DS_ENOTFOUND, "unknown actor '%.64s': see "
				"'duesearch actor list'", name);
	if (!rc)
		rc = ds_db_int(ctx->db, &id, err, "SELECT id FROM actor WHERE "
			       "name = ?", "t", name);
	/* The audit row holds no personal data: the name stays out. */
	ev.object_id = id;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

int ds_actor_display(struct ds_ctx *ctx, const char *name, char *out,
		     size_t size)
{
	sqlite3_stmt *stmt;
	int rc, n = -1;

	rc = ds_db_prepare(ctx->db, &stmt, NULL, "SELECT IFNULL(display_name, "
			   "name) FROM actor WHERE name = ?", "t", name);
	if (rc == 0 && ds_db_step(ctx->db, stmt, "", NULL) == 1)
		n = snprintf(out, size, "%s", (const char *)
			     sqlite3_column_text(stmt, 0));
	if (rc == 0)
		sqlite3_finalize(stmt);
	if (n < 0 || (size_t)n >= size) {
		n = snprintf(out, size, "%s", name ? name : "");
		return n < 0 || (size_t)n >= size ? -1 : 0;
	}
	return 0;
}

int ds_actor_disable(struct ds_ctx *ctx, const char *name,
		     struct ds_err *err)
{
	int rc = ds_require(ctx, DS_ROLE_ADMIN, "disable an actor", err);

	if (rc)
		return rc;
	if (strcmp(name, ctx->actor_name) == 0)
		return ds_err_set(err, DS_ESTATE, "you cannot disable "
			"yourself: "
				  "ask another admin");
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	rc = ds_db_exec(ctx->db, err, "UPDATE actor SET disabled = 1 WHERE "
			"name = ? AND disabled = 0", "t", name);
	return actor_finish(ctx, rc, name, 0, "actor.disable", err);
}

int ds_actor_set_os_user(struct ds_ctx *ctx, const char *name,
			 const char *os_user, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "actor.os-user",
				     .object = "actor" };
	sqlite3_int64 id = 0;
	int rc = ds_require(ctx, DS_ROLE_ADMIN, "bind an actor to an account",
			    err);

	if (!rc && os_user && os_user[0])
		rc = ds_text_check("account name", os_user, 64, err);
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	rc = ds_db_exec(ctx->db, err, "UPDATE actor SET os_user = ? WHERE "
			"name = ? AND disabled = 0", "tt",
			os_user && os_user[0] ? os_user : NULL, name);
	if (rc == DS_EEXIST)
		rc = ds_err_set(err, DS_EEXIST, "account '%.64s' is already "
				"bound to another person: unbind it first",
				os_user);
	if (!rc && sqlite3_changes(ctx->db) == 0)
		rc = ds_err_set(err, DS_ENOTFOUND, "unknown or disabled actor "
				"'%.64s': see 'duesearch actor list'", name);
	if (!rc)
		rc = ds_db_int(ctx->db, &id, err, "SELECT id FROM actor WHERE "
			       "name = ?", "t", name);
	if (!rc) {
		ev.object_id = id;
		ev.detail = os_user && os_user[0] ? "bound=1" : "bound=0";
		rc = ds_audit_append(ctx, &ev, err);
	}
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

int ds_actor_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	char roles[48];
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_ADMIN | DS_ROLE_DPO | DS_ROLE_RECRUITER |
			DS_ROLE_DSL, "list actors", err);
	if (rc)
		return rc;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, name, roles, "
			   "disabled, created, display_name FROM actor ORDER "
			   "BY id", "");
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the actors",
				err)) == 1) {
		ds_roles_format((unsigned)sqlite3_column_int(stmt, 2), roles,
				sizeof(roles));
		json_array_append_new(list, json_pack("{s:o s:o s:s s:b s:o "
			"s:o}", "id", ds_json_col(stmt, 0),
			"name", ds_json_col(stmt, 1),
			"roles", roles,
			"disabled", sqlite3_column_int(stmt, 3),
			"created", ds_json_col(stmt, 4),
			"display_name", ds_json_col(stmt, 5)));
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}
