/*
 * auth.c: scrypt password hashes for the web interface.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "core.h"
#include "crypto.h"
#include "db.h"
#include "mem.h"
#include "text.h"

#define SCRYPT_N 32768
#define SCRYPT_R 8
#define SCRYPT_P 1
#define SCRYPT_MAXMEM (64u << 20)

/* scrypt of a password with salt into out[32]. */
static int hash(const char *pw, const uint8_t *salt, uint64_t n, uint64_t r,
		uint64_t p, uint8_t out[32])
{
	return EVP_PBE_scrypt(pw, strlen(pw), salt, 16, n, r, p,
			      SCRYPT_MAXMEM, out, 32) == 1 ? 0 : DS_ECRYPTO;
}

int ds_actor_set_password(struct ds_ctx *ctx, const char *name,
			  const char *pw, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = "actor.password",
				     .object = "actor" };
	uint8_t salt[16], h[32];
	char salt_hex[33], h_hex[65], stored[160], now[21];
	sqlite3_int64 id;
	size_t len = pw ? strlen(pw) : 0;
	int rc;

	if (!name || strcmp(name, ctx->actor_name) != 0)
		rc = ds_require(ctx, DS_ROLE_ADMIN, "set another actor's "
				"password", err);
	else if (!ctx->actor_id)
		rc = ds_require(ctx, DS_ROLE_ADMIN, "set a password", err);
	else
		rc = 0;
	if (rc)
		return rc;
	if (len < DS_PASSWORD_MIN || len > DS_PASSWORD_MAX)
		return ds_err_set(err, DS_EDATA, "a password needs %d to %d "
				  "characters: a few words are easiest",
				  DS_PASSWORD_MIN, DS_PASSWORD_MAX);
	if (!ds_utf8_valid(pw, len))
		return ds_err_set(err, DS_EDATA, "the password is not valid "
				  "text (UTF-8)");
	rc = ds_db_int(ctx->db, &id, err, "SELECT id FROM actor WHERE name = ? "
		       "AND disabled = 0", "t", name);
	if (rc == DS_ENOTFOUND)
		return ds_err_set(err, rc, "unknown or disabled actor '%.64s': "
				  "see 'duesearch actor list'", name);
	if (!rc)
		rc = ds_random(salt, sizeof(salt), err);
	if (!rc && hash(pw, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, h) != 0)
		rc = ds_err_set(err, DS_ECRYPTO, "cannot hash the password: "
				"out of memory?");
	if (rc)
		return rc;
	ds_hex(salt, sizeof(salt), salt_hex);
	ds_hex(h, sizeof(h), h_hex);
	ds_wipe(h, sizeof(h));
	snprintf(stored, sizeof(stored), "scrypt$%d$%d$%d$%s$%s", SCRYPT_N,
		 SCRYPT_R, SCRYPT_P, salt_hex, h_hex);
	rc = ds_db_begin(ctx->db, err);
	if (rc)
		return rc;
	ds_time_now(now);
	rc = ds_db_exec(ctx->db, err, "UPDATE actor SET pw_hash = ?, pw_set = "
			"? WHERE id = ?", "tti", stored, now, id);
	ev.object_id = id;
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}

int ds_password_check(struct ds_ctx *ctx, const char *name, const char *pw,
		      struct ds_err *err)
{
	static const char dummy[] = "scrypt$32768$8$1$"
		"00000000000000000000000000000000$"
		"00000000000000000000000000000000"
		"00000000000000000000000000000000";
	sqlite3_stmt *stmt;
	char stored[160] = "", salt_hex[33], h_hex[65];
	unsigned long long n, r, p;
	uint8_t salt[16], want[32], got[32];
	int rc, found = 0, ok = 0;

	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT pw_hash FROM actor "
			   "WHERE name = ? AND disabled = 0 AND pw_hash IS NOT "
			   "NULL", "t", name ? name : "");
	if (rc)
		return rc;
	if (ds_db_step(ctx->db, stmt, "cannot read the actors", NULL) == 1) {
		snprintf(stored, sizeof(stored), "%s",
			 (const char *)sqlite3_column_text(stmt, 0));
		found = 1;
	}
	sqlite3_finalize(stmt);
	/* Unknown names cost the same scrypt as known ones. */
	if (!found)
		snprintf(stored, sizeof(stored), "%s", dummy);
	if (sscanf(stored, "scrypt$%llu$%llu$%llu$%32[0-9a-f]$%64[0-9a-f]",
		   &n, &r, &p, salt_hex, h_hex) == 5 &&
	    ds_unhex(salt_hex, salt, 16) == 0 &&
	    ds_unhex(h_hex, want, 32) == 0 && n <= (1u << 20) && r <= 32 &&
	    p <= 4 && hash(pw ? pw : "", salt, n, r, p, got) == 0)
		ok = ds_equal(got, want, 32);
	ds_wipe(got, sizeof(got));
	if (found && ok)
		return 0;
	return ds_err_set(err, DS_EPERM, "wrong name or password");
}

int ds_password_stamp(struct ds_ctx *ctx, const char *name, char out[65],
		      struct ds_err *err)
{
	sqlite3_stmt *stmt;
	uint8_t h[DS_SHA256_LEN];
	const unsigned char *v;
	int rc;

	out[0] = '\0';
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT pw_hash FROM actor "
			   "WHERE name = ? AND disabled = 0 AND pw_hash IS NOT "
			   "NULL", "t", name ? name : "");
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the actors", err);
	if (rc == 1) {
		v = sqlite3_column_text(stmt, 0);
		ds_sha256(v, v ? strlen((const char *)v) : 0, h);
		ds_hex(h, sizeof(h), out);
		rc = 0;
	}
	sqlite3_finalize(stmt);
	return rc < 0 ? rc : 0;
}

unsigned ds_actor_roles(struct ds_ctx *ctx)
{
	return ctx->actor_id ? ctx->actor_roles : 0;
}

int ds_audit_web(struct ds_ctx *ctx, const char *action, struct ds_err *err)
{
	struct ds_audit_event ev = { .action = action, .object = "actor",
				     .object_id = ctx->actor_id };
	int rc = ds_db_begin(ctx->db, err);

	ctx->role_used = "web";
	if (!rc)
		rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		return ds_db_commit(ctx->db, err);
	ds_db_rollback(ctx->db);
	return rc;
}
