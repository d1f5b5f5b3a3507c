/*
 * fakeweb.c: a fake web server for the tests, the demo and the benchmarks,
 * so that nothing they run ever reaches an address but loopback.
 *
 *   fakeweb --port N --root DIR [--latency-ms MIN[-MAX]] [--port-file FILE]
 *           [--log FILE] [--tls-cert C --tls-key K --tls-port N]
 *
 * It is one single-threaded HTTP/1.1 server on 127.0.0.1 (never any other
 * address) driven by epoll, with keep-alive and pipelining.  Port 0 picks a
 * free port.  Once ready it prints "listening 127.0.0.1:PORT" (after
 * "listening-tls 127.0.0.1:PORT" when TLS is on) and writes the port, then
 * the TLS port, one a line, to the port file.  SIGTERM or SIGINT stops it
 * cleanly with everything closed and freed.
 *
 * A request for http://site.example/a/b?q=1 with "Host: site.example" is
 * served from ROOT/site.example/a/b; a folder serves its index.html, and a
 * path with a ".." segment is refused with 403.  When the file is missing
 * but ROOT/site.example/a/b.tmpl exists, the template is served with {q}
 * replaced by the percent-decoded q parameter of the query, escaped for the
 * content type (JSON or HTML; as is for other types), {q_json} by it
 * JSON-escaped and {q_html} by it HTML-escaped.  The content type follows
 * the extension; a name without one is HTML.  With --log FILE each request
 * appends one line "METHOD HOST PATH?QUERY USER-AGENT" (the host without
 * its port, the target as sent, "-" for no user agent).
 *
 * Every response waits a random delay from the --latency-ms range, kept in
 * a timer heap that sets the epoll timeout; nothing ever sleeps.
 *
 * A sidecar file a/b.meta changes how a/b (or a/b.tmpl) is served, and may
 * exist without it.  It holds "key: value" lines; '#' starts a comment:
 *   status: 429             the status while the behaviour applies
 *   header: Retry-After: 1  a raw header line; repeatable
 *   body: TEXT              the body while the behaviour applies
 *   count: N                status, header, body, mode and length apply
 *                           to the first N requests only (a hit counter
 *                           per path); content-type and latency-ms always
 *   content-type: TYPE      instead of the extension's type
 *   latency-ms: N[-M]       instead of --latency-ms
 *   hold: FILE              the response waits (after any latency) until
 *                           FILE exists, relative to the working folder,
 *                           so a test can keep a request in flight while
 *                           it acts; always, like latency-ms
 *   mode: drip              the body one byte every drip-ms ms (100)
 *   mode: reset             an RST after half the body, or after the
 *                           headers with "reset-at: headers"
 *   mode: half              a Content-Length larger than the body (size:
 *                           when given and larger), then close
 *   mode: huge              a body of size: bytes (1 GiB) of 'a', made on
 *                           the fly
 *   mode: gzip-bomb         the file as it is, with Content-Encoding: gzip
 *                           (the type follows the name less any ".gz")
 *   mode: redirect          status (302) with Location: from location:
 *   mode: redirect-loop     status (302) back to the same path with
 *                           ?n=N+1, N from the request's n parameter
 *   length: none            no Content-Length: the body ends at close
 * While the behaviour applies, a status outside 2xx without a body: key
 * gets a short text body of its own.  A sidecar with an unknown key or a
 * bad value gets 500 and a line on stderr.  GET /_fakeweb/reset on any
 * host zeroes the hit counters.  Out of file descriptors, a request gets
 * 503; a chunked request body gets 400.
 *
 * Built with -DFAKEWEB_TLS and -lssl -lcrypto, --tls-cert, --tls-key and
 * --tls-port also serve the same root over TLS on a second port, which
 * with a self-signed certificate is the bad-certificate case.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#ifdef FAKEWEB_TLS
#include <openssl/err.h>
#include <openssl/ssl.h>
#endif

#define IN_START	2048		/* first size of a request buffer */
#define IN_MAX		16384		/* the largest request head taken */
#define CHUNK		65536		/* the most body queued at once */
#define MAX_EVENTS	256
#define PATH_BUF	4096
#define FILE_MAX	(4 << 20)	/* the largest meta or template file */
#define HIT_BUCKETS	1024
#define RESET_DELAY_MS	20		/* lets the client read before an RST */
#define HOLD_POLL_MS	10		/* a held reply looks for its file */
#define HUGE_DEFAULT	(1ULL << 30)

enum kind { K_LISTEN, K_SIGNAL, K_CONN };
enum state { ST_READ, ST_WAIT, ST_SEND, ST_DRIP, ST_CUT };
enum src { SRC_NONE, SRC_MEM, SRC_FD, SRC_GEN };
enum end { END_KEEP, END_FIN, END_RST };
enum flush { F_DONE, F_BLOCKED, F_PAUSED, F_ERROR };
enum mode {
	M_NONE, M_DRIP, M_RESET, M_HALF, M_HUGE, M_GZIP, M_REDIRECT, M_LOOP
};

struct buf {
	char *p;
	size_t len, cap;
};

/* Each thing in the epoll set starts with its kind. */
struct listener {
	enum kind kind;
	int fd;
	int tls;
	int port;
};

struct conn {
	enum kind kind;
	int fd;
#ifdef FAKEWEB_TLS
	SSL *ssl;
#endif
	enum state state;
	uint32_t events;		/* the interest registered now */
	uint32_t want;			/* what the last would-block awaits */
	char *in;
	size_t in_len, in_cap;
	unsigned long long skip;	/* request body bytes to drop */
	struct buf out;
	size_t out_off;
	enum src src;
	int src_fd;
	char *src_mem;
	size_t src_off;
	unsigned long long src_left;	/* body bytes still to queue */
	enum end end;
	long drip_ms;
	int drip_ready;
	long long deadline;
	char *hold;			/* the reply waits for this file */
	long heap_idx;
	struct conn *prev, *next;
};

/* One request, pointing into the connection's buffer. */
struct req {
	char *method, *target, *host, *ua;
	int close;
};

struct meta {
	char *buf;			/* the file; the fields point into it */
	int present;
	int status;
	enum mode mode;
	const char *hdr[32];
	int nhdr;
	const char *ctype, *location, *body;
	long lat_min, lat_max;		/* -1: not given */
	const char *hold;		/* a file to wait for, or NULL */
	long drip_ms;
	unsigned long long size;
	int has_size;
	long count;			/* -1: no limit */
	int reset_at_headers;
	int no_length;
};

