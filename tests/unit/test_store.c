/*
 * test_store.c: the case file and its key file through the library:
 * ds_init and ds_open, file modes, the key file pairing, files that are
 * not databases, the schema version (and a newer one refused), and the
 * organisation's settings.  Every test works in its own folder under
 * /tmp and removes it.
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "scratch.h"
#include "db.h"
#include "ds.h"
#include "err.h"

static unsigned mode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return 01000;   /* not a mode: no such file */
	return (unsigned)(st.st_mode & 0777);
}

static int write_file(const char *path, const void *data, size_t n,
		      mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	int ok;

	if (fd < 0)
		return 0;
	ok = write(fd, data, n) == (ssize_t)n;
	fchmod(fd, mode);
	close(fd);
	return ok;
}

/* The whole file, malloc'd; NULL when unreadable. */
/* ---- raw SQLite ------------------------------------------------------- */

static int raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "  raw_exec %s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc == SQLITE_OK;
}

/* The first column of the first row as an integer; -999 on failure. */
static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -999;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* ---- a case file ------------------------------------------------------ */

static const struct ds_org_settings org1 = {
	.name = "St Mary\xe2\x80\x99s C of E Primary",
	.lawful_basis = "public-task",
	.scope = "shortlisted",
	.scope_reason = "KCSIE 2024 para 226: shortlisted candidates only",
	.consent_required = 1,
};

static const struct ds_org_settings org2 = {
	.name = "Oakfield Academy Trust",
	.lawful_basis = "legitimate-interests",
	.scope = "preferred",
	.scope_reason = "the preferred candidate, once chosen",
	.consent_required = 0,
};

struct paths {
	char db[512];
	char keys[512];
};

/* Create dir/<name>.db and dir/<name>.db.keys with actor "ada". */
static int make_case(struct paths *p, const char *name,
		     const struct ds_org_settings *s, struct ds_err *err)
{
	struct ds_open_opts o = { 0 };
	char file[128];

	snprintf(file, sizeof(file), "%s.db", name);
	at(p->db, sizeof(p->db), file);
	snprintf(file, sizeof(file), "%s.db.keys", name);
	at(p->keys, sizeof(p->keys), file);
	o.db_path = p->db;
	o.actor = "ada";
	ds_err_init(err);
	return ds_init(&o, s, err);
}

static int open_case(const char *db, const char *keys, const char *actor,
		     struct ds_ctx **ctx, struct ds_err *err)
{
	struct ds_open_opts o = { .db_path = db, .keys_path = keys,
				  .actor = actor };

	*ctx = NULL;
	ds_err_init(err);
	return ds_open(&o, ctx, err);
}

/* ---- tests ------------------------------------------------------------ */

static void test_init_makes_private_files(void)
{
	struct paths p;
	struct ds_err err;
	struct ds_ctx *ctx;
	char side[600];
	mode_t old = umask(0);      /* the modes must not rely on the umask */
	int rc;

	REQUIRE(dir_make());
	rc = make_case(&p, "case", &org1, &err);
	CHECK_INT(rc, 0);
	if (rc)
		fprintf(stderr, "  ds_init: %s\n", err.msg);
	CHECK(exists(p.db));
	CHECK(exists(p.keys));      /* default: the db path plus ".keys" */
	CHECK_INT(mode_of(p.db), 0600);
	CHECK_INT(mode_of(p.keys), 0600);

	/* While open, SQLite's side files must be as private as the db. */
	rc = open_case(p.db, NULL, "ada", &ctx, &err);
	CHECK_INT(rc, 0);
	snprintf(side, sizeof(side), "%s-wal", p.db);
	CHECK(exists(side));
	CHECK_INT(mode_of(side), 0600);
	snprintf(side, sizeof(side), "%s-shm", p.db);
	CHECK(exists(side));
	CHECK_INT(mode_of(side), 0600);
	ds_close(ctx);
	CHECK_INT(mode_of(p.db), 0600);
	CHECK_INT(mode_of(p.keys), 0600);
	umask(old);
	dir_remove();
}

