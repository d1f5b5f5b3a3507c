/*
 * plan.h: a vacancy's online-search plan.
 *
 * A plan is a list of steps; each names its kind, its connector and a
 * template over the candidate's anchors:
 *     web searxng "{name}" {location}
 * Variables: {name} (legal name), {known_as}, {previous_name},
 * {any_name} (every name: the legal, known-as and previous names, and the
 * legal and previous names without their middle names), {location},
 * {employer}, {school}, {handle} (a profile step's target; in a web or
 * news step the handle as text: a site's host, a fediverse user name),
 * {site} (a declared website's host), {given_name} (the first word of
 * each name the candidate goes by) and {surname} (each name's surname,
 * with its particles, once).  A
 * step whose template uses a variable with several values (two employers)
 * expands into one instance per value, the first variable varying
 * slowest; one with none is kept as a skipped instance, so every
 * candidate's record shows every step of the plan.
 *
 * A vacancy's plan is frozen (stored with its SHA-256) at its first run;
 * a later change makes a new version with a reason: a deviation.
 */
#ifndef DS_PLAN_H
#define DS_PLAN_H

#include <jansson.h>
#include <stddef.h>

#include "connector.h"
#include "err.h"

#define DS_PLAN_MAX_STEPS 32
#define DS_PLAN_TEMPLATE_MAX 200
#define DS_PLAN_MAX_EXPAND 64
#define DS_PLAN_MAX_NAMES 24

struct ds_plan_step {
	enum ds_step_kind kind;
	char connector[32];     /* "auto": chosen by the handle's platform */
	char tmpl[DS_PLAN_TEMPLATE_MAX + 1];
};

struct ds_plan {
	struct ds_plan_step steps[DS_PLAN_MAX_STEPS];
	size_t nsteps;
	int lookback_days;      /* news look-back */
};

/* The KCSIE default plan of DOMAIN.md, with search on connector. */
void ds_plan_default(struct ds_plan *p, const char *search);

/* Parse "KIND CONNECTOR TEMPLATE" and append it. */
int ds_plan_add_line(struct ds_plan *p, const char *line,
		     struct ds_err *err);

/* Canonical JSON and its SHA-256 (hex). */
json_t *ds_plan_to_json(const struct ds_plan *p);
int ds_plan_from_json(struct ds_plan *p, const json_t *j,
		      struct ds_err *err);
int ds_plan_hash(const struct ds_plan *p, char hex[65]);

/* The candidate's anchors and handles, as the expansion needs them. */
struct ds_plan_anchors {
	const char *name;
	const char *known_as[8];
	size_t nknown_as;
	const char *previous_name[8];
	size_t nprevious_name;
	const char *location[16];
	size_t nlocation;
	const char *employer[16];
	size_t nemployer;
	const char *school[16];
	size_t nschool;
	const char *role[16];   /* claimed jobs' titles (identity only) */
	size_t nrole;
	/* The latest year of birth the claims allow (0: no bound): from
	 * the youngest age each claim needs (a job at 15, a degree at 19).
	 * No earliest: an application may leave out older jobs. */
	int born_by;
	/* The year of their earliest claim, a job's start or an award (0:
	 * none).  A report's age that puts that claim past their 50th
	 * year counts against them: an application gives the history since
	 * school. */
	int first_claim;
	const char *handle_platform[32];
	const char *handle[32];
	size_t nhandles;
};

/* One instance of a step for one candidate. */
struct ds_plan_instance {
	size_t plan_step;
	unsigned seq;
	enum ds_step_kind kind;
	char connector[32];
	char query[512];        /* web, news: the terms; else "" */
	char platform[32];      /* profile: the platform */
	char target[2100];      /* profile: the handle or URL */
	const char *skip;       /* non-NULL: why it cannot run */
};

/*
 * Expand step number i of p for a candidate into at most max instances;
 * returns how many (at least 1: a skipped one when nothing applies).
 */
size_t ds_plan_expand(const struct ds_plan *p, size_t i,
		      const struct ds_plan_anchors *a,
		      struct ds_plan_instance *out, size_t max);

/*
 * Expand every step of p for a candidate into *out (allocated; the caller
 * frees it with ds_free), *n instances in plan order.  A search asked by
 * an earlier instance (same kind, connector and query, ignoring case and
 * runs of spaces; or the same profile) is asked once: a step left with
 * nothing of its own keeps one skipped instance saying so.
 */
int ds_plan_expand_all(const struct ds_plan *p,
		       const struct ds_plan_anchors *a,
		       struct ds_plan_instance **out, size_t *n,
		       struct ds_err *err);

/*
 * The connector that serves a profile on a platform (the connectors'
 * platform lists: ds_connector_for_platform), or NULL when none does.
 */
const char *ds_plan_profile_connector(const char *platform);

#endif
