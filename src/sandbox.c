/*
 * sandbox.c: the page parser's worker process, and the parent's side.
 *
 * ds_sandbox_start runs this same executable again (posix_spawn of
 * /proc/self/exe, opened first, so that it is the very file running even
 * if it has been replaced since) with an environment of its own and four
 * descriptors: /dev/null as stdin and stdout, the caller's stderr, and one
 * end of a socket pair as fd 3.  A new image rather than a fork, so that
 * nothing of the caller's memory (the key file's keys, decrypted fields)
 * or environment (API keys) is there to be read.  A constructor notices the
 * worker's environment before main would run, and never returns: it
 * opens the charset converters, parses a warm-up page so that every lazy
 * initialisation is done, gives up root if it has it, lowers its resource
 * limits, forbids core dumps and new privileges, installs a seccomp
 * filter, says it is ready and answers one request at a time.
 *
 * The filter allows reading fd 3, writing fds 3 and 2, memory management
 * without PROT_EXEC, futex, clock_gettime and exit.  open and openat fail
 * with EACCES, so that a charset whose converter was not loaded before
 * the filter fails like an unknown one; anything else kills the worker.
 *
 * The parent treats the answer as hostile input: every length is
 * bounded and every string checked (UTF-8 without NUL; links http or
 * https without spaces or controls; the date a real YYYY-MM-DD; the
 * charset a short lowercase name) before it becomes a struct ds_page.  A
 * worker that dies, stalls past the time-out or breaks the protocol is
 * killed and reaped, that page fails with DS_EDATA, and the next page
 * starts a new worker.
 *
 * Wire format, in host byte order (the same executable is at both ends):
 * each message is a u32 length and that many bytes.  A string is a u64
 * length (NO_STR for NULL), its bytes and a NUL.
 *   hello    "ok " WORKER_PROTO, or why the worker could not set up
 *   request  u64 max_input, max_text, max_links; u32 max_depth; string
 *            content type; string base URL; u64 body length; the body
 *   answer   u32 flags (ANS_*); on error u32 code, string message; else
 *            strings title, description, canonical, lang, published,
 *            text; u64 link count, the links; string charset; u32
 *            PAGE_* flags
 */
#define _GNU_SOURCE             /* posix_spawn_file_actions_addclosefrom_np */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <grp.h>
#include <iconv.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <seccomp.h>

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "page.h"
#include "sandbox.h"
#include "text.h"

#define WORKER_ENV "DUESEARCH_SANDBOX_WORKER"
#define WORKER_PROTO "duesearch-page-1"
#define TEST_ENV "DUESEARCH_SANDBOX_TEST"
#define TEST_MAGIC "DS-SANDBOX-TEST:"
#define WORKER_FD 3
#define EXE_FD 4                /* the executable, while it starts */
#define NOBODY 65534            /* who a worker started as root becomes */

#define MEM_LIMIT ((rlim_t)512 << 20)  /* address space of a worker */
#define CPU_LIMIT 60            /* seconds of CPU: SIGXCPU */
#define CPU_RETIRE 30           /* a worker that used this much is replaced */
#define TIMEOUT_MS 30000        /* wall time for one page */
#define START_TIMEOUT_MS 20000  /* wall time to start and set up */
#define REAP_GRACE_MS 1000      /* for a worker that is ending by itself */

#define NO_STR UINT64_MAX
#define STR_MAX ((uint64_t)1 << 16)     /* title, description, message */
#define LINK_MAX ((uint64_t)1 << 15)
#define HELLO_MAX 512

enum { ANS_ERROR = 1, ANS_RETIRE = 2 };
enum { PAGE_LOGIN_WALL = 1, PAGE_TRUNCATED = 2 };
/* A page's cut bits (DS_PAGE_CUT_*) ride above these flags. */
#define PAGE_CUT_SHIFT 8
enum { IO_OK, IO_EOF, IO_TIME, IO_ERR, IO_PROTO, IO_NOMEM };

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define WORKER_ASAN 1           /* its shadow memory needs terabytes */
#else
#define WORKER_ASAN 0
#endif

extern char **environ;

/* The parent's side: one worker at a time. */
static struct {
	int refs;               /* ds_sandbox_start calls not yet stopped */
	pid_t pid;              /* 0: no worker */
	int fd;                 /* the socket to it, -1 */
	int test;               /* the test hooks are on */
	long timeout_ms;
	char *in;               /* the last answer */
	size_t in_alloc;
	struct ds_sandbox_stats st;
} sb = { .fd = -1, .timeout_ms = TIMEOUT_MS };

/* ---- Messages, both sides. ---- */

static int put_u32(struct buf *b, uint32_t v)
{
	return buf_add(b, &v, sizeof(v));
}

static int put_u64(struct buf *b, uint64_t v)
{
	return buf_add(b, &v, sizeof(v));
}

/* A string: its length (NO_STR for NULL), its n bytes and a NUL. */
static int put_str(struct buf *b, const char *s, size_t n)
{
	int rc;

	if (!s)
		return put_u64(b, NO_STR);
	rc = put_u64(b, n);
	if (!rc)
		rc = buf_add(b, s, n);
	if (!rc)
		rc = buf_addc(b, '\0');
	return rc;
}

/* Reading a message: any overrun sets bad and yields zeros. */
struct rd {
	const char *p;
	size_t left;
	int bad;
};

static void rd_take(struct rd *r, void *dst, size_t n)
{
	if (r->bad || r->left < n) {
		r->bad = 1;
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, r->p, n);
	r->p += n;
	r->left -= n;
}

