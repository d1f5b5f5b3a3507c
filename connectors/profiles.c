/*
 * profiles.c: public-profile checks driven by a site list in the
 * WhatsMyName format.  A profile step checks a declared handle on its own
 * platform (a site of the list, by name) and reads the profile page: its
 * text goes to triage like any fetched page.  A discovery step (a policy
 * option) checks the same username on every enabled site but the one it
 * was declared on, and reads each account found; what it finds are
 * possible matches only (the core never scores them "confirmed" by the
 * username alone).
 *
 * An account exists only when both the exists-code and the exists-string
 * match; it is missing only when the missing rule matches; anything else
 * (429, a challenge page, a time-out, a changed page) is inconclusive,
 * never "not found".  A declared profile answering 401 or 403, a private
 * account or a log-in wall is "not public" and its page is not recorded.
 * Categories that reveal special-category data (dating, political,
 * health, religion, adult) are off for discovery unless the
 * organisation's policy lists them in allow_categories; a declared
 * profile is checked whatever its category (the candidate gave it).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "connector.h"
#include "connsupport.h"
#include "mem.h"
#include "page.h"
#include "sitelist.h"

#define USER_MAX 100            /* bytes of a username looked for */
#define PRIVATE_SCAN 4096       /* bytes of page text read for a notice */
#define POSTS_MAX 12            /* a declared profile's posts read */

/* The tag of a declared profile's post page. */
static char post_tag;

struct profiles {
	struct ds_sitelist list;
	char allow[256];        /* sensitive categories allowed, commas */
	/* One byte per site: its address tags the fetch of the profile
	 * page that follows a check (the site's own address tags the
	 * check). */
	char *page_tag;
};

/*
 * Is a site's category enabled by policy?  The policy names a sensitive
 * category by its canonical name or by any spelling a site list uses
 * (ASCII case aside): "adult" and "xx NSFW xx" are the same category.
 */
