/*
 * test_audit.c: the hash-chained audit trail through the library.  A good
 * trail verifies; each way of editing it by hand (with the triggers that
 * guard it dropped) is caught at the right row; a head kept from before
 * catches rows cut from the end; only a DPO or an admin may read it; the
 * filters of ds_audit_show; and a write that fails leaves no audit row.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "scratch.h"
#include "core.h"
#include "db.h"
#include "ds.h"
#include "err.h"

/* ---- raw SQLite ------------------------------------------------------- */

static char db_path[512];

/* Run sql on the case file behind the library's back; quiet. */
static int raw_try(const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK;
}

/* The same, saying why it failed. */
static int raw_exec(const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "  raw_exec %s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc == SQLITE_OK;
}

/* Drop the triggers that make the trail append-only. */
static int drop_guards(void)
{
	return raw_exec("DROP TRIGGER audit_no_update; "
			"DROP TRIGGER audit_no_delete;");
}

/* An integer from the library's own connection. */
static long long ctx_int(struct ds_ctx *ctx, const char *sql)
{
	sqlite3_int64 v = -999;

	if (ds_db_int(ctx->db, &v, NULL, sql, "") != 0)
		return -999;
	return v;
}

static long long audit_rows(struct ds_ctx *ctx)
{
	return ctx_int(ctx, "SELECT count(*) FROM audit");
}

/* ---- the case --------------------------------------------------------- */

static int open_as(const char *actor, struct ds_ctx **ctx)
{
	struct ds_open_opts o = { .db_path = db_path, .actor = actor };
	struct ds_err err;
	int rc;

	*ctx = NULL;
	ds_err_init(&err);
	rc = ds_open(&o, ctx, &err);
	if (rc)
		fprintf(stderr, "  ds_open as %s: %s\n", actor ? actor : "-",
			err.msg);
	return rc;
}

static const char name1[] = "Zebedee Quarrington";
static int64_t cand1, cand2;

/*
 * A case file with actors ada (admin), rita (recruiter), dora (dpo) and
 * dan (dsl), two vacancies and a few writes: 11 audit rows.
 */
static int make_case(void)
{
	static const struct ds_org_settings org = {
		.name = "Test School", .lawful_basis = "public-task",
		.scope = "shortlisted", .scope_reason = "KCSIE",
		.consent_required = 1,
	};
	const struct ds_anchor_in a1[] = { { DS_ANCHOR_LEGAL_NAME, name1 } };
	const struct ds_anchor_in a2[] = {
		{ DS_ANCHOR_LEGAL_NAME, "Philippa Ormerod" }
	};
	struct ds_candidate_in c = { .vacancy_ref = "V1", .anchors = a1,
				     .nanchors = 1 };
	struct ds_vacancy_in v1 = { .ref = "V1", .post = "Teacher",
				    .school = "Test School" };
	struct ds_vacancy_in v2 = { .ref = "V2", .post = "Caretaker",
				    .school = "Test School" };
	struct ds_open_opts o = { 0 };
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	int rc;

	if (!dir_make())
		return -1;
	snprintf(db_path, sizeof(db_path), "%s/case.db", scratch_dir);
	o.db_path = db_path;
	o.actor = "ada";
	ds_err_init(&err);
	rc = ds_init(&o, &org, &err);                           /* 1 */
	if (!rc)
		rc = open_as("ada", &ctx);
	if (!rc)
		rc = ds_actor_add(ctx, "rita", DS_ROLE_RECRUITER, NULL, &err);
	if (!rc)
		rc = ds_actor_add(ctx, "dora", DS_ROLE_DPO, NULL, &err);
	if (!rc)
		rc = ds_actor_add(ctx, "dan", DS_ROLE_DSL, NULL, &err); /* 4 */
	ds_close(ctx);
	ctx = NULL;
	if (!rc)
		rc = open_as("rita", &ctx);
	if (!rc)
		rc = ds_vacancy_add(ctx, &v1, NULL, &err);
	if (!rc)
		rc = ds_vacancy_add(ctx, &v2, NULL, &err);          /* 6 */
	if (!rc)
		rc = ds_candidate_add(ctx, &c, &cand1, &err);
	c.vacancy_ref = "V2";
	c.anchors = a2;
	if (!rc)
		rc = ds_candidate_add(ctx, &c, &cand2, &err);       /* 8 */
	if (!rc)
		rc = ds_candidate_set_status(ctx, cand1, "shortlisted", &err);
	if (!rc)
		rc = ds_notice_add(ctx, cand1, "2025-01-10", "email", NULL,
				   NULL, &err);
	if (!rc)
		rc = ds_handle_add(ctx, cand1, "x", "@zq_teach", NULL,
				   &err);                           /* 11 */
	if (rc)
		fprintf(stderr, "  make_case: %s\n", err.msg);
	ds_close(ctx);
	return rc;
}

