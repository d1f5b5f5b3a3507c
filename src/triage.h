/*
 * triage.h: is a result about the candidate, and does it touch the
 * safeguarding taxonomy?
 *
 * Identity: every result gets a level from the candidate's own anchors
 * (names with case, accents, initials and order folded; locations;
 * employers and schools; declared handles): confirmed, probable, possible
 * or not the candidate, with the anchors that matched.  A result naming a
 * place that is none of the candidate's, with no other anchor, is a
 * namesake: not the candidate.
 *
 * Relevance: the text is matched against a taxonomy (categories of
 * whole-word, case- and accent-insensitive terms and phrases, each with a
 * weight, and phrases that cancel a false alarm: "killer app").  Protected
 * characteristics and political opinion never make a finding: an item
 * whose only signal is one is dropped to a count, and they are cut out of
 * excerpts, except where the item is hate speech, whose excerpt keeps the
 * conduct and is marked for special-category care.
 */
#ifndef DS_TRIAGE_H
#define DS_TRIAGE_H

#include <stddef.h>

#include "err.h"
#include "plan.h"

enum ds_identity {
	DS_ID_NOT = 0,          /* not the candidate: a count only */
	DS_ID_POSSIBLE,
	DS_ID_PROBABLE,
	DS_ID_CONFIRMED
};
const char *ds_identity_name(enum ds_identity id);

/* Anchor bits, as stored with the level. */
enum ds_anchor_bit {
	DS_MATCH_NAME = 1,
	DS_MATCH_KNOWN_AS = 2,
	DS_MATCH_PREVIOUS_NAME = 4,
	DS_MATCH_LOCATION = 8,
	DS_MATCH_EMPLOYER = 16,
	DS_MATCH_SCHOOL = 32,
	DS_MATCH_HANDLE = 64,
	DS_MATCH_DECLARED = 128,        /* their own declared account */
	DS_MATCH_OTHER_PLACE = 256,     /* names a place that is not theirs */
	DS_MATCH_ROLE = 512,            /* a school job said of them */
	DS_MATCH_OTHER_AGE = 1024,      /* an age the claims rule out */
	DS_MATCH_OTHER_JOB = 2048,      /* "NAME, 44, of X, a care
					 * assistant": a job none of theirs */
	DS_MATCH_TITLED = 4096,         /* "Mr Hartley" beside their
					 * employer: no full name */
	DS_MATCH_FIRST_NAME = 8192      /* an account found under their
					 * username: their first name shown,
					 * their surname in its address */
};
/* "name,location" for the bits. */
void ds_match_format(unsigned bits, char *out, size_t size);

/* Points per anchor and the levels' thresholds (configurable). */
struct ds_identity_conf {
	int name, other_name, location, employer, handle;
	int confirmed, probable, possible;
};
void ds_identity_conf_default(struct ds_identity_conf *c);

struct ds_identity_result {
	enum ds_identity level;
	unsigned matched;       /* enum ds_anchor_bit */
	int score;
};

/*
 * Score text (and its URL) against the anchors.  declared is 1 when the
 * result is the candidate's own declared account or site.
 */
void ds_identity_score(const struct ds_plan_anchors *a, const char *text,
		       size_t len, const char *url, int declared,
		       const struct ds_identity_conf *c,
		       struct ds_identity_result *r);

/*
 * Does a page that never names them in full name them by a title and
 * their surname ("Mr Hartley", "Mrs. Okafor") beside one of their
 * employers or schools in full, and nobody else of that surname ("Dave
 * Hartley", "Mrs J Hartley" with an initial not theirs)?  A staff list
 * or newsletter names its staff so.  1 or 0 (0 when out of memory).
 * ds_identity_score counts it as DS_MATCH_TITLED (one point, and never
 * above "probable").
 */
int ds_identity_titled(const struct ds_plan_anchors *a, const char *text,
		       size_t len);

/*
 * Text folded for matching: lowercase ASCII, Latin accents taken off,
 * apostrophes dropped (a possessive "'s" with them), every other run of
 * non-alphanumerics one space.  map[i] (when asked for) is the offset in
 * the original of s[i], and map[len] is n.  Returns 0 or DS_ENOMEM;
 * release with ds_fold_release.
 */
struct ds_fold {
	char *s;
	size_t len;
	size_t *map;
};
int ds_fold(const char *text, size_t n, int want_map, struct ds_fold *f);
void ds_fold_release(struct ds_fold *f);

/*
 * Score a result of a discovery step: an account found under one of the
 * candidate's usernames on a site they did not declare.  The username is
 * why it was found, not evidence that it is theirs: it adds no points.
 * The account is the candidate's at most "probable" (the username with
 * one of their own anchors: a name, place, employer or school), else
 * "possible" on other anchors enough for it; it is "not the candidate"
 * (a count only) when it shows nothing of them but the username, or
 * names another place and none of theirs (someone else with the same
 * username).  Never "confirmed".  A school job said of them (the
 * DS_MATCH_ROLE bit of *r on entry, from context.h's judgement) is one
 * of their own anchors when the address's username carries one of their
 * surnames ("jkettle_sci" for Kettle); so is their first name shown as a
 * word ("Hayley, 29") on such an account (DS_MATCH_FIRST_NAME).
 */
