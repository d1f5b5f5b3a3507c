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
#include "retention.h"
#include "review.h"
#include "run.h"
#include "sar.h"

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
	int64_t fid[2];         /* make_rows: candidate 1's two findings */
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

/*
 * Every sealed column and the row-binding version from which it is bound
 * to its row (org.rows_bound).  Before that version the code sealed it
 * under "<label>" (or "<label>.<by column>") for its candidate only.
 */
static const struct bound {
	const char *table, *column, *label, *by;
	int since;
} bound[] = {
	{ "review", "reason_sealed", "review.reason", NULL, 1 },
	{ "response", "text_sealed", "response.text", NULL, 1 },
	{ "evidence", "url_sealed", "evidence.url", NULL, 1 },
	{ "evidence", "final_url_sealed", "evidence.final_url", NULL, 1 },
	{ "evidence", "title_sealed", "evidence.title", NULL, 1 },
	{ "finding", "url_sealed", "finding.url", NULL, 2 },
	{ "finding", "title_sealed", "finding.title", NULL, 2 },
	{ "finding", "excerpt_sealed", "finding.excerpt", NULL, 2 },
	{ "finding", "explain_sealed", "finding.explain", NULL, 2 },
	{ "anchor", "value_sealed", "anchor", "kind", 3 },
	{ "handle", "handle_sealed", "handle", "platform", 4 },
	{ "claim", "claim_sealed", "claim", "kind", 5 },
	{ "step", "query_sealed", "step.query", NULL, 6 },
	{ "step", "target_sealed", "step.target", NULL, 6 },
	{ "hit", "url_sealed", "hit.url", NULL, 6 },
	{ "hit", "title_sealed", "hit.title", NULL, 6 },
	{ "hit", "snippet_sealed", "hit.snippet", NULL, 6 },
	{ "archive", "report_sealed", "archive.report", NULL, 6 },
	{ "archive", "scr_sealed", "archive.scr", NULL, 6 },
};
#define NBOUND (sizeof(bound) / sizeof(bound[0]))

/* Seal plain into table.column of row (its rowid), bound to the row. */
static int put_sealed(struct ds_ctx *ctx, int64_t cid,
		      const struct bound *b, int64_t row, const char *plain,
		      struct ds_err *err)
{
	uint8_t *blob = NULL;
	size_t len = 0;
	char sql[128];
	int rc;

	rc = ds_field_seal_row(ctx, cid, b->label, row, plain, &blob, &len,
			       err);
	snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ? WHERE rowid = ?",
		 b->table, b->column);
	if (!rc)
		rc = ds_db_exec(ctx->db, err, sql, "bi", blob, (int)len,
				(sqlite3_int64)row);
	ds_free(blob);
	return rc;
}

/* The rows of a run, its hits and evidence, and an archive (raw SQL). */
#define RUN_ROWS(c1, c2) \
	"INSERT INTO plan (id, vacancy_id, version, steps, sha256, created) " \
	"SELECT 1, vacancy_id, 1, '[]', 'e3b0', '2026-11-20' FROM candidate " \
	"WHERE id = " c1 "; INSERT INTO run (id, vacancy_id, plan_id, " \
	"searcher_id, status, started) SELECT 1, vacancy_id, 1, 1, 'done', " \
	"'2026-11-20' FROM candidate WHERE id = " c1 "; INSERT INTO step " \
	"(id, run_id, candidate_id, plan_step, seq, kind, connector, status) " \
	"VALUES (1, 1, " c1 ", 0, 0, 'web', 'searxng', 'done'), (2, 1, " c1 \
	", 1, 0, 'web', 'searxng', 'done'); INSERT INTO hit (id, step_id, " \
	"candidate_id, url_sealed) VALUES (1, 1, " c1 ", x'00'), (2, 1, " c1 \
	", x'00'); INSERT INTO evidence (id, step_id, candidate_id, " \
	"url_sealed, outcome, retrieved, sha256, size) VALUES (1, 1, " c1 \
	", x'00', 'ok', '2026-11-20', 'e3b0', 0), (2, 1, " c1 ", x'00', " \
	"'ok', '2026-11-20', 'e3b0', 0); INSERT INTO archive (candidate_id, " \
	"scr_sealed, report_sealed, report_sha256, archived, keep_until) " \
	"VALUES (" c2 ", x'00', x'00', 'e3b0', '2026-11-20', '2032-11-20')"

