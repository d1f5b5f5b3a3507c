/*
 * fetch.c: the fetcher (see fetch.h).
 *
 * Requests wait in one FIFO until their host allows another start (its
 * in-flight count, its rate, a retry's not-before time, its robots.txt)
 * and the global in-flight count allows it.  Finished transfers are
 * classified into outcomes, retried when the server asked for patience,
 * and handed to their callbacks.
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <errno.h>
#include <unistd.h>
#include <time.h>

#include "buf.h"
#include "fetch.h"
#include "mem.h"
#include "text.h"

#define DEFAULT_UA "duesearch/" "0.1" \
	" (pre-employment checks for schools; public pages only)"
#define ROBOTS_MAX (500 * 1024)

struct robots_rule {
	char *path;             /* with '*' and a trailing '$' as in RFC 9309 */
	int allow;
};

enum robots_state { ROBOTS_UNKNOWN, ROBOTS_FETCHING, ROBOTS_READY };

struct host {
	struct host *next;
	char *origin;           /* scheme://host:port */
	unsigned inflight;
	uint64_t next_start;    /* ms, monotonic */
	enum robots_state robots;
	struct robots_rule *rules;
	size_t nrules;
	char robots_why[160];   /* why everything is off, when it is */
};

struct req {
	struct req *next;
	struct ds_fetch *f;
	struct host *host;
	char *url;              /* as asked for */
	char *cur;              /* after redirects followed, or NULL */
	char *path;             /* path and query (of cur), for robots */
	unsigned hops;          /* redirects followed */
	struct host *robots_of; /* the host whose robots.txt this is */
	enum ds_req_kind kind;
	struct curl_slist *headers;
	ds_fetch_cb *cb;
	void *user;
	void *subject;          /* whom it is about, for the check; or NULL */
	int internal_robots;    /* this is the host's robots.txt fetch */
	unsigned attempts;
	uint64_t not_before;
	CURL *easy;
	struct buf body;
	int too_large;
	int refused;
	char detail[200];
};

struct ds_fetch {
	struct ds_fetch_conf conf;
	CURLM *multi;
	struct curl_slist *connect_to;
	struct req *queue, *queue_tail;
	struct host *hosts;
	CURL **pool;
	size_t npool, pool_size;
	unsigned running;
	struct ds_fetch_stats stats;
	double min_interval_ms;
	ds_fetch_check *check;  /* asked before a request with a subject goes */
	void *check_user;
	int epfd;               /* the sockets curl asks us to watch */
	uint64_t curl_deadline; /* when curl wants a timeout call, ms */
};

static const char *const outcome_names[] = {
	"ok", "not-found", "not-public", "blocked", "rate-limited", "failed",
	"timed-out", "refused"
};

const char *ds_outcome_name(enum ds_outcome o)
{
	return o < DS_OUT_NCODES ? outcome_names[o] : "unknown";
}

void ds_fetch_conf_default(struct ds_fetch_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->max_total = 50;
	c->max_per_host = 4;
	c->host_rate = 5;
	c->connect_timeout_ms = 10000;
	c->total_timeout_ms = 30000;
	c->max_body = 4u << 20;
	c->max_redirects = 5;
	c->max_retries = 2;
	c->backoff_ms = 500;
	c->max_retry_after_ms = 60000;
	c->robots = 1;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* 1 when a (host-order) IPv4 address is special. */
static int v4_special(uint32_t a)
{
	static const struct {
		uint32_t net, mask;
	} nets[] = {
		{ 0x00000000, 0xff000000 },     /* 0/8 "this network" */
		{ 0x0a000000, 0xff000000 },     /* 10/8 */
		{ 0x64400000, 0xffc00000 },     /* 100.64/10 CGNAT */
		{ 0x7f000000, 0xff000000 },     /* 127/8 loopback */
		{ 0xa9fe0000, 0xffff0000 },     /* 169.254/16 link-local */
		{ 0xac100000, 0xfff00000 },     /* 172.16/12 */
		{ 0xc0000000, 0xffffff00 },     /* 192.0.0/24 IETF */
		{ 0xc0000200, 0xffffff00 },     /* 192.0.2/24 TEST-NET-1 */
		{ 0xc01fc400, 0xffffff00 },     /* 192.31.196/24 AS112 */
		{ 0xc034c100, 0xffffff00 },     /* 192.52.193/24 AMT */
		{ 0xc0586300, 0xffffff00 },     /* 192.88.99/24 6to4 relay */
		{ 0xc0a80000, 0xffff0000 },     /* 192.168/16 */
		{ 0xc0af3000, 0xffffff00 },     /* 192.175.48/24 AS112 */
		{ 0xc6120000, 0xfffe0000 },     /* 198.18/15 benchmarking */
		{ 0xc6336400, 0xffffff00 },     /* 198.51.100/24 TEST-NET-2 */
		{ 0xcb007100, 0xffffff00 },     /* 203.0.113/24 TEST-NET-3 */
		{ 0xe0000000, 0xf0000000 },     /* 224/4 multicast */
		{ 0xf0000000, 0xf0000000 },     /* 240/4 reserved, broadcast */
	};
	size_t i;

	for (i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
		if ((a & nets[i].mask) == nets[i].net)
			return 1;
	return 0;
}

int ds_addr_is_special(int family, const void *addr)
{
	const uint8_t *b;
	uint32_t v4;

	if (family == AF_INET) {
		memcpy(&v4, addr, 4);
		return v4_special(ntohl(v4));
	}
	if (family != AF_INET6)
		return 1;
	b = addr;
	/* ::ffff:a.b.c.d and the deprecated ::a.b.c.d carry IPv4. */
	if (memcmp(b, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0 ||
	    memcmp(b, "\0\0\0\0\0\0\0\0\0\0\0\0", 12) == 0) {
		memcpy(&v4, b + 12, 4);
		return v4_special(ntohl(v4));
	}
	/* ::ffff:0:a.b.c.d, the IPv4-translated form. */
	if (memcmp(b, "\0\0\0\0\0\0\0\0\xff\xff\0\0", 12) == 0) {
		memcpy(&v4, b + 12, 4);
		return v4_special(ntohl(v4));
	}
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)      /* fe80::/10 */
		return 1;
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)      /* fec0::/10 */
		return 1;
	if ((b[0] & 0xfe) == 0xfc)                      /* fc00::/7 */
		return 1;
	if (b[0] == 0xff)                               /* multicast */
		return 1;
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
		return 1;                               /* 2001:db8::/32 */
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
		return 1;                               /* 2001::/32 Teredo */
	/*
	 * 64:ff9b::/96, NAT64's well-known prefix, carries an IPv4 address
	 * (DNS64 networks reach every IPv4 host this way): judge that one.
	 * The rest of 64:ff9b::/32 (the local-use 64:ff9b:1::/48) is not
	 * for us.
	 */
	if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) {
		if (memcmp(b + 4, "\0\0\0\0\0\0\0\0", 8) != 0)
			return 1;
		memcpy(&v4, b + 12, 4);
		return v4_special(ntohl(v4));
	}
	if (b[0] == 0x20 && b[1] == 0x02)               /* 6to4 */
		return v4_special(((uint32_t)b[2] << 24) |
				  ((uint32_t)b[3] << 16) |
				  ((uint32_t)b[4] << 8) | b[5]);
	return 0;
}

