/*
 * profiles.c: public-profile checks driven by a site list in the
 * WhatsMyName format.  A profile step checks a declared handle on its own
 * platform; a discovery step (a policy option) checks the same handle on
 * every enabled site, and what it finds are possible matches only.
 *
 * An account exists only when both the exists-code and the exists-string
 * match; it is missing only when the missing rule matches; anything else
 * (429, a challenge page, a time-out, a changed page) is inconclusive,
 * never "not found".  Categories that reveal special-category data
 * (dating, political, health, religion, adult) are off unless the
 * organisation's policy lists them in allow_categories.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "connector.h"
#include "mem.h"
#include "sitelist.h"

struct profiles {
	struct ds_sitelist list;
	char allow[256];        /* sensitive categories allowed, commas */
};

/* Is a site's category enabled by policy? */
static int category_on(const struct profiles *p, const char *cat)
{
	const char *a = p->allow;
	size_t n = cat ? strlen(cat) : 0;

	if (!ds_site_category_sensitive(cat))
		return 1;
	while (*a) {
		const char *c = strchr(a, ',');
		size_t len = c ? (size_t)(c - a) : strlen(a);

		if (len == n && strncmp(a, cat, n) == 0)
			return 1;
		a += len + (c ? 1 : 0);
	}
	return 0;
}

static int profiles_init(void **state, const struct ds_conn_init *ci,
			 struct ds_err *err)
{
	const char *allow = ci->option(ci, "allow_categories");
	struct profiles *p;
	int rc;

	p = ds_calloc(1, sizeof(*p));
	if (!p)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	snprintf(p->allow, sizeof(p->allow), "%s", allow ? allow : "");
	rc = ds_sitelist_load(&p->list, ci->option(ci, "site_list"), err);
	if (rc) {
		ds_free(p);
		return rc;
	}
	*state = p;
	return 0;
}

static void profiles_fini(void *state)
{
	struct profiles *p = state;

	if (!p)
		return;
	ds_sitelist_release(&p->list);
	ds_free(p);
}

/* The site list entry for a platform, by name, or NULL. */
static const struct ds_site *site_for(const struct profiles *p,
				      const char *platform)
{
	size_t i;

	for (i = 0; i < p->list.nsites; i++)
		if (strcasecmp(p->list.sites[i].name, platform) == 0)
			return &p->list.sites[i];
	return NULL;
}

/* Queue the check of one site. */
static int check_site(const struct ds_step_info *step, const struct ds_site *s,
		      struct ds_sink *out, struct ds_err *err)
{
	char *url = ds_site_url(s, step->target, 0);
	int rc;

	if (!url)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	rc = ds_sink_fetch(out, url, DS_REQ_API | DS_REQ_NOFOLLOW,
			   (const char *const *)s->headers, (void *)s, err);
	ds_free(url);
	return rc;
}

static int profiles_start(const struct ds_step_info *step,
			  struct ds_sink *out, struct ds_err *err)
{
	const struct profiles *p = step->state;
	const struct ds_site *s;
	size_t i, queued = 0;
	int rc;

	if (step->kind == DS_STEP_PROFILE) {
		s = site_for(p, step->platform);
		if (!s || s->unsupported || s->invalid) {
			ds_sink_outcome(out, DS_STEP_SKIPPED, "the site list "
					"has no usable entry for this platform: "
					"check it by hand");
			return 0;
		}
		return check_site(step, s, out, err);
	}
	for (i = 0; i < p->list.nsites; i++) {
		s = &p->list.sites[i];
		if (s->unsupported || s->invalid || !category_on(p, s->cat))
			continue;
		rc = check_site(step, s, out, err);
		if (rc)
			return rc;
		queued++;
	}
	if (!queued)
		ds_sink_outcome(out, DS_STEP_SKIPPED, "no site is enabled");
	return 0;
}

static int profiles_on_response(const struct ds_step_info *step, void *tag,
				const struct ds_response *res,
				struct ds_sink *out, struct ds_err *err)
{
	const struct ds_site *s = tag;
	char title[200];
	struct ds_hit hit = { 0 };
	char *pretty;
	int rc;

	(void)err;
	if (res->outcome == DS_OUT_REFUSED || res->outcome == DS_OUT_TIMEOUT ||
	    res->status == 0) {
		ds_sink_inconclusive(out, res->detail);
		return 0;
	}
	switch (ds_site_judge(s, res->status, res->body, res->body_len)) {
	case DS_SITE_MISSING:
		return 0;
	case DS_SITE_UNKNOWN:
		ds_sink_inconclusive(out, "a site answered in a way its entry "
				     "does not describe");
		return 0;
	case DS_SITE_EXISTS:
		break;
	}
	pretty = ds_site_url(s, step->target, 1);
	if (!pretty)
		return DS_ENOMEM;
	snprintf(title, sizeof(title), "%s account on %s", step->kind ==
		 DS_STEP_PROFILE ? "Declared" : "Possible", s->name);
	hit.url = pretty;
	hit.title = title;
	hit.snippet = step->kind == DS_STEP_PROFILE ? "the declared handle "
		      "exists on this site" : "an account with the same handle "
		      "exists: a possible match only, not confirmed";
	hit.source = s->name;
	rc = ds_sink_hit(out, &hit);
	ds_free(pretty);
	return rc;
}

static const char *const profiles_options[] = {
	"site_list", "allow_categories", NULL
};

/* The platforms whose declared handles it reads. */
static const char *const profiles_platforms[] = {
	DS_PLATFORM_ANY, NULL
};

const struct ds_connector ds_connector_profiles = {
	.abi = DS_CONNECTOR_ABI,
	.name = "profiles",
	.title = "Public-profile checks (WhatsMyName site list)",
	.provider = "each site checked",
	.location = "wherever each site is hosted",
	.data_sent = "the handle, in each site's profile address",
	.platforms = profiles_platforms,
	.steps = DS_STEP_PROFILE | DS_STEP_DISCOVERY,
	.options = profiles_options,
	.init = profiles_init,
	.fini = profiles_fini,
	.start = profiles_start,
	.on_response = profiles_on_response,
};