/*
 * Two rows of each sealed table for candidate 1 (the fixture's, and
 * more): two findings, each reviewed and answered; a second "known as"
 * name, x handle and employment claim; a run with two steps, two search
 * hits and two pages.  The archive (one row per candidate) is candidate
 * 2's.  A field written here reads "<label> of <row>".
 */
static int make_rows(struct fixture *f)
{
	static const char *const reasons[2] = {
		"Reason one: the page is about the candidate's own blog",
		"Reason two: a news item naming the candidate",
	};
	static const char *const texts[2] = {
		"Answer one: a joke taken out of context",
		"Answer two: the case was dismissed",
	};
	static const char *const employers[2] = { "Oak Academy",
						  "Elm Grammar" };
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	char sql[2048], c1[24], c2[24], plain[64];
	size_t k;
	int rc, i;

	snprintf(c1, sizeof(c1), "%lld", (long long)f->c1);
	snprintf(c2, sizeof(c2), "%lld", (long long)f->c2);
	snprintf(sql, sizeof(sql), RUN_ROWS("%s", "%s"), c1, c1, c1, c1, c1,
		 c1, c1, c1, c2);
	if (!raw_exec(f->db, sql))
		return -1;
	rc = open_as(f->db, NULL, "rita", &ctx);
	ds_err_init(&err);
	for (i = 0; !rc && i < 2; i++) {
		struct ds_claim_in c = { .kind = "employment",
					 .organisation = employers[i],
					 .role = "Teacher" };

		rc = ds_db_exec(ctx->db, &err, "INSERT INTO finding "
				"(candidate_id, url_mac, evidence_sha256, "
				"identity, anchors, categories, severity, "
				"retrieved, created) VALUES (?, ?, 'e3b0', "
				"'probable', 'legal-name', 'conduct', 2, "
				"'2026-11-20', '2026-11-20')", "ib",
				(sqlite3_int64)f->c1, reasons[i], i + 1);
		f->fid[i] = sqlite3_last_insert_rowid(ctx->db);
		if (!rc)
			rc = ds_review(ctx, f->fid[i], "confirm", reasons[i],
				       0, &err);
		if (!rc)
			rc = ds_response_record(ctx, f->fid[i], texts[i],
						"resolved", &err);
		if (!rc)
			rc = ds_claim_add(ctx, f->c1, &c, NULL, &err);
	}
	if (!rc)
		rc = ds_anchor_add(ctx, f->c1, DS_ANCHOR_KNOWN_AS, "Zebby Q",
				   NULL, &err);
	if (!rc)
		rc = ds_handle_add(ctx, f->c1, "x", "zq_second", NULL, &err);
	/* The fields of the rows made with SQL: what the library seals. */
	for (k = 0; !rc && k < NBOUND; k++) {
		int archive = strcmp(bound[k].table, "archive") == 0;
		int64_t cid = archive ? f->c2 : f->c1, row;

		if (bound[k].since < 2 && strcmp(bound[k].table, "evidence"))
			continue;       /* reviews, responses: ds_review... */
		if (bound[k].by)
			continue;       /* anchors, handles, claims */
		for (row = archive ? cid : 1; !rc && row <= (archive ? cid :
							     2); row++) {
			snprintf(plain, sizeof(plain), "%s of %lld",
				 bound[k].label, (long long)row);
			rc = put_sealed(ctx, cid, &bound[k], row, plain, &err);
		}
	}
	if (rc)
		fprintf(stderr, "  make rows: %s\n", err.msg);
	ds_close(ctx);
	return rc;
}

/* The readers of the case file a swap is tried with. */
enum reader { R_FINDING, R_CANDIDATE, R_HANDLES, R_CLAIMS, R_RUN, R_SAR };

/*
 * Read with reader: its result code, *err set on failure.  R_SAR, the
 * DPO's subject access, reads every table of the candidate.
 */
static int read_with(struct ds_ctx *ctx, const struct fixture *f,
		     enum reader r, struct ds_err *err)
{
	json_t *j = NULL;
	int rc = DS_EINTERNAL;

	switch (r) {
	case R_FINDING:
		rc = ds_finding_show(ctx, f->fid[0], &j, err);
		break;
	case R_CANDIDATE:
		rc = ds_candidate_show(ctx, f->c1, &j, err);
		break;
	case R_HANDLES:
		rc = ds_handle_list(ctx, f->c1, &j, err);
		break;
	case R_CLAIMS:
		rc = ds_claim_list(ctx, f->c1, &j, err);
		break;
	case R_RUN:
		rc = ds_run_show(ctx, 1, &j, err);
		break;
	case R_SAR:
		rc = ds_sar_json(ctx, NULL, f->c1, &j, err);
		break;
	}
	json_decref(j);
	return rc;
}

