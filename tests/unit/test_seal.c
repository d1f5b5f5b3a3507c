/*
 * test_seal.c: candidates' personal data is stored sealed.  The raw bytes
 * of the database never hold a name or a handle; the library opens them;
 * destroying a candidate's data key (a purge) makes them unreadable in a
 * backup made before; and a sealed blob moved to another place does not
 * open there (the aad binds it).
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
#include "core.h"
#include "crypto.h"
#include "ds.h"
#include "err.h"
#include "db.h"
#include "keystore.h"
#include "mem.h"
#include "review.h"

/* Copy a file byte for byte, the copy mode 0600. */
static int copy_file(const char *from, const char *to)
{
	size_t n;
	char *data = read_file(from, &n);
	int fd, ok = 0;

	if (!data)
		return 0;
	fd = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd >= 0) {
		ok = write(fd, data, n) == (ssize_t)n;
		close(fd);
	}
	free(data);
	return ok;
}

/* 1 when hay[0..n) holds needle[0..m) (memmem is a GNU extension). */
static int mem_holds(const void *hay, size_t n, const void *needle, size_t m)
{
	const char *h = hay;
	size_t i;

	if (m == 0)
		return 1;
	for (i = 0; i + m <= n; i++)
		if (h[i] == *(const char *)needle &&
		    memcmp(h + i, needle, m) == 0)
			return 1;
	return 0;
}

/*
 * 1 when the file holds the n bytes of needle anywhere.  A file that
 * cannot be read counts as holding it, so a wrong path cannot pass.
 */
static int file_holds(const char *path, const void *needle, size_t n)
{
	size_t len;
	char *data = read_file(path, &len);
	int found;

	if (!data) {
		fprintf(stderr, "  cannot read %s\n", path);
		return 1;
	}
	found = mem_holds(data, len, needle, n);
	free(data);
	return found;
}

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

/* The first column of the first row as a malloc'd blob; NULL if none. */
static void *raw_blob(const char *path, const char *sql, size_t *n)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	void *p = NULL;

	*n = 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_BLOB) {
		*n = (size_t)sqlite3_column_bytes(st, 0);
		p = malloc(*n ? *n : 1);
		if (p)
			memcpy(p, sqlite3_column_blob(st, 0), *n);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return p;
}

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

/* ---- the case --------------------------------------------------------- */

static const char name1[] = "Zebedee Quarrington";
static const char known1[] = "Zeb Quarrington";
static const char place1[] = "Little Snoring";
static const char handle1[] = "zquarrington";
static const char name2[] = "Philippa Ormerod-Blythe";
static const char handle2[] = "pob_teacher";

struct fixture {
	char db[512], keys[512], backup[512];
	int64_t c1, c2;
};

static int open_as(const char *db, const char *keys, const char *actor,
		   struct ds_ctx **ctx)
{
	struct ds_open_opts o = { .db_path = db, .keys_path = keys,
				  .actor = actor };
	struct ds_err err;
	int rc;

	*ctx = NULL;
	ds_err_init(&err);
	rc = ds_open(&o, ctx, &err);
	if (rc)
		fprintf(stderr, "  ds_open %s: %s\n", db, err.msg);
	return rc;
}

/*
 * A case file with two candidates: c1 with three anchors and an x handle,
 * c2 with a legal name and an instagram handle.  Closed on return.
 */
static int make_fixture(struct fixture *f)
{
	static const struct ds_org_settings org = {
		.name = "Test School", .lawful_basis = "public-task",
		.scope = "shortlisted", .scope_reason = "KCSIE",
		.consent_required = 1,
	};
	const struct ds_anchor_in a1[] = {
		{ DS_ANCHOR_LEGAL_NAME, name1 },
		{ DS_ANCHOR_KNOWN_AS, known1 },
		{ DS_ANCHOR_LOCATION, place1 },
	};
	const struct ds_anchor_in a2[] = { { DS_ANCHOR_LEGAL_NAME, name2 } };
	struct ds_candidate_in c = { .vacancy_ref = "V1" };
	struct ds_vacancy_in v = { .ref = "V1", .post = "Teacher of Maths",
				   .school = "Test School" };
	struct ds_open_opts o = { 0 };
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	int rc;

	if (!dir_make())
		return -1;
	at(f->db, sizeof(f->db), "case.db");
	at(f->keys, sizeof(f->keys), "case.db.keys");
	at(f->backup, sizeof(f->backup), "backup.db");
	o.db_path = f->db;
	o.actor = "ada";
	ds_err_init(&err);
	rc = ds_init(&o, &org, &err);
	if (!rc)
		rc = open_as(f->db, NULL, "ada", &ctx);
	if (!rc)
		rc = ds_actor_add(ctx, "rita", DS_ROLE_RECRUITER | DS_ROLE_DSL |
				  DS_ROLE_DPO, NULL, &err);
	ds_close(ctx);
	ctx = NULL;
	if (!rc)
		rc = open_as(f->db, NULL, "rita", &ctx);
	if (!rc)
		rc = ds_vacancy_add(ctx, &v, NULL, &err);
	c.anchors = a1;
	c.nanchors = 3;
	if (!rc)
		rc = ds_candidate_add(ctx, &c, &f->c1, &err);
	c.anchors = a2;
	c.nanchors = 1;
	if (!rc)
		rc = ds_candidate_add(ctx, &c, &f->c2, &err);
	if (!rc)
		rc = ds_handle_add(ctx, f->c1, "x", "@ZQuarrington", NULL,
				   &err);
	if (!rc)
		rc = ds_handle_add(ctx, f->c2, "instagram", handle2, NULL,
				   &err);
	if (rc)
		fprintf(stderr, "  fixture: %s\n", err.msg);
	ds_close(ctx);
	return rc;
}