static uint32_t rd_u32(struct rd *r)
{
	uint32_t v;

	rd_take(r, &v, sizeof(v));
	return v;
}

static uint64_t rd_u64(struct rd *r)
{
	uint64_t v;

	rd_take(r, &v, sizeof(v));
	return v;
}

/*
 * A string of at most max bytes, in place (its NUL is checked), or NULL:
 * none was sent, or the message is bad (then r->bad is set).
 */
static const char *rd_str(struct rd *r, uint64_t max, size_t *n)
{
	uint64_t len = rd_u64(r);
	const char *s;

	*n = 0;
	if (r->bad || len == NO_STR)
		return NULL;
	if (len > max || len >= r->left || r->p[len] != '\0') {
		r->bad = 1;
		return NULL;
	}
	s = r->p;
	r->p += len + 1;
	r->left -= len + 1;
	*n = (size_t)len;
	return s;
}

/* Fill in the length word at the start of a message built in b. */
static void msg_seal(struct buf *b, size_t extra)
{
	uint32_t n = (uint32_t)(b->len - sizeof(n) + extra);

	memcpy(b->ptr, &n, sizeof(n));
}

/* ---- The worker. ---- */

/* Blocking reads and writes on the worker's socket: 0, or -1. */
static int fd_read_all(void *p, size_t n)
{
	char *c = p;
	ssize_t r;

	while (n > 0) {
		r = read(WORKER_FD, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

static int fd_write_all(const void *p, size_t n)
{
	const char *c = p;
	ssize_t r;

	while (n > 0) {
		r = write(WORKER_FD, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

/* Send one message made of the string s. */
static int worker_say(const char *s)
{
	uint32_t n = (uint32_t)strlen(s);

	if (fd_write_all(&n, sizeof(n)))
		return -1;
	return fd_write_all(s, n);
}

/*
 * The charsets converted after the filter is on: their modules must be
 * loaded before it, since loading one opens a file and maps it
 * executable.  The Encoding Standard's encodings and what page.c's table
 * maps labels to.  The handles stay open so that glibc keeps the modules.
 */
static const char *const preload_names[] = {
	"windows-1250", "windows-1251", "windows-1252", "windows-1253",
	"windows-1254", "windows-1255", "windows-1256", "windows-1257",
	"windows-1258", "windows-874", "iso-8859-2", "iso-8859-3",
	"iso-8859-4", "iso-8859-5", "iso-8859-6", "iso-8859-7", "iso-8859-8",
	"iso-8859-10", "iso-8859-13", "iso-8859-14", "iso-8859-15",
	"iso-8859-16", "koi8-r", "koi8-u", "ibm866", "macintosh",
	"mac-cyrillic", "gbk", "gb18030", "big5", "big5-hkscs", "euc-jp",
	"iso-2022-jp", "shift_jis", "euc-kr", "utf-16le", "utf-16be",
	"tis-620",
};

#define NPRELOAD (sizeof(preload_names) / sizeof(preload_names[0]))

static iconv_t preloaded[NPRELOAD];

static void worker_preload(void)
{
	size_t i;

	for (i = 0; i < NPRELOAD; i++)
		preloaded[i] = iconv_open("UTF-8", preload_names[i]);
}

/*
 * Parse a page that takes most paths once (a converted charset, metadata,
 * links resolved by hand and by curl), so that whatever the libraries set
 * up on first use is set up before the filter.
 */
static void worker_warm(void)
{
	static const char page[] =
		"<!doctype html><html lang=en><head>"
		"<meta charset=windows-1252><title>T\xe9</title>"
		"<base href=\"/d/\"><link rel=canonical href=\"/c\">"
		"<meta name=description content=d>"
		"<script type=\"application/ld+json\">"
		"{\"datePublished\": \"2020-01-02\"}</script></head>"
		"<body><p>x <a href=\"/a\">a</a> <a href=\"../b c?q#f\">b</a>"
		" <a href=\"HTTPS://H.example/\xe9\">c</a>"
		"<time datetime=2020-01-02>d</time><pre> p </pre>"
		"<input type=password></body></html>";
	struct ds_page pg;

	if (ds_page_parse(page, sizeof(page) - 1, "text/html",
			  "http://w.example/p", NULL, &pg, NULL) == 0)
		ds_page_release(&pg);
}

/* Test hooks only: the worker's descriptors and environment at start. */
static char census_fds[256], census_env[1024], census_uid[32];
static int retire_now;          /* retire after this answer */

static void worker_census(void)
{
	size_t n = 0, k;
	char **e;
	int fd;

	census_fds[0] = census_env[0] = '\0';
	for (fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) != -1 && n + 12 < sizeof(census_fds))
			n += (size_t)snprintf(census_fds + n,
					      sizeof(census_fds) - n, "%s%d",
					      n ? "," : "", fd);
	n = 0;
	for (e = environ; *e; e++) {
		k = strcspn(*e, "=");
		if (n + k + 2 >= sizeof(census_env))
			break;
		if (n)
			census_env[n++] = ',';
		memcpy(census_env + n, *e, k);
		n += k;
		census_env[n] = '\0';
	}
}

/*
 * Started as root (a container, say): become nobody, as far as the system
 * allows; the filter holds either way.
 */
static void worker_unroot(void)
{
	if (geteuid() != 0)
		return;
	if (setgroups(0, NULL) == 0 &&
	    setresgid(NOBODY, NOBODY, NOBODY) == 0)
		setresuid(NOBODY, NOBODY, NOBODY);
}

/* Lower the resource limits; 0, or -1 with why filled. */
static int worker_limits(char *why, size_t size)
{
	static const struct {
		int res;
		rlim_t cur, max;
		const char *name;
	} lim[] = {
		{ RLIMIT_CPU, CPU_LIMIT, CPU_LIMIT + 1, "RLIMIT_CPU" },
		{ RLIMIT_FSIZE, 0, 0, "RLIMIT_FSIZE" },
		{ RLIMIT_CORE, 0, 0, "RLIMIT_CORE" },
		{ RLIMIT_NPROC, 0, 0, "RLIMIT_NPROC" },
		{ RLIMIT_NOFILE, WORKER_FD + 1, WORKER_FD + 1,
		  "RLIMIT_NOFILE" },
		{ RLIMIT_AS, MEM_LIMIT, MEM_LIMIT, "RLIMIT_AS" },
	};
	struct rlimit rl;
	size_t i;

	for (i = 0; i < sizeof(lim) / sizeof(lim[0]); i++) {
		if (lim[i].res == RLIMIT_AS && WORKER_ASAN)
			continue;
		rl.rlim_cur = lim[i].cur;
		rl.rlim_max = lim[i].max;
		if (setrlimit(lim[i].res, &rl) != 0) {
			snprintf(why, size, "cannot set %s: %s", lim[i].name,
				 strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Install the seccomp filter; 0, or -1 with why filled. */
static int worker_filter(char *why, size_t size)
{
	static const int plain[] = {
		SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(brk),
		SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(madvise),
		SCMP_SYS(futex), SCMP_SYS(rt_sigreturn),
		SCMP_SYS(restart_syscall), SCMP_SYS(clock_gettime),
	};
	scmp_filter_ctx f;
	size_t i;
	int rc = 0;

	f = seccomp_init(SCMP_ACT_KILL_PROCESS);
	if (!f) {
		snprintf(why, size, "cannot set up seccomp");
		return -1;
	}
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]) && !rc; i++)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, plain[i], 0);
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(read), 1,
				      SCMP_A0(SCMP_CMP_EQ, WORKER_FD));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
				      SCMP_A0(SCMP_CMP_EQ, WORKER_FD));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
				      SCMP_A0(SCMP_CMP_EQ, STDERR_FILENO));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
				      SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC,
					      0));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
				      SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC,
					      0));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ERRNO(EACCES),
				      SCMP_SYS(openat), 0);
	/* Not every architecture has open(2). */
	if (!rc)
		seccomp_rule_add(f, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(open), 0);
	if (!rc)
		rc = seccomp_load(f);
	seccomp_release(f);
	if (rc) {
		snprintf(why, size, "cannot install the seccomp filter: %s",
			 strerror(-rc));
		return -1;
	}
	return 0;
}

