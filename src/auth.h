/*
 * auth.h: passwords for the web interface (libduesearch).
 *
 * Passwords are hashed with scrypt (memory-hard; N = 2^15, r = 8, p = 1,
 * 32 MiB) through OpenSSL, with a random 16-byte salt, and compared in
 * constant time.  The CLI acts as the person bound to the system account;
 * acting as another needs their password (ds_open_opts.password).
 */
#ifndef DS_AUTH_H
#define DS_AUTH_H

#include "ds.h"

#define DS_PASSWORD_MIN 12
#define DS_PASSWORD_MAX 256

/* Set an actor's password: an admin for anyone, anyone for themselves. */
int ds_actor_set_password(struct ds_ctx *ctx, const char *name,
			  const char *password, struct ds_err *err);

/*
 * Check a password against the stored hash.  Returns 0 when it matches
 * (the actor exists, is enabled and has a password), DS_EPERM otherwise,
 * with one message for every reason so a guess learns nothing.
 */
int ds_password_check(struct ds_ctx *ctx, const char *name,
		      const char *password, struct ds_err *err);

/*
 * A fingerprint of an enabled actor's stored password hash (64 hex
 * digits), "" when the actor is unknown, disabled or has none: a web
 * session remembers it at log-in and ends when it changes (a new
 * password, set anywhere, ends the person's other sessions).
 */
int ds_password_stamp(struct ds_ctx *ctx, const char *name, char out[65],
		      struct ds_err *err);

/* The roles of an enabled actor (0 when none). */
unsigned ds_actor_roles(struct ds_ctx *ctx);

/*
 * Record a log-in or log-out from the web front in the audit trail
 * (action "web.login", "web.logout", "web.login-failed").
 */
int ds_audit_web(struct ds_ctx *ctx, const char *action, struct ds_err *err);

#endif