/* anchors[i].value of a candidate_show result, or NULL. */
static const char *anchor_value(json_t *cand, size_t i)
{
	return json_string_value(json_object_get(json_array_get(
		json_object_get(cand, "anchors"), i), "value"));
}

/* The name ds_candidate_list gives candidate id, or NULL. */
static const char *listed_name(json_t *list, int64_t id)
{
	size_t i;
	json_t *row;

	json_array_foreach(list, i, row)
		if (json_integer_value(json_object_get(row, "id")) == id)
			return json_string_value(json_object_get(row, "name"));
	return NULL;
}

/* ---- tests ------------------------------------------------------------ */

static void test_stored_sealed(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *cand = NULL, *list = NULL;
	const char *const plain[] = { name1, known1, place1 };
	const char *const kinds[] = { "legal-name", "known-as", "location" };
	char sql[160], wal[600];
	uint8_t *blob;
	size_t n, i;

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	/* Closed: all of it is in the .db (raw reads below make a -wal). */
	snprintf(wal, sizeof(wal), "%s-wal", f.db);
	CHECK(access(wal, F_OK) != 0);
	/* Each anchor column: a version-1 sealed blob, no plaintext. */
	for (i = 0; i < 3; i++) {
		snprintf(sql, sizeof(sql), "SELECT value_sealed FROM anchor "
			 "WHERE candidate_id = %lld AND kind = '%s'",
			 (long long)f.c1, kinds[i]);
		blob = raw_blob(f.db, sql, &n);
		CHECK(blob != NULL);
		if (!blob)
			continue;
		CHECK_INT(n, strlen(plain[i]) + DS_SEAL_OVERHEAD);
		CHECK_INT(blob[0], DS_SEAL_VERSION);
		CHECK(!mem_holds(blob, n, plain[i], strlen(plain[i])));
		free(blob);
		snprintf(sql, sizeof(sql), "SELECT value_mac FROM anchor "
			 "WHERE candidate_id = %lld AND kind = '%s'",
			 (long long)f.c1, kinds[i]);
		blob = raw_blob(f.db, sql, &n);
		CHECK(blob != NULL && n == 16);
		free(blob);
	}
	snprintf(sql, sizeof(sql), "SELECT handle_sealed FROM handle WHERE "
		 "candidate_id = %lld", (long long)f.c1);
	blob = raw_blob(f.db, sql, &n);
	CHECK(blob != NULL);
	if (blob) {
		CHECK_INT(n, strlen(handle1) + DS_SEAL_OVERHEAD);
		CHECK(!mem_holds(blob, n, handle1, strlen(handle1)));
		free(blob);
	}
	/* Nothing else holds the values in clear: no column, no file. */
	CHECK_INT(raw_int(f.db, "SELECT count(*) FROM anchor WHERE "
			  "typeof(value_sealed) <> 'blob'"), 0);
	CHECK_INT(raw_int(f.db, "SELECT count(*) FROM handle WHERE "
			  "typeof(handle_sealed) <> 'blob'"), 0);
	for (i = 0; i < 3; i++) {
		CHECK(!file_holds(f.db, plain[i], strlen(plain[i])));
		CHECK(!file_holds(f.keys, plain[i], strlen(plain[i])));
	}
	CHECK(!file_holds(f.db, "Zebedee", 7));
	CHECK(!file_holds(f.db, name2, strlen(name2)));
	CHECK(!file_holds(f.db, handle1, strlen(handle1)));
	CHECK(!file_holds(f.db, handle2, strlen(handle2)));

	/* The library opens them. */
	if (open_as(f.db, NULL, "rita", &ctx) != 0) {
		CHECK(!"open");
		dir_remove();
		return;
	}
	ds_err_init(&err);
	CHECK_INT(ds_candidate_show(ctx, f.c1, &cand, &err), 0);
	CHECK_INT(json_array_size(json_object_get(cand, "anchors")), 3);
	for (i = 0; i < 3; i++) {
		CHECK_STR(anchor_value(cand, i), plain[i]);
		CHECK_STR(json_string_value(json_object_get(json_array_get(
			json_object_get(cand, "anchors"), i), "kind")),
			kinds[i]);
	}
	CHECK_STR(json_string_value(json_object_get(json_array_get(
		json_object_get(cand, "handles"), 0), "handle")), handle1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(
		json_object_get(cand, "handles"), 0), "platform")), "x");
	json_decref(cand);
	CHECK_INT(ds_candidate_list(ctx, NULL, &list, &err), 0);
	CHECK_STR(listed_name(list, f.c1), name1);
	CHECK_STR(listed_name(list, f.c2), name2);
	json_decref(list);
	ds_close(ctx);
	dir_remove();
}