static void test_reopen(void)
{
	struct paths p;
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	json_t *org = NULL;
	int i, rc;

	REQUIRE(dir_make());
	REQUIRE(make_case(&p, "case", &org1, &err) == 0);
	for (i = 0; i < 3; i++) {
		rc = open_case(p.db, p.keys, "ada", &ctx, &err);
		CHECK_INT(rc, 0);
		if (rc) {
			fprintf(stderr, "  ds_open: %s\n", err.msg);
			break;
		}
		CHECK_STR(ds_actor_name(ctx), "ada");
		CHECK_INT(ds_org_show(ctx, &org, &err), 0);
		json_decref(org);
		ds_close(ctx);
		ctx = NULL;
	}
	/* No actor given: opens, with "" as the name. */
	rc = open_case(p.db, NULL, NULL, &ctx, &err);
	CHECK_INT(rc, 0);
	if (!rc)
		CHECK_STR(ds_actor_name(ctx), "");
	ds_close(ctx);
	ds_close(NULL);             /* allowed */
	dir_remove();
}

static void test_init_refuses_to_overwrite(void)
{
	struct paths p, q;
	struct ds_open_opts o = { 0 };
	struct ds_err err;
	struct ds_ctx *ctx;
	char *before, *after;
	size_t nb, na;
	int rc;

	REQUIRE(dir_make());
	REQUIRE(make_case(&p, "case", &org1, &err) == 0);
	before = read_file(p.db, &nb);

	/* Both files there. */
	rc = make_case(&q, "case", &org2, &err);
	CHECK_INT(rc, DS_EEXIST);
	CHECK(err.msg[0] != '\0');

	/* Only the database there, the key file elsewhere. */
	o.db_path = p.db;
	at(q.keys, sizeof(q.keys), "other.keys");
	o.keys_path = q.keys;
	o.actor = "eve";
	ds_err_init(&err);
	rc = ds_init(&o, &org2, &err);
	CHECK_INT(rc, DS_EEXIST);
	CHECK(!exists(q.keys));

	/* Only the key file there, the database new. */
	at(q.db, sizeof(q.db), "new.db");
	o.db_path = q.db;
	o.keys_path = p.keys;
	ds_err_init(&err);
	rc = ds_init(&o, &org2, &err);
	CHECK_INT(rc, DS_EEXIST);
	CHECK(!exists(q.db));

	/* The original pair is untouched and still opens. */
	after = read_file(p.db, &na);
	CHECK(before && after && nb == na && memcmp(before, after, nb) == 0);
	free(before);
	free(after);
	CHECK_INT(open_case(p.db, NULL, "ada", &ctx, &err), 0);
	ds_close(ctx);
	dir_remove();
}

static void test_failed_init_leaves_no_files(void)
{
	struct ds_org_settings bad = org1;
	struct ds_open_opts o = { 0 };
	struct paths p;
	struct ds_err err;
	char sub[512];

	REQUIRE(dir_make());
	bad.lawful_basis = "consent";
	CHECK_INT(make_case(&p, "bad", &bad, &err), DS_EDATA);
	CHECK(strstr(err.msg, "lawful basis") != NULL);
	CHECK(!exists(p.db) && !exists(p.keys));

	bad = org1;
	bad.scope = "everyone";
	CHECK_INT(make_case(&p, "bad", &bad, &err), DS_EDATA);
	CHECK(!exists(p.db) && !exists(p.keys));

	bad = org1;
	bad.name = "";
	CHECK_INT(make_case(&p, "bad", &bad, &err), DS_EDATA);
	CHECK(!exists(p.db) && !exists(p.keys));

	/* No first admin. */
	o.db_path = p.db;
	ds_err_init(&err);
	CHECK_INT(ds_init(&o, &org1, &err), DS_EUSAGE);
	CHECK(!exists(p.db) && !exists(p.keys));

	/* The key file cannot be made: the new database is removed too. */
	o.actor = "ada";
	o.keys_path = at(sub, sizeof(sub), "no-such-folder/case.keys");
	ds_err_init(&err);
	CHECK(ds_init(&o, &org1, &err) < 0);
	CHECK(err.msg[0] != '\0');
	CHECK(!exists(p.db));
	CHECK(!exists(sub));
	dir_remove();
}

