/*
 * fetch.h: the fetcher.  One event loop on curl's multi interface runs
 * every request of a search run: many in flight, HTTP/2 where offered,
 * connections reused, within politeness limits per host.  Connectors never
 * call libcurl: they hand requests to the fetcher and get responses back.
 *
 * Safety: only http and https; TLS verification always on; an SSRF guard
 * checks the address actually connected to (after DNS, on every redirect
 * hop) and refuses loopback, private, link-local, multicast and other
 * special addresses unless the configuration lists them in allow.
 * Redirects are followed here, not by curl: each hop is a fresh request
 * through the same admission (scheme, robots.txt of its host, that host's
 * limits and rate, the subject's check, the SSRF guard), and request
 * headers do not follow it to another origin.
 *
 * Every request ends with exactly one callback carrying an outcome; an
 * error or a rate limit is never reported as "not found".
 */
#ifndef DS_FETCH_H
#define DS_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "crypto.h"
#include "err.h"

enum ds_outcome {
	DS_OUT_OK = 0,          /* 2xx */
	DS_OUT_NOT_FOUND,       /* 404, 410 */
	DS_OUT_NOT_PUBLIC,      /* 401, 403, a log-in wall */
	DS_OUT_BLOCKED,         /* a WAF or challenge page */
	DS_OUT_RATE_LIMITED,    /* 429/503 still after the retries */
	DS_OUT_FAILED,          /* connection or protocol error, too large */
	DS_OUT_TIMEOUT,         /* connect or total time-out */
	DS_OUT_REFUSED,         /* SSRF guard, scheme, robots.txt: not sent */
	DS_OUT_NCODES
};

/* "ok", "not-found", "not-public", ... */
const char *ds_outcome_name(enum ds_outcome o);

struct ds_fetch_conf {
	unsigned max_total;         /* requests in flight (50) */
	unsigned max_per_host;      /* in flight per host (4) */
	double host_rate;           /* request starts per second per host (0:
				       unlimited; default 5) */
	long connect_timeout_ms;    /* 10000 */
	long total_timeout_ms;      /* 30000 */
	size_t max_body;            /* bytes after decompression (4 MiB) */
	long max_redirects;         /* 5 */
	unsigned max_retries;       /* retries after 429/503/time-out (2) */
	long backoff_ms;            /* first retry delay without Retry-After
				       (500), doubled each time */
	long max_retry_after_ms;    /* longer waits give up (60000) */
	int robots;                 /* honour robots.txt for pages (1) */
	const char *user_agent;     /* NULL: the default identifying one */
	const char *ca_file;        /* NULL: the system's */
	const char *const *allow;   /* "127.0.0.1" or "127.0.0.1:8080" */
	size_t nallow;
	const char *const *connect_to;  /* curl CONNECT_TO lines */
	size_t nconnect_to;
};

/* Fill c with the defaults above. */
void ds_fetch_conf_default(struct ds_fetch_conf *c);

enum ds_req_kind {
	DS_REQ_API = 0,         /* an API: robots.txt does not apply */
	DS_REQ_PAGE = 1,        /* a page: robots.txt applies */
	DS_REQ_NOFOLLOW = 2     /* bit: answer with a redirect, not its end
				   (a 3xx answer is then "ok") */
};

struct ds_response {
	const char *url;            /* as requested */
	const char *final_url;      /* after redirects ("" when not sent) */
	enum ds_outcome outcome;
	long status;                /* last HTTP status, 0 when none */
	const char *content_type;   /* "" when none */
	const char *body;           /* NUL-terminated; "" when none */
	size_t body_len;
	char retrieved[21];         /* UTC time of the answer */
	uint8_t sha256[DS_SHA256_LEN];  /* of the body */
	unsigned attempts;
	const char *detail;         /* why, for anything but ok */
};

/*
 * Called once per request when it is finished, retries included.  The
 * response and its strings are valid during the call only.  The callback
 * may add requests.
 */
typedef void ds_fetch_cb(void *user, const struct ds_response *res);

struct ds_fetch;

int ds_fetch_new(struct ds_fetch **out, const struct ds_fetch_conf *conf,
		 struct ds_err *err);
void ds_fetch_free(struct ds_fetch *f);

/*
 * Queue a request.  headers (may be NULL) is a NULL-terminated list of
 * "Name: value" lines (an API key header, say); they are copied and never
 * logged.  A URL that is not http(s) or does not parse is refused here
 * with DS_EDATA.
 */
int ds_fetch_add(struct ds_fetch *f, const char *url, enum ds_req_kind kind,
		 const char *const *headers, ds_fetch_cb *cb, void *user,
		 struct ds_err *err);

/*
 * The same, for a request about a subject (a candidate of a search run):
 * before it is handed to curl (every attempt, retries included) and again
 * when curl is about to send it on a connection (each redirect hop
 * too), the check set with ds_fetch_set_check is asked whether it may
 * still go.  When it may not, nothing is sent: it ends with
 * DS_OUT_REFUSED and the check's reason in detail.
 */
int ds_fetch_add_about(struct ds_fetch *f, void *subject, const char *url,
		       enum ds_req_kind kind, const char *const *headers,
		       ds_fetch_cb *cb, void *user, struct ds_err *err);

/*
 * Asked about a subject before its request goes: 0 lets it go; otherwise
 * it is refused and why (NUL-terminated, within size) says the reason.
 * It may read the database; it must not add or run requests.
 */
typedef int ds_fetch_check(void *user, void *subject, char *why,
			   size_t size);
void ds_fetch_set_check(struct ds_fetch *f, ds_fetch_check *check,
			void *user);

/* Run until every request (including those added by callbacks) is done. */
int ds_fetch_run(struct ds_fetch *f, struct ds_err *err);

/*
 * Append s to b percent-encoded for a URL query (RFC 3986 unreserved
 * characters pass; everything else, including '&', '=', '#', '/', is
 * escaped), so query terms can never change a URL's structure.
 */
struct buf;
int ds_url_escape(struct buf *b, const char *s);

/* Counters for progress displays and benchmarks. */
struct ds_fetch_stats {
	uint64_t queued, running, done, retries, bytes;
	uint64_t by_outcome[DS_OUT_NCODES];
};
void ds_fetch_stats(const struct ds_fetch *f, struct ds_fetch_stats *s);

/*
 * 1 when the address is one the SSRF guard refuses by default (loopback,
 * private, link-local, CGNAT, multicast, unspecified, broadcast,
 * documentation, benchmarking, reserved, IPv4-mapped forms of those,
 * unique-local and site-local IPv6).  family is AF_INET or AF_INET6 and
 * addr points at the in_addr or in6_addr.
 */
int ds_addr_is_special(int family, const void *addr);

#endif