/*
 * The swaps: column of the two rows of candidate 1 in table that where
 * selects (sealed under the same label), read back by read.
 */
static const struct swap {
	const char *table, *column, *what, *where;
	enum reader read;
} swaps[] = {
	{ "review", "reason_sealed", "review.reason", "1", R_FINDING },
	{ "response", "text_sealed", "response.text", "1", R_FINDING },
	{ "finding", "url_sealed", "finding.url", "1", R_FINDING },
	{ "finding", "title_sealed", "finding.title", "1", R_FINDING },
	{ "finding", "excerpt_sealed", "finding.excerpt", "1", R_FINDING },
	{ "finding", "explain_sealed", "finding.explain", "1", R_FINDING },
	{ "evidence", "url_sealed", "evidence.url", "1", R_SAR },
	{ "evidence", "final_url_sealed", "evidence.final_url", "1",
	  R_SAR },
	{ "evidence", "title_sealed", "evidence.title", "1", R_SAR },
	{ "anchor", "value_sealed", "anchor.known-as", "kind = 'known-as'",
	  R_CANDIDATE },
	{ "handle", "handle_sealed", "handle.x", "platform = 'x'",
	  R_HANDLES },
	{ "claim", "claim_sealed", "claim.employment", "kind = 'employment'",
	  R_CLAIMS },
	{ "step", "query_sealed", "step.query", "1", R_RUN },
	{ "step", "target_sealed", "step.target", "1", R_SAR },
	{ "hit", "url_sealed", "hit.url", "1", R_SAR },
	{ "hit", "title_sealed", "hit.title", "1", R_SAR },
	{ "hit", "snippet_sealed", "hit.snippet", "1", R_SAR },
};

/* SQL swapping column of rows a and b of table (run twice: swapped back). */
static void swap_sql(char *sql, size_t size, const struct swap *s,
		     long long a, long long b)
{
	snprintf(sql, size, "CREATE TEMP TABLE s AS SELECT id, %s AS v FROM "
		 "%s WHERE id IN (%lld, %lld); UPDATE %s SET %s = (SELECT v "
		 "FROM s WHERE s.id != %s.id) WHERE id IN (%lld, %lld)",
		 s->column, s->table, a, b, s->table, s->column, s->table, a,
		 b);
}

/* Open the case file as rita and read it with r (and the SAR). */
static void read_as_rita(const struct fixture *f, enum reader r, int *rc,
			 int *sar_rc, struct ds_err *err)
{
	struct ds_ctx *ctx = NULL;
	struct ds_err e2;

	ds_err_init(&e2);
	*rc = *sar_rc = -999;
	if (open_as(f->db, NULL, "rita", &ctx) != 0)
		return;
	*rc = read_with(ctx, f, r, err);
	*sar_rc = read_with(ctx, f, R_SAR, &e2);
	ds_close(ctx);
}

/*
 * Whoever can write the database swaps two rows' sealed blobs of one
 * table, within one candidate (same key, same label): with the row's id
 * in the associated data neither opens, and the error names the field
 * and the row.  Swapped back, both read again.  One case per table and
 * column.
 */
