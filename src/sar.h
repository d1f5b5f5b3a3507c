/*
 * sar.h: subject access (UK GDPR Article 15) for the DPO (libduesearch).
 *
 * An export gathers everything the case file holds on one candidate into
 * a folder: subject-access.json (the data, with the SHA-256 of its
 * canonical form) and subject-access.html (the same, readable and
 * self-contained: a marked summary page first, then the detail, UK local
 * times, staff by display name and role).  Findings decided not to be
 * about the candidate have no content left and appear as a count;
 * nothing about another candidate is read.  The export is audited
 * ("sar.export", with the content hash).
 *
 * The register of requests keeps when each arrived and when it is due:
 * one calendar month after it was received, the day clamped to the last
 * day of a shorter month (2026-01-31 gives 2026-02-28; 2028-01-31 gives
 * 2028-02-29).  An extension (once) makes it three calendar months after
 * it was received, clamped the same way (2026-01-31 gives 2026-04-30).
 * No allowance is made for weekends or bank holidays: a due date that
 * falls on one is still shown as it is.
 */
#ifndef DS_SAR_H
#define DS_SAR_H

#include "conf.h"
#include "ds.h"

/*
 * Everything held on a candidate (DPO): {kind, format_version,
 * organisation, candidate, vacancy, legal_name, anchors, handles,
 * notices, consents, searches, steps, hits, evidence, findings,
 * findings_not_candidate, reports, requests, holds, archive, audit,
 * retention, information, generated, generated_by, content_sha256}.
 * conf gives the retention periods ([retention]); NULL: the defaults.
 */
int ds_sar_json(struct ds_ctx *ctx, const struct ds_conf *conf,
		int64_t candidate_id, json_t **out, struct ds_err *err);

/*
 * Write the export into dir (DPO): created with mode 0700 when missing;
 * refused when it exists and is not empty (or is not a folder).  Files
 * are written with mode 0600.  sha256 receives the content hash.  On
 * failure nothing is left in dir and nothing is audited.
 */
int ds_sar_export(struct ds_ctx *ctx, const struct ds_conf *conf,
		  int64_t candidate_id, const char *dir, char sha256[65],
		  struct ds_err *err);

/*
 * ds_sar_export, and with pdf also subject-access.pdf: the HTML printed
 * to A4 by headless Chromium (pdf.h).  Without a browser it is refused
 * (DS_ECONFIG naming the package) before anything is made.  The case
 * file is read from one snapshot while the page prints; if it changed
 * meanwhile the export fails (DS_EBUSY) and can be asked again.
 */
int ds_sar_export_as(struct ds_ctx *ctx, const struct ds_conf *conf,
		     int64_t candidate_id, const char *dir, int pdf,
		     char sha256[65], struct ds_err *err);

/*
 * Record a request received on a date (not in the future) (DPO); *id and
 * due (may be NULL) receive its id and due date.
 */
int ds_sar_log(struct ds_ctx *ctx, int64_t candidate_id,
	       const char *received, int64_t *id, char due[11],
	       struct ds_err *err);

/*
 * Extend an open request by two further months, once (DPO).  on (NULL:
 * today) is when the DPO decided it and told the person: it must fall
 * between the request's receipt and its first due date.
 */
int ds_sar_extend(struct ds_ctx *ctx, int64_t id, const char *on,
		  char due[11], struct ds_err *err);

/* Mark a request completed on a date (NULL: today) (DPO). */
int ds_sar_done(struct ds_ctx *ctx, int64_t id, const char *on,
		struct ds_err *err);

/*
 * The requests (DPO), open ones only unless all: [{id, candidate, name,
 * vacancy, received, due, extended, completed, days_left, overdue,
 * late}], open ones first, soonest due first.  days_left and overdue are
 * as of on (NULL: today); late: completed after the due date.
 */
int ds_sar_list(struct ds_ctx *ctx, int all, const char *on, json_t **out,
		struct ds_err *err);

#endif