static void test_destroyed_key_unreadable_in_backup(void)
{
	struct fixture f;
	struct ds_keystore *ks = NULL;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *cand = NULL, *list = NULL;
	const char *const plain[] = { name1, known1, place1, handle1 };
	const char *files[3];
	uint8_t *dek;
	char sql[96];
	size_t n, i, k;
	int rc;

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	/* A backup of the case file, taken before the purge. */
	REQUIRE(copy_file(f.db, f.backup));
	snprintf(sql, sizeof(sql), "SELECT key FROM dek WHERE candidate_id = "
		 "%lld", (long long)f.c1);
	dek = raw_blob(f.keys, sql, &n);
	CHECK(dek != NULL && n == DS_KEY_LEN);
	if (dek)
		CHECK(file_holds(f.keys, dek, n));   /* the scan can see it */

	ds_err_init(&err);
	rc = ds_keystore_open(f.keys, &ks, &err);
	CHECK_INT(rc, 0);
	if (!rc) {
		uint8_t none[DS_KEY_LEN] = { 0 };

		CHECK_INT(ds_keystore_destroy_dek(ks, f.c1, &err), 0);
		CHECK_INT(ds_keystore_get_dek(ks, f.c1, none, &err), DS_EKEY);
		ds_keystore_close(ks);
	}
	/* The key is gone from the key file: no row, no stray bytes. */
	free(raw_blob(f.keys, sql, &n));
	CHECK_INT(n, 0);
	if (dek && n == 0)
		CHECK(!file_holds(f.keys, dek, DS_KEY_LEN));
	free(dek);

	/* The backup opens with the current key file... */
	REQUIRE(open_as(f.backup, f.keys, "rita", &ctx) == 0);
	/* ...but candidate 1's sealed fields no longer open. */
	ds_err_init(&err);
	rc = ds_candidate_show(ctx, f.c1, &cand, &err);
	CHECK_INT(rc, DS_EKEY);
	CHECK(cand == NULL);
	CHECK(strstr(err.msg, name1) == NULL);
	json_decref(cand);
	cand = NULL;
	rc = ds_handle_list(ctx, f.c1, &cand, &err);
	CHECK_INT(rc, DS_EKEY);
	json_decref(cand);
	cand = NULL;
	CHECK_INT(ds_candidate_list(ctx, NULL, &list, &err), 0);
	CHECK_STR(listed_name(list, f.c1), "(unreadable)");
	CHECK_STR(listed_name(list, f.c2), name2);  /* others unharmed */
	json_decref(list);
	list = NULL;
	CHECK_INT(ds_candidate_show(ctx, f.c2, &cand, &err), 0);
	CHECK_STR(anchor_value(cand, 0), name2);
	json_decref(cand);
	cand = NULL;
	/* Nothing new can be sealed for candidate 1 either. */
	CHECK_INT(ds_anchor_add(ctx, f.c1, DS_ANCHOR_EMPLOYER, "Acme", NULL,
				&err), DS_EKEY);
	ds_close(ctx);

	/* The live case file says the same. */
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(ds_candidate_show(ctx, f.c1, &cand, &err), DS_EKEY);
	json_decref(cand);
	CHECK_INT(ds_candidate_list(ctx, "V1", &list, &err), 0);
	CHECK_STR(listed_name(list, f.c1), "(unreadable)");
	json_decref(list);
	ds_close(ctx);

	/* No copy holds the plaintext. */
	files[0] = f.db;
	files[1] = f.backup;
	files[2] = f.keys;
	for (k = 0; k < 3; k++)
		for (i = 0; i < 4; i++)
			if (file_holds(files[k], plain[i], strlen(plain[i]))) {
				fprintf(stderr, "  '%s' found in %s\n",
					plain[i], files[k]);
				CHECK(!"plaintext in a file");
			}
	dir_remove();
}

static void test_blob_copied_to_other_candidate(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *cand = NULL, *list = NULL;
	char sql[400];
	int rc;

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	snprintf(sql, sizeof(sql), "UPDATE anchor SET value_sealed = (SELECT "
		 "value_sealed FROM anchor WHERE candidate_id = %lld AND "
		 "kind = 'legal-name') WHERE candidate_id = %lld AND kind = "
		 "'legal-name'", (long long)f.c1, (long long)f.c2);
	REQUIRE(raw_exec(f.db, sql));

	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	rc = ds_candidate_show(ctx, f.c2, &cand, &err);
	CHECK_INT(rc, DS_ECRYPTO);
	CHECK(cand == NULL);
	json_decref(cand);
	cand = NULL;
	CHECK_INT(ds_candidate_list(ctx, NULL, &list, &err), 0);
	CHECK_STR(listed_name(list, f.c2), "(unreadable)");
	CHECK_STR(listed_name(list, f.c1), name1);
	json_decref(list);
	list = NULL;
	ds_close(ctx);
	ctx = NULL;

	/*
	 * Each candidate has its own key, so that alone would refuse the
	 * blob.  Give candidate 2 candidate 1's key: the blob must still not
	 * open, now only because its aad names candidate 1.
	 */
	snprintf(sql, sizeof(sql), "UPDATE dek SET key = (SELECT key FROM dek "
		 "WHERE candidate_id = %lld) WHERE candidate_id = %lld",
		 (long long)f.c1, (long long)f.c2);
	REQUIRE(raw_exec(f.keys, sql));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(ds_candidate_show(ctx, f.c2, &cand, &err), DS_ECRYPTO);
	json_decref(cand);
	cand = NULL;
	CHECK_INT(ds_candidate_list(ctx, NULL, &list, &err), 0);
	CHECK_STR(listed_name(list, f.c2), "(unreadable)");
	json_decref(list);

	/*
	 * The control: candidate 1 holds the very same bytes under the very
	 * same key, and opens.  Only the aad (the candidate id) differs.
	 */
	CHECK_INT(ds_candidate_show(ctx, f.c1, &cand, &err), 0);
	CHECK_STR(anchor_value(cand, 0), name1);
	json_decref(cand);
	cand = NULL;
	snprintf(sql, sizeof(sql), "SELECT count(DISTINCT value_sealed) FROM "
		 "anchor WHERE kind = 'legal-name' AND candidate_id IN "
		 "(%lld, %lld)", (long long)f.c1, (long long)f.c2);
	CHECK_INT(raw_int(f.db, sql), 1);
	snprintf(sql, sizeof(sql), "SELECT count(DISTINCT key) FROM dek WHERE "
		 "candidate_id IN (%lld, %lld)", (long long)f.c1,
		 (long long)f.c2);
	CHECK_INT(raw_int(f.keys, sql), 1);
	ds_close(ctx);
	dir_remove();
}

