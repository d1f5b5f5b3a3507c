/*
 * bluesky.c: a declared Bluesky account, read through the public AppView
 * API (no log-in): the profile (GET /xrpc/app.bsky.actor.getProfile),
 * then its latest posts without replies or reposts
 * (GET /xrpc/app.bsky.feed.getAuthorFeed).
 *
 * The handle is a DNS name ("jane.bsky.social", src/handle.c), checked
 * again here before it goes into a URL.  The default endpoint is
 * https://public.api.bsky.app; [connector bluesky] base_url replaces it
 * (a proxy, another AppView, or a local test server).
 *
 * The profile is one hit (WEB/profile/HANDLE), each post of the account
 * another (WEB/profile/HANDLE/post/RKEY), where WEB is the web front of
 * the AppView: [connector bluesky] web_url when set, else https://bsky.app
 * for the default AppView, else the configured base_url itself (a
 * self-hosted AppView or a test server that also serves the pages).  The
 * AppView says why a profile is missing in a JSON error: "Profile not
 * found" is "nothing"; a deactivated or suspended account is "not
 * public"; any other error settles nothing.  An account labelled
 * "!no-unauthenticated" has asked not to be shown to logged-out visitors,
 * which bsky.app honours: it is "not public" here too, and neither its
 * profile nor its posts are recorded.  Nothing the AppView sends is ever
 * copied into a step's detail, which is stored in clear.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "connector.h"
#include "connsupport.h"
#include "mem.h"

#define HOST_MAX 253
#define RKEY_MAX 512            /* the AT Protocol's record-key limit */
#define TITLE_MAX 200           /* bytes of a hit's title */
#define SNIPPET_MAX 600         /* bytes of a hit's snippet */
#define URL_MAX 2048
#define WEB_MAX 512             /* bytes of the web front's address */

/* What each request is; its address is the fetch tag. */
static char tag_profile, tag_feed;

/*
 * 1 when the handle is a lowercase DNS name of [a-z0-9.-]: labels of
 * 1-63 characters not starting or ending with '-', at least two, at most
 * 253 bytes in all.
 */
static int handle_ok(const char *h)
{
	size_t n = h ? strlen(h) : 0, i, start = 0;

	if (n < 3 || n > HOST_MAX || !strchr(h, '.') ||
	    strspn(h, "abcdefghijklmnopqrstuvwxyz0123456789.-") != n)
		return 0;
	for (i = 0; i <= n; i++) {
		if (i < n && h[i] != '.')
			continue;
		if (i == start || i - start > 63 || h[start] == '-' ||
		    h[i - 1] == '-')
			return 0;
		start = i + 1;
	}
	return 1;
}

/*
 * The record key of a post's AT URI "at://AUTHORITY/app.bsky.feed.post/
 * RKEY", or NULL when uri is not one or the key has a character outside
 * [A-Za-z0-9._~:-] (so it can go into a URL path as it is).
 */
static const char *post_rkey(const char *uri)
{
	static const char coll[] = "/app.bsky.feed.post/";
	const char *p, *k;
	size_t n;

	if (!uri || strncmp(uri, "at://", 5) != 0)
		return NULL;
	p = strchr(uri + 5, '/');
	if (!p || p == uri + 5 || strncmp(p, coll, strlen(coll)) != 0)
		return NULL;
	k = p + strlen(coll);
	n = strlen(k);
	if (n < 1 || n > RKEY_MAX || strcmp(k, ".") == 0 ||
	    strcmp(k, "..") == 0 ||
	    strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		   "0123456789._~:-") != n)
		return NULL;
	return k;
}

#define DEFAULT_BASE "https://public.api.bsky.app"
#define DEFAULT_WEB "https://bsky.app"

/* The configured web_url, kept as the connector's state (or NULL). */
static int bluesky_init(void **state, const struct ds_conn_init *ci,
			struct ds_err *err)
{
	const char *web = ci->option(ci, "web_url");
	size_t n;

	*state = NULL;
	if (!web || !*web)
		return 0;
	n = strlen(web);
	if (n > 512 || (strncmp(web, "http://", 7) != 0 &&
			strncmp(web, "https://", 8) != 0) ||
	    strpbrk(web, " \t\r\n\"<>?#"))
		return ds_err_set(err, DS_ECONFIG, "[connector bluesky] "
				  "web_url must be an http:// or https:// "
				  "address without a query");
	*state = ds_strdup(web);
	if (!*state)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	return 0;
}

static void bluesky_fini(void *state)
{
	ds_free(state);
}

/*
 * The web front links point at, without a trailing '/': web_url, else
 * bsky.app for the default AppView, else the AppView's own base_url.
 * Returns its length in *n.
 */
static const char *web_base(const struct ds_step_info *step, size_t *n)
{
	const char *w = step->state;
	size_t bn;

	if (!w) {
		w = step->base_url && *step->base_url ? step->base_url :
		    DEFAULT_BASE;
		bn = strlen(w);
		while (bn > 0 && w[bn - 1] == '/')
			bn--;
		if (bn == strlen(DEFAULT_BASE) &&
		    strncmp(w, DEFAULT_BASE, bn) == 0)
			w = DEFAULT_WEB;
	}
	*n = strlen(w);
	while (*n > 0 && w[*n - 1] == '/')
		(*n)--;
	return w;
}