/* Seconds of CPU the worker has used. */
static double worker_cpu(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Test hooks: a page with one field a worker must never send (what is
 * "utf8", "url", "date" or "charset"), to show that the parent refuses it.
 */
static int worker_test_bad(const char *what, size_t n, struct ds_page *pg,
			   struct ds_err *err)
{
	static const char page[] = "<title>t</title><a href=/a>a</a>";
	char *s = NULL, **links;
	int rc;

	rc = ds_page_parse(page, sizeof(page) - 1, NULL, "http://x.example/",
			   NULL, pg, err);
	if (rc)
		return rc;
	if (n == 4 && memcmp(what, "utf8", 4) == 0) {
		s = ds_strdup("\xc0\xaf");
		ds_free(pg->title);
		pg->title = s;
	} else if (n == 3 && memcmp(what, "url", 3) == 0) {
		links = pg->links;
		s = ds_strdup("javascript:alert(1)");
		ds_free(links[0]);
		links[0] = s;
	} else if (n == 4 && memcmp(what, "date", 4) == 0) {
		s = ds_strdup("2021-02-29");
		pg->published = s;
	} else if (n == 3 && memcmp(what, "cut", 3) == 0) {
		s = pg->title;          /* a cut that truncated nothing */
		pg->cut = DS_PAGE_CUT_TEXT;
		pg->truncated = 0;
	} else {
		s = pg->title;          /* nothing allocated */
		snprintf(pg->charset, sizeof(pg->charset), "UTF 8");
	}
	if (!s) {
		ds_page_release(pg);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	return 0;
}

/*
 * Test hooks, on when the parent had DUESEARCH_SANDBOX_TEST set at start:
 * a body TEST_MAGIC "what" (what a word of [a-z0-9]; anything may
 * follow) does what instead of being parsed, to show what the filter and
 * the limits do.  The answer is a page whose title says what happened,
 * or an error.
 */
static int worker_test(const char *what, size_t n, struct ds_page *pg,
		       struct ds_err *err)
{
	char title[1200], html[1300];
	volatile unsigned long spin = 0;
	char *argv[] = { "true", NULL }, *envp[] = { NULL };
	size_t k;
	char *p;
	int fd;

	/* The hook's name ends at the first byte that is not [a-z0-9]. */
	for (k = 0; k < n && ((what[k] >= 'a' && what[k] <= 'z') ||
			      (what[k] >= '0' && what[k] <= '9')); k++)
		;
	n = k;
#define IS(s) (n == sizeof(s) - 1 && memcmp(what, s, n) == 0)
	if (IS("socket")) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		snprintf(title, sizeof(title), "socket: allowed (%d)", fd);
	} else if (IS("open")) {
		fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
		snprintf(title, sizeof(title), "open: %s", fd >= 0 ?
			 "allowed" : errno == EACCES ? "denied" : "failed");
	} else if (IS("exec")) {
		execve("/bin/true", argv, envp);
		snprintf(title, sizeof(title), "exec: failed");
	} else if (IS("alloc")) {
		/* Past the limit: malloc must fail, not the parent. */
		p = malloc((size_t)1 << 30);
		if (!p)
			return ds_err_set(err, DS_ENOMEM, "out of memory");
		((volatile char *)p)[0] = 1;
		((volatile char *)p)[((size_t)1 << 30) - 1] = 1;
		free(p);
		snprintf(title, sizeof(title), "alloc: allowed");
	} else if (IS("abort")) {
		abort();
	} else if (IS("hang")) {
		for (;;)
			spin++;
	} else if (IS("fds")) {
		snprintf(title, sizeof(title), "fds: %s", census_fds);
	} else if (IS("env")) {
		snprintf(title, sizeof(title), "env: %s", census_env);
	} else if (IS("uid")) {
		snprintf(title, sizeof(title), "uid: %s", census_uid);
	} else if (IS("memory")) {
		snprintf(title, sizeof(title), "memory: refs=%d starts=%lu",
			 sb.refs, sb.st.starts);
	} else if (IS("retire")) {
		retire_now = 1;
		snprintf(title, sizeof(title), "retire: yes");
	} else if (IS("badlen")) {
		/* A length past any answer's: the parent must not take it. */
		fd_write_all("\xf0\xff\xff\xff", 4);
		for (;;)
			spin++;
	} else if (n > 3 && memcmp(what, "bad", 3) == 0) {
		return worker_test_bad(what + 3, n - 3, pg, err);
	} else {
		snprintf(title, sizeof(title), "unknown test");
	}
#undef IS
	snprintf(html, sizeof(html), "<title>%s</title>", title);
	return ds_page_parse(html, strlen(html), NULL, NULL, NULL, pg, err);
}

/* Append a parsed page to an answer. */
static int put_page(struct buf *o, const struct ds_page *pg)
{
	size_t i;
	int rc;

	rc = put_str(o, pg->title, strlen(pg->title));
	if (!rc)
		rc = put_str(o, pg->description, strlen(pg->description));
	if (!rc)
		rc = put_str(o, pg->canonical, pg->canonical ?
			     strlen(pg->canonical) : 0);
	if (!rc)
		rc = put_str(o, pg->lang, strlen(pg->lang));
	if (!rc)
		rc = put_str(o, pg->published, pg->published ?
			     strlen(pg->published) : 0);
	if (!rc)
		rc = put_str(o, pg->text, pg->text_len);
	if (!rc)
		rc = put_u64(o, pg->nlinks);
	for (i = 0; i < pg->nlinks && !rc; i++)
		rc = put_str(o, pg->links[i], strlen(pg->links[i]));
	if (!rc)
		rc = put_str(o, pg->charset, strnlen(pg->charset,
						     sizeof(pg->charset)));
	if (!rc)
		rc = put_u32(o, (pg->login_wall ? PAGE_LOGIN_WALL : 0) |
			     (pg->truncated ? PAGE_TRUNCATED : 0) |
			     (uint32_t)(pg->cut & DS_PAGE_CUT_ALL) <<
			     PAGE_CUT_SHIFT);
	return rc;
}

/*
 * Answer one request req[0..n) into o (a whole message).  Returns 1 when
 * the worker ends after this answer: it has used its CPU budget, or could
 * not send the page.
 */
static int worker_answer(const char *req, size_t n, int test, struct buf *o)
{
	struct ds_page_limits lim;
	struct ds_page pg;
	struct ds_err err;
	struct rd r = { .p = req, .left = n };
	const char *ctype, *base;
	size_t cl, bl;
	uint64_t blen;
	uint32_t flags;
	int rc, retire, put;

	lim.max_input = (size_t)rd_u64(&r);
	lim.max_text = (size_t)rd_u64(&r);
	lim.max_links = (size_t)rd_u64(&r);
	lim.max_depth = rd_u32(&r);
	ctype = rd_str(&r, NO_STR - 1, &cl);
	base = rd_str(&r, NO_STR - 1, &bl);
	blen = rd_u64(&r);
	if (r.bad || blen != r.left)
		_exit(2);       /* the parent never sends that */
	ds_err_init(&err);
	memset(&pg, 0, sizeof(pg));
	if (test && blen >= sizeof(TEST_MAGIC) - 1 &&
	    memcmp(r.p, TEST_MAGIC, sizeof(TEST_MAGIC) - 1) == 0)
		rc = worker_test(r.p + sizeof(TEST_MAGIC) - 1,
				 (size_t)blen - (sizeof(TEST_MAGIC) - 1), &pg,
				 &err);
	else
		rc = ds_page_parse(r.p, (size_t)blen, ctype, base, &lim, &pg,
				   &err);
	retire = retire_now || worker_cpu() >= CPU_RETIRE;
	flags = (rc ? ANS_ERROR : 0) | (retire ? ANS_RETIRE : 0);
	put = put_u32(o, 0);
	if (!put)
		put = put_u32(o, flags);
	if (!put && rc) {
		put = put_u32(o, (uint32_t)rc);
		if (!put)
			put = put_str(o, err.msg, strlen(err.msg));
	} else if (!put) {
		put = put_page(o, &pg);
	}
	ds_page_release(&pg);
	if (put) {
		/* The page was too much to send: say so in a few bytes. */
		buf_release(o);
		if (put_u32(o, 0) || put_u32(o, ANS_ERROR | ANS_RETIRE) ||
		    put_u32(o, (uint32_t)DS_ENOMEM) ||
		    put_str(o, "out of memory", 13))
			_exit(1);
		retire = 1;
	}
	msg_seal(o, 0);
	return retire;
}

/* Answer requests until the parent closes the socket or retirement. */
static void worker_serve(int test)
{
	struct buf o;
	uint32_t n;
	char *req;
	int retire;

	for (;;) {
		if (fd_read_all(&n, sizeof(n)))
			return;
		req = ds_malloc((size_t)n + 1);
		if (!req || fd_read_all(req, n))
			_exit(1);
		buf_init(&o, (size_t)UINT32_MAX);
		retire = worker_answer(req, n, test, &o);
		ds_free(req);
		if (fd_write_all(o.ptr, o.len))
			_exit(1);
		buf_release(&o);
		if (retire)
			return;
	}
}

/* The worker's life: set up, lock down, serve. */
static int worker_main(void)
{
	char why[256];
	int test = getenv(TEST_ENV) != NULL;

	if (test)
		worker_census();
	worker_preload();
	worker_warm();
	worker_unroot();
	snprintf(census_uid, sizeof(census_uid), "%d %d", (int)getuid(),
		 (int)getgid());
	/* After unroot, which clears it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (prctl(PR_SET_DUMPABLE, 0) != 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		snprintf(why, sizeof(why), "prctl: %s", strerror(errno));
		worker_say(why);
		return 1;
	}
	if (worker_limits(why, sizeof(why)) ||
	    worker_filter(why, sizeof(why))) {
		worker_say(why);
		return 1;
	}
	if (worker_say("ok " WORKER_PROTO))
		return 1;
	worker_serve(test);
	return 0;
}

/*
 * Before main: become the worker when started as one.  Ends the process
 * then (with _exit: no atexit handlers, no leak check, which the filter
 * would not allow anyway).
 */
__attribute__((constructor))
static void worker_entry(void)
{
	const char *v = getenv(WORKER_ENV);
	struct stat st;

	if (!v || strcmp(v, WORKER_PROTO) != 0)
		return;
	if (fstat(WORKER_FD, &st) != 0 || !S_ISSOCK(st.st_mode)) {
		unsetenv(WORKER_ENV);
		return;
	}
	close(EXE_FD);
	_exit(worker_main());
}

/* ---- The parent. ---- */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Send (out) or receive n bytes at p on the worker's non-blocking socket
 * before the deadline; IO_OK, IO_EOF, IO_TIME or IO_ERR.
 */
static int sock_io(int out, void *p, size_t n, long long deadline)
{
	struct pollfd pfd = { .fd = sb.fd, .events = out ? POLLOUT : POLLIN };
	char *c = p;
	long long left;
	ssize_t r;

	while (n > 0) {
		if (out)
			r = send(sb.fd, c, n, MSG_NOSIGNAL);
		else
			r = recv(sb.fd, c, n, 0);
		if (r > 0) {
			c += r;
			n -= (size_t)r;
			continue;
		}
		if (r == 0)
			return IO_EOF;
		if (errno == EPIPE || errno == ECONNRESET)
			return IO_EOF;
		if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
			return IO_ERR;
		if (errno == EINTR)
			continue;
		left = deadline - now_ms();
		if (left <= 0)
			return IO_TIME;
		if (poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left) < 0 &&
		    errno != EINTR)
			return IO_ERR;
	}
	return IO_OK;
}

/*
 * Receive one message of at most max bytes into sb.in (NUL-terminated);
 * an IO_* code, *len its length.
 */
static int msg_read(size_t max, size_t *len, long long deadline)
{
	uint32_t n;
	char *p;
	int rc;

	rc = sock_io(0, &n, sizeof(n), deadline);
	if (rc)
		return rc;
	if (n > max)
		return IO_PROTO;
	if ((size_t)n + 1 > sb.in_alloc) {
		p = ds_realloc(sb.in, (size_t)n + 1);
		if (!p)
			return IO_NOMEM;
		sb.in = p;
		sb.in_alloc = (size_t)n + 1;
	}
	rc = sock_io(0, sb.in, n, deadline);
	if (rc)
		return rc;
	sb.in[n] = '\0';
	*len = n;
	return IO_OK;
}

/*
 * End the worker and reap it; why (may be NULL) says how it ended.  With
 * force it is killed at once, else it has a grace period to end by
 * itself (it crashed, or is retiring).
 */
static void worker_end(int force, char *why, size_t size)
{
	pid_t r = 0;
	int st = 0, i;

	if (sb.fd >= 0)
		close(sb.fd);
	sb.fd = -1;
	if (!sb.pid)
		return;
	if (force)
		kill(sb.pid, SIGKILL);
	for (i = 0; !force && i < REAP_GRACE_MS && r == 0; i++) {
		r = waitpid(sb.pid, &st, WNOHANG);
		if (r == 0) {
			struct timespec ms = { 0, 1000000 };

			nanosleep(&ms, NULL);
		}
	}
	if (r == 0) {
		kill(sb.pid, SIGKILL);
		while ((r = waitpid(sb.pid, &st, 0)) < 0 && errno == EINTR)
			;
	}
	sb.pid = 0;
	if (!why)
		return;
	if (r < 0)
		snprintf(why, size, "it ended");
	else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS)
		snprintf(why, size, "it made a forbidden system call");
	else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU)
		snprintf(why, size, "it used up its CPU time");
	else if (WIFSIGNALED(st))
		snprintf(why, size, "it crashed with signal %d",
			 WTERMSIG(st));
	else
		snprintf(why, size, "it exited with status %d",
			 WEXITSTATUS(st));
}

