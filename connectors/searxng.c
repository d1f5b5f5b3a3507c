/*
 * searxng.c: web and news searches through a self-hosted SearXNG
 * instance's JSON API (GET /search?q=...&format=json).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "connector.h"
#include "connsupport.h"

static int searxng_start(const struct ds_step_info *step,
			 struct ds_sink *out, struct ds_err *err)
{
	const char *range = "";
	struct buf url;
	size_t len;
	int rc;

	if (!step->base_url || !*step->base_url)
		return ds_err_set(err, DS_ECONFIG, "searxng has no base_url: "
				  "set it in the configuration's "
				  "[connector searxng] section");
	if (step->kind == DS_STEP_NEWS)
		range = step->lookback_days <= 1 ? "&time_range=day" :
			step->lookback_days <= 31 ? "&time_range=month" :
			step->lookback_days <= 366 ? "&time_range=year" : "";
	/* "http://host/" and "http://host" are the same endpoint. */
	len = strlen(step->base_url);
	while (len && step->base_url[len - 1] == '/')
		len--;
	buf_init(&url, 8192);
	rc = buf_addf(&url, "%.*s/search?format=json&categories=%s%s&q=",
		      (int)len, step->base_url, step->kind == DS_STEP_NEWS ?
		      "news" : "general", range);
	if (!rc)
		rc = ds_url_escape(&url, step->query);
	if (!rc)
		rc = ds_sink_fetch(out, url.ptr, DS_REQ_API, NULL, NULL, err);
	else
		rc = ds_err_set(err, DS_EDATA, "the search URL is too long");
	buf_release(&url);
	return rc;
}

static int searxng_on_response(const struct ds_step_info *step, void *tag,
			       const struct ds_response *res,
			       struct ds_sink *out, struct ds_err *err)
{
	json_t *root, *results, *r;
	json_error_t jerr;
	size_t i, kept = 0;
	char date[11];

	(void)tag;
	(void)err;
	if (res->outcome != DS_OUT_OK)
		return 0;
	root = json_loadb(res->body, res->body_len, 0, &jerr);
	results = json_object_get(root, "results");
	if (!json_is_array(results)) {
		ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, "the search engine "
				"sent a malformed answer");
		json_decref(root);
		return 0;
	}
	json_array_foreach(results, i, r) {
		const char *pub = ds_json_str_member(r, "publishedDate");
		struct ds_hit hit = {
			.url = ds_json_str_member(r, "url"),
			.title = ds_json_str_member(r, "title"),
			.snippet = ds_json_str_member(r, "content"),
			.source = ds_json_str_member(r, "engine"),
		};

		if (!hit.url || kept >= step->max_results)
			continue;
		/*
		 * The date is stored in clear, so nothing else from the
		 * answer may pass for one.
		 */
		hit.published = ds_iso_date(pub, date);
		if (ds_sink_hit(out, &hit) == 0)
			kept++;
	}
	/*
	 * No results while some of the instance's engines did not answer
	 * settles nothing: the step is inconclusive, never "nothing found".
	 */
	if (!kept && json_array_size(json_object_get(root,
						     "unresponsive_engines")))
		ds_sink_outcome(out, DS_STEP_INCONCLUSIVE, "no results, and "
				"some of the search engines did not answer");
	else if (!kept)
		ds_sink_outcome(out, DS_STEP_NOTHING, "no results");
	json_decref(root);
	return 0;
}

const struct ds_connector ds_connector_searxng = {
	.abi = DS_CONNECTOR_ABI,
	.name = "searxng",
	.title = "SearXNG metasearch (self-hosted)",
	.provider = "the organisation's own SearXNG instance, and the search "
		    "engines it queries",
	.location = "where the instance is hosted; its engines' locations",
	.data_sent = "the query terms: names with location or employer",
	.steps = DS_STEP_WEB | DS_STEP_NEWS,
	.default_base_url = "http://127.0.0.1:8888",
	.start = searxng_start,
	.on_response = searxng_on_response,
};