/* 1 when the configuration lists ip (or ip:port) as allowed. */
static int allowed(const struct ds_fetch *f, const char *ip, unsigned port)
{
	char withport[80];
	size_t i;

	snprintf(withport, sizeof(withport), "%s:%u", ip, port);
	for (i = 0; i < f->conf.nallow; i++)
		if (strcmp(f->conf.allow[i], ip) == 0 ||
		    strcmp(f->conf.allow[i], withport) == 0)
			return 1;
	return 0;
}

/*
 * curl asks for each new connection's socket: this is where the address
 * actually connected to is checked, after DNS and on every redirect.
 */
static curl_socket_t open_socket(void *clientp, curlsocktype purpose,
				 struct curl_sockaddr *a)
{
	struct req *r = clientp;
	char ip[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;
	const void *raw = NULL;

	(void)purpose;
	if (a->family == AF_INET) {
		const struct sockaddr_in *s = (const void *)&a->addr;

		raw = &s->sin_addr;
		port = ntohs(s->sin_port);
	} else if (a->family == AF_INET6) {
		const struct sockaddr_in6 *s = (const void *)&a->addr;

		raw = &s->sin6_addr;
		port = ntohs(s->sin6_port);
	}
	if (raw)
		inet_ntop(a->family, raw, ip, sizeof(ip));
	if (!raw || (ds_addr_is_special(a->family, raw) &&
		     !allowed(r->f, ip, port))) {
		r->refused = 1;
		snprintf(r->detail, sizeof(r->detail), "refused to connect to "
			 "%s port %u: a private or special address (list it "
			 "in [fetch] allow only if it is meant)", ip, port);
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

/*
 * May a request about a subject still go?  0 when it may (or has no
 * subject); otherwise the request is marked refused with the reason.
 */
static int check_subject(struct ds_fetch *f, struct req *r)
{
	char why[160];

	if (!r->subject || !f->check)
		return 0;
	why[0] = '\0';
	if (f->check(f->check_user, r->subject, why, sizeof(why)) == 0)
		return 0;
	r->refused = 1;
	snprintf(r->detail, sizeof(r->detail), "not sent: %s",
		 why[0] ? why : "the check refused it");
	return -1;
}

/*
 * curl is about to send a request on a connection (each attempt, and
 * each redirect hop, which is a request of its own): the subject's check
 * runs once more, right here.
 */
static int on_prereq(void *clientp, char *primary_ip, char *local_ip,
		     int primary_port, int local_port)
{
	struct req *r = clientp;

	(void)primary_ip;
	(void)local_ip;
	(void)primary_port;
	(void)local_port;
	return check_subject(r->f, r) ? CURL_PREREQFUNC_ABORT :
	       CURL_PREREQFUNC_OK;
}

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
	struct req *r = user;
	size_t len = size * n;

	if (buf_add(&r->body, data, len) != 0) {
		r->too_large = 1;
		return 0;
	}
	return len;
}

/* Find or make the host record for an origin. */
static struct host *host_get(struct ds_fetch *f, const char *origin)
{
	struct host *h;

	for (h = f->hosts; h; h = h->next)
		if (strcmp(h->origin, origin) == 0)
			return h;
	h = ds_calloc(1, sizeof(*h));
	if (!h)
		return NULL;
	h->origin = ds_strdup(origin);
	if (!h->origin) {
		ds_free(h);
		return NULL;
	}
	h->next = f->hosts;
	f->hosts = h;
	return h;
}

static void req_free(struct req *r)
{
	if (!r)
		return;
	ds_free(r->url);
	ds_free(r->cur);
	ds_free(r->path);
	curl_slist_free_all(r->headers);
	buf_release(&r->body);
	ds_free(r);
}

/*
 * Split a URL into its origin and path with curl's parser; only http and
 * https pass.
 */
static int url_parts(const char *url, char **origin, char **path,
		     struct ds_err *err)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *p = NULL, *q = NULL;
	struct buf b;
	int rc = 0;

	*origin = *path = NULL;
	if (!u)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) !=
	    CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &p, 0) != CURLUE_OK) {
		rc = ds_err_set(err, DS_EDATA, "cannot fetch '%.80s': not a "
				"valid URL", url);
		goto out;
	}
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		rc = ds_err_set(err, DS_EDATA, "cannot fetch '%.80s': only "
				"http and https are fetched", url);
		goto out;
	}
	curl_url_get(u, CURLUPART_QUERY, &q, 0);
	buf_init(&b, 8192);
	if (buf_addf(&b, "%s://%s:%s", scheme, host, port) != 0) {
		rc = ds_err_set(err, DS_EDATA, "URL too long");
		goto out;
	}
	*origin = buf_detach(&b, NULL);
	if (buf_addf(&b, "%s%s%s", p, q ? "?" : "", q ? q : "") != 0) {
		buf_release(&b);
		rc = ds_err_set(err, DS_EDATA, "URL too long");
		goto out;
	}
	*path = buf_detach(&b, NULL);
	if (!*origin || !*path)
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
out:
	if (rc) {
		ds_free(*origin);
		ds_free(*path);
		*origin = *path = NULL;
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(p);
	curl_free(q);
	curl_url_cleanup(u);
	return rc;
}

