/*
 * core.c: opening a case file, the organisation, roles, sealed fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "core.h"
#include "db.h"
#include "mem.h"
#include "text.h"

static const char *const role_names[] = {
	"recruiter", "dsl", "dpo", "admin", NULL
};

const char *ds_role_name(unsigned role)
{
	unsigned i;

	for (i = 0; role_names[i]; i++)
		if (role == 1u << i)
			return role_names[i];
	return "none";
}

int ds_roles_parse(const char *s, unsigned *roles, struct ds_err *err)
{
	char word[32];
	const char *p = s, *comma;
	size_t n;
	int i;

	*roles = 0;
	while (*p) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 0 || n >= sizeof(word))
			goto bad;
		memcpy(word, p, n);
		word[n] = '\0';
		for (i = 0; role_names[i]; i++)
			if (strcmp(word, role_names[i]) == 0)
				break;
		if (!role_names[i])
			goto bad;
		*roles |= 1u << i;
		p += n + (comma ? 1 : 0);
	}
	if (*roles)
		return 0;
bad:
	return ds_err_set(err, DS_EDATA, "bad role list '%.64s': use one or "
			  "more of recruiter, dsl, dpo, admin, separated by "
			  "commas", s);
}

void ds_roles_format(unsigned roles, char *out, size_t size)
{
	size_t len = 0;
	unsigned i;

	out[0] = '\0';
	for (i = 0; role_names[i]; i++) {
		if (!(roles & (1u << i)))
			continue;
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
					"%s%s", len ? "," : "", role_names[i]);
	}
	if (len >= size && size > 0)
		out[size - 1] = '\0';
}

int ds_require(struct ds_ctx *ctx, unsigned any, const char *doing,
	       struct ds_err *err)
{
	char need[64];
	unsigned i;

	ds_roles_format(any, need, sizeof(need));
	if (ctx->actor_disabled)
		return ds_err_set(err, DS_EPERM, "'%s' may not %s: that actor "
				  "was disabled: ask an admin", ctx->actor_name,
				  doing);
	if (!ctx->actor_id)
		return ds_err_set(err, DS_EPERM, "'%s' may not %s: not a "
				  "registered actor: ask an admin to run "
				  "'duesearch actor add %s --role %s'",
				  ctx->actor_name, doing, ctx->actor_name,
				  need);
	for (i = 0; role_names[i]; i++) {
		if ((any & ctx->actor_roles) & (1u << i)) {
			ctx->role_used = role_names[i];
			return 0;
		}
	}
	/* An administrator gives roles: never tell one to ask one. */
	if (ctx->actor_roles & DS_ROLE_ADMIN)
		return ds_err_set(err, DS_EPERM, "'%s' may not %s: it needs "
				  "the role %s, which you may give yourself "
				  "as an administrator: 'duesearch actor role "
				  "%s --role ...'", ctx->actor_name, doing,
				  need, ctx->actor_name);
	return ds_err_set(err, DS_EPERM, "'%s' may not %s: it needs the role "
			  "%s: ask an administrator to give it to you "
			  "('duesearch actor role %s --role ...')",
			  ctx->actor_name, doing, need, ctx->actor_name);
}

const char *ds_actor_name(const struct ds_ctx *ctx)
{
	return ctx->actor_name;
}

/* The path of the key file that goes with a database. */
static char *keys_path_for(const struct ds_open_opts *o)
{
	size_t n;
	char *p;

	if (o->keys_path)
		return ds_strdup(o->keys_path);
	n = strlen(o->db_path) + sizeof(".keys");
	p = ds_malloc(n);
	if (p)
		snprintf(p, n, "%s.keys", o->db_path);
	return p;
}

/* The value stored in org.key_check, proving the pair belongs together. */
static void key_check(const struct ds_keystore *ks, char out[65])
{
	static const char label[] = "duesearch key check:";
	const char *uuid = ds_keystore_org_uuid(ks);
	const void *parts[2] = { label, uuid };
	size_t lens[2] = { sizeof(label) - 1, strlen(uuid) };
	uint8_t mac[DS_SHA256_LEN];

	ds_hmac(ds_keystore_audit_key(ks), parts, lens, 2, mac);
	ds_hex(mac, sizeof(mac), out);
}

