/*
 * brave.c: web and news searches through the Brave Search API
 * (GET /res/v1/web/search and /res/v1/news/search, JSON).
 *
 * The API key comes from the environment variable named by
 * [connector brave] api_key_env and travels only in the
 * X-Subscription-Token header: never in a URL, a message or a log.  A key
 * that a header cannot carry (a control character, a space) is refused
 * before anything is sent.  The query terms are percent-encoded, so they
 * can never change the URL's structure.
 *
 * A news search's look-back period becomes Brave's freshness parameter:
 * pd (a day), pw (a week), pm (31 days), py (366 days); a longer period
 * is sent without one, so the search covers all time.
 *
 * When the API refuses the key (401 or 403, or the SUBSCRIPTION_TOKEN_
 * INVALID error Brave sends with 422), or the key's plan does not include
 * the search (OPTION_NOT_IN_PLAN), the step is "skipped" with what to fix:
 * it could not run, and running it again with the same key would not
 * help.  Rate limits are the fetcher's (429 is retried, then the step is
 * inconclusive), as are other errors.  Nothing the API sends is ever
 * copied into a step's detail, which is stored in clear.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "connector.h"
#include "mem.h"
#include "text.h"

#define KEY_MAX 256             /* longer than any Brave key */
#define TITLE_MAX 300           /* bytes of a hit's title */
#define SNIPPET_MAX 600         /* bytes of a hit's snippet */
#define URL_MAX 4096

static const char key_refused[] = "the API refused the key: check the "
				  "environment variable named by "
				  "api_key_env";