/* Copy an untrusted message for ours: printable ASCII, else '?'. */
static void echo_msg(char *out, size_t size, const char *s, size_t n)
{
	size_t i;

	if (n > size - 1)
		n = size - 1;
	for (i = 0; i < n; i++)
		out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	out[n] = '\0';
}

/* The environment variables a worker keeps: sanitizers' settings. */
static const char *const pass_env[] = {
	"ASAN_OPTIONS=", "UBSAN_OPTIONS=", "LSAN_OPTIONS=", "LD_LIBRARY_PATH=",
};

#define NPASS (sizeof(pass_env) / sizeof(pass_env[0]))

/* fd itself when it is at least min, else a copy that is; -1. */
static int fd_at_least(int fd, int min)
{
	int copy;

	if (fd < 0 || fd >= min)
		return fd;
	copy = fcntl(fd, F_DUPFD_CLOEXEC, min);
	close(fd);
	return copy;
}

/*
 * Run the worker: this executable, as /proc/self/fd/EXE_FD in the new
 * process, with child as its fd 3.  0, or an errno value.
 */
static int worker_exec(int child, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t all, none;
	char *argv[] = { "duesearch-page-worker", NULL };
	char *envp[NPASS + 3], exe[32], **e;
	size_t ne = 0, i;
	int fd, rc;

	envp[ne++] = WORKER_ENV "=" WORKER_PROTO;
	if (sb.test)
		envp[ne++] = TEST_ENV "=1";
	for (e = environ; *e && ne < NPASS + 2; e++)
		for (i = 0; i < NPASS; i++)
			if (strncmp(*e, pass_env[i], strlen(pass_env[i])) == 0)
				envp[ne++] = *e;
	envp[ne] = NULL;
	/* Above EXE_FD, so that neither dup2 below overwrites the other. */
	fd = fd_at_least(open("/proc/self/exe", O_RDONLY | O_CLOEXEC),
			 EXE_FD + 1);
	if (fd < 0)
		return errno;
	snprintf(exe, sizeof(exe), "/proc/self/fd/%d", EXE_FD);
	rc = posix_spawn_file_actions_init(&fa);
	if (rc) {
		close(fd);
		return rc;
	}
	posix_spawnattr_init(&at);
	sigfillset(&all);
	sigemptyset(&none);
	rc = posix_spawn_file_actions_adddup2(&fa, child, WORKER_FD);
	if (!rc)
		rc = posix_spawn_file_actions_adddup2(&fa, fd, EXE_FD);
	if (!rc)
		rc = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO,
						      "/dev/null", O_RDONLY, 0);
	if (!rc)
		rc = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO,
						      "/dev/null", O_WRONLY, 0);
	if (!rc)
		rc = posix_spawn_file_actions_addclosefrom_np(&fa, EXE_FD + 1);
	if (!rc)
		rc = posix_spawnattr_setsigdefault(&at, &all);
	if (!rc)
		rc = posix_spawnattr_setsigmask(&at, &none);
	if (!rc)
		rc = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF |
					      POSIX_SPAWN_SETSIGMASK);
	if (!rc)
		rc = posix_spawn(pid, exe, &fa, &at, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(fd);
	return rc;
}