static void test_keys_from_another_init(void)
{
	struct paths a, b;
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	int rc;

	REQUIRE(dir_make());
	REQUIRE(make_case(&a, "a", &org1, &err) == 0);
	REQUIRE(make_case(&b, "b", &org1, &err) == 0);

	rc = open_case(a.db, b.keys, "ada", &ctx, &err);
	CHECK_INT(rc, DS_EKEY);
	CHECK(strstr(err.msg, b.keys) != NULL);
	if (!rc)
		ds_close(ctx);
	rc = open_case(b.db, a.keys, "ada", &ctx, &err);
	CHECK_INT(rc, DS_EKEY);
	if (!rc)
		ds_close(ctx);

	/* Each pair still opens. */
	CHECK_INT(open_case(a.db, a.keys, "ada", &ctx, &err), 0);
	ds_close(ctx);
	CHECK_INT(open_case(b.db, NULL, "ada", &ctx, &err), 0);
	ds_close(ctx);
	dir_remove();
}

static void test_keys_missing_or_wrong(void)
{
	struct paths a;
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	char path[512];
	static const char junk[] = "not a key file at all\n";
	int rc;

	REQUIRE(dir_make());
	REQUIRE(make_case(&a, "a", &org1, &err) == 0);

	rc = open_case(a.db, at(path, sizeof(path), "none.keys"), "ada", &ctx,
		       &err);
	CHECK_INT(rc, DS_EKEY);
	CHECK(strstr(err.msg, "none.keys") != NULL);
	if (!rc)
		ds_close(ctx);

	REQUIRE(write_file(at(path, sizeof(path), "junk.keys"), junk,
			   sizeof(junk) - 1, 0600));
	rc = open_case(a.db, path, "ada", &ctx, &err);
	CHECK_INT(rc, DS_EKEY);
	if (!rc)
		ds_close(ctx);

	/* A key file others can read is refused (a configuration error). */
	REQUIRE(chmod(a.keys, 0644) == 0);
	rc = open_case(a.db, NULL, "ada", &ctx, &err);
	CHECK_INT(rc, DS_EKEY);
	CHECK(strstr(err.msg, "chmod 600") != NULL);
	if (!rc)
		ds_close(ctx);
	REQUIRE(chmod(a.keys, 0600) == 0);
	CHECK_INT(open_case(a.db, NULL, "ada", &ctx, &err), 0);
	ds_close(ctx);
	dir_remove();
}

static void test_tampered_key_check_refused(void)
{
	struct paths a;
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	int rc;

	REQUIRE(dir_make());
	REQUIRE(make_case(&a, "a", &org1, &err) == 0);
	/* A right-length but wrong value, then a short one. */
	REQUIRE(raw_exec(a.db, "UPDATE org SET key_check = "
			 "'00000000000000000000000000000000"
			 "00000000000000000000000000000000'"));
	rc = open_case(a.db, NULL, "ada", &ctx, &err);
	CHECK_INT(rc, DS_EKEY);
	if (!rc)
		ds_close(ctx);
	REQUIRE(raw_exec(a.db, "UPDATE org SET key_check = 'x'"));
	rc = open_case(a.db, NULL, "ada", &ctx, &err);
	CHECK_INT(rc, DS_EKEY);
	if (!rc)
		ds_close(ctx);
	dir_remove();
}