/* A string member or NULL. */
static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* 1 when the key is 1-256 printable ASCII characters without spaces. */
static int key_ok(const char *k)
{
	size_t i;

	for (i = 0; k[i]; i++)
		if ((unsigned char)k[i] <= 0x20 || (unsigned char)k[i] >= 0x7f)
			return 0;
	return i >= 1 && i <= KEY_MAX;
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

/*
 * Write s into out (size bytes, at least 8) as one line of plain text:
 * Brave marks the matched words with tags (<strong>), which are dropped,
 * and writes some characters as references, which are decoded.  Control
 * characters (C0, DEL, C1), line separators and runs of white space
 * become one space.  A text too long is cut on a character boundary and
 * ends in "...".  s comes from jansson, which only hands out valid UTF-8;
 * a bad sequence would still only be written as '?'.
 */
static void plain_text(char *out, size_t size, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = 0, max = size - 4, k, len, i;
	int space = 0, cut = 0;
	unsigned long c;
	char enc[4];

	while (*p) {
		if (*p == '<') {
			const char *end = strchr((const char *)p, '>');

			if (!end)
				break;
			p = (const unsigned char *)end + 1;
			continue;
		}
		if (*p == '&' && (c = char_ref((const char *)p, &len)) != 0) {
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

/* Brave's freshness for a news look-back period, or NULL for all time. */
static const char *freshness(int days)
{
	if (days <= 1)
		return "pd";
	if (days <= 7)
		return "pw";
	if (days <= 31)
		return "pm";
	if (days <= 366)
		return "py";
	return NULL;
}

/* Build the search URL: BASE/res/v1/KIND/search?q=...&count=20[&...]. */
static int search_url(struct buf *url, const struct ds_step_info *step)
{
	const char *base = step->base_url, *fresh = NULL;
	size_t n = strlen(base);
	int rc;

	while (n > 0 && base[n - 1] == '/')
		n--;
	if (step->kind == DS_STEP_NEWS)
		fresh = freshness(step->lookback_days);
	rc = buf_add(url, base, n);
	if (!rc)
		rc = buf_addf(url, "/res/v1/%s/search?q=", step->kind ==
			      DS_STEP_NEWS ? "news" : "web");
	if (!rc)
		rc = ds_url_escape(url, step->query);
	if (!rc)
		rc = buf_addf(url, "&count=20%s%s", fresh ? "&freshness=" : "",
			      fresh ? fresh : "");
	return rc;
}

/*
 * Start: check the key can travel in a header, then queue the search with
 * the key in X-Subscription-Token (wiped from the stack once the fetcher
 * has its copy).
 */
static int brave_start(const struct ds_step_info *step, struct ds_sink *out,
		       struct ds_err *err)
{
	const char *headers[3] = { "Accept: application/json", NULL, NULL };
	char token[KEY_MAX + 32];
	struct buf url;
	int rc;

	if (!step->base_url || !*step->base_url)
		return ds_err_set(err, DS_ECONFIG, "brave has no base_url: "
				  "set it in the configuration's [connector "
				  "brave] section");
	if (!step->api_key || !key_ok(step->api_key)) {
		ds_sink_outcome(out, DS_STEP_SKIPPED, "the API key is not "
				"usable (empty, too long, or with spaces or "
				"control characters): check the environment "
				"variable named by api_key_env");
		return 0;
	}
	if (!step->query || !*step->query) {
		ds_sink_outcome(out, DS_STEP_SKIPPED, "no query terms");
		return 0;
	}
	buf_init(&url, URL_MAX + 1);
	rc = search_url(&url, step);
	if (rc) {
		buf_release(&url);
		if (rc == DS_ENOMEM)
			return ds_err_set(err, rc, "out of memory");
		return ds_err_set(err, DS_EDATA, "the search URL is too long");
	}
	snprintf(token, sizeof(token), "X-Subscription-Token: %s",
		 step->api_key);
	headers[1] = token;
	rc = ds_sink_fetch(out, url.ptr, DS_REQ_API, headers, NULL, err);
	ds_wipe(token, sizeof(token));
	buf_release(&url);
	return rc;
}

/* An error answer: say what it means when it is about the key. */
static void api_error(const struct ds_response *res, struct ds_sink *out)
{
	const char *code;
	json_t *root;

	if (res->outcome == DS_OUT_NOT_PUBLIC) {
		ds_sink_outcome(out, DS_STEP_SKIPPED, key_refused);
		return;
	}
	if (res->status != 400 && res->status != 422)
		return;
	root = json_loadb(res->body, res->body_len, 0, NULL);
	code = str(json_object_get(root, "error"), "code");
	if (code && strcmp(code, "SUBSCRIPTION_TOKEN_INVALID") == 0)
		ds_sink_outcome(out, DS_STEP_SKIPPED, key_refused);
	else if (code && strcmp(code, "OPTION_NOT_IN_PLAN") == 0)
		ds_sink_outcome(out, DS_STEP_SKIPPED, "the API key's plan does "
				"not include this search: change the plan or "
				"the search connector");
	json_decref(root);
}

/*
 * The results array of an answer: web.results for a web search, results
 * for news.  An answer of the right type without them found nothing
 * (*empty is set); anything else is malformed (NULL).
 */
static json_t *results_of(const struct ds_step_info *step, json_t *root,
			  int *empty)
{
	const char *type = str(root, "type");
	json_t *r;

	*empty = 0;
	if (step->kind == DS_STEP_NEWS) {
		if (!type || strcmp(type, "news") != 0)
			return NULL;
		r = json_object_get(root, "results");
	} else {
		if (!type || strcmp(type, "search") != 0)
			return NULL;
		if (!json_object_get(root, "web")) {
			*empty = 1;
			return NULL;
		}
		r = json_object_get(json_object_get(root, "web"), "results");
	}
	if (!r && step->kind == DS_STEP_NEWS) {
		*empty = 1;
		return NULL;
	}
	return json_is_array(r) ? r : NULL;
}

/* The answer: one hit per result with a web address, up to max_results. */
static int brave_on_response(const struct ds_step_info *step, void *tag,
			     const struct ds_response *res,
			     struct ds_sink *out, struct ds_err *err)
{
	char title[TITLE_MAX + 4], snippet[SNIPPET_MAX + 4], date[11];
	json_t *root, *results, *r;
	size_t i, kept = 0;
	int empty, rc = 0;

	(void)tag;
	if (res->outcome != DS_OUT_OK) {
		api_error(res, out);
		return 0;
	}
	root = json_loadb(res->body, res->body_len, 0, NULL);
	results = results_of(step, root, &empty);
	if (!results && !empty) {
		ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, "the search API "
				"sent a malformed answer");
		json_decref(root);
		return 0;
	}
	json_array_foreach(results, i, r) {
		const char *url = str(r, "url");
		struct ds_hit hit = { .source = "brave" };

		if (kept >= step->max_results)
			break;
		if (!web_url(url))
			continue;
		plain_text(title, sizeof(title), str(r, "title"));
		plain_text(snippet, sizeof(snippet), str(r, "description"));
		hit.url = url;
		hit.title = title[0] ? title : NULL;
		hit.snippet = snippet[0] ? snippet : NULL;
		hit.published = date_of(str(r, "page_age"), date);
		if (!hit.published)
			hit.published = date_of(str(r, "age"), date);
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
		ds_sink_outcome(out, DS_STEP_NOTHING, "no results");
	json_decref(root);
	return rc;
}

const struct ds_connector ds_connector_brave = {
	.abi = DS_CONNECTOR_ABI,
	.name = "brave",
	.title = "Brave Search API (web and news)",
	.provider = "Brave Software, Inc.",
	.location = "United States",
	.data_sent = "the query terms: names with location or employer",
	.steps = DS_STEP_WEB | DS_STEP_NEWS,
	.flags = DS_CONN_NEEDS_KEY,
	.default_base_url = "https://api.search.brave.com",
	.start = brave_start,
	.on_response = brave_on_response,
};