/* Append a request to the waiting FIFO. */
static void enqueue(struct ds_fetch *f, struct req *r)
{
	r->next = NULL;
	if (f->queue_tail)
		f->queue_tail->next = r;
	else
		f->queue = r;
	f->queue_tail = r;
	f->stats.queued++;
}

/* Make a request record; NULL with err set on failure. */
static struct req *req_new(struct ds_fetch *f, const char *url,
			   enum ds_req_kind kind, const char *const *headers,
			   ds_fetch_cb *cb, void *user, struct ds_err *err)
{
	struct req *r;
	char *origin = NULL;
	size_t i;

	r = ds_calloc(1, sizeof(*r));
	if (!r) {
		ds_err_set(err, DS_ENOMEM, "out of memory");
		return NULL;
	}
	r->f = f;
	r->kind = kind;
	r->cb = cb;
	r->user = user;
	buf_init(&r->body, f->conf.max_body);
	r->url = ds_strdup(url);
	if (!r->url || url_parts(url, &origin, &r->path, err) != 0)
		goto fail;
	r->host = host_get(f, origin);
	ds_free(origin);
	if (!r->host)
		goto fail;
	for (i = 0; headers && headers[i]; i++) {
		struct curl_slist *l = curl_slist_append(r->headers,
							 headers[i]);

		if (!l)
			goto fail;
		r->headers = l;
	}
	return r;
fail:
	if (!err || !err->code)
		ds_err_set(err, DS_ENOMEM, "out of memory");
	req_free(r);
	return NULL;
}

int ds_fetch_add_about(struct ds_fetch *f, void *subject, const char *url,
		       enum ds_req_kind kind, const char *const *headers,
		       ds_fetch_cb *cb, void *user, struct ds_err *err)
{
	struct ds_err local;
	struct req *r;

	ds_err_init(&local);
	r = req_new(f, url, kind, headers, cb, user, &local);
	if (!r) {
		if (err)
			*err = local;
		return local.code ? local.code : DS_ENOMEM;
	}
	r->subject = subject;
	enqueue(f, r);
	return 0;
}

int ds_fetch_add(struct ds_fetch *f, const char *url, enum ds_req_kind kind,
		 const char *const *headers, ds_fetch_cb *cb, void *user,
		 struct ds_err *err)
{
	return ds_fetch_add_about(f, NULL, url, kind, headers, cb, user, err);
}

void ds_fetch_set_check(struct ds_fetch *f, ds_fetch_check *check,
			void *user)
{
	f->check = check;
	f->check_user = user;
}