static void test_rows_swapped(void)
{
	struct fixture f;
	struct ds_err err;
	char sql[512];
	long long a, b;
	size_t k;
	int rc, sar_rc;

	if (make_fixture(&f) != 0 || make_rows(&f) != 0) {
		CHECK(!"fixture");
		dir_remove();
		return;
	}
	ds_err_init(&err);
	for (k = 0; k < sizeof(swaps) / sizeof(swaps[0]); k++) {
		const struct swap *s = &swaps[k];
		char want[96];

		snprintf(sql, sizeof(sql), "SELECT %s(id) FROM %s WHERE "
			 "candidate_id = %lld AND %s", "min", s->table,
			 (long long)f.c1, s->where);
		a = raw_int(f.db, sql);
		snprintf(sql, sizeof(sql), "SELECT %s(id) FROM %s WHERE "
			 "candidate_id = %lld AND %s", "max", s->table,
			 (long long)f.c1, s->where);
		b = raw_int(f.db, sql);
		CHECK(a > 0 && b > a);
		read_as_rita(&f, s->read, &rc, &sar_rc, &err);
		CHECK_INT(rc, 0);
		CHECK_INT(sar_rc, 0);
		swap_sql(sql, sizeof(sql), s, a, b);
		REQUIRE(raw_exec(f.db, sql));
		read_as_rita(&f, s->read, &rc, &sar_rc, &err);
		snprintf(want, sizeof(want), "sealed %s of row ", s->what);
		CHECK_INT(rc, DS_ECRYPTO);
		CHECK_INT(sar_rc, DS_ECRYPTO);
		CHECK(rc == 0 || (strstr(err.msg, want) &&
				  strstr(err.msg, "sealed for another row")));
		if (rc != DS_ECRYPTO || !strstr(err.msg, want))
			fprintf(stderr, "  %s.%s swapped: %d %s\n", s->table,
				s->column, rc, rc ? err.msg : "(read)");
		REQUIRE(raw_exec(f.db, sql));
		read_as_rita(&f, s->read, &rc, &sar_rc, &err);
		CHECK_INT(rc, 0);
		CHECK_INT(sar_rc, 0);
	}
	dir_remove();
}

/*
 * Seal column b of every row again the old way, under "<label>" or
 * "<label>.<by>" for its candidate only (what the code before b->since
 * wrote); the number of fields, or -1.
 */