static void test_blob_copied_between_tables(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *cand = NULL;
	char sql[400];

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	/* Candidate 1's legal-name blob into candidate 1's handle row. */
	snprintf(sql, sizeof(sql), "UPDATE handle SET handle_sealed = (SELECT "
		 "value_sealed FROM anchor WHERE candidate_id = %lld AND "
		 "kind = 'legal-name') WHERE candidate_id = %lld",
		 (long long)f.c1, (long long)f.c1);
	REQUIRE(raw_exec(f.db, sql));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	CHECK_INT(ds_handle_list(ctx, f.c1, &cand, &err), DS_ECRYPTO);
	json_decref(cand);
	cand = NULL;
	CHECK_INT(ds_candidate_show(ctx, f.c1, &cand, &err), DS_ECRYPTO);
	json_decref(cand);
	ds_close(ctx);
	dir_remove();
}

/*
 * crypto.h: the aad "binds the blob to where it is stored".  Within one
 * candidate (one key) a blob moved to a row of another kind must not open
 * either: otherwise whoever can write the database, without the key, can
 * make a location read as the legal name, or an x handle as an instagram
 * one.
 */
static void test_blob_copied_to_other_row(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *cand = NULL;
	char sql[400];
	int rc;
	size_t i;

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	/* A second handle for candidate 1, on another platform. */
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	CHECK_INT(ds_handle_add(ctx, f.c1, "instagram", "zq_insta", NULL,
				&err), 0);
	ds_close(ctx);
	ctx = NULL;

	/* The legal name's blob into the location row. */
	snprintf(sql, sizeof(sql), "UPDATE anchor SET value_sealed = (SELECT "
		 "value_sealed FROM anchor WHERE candidate_id = %lld AND "
		 "kind = 'legal-name') WHERE candidate_id = %lld AND kind = "
		 "'location'", (long long)f.c1, (long long)f.c1);
	REQUIRE(raw_exec(f.db, sql));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	rc = ds_candidate_show(ctx, f.c1, &cand, &err);
	CHECK_INT(rc, DS_ECRYPTO);
	for (i = 0; rc == 0 && i < 3; i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(
			json_object_get(cand, "anchors"), i), "kind")),
			   "location") == 0)
			fprintf(stderr, "  the moved blob opened as the "
				"location: '%s'\n", anchor_value(cand, i));
	json_decref(cand);
	cand = NULL;
	ds_close(ctx);
	ctx = NULL;

	/* The x handle's blob into the instagram row. */
	snprintf(sql, sizeof(sql), "DELETE FROM anchor WHERE candidate_id = "
		 "%lld AND kind = 'location'; UPDATE handle SET handle_sealed "
		 "= (SELECT handle_sealed FROM handle WHERE candidate_id = "
		 	"%lld "
		 "AND platform = 'x') WHERE candidate_id = %lld AND platform = "
		 "'instagram'", (long long)f.c1, (long long)f.c1,
		 (long long)f.c1);
	REQUIRE(raw_exec(f.db, sql));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	rc = ds_handle_list(ctx, f.c1, &cand, &err);
	CHECK_INT(rc, DS_ECRYPTO);
	json_decref(cand);
	cand = NULL;
	/* With the moved rows gone, the rest opens. */
	CHECK_INT(ds_db_exec(ctx->db, &err, "DELETE FROM handle WHERE "
			     "platform = 'instagram'", ""), 0);
	CHECK_INT(ds_candidate_show(ctx, f.c1, &cand, &err), 0);
	CHECK_STR(anchor_value(cand, 0), name1);
	CHECK_INT(json_array_size(json_object_get(cand, "anchors")), 2);
	CHECK_INT(json_array_size(json_object_get(cand, "handles")), 1);
	json_decref(cand);
	ds_close(ctx);
	dir_remove();
}

static void test_tampered_blob_refused(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *cand = NULL, *list = NULL;
	char sql[400];

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	/* Flip the last byte (part of the tag) of candidate 2's name. */
	snprintf(sql, sizeof(sql), "UPDATE anchor SET value_sealed = "
		 "substr(value_sealed, 1, length(value_sealed) - 1) || "
		 "CASE WHEN substr(value_sealed, -1) = x'00' THEN x'01' ELSE "
		 "x'00' END WHERE candidate_id = %lld", (long long)f.c2);
	REQUIRE(raw_exec(f.db, sql));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	CHECK_INT(ds_candidate_show(ctx, f.c2, &cand, &err), DS_ECRYPTO);
	json_decref(cand);
	cand = NULL;
	CHECK_INT(ds_candidate_list(ctx, NULL, &list, &err), 0);
	CHECK_STR(listed_name(list, f.c2), "(unreadable)");
	json_decref(list);
	/* Candidate 1 is unaffected. */
	CHECK_INT(ds_candidate_show(ctx, f.c1, &cand, &err), 0);
	CHECK_STR(anchor_value(cand, 0), name1);
	json_decref(cand);
	ds_close(ctx);
	dir_remove();
}

/* ---- sealed fields bound to their row (issue 16, defect 4) ------------ */

/* The version of row binding the code writes (core.c's ROWS_BOUND). */
#define ROWS_BOUND_NOW 6