#define CASE_ROWS 11

/* Verify as dora; head may be NULL.  Returns the call's result. */
static int verify(const char *head, struct ds_audit_verdict *v)
{
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	int rc;

	memset(v, 0x55, sizeof(*v));
	if (open_as("dora", &ctx) != 0)
		return -999;
	ds_err_init(&err);
	rc = ds_audit_verify(ctx, head, v, &err);
	if (rc)
		fprintf(stderr, "  verify: %s\n", err.msg);
	ds_close(ctx);
	return rc;
}

/* The current head string "SEQ:HASH" into out[96]; 0 on success. */
static int head_now(char out[96])
{
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *h = NULL;
	int rc;

	out[0] = '\0';
	if (open_as("dora", &ctx) != 0)
		return -1;
	ds_err_init(&err);
	rc = ds_audit_head(ctx, &h, &err);
	if (!rc)
		snprintf(out, 96, "%s", json_string_value(json_object_get(h,
								"head")));
	json_decref(h);
	ds_close(ctx);
	return rc;
}

#define SETUP() do { \
	if (make_case() != 0) { \
		CHECK(!"make_case"); \
		dir_remove(); \
		return; \
	} \
} while (0)

/* ---- a good trail ----------------------------------------------------- */

static void test_good_trail_verifies(void)
{
	struct ds_audit_verdict v;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *h = NULL;
	char head[96];

	SETUP();
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 1);
	CHECK_INT(v.rows, CASE_ROWS);
	CHECK_INT(v.bad_seq, 0);
	CHECK_STR(v.problem, "");
	CHECK_INT(strlen(v.head_hash), 64);

	REQUIRE(open_as("ada", &ctx) == 0);     /* admin may too */
	CHECK_INT(audit_rows(ctx), CASE_ROWS);
	ds_err_init(&err);
	CHECK_INT(ds_audit_head(ctx, &h, &err), 0);
	CHECK_INT(json_integer_value(json_object_get(h, "seq")), CASE_ROWS);
	CHECK_STR(json_string_value(json_object_get(h, "hash")), v.head_hash);
	snprintf(head, sizeof(head), "%d:%s", CASE_ROWS, v.head_hash);
	CHECK_STR(json_string_value(json_object_get(h, "head")), head);
	json_decref(h);
	CHECK_INT(ds_audit_verify(ctx, head, &v, &err), 0);
	CHECK_INT(v.ok, 1);
	ds_close(ctx);

	/* A head kept earlier still verifies once more rows are written. */
	REQUIRE(open_as("rita", &ctx) == 0);
	CHECK_INT(ds_candidate_set_status(ctx, cand2, "shortlisted", &err), 0);
	CHECK_INT(audit_rows(ctx), CASE_ROWS + 1);
	ds_close(ctx);
	CHECK_INT(verify(head, &v), 0);
	CHECK_INT(v.ok, 1);
	CHECK_INT(v.rows, CASE_ROWS + 1);
	CHECK_INT(verify("1:0000000000000000000000000000000000000000000000"
			 "000000000000000000", &v), 0);
	CHECK_INT(v.ok, 0);     /* a right-format head that does not match */
	CHECK_INT(v.bad_seq, 1);
	dir_remove();
}

