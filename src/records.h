/*
 * records.h: the DPO's accountability documents (libduesearch).
 *
 * The record of processing (UK GDPR Article 30) and a pre-filled draft of
 * the data protection impact assessment (Article 35), both generated from
 * the configuration (its plan, its connectors, its retention periods) and
 * the organisation's settings in the case file.  Neither holds personal
 * data about candidates.  Like a report, each is built as one JSON
 * document, hashed (SHA-256 of its canonical form), rendered through the
 * templates reports/ropa.*.tmpl and reports/dpia.*.tmpl, and its
 * generation is audited.
 *
 * A recipient is marked as used when the configured plan, a vacancy's
 * stored plan or a search already run names its connector ("auto"
 * profile steps name every connector a handle's platform may choose).
 * A connector whose location is a country outside the UK and the EEA is
 * listed as an international transfer; one whose location depends on
 * where a site is hosted is listed for the DPO to check.
 */
#ifndef DS_RECORDS_H
#define DS_RECORDS_H

#include "buf.h"
#include "conf.h"
#include "ds.h"

enum ds_record_kind {
	DS_RECORD_ROPA,         /* Article 30 record of processing */
	DS_RECORD_DPIA          /* Article 35 impact assessment draft */
};

/*
 * The document as JSON (DPO or admin): {kind, organisation, controller,
 * lawful_basis, article10, purposes, subjects, data, recipients,
 * transfers, retention, security, plan, ...; for the DPIA also need,
 * necessity, risks, signoff}.
 */
int ds_record_json(struct ds_ctx *ctx, const struct ds_conf *conf,
		   enum ds_record_kind kind, json_t **out,
		   struct ds_err *err);

/*
 * Build, render (format md, html or json) and audit the document into
 * out (DPO or admin); sha256 receives the content hash.
 */
int ds_record(struct ds_ctx *ctx, const struct ds_conf *conf,
	      enum ds_record_kind kind, const char *format, struct buf *out,
	      char sha256[65], struct ds_err *err);

#endif