/* Configure a pooled easy handle for a request. */
static int easy_setup(struct ds_fetch *f, struct req *r)
{
	CURL *e;

	if (f->npool) {
		e = f->pool[--f->npool];
		curl_easy_reset(e);
	} else {
		e = curl_easy_init();
		if (!e)
			return DS_ENOMEM;
	}
	r->easy = e;
	buf_reset(&r->body);
	r->too_large = 0;
	r->refused = 0;
	r->detail[0] = '\0';
	curl_easy_setopt(e, CURLOPT_URL, r->cur ? r->cur : r->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, r);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	/*
	 * curl never follows a redirect: finished() does, sending the new
	 * URL through the whole admission path again (redirect_to).
	 */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (f->conf.ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, f->conf.ca_file);
	curl_easy_setopt(e, CURLOPT_USERAGENT, f->conf.user_agent ?
			 f->conf.user_agent : DEFAULT_UA);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
			 f->conf.connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, f->conf.total_timeout_ms);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, r);
	if (r->subject && f->check) {
		curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, on_prereq);
		curl_easy_setopt(e, CURLOPT_PREREQDATA, r);
	}
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
			 (long)CURL_HTTP_VERSION_2TLS);
	if (r->headers)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers);
	if (f->connect_to)
		curl_easy_setopt(e, CURLOPT_CONNECT_TO, f->connect_to);
	if (curl_multi_add_handle(f->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		r->easy = NULL;
		return DS_ENOMEM;
	}
	return 0;
}

/* Give an easy handle back to the pool. */
static void easy_release(struct ds_fetch *f, struct req *r)
{
	if (!r->easy)
		return;
	curl_multi_remove_handle(f->multi, r->easy);
	if (f->npool < f->pool_size)
		f->pool[f->npool++] = r->easy;
	else
		curl_easy_cleanup(r->easy);
	r->easy = NULL;
}

