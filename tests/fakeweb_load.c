/*
 * fakeweb_load.c: a small load client for fakeweb, to show in benchmarks
 * that the fake server is not the bottleneck.
 *
 *   fakeweb_load --port N --host H --path P --requests N --connections C
 *                [--timeout-s S]
 *
 * It sends N GET requests for P with "Host: H" to 127.0.0.1:PORT (only
 * there) over C keep-alive connections at once, one request in flight on
 * each, with non-blocking sockets and epoll, opening a new connection when
 * the server closes one.  It prints one line with the counts, the time and
 * the requests per second, and exits 1 if any request failed or the run
 * took longer than the timeout (60 s unless told).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define RBUF		65536
#define MAX_EVENTS	256

enum cstate { C_CONNECT, C_WRITE, C_READ };

struct lconn {
	int fd;
	enum cstate state;
	uint32_t events;
	size_t sent;
	char *buf;
	size_t len;
	int have_head;
	int close;
	int no_length;
	unsigned long long body_left;
};

static struct sockaddr_in addr;
static char req[4096];
static size_t req_len;
static unsigned long long want, issued, done_ok, done_other, errors;
static int epfd;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int parse_num(const char *s, unsigned long long max,
		     unsigned long long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || *end || *out > max ? -1 : 0;
}

/* Open a connection for the next request; -1 if it cannot start. */
static int lconn_open(struct lconn *c)
{
	struct epoll_event e = { .events = EPOLLOUT, .data.ptr = c };

	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (c->fd < 0)
		return -1;
	if (fcntl(c->fd, F_SETFL, O_NONBLOCK) ||
	    (connect(c->fd, (struct sockaddr *)&addr, sizeof(addr)) &&
	     errno != EINPROGRESS) ||
	    epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &e)) {
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	c->events = EPOLLOUT;
	c->state = C_CONNECT;
	return 0;
}

static void lconn_drop(struct lconn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static void set_events(struct lconn *c, uint32_t ev)
{
	struct epoll_event e = { .events = ev, .data.ptr = c };

	if (c->events != ev && !epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &e))
		c->events = ev;
}

/* Send the request; 0 when sent or under way, -1 on an error. */
static int do_write(struct lconn *c)
{
	ssize_t n;

	while (c->sent < req_len) {
		n = send(c->fd, req + c->sent, req_len - c->sent,
			 MSG_NOSIGNAL);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			set_events(c, EPOLLOUT);
			return 0;
		}
		if (n <= 0)
			return -1;
		c->sent += (size_t)n;
	}
	c->state = C_READ;
	c->len = 0;
	c->have_head = 0;
	set_events(c, EPOLLIN);
	return 0;
}

/*
 * Start the next request on c if any are left, on a new connection when
 * the last reply closed this one.  Every attempt ends as a reply or an
 * error, so the run ends when they add up to the number wanted.
 */
static void next_request(struct lconn *c, int reconnect)
{
	if (reconnect)
		lconn_drop(c);
	while (issued < want) {
		issued++;
		c->sent = 0;
		if (c->fd >= 0) {
			c->state = C_WRITE;
			if (do_write(c)) {
				errors++;
				lconn_drop(c);
				continue;
			}
			return;
		}
		if (!lconn_open(c))
			return;
		errors++;
	}
}

/* Find the end of the reply's head and read its status and framing. */
static int parse_head(struct lconn *c)
{
	char *end = NULL, *line, *next;
	size_t i;
	int status;

	for (i = 0; i + 3 < c->len; i++)
		if (!memcmp(c->buf + i, "\r\n\r\n", 4)) {
			end = c->buf + i + 4;
			break;
		}
	if (!end)
		return 0;
	end[-2] = '\0';
	if (strncmp(c->buf, "HTTP/1.", 7) || c->len < 12)
		return -1;
	status = (c->buf[9] - '0') * 100 + (c->buf[10] - '0') * 10 +
		 (c->buf[11] - '0');
	if (status >= 200 && status < 300)
		done_ok++;
	else
		done_other++;
	c->close = c->buf[7] == '0';
	c->no_length = 1;
	for (line = strstr(c->buf, "\r\n"); line; line = next) {
		line += 2;
		next = strstr(line, "\r\n");
		if (!strncasecmp(line, "content-length:", 15)) {
			c->body_left = strtoull(line + 15, NULL, 10);
			c->no_length = 0;
		} else if (!strncasecmp(line, "connection:", 11) &&
			   strstr(line, "close")) {
			c->close = 1;
		}
	}
	c->have_head = 1;
	i = (size_t)(end - c->buf);
	memmove(c->buf, end, c->len - i);
	c->len -= i;
	return 1;
}