/* Two findings of candidate 1, each confirmed with a reason and answered. */
static int two_findings(struct fixture *f, int64_t fid[2])
{
	static const char *const reasons[2] = {
		"Reason one: the page is about the candidate's own blog",
		"Reason two: a news item naming the candidate",
	};
	static const char *const texts[2] = {
		"Answer one: a joke taken out of context",
		"Answer two: the case was dismissed",
	};
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	sqlite3_int64 id;
	int rc, i;

	rc = open_as(f->db, NULL, "rita", &ctx);
	ds_err_init(&err);
	for (i = 0; !rc && i < 2; i++) {
		rc = ds_db_exec(ctx->db, &err, "INSERT INTO finding "
				"(candidate_id, url_mac, evidence_sha256, "
				"identity, anchors, categories, severity, "
				"retrieved, created) VALUES (?, ?, 'e3b0', "
				"'probable', 'legal-name', 'conduct', 2, "
				"'2026-11-20', '2026-11-20')", "ib",
				(sqlite3_int64)f->c1, reasons[i], i + 1);
		id = sqlite3_last_insert_rowid(ctx->db);
		fid[i] = id;
		if (!rc)
			rc = ds_review(ctx, id, "confirm", reasons[i], 0, &err);
		if (!rc)
			rc = ds_response_record(ctx, id, texts[i], "resolved",
						&err);
	}
	if (rc)
		fprintf(stderr, "  two findings: %s\n", err.msg);
	ds_close(ctx);
	return rc;
}

/* SQL swapping column c of rows 1 and 2 of table t. */
#define SWAP(t, c) "CREATE TEMP TABLE s AS SELECT id, " c " AS v FROM " t \
	"; UPDATE " t " SET " c " = (SELECT v FROM s WHERE s.id = 3 - " t \
	".id) WHERE id IN (1, 2)"

/* The reason of the latest review of finding fid, or NULL. */
static const char *shown_reason(json_t *show)
{
	json_t *r = json_object_get(show, "reviews");

	return json_string_value(json_object_get(json_array_get(r,
		json_array_size(r) - 1), "reason"));
}

/*
 * Whoever can write the database swaps two findings' sealed reasons (or
 * responses) within one candidate: with the row's id in the associated
 * data, neither opens, and the error says why.
 */
