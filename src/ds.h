/*
 * ds.h: libduesearch, the core every front (the CLI, the web interface)
 * calls.  The gate, the roles and the audit trail live here, so they apply
 * the same whichever front is used.
 *
 * Conventions: functions return 0 or a negative DS_E* code (err.h) with a
 * one-line message in err.  Writes check the acting person's role, run in
 * one transaction together with their audit event, and change nothing on
 * failure.  Reads return a jansson object the caller owns (json_decref);
 * its fields are documented at each function and are what --json prints.
 */
#ifndef DS_H
#define DS_H

#include <jansson.h>
#include <stdint.h>

#include "err.h"

#define DS_VERSION "0.1.0"

/* Roles, as bits: an actor may hold several. */
enum ds_role {
	DS_ROLE_RECRUITER = 1,  /* records cases, runs searches */
	DS_ROLE_DSL = 2,        /* reviews findings */
	DS_ROLE_DPO = 4,        /* retention, subject access, audit */
	DS_ROLE_ADMIN = 8       /* actors and organisation settings */
};

struct ds_ctx;

struct ds_open_opts {
	const char *db_path;    /* required */
	const char *keys_path;  /* NULL: db_path + ".keys" */
	const char *actor;      /* the acting person's name; may be NULL */
	/*
	 * The command line's operating-system account, or NULL (the web
	 * front, which authenticates by itself).  When set, the acting person
	 * is the actor bound to it ("actor os-user"); actor may name another
	 * person only with that person's password.  init binds it to the
	 * first admin.
	 */
	const char *os_user;
	const char *password;   /* actor's password, for acting as another */
};

struct ds_org_settings {
	const char *name;
	const char *lawful_basis;   /* "public-task" | "legitimate-interests" */
	const char *scope;          /* "shortlisted" | "preferred" */
	const char *scope_reason;
	int consent_required;       /* 1: consent needed as well as notice */
};

/*
 * Create the database (mode 0600), its key file (mode 0600), the
 * organisation's settings and the first actor (opts->actor) as admin.
 * Refuses to overwrite either file.
 */
int ds_init(const struct ds_open_opts *opts, const struct ds_org_settings *s,
	    struct ds_err *err);

/* Open an existing database and key file and resolve the acting person. */
int ds_open(const struct ds_open_opts *opts, struct ds_ctx **out,
	    struct ds_err *err);
void ds_close(struct ds_ctx *ctx);

/* The acting person's name, as resolved ("" when none was given). */
const char *ds_actor_name(const struct ds_ctx *ctx);

/* Parse "recruiter,dsl" into role bits; DS_EDATA on an unknown name. */
int ds_roles_parse(const char *s, unsigned *roles, struct ds_err *err);
/* Role bits as "recruiter,dsl" into out. */
void ds_roles_format(unsigned roles, char *out, size_t size);

/* Organisation: {name, uuid, lawful_basis, scope, scope_reason,
 * consent_required, created, schema_version}. */
int ds_org_show(struct ds_ctx *ctx, json_t **out, struct ds_err *err);

/* Actors (admin). List: [{id, name, roles, disabled, created,
 * display_name}]. */
int ds_actor_add(struct ds_ctx *ctx, const char *name, unsigned roles,
		 int64_t *id, struct ds_err *err);
int ds_actor_set_roles(struct ds_ctx *ctx, const char *name, unsigned roles,
		       struct ds_err *err);
/*
 * ds_actor_add with the name reports show ("Priya Shah"; NULL: the login
 * name), and setting it later (admin; audited as actor.name, without it).
 */
int ds_actor_add_named(struct ds_ctx *ctx, const char *name,
		       const char *display, unsigned roles, int64_t *id,
		       struct ds_err *err);
int ds_actor_set_display_name(struct ds_ctx *ctx, const char *name,
			      const char *display, struct ds_err *err);
/* The display name of login name into out[size], else the login name. */
int ds_actor_display(struct ds_ctx *ctx, const char *name, char *out,
		     size_t size);
int ds_actor_disable(struct ds_ctx *ctx, const char *name,
		     struct ds_err *err);
/*
 * Bind a person to the operating-system account they run the command
 * line from (admin); NULL or "" unbinds.  One account, one person.
 */
int ds_actor_set_os_user(struct ds_ctx *ctx, const char *name,
			 const char *os_user, struct ds_err *err);
int ds_actor_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err);