/* A reply has ended or the connection failed: move on. */
static void finish(struct lconn *c, int failed)
{
	if (failed)
		errors++;
	next_request(c, failed || c->close || c->no_length);
}

static void on_event(struct lconn *c)
{
	ssize_t n;
	int err = 0, r;
	socklen_t elen = sizeof(err);

	if (c->state == C_CONNECT) {
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &elen) ||
		    err) {
			finish(c, 1);
			return;
		}
		c->state = C_WRITE;
	}
	if (c->state == C_WRITE) {
		if (do_write(c)) {
			finish(c, 1);
			return;
		}
		if (c->state == C_WRITE)
			return;
	}
	for (;;) {
		n = recv(c->fd, c->buf + c->len, RBUF - c->len, 0);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n < 0 || (n == 0 && (!c->have_head || !c->no_length))) {
			finish(c, 1);
			return;
		}
		if (n == 0) {
			finish(c, 0);
			return;
		}
		c->len += (size_t)n;
		if (!c->have_head) {
			r = parse_head(c);
			if (r < 0 || (!r && c->len == RBUF)) {
				finish(c, 1);
				return;
			}
			if (!r)
				continue;
		}
		if (c->no_length) {
			c->len = 0;
			continue;
		}
		if (c->len > c->body_left) {
			finish(c, 1);
			return;
		}
		c->body_left -= c->len;
		c->len = 0;
		if (!c->body_left) {
			finish(c, 0);
			return;
		}
	}
}

static void usage(void)
{
	fputs("usage: fakeweb_load --port N --host H --path P --requests N "
	      "--connections C\n                    [--timeout-s S]\n", stderr);
	exit(64);
}

int main(int argc, char **argv)
{
	struct epoll_event ev[MAX_EVENTS];
	struct lconn *conns;
	struct rlimit rl;
	unsigned long long port = 0, nconn = 0, timeout = 60;
	const char *host = NULL, *path = NULL;
	double t0, t1;
	size_t i;
	int n, k, fails;

	for (k = 1; k + 1 < argc; k += 2) {
		const char *o = argv[k], *a = argv[k + 1];

		if (!strcmp(o, "--port") && !parse_num(a, 65535, &port))
			;
		else if (!strcmp(o, "--host"))
			host = a;
		else if (!strcmp(o, "--path"))
			path = a;
		else if (!strcmp(o, "--requests") &&
			 !parse_num(a, 100000000, &want))
			;
		else if (!strcmp(o, "--connections") &&
			 !parse_num(a, 100000, &nconn))
			;
		else if (!strcmp(o, "--timeout-s") &&
			 !parse_num(a, 3600, &timeout))
			;
		else
			usage();
	}
	if (k != argc || !port || !host || !path || !want || !nconn ||
	    *path != '/')
		usage();
	if (nconn > want)
		nconn = want;
	n = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: %s\r\n"
		     "User-Agent: fakeweb_load\r\n\r\n", path, host);
	if (n < 0 || (size_t)n >= sizeof(req))
		usage();
	req_len = (size_t)n;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	epfd = epoll_create1(0);
	conns = calloc(nconn, sizeof(*conns));
	if (epfd < 0 || !conns) {
		perror("fakeweb_load");
		return 1;
	}
	for (i = 0; i < nconn; i++) {
		conns[i].fd = -1;
		conns[i].buf = malloc(RBUF);
		if (!conns[i].buf) {
			perror("fakeweb_load");
			return 1;
		}
	}
	t0 = now_s();
	for (i = 0; i < nconn; i++)
		next_request(&conns[i], 0);
	fails = 0;
	while (done_ok + done_other + errors < want) {
		t1 = now_s();
		if (t1 - t0 > (double)timeout) {
			fails = 1;
			break;
		}
		n = epoll_wait(epfd, ev, MAX_EVENTS, 1000);
		if (n < 0 && errno != EINTR) {
			perror("epoll_wait");
			return 1;
		}
		for (k = 0; k < n; k++)
			on_event(ev[k].data.ptr);
	}
	t1 = now_s();
	for (i = 0; i < nconn; i++) {
		lconn_drop(&conns[i]);
		free(conns[i].buf);
	}
	free(conns);
	close(epfd);
	printf("fakeweb_load: %llu requests (%llu 2xx, %llu other, %llu "
	       "errors) over %llu connections in %.3f s: %.0f requests/s\n",
	       done_ok + done_other, done_ok, done_other, errors, nconn,
	       t1 - t0, (double)(done_ok + done_other) / (t1 - t0));
	if (fails)
		fprintf(stderr, "fakeweb_load: timed out after %llu s\n",
			timeout);
	return fails || errors || done_ok + done_other < want;
}