static void test_triggers_guard_the_trail(void)
{
	struct ds_audit_verdict v;

	SETUP();
	CHECK(!raw_try("UPDATE audit SET detail = 'x' WHERE seq = 2"));
	CHECK(!raw_try("DELETE FROM audit WHERE seq = 11"));
	CHECK(!raw_try("DELETE FROM audit"));
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 1);
	CHECK_INT(v.rows, CASE_ROWS);
	dir_remove();
}

/* ---- tampering -------------------------------------------------------- */

static void test_edited_field(void)
{
	struct ds_audit_verdict v;
	static const char *const edits[] = {
		"UPDATE audit SET detail = 'status=appointed' WHERE seq = 9",
		"UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE seq = 9",
		"UPDATE audit SET actor_id = 1 WHERE seq = 9",
		"UPDATE audit SET actor_id = NULL WHERE seq = 9",
		"UPDATE audit SET role = 'admin' WHERE seq = 9",
		"UPDATE audit SET action = 'candidate.purge' WHERE seq = 9",
		"UPDATE audit SET object = 'vacancy' WHERE seq = 9",
		"UPDATE audit SET object_id = object_id + 1 WHERE seq = 9",
		"UPDATE audit SET vacancy_id = NULL WHERE seq = 9",
		"UPDATE audit SET candidate_id = 2 WHERE seq = 9",
		"UPDATE audit SET hash = (SELECT hash FROM audit WHERE "
		"seq = 8) WHERE seq = 9",
	};
	size_t i;

	SETUP();
	REQUIRE(drop_guards());
	REQUIRE(raw_exec("CREATE TABLE audit_orig AS SELECT * FROM audit"));
	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		REQUIRE(raw_exec("DELETE FROM audit; INSERT INTO audit "
				 "SELECT * FROM audit_orig"));
		CHECK_INT(verify(NULL, &v), 0);
		CHECK_INT(v.ok, 1);
		REQUIRE(raw_exec(edits[i]));
		CHECK_INT(verify(NULL, &v), 0);
		CHECK_INT(v.ok, 0);
		CHECK_INT(v.bad_seq, 9);
		CHECK_INT(v.rows, CASE_ROWS);
		CHECK(strstr(v.problem, "row 9") != NULL);
		if (v.ok)
			fprintf(stderr, "  not caught: %s\n", edits[i]);
	}
	/* The link to the row before, edited: caught at that row. */
	REQUIRE(raw_exec("DELETE FROM audit; INSERT INTO audit "
			 "SELECT * FROM audit_orig"));
	REQUIRE(raw_exec("UPDATE audit SET prev = (SELECT hash FROM audit "
			 "WHERE seq = 2) WHERE seq = 4"));
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 0);
	CHECK_INT(v.bad_seq, 4);
	/* A row's hash edited breaks the next row's link. */
	REQUIRE(raw_exec("DELETE FROM audit; INSERT INTO audit "
			 "SELECT * FROM audit_orig"));
	REQUIRE(raw_exec("UPDATE audit SET hash = (SELECT hash FROM audit "
			 "WHERE seq = 1) WHERE seq = " "11"));
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 0);
	CHECK_INT(v.bad_seq, 11);
	dir_remove();
}

static void test_deleted_middle_row(void)
{
	struct ds_audit_verdict v;

	SETUP();
	REQUIRE(drop_guards());
	REQUIRE(raw_exec("DELETE FROM audit WHERE seq = 5"));
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 0);
	CHECK_INT(v.bad_seq, 5);
	CHECK_INT(v.rows, CASE_ROWS - 1);
	CHECK(strstr(v.problem, "missing") != NULL);

	/* The first row, too. */
	REQUIRE(raw_exec("DELETE FROM audit WHERE seq = 1"));
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 0);
	CHECK_INT(v.bad_seq, 1);
	dir_remove();
}

static void test_deleted_row_renumbered(void)
{
	struct ds_audit_verdict v;

	/* Delete row 5 and close the gap: the link of (new) row 5 fails. */
	SETUP();
	REQUIRE(drop_guards());
	REQUIRE(raw_exec("DELETE FROM audit WHERE seq = 5; "
			 "UPDATE audit SET seq = seq - 1 WHERE seq > 5"));
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 0);
	CHECK_INT(v.bad_seq, 5);
	CHECK_INT(v.rows, CASE_ROWS - 1);
	dir_remove();
}