/* Vacancies (recruiter). */
struct ds_vacancy_in {
	const char *ref;
	const char *post;
	const char *school;
	const char *interview_date;     /* YYYY-MM-DD or NULL */
};
int ds_vacancy_add(struct ds_ctx *ctx, const struct ds_vacancy_in *v,
		   int64_t *id, struct ds_err *err);
/* [{id, ref, post, school, interview_date, candidates, created}] */
int ds_vacancy_list(struct ds_ctx *ctx, json_t **out, struct ds_err *err);
/* {id, ref, ..., panel: [{actor, on_panel, declared}],
 *  candidates: [{id, name, status}]} */
int ds_vacancy_show(struct ds_ctx *ctx, const char *ref, json_t **out,
		    struct ds_err *err);
/* The acting searcher declares whether they sit on the vacancy's panel. */
int ds_vacancy_declare(struct ds_ctx *ctx, const char *ref, int on_panel,
		       struct ds_err *err);

/* Candidates (recruiter). */
enum ds_anchor_kind {
	DS_ANCHOR_LEGAL_NAME, DS_ANCHOR_KNOWN_AS, DS_ANCHOR_PREVIOUS_NAME,
	DS_ANCHOR_LOCATION, DS_ANCHOR_EMPLOYER, DS_ANCHOR_SCHOOL,
	DS_ANCHOR_NKINDS
};
extern const char *const ds_anchor_kinds[];   /* "legal-name", ... */
extern const char *const ds_statuses[];       /* "applied", ... */

struct ds_anchor_in {
	enum ds_anchor_kind kind;
	const char *value;
};
struct ds_candidate_in {
	const char *vacancy_ref;
	const char *status;             /* NULL: "applied" */
	const struct ds_anchor_in *anchors;  /* must hold one legal-name */
	size_t nanchors;
};
int ds_candidate_add(struct ds_ctx *ctx, const struct ds_candidate_in *c,
		     int64_t *id, struct ds_err *err);
int ds_candidate_set_status(struct ds_ctx *ctx, int64_t id,
			    const char *status, struct ds_err *err);
/* [{id, vacancy, name, status, updated}]; vacancy_ref may be NULL. */
int ds_candidate_list(struct ds_ctx *ctx, const char *vacancy_ref,
		      json_t **out, struct ds_err *err);
/* {id, vacancy, status, anchors: [{id, kind, value}], handles: [...],
 *  notices: [...], consents: [...], claims: [...]} */
int ds_candidate_show(struct ds_ctx *ctx, int64_t id, json_t **out,
		      struct ds_err *err);
int ds_anchor_add(struct ds_ctx *ctx, int64_t candidate_id,
		  enum ds_anchor_kind kind, const char *value, int64_t *id,
		  struct ds_err *err);
int ds_anchor_remove(struct ds_ctx *ctx, int64_t anchor_id,
		     struct ds_err *err);

/*
 * What the application claims (recruiter): employment history,
 * qualifications and other declared facts, sealed like the anchors and
 * purged with the candidate.  The claims feed the plan's qualifiers
 * (an employment's organisation and place, a qualification's institution)
 * and the check of the application's consistency.
 *   employment:    organisation (required), role, from (YYYY or YYYY-MM),
 *                  to (YYYY, YYYY-MM or "current"), location
 *   qualification: title (required), institution, year (YYYY)
 *   fact:          text (required)
 * Fields of another kind are refused (DS_EUSAGE), as is a bad date or an
 * employment that ends before it starts (DS_EDATA).
 */
extern const char *const ds_claim_kinds[];    /* "employment", ... */
struct ds_claim_in {
	const char *kind;
	const char *organisation, *role, *from, *to, *location;
	const char *title, *institution, *year;
	const char *text;
};
int ds_claim_add(struct ds_ctx *ctx, int64_t candidate_id,
		 const struct ds_claim_in *c, int64_t *id, struct ds_err *err);
int ds_claim_remove(struct ds_ctx *ctx, int64_t claim_id,
		    struct ds_err *err);
/* [{id, kind, created, and the kind's fields as given}] (recruiter, DSL,
 * DPO). */
int ds_claim_list(struct ds_ctx *ctx, int64_t candidate_id, json_t **out,
		  struct ds_err *err);

/*
 * Declared handles (recruiter): validated per platform (handle.h).
 * ds_handle_add takes a built-in platform's handle, or a "url";
 * ds_handle_declare any platform (ds_handle_resolve): a handle and/or the
 * profile's address (url, may be NULL), on a built-in platform, a site of
 * the profile site list sites (may be NULL), or a platform a loaded
 * connector reads; an unknown platform with an address is kept as a
 * "url", without one it is refused naming the closest known names.
 */