void ds_close(struct ds_ctx *ctx)
{
	if (!ctx)
		return;
	ds_db_close(ctx->db);
	ds_keystore_close(ctx->ks);
	ds_free(ctx->db_path);
	ds_free(ctx->keys_path);
	ds_free(ctx->actor_name);
	ds_free(ctx);
}

/* Allocate a context and copy the paths and the actor's name. */
static int ctx_new(const struct ds_open_opts *o, struct ds_ctx **out,
		   struct ds_err *err)
{
	struct ds_ctx *ctx = ds_calloc(1, sizeof(*ctx));

	*out = NULL;
	if (!ctx)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	ctx->db_path = ds_strdup(o->db_path);
	ctx->keys_path = keys_path_for(o);
	ctx->actor_name = ds_strdup(o->actor ? o->actor : "");
	ctx->role_used = "none";
	if (!ctx->db_path || !ctx->keys_path || !ctx->actor_name) {
		ds_close(ctx);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	*out = ctx;
	return 0;
}

/* Look the acting person up in the actor table. */
static int resolve_actor(struct ds_ctx *ctx, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	if (!ctx->actor_name[0])
		return 0;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, roles, disabled "
			   "FROM actor WHERE name = ?", "t", ctx->actor_name);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the actors", err);
	if (rc == 1) {
		/* A disabled actor is known but may not act. */
		if (sqlite3_column_int(stmt, 2)) {
			ctx->actor_disabled = 1;
		} else {
			ctx->actor_id = sqlite3_column_int64(stmt, 0);
			ctx->actor_roles =
				(unsigned)sqlite3_column_int(stmt, 1);
		}
		rc = 0;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/*
 * The name of the actor bound to the operating-system account, into
 * ctx->os_actor ("" when none is).  Without an actor named, the command
 * line acts as that one.
 */
static int os_actor(struct ds_ctx *ctx, const struct ds_open_opts *o,
		    struct ds_err *err)
{
	sqlite3_stmt *stmt;
	char *name;
	int rc;

	if (!o->os_user)
		return 0;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT name FROM actor WHERE "
			   "os_user = ? AND disabled = 0", "t", o->os_user);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the actors", err);
	if (rc == 1) {
		snprintf(ctx->os_actor, sizeof(ctx->os_actor), "%s",
			 (const char *)sqlite3_column_text(stmt, 0));
		rc = 0;
	}
	sqlite3_finalize(stmt);
	if (rc || ctx->actor_name[0] || !ctx->os_actor[0])
		return rc;
	name = ds_strdup(ctx->os_actor);
	if (!name)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	ds_free(ctx->actor_name);
	ctx->actor_name = name;
	return 0;
}

/*
 * On the command line, acting as someone other than the account's own
 * actor needs their password: the audit trail names who acted.
 */
static int check_acting(struct ds_ctx *ctx, const struct ds_open_opts *o,
			struct ds_err *err)
{
	struct ds_err perr;

	/*
	 * A name that is no enabled actor can do nothing (ds_require says
	 * why); only acting as a real person is guarded here.
	 */
	if (!o->os_user || !ctx->actor_name[0] || !ctx->actor_id ||
	    strcmp(ctx->actor_name, ctx->os_actor) == 0)
		return 0;
	if (o->password && o->password[0]) {
		ds_err_init(&perr);
		if (ds_password_check(ctx, ctx->actor_name, o->password,
				      &perr) == 0)
			return 0;
		return ds_err_set(err, DS_EPERM, "cannot act as '%s': the "
				  "password is wrong", ctx->actor_name);
	}
	if (ctx->os_actor[0])
		return ds_err_set(err, DS_EPERM, "you act as '%s' here "
				  "(account '%s'); acting as '%s' needs their "
				  "password: put it in a file named by "
				  "DUESEARCH_PASSWORD_FILE", ctx->os_actor,
				  o->os_user, ctx->actor_name);
	return ds_err_set(err, DS_EPERM, "account '%s' is bound to no "
			  "person: ask an admin to run 'duesearch actor "
			  "os-user NAME %s', or give '%s''s password with "
			  "DUESEARCH_PASSWORD_FILE", o->os_user, o->os_user,
			  ctx->actor_name);
}

/* The version of row binding this code writes (see row_bound below). */
#define ROWS_BOUND 6

static int rebind_rows(struct ds_ctx *ctx, struct ds_err *err);

int ds_open(const struct ds_open_opts *o, struct ds_ctx **out,
	    struct ds_err *err)
{
	struct ds_ctx *ctx;
	sqlite3_stmt *stmt = NULL;
	char check[65];
	int rc;

