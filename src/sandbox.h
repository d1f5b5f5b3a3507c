/*
 * sandbox.h: fetched pages parsed in a locked-down worker process.
 *
 * A page is written by a stranger, and gumbo, iconv and curl's URL parser
 * are large.  A page from outside is parsed with ds_sandbox_parse: while
 * a sandbox is started it does not parse in the calling process but hands
 * the bytes to a worker process, which runs ds_page_parse (page.h), and
 * builds the struct ds_page from the worker's answer, which it checks like
 * any other untrusted input; with no sandbox started it calls
 * ds_page_parse here.  The page parser knows nothing of the sandbox.
 *
 * The worker is this same executable run afresh (not a fork: none of the
 * caller's memory, keys included, is there) with
 * an empty environment, no descriptor but its socket, stdin, stdout and
 * stderr, resource limits, no core dumps, no new privileges, and a
 * seccomp filter that kills it for any system call parsing does not need
 * (it cannot open a file or a socket, or run a program).
 *
 * A worker that crashes, is killed by the filter or a limit, overruns the
 * time-out or breaks the protocol is reaped; that page fails with DS_EDATA
 * ("the page could not be parsed safely ...: it is treated as unreadable")
 * and the next page starts a new worker.
 *
 *   if (ds_sandbox_start(err) == 0) {
 *           ... ds_sandbox_parse() ...
 *           ds_sandbox_stop();
 *   }
 *
 * Starts and stops nest: the worker ends at the stop that matches the
 * first start.  One thread at a time may parse through the sandbox.
 */
#ifndef DS_SANDBOX_H
#define DS_SANDBOX_H

#include <stddef.h>

#include "err.h"
#include "page.h"

/*
 * Start the worker (or count one more start when it is running).  Fails
 * with DS_EINTERNAL when the worker cannot be started or set up (no
 * seccomp in the kernel, say): the caller should not parse pages then.
 */
int ds_sandbox_start(struct ds_err *err);

/* Undo one ds_sandbox_start; harmless when none is running. */
void ds_sandbox_stop(void);

/* 1 while a sandbox is started in this process. */
int ds_sandbox_active(void);

/*
 * The wall-clock time one page may take in the worker, in milliseconds
 * (30000); 0 or less restores the default.  Tests shorten it.
 */
void ds_sandbox_set_timeout(long ms);

struct ds_sandbox_stats {
	unsigned long starts;   /* workers started */
	unsigned long pages;    /* answers received */
	unsigned long lost;     /* workers that died, stalled or misbehaved */
	unsigned long retired;  /* workers replaced after their CPU budget */
};

/* Counters since the process started. */
void ds_sandbox_stats(struct ds_sandbox_stats *st);

/*
 * Parse a page from outside: in the worker while a sandbox is started,
 * with ds_page_parse in this process otherwise.  Same contract as
 * ds_page_parse; in the worker, DS_EDATA also means the worker could not
 * parse the page safely.
 */
int ds_sandbox_parse(const char *body, size_t len, const char *content_type,
		     const char *base_url, const struct ds_page_limits *lim,
		     struct ds_page *out, struct ds_err *err);

#endif
