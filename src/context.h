/*
 * context.h: is the concern the candidate's own conduct?
 *
 * A page about the candidate is read sentence by sentence.  A concern
 * counts only where it is the candidate's conduct: in their own words (a
 * declared account or site, or a post they signed on a forum), or in a
 * sentence that names them (full name, known-as or previous name, a
 * declared handle, a title with the surname, the surname alone after a
 * full mention) or refers back to them ("She", "The teacher", a court
 * round-up's "Fined £120") as the one acting.  Contexts that cancel a
 * concern are set aside, each with its reason: the candidate as victim,
 * witness, official (magistrate, officer, solicitor) or reporter; abuse
 * they received, quoted; other people's comments and posts; a page that
 * is a policy, lesson, curriculum, novel or review; the concern as the
 * subject they teach or campaign against ("anti-bullying week"); a game
 * or a sport ("murdered them in the scrum").
 *
 * Text hidden from readers never gets here: the page parser leaves it out
 * (page.h).  Categories come from the taxonomy (triage.h), asked of each
 * passage that counts.
 */
#ifndef DS_CONTEXT_H
#define DS_CONTEXT_H

#include <stddef.h>

#include "err.h"
#include "plan.h"
#include "triage.h"

/* What a sentence is, for the candidate. */
enum ds_ctx_role {
	DS_CTX_NONE = 0,       /* not about the candidate */
	DS_CTX_ACTOR,          /* named or referred back to, acting */
	DS_CTX_OWN,            /* the candidate's own words */
	DS_CTX_VICTIM,
	DS_CTX_WITNESS,
	DS_CTX_OFFICIAL,       /* magistrate, judge, officer, lawyer */
	DS_CTX_REPORTER,       /* the byline: they wrote the report */
	DS_CTX_QUOTED,         /* abuse they received, quoted */
	DS_CTX_OTHERS,         /* someone else's comment or post */
	DS_CTX_TEACHING,       /* the concern is what they teach against */
	DS_CTX_GENRE,          /* a policy, lesson, novel or review */
	DS_CTX_SPORT,          /* a game: "murdered them in the scrum" */
	DS_CTX_COUNT
};
/* "victim" for DS_CTX_VICTIM. */
const char *ds_ctx_role_name(enum ds_ctx_role r);
/* "victim,witness" for bits (1 << role). */
void ds_ctx_roles_format(unsigned bits, char *out, size_t size);

/* A run of sentences with one role: bytes [start, end) of the text. */
struct ds_passage {
	size_t start, end;
	enum ds_ctx_role role;
	int own;                /* in the candidate's own words */
};

struct ds_context {
	struct ds_passage *p;   /* in text order; NONE sentences left out */
	size_t n, alloc;
	int declared;           /* the page is the candidate's own account */
	int role_seen;          /* a school job said of them (occupations) */
};

/*
 * Find the passages of text (len bytes, UTF-8, blocks ending in '\n' as
 * page.h gives them) that are about the candidate, each with its role.
 * url and title (either may be NULL) tell a policy or a review apart;
 * declared is 1 on the candidate's own declared account or site.
 * Returns 0 or DS_ENOMEM; release with ds_context_release.
 */
int ds_context_find(const struct ds_plan_anchors *a, const char *text,
		    size_t len, const char *url, const char *title,
		    int declared, struct ds_context *c);
void ds_context_release(struct ds_context *c);

#define DS_EXPLAIN_MAX 1500

/* A result judged: identity, the concern in context, and why. */
struct ds_judgement {
	struct ds_identity_result id;
	struct ds_triage_result tr;     /* categories of what counts */
	int own_words;          /* what triggered it is their own words */
	unsigned set_aside;     /* bits (1 << role) of cancelled concerns */
	/*
	 * The finding's explanation for the DSL, lines of text: the
	 * triggering sentences, the categories and their terms, the
	 * anchors matched, whose words they are, what was set aside.
	 */
	char explain[DS_EXPLAIN_MAX];
};

/*
 * Judge one result: its identity level from the anchors, then, when it
 * may be the candidate, the categories of the passages that count (see
 * the top of this file).  j->tr.cats == 0 is no finding; a concern set
 * aside by its context leaves its role in j->set_aside.  Returns 0, or
 * DS_ENOMEM with err set.
 */
int ds_context_judge(const struct ds_taxonomy *t,
		     const struct ds_plan_anchors *a,
		     const struct ds_identity_conf *conf, const char *text,
		     size_t len, const char *url, const char *title,
		     int declared, struct ds_judgement *j,
		     struct ds_err *err);

#endif
