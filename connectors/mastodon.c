/*
 * mastodon.c: a declared Mastodon account, read through its instance's
 * public REST API: the account (GET /api/v1/accounts/lookup?acct=USER),
 * then its latest public posts (GET /api/v1/accounts/ID/statuses).
 *
 * The handle is "user@instance" (src/handle.c).  Requests go to
 * https://INSTANCE, unless [connector mastodon] base_url is set: it then
 * replaces "https://INSTANCE" for every handle.  That is meant for a
 * proxy standing in for the instances, or a local test server; it must
 * not name another Mastodon instance, which would answer for its own
 * account of the same name.  The answer's username is checked against
 * the handle's for that reason.
 *
 * The account is one hit, each public post another.  A locked account,
 * a limited one or one that asks not to be discoverable is read all the
 * same: only what the instance shows anyone is recorded.  An account the
 * instance does not know is "nothing" only when the instance says so in
 * Mastodon's own words (a JSON error); a 404 page from a web server that
 * is not Mastodon settles nothing (the handle's domain may delegate to a
 * server elsewhere).  Nothing the instance sends is ever copied into a
 * step's detail, which is stored in clear.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "connector.h"
#include "connsupport.h"

#define USER_MAX 30             /* as src/handle.c allows */
#define HOST_MAX 253
#define ID_MAX 20               /* Mastodon's ids are 64-bit numbers */
#define TITLE_MAX 200           /* bytes of a hit's title */
#define SNIPPET_MAX 600         /* bytes of a hit's snippet */
#define URL_MAX 2048

/* What each request is; its address is the fetch tag. */
static char tag_account, tag_posts;

struct acct {
	char user[USER_MAX + 1];
	char instance[HOST_MAX + 1];
};

/*
 * Split "user@instance" and check both parts again: the user is 1-30
 * letters, digits or '_', the instance a lowercase DNS name of [a-z0-9.-]
 * with at least one dot.  Returns 0, or -1 when target is not one.
 */
