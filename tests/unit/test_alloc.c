/*
 * test_alloc.c: allocation-failure walks.  For N = 1, 2, 3, ... the N-th
 * allocation through ds_malloc fails (ds_mem_fail_at) while a library path
 * runs; each run must succeed or fail cleanly with a negative code and a
 * message, leak nothing (valgrind and ASan run this too) and leave the
 * case file consistent.  The walk ends with the first run that makes
 * fewer than N allocations, so it never reached the failure.
 *
 * The project's own allocations are counted, and SQLite's and jansson's
 * (ds_mem_hook_libraries routes them through the same injector); OpenSSL,
 * libcurl and gumbo allocate on their own.
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
#include "mem.h"

/*
 * No path here makes anywhere near this many allocations (SQLite's and
 * jansson's counted: creating a case file makes about 30,000, as each
 * migration's ALTER TABLE makes SQLite read the whole schema again).
 */
#define WALK_MAX 100000

/* How many failing runs a walk tries at most, unless DS_ALLOC_FULL=1. */
#define WALK_RUNS 600

/* ---- the case --------------------------------------------------------- */

static const struct ds_org_settings org = {
	.name = "Test School", .lawful_basis = "public-task",
	.scope = "shortlisted", .scope_reason = "KCSIE",
	.consent_required = 1,
};

static char db_path[512];

static const char legal[] = "Zebedee Quarrington";
static const struct ds_anchor_in anchors[] = {
	{ DS_ANCHOR_LEGAL_NAME, legal },
	{ DS_ANCHOR_KNOWN_AS, "Zeb" },
	{ DS_ANCHOR_LOCATION, "Little Snoring" },
};

static int open_as(const char *actor, struct ds_ctx **ctx,
		   struct ds_err *err)
{
	struct ds_open_opts o = { .db_path = db_path, .actor = actor };

	*ctx = NULL;
	ds_err_init(err);
	return ds_open(&o, ctx, err);
}

/* ada (admin, dpo), rita (recruiter, dsl), vacancy V1. */
static int make_case(void)
{
	struct ds_open_opts o = { 0 };
	struct ds_vacancy_in v = { .ref = "V1", .post = "Teacher",
				   .school = "Test School" };
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	int rc;

	if (!dir_make())
		return -1;
	snprintf(db_path, sizeof(db_path), "%s/case.db", scratch_dir);
	o.db_path = db_path;
	o.actor = "ada";
	ds_err_init(&err);
	rc = ds_init(&o, &org, &err);
	if (!rc)
		rc = open_as("ada", &ctx, &err);
	if (!rc)
		rc = ds_actor_set_roles(ctx, "ada", DS_ROLE_ADMIN | DS_ROLE_DPO,
					&err);
	if (!rc)
		rc = ds_actor_add(ctx, "rita", DS_ROLE_RECRUITER | DS_ROLE_DSL,
				  NULL, &err);
	ds_close(ctx);
	ctx = NULL;
	if (!rc)
		rc = open_as("rita", &ctx, &err);
	if (!rc)
		rc = ds_vacancy_add(ctx, &v, NULL, &err);
	if (rc)
		fprintf(stderr, "  make_case: %s\n", err.msg);
	ds_close(ctx);
	return rc;
}

/* ---- the walk --------------------------------------------------------- */

struct run {
	int rc;
	struct ds_err err;
};

/* What a path returns when its result was wrong (not just an error). */
#define WRONG (-1000)

/* One path: returns its result; must not fail a check by itself. */
typedef void (*path_fn)(struct run *r);

struct walk {
	unsigned long runs;         /* runs that reached the failure */
	unsigned long failed;       /* of those, how many returned < 0 */
	unsigned long other;        /* ... with a code other than ENOMEM */
	unsigned long made;         /* allocations of a whole, clean run */
};

/*
 * Walk every allocation of path; undo, when not NULL, runs after each run
 * with failure injection off.  The checks say which runs misbehaved.
 */
static void walk(const char *name, path_fn path, void (*undo)(void),
		 struct walk *w)
{
	unsigned long n, made, step;
	struct run r;