void ds_identity_score_discovered(const struct ds_plan_anchors *a,
				  const char *text, size_t len,
				  const char *url,
				  const struct ds_identity_conf *c,
				  struct ds_identity_result *r);

#define DS_TAX_MAX_CATS 24
#define DS_EXCERPT_MAX 300

struct ds_taxonomy;

/* The built-in taxonomy (schemas/taxonomy.ini). */
int ds_taxonomy_default(struct ds_taxonomy **out, struct ds_err *err);
/*
 * Parse a taxonomy file's text (INI): one [category] section each with
 * title, severity (low|medium|high), threshold, terms and exclude; and
 * the [protected] section of protected-characteristic terms.
 */
int ds_taxonomy_parse(struct ds_taxonomy **out, const char *text,
		      size_t len, const char *name, struct ds_err *err);
int ds_taxonomy_load(struct ds_taxonomy **out, const char *path,
		     struct ds_err *err);
void ds_taxonomy_free(struct ds_taxonomy *t);

size_t ds_taxonomy_ncats(const struct ds_taxonomy *t);
const char *ds_taxonomy_cat_name(const struct ds_taxonomy *t, size_t i);
const char *ds_taxonomy_cat_title(const struct ds_taxonomy *t, size_t i);
/* Bits of the categories marked special (hate speech). */
unsigned ds_taxonomy_special_cats(const struct ds_taxonomy *t);

/* Add terms (comma-separated, as in the file) to the category named cat;
 * nothing when the taxonomy has no such category. */
int ds_taxonomy_add_terms(struct ds_taxonomy *t, const char *cat,
			  const char *list, struct ds_err *err);

struct ds_triage_result {
	unsigned cats;          /* bit i: category i matched */
	int severity;           /* 0 none, 1 low, 2 medium, 3 high */
	int special_care;       /* hate speech: special-category data inside */
	int criminal;           /* criminal-offence data: DSL only */
	int protected_only;     /* the only signal was a protected trait */
	char excerpt[DS_EXCERPT_MAX * 2 + 64];  /* UTF-8, at most 300 chars */
	char why[256];          /* "violence: stabbed, knife; ..." */
};

/*
 * The taxonomy's lexicon: ds_lexicon_sentence (lexicon.h) gives one
 * sentence's categories with why (terms matched, or the model's score and
 * strongest features), in the taxonomy's category order.
 */
struct ds_lexicon;
const struct ds_lexicon *ds_taxonomy_lexicon(const struct ds_taxonomy *t);

/*
 * Match text against the taxonomy, sentence by sentence (lexicon.h); a
 * result with cats == 0 is no finding.
 */
int ds_triage_text(const struct ds_taxonomy *t, const char *text,
		   size_t len, struct ds_triage_result *r, struct ds_err *err);
/* The same, as if the categories of the bits drop had not held (their
 * terms, severity and excerpt left out too). */
int ds_triage_text_but(const struct ds_taxonomy *t, const char *text,
		       size_t len, unsigned drop, struct ds_triage_result *r,
		       struct ds_err *err);

/* "violence,drugs" for the category bits. */
void ds_triage_cats_format(const struct ds_taxonomy *t, unsigned cats,
			   char *out, size_t size);

/*
 * The word lists of [cues], read by the context's rules (context.h):
 * laughter in a post, one child, praise, a leer, girls or women looked
 * at, drinks, giving, children by their age, a child's health, care or
 * safeguarding details, a threat's future, harm and body parts, and
 * contests.  A key the file leaves out keeps the built-in
 * list.  NULL-ended, as written.
 */
enum ds_tax_cue {
	DS_CUE_LAUGHTER, DS_CUE_ONE_CHILD, DS_CUE_PRAISE, DS_CUE_LEERS,
	DS_CUE_LOOKED_AT, DS_CUE_DRINKS, DS_CUE_GIVING, DS_CUE_YOUNG,
	DS_CUE_CHILD_DETAILS, DS_CUE_THREAT_WILL, DS_CUE_THREAT_HARM,
	DS_CUE_THREAT_PARTS, DS_CUE_CONTESTS, DS_CUE_GAMBLES, DS_TAX_CUES
};
const char *const *ds_taxonomy_cues(const struct ds_taxonomy *t,
				    enum ds_tax_cue cue);

/* The built-in taxonomy file, compiled in. */
extern const unsigned char ds_taxonomy_ini[];
extern const size_t ds_taxonomy_ini_len;

#endif