	rc = ctx_new(o, &ctx, err);
	if (rc)
		return rc;
	rc = ds_db_open(ctx->db_path, 0, &ctx->db, err);
	if (rc)
		goto out;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT uuid, key_check FROM "
			   "org WHERE id = 1", "");
	if (rc)
		goto out;
	rc = ds_db_step(ctx->db, stmt, "cannot read the organisation", err);
	if (rc == 0)
		rc = ds_err_set(err, DS_ENODB, "database '%s' has no "
				"organisation: run 'duesearch init' on a new "
				"--db", ctx->db_path);
	if (rc < 0)
		goto out;
	rc = ds_keystore_open(ctx->keys_path, &ctx->ks, err);
	if (rc)
		goto out;
	key_check(ctx->ks, check);
	if (sqlite3_column_type(stmt, 0) != SQLITE_TEXT ||
	    sqlite3_column_type(stmt, 1) != SQLITE_TEXT ||
	    sqlite3_column_bytes(stmt, 1) != 64 ||
	    strcmp((const char *)sqlite3_column_text(stmt, 0),
		   ds_keystore_org_uuid(ctx->ks)) != 0 ||
	    !ds_equal(check, sqlite3_column_text(stmt, 1), 64)) {
		rc = ds_err_set(err, DS_EKEY, "key file '%s' does not belong "
				"to database '%s': pass --keys with the key "
				"file 'duesearch init' made for it",
				ctx->keys_path, ctx->db_path);
		goto out;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	rc = os_actor(ctx, o, err);
	if (!rc)
		rc = resolve_actor(ctx, err);
	if (!rc)
		rc = check_acting(ctx, o, err);
	if (!rc)
		rc = rebind_rows(ctx, err);
out:
	sqlite3_finalize(stmt);
	if (rc) {
		ds_close(ctx);
		return rc;
	}
	*out = ctx;
	return 0;
}

static const char *const lawful_bases[] = {
	"public-task", "legitimate-interests", NULL
};
static const char *const scopes[] = { "shortlisted", "preferred", NULL };

/* Check the settings init was given before anything is created. */
static int check_settings(const struct ds_open_opts *o,
			  const struct ds_org_settings *s, struct ds_err *err)
{
	int rc;

	if (!o->actor || !o->actor[0])
		return ds_err_set(err, DS_EUSAGE, "no acting person: pass "
				  "--as NAME (the first admin)");
	rc = ds_text_check("actor name", o->actor, 64, err);
	if (!rc)
		rc = ds_text_check("organisation name", s->name ? s->name :
				   "", 200, err);
	if (!rc && ds_enum_parse("lawful basis", s->lawful_basis ?
				 s->lawful_basis : "", lawful_bases, err) < 0)
		rc = DS_EDATA;
	if (!rc && ds_enum_parse("scope policy", s->scope ? s->scope : "",
				 scopes, err) < 0)
		rc = DS_EDATA;
	if (!rc)
		rc = ds_text_check("scope reason", s->scope_reason ?
				   s->scope_reason : "", 1000, err);
	return rc;
}

int ds_init(const struct ds_open_opts *o, const struct ds_org_settings *s,
	    struct ds_err *err)
{
	struct ds_ctx *ctx = NULL;
	uint8_t raw[16];
	char uuid[33], check[65], now[21];
	int rc, db_made = 0;