static void test_not_a_database(void)
{
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	char path[512], side[600];
	char text[2048], *after;
	size_t i, n;
	int rc;

	REQUIRE(dir_make());
	for (i = 0; i < sizeof(text); i++)
		text[i] = "This is a letter, not a database.\n"[i % 35];
	REQUIRE(write_file(at(path, sizeof(path), "letter.db"), text,
			   sizeof(text), 0600));
	rc = open_case(path, NULL, "ada", &ctx, &err);
	CHECK_INT(rc, DS_EIO);
	CHECK(err.msg[0] != '\0');
	CHECK(strstr(err.msg, "letter.db") != NULL);
	CHECK(strstr(err.msg, "not a readable") != NULL);
	if (!rc)
		ds_close(ctx);

	/* The file is left as it was, with no side files. */
	after = read_file(path, &n);
	CHECK(after && n == sizeof(text) && memcmp(after, text, n) == 0);
	free(after);
	snprintf(side, sizeof(side), "%s-wal", path);
	CHECK(!exists(side));

	/* A folder, and no file at all. */
	rc = open_case(scratch_dir, NULL, "ada", &ctx, &err);
	CHECK_INT(rc, DS_EIO);
	CHECK(err.msg[0] != '\0');
	if (!rc)
		ds_close(ctx);
	rc = open_case(at(path, sizeof(path), "nothing.db"), NULL, "ada",
		       &ctx, &err);
	CHECK_INT(rc, DS_ENODB);
	CHECK(strstr(err.msg, "init") != NULL);
	if (!rc)
		ds_close(ctx);
	dir_remove();
}

static void test_database_others_can_read_refused(void)
{
	struct paths a;
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	int rc;

	REQUIRE(dir_make());
	REQUIRE(make_case(&a, "a", &org1, &err) == 0);
	REQUIRE(chmod(a.db, 0640) == 0);
	rc = open_case(a.db, NULL, "ada", &ctx, &err);
	CHECK_INT(rc, DS_EPERM);
	CHECK(strstr(err.msg, "chmod 600") != NULL);
	if (!rc)
		ds_close(ctx);
	dir_remove();
}

static void test_schema_version(void)
{
	struct paths a;
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	json_t *org = NULL;
	int latest = ds_db_latest_version();

	REQUIRE(dir_make());
	REQUIRE(make_case(&a, "a", &org1, &err) == 0);
	CHECK(latest >= 1);
	CHECK_INT(raw_int(a.db, "PRAGMA user_version"), latest);

	/* Opening again applies nothing and keeps the version. */
	CHECK_INT(open_case(a.db, NULL, "ada", &ctx, &err), 0);
	if (ctx && ds_org_show(ctx, &org, &err) == 0)
		CHECK_INT(json_integer_value(json_object_get(org,
				"schema_version")), latest);
	json_decref(org);
	ds_close(ctx);
	CHECK_INT(raw_int(a.db, "PRAGMA user_version"), latest);
	dir_remove();
}

static void test_newer_schema_refused(void)
{
	struct paths a;
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	char sql[64];
	int latest = ds_db_latest_version();
	int rc;

	REQUIRE(dir_make());
	REQUIRE(make_case(&a, "a", &org1, &err) == 0);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", latest + 1);
	REQUIRE(raw_exec(a.db, sql));
	rc = open_case(a.db, NULL, "ada", &ctx, &err);
	CHECK(rc < 0);
	CHECK_INT(rc, DS_EIO);
	CHECK(strstr(err.msg, "upgrade") != NULL);
	if (!rc)
		ds_close(ctx);
	/* Refusing changed nothing. */
	CHECK_INT(raw_int(a.db, "PRAGMA user_version"), latest + 1);
	dir_remove();
}

/* 1 when obj[key] is the string want. */
static int has_str(json_t *obj, const char *key, const char *want)
{
	const char *s = json_string_value(json_object_get(obj, key));

	if (!s || strcmp(s, want) != 0) {
		fprintf(stderr, "  %s: '%s', expected '%s'\n", key,
			s ? s : "(none)", want);
		return 0;
	}
	return 1;
}