/* What respond() decided to send. */
struct reply {
	int status;
	const char *ctype;
	const char *location;
	int gzip;
	const struct meta *m;		/* whose headers to add, or NULL */
	enum mode mode;
	enum src src;
	int fd;
	char *mem;
	unsigned long long len;
	long delay;
	char *hold;			/* owned; handed to the connection */
};

struct hit {
	struct hit *next;
	unsigned long n;
	char path[];
};

static const char *root;
static int log_fd = -1;
static int epfd = -1;
static int reserve_fd = -1;
static int out_of_fds;		/* an open() failed for want of them */
static long lat_min, lat_max;
static uint64_t rng_state;
static unsigned long long nrequests;
static struct listener plain_l = { K_LISTEN, -1, 0, 0 };
static struct listener tls_l = { K_LISTEN, -1, 1, 0 };
static struct conn *conns;
static struct conn **heap;
static size_t heap_len, heap_cap;
static struct hit *hits[HIT_BUCKETS];
#ifdef FAKEWEB_TLS
static SSL_CTX *ssl_ctx;
#endif

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						      noreturn));

/* Print an error and stop: only for start-up failures and lost memory. */
static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("fakeweb: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

/* Make room for extra more bytes after the end of b. */
static void buf_reserve(struct buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 256;

	if (b->len + extra <= b->cap)
		return;
	while (cap < b->len + extra)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

static void buf_add(struct buf *b, const void *s, size_t n)
{
	if (!n)
		return;
	buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void buf_addstr(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("bad format");
	if ((size_t)n >= b->cap - b->len) {
		buf_reserve(b, (size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A xorshift64* generator: the delays need spread, not secrecy. */
static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static long rand_between(long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)(rng_next() % (uint64_t)(hi - lo + 1));
}

/* Parse a whole decimal number no larger than max. */
static int parse_num(const char *s, unsigned long long max,
		     unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parse "N" or "MIN-MAX" milliseconds, at most an hour. */
static int parse_range(const char *s, long *lo, long *hi)
{
	unsigned long long a, b;
	char tmp[64];
	const char *dash = strchr(s, '-');
	size_t n;

	if (!dash) {
		if (parse_num(s, 3600000, &a))
			return -1;
		*lo = *hi = (long)a;
		return 0;
	}
	n = (size_t)(dash - s);
	if (n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (parse_num(tmp, 3600000, &a) || parse_num(dash + 1, 3600000, &b) ||
	    b < a)
		return -1;
	*lo = (long)a;
	*hi = (long)b;
	return 0;
}

/* Does needle occur in s, ignoring case? */
static int has_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (!strncasecmp(s, needle, n))
			return 1;
	return 0;
}

/* Open a file to read, noting when we ran out of descriptors. */
static int open_ro(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);

	if (fd < 0 && (errno == EMFILE || errno == ENFILE))
		out_of_fds = 1;
	return fd;
}

/*
 * Read a whole small file into a NUL-terminated buffer; NULL with errno
 * set when it cannot be opened, is not a regular file or is too large.
 */
static char *read_small(const char *path, size_t *len)
{
	struct stat st;
	char *p;
	size_t got = 0;
	ssize_t n;
	int fd = open_ro(path);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > FILE_MAX) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	p = xrealloc(NULL, (size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		n = read(fd, p + got, (size_t)st.st_size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	p[got] = '\0';
	*len = got;
	return p;
}

static unsigned long hash_str(const char *s)
{
	unsigned long h = 2166136261UL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619UL;
	return h;
}

/* Count one more request for path and return the count. */
static unsigned long hit_bump(const char *path)
{
	struct hit **slot = &hits[hash_str(path) % HIT_BUCKETS], *h;
	size_t n;

	for (h = *slot; h; h = h->next)
		if (!strcmp(h->path, path))
			return ++h->n;
	n = strlen(path) + 1;
	h = xrealloc(NULL, sizeof(*h) + n);
	memcpy(h->path, path, n);
	h->n = 1;
	h->next = *slot;
	*slot = h;
	return 1;
}

static void hits_clear(void)
{
	struct hit *h, *next;
	size_t i;

	for (i = 0; i < HIT_BUCKETS; i++) {
		for (h = hits[i]; h; h = next) {
			next = h->next;
			free(h);
		}
		hits[i] = NULL;
	}
}

/*
 * The timer heap: a binary min-heap of connections by deadline, each
 * connection in it at most once and knowing its own place.
 */
static void heap_swap(size_t a, size_t b)
{
	struct conn *t = heap[a];

	heap[a] = heap[b];
	heap[b] = t;
	heap[a]->heap_idx = (long)a;
	heap[b]->heap_idx = (long)b;
}

static void heap_up(size_t i)
{
	while (i && heap[(i - 1) / 2]->deadline > heap[i]->deadline) {
		heap_swap(i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void heap_down(size_t i)
{
	size_t l, r, m;

	for (;;) {
		l = 2 * i + 1;
		r = l + 1;
		m = i;
		if (l < heap_len && heap[l]->deadline < heap[m]->deadline)
			m = l;
		if (r < heap_len && heap[r]->deadline < heap[m]->deadline)
			m = r;
		if (m == i)
			return;
		heap_swap(i, m);
		i = m;
	}
}

static void timer_clear(struct conn *c)
{
	size_t i;

	if (c->heap_idx < 0)
		return;
	i = (size_t)c->heap_idx;
	c->heap_idx = -1;
	if (i == --heap_len)
		return;
	heap[i] = heap[heap_len];
	heap[i]->heap_idx = (long)i;
	heap_up(i);
	heap_down((size_t)heap[i]->heap_idx);
}

static void timer_set(struct conn *c, long ms)
{
	timer_clear(c);
	if (heap_len == heap_cap) {
		heap_cap = heap_cap ? heap_cap * 2 : 256;
		heap = xrealloc(heap, heap_cap * sizeof(*heap));
	}
	c->deadline = now_ms() + ms;
	c->heap_idx = (long)heap_len;
	heap[heap_len++] = c;
	heap_up(heap_len - 1);
}

/* Register the epoll interest ev for c unless it is already the one. */
static void conn_want(struct conn *c, uint32_t ev)
{
	struct epoll_event e = { .events = ev, .data.ptr = c };

	if (c->events == ev)
		return;
	if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &e) == 0)
		c->events = ev;
}

static void src_release(struct conn *c)
{
	if (c->src_fd >= 0)
		close(c->src_fd);
	c->src_fd = -1;
	free(c->src_mem);
	c->src_mem = NULL;
	c->src = SRC_NONE;
	c->src_left = 0;
	c->src_off = 0;
}

/*
 * Close and free a connection.  With rst, SO_LINGER 0 makes the close
 * send an RST instead of a FIN.
 */
static void conn_close(struct conn *c, int rst)
{
	struct linger lg = { 1, 0 };

	timer_clear(c);
#ifdef FAKEWEB_TLS
	if (c->ssl) {
		if (!rst)
			SSL_shutdown(c->ssl);
		SSL_free(c->ssl);
		ERR_clear_error();
	}
#endif
	if (rst)
		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(c->fd);
	src_release(c);
	free(c->hold);
	free(c->in);
	free(c->out.p);
	if (c->prev)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	free(c);
}

/*
 * Receive into p: the count, 0 at the end of the stream, -1 when it would
 * block (c->want says for what) and -2 on an error.
 */
static ssize_t conn_recv(struct conn *c, char *p, size_t n)
{
	ssize_t r;

#ifdef FAKEWEB_TLS
	if (c->ssl) {
		int e, got;

		ERR_clear_error();
		got = SSL_read(c->ssl, p, n > INT32_MAX ? INT32_MAX : (int)n);
		if (got > 0)
			return got;
		e = SSL_get_error(c->ssl, got);
		if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
			c->want = e == SSL_ERROR_WANT_READ ? EPOLLIN : EPOLLOUT;
			return -1;
		}
		return e == SSL_ERROR_ZERO_RETURN ? 0 : -2;
	}
#endif
	do
		r = recv(c->fd, p, n, 0);
	while (r < 0 && errno == EINTR);
	if (r >= 0)
		return r;
	if (errno == EAGAIN || errno == EWOULDBLOCK) {
		c->want = EPOLLIN;
		return -1;
	}
	return -2;
}

/* Send from p, with the results of conn_recv (never 0). */
static ssize_t conn_send(struct conn *c, const char *p, size_t n)
{
	ssize_t r;

#ifdef FAKEWEB_TLS
	if (c->ssl) {
		int e, put;

		ERR_clear_error();
		put = SSL_write(c->ssl, p, n > INT32_MAX ? INT32_MAX : (int)n);
		if (put > 0)
			return put;
		e = SSL_get_error(c->ssl, put);
		if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
			c->want = e == SSL_ERROR_WANT_READ ? EPOLLIN : EPOLLOUT;
			return -1;
		}
		return -2;
	}
#endif
	do
		r = send(c->fd, p, n, MSG_NOSIGNAL);
	while (r < 0 && errno == EINTR);
	if (r > 0)
		return r;
	if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		c->want = EPOLLOUT;
		return -1;
	}
	return -2;
}

/* Queue up to max more body bytes after the output; -1 if the file ran
 * short. */
static int refill(struct conn *c, size_t max)
{
	size_t n = c->src_left < max ? (size_t)c->src_left : max;
	ssize_t r;

	buf_reserve(&c->out, n);
	switch (c->src) {
	case SRC_MEM:
		memcpy(c->out.p + c->out.len, c->src_mem + c->src_off, n);
		c->src_off += n;
		break;
	case SRC_FD:
		do
			r = read(c->src_fd, c->out.p + c->out.len, n);
		while (r < 0 && errno == EINTR);
		if (r <= 0)
			return -1;
		n = (size_t)r;
		if (n == c->src_left) {
			close(c->src_fd);
			c->src_fd = -1;
		}
		break;
	case SRC_GEN:
		memset(c->out.p + c->out.len, 'a', n);
		break;
	case SRC_NONE:
		n = 0;
		break;
	}
	c->out.len += n;
	c->src_left -= n;
	return 0;
}

/*
 * Send what is queued, queueing more of the body as it drains (one byte
 * per tick when dripping).
 */
static enum flush conn_flush(struct conn *c)
{
	ssize_t n;

	for (;;) {
		if (c->out_off == c->out.len) {
			c->out_off = c->out.len = 0;
			if (!c->src_left)
				return F_DONE;
			if (c->drip_ms && !c->drip_ready)
				return F_PAUSED;
			c->drip_ready = 0;
			if (refill(c, c->drip_ms ? 1 : CHUNK))
				return F_ERROR;
		}
		n = conn_send(c, c->out.p + c->out_off,
			      c->out.len - c->out_off);
		if (n < 0)
			return n == -1 ? F_BLOCKED : F_ERROR;
		c->out_off += (size_t)n;
	}
}

/* Append one log line for a request, with control bytes made safe. */
static void log_request(const struct req *r, const char *host,
			const char *target)
{
	char line[8192];
	const char *parts[4] = { r->method, host, target, r->ua };
	size_t n = 0, i;
	const char *s;

	if (log_fd < 0)
		return;
	for (i = 0; i < 4; i++) {
		s = parts[i] && *parts[i] ? parts[i] : "-";
		for (; *s && n < sizeof(line) - 2; s++)
			line[n++] = (unsigned char)*s < 0x20 || *s == 0x7f ?
				    '?' : *s;
		if (i < 3 && n < sizeof(line) - 2)
			line[n++] = ' ';
	}
	line[n++] = '\n';
	if (write(log_fd, line, n) < 0)
		fprintf(stderr, "fakeweb: log: %s\n", strerror(errno));
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * Percent-decode s[0..n) into dst, which has room for cap bytes and a NUL;
 * with plus, '+' is a space.  Returns the length, or -1 if it is too long.
 */
static long pct_decode(const char *s, size_t n, char *dst, size_t cap,
		       int plus)
{
	size_t i, o = 0;
	int h, l;

	for (i = 0; i < n; i++) {
		if (o >= cap)
			return -1;
		if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 &&
		    (l = hexval(s[i + 2])) >= 0) {
			dst[o++] = (char)(h * 16 + l);
			i += 2;
		} else if (plus && s[i] == '+') {
			dst[o++] = ' ';
		} else {
			dst[o++] = s[i];
		}
	}
	dst[o] = '\0';
	return (long)o;
}

/*
 * Find the query parameter name and decode its value into dst (cap bytes
 * with the NUL); -1 if it is absent.
 */
static long query_param(const char *q, const char *name, char *dst,
			size_t cap)
{
	size_t nl = strlen(name), len;
	const char *end;

	while (*q) {
		end = q + strcspn(q, "&");
		len = (size_t)(end - q);
		if (len > nl && !strncmp(q, name, nl) && q[nl] == '=')
			return pct_decode(q + nl + 1, len - nl - 1, dst,
					  cap - 1, 1);
		if (len == nl && !strncmp(q, name, nl)) {
			dst[0] = '\0';
			return 0;
		}
		q = *end ? end + 1 : end;
	}
	dst[0] = '\0';
	return -1;
}

static void add_json(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		switch (ch) {
		case '"': buf_addstr(b, "\\\""); break;
		case '\\': buf_addstr(b, "\\\\"); break;
		case '\n': buf_addstr(b, "\\n"); break;
		case '\r': buf_addstr(b, "\\r"); break;
		case '\t': buf_addstr(b, "\\t"); break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				buf_printf(b, "\\u%04x", ch);
			else
				buf_add(b, &s[i], 1);
		}
	}
}

static void add_html(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_addstr(b, "&amp;"); break;
		case '<': buf_addstr(b, "&lt;"); break;
		case '>': buf_addstr(b, "&gt;"); break;
		case '"': buf_addstr(b, "&quot;"); break;
		case '\'': buf_addstr(b, "&#39;"); break;
		default: buf_add(b, &s[i], 1);
		}
	}
}

/*
 * Expand a template: {q} escaped for the content type, {q_json} and
 * {q_html} escaped as they say.  Returns the body, malloc'd.
 */
static char *render(const char *t, size_t tn, const char *q, size_t qn,
		    const char *ctype, unsigned long long *len)
{
	struct buf b = { NULL, 0, 0 };
	int json = has_ci(ctype, "json");
	int html = has_ci(ctype, "html") || has_ci(ctype, "xml");
	size_t i = 0, run;

	while (i < tn) {
		run = i;
		while (run < tn && t[run] != '{')
			run++;
		buf_add(&b, t + i, run - i);
		i = run;
		if (i >= tn)
			break;
		if (tn - i >= 3 && !memcmp(t + i, "{q}", 3)) {
			if (json)
				add_json(&b, q, qn);
			else if (html)
				add_html(&b, q, qn);
			else
				buf_add(&b, q, qn);
			i += 3;
		} else if (tn - i >= 8 && !memcmp(t + i, "{q_json}", 8)) {
			add_json(&b, q, qn);
			i += 8;
		} else if (tn - i >= 8 && !memcmp(t + i, "{q_html}", 8)) {
			add_html(&b, q, qn);
			i += 8;
		} else {
			buf_add(&b, "{", 1);
			i++;
		}
	}
	buf_reserve(&b, 1);
	*len = b.len;
	return b.p;
}

/* The content type for a file name, from its extension. */
static const char *type_for(const char *path, int strip_gz)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ "html", "text/html; charset=utf-8" },
		{ "htm", "text/html; charset=utf-8" },
		{ "json", "application/json" },
		{ "txt", "text/plain; charset=utf-8" },
		{ "xml", "application/xml" },
		{ "css", "text/css" },
		{ "js", "text/javascript" },
		{ "csv", "text/csv" },
		{ "pdf", "application/pdf" },
		{ "png", "image/png" },
		{ "jpg", "image/jpeg" },
		{ "gif", "image/gif" },
		{ "gz", "application/gzip" },
	};
	const char *base = strrchr(path, '/'), *dot = NULL, *s;
	size_t end, i;

	base = base ? base + 1 : path;
	end = strlen(base);
	if (strip_gz && end > 3 && !strcmp(base + end - 3, ".gz"))
		end -= 3;
	for (s = base; s < base + end; s++)
		if (*s == '.')
			dot = s;
	if (!dot)
		return types[0].type;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if ((size_t)(base + end - dot - 1) == strlen(types[i].ext) &&
		    !strncasecmp(dot + 1, types[i].ext, strlen(types[i].ext)))
			return types[i].type;
	return "application/octet-stream";
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 308: return "Permanent Redirect";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 410: return "Gone";
	case 414: return "URI Too Long";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	}
	return "Status";
}