static long long seal_old_way(struct ds_ctx *ctx, const struct bound *b)
{
	struct ds_err err;
	sqlite3_stmt *st = NULL;
	uint8_t *blob = NULL;
	size_t len = 0;
	char *plain = NULL, what[64], sql[160];
	long long n = 0;
	int rc;

	ds_err_init(&err);
	snprintf(sql, sizeof(sql), "SELECT rowid, candidate_id, %s, %s FROM "
		 "%s WHERE %s IS NOT NULL", b->by ? b->by : "NULL", b->column,
		 b->table, b->column);
	rc = ds_db_prepare(ctx->db, &st, &err, sql, "");
	while (!rc && (rc = ds_db_step(ctx->db, st, "read", &err)) == 1) {
		int64_t id = sqlite3_column_int64(st, 0);
		int64_t cid = sqlite3_column_int64(st, 1);

		snprintf(what, sizeof(what), "%s%s%s", b->label,
			 b->by ? "." : "", b->by ? (const char *)
			 sqlite3_column_text(st, 2) : "");
		rc = ds_field_unseal_row(ctx, cid, what, id,
					 sqlite3_column_blob(st, 3),
					 (size_t)sqlite3_column_bytes(st, 3),
					 &plain, &err);
		if (!rc)
			rc = ds_field_seal(ctx, cid, what, plain, &blob, &len,
					   &err);
		snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ? WHERE rowid "
			 "= ?", b->table, b->column);
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

/* member key of element i of array member list of j, as a string. */
static const char *at_str(json_t *j, const char *list, size_t i,
			  const char *key)
{
	return json_string_value(json_object_get(json_array_get(
		json_object_get(j, list), i), key));
}

/* Read every sealed field back through the library, as make_rows wrote. */
static void check_values(struct ds_ctx *ctx, const struct fixture *f)
{
	struct ds_err err;
	json_t *j = NULL;
	char want[64];

	ds_err_init(&err);
	CHECK_INT(ds_finding_show(ctx, f->fid[1], &j, &err), 0);
	CHECK_STR(json_string_value(json_object_get(j, "url")),
		  "finding.url of 2");
	CHECK_STR(json_string_value(json_object_get(j, "explanation")),
		  "finding.explain of 2");
	CHECK_STR(at_str(j, "reviews", 0, "reason"),
		  "Reason two: a news item naming the candidate");
	CHECK_STR(at_str(j, "responses", 0, "text"),
		  "Answer two: the case was dismissed");
	json_decref(j);
	j = NULL;
	CHECK_INT(ds_candidate_show(ctx, f->c1, &j, &err), 0);
	CHECK_STR(anchor_value(j, 0), name1);
	CHECK_STR(anchor_value(j, 1), known1);
	CHECK_STR(anchor_value(j, 3), "Zebby Q");
	CHECK_STR(at_str(j, "handles", 1, "handle"), "zq_second");
	json_decref(j);
	j = NULL;
	CHECK_INT(ds_claim_list(ctx, f->c1, &j, &err), 0);
	CHECK_STR(json_string_value(json_object_get(json_array_get(j, 1),
						    "organisation")),
		  "Elm Grammar");
	json_decref(j);
	j = NULL;
	CHECK_INT(ds_run_show(ctx, 1, &j, &err), 0);
	CHECK_STR(at_str(j, "steps", 1, "query"), "step.query of 2");
	json_decref(j);
	j = NULL;
	CHECK_INT(ds_sar_json(ctx, NULL, f->c1, &j, &err), 0);
	CHECK_STR(at_str(j, "steps", 0, "target"), "step.target of 1");
	CHECK_STR(at_str(j, "hits", 1, "snippet"), "hit.snippet of 2");
	CHECK_STR(at_str(j, "hits", 0, "url"), "hit.url of 1");
	CHECK_STR(at_str(j, "evidence", 1, "final_url"),
		  "evidence.final_url of 2");
	json_decref(j);
	j = NULL;
	CHECK_INT(ds_archive_show(ctx, f->c2, &j, &err), 0);
	snprintf(want, sizeof(want), "archive.report of %lld",
		 (long long)f->c2);
	CHECK_STR(json_string_value(json_object_get(j, "report")), want);
	snprintf(want, sizeof(want), "archive.scr of %lld", (long long)f->c2);
	CHECK_STR(json_string_value(json_object_get(j, "scr")), want);
	json_decref(j);
	if (err.msg[0])
		fprintf(stderr, "  check values: %s\n", err.msg);
}

/*
 * A case file of each earlier row-binding version (0: before migration
 * 016; 5: before the steps, hits and archive were bound): the columns
 * bound since a later version are sealed the old way.  The first open
 * seals exactly those again, bound to their rows, in one audited step;
 * everything reads as before; the next open does nothing; a swap after
 * that is caught.
 */
static void test_old_versions_upgrade(void)
{
	struct fixture f;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	char sql[512];
	long long n, m;
	size_t k;
	int v, rc, sar_rc;

	for (v = 0; v < ROWS_BOUND_NOW; v++) {
		if (make_fixture(&f) != 0 || make_rows(&f) != 0) {
			CHECK(!"fixture");
			dir_remove();
			return;
		}
		REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
		ds_err_init(&err);
		for (n = 0, k = 0; k < NBOUND; k++) {
			if (bound[k].since <= v)
				continue;
			m = seal_old_way(ctx, &bound[k]);
			CHECK(m > 0);
			n += m;
		}
		CHECK_INT(ds_db_exec(ctx->db, &err, "UPDATE org SET "
				     "rows_bound = ?", "d", v), 0);
		ds_close(ctx);
		ctx = NULL;
		/* The first open is the upgrade: then everything reads. */
		read_as_rita(&f, R_FINDING, &rc, &sar_rc, &err);
		CHECK_INT(raw_int(f.db, "SELECT rows_bound FROM org"),
			  ROWS_BOUND_NOW);
		CHECK_INT(rc, 0);
		CHECK_INT(sar_rc, 0);
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE "
			 "action = 'fields.rebind' AND detail = 'fields=%lld "
			 "unreadable=0 version=%d-%d'", n, v, ROWS_BOUND_NOW);
		CHECK_INT(raw_int(f.db, sql), 1);
		REQUIRE(open_as(f.db, NULL, "rita", &ctx) == 0);
		check_values(ctx, &f);
		ds_close(ctx);
		ctx = NULL;
		CHECK_INT(raw_int(f.db, "SELECT count(*) FROM audit WHERE "
				  "action = 'fields.rebind'"), 1);
		swap_sql(sql, sizeof(sql), &swaps[12], 1, 2);
		REQUIRE(raw_exec(f.db, sql));
		read_as_rita(&f, R_RUN, &rc, &sar_rc, &err);
		CHECK_INT(rc, DS_ECRYPTO);
		CHECK(strstr(err.msg, "sealed for another row") != NULL);
		dir_remove();
	}
}

int main(void)
{
	RUN(test_stored_sealed);
	RUN(test_destroyed_key_unreadable_in_backup);
	RUN(test_blob_copied_to_other_candidate);
	RUN(test_blob_copied_between_tables);
	RUN(test_blob_copied_to_other_row);
	RUN(test_tampered_blob_refused);
	RUN(test_rows_swapped);
	RUN(test_old_versions_upgrade);
	dir_remove();
	return check_summary();
}