/* Case-insensitive (ASCII) substring search. */
static const char *ci_strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* Does path match a robots.txt rule pattern ('*' any run, '$' end)? */
static int robots_match(const char *pat, const char *path)
{
	const char *star_p = NULL, *star_s = NULL;

	while (*path) {
		if (*pat == '*') {
			star_p = ++pat;
			star_s = path;
		} else if (*pat == '$' && pat[1] == '\0') {
			/* The end of the path is due, but more is left. */
			if (!star_p)
				return 0;
			pat = star_p;
			path = ++star_s;
		} else if (*pat && *pat == *path) {
			pat++;
			path++;
		} else if (!*pat) {
			return 1;       /* a prefix match */
		} else if (star_p) {
			pat = star_p;
			path = ++star_s;
		} else {
			return 0;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0' || (*pat == '$' && pat[1] == '\0');
}

/* Allowed by the host's robots.txt?  Longest rule wins; Allow on ties. */
static int robots_allows(const struct host *h, const char *path)
{
	size_t i, best = 0;
	int allow = 1;

	for (i = 0; i < h->nrules; i++) {
		size_t len = strlen(h->rules[i].path);

		if (!robots_match(h->rules[i].path, path))
			continue;
		if (len > best || (len == best && h->rules[i].allow)) {
			best = len;
			allow = h->rules[i].allow;
		}
	}
	return allow;
}

/* Keep the rules of the group for our product token, else for "*". */
static void robots_parse(struct host *h, const char *text)
{
	const char *line = text;
	int pass, in_group, group_ours, seen_rule;

	/* Pass 0 looks for a "duesearch" group; pass 1 takes "*". */
	for (pass = 0; pass < 2 && h->nrules == 0; pass++) {
		in_group = group_ours = seen_rule = 0;
		for (line = text; *line; ) {
			const char *end = strchr(line, '\n');
			size_t len = end ? (size_t)(end - line) : strlen(line);
			char l[512], *v, *hash;

			if (len >= sizeof(l))
				len = sizeof(l) - 1;
			memcpy(l, line, len);
			l[len] = '\0';
			line = end ? end + 1 : line + len;
			hash = strchr(l, '#');
			if (hash)
				*hash = '\0';
			v = strchr(l, ':');
			if (!v)
				continue;
			*v++ = '\0';
			while (*v == ' ' || *v == '\t')
				v++;
			len = strlen(v);
			while (len && (v[len - 1] == ' ' || v[len - 1] == '\r'
				       || v[len - 1] == '\t'))
				v[--len] = '\0';
			if (strcasecmp(l, "user-agent") == 0) {
				if (seen_rule || !in_group) {
					group_ours = 0;
					seen_rule = 0;
				}
				in_group = 1;
				if (pass == 0 ? ci_strstr(v, "duesearch") !=
				    NULL : strcmp(v, "*") == 0)
					group_ours = 1;
			} else if ((strcasecmp(l, "allow") == 0 ||
				    strcasecmp(l, "disallow") == 0)) {
				struct robots_rule *nr;

				seen_rule = 1;
				if (!group_ours || !*v)
					continue;
				nr = ds_realloc(h->rules, (h->nrules + 1) *
						sizeof(*nr));
				if (!nr)
					return;
				h->rules = nr;
				nr[h->nrules].path = ds_strdup(v);
				if (!nr[h->nrules].path)
					return;
				nr[h->nrules++].allow =
					strcasecmp(l, "allow") == 0;
			}
		}
	}
}

/* The robots.txt request finished: rules per RFC 9309. */
static void robots_done(struct host *h, const struct ds_response *res)
{
	h->robots = ROBOTS_READY;
	if (res->outcome == DS_OUT_OK) {
		robots_parse(h, res->body);
	} else if (res->status >= 400 && res->status < 500) {
		/* Unavailable: everything is allowed. */
	} else {
		/* Unreachable or a server error: assume everything is off. */
		struct robots_rule *nr = ds_calloc(1, sizeof(*nr));

		/* A refusal says why: a redirect's target may be private. */
		if (res->outcome == DS_OUT_REFUSED && res->detail &&
		    res->detail[0])
			snprintf(h->robots_why, sizeof(h->robots_why),
				 "robots.txt not fetched, so neither are the "
				 "site's pages: %.100s", res->detail);
		else
			snprintf(h->robots_why, sizeof(h->robots_why),
				 "robots.txt could not be had (%s): the site's "
				 "pages are not fetched",
				 res->outcome == DS_OUT_OK ? "" :
				 res->status ? "server error" :
				 ds_outcome_name(res->outcome));

		if (nr) {
			nr->path = ds_strdup("/");
			nr->allow = 0;
			h->rules = nr;
			h->nrules = nr->path ? 1 : 0;
		}
	}
}

/* Queue the robots.txt fetch for a host, ahead of its pages. */
static int robots_fetch(struct ds_fetch *f, struct host *h)
{
	struct buf b;
	struct req *r;
	char *url;

	buf_init(&b, 4096);
	if (buf_addf(&b, "%s/robots.txt", h->origin) != 0)
		return DS_ENOMEM;
	url = buf_detach(&b, NULL);
	if (!url)
		return DS_ENOMEM;
	r = req_new(f, url, DS_REQ_API, NULL, NULL, NULL, NULL);
	ds_free(url);
	if (!r)
		return DS_ENOMEM;
	r->internal_robots = 1;
	r->robots_of = h;       /* also when it is redirected elsewhere */
	r->body.cap = ROBOTS_MAX;
	h->robots = ROBOTS_FETCHING;
	/* Ahead of everything: pages of this host wait for it. */
	r->next = f->queue;
	f->queue = r;
	if (!f->queue_tail)
		f->queue_tail = r;
	f->stats.queued++;
	return 0;
}

/* Words in a body that mark a challenge or a WAF block page. */
static int looks_blocked(const char *body, size_t len)
{
	static const char *const marks[] = {
		"captcha", "cf-chl", "challenge-platform", "just a moment",
		"attention required", "access denied", "are you a robot",
		"unusual traffic", NULL
	};
	char head[16384];
	size_t i, n = len < sizeof(head) - 1 ? len : sizeof(head) - 1;

	for (i = 0; i < n; i++)
		head[i] = (char)((body[i] >= 'A' && body[i] <= 'Z') ?
				 body[i] + 32 : body[i]);
	head[n] = '\0';
	for (i = 0; marks[i]; i++)
		if (strstr(head, marks[i]))
			return 1;
	return 0;
}

/* Did redirects end on a log-in page? */
static int login_url(const char *url)
{
	static const char *const marks[] = {
		"/login", "/signin", "/sign-in", "/sign_in", "/accounts/login",
		"/auth/", "/session/new", "login?", NULL
	};
	size_t i;

	for (i = 0; marks[i]; i++)
		if (ci_strstr(url, marks[i]))
			return 1;
	return 0;
}

/* Hand a finished request to its owner and free it. */
static void deliver(struct ds_fetch *f, struct req *r, enum ds_outcome o,
		    long status, const char *final_url, const char *ctype)
{
	struct ds_response res = {
		.url = r->url,
		.final_url = final_url ? final_url : "",
		.outcome = o,
		.status = status,
		.content_type = ctype ? ctype : "",
		.body = r->body.ptr,
		.body_len = r->body.len,
		.attempts = r->attempts,
		.detail = r->detail,
	};

	if (o != DS_OUT_OK && !r->detail[0] && status)
		snprintf(r->detail, sizeof(r->detail), "%s, HTTP %ld",
			 ds_outcome_name(o), status);
	else if (o != DS_OUT_OK && !r->detail[0])
		snprintf(r->detail, sizeof(r->detail), "%s",
			 ds_outcome_name(o));
	ds_time_now(res.retrieved);
	ds_sha256(res.body, res.body_len, res.sha256);
	f->stats.done++;
	f->stats.bytes += r->body.len;
	f->stats.by_outcome[o]++;
	if (r->internal_robots)
		robots_done(r->robots_of, &res);
	else if (r->cb)
		r->cb(r->user, &res);
	req_free(r);
}

/* Queue a retry after delay_ms; the host waits too. */
static void retry_later(struct ds_fetch *f, struct req *r, uint64_t delay_ms)
{
	uint64_t at = now_ms() + delay_ms;

	r->not_before = at;
	if (r->host->next_start < at)
		r->host->next_start = at;
	f->stats.retries++;
	enqueue(f, r);
	f->stats.queued--;
}

/*
 * Follow a redirect to loc (absolute, as curl resolved the Location
 * against the URL answered) as a fresh request: it goes back to the
 * queue, so the scheme check, robots.txt of the new host, that host's
 * in-flight limit and rate, the subject's check and (when curl connects)
 * the SSRF guard all apply to it as to the first URL.  Request headers
 * (API keys) never follow to another origin.  0 when queued; otherwise
 * the outcome to deliver, with r->detail set.
 */
static int redirect_to(struct ds_fetch *f, struct req *r, const char *loc,
		       enum ds_outcome *o)
{
	char *origin = NULL, *path = NULL, *cur = NULL;
	struct host *h = NULL;

	if (++r->hops > (unsigned long)f->conf.max_redirects) {
		*o = DS_OUT_FAILED;
		snprintf(r->detail, sizeof(r->detail), "more than %ld "
			 "redirects", f->conf.max_redirects);
		return -1;
	}
	if (strncasecmp(loc, "http://", 7) != 0 &&
	    strncasecmp(loc, "https://", 8) != 0) {
		*o = DS_OUT_REFUSED;
		snprintf(r->detail, sizeof(r->detail), "redirected to a "
			 "scheme other than http or https");
		return -1;
	}
	if (url_parts(loc, &origin, &path, NULL) != 0) {
		*o = DS_OUT_FAILED;
		snprintf(r->detail, sizeof(r->detail), "redirected to an "
			 "invalid URL");
		return -1;
	}
	h = host_get(f, origin);
	cur = ds_strdup(loc);
	ds_free(origin);
	if (!h || !cur) {
		ds_free(path);
		ds_free(cur);
		*o = DS_OUT_FAILED;
		snprintf(r->detail, sizeof(r->detail), "out of memory");
		return -1;
	}
	if (h != r->host) {
		curl_slist_free_all(r->headers);
		r->headers = NULL;
	}
	ds_free(r->cur);
	ds_free(r->path);
	r->cur = cur;
	r->path = path;
	r->host = h;
	r->attempts = 0;        /* a fresh request, with its own retries */
	r->not_before = 0;
	enqueue(f, r);
	f->stats.queued--;      /* the same request, not a new one */
	return 0;
}

/* Classify a finished transfer; follow a redirect, retry, or deliver. */
static void finished(struct ds_fetch *f, struct req *r, CURLcode code)
{
	long status = 0;
	char *final_url = NULL, *ctype = NULL, *loc = NULL;
	curl_off_t wait_s = 0;
	enum ds_outcome o;
	int retryable = 0;

	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &final_url);
	curl_easy_getinfo(r->easy, CURLINFO_CONTENT_TYPE, &ctype);
	curl_easy_getinfo(r->easy, CURLINFO_RETRY_AFTER, &wait_s);
	curl_easy_getinfo(r->easy, CURLINFO_REDIRECT_URL, &loc);
	/* Copies: the handle goes back to the pool before delivery. */
	final_url = ds_strdup(final_url ? final_url : "");
	ctype = ds_strdup(ctype ? ctype : "");
	loc = loc ? ds_strdup(loc) : NULL;
	easy_release(f, r);
	r->host->inflight--;
	f->running--;

	if (!r->refused && code == CURLE_OK && status >= 300 &&
	    status < 400 && !(r->kind & DS_REQ_NOFOLLOW) && loc) {
		int rc = redirect_to(f, r, loc, &o);

		ds_free(loc);
		loc = NULL;
		if (rc == 0) {
			ds_free(final_url);
			ds_free(ctype);
			return;
		}
	} else if (r->refused) {
		o = DS_OUT_REFUSED;
	} else if (code == CURLE_OPERATION_TIMEDOUT) {
		o = DS_OUT_TIMEOUT;
		retryable = 1;
	} else if (code == CURLE_WRITE_ERROR && r->too_large) {
		o = DS_OUT_FAILED;
		snprintf(r->detail, sizeof(r->detail), "the body is larger "
			 "than the %zu-byte limit", f->conf.max_body);
	} else if (code == CURLE_UNSUPPORTED_PROTOCOL) {
		o = DS_OUT_REFUSED;
		snprintf(r->detail, sizeof(r->detail), "redirected to a "
			 "scheme other than http or https");
	} else if (code == CURLE_PEER_FAILED_VERIFICATION ||
		   code == CURLE_SSL_CONNECT_ERROR ||
		   code == CURLE_SSL_CACERT_BADFILE) {
		o = DS_OUT_FAILED;
		snprintf(r->detail, sizeof(r->detail), "TLS failed: %s",
			 curl_easy_strerror(code));
	} else if (code != CURLE_OK) {
		o = DS_OUT_FAILED;
		retryable = 1;
		snprintf(r->detail, sizeof(r->detail), "%s",
			 curl_easy_strerror(code));
	} else if (status >= 200 && status < 300) {
		o = DS_OUT_OK;
		if (final_url && login_url(final_url) &&
		    !login_url(r->url)) {
			o = DS_OUT_NOT_PUBLIC;
			snprintf(r->detail, sizeof(r->detail), "redirected to "
				 "a log-in page");
		}
	} else if (status >= 300 && status < 400 &&
		   (r->kind & DS_REQ_NOFOLLOW)) {
		o = DS_OUT_OK;  /* the redirect itself was asked for */
	} else if (status == 404 || status == 410) {
		o = DS_OUT_NOT_FOUND;
	} else if (status == 401 || status == 407) {
		o = DS_OUT_NOT_PUBLIC;
	} else if (status == 403) {
		o = looks_blocked(r->body.ptr, r->body.len) ? DS_OUT_BLOCKED :
		    DS_OUT_NOT_PUBLIC;
	} else if (status == 429 || status == 503) {
		o = status == 503 && looks_blocked(r->body.ptr, r->body.len) ?
		    DS_OUT_BLOCKED : DS_OUT_RATE_LIMITED;
		retryable = o == DS_OUT_RATE_LIMITED;
	} else if (status == 999) {
		/* A professional network's "no automated access": the page is
		 * not public to the tool, whatever it shows a signed-in
		 * person. */
		o = DS_OUT_NOT_PUBLIC;
		snprintf(r->detail, sizeof(r->detail), "HTTP 999: the site "
			 "refuses access without a log-in");
	} else if (status >= 500) {
		o = DS_OUT_FAILED;
		retryable = 1;
	} else {
		o = DS_OUT_FAILED;
	}
	ds_free(loc);

	if (retryable && r->attempts <= f->conf.max_retries) {
		uint64_t delay = (uint64_t)f->conf.backoff_ms <<
				 (r->attempts - 1);

		if (wait_s > 0)
			delay = (uint64_t)wait_s * 1000;
		if (delay <= (uint64_t)f->conf.max_retry_after_ms) {
			ds_free(final_url);
			ds_free(ctype);
			retry_later(f, r, delay);
			return;
		}
		snprintf(r->detail, sizeof(r->detail), "the server asked to "
			 "wait %lld s, longer than allowed",
			 (long long)wait_s);
	}
	deliver(f, r, o, status, final_url, ctype);
	ds_free(final_url);
	ds_free(ctype);
}

/* Start what the limits allow; returns ms until something may start. */
static long start_ready(struct ds_fetch *f)
{
	struct req *r, *prev = NULL, *next;
	uint64_t now = now_ms(), wake = UINT64_MAX;

	for (r = f->queue; r && f->running < f->conf.max_total; r = next) {
		struct host *h = r->host;
		uint64_t at = r->not_before > h->next_start ? r->not_before :
			      h->next_start;

		next = r->next;
		if ((r->kind & DS_REQ_PAGE) && f->conf.robots &&
		    h->robots != ROBOTS_READY) {
			/* No robots.txt either for a request that may not
			 * go. */
			if (h->robots == ROBOTS_UNKNOWN &&
			    check_subject(f, r)) {
				if (prev)
					prev->next = next;
				else
					f->queue = next;
				if (f->queue_tail == r)
					f->queue_tail = prev;
				deliver(f, r, DS_OUT_REFUSED, 0, "", "");
				continue;
			}
			if (h->robots == ROBOTS_UNKNOWN &&
			    robots_fetch(f, h) == 0) {
				/* It went to the queue's head: rescan. */
				prev = NULL;
				next = f->queue;
			} else {
				prev = r;
			}
			continue;
		}
		if (h->inflight >= f->conf.max_per_host || at > now) {
			if (at > now && at < wake)
				wake = at;
			prev = r;
			continue;
		}
		/* Take r out of the queue. */
		if (prev)
			prev->next = next;
		else
			f->queue = next;
		if (f->queue_tail == r)
			f->queue_tail = prev;
		if ((r->kind & DS_REQ_PAGE) && f->conf.robots &&
		    !robots_allows(h, r->path)) {
			snprintf(r->detail, sizeof(r->detail), "%s",
				 h->robots_why[0] ? h->robots_why :
				 "robots.txt disallows this page");
			deliver(f, r, DS_OUT_REFUSED, 0, "", "");
			continue;
		}
		/* The last moment before curl has it; retries pass here. */
		if (check_subject(f, r)) {
			deliver(f, r, DS_OUT_REFUSED, 0, "", "");
			continue;
		}
		r->attempts++;
		if (easy_setup(f, r) != 0) {
			snprintf(r->detail, sizeof(r->detail), "out of memory");
			deliver(f, r, DS_OUT_FAILED, 0, "", "");
			continue;
		}
		h->inflight++;
		f->running++;
		h->next_start = now + (uint64_t)f->min_interval_ms;
	}
	if (wake == UINT64_MAX)
		return 1000;
	return wake > now ? (long)(wake - now) : 0;
}

/* curl tells which sockets to watch: mirror that in the epoll set. */
static int on_socket(CURL *easy, curl_socket_t fd, int what, void *user,
		     void *socketp)
{
	struct ds_fetch *f = user;
	struct epoll_event ev = { .data.fd = fd };

	(void)easy;
	if (what == CURL_POLL_REMOVE) {
		epoll_ctl(f->epfd, EPOLL_CTL_DEL, fd, NULL);
		curl_multi_assign(f->multi, fd, NULL);
		return 0;
	}
	if (what & CURL_POLL_IN)
		ev.events |= EPOLLIN;
	if (what & CURL_POLL_OUT)
		ev.events |= EPOLLOUT;
	if (socketp) {
		epoll_ctl(f->epfd, EPOLL_CTL_MOD, fd, &ev);
	} else {
		epoll_ctl(f->epfd, EPOLL_CTL_ADD, fd, &ev);
		/* Any non-NULL mark: "already in the set". */
		curl_multi_assign(f->multi, fd, f);
	}
	return 0;
}

/* curl tells when it next wants to be called without socket activity. */
static int on_timer(CURLM *multi, long timeout_ms, void *user)
{
	struct ds_fetch *f = user;

	(void)multi;
	f->curl_deadline = timeout_ms < 0 ? UINT64_MAX :
			   now_ms() + (uint64_t)timeout_ms;
	return 0;
}

/* Hand finished transfers to finished(). */
static void reap(struct ds_fetch *f)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(f->multi, &left))) {
		struct req *r = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
				  (char **)&r);
		finished(f, r, msg->data.result);
	}
}