static const char *const json_headers[] = {
	"Accept: application/json", NULL
};

/* Queue one XRPC call on the handle: BASE/xrpc/METHOD?actor=HANDLE... */
static int xrpc(const struct ds_step_info *step, const char *method,
		const char *rest, void *tag, struct ds_sink *out,
		struct ds_err *err)
{
	const char *base = step->base_url;
	struct buf url;
	size_t n;
	int rc;

	if (!base || !*base)
		return ds_err_set(err, DS_ECONFIG, "bluesky has no base_url: "
				  "set it in the configuration's [connector "
				  "bluesky] section");
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	buf_init(&url, URL_MAX + 1);
	rc = buf_add(&url, base, n);
	if (!rc)
		rc = buf_addf(&url, "/xrpc/%s?actor=", method);
	if (!rc)
		rc = ds_url_escape(&url, step->target);
	if (!rc)
		rc = buf_adds(&url, rest);
	if (!rc)
		rc = ds_sink_fetch(out, url.ptr, DS_REQ_API, json_headers, tag,
				   err);
	else if (rc == DS_ENOMEM)
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
	else
		rc = ds_err_set(err, DS_ECONFIG, "the bluesky base_url is too "
				"long");
	buf_release(&url);
	return rc;
}

/* Start: ask the AppView for the profile. */
static int bluesky_start(const struct ds_step_info *step,
			 struct ds_sink *out, struct ds_err *err)
{
	if (!handle_ok(step->target)) {
		ds_sink_outcome(out, DS_STEP_SKIPPED, "the handle is not a "
				"Bluesky handle (a host name): correct it "
				"with 'duesearch handle'");
		return 0;
	}
	return xrpc(step, "app.bsky.actor.getProfile", "", &tag_profile, out,
		    err);
}

/* Does the profile carry a label with this value? */
static int has_label(const json_t *profile, const char *val)
{
	const json_t *l;
	size_t i;

	json_array_foreach(json_object_get(profile, "labels"), i, l) {
		const char *v = ds_json_str_member(l, "val");

		if (v && strcmp(v, val) == 0 &&
		    !json_is_true(json_object_get(l, "neg")))
			return 1;
	}
	return 0;
}

/* An error answer to getProfile: say what it means, when it is known. */
static void profile_error(const struct ds_response *res,
			  struct ds_sink *out)
{
	json_t *root;
	const char *e, *m;

	if (res->status != 400)
		return;
	root = json_loadb(res->body, res->body_len, 0, NULL);
	e = ds_json_str_member(root, "error");
	m = ds_json_str_member(root, "message");
	if (e && m && strcmp(e, "InvalidRequest") == 0 &&
	    ds_same_ci(m, "Profile not found"))
		ds_sink_outcome(out, DS_STEP_NOTHING, "no such account");
	else if (e && strcmp(e, "AccountDeactivated") == 0)
		ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the account is "
				"deactivated");
	else if (e && strcmp(e, "AccountTakedown") == 0)
		ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the account is "
				"suspended by the service");
	else
		ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, "the AppView "
				"refused the request");
	json_decref(root);
}

/* The answer to getProfile: record the profile, then ask for posts. */
static int on_profile(const struct ds_step_info *step,
		      const struct ds_response *res, struct ds_sink *out,
		      struct ds_err *err)
{
	char title[TITLE_MAX + 4], snippet[SNIPPET_MAX + 4];
	char url[WEB_MAX + HOST_MAX + 40];
	const char *web;
	size_t wn;
	struct ds_hit hit = { .source = "bluesky" };
	const char *did;
	json_t *root;
	int rc = 0;

	if (res->outcome == DS_OUT_FAILED) {
		profile_error(res, out);
		return 0;
	}
	if (res->outcome != DS_OUT_OK)
		return 0;
	root = json_loadb(res->body, res->body_len, 0, NULL);
	did = ds_json_str_member(root, "did");
	if (!did || strncmp(did, "did:", 4) != 0 ||
	    !ds_json_str_member(root, "handle")) {
		ds_sink_inconclusive(out, "the AppView sent a malformed "
				     "profile");
		goto out;
	}
	if (has_label(root, "!no-unauthenticated")) {
		ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the account asks not "
				"to be shown to logged-out visitors: check it "
				"by hand, logged in");
		goto out;
	}
	web = web_base(step, &wn);
	snprintf(url, sizeof(url), "%.*s/profile/%s", (int)wn, web,
		 step->target);
	ds_plain_text(title, sizeof(title),
		      ds_json_str_member(root, "displayName"), 0);
	ds_plain_text(snippet, sizeof(snippet),
		      ds_json_str_member(root, "description"), 0);
	hit.url = url;
	hit.title = title[0] ? title : "Bluesky account";
	hit.snippet = snippet[0] ? snippet : NULL;
	rc = ds_sink_hit(out, &hit);
	if (rc) {
		rc = ds_err_set(err, rc, rc == DS_ENOMEM ? "out of memory" :
				"the profile could not be recorded");
		goto out;
	}
	/* The profile is one of the hits kept. */
	if (step->max_results <= 1)
		goto out;
	rc = xrpc(step, "app.bsky.feed.getAuthorFeed",
		  "&limit=30&filter=posts_no_replies", &tag_feed, out, err);
	if (rc && rc != DS_ENOMEM) {
		ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, "the account was "
				"found, but its posts could not be asked for");
		rc = 0;
	}
