/*
 * records.c: the record of processing and the DPIA draft (see records.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connector.h"
#include "core.h"
#include "db.h"
#include "plan.h"
#include "records.h"
#include "report.h"
#include "template.h"
#include "text.h"

#define TO_CONFIRM "to be confirmed by the DPO"

/* Places inside the UK or the EEA: sending there is no restricted
 * transfer. */
static const char *const uk_eea[] = {
	"United Kingdom", "England", "Scotland", "Wales", "Northern Ireland",
	"European Economic Area", "European Union", "EEA", "Austria",
	"Belgium", "Bulgaria", "Croatia", "Cyprus", "Czech", "Denmark",
	"Estonia", "Finland", "France", "Germany", "Greece", "Hungary",
	"Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta",
	"Netherlands", "Poland", "Portugal", "Romania", "Slovakia",
	"Slovenia", "Spain", "Sweden", "Iceland", "Liechtenstein", "Norway",
	NULL
};

/* Whether a connector's recipient is outside the UK and the EEA. */
static const struct transfer {
	const char *code;
	const char *text;
} transfers[] = {
	{ "none", "none by duesearch: the searcher opens the page in their "
	  "own browser" },
	{ "check", "depends on where the service or site is hosted: the DPO "
	  "checks and records any transfer outside the UK and the EEA" },
	{ "no", "within the UK or the EEA: no restricted transfer" },
	{ "yes", "outside the UK and the EEA: a restricted transfer; the "
	  "safeguard (UK adequacy regulations, such as the UK-US data bridge "
	  "for a certified recipient, or the IDTA) is " TO_CONFIRM },
};

/*
 * Classify a connector: nothing is sent by duesearch (manual), it
 * depends on where a site is hosted, inside, or outside.  A location
 * that names no known place is taken as outside, so the DPO looks at it.
 */
static const struct transfer *transfer_of(const struct ds_connector *c)
{
	size_t i;

	if (c->flags & DS_CONN_MANUAL)
		return &transfers[0];
	if (strstr(c->location, "where"))
		return &transfers[1];
	for (i = 0; uk_eea[i]; i++)
		if (strstr(c->location, uk_eea[i]))
			return &transfers[2];
	return &transfers[3];
}

/* Note that a connector is used, and by what (each reason once). */
static int mark(json_t *usage, const char *name, const char *why)
{
	json_t *list = json_object_get(usage, name), *v;
	size_t i;

	if (!list) {
		list = json_array();
		if (!list || json_object_set_new(usage, name, list))
			return DS_ENOMEM;
	}
	json_array_foreach(list, i, v)
		if (strcmp(json_string_value(v), why) == 0)
			return 0;
	return json_array_append_new(list, json_string(why)) ? DS_ENOMEM : 0;
}

/*
 * Mark every connector a plan (as ds_plan_to_json writes it) names; an
 * "auto" profile step may use whichever connector serves a handle's
 * platform.
 */