static void test_blob_swapped_between_findings(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *show = NULL;
	int64_t fid[2];

	if (make_fixture(&f) != 0 || two_findings(&f, fid) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	CHECK_INT(ds_finding_show(ctx, fid[0], &show, &err), 0);
	CHECK(shown_reason(show) &&
	      strncmp(shown_reason(show), "Reason one", 10) == 0);
	json_decref(show);
	show = NULL;
	ds_close(ctx);
	ctx = NULL;

	REQUIRE(raw_exec(f.db, SWAP("review", "reason_sealed")));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(ds_finding_show(ctx, fid[0], &show, &err), DS_ECRYPTO);
	CHECK(strstr(err.msg, "sealed review.reason of row 1 does not open") &&
	      strstr(err.msg, "sealed for another row"));
	if (!strstr(err.msg, "another row"))
		fprintf(stderr, "  the error: %s\n", err.msg);
	json_decref(show);
	show = NULL;
	CHECK_INT(ds_finding_show(ctx, fid[1], &show, &err), DS_ECRYPTO);
	json_decref(show);
	show = NULL;
	ds_close(ctx);
	ctx = NULL;

	/* The responses swapped the same way. */
	REQUIRE(raw_exec(f.db, SWAP("review", "reason_sealed")));
	REQUIRE(raw_exec(f.db, SWAP("response", "text_sealed")));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(ds_finding_show(ctx, fid[1], &show, &err), DS_ECRYPTO);
	CHECK(strstr(err.msg, "sealed response.text of row 2") != NULL);
	json_decref(show);
	ds_close(ctx);
	dir_remove();
}

/* The four sealed fields of a finding, as the run seals them. */
static const char *const finding_what[4] = {
	"finding.url", "finding.title", "finding.excerpt", "finding.explain",
};
static const char *const finding_col[4] = {
	"url_sealed", "title_sealed", "excerpt_sealed", "explain_sealed",
};

/*
 * Give findings 1 and 2 of candidate 1 sealed fields ("<field> of N"),
 * bound to their row (bound) or, as before 023, to the candidate only.
 */
static int seal_findings(struct ds_ctx *ctx, int64_t cid, int bound)
{
	struct ds_err err;
	uint8_t *blob = NULL;
	size_t len = 0;
	char label[96], plain[64], sql[96];
	int rc = 0, i, row;

	ds_err_init(&err);
	for (row = 1; !rc && row <= 2; row++)
		for (i = 0; !rc && i < 4; i++) {
			snprintf(plain, sizeof(plain), "%s of %d",
				 finding_what[i], row);
			if (bound)
				ds_field_row(label, sizeof(label),
					     finding_what[i], row);
			else
				snprintf(label, sizeof(label), "%s",
					 finding_what[i]);
			rc = ds_field_seal(ctx, cid, label, plain, &blob, &len,
					   &err);
			snprintf(sql, sizeof(sql), "UPDATE finding SET %s = ? "
				 "WHERE id = %d", finding_col[i], row);
			if (!rc)
				rc = ds_db_exec(ctx->db, &err, sql, "b", blob,
						(int)len);
			ds_free(blob);
			blob = NULL;
		}
	if (rc)
		fprintf(stderr, "  seal findings: %s\n", err.msg);
	return rc;
}

/* Show finding fid as rita in a fresh open: the result code, *err set. */
static int show_rc(const char *db, int64_t fid, struct ds_err *err)
{
	struct ds_ctx *ctx = NULL;
	json_t *show = NULL;
	int rc;

	rc = open_as(db, NULL, "rita", &ctx);
	if (!rc)
		rc = ds_finding_show(ctx, fid, &show, err);
	json_decref(show);
	ds_close(ctx);
	return rc;
}

/*
 * A finding's address, title, excerpt and explanation swapped with
 * another finding's of the same candidate: each is refused as sealed for
 * another row; swapped back, both open again.
 */
static void test_finding_fields_swapped(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *show = NULL;
	char sql[256];
	int64_t fid[2];
	int i;

	if (make_fixture(&f) != 0 || two_findings(&f, fid) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	REQUIRE(seal_findings(ctx, f.c1, 1) == 0);
	CHECK_INT(ds_finding_show(ctx, fid[1], &show, &err), 0);
	CHECK_STR(json_string_value(json_object_get(show, "url")),
		  "finding.url of 2");
	CHECK_STR(json_string_value(json_object_get(show, "explanation")),
		  "finding.explain of 2");
	json_decref(show);
	ds_close(ctx);
	for (i = 0; i < 4; i++) {
		snprintf(sql, sizeof(sql), SWAP("finding", "%s"),
			 finding_col[i], finding_col[i]);
		REQUIRE(raw_exec(f.db, sql));
		CHECK_INT(show_rc(f.db, fid[0], &err), DS_ECRYPTO);
		CHECK(strstr(err.msg, finding_what[i]) &&
		      strstr(err.msg, "of row 1 does not open") &&
		      strstr(err.msg, "sealed for another row"));
		CHECK_INT(show_rc(f.db, fid[1], &err), DS_ECRYPTO);
		REQUIRE(raw_exec(f.db, sql));
		CHECK_INT(show_rc(f.db, fid[0], &err), 0);
		CHECK_INT(show_rc(f.db, fid[1], &err), 0);
	}
	dir_remove();
}

/*
 * A case file whose findings were sealed to their candidate only
 * (rows_bound 1, after 016): the first open seals them again, bound to
 * their rows, once and audited; then a swap is caught.
 */
static void test_old_findings_upgrade(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *show = NULL;
	int64_t fid[2];

	if (make_fixture(&f) != 0 || two_findings(&f, fid) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	REQUIRE(seal_findings(ctx, f.c1, 0) == 0);
	CHECK_INT(ds_db_exec(ctx->db, &err, "UPDATE org SET rows_bound = 1",
			     ""), 0);
	ds_close(ctx);
	ctx = NULL;
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(raw_int(f.db, "SELECT rows_bound FROM org"),
		  ROWS_BOUND_NOW);
	/* Only the findings' eight fields: the others were bound already. */
	CHECK_INT(raw_int(f.db, "SELECT count(*) FROM audit WHERE action = "
			  "'fields.rebind' AND detail LIKE 'fields=8 "
			  "unreadable=0 version=1-%'"), 1);
	CHECK_INT(ds_finding_show(ctx, fid[0], &show, &err), 0);
	CHECK_STR(json_string_value(json_object_get(show, "title")),
		  "finding.title of 1");
	CHECK_STR(json_string_value(json_object_get(json_array_get(
		json_object_get(show, "reviews"), 0), "reason")) ?
		  "reason" : NULL, "reason");
	json_decref(show);
	show = NULL;
	ds_close(ctx);
	ctx = NULL;
	REQUIRE(raw_exec(f.db, SWAP("finding", "excerpt_sealed")));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(raw_int(f.db, "SELECT count(*) FROM audit WHERE action = "
			  "'fields.rebind'"), 1);
	CHECK_INT(ds_finding_show(ctx, fid[1], &show, &err), DS_ECRYPTO);
	CHECK(strstr(err.msg, "sealed for another row") != NULL);
	json_decref(show);
	ds_close(ctx);
	dir_remove();
}

/*
 * A case file from before migration 016: reasons and responses sealed to
 * their candidate only.  The first open seals them again, bound to their
 * rows, once, with an audit row; they read as before, and a swap after
 * that is caught.
 */
static void test_old_case_file_upgrades(void)
{
	static const char *const what[2] = { "review.reason", "response.text" };
	static const char *const table[2] = { "review", "response" };
	static const char *const column[2] = { "reason_sealed", "text_sealed" };
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *show = NULL;
	uint8_t *blob = NULL;
	size_t len = 0;
	char *plain = NULL, label[96], sql[160];
	int64_t fid[2];
	int t, row;

	if (make_fixture(&f) != 0 || two_findings(&f, fid) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	/* Seal each field again the old way (what the old code wrote). */
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	for (t = 0; t < 2; t++)
		for (row = 1; row <= 2; row++) {
			sqlite3_stmt *st = NULL;

			snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE "
				 "id = %d", column[t], table[t], row);
			REQUIRE(ds_db_prepare(ctx->db, &st, &err, sql, "") ==
				0);
			REQUIRE(ds_db_step(ctx->db, st, "read", &err) == 1);
			ds_field_row(label, sizeof(label), what[t], row);
			CHECK_INT(ds_field_unseal(ctx, f.c1, label,
				  sqlite3_column_blob(st, 0),
				  (size_t)sqlite3_column_bytes(st, 0), &plain,
				  &err), 0);
			sqlite3_finalize(st);
			CHECK_INT(ds_field_seal(ctx, f.c1, what[t], plain,
						&blob, &len, &err), 0);
			snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ? "
				 "WHERE id = %d", table[t], column[t], row);
			CHECK_INT(ds_db_exec(ctx->db, &err, sql, "b", blob,
					     (int)len), 0);
			ds_free(plain);
			ds_free(blob);
			plain = NULL;
			blob = NULL;
		}
	CHECK_INT(ds_db_exec(ctx->db, &err, "UPDATE org SET rows_bound = 0",
			     ""), 0);
	ds_close(ctx);
	ctx = NULL;

	/* The upgrade: one open, one audited re-seal, then it reads. */
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(raw_int(f.db, "SELECT rows_bound FROM org"),
		  ROWS_BOUND_NOW);
	CHECK_INT(raw_int(f.db, "SELECT count(*) FROM audit WHERE action = "
			  "'fields.rebind' AND detail LIKE 'fields=4 "
			  "unreadable=0 version=0-%'"), 1);
	CHECK_INT(ds_finding_show(ctx, fid[1], &show, &err), 0);
	CHECK(shown_reason(show) &&
	      strncmp(shown_reason(show), "Reason two", 10) == 0);
	json_decref(show);
	show = NULL;
	ds_close(ctx);
	ctx = NULL;
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(raw_int(f.db, "SELECT count(*) FROM audit WHERE action = "
			  "'fields.rebind'"), 1);
	ds_close(ctx);
	ctx = NULL;
	REQUIRE(raw_exec(f.db, "UPDATE review SET reason_sealed = (SELECT "
			 "reason_sealed FROM review WHERE id = 2) WHERE id = "
			 "1"));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(ds_finding_show(ctx, fid[0], &show, &err), DS_ECRYPTO);
	json_decref(show);
	ds_close(ctx);
	dir_remove();
}

/*
 * Two "known as" anchors of one candidate swap their sealed values: with
 * the row's id in the associated data, neither opens.
 */
static void test_anchors_swapped(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *cand = NULL;
	int64_t a2 = 0;
	char sql[400];
	long long a1;

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	CHECK_INT(ds_anchor_add(ctx, f.c1, DS_ANCHOR_KNOWN_AS, "Zebby Q",
				&a2, &err), 0);
	ds_close(ctx);
	ctx = NULL;
	snprintf(sql, sizeof(sql), "SELECT min(id) FROM anchor WHERE "
		 "candidate_id = %lld AND kind = 'known-as'", (long long)f.c1);
	a1 = raw_int(f.db, sql);
	REQUIRE(a1 > 0 && a1 != a2);
	snprintf(sql, sizeof(sql), "CREATE TEMP TABLE s AS SELECT id, "
		 "value_sealed AS v FROM anchor WHERE id IN (%lld, %lld); "
		 "UPDATE anchor SET value_sealed = (SELECT v FROM s WHERE "
		 "s.id != anchor.id) WHERE id IN (%lld, %lld)", a1,
		 (long long)a2, a1, (long long)a2);
	REQUIRE(raw_exec(f.db, sql));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(ds_candidate_show(ctx, f.c1, &cand, &err), DS_ECRYPTO);
	CHECK(strstr(err.msg, "sealed anchor.known-as of row") &&
	      strstr(err.msg, "sealed for another row"));
	json_decref(cand);
	cand = NULL;
	ds_close(ctx);
	ctx = NULL;
	/* Swapped back, the candidate reads again. */
	REQUIRE(raw_exec(f.db, sql));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(ds_candidate_show(ctx, f.c1, &cand, &err), 0);
	CHECK_STR(anchor_value(cand, 0), name1);
	CHECK_STR(anchor_value(cand, 3), "Zebby Q");
	json_decref(cand);
	ds_close(ctx);
	dir_remove();
}

/*
 * Seal column col of every row of table again the old way, under
 * "<prefix>.<by>" for its candidate only (what the code before row
 * binding wrote); the number of rows, or -1.
 */
static long long seal_old_way(struct ds_ctx *ctx, const char *table,
			      const char *col, const char *by,
			      const char *prefix)
{
	struct ds_err err;
	sqlite3_stmt *st = NULL;
	uint8_t *blob = NULL;
	size_t len = 0;
	char *plain = NULL, what[64], label[96], sql[160];
	long long n = 0;
	int rc;

	ds_err_init(&err);
	snprintf(sql, sizeof(sql), "SELECT id, candidate_id, %s, %s FROM %s",
		 by, col, table);
	rc = ds_db_prepare(ctx->db, &st, &err, sql, "");
	while (!rc && (rc = ds_db_step(ctx->db, st, "read", &err)) == 1) {
		int64_t id = sqlite3_column_int64(st, 0);
		int64_t cid = sqlite3_column_int64(st, 1);

		snprintf(what, sizeof(what), "%s.%s", prefix,
			 (const char *)sqlite3_column_text(st, 2));
		ds_field_row(label, sizeof(label), what, id);
		rc = ds_field_unseal(ctx, cid, label,
				     sqlite3_column_blob(st, 3),
				     (size_t)sqlite3_column_bytes(st, 3),
				     &plain, &err);
		if (!rc)
			rc = ds_field_seal(ctx, cid, what, plain, &blob, &len,
					   &err);
		snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ? WHERE id = ?",
			 table, col);
		if (!rc)
			rc = ds_db_exec(ctx->db, &err, sql, "bi", blob,
					(int)len, (sqlite3_int64)id);
		ds_free(plain);
		ds_free(blob);
		plain = NULL;
		blob = NULL;
		n++;
	}
	sqlite3_finalize(st);
	if (rc < 0)
		fprintf(stderr, "  seal the old way: %s\n", err.msg);
	return rc < 0 ? -1 : n;
}

/*
 * A case file whose anchors were sealed to their kind and candidate only
 * (rows_bound 2): the first open seals them again, bound to their rows,
 * once and audited; names read as before.
 */
static void test_old_anchors_upgrade(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *cand = NULL, *list = NULL;
	char detail[160];
	long long n;

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	n = seal_old_way(ctx, "anchor", "value_sealed", "kind", "anchor");
	CHECK_INT(ds_db_exec(ctx->db, &err, "UPDATE org SET rows_bound = 2",
			     ""), 0);
	ds_close(ctx);
	ctx = NULL;
	REQUIRE(n >= 4);

	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(raw_int(f.db, "SELECT rows_bound FROM org"),
		  ROWS_BOUND_NOW);
	snprintf(detail, sizeof(detail), "SELECT count(*) FROM audit WHERE "
		 "action = 'fields.rebind' AND detail LIKE 'fields=%lld "
		 "unreadable=0 version=2-%%'", n);
	CHECK_INT(raw_int(f.db, detail), 1);
	CHECK_INT(ds_candidate_show(ctx, f.c1, &cand, &err), 0);
	CHECK_STR(anchor_value(cand, 0), name1);
	CHECK_STR(anchor_value(cand, 1), known1);
	json_decref(cand);
	CHECK_INT(ds_candidate_list(ctx, NULL, &list, &err), 0);
	CHECK_STR(listed_name(list, f.c2), name2);
	json_decref(list);
	ds_close(ctx);
	dir_remove();
}

/* SQL swapping col between the two rows of table for candidate cid. */
static void swap_two(char *sql, size_t size, const char *table,
		     const char *col, int64_t cid)
{
	snprintf(sql, size, "CREATE TEMP TABLE s AS SELECT id, %s AS v FROM "
		 "%s WHERE candidate_id = %lld; UPDATE %s SET %s = (SELECT v "
		 "FROM s WHERE s.id != %s.id) WHERE candidate_id = %lld", col,
		 table, (long long)cid, table, col, table, (long long)cid);
}

/* handles[i].handle of a handle list. */
static const char *handle_at(json_t *list, size_t i)
{
	return json_string_value(json_object_get(json_array_get(list, i),
						 "handle"));
}

/*
 * Two x handles of one candidate swap their sealed values: neither
 * opens.  Then a file whose handles were sealed to their platform only
 * (rows_bound 3) is sealed again on open, and reads as before.
 */
static void test_handles_swapped_and_upgraded(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *list = NULL;
	char sql[400];
	long long n;

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	CHECK_INT(ds_handle_add(ctx, f.c1, "x", "zq_second", NULL, &err), 0);
	ds_close(ctx);
	ctx = NULL;
	swap_two(sql, sizeof(sql), "handle", "handle_sealed", f.c1);
	REQUIRE(raw_exec(f.db, sql));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(ds_handle_list(ctx, f.c1, &list, &err), DS_ECRYPTO);
	CHECK(strstr(err.msg, "sealed handle.x of row") &&
	      strstr(err.msg, "sealed for another row"));
	json_decref(list);
	list = NULL;
	ds_close(ctx);
	ctx = NULL;
	REQUIRE(raw_exec(f.db, sql));

	/* The upgrade from the handles sealed the old way. */
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	n = seal_old_way(ctx, "handle", "handle_sealed", "platform",
			 "handle");
	CHECK_INT(ds_db_exec(ctx->db, &err, "UPDATE org SET rows_bound = 3",
			     ""), 0);
	ds_close(ctx);
	ctx = NULL;
	REQUIRE(n == 3);
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(raw_int(f.db, "SELECT count(*) FROM audit WHERE action = "
			  "'fields.rebind' AND detail LIKE 'fields=3 "
			  "unreadable=0 version=3-%'"), 1);
	CHECK_INT(ds_handle_list(ctx, f.c1, &list, &err), 0);
	CHECK_INT(json_array_size(list), 2);
	CHECK_STR(handle_at(list, 1), "zq_second");
	json_decref(list);
	ds_close(ctx);
	dir_remove();
}

/*
 * Two employment claims of one candidate swap their sealed values:
 * neither opens.  Then a file whose claims were sealed to their kind only
 * (rows_bound 4) is sealed again on open, and reads as before.
 */
static void test_claims_swapped_and_upgraded(void)
{
	static const char *const employers[2] = { "Oak Academy",
						  "Elm Grammar" };
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *list = NULL;
	char sql[400];
	long long n;
	int i;

	if (make_fixture(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	ds_err_init(&err);
	for (i = 0; i < 2; i++) {
		struct ds_claim_in c = { .kind = "employment",
					 .organisation = employers[i],
					 .role = "Teacher" };

		CHECK_INT(ds_claim_add(ctx, f.c1, &c, NULL, &err), 0);
	}
	ds_close(ctx);
	ctx = NULL;
	swap_two(sql, sizeof(sql), "claim", "claim_sealed", f.c1);
	REQUIRE(raw_exec(f.db, sql));
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(ds_claim_list(ctx, f.c1, &list, &err), DS_ECRYPTO);
	CHECK(strstr(err.msg, "sealed claim.employment of row") &&
	      strstr(err.msg, "sealed for another row"));
	json_decref(list);
	list = NULL;
	ds_close(ctx);
	ctx = NULL;
	REQUIRE(raw_exec(f.db, sql));

	/* The upgrade from the claims sealed the old way. */
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	n = seal_old_way(ctx, "claim", "claim_sealed", "kind", "claim");
	CHECK_INT(ds_db_exec(ctx->db, &err, "UPDATE org SET rows_bound = 4",
			     ""), 0);
	ds_close(ctx);
	ctx = NULL;
	REQUIRE(n == 2);
	REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
	CHECK_INT(raw_int(f.db, "SELECT count(*) FROM audit WHERE action = "
			  "'fields.rebind' AND detail LIKE 'fields=2 "
			  "unreadable=0 version=4-%'"), 1);
	CHECK_INT(ds_claim_list(ctx, f.c1, &list, &err), 0);
	CHECK_INT(json_array_size(list), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 1),
						    "organisation")),
		  employers[1]);
	json_decref(list);
	ds_close(ctx);
	dir_remove();
}

int main(void)
{
	RUN(test_stored_sealed);
	RUN(test_destroyed_key_unreadable_in_backup);
	RUN(test_blob_copied_to_other_candidate);
	RUN(test_blob_copied_between_tables);
	RUN(test_blob_copied_to_other_row);
	RUN(test_tampered_blob_refused);
	RUN(test_blob_swapped_between_findings);
	RUN(test_old_case_file_upgrades);
	RUN(test_finding_fields_swapped);
	RUN(test_old_findings_upgrade);
	RUN(test_anchors_swapped);
	RUN(test_old_anchors_upgrade);
	RUN(test_handles_swapped_and_upgraded);
	RUN(test_claims_swapped_and_upgraded);
	dir_remove();
	return check_summary();
}
