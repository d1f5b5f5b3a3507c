/*
 * echo.c: an example connector built as a shared object, loaded with
 * [connectors] load = .../echo.so.  It sends a web step's query terms to
 * BASE_URL/echo?q=... and reads {"results": [{"url", "title", "snippet"}]}.
 * Built with -DECHO_BAD_ABI it claims another interface version, which the
 * core must refuse.
 */
#include <jansson.h>

#include "buf.h"
#include "connector.h"

static int echo_start(const struct ds_step_info *step, struct ds_sink *out,
		      struct ds_err *err)
{
	struct buf url;
	int rc;

	buf_init(&url, 8192);
	rc = buf_addf(&url, "%s/echo?q=", step->base_url);
	if (!rc)
		rc = ds_url_escape(&url, step->query);
	if (!rc)
		rc = ds_sink_fetch(out, url.ptr, DS_REQ_API, NULL, NULL, err);
	buf_release(&url);
	return rc;
}

static int echo_on_response(const struct ds_step_info *step, void *tag,
			    const struct ds_response *res,
			    struct ds_sink *out, struct ds_err *err)
{
	json_t *root, *r;
	size_t i;

	(void)step;
	(void)tag;
	(void)err;
	if (res->outcome != DS_OUT_OK)
		return 0;
	root = json_loadb(res->body, res->body_len, 0, NULL);
	json_array_foreach(json_object_get(root, "results"), i, r) {
		struct ds_hit hit = {
			.url = json_string_value(json_object_get(r, "url")),
			.title = json_string_value(json_object_get(r, "title")),
			.snippet = json_string_value(json_object_get(r,
								"snippet")),
			.source = "echo",
		};

		if (hit.url)
			ds_sink_hit(out, &hit);
	}
	if (!json_array_size(json_object_get(root, "results")))
		ds_sink_outcome(out, DS_STEP_NOTHING, "no results");
	json_decref(root);
	return 0;
}

static const struct ds_connector echo = {
#ifdef ECHO_BAD_ABI
	.abi = DS_CONNECTOR_ABI + 1,
#else
	.abi = DS_CONNECTOR_ABI,
#endif
	.name = "echo",
	.title = "Echo (an example shared-object connector)",
	.provider = "the organisation's own echo service",
	.location = "wherever base_url points",
	.data_sent = "the query terms",
	.steps = DS_STEP_WEB | DS_STEP_NEWS,
	.start = echo_start,
	.on_response = echo_on_response,
};

const struct ds_connector *ds_connector_entry_v1(void);

const struct ds_connector *ds_connector_entry_v1(void)
{
	return &echo;
}
