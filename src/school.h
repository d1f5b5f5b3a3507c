/*
 * school.h: the schools of the organisation (a trust), and the scope of
 * roles held for some schools only (libduesearch).
 *
 * Each vacancy belongs to one school.  A recruiter or a DSL may hold their
 * role for some schools only (role_scope); without a school they hold it
 * trust-wide.  The DPO and the admin are always trust-wide.  Every read
 * and write about a vacancy, a candidate or a finding checks the scope
 * after the role (ds_scope_check), and a refusal is audited with its
 * reason (action "scope.refuse", detail "reason=other-school ...").
 */
#ifndef DS_SCHOOL_H
#define DS_SCHOOL_H

#include "ds.h"

/*
 * Add a school (admin): name required, urn (the DfE's unique reference
 * number, digits) and address may be NULL.  The first school added to a
 * case file still holding only the school made from the organisation
 * fills that school in, so its vacancies stay with it.
 */
int ds_school_add(struct ds_ctx *ctx, const char *name, const char *urn,
		  const char *address, int64_t *id, struct ds_err *err);
/* [{id, urn, name, address, vacancies}] (any role). */
int ds_school_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err);
/*
 * Find a school by id, URN or exact name.  spec NULL, or a name no school
 * has, while the organisation has one school only: that school (a single
 * school works unchanged).  DS_ENOTFOUND names the fix.
 */
int ds_school_find(struct ds_ctx *ctx, const char *spec, int64_t *id,
		   struct ds_err *err);

/*
 * Grant person the roles (admin).  school NULL: trust-wide (any earlier
 * school limit of those roles is lifted); otherwise the role is held for
 * that school (id, URN or name), in addition to any school it is held
 * for already (a role held trust-wide until then becomes that school's
 * only).  Only recruiter and dsl may be limited to a school.
 */
int ds_role_grant(struct ds_ctx *ctx, const char *person, unsigned roles,
		  const char *school, struct ds_err *err);
/*
 * Revoke roles from person (admin).  school NULL: the roles go, with any
 * school limit they had.  Otherwise (recruiter and dsl only) the role is
 * no longer held for that school; revoking the last school of a role
 * limited to some schools removes the role (it never widens to the whole
 * trust).  A role held trust-wide cannot be revoked for one school
 * (DS_ESTATE names the fix).  Audited as role.revoke, detail
 * "roles=R school=ID dropped=ROLES|none".
 */
int ds_role_revoke(struct ds_ctx *ctx, const char *person, unsigned roles,
		   const char *school, struct ds_err *err);
/* [{person, role, school, urn}] one row per school-limited role. */
int ds_role_scopes(struct ds_ctx *ctx, json_t **out, struct ds_err *err);

/*
 * May the acting person act, with one of the roles in any they hold, on
 * vacancy vid (candidate cid, object object/object_id: for the audit)?
 * Call after ds_require.  0 when allowed; otherwise the refusal is
 * audited (in its own transaction) and DS_EPERM returned, what naming
 * what was refused ("finding.show").
 */
int ds_scope_check(struct ds_ctx *ctx, unsigned any, int64_t vid,
		   int64_t cid, const char *object, int64_t object_id,
		   const char *what, struct ds_err *err);
/*
 * As ds_scope_check, for school sid itself (adding a vacancy to it):
 * the refusal is audited with object "school".
 */
int ds_scope_school(struct ds_ctx *ctx, unsigned any, int64_t sid,
		    const char *what, struct ds_err *err);
/* As ds_scope_check, for a candidate's vacancy. */
int ds_scope_candidate(struct ds_ctx *ctx, unsigned any, int64_t cid,
		       const char *what, struct ds_err *err);
/*
 * Whether actor_id may act with one of the roles in any on vacancy vid:
 * *ok 1 or 0.  No audit (the gate lists it as a reason).
 */
int ds_scope_allows(struct ds_ctx *ctx, int64_t actor_id, unsigned any,
		    int64_t vid, int *ok, struct ds_err *err);
/*
 * For filtering a list: the acting person's id when they hold role (one
 * bit) for some schools only, 0 when trust-wide.  A query then keeps
 * rows where "?N = 0 OR v.school_id IN (SELECT school_id FROM role_scope
 * WHERE actor_id = ?N AND role = ROLE)".
 */
int64_t ds_scope_limit(struct ds_ctx *ctx, unsigned role);
/*
 * The same over every role the acting person holds: 0 when one of them
 * covers the whole trust (DPO, admin, or a recruiter or DSL role held
 * trust-wide), else their id, for "v.school_id IN (SELECT school_id FROM
 * role_scope WHERE actor_id = ?N)".
 */
int64_t ds_scope_viewer(struct ds_ctx *ctx);

#endif