struct ds_sitelist;
int ds_handle_add(struct ds_ctx *ctx, int64_t candidate_id,
		  const char *platform, const char *handle, int64_t *id,
		  struct ds_err *err);
int ds_handle_declare(struct ds_ctx *ctx, int64_t candidate_id,
		      const char *platform, const char *handle,
		      const char *url, const struct ds_sitelist *sites,
		      int64_t *id, struct ds_err *err);
int ds_handle_remove(struct ds_ctx *ctx, int64_t handle_id,
		     struct ds_err *err);
/* [{id, platform, handle, created}] */
int ds_handle_list(struct ds_ctx *ctx, int64_t candidate_id, json_t **out,
		   struct ds_err *err);

/* Notice and consent (recruiter).  evidence may be NULL; a file given is
 * hashed (SHA-256) and its size kept, never its contents. */
extern const char *const ds_notice_channels[];
extern const char *const ds_consent_scopes[];
int ds_notice_add(struct ds_ctx *ctx, int64_t candidate_id,
		  const char *given_on, const char *channel,
		  const char *evidence, int64_t *id, struct ds_err *err);
/*
 * ds_notice_add, recording too which text was sent, by its SHA-256
 * (text_sha256: 64 hex digits, as 'notice draft' prints it; NULL: not
 * known).  The consent report checks the steps run against the kinds of
 * step that text described (notice_text.h).
 */
int ds_notice_add_text(struct ds_ctx *ctx, int64_t candidate_id,
		       const char *given_on, const char *channel,
		       const char *evidence, const char *text_sha256,
		       int64_t *id, struct ds_err *err);
int ds_consent_add(struct ds_ctx *ctx, int64_t candidate_id,
		   const char *given_on, const char *scope,
		   const char *evidence, int64_t *id, struct ds_err *err);
/* Withdraw every consent in force (recruiter or DPO). */
int ds_consent_withdraw(struct ds_ctx *ctx, int64_t candidate_id,
			const char *withdrawn_on, struct ds_err *err);

/* The gate: may a search of this candidate run now? */
struct ds_gate_reason {
	const char *code;       /* "not-shortlisted", "no-notice", ... */
	char text[256];         /* what is wrong and how to put it right */
};
#define DS_GATE_MAX_REASONS 16
struct ds_gate {
	int allowed;
	size_t nreasons;
	struct ds_gate_reason reasons[DS_GATE_MAX_REASONS];
};
/*
 * Check every rule for a search of candidate_id by searcher (NULL: the
 * acting person) on the date on (NULL: today).  Returns 0 whether or not
 * the search is allowed; g says which and lists every reason against.
 */
int ds_gate_check(struct ds_ctx *ctx, int64_t candidate_id,
		  const char *searcher, const char *on, struct ds_gate *g,
		  struct ds_err *err);
/* The reasons as JSON: {candidate, allowed, reasons: [{code, text}]}. */
json_t *ds_gate_json(int64_t candidate_id, const struct ds_gate *g);

/* Audit (DPO or admin). */
struct ds_audit_verdict {
	int ok;
	int64_t rows;           /* rows checked */
	int64_t bad_seq;        /* first bad row (0 when ok) */
	char problem[256];      /* what is wrong with it */
	char head_hash[65];     /* hash of the last row */
};
/*
 * Check the chain.  head, when not NULL, is "SEQ:HASH" as printed by
 * ds_audit_head earlier: the trail must still hold that row with that
 * hash (a truncated trail fails here).
 */
int ds_audit_verify(struct ds_ctx *ctx, const char *head,
		    struct ds_audit_verdict *v, struct ds_err *err);
/* {seq, hash, at, head: "SEQ:HASH"} */
int ds_audit_head(struct ds_ctx *ctx, json_t **out, struct ds_err *err);
struct ds_audit_filter {
	int64_t candidate_id;   /* 0: any */
	const char *vacancy_ref;
	const char *actor;
	const char *action;
	const char *since;      /* YYYY-MM-DD */
	int64_t limit;          /* 0: no limit */
};
/* [{seq, at, actor, role, action, object, object_id, vacancy_id,
 *   candidate_id, detail, hash}] */
int ds_audit_show(struct ds_ctx *ctx, const struct ds_audit_filter *f,
		  json_t **out, struct ds_err *err);

#endif