static void test_swapped_rows(void)
{
	struct ds_audit_verdict v;

	SETUP();
	REQUIRE(drop_guards());
	REQUIRE(raw_exec("UPDATE audit SET seq = -1 WHERE seq = 6; "
			 "UPDATE audit SET seq = 6 WHERE seq = 7; "
			 "UPDATE audit SET seq = 7 WHERE seq = -1"));
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 0);
	CHECK_INT(v.bad_seq, 6);
	CHECK_INT(v.rows, CASE_ROWS);
	dir_remove();
}

static void test_truncated_tail(void)
{
	struct ds_audit_verdict v;
	char head[96], problem[256];

	SETUP();
	REQUIRE(head_now(head) == 0);
	CHECK(strncmp(head, "11:", 3) == 0);
	REQUIRE(drop_guards());
	REQUIRE(raw_exec("DELETE FROM audit WHERE seq >= 10"));

	/* The chain alone cannot tell: what is left links up. */
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 1);
	CHECK_INT(v.rows, CASE_ROWS - 2);

	/* The head kept from before can. */
	CHECK_INT(verify(head, &v), 0);
	CHECK_INT(v.ok, 0);
	CHECK_INT(v.bad_seq, CASE_ROWS);
	CHECK_INT(v.rows, CASE_ROWS - 2);
	snprintf(problem, sizeof(problem), "%s", v.problem);
	CHECK(strstr(problem, "cut from the end") != NULL);

	/* Cut, then as many rows written again: the head's hash differs. */
	{
		struct ds_ctx *ctx = NULL;
		struct ds_err err;

		REQUIRE(open_as("rita", &ctx) == 0);
		CHECK_INT(ds_candidate_set_status(ctx, cand1, "preferred",
						  &err), 0);
		CHECK_INT(ds_candidate_set_status(ctx, cand2, "preferred",
						  &err), 0);
		CHECK_INT(audit_rows(ctx), CASE_ROWS);
		ds_close(ctx);
	}
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 1);
	CHECK_INT(verify(head, &v), 0);
	CHECK_INT(v.ok, 0);
	CHECK_INT(v.bad_seq, CASE_ROWS);
	CHECK(strstr(v.problem, "rewritten") != NULL);
	dir_remove();
}

/* 32 hex zeros, half a SHA-256. */
#define Z32 "00000000000000000000000000000000"

static void test_malformed_head(void)
{
	static const char *const bad[] = {
		"", ":", "abc", "11", "11:", ":0123",
		"0:" Z32 Z32,
		"-3:" Z32 Z32,
		"x1:" Z32 Z32,
		"1x:" Z32 Z32,
		"1:" Z32 "0000000000000000000000000000000",
		"1:" Z32 Z32 "0",
		"1:" Z32 "0000000000000000000000000000000g",
		"1:" Z32 Z32 " ",
	};
	struct ds_audit_verdict v;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	size_t i;

	SETUP();
	REQUIRE(open_as("dora", &ctx) == 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ds_err_init(&err);
		CHECK_INT(ds_audit_verify(ctx, bad[i], &v, &err), DS_EDATA);
		CHECK(strstr(err.msg, "SEQ:HASH") != NULL);
		if (err.code != DS_EDATA)
			fprintf(stderr, "  accepted head '%s'\n", bad[i]);
	}
	ds_close(ctx);
	dir_remove();
}

static void test_empty_trail(void)
{
	struct ds_audit_verdict v;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *h = NULL, *list = NULL;
	struct ds_audit_filter f = { 0 };

	SETUP();
	REQUIRE(drop_guards());
	REQUIRE(raw_exec("DELETE FROM audit"));
	CHECK_INT(verify(NULL, &v), 0);
	CHECK_INT(v.ok, 0);
	CHECK_INT(v.rows, 0);
	CHECK_INT(v.bad_seq, 1);
	CHECK(strstr(v.problem, "empty") != NULL);

	REQUIRE(open_as("dora", &ctx) == 0);
	ds_err_init(&err);
	CHECK_INT(ds_audit_head(ctx, &h, &err), DS_ESTATE);
	CHECK(h == NULL);
	CHECK_INT(ds_audit_show(ctx, &f, &list, &err), 0);
	CHECK_INT(json_array_size(list), 0);
	json_decref(list);
	ds_close(ctx);
	dir_remove();
}