static void check_org(const struct paths *p, const struct ds_org_settings *s)
{
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	json_t *org = NULL, *uuid;
	const char *u;
	size_t i;

	if (open_case(p->db, NULL, "ada", &ctx, &err) != 0) {
		CHECK(!"open");
		return;
	}
	CHECK_INT(ds_org_show(ctx, &org, &err), 0);
	if (org) {
		CHECK(has_str(org, "name", s->name));
		CHECK(has_str(org, "lawful_basis", s->lawful_basis));
		CHECK(has_str(org, "scope", s->scope));
		CHECK(has_str(org, "scope_reason", s->scope_reason));
		CHECK(json_is_boolean(json_object_get(org,
						      "consent_required")));
		CHECK_INT(json_is_true(json_object_get(org,
						       "consent_required")),
			  s->consent_required);
		CHECK_INT(json_integer_value(json_object_get(org,
				"schema_version")), ds_db_latest_version());
		CHECK(json_string_length(json_object_get(org, "created")) ==
		      20);
		uuid = json_object_get(org, "uuid");
		u = json_string_value(uuid);
		CHECK(u && strlen(u) == 32);
		for (i = 0; u && u[i]; i++)
			CHECK(strchr("0123456789abcdef", u[i]) != NULL);
	}
	json_decref(org);
	ds_close(ctx);
}

static void test_org_settings_round_trip(void)
{
	struct paths a, b;
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	json_t *o1 = NULL, *o2 = NULL;

	REQUIRE(dir_make());
	REQUIRE(make_case(&a, "a", &org1, &err) == 0);
	REQUIRE(make_case(&b, "b", &org2, &err) == 0);
	check_org(&a, &org1);
	check_org(&b, &org2);

	/* Each organisation has its own uuid. */
	if (open_case(a.db, NULL, "ada", &ctx, &err) == 0) {
		ds_org_show(ctx, &o1, &err);
		ds_close(ctx);
	}
	if (open_case(b.db, NULL, "ada", &ctx, &err) == 0) {
		ds_org_show(ctx, &o2, &err);
		ds_close(ctx);
	}
	CHECK(o1 && o2);
	if (o1 && o2)
		CHECK(strcmp(json_string_value(json_object_get(o1, "uuid")),
			     json_string_value(json_object_get(o2, "uuid"))) !=
		      0);
	json_decref(o1);
	json_decref(o2);
	dir_remove();
}

static void test_first_actor_is_admin(void)
{
	struct paths a;
	struct ds_err err;
	struct ds_ctx *ctx = NULL;
	json_t *list = NULL, *row;

	REQUIRE(dir_make());
	REQUIRE(make_case(&a, "a", &org1, &err) == 0);
	REQUIRE(open_case(a.db, NULL, "ada", &ctx, &err) == 0);
	CHECK_INT(ds_actor_list(ctx, &list, &err), 0);
	CHECK_INT(json_array_size(list), 1);
	row = json_array_get(list, 0);
	CHECK(has_str(row, "name", "ada"));
	CHECK(has_str(row, "roles", "admin"));
	json_decref(list);
	ds_close(ctx);
	/* One audit event, for the init itself. */
	CHECK_INT(raw_int(a.db, "SELECT count(*) FROM audit"), 1);
	CHECK_INT(raw_int(a.db, "SELECT count(*) FROM audit WHERE "
			  "action = 'init'"), 1);
	dir_remove();
}

int main(void)
{
	RUN(test_init_makes_private_files);
	RUN(test_reopen);
	RUN(test_init_refuses_to_overwrite);
	RUN(test_failed_init_leaves_no_files);
	RUN(test_keys_from_another_init);
	RUN(test_keys_missing_or_wrong);
	RUN(test_tampered_key_check_refused);
	RUN(test_not_a_database);
	RUN(test_database_others_can_read_refused);
	RUN(test_schema_version);
	RUN(test_newer_schema_refused);
	RUN(test_org_settings_round_trip);
	RUN(test_first_actor_is_admin);
	dir_remove();
	return check_summary();
}