/*
 * Start a worker and wait until it is locked down: 0, DS_ENOMEM, or -1
 * with why filled.
 */
static int worker_spawn(char *why, size_t size)
{
	size_t len;
	int sv[2], rc;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		snprintf(why, size, "socketpair: %s", strerror(errno));
		return -1;
	}
	sv[1] = fd_at_least(sv[1], EXE_FD + 1);
	rc = sv[1] < 0 ? errno : worker_exec(sv[1], &pid);
	if (sv[1] >= 0)
		close(sv[1]);
	if (rc) {
		close(sv[0]);
		snprintf(why, size, "cannot run this program again: %s",
			 strerror(rc));
		return -1;
	}
	sb.pid = pid;
	sb.fd = sv[0];
	sb.st.starts++;
	why[0] = '\0';
	if (fcntl(sb.fd, F_SETFL, O_NONBLOCK) != 0) {
		rc = IO_ERR;
	} else {
		rc = msg_read(HELLO_MAX, &len, now_ms() + START_TIMEOUT_MS);
		if (!rc && strcmp(sb.in, "ok " WORKER_PROTO) != 0) {
			echo_msg(why, size, sb.in, len);
			rc = IO_PROTO;
		}
	}
	if (!rc)
		return 0;
	if (rc == IO_TIME)
		snprintf(why, size, "it did not answer in %d s",
			 START_TIMEOUT_MS / 1000);
	if (rc == IO_NOMEM || why[0])
		worker_end(1, NULL, 0);
	else
		worker_end(rc != IO_EOF, why, size);
	return rc == IO_NOMEM ? DS_ENOMEM : -1;
}