static int acct_split(const char *target, struct acct *a)
{
	const char *at = target ? strchr(target, '@') : NULL;
	size_t ulen, hlen, i;

	if (!at)
		return -1;
	ulen = (size_t)(at - target);
	hlen = strlen(at + 1);
	if (ulen < 1 || ulen > USER_MAX || hlen < 3 || hlen > HOST_MAX)
		return -1;
	for (i = 0; i < ulen; i++) {
		char c = target[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_'))
			return -1;
	}
	if (strspn(at + 1, "abcdefghijklmnopqrstuvwxyz0123456789.-") != hlen ||
	    !strchr(at + 1, '.') || strchr(".-", at[1]) ||
	    strchr(".-", at[hlen]) || strstr(at + 1, ".."))
		return -1;
	memcpy(a->user, target, ulen);
	a->user[ulen] = '\0';
	memcpy(a->instance, at + 1, hlen + 1);
	return 0;
}

/* The API's root: base_url without a trailing '/', or https://INSTANCE. */
static int api_root(struct buf *b, const struct ds_step_info *step,
		    const struct acct *a)
{
	const char *base = step->base_url;
	size_t n;

	if (!base || !*base)
		return buf_addf(b, "https://%s", a->instance);
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	return buf_add(b, base, n);
}

static const char *const json_headers[] = {
	"Accept: application/json", NULL
};

/* Queue one API request: the root, then path, then the escaped value. */
static int request(const struct ds_step_info *step, const struct acct *a,
		   const char *path, const char *value, const char *rest,
		   void *tag, struct ds_sink *out, struct ds_err *err)
{
	struct buf url;
	int rc;

	buf_init(&url, URL_MAX + 1);
	rc = api_root(&url, step, a);
	if (!rc)
		rc = buf_adds(&url, path);
	if (!rc)
		rc = ds_url_escape(&url, value);
	if (!rc)
		rc = buf_adds(&url, rest);
	if (!rc)
		rc = ds_sink_fetch(out, url.ptr, DS_REQ_API, json_headers, tag,
				   err);
	else if (rc == DS_ENOMEM)
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
	else
		rc = ds_err_set(err, DS_ECONFIG, "the mastodon base_url is "
				"too long");
	buf_release(&url);
	return rc;
}

/* Start: look the account up on its instance. */
static int mastodon_start(const struct ds_step_info *step,
			  struct ds_sink *out, struct ds_err *err)
{
	struct acct a;

	if (acct_split(step->target, &a) != 0) {
		ds_sink_outcome(out, DS_STEP_SKIPPED, "the handle is not a "
				"Mastodon address user@instance: correct it "
				"with 'duesearch handle'");
		return 0;
	}
	return request(step, &a, "/api/v1/accounts/lookup?acct=", a.user,
		       "", &tag_account, out, err);
}

/* Record the account as a hit; 0 or a DS_E* code. */
static int put_account(const struct acct *a, const json_t *acc,
		       struct ds_sink *out)
{
	char title[TITLE_MAX + 4], snippet[SNIPPET_MAX + 4];
	char fallback[USER_MAX + HOST_MAX + 16];
	const char *url = ds_json_str_member(acc, "url");
	struct ds_hit hit = { .source = "mastodon" };

	if (!ds_web_url_ok(url, URL_MAX)) {
		snprintf(fallback, sizeof(fallback), "https://%s/@%s",
			 a->instance, a->user);
		url = fallback;
	}
	ds_plain_text(title, sizeof(title),
		      ds_json_str_member(acc, "display_name"), 0);
	ds_plain_text(snippet, sizeof(snippet),
		      ds_json_str_member(acc, "note"), 1);
	hit.url = url;
	hit.title = title[0] ? title : "Mastodon account";
	hit.snippet = snippet[0] ? snippet : NULL;
	return ds_sink_hit(out, &hit);
}

/* The answer to the account lookup: record it, then ask for its posts. */
static int on_account(const struct ds_step_info *step,
		      const struct ds_response *res, struct ds_sink *out,
		      struct ds_err *err)
{
	const char *id, *user, *acct;
	json_t *root;
	struct acct a;
	int rc = 0;

	if (acct_split(step->target, &a) != 0)
		return ds_err_set(err, DS_EINTERNAL, "the handle changed");
	if (res->outcome == DS_OUT_NOT_PUBLIC) {
		ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the instance shows "
				"its accounts only to logged-in visitors");
		return 0;
	}
	if (res->outcome == DS_OUT_NOT_FOUND) {
		root = json_loadb(res->body, res->body_len, 0, NULL);
		if (json_is_string(json_object_get(root, "error")))
			ds_sink_outcome(out, DS_STEP_NOTHING, "no such account "
					"on its instance");
		else
			ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, "the "
					"instance's address did not answer as "
					"a Mastodon server (the domain may "
					"delegate to a server elsewhere): "
					"check by hand");
		json_decref(root);
		return 0;
	}
	if (res->outcome != DS_OUT_OK)
		return 0;
	root = json_loadb(res->body, res->body_len, 0, NULL);
	id = ds_json_str_member(root, "id");
	user = ds_json_str_member(root, "username");
	acct = ds_json_str_member(root, "acct");
	if (!id || !*id || strlen(id) > ID_MAX ||
	    strspn(id, "0123456789") != strlen(id) || !user) {
		ds_sink_inconclusive(out, "the instance sent a malformed "
				     "account");
		goto out;
	}
	if (!ds_same_ci(user, a.user) || (acct && !ds_same_ci(acct, a.user) &&
	    (strncmp(acct, user, strlen(user)) != 0 ||
	     acct[strlen(user)] != '@' ||
	     !ds_same_ci(acct + strlen(user) + 1, a.instance)))) {
		ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, "the instance "
				"answered with a different account");
		goto out;
	}
	if (json_is_true(json_object_get(root, "suspended"))) {
		ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the account is "
				"suspended by its instance");
		goto out;
	}
	rc = put_account(&a, root, out);
	if (rc) {
		rc = ds_err_set(err, rc, rc == DS_ENOMEM ? "out of memory" :
				"the account could not be recorded");
		goto out;
	}
	/* The account is one of the hits kept. */
	if (step->max_results <= 1)
		goto out;
	rc = request(step, &a, "/api/v1/accounts/", id,
		     "/statuses?limit=20&exclude_reblogs=true", &tag_posts, out,
		     err);
	if (rc && rc != DS_ENOMEM) {
		ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, "the account was "
				"found, but its posts could not be asked for");
		rc = 0;
	}