out:
	json_decref(root);
	return rc;
}

/* The profile was recorded, but its posts could not be read. */
static void posts_missing(struct ds_sink *out, const char *why)
{
	char detail[DS_ERR_MSG_MAX];

	snprintf(detail, sizeof(detail), "the account was found, but its "
		 "posts could not be read: %s", why ? why : "no answer");
	ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, detail);
}

/*
 * One feed item as a hit, when it is a post of the account itself (not a
 * repost of someone else's).  Returns 1 when recorded, 0 when left out,
 * or DS_ENOMEM.
 */
static int put_post(const struct ds_step_info *step, const json_t *item,
		    struct ds_sink *out)
{
	const json_t *post = json_object_get(item, "post");
	const json_t *record = json_object_get(post, "record");
	const json_t *why = json_object_get(item, "reason");
	const json_t *by = json_object_get(post, "author");
	const char *reason = ds_json_str_member(why, "$type");
	const char *author = ds_json_str_member(by, "handle");
	const char *rkey = post_rkey(ds_json_str_member(post, "uri"));
	char url[WEB_MAX + HOST_MAX + RKEY_MAX + 40], title[32], date[11];
	const char *web;
	size_t wn;
	char snippet[SNIPPET_MAX + 4];
	struct ds_hit hit = { .source = "bluesky" };
	int rc;

	if (!rkey || !author || !ds_same_ci(author, step->target) ||
	    (reason && strstr(reason, "reasonRepost")))
		return 0;
	web = web_base(step, &wn);
	snprintf(url, sizeof(url), "%.*s/profile/%s/post/%s", (int)wn, web,
		 step->target, rkey);
	hit.published = ds_iso_date(ds_json_str_member(record, "createdAt"),
				    date);
	snprintf(title, sizeof(title), "Post of %s",
		 hit.published ? hit.published : "unknown date");
	ds_plain_text(snippet, sizeof(snippet),
		      ds_json_str_member(record, "text"), 0);
	hit.url = url;
	hit.title = title;
	hit.snippet = snippet[0] ? snippet : NULL;
	rc = ds_sink_hit(out, &hit);
	if (rc == DS_ENOMEM)
		return rc;
	return rc == 0;
}

/* The answer to getAuthorFeed: one hit per post of the account. */
static int on_feed(const struct ds_step_info *step,
		   const struct ds_response *res, struct ds_sink *out,
		   struct ds_err *err)
{
	unsigned kept = 0, cap = step->max_results - 1;
	json_t *root, *feed, *item;
	size_t i;
	int rc = 0;

	if (res->outcome != DS_OUT_OK) {
		posts_missing(out, res->detail);
		return 0;
	}
	root = json_loadb(res->body, res->body_len, 0, NULL);
	feed = json_object_get(root, "feed");
	if (!json_is_array(feed)) {
		posts_missing(out, "the AppView sent a malformed feed");
		json_decref(root);
		return 0;
	}
	json_array_foreach(feed, i, item) {
		if (kept >= cap)
			break;
		rc = put_post(step, item, out);
		if (rc == DS_ENOMEM) {
			rc = ds_err_set(err, rc, "out of memory");
			break;
		}
		kept += (unsigned)rc;
		rc = 0;
	}
	if (!rc && !kept)
		ds_sink_outcome(out, DS_STEP_OK, "the account has no posts "
				"of its own");
	json_decref(root);
	return rc;
}

/* An answer: the profile, or the account's feed. */
static int bluesky_on_response(const struct ds_step_info *step, void *tag,
			       const struct ds_response *res,
			       struct ds_sink *out, struct ds_err *err)
{
	if (tag == &tag_profile)
		return on_profile(step, res, out, err);
	return on_feed(step, res, out, err);
}

static const char *const bluesky_options[] = { "web_url", NULL };

/* The platforms whose declared handles it reads. */
static const char *const bluesky_platforms[] = {
	"bluesky", NULL
};

const struct ds_connector ds_connector_bluesky = {
	.abi = DS_CONNECTOR_ABI,
	.name = "bluesky",
	.title = "Bluesky profile and posts (public AppView API)",
	.provider = "Bluesky Social, PBC (the public AppView)",
	.location = "United States",
	.data_sent = "the handle",
	.platforms = bluesky_platforms,
	.steps = DS_STEP_PROFILE,
	.default_base_url = DEFAULT_BASE,
	.options = bluesky_options,
	.init = bluesky_init,
	.fini = bluesky_fini,
	.start = bluesky_start,
	.on_response = bluesky_on_response,
};