	memset(w, 0, sizeof(*w));
	/*
	 * A clean run first counts the allocations.  A path that makes more
	 * than WALK_RUNS (SQLite's included) is walked with a stride, so that
	 * about WALK_RUNS failures spread over all of it are tried; with
	 * DS_ALLOC_FULL=1 in the environment every allocation is.
	 */
	memset(&r, 0, sizeof(r));
	ds_err_init(&r.err);
	ds_mem_fail_at(0);
	path(&r);
	made = ds_mem_fail_at(0);
	if (undo)
		undo();
	CHECK_INT(r.rc, 0);
	step = made > WALK_RUNS && !getenv("DS_ALLOC_FULL") ?
	       made / WALK_RUNS + 1 : 1;
	for (n = 1; n <= WALK_MAX; n += step) {
		memset(&r, 0, sizeof(r));
		ds_err_init(&r.err);
		ds_mem_fail_at(n);
		path(&r);
		made = ds_mem_fail_at(0);
		if (undo)
			undo();
		if (made < n) {
			/* The failure was never reached: a clean run. */
			if (r.rc != 0)
				fprintf(stderr, "  %s: clean run failed: %d "
					"%s\n", name, r.rc, r.err.msg);
			CHECK_INT(r.rc, 0);
			w->made = made;
			break;
		}
		w->runs++;
		if (r.rc == 0)
			continue;
		if (r.rc == WRONG) {
			fprintf(stderr, "  %s: allocation %lu failed, and the "
				"call's result was wrong: %s\n",
				name, n, r.err.msg);
			CHECK(!"an error or the right answer");
			continue;
		}
		w->failed++;
		/* A clean failure: a known code, with its message. */
		if (r.rc >= 0 || r.rc < DS_EINTERNAL || r.err.code != r.rc ||
		    r.err.msg[0] == '\0') {
			fprintf(stderr, "  %s: allocation %lu: rc %d code %d "
				"'%s'\n", name, n, r.rc, r.err.code,
				r.err.msg);
			CHECK(!"clean failure");
		}
		if (r.rc != DS_ENOMEM) {
			w->other++;
			fprintf(stderr, "  %s: allocation %lu failed, but the "
				"call said %s: %s\n", name, n,
				ds_err_name(r.rc), r.err.msg);
		}
	}
	if (getenv("DS_TEST_VERBOSE"))
		fprintf(stderr, "  %s: %lu allocations, %lu failed runs\n",
			name, w->made, w->failed);
	CHECK(n <= WALK_MAX);       /* the walk ended */
	CHECK(w->runs > 0);         /* and the path did allocate */
}

/* ---- ds_open + candidate add + show + close ------------------------- */

static int adds_ok;     /* candidates ds_candidate_add said it made */

static void path_core(struct run *r)
{
	struct ds_candidate_in c = { .vacancy_ref = "V1", .anchors = anchors,
				     .nanchors = 3 };
	struct ds_ctx *ctx = NULL;
	json_t *cand = NULL;
	int64_t id = 0;

	r->rc = open_as("rita", &ctx, &r->err);
	if (!r->rc) {
		r->rc = ds_candidate_add(ctx, &c, &id, &r->err);
		if (!r->rc)
			adds_ok++;
	}
	if (!r->rc)
		r->rc = ds_candidate_show(ctx, id, &cand, &r->err);
	if (!r->rc) {
		/* Success must mean the right answer. */
		json_t *a = json_object_get(cand, "anchors");
		const char *v = json_string_value(json_object_get(
			json_array_get(a, 0), "value"));

		if (json_array_size(a) != 3 || !v || strcmp(v, legal) != 0)
			r->rc = WRONG;
		if (r->rc)
			ds_err_set(&r->err, r->rc, "wrong show result");
	}
	json_decref(cand);
	ds_close(ctx);
}