out:
	json_decref(root);
	return rc;
}

/* The account was recorded, but its posts could not be read. */
static void posts_missing(struct ds_sink *out, const char *why)
{
	char detail[DS_ERR_MSG_MAX];

	snprintf(detail, sizeof(detail), "the account was found, but its "
		 "posts could not be read: %s", why ? why : "no answer");
	ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, detail);
}

/* The answer to the posts request: one hit per public post. */
static int on_posts(const struct ds_step_info *step,
		    const struct ds_response *res, struct ds_sink *out,
		    struct ds_err *err)
{
	char title[32], date[11], snippet[SNIPPET_MAX + 4];
	char warn[TITLE_MAX + 4];
	unsigned kept = 0, cap = step->max_results - 1;
	json_t *root, *st;
	size_t i, w;
	int rc = 0;

	if (res->outcome == DS_OUT_NOT_PUBLIC) {
		ds_sink_outcome(out, DS_STEP_OK, "the account is public, but "
				"the instance shows posts only to logged-in "
				"visitors");
		return 0;
	}
	if (res->outcome != DS_OUT_OK) {
		posts_missing(out, res->detail);
		return 0;
	}
	root = json_loadb(res->body, res->body_len, 0, NULL);
	if (!json_is_array(root)) {
		posts_missing(out, "the instance sent a malformed list");
		json_decref(root);
		return 0;
	}
	json_array_foreach(root, i, st) {
		const char *url = ds_json_str_member(st, "url");
		const char *vis = ds_json_str_member(st, "visibility");
		const char *cw = ds_json_str_member(st, "spoiler_text");
		json_t *reblog = json_object_get(st, "reblog");
		struct ds_hit hit = { .source = "mastodon" };

		if (kept >= cap)
			break;
		if (!ds_web_url_ok(url, URL_MAX) ||
		    (reblog && !json_is_null(reblog)) ||
		    (vis && strcmp(vis, "public") != 0 &&
		     strcmp(vis, "unlisted") != 0))
			continue;
		hit.published = ds_iso_date(
			ds_json_str_member(st, "created_at"), date);
		snprintf(title, sizeof(title), "Post of %s",
			 hit.published ? hit.published : "unknown date");
		/* A content warning comes first, in brackets. */
		w = 0;
		if (cw && *cw) {
			ds_plain_text(warn, sizeof(warn), cw, 0);
			if (warn[0])
				w = (size_t)snprintf(snippet, sizeof(snippet),
						     "[%s] ", warn);
		}
		ds_plain_text(snippet + w, sizeof(snippet) - w,
			      ds_json_str_member(st, "content"), 1);
		hit.url = url;
		hit.title = title;
		hit.snippet = snippet[0] ? snippet : NULL;
		rc = ds_sink_hit(out, &hit);
		if (rc == DS_ENOMEM) {
			rc = ds_err_set(err, rc, "out of memory");
			break;
		}
		if (rc == 0)
			kept++;
		rc = 0;
	}
	if (!rc && !kept)
		ds_sink_outcome(out, DS_STEP_OK, "the account has no public "
				"posts");
	json_decref(root);
	return rc;
}

/* An answer: the account lookup, or the account's posts. */
static int mastodon_on_response(const struct ds_step_info *step, void *tag,
				const struct ds_response *res,
				struct ds_sink *out, struct ds_err *err)
{
	if (tag == &tag_account)
		return on_account(step, res, out, err);
	return on_posts(step, res, out, err);
}

/* The platforms whose declared handles it reads. */
static const char *const mastodon_platforms[] = {
	"mastodon", NULL
};

const struct ds_connector ds_connector_mastodon = {
	.abi = DS_CONNECTOR_ABI,
	.name = "mastodon",
	.title = "Mastodon account and public posts (the instance's API)",
	.provider = "the Mastodon instance named in the handle",
	.location = "wherever that instance is hosted",
	.data_sent = "the handle's user name, to its own instance",
	.platforms = mastodon_platforms,
	.steps = DS_STEP_PROFILE,
	.default_base_url = NULL,
	.start = mastodon_start,
	.on_response = mastodon_on_response,
};
