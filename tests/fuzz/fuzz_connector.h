/*
 * fuzz_connector.h: drive one connector's on_response with a hostile
 * answer (header only, for fuzz_searxng.c, fuzz_brave.c, ...).
 *
 * The sink functions a connector calls are defined here, in place of
 * src/run.c's, so the target needs no database and no network: they
 * check what the connector hands over and record nothing.  A connector's
 * start hook is called first and the tag of its request kept, so its
 * on_response sees the tag a run would give it.  For a connector that
 * asks a second request from a good first answer (an account, then its
 * posts), the target gives that answer first, then the input to the
 * second request.
 *
 * Input: byte 0 picks the HTTP outcome and status (answers[] below),
 * byte 1 the step: bit 0 answers the second request, bit 1 makes a news
 * step, bits 2-5 are max_results - 1.  The rest is the body.
 *
 * Checked beyond the sanitizers: every request goes to the connector's
 * endpoint, every hit has a URL of plain text and a real date or none,
 * the text of hits is valid UTF-8 (and free of control characters when
 * the connector cleans it), no more hits than max_results, and an error
 * from on_response comes with its message.
 */
#ifndef DS_FUZZ_CONNECTOR_H
#define DS_FUZZ_CONNECTOR_H

#include "connector.h"
#include "fuzz.h"
#include "text.h"

struct ds_sink {
	const char *prefix;     /* every URL fetched starts with it */
	int clean;              /* hits' text is cleaned by the connector */
	void *tag;              /* the last request's tag */
	unsigned fetches, hits, max_hits;
};

int ds_sink_fetch(struct ds_sink *s, const char *url, enum ds_req_kind kind,
		  const char *const *headers, void *tag, struct ds_err *err)
{
	size_t i;

	(void)kind;
	(void)err;
	FUZZ_ASSERT(url != NULL);
	FUZZ_ASSERT(strncmp(url, s->prefix, strlen(s->prefix)) == 0);
	FUZZ_ASSERT(!fuzz_has_ctl(url, strlen(url)) && !strchr(url, ' '));
	for (i = 0; headers && headers[i]; i++)
		FUZZ_ASSERT(!fuzz_has_ctl(headers[i], strlen(headers[i])));
	s->tag = tag;
	s->fetches++;
	return 0;
}