	rc = check_settings(o, s, err);
	if (rc)
		return rc;
	rc = ctx_new(o, &ctx, err);
	if (rc)
		return rc;
	if (access(ctx->keys_path, F_OK) == 0) {
		rc = ds_err_set(err, DS_EEXIST, "key file '%s' already exists: "
				"pass another --db or --keys, or remove it "
				"first", ctx->keys_path);
		goto out;
	}
	rc = ds_db_open(ctx->db_path, 1, &ctx->db, err);
	if (rc)
		goto out;
	db_made = 1;
	rc = ds_random(raw, sizeof(raw), err);
	if (rc)
		goto out;
	ds_hex(raw, sizeof(raw), uuid);
	rc = ds_keystore_create(ctx->keys_path, uuid, &ctx->ks, err);
	if (rc)
		goto out;
	key_check(ctx->ks, check);
	ds_time_now(now);
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		goto out;
	rc = ds_db_exec(ctx->db, err, "INSERT INTO org (id, uuid, name, "
			"lawful_basis, scope, scope_reason, consent_required, "
			"key_check, created, rows_bound) VALUES (1, ?, ?, ?, "
			"?, ?, ?, ?, ?, ?)", "tttttdttd", uuid, s->name,
			s->lawful_basis, s->scope, s->scope_reason,
			s->consent_required ? 1 : 0, check, now,
			ROWS_BOUND);
	/* A new case file is a trust of one school: the organisation. */
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO school (name, "
				"implicit, created) VALUES (?, 1, ?)", "tt",
				s->name, now);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "INSERT INTO actor (name, roles, "
				"created, os_user) VALUES (?, ?, ?, ?)", "tdtt",
				o->actor, DS_ROLE_ADMIN, now,
				o->os_user && o->os_user[0] ? o->os_user :
				NULL);
	if (!rc) {
		struct ds_audit_event ev = {
			.action = "init", .object = "org", .object_id = 1,
			.detail = s->consent_required ? "consent-required=1" :
				  "consent-required=0",
		};

		ctx->actor_id = sqlite3_last_insert_rowid(ctx->db);
		ctx->actor_roles = DS_ROLE_ADMIN;
		ctx->role_used = "admin";
		rc = ds_audit_append(ctx, &ev, err);
	}
	if (!rc)
		rc = ds_db_commit(ctx->db, err);
	else
		ds_db_rollback(ctx->db);
out:
	if (rc && db_made) {
		char side[4096];

		ds_db_close(ctx->db);
		ctx->db = NULL;
		unlink(ctx->db_path);
		snprintf(side, sizeof(side), "%s-wal", ctx->db_path);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", ctx->db_path);
		unlink(side);
		if (ctx->ks) {
			ds_keystore_close(ctx->ks);
			ctx->ks = NULL;
			unlink(ctx->keys_path);
		}
	}
	ds_close(ctx);
	return rc;
}