/* ---- reading the trail ------------------------------------------------ */

static void test_roles(void)
{
	static const char *const refused[] = { "rita", "dan", "nobody", "" };
	struct ds_audit_verdict v;
	struct ds_audit_filter f = { 0 };
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *out = NULL;
	size_t i;

	SETUP();
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		REQUIRE(open_as(refused[i], &ctx) == 0);
		ds_err_init(&err);
		CHECK_INT(ds_audit_verify(ctx, NULL, &v, &err), DS_EPERM);
		CHECK(strstr(err.msg, "dpo") != NULL);
		CHECK_INT(ds_audit_head(ctx, &out, &err), DS_EPERM);
		CHECK(out == NULL);
		CHECK_INT(ds_audit_show(ctx, &f, &out, &err), DS_EPERM);
		CHECK(out == NULL);
		ds_close(ctx);
	}
	/* dpo and admin may. */
	REQUIRE(open_as("dora", &ctx) == 0);
	CHECK_INT(ds_audit_show(ctx, &f, &out, &err), 0);
	json_decref(out);
	ds_close(ctx);

	/* A disabled DPO may not. */
	REQUIRE(open_as("ada", &ctx) == 0);
	CHECK_INT(ds_audit_show(ctx, &f, &out, &err), 0);
	json_decref(out);
	CHECK_INT(ds_actor_disable(ctx, "dora", &err), 0);
	ds_close(ctx);
	REQUIRE(open_as("dora", &ctx) == 0);
	CHECK_INT(ds_audit_verify(ctx, NULL, &v, &err), DS_EPERM);
	ds_close(ctx);
	dir_remove();
}

/* The number of rows ds_audit_show gives for f; its result in rc. */
static size_t show_count(struct ds_ctx *ctx, const struct ds_audit_filter *f,
			 int *rc)
{
	struct ds_err err;
	json_t *out = NULL;
	size_t n;

	ds_err_init(&err);
	*rc = ds_audit_show(ctx, f, &out, &err);
	n = json_array_size(out);
	json_decref(out);
	return n;
}

