/*
 * test_fetch.c: the fetcher against tests/fakeweb, which the test starts
 * on a free loopback port with a fixture tree made in its own folder under
 * /tmp.  CONNECT_TO sends the made-up host names to that server, so
 * nothing here ever reaches an address but loopback.  One test per
 * outcome and misbehaviour: each checks the outcome, the status, the
 * detail, the attempts and that the callback ran exactly once; the
 * server's request log shows what was (and was not) sent.  Then the SSRF
 * guard's address classes and the query escaping.
 */
#define _XOPEN_SOURCE 700     /* nftw */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "crypto.h"
#include "err.h"
#include "fetch.h"

/* ---- the scratch folder and the fixture tree ----------------------------- */

static char dir[64];
static char root[128], logpath[128];
static int have_tls;

static const char *at(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size)
		abort();
	return out;
}

/* mkdir -p for the folders of path. */
static void make_parents(const char *path)
{
	char p[512];
	char *s;

	at(p, sizeof(p), "%s", path);
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
}

/* Write root/rel with the given bytes. */
static void put_bytes(const char *rel, const void *data, size_t len)
{
	char path[512];
	FILE *fp;

	at(path, sizeof(path), "%s/%s", root, rel);
	make_parents(path);
	fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, len, fp) != len) {
		fprintf(stderr, "cannot write %s\n", path);
		abort();
	}
	fclose(fp);
}

/* Write root/rel from a format. */
static void put(const char *rel, const char *fmt, ...)
{
	char text[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(text))
		abort();
	put_bytes(rel, text, (size_t)n);
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void dir_remove(void)
{
	if (dir[0])
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Read a whole small file; NULL when absent.  The caller frees it. */
static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, fp) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = '\0';
	fclose(fp);
	return s;
}