int ds_org_show(struct ds_ctx *ctx, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	*out = NULL;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT name, uuid, "
			   "lawful_basis, scope, scope_reason, "
			   "consent_required, created, opted_out, "
			   "opt_out_reason FROM org WHERE id = 1", "");
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the organisation", err);
	if (rc == 1) {
		*out = json_pack("{s:o s:o s:o s:o s:o s:b s:o s:i}",
				 "name", ds_json_col(stmt, 0),
				 "uuid", ds_json_col(stmt, 1),
				 "lawful_basis", ds_json_col(stmt, 2),
				 "scope", ds_json_col(stmt, 3),
				 "scope_reason", ds_json_col(stmt, 4),
				 "consent_required",
				 sqlite3_column_int(stmt, 5),
				 "created", ds_json_col(stmt, 6),
				 "schema_version", ds_db_latest_version());
		if (*out) {
			json_object_set_new(*out, "opted_out",
					    ds_json_col(stmt, 7));
			json_object_set_new(*out, "opt_out_reason",
					    ds_json_col(stmt, 8));
		}
		rc = *out ? 0 : ds_err_set(err, DS_ENOMEM, "out of memory");
	} else if (rc == 0) {
		rc = ds_err_set(err, DS_ENODB, "no organisation: run "
				"'duesearch init'");
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* The associated data binding a sealed field to its place. */
static void field_aad(char *out, size_t size, const char *what,
		      int64_t candidate_id)
{
	snprintf(out, size, "%s:%lld", what, (long long)candidate_id);
}

int ds_field_seal(struct ds_ctx *ctx, int64_t candidate_id, const char *what,
		  const char *plain, uint8_t **blob, size_t *bloblen,
		  struct ds_err *err)
{
	uint8_t key[DS_KEY_LEN];
	char aad[96];
	int rc;

	rc = ds_keystore_get_dek(ctx->ks, candidate_id, key, err);
	if (rc)
		return rc;
	field_aad(aad, sizeof(aad), what, candidate_id);
	rc = ds_seal(key, aad, plain, strlen(plain), blob, bloblen, err);
	ds_wipe(key, sizeof(key));
	return rc;
}

int ds_field_unseal(struct ds_ctx *ctx, int64_t candidate_id,
		    const char *what, const void *blob, size_t bloblen,
		    char **plain, struct ds_err *err)
{
	uint8_t key[DS_KEY_LEN];
	char aad[96];
	size_t n;
	int rc;

	*plain = NULL;
	rc = ds_keystore_get_dek(ctx->ks, candidate_id, key, err);
	if (rc)
		return rc;
	field_aad(aad, sizeof(aad), what, candidate_id);
	rc = ds_unseal(key, aad, blob, bloblen, plain, &n, err);
	ds_wipe(key, sizeof(key));
	return rc;
}

void ds_field_row(char *out, size_t size, const char *what, int64_t row)
{
	snprintf(out, size, "%s#%lld", what, (long long)row);
}

int ds_field_seal_row(struct ds_ctx *ctx, int64_t candidate_id,
		      const char *what, int64_t row, const char *plain,
		      uint8_t **blob, size_t *bloblen, struct ds_err *err)
{
	char label[96];

	ds_field_row(label, sizeof(label), what, row);
	return ds_field_seal(ctx, candidate_id, label, plain, blob, bloblen,
			     err);
}

int ds_field_unseal_row(struct ds_ctx *ctx, int64_t candidate_id,
			const char *what, int64_t row, const void *blob,
			size_t bloblen, char **plain, struct ds_err *err)
{
	char label[96];
	int rc;

	ds_field_row(label, sizeof(label), what, row);
	rc = ds_field_unseal(ctx, candidate_id, label, blob, bloblen, plain,
			     err);
	if (rc == DS_ECRYPTO)
		rc = ds_err_set(err, rc, "candidate %lld's sealed %s of row "
				"%lld does not open: it was sealed for another "
				"row or changed in the file (restore the case "
				"file from a backup)", (long long)candidate_id,
				what, (long long)row);
	return rc;
}

int ds_row_next(struct ds_ctx *ctx, const char *table, int64_t *id,
		struct ds_err *err)
{
	char sql[96];
	sqlite3_int64 n = 0;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT coalesce(max(id), 0) + 1 FROM %s",
		 table);
	rc = ds_db_int(ctx->db, &n, err, sql, "");
	*id = n;
	return rc;
}

/*
 * The sealed columns bound to their row, with their labels, and the
 * version of org.rows_bound from which each is (016 made it 1: reviews,
 * responses, evidence; 2 adds the findings, 3 the anchors, 4 the
 * handles, 5 the claims, 6 the run's steps, the search hits and the
 * appointee's archive).  A file whose rows_bound is below ROWS_BOUND has
 * the columns of the later versions sealed again once, on open.  With
 * by, the label is "<label>.<by>" (an anchor's, or a claim's, kind; a
 * handle's platform).  The row is the rowid: the id, or for the archive
 * (one row per candidate) its candidate_id.
 */