/* Trim spaces and tabs at both ends of s, in place. */
static char *trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/*
 * Read the sidecar path.meta into m.  Returns 0 when it is absent or
 * good, or the bad line's number.
 */
static int meta_load(const char *path, struct meta *m)
{
	static const char *modes[] = {
		"none", "drip", "reset", "half", "huge", "gzip-bomb",
		"redirect", "redirect-loop",
	};
	char mpath[PATH_BUF + 8];
	unsigned long long v;
	char *line, *next, *key, *val, *colon;
	size_t len, i;
	int ln = 0;

	memset(m, 0, sizeof(*m));
	m->lat_min = m->lat_max = -1;
	m->count = -1;
	m->drip_ms = 100;
	if ((size_t)snprintf(mpath, sizeof(mpath), "%s.meta", path) >=
	    sizeof(mpath))
		return 0;
	m->buf = read_small(mpath, &len);
	if (!m->buf)
		return 0;
	m->present = 1;
	for (line = m->buf; line; line = next) {
		ln++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		colon = strchr(key, ':');
		if (!colon)
			return ln;
		*colon = '\0';
		key = trim(key);
		val = trim(colon + 1);
		if (!strcmp(key, "status")) {
			if (parse_num(val, 999, &v) || v < 100)
				return ln;
			m->status = (int)v;
		} else if (!strcmp(key, "header")) {
			if (!strchr(val, ':') || m->nhdr == 32)
				return ln;
			m->hdr[m->nhdr++] = val;
		} else if (!strcmp(key, "content-type")) {
			m->ctype = val;
		} else if (!strcmp(key, "location")) {
			m->location = val;
		} else if (!strcmp(key, "body")) {
			m->body = val;
		} else if (!strcmp(key, "latency-ms")) {
			if (parse_range(val, &m->lat_min, &m->lat_max))
				return ln;
		} else if (!strcmp(key, "hold")) {
			if (!*val)
				return ln;
			m->hold = val;
		} else if (!strcmp(key, "drip-ms")) {
			if (parse_num(val, 3600000, &v) || !v)
				return ln;
			m->drip_ms = (long)v;
		} else if (!strcmp(key, "size")) {
			if (parse_num(val, 1ULL << 50, &v))
				return ln;
			m->size = v;
			m->has_size = 1;
		} else if (!strcmp(key, "count")) {
			if (parse_num(val, 1UL << 30, &v))
				return ln;
			m->count = (long)v;
		} else if (!strcmp(key, "reset-at")) {
			if (strcmp(val, "headers") && strcmp(val, "body"))
				return ln;
			m->reset_at_headers = !strcmp(val, "headers");
		} else if (!strcmp(key, "length")) {
			if (strcmp(val, "none"))
				return ln;
			m->no_length = 1;
		} else if (!strcmp(key, "mode")) {
			for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
				if (!strcmp(val, modes[i]))
					break;
			if (i == sizeof(modes) / sizeof(modes[0]))
				return ln;
			m->mode = (enum mode)i;
		} else {
			return ln;
		}
	}
	return 0;
}

