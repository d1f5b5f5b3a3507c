/*
 * trust_report.h: the trust's view of its searches, per school and
 * vacancy, over a period (libduesearch).
 *
 * Counts only, never a candidate's name or anything about one person:
 * candidates searched, steps run, findings by outcome, the average days
 * from shortlisting to the first search, deviations from the plan
 * (versions after the first), reviews overdue (a finding open for more
 * than 7 days, or still open on the interview day) and candidates whose
 * retention period is over.  A viewer who holds their roles for some
 * schools only sees those schools' rows; the DPO, the admin and anyone
 * holding a role trust-wide see every school.
 */
#ifndef DS_TRUST_REPORT_H
#define DS_TRUST_REPORT_H

#include "buf.h"
#include "ds.h"

/*
 * {from, to, generated, schools_limited, rows: [{school, urn, vacancy,
 * post, searched, steps, findings, confirmed, dismissed, not_candidate,
 * referred, open, days_to_search, deviations, overdue_reviews,
 * retention_due}]}.  from and to (YYYY-MM-DD, inclusive; NULL: open)
 * bound the searches by the day their run started.  retention_months:
 * the retention period after a vacancy's decision.
 */
int ds_trust_report_json(struct ds_ctx *ctx, const char *from,
			 const char *to, int retention_months, json_t **out,
			 struct ds_err *err);

/* The same as "html" or "csv" into out; audited (report.trust). */
int ds_trust_report(struct ds_ctx *ctx, const char *from, const char *to,
		    int retention_months, const char *format,
		    struct buf *out, struct ds_err *err);

#endif