static const struct {
	const char *table, *column, *label;
	int since;
	const char *by;
} row_bound[] = {
	{ "review", "reason_sealed", "review.reason", 1, NULL },
	{ "response", "text_sealed", "response.text", 1, NULL },
	{ "evidence", "url_sealed", "evidence.url", 1, NULL },
	{ "evidence", "final_url_sealed", "evidence.final_url", 1, NULL },
	{ "evidence", "title_sealed", "evidence.title", 1, NULL },
	{ "finding", "url_sealed", "finding.url", 2, NULL },
	{ "finding", "title_sealed", "finding.title", 2, NULL },
	{ "finding", "excerpt_sealed", "finding.excerpt", 2, NULL },
	{ "finding", "explain_sealed", "finding.explain", 2, NULL },
	{ "anchor", "value_sealed", "anchor", 3, "kind" },
	{ "handle", "handle_sealed", "handle", 4, "platform" },
	{ "claim", "claim_sealed", "claim", 5, "kind" },
	{ "step", "query_sealed", "step.query", 6, NULL },
	{ "step", "target_sealed", "step.target", 6, NULL },
	{ "hit", "url_sealed", "hit.url", 6, NULL },
	{ "hit", "title_sealed", "hit.title", 6, NULL },
	{ "hit", "snippet_sealed", "hit.snippet", 6, NULL },
	{ "archive", "report_sealed", "archive.report", 6, NULL },
	{ "archive", "scr_sealed", "archive.scr", 6, NULL },
};

/*
 * Seal one column of every row again, bound to its row; count them.  A
 * blob bound to its row already is left as it is.  A blob that does not
 * open (tampered with before, or its candidate's key gone: a backup from
 * before a purge) is left as it is, and counted: it goes on failing to
 * open, as it did.
 */
static int rebind_column(struct ds_ctx *ctx, int k, long *count,
			 long *bad, struct ds_err *err)
{
	sqlite3_stmt *stmt = NULL;
	char sql[160], what[64], label[96], why[DS_ERR_MSG_MAX];
	char *plain = NULL;
	uint8_t *blob = NULL;
	size_t len = 0;
	int64_t row, cid;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT rowid, candidate_id, %s, %s FROM "
		 "%s WHERE %s IS NOT NULL ORDER BY rowid", row_bound[k].column,
		 row_bound[k].by ? row_bound[k].by : "NULL",
		 row_bound[k].table, row_bound[k].column);
	rc = ds_db_prepare(ctx->db, &stmt, err, sql, "");
	while (!rc && (rc = ds_db_step(ctx->db, stmt, "cannot read the "
				       "sealed fields", err)) == 1) {
		row = sqlite3_column_int64(stmt, 0);
		cid = sqlite3_column_int64(stmt, 1);
		if (row_bound[k].by)
			snprintf(what, sizeof(what), "%s.%s",
				 row_bound[k].label,
				 (const char *)sqlite3_column_text(stmt, 3));
		else
			snprintf(what, sizeof(what), "%s", row_bound[k].label);
		ds_field_row(label, sizeof(label), what, row);
		rc = ds_field_unseal(ctx, cid, label,
				     sqlite3_column_blob(stmt, 2),
				     (size_t)sqlite3_column_bytes(stmt, 2),
				     &plain, NULL);
		ds_free(plain);
		plain = NULL;
		if (rc == 0)
			continue;
		rc = ds_field_unseal(ctx, cid, what,
				     sqlite3_column_blob(stmt, 2),
				     (size_t)sqlite3_column_bytes(stmt, 2),
				     &plain, err);
		if (rc == DS_ECRYPTO || rc == DS_EKEY) {
			(*bad)++;
			if (err)
				ds_err_init(err);
			rc = 0;
			continue;
		}
		if (!rc)
			rc = ds_field_seal(ctx, cid, label, plain, &blob, &len,
					   err);
		ds_free(plain);
		plain = NULL;
		snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ? WHERE rowid = "
			 "?", row_bound[k].table, row_bound[k].column);
		if (!rc)
			rc = ds_db_exec(ctx->db, err, sql, "bi", blob,
					(int)len, (sqlite3_int64)row);
		ds_free(blob);
		blob = NULL;
		if (rc && err) {
			snprintf(why, sizeof(why), "%s", err->msg);
			rc = ds_err_set(err, rc, "cannot seal %s of row %lld "
					"again, bound to its row: %s", what,
					(long long)row, why);
		} else if (!rc) {
			(*count)++;
		}
	}
	sqlite3_finalize(stmt);
	return rc < 0 ? rc : 0;
}