/* A reply with a short text body of its own. */
static void reply_text(struct reply *rp, int status, const char *text)
{
	rp->status = status;
	rp->ctype = "text/plain; charset=utf-8";
	rp->src = SRC_MEM;
	rp->mem = xstrdup(text);
	rp->len = strlen(text);
}

/* Has the path a ".." segment? */
static int has_dotdot(const char *p)
{
	const char *s = p;
	size_t n;

	while (*s) {
		if (*s == '/') {
			s++;
			continue;
		}
		n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return 1;
		s += n;
	}
	return 0;
}

/* Lower-case the Host header in place and cut its port off. */
static int host_ok(char *h)
{
	char *s;

	if (!*h || *h == '.' || *h == '-' || strlen(h) > 253)
		return 0;
	for (s = h; *s; s++) {
		if (*s == ':')
			break;
		*s = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '-' || *s == '_'))
			return 0;
	}
	*s = '\0';
	return s != h;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

/*
 * Open the file for fpath (a folder's index.html), updating fpath; -1 if
 * there is none.
 */
static int open_file(char *fpath, size_t cap, struct stat *st)
{
	size_t n = strlen(fpath);
	int fd;

	if (n && fpath[n - 1] == '/') {
		if (n + 10 >= cap)
			return -1;
		memcpy(fpath + n, "index.html", 11);
	}
	fd = open_ro(fpath);
	if (fd < 0)
		return -1;
	if (fstat(fd, st)) {
		close(fd);
		return -1;
	}
	if (S_ISDIR(st->st_mode)) {
		close(fd);
		n = strlen(fpath);
		if (n + 11 >= cap)
			return -1;
		memcpy(fpath + n, "/index.html", 12);
		return open_file(fpath, cap, st);
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Decide the reply to a request for a file: the sidecar's behaviour while
 * it applies, else the file, the template or a 404.
 */
static void decide(struct reply *rp, struct meta *m, char *fpath,
		   const char *path, const char *query)
{
	char tpath[PATH_BUF + 8], q[PATH_BUF], *tmpl = NULL;
	size_t tlen = 0;
	struct stat st;
	unsigned long long n;
	long qn;
	int bad, active = 0, fd;

	if (ends_with(fpath, ".meta") || ends_with(fpath, ".tmpl")) {
		reply_text(rp, 404, "404 not found\n");
		return;
	}
	out_of_fds = 0;
	fd = open_file(fpath, PATH_BUF, &st);
	bad = meta_load(fpath, m);
	if (out_of_fds) {
		if (fd >= 0)
			close(fd);
		reply_text(rp, 503, "503 out of file descriptors\n");
		return;
	}
	if (bad) {
		if (fd >= 0)
			close(fd);
		fprintf(stderr, "fakeweb: %s.meta:%d: bad line\n", fpath, bad);
		reply_text(rp, 500, "500 bad meta file\n");
		return;
	}
	if (m->present)
		active = m->count < 0 ||
			 hit_bump(fpath) <= (unsigned long)m->count;
	if (m->lat_min >= 0)
		rp->delay = rand_between(m->lat_min, m->lat_max);
	if (m->hold)
		rp->hold = xstrdup(m->hold);
	if (active) {
		rp->mode = m->mode;
		rp->m = m;
		if (m->status)
			rp->status = m->status;
	}
	rp->ctype = m->ctype ? m->ctype : type_for(fpath, rp->mode == M_GZIP);
	rp->gzip = rp->mode == M_GZIP;
	if (rp->mode == M_REDIRECT || rp->mode == M_LOOP) {
		if (!m->status)
			rp->status = 302;
		if (rp->mode == M_REDIRECT) {
			rp->location = m->location ? m->location : "/";
		} else {
			n = 0;
			if (query_param(query, "n", q, sizeof(q)) > 0 &&
			    parse_num(q, 1UL << 30, &n))
				n = 0;
			snprintf(tpath, sizeof(tpath), "%.4000s?n=%llu", path,
				 n + 1);
			rp->location = xstrdup(tpath);
		}
		reply_text(rp, rp->status, "redirect\n");
	} else if (rp->mode == M_HUGE) {
		rp->src = SRC_GEN;
		rp->len = m->has_size ? m->size : HUGE_DEFAULT;
	} else if (active && m->body) {
		rp->src = SRC_MEM;
		rp->mem = xstrdup(m->body);
		rp->len = strlen(m->body);
	} else if (active && (rp->status < 200 || rp->status > 299)) {
		snprintf(q, sizeof(q), "%d %s\n", rp->status,
			 reason(rp->status));
		reply_text(rp, rp->status, q);
	} else if (fd >= 0) {
		rp->src = SRC_FD;
		rp->fd = fd;
		rp->len = (unsigned long long)st.st_size;
		fd = -1;
	} else if (snprintf(tpath, sizeof(tpath), "%s.tmpl", fpath) <
		   (int)sizeof(tpath) && (tmpl = read_small(tpath, &tlen))) {
		qn = query_param(query, "q", q, sizeof(q));
		rp->src = SRC_MEM;
		rp->mem = render(tmpl, tlen, q, qn < 0 ? 0 : (size_t)qn,
				 rp->ctype, &rp->len);
		free(tmpl);
	} else {
		reply_text(rp, out_of_fds ? 503 : 404, out_of_fds ?
			   "503 out of file descriptors\n" : "404 not found\n");
		rp->mode = M_NONE;
		rp->m = NULL;
	}
	if (fd >= 0)
		close(fd);
}

/*
 * Queue the head of a reply and the first of its body, and set the
 * connection to wait out the delay or to send.
 */
static void start_reply(struct conn *c, struct reply *rp, int head)
{
	unsigned long long declared = rp->len, actual = rp->len;
	const struct meta *m = rp->m;
	int i;

	c->drip_ms = 0;
	c->drip_ready = 0;
	if (rp->mode == M_HALF) {
		declared = m->has_size && m->size > actual ? m->size :
			   2 * actual + 1;
		c->end = END_FIN;
	} else if (rp->mode == M_RESET) {
		actual = m->reset_at_headers ? 0 : actual / 2;
		c->end = END_RST;
	} else if (rp->mode == M_DRIP) {
		c->drip_ms = m->drip_ms;
	}
	if (m && m->no_length && c->end == END_KEEP)
		c->end = END_FIN;
	if (head) {
		actual = 0;
		c->drip_ms = 0;
	}
	c->out.len = c->out_off = 0;
	buf_printf(&c->out, "HTTP/1.1 %d %s\r\nServer: fakeweb\r\n",
		   rp->status, reason(rp->status));
	if (rp->ctype)
		buf_printf(&c->out, "Content-Type: %s\r\n", rp->ctype);
	if (!m || !m->no_length)
		buf_printf(&c->out, "Content-Length: %llu\r\n", declared);
	if (rp->gzip)
		buf_addstr(&c->out, "Content-Encoding: gzip\r\n");
	if (rp->location)
		buf_printf(&c->out, "Location: %s\r\n", rp->location);
	for (i = 0; m && i < m->nhdr; i++)
		buf_printf(&c->out, "%s\r\n", m->hdr[i]);
	buf_printf(&c->out, "Connection: %s\r\n\r\n",
		   c->end == END_KEEP ? "keep-alive" : "close");
	c->src = rp->src;
	c->src_fd = rp->src == SRC_FD ? rp->fd : -1;
	c->src_mem = rp->mem;
	c->src_off = 0;
	c->src_left = actual;
	rp->mem = NULL;
	if (!actual)
		src_release(c);
	c->state = ST_SEND;
	free(c->hold);
	c->hold = rp->hold;
	rp->hold = NULL;
	if (rp->delay > 0 || c->hold) {
		c->state = ST_WAIT;
		timer_set(c, rp->delay > 0 ? rp->delay : 1);
	}
}

/*
 * Answer one parsed request: log it, find what to send and queue it.
 * Returns -1 if the connection must go.
 */
static int respond(struct conn *c, struct req *r)
{
	struct reply rp = { .status = 200, .fd = -1 };
	struct meta m = { .buf = NULL };
	char fpath[PATH_BUF], dpath[PATH_BUF], *path, *query, *host;
	long n;
	int rc = 0;

	nrequests++;
	c->end = r->close ? END_FIN : END_KEEP;
	rp.delay = rand_between(lat_min, lat_max);
	path = r->target;
	if (!strncasecmp(path, "http://", 7) ||
	    !strncasecmp(path, "https://", 8)) {
		path = strstr(path, "://") + 3;
		path += strcspn(path, "/");
	}
	host = r->host ? r->host : "";
	n = host_ok(host);
	log_request(r, host, path);
	query = path + strcspn(path, "?");
	if (*query)
		*query++ = '\0';
	if (!r->host || !n || *path != '/') {
		reply_text(&rp, 400, "400 bad request\n");
		c->end = END_FIN;
	} else if (!strcmp(path, "/_fakeweb/reset")) {
		hits_clear();
		reply_text(&rp, 200, "reset\n");
	} else if ((n = pct_decode(path, strlen(path), dpath,
				   sizeof(dpath) - 1, 0)) < 0) {
		reply_text(&rp, 414, "414 path too long\n");
	} else if (memchr(dpath, '\0', (size_t)n) || has_dotdot(dpath)) {
		reply_text(&rp, 403, "403 forbidden\n");
	} else if ((size_t)snprintf(fpath, sizeof(fpath) - 12, "%s/%s%s", root,
				    host, dpath) >= sizeof(fpath) - 12) {
		reply_text(&rp, 414, "414 path too long\n");
	} else {
		decide(&rp, &m, fpath, path, query);
	}
	start_reply(c, &rp, !strcmp(r->method, "HEAD"));
	if (c->src_left && !c->drip_ms && refill(c, CHUNK))
		rc = -1;
	if (rp.location && rp.mode == M_LOOP)
		free((char *)rp.location);
	free(rp.mem);
	free(rp.hold);
	free(m.buf);
	return rc;
}

/* Does the comma-separated header value v hold the token tok? */
static int has_token(const char *v, const char *tok)
{
	size_t n = strlen(tok), len;

	while (*v) {
		while (*v == ' ' || *v == ',')
			v++;
		len = strcspn(v, ", ");
		if (len == n && !strncasecmp(v, tok, n))
			return 1;
		v += len;
	}
	return 0;
}

/*
 * Take one whole request from the buffer and answer it.  Returns 1 when a
 * reply is under way, 0 when more bytes are needed, -1 to close.
 */
static int parse_one(struct conn *c)
{
	struct req r = { NULL, NULL, NULL, NULL, 0 };
	struct reply rp = { .fd = -1 };
	char *line, *next, *end = NULL, *val, *sp;
	unsigned long long clen = 0;
	size_t i, head;
	int v11, bad = 0, rc;

	if (c->skip) {
		i = c->in_len < c->skip ? c->in_len : (size_t)c->skip;
		memmove(c->in, c->in + i, c->in_len - i);
		c->in_len -= i;
		c->skip -= i;
		if (c->skip)
			return 0;
	}
	for (i = 0; i + 1 < c->in_len; i++) {
		if (c->in[i] != '\n')
			continue;
		if (c->in[i + 1] == '\n') {
			end = c->in + i + 2;
			break;
		}
		if (c->in[i + 1] == '\r' && i + 2 < c->in_len &&
		    c->in[i + 2] == '\n') {
			end = c->in + i + 3;
			break;
		}
	}
	if (!end) {
		if (c->in_len < IN_MAX)
			return 0;
		nrequests++;
		c->end = END_FIN;
		c->in_len = 0;
		reply_text(&rp, 431, "431 request head too large\n");
		start_reply(c, &rp, 0);
		refill(c, CHUNK);
		return 1;
	}
	head = (size_t)(end - c->in);
	end[-1] = '\0';
	line = c->in;
	next = strchr(line, '\n');
	*next++ = '\0';
	trim(line);
	r.method = line;
	sp = strchr(line, ' ');
	if (sp) {
		*sp++ = '\0';
		r.target = sp;
		sp = strchr(sp, ' ');
	}
	if (!sp || (strcmp(sp + 1, "HTTP/1.1") && strcmp(sp + 1, "HTTP/1.0"))) {
		bad = 1;
		r.target = "/";
	} else {
		*sp = '\0';
	}
	v11 = sp && !strcmp(sp + 1, "HTTP/1.1");
	r.close = !v11;
	for (line = next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line = trim(line);
		if (!*line)
			break;
		val = strchr(line, ':');
		if (!val) {
			bad = 1;
			continue;
		}
		*val++ = '\0';
		val = trim(val);
		if (!strcasecmp(line, "host"))
			r.host = val;
		else if (!strcasecmp(line, "user-agent"))
			r.ua = val;
		else if (!strcasecmp(line, "connection"))
			r.close = has_token(val, "close") ||
				  (!v11 && !has_token(val, "keep-alive"));
		else if (!strcasecmp(line, "content-length"))
			bad |= parse_num(val, 1ULL << 40, &clen) != 0;
		else if (!strcasecmp(line, "transfer-encoding"))
			bad = 1;
	}
	if (bad) {
		r.host = NULL;
		r.close = 1;
	}
	rc = respond(c, &r);
	memmove(c->in, c->in + head, c->in_len - head);
	c->in_len -= head;
	c->skip = clen;
	return rc < 0 ? -1 : 1;
}

/*
 * Move a connection along as far as it can go without waiting: read and
 * answer requests, send replies, and park it on a timer or on epoll.
 */
static void conn_drive(struct conn *c)
{
	enum flush f;
	ssize_t n;
	int r;

	for (;;) {
		switch (c->state) {
		case ST_READ:
			r = parse_one(c);
			if (r < 0) {
				conn_close(c, 0);
				return;
			}
			if (r > 0)
				continue;
			if (c->in_cap - c->in_len < 512 && c->in_cap < IN_MAX) {
				c->in_cap *= 2;
				c->in = xrealloc(c->in, c->in_cap);
			}
			n = conn_recv(c, c->in + c->in_len,
				      c->in_cap - c->in_len);
			if (n > 0) {
				c->in_len += (size_t)n;
				continue;
			}
			if (n == -1) {
				conn_want(c, c->want);
				return;
			}
			conn_close(c, 0);
			return;
		case ST_SEND:
			f = conn_flush(c);
			if (f == F_ERROR) {
				conn_close(c, 0);
				return;
			}
			if (f == F_BLOCKED) {
				conn_want(c, c->want);
				return;
			}
			if (f == F_PAUSED) {
				c->state = ST_DRIP;
				timer_set(c, c->drip_ms);
				conn_want(c, 0);
				return;
			}
			src_release(c);
			if (c->end == END_FIN) {
				conn_close(c, 0);
				return;
			}
			if (c->end == END_RST) {
				c->state = ST_CUT;
				timer_set(c, RESET_DELAY_MS);
				conn_want(c, 0);
				return;
			}
			c->state = ST_READ;
			continue;
		default:
			conn_want(c, 0);
			return;
		}
	}
}

/* A timer is due: the delay is over, a drip ticks or an RST is due. */
static void conn_timer(struct conn *c)
{
	switch (c->state) {
	case ST_WAIT:
		if (c->hold && access(c->hold, F_OK) != 0) {
			timer_set(c, HOLD_POLL_MS);
			return;
		}
		free(c->hold);
		c->hold = NULL;
		c->state = ST_SEND;
		break;
	case ST_DRIP:
		c->drip_ready = 1;
		c->state = ST_SEND;
		break;
	case ST_CUT:
		conn_close(c, 1);
		return;
	default:
		return;
	}
	conn_drive(c);
}

static void conn_event(struct conn *c, uint32_t ev)
{
	if ((ev & (EPOLLERR | EPOLLHUP)) && c->state != ST_READ &&
	    c->state != ST_SEND) {
		conn_close(c, 0);
		return;
	}
	conn_drive(c);
}

/* Take a new connection and watch it. */
static void conn_new(int fd, int tls)
{
	struct epoll_event e = { .events = EPOLLIN };
	struct conn *c = xrealloc(NULL, sizeof(*c));
	int one = 1;

	memset(c, 0, sizeof(*c));
	c->kind = K_CONN;
	c->fd = fd;
	c->src_fd = -1;
	c->heap_idx = -1;
	c->state = ST_READ;
	c->events = EPOLLIN;
	c->in_cap = IN_START;
	c->in = xrealloc(NULL, c->in_cap);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	(void)tls;
#ifdef FAKEWEB_TLS
	if (tls) {
		c->ssl = SSL_new(ssl_ctx);
		if (!c->ssl || !SSL_set_fd(c->ssl, fd)) {
			SSL_free(c->ssl);
			free(c->in);
			free(c);
			close(fd);
			return;
		}
		SSL_set_accept_state(c->ssl);
	}
#endif
	e.data.ptr = c;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &e)) {
#ifdef FAKEWEB_TLS
		SSL_free(c->ssl);
#endif
		free(c->in);
		free(c);
		close(fd);
		return;
	}
	c->next = conns;
	if (conns)
		conns->prev = c;
	conns = c;
}

