/*
 * incons.h: inconsistency with the application.  The claims the
 * recruiter recorded (claim.c: employment organisation, role, from, to;
 * qualification title, institution, year) are compared with a page about
 * the candidate: a staff list, a newsletter's leavers, a profile's
 * experience, a graduation list, a tutor's own profile.  A contradiction
 * (dates more than two months apart, a lower role or award, a lower
 * class, a qualification still being studied for after the year it was
 * claimed) or an employment the application hides is reported with the
 * claim and the page side by side, for the DSL to review.
 *
 * Only the caller decides that the page is about the candidate (identity
 * probable or confirmed); this module only compares.  Organisations match
 * on their full names, normalised (case, accents, punctuation, "&" and
 * "and", "St" and "Saint", "Academy" and "School"), never on one word.
 */
#ifndef DS_INCONS_H
#define DS_INCONS_H

#include <stddef.h>

#include <jansson.h>

#include "plan.h"

struct ds_incons;

/*
 * Parse the claims (ds_claim_rows' array; kinds other than employment
 * and qualification are ignored) into *out; *out is NULL when there is
 * nothing to compare.  Returns 0 or DS_ENOMEM.  Free with ds_incons_free.
 */
int ds_incons_load(const json_t *claims, struct ds_incons **out);
void ds_incons_free(struct ds_incons *c);

/*
 * Compare a page (text of len bytes, lines ending in '\n'; title, url and
 * published may be NULL) with the claims.  declared is 1 on the
 * candidate's own declared account.  Returns 1 when the page contradicts
 * the application, with the explanation (claim and page side by side)
 * in explain (NUL-terminated, truncated to size), else 0.
 */
int ds_incons_check(const struct ds_incons *c,
		    const struct ds_plan_anchors *a, const char *text,
		    size_t len, const char *title, const char *url,
		    const char *published, int declared, char *explain,
		    size_t size);

/* ---- the comparisons, exposed for the unit tests --------------------- */

/*
 * Normalise s (n bytes, UTF-8) into out: lowercase ASCII words folded of
 * accents, each followed by one space and the whole led by one, so " w "
 * finds a whole word.  org set: also "&" is "and", "st" is "saint",
 * "academy" is "school" and "the" is dropped.
 */
void ds_incons_norm(const char *s, size_t n, int org, char *out,
		    size_t size);

/* 1 when organisation org (a claim's name) is named in s (n bytes). */
int ds_incons_org_in(const char *org, const char *s, size_t n);

/*
 * A date in s (n bytes): "September 2021", "Sep 2021", "Easter 2020",
 * "2019".  *month is year * 12 + month - 1; *span is 1 for a month, 12
 * for a bare year.  def_year stands in for a missing year (0: none).
 * Returns 1 when found (the first in s), else 0.
 */
int ds_incons_date(const char *s, size_t n, int def_year, long *month,
		   int *span);

/*
 * A period in s: "2018-2021", "Sep 2015 - Jul 2021", "2023 to present",
 * "from May 2010 to June 2012", "since 2019", "2023-24".  *from and *to
 * are month counts (the first month of the start, the last of the end);
 * *to is DS_INCONS_NOW for "present", "now" or "since".
 */
#define DS_INCONS_NOW 999999L
int ds_incons_range(const char *s, size_t n, long *from, long *to);

/*
 * The seniority of a role: 5 leadership, 4 middle leader, 3 teacher or
 * lecturer, 2 teaching support (assistant, cover supervisor), 1 other
 * support (midday supervisor, site, office); 0 unknown.
 */
int ds_incons_role_rank(const char *s, size_t n);

/*
 * The level of a qualification: 8 doctorate, 7 master's, 6 bachelor's,
 * 5 postgraduate certificate or diploma (not a PGCE), 4 foundation
 * degree, 1-3 a stated "Level N"; 0 unknown.  Class of a degree: 4 first,
 * 3 upper second, 2 lower second, 1 third; 0 none.
 */
int ds_incons_qual_level(const char *s, size_t n);

/*
 * The latest year of birth the claims (JSON, as ds_incons_load reads)
 * allow, for ds_plan_anchors.born_by: a job or an award from 15, a
 * bachelor's degree from 19, a higher one from 20 (the youngest that may
 * hold each, with a year to spare for a report's slip); 0 when
 * no claim has a year.
 */
int ds_incons_born_by(const json_t *claims);

/*
 * The year of the earliest claim (a job's start, an award), for
 * ds_plan_anchors.first_claim; 0 when no claim has a year.
 */
int ds_incons_first_claim(const json_t *claims);
int ds_incons_degree_class(const char *s, size_t n);

#endif
