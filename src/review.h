/*
 * review.h: findings, the designated safeguarding lead's review, the
 * candidate's response at interview, and closing a case (libduesearch).
 *
 * Only the DSL sees findings and decides on them.  A finding whose
 * identity is only "possible" cannot reach the panel until the DSL
 * confirms the identity too.  Only confirmed findings become interview
 * questions; a case cannot close while one has no response, while a
 * finding waits for review, or while a step is still open.  The tool
 * never decides an outcome.
 */
#ifndef DS_REVIEW_H
#define DS_REVIEW_H

#include "ds.h"

extern const char *const ds_decisions[];        /* confirm, dismiss, ... */
extern const char *const ds_response_outcomes[];

/*
 * [{id, candidate, vacancy, identity, anchors, categories, severity,
 *   special_care, criminal, status, retrieved, steps}]; each filter may
 * be 0 or NULL.
 */
int ds_findings_list(struct ds_ctx *ctx, int64_t candidate_id,
		     const char *vacancy_ref, const char *status,
		     json_t **out, struct ds_err *err);
/*
 * One finding with its URL, title, excerpt, reviews and responses, and
 * queries: the searches that found it, "TERMS (connector)".  A decision
 * on a finding already decided is a change: audited with changed-from.
 */
int ds_finding_show(struct ds_ctx *ctx, int64_t id, json_t **out,
		    struct ds_err *err);

/*
 * The DSL's decision: confirm, dismiss, not-candidate or refer, with a
 * reason (sealed).  identity_confirmed is required to confirm or refer
 * a finding whose identity is only possible.  not-candidate wipes the
 * finding's content: another person's data is not kept.
 */
int ds_review(struct ds_ctx *ctx, int64_t finding_id, const char *decision,
	      const char *reason, int identity_confirmed, struct ds_err *err);

/* The candidate's answer at interview to a confirmed finding. */
int ds_response_record(struct ds_ctx *ctx, int64_t finding_id,
		       const char *text, const char *outcome,
		       struct ds_err *err);

/* Close a candidate's case (recruiter or DSL): see above for when not. */
int ds_candidate_close(struct ds_ctx *ctx, int64_t candidate_id,
		       struct ds_err *err);

/*
 * Settle a manual step without evidence (recruiter): the profile was
 * behind a log-in (not-public) or does not exist (nothing-found).
 */
int ds_manual_settle(struct ds_ctx *ctx, int64_t step_id,
		     const char *outcome, struct ds_err *err);

#endif