/*
 * Accept every waiting connection.  Out of descriptors, the spare one is
 * given up to accept and drop a connection, so that it does not wait and
 * wake us for ever.
 */
static void accept_all(struct listener *l)
{
	int fd;

	for (;;) {
		fd = accept(l->fd, NULL, NULL);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if ((errno == EMFILE || errno == ENFILE) &&
			    reserve_fd >= 0) {
				close(reserve_fd);
				fd = accept(l->fd, NULL, NULL);
				if (fd >= 0)
					close(fd);
				reserve_fd = open("/dev/null", O_RDONLY);
				fputs("fakeweb: out of descriptors\n", stderr);
			}
			return;
		}
		if (fcntl(fd, F_SETFL, O_NONBLOCK)) {
			close(fd);
			continue;
		}
		conn_new(fd, l->tls);
	}
}

/* Listen on 127.0.0.1:port, and only there. */
static void listen_on(struct listener *l, int port)
{
	struct sockaddr_in sa;
	struct epoll_event e = { .events = EPOLLIN, .data.ptr = l };
	socklen_t len = sizeof(sa);
	int one = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (l->fd < 0)
		die("socket: %s", strerror(errno));
	setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l->fd, (struct sockaddr *)&sa, sizeof(sa)))
		die("bind 127.0.0.1:%d: %s", port, strerror(errno));
	if (listen(l->fd, 4096) || fcntl(l->fd, F_SETFL, O_NONBLOCK) ||
	    getsockname(l->fd, (struct sockaddr *)&sa, &len))
		die("listen: %s", strerror(errno));
	l->port = ntohs(sa.sin_port);
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, l->fd, &e))
		die("epoll_ctl: %s", strerror(errno));
}