/*
 * The event loop: epoll over the sockets curl names, curl's timer, and
 * our own scheduler's wake-up time, so the work per wake-up is in
 * proportion to what happened, not to how many transfers are open.
 */
int ds_fetch_run(struct ds_fetch *f, struct ds_err *err)
{
	struct epoll_event evs[64];
	uint64_t now;
	long wait;
	int n, i, still;

	for (;;) {
		wait = start_ready(f);
		/* It may have delivered the last request (robots.txt). */
		if (!f->queue && !f->running)
			break;
		now = now_ms();
		if (f->curl_deadline <= now) {
			f->curl_deadline = UINT64_MAX;
			curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT,
						 0, &still);
			reap(f);
			continue;
		}
		if (f->curl_deadline != UINT64_MAX &&
		    (long)(f->curl_deadline - now) < wait)
			wait = (long)(f->curl_deadline - now);
		if (!f->running && wait > 1000)
			wait = 1000;
		n = epoll_wait(f->epfd, evs, 64, (int)wait);
		if (n < 0 && errno != EINTR)
			return ds_err_set(err, DS_EINTERNAL, "the fetcher's "
					  "event loop failed: %s",
					  strerror(errno));
		for (i = 0; i < n; i++) {
			int flags = 0;

			if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
				flags |= CURL_CSELECT_IN;
			if (evs[i].events & EPOLLOUT)
				flags |= CURL_CSELECT_OUT;
			if (evs[i].events & EPOLLERR)
				flags |= CURL_CSELECT_ERR;
			curl_multi_socket_action(f->multi, evs[i].data.fd,
						 flags, &still);
		}
		reap(f);
	}
	return 0;
}