static void test_show_filters(void)
{
	struct ds_audit_filter f = { 0 };
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	json_t *out = NULL, *row;
	char *dump;
	size_t i;
	int rc;

	SETUP();
	REQUIRE(open_as("dora", &ctx) == 0);
	ds_err_init(&err);

	/* All of it, oldest first, with its fields. */
	CHECK_INT(ds_audit_show(ctx, &f, &out, &err), 0);
	CHECK_INT(json_array_size(out), CASE_ROWS);
	json_array_foreach(out, i, row)
		CHECK_INT(json_integer_value(json_object_get(row, "seq")),
			  i + 1);
	row = json_array_get(out, 0);
	CHECK_STR(json_string_value(json_object_get(row, "action")), "init");
	CHECK_STR(json_string_value(json_object_get(row, "actor")), "ada");
	CHECK_STR(json_string_value(json_object_get(row, "role")), "admin");
	row = json_array_get(out, 6);
	CHECK_STR(json_string_value(json_object_get(row, "action")),
		  "candidate.add");
	CHECK_STR(json_string_value(json_object_get(row, "actor")), "rita");
	CHECK_STR(json_string_value(json_object_get(row, "role")),
		  "recruiter");
	CHECK_INT(json_integer_value(json_object_get(row, "candidate_id")),
		  cand1);
	CHECK_INT(json_string_length(json_object_get(row, "hash")), 64);
	/* No personal data in the trail. */
	dump = json_dumps(out, 0);
	CHECK(dump && strstr(dump, "Zebedee") == NULL &&
	      strstr(dump, "zq_teach") == NULL);
	free(dump);
	json_decref(out);
	out = NULL;

	/* By candidate: candidate.add, status, notice, handle. */
	f.candidate_id = cand1;
	CHECK_INT(ds_audit_show(ctx, &f, &out, &err), 0);
	CHECK_INT(json_array_size(out), 4);
	json_array_foreach(out, i, row)
		CHECK_INT(json_integer_value(json_object_get(row,
				"candidate_id")), cand1);
	json_decref(out);
	out = NULL;
	f.candidate_id = 9999;
	CHECK_INT(show_count(ctx, &f, &rc), 0);
	CHECK_INT(rc, 0);
	f.candidate_id = 0;

	/* By vacancy: V1's add, candidate 1's four rows. */
	f.vacancy_ref = "V1";
	CHECK_INT(show_count(ctx, &f, &rc), 5);
	CHECK_INT(rc, 0);
	f.vacancy_ref = "V2";
	CHECK_INT(show_count(ctx, &f, &rc), 2);
	f.vacancy_ref = "V9";
	show_count(ctx, &f, &rc);
	CHECK_INT(rc, DS_ENOTFOUND);
	f.vacancy_ref = NULL;

	/* By actor. */
	f.actor = "ada";
	CHECK_INT(show_count(ctx, &f, &rc), 4);
	f.actor = "rita";
	CHECK_INT(show_count(ctx, &f, &rc), 7);
	f.actor = "dan";
	CHECK_INT(show_count(ctx, &f, &rc), 0);
	CHECK_INT(rc, 0);
	f.actor = "nobody";
	show_count(ctx, &f, &rc);
	CHECK_INT(rc, DS_ENOTFOUND);
	f.actor = NULL;

	/* By action: exact, or a whole dotted prefix. */
	f.action = "candidate.add";
	CHECK_INT(show_count(ctx, &f, &rc), 2);
	f.action = "candidate";
	CHECK_INT(show_count(ctx, &f, &rc), 3);
	f.action = "cand";
	CHECK_INT(show_count(ctx, &f, &rc), 0);
	f.action = "actor";
	CHECK_INT(show_count(ctx, &f, &rc), 3);
	f.action = "init";
	CHECK_INT(show_count(ctx, &f, &rc), 1);
	f.action = NULL;

	/* By date. */
	f.since = "2000-01-01";
	CHECK_INT(show_count(ctx, &f, &rc), CASE_ROWS);
	f.since = "2999-12-31";
	CHECK_INT(show_count(ctx, &f, &rc), 0);
	CHECK_INT(rc, 0);
	f.since = "2025-02-30";
	show_count(ctx, &f, &rc);
	CHECK_INT(rc, DS_EDATA);
	f.since = "yesterday";
	show_count(ctx, &f, &rc);
	CHECK_INT(rc, DS_EDATA);
	f.since = NULL;

	/* A limit keeps the newest rows, still oldest first. */
	f.limit = 3;
	CHECK_INT(ds_audit_show(ctx, &f, &out, &err), 0);
	CHECK_INT(json_array_size(out), 3);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(out, 0),
						     "seq")), CASE_ROWS - 2);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(out, 2),
						     "seq")), CASE_ROWS);
	json_decref(out);
	out = NULL;

	/* Filters combine. */
	f.actor = "rita";
	f.action = "candidate";
	f.vacancy_ref = "V1";
	f.limit = 0;
	CHECK_INT(show_count(ctx, &f, &rc), 2);
	f.limit = 1;
	CHECK_INT(ds_audit_show(ctx, &f, &out, &err), 0);
	CHECK_INT(json_array_size(out), 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(out, 0),
						    "action")),
		  "candidate.status");
	json_decref(out);
	ds_close(ctx);
	dir_remove();
}

/* ---- failed writes leave no trace ------------------------------------- */

/* Check that a failed call gave want and left the trail as it was. */
#define FAILS(want, call) do { \
	long long before_ = audit_rows(ctx); \
	ds_err_init(&err); \
	CHECK_INT((call), (want)); \
	CHECK(err.msg[0] != '\0'); \
	CHECK_INT(audit_rows(ctx), before_); \
} while (0)