static int mark_plan(json_t *usage, const json_t *plan, const char *whose)
{
	static const char *const platforms[] = {
		"mastodon", "bluesky", "url", "x", "any other platform"
	};
	json_t *s;
	size_t i, k;
	int rc = 0;

	json_array_foreach(json_object_get(plan, "steps"), i, s) {
		const char *c = json_string_value(json_object_get(s,
							"connector"));

		if (!c)
			continue;
		if (strcmp(c, "auto") != 0) {
			rc = mark(usage, c, whose);
		} else {
			for (k = 0; !rc && k < sizeof(platforms) /
			     sizeof(platforms[0]); k++) {
				const char *pc = ds_plan_profile_connector(
					platforms[k]);

				if (pc)
					rc = mark(usage, pc, whose);
			}
		}
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * Which connectors are used: by the configured plan, by a vacancy's
 * stored plan, by searches already run.  {name: [why, ...]}.
 */
static int usage_of(struct ds_ctx *ctx, const struct ds_conf *conf,
		    json_t **out, struct ds_err *err)
{
	json_t *usage = json_object(), *plan;
	sqlite3_stmt *stmt = NULL;
	char why[64];
	int rc;

	*out = NULL;
	plan = ds_plan_to_json(&conf->plan);
	rc = usage && plan ? mark_plan(usage, plan, "the configured plan") :
	     DS_ENOMEM;
	json_decref(plan);
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT steps FROM "
				   "plan", "");
	while (!rc && (rc = ds_db_step(ctx->db, stmt, "cannot read the plans",
				       err)) == 1) {
		plan = json_loads((const char *)sqlite3_column_text(stmt, 0),
				  0, NULL);
		rc = mark_plan(usage, plan, "a vacancy's stored plan");
		json_decref(plan);
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (!rc)
		rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT connector, "
				   "count(*) FROM step GROUP BY connector", "");
	while (!rc && (rc = ds_db_step(ctx->db, stmt, "cannot read the steps",
				       err)) == 1) {
		snprintf(why, sizeof(why), "searches run so far (%lld steps)",
			 (long long)sqlite3_column_int64(stmt, 1));
		rc = mark(usage, (const char *)sqlite3_column_text(stmt, 0),
			  why);
	}
	if (rc == DS_ENOMEM)
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
	if (rc)
		goto out;
	*out = usage;
	usage = NULL;
out:
	sqlite3_finalize(stmt);
	json_decref(usage);
	return rc;
}

/* Every connector as a recipient, and the transfers among them. */
static int recipients(struct ds_ctx *ctx, const struct ds_conf *conf,
		      json_t *r, struct ds_err *err)
{
	json_t *usage, *list = json_array(), *out = json_array();
	json_t *check = json_array();
	size_t i;
	int rc;

	rc = usage_of(ctx, conf, &usage, err);
	if (rc)
		goto out;
	for (i = 0; ds_connectors[i]; i++) {
		const struct ds_connector *c = ds_connectors[i];
		json_t *by = json_object_get(usage, c->name);
		const struct transfer *t = transfer_of(c);
		json_t *row = json_pack("{s:s s:s s:s s:s s:s s:b s:o s:s s:s}",
			"name", c->name, "title", c->title,
			"provider", c->provider, "location", c->location,
			"data_sent", c->data_sent, "used", by != NULL,
			"used_by", by ? json_incref(by) : json_array(),
			"transfer", t->code, "transfer_text", t->text);

		if (!row || json_array_append_new(list, row) ||
		    (t == &transfers[3] && json_array_append(out, row)) ||
		    (t == &transfers[1] && json_array_append(check, row))) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (json_object_set(r, "recipients", list) ||
	    json_object_set(r, "transfers", out) ||
	    json_object_set(r, "transfers_to_check", check))
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
out:
	json_decref(usage);
	json_decref(list);
	json_decref(out);
	json_decref(check);
	return rc;
}

/* The configured plan: its steps and its hash. */
static json_t *plan_json(const struct ds_conf *conf)
{
	const struct ds_plan *p = &conf->plan;
	json_t *steps = json_array();
	char hex[65];
	size_t i;

	if (ds_plan_hash(p, hex) != 0)
		hex[0] = '\0';
	for (i = 0; steps && i < p->nsteps; i++)
		json_array_append_new(steps, json_pack("{s:I s:s s:s s:s}",
			"n", (json_int_t)i + 1,
			"kind", ds_step_kind_name(p->steps[i].kind),
			"connector", p->steps[i].connector,
			"template", p->steps[i].tmpl));
	return json_pack("{s:o s:s s:i}", "steps", steps, "sha256", hex,
			 "lookback_days", p->lookback_days);
}

/* An array of strings from a NULL-terminated list. */
static json_t *strings(const char *const *s)
{
	json_t *a = json_array();

	for (; a && *s; s++)
		if (json_array_append_new(a, json_string(*s))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static const char *const purposes[] = {
	"Pre-employment safeguarding checks: an online search of candidates "
	"as part of the due diligence Keeping Children Safe in Education "
	"(KCSIE) asks of schools at shortlisting.",
	"Finding incidents or issues that are publicly available online and "
	"that the school may want to explore with the candidate at "
	"interview.",
	"Keeping a written record of each search (date, searcher, what was "
	"searched, outcome) for the recruitment file, the single central "
	"record and inspection.",
	NULL
};

static const char *const data_categories[] = {
	"Identity anchors from the application only: legal name, known-as "
	"and previous names, town or area, current and previous employers "
	"and schools.",
	"Handles the candidate declared (social-media accounts, personal "
	"sites).",
	"The notice given and the consent recorded (dates, channel, the hash "
	"and size of an evidence file), and any withdrawal.",
	"Public online content about the candidate: for relevant items only, "
	"the address, title, a short excerpt, the retrieval time and a "
	"content hash; counts for everything else.",
	"Criminal-offence data (Article 10) where a found item reports "
	"criminal proceedings: seen by the designated safeguarding lead "
	"only.",
	"Special-category data only when it is the conduct itself (for "
	"example hate speech); protected characteristics and political "
	"opinion are otherwise never recorded.",
	"The DSL's decisions and reasons, and the candidate's answers at "
	"interview.",
	"Staff who use the system: their names and actions in the audit "
	"trail.",
	NULL
};

static const char *const internal_recipients[] = {
	"The searcher (recruiter role), who runs the plan and declares not "
	"sitting on the interview panel.",
	"The designated safeguarding lead, who reviews every finding, alone "
	"sees criminal-offence data and decides.",
	"The interview panel: only findings the DSL confirmed, as interview "
	"questions.",
	"The data protection officer: retention, subject access, audit.",
	NULL
};

static const char *const security[] = {
	"The case file and its key file are created with mode 0600 (owner "
	"only); reports and exports are written with mode 0600, an export "
	"folder with mode 0700.",
	"Each candidate's personal data is sealed with AES-256-GCM under a "
	"data key of their own, held in a key file separate from the case "
	"file.",
	"Purge destroys the candidate's key (crypto-shredding): no copy or "
	"backup of the case file can reveal their data afterwards.",
	"SQLite secure_delete overwrites deleted content; after a purge the "
	"file is vacuumed and its write-ahead log truncated.",
	"Every action is in an append-only audit trail, chained with "
	"HMAC-SHA-256 and verifiable ('duesearch audit verify'); it holds "
	"ids, codes and hashes, never personal data.",
	"Roles (recruiter, DSL, DPO, admin) are checked on every action.",
	"Public sources only: no connector takes credentials; a log-in wall "
	"is recorded as not public and not followed.",
	"An SSRF guard refuses loopback, private, link-local and other "
	"special addresses (after DNS, on every redirect) unless the "
	"configuration allows one by name; TLS is always verified.",
	"API keys stay in the environment, never in the case file or the "
	"logs.",
	NULL
};

/* The lawful basis in words, from the organisation's setting. */
static json_t *lawful_basis(const char *code)
{
	int pt = code && strcmp(code, "public-task") == 0;

	return json_pack("{s:s s:s s:s s:s}", "code", code ? code : "",
		"title", pt ? "Public task" : "Legitimate interests",
		"article", pt ? "UK GDPR Article 6(1)(e)" :
		"UK GDPR Article 6(1)(f)",
		"text", pt ? "The school's duty to safeguard and promote the "
		"welfare of children (Education Act 2002 section 175 or 157) "
		"and the statutory guidance KCSIE, which asks schools to "
		"consider an online search of shortlisted candidates." :
		"Safeguarding the children in the school's care, as KCSIE "
		"asks; a legitimate interests assessment should be kept with "
		"this record. Consent is recorded as a safeguard, not as the "
		"lawful basis.");
}

/* The Article 10 and Article 9 conditions, for the DPO to confirm. */
static json_t *conditions(void)
{
	return json_pack("{s:s s:s s:s s:s}",
		"criminal", "UK GDPR Article 10 with the Data Protection Act "
		"2018, section 10(5) and Schedule 1: Part 2 paragraph 18 "
		"(safeguarding of children and of individuals at risk) and/or "
		"paragraph 10 (preventing or detecting unlawful acts). An "
		"appropriate policy document (Schedule 1 Part 4) is needed.",
		"special", "UK GDPR Article 9(2)(g) with the Data Protection "
		"Act 2018 Schedule 1 Part 2 paragraph 18, only where the "
		"conduct found itself reveals special-category data.",
		"status", TO_CONFIRM,
		"note", "Criminal-offence data found online is seen by the "
		"designated safeguarding lead only.");
}

/* The data subjects, following the scope policy. */
static json_t *subjects(const char *scope)
{
	const char *first = scope && strcmp(scope, "preferred") == 0 ?
		"The preferred candidate for each post (the organisation's "
		"scope policy)." :
		"Shortlisted candidates for posts at the school (the "
		"organisation's scope policy).";

	return json_pack("[s s s]", first,
		"People who share a candidate's name and appear in search "
		"results: counted only, nothing about them is kept.",
		"Staff who use the system (names and actions in the audit "
		"trail).");
}

/* Retention, from the configured periods. */
static json_t *retention(const struct ds_conf *conf)
{
	json_t *a = json_array();

	if (!a)
		return NULL;
	json_array_append_new(a, json_sprintf("Unsuccessful and withdrawn "
		"candidates: everything is deleted %d months after the "
		"vacancy's decision, and the candidate's key is destroyed.",
		conf->retention_months));
	json_array_append_new(a, json_sprintf("The appointee: at the same "
		"time the record is reduced to the single-central-record line "
		"and the final report, which are kept until %d months after "
		"the decision.", conf->appointee_months));
	json_array_append_new(a, json_string("A legal hold (a claim, a "
		"complaint) stops the deletion until it is released."));
	json_array_append_new(a, json_string("Every report carries the date "
		"its data is due for deletion; the audit trail keeps ids, "
		"codes and hashes only, with no personal data."));
	return a;
}

/* The DPIA's own parts: why it is needed, necessity, consultation. */
static const char *const dpia_need[] = {
	"Vetting of job candidates is particularly intrusive (ICO employment "
	"practices guidance): it needs to be proportionate to a specific "
	"risk, here working with children.",
	"Data not obtained from the person: content is collected from public "
	"online sources, not from the candidate (the ICO lists invisible "
	"processing as likely to result in high risk).",
	"Data matching: results from several sources are matched against the "
	"candidate's identity details.",
	"Criminal-offence data and, where the conduct itself reveals it, "
	"special-category data may be processed.",
	NULL
};

static const char *const consultation[] = {
	"Candidates: through the notice given before any search, and any "
	"questions or objections they raise.",
	"Staff: recruiters, the designated safeguarding lead and interview "
	"panel members.",
	"Governors or trustees responsible for safer recruitment.",
	"IT and information security (hosting of the case file, backups of "
	"the key file).",
	"The providers of the search services (see the recipients).",
	NULL
};

#define M(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The risks DOMAIN.md names, with the product's measures against each. */
static const struct {
	const char *title;
	const char *risk;
	const char *const *measures;
} risks[] = {
	{ "Wrong-person matches for common names",
	  "Content about someone else with the same name is taken to be the "
	  "candidate's, and an innocent candidate is questioned or refused.",
	  M("Identity scoring of every result against the anchors from the "
	    "application: confirmed, probable, possible or not the candidate.",
	    "A result that is not the candidate keeps nothing but a count.",
	    "A possible match cannot reach the panel until the DSL confirms "
	    "the identity as well as the finding.",
	    "Findings are put to the candidate at interview and their answer "
	    "recorded; a search result never decides an appointment alone.") },
	{ "Bias from uneven online coverage",
	  "Candidates with a larger online presence (or with names that "
	  "search engines match more often) are scrutinised more than "
	  "others, which may be unfair or indirectly discriminatory.",
	  M("The same plan for every candidate of a vacancy, frozen with its "
	    "SHA-256 at the first run; a change is a new version with a "
	    "reason, shown as a deviation in the vacancy report.",
	    "Every step is recorded for every candidate, including steps that "
	    "could not run, and the counts are shown side by side.",
	    "Only findings relevant to suitability to work with children, "
	    "from a fixed taxonomy, reach the DSL.") },
	{ "Intrusion: data from sources not obtained from the person",
	  "Candidates do not expect or cannot see what is collected about "
	  "them from public sources; private life outside work is exposed.",
	  M("Notice (and consent where the organisation requires it) before "
	    "any search; the gate refuses before any network traffic.",
	    "Public sources only: no log-ins, no passwords, no accounts; a "
	    "log-in wall is recorded as not public and not followed.",
	    "Declared handles only; other profiles under the same handles only "
	    "by policy, and only as possible matches.",
	    "The searcher declares not sitting on the interview panel.",
	    "A subject access copy of everything held, in one command.") },
	{ "Special-category and criminal-offence data",
	  "Religion, health, sexual orientation, political opinion or "
	  "criminal allegations are recorded, seen by too many people or "
	  "used to decide.",
	  M("Protected-characteristic suppression: an item whose only signal "
	    "is a protected characteristic or political opinion is dropped, "
	    "counted, and cut from excerpts.",
	    "Special-category data is kept only when it is the conduct itself "
	    "(for example hate speech) and is flagged for special care.",
	    "Criminal-offence data is withheld from everyone but the DSL.",
	    "The Article 10 and Schedule 1 conditions are recorded (" TO_CONFIRM
	    ").") },
	{ "Data minimisation",
	  "More is collected or kept than the purpose needs: whole pages, "
	  "irrelevant posts, other people's data.",
	  M("Irrelevant results and results about other people are kept as "
	    "counts only.",
	    "Excerpts are short and capped; pages are not archived (the "
	    "evidence is the address, time, size and hash).",
	    "Evidence files for notice and consent are hashed, never stored.",
	    "A finding decided not to be the candidate has its content "
	    "deleted.") },
	{ "Retention",
	  "Data is kept longer than needed, or not deleted from backups.",
	  M("Periods set by outcome in the configuration and shown on every "
	    "report.",
	    "Purge deletes the rows and destroys the candidate's key "
	    "(crypto-shredding), so backups reveal nothing either.",
	    "Legal holds are recorded and released explicitly; the "
	    "appointee keeps only the single-central-record line and the "
	    "final report.") },
	{ "Security breach",
	  "The case file, a report or an export is read by someone it was "
	  "not meant for.",
	  M("Files with mode 0600, personal data sealed with AES-256-GCM under "
	    "per-candidate keys held in a separate key file.",
	    "Roles checked on every action; a hash-chained audit trail of "
	    "every action, which can be verified.",
	    "SQLite secure_delete; an SSRF guard on every fetch; no secrets "
	    "in logs.") },
	{ "Processors and connectors receiving candidates' names",
	  "Search services learn that a named person is being vetted by the "
	  "school, possibly outside the UK, and may keep or reuse the "
	  "queries.",
	  M("Each connector declares its provider, location and the data it "
	    "sends; they are listed in the recipients table, with the ones "
	    "in use marked.",
	    "The default web search is the organisation's own SearXNG "
	    "instance; international transfers are listed for the DPO.",
	    "Platforms that forbid automated access become manual captures: "
	    "duesearch sends them nothing.") },
	{ "Candidates not informed",
	  "Candidates are searched without knowing, cannot object or "
	  "respond, and the processing is unfair.",
	  M("The gate refuses a search without a recorded notice (and "
	    "consent where required), before any network traffic.",
	    "The notice's date, channel and evidence hash are recorded and "
	    "appear on the report.",
	    "Withdrawing consent stops further steps and is audited.",
	    "Confirmed findings are put to the candidate, whose answer is "
	    "recorded; a case cannot close without it.") },
};

static const char *const signoff[] = {
	"Measures approved by",
	"Residual risks approved by",
	"DPO advice provided by",
	"Summary of the DPO's advice",
	"DPO advice accepted or overruled by (with reasons if overruled)",
	"Consultation responses reviewed by",
	"This DPIA will be kept under review by (and next review date)",
	NULL
};

/* The DPIA's own parts, added to the processing description r. */
static int dpia_parts(json_t *r, const struct ds_conf *conf)
{
	json_t *org = json_object_get(r, "organisation"), *list, *x;
	int consent = json_is_true(json_object_get(org, "consent_required"));
	size_t i;

	list = json_array();
	for (i = 0; list && i < sizeof(risks) / sizeof(risks[0]); i++) {
		x = json_pack("{s:I s:s s:s s:o s:s s:s s:s s:s}",
			      "n", (json_int_t)i + 1,
			      "title", risks[i].title,
			      "risk", risks[i].risk,
			      "measures", strings(risks[i].measures),
			      "likelihood", "[remote / possible / probable]",
			      "severity", "[minimal / significant / severe]",
			      "overall", "[low / medium / high]",
			      "residual", "[low / medium / high]");
		if (!x || json_array_append_new(list, x)) {
			json_decref(list);
			return DS_ENOMEM;
		}
	}
	if (json_object_set_new(r, "risks", list))
		return DS_ENOMEM;
	list = json_pack("[{s:s s:o} {s:s s:o} {s:s s:o} {s:s s:o} "
			 "{s:s s:o} {s:s s:s} {s:s s:s} {s:s s:s}]",
		"heading", "Purpose and lawful basis",
		"text", json_sprintf("KCSIE asks schools to consider an online "
			"search of shortlisted candidates as part of their due "
			"diligence. Lawful basis: %s, %s.",
			json_string_value(json_object_get(json_object_get(r,
				"lawful_basis"), "title")),
			json_string_value(json_object_get(json_object_get(r,
				"lawful_basis"), "article"))),
		"heading", "Scope",
		"text", json_sprintf("The organisation searches %s candidates. "
			"Its reason: %s",
			json_string_value(json_object_get(org, "scope")),
			json_string_value(json_object_get(org,
							  "scope_reason"))),
		"heading", "The same plan for every candidate",
		"text", json_sprintf("The configured plan has %zu step(s) "
			"(SHA-256 %s); a vacancy's plan is frozen at its first "
			"run, and any later change is a new version with its "
			"reason, shown as a deviation.", conf->plan.nsteps,
			json_string_value(json_object_get(json_object_get(r,
				"plan"), "sha256"))),
		"heading", "Notice and consent gate",
		"text", json_sprintf("A search cannot start without a recorded "
			"notice%s, for a candidate in scope, by a searcher who "
			"declared not sitting on the panel; the gate refuses "
			"before any network traffic.", consent ?
			" and the candidate's consent (the organisation "
			"requires both)" : " (the organisation does not "
			"require consent as well)"),
		"heading", "Opting out",
		"text", json_is_string(json_object_get(org, "opted_out")) ?
			json_sprintf("The organisation decided on %s not to "
				"search: %s", json_string_value(
					json_object_get(org, "opted_out")),
				json_string_value(json_object_get(org,
					"opt_out_reason")) ?
				json_string_value(json_object_get(org,
					"opt_out_reason")) : "") :
			json_string("The organisation searches; a decision not "
				"to search would be recorded with its reason."),
		"heading", "Minimisation and accuracy",
		"text", "Only relevant items are kept, with short excerpts; "
			"everything else is counted. Identity is scored "
			"against the application's details and confirmed by "
			"the DSL.",
		"heading", "Human decision and the candidate's answer",
		"text", "No outcome is automated: the DSL decides on every "
			"item, only confirmed items become interview questions "
			"and the candidate's answer is recorded.",
		"heading", "Rights",
		"text", "Subject access in one command, correction of the "
			"identity details, objection handled by the DPO, and "
			"deletion on the retention schedule.");
	if (!list || json_object_set_new(r, "necessity", list))
		return DS_ENOMEM;
	if (json_object_set_new(r, "need", strings(dpia_need)) ||
	    json_object_set_new(r, "consultation", strings(consultation)) ||
	    json_object_set_new(r, "signoff", strings(signoff)))
		return DS_ENOMEM;
	return 0;
}

/* The names of the actors holding the DPO role. */
static int dpo_names(struct ds_ctx *ctx, json_t **out, struct ds_err *err)
{
	sqlite3_stmt *stmt;
	json_t *list;
	int rc;

	*out = NULL;
	rc = ds_db_prepare(ctx->db, &stmt, err, "SELECT name FROM actor WHERE "
			   "roles & ? AND NOT disabled ORDER BY name", "d",
			   DS_ROLE_DPO);
	if (rc)
		return rc;
	list = json_array();
	while ((rc = ds_db_step(ctx->db, stmt, "cannot read the actors",
				err)) == 1)
		if (json_array_append_new(list, ds_json_col(stmt, 0))) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			break;
		}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

int ds_record_json(struct ds_ctx *ctx, const struct ds_conf *conf,
		   enum ds_record_kind kind, json_t **out,
		   struct ds_err *err)
{
	json_t *r = NULL, *org = NULL, *dpos = NULL;
	int rc;

	*out = NULL;
	rc = ds_require(ctx, DS_ROLE_DPO | DS_ROLE_ADMIN, kind ==
			DS_RECORD_ROPA ? "print the record of processing" :
			"print the DPIA", err);
	if (!rc)
		rc = ds_org_show(ctx, &org, err);
	if (!rc)
		rc = dpo_names(ctx, &dpos, err);
	if (rc)
		goto out;
	r = json_pack("{s:s s:i s:{s:O s:O s:O s:O s:O s:O s:O} s:{s:O s:O} "
		      "s:o s:o s:o s:o s:o s:o s:o s:o s:o}",
		      "kind", kind == DS_RECORD_ROPA ? "ropa" : "dpia",
		      "format_version", 1,
		      "organisation", "name", json_object_get(org, "name"),
		      "lawful_basis", json_object_get(org, "lawful_basis"),
		      "scope", json_object_get(org, "scope"),
		      "scope_reason", json_object_get(org, "scope_reason"),
		      "consent_required", json_object_get(org,
							  "consent_required"),
		      "opted_out", json_object_get(org, "opted_out") ?
		      json_object_get(org, "opted_out") : json_null(),
		      "opt_out_reason", json_object_get(org,
					"opt_out_reason") ? json_object_get(org,
					"opt_out_reason") : json_null(),
		      "controller", "name", json_object_get(org, "name"),
		      "dpo", dpos,
		      "lawful_basis", lawful_basis(json_string_value(
				json_object_get(org, "lawful_basis"))),
		      "conditions", conditions(),
		      "purposes", strings(purposes),
		      "subjects", subjects(json_string_value(
				json_object_get(org, "scope"))),
		      "data", strings(data_categories),
		      "internal_recipients", strings(internal_recipients),
		      "retention", retention(conf),
		      "security", strings(security),
		      "plan", plan_json(conf));
	if (!r) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	rc = recipients(ctx, conf, r, err);
	if (!rc && kind == DS_RECORD_DPIA && dpia_parts(r, conf))
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
	if (rc)
		goto out;
	json_object_set_new(r, "generated_by", json_string(ctx->actor_name));
	json_object_set_new(r, "generated_role", json_string(ctx->role_used));
	rc = ds_json_stamp(r, err);
	if (rc)
		goto out;
	*out = r;
	r = NULL;
out:
	json_decref(r);
	json_decref(org);
	json_decref(dpos);
	return rc;
}

int ds_record(struct ds_ctx *ctx, const struct ds_conf *conf,
	      enum ds_record_kind kind, const char *format, struct buf *out,
	      char sha256[65], struct ds_err *err)
{
	static const char *const formats[] = { "md", "html", "json", NULL };
	struct ds_audit_event ev = { .object = "org", .object_id = 1 };
	const char *what = kind == DS_RECORD_ROPA ? "ropa" : "dpia";
	const struct ds_asset *tmpl, *css;
	json_t *r = NULL, *view = NULL;
	char name[32], action[32], detail[128];
	int fmt, rc;

	fmt = ds_enum_parse("format", format ? format : "md", formats, err);
	if (fmt < 0)
		return DS_EDATA;
	rc = ds_record_json(ctx, conf, kind, &r, err);
	if (rc)
		return rc;
	snprintf(sha256, 65, "%s", json_string_value(json_object_get(r,
							"content_sha256")));
	if (fmt == 2) {
		char *s = json_dumps(r, JSON_INDENT(2) | JSON_SORT_KEYS);

		rc = s && buf_adds(out, s) == 0 && buf_addc(out, '\n') == 0 ?
		     0 : ds_err_set(err, DS_ENOMEM, "out of memory");
		free(s);
	} else {
		snprintf(name, sizeof(name), "%s.%s.tmpl", what,
			 formats[fmt]);
		tmpl = ds_asset_find(name);
		css = ds_asset_find("report.css");
		view = json_copy(r);
		if (!tmpl || !css)
			rc = ds_err_set(err, DS_EINTERNAL, "template %s is "
					"missing: rebuild duesearch", name);
		else if (!view || json_object_set_new(view, "css",
				json_stringn((const char *)css->data,
					     css->len)))
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		else
			rc = ds_template_render((const char *)tmpl->data, view,
						fmt == 1 ? DS_ESCAPE_HTML :
						DS_ESCAPE_MARKDOWN, out, err);
	}
	if (!rc)
		rc = ds_db_begin(ctx->db, err);
	if (rc)
		goto out;
	snprintf(action, sizeof(action), "%s.generate", what);
	snprintf(detail, sizeof(detail), "format=%s sha256=%s", formats[fmt],
		 sha256);
	ev.action = action;
	ev.detail = detail;
	rc = ds_audit_append(ctx, &ev, err);
	if (!rc)
		rc = ds_db_commit(ctx->db, err);
	else
		ds_db_rollback(ctx->db);
out:
	json_decref(view);
	json_decref(r);
	return rc;
}