int ds_fetch_new(struct ds_fetch **out, const struct ds_fetch_conf *conf,
		 struct ds_err *err)
{
	struct ds_fetch *f;
	size_t i;

	*out = NULL;
	f = ds_calloc(1, sizeof(*f));
	if (!f)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	f->conf = *conf;
	if (!f->conf.max_total)
		f->conf.max_total = 1;
	if (!f->conf.max_per_host)
		f->conf.max_per_host = 1;
	f->min_interval_ms = conf->host_rate > 0 ? 1000.0 / conf->host_rate :
			     0;
	f->curl_deadline = UINT64_MAX;
	f->epfd = epoll_create1(EPOLL_CLOEXEC);
	f->multi = curl_multi_init();
	f->pool_size = f->conf.max_total;
	f->pool = ds_calloc(f->pool_size, sizeof(*f->pool));
	if (!f->multi || !f->pool || f->epfd < 0)
		goto nomem;
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, on_timer);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
			  (long)f->conf.max_total);
	/*
	 * No CURLMOPT_MAX_HOST_CONNECTIONS: curl counts a host by the
	 * address it connects to, so with connect_to (tests, a proxy) it
	 * would cap every site together.  The per-host limit is ours, by
	 * origin, in start_ready().
	 */
	curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS,
			  (long)f->conf.max_total);
	for (i = 0; i < conf->nconnect_to; i++) {
		struct curl_slist *l = curl_slist_append(f->connect_to,
							 conf->connect_to[i]);

		if (!l)
			goto nomem;
		f->connect_to = l;
	}
	*out = f;
	return 0;