static void test_failed_writes_leave_no_row(void)
{
	const struct ds_anchor_in legal[] = {
		{ DS_ANCHOR_LEGAL_NAME, "Harriet Vane" }
	};
	const struct ds_anchor_in twice[] = {
		{ DS_ANCHOR_LEGAL_NAME, "Harriet Vane" },
		{ DS_ANCHOR_KNOWN_AS, "Harry" },
		{ DS_ANCHOR_KNOWN_AS, "harry" },
	};
	const struct ds_anchor_in none[] = {
		{ DS_ANCHOR_KNOWN_AS, "Harry" }
	};
	const struct ds_anchor_in bad_text[] = {
		{ DS_ANCHOR_LEGAL_NAME, "Harriet\x01Vane" }
	};
	struct ds_vacancy_in v = { .ref = "V1", .post = "Teacher",
				   .school = "Test School" };
	struct ds_candidate_in c = { .vacancy_ref = "V1" };
	struct ds_audit_verdict ver;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	long long cands, deks;
	int64_t id = 0;
	char keys[600], sql[96];

	SETUP();
	REQUIRE(open_as("rita", &ctx) == 0);
	cands = ctx_int(ctx, "SELECT count(*) FROM candidate");

	/* Vacancies. */
	FAILS(DS_EEXIST, ds_vacancy_add(ctx, &v, NULL, &err));
	v.ref = "V3";
	v.interview_date = "2025-02-30";
	FAILS(DS_EDATA, ds_vacancy_add(ctx, &v, NULL, &err));
	v.interview_date = "30/01/2025";
	FAILS(DS_EDATA, ds_vacancy_add(ctx, &v, NULL, &err));
	v.interview_date = NULL;
	v.post = "";
	FAILS(DS_EDATA, ds_vacancy_add(ctx, &v, NULL, &err));
	v.post = "Teacher";
	FAILS(DS_ENOTFOUND, ds_vacancy_declare(ctx, "V9", 0, &err));

	/* Candidates. */
	c.anchors = legal;
	c.nanchors = 1;
	c.vacancy_ref = "V9";
	FAILS(DS_ENOTFOUND, ds_candidate_add(ctx, &c, NULL, &err));
	c.vacancy_ref = "V1";
	c.status = "hired";
	FAILS(DS_EDATA, ds_candidate_add(ctx, &c, NULL, &err));
	c.status = NULL;
	c.anchors = none;
	FAILS(DS_EUSAGE, ds_candidate_add(ctx, &c, NULL, &err));
	c.anchors = bad_text;
	FAILS(DS_EDATA, ds_candidate_add(ctx, &c, NULL, &err));
	/* Fails after the row and its key were made: both must go. */
	c.anchors = twice;
	c.nanchors = 3;
	FAILS(DS_EEXIST, ds_candidate_add(ctx, &c, &id, &err));
	CHECK_INT(ctx_int(ctx, "SELECT count(*) FROM candidate"), cands);
	CHECK_INT(ctx_int(ctx, "SELECT count(*) FROM anchor WHERE "
			  "candidate_id NOT IN (SELECT id FROM candidate)"), 0);
	FAILS(DS_EDATA, ds_candidate_set_status(ctx, cand1, "hired", &err));
	FAILS(DS_ENOTFOUND, ds_candidate_set_status(ctx, 9999, "applied",
						    &err));

	/* Anchors and handles. */
	FAILS(DS_EEXIST, ds_anchor_add(ctx, cand1, DS_ANCHOR_LEGAL_NAME,
				       "Another Name", NULL, &err));
	FAILS(DS_EDATA, ds_anchor_add(ctx, cand1, DS_ANCHOR_EMPLOYER, "",
				      NULL, &err));
	FAILS(DS_EDATA, ds_anchor_add(ctx, cand1, DS_ANCHOR_NKINDS, "x",
				      NULL, &err));
	FAILS(DS_ENOTFOUND, ds_anchor_add(ctx, 9999, DS_ANCHOR_EMPLOYER,
					  "Acme", NULL, &err));
	FAILS(DS_ENOTFOUND, ds_anchor_remove(ctx, 9999, &err));
	FAILS(DS_EEXIST, ds_handle_add(ctx, cand1, "x", "zq_teach", NULL,
				       &err));
	FAILS(DS_EDATA, ds_handle_add(ctx, cand1, "x", "no/slashes", NULL,
				      &err));
	FAILS(DS_ENOTFOUND, ds_handle_remove(ctx, 9999, &err));

	/* Notice and consent. */
	FAILS(DS_EDATA, ds_notice_add(ctx, cand1, "2025-13-01", "email", NULL,
				      NULL, &err));
	FAILS(DS_EDATA, ds_notice_add(ctx, cand1, "2025-01-01", "carrier "
				      "pigeon", NULL, NULL, &err));
	FAILS(DS_ENOTFOUND, ds_notice_add(ctx, 9999, "2025-01-01", "email",
					  NULL, NULL, &err));
	FAILS(DS_EDATA, ds_consent_add(ctx, cand1, "2025-01-01", "anything",
				       NULL, NULL, &err));
	FAILS(DS_EIO, ds_consent_add(ctx, cand1, "2025-01-01",
				     "online-search", "/nonexistent/file",
				     NULL, &err));

	/* Roles. */
	FAILS(DS_EPERM, ds_actor_add(ctx, "mallory", DS_ROLE_ADMIN, NULL,
				     &err));
	ds_close(ctx);
	REQUIRE(open_as("ada", &ctx) == 0);
	FAILS(DS_EPERM, ds_vacancy_add(ctx, &v, NULL, &err));
	FAILS(DS_EEXIST, ds_actor_add(ctx, "rita", DS_ROLE_DSL, NULL, &err));
	FAILS(DS_EUSAGE, ds_actor_add(ctx, "newbie", 0, NULL, &err));
	FAILS(DS_ENOTFOUND, ds_actor_set_roles(ctx, "nobody", DS_ROLE_DSL,
					       &err));
	FAILS(DS_ESTATE, ds_actor_set_roles(ctx, "ada", DS_ROLE_DPO, &err));
	FAILS(DS_ESTATE, ds_actor_disable(ctx, "ada", &err));
	FAILS(DS_ENOTFOUND, ds_actor_disable(ctx, "nobody", &err));
	ds_close(ctx);
	REQUIRE(open_as("dan", &ctx) == 0);
	FAILS(DS_EPERM, ds_candidate_add(ctx, &c, NULL, &err));
	FAILS(DS_EPERM, ds_candidate_set_status(ctx, cand1, "applied", &err));
	ds_close(ctx);

	/* The trail is whole, and one good write adds exactly one row. */
	CHECK_INT(verify(NULL, &ver), 0);
	CHECK_INT(ver.ok, 1);
	CHECK_INT(ver.rows, CASE_ROWS);
	REQUIRE(open_as("rita", &ctx) == 0);
	CHECK_INT(ds_vacancy_add(ctx, &v, NULL, &err), 0);
	CHECK_INT(audit_rows(ctx), CASE_ROWS + 1);
	ds_close(ctx);

	/* The failed candidate's data key did not outlive it. */
	snprintf(keys, sizeof(keys), "%s.keys", db_path);
	{
		sqlite3 *kdb = NULL;
		sqlite3_stmt *st = NULL;

		deks = -1;
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM dek");
		if (sqlite3_open_v2(keys, &kdb, SQLITE_OPEN_READONLY, NULL) ==
		    SQLITE_OK && sqlite3_prepare_v2(kdb, sql, -1, &st,
						    NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			deks = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		sqlite3_close(kdb);
	}
	CHECK_INT(deks, cands);
	dir_remove();
}

int main(void)
{
	RUN(test_good_trail_verifies);
	RUN(test_triggers_guard_the_trail);
	RUN(test_edited_field);
	RUN(test_deleted_middle_row);
	RUN(test_deleted_row_renumbered);
	RUN(test_swapped_rows);
	RUN(test_truncated_tail);
	RUN(test_malformed_head);
	RUN(test_empty_trail);
	RUN(test_roles);
	RUN(test_show_filters);
	RUN(test_failed_writes_leave_no_row);
	dir_remove();
	return check_summary();
}