/* Raise the soft limit on open files to the hard one. */
static void raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* Write the ports to file through a temporary, so it appears whole. */
static void write_port_file(const char *file)
{
	char tmp[PATH_BUF];
	FILE *f;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", file) >= sizeof(tmp))
		die("port file name too long");
	f = fopen(tmp, "w");
	if (!f)
		die("%s: %s", tmp, strerror(errno));
	fprintf(f, "%d\n", plain_l.port);
	if (tls_l.fd >= 0)
		fprintf(f, "%d\n", tls_l.port);
	if (fclose(f) || rename(tmp, file))
		die("%s: %s", file, strerror(errno));
}

#ifdef FAKEWEB_TLS
static void tls_setup(const char *cert, const char *key)
{
	ssl_ctx = SSL_CTX_new(TLS_server_method());
	if (!ssl_ctx ||
	    SSL_CTX_use_certificate_chain_file(ssl_ctx, cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ssl_ctx, key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(ssl_ctx) != 1)
		die("cannot load TLS certificate %s and key %s", cert, key);
	SSL_CTX_set_mode(ssl_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
			 SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
}
#endif

static void usage(void)
{
	fputs("usage: fakeweb --port N --root DIR [--latency-ms MIN[-MAX]]\n"
	      "               [--port-file FILE] [--log FILE]\n"
	      "               [--tls-cert C --tls-key K --tls-port N]\n",
	      stderr);
	exit(64);
}

/* Run the loop until a signal: events first, then the timers due. */
static void serve(int sfd)
{
	struct epoll_event ev[MAX_EVENTS];
	struct signalfd_siginfo si;
	long long now, wait;
	int i, n, *kind;

	for (;;) {
		wait = -1;
		if (heap_len) {
			wait = heap[0]->deadline - now_ms();
			if (wait < 0)
				wait = 0;
		}
		n = epoll_wait(epfd, ev, MAX_EVENTS, (int)wait);
		if (n < 0 && errno != EINTR)
			die("epoll_wait: %s", strerror(errno));
		for (i = 0; i < n; i++) {
			kind = ev[i].data.ptr;
			if (*kind == K_SIGNAL) {
				if (read(sfd, &si, sizeof(si)) > 0)
					return;
			} else if (*kind == K_LISTEN) {
				accept_all((struct listener *)kind);
			} else {
				conn_event((struct conn *)kind, ev[i].events);
			}
		}
		now = now_ms();
		while (heap_len && heap[0]->deadline <= now) {
			struct conn *c = heap[0];

			timer_clear(c);
			conn_timer(c);
		}
	}
}

int main(int argc, char **argv)
{
	static enum kind sig_kind = K_SIGNAL;
	const char *port_file = NULL, *log_file = NULL;
	const char *cert = NULL, *key = NULL;
	unsigned long long v;
	long long port = -1, tls_port = -1;
	struct epoll_event e = { .events = EPOLLIN, .data.ptr = &sig_kind };
	struct stat st;
	sigset_t mask;
	int i, sfd;

	for (i = 1; i < argc; i++) {
		const char *o = argv[i], *a = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(o, "--help") || !strcmp(o, "-h"))
			usage();
		if (!a)
			usage();
		i++;
		if (!strcmp(o, "--port") && !parse_num(a, 65535, &v))
			port = (long long)v;
		else if (!strcmp(o, "--tls-port") && !parse_num(a, 65535, &v))
			tls_port = (long long)v;
		else if (!strcmp(o, "--root"))
			root = a;
		else if (!strcmp(o, "--latency-ms") &&
			 !parse_range(a, &lat_min, &lat_max))
			;
		else if (!strcmp(o, "--port-file"))
			port_file = a;
		else if (!strcmp(o, "--log"))
			log_file = a;
		else if (!strcmp(o, "--tls-cert"))
			cert = a;
		else if (!strcmp(o, "--tls-key"))
			key = a;
		else
			usage();
	}
	if (port < 0 || !root || (!cert != !key) || (!cert != (tls_port < 0)))
		usage();
	if (stat(root, &st) || !S_ISDIR(st.st_mode))
		die("--root %s: not a folder", root);
#ifndef FAKEWEB_TLS
	if (cert)
		die("built without TLS: rebuild with -DFAKEWEB_TLS -lssl");
#endif

	raise_nofile();
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sfd = signalfd(-1, &mask, 0);
	epfd = epoll_create1(0);
	if (sfd < 0 || epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, sfd, &e))
		die("epoll: %s", strerror(errno));
	reserve_fd = open("/dev/null", O_RDONLY);
	rng_state = (uint64_t)now_ms() * 2654435761ULL ^ (uint64_t)getpid();
	rng_state |= 1;
	if (log_file) {
		log_fd = open(log_file, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND,
			      0644);
		if (log_fd < 0)
			die("--log %s: %s", log_file, strerror(errno));
	}
	listen_on(&plain_l, (int)port);
#ifdef FAKEWEB_TLS
	if (cert) {
		tls_setup(cert, key);
		listen_on(&tls_l, (int)tls_port);
		printf("listening-tls 127.0.0.1:%d\n", tls_l.port);
	}
#endif
	printf("listening 127.0.0.1:%d\n", plain_l.port);
	fflush(stdout);
	if (port_file)
		write_port_file(port_file);

	serve(sfd);

	while (conns)
		conn_close(conns, 0);
	free(heap);
	hits_clear();
	close(plain_l.fd);
	if (tls_l.fd >= 0)
		close(tls_l.fd);
#ifdef FAKEWEB_TLS
	SSL_CTX_free(ssl_ctx);
#endif
	if (log_fd >= 0)
		close(log_fd);
	if (reserve_fd >= 0)
		close(reserve_fd);
	close(sfd);
	close(epfd);
	fprintf(stderr, "fakeweb: stopped after %llu requests\n", nrequests);
	return 0;
}