static inline int fuzz_is_date(const char *s)
{
	static const char form[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; i < 10; i++)
		if (form[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != form[i])
			return 0;
	return s[10] == '\0';
}

static inline void fuzz_check_text(const struct ds_sink *s, const char *t)
{
	if (!t)
		return;
	FUZZ_ASSERT(ds_utf8_valid(t, strlen(t)));
	if (s->clean)
		FUZZ_ASSERT(!fuzz_has_ctl(t, strlen(t)));
}

int ds_sink_hit(struct ds_sink *s, const struct ds_hit *hit)
{
	/* What run.c's sink refuses. */
	if (!hit->url || ds_text_check("url", hit->url, 4096, NULL))
		return DS_EDATA;
	FUZZ_ASSERT(!hit->published || fuzz_is_date(hit->published));
	fuzz_check_text(s, hit->title);
	fuzz_check_text(s, hit->snippet);
	fuzz_check_text(s, hit->source);
	s->hits++;
	FUZZ_ASSERT(s->hits <= s->max_hits);
	return 0;
}

int ds_sink_page(struct ds_sink *s, const struct ds_response *res,
		 const struct ds_page *page)
{
	(void)s;
	FUZZ_ASSERT(res != NULL);
	FUZZ_ASSERT(!page || (page->title && page->text));
	return 0;
}

void ds_sink_not_public(struct ds_sink *s, const struct ds_response *res)
{
	(void)s;
	FUZZ_ASSERT(res && res->url);
}

void ds_sink_inconclusive(struct ds_sink *s, const char *detail)
{
	(void)s;
	FUZZ_ASSERT(!detail || ds_utf8_valid(detail, strlen(detail)));
}

void ds_sink_outcome(struct ds_sink *s, enum ds_step_outcome o,
		     const char *detail)
{
	(void)s;
	FUZZ_ASSERT(o >= DS_STEP_OK && o < DS_STEP_NOUTCOMES);
	FUZZ_ASSERT(!detail || ds_utf8_valid(detail, strlen(detail)));
}

struct fuzz_conn {
	const char *name;
	struct ds_step_info step;       /* kind, query or target, base_url */
	const char *prefix;             /* of every request's URL */
	int clean;
	const char *first;              /* a good answer to the first request
					   that makes the second, or NULL */
};

static const struct {
	enum ds_outcome outcome;
	long status;
} fuzz_answers[] = {
	{ DS_OUT_OK, 200 }, { DS_OUT_NOT_FOUND, 404 },
	{ DS_OUT_NOT_PUBLIC, 401 }, { DS_OUT_NOT_PUBLIC, 403 },
	{ DS_OUT_FAILED, 400 }, { DS_OUT_FAILED, 422 },
	{ DS_OUT_FAILED, 500 }, { DS_OUT_RATE_LIMITED, 429 },
	{ DS_OUT_BLOCKED, 403 }, { DS_OUT_TIMEOUT, 0 },
	{ DS_OUT_REFUSED, 0 }, { DS_OUT_OK, 203 },
};

static inline void fuzz_respond(const struct ds_connector *k,
			 const struct ds_step_info *step, struct ds_sink *s,
			 void *tag, enum ds_outcome o, long status,
			 const char *body, size_t len)
{
	struct ds_response res = {
		.url = "https://fuzz.example/request",
		.final_url = "https://fuzz.example/request",
		.outcome = o, .status = status,
		.content_type = "application/json",
		.body = body, .body_len = len,
		.retrieved = "2026-01-01T00:00:00Z",
		.attempts = 1,
		.detail = o == DS_OUT_OK ? NULL : "the fuzzer said so",
	};
	struct ds_err err;
	int rc;

	ds_err_init(&err);
	rc = k->on_response(step, tag, &res, s, &err);
	if (rc) {
		FUZZ_ASSERT(rc < 0 && rc >= DS_EINTERNAL);
		FUZZ_ASSERT(err.code == rc && err.msg[0]);
	}
}

static inline void fuzz_connector(const struct fuzz_conn *fc,
				  const uint8_t *data, size_t size)
{
	const struct ds_connector *k = ds_connector_find(fc->name);
	struct ds_step_info step = fc->step;
	struct ds_sink s = { .prefix = fc->prefix, .clean = fc->clean };
	struct ds_err err;
	size_t a;
	char *body;

	FUZZ_ASSERT(k && k->start && k->on_response);
	if (size < 2)
		return;
	a = data[0] % (sizeof(fuzz_answers) / sizeof(fuzz_answers[0]));
	if ((data[1] & 2) && (k->steps & DS_STEP_NEWS))
		step.kind = DS_STEP_NEWS;
	step.max_results = 1 + ((data[1] >> 2) & 15);
	/* A second request is asked only when more than one hit is kept. */
	if ((data[1] & 1) && fc->first && step.max_results < 2)
		step.max_results = 2;
	s.max_hits = step.max_results;
	body = fuzz_str(data + 2, size - 2);

	ds_err_init(&err);
	FUZZ_ASSERT(k->start(&step, &s, &err) == 0);
	FUZZ_ASSERT(s.fetches == 1);
	if ((data[1] & 1) && fc->first) {
		s.fetches = 0;
		fuzz_respond(k, &step, &s, s.tag, DS_OUT_OK, 200, fc->first,
			     strlen(fc->first));
		FUZZ_ASSERT(s.fetches == 1);
	}
	fuzz_respond(k, &step, &s, s.tag, fuzz_answers[a].outcome,
		     fuzz_answers[a].status, body, size - 2);
	free(body);
}

#endif
