/*
 * gate.c: may a search of this candidate run?  Every rule is checked and
 * every reason against is reported, so the recruiter can put them all
 * right at once.  The search run calls this before any network traffic.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "db.h"
#include "school.h"
#include "text.h"

/* Add a reason against the search. */
static void refuse(struct ds_gate *g, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void refuse(struct ds_gate *g, const char *code, const char *fmt, ...)
{
	struct ds_gate_reason *r;
	va_list ap;

	g->allowed = 0;
	if (g->nreasons >= DS_GATE_MAX_REASONS)
		return;
	r = &g->reasons[g->nreasons++];
	r->code = code;
	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
}

/* The facts the rules need, read in one place. */
struct gate_facts {
	char status[16];
	int64_t vacancy_id;
	char scope[16];
	int consent_required;
	int opted_out;
	sqlite3_int64 legal_names;
	sqlite3_int64 notices, notices_in_time;
	sqlite3_int64 consents_active, consents_in_time, consents_withdrawn;
	int64_t searcher_id;
	unsigned searcher_roles;
	int panel;              /* -1: no declaration, 0: not on, 1: on */
};

static int read_facts(struct ds_ctx *ctx, int64_t cid, const char *searcher,
		      const char *on, struct gate_facts *f,
		      struct ds_err *err)
{
	sqlite3_stmt *stmt;
	sqlite3_int64 v;
	int rc;

	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT c.status, "
			   "c.vacancy_id, o.scope, o.consent_required, "
			   "o.opted_out IS NOT NULL FROM candidate c, org o "
			   "WHERE c.id = ? AND o.id = 1",
			   "i", (sqlite3_int64)cid);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the candidate", err);
	if (rc == 1) {
		snprintf(f->status, sizeof(f->status), "%s",
			 (const char *)sqlite3_column_text(stmt, 0));
		f->vacancy_id = sqlite3_column_int64(stmt, 1);
		snprintf(f->scope, sizeof(f->scope), "%s",
			 (const char *)sqlite3_column_text(stmt, 2));
		f->consent_required = sqlite3_column_int(stmt, 3);
		f->opted_out = sqlite3_column_int(stmt, 4);
		rc = 0;
	} else if (rc == 0) {
		rc = ds_err_set(err, DS_ENOTFOUND, "unknown candidate %lld: "
				"see 'duesearch candidate list'",
				(long long)cid);
	}
	sqlite3_finalize(stmt);
	if (rc)
		return rc;
#define COUNT(out, sql) do { \
	rc = ds_db_int(ctx->db, &(out), err, sql, "it", (sqlite3_int64)cid, \
		       on); \
	if (rc) \
		return rc; \
} while (0)
	COUNT(f->legal_names, "SELECT count(*) FROM anchor WHERE "
	      "candidate_id = ?1 AND kind = 'legal-name' AND ?2 = ?2");
	COUNT(f->notices, "SELECT count(*) FROM notice WHERE candidate_id = "
	      "?1 AND ?2 = ?2");
	COUNT(f->notices_in_time, "SELECT count(*) FROM notice WHERE "
	      "candidate_id = ?1 AND given_on <= ?2");
	COUNT(f->consents_active, "SELECT count(*) FROM consent WHERE "
	      "candidate_id = ?1 AND withdrawn_on IS NULL AND ?2 = ?2");
	COUNT(f->consents_in_time, "SELECT count(*) FROM consent WHERE "
	      "candidate_id = ?1 AND withdrawn_on IS NULL AND given_on <= ?2");
	COUNT(f->consents_withdrawn, "SELECT count(*) FROM consent WHERE "
	      "candidate_id = ?1 AND withdrawn_on IS NOT NULL AND ?2 = ?2");
#undef COUNT
	f->searcher_id = 0;
	f->searcher_roles = 0;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT id, roles FROM actor "
			   "WHERE name = ? AND disabled = 0", "t", searcher);
	if (rc)
		return rc;
	rc = ds_db_step(ctx->db, stmt, "cannot read the actors", err);
	if (rc == 1) {
		f->searcher_id = sqlite3_column_int64(stmt, 0);
		f->searcher_roles = (unsigned)sqlite3_column_int(stmt, 1);
		rc = 0;
	}
	sqlite3_finalize(stmt);
	if (rc)
		return rc;
	f->panel = -1;
	rc = ds_db_int(ctx->db, &v, err, "SELECT on_panel FROM panel WHERE "
		       "vacancy_id = ? AND actor_id = ?", "ii",
		       (sqlite3_int64)f->vacancy_id,
		       (sqlite3_int64)f->searcher_id);
	if (rc == 0)
		f->panel = (int)v;
	else if (rc != DS_ENOTFOUND)
		return rc;
	return 0;
}

