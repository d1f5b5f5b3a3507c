/*
 * retention.h: retention and purge, legal holds, opting out, and the
 * consent audit (libduesearch; the DPO's tools).
 *
 * Periods run from the vacancy's decision date ('vacancy decide'):
 * every candidate but the appointee is purged `months` after it (6 by
 * default); the appointee's record is cut down at the same time to the
 * single-central-record line and the final report (the archive), which
 * are purged `appointee_months` after the decision.  A purge deletes the
 * candidate's rows, destroys their data key (so no copy of the database,
 * past or present, can reveal their sealed fields), vacuums the database
 * and truncates its WAL; the audit trail keeps a purge event with ids
 * and counts only.  A legal hold on the candidate or the vacancy stops
 * the purge until it is released.
 */
#ifndef DS_RETENTION_H
#define DS_RETENTION_H

#include "ds.h"

struct ds_retention_conf {
	int months;             /* after the decision (6) */
	int appointee_months;   /* the appointee's archive (72) */
};

/*
 * [{candidate, vacancy, status, decided, due, action, state, hold}] for
 * every candidate: action purge or archive; state due, later,
 * no-decision or on-hold (DPO).
 */
int ds_retention_due(struct ds_ctx *ctx, const struct ds_retention_conf *rc,
		     json_t **out, struct ds_err *err);

/*
 * Carry out what is due (DPO); with dry_run only say it.  out lists each
 * candidate purged or archived with the counts of rows removed.
 */
int ds_retention_purge(struct ds_ctx *ctx, const struct ds_retention_conf *rc,
		       int dry_run, json_t **out, struct ds_err *err);

/* The appointee's archived report (HTML) and SCR line (DPO). */
int ds_archive_show(struct ds_ctx *ctx, int64_t candidate_id,
		    json_t **out, struct ds_err *err);

/* Legal holds (DPO): on a candidate (candidate_id) or a vacancy (ref). */
int ds_hold_add(struct ds_ctx *ctx, int64_t candidate_id,
		const char *vacancy_ref, const char *reason, int64_t *id,
		struct ds_err *err);
int ds_hold_release(struct ds_ctx *ctx, int64_t hold_id, struct ds_err *err);
int ds_hold_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err);

/* Opting out (C20): the organisation decides not to search (DPO, admin). */
int ds_org_opt_out(struct ds_ctx *ctx, const char *reason,
		   struct ds_err *err);
int ds_org_opt_in(struct ds_ctx *ctx, struct ds_err *err);

/*
 * The consent audit (DPO): per vacancy, every candidate searched with the
 * notice and consent that allowed it; flags searches without them and
 * withdrawals honoured.  {vacancies: [{ref, candidates: [...]}],
 * problems}.
 */
int ds_consent_report(struct ds_ctx *ctx, const char *vacancy_ref,
		      json_t **out, struct ds_err *err);

#endif