nomem:
	ds_fetch_free(f);
	return ds_err_set(err, DS_ENOMEM, "out of memory");
}

void ds_fetch_free(struct ds_fetch *f)
{
	struct host *h, *hn;
	struct req *r, *rn;
	size_t i;

	if (!f)
		return;
	for (r = f->queue; r; r = rn) {
		rn = r->next;
		req_free(r);
	}
	for (i = 0; i < f->npool; i++)
		curl_easy_cleanup(f->pool[i]);
	ds_free(f->pool);
	for (h = f->hosts; h; h = hn) {
		hn = h->next;
		for (i = 0; i < h->nrules; i++)
			ds_free(h->rules[i].path);
		ds_free(h->rules);
		ds_free(h->origin);
		ds_free(h);
	}
	curl_slist_free_all(f->connect_to);
	curl_multi_cleanup(f->multi);
	if (f->epfd >= 0)
		close(f->epfd);
	ds_free(f);
}

int ds_url_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	int rc = 0;

	for (; *p && !rc; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			rc = buf_addc(b, (char)*p);
		} else {
			char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			rc = buf_add(b, esc, 3);
		}
	}
	return rc;
}

void ds_fetch_stats(const struct ds_fetch *f, struct ds_fetch_stats *s)
{
	*s = f->stats;
	s->running = f->running;
}