/* The case file is whole: the trail verifies, every candidate opens. */
static void check_consistent(int want_candidates)
{
	struct ds_audit_verdict v;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	sqlite3_int64 n = -1, id;
	json_t *cand;
	sqlite3_stmt *st;
	int count = 0;

	if (open_as("ada", &ctx, &err) != 0) {
		CHECK(!"open as ada");
		return;
	}
	CHECK_INT(ds_audit_verify(ctx, NULL, &v, &err), 0);
	CHECK_INT(v.ok, 1);
	if (!v.ok)
		fprintf(stderr, "  audit: %s\n", v.problem);
	CHECK_INT(ds_db_int(ctx->db, &n, &err, "SELECT count(*) FROM "
			    "candidate", ""), 0);
	CHECK_INT(n, want_candidates);
	/* One candidate.add row per candidate, and no more. */
	CHECK_INT(ds_db_int(ctx->db, &n, &err, "SELECT count(*) FROM audit "
			    "WHERE action = 'candidate.add'", ""), 0);
	CHECK_INT(n, want_candidates);
	ds_close(ctx);

	/* Each one opens, whole. */
	if (open_as("rita", &ctx, &err) != 0) {
		CHECK(!"open as rita");
		return;
	}
	if (ds_db_prepare(ctx->db, &st, &err, "SELECT id FROM candidate", "")
	    == 0) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			cand = NULL;
			CHECK_INT(ds_candidate_show(ctx, id, &cand, &err), 0);
			CHECK_INT(json_array_size(json_object_get(cand,
							"anchors")), 3);
			json_decref(cand);
			count++;
		}
		sqlite3_finalize(st);
	}
	CHECK_INT(count, want_candidates);
	/* No data key left behind by a candidate that was rolled back. */
	CHECK_INT(ds_db_int(ctx->db, &n, &err, "SELECT max(id) FROM "
			    "candidate", ""), 0);
	for (id = n + 1; id <= n + 50; id++) {
		uint8_t key[DS_KEY_LEN];

		CHECK_INT(ds_keystore_get_dek(ctx->ks, id, key, NULL),
			  DS_EKEY);
	}
	ds_close(ctx);
}

static void test_walk_open_add_show(void)
{
	struct walk w;

	if (make_case() != 0) {
		CHECK(!"make_case");
		dir_remove();
		return;
	}
	adds_ok = 0;
	walk("open+add+show", path_core, NULL, &w);
	CHECK(w.failed > 0);
	CHECK_INT(w.other, 0);
	check_consistent(adds_ok);
	dir_remove();
}

/* ---- ds_init -------------------------------------------------------- */

static unsigned long init_seq;

static void path_init(struct run *r)
{
	struct ds_open_opts o = { 0 };
	char db[600], keys[640];

	snprintf(db, sizeof(db), "%s/init%lu.db", scratch_dir, ++init_seq);
	snprintf(keys, sizeof(keys), "%s.keys", db);
	o.db_path = db;
	o.actor = "ada";
	r->rc = ds_init(&o, &org, &r->err);
	/* A failed init leaves no files; a good one leaves both. */
	if (r->rc && (exists(db) || exists(keys))) {
		fprintf(stderr, "  init failed (%s) but left files\n",
			r->err.msg);
		r->rc = WRONG;
		ds_err_set(&r->err, r->rc, "files left");
	} else if (!r->rc && !(exists(db) && exists(keys))) {
		r->rc = WRONG;
		ds_err_set(&r->err, r->rc, "files missing");
	}
}

static void test_walk_init(void)
{
	struct walk w;

	REQUIRE(dir_make());
	init_seq = 0;
	walk("init", path_init, NULL, &w);
	CHECK(w.failed > 0);
	CHECK_INT(w.other, 0);
	dir_remove();
}

/* ---- anchors, handles, notices --------------------------------------- */

static int64_t walk_cid;

static void path_case_writes(struct run *r)
{
	struct ds_ctx *ctx = NULL;
	json_t *list = NULL;

	r->rc = open_as("rita", &ctx, &r->err);
	if (!r->rc)
		r->rc = ds_anchor_add(ctx, walk_cid, DS_ANCHOR_EMPLOYER,
				      "Acme Academy", NULL, &r->err);
	if (!r->rc)
		r->rc = ds_handle_add(ctx, walk_cid, "x", "@zq_teach", NULL,
				      &r->err);
	if (!r->rc)
		r->rc = ds_notice_add(ctx, walk_cid, "2025-01-10", "email",
				      NULL, NULL, &r->err);
	if (!r->rc)
		r->rc = ds_handle_list(ctx, walk_cid, &list, &r->err);
	if (!r->rc && json_array_size(list) != 1) {
		r->rc = WRONG;
		ds_err_set(&r->err, r->rc, "wrong handle list");
	}
	json_decref(list);
	ds_close(ctx);
}

/* Remove what path_case_writes added, for the next run. */
static void undo_case_writes(void)
{
	struct ds_ctx *ctx = NULL;
	struct ds_err err;

	if (open_as("rita", &ctx, &err) != 0)
		return;
	ds_db_exec(ctx->db, NULL, "DELETE FROM anchor WHERE kind = "
		   "'employer'", "");
	ds_db_exec(ctx->db, NULL, "DELETE FROM handle", "");
	ds_db_exec(ctx->db, NULL, "DELETE FROM notice", "");
	ds_close(ctx);
}

