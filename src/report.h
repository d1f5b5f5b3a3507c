/*
 * report.h: the documents for the recruitment file (libduesearch).
 *
 * A report is built as one JSON document (the schema is
 * schemas/report.schema.json), hashed (SHA-256 of its canonical form,
 * which every format carries in its footer), and rendered through the
 * templates under reports/ as self-contained HTML that prints on A4,
 * Markdown, JSON or CSV.  Every report generated is stored with its hashes
 * and audited.
 */
#ifndef DS_REPORT_H
#define DS_REPORT_H

#include <stddef.h>

#include "buf.h"
#include "ds.h"

struct ds_asset {
	const char *name;
	const unsigned char *data;
	size_t len;
};
/* The files of reports/, compiled in; NULL-name-terminated. */
extern const struct ds_asset ds_assets[];
const struct ds_asset *ds_asset_find(const char *name);

enum ds_report_kind {
	DS_REPORT_CANDIDATE,    /* one candidate's online-search record */
	DS_REPORT_VACANCY,      /* every shortlisted candidate side by side */
	DS_REPORT_SCR           /* single-central-record lines (CSV) */
};

struct ds_report_opts {
	enum ds_report_kind kind;
	int64_t candidate_id;   /* candidate report */
	const char *vacancy_ref;        /* vacancy and SCR reports */
	const char *format;     /* html, md, json, csv, pdf (Chromium) */
	int retention_months;   /* after the vacancy's decision (6) */
	const char *marking;    /* protective marking (OFFICIAL-SENSITIVE) */
};

/*
 * Build, render and record a report into out; sha256 receives the
 * content hash.  Recruiter, DSL or DPO; criminal-offence data is shown to
 * the DSL only (others see that it is held by the DSL).
 */
int ds_report(struct ds_ctx *ctx, const struct ds_report_opts *o,
	      struct buf *out, char sha256[65], struct ds_err *err);

/* The report as JSON, before rendering (for tests and the web front). */
int ds_report_json(struct ds_ctx *ctx, const struct ds_report_opts *o,
		   json_t **out, struct ds_err *err);

/*
 * For reading: the UTC time (or date) in member key of object o shown as
 * UK local time with its zone ("5 Dec 2026 23:38 GMT") in member
 * key_local; and the same for member key of every element of o[list].
 */
void ds_report_local_time(json_t *o, const char *key);
void ds_report_local_times(json_t *o, const char *list, const char *key);

/*
 * Record the vacancy's decision date, from which retention runs.  The
 * date is not in the future and not before the vacancy's latest notice,
 * consent or search run (DS_EDATA).  The first decision is a recruiter's
 * or the DPO's; a change needs the DPO role (DS_EPERM) and a reason
 * (DS_EUSAGE without one), and is kept in the decision table and audited
 * with the old and the new date.  The same date again changes nothing.
 */
int ds_vacancy_decide(struct ds_ctx *ctx, const char *ref, const char *on,
		      const char *reason, struct ds_err *err);

#endif