/* How many lines of the server's log hold needle. */
static int log_count(const char *needle)
{
	char *text = slurp(logpath), *line, *end;
	int n = 0;

	if (!text)
		return 0;
	for (line = text; *line; line = end) {
		end = strchr(line, '\n');
		if (end)
			*end++ = '\0';
		else
			end = line + strlen(line);
		if (strstr(line, needle))
			n++;
	}
	free(text);
	return n;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void make_fixtures(void)
{
	char cmd[1024], path[256];
	static char big[40000];

	put("site.example/hello.txt", "hello world\n");
	put("site.example/ua.txt", "ua\n");
	put("site.example/ua2.txt", "ua\n");
	put("other.example/hello.txt", "other host\n");
	put("site.example/p401.html", "<p>members only</p>\n");
	put("site.example/p401.html.meta", "status: 401\n");
	put("site.example/p403.html", "<p>forbidden</p>\n");
	put("site.example/p403.html.meta", "status: 403\n");
	put("site.example/challenge.html.meta", "status: 403\nbody: <html>"
	    "<title>Just a moment...</title><p>checking your browser</p>"
	    "</html>\n");
	put("site.example/captcha.html.meta", "status: 403\nbody: <p>Please "
	    "solve this CAPTCHA to go on</p>\n");
	put("site.example/limited.txt", "now fine\n");
	put("site.example/limited.txt.meta", "status: 429\nheader: "
	    "Retry-After: 1\ncount: 2\n");
	put("site.example/always429.txt.meta", "status: 429\n");
	put("site.example/wait.txt.meta", "status: 429\nheader: Retry-After: "
	    "120\n");
	put("site.example/busy.txt", "recovered\n");
	put("site.example/busy.txt.meta", "status: 503\ncount: 1\n");
	put("site.example/down.txt.meta", "status: 503\n");
	put("site.example/oops.txt.meta", "status: 500\n");
	memset(big, 'x', sizeof(big));
	put("site.example/drip.txt", "%.100s", big);
	put("site.example/drip.txt.meta", "mode: drip\ndrip-ms: 100\n");
	put_bytes("site.example/reset.txt", big, sizeof(big));
	put("site.example/reset.txt.meta", "mode: reset\n");
	put("site.example/half.txt", "half a body\n");
	put("site.example/half.txt.meta", "mode: half\nsize: 1000\n");
	put("site.example/huge.meta", "mode: huge\nsize: 50000000\n");
	/* 20 MB of zeros are some 20 kB of gzip. */
	at(path, sizeof(path), "%s/site.example/bomb.html", root);
	at(cmd, sizeof(cmd), "head -c 20000000 /dev/zero | gzip -c > '%s'",
	   path);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot make the gzip bomb\n");
	put("site.example/bomb.html.meta", "mode: gzip-bomb\n");
	at(path, sizeof(path), "%s/site.example/small.html", root);
	at(cmd, sizeof(cmd), "printf 'hello gzip' | gzip -c > '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot make the small gzip file\n");
	put("site.example/small.html.meta", "mode: gzip-bomb\n");
	put("site.example/loop.meta", "mode: redirect-loop\n");
	put("site.example/moved.meta", "mode: redirect\nlocation: "
	    "http://other.example/hello.txt\n");
	put("site.example/to10.meta", "mode: redirect\nlocation: "
	    "http://10.0.0.1/x\n");
	put("site.example/tometa.meta", "mode: redirect\nlocation: "
	    "http://169.254.169.254/latest/meta-data/\n");
	put("site.example/toftp.meta", "mode: redirect\nlocation: "
	    "ftp://site.example/x\n");
	/* Redirects that must pass the admission path again. */
	put("site.example/torobots.meta", "mode: redirect\nlocation: "
	    "http://robots.example/private/x\n");
	put("site.example/topublic.meta", "mode: redirect\nlocation: "
	    "http://robots.example/public\n");
	put("site.example/torate.meta", "mode: redirect\nlocation: "
	    "http://rate.example/r.txt?n=hop\n");
	put("site.example/ping.meta", "mode: redirect\nlocation: "
	    "http://other.example/pong\n");
	put("other.example/pong.meta", "mode: redirect\nlocation: "
	    "http://site.example/ping\n");
	put("site.example/rel.meta", "mode: redirect\nlocation: "
	    "/hello.txt\n");
	put("site.example/login/index.html", "<form>log in</form>\n");
	put("site.example/wall.meta", "mode: redirect\nlocation: "
	    "http://site.example/login/\n");
	/* robots.example: the "*" group disallows /private. */
	put("robots.example/robots.txt", "# test\nUser-agent: *\n"
	    "Disallow: /private\n");
	put("robots.example/private/x", "<p>private</p>\n");
	put("robots.example/public", "<p>public</p>\n");
	/* robots2.example: our own group wins over "*". */
	put("robots2.example/robots.txt", "User-agent: *\nDisallow: /\n\n"
	    "User-agent: duesearch\nDisallow: /ds-only\n");
	put("robots2.example/page", "<p>page</p>\n");
	put("robots2.example/ds-only/x", "<p>not for us</p>\n");
	/* norobots.example has no robots.txt; badrobots.example's fails. */
	put("norobots.example/page", "<p>page</p>\n");
	put("badrobots.example/robots.txt.meta", "status: 500\n");
	put("badrobots.example/page", "<p>page</p>\n");
	put("slow.example/slow.txt", "slow\n");
	put("slow.example/slow.txt.meta", "latency-ms: 200\n");
	put("rate.example/r.txt", "r\n");
	put("tls.example/hello.txt", "over tls\n");
	put("many.example/a.txt", "a\n");
}

/* ---- the server ---------------------------------------------------------- */

static pid_t server_pid;
static unsigned port, tls_port;

/* Read the port file once it has want lines. */
static int read_ports(const char *pf, int want)
{
	char *text = slurp(pf), *p, *end;
	int lines = 0;
	long v[2] = { 0, 0 };

	if (!text)
		return 0;
	for (p = text; *p && lines < 2; p = end) {
		end = strchr(p, '\n');
		if (!end)
			break;
		*end++ = '\0';
		v[lines++] = strtol(p, NULL, 10);
	}
	free(text);
	if (lines < want)
		return 0;
	port = (unsigned)v[0];
	tls_port = want > 1 ? (unsigned)v[1] : 0;
	return port > 0;
}

static int server_start(void)
{
	const char *build = getenv("DS_BUILD");
	char fw[512], pf[128], out[128], cert[128], key[128], cmd[1024];
	int i, st;

	at(fw, sizeof(fw), "%s/fakeweb", build ? build : "build");
	at(pf, sizeof(pf), "%s/port", dir);
	at(out, sizeof(out), "%s/fakeweb.out", dir);
	at(cert, sizeof(cert), "%s/cert.pem", dir);
	at(key, sizeof(key), "%s/key.pem", dir);
	at(cmd, sizeof(cmd), "openssl req -x509 -newkey ec -pkeyopt "
	   "ec_paramgen_curve:prime256v1 -nodes -subj /CN=tls.example "
	   "-addext subjectAltName=DNS:tls.example -days 1 -keyout '%s' "
	   "-out '%s' >/dev/null 2>&1", key, cert);
	have_tls = system(cmd) == 0;
	if (!have_tls)
		printf("# no openssl certificate: the TLS tests are left "
		       "out\n");
	server_pid = fork();
	if (server_pid < 0)
		return 0;
	if (server_pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		if (have_tls)
			execl(fw, fw, "--port", "0", "--root", root,
			      "--port-file", pf, "--log", logpath,
			      "--tls-cert", cert, "--tls-key", key,
			      "--tls-port", "0", (char *)NULL);
		else
			execl(fw, fw, "--port", "0", "--root", root,
			      "--port-file", pf, "--log", logpath,
			      (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 1000; i++) {
		if (read_ports(pf, have_tls ? 2 : 1))
			return 1;
		if (waitpid(server_pid, &st, WNOHANG) == server_pid) {
			server_pid = 0;
			fprintf(stderr, "fakeweb (%s) exited early\n", fw);
			return 0;
		}
		usleep(10000);
	}
	return 0;
}

static void server_stop(void)
{
	int st;

	if (server_pid <= 0)
		return;
	kill(server_pid, SIGTERM);
	waitpid(server_pid, &st, 0);
	server_pid = 0;
}

/* ---- fetching ------------------------------------------------------------ */

static char allow_port[64], allow_tls[64];
static const char *allow_list[2];
static const char *hosts[] = {
	"site.example", "other.example", "robots.example", "robots2.example",
	"norobots.example", "badrobots.example", "slow.example",
	"rate.example", "many.example", "evil.example", NULL
};
static char connect_buf[16][96];
static const char *connect_list[16];
static size_t nconnect;

static void lists_make(void)
{
	size_t i;

	at(allow_port, sizeof(allow_port), "127.0.0.1:%u", port);
	at(allow_tls, sizeof(allow_tls), "127.0.0.1:%u", tls_port);
	allow_list[0] = allow_port;
	allow_list[1] = allow_tls;
	for (i = 0; hosts[i]; i++) {
		at(connect_buf[i], sizeof(connect_buf[i]),
		   "%s:80:127.0.0.1:%u", hosts[i], port);
		connect_list[i] = connect_buf[i];
	}
	at(connect_buf[i], sizeof(connect_buf[i]),
	   "tls.example:443:127.0.0.1:%u", tls_port);
	connect_list[i] = connect_buf[i];
	nconnect = i + 1;
}

/* Fast settings for the tests, with the fake server allowed. */
static void conf_base(struct ds_fetch_conf *c)
{
	ds_fetch_conf_default(c);
	c->host_rate = 0;
	c->backoff_ms = 50;
	c->max_retry_after_ms = 5000;
	c->connect_timeout_ms = 5000;
	c->total_timeout_ms = 20000;
	c->allow = allow_list;
	c->nallow = have_tls ? 2 : 1;
	c->connect_to = connect_list;
	c->nconnect_to = nconnect;
}

/* What one callback was told. */
struct got {
	unsigned calls;
	enum ds_outcome outcome;
	long status;
	unsigned attempts;
	char url[256];
	char final_url[256];
	char ctype[128];
	char detail[256];
	char *body;
	size_t body_len;
	uint8_t sha256[DS_SHA256_LEN];
	char retrieved[21];
};

static void got_release(struct got *g)
{
	free(g->body);
	memset(g, 0, sizeof(*g));
}

static void on_done(void *user, const struct ds_response *res)
{
	struct got *g = user;

	g->calls++;
	g->outcome = res->outcome;
	g->status = res->status;
	g->attempts = res->attempts;
	snprintf(g->url, sizeof(g->url), "%s", res->url);
	snprintf(g->final_url, sizeof(g->final_url), "%s", res->final_url);
	snprintf(g->ctype, sizeof(g->ctype), "%s", res->content_type);
	snprintf(g->detail, sizeof(g->detail), "%s",
		 res->detail ? res->detail : "");
	free(g->body);
	g->body = malloc(res->body_len + 1);
	if (g->body) {
		memcpy(g->body, res->body, res->body_len);
		g->body[res->body_len] = '\0';
	}
	g->body_len = res->body_len;
	memcpy(g->sha256, res->sha256, sizeof(g->sha256));
	memcpy(g->retrieved, res->retrieved, sizeof(g->retrieved));
	if (getenv("DS_TEST_VERBOSE"))
		fprintf(stderr, "  # %s: %s, HTTP %ld, %u attempts: %s\n",
			res->url, ds_outcome_name(res->outcome), res->status,
			res->attempts, res->detail ? res->detail : "");
}

/* Fetch one URL with conf; the callback's record lands in g. */
static int fetch_one(const struct ds_fetch_conf *conf, const char *url,
		     enum ds_req_kind kind, struct got *g)
{
	struct ds_fetch *f = NULL;
	struct ds_err err;
	int rc;

	memset(g, 0, sizeof(*g));
	ds_err_init(&err);
	rc = ds_fetch_new(&f, conf, &err);
	if (!rc)
		rc = ds_fetch_add(f, url, kind, NULL, on_done, g, &err);
	if (!rc)
		rc = ds_fetch_run(f, &err);
	if (rc)
		fprintf(stderr, "  fetch %s: %s\n", url, err.msg);
	ds_fetch_free(f);
	return rc;
}

/* Fetch one URL with the base settings. */
static int get(const char *url, enum ds_req_kind kind, struct got *g)
{
	struct ds_fetch_conf c;

	conf_base(&c);
	return fetch_one(&c, url, kind, g);
}

static int has(const char *s, const char *needle)
{
	return s && strstr(s, needle) != NULL;
}

/* ---- outcomes ------------------------------------------------------------ */

static void test_ok(void)
{
	uint8_t want[DS_SHA256_LEN];
	struct got g;

	REQUIRE(get("http://site.example/hello.txt", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_INT(g.status, 200);
	CHECK_INT(g.attempts, 1);
	CHECK_STR(g.body, "hello world\n");
	CHECK_INT(g.body_len, 12);
	ds_sha256("hello world\n", 12, want);
	CHECK(memcmp(g.sha256, want, sizeof(want)) == 0);
	CHECK_STR(g.url, "http://site.example/hello.txt");
	CHECK_STR(g.final_url, "http://site.example/hello.txt");
	CHECK(has(g.ctype, "text/plain"));
	CHECK_INT(strlen(g.retrieved), 20);
	CHECK_STR(ds_outcome_name(g.outcome), "ok");
	got_release(&g);
}

static void test_not_found(void)
{
	struct got g;

	REQUIRE(get("http://site.example/nope", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_NOT_FOUND);
	CHECK_INT(g.status, 404);
	CHECK_INT(g.attempts, 1);
	CHECK(has(g.detail, "404"));
	got_release(&g);
}

static void test_not_public(void)
{
	struct got g;

	REQUIRE(get("http://site.example/p401.html", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_NOT_PUBLIC);
	CHECK_INT(g.status, 401);
	CHECK(has(g.detail, "401"));
	got_release(&g);
	REQUIRE(get("http://site.example/p403.html", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_NOT_PUBLIC);
	CHECK_INT(g.status, 403);
	CHECK(has(g.detail, "403"));
	got_release(&g);
	/* A 200 that ends on a log-in page is not public either. */
	REQUIRE(get("http://site.example/wall", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_NOT_PUBLIC);
	CHECK(has(g.detail, "log-in"));
	got_release(&g);
}

static void test_blocked(void)
{
	struct got g;

	REQUIRE(get("http://site.example/challenge.html", DS_REQ_API,
		    &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_BLOCKED);
	CHECK_INT(g.status, 403);
	CHECK_INT(g.attempts, 1);
	got_release(&g);
	REQUIRE(get("http://site.example/captcha.html", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_BLOCKED);
	CHECK_INT(g.status, 403);
	got_release(&g);
}

static void test_retry_after(void)
{
	uint64_t t0 = now_ms(), ms;
	struct got g;

	REQUIRE(get("http://site.example/limited.txt", DS_REQ_API, &g) == 0);
	ms = now_ms() - t0;
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_INT(g.status, 200);
	CHECK_INT(g.attempts, 3);
	CHECK_STR(g.body, "now fine\n");
	/* Retry-After: 1, twice: about two seconds, not 2 x 50 ms. */
	CHECK(ms >= 1900);
	CHECK_INT(log_count(" /limited.txt "), 3);
	got_release(&g);
}

static void test_rate_limited(void)
{
	struct ds_fetch_conf c;
	struct got g;

	conf_base(&c);
	c.max_retries = 2;
	REQUIRE(fetch_one(&c, "http://site.example/always429.txt",
			  DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_RATE_LIMITED);
	CHECK_INT(g.status, 429);
	CHECK_INT(g.attempts, 3);
	CHECK(has(g.detail, "429"));
	CHECK_INT(log_count(" /always429.txt "), 3);
	got_release(&g);
}

static void test_retry_after_too_long(void)
{
	uint64_t t0 = now_ms();
	struct got g;

	REQUIRE(get("http://site.example/wait.txt", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_RATE_LIMITED);
	CHECK_INT(g.status, 429);
	CHECK_INT(g.attempts, 1);
	CHECK(has(g.detail, "120 s"));
	CHECK(has(g.detail, "longer than allowed"));
	CHECK(now_ms() - t0 < 10000);
	CHECK_INT(log_count(" /wait.txt "), 1);
	got_release(&g);
}

static void test_503(void)
{
	struct got g;

	REQUIRE(get("http://site.example/busy.txt", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_INT(g.attempts, 2);
	CHECK_STR(g.body, "recovered\n");
	got_release(&g);
	REQUIRE(get("http://site.example/down.txt", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_RATE_LIMITED);
	CHECK_INT(g.status, 503);
	CHECK_INT(g.attempts, 3);
	got_release(&g);
	/* A plain server error is retried too, and ends as failed. */
	REQUIRE(get("http://site.example/oops.txt", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_FAILED);
	CHECK_INT(g.status, 500);
	CHECK_INT(g.attempts, 3);
	got_release(&g);
}

static void test_timeout(void)
{
	struct ds_fetch_conf c;
	uint64_t t0 = now_ms();
	struct got g;

	conf_base(&c);
	c.total_timeout_ms = 400;
	c.max_retries = 1;
	REQUIRE(fetch_one(&c, "http://site.example/drip.txt", DS_REQ_API,
			  &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_TIMEOUT);
	CHECK_INT(g.attempts, 2);
	CHECK(g.detail[0] != '\0');
	/* The drip takes 10 s: the fetcher gave up long before. */
	CHECK(now_ms() - t0 < 8000);
	got_release(&g);
}

static void test_reset_and_half(void)
{
	struct got g;

	REQUIRE(get("http://site.example/reset.txt", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_FAILED);
	CHECK_INT(g.attempts, 3);
	CHECK(g.detail[0] != '\0');
	CHECK_INT(log_count(" /reset.txt "), 3);
	got_release(&g);
	REQUIRE(get("http://site.example/half.txt", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_FAILED);
	CHECK_INT(g.attempts, 3);
	CHECK(g.detail[0] != '\0');
	CHECK_INT(log_count(" /half.txt "), 3);
	got_release(&g);
}

static void test_huge(void)
{
	struct ds_fetch_conf c;
	struct got g;

	conf_base(&c);
	c.max_body = 1 << 20;
	REQUIRE(fetch_one(&c, "http://site.example/huge", DS_REQ_API,
			  &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_FAILED);
	CHECK(has(g.detail, "larger than"));
	CHECK(has(g.detail, "1048576"));
	CHECK_INT(g.attempts, 1);
	CHECK(g.body_len <= (size_t)1 << 20);
	got_release(&g);
}

static void test_gzip(void)
{
	struct ds_fetch_conf c;
	struct got g;

	conf_base(&c);
	c.max_body = 1 << 20;
	/* A small gzip body is decoded... */
	REQUIRE(fetch_one(&c, "http://site.example/small.html", DS_REQ_API,
			  &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_STR(g.body, "hello gzip");
	got_release(&g);
	/* ...so the limit counts the bytes after decompression. */
	REQUIRE(fetch_one(&c, "http://site.example/bomb.html", DS_REQ_API,
			  &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_FAILED);
	CHECK(has(g.detail, "larger than"));
	CHECK_INT(g.attempts, 1);
	got_release(&g);
}

static void test_redirects(void)
{
	struct ds_fetch_conf c;
	struct got g;

	REQUIRE(get("http://site.example/moved", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_STR(g.final_url, "http://other.example/hello.txt");
	CHECK_STR(g.body, "other host\n");
	got_release(&g);
	conf_base(&c);
	c.max_redirects = 3;
	REQUIRE(fetch_one(&c, "http://site.example/loop", DS_REQ_API,
			  &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_FAILED);
	CHECK(has(g.detail, "redirects"));
	CHECK_INT(g.attempts, 1);
	CHECK(log_count(" /loop") <= 5);
	got_release(&g);
}

static void test_redirect_private(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	struct ds_fetch_conf c;
	char url[128], meta[160];
	struct got g;
	int trap, fd;

	REQUIRE(get("http://site.example/to10", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK(has(g.detail, "10.0.0.1"));
	CHECK_INT(g.attempts, 1);
	got_release(&g);
	REQUIRE(get("http://site.example/tometa", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK(has(g.detail, "169.254.169.254"));
	got_release(&g);

	/* A loopback port nobody allowed: a listening trap that must stay
	 * untouched. */
	trap = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	REQUIRE(trap >= 0);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(trap, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(trap, 8) != 0 ||
	    getsockname(trap, (struct sockaddr *)&sa, &len) != 0) {
		close(trap);
		REQUIRE(!"a trap socket");
	}
	at(meta, sizeof(meta), "mode: redirect\nlocation: "
	   "http://127.0.0.1:%u/secret\n", ntohs(sa.sin_port));
	put("site.example/toport.meta", "%s", meta);
	conf_base(&c);
	c.total_timeout_ms = 3000;
	c.max_retries = 0;
	REQUIRE(fetch_one(&c, "http://site.example/toport", DS_REQ_API,
			  &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	at(url, sizeof(url), "127.0.0.1 port %u", ntohs(sa.sin_port));
	CHECK(has(g.detail, url));
	fd = accept(trap, NULL, NULL);
	CHECK(fd < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
	if (fd >= 0)
		close(fd);
	close(trap);
	CHECK_INT(log_count("/secret"), 0);
	got_release(&g);

	/* The same port asked for directly. */
	at(url, sizeof(url), "http://127.0.0.1:%u/secret",
	   ntohs(sa.sin_port));
	REQUIRE(fetch_one(&c, url, DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	got_release(&g);
}

static int fetch_many(const struct ds_fetch_conf *conf, size_t n,
		      const char *const *urls, const enum ds_req_kind *kinds,
		      struct got *g);

/*
 * Redirects are followed by the fetcher, not by curl: each hop goes
 * through the admission path again (issue 16, defect 9).
 */
static void test_redirect_robots(void)
{
	int before = log_count("GET robots.example /private/x ");
	int pub = log_count("GET robots.example /public ");
	struct got g;

	/* The target host's robots.txt disallows the path: not fetched. */
	REQUIRE(get("http://site.example/torobots", DS_REQ_PAGE, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK(has(g.detail, "robots"));
	CHECK_STR(g.url, "http://site.example/torobots");
	CHECK_INT(log_count("GET robots.example /private/x "), before);
	got_release(&g);
	/* An allowed path on the same host is fetched, robots.txt first. */
	REQUIRE(get("http://site.example/topublic", DS_REQ_PAGE, &g) == 0);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_STR(g.final_url, "http://robots.example/public");
	CHECK_STR(g.body, "<p>public</p>\n");
	CHECK_INT(log_count("GET robots.example /public "), pub + 1);
	got_release(&g);
	/* A relative Location is resolved against the URL answered. */
	REQUIRE(get("http://site.example/rel", DS_REQ_API, &g) == 0);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_STR(g.final_url, "http://site.example/hello.txt");
	CHECK_STR(g.body, "hello world\n");
	got_release(&g);
}

/* A hop to another host waits for that host's rate, like any start. */
static void test_redirect_rate(void)
{
	static const char *const urls[] = {
		"http://rate.example/r.txt?n=direct",
		"http://site.example/torate",
	};
	static const enum ds_req_kind kinds[2];
	struct ds_fetch_conf c;
	struct got g[2];
	uint64_t t0, ms;

	conf_base(&c);
	c.host_rate = 2;        /* one start per 500 ms per host */
	t0 = now_ms();
	REQUIRE(fetch_many(&c, 2, urls, kinds, g) == 0);
	ms = now_ms() - t0;
	CHECK_INT(g[0].outcome, DS_OUT_OK);
	CHECK_INT(g[1].outcome, DS_OUT_OK);
	CHECK_STR(g[1].final_url, "http://rate.example/r.txt?n=hop");
	/* rate.example started the direct request at once: the hop waited. */
	if (ms < 450 || getenv("DS_TEST_VERBOSE"))
		fprintf(stderr, "  the run took %llu ms\n",
			(unsigned long long)ms);
	CHECK(ms >= 450);
	CHECK_INT(log_count("GET rate.example /r.txt?n=hop "), 1);
	got_release(&g[0]);
	got_release(&g[1]);
}

/* A loop between two hosts ends at the limit. */
static void test_redirect_loop_hosts(void)
{
	struct ds_fetch_conf c;
	int ping = log_count("GET site.example /ping "),
	    pong = log_count("GET other.example /pong ");
	struct got g;

	conf_base(&c);
	c.max_redirects = 4;
	REQUIRE(fetch_one(&c, "http://site.example/ping", DS_REQ_PAGE,
			  &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_FAILED);
	CHECK(has(g.detail, "more than 4 redirects"));
	/* The first request and four hops: five requests in all. */
	CHECK_INT(log_count("GET site.example /ping ") - ping +
		  log_count("GET other.example /pong ") - pong, 5);
	got_release(&g);
}

/* A hop to a private address is refused; nothing connects to it. */
static void test_redirect_private_page(void)
{
	struct got g;

	REQUIRE(get("http://site.example/to10", DS_REQ_PAGE, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK(has(g.detail, "10.0.0.1") || has(g.detail, "robots"));
	got_release(&g);
}

static void test_loopback_not_allowed(void)
{
	struct ds_fetch_conf c;
	char url[128];
	struct got g;

	conf_base(&c);
	c.nallow = 0;
	c.max_retries = 0;
	at(url, sizeof(url), "http://localhost:%u/hello.txt", port);
	REQUIRE(fetch_one(&c, url, DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK(has(g.detail, "127.0.0.1") || has(g.detail, "::1"));
	CHECK_INT(log_count("GET localhost "), 0);
	got_release(&g);
	/* A public-looking name that leads to loopback is refused too. */
	REQUIRE(fetch_one(&c, "http://evil.example/hello.txt", DS_REQ_API,
			  &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK(has(g.detail, "127.0.0.1"));
	CHECK_INT(log_count("GET evil.example "), 0);
	got_release(&g);
	/* The same with the address allowed, bare: it goes through. */
	allow_list[0] = "127.0.0.1";
	conf_base(&c);
	c.nallow = 1;
	REQUIRE(fetch_one(&c, "http://evil.example/hello.txt", DS_REQ_API,
			  &g) == 0);
	allow_list[0] = allow_port;
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_NOT_FOUND);
	CHECK_INT(log_count("GET evil.example /hello.txt "), 1);
	got_release(&g);
}

static void test_schemes(void)
{
	static const char *const bad[] = {
		"ftp://site.example/x", "file:///etc/passwd",
		"gopher://site.example/", "not a url", "", NULL
	};
	struct ds_fetch_conf c;
	struct ds_fetch *f = NULL;
	struct ds_err err;
	struct got g;
	size_t i;

	REQUIRE(get("http://site.example/toftp", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK(has(g.detail, "scheme"));
	got_release(&g);

	conf_base(&c);
	ds_err_init(&err);
	REQUIRE(ds_fetch_new(&f, &c, &err) == 0);
	memset(&g, 0, sizeof(g));
	for (i = 0; bad[i]; i++) {
		ds_err_init(&err);
		CHECK_INT(ds_fetch_add(f, bad[i], DS_REQ_API, NULL, on_done,
				       &g, &err), DS_EDATA);
		CHECK_INT(err.code, DS_EDATA);
		CHECK(err.msg[0] != '\0');
	}
	CHECK_INT(ds_fetch_run(f, &err), 0);
	CHECK_INT(g.calls, 0);
	ds_fetch_free(f);
}

/* Several requests on one fetcher; each has its own record. */
static int fetch_many(const struct ds_fetch_conf *conf, size_t n,
		      const char *const *urls, const enum ds_req_kind *kinds,
		      struct got *g)
{
	struct ds_fetch *f = NULL;
	struct ds_err err;
	size_t i;
	int rc;

	ds_err_init(&err);
	memset(g, 0, n * sizeof(*g));
	rc = ds_fetch_new(&f, conf, &err);
	for (i = 0; !rc && i < n; i++)
		rc = ds_fetch_add(f, urls[i], kinds[i], NULL, on_done, &g[i],
				  &err);
	if (!rc)
		rc = ds_fetch_run(f, &err);
	if (rc)
		fprintf(stderr, "  fetch: %s\n", err.msg);
	ds_fetch_free(f);
	return rc;
}

static void test_robots(void)
{
	static const char *const urls[] = {
		"http://robots.example/private/x",
		"http://robots.example/public",
		"http://robots.example/private/x",
	};
	static const enum ds_req_kind kinds[] = {
		DS_REQ_PAGE, DS_REQ_PAGE, DS_REQ_API
	};
	struct ds_fetch_conf c;
	struct got g[3];
	size_t i;

	conf_base(&c);
	REQUIRE(fetch_many(&c, 3, urls, kinds, g) == 0);
	for (i = 0; i < 3; i++)
		CHECK_INT(g[i].calls, 1);
	CHECK_INT(g[0].outcome, DS_OUT_REFUSED);
	CHECK(has(g[0].detail, "robots"));
	CHECK_INT(g[1].outcome, DS_OUT_OK);
	CHECK_STR(g[1].body, "<p>public</p>\n");
	/* An API ignores robots.txt. */
	CHECK_INT(g[2].outcome, DS_OUT_OK);
	CHECK_INT(log_count("GET robots.example /robots.txt "), 1);
	/* Only the API request went out for /private/x. */
	CHECK_INT(log_count("GET robots.example /private/x "), 1);
	for (i = 0; i < 3; i++)
		got_release(&g[i]);
}

static void test_robots_groups(void)
{
	static const char *const urls[] = {
		"http://robots2.example/page",
		"http://robots2.example/ds-only/x",
	};
	static const enum ds_req_kind kinds[] = { DS_REQ_PAGE, DS_REQ_PAGE };
	struct ds_fetch_conf c;
	struct got g[2];

	conf_base(&c);
	REQUIRE(fetch_many(&c, 2, urls, kinds, g) == 0);
	CHECK_INT(g[0].calls, 1);
	CHECK_INT(g[1].calls, 1);
	/* The duesearch group applies, not "*" (which disallows all). */
	CHECK_INT(g[0].outcome, DS_OUT_OK);
	CHECK_INT(g[1].outcome, DS_OUT_REFUSED);
	CHECK(has(g[1].detail, "robots"));
	CHECK_INT(log_count("GET robots2.example /ds-only"), 0);
	got_release(&g[0]);
	got_release(&g[1]);
	/* With robots off in the configuration, pages go regardless. */
	conf_base(&c);
	c.robots = 0;
	REQUIRE(fetch_one(&c, "http://robots2.example/ds-only/x",
			  DS_REQ_PAGE, &g[0]) == 0);
	CHECK_INT(g[0].outcome, DS_OUT_OK);
	got_release(&g[0]);
}

static void test_robots_missing_or_failing(void)
{
	struct ds_fetch_conf c;
	uint64_t t0, ms;
	struct got g;

	/* 404: everything is allowed. */
	REQUIRE(get("http://norobots.example/page", DS_REQ_PAGE, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_INT(log_count("GET norobots.example /robots.txt "), 1);
	CHECK_INT(log_count("GET norobots.example /page "), 1);
	got_release(&g);
	/* A server error: nothing is (RFC 9309, "unreachable"). */
	conf_base(&c);
	c.max_retries = 0;
	t0 = now_ms();
	REQUIRE(fetch_one(&c, "http://badrobots.example/page", DS_REQ_PAGE,
			  &g) == 0);
	ms = now_ms() - t0;
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK(has(g.detail, "robots"));
	CHECK_INT(log_count("GET badrobots.example /page "), 0);
	CHECK_INT(log_count("GET badrobots.example /robots.txt "), 1);
	/* With nothing left to do the loop ends: no idle poll (1 s). */
	if (ms >= 900 || getenv("DS_TEST_VERBOSE"))
		fprintf(stderr, "  the run took %llu ms\n",
			(unsigned long long)ms);
	CHECK(ms < 900);
	got_release(&g);
}

static void test_per_host_limit(void)
{
	static const char *const urls[] = {
		"http://slow.example/slow.txt?n=1",
		"http://slow.example/slow.txt?n=2",
		"http://slow.example/slow.txt?n=3",
		"http://slow.example/slow.txt?n=4",
		"http://slow.example/slow.txt?n=5",
	};
	static const enum ds_req_kind kinds[5];
	struct ds_fetch_conf c;
	struct got g[5];
	uint64_t t0;
	size_t i;

	conf_base(&c);
	c.max_per_host = 1;
	c.max_total = 10;
	t0 = now_ms();
	REQUIRE(fetch_many(&c, 5, urls, kinds, g) == 0);
	/* One at a time, 200 ms each: a coarse lower bound only. */
	CHECK(now_ms() - t0 >= 950);
	for (i = 0; i < 5; i++) {
		CHECK_INT(g[i].calls, 1);
		CHECK_INT(g[i].outcome, DS_OUT_OK);
		got_release(&g[i]);
	}
	CHECK_INT(log_count("GET slow.example /slow.txt?n="), 5);
}

static void test_host_rate(void)
{
	static const char *const urls[] = {
		"http://rate.example/r.txt?n=1",
		"http://rate.example/r.txt?n=2",
		"http://rate.example/r.txt?n=3",
		"http://rate.example/r.txt?n=4",
	};
	static const enum ds_req_kind kinds[4];
	struct ds_fetch_conf c;
	struct got g[4];
	uint64_t t0;
	size_t i;

	conf_base(&c);
	c.host_rate = 5;
	t0 = now_ms();
	REQUIRE(fetch_many(&c, 4, urls, kinds, g) == 0);
	/* Five starts a second: three gaps of 200 ms at least. */
	CHECK(now_ms() - t0 >= 550);
	for (i = 0; i < 4; i++) {
		CHECK_INT(g[i].calls, 1);
		CHECK_INT(g[i].outcome, DS_OUT_OK);
		got_release(&g[i]);
	}
}

static void test_tls(void)
{
	struct ds_fetch_conf c;
	char ca[128];
	struct got g;

	if (!have_tls)
		return;
	REQUIRE(get("https://tls.example/hello.txt", DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_FAILED);
	CHECK(has(g.detail, "TLS"));
	CHECK_INT(g.attempts, 1);
	CHECK_INT(log_count("GET tls.example "), 0);
	got_release(&g);
	/* Trusting that certificate, the same request goes through. */
	conf_base(&c);
	c.ca_file = at(ca, sizeof(ca), "%s/cert.pem", dir);
	REQUIRE(fetch_one(&c, "https://tls.example/hello.txt", DS_REQ_API,
			  &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_STR(g.body, "over tls\n");
	got_release(&g);
}

static void test_user_agent(void)
{
	struct ds_fetch_conf c;
	struct got g;

	REQUIRE(get("http://site.example/ua.txt", DS_REQ_API, &g) == 0);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_INT(log_count("GET site.example /ua.txt duesearch/"), 1);
	got_release(&g);
	conf_base(&c);
	c.user_agent = "duesearch-test/1 (contact: dpo@example.org)";
	REQUIRE(fetch_one(&c, "http://site.example/ua2.txt", DS_REQ_API,
			  &g) == 0);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_INT(log_count("GET site.example /ua2.txt duesearch-test/1 "
			    "(contact: dpo@example.org)"), 1);
	got_release(&g);
}

/* Many requests with mixed outcomes: one callback each, and the stats. */
static void test_many(void)
{
	enum { N = 40 };
	static char ubuf[N][96];
	const char *urls[N];
	enum ds_req_kind kinds[N];
	struct ds_fetch_stats st;
	struct ds_fetch_conf c;
	struct ds_fetch *f = NULL;
	struct ds_err err;
	struct got *g = calloc(N, sizeof(*g));
	size_t i, ok = 0, nf = 0;

	REQUIRE(g);
	for (i = 0; i < N; i++) {
		if (i % 2)
			at(ubuf[i], sizeof(ubuf[i]),
			   "http://many.example/a.txt?i=%zu", i);
		else
			at(ubuf[i], sizeof(ubuf[i]),
			   "http://many.example/missing?i=%zu", i);
		urls[i] = ubuf[i];
		kinds[i] = DS_REQ_API;
	}
	conf_base(&c);
	c.max_total = 8;
	ds_err_init(&err);
	if (ds_fetch_new(&f, &c, &err) != 0) {
		free(g);
		REQUIRE(!"ds_fetch_new");
	}
	for (i = 0; i < N; i++)
		CHECK_INT(ds_fetch_add(f, urls[i], kinds[i], NULL, on_done,
				       &g[i], &err), 0);
	CHECK_INT(ds_fetch_run(f, &err), 0);
	ds_fetch_stats(f, &st);
	ds_fetch_free(f);
	for (i = 0; i < N; i++) {
		CHECK_INT(g[i].calls, 1);
		CHECK_STR(g[i].url, urls[i]);
		ok += g[i].outcome == DS_OUT_OK;
		nf += g[i].outcome == DS_OUT_NOT_FOUND;
		got_release(&g[i]);
	}
	free(g);
	CHECK_INT(ok, N / 2);
	CHECK_INT(nf, N / 2);
	CHECK_INT(st.done, N);
	CHECK_INT(st.running, 0);
	CHECK_INT(st.by_outcome[DS_OUT_OK], N / 2);
	CHECK_INT(st.by_outcome[DS_OUT_NOT_FOUND], N / 2);
}

/* A callback that queues a follow-up request, as connectors do. */
struct chain {
	struct ds_fetch *f;
	struct got first, second;
};

static void on_second(void *user, const struct ds_response *res)
{
	struct chain *ch = user;

	on_done(&ch->second, res);
}

static void on_first(void *user, const struct ds_response *res)
{
	struct chain *ch = user;

	on_done(&ch->first, res);
	if (ds_fetch_add(ch->f, "http://other.example/hello.txt",
			 DS_REQ_API, NULL, on_second, ch, NULL) != 0)
		fprintf(stderr, "  cannot queue the follow-up\n");
}

static void test_callback_adds(void)
{
	struct ds_fetch_conf c;
	struct chain ch;
	struct ds_err err;

	memset(&ch, 0, sizeof(ch));
	conf_base(&c);
	ds_err_init(&err);
	REQUIRE(ds_fetch_new(&ch.f, &c, &err) == 0);
	CHECK_INT(ds_fetch_add(ch.f, "http://site.example/hello.txt",
			       DS_REQ_API, NULL, on_first, &ch, &err), 0);
	CHECK_INT(ds_fetch_run(ch.f, &err), 0);
	ds_fetch_free(ch.f);
	CHECK_INT(ch.first.calls, 1);
	CHECK_INT(ch.second.calls, 1);
	CHECK_INT(ch.second.outcome, DS_OUT_OK);
	CHECK_STR(ch.second.body, "other host\n");
	got_release(&ch.first);
	got_release(&ch.second);
}

/* ---- the SSRF guard's address classes; query escaping -------------------- */

static int special(const char *ip)
{
	unsigned char a[16];

	if (inet_pton(AF_INET, ip, a) == 1)
		return ds_addr_is_special(AF_INET, a);
	if (inet_pton(AF_INET6, ip, a) == 1)
		return ds_addr_is_special(AF_INET6, a);
	fprintf(stderr, "  not an address: %s\n", ip);
	return -1;
}

/* ---- the check before a request about a subject goes ------------------ */

struct checker {
	unsigned calls, allow;  /* allow the first `allow` calls */
	void *seen;
};

static int check_subject_cb(void *user, void *subject, char *why,
			    size_t size)
{
	struct checker *k = user;

	k->seen = subject;
	if (k->calls++ < k->allow)
		return 0;
	snprintf(why, size, "the subject may no longer be searched");
	return -1;
}

/* Fetch one URL about a subject, with a checker. */
static int fetch_about(struct checker *k, void *subject, const char *url,
		       enum ds_req_kind kind, struct got *g)
{
	struct ds_fetch_conf c;
	struct ds_fetch *f = NULL;
	struct ds_err err;
	int rc;

	conf_base(&c);
	memset(g, 0, sizeof(*g));
	ds_err_init(&err);
	rc = ds_fetch_new(&f, &c, &err);
	if (!rc) {
		ds_fetch_set_check(f, check_subject_cb, k);
		rc = ds_fetch_add_about(f, subject, url, kind, NULL, on_done,
					g, &err);
	}
	if (!rc)
		rc = ds_fetch_run(f, &err);
	ds_fetch_free(f);
	return rc;
}

static void test_subject_check(void)
{
	struct checker k = { 0 };
	int subject, before, hop;
	struct got g;

	/* Refused at once: nothing reaches the server. */
	before = log_count("site.example /hello.txt ");
	REQUIRE(fetch_about(&k, &subject, "http://site.example/hello.txt",
			    DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK(has(g.detail, "not sent: the subject may no longer"));
	CHECK_INT(k.calls, 1);
	CHECK(k.seen == &subject);
	CHECK_INT(log_count("site.example /hello.txt "), before);
	got_release(&g);

	/* Allowed throughout: asked before curl has it and before it sends. */
	memset(&k, 0, sizeof(k));
	k.allow = 100;
	REQUIRE(fetch_about(&k, &subject, "http://site.example/hello.txt",
			    DS_REQ_API, &g) == 0);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_STR(g.body, "hello world\n");
	CHECK_INT(k.calls, 2);
	CHECK_INT(log_count("site.example /hello.txt "), before + 1);
	got_release(&g);

	/*
	 * Refused between a redirect and the hop it leads to: the first
	 * request goes, the second is never sent.
	 */
	memset(&k, 0, sizeof(k));
	k.allow = 2;
	hop = log_count("other.example /hello.txt ");
	before = log_count("site.example /moved ");
	REQUIRE(fetch_about(&k, &subject, "http://site.example/moved",
			    DS_REQ_API, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK_INT(k.calls, 3);
	CHECK_INT(log_count("site.example /moved "), before + 1);
	CHECK_INT(log_count("other.example /hello.txt "), hop);
	got_release(&g);

	/* A page that may not go costs no robots.txt either. */
	memset(&k, 0, sizeof(k));
	before = log_count("robots.example /robots.txt ");
	hop = log_count("robots.example /public ");
	REQUIRE(fetch_about(&k, &subject, "http://robots.example/public",
			    DS_REQ_PAGE, &g) == 0);
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.outcome, DS_OUT_REFUSED);
	CHECK_INT(log_count("robots.example /robots.txt "), before);
	CHECK_INT(log_count("robots.example /public "), hop);
	got_release(&g);
	/* Allowed, the same page costs one robots.txt and is fetched. */
	k.allow = 100;
	k.calls = 0;
	REQUIRE(fetch_about(&k, &subject, "http://robots.example/public",
			    DS_REQ_PAGE, &g) == 0);
	CHECK_INT(g.outcome, DS_OUT_OK);
	CHECK_INT(log_count("robots.example /robots.txt "), before + 1);
	CHECK_INT(log_count("robots.example /public "), hop + 1);
	got_release(&g);

	/* A request about nobody (robots.txt, say) is never asked about. */
	{
		struct ds_fetch_conf c;
		struct ds_fetch *f = NULL;
		struct ds_err err;

		memset(&k, 0, sizeof(k));
		conf_base(&c);
		memset(&g, 0, sizeof(g));
		ds_err_init(&err);
		REQUIRE(ds_fetch_new(&f, &c, &err) == 0);
		ds_fetch_set_check(f, check_subject_cb, &k);
		REQUIRE(ds_fetch_add(f, "http://site.example/hello.txt",
				     DS_REQ_API, NULL, on_done, &g,
				     &err) == 0);
		REQUIRE(ds_fetch_run(f, &err) == 0);
		ds_fetch_free(f);
		CHECK_INT(g.outcome, DS_OUT_OK);
		CHECK_INT(k.calls, 0);
		got_release(&g);
	}
}

static void test_addr_special(void)
{
	static const char *const yes[] = {
		"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
		"192.168.1.1", "127.0.0.1", "127.255.0.1", "169.254.169.254",
		"100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3",
		"224.0.0.1", "239.255.255.250", "255.255.255.255",
		"192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1",
		"::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
		"::ffff:10.0.0.1", "::ffff:127.0.0.1", "2001:db8::1",
		"ff02::1", "fec0::1", "2002:0a00:0001::1",
		"192.31.196.1", "192.52.193.9", "192.175.48.6",
		"2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
		"64:ff9b::10.0.0.1", "64:ff9b::127.0.0.1", "64:ff9b:1::1",
		"64:ff9b:ffff::1", NULL
	};
	static const char *const no[] = {
		"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.15.255.255",
		"172.32.0.1", "100.63.255.255", "100.128.0.1", "192.169.0.1",
		"2606:4700::1", "2a00:1450:4009::200e", "::ffff:93.184.216.34",
		"2002:5db8:d822::1", "64:ff9b::93.184.216.34",
		"64:ff9b::8.8.8.8", "2001:4860:4860::8888", NULL
	};
	size_t i;

	for (i = 0; yes[i]; i++)
		if (special(yes[i]) != 1) {
			fprintf(stderr, "  %s should be special\n", yes[i]);
			CHECK(!"special");
		}
	for (i = 0; no[i]; i++)
		if (special(no[i]) != 0) {
			fprintf(stderr, "  %s should not be special\n", no[i]);
			CHECK(!"not special");
		}
	/* An unknown family is refused. */
	CHECK_INT(ds_addr_is_special(AF_UNIX, "x"), 1);
}

static void test_url_escape(void)
{
	struct buf b;

	buf_init(&b, 1024);
	CHECK_INT(ds_url_escape(&b, "a b&c=d/\xc3\xa9#"), 0);
	CHECK_STR(b.ptr, "a%20b%26c%3Dd%2F%C3%A9%23");
	buf_reset(&b);
	CHECK_INT(ds_url_escape(&b, "Az09-._~?+%\"'"), 0);
	CHECK_STR(b.ptr, "Az09-._~%3F%2B%25%22%27");
	buf_reset(&b);
	CHECK_INT(ds_url_escape(&b, ""), 0);
	CHECK_INT(b.len, 0);
	buf_release(&b);
	/* The cap holds: a too-long query is refused. */
	buf_init(&b, 8);
	CHECK(ds_url_escape(&b, "\xff\xff\xff\xff") != 0);
	buf_release(&b);
}

static void test_outcome_names(void)
{
	CHECK_STR(ds_outcome_name(DS_OUT_OK), "ok");
	CHECK_STR(ds_outcome_name(DS_OUT_NOT_FOUND), "not-found");
	CHECK_STR(ds_outcome_name(DS_OUT_NOT_PUBLIC), "not-public");
	CHECK_STR(ds_outcome_name(DS_OUT_BLOCKED), "blocked");
	CHECK_STR(ds_outcome_name(DS_OUT_RATE_LIMITED), "rate-limited");
	CHECK_STR(ds_outcome_name(DS_OUT_FAILED), "failed");
	CHECK_STR(ds_outcome_name(DS_OUT_TIMEOUT), "timed-out");
	CHECK_STR(ds_outcome_name(DS_OUT_REFUSED), "refused");
	CHECK_STR(ds_outcome_name(DS_OUT_NCODES), "unknown");
}

static void test_server_started(void)
{
	CHECK(port > 0);
}

int main(void)
{
	int up;

	/* Nothing may go through a proxy from the environment. */
	unsetenv("http_proxy");
	unsetenv("https_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("ALL_PROXY");
	unsetenv("all_proxy");
	setenv("no_proxy", "*", 1);
	snprintf(dir, sizeof(dir), "/tmp/ds-test-fetch-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	at(root, sizeof(root), "%s/root", dir);
	at(logpath, sizeof(logpath), "%s/log.txt", dir);
	make_fixtures();
	up = server_start();
	RUN(test_server_started);
	RUN(test_addr_special);
	RUN(test_url_escape);
	RUN(test_outcome_names);
	if (up) {
		lists_make();
		RUN(test_ok);
		RUN(test_not_found);
		RUN(test_not_public);
		RUN(test_blocked);
		RUN(test_retry_after);
		RUN(test_rate_limited);
		RUN(test_retry_after_too_long);
		RUN(test_503);
		RUN(test_timeout);
		RUN(test_reset_and_half);
		RUN(test_huge);
		RUN(test_gzip);
		RUN(test_redirects);
		RUN(test_redirect_private);
		RUN(test_loopback_not_allowed);
		RUN(test_schemes);
		RUN(test_robots);
		RUN(test_robots_groups);
		RUN(test_robots_missing_or_failing);
		RUN(test_per_host_limit);
		RUN(test_host_rate);
		RUN(test_tls);
		RUN(test_user_agent);
		RUN(test_many);
		RUN(test_callback_adds);
		RUN(test_subject_check);
		/* After the robots tests: these fetch robots.txt again. */
		RUN(test_redirect_robots);
		RUN(test_redirect_rate);
		RUN(test_redirect_loop_hosts);
		RUN(test_redirect_private_page);
	}
	server_stop();
	dir_remove();
	return check_summary();
}