int ds_gate_check(struct ds_ctx *ctx, int64_t cid, const char *searcher,
		  const char *on, struct ds_gate *g, struct ds_err *err)
{
	struct gate_facts f;
	char today[11];
	int rc, in_scope = 1;

	memset(g, 0, sizeof(*g));
	g->allowed = 1;
	rc = ds_require(ctx, DS_ROLE_RECRUITER | DS_ROLE_DSL | DS_ROLE_DPO,
			"check the gate", err);
	if (rc)
		return rc;
	if (!searcher)
		searcher = ctx->actor_name;
	if (!on) {
		ds_date_today(today);
		on = today;
	} else if (ds_date_check("search date", on, NULL, err)) {
		return DS_EDATA;
	}
	rc = read_facts(ctx, cid, searcher, on, &f, err);
	if (!rc && f.searcher_id)
		rc = ds_scope_allows(ctx, f.searcher_id, DS_ROLE_RECRUITER,
				     f.vacancy_id, &in_scope, err);
	if (rc)
		return rc;

	if (f.opted_out)
		refuse(g, "organisation-opted-out", "the organisation decided "
		       "not to carry out online searches ('duesearch org "
		       "show' says why): a DPO can undo it with 'duesearch "
		       "org opt-in'");
	if (strcmp(f.status, "shortlisted") != 0 &&
	    strcmp(f.status, "preferred") != 0)
		refuse(g, "not-shortlisted", "the candidate is '%s': only "
		       "shortlisted candidates may be searched ('duesearch "
		       "candidate status %lld shortlisted' once they are)",
		       f.status, (long long)cid);
	else if (strcmp(f.scope, "preferred") == 0 &&
		 strcmp(f.status, "preferred") != 0)
		refuse(g, "scope-preferred-only", "the organisation searches "
		       "the preferred candidate only, and this one is '%s'",
		       f.status);
	if (!f.legal_names)
		refuse(g, "no-identity", "no legal name is recorded: add it "
		       "with 'duesearch anchor add --candidate %lld --kind "
		       "legal-name --value ...'", (long long)cid);
	if (!f.notices)
		refuse(g, "no-notice", "no notice that online searches may be "
		       "done is recorded: give it and record it with "
		       "'duesearch notice add --candidate %lld'",
		       (long long)cid);
	else if (!f.notices_in_time)
		refuse(g, "notice-after-search", "the notice is dated after "
		       "the search date %s: search on or after the notice "
		       "date", on);
	if (f.consents_withdrawn && !f.consents_active)
		refuse(g, "consent-withdrawn", "the candidate withdrew "
		       "consent: no further search may run");
	else if (f.consent_required && !f.consents_active)
		refuse(g, "no-consent", "the organisation requires consent "
		       "and none is recorded: record it with 'duesearch "
		       "consent add --candidate %lld'", (long long)cid);
	else if (f.consent_required && !f.consents_in_time)
		refuse(g, "consent-after-search", "the consent is dated after "
		       "the search date %s: search on or after it", on);
	if (!f.searcher_id)
		refuse(g, "searcher-unknown", "the searcher '%.64s' is not a "
		       "registered actor: ask an admin to add them",
		       searcher);
	else if (!(f.searcher_roles & DS_ROLE_RECRUITER))
		refuse(g, "searcher-not-recruiter", "the searcher '%.64s' does "
		       "not hold the recruiter role", searcher);
	else if (!in_scope)
		refuse(g, "other-school", "the searcher '%.64s' is a recruiter "
		       "for other schools than this vacancy's: an admin can "
		       "grant the role for its school ('duesearch role grant "
		       "--school')", searcher);
	if (f.searcher_id && f.panel == 1)
		refuse(g, "searcher-on-panel", "the searcher '%.64s' sits on "
		       "this vacancy's interview panel: someone not on the "
		       "panel must search", searcher);
	else if (f.searcher_id && f.panel < 0)
		refuse(g, "no-panel-declaration", "the searcher '%.64s' has "
		       "not declared whether they sit on the panel: run "
		       "'duesearch vacancy declare REF --not-on-panel'",
		       searcher);
	return 0;
}

json_t *ds_gate_json(int64_t cid, const struct ds_gate *g)
{
	json_t *reasons = json_array();
	size_t i;

	for (i = 0; i < g->nreasons; i++)
		json_array_append_new(reasons, json_pack("{s:s s:s}", "code",
			g->reasons[i].code, "text", g->reasons[i].text));
	return json_pack("{s:I s:b s:o}", "candidate", (json_int_t)cid,
			 "allowed", g->allowed, "reasons", reasons);
}