int ds_sandbox_start(struct ds_err *err)
{
	char why[256];
	int rc;

	if (sb.refs > 0) {
		sb.refs++;
		return 0;
	}
	sb.test = getenv(TEST_ENV) != NULL;
	rc = worker_spawn(why, sizeof(why));
	if (rc == DS_ENOMEM)
		return ds_err_set(err, DS_ENOMEM, "out of memory starting the "
				  "page parser sandbox");
	if (rc)
		return ds_err_set(err, DS_EINTERNAL, "cannot start the page "
				  "parser sandbox (%s): set '[fetch] sandbox "
				  "= no' to parse pages without it", why);
	sb.refs = 1;
	return 0;
}

void ds_sandbox_stop(void)
{
	if (sb.refs == 0 || --sb.refs > 0)
		return;
	worker_end(1, NULL, 0);
	ds_free(sb.in);
	sb.in = NULL;
	sb.in_alloc = 0;
}

int ds_sandbox_active(void)
{
	return sb.refs > 0;
}

void ds_sandbox_set_timeout(long ms)
{
	sb.timeout_ms = ms > 0 ? ms : TIMEOUT_MS;
}

void ds_sandbox_stats(struct ds_sandbox_stats *st)
{
	*st = sb.st;
}

/* a + b, or UINT32_MAX when it does not fit a message. */
static uint64_t add_cap(uint64_t a, uint64_t b)
{
	return a > UINT32_MAX || b > UINT32_MAX - a ? UINT32_MAX : a + b;
}

