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
#include "connsupport.h"
#include "mem.h"

#define KEY_MAX 256             /* longer than any Brave key */
#define TITLE_MAX 300           /* bytes of a hit's title */
#define SNIPPET_MAX 600         /* bytes of a hit's snippet */
#define URL_MAX 4096

static const char key_refused[] = "the API refused the key: check the "
				  "environment variable named by "
				  "api_key_env";

/* 1 when the key is 1-256 printable ASCII characters without spaces. */
static int key_ok(const char *k)
{
	size_t i;

	for (i = 0; k[i]; i++)
		if ((unsigned char)k[i] <= 0x20 || (unsigned char)k[i] >= 0x7f)
			return 0;
	return i >= 1 && i <= KEY_MAX;
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
	/* No redirect: the key would follow it to wherever it points. */
	rc = ds_sink_fetch(out, url.ptr, DS_REQ_API | DS_REQ_NOFOLLOW, headers,
			   NULL, err);
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
	code = ds_json_str_member(json_object_get(root, "error"), "code");
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
	const char *type = ds_json_str_member(root, "type");
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
	/* A redirect is not followed (the key would go with it): the
	 * fetcher hands it over as asked, and the step is inconclusive. */
	if (res->status >= 300 && res->status < 400) {
		char why[120];

		snprintf(why, sizeof(why), "the search API answered HTTP %ld, "
			 "a redirect: not followed, so the key stays",
			 (long)res->status);
		ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, why);
		return 0;
	}
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
		const char *url = ds_json_str_member(r, "url");
		struct ds_hit hit = { .source = "brave" };

		if (kept >= step->max_results)
			break;
		if (!ds_web_url_ok(url, URL_MAX))
			continue;
		/* Brave marks the matched words with tags (<strong>). */
		ds_plain_text(title, sizeof(title),
			      ds_json_str_member(r, "title"), 1);
		ds_plain_text(snippet, sizeof(snippet),
			      ds_json_str_member(r, "description"), 1);
		hit.url = url;
		hit.title = title[0] ? title : NULL;
		hit.snippet = snippet[0] ? snippet : NULL;
		hit.published = ds_iso_date(ds_json_str_member(r, "page_age"),
					    date);
		if (!hit.published)
			hit.published = ds_iso_date(
				ds_json_str_member(r, "age"), date);
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
