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
#include "text.h"

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

/* A string member or NULL. */
static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

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

/* ASCII-only case-insensitive equality, so no locale decides. */
static int same_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

/* 1 when s is an absolute http(s) URL of printable ASCII, not too long. */
static int web_url(const char *s)
{
	size_t i, skip;

	if (!s)
		return 0;
	if (strncmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncmp(s, "http://", 7) == 0)
		skip = 7;
	else
		return 0;
	if (!s[skip] || strchr("/?#", s[skip]))
		return 0;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return i <= URL_MAX;
}

/* The date part (YYYY-MM-DD) of an ISO 8601 time into out, or NULL. */
static const char *date_of(const char *t, char out[11])
{
	if (!t || strnlen(t, 10) < 10)
		return NULL;
	memcpy(out, t, 10);
	out[10] = '\0';
	return ds_date_check(NULL, out, NULL, NULL) == 0 ? out : NULL;
}

/*
 * The code point of the character reference at s ("&amp;", "&#39;",
 * "&#x27;"), with its length in *len; 0 when s does not start one this
 * reader knows (the '&' is then kept as it is).
 */
static unsigned long char_ref(const char *s, size_t *len)
{
	static const struct {
		const char *name;
		unsigned long c;
	} named[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' }, { "&nbsp;", ' ' },
	};
	unsigned long c = 0;
	size_t i, digits = 0;
	int hex;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (strncmp(s, named[i].name, strlen(named[i].name)) == 0) {
			*len = strlen(named[i].name);
			return named[i].c;
		}
	}
	if (s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	for (i = hex ? 3 : 2; digits < 7; i++, digits++) {
		char d = s[i];

		if (d >= '0' && d <= '9')
			c = c * (hex ? 16 : 10) + (unsigned long)(d - '0');
		else if (hex && d >= 'a' && d <= 'f')
			c = c * 16 + (unsigned long)(d - 'a' + 10);
		else if (hex && d >= 'A' && d <= 'F')
			c = c * 16 + (unsigned long)(d - 'A' + 10);
		else
			break;
	}
	if (!digits || s[i] != ';' || c == 0 || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*len = i + 1;
	return c;
}

/* Write code point c as UTF-8 into enc; returns the length. */
static size_t utf8_put(char enc[4], unsigned long c)
{
	if (c < 0x80) {
		enc[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		enc[0] = (char)(0xc0 | (c >> 6));
		enc[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		enc[0] = (char)(0xe0 | (c >> 12));
		enc[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		enc[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	enc[0] = (char)(0xf0 | (c >> 18));
	enc[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	enc[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	enc[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Does the tag whose name starts at s ("br>", "/p>") break a line? */
static int tag_breaks(const char *s)
{
	static const char *const names[] = { "br", "p", "div", "li", NULL };
	size_t i, n;

	if (*s == '/')
		s++;
	for (i = 0; names[i]; i++) {
		n = strlen(names[i]);
		if (strncmp(s, names[i], n) == 0 &&
		    !((s[n] >= 'a' && s[n] <= 'z') ||
		      (s[n] >= '0' && s[n] <= '9')))
			return 1;
	}
	return 0;
}

/*
 * Write s into out (size bytes, at least 8) as one line of plain text.
 * With html set, tags are dropped (a line break or a paragraph becomes a
 * space) and character references decoded.  Control characters (C0, DEL,
 * C1), line separators and runs of white space become one space.  A text
 * too long is cut on a character boundary and ends in "...".  s comes
 * from jansson, which only hands out valid UTF-8; a bad sequence would
 * still only be written as '?'.
 */
static void plain_text(char *out, size_t size, const char *s, int html)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = 0, max = size - 4, k, len, i;
	int space = 0, cut = 0;
	unsigned long c;
	char enc[4];

	while (*p) {
		if (html && *p == '<') {
			const char *end = strchr((const char *)p, '>');

			space |= tag_breaks((const char *)p + 1);
			if (!end)
				break;
			p = (const unsigned char *)end + 1;
			continue;
		}
		if (html && *p == '&' &&
		    (c = char_ref((const char *)p, &len)) != 0) {
			p += len;
			if (c <= 0x20 || (c >= 0x7f && c < 0xa0) ||
			    c == 0x2028 || c == 0x2029) {
				space = 1;
				continue;
			}
			k = utf8_put(enc, c);
		} else if (*p < 0x80) {
			if (*p <= 0x20 || *p == 0x7f) {
				space = 1;
				p++;
				continue;
			}
			enc[0] = (char)*p++;
			k = 1;
		} else {
			k = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 :
			    *p >= 0xc0 ? 2 : 1;
			for (i = 1; i < k && (p[i] & 0xc0) == 0x80; i++)
				;
			if (i < k || k == 1 || *p > 0xf4) {
				enc[0] = '?';
				k = 1;
				p++;
			} else if ((p[0] == 0xc2 && p[1] < 0xa0) ||
				   (p[0] == 0xe2 && p[1] == 0x80 &&
				    (p[2] == 0xa8 || p[2] == 0xa9))) {
				space = 1;
				p += k;
				continue;
			} else {
				memcpy(enc, p, k);
				p += k;
			}
		}
		if (n + (space && n ? 1 : 0) + k > max) {
			cut = 1;
			break;
		}
		if (space && n)
			out[n++] = ' ';
		space = 0;
		memcpy(out + n, enc, k);
		n += k;
	}
	if (cut) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
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
	const char *url = str(acc, "url");
	struct ds_hit hit = { .source = "mastodon" };

	if (!web_url(url)) {
		snprintf(fallback, sizeof(fallback), "https://%s/@%s",
			 a->instance, a->user);
		url = fallback;
	}
	plain_text(title, sizeof(title), str(acc, "display_name"), 0);
	plain_text(snippet, sizeof(snippet), str(acc, "note"), 1);
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
	id = str(root, "id");
	user = str(root, "username");
	acct = str(root, "acct");
	if (!id || !*id || strlen(id) > ID_MAX ||
	    strspn(id, "0123456789") != strlen(id) || !user) {
		ds_sink_inconclusive(out, "the instance sent a malformed "
				     "account");
		goto out;
	}
	if (!same_ci(user, a.user) || (acct && !same_ci(acct, a.user) &&
	    (strncmp(acct, user, strlen(user)) != 0 ||
	     acct[strlen(user)] != '@' ||
	     !same_ci(acct + strlen(user) + 1, a.instance)))) {
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
		const char *url = str(st, "url"), *vis = str(st, "visibility");
		const char *cw = str(st, "spoiler_text");
		json_t *reblog = json_object_get(st, "reblog");
		struct ds_hit hit = { .source = "mastodon" };

		if (kept >= cap)
			break;
		if (!web_url(url) || (reblog && !json_is_null(reblog)) ||
		    (vis && strcmp(vis, "public") != 0 &&
		     strcmp(vis, "unlisted") != 0))
			continue;
		hit.published = date_of(str(st, "created_at"), date);
		snprintf(title, sizeof(title), "Post of %s",
			 hit.published ? hit.published : "unknown date");
		/* A content warning comes first, in brackets. */
		w = 0;
		if (cw && *cw) {
			plain_text(warn, sizeof(warn), cw, 0);
			if (warn[0])
				w = (size_t)snprintf(snippet, sizeof(snippet),
						     "[%s] ", warn);
		}
		plain_text(snippet + w, sizeof(snippet) - w,
			   str(st, "content"), 1);
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

const struct ds_connector ds_connector_mastodon = {
	.abi = DS_CONNECTOR_ABI,
	.name = "mastodon",
	.title = "Mastodon account and public posts (the instance's API)",
	.provider = "the Mastodon instance named in the handle",
	.location = "wherever that instance is hosted",
	.data_sent = "the handle's user name, to its own instance",
	.steps = DS_STEP_PROFILE,
	.default_base_url = NULL,
	.start = mastodon_start,
	.on_response = mastodon_on_response,
};