/* The largest answer a worker may send for pages under lim. */
static size_t answer_max(const struct ds_page_limits *lim)
{
	uint64_t n = 4 * STR_MAX + LINK_MAX + 4096, links;

	n = add_cap(n, lim->max_text);
	links = lim->max_links > UINT32_MAX / (LINK_MAX + 16) ? UINT32_MAX :
		lim->max_links * (LINK_MAX + 16);
	return (size_t)add_cap(n, links);
}

/* Valid UTF-8 without NUL. */
static int ok_text(const char *s, size_t n)
{
	return !memchr(s, '\0', n) && ds_utf8_valid(s, n);
}

/* An absolute http(s) URL as page.c keeps links. */
static int ok_url(const char *s, size_t n)
{
	size_t i;

	if (strncasecmp(s, "http://", 7) != 0 &&
	    strncasecmp(s, "https://", 8) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return 0;
	return ds_utf8_valid(s, n);
}

/* A charset name as page.c writes it. */
static int ok_charset(const char *s, size_t n)
{
	size_t i;

	if (n >= sizeof(((struct ds_page *)0)->charset))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr("-_.:", s[i])))
			return 0;
	return 1;
}

/* A copy of s[0..n) (n bytes and a NUL). */
static char *dup_n(const char *s, size_t n)
{
	char *d = ds_malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* A date as page.c keeps it: a real YYYY-MM-DD. */
static int ok_date(const char *s, size_t n)
{
	return n == 10 && ds_date_check("date", s, NULL, NULL) == 0;
}

/*
 * Take a string of at most max bytes that passes ok into a copy in *dst
 * (NULL when none was sent and nullable says that is fine), its length in
 * *len when len is not NULL.  0, DS_ENOMEM, or 1 for a protocol breach.
 */
static int take(struct rd *r, uint64_t max, int nullable,
		int (*ok)(const char *, size_t), char **dst, size_t *len)
{
	const char *s;
	size_t n;

	s = rd_str(r, max, &n);
	if (r->bad || (!s && !nullable) || (s && !ok(s, n)))
		return 1;
	if (len)
		*len = n;
	if (!s)
		return 0;
	*dst = dup_n(s, n);
	return *dst ? 0 : DS_ENOMEM;
}

/*
 * Build out from an answer that holds a page.  0, DS_ENOMEM, or 1 when
 * the answer breaks the protocol; out is then partly filled.
 */
static int answer_page(struct rd *r, const struct ds_page_limits *lim,
		       struct ds_page *out)
{
	const char *s;
	uint64_t nlinks;
	uint32_t flags;
	size_t n, i;
	int rc;

	rc = take(r, STR_MAX, 0, ok_text, &out->title, NULL);
	if (!rc)
		rc = take(r, STR_MAX, 0, ok_text, &out->description, NULL);
	if (!rc)
		rc = take(r, LINK_MAX, 1, ok_url, &out->canonical, NULL);
	if (!rc)
		rc = take(r, STR_MAX, 0, ok_text, &out->lang, NULL);
	if (!rc)
		rc = take(r, 10, 1, ok_date, &out->published, NULL);
	if (!rc)
		rc = take(r, lim->max_text ? lim->max_text : 1, 0, ok_text,
			  &out->text, &out->text_len);
	if (rc)
		return rc;
	nlinks = rd_u64(r);
	if (r->bad || nlinks > lim->max_links || nlinks > r->left / 9)
		return 1;
	if (nlinks) {
		out->links = ds_calloc((size_t)nlinks, sizeof(*out->links));
		if (!out->links)
			return DS_ENOMEM;
	}
	for (i = 0; i < nlinks; i++) {
		rc = take(r, LINK_MAX, 0, ok_url, &out->links[i], NULL);
		if (rc)
			return rc;
		out->nlinks++;
	}
	s = rd_str(r, sizeof(out->charset) - 1, &n);
	if (!s || !ok_charset(s, n))
		return 1;
	memcpy(out->charset, s, n + 1);
	flags = rd_u32(r);
	if (r->bad || r->left ||
	    (flags & ~(uint32_t)(PAGE_LOGIN_WALL | PAGE_TRUNCATED |
				 DS_PAGE_CUT_ALL << PAGE_CUT_SHIFT)))
		return 1;
	out->login_wall = !!(flags & PAGE_LOGIN_WALL);
	out->truncated = !!(flags & PAGE_TRUNCATED);
	out->cut = flags >> PAGE_CUT_SHIFT & DS_PAGE_CUT_ALL;
	/* A cut is a truncation: a worker that says otherwise lies. */
	if (out->cut && !out->truncated)
		return 1;
	return 0;
}

/*
 * Read the answer in sb.in[0..n) into out, or the worker's error into
 * err.  0, DS_EDATA, DS_ENOMEM, or 1 when the answer breaks the protocol.
 * *retire says the worker ends after it.
 */
static int answer_read(size_t n, const struct ds_page_limits *lim,
		       struct ds_page *out, struct ds_err *err, int *retire)
{
	struct rd r = { .p = sb.in, .left = n };
	char msg[DS_ERR_MSG_MAX];
	const char *s;
	uint32_t flags;
	int32_t code;
	size_t len;
	int rc;

	flags = rd_u32(&r);
	*retire = !!(flags & ANS_RETIRE);
	if (r.bad || (flags & ~(uint32_t)(ANS_ERROR | ANS_RETIRE)))
		return 1;
	if (!(flags & ANS_ERROR)) {
		rc = answer_page(&r, lim, out);
		if (rc)
			ds_page_release(out);
		return rc;
	}
	code = (int32_t)rd_u32(&r);
	s = rd_str(&r, STR_MAX, &len);
	if (!s || r.left || (code != DS_EDATA && code != DS_ENOMEM))
		return 1;
	if (code == DS_ENOMEM)
		return ds_err_set(err, DS_EDATA, "the page could not be parsed "
				  "safely (it needs more memory than the "
				  "parser may use): it is treated as "
				  "unreadable");
	echo_msg(msg, sizeof(msg), s, len);
	return ds_err_set(err, DS_EDATA, "%s", msg);
}

static int sandbox_parse(const char *body, size_t len,
			 const char *content_type, const char *base_url,
			 const struct ds_page_limits *lim,
			 struct ds_page *out, struct ds_err *err);

/*
 * One request at a time on the worker's socket: the web server's search
 * job and an evidence upload may parse at once.
 */
static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;

int ds_sandbox_parse(const char *body, size_t len, const char *content_type,
		     const char *base_url, const struct ds_page_limits *lim,
		     struct ds_page *out, struct ds_err *err)
{
	int rc;

	if (!ds_sandbox_active())
		return ds_page_parse(body, len, content_type, base_url, lim,
				     out, err);
	pthread_mutex_lock(&parse_lock);
	rc = sandbox_parse(body, len, content_type, base_url, lim, out, err);
	pthread_mutex_unlock(&parse_lock);
	return rc;
}

static int sandbox_parse(const char *body, size_t len,
			 const char *content_type, const char *base_url,
			 const struct ds_page_limits *lim,
			 struct ds_page *out, struct ds_err *err)
{
	struct ds_page_limits def;
	struct buf h;
	char why[DS_ERR_MSG_MAX / 2];
	long long deadline;
	size_t n = 0;
	int rc, io, retire = 0;

	memset(out, 0, sizeof(*out));
	if (!sb.refs)
		return ds_err_set(err, DS_EINTERNAL, "the page parser sandbox "
				  "is not started");
	if (!lim) {
		ds_page_limits_default(&def);
		lim = &def;
	}
	if (!body) {
		body = "";
		len = 0;
	}
	/* One byte past max_input tells the worker that the page was cut. */
	if (len > lim->max_input)
		len = lim->max_input + 1;
	buf_init(&h, BUF_CAP_DEFAULT);
	rc = put_u32(&h, 0);
	if (!rc)
		rc = put_u64(&h, lim->max_input);
	if (!rc)
		rc = put_u64(&h, lim->max_text);
	if (!rc)
		rc = put_u64(&h, lim->max_links);
	if (!rc)
		rc = put_u32(&h, lim->max_depth);
	if (!rc)
		rc = put_str(&h, content_type, content_type ?
			     strlen(content_type) : 0);
	if (!rc)
		rc = put_str(&h, base_url, base_url ? strlen(base_url) : 0);
	if (!rc)
		rc = put_u64(&h, len);
	if (rc == DS_ENOMEM) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory parsing the "
				"page");
		goto out;
	}
	if (rc || len > UINT32_MAX - h.len) {
		rc = ds_err_set(err, DS_EDATA, "the page is too large to be "
				"parsed safely: it is treated as unreadable");
		goto out;
	}
	msg_seal(&h, len);
	rc = sb.pid ? 0 : worker_spawn(why, sizeof(why));
	if (rc == DS_ENOMEM) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory parsing the "
				"page");
		goto out;
	}
	if (rc) {
		rc = ds_err_set(err, DS_EDATA, "the page could not be parsed "
				"safely (the parser did not start: %s): it is "
				"treated as unreadable", why);
		goto out;
	}
	deadline = now_ms() + sb.timeout_ms;
	io = sock_io(1, h.ptr, h.len, deadline);
	if (!io)
		io = sock_io(1, (void *)body, len, deadline);
	if (!io)
		io = msg_read(answer_max(lim), &n, deadline);
	if (!io) {
		sb.st.pages++;
		rc = answer_read(n, lim, out, err, &retire);
		if (rc == 1)
			io = IO_PROTO;
		else if (rc == DS_ENOMEM)
			ds_err_set(err, DS_ENOMEM, "out of memory parsing the "
				   "page");
	}
	if (io == IO_NOMEM) {
		/* The rest of the answer is still on its way. */
		worker_end(1, NULL, 0);
		rc = ds_err_set(err, DS_ENOMEM, "out of memory parsing the "
				"page");
		goto out;
	}
	if (io) {
		sb.st.lost++;
		if (io == IO_TIME)
			snprintf(why, sizeof(why), "it took longer than %ld ms",
				 sb.timeout_ms);
		else if (io == IO_PROTO)
			snprintf(why, sizeof(why), "it broke the protocol");
		else
			why[0] = '\0';
		if (why[0])
			worker_end(1, NULL, 0);
		else
			worker_end(io == IO_ERR, why, sizeof(why));
		rc = ds_err_set(err, DS_EDATA, "the page could not be parsed "
				"safely (the parser stopped: %s): it is "
				"treated as unreadable", why);
		goto out;
	}
	if (retire) {
		sb.st.retired++;
		worker_end(0, NULL, 0);
	}
out:
	buf_release(&h);
	if (rc)
		ds_page_release(out);
	return rc;
}
