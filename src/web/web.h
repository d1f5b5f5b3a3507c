/*
 * web.h: the local web interface, a second thin front over libduesearch.
 *
 * Every page and action calls the same library functions as the CLI, so
 * the gate, the roles and the audit trail apply identically; this file
 * adds only what a browser needs: log-in with a password (scrypt),
 * sessions in HttpOnly, SameSite=Strict cookies (Secure under TLS), a
 * CSRF token on every form, rate-limited log-in attempts, idle expiry,
 * escaping of everything that came from a page, and strict headers
 * (no script at all; a Content-Security-Policy that forbids it).
 */
#ifndef DS_WEB_H
#define DS_WEB_H

#include "conf.h"
#include "ds.h"

struct ds_web_opts {
	const char *db_path;
	const char *keys_path;
	const char *listen;     /* "127.0.0.1:8080" */
	int allow_remote;       /* listen beyond loopback without TLS */
	const struct ds_conf *conf;
	const char *port_file;  /* write the port here once listening */
};

/* Serve until SIGINT or SIGTERM. */
int ds_web_serve(const struct ds_web_opts *o, struct ds_err *err);

#endif
