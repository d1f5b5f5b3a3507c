/*
 * page.c: fetch a declared personal site or blog (a profile step on the
 * "url" platform) as evidence for triage, with its public posts: the
 * pages it links to on the same site, under the declared address, and
 * its posts' own pages elsewhere on the site (a forum member's threads,
 * kept only when they show the address's username), one level deep and
 * at most LINKED_MAX of them.
 */
#include <string.h>


#include "connector.h"
#include "connsupport.h"
#include "handle.h"

#define LINKED_MAX 20
#define USER_MAX 100

/* A page the declared one links to (the tag of its request). */
static char linked_tag;
/* A post the declared page links to elsewhere on its site ("Recent
 * threads" on a forum's member page). */
static char post_tag;

/*
 * Is link on the declared site, under the declared address's folder
 * ("http://a.example/blog/" takes "http://a.example/blog/2024/x", not
 * "http://a.example/shop"), and not the declared page itself?
 */
static int under(const char *declared, const char *link)
{
	const char *p = strstr(declared, "://");
	size_t n;

	if (!p)
		return 0;
	p = strchr(p + 3, '/');
	n = p ? (size_t)(strrchr(declared, '/') - declared) + 1 :
		strlen(declared);
	if (strncmp(declared, link, n) != 0 || strcmp(declared, link) == 0)
		return 0;
	/* Without a path, the host must end where the declared one did. */
	return p || link[n] == '/';
}

static int page_start(const struct ds_step_info *step, struct ds_sink *out,
		      struct ds_err *err)
{
	return ds_sink_fetch(out, step->target, DS_REQ_PAGE, NULL, NULL, err);
}

static int page_on_response(const struct ds_step_info *step, void *tag,
			    const struct ds_response *res,
			    struct ds_sink *out, struct ds_err *err)
{
	struct ds_page page;
	size_t i, queued = 0;
	int rc, have_user;
	char user[USER_MAX + 1];

	if (res->outcome == DS_OUT_NOT_FOUND) {
		if (!tag)
			ds_sink_outcome(out, DS_STEP_NOTHING, "the page does "
					"not exist");
		return 0;
	}
	if (res->outcome != DS_OUT_OK)
		return 0;       /* the run maps the fetch outcome */
	rc = ds_sandbox_parse(res->body, res->body_len, res->content_type,
			      res->final_url, NULL, &page, err);
	if (rc)
		return rc;
	if (page.login_wall) {
		if (tag)
			ds_sink_not_public(out, res);
		else
			ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the page "
					"asks for a log-in: not followed");
		ds_page_release(&page);
		return 0;
	}
	/* A post elsewhere on the site is kept only when it shows the
	 * username or links its profile: someone else's thread is left
	 * out. */
	if (tag == &post_tag) {
		rc = 0;
		if (ds_url_user(step->target, user, sizeof(user)) &&
		    (ds_names_user(page.text, page.text_len, user) ||
		     ds_links_user(page.links, page.nlinks, user)))
			rc = ds_sink_page(out, res, &page);
		ds_page_release(&page);
		return rc;
	}
	rc = ds_sink_page(out, res, &page);
	/* The declared page's own posts, one level deep: the pages under
	 * its address, and its posts' own pages on the site. */
	have_user = ds_url_user(step->target, user, sizeof(user));
	for (i = 0; !rc && !tag && i < page.nlinks &&
	     queued < LINKED_MAX; i++) {
		int post = !under(step->target, page.links[i]) && have_user &&
			   ds_post_link(step->target, page.links[i]);

		if (!post && !under(step->target, page.links[i]))
			continue;
		rc = ds_sink_fetch(out, page.links[i], DS_REQ_PAGE, NULL,
				   post ? &post_tag : &linked_tag, err);
		queued++;
	}
	ds_page_release(&page);
	return rc;
}

/* The platforms whose declared handles it reads. */
static const char *const page_platforms[] = {
	"url", NULL
};

const struct ds_connector ds_connector_page = {
	.abi = DS_CONNECTOR_ABI,
	.name = "page",
	.title = "Public web page",
	.provider = "the site's own operator",
	.location = "wherever the site is hosted",
	.data_sent = "the page address the candidate declared",
	.platforms = page_platforms,
	.steps = DS_STEP_PROFILE,
	.start = page_start,
	.on_response = page_on_response,
};