/*
 * Once per version (migration 016, then this code's ROWS_BOUND): every
 * row-bound sealed field sealed before its version is sealed again with
 * its row's id, in one audited transaction.
 */
static int rebind_rows(struct ds_ctx *ctx, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "fields.rebind",
				     .object = "org", .object_id = 1 };
	sqlite3_int64 done = 1;
	char detail[96];
	long count = 0, bad = 0;
	size_t k;
	int rc;

	rc = ds_db_int(ctx->db, &done, err, "SELECT rows_bound FROM org "
		       "WHERE id = 1", "");
	/* Done by a registered person, whom the audit row names. */
	if (rc || done >= ROWS_BOUND || !ctx->actor_id || ctx->actor_disabled)
		return rc == DS_ENOTFOUND ? 0 : rc;
	rc = ds_db_begin(ctx->db, err);
	for (k = 0; !rc && k < sizeof(row_bound) / sizeof(row_bound[0]); k++)
		if (row_bound[k].since > done)
			rc = rebind_column(ctx, (int)k, &count, &bad, err);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, "UPDATE org SET rows_bound = ? "
				"WHERE id = 1", "d", ROWS_BOUND);
	snprintf(detail, sizeof(detail), "fields=%ld unreadable=%ld "
		 "version=%lld-%d", count, bad, (long long)done, ROWS_BOUND);
	ev.detail = detail;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

int ds_field_mac(struct ds_ctx *ctx, int64_t candidate_id, const char *what,
		 const char *value, uint8_t mac[16], struct ds_err *err)
{
	uint8_t key[DS_KEY_LEN], full[DS_SHA256_LEN];
	const void *parts[3] = { what, "\0", value };
	size_t lens[3] = { strlen(what), 1, strlen(value) };
	int rc;

	rc = ds_keystore_get_dek(ctx->ks, candidate_id, key, err);
	if (rc)
		return rc;
	ds_hmac(key, parts, lens, 3, full);
	memcpy(mac, full, 16);
	ds_wipe(key, sizeof(key));
	return 0;
}

json_t *ds_json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *ds_json_col(sqlite3_stmt *stmt, int col)
{
	if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
		return json_null();
	if (sqlite3_column_type(stmt, col) == SQLITE_INTEGER)
		return json_integer(sqlite3_column_int64(stmt, col));
	return json_string((const char *)sqlite3_column_text(stmt, col));
}

int ds_json_stamp(json_t *r, struct ds_err *err)
{
	uint8_t sum[DS_SHA256_LEN];
	char hex[65], now[21], *canon;

	ds_time_now(now);
	if (json_object_set_new(r, "generated", json_string(now)))
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	canon = json_dumps(r, JSON_COMPACT | JSON_SORT_KEYS);
	if (!canon)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	ds_sha256(canon, strlen(canon), sum);
	free(canon);
	ds_hex(sum, sizeof(sum), hex);
	if (json_object_set_new(r, "content_sha256", json_string(hex)))
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	return 0;
}

int ds_json_push(json_t *list, json_t *item, struct ds_err *err)
{
	/* json_array_append_new releases item when it cannot take it. */
	if (!list || !item || json_array_append_new(list, item) != 0) {
		if (!list)
			json_decref(item);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	return 0;
}

int ds_json_put(json_t *obj, const char *key, json_t *val,
		struct ds_err *err)
{
	/* json_object_set_new releases val when it cannot take it. */
	if (!obj || !val || json_object_set_new(obj, key, val) != 0) {
		if (!obj)
			json_decref(val);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	return 0;
}
