/*
 * core.h: what the library's own files share and the fronts do not see.
 */
#ifndef DS_CORE_H
#define DS_CORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "crypto.h"
#include "ds.h"
#include "keystore.h"

struct ds_ctx {
	sqlite3 *db;
	struct ds_keystore *ks;
	char *db_path;
	char *keys_path;
	char *actor_name;        /* as given; never NULL */
	int64_t actor_id;        /* 0: not a registered actor */
	int actor_disabled;      /* 1: registered, but disabled */
	unsigned actor_roles;
	char os_actor[128];      /* the OS account's actor; "" when none */
	const char *role_used;   /* set by ds_require, for the audit row */
};

/*
 * Check that the acting person holds one of the roles in any; doing says
 * what was refused ("add a vacancy").  Sets ctx->role_used.
 */
int ds_require(struct ds_ctx *ctx, unsigned any, const char *doing,
	       struct ds_err *err);

/* The name of one role bit. */
const char *ds_role_name(unsigned role);

/*
 * Append one audit event inside the caller's transaction.  detail holds
 * codes, counts and hashes only: never personal data.
 */
struct ds_audit_event {
	const char *action;     /* "candidate.add" */
	const char *object;     /* "candidate" */
	int64_t object_id;
	int64_t vacancy_id;
	int64_t candidate_id;
	const char *detail;     /* may be NULL */
};
int ds_audit_append(struct ds_ctx *ctx, const struct ds_audit_event *ev,
		    struct ds_err *err);
/*
 * End the caller's transaction (ds_db_begin) on a change: when rc is 0,
 * append ev and commit; on rc or any failure there, roll back.  Returns
 * rc, else the append's or the commit's result.
 */
int ds_audit_commit(struct ds_ctx *ctx, int rc,
		    const struct ds_audit_event *ev, struct ds_err *err);

/*
 * Sealing a candidate's field: aad is "<what>:<candidate id>".  Every
 * sealed column is bound to its row as well (ds_field_seal_row): this
 * unbound form is for the re-seal of case files written before that,
 * and for tests that build such files.
 */
int ds_field_seal(struct ds_ctx *ctx, int64_t candidate_id, const char *what,
		  const char *plain, uint8_t **blob, size_t *bloblen,
		  struct ds_err *err);
int ds_field_unseal(struct ds_ctx *ctx, int64_t candidate_id,
		    const char *what, const void *blob, size_t bloblen,
		    char **plain, struct ds_err *err);
/*
 * The label of a sealed field bound to its row ("review.reason#12"), so a
 * blob moved to another row does not open (issue 16).  Every sealed
 * column is so: reviews, responses, evidence, findings, anchors, handles,
 * claims, the run's steps, search hits and the appointee's archive (whose
 * row is its candidate id).  core.c's row_bound[] lists them.
 */
void ds_field_row(char *out, size_t size, const char *what, int64_t row);
/*
 * ds_field_seal and ds_field_unseal bound to row (ds_field_row).  A blob
 * that does not open is DS_ECRYPTO naming the candidate, the field and
 * the row.
 */
int ds_field_seal_row(struct ds_ctx *ctx, int64_t candidate_id,
		      const char *what, int64_t row, const char *plain,
		      uint8_t **blob, size_t *bloblen, struct ds_err *err);
int ds_field_unseal_row(struct ds_ctx *ctx, int64_t candidate_id,
			const char *what, int64_t row, const void *blob,
			size_t bloblen, char **plain, struct ds_err *err);
/*
 * The id the next row of table will get (inside the caller's write
 * transaction, so no one else takes it): max(id) + 1.
 */
int ds_row_next(struct ds_ctx *ctx, const char *table, int64_t *id,
		struct ds_err *err);
/* Keyed blind index of a normalised value, for duplicate checks. */
int ds_field_mac(struct ds_ctx *ctx, int64_t candidate_id, const char *what,
		 const char *value, uint8_t mac[16], struct ds_err *err);

/* Look a vacancy up by reference; DS_ENOTFOUND names the fix. */
int ds_vacancy_id(struct ds_ctx *ctx, const char *ref, int64_t *id,
		  struct ds_err *err);
/*
 * The candidate's legal name, unsealed, as a new JSON string.  A name that
 * cannot be opened (a purged candidate's key is gone) reads "(unreadable)";
 * any other failure is an error.
 */
int ds_candidate_name(struct ds_ctx *ctx, int64_t candidate_id,
		      json_t **name, struct ds_err *err);
/*
 * Give each object of list whose "candidate" is an id that candidate's
 * name, as "name" (people read names, not numbers); one look-up for a run
 * of rows of the same candidate.
 */
int ds_candidate_names(struct ds_ctx *ctx, json_t *list, struct ds_err *err);
/* Check a candidate exists; returns its vacancy id. */
int ds_candidate_vacancy(struct ds_ctx *ctx, int64_t candidate_id,
			 int64_t *vacancy_id, struct ds_err *err);

/* A candidate's claims as ds_claim_list gives them, without a role check
 * (for the library's own use: the case, the run). */
int ds_claim_rows(struct ds_ctx *ctx, int64_t candidate_id, json_t **out,
		  struct ds_err *err);

/*
 * Remove one row of a candidate's table by id (anchor, handle, claim)
 * with its audit event "<what>.remove", in one transaction.  what is the
 * table and the object name; select_sql finds the row's candidate_id and
 * delete_sql deletes it (both take the id); an unknown id is DS_ENOTFOUND
 * naming list_hint, the command that lists them.  The caller checks the
 * role.
 */
int ds_candidate_row_remove(struct ds_ctx *ctx, const char *what,
			    int64_t row_id, const char *list_hint,
			    const char *select_sql, const char *delete_sql,
			    struct ds_err *err);

/* A JSON helper: NULL-safe string (json_null for NULL). */
json_t *ds_json_str(const char *s);
/* A column as a JSON string or null. */
json_t *ds_json_col(sqlite3_stmt *stmt, int col);
/*
 * Stamp a document the tool prints (report, record, subject access
 * copy): set member "generated" to the time now, then "content_sha256"
 * to the SHA-256 of the canonical JSON (compact, keys sorted) of every
 * other member.  Set the other members first.  DS_ENOMEM on failure,
 * with r then holding no content_sha256.
 */
int ds_json_stamp(json_t *r, struct ds_err *err);

/*
 * Append item to the array list, or set obj's key to val, taking the
 * reference either way.  A NULL list, obj, item or val (an allocation that
 * failed) or a failed append is DS_ENOMEM with a message; what could not
 * be taken is released.
 */
int ds_json_push(json_t *list, json_t *item, struct ds_err *err);
int ds_json_put(json_t *obj, const char *key, json_t *val,
		struct ds_err *err);

#endif