static int category_on(const struct profiles *p, const char *cat)
{
	const char *a = p->allow;
	const char *canon = ds_site_category_canon(cat);

	if (!canon)
		return 1;
	while (*a) {
		const char *c = strchr(a, ',');
		size_t len = c ? (size_t)(c - a) : strlen(a);

		while (len && *a == ' ') {
			a++;
			len--;
		}
		while (len && a[len - 1] == ' ')
			len--;
		if (len > 0 && len < 64) {
			char word[64];
			const char *wc;

			memcpy(word, a, len);
			word[len] = '\0';
			wc = ds_site_category_canon(word);
			if (wc && strcmp(wc, canon) == 0)
				return 1;
		}
		a = c ? c + 1 : a + len;
		if (!c)
			break;
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
	p->page_tag = ds_calloc(p->list.nsites + 1, 1);
	if (!p->page_tag) {
		ds_sitelist_release(&p->list);
		ds_free(p);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
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
	ds_free(p->page_tag);
	ds_free(p);
}

/* The site list entry for a platform, by name, or NULL. */
static const struct ds_site *site_for(const struct profiles *p,
				      const char *platform)
{
	size_t i;

	for (i = 0; platform && i < p->list.nsites; i++)
		if (strcasecmp(p->list.sites[i].name, platform) == 0)
			return &p->list.sites[i];
	return NULL;
}

/*
 * The username a handle stands for, into user: a Mastodon address's user
 * part, a Bluesky handle's first label, any other handle as it is (one
 * leading '@' dropped).  0 when there is none (a web address) or it is
 * not letters, digits, '.', '_' or '-'.
 */
static int username_of(const char *platform, const char *target,
		       char user[USER_MAX + 1])
{
	size_t n;

	if (!target || !platform || strcasecmp(platform, "url") == 0)
		return 0;
	if (target[0] == '@')
		target++;
	if (strcasecmp(platform, "mastodon") == 0)
		n = strcspn(target, "@");
	else if (strcasecmp(platform, "bluesky") == 0)
		n = strcspn(target, ".");
	else
		n = strlen(target);
	if (n < 1 || n > USER_MAX)
		return 0;
	memcpy(user, target, n);
	user[n] = '\0';
	return strspn(user, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST"
		      "UVWXYZ0123456789._-") == n && strspn(user, ".") != n;
}

/* The account a step looks for: the handle, or its username. */
static int account_of(const struct ds_step_info *step,
		      char user[USER_MAX + 1])
{
	if (step->kind == DS_STEP_PROFILE) {
		snprintf(user, USER_MAX + 1, "%s", step->target ?
			 step->target : "");
		return user[0] != '\0';
	}
	return username_of(step->platform, step->target, user);
}

/*
 * Did an earlier declared handle (in the order recorded) stand for the
 * same username?  Its discovery then looks for it already.
 */
static int covered_before(const struct ds_step_info *step, const char *user)
{
	char other[USER_MAX + 1];
	size_t k;

	for (k = 0; k < step->nhandles; k++) {
		if (step->handles[k] == step->target ||
		    (step->platform && step->target &&
		     strcmp(step->handle_platforms[k], step->platform) == 0 &&
		     strcmp(step->handles[k], step->target) == 0))
			return 0;
		if (username_of(step->handle_platforms[k], step->handles[k],
				other) && strcasecmp(other, user) == 0)
			return 1;
	}
	return 0;
}

/*
 * Is the candidate's declared account on site s this username (or is s
 * the platform of the handle being looked for)?  Then its profile step
 * reads it, as the candidate's own.
 */
static int declared_there(const struct ds_step_info *step,
			  const struct ds_site *s, const char *user)
{
	char other[USER_MAX + 1];
	size_t k;

	if (step->platform && strcasecmp(s->name, step->platform) == 0)
		return 1;
	for (k = 0; k < step->nhandles; k++)
		if (strcasecmp(step->handle_platforms[k], s->name) == 0 &&
		    username_of(step->handle_platforms[k], step->handles[k],
				other) && strcasecmp(other, user) == 0)
			return 1;
	return 0;
}

/* Queue the check of one site. */
static int check_site(const char *account, const struct ds_site *s,
		      struct ds_sink *out, struct ds_err *err)
{
	char *url = ds_site_url(s, account, 0);
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
	char user[USER_MAX + 1];
	size_t i, queued = 0;
	int rc;

	if (!account_of(step, user)) {
		ds_sink_outcome(out, DS_STEP_SKIPPED, "this handle has no "
				"username to look for on other sites");
		return 0;
	}
	if (step->kind == DS_STEP_PROFILE) {
		s = site_for(p, step->platform);
		if (!s || s->unsupported || s->invalid) {
			ds_sink_outcome(out, DS_STEP_SKIPPED, "the site list "
					"has no usable entry for this "
						"platform: "
					"check it by hand");
			return 0;
		}
		return check_site(user, s, out, err);
	}
	if (covered_before(step, user)) {
		ds_sink_outcome(out, DS_STEP_SKIPPED, "an earlier handle has "
				"the same username: its discovery covers it");
		return 0;
	}
	for (i = 0; i < p->list.nsites; i++) {
		s = &p->list.sites[i];
		if (s->unsupported || s->invalid || !category_on(p, s->cat))
			continue;
		/* A declared account is its own profile step's. */
		if (declared_there(step, s, user))
			continue;
		rc = check_site(user, s, out, err);
		if (rc)
			return rc;
		queued++;
	}
	if (!queued)
		ds_sink_outcome(out, DS_STEP_SKIPPED, "no site is enabled");
	return 0;
}

/*
 * A notice that the account is private or needs a log-in, in the first
 * PRIVATE_SCAN bytes of a profile page's text (ASCII case aside).
 */
static int private_notice(const struct ds_page *page)
{
	static const char *const marks[] = {
		"this account is private", "this profile is private",
		"account is private", "profile is private",
		"log in to see", "sign in to see", "log in to view",
		"sign in to view", "login to see", "login to view",
		"content isn't available", "content is not available",
		"only visible to approved followers", NULL
	};
	char low[PRIVATE_SCAN + 1];
	size_t i, n = page->text_len < PRIVATE_SCAN ? page->text_len :
		      PRIVATE_SCAN;

	for (i = 0; i < n; i++) {
		char c = page->text[i];

		low[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		if (c == '\0')
			low[i] = ' ';
	}
	low[n] = '\0';
	for (i = 0; marks[i]; i++)
		if (strstr(low, marks[i]))
			return 1;
	return 0;
}

/* The account exists but its page cannot be read: record a bare hit. */
static int account_hit(const struct ds_step_info *step,
		       const struct ds_site *s, struct ds_sink *out)
{
	char title[200], user[USER_MAX + 1];
	struct ds_hit hit = { 0 };
	char *pretty;
	int rc;

	if (!account_of(step, user))
		return 0;
	pretty = ds_site_url(s, user, 1);
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

/*
 * A declared profile page shows its posts as links (a photo site's
 * thumbnails; the caption is on the post's page): each link on the same
 * host to a post's page is read too, at most POSTS_MAX of them, and kept
 * only when the post shows the account's name (on_post).
 */
static int follow_posts(const char *profile, const struct ds_page *page,
			struct ds_sink *out, struct ds_err *err)
{
	size_t i, queued = 0;
	int rc = 0;

	for (i = 0; !rc && i < page->nlinks && queued < POSTS_MAX; i++) {
		if (!ds_post_link(profile, page->links[i]))
			continue;
		rc = ds_sink_fetch(out, page->links[i], DS_REQ_PAGE, NULL,
				   &post_tag, err);
		if (rc == DS_ENOMEM)
			return rc;
		rc = 0;
		queued++;
	}
	return rc;
}

/*
 * A post's page from a declared profile: evidence when it shows the
 * account's username (its author); a page that does not is someone
 * else's and is left out, as is a page behind a log-in.
 */
static int on_post(const struct ds_step_info *step,
		   const struct ds_response *res, struct ds_sink *out)
{
	char user[USER_MAX + 1];
	struct ds_page page;
	int rc = 0;

	if (res->outcome != DS_OUT_OK || !account_of(step, user))
		return 0;
	if (ds_sandbox_parse(res->body, res->body_len, res->content_type,
			     res->final_url[0] ? res->final_url : res->url,
			     NULL, &page, NULL) != 0)
		return 0;
	if (!page.login_wall && !private_notice(&page) &&
	    (ds_names_user(page.text, page.text_len, user) ||
	     ds_links_user(page.links, page.nlinks, user)))
		rc = ds_sink_page(out, res, &page);
	ds_page_release(&page);
	return rc;
}

/*
 * An account's profile page: its text goes to triage as evidence.  A
 * private account or a log-in wall records nothing: "not public" for a
 * declared profile, left out of a discovery.  A page that does not parse
 * leaves a bare hit.
 */
static int read_profile(const struct ds_step_info *step,
			const struct ds_site *s, const struct ds_response *res,
			struct ds_sink *out, struct ds_err *err)
{
	struct ds_page page;
	int rc;

	if (ds_sandbox_parse(res->body, res->body_len, res->content_type,
			     res->final_url[0] ? res->final_url : res->url,
			     NULL, &page, NULL) != 0)
		return account_hit(step, s, out);
	if (page.login_wall || private_notice(&page)) {
		/* A declared profile's address is kept as not public. */
		if (step->kind == DS_STEP_PROFILE) {
			ds_sink_not_public(out, res);
			ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the account "
					"is private or behind a log-in: not "
					"followed");
		}
		ds_page_release(&page);
		return 0;
	}
	rc = ds_sink_page(out, res, &page);
	if (!rc && step->kind == DS_STEP_PROFILE)
		rc = follow_posts(res->final_url[0] ? res->final_url :
				  res->url, &page, out, err);
	ds_page_release(&page);
	return rc;
}

/* The profile page fetched after a check said the account exists. */
static int on_page(const struct ds_step_info *step, const struct ds_site *s,
		   const struct ds_response *res, struct ds_sink *out,
		   struct ds_err *err)
{
	if (res->outcome == DS_OUT_NOT_PUBLIC) {
		/* A declared profile's address is kept as not public. */
		if (step->kind == DS_STEP_PROFILE) {
			ds_sink_not_public(out, res);
			ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the profile "
					"page is not public (log-in or "
					"refused)");
		}
		return 0;
	}
	if (res->outcome != DS_OUT_OK)
		return account_hit(step, s, out);
	return read_profile(step, s, res, out, err);
}

static int on_check(const struct ds_step_info *step, void *tag,
		    const struct ds_response *res, struct ds_sink *out,
		    struct ds_err *err)
{
	const struct profiles *p = step->state;
	const struct ds_site *s = tag;
	char user[USER_MAX + 1];
	char *pretty;
	int rc;
	uintptr_t t = (uintptr_t)tag, base = (uintptr_t)p->page_tag;

	if (tag == &post_tag)
		return on_post(step, res, out);
	/* Compared as integers: the tags point into different objects. */
	if (t >= base && t < base + p->list.nsites)
		return on_page(step, &p->list.sites[t - base], res, out, err);
	if (res->outcome == DS_OUT_REFUSED || res->outcome == DS_OUT_TIMEOUT ||
	    res->status == 0) {
		ds_sink_inconclusive(out, res->detail);
		return 0;
	}
	switch (ds_site_judge(s, res->status, res->body, res->body_len)) {
	case DS_SITE_MISSING:
		return 0;
	case DS_SITE_UNKNOWN:
		/*
		 * A profile behind a log-in is not public: the declared one
		 * says so; an account discovered so is not followed (it
		 * settles the question, it is no error).
		 */
		if (res->outcome == DS_OUT_NOT_PUBLIC) {
			if (step->kind == DS_STEP_PROFILE) {
				ds_sink_not_public(out, res);
				ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the "
						"profile is not public (log-in "
						"or refused)");
			}
			return 0;
		}
		ds_sink_inconclusive(out, "a site answered in a way its entry "
				     "does not describe");
		return 0;
	case DS_SITE_EXISTS:
		break;
	}
	/*
	 * The check answered from the profile page itself: read it.  A site
	 * checked through an API has a profile page of its own: fetch it.
	 */
	if (!s->uri_pretty || strcmp(s->uri_pretty, s->uri_check) == 0)
		return read_profile(step, s, res, out, err);
	if (!account_of(step, user))
		return 0;
	/* Only a site of this list has a page tag (never otherwise). */
	if ((uintptr_t)s < (uintptr_t)p->list.sites ||
	    (uintptr_t)s >= (uintptr_t)(p->list.sites + p->list.nsites))
		return account_hit(step, s, out);
	pretty = ds_site_url(s, user, 1);
	if (!pretty)
		return DS_ENOMEM;
	rc = ds_sink_fetch(out, pretty, DS_REQ_API, NULL,
			   &p->page_tag[s - p->list.sites], err);
	ds_free(pretty);
	if (rc == DS_ENOMEM)
		return rc;
	if (rc)
		return account_hit(step, s, out);
	return 0;
}

/* Every failure leaves its message (the run stores it as the detail). */
static int profiles_on_response(const struct ds_step_info *step, void *tag,
				const struct ds_response *res,
				struct ds_sink *out, struct ds_err *err)
{
	int rc = on_check(step, tag, res, out, err);

	if (rc && (!err->msg[0] || err->code != rc))
		ds_err_set(err, rc, rc == DS_ENOMEM ? "out of memory" :
			   "an account found could not be recorded");
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