static void test_walk_case_writes(void)
{
	struct ds_candidate_in c = { .vacancy_ref = "V1", .anchors = anchors,
				     .nanchors = 3 };
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	struct walk w;

	if (make_case() != 0) {
		CHECK(!"make_case");
		dir_remove();
		return;
	}
	REQUIRE(open_as("rita", &ctx, &err) == 0);
	CHECK_INT(ds_candidate_add(ctx, &c, &walk_cid, &err), 0);
	ds_close(ctx);
	walk("anchor+handle+notice", path_case_writes, undo_case_writes, &w);
	CHECK(w.failed > 0);
	CHECK_INT(w.other, 0);
	check_consistent(1);
	dir_remove();
}

/* ---- reading: list, audit ------------------------------------------- */

static void path_list(struct run *r)
{
	struct ds_ctx *ctx = NULL;
	json_t *list = NULL;
	const char *name;

	r->rc = open_as("rita", &ctx, &r->err);
	if (!r->rc)
		r->rc = ds_candidate_list(ctx, "V1", &list, &r->err);
	if (!r->rc) {
		/* Success must mean the right answer, not a guess. */
		name = json_string_value(json_object_get(json_array_get(list,
								0), "name"));
		if (json_array_size(list) != 1 || !name ||
		    strcmp(name, legal) != 0) {
			r->rc = WRONG;
			ds_err_set(&r->err, r->rc, "list said '%s' for the "
				   "name, with no error", name ? name :
				   "(null)");
		}
	}
	json_decref(list);
	ds_close(ctx);
}

static void test_walk_candidate_list(void)
{
	struct ds_candidate_in c = { .vacancy_ref = "V1", .anchors = anchors,
				     .nanchors = 3 };
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	struct walk w;

	if (make_case() != 0) {
		CHECK(!"make_case");
		dir_remove();
		return;
	}
	REQUIRE(open_as("rita", &ctx, &err) == 0);
	CHECK_INT(ds_candidate_add(ctx, &c, NULL, &err), 0);
	ds_close(ctx);
	walk("candidate list", path_list, NULL, &w);
	CHECK(w.failed > 0);
	CHECK_INT(w.other, 0);
	dir_remove();
}

static void path_audit(struct run *r)
{
	struct ds_audit_filter f = { .action = "candidate" };
	struct ds_audit_verdict v;
	struct ds_ctx *ctx = NULL;
	json_t *out = NULL, *head = NULL;

	r->rc = open_as("ada", &ctx, &r->err);
	if (!r->rc)
		r->rc = ds_audit_head(ctx, &head, &r->err);
	if (!r->rc)
		r->rc = ds_audit_verify(ctx, json_string_value(
				json_object_get(head, "head")), &v, &r->err);
	if (!r->rc && !v.ok) {
		r->rc = WRONG;
		ds_err_set(&r->err, r->rc, "verify said not ok: %s",
			   v.problem);
	}
	if (!r->rc)
		r->rc = ds_audit_show(ctx, &f, &out, &r->err);
	json_decref(out);
	json_decref(head);
	ds_close(ctx);
}

static void test_walk_audit(void)
{
	struct ds_candidate_in c = { .vacancy_ref = "V1", .anchors = anchors,
				     .nanchors = 3 };
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	struct walk w;

	if (make_case() != 0) {
		CHECK(!"make_case");
		dir_remove();
		return;
	}
	REQUIRE(open_as("rita", &ctx, &err) == 0);
	CHECK_INT(ds_candidate_add(ctx, &c, NULL, &err), 0);
	ds_close(ctx);
	walk("audit", path_audit, NULL, &w);
	CHECK(w.failed > 0);
	CHECK_INT(w.other, 0);
	check_consistent(1);
	dir_remove();
}

int main(void)
{
	if (ds_mem_hook_libraries() != 0) {
		CHECK(!"SQLite and jansson allocate through the injector");
		return check_summary();
	}
	RUN(test_walk_open_add_show);
	RUN(test_walk_init);
	RUN(test_walk_case_writes);
	RUN(test_walk_candidate_list);
	RUN(test_walk_audit);
	dir_remove();
	return check_summary();
}
