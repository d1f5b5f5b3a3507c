/*
 * notice_text.h: the notice for a vacancy's application pack that an
 * online search will be done (libduesearch).
 *
 * The text is written from the vacancy's plan (frozen, or current) and
 * the organisation's settings, in plain English: that a search will be
 * done, when and by whom; what is searched (the kinds of step, with the
 * candidate's declared names and handles as placeholders); what is not;
 * the lawful basis and whether consent is asked; how findings are used;
 * how long records are kept; the candidate's rights and the DPO's
 * contact.  Each draft is kept with its SHA-256, its plan's hash and the
 * kinds of step it describes, so a notice recorded by that hash
 * (ds_notice_add_text) can be checked against the steps run.
 */
#ifndef DS_NOTICE_TEXT_H
#define DS_NOTICE_TEXT_H

#include "conf.h"
#include "ds.h"

/*
 * Draft the notice of vacancy_ref in format "md" or "html" (recruiter,
 * DPO).  *text is allocated (ds_free), NUL-terminated; hex is its
 * SHA-256.  The draft is stored and audited (notice.draft).
 */
int ds_notice_draft(struct ds_ctx *ctx, const struct ds_conf *conf,
		    const char *vacancy_ref, const char *format, char **text,
		    char hex[65], struct ds_err *err);

#endif
