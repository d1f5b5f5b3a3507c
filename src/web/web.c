/*
 * web.c: the local web interface (see web.h): HTTP plumbing, sessions,
 * log-in, CSRF, and the pages.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "buf.h"
#include "crypto.h"
#include "handle.h"
#include "mem.h"
#include "notice_text.h"
#include "report.h"
#include "records.h"
#include "retention.h"
#include "review.h"
#include "run.h"
#include "sitelist.h"
#include "sar.h"
#include "template.h"
#include "text.h"
#include "triage.h"
#include "web.h"
#include "webspool.h"
#include "web_int.h"

#define MAX_FIELDS 32
#define FIELD_MAX (64u << 10)
#define UPLOAD_MAX (32u << 20)
#define FAILS_BEFORE_LOCK 5
#define LOCK_SECONDS (15 * 60)

struct session {
	char token[65];         /* the cookie */
	char csrf[65];          /* the forms' token */
	char actor[65];
	char stamp[65];         /* ds_password_stamp at log-in */
	time_t last;
	uint64_t turn;          /* w->turns at its last use: its age */
	int used;
	const char *flash;      /* a request's copy only: its done line */
};

struct attempt {
	char key[96];           /* "u:NAME" or "a:ADDRESS" */
	int fails;
	time_t first, locked_until;
};

/* A background search started from the web. */
struct job {
	int id;
	int running, done, rc;
	char vacancy[65], actor[65];
	int64_t candidate;      /* 0: the vacancy's shortlisted candidates */
	char err[DS_ERR_MSG_MAX];
	struct buf log;
	pthread_t thread;
};

struct web {
	const struct ds_web_opts *o;
	int tls;
	pthread_mutex_t lock;   /* sessions, attempts, the job */
	struct session *sessions;       /* [web] sessions of them */
	size_t nsessions;
	uint64_t turns;         /* counts session uses: an order finer than
				 * time(), which ties within a second */
	struct attempt *attempts;       /* [web] login_table of them */
	size_t nattempts;
	struct job job;
	int next_job;
	unsigned port;          /* the port listened on, for Host checks */
	char updir[512];        /* the 0700 spool beside the case file */
	int spool_fd;           /* its lock (webspool.h) */
	struct ds_taxonomy *tax;        /* categories' titles; may be NULL */
};

/* One request's state: form fields, an uploaded file. */
struct field {
	char *key, *value;
	size_t len;
};

struct req {
	struct web *w;
	char csrf[65];          /* the session's token, for the file part */
	struct MHD_PostProcessor *pp;
	struct field fields[MAX_FIELDS];
	size_t nfields;
	int too_large;
	char upload[560];       /* temp file of an uploaded evidence file */
	int upload_fd;
	size_t upload_len;
};

/* ---- small helpers -------------------------------------------------- */

static void hx(struct buf *b, const char *s)
{
	ds_html_escape(b, s ? s : "");
}

static const char *jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static long long jint(json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

static const char *field(struct req *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].key, key) == 0)
			return r->fields[i].value;
	return NULL;
}

static void random_hex(char out[65])
{
	uint8_t b[32];

	if (ds_random(b, sizeof(b), NULL) != 0)
		abort();        /* no randomness: no safe session */
	ds_hex(b, sizeof(b), out);
}

/* ---- sessions and attempts (under w->lock) --------------------------- */

static struct session *session_find(struct web *w, const char *token)
{
	time_t now = time(NULL);
	size_t i;

	if (!token || strlen(token) != 64)
		return NULL;
	for (i = 0; i < w->nsessions; i++) {
		struct session *s = &w->sessions[i];

		if (!s->used || !ds_equal(s->token, token, 64))
			continue;
		if (now - s->last > w->o->conf->web_idle_minutes * 60) {
			memset(s, 0, sizeof(*s));
			return NULL;
		}
		s->last = now;
		s->turn = ++w->turns;
		return s;
	}
	return NULL;
}

/*
 * A session for actor: each person has at most [web] sessions_per_person
 * (a new log-in beyond that ends that person's oldest, never another's);
 * otherwise a free entry or one idle past its time.  NULL when every
 * entry is another person's live session (the log-in is refused, no one
 * is logged out).
 */
static struct session *session_new(struct web *w, const char *actor,
				   const char *stamp)
{
	struct session *s = NULL, *mine = NULL;
	time_t now = time(NULL);
	int own = 0;
	size_t i;

	for (i = 0; i < w->nsessions; i++) {
		struct session *e = &w->sessions[i];

		if (e->used && strcmp(e->actor, actor) == 0) {
			own++;
			if (!mine || e->turn < mine->turn)
				mine = e;
		}
		if (!s && (!e->used || now - e->last >
			   w->o->conf->web_idle_minutes * 60))
			s = e;
	}
	if (mine && own >= w->o->conf->web_sessions_per_person)
		s = mine;
	if (!s)
		return NULL;
	memset(s, 0, sizeof(*s));
	random_hex(s->token);
	random_hex(s->csrf);
	snprintf(s->actor, sizeof(s->actor), "%s", actor);
	snprintf(s->stamp, sizeof(s->stamp), "%s", stamp);
	s->last = now;
	s->turn = ++w->turns;
	s->used = 1;
	return s;
}

/*
 * actor's password changed (stamp is the new one): their other sessions
 * end; the one with the token keep (the person who changed it, when it
 * is theirs) goes on with the new stamp.
 */
static void sessions_restamp(struct web *w, const char *actor,
			     const char *keep, const char *stamp)
{
	size_t i;

	for (i = 0; i < w->nsessions; i++) {
		struct session *e = &w->sessions[i];

		if (!e->used || strcmp(e->actor, actor) != 0)
			continue;
		if (keep && ds_equal(e->token, keep, 64))
			snprintf(e->stamp, sizeof(e->stamp), "%s", stamp);
		else
			ds_wipe(e, sizeof(*e));
	}
}

/* The entry for key, or NULL: looking never creates one. */
static struct attempt *attempt_find(struct web *w, const char *key)
{
	size_t i;

	for (i = 0; i < w->nattempts; i++)
		if (w->attempts[i].key[0] &&
		    strcmp(w->attempts[i].key, key) == 0)
			return &w->attempts[i];
	return NULL;
}

/*
 * An entry for a new failure: a free one, else the oldest that is not
 * locked, else the oldest lock of an address, and only when every entry
 * is a name's lock, the oldest of those.  Only names of people who exist
 * get entries (do_login), so a flood of made-up names fills nothing, and
 * a full table never locks out everyone else.
 */
static struct attempt *attempt_new(struct web *w, const char *key)
{
	struct attempt *a = NULL, *lock = NULL;
	time_t now = time(NULL);
	size_t i;

	for (i = 0; i < w->nattempts; i++) {
		struct attempt *e = &w->attempts[i];

		if (!e->key[0]) {
			a = e;
			break;
		}
		if (now >= e->locked_until) {
			if (!a || e->first < a->first)
				a = e;
		} else if (!lock || (e->key[0] == 'a' && lock->key[0] != 'a') ||
			   ((e->key[0] == 'a') == (lock->key[0] == 'a') &&
			    e->locked_until < lock->locked_until)) {
			lock = e;
		}
	}
	if (!a)
		a = lock ? lock : &w->attempts[0];
	memset(a, 0, sizeof(*a));
	snprintf(a->key, sizeof(a->key), "%s", key);
	a->first = now;
	return a;
}

static int attempt_locked(struct web *w, const char *key)
{
	struct attempt *a = attempt_find(w, key);

	return a && time(NULL) < a->locked_until;
}

/* Count a failure. */
static void attempt_fail(struct web *w, const char *key)
{
	struct attempt *a = attempt_find(w, key);
	time_t now = time(NULL);

	if (!a)
		a = attempt_new(w, key);
	if (now - a->first > LOCK_SECONDS && now >= a->locked_until) {
		a->first = now;
		a->fails = 0;
	}
	if (++a->fails >= FAILS_BEFORE_LOCK)
		a->locked_until = now + LOCK_SECONDS;
}

static void attempt_clear(struct web *w, const char *key)
{
	struct attempt *a = attempt_find(w, key);

	if (a)
		memset(a, 0, sizeof(*a));
}

/* ---- responses -------------------------------------------------------- */

static enum MHD_Result respond(struct web *w, struct MHD_Connection *c,
			    unsigned status, const char *type,
			    const char *body, size_t len, const char *cookie,
			    const char *location, const char *disposition)
{
	struct MHD_Response *res;
	enum MHD_Result ret;

	res = MHD_create_response_from_buffer(len, (void *)body,
					      MHD_RESPMEM_MUST_COPY);
	if (!res)
		return MHD_NO;
	MHD_add_response_header(res, "Content-Type", type);
	MHD_add_response_header(res, "Content-Security-Policy",
				"default-src 'none'; style-src "
					"'unsafe-inline'; "
				"img-src 'self'; form-action 'self'; "
				"frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(res, "X-Frame-Options", "DENY");
	MHD_add_response_header(res, "Cache-Control", "no-store");
	if (w->tls)
		MHD_add_response_header(res, "Strict-Transport-Security",
					"max-age=31536000");
	if (cookie)
		MHD_add_response_header(res, "Set-Cookie", cookie);
	if (location)
		MHD_add_response_header(res, "Location", location);
	if (disposition)
		MHD_add_response_header(res, "Content-Disposition",
					disposition);
	ret = MHD_queue_response(c, status, res);
	MHD_destroy_response(res);
	return ret;
}

static enum MHD_Result redirect(struct web *w, struct MHD_Connection *c,
				const char *to, const char *cookie)
{
	return respond(w, c, 303, "text/plain", "", 0, cookie, to, NULL);
}

static const char style[] =
	"body{font:15px/1.5 'DejaVu Sans',Arial,sans-serif;margin:0;"
	"color:#1a1a1a;background:#fafafa}"
	"header{background:#1f3a5f;color:#fff;padding:.6em 1em;display:flex;"
	"gap:1.2em;align-items:center;flex-wrap:wrap}"
	"header a{color:#fff}header form{margin:0 0 0 auto}"
	"main{max-width:70em;margin:0 auto;padding:1em}"
	"table{border-collapse:collapse;width:100%;margin:.5em 0 1em}"
	"th,td{border:1px solid #999;padding:.3em .5em;text-align:left;"
	"vertical-align:top;overflow-wrap:break-word}th{background:#e6e6e6}"
	"fieldset{border:1px solid #999;margin:.8em 0;padding:.6em 1em}"
	"label{display:block;margin:.3em 0}input,select,textarea{font:inherit;"
	"max-width:100%}textarea{width:100%;min-height:4em}"
	"button{font:inherit;padding:.3em .9em;cursor:pointer}"
	".err{background:#fde8e8;border:1px solid #a40000;padding:.5em 1em}"
	".ok{background:#e8f5e8;border:1px solid #2d6a2d;padding:.5em 1em}"
	".excerpt{background:#eee;padding:.4em .6em;font-style:italic;"
	"overflow-wrap:break-word}.why{white-space:pre-line;"
	"overflow-wrap:break-word}.hash{font-family:monospace;font-size:.8em;"
	"overflow-wrap:anywhere}.finding{border:1px solid #777;"
	"border-left:5px solid #a40000;padding:.5em 1em;margin:1em 0;"
	"background:#fff}a:focus,button:focus,input:focus,select:focus,"
	"textarea:focus{outline:3px solid #f0b400}"
	"@media print{header,form,fieldset{display:none}}";

static void roles_text(struct buf *b, unsigned roles);
static void web_msg(struct buf *b, const char *msg);

/* The name the person is shown by, for this request's header. */
static _Thread_local char shown_name[128];

/* Start a page: head, header with the person and their links. */
static void page_start(struct buf *b, const char *title,
		       const struct session *s, unsigned roles)
{
	buf_adds(b, "<!DOCTYPE html><html lang=\"en-GB\"><head>"
		 "<meta charset=\"utf-8\"><meta name=\"viewport\" "
		 "content=\"width=device-width, initial-scale=1\"><title>");
	hx(b, title);
	buf_adds(b, " - duesearch</title><style>");
	buf_adds(b, style);
	buf_adds(b, "</style></head><body><header><strong>duesearch</strong>");
	if (s) {
		buf_adds(b, "<a href=\"/\">Vacancies</a>");
		if (roles & DS_ROLE_DSL)
			buf_adds(b, "<a href=\"/review\">Review queue</a>");
		if (roles & DS_ROLE_DPO)
			buf_adds(b, "<a href=\"/dpo\">Data protection</a>");
		if (roles & (DS_ROLE_DPO | DS_ROLE_ADMIN))
			buf_adds(b, "<a href=\"/audit\">Audit log</a>");
		if (roles & DS_ROLE_ADMIN)
			buf_adds(b, "<a href=\"/people\">People</a>");
		buf_adds(b, "<form method=\"post\" action=\"/logout\">"
			 "<input type=\"hidden\" name=\"csrf\" value=\"");
		buf_adds(b, s->csrf);
		buf_adds(b, "\"><span>");
		hx(b, shown_name[0] ? shown_name : s->actor);
		buf_adds(b, " (");
		roles_text(b, roles);
		buf_adds(b, ")</span> <button>Log out</button></form>");
	}
	buf_adds(b, "</header><main><h1>");
	hx(b, title);
	buf_adds(b, "</h1>");
	if (s && s->flash) {
		buf_adds(b, "<p class=\"ok\" role=\"status\">");
		hx(b, s->flash);
		buf_adds(b, "</p>");
	}
}

static void page_end(struct buf *b)
{
	buf_adds(b, "</main></body></html>");
}

/* The hidden CSRF field of every form. */
static void csrf_field(struct buf *b, const struct session *s)
{
	buf_adds(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	buf_adds(b, s->csrf);
	buf_adds(b, "\">");
}

/* What a page whose buffer failed is replaced by. */
static const char page_failed_html[] =
	"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
	"<title>Out of memory - duesearch</title></head><body><h1>Out of "
	"memory</h1><p>The server ran out of memory (or the page grew too "
	"large) while it made this page, so none of it is shown. Nothing "
	"else was changed by showing it: try again, or go back to <a href="
	"\"/\">the vacancies</a>.</p></body></html>";

/*
 * The status and body a page buffer is served with.  Pages are made by
 * many appends whose results go unchecked; the buffer remembers a failed
 * one (buf_failed), and such a page, with a part missing, is never
 * served as it stands: a 500 "out of memory" page replaces it.
 */
static unsigned page_reply(const struct buf *b, unsigned status,
			   const char **body, size_t *len)
{
	if (buf_failed(b)) {
		*body = page_failed_html;
		*len = sizeof(page_failed_html) - 1;
		return 500;
	}
	*body = b->ptr;
	*len = b->len;
	return status;
}

/* Serve a page buffer (see page_reply); a failed one loses its extras. */
static enum MHD_Result send_buf(struct web *w, struct MHD_Connection *c,
				unsigned status, const char *type,
				const struct buf *b, const char *cookie,
				const char *disposition)
{
	const char *body;
	size_t len;
	unsigned st = page_reply(b, status, &body, &len);

	if (st != status)
		return respond(w, c, st, "text/html; charset=utf-8", body,
			       len, NULL, NULL, NULL);
	return respond(w, c, st, type, body, len, cookie, NULL, disposition);
}

static enum MHD_Result send_page(struct web *w, struct MHD_Connection *c,
				 unsigned status, struct buf *b)
{
	return send_buf(w, c, status, "text/html; charset=utf-8", b, NULL,
			NULL);
}

/*
 * An error page for a library error: 403 for roles, 400 otherwise; its
 * reason, and a link to the page that puts it right (fix), else back to
 * the page the form was on (back).
 */
static enum MHD_Result error_page_to(struct web *w, struct MHD_Connection *c,
				     const struct session *s, unsigned roles,
				     const struct ds_err *err, const char *fix,
				     const char *fix_label, const char *back,
				     const char *more)
{
	struct buf b;
	enum MHD_Result r;
	unsigned status = err->code == DS_EPERM ? 403 :
			  err->code == DS_ENOTFOUND ? 404 :
			  err->code == DS_EBUSY ? 503 : 400;

	buf_init(&b, 1 << 20);
	page_start(&b, status == 403 ? "Not allowed" : "That did not work", s,
		   roles);
	buf_adds(&b, "<p class=\"err\" role=\"alert\">Nothing was changed: ");
	web_msg(&b, err->msg);
	buf_adds(&b, ".</p>");
	/* The action's own account of why (markup it built and escaped). */
	if (more)
		buf_adds(&b, more);
	buf_adds(&b, "<ul>");
	/* A role refused: an administrator gives roles on People. */
	if ((!fix || !*fix) && err->code == DS_EPERM &&
	    (roles & DS_ROLE_ADMIN)) {
		fix = "/people";
		fix_label = "People: give yourself or another the role";
	}
	if (fix && *fix) {
		buf_adds(&b, "<li><a href=\"");
		hx(&b, fix);
		buf_adds(&b, "\">");
		hx(&b, fix_label ? fix_label : "The page that puts it right");
		buf_adds(&b, "</a></li>");
	}
	if (back && *back && (!fix || strcmp(fix, back) != 0)) {
		buf_adds(&b, "<li><a href=\"");
		hx(&b, back);
		buf_adds(&b, "\">Back to the page you were on</a></li>");
	}
	buf_adds(&b, "<li><a href=\"/\">The vacancies</a></li></ul>");
	page_end(&b);
	r = send_page(w, c, status, &b);
	buf_release(&b);
	return r;
}

static enum MHD_Result error_page(struct web *w, struct MHD_Connection *c,
				  const struct session *s, unsigned roles,
				  const struct ds_err *err)
{
	return error_page_to(w, c, s, roles, err, NULL, NULL, NULL, NULL);
}

/* ---- the library, per request ---------------------------------------- */

static int open_ctx(struct web *w, const char *actor, struct ds_ctx **ctx,
		    struct ds_err *err)
{
	struct ds_open_opts oo = { .db_path = w->o->db_path,
				   .keys_path = w->o->keys_path,
				   .actor = actor };

	return ds_open(&oo, ctx, err);
}

/* ---- pages ------------------------------------------------------------ */

static void login_form(struct buf *b, const char *msg)
{
	page_start(b, "Log in", NULL, 0);
	if (msg) {
		buf_adds(b, "<p class=\"err\" role=\"alert\">");
		hx(b, msg);
		buf_adds(b, "</p>");
	}
	buf_adds(b, "<form method=\"post\" action=\"/login\">"
		 "<label>Name <input name=\"name\" autocomplete=\"username\" "
		 "required autofocus></label><label>Password <input "
		 "type=\"password\" name=\"password\" autocomplete=\""
		 "current-password\" required></label><button>Log in</button>"
		 "</form><p>Online searches of shortlisted candidates, as "
		 "Keeping Children Safe in Education asks: consent-gated, the "
		 "same for every candidate, and audited.</p>");
	page_end(b);
}

/* The client's address, for rate limiting. */
static void client_addr(struct MHD_Connection *c, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
		MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, size, "?");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)
				     sa)->sin_addr, out, (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
				      (const void *)sa)->sin6_addr, out,
			  (socklen_t)size);
}

static enum MHD_Result do_login(struct web *w, struct MHD_Connection *c,
				struct req *r)
{
	const char *name = field(r, "name"), *pw = field(r, "password");
	char ukey[96], akey[96], addr[64], cookie[256], stamp[65];
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	struct session *s;
	struct buf b;
	enum MHD_Result ret;
	int locked, rc;

	ds_err_init(&err);
	client_addr(c, addr, sizeof(addr));
	snprintf(ukey, sizeof(ukey), "u:%.80s", name ? name : "");
	/*
	 * On loopback every client has the same address: locking it would
	 * let anyone lock everyone out, so only names are locked there.
	 */
	if (strncmp(addr, "127.", 4) == 0 || strcmp(addr, "::1") == 0)
		akey[0] = '\0';
	else
		snprintf(akey, sizeof(akey), "a:%.80s", addr);
	pthread_mutex_lock(&w->lock);
	locked = attempt_locked(w, ukey) ||
		 (akey[0] && attempt_locked(w, akey));
	pthread_mutex_unlock(&w->lock);
	buf_init(&b, 1 << 20);
	if (locked) {
		login_form(&b, "too many failed log-ins: wait 15 minutes and "
			   "try again");
		ret = send_page(w, c, 429, &b);
		buf_release(&b);
		return ret;
	}
	rc = open_ctx(w, name ? name : "", &ctx, &err);
	if (!rc)
		rc = ds_password_check(ctx, name, pw ? pw : "", &err);
	if (rc) {
		int known = ctx && ds_actor_roles(ctx);

		if (known)
			ds_audit_web(ctx, "web.login-failed", NULL);
		pthread_mutex_lock(&w->lock);
		if (known)      /* made-up names take no room in the table */
			attempt_fail(w, ukey);
		if (akey[0])
			attempt_fail(w, akey);
		pthread_mutex_unlock(&w->lock);
		ds_close(ctx);
		login_form(&b, err.code == DS_EPERM ? "wrong name or password" :
			   err.msg);
		ret = send_page(w, c, 401, &b);
		buf_release(&b);
		return ret;
	}
	if (ds_password_stamp(ctx, name, stamp, NULL) != 0)
		stamp[0] = '\0';
	ds_audit_web(ctx, "web.login", NULL);
	ds_close(ctx);
	pthread_mutex_lock(&w->lock);
	attempt_clear(w, ukey);
	s = session_new(w, name, stamp);
	if (s)
		snprintf(cookie, sizeof(cookie), "ds_session=%s; Path=/; "
			 "HttpOnly; SameSite=Strict%s", s->token,
			 w->tls ? "; Secure" : "");
	pthread_mutex_unlock(&w->lock);
	if (!s) {
		login_form(&b, "too many people are logged in: try again when "
			   "someone logs out, or raise [web] sessions");
		ret = send_page(w, c, 503, &b);
		buf_release(&b);
		return ret;
	}
	buf_release(&b);
	return redirect(w, c, "/", cookie);
}

static enum MHD_Result do_logout(struct web *w, struct MHD_Connection *c,
				 struct session *s)
{
	struct ds_ctx *ctx = NULL;

	if (open_ctx(w, s->actor, &ctx, NULL) == 0)
		ds_audit_web(ctx, "web.logout", NULL);
	ds_close(ctx);
	pthread_mutex_lock(&w->lock);
	memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&w->lock);
	return redirect(w, c, "/login", "ds_session=; Path=/; HttpOnly; "
			"SameSite=Strict; Max-Age=0");
}

/* A table from a JSON array of objects, with the columns named. */
static void table(struct buf *b, json_t *list, const char *const *cols,
		  const char *const *heads, const char *link_col,
		  const char *link_prefix)
{
	json_t *row;
	size_t i, k;

	buf_adds(b, "<table><thead><tr>");
	for (k = 0; cols[k]; k++) {
		buf_adds(b, "<th scope=\"col\">");
		hx(b, heads[k]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead><tbody>");
	json_array_foreach(list, i, row) {
		buf_adds(b, "<tr>");
		for (k = 0; cols[k]; k++) {
			json_t *v = json_object_get(row, cols[k]);
			char num[32];
			const char *t = json_is_string(v) ?
					json_string_value(v) : "";

			if (json_is_integer(v)) {
				snprintf(num, sizeof(num), "%lld",
					 (long long)json_integer_value(v));
				t = num;
			} else if (json_is_true(v)) {
				t = "yes";
			}
			buf_adds(b, "<td>");
			if (link_col && strcmp(cols[k], link_col) == 0) {
				buf_adds(b, "<a href=\"");
				buf_adds(b, link_prefix);
				ds_url_escape(b, t);
				buf_adds(b, "\">");
				hx(b, t);
				buf_adds(b, "</a>");
			} else {
				hx(b, t);
			}
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>");
	}
	buf_adds(b, "</tbody></table>");
}

/* ---- what a page or an action works with ------------------------------ */

static const char *arg(struct view *v, const char *k)
{
	return MHD_lookup_connection_value(v->c, MHD_GET_ARGUMENT_KIND, k);
}

static const char *fv(struct view *v, const char *k)
{
	const char *s = field(v->r, k);

	return s ? s : "";
}

/* A form value, or NULL when absent or empty. */
static const char *fopt(struct view *v, const char *k)
{
	const char *s = field(v->r, k);

	return s && *s ? s : NULL;
}

/*
 * A library message for a browser: the command-line hint it may end with
 * ("see 'duesearch ...'") is for a terminal, so it is cut at the clause
 * that names it.
 */
static void web_msg(struct buf *b, const char *msg)
{
	const char *cli = strstr(msg, "'duesearch");
	size_t n = strlen(msg);

	if (cli) {
		const char *p = cli;

		while (p > msg && p[-1] != ':' && p[-1] != '(' &&
		       p[-1] != ';')
			p--;
		if (p > msg)
			p--;
		n = (size_t)(p - msg);
		while (n && (msg[n - 1] == ' ' || msg[n - 1] == ','))
			n--;
	}
	{
		char *t = ds_malloc(n + 1);

		if (!t) {
			buf_fail(b);    /* the page is not served without it */
			return;
		}
		memcpy(t, msg, n);
		t[n] = '\0';
		hx(b, t);
		ds_free(t);
	}
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_of(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The last Sunday of a month, as days since the epoch. */
static long last_sunday(long y, long m)
{
	long last = m == 12 ? days_of(y + 1, 1, 1) - 1 :
		    days_of(y, m + 1, 1) - 1;

	/* 1970-01-01 was a Thursday: day 3 is a Sunday. */
	return last - ((last - 3) % 7 + 7) % 7;
}

/*
 * A stored UTC time ("YYYY-MM-DDTHH:MM:SSZ") in UK local time with its
 * zone ("14 Nov 2026, 09:05 GMT", BST from the last Sunday of March to
 * the last Sunday of October, 01:00 UTC); a date alone as "14 Nov 2026".
 * Anything else is shown as it is.
 */
static void uk_time(struct buf *b, const char *s)
{
	static const char *const mon[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec"
	};
	int y, mo, d, h = 0, mi = 0, se = 0, n = 0;
	long days, secs, start, end;
	int bst;

	if (!s || !*s) {
		buf_adds(b, "-");
		return;
	}
	if (strlen(s) == 10 &&
	    sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10 &&
	    mo >= 1 && mo <= 12) {
		buf_addf(b, "%d %s %d", d, mon[mo - 1], y);
		return;
	}
	if (strlen(s) != 20 || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y,
				      &mo, &d, &h, &mi, &se, &n) != 6 ||
	    n != 20 || mo < 1 || mo > 12) {
		hx(b, s);
		return;
	}
	days = days_of(y, mo, d);
	secs = days * 86400L + h * 3600L + mi * 60L + se;
	start = last_sunday(y, 3) * 86400L + 3600L;
	end = last_sunday(y, 10) * 86400L + 3600L;
	bst = secs >= start && secs < end;
	if (bst) {
		long t = secs + 3600L, dd = t / 86400L, yy, mm, ddd;

		/* Back from days to a civil date. */
		{
			long z = dd + 719468, era = (z >= 0 ? z : z - 146096) /
				 146097, doe = z - era * 146097, yoe = (doe -
				 doe / 1460 + doe / 36524 - doe / 146096) / 365,
				 doy = doe - (365 * yoe + yoe / 4 - yoe / 100),
				 mp = (5 * doy + 2) / 153;

			ddd = doy - (153 * mp + 2) / 5 + 1;
			mm = mp < 10 ? mp + 3 : mp - 9;
			yy = yoe + era * 400 + (mm <= 2);
		}
		buf_addf(b, "%ld %s %ld, %02ld:%02ld BST", ddd, mon[mm - 1], yy,
			 (t % 86400L) / 3600L, (t % 3600L) / 60L);
		return;
	}
	buf_addf(b, "%d %s %d, %02d:%02d GMT", d, mon[mo - 1], y, h, mi);
}

/* A role's name for people: "DSL", not "dsl". */
static void roles_text(struct buf *b, unsigned roles)
{
	static const struct {
		unsigned bit;
		const char *name;
	} r[] = {
		{ DS_ROLE_RECRUITER, "recruiter" }, { DS_ROLE_DSL, "DSL" },
		{ DS_ROLE_DPO, "DPO" }, { DS_ROLE_ADMIN, "administrator" },
	};
	size_t i, n = 0;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (roles & r[i].bit)
			buf_addf(b, "%s%s", n++ ? ", " : "", r[i].name);
	if (!n)
		buf_adds(b, "no role");
}

/* Every candidate the person may see: {id, vacancy, name, status}. */
static json_t *cand_index(struct view *v)
{
	json_t *list = NULL;

	if (ds_candidate_list(v->ctx, NULL, &list, NULL))
		return json_array();
	return list;
}

/* "Jane Example (OAK-1)" as a link to the candidate's page. */
static void cand_link(struct buf *b, json_t *index, int64_t id)
{
	json_t *c;
	size_t i;

	json_array_foreach(index, i, c)
		if (jint(c, "id") == id) {
			buf_addf(b, "<a href=\"/candidate?id=%lld\">",
				 (long long)id);
			hx(b, jstr(c, "name"));
			buf_adds(b, "</a> (");
			hx(b, jstr(c, "vacancy"));
			buf_adds(b, ")");
			return;
		}
	buf_addf(b, "candidate record %lld (no longer held)", (long long)id);
}

/* A link to an address from a page: http(s) only, never javascript:. */
static void url_link(struct buf *b, const char *url)
{
	if (strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0) {
		buf_adds(b, "<a rel=\"noopener noreferrer\" target=\"_blank\" "
			 "href=\"");
		hx(b, url);
		buf_adds(b, "\" class=\"hash\">");
		hx(b, url);
		buf_adds(b, "</a>");
	} else {
		buf_adds(b, "<span class=\"hash\">");
		hx(b, url);
		buf_adds(b, "</span>");
	}
}

/*
 * The gate's reasons, each with the page that puts it right.  The text
 * is the web's own: the library's says which command to type.
 */
static void gate_reasons(struct buf *b, const struct ds_gate *g, int64_t cid,
			 const char *vacancy)
{
	static const struct {
		const char *code, *text, *fix, *anchor;
	} t[] = {
		{ "organisation-opted-out", "The organisation decided not to "
		  "carry out online searches.", "Searching or not (a DPO or "
		  "an administrator can undo it)", "/optout" },
		{ "not-shortlisted", "Only shortlisted candidates may be "
		  "searched.", "Change the candidate's status", "#status" },
		{ "scope-preferred-only", "The organisation searches the "
		  "preferred candidate only.", "Change the candidate's status",
		  "#status" },
		{ "no-identity", "No legal name is recorded.", "Add the legal "
		  "name", "#anchors" },
		{ "no-notice", "No notice that online searches may be done is "
		  "recorded.", "Record the notice", "#notice" },
		{ "notice-after-search", "The notice is dated after today.",
		  "Check the notice's date", "#notice" },
		{ "consent-withdrawn", "The candidate withdrew consent: no "
		  "further search may run.", NULL, NULL },
		{ "no-consent", "The organisation requires consent and none is "
		  "recorded.", "Record the consent", "#consent" },
		{ "consent-after-search", "The consent is dated after today.",
		  "Check the consent's date", "#consent" },
		{ "searcher-unknown", "You are not a registered person here.",
		  "People (an administrator adds you)", "/people" },
		{ "searcher-not-recruiter", "You do not hold the recruiter "
		  "role.", "People (an administrator gives it)", "/people" },
		{ "searcher-on-panel", "You sit on this vacancy's interview "
		  "panel: someone not on the panel must search.",
		  "The vacancy's panel declaration", "panel" },
		{ "no-panel-declaration", "You have not declared whether you "
		  "sit on the vacancy's interview panel.", "Declare it on the "
		  "vacancy's page", "panel" },
	};
	size_t i, k;

	buf_adds(b, "<ul class=\"reasons\">");
	for (i = 0; i < g->nreasons; i++) {
		for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
			if (strcmp(t[k].code, g->reasons[i].code) == 0)
				break;
		buf_adds(b, "<li>");
		if (k == sizeof(t) / sizeof(t[0])) {
			web_msg(b, g->reasons[i].text);
			buf_adds(b, "</li>");
			continue;
		}
		hx(b, t[k].text);
		if (t[k].fix) {
			buf_adds(b, " <a href=\"");
			if (t[k].anchor[0] == '/') {
				buf_adds(b, t[k].anchor);
			} else if (strcmp(t[k].anchor, "panel") == 0) {
				buf_adds(b, "/vacancy?ref=");
				ds_url_escape(b, vacancy ? vacancy : "");
				buf_adds(b, "#panel");
			} else {
				buf_addf(b, "/candidate?id=%lld%s",
					 (long long)cid, t[k].anchor);
			}
			buf_adds(b, "\">");
			hx(b, t[k].fix);
			buf_adds(b, "</a>");
		}
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>");
}

/* Hidden fields: name=value, escaped. */
static void hidden(struct buf *b, const char *k, const char *val)
{
	buf_adds(b, "<input type=\"hidden\" name=\"");
	buf_adds(b, k);
	buf_adds(b, "\" value=\"");
	hx(b, val);
	buf_adds(b, "\">");
}

static void hidden_id(struct buf *b, const char *k, long long id)
{
	buf_addf(b, "<input type=\"hidden\" name=\"%s\" value=\"%lld\">", k,
		 id);
}

/* A form's opening, with its token; multipart when it takes a file. */
static void form_open(struct buf *b, const struct session *s,
		      const char *action, int multipart, const char *legend)
{
	buf_adds(b, "<form method=\"post\" action=\"");
	buf_adds(b, action);
	buf_adds(b, multipart ? "\" enctype=\"multipart/form-data\">" : "\">");
	csrf_field(b, s);
	if (legend) {
		buf_adds(b, "<fieldset><legend>");
		hx(b, legend);
		buf_adds(b, "</legend>");
	}
}

static void form_close(struct buf *b, const char *button, int fieldset)
{
	buf_adds(b, "<button>");
	hx(b, button);
	buf_adds(b, fieldset ? "</button></fieldset></form>" :
		 "</button></form>");
}

/* ---- pages (GET) -------------------------------------------------------- */

static int home(struct view *v)
{
	static const char *const cols[] = {
		"ref", "post", "school", "interview_date", "candidates", NULL
	};
	static const char *const heads[] = {
		"Reference", "Post", "School", "Interview", "Candidates"
	};
	struct buf *b = v->b;
	json_t *list = NULL;

	page_start(b, "Vacancies", v->s, v->roles);
	if (ds_vacancy_list(v->ctx, &list, NULL) == 0)
		table(b, list, cols, heads, "ref", "/vacancy?ref=");
	else
		buf_adds(b, "<p>Your role does not list vacancies.</p>");
	json_decref(list);
	if (v->roles & DS_ROLE_RECRUITER) {
		form_open(b, v->s, "/vacancy/add", 0, "Add a vacancy");
		buf_adds(b, "<label>Reference <input name=\"ref\" required>"
			 "</label><label>Post <input name=\"post\" required>"
			 "</label><label>School <input name=\"school\" "
			 "required></label><label>Interview date <input "
			 "type=\"date\" name=\"interview_date\"></label>");
		form_close(b, "Add the vacancy", 1);
	}
	page_end(b);
	return 0;
}

static int vacancy_page(struct view *v)
{
	static const char *const cols[] = {
		"id", "name", "status", NULL
	};
	static const char *const heads[] = {
		"Record", "Name", "Status"
	};
	const char *ref = arg(v, "ref") ? arg(v, "ref") : "";
	struct buf *b = v->b;
	json_t *vac = NULL, *p, *people;
	size_t i;
	int rc, mine = -1;

	rc = ds_vacancy_show(v->ctx, ref, &vac, v->err);
	if (rc)
		return rc;
	people = web_people(v);
	page_start(b, "Vacancy", v->s, v->roles);
	buf_adds(b, "<p><strong>");
	hx(b, jstr(vac, "ref"));
	buf_adds(b, "</strong>: ");
	hx(b, jstr(vac, "post"));
	buf_adds(b, ", ");
	hx(b, jstr(vac, "school"));
	if (json_is_string(json_object_get(vac, "interview_date"))) {
		buf_adds(b, "; interviews on ");
		uk_time(b, jstr(vac, "interview_date"));
	}
	buf_adds(b, "</p><h2>Candidates</h2>");
	table(b, json_object_get(vac, "candidates"), cols, heads, "id",
	      "/candidate?id=");
	buf_adds(b, "<h2 id=\"panel\">Interview panel declarations</h2><ul>");
	json_array_foreach(json_object_get(vac, "panel"), i, p) {
		buf_adds(b, "<li>");
		web_person(b, people, jstr(p, "actor"), NULL);
		buf_adds(b, json_is_true(json_object_get(p, "on_panel")) ?
			 " sits on the panel" : " is not on the panel");
		buf_adds(b, " (declared ");
		uk_time(b, jstr(p, "declared"));
		buf_adds(b, ")</li>");
		if (strcmp(jstr(p, "actor"), v->s->actor) == 0)
			mine = json_is_true(json_object_get(p, "on_panel"));
	}
	if (!json_array_size(json_object_get(vac, "panel")))
		buf_adds(b, "<li>Nobody has declared yet.</li>");
	buf_adds(b, "</ul>");
	web_searches(v, jstr(vac, "ref"), people);
	if (v->roles & DS_ROLE_RECRUITER) {
		form_open(b, v->s, "/panel", 0, "Your panel declaration");
		hidden(b, "vacancy", ref);
		buf_adds(b, mine < 0 ? "<p>You have not declared yet.</p>" :
			 mine ? "<p>You declared that you sit on the panel: "
			 "you may not search.</p>" : "<p>You declared that "
			 "you are "
			 "not on the panel.</p>");
		buf_adds(b, "<button name=\"on\" value=\"0\">I am not on this "
			 "vacancy's interview panel</button> <button "
			 "name=\"on\" value=\"1\">I am on the panel</button>"
			 "</fieldset>"
			 "</form>");
		form_open(b, v->s, "/candidate/add", 0, "Add a candidate "
			  "(anchors from the application only)");
		hidden(b, "vacancy", ref);
		buf_adds(b, "<label>Legal name <input name=\"name\" required>"
			 "</label><label>Known as <input name=\"known_as\">"
			 "</label><label>Previous name <input name=\""
			 "previous_name\"></label><label>Town or area <input "
			 "name=\"location\"></label><label>Employer <input "
			 "name=\"employer\"></label><label>School <input "
			 "name=\"school\"></label><label>Status <select "
			 "name=\"status\"><option>applied</option><option>"
			 "shortlisted</option></select></label>");
		form_close(b, "Add the candidate", 1);
		buf_adds(b, "<h2>Search</h2><p><a href=\"/run?vacancy=");
		ds_url_escape(b, ref);
		buf_adds(b, "\">Search this vacancy's candidates</a> (you see "
			 "who would be searched first) | <a href=\"/plan?"
			 "vacancy=");
		ds_url_escape(b, ref);
		buf_adds(b, "\">The search plan</a></p>");
		form_open(b, v->s, "/decide", 0, "The appointment decision "
			  "(retention runs from it)");
		hidden(b, "vacancy", ref);
		buf_adds(b, "<label>Decided on <input type=\"date\" "
			 "name=\"on\" required></label><label>Reason for a "
			 "change (DPO) <input name=\"reason\"></label>");
		form_close(b, "Record the decision date", 1);
	} else {
		buf_adds(b, "<p><a href=\"/plan?vacancy=");
		ds_url_escape(b, ref);
		buf_adds(b, "\">The search plan</a></p>");
	}
	buf_adds(b, "<p><a href=\"/notice?vacancy=");
	ds_url_escape(b, ref);
	buf_adds(b, "\">The notice for the application pack</a></p>");
	buf_adds(b, "<h2>Reports</h2><p><a href=\"/report?vacancy=");
	ds_url_escape(b, ref);
	buf_adds(b, "\">Vacancy report (all candidates side by side)</a> | "
		 "<a href=\"/report?scr=1&amp;vacancy=");
	ds_url_escape(b, ref);
	buf_adds(b, "\">Single-central-record lines (CSV)</a></p>");
	page_end(b);
	json_decref(people);
	json_decref(vac);
	return 0;
}

/*
 * A record id from a URL or a form: digits only, as on the command line
 * ("12x" is not 12).  0 when absent, -1 when malformed or out of range.
 */
static int64_t web_id(const char *s)
{
	int64_t v = 0;

	if (!s)
		return 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* A small form with one button posting hidden fields. */
static void button_form(struct buf *b, const struct session *s,
			const char *action, const char *k1, const char *v1,
			const char *label)
{
	buf_adds(b, "<form method=\"post\" action=\"");
	buf_adds(b, action);
	buf_adds(b, "\" style=\"display:inline\">");
	csrf_field(b, s);
	hidden(b, k1, v1);
	buf_adds(b, "<button>");
	hx(b, label);
	buf_adds(b, "</button></form>");
}

/* A remove button for one row of a candidate's record. */
static void remove_form(struct buf *b, const struct session *s,
			const char *action, const char *key, long long id,
			long long cand)
{
	buf_adds(b, " <form method=\"post\" action=\"");
	buf_adds(b, action);
	buf_adds(b, "\" style=\"display:inline\">");
	csrf_field(b, s);
	hidden_id(b, "candidate", cand);
	hidden_id(b, key, id);
	buf_adds(b, "<button>Remove</button></form>");
}

static void claims_part(struct view *v, json_t *c, long long id, int rec)
{
	struct buf *b = v->b;
	json_t *a;
	size_t i;

	buf_adds(b, "<h2 id=\"claims\">What the application claims</h2><ul>");
	json_array_foreach(json_object_get(c, "claims"), i, a) {
		static const char *const keys[] = {
			"organisation", "role", "from", "to", "location",
			"title", "institution", "year", "text", NULL
		};
		size_t k, shown = 0;

		buf_adds(b, "<li>");
		hx(b, jstr(a, "kind"));
		buf_adds(b, ": ");
		for (k = 0; keys[k]; k++) {
			if (!json_is_string(json_object_get(a, keys[k])))
				continue;
			if (shown++)
				buf_adds(b, ", ");
			if (strcmp(keys[k], "from") == 0 ||
			    strcmp(keys[k], "to") == 0 ||
			    strcmp(keys[k], "year") == 0) {
				buf_adds(b, keys[k]);
				buf_adds(b, " ");
			}
			hx(b, jstr(a, keys[k]));
		}
		if (rec)
			remove_form(b, v->s, "/claim/remove", "claim",
				    jint(a, "id"), id);
		buf_adds(b, "</li>");
	}
	if (!json_array_size(json_object_get(c, "claims")))
		buf_adds(b, "<li>None recorded.</li>");
	buf_adds(b, "</ul>");
	if (!rec)
		return;
	form_open(b, v->s, "/claim", 0, "Add what the application claims");
	hidden_id(b, "candidate", id);
	buf_adds(b, "<label>Kind <select name=\"kind\"><option>"
		 "employment</option><option>qualification</option>"
		 "<option>fact</option></select></label>"
		 "<p>Employment:</p><label>Organisation <input "
		 "name=\"organisation\"></label><label>Role <input "
		 "name=\"role\"></label><label>From (YYYY or YYYY-MM) "
		 "<input name=\"from\"></label><label>To (YYYY, YYYY-MM "
		 "or current) <input name=\"to\"></label><label>Place "
		 "<input name=\"location\"></label>"
		 "<p>Qualification:</p><label>Title <input "
		 "name=\"title\"></label><label>Institution <input "
		 "name=\"institution\"></label><label>Year <input "
		 "name=\"year\"></label>"
		 "<p>Other fact:</p><label>Text <input name=\"text\">"
		 "</label>");
	form_close(b, "Add the claim", 1);
}

static void channel_select(struct buf *b)
{
	size_t i;

	buf_adds(b, "<label>By <select name=\"channel\">");
	for (i = 0; ds_notice_channels[i]; i++) {
		buf_adds(b, "<option>");
		hx(b, ds_notice_channels[i]);
		buf_adds(b, "</option>");
	}
	buf_adds(b, "</select></label>");
}

/* The manual checklist of one candidate: import a saved page or settle. */
static void manual_part(struct view *v, int64_t id, int rec)
{
	struct buf *b = v->b;
	json_t *runs = NULL, *r;
	size_t i, open = 0;

	if (ds_run_list(v->ctx, &runs, NULL))
		return;
	buf_adds(b, "<h2 id=\"manual\">Manual checklist</h2>");
	json_array_foreach(runs, i, r) {
		json_t *rs = NULL, *st;
		size_t k;

		if (ds_run_show(v->ctx, jint(r, "id"), &rs, NULL))
			continue;
		json_array_foreach(json_object_get(rs, "steps"), k, st) {
			if (jint(st, "candidate") != id ||
			    strncmp(jstr(st, "outcome"), "manual", 6) != 0)
				continue;
			open += strcmp(jstr(st, "outcome"), "manual-open") == 0;
			buf_addf(b, "<div class=\"finding\"><h3>Manual step "
				 "%lld: ", jint(st, "id"));
			hx(b, jstr(st, "query"));
			buf_adds(b, "</h3><p>");
			hx(b, jstr(st, "detail"));
			buf_adds(b, "</p>");
			if (strcmp(jstr(st, "outcome"), "manual-open") != 0) {
				buf_adds(b, "<p class=\"ok\">Done: ");
				hx(b, jstr(st, "outcome"));
				buf_adds(b, "</p></div>");
				continue;
			}
			if (rec) {
				char sid[32];

				snprintf(sid, sizeof(sid), "%lld",
					 jint(st, "id"));
				form_open(b, v->s, "/evidence", 1, NULL);
				hidden(b, "step", sid);
				hidden_id(b, "candidate", id);
				buf_adds(b, "<label>Saved page (HTML, PDF, "
					 "PNG, JPEG) <input type=\"file\" "
					 "name=\""
					 "file\" required></label>");
				form_close(b, "Import", 0);
				form_open(b, v->s, "/settle", 0, NULL);
				hidden(b, "step", sid);
				hidden_id(b, "candidate", id);
				buf_adds(b, "<button name=\"outcome\" value=\""
					 "not-public\">Not public: nothing to "
					 "import</button> <button name=\""
					 "outcome\" value=\"nothing-found\">"
					 "Nothing found: no such profile"
					 "</button></form>");
			}
			buf_adds(b, "</div>");
		}
		json_decref(rs);
	}
	json_decref(runs);
	buf_addf(b, "<p>%zu manual step%s open.</p>", open,
		 open == 1 ? "" : "s");
}

static int candidate_page(struct view *v)
{
	json_t *c = NULL, *a, *ev = NULL;
	struct buf *b = v->b;
	struct ds_gate g;
	int64_t id = web_id(arg(v, "id"));
	int rec = (v->roles & DS_ROLE_RECRUITER) != 0, closed;
	size_t i;
	int rc;

	if (id <= 0)
		return ds_err_set(v->err, DS_EUSAGE, "bad candidate id: use a "
				  "link from the vacancy's page");
	rc = ds_candidate_show(v->ctx, id, &c, v->err);
	if (rc)
		return rc;
	closed = json_is_string(json_object_get(c, "closed"));
	page_start(b, "Candidate's case", v->s, v->roles);
	json_array_foreach(json_object_get(c, "anchors"), i, a)
		if (strcmp(jstr(a, "kind"), "legal-name") == 0) {
			buf_adds(b, "<h2>");
			hx(b, jstr(a, "value"));
			buf_adds(b, "</h2>");
			break;
		}
	buf_addf(b, "<p>Record %lld, vacancy <a href=\"/vacancy?ref=",
		 (long long)id);
	ds_url_escape(b, jstr(c, "vacancy"));
	buf_adds(b, "\">");
	hx(b, jstr(c, "vacancy"));
	buf_adds(b, "</a>, status <strong>");
	hx(b, jstr(c, "status"));
	buf_adds(b, "</strong></p>");
	if (closed) {
		buf_adds(b, "<p class=\"ok\"><strong>This case is closed"
			 "</strong> (");
		uk_time(b, jstr(c, "closed"));
		buf_adds(b, "): its findings can no longer change.</p>");
	}
	buf_adds(b, "<h2 id=\"anchors\">Identity anchors</h2><ul>");
	json_array_foreach(json_object_get(c, "anchors"), i, a) {
		buf_adds(b, "<li>");
		hx(b, jstr(a, "kind"));
		buf_adds(b, ": ");
		hx(b, jstr(a, "value"));
		if (rec)
			remove_form(b, v->s, "/anchor/remove", "anchor",
				    jint(a, "id"), id);
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>");
	if (rec) {
		form_open(b, v->s, "/anchor", 0, "Add an identity anchor "
			  "(from the application only)");
		hidden_id(b, "candidate", id);
		buf_adds(b, "<label>Kind <select name=\"kind\">");
		for (i = 0; ds_anchor_kinds[i]; i++) {
			buf_adds(b, "<option>");
			hx(b, ds_anchor_kinds[i]);
			buf_adds(b, "</option>");
		}
		buf_adds(b, "</select></label><label>Value <input name=\""
			 "value\" required></label>");
		form_close(b, "Add the anchor", 1);
	}
	claims_part(v, c, id, rec);
	buf_adds(b, "<h2 id=\"handles\">Declared handles</h2><ul>");
	json_array_foreach(json_object_get(c, "handles"), i, a) {
		buf_adds(b, "<li>");
		hx(b, jstr(a, "platform"));
		buf_adds(b, ": ");
		hx(b, jstr(a, "handle"));
		if (rec)
			remove_form(b, v->s, "/handle/remove", "handle",
				    jint(a, "id"), id);
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>");
	if (rec) {
		form_open(b, v->s, "/handle", 0, "Add a handle the candidate "
			  "declared");
		hidden_id(b, "candidate", id);
		buf_adds(b, "<label>Platform <input name=\"platform\" required "
			 "placeholder=\"mastodon, bluesky, x, url...\"></label>"
			 "<label>Handle or address <input name=\"handle\" "
			 "required></label>");
		form_close(b, "Add the handle", 1);
	}
	buf_adds(b, "<h2 id=\"notice\">Notice and consent</h2><ul>");
	json_array_foreach(json_object_get(c, "notices"), i, a) {
		buf_adds(b, "<li>Notice given ");
		uk_time(b, jstr(a, "given_on"));
		buf_adds(b, " by ");
		hx(b, jstr(a, "channel"));
		if (json_is_string(json_object_get(a, "evidence_sha256"))) {
			buf_adds(b, "; evidence SHA-256 <span class=\"hash\">");
			hx(b, jstr(a, "evidence_sha256"));
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</li>");
	}
	json_array_foreach(json_object_get(c, "consents"), i, a) {
		buf_adds(b, "<li>Consent given ");
		uk_time(b, jstr(a, "given_on"));
		if (json_is_string(json_object_get(a, "evidence_sha256"))) {
			buf_adds(b, "; evidence SHA-256 <span class=\"hash\">");
			hx(b, jstr(a, "evidence_sha256"));
			buf_adds(b, "</span>");
		}
		if (json_is_string(json_object_get(a, "withdrawn_on"))) {
			buf_adds(b, ", <strong>withdrawn ");
			uk_time(b, jstr(a, "withdrawn_on"));
			buf_adds(b, "</strong>");
		}
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>");
	if (rec) {
		form_open(b, v->s, "/notice", 1, "Record the notice given");
		hidden_id(b, "candidate", id);
		buf_adds(b, "<label>Given on <input type=\"date\" name=\"on\" "
			 "required></label>");
		channel_select(b);
		buf_adds(b, "<label>Evidence (optional: a copy of the notice; "
			 "only its SHA-256 is kept) <input type=\"file\" "
			 "name=\"file\"></label>");
		form_close(b, "Record the notice", 1);
		buf_adds(b, "<div id=\"consent\"></div>");
		form_open(b, v->s, "/consent", 1, "Record the candidate's "
			  "consent");
		hidden_id(b, "candidate", id);
		buf_adds(b, "<label>Given on <input type=\"date\" name=\"on\" "
			 "required></label><label>Evidence (optional: the "
			 "signed form; only its SHA-256 is kept) <input "
			 "type=\"file\" name=\"file\"></label>");
		form_close(b, "Record the consent", 1);
	}
	if (v->roles & (DS_ROLE_RECRUITER | DS_ROLE_DPO)) {
		form_open(b, v->s, "/withdraw", 0, "The candidate withdraws "
			  "consent");
		hidden_id(b, "candidate", id);
		buf_adds(b, "<label>Withdrawn on <input type=\"date\" name=\""
			 "on\" required></label>");
		form_close(b, "Record the withdrawal", 1);
	}
	if (rec) {
		size_t k;

		form_open(b, v->s, "/status", 0, "The candidate's status");
		hidden_id(b, "candidate", id);
		buf_adds(b, "<span id=\"status\"></span><label>Status <select "
			 "name=\"status\">");
		for (k = 0; ds_statuses[k]; k++) {
			buf_adds(b, strcmp(ds_statuses[k], jstr(c, "status")) ?
				 "<option>" : "<option selected>");
			hx(b, ds_statuses[k]);
			buf_adds(b, "</option>");
		}
		buf_adds(b, "</select></label>");
		form_close(b, "Change the status", 1);
	}
	buf_adds(b, "<h2>The gate</h2>");
	if (ds_gate_check(v->ctx, id, NULL, NULL, &g, NULL) == 0) {
		if (g.allowed) {
			buf_adds(b, "<p class=\"ok\">A search of this "
				 "candidate may run.</p>");
		} else {
			buf_adds(b, "<div class=\"err\"><p>A search by you may "
				 "not run:</p>");
			gate_reasons(b, &g, id, jstr(c, "vacancy"));
			buf_adds(b, "</div>");
		}
		if (rec && g.allowed) {
			buf_addf(b, "<p><a href=\"/run?candidate=%lld\">Search "
				 "this candidate (again)</a></p>",
				 (long long)id);
		}
	}
	manual_part(v, id, rec);
	if (ds_evidence_list(v->ctx, id, &ev, NULL) == 0 &&
	    json_array_size(ev)) {
		buf_adds(b, "<h2>Evidence</h2><table><thead><tr><th>Address"
			 "</th><th>Outcome</th><th>Retrieved</th><th>SHA-256"
			 "</th></tr></thead><tbody>");
		json_array_foreach(ev, i, a) {
			buf_adds(b, "<tr><td>");
			url_link(b, jstr(a, "url"));
			buf_adds(b, "</td><td>");
			hx(b, jstr(a, "outcome"));
			buf_adds(b, "</td><td>");
			uk_time(b, jstr(a, "retrieved"));
			buf_adds(b, "</td><td class=\"hash\">");
			hx(b, jstr(a, "sha256"));
			buf_adds(b, "</td></tr>");
		}
		buf_adds(b, "</tbody></table>");
	}
	json_decref(ev);
	buf_adds(b, "<h2>Findings and report</h2><p>");
	if (v->roles & DS_ROLE_DSL)
		buf_addf(b, "<a href=\"/review?candidate=%lld\">Findings, "
			 "decided and open</a> | ", (long long)id);
	buf_addf(b, "<a href=\"/report?candidate=%lld\">Online search record "
		 "(print or save as PDF)</a> | <a href=\"/report?download=1"
		 "&amp;candidate=%lld\">Download</a>", (long long)id,
		 (long long)id);
	if (v->roles & DS_ROLE_DPO)
		buf_addf(b, " | <a href=\"/sar?candidate=%lld\">Subject access "
			 "export</a>", (long long)id);
	buf_adds(b, "</p>");
	if (!closed && (v->roles & (DS_ROLE_RECRUITER | DS_ROLE_DSL))) {
		char idbuf[32];

		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
		button_form(b, v->s, "/close", "candidate", idbuf,
			    "Close the case");
	}
	page_end(b);
	json_decref(c);
	return 0;
}

/* "violence,drugs" as the categories' titles. */
static void cat_titles(struct web *w, struct buf *b, const char *cats)
{
	const char *p = cats;
	size_t n = 0;

	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p), i;
		char name[64];

		snprintf(name, sizeof(name), "%.*s", (int)(len < 63 ? len : 63),
			 p);
		if (n++)
			buf_adds(b, "; ");
		for (i = 0; w->tax && i < ds_taxonomy_ncats(w->tax); i++)
			if (strcmp(ds_taxonomy_cat_name(w->tax, i), name) == 0)
				break;
		if (w->tax && i < ds_taxonomy_ncats(w->tax))
			hx(b, ds_taxonomy_cat_title(w->tax, i));
		else
			hx(b, name);
		p += len;
		if (*p == ',')
			p++;
	}
	if (!n)
		buf_adds(b, "no category");
}

static const char *severity_text(long long s)
{
	return s >= 3 ? "high" : s == 2 ? "medium" : s == 1 ? "low" : "none";
}

/* The forms of a decision: a first one, or a change with its reason. */
static void decision_form(struct view *v, json_t *d, const char *fid)
{
	struct buf *b = v->b;
	int open = strcmp(jstr(d, "status"), "open") == 0;

	form_open(v->b, v->s, "/review", 0, open ? "Your decision" :
		  "Change the decision (the change and its reason are "
		  "audited)");
	hidden(b, "finding", fid);
	buf_adds(b, "<label>Reason <textarea name=\"reason\" required>"
		 "</textarea></label>");
	if (strcmp(jstr(d, "identity"), "possible") == 0)
		buf_adds(b, "<label><input type=\"checkbox\" name=\""
			 "identity_confirmed\" value=\"1\"> I checked: this "
			 "is the candidate</label>");
	buf_adds(b, "<button name=\"decision\" value=\"confirm\">Confirm: put "
		 "it to the candidate</button> <button name=\"decision\" "
		 "value=\"dismiss\">Dismiss</button> <button name=\"decision\" "
		 "value=\"not-candidate\">Not the candidate</button> <button "
		 "name=\"decision\" value=\"refer\">Refer</button></fieldset>"
		 "</form>");
}

/*
 * The DSL's findings: the open ones (the queue), or every finding of a
 * candidate, decided ones included, with their history.
 */
static int review_page(struct view *v)
{
	const char *cand = arg(v, "candidate");
	int all = cand || arg(v, "all");
	json_t *list = NULL, *f, *index, *people;
	struct buf *b = v->b;
	size_t i;
	int rc;

	if (cand && web_id(cand) <= 0)
		return ds_err_set(v->err, DS_EUSAGE, "bad candidate id: use a "
				  "link from the vacancy's page");
	rc = ds_findings_list(v->ctx, cand ? web_id(cand) : 0, NULL,
			      all ? NULL : "open", &list, v->err);
	if (rc)
		return rc;
	index = cand_index(v);
	people = web_people(v);
	page_start(b, cand ? "Findings" : all ? "Every finding" :
		   "Review queue", v->s, v->roles);
	if (!cand)
		buf_adds(b, all ? "<p><a href=\"/review\">Only the open ones"
			 "</a></p>" : "<p><a href=\"/review?all=1\">Every "
			 "finding, decided ones too</a></p>");
	if (!json_array_size(list))
		buf_adds(b, all ? "<p class=\"ok\">No findings.</p>" :
			 "<p class=\"ok\">Nothing waits for review.</p>");
	json_array_foreach(list, i, f) {
		json_t *d = NULL, *x;
		char fid[32];
		size_t k;

		snprintf(fid, sizeof(fid), "%lld", jint(f, "id"));
		if (ds_finding_show(v->ctx, jint(f, "id"), &d, NULL))
			continue;
		buf_addf(b, "<section class=\"finding\" id=\"f%s\"><h2>Finding "
			 "%s: ", fid, fid);
		cat_titles(v->w, b, jstr(d, "categories"));
		buf_addf(b, " (severity %s; ", severity_text(jint(f,
								  "severity")));
		hx(b, jstr(d, "status"));
		buf_adds(b, ")</h2><p>Candidate ");
		cand_link(b, index, jint(d, "candidate"));
		buf_adds(b, "; identity <strong>");
		hx(b, jstr(d, "identity"));
		buf_adds(b, "</strong> (anchors matched: ");
		hx(b, jstr(d, "anchors"));
		buf_adds(b, ")");
		if (json_is_true(json_object_get(d, "criminal")))
			buf_adds(b, "; criminal-offence data: DSL only");
		if (json_is_true(json_object_get(d, "special_care")))
			buf_adds(b, "; special-category care needed");
		buf_adds(b, "</p><p>");
		hx(b, jstr(d, "title"));
		buf_adds(b, "<br>");
		url_link(b, jstr(d, "url"));
		buf_adds(b, "</p><p class=\"excerpt\">");
		hx(b, jstr(d, "excerpt"));
		buf_adds(b, "</p><p>Published ");
		if (json_is_string(json_object_get(d, "published")))
			uk_time(b, jstr(d, "published"));
		else
			buf_adds(b, "(date not given)");
		buf_adds(b, "; retrieved ");
		uk_time(b, jstr(d, "retrieved"));
		json_array_foreach(json_object_get(d, "queries"), k, x) {
			buf_adds(b, k ? "; " : "; found by the search ");
			hx(b, json_string_value(x));
		}
		/* Why it is a finding: sentences, terms, anchors, whose
		 * words (one line each, kept by the style). */
		buf_adds(b, "</p><p class=\"why\"><strong>Why it was "
			 "flagged</strong>\n");
		hx(b, jstr(d, "explanation")[0] ? jstr(d, "explanation") :
		   "not recorded (found before findings kept their "
		   "explanation)");
		buf_adds(b, "</p><p>The page's evidence SHA-256 "
			 "<span class=\"hash\">");
		hx(b, jstr(d, "evidence_sha256"));
		buf_adds(b, "</span></p>");
		if (json_array_size(json_object_get(d, "reviews")))
			buf_adds(b, "<h3>Decisions made</h3><ul>");
		json_array_foreach(json_object_get(d, "reviews"), k, x) {
			buf_adds(b, "<li>");
			uk_time(b, jstr(x, "created"));
			buf_adds(b, ": ");
			web_person(b, people, jstr(x, "reviewer"), "dsl");
			buf_adds(b, " decided <strong>");
			hx(b, jstr(x, "decision"));
			buf_adds(b, "</strong>");
			if (json_is_true(json_object_get(x,
					 "identity_confirmed")))
				buf_adds(b, ", identity checked");
			buf_adds(b, ": ");
			hx(b, jstr(x, "reason"));
			buf_adds(b, "</li>");
		}
		if (json_array_size(json_object_get(d, "reviews")))
			buf_adds(b, "</ul>");
		json_array_foreach(json_object_get(d, "responses"), k, x) {
			buf_adds(b, "<p class=\"ok\">The candidate's "
				 "response (");
			hx(b, jstr(x, "outcome"));
			buf_adds(b, ", recorded by ");
			web_person(b, people, jstr(x, "recorded_by"), NULL);
			buf_adds(b, " ");
			uk_time(b, jstr(x, "created"));
			buf_adds(b, "): ");
			hx(b, jstr(x, "text"));
			buf_adds(b, "</p>");
		}
		if (strcmp(jstr(d, "status"), "not-candidate") != 0)
			decision_form(v, d, fid);
		if (strcmp(jstr(d, "status"), "confirmed") == 0 &&
		    !json_array_size(json_object_get(d, "responses"))) {
			form_open(b, v->s, "/response", 0, "The candidate's "
				  "response at interview");
			hidden(b, "finding", fid);
			buf_adds(b, "<label>What they said <textarea name=\""
				 "text\" required></textarea></label><label>"
				 "Outcome <select name=\"outcome\"><option>"
				 "no-concern</option><option>resolved</option>"
				 "<option>referred</option></select></label>");
			form_close(b, "Record the response", 1);
		}
		buf_adds(b, "</section>");
		json_decref(d);
	}
	page_end(b);
	json_decref(list);
	json_decref(people);
	json_decref(index);
	return 0;
}

static void retention_conf(struct web *w, struct ds_retention_conf *rc)
{
	rc->months = w->o->conf->retention_months;
	rc->appointee_months = w->o->conf->appointee_months;
}

static int dpo_page(struct view *v)
{
	struct ds_retention_conf rc2;
	json_t *due = NULL, *holds = NULL, *cr = NULL, *index, *x;
	struct buf *b = v->b;
	size_t i;
	int rc;

	retention_conf(v->w, &rc2);
	rc = ds_retention_due(v->ctx, &rc2, &due, v->err);
	if (rc)
		return rc;
	index = cand_index(v);
	page_start(b, "Data protection", v->s, v->roles);
	buf_adds(b, "<p><a href=\"/subject-access\">Subject access requests"
		 "</a> | <a href=\"/optout\">Searching or not (opt-out)</a> | "
		 "<a href=\"/audit\">Audit log</a> | <a href=\"/records"
		 "?kind=ropa\">Record of processing (ROPA)</a> | <a href=\""
		 "/records?kind=dpia\">Impact assessment (DPIA) draft</a></p>"
		 "<h2>Retention</h2><table><thead><tr><th>Candidate</th><th>"
		 "Status</th><th>Decided</th><th>Due</th><th>Action</th><th>"
		 "State</th></tr></thead><tbody>");
	json_array_foreach(due, i, x) {
		buf_adds(b, "<tr><td>");
		cand_link(b, index, jint(x, "candidate"));
		buf_adds(b, "</td><td>");
		hx(b, jstr(x, "status"));
		buf_adds(b, "</td><td>");
		uk_time(b, jstr(x, "decided"));
		buf_adds(b, "</td><td>");
		uk_time(b, jstr(x, "due"));
		buf_adds(b, "</td><td>");
		hx(b, jstr(x, "action"));
		buf_adds(b, "</td><td>");
		hx(b, jstr(x, "state"));
		buf_adds(b, "</td></tr>");
	}
	buf_adds(b, "</tbody></table><p><a href=\"/purge\">Purge what is due"
		 " (you see what would go first)</a></p>");
	buf_adds(b, "<h2 id=\"holds\">Legal holds</h2><ul>");
	if (ds_hold_list(v->ctx, &holds, NULL) == 0)
		json_array_foreach(holds, i, x) {
			buf_addf(b, "<li>Hold %lld on ", jint(x, "id"));
			if (jint(x, "candidate"))
				cand_link(b, index, jint(x, "candidate"));
			else {
				buf_adds(b, "vacancy ");
				hx(b, jstr(x, "vacancy"));
			}
			buf_adds(b, ": ");
			hx(b, jstr(x, "reason"));
			buf_adds(b, "; placed ");
			uk_time(b, jstr(x, "placed"));
			if (json_is_string(json_object_get(x, "released"))) {
				buf_adds(b, "; released ");
				uk_time(b, jstr(x, "released"));
			} else {
				buf_adds(b, " ");
				form_open(b, v->s, "/hold/release", 0, NULL);
				hidden_id(b, "hold", jint(x, "id"));
				form_close(b, "Release", 0);
			}
			buf_adds(b, "</li>");
		}
	if (!json_array_size(holds))
		buf_adds(b, "<li>No holds.</li>");
	buf_adds(b, "</ul>");
	form_open(b, v->s, "/hold", 0, "Place a hold");
	buf_adds(b, "<label>Candidate <select name=\"candidate\"><option "
		 "value=\"\">(a whole vacancy instead)</option>");
	json_array_foreach(index, i, x) {
		buf_addf(b, "<option value=\"%lld\">", jint(x, "id"));
		hx(b, jstr(x, "name"));
		buf_adds(b, " (");
		hx(b, jstr(x, "vacancy"));
		buf_adds(b, ")</option>");
	}
	buf_adds(b, "</select></label><label>or vacancy reference <input "
		 "name=\"vacancy\"></label><label>Reason (a claim or case "
		 "reference) <input name=\"reason\" required></label>");
	form_close(b, "Place the hold", 1);
	buf_adds(b, "<h2>Consent audit</h2>");
	if (ds_consent_report(v->ctx, NULL, &cr, NULL) == 0) {
		json_t *vac, *c2;
		size_t k;

		buf_adds(b, "<ul>");
		json_array_foreach(json_object_get(cr, "vacancies"), i, vac)
			json_array_foreach(json_object_get(vac, "candidates"),
					   k, c2) {
				buf_adds(b, "<li>");
				cand_link(b, index, jint(c2, "candidate"));
				buf_adds(b, ": first searched ");
				uk_time(b, jstr(c2, "first_search"));
				buf_adds(b, "; notice ");
				uk_time(b, jstr(c2, "notice"));
				buf_adds(b, "; consent ");
				uk_time(b, jstr(c2, "consent"));
				if (json_array_size(json_object_get(c2,
								    "flags")))
					buf_adds(b, " - <strong>FLAGGED"
						 "</strong>");
				buf_adds(b, "</li>");
			}
		buf_addf(b, "</ul><p>Problems: %lld</p>", jint(cr, "problems"));
	}
	buf_adds(b, "<h2>Audit trail</h2>");
	if (arg(v, "verify")) {
		struct ds_audit_verdict av;

		if (ds_audit_verify(v->ctx, NULL, &av, NULL) == 0) {
			buf_adds(b, av.ok ? "<p class=\"ok\">" :
				 "<p class=\"err\">");
			if (av.ok)
				buf_addf(b, "The audit trail verifies: %lld "
					 "rows; head %lld:", (long long)av.rows,
					 (long long)av.rows);
			else
				buf_addf(b, "The audit trail is BROKEN at row "
					 "%lld: ", (long long)av.bad_seq);
			hx(b, av.ok ? av.head_hash : av.problem);
			buf_adds(b, "</p>");
		}
	} else {
		buf_adds(b, "<p><a href=\"/dpo?verify=1\">Verify the audit "
			 "trail</a></p>");
	}
	page_end(b);
	json_decref(due);
	json_decref(holds);
	json_decref(cr);
	json_decref(index);
	return 0;
}

/* What a purge would do, and the button that does it. */
static int purge_page(struct view *v)
{
	struct ds_retention_conf rc2;
	json_t *log = NULL, *x, *index;
	struct buf *b = v->b;
	size_t i;
	int rc;

	retention_conf(v->w, &rc2);
	rc = ds_retention_purge(v->ctx, &rc2, 1, &log, v->err);
	if (rc)
		return rc;
	index = cand_index(v);
	page_start(b, "Purge what is due", v->s, v->roles);
	if (!json_array_size(log)) {
		buf_adds(b, "<p class=\"ok\">Nothing is due: nothing would be "
			 "purged.</p>");
	} else {
		buf_adds(b, "<p>A purge now would:</p><ul>");
		json_array_foreach(log, i, x) {
			buf_adds(b, "<li>");
			cand_link(b, index, jint(x, "candidate"));
			buf_adds(b, ": ");
			hx(b, jstr(x, "action"));
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ul><p>This cannot be undone: what is purged is "
			 "gone, and its key is destroyed.</p>");
		form_open(b, v->s, "/purge", 0, "Confirm");
		buf_adds(b, "<label><input type=\"checkbox\" name=\"confirm\" "
			 "value=\"1\" required> I have checked the list: purge "
			 "it</label>");
		form_close(b, "Purge now", 1);
	}
	buf_adds(b, "<p><a href=\"/dpo\">Back to data protection</a></p>");
	page_end(b);
	json_decref(log);
	json_decref(index);
	return 0;
}

/* Has a run already sent a step about this candidate? */
static int searched_before(struct view *v, int64_t id)
{
	json_t *runs = NULL, *r;
	size_t i;
	int found = 0;

	if (ds_run_list(v->ctx, &runs, NULL))
		return 0;
	json_array_foreach(runs, i, r) {
		json_t *rs = NULL, *st;
		size_t k;

		if (found || ds_run_show(v->ctx, jint(r, "id"), &rs, NULL))
			continue;
		json_array_foreach(json_object_get(rs, "steps"), k, st)
			if (jint(st, "candidate") == id &&
			    strcmp(jstr(st, "status"), "done") == 0)
				found = 1;
		json_decref(rs);
	}
	json_decref(runs);
	return found;
}

/* Who a run would search, and the buttons that start it. */
static int run_page(struct view *v)
{
	const char *ref = arg(v, "vacancy");
	int64_t one = web_id(arg(v, "candidate"));
	json_t *list = NULL, *x, *c = NULL;
	struct buf *b = v->b;
	size_t i, may = 0, again = 0;
	int rc;

	if (one < 0)
		return ds_err_set(v->err, DS_EUSAGE, "bad candidate id: use a "
				  "link from the vacancy's page");
	if (one) {
		rc = ds_candidate_show(v->ctx, one, &c, v->err);
		if (rc)
			return rc;
		ref = jstr(c, "vacancy");
	}
	rc = ds_candidate_list(v->ctx, ref ? ref : "", &list, v->err);
	if (rc) {
		json_decref(c);
		return rc;
	}
	page_start(b, one ? "Search one candidate" : "Search a vacancy",
		   v->s, v->roles);
	buf_adds(b, "<p>Vacancy <a href=\"/vacancy?ref=");
	ds_url_escape(b, ref);
	buf_adds(b, "\">");
	hx(b, ref);
	buf_adds(b, "</a>. The same plan runs for each candidate searched. "
		 "These would be searched:</p><ul>");
	json_array_foreach(list, i, x) {
		json_t *d = NULL;
		struct ds_gate g;
		int closed = 0, searched = 0;

		if (one && jint(x, "id") != one)
			continue;
		if (!one && strcmp(jstr(x, "status"), "shortlisted") &&
		    strcmp(jstr(x, "status"), "preferred"))
			continue;
		if (ds_candidate_show(v->ctx, jint(x, "id"), &d, NULL) == 0)
			closed = json_is_string(json_object_get(d, "closed"));
		json_decref(d);
		searched = searched_before(v, jint(x, "id"));
		buf_addf(b, "<li><a href=\"/candidate?id=%lld\">",
			 jint(x, "id"));
		hx(b, jstr(x, "name"));
		buf_adds(b, "</a> (");
		hx(b, jstr(x, "status"));
		buf_adds(b, ")");
		if (closed)
			buf_adds(b, " - <strong>case closed</strong>");
		if (searched)
			buf_adds(b, " - <strong>already searched</strong>");
		again += closed || searched;
		if (ds_gate_check(v->ctx, jint(x, "id"), NULL, NULL, &g,
				  NULL) == 0 && !g.allowed) {
			buf_adds(b, " - will not be searched:");
			gate_reasons(b, &g, jint(x, "id"), ref);
		} else {
			may++;
		}
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>");
	if (!may) {
		buf_adds(b, "<p class=\"err\">Nobody may be searched now: put "
			 "the reasons above right first.</p>");
	} else {
		form_open(b, v->s, "/run", 0, "Start the search");
		if (one)
			hidden_id(b, "candidate", one);
		else
			hidden(b, "vacancy", ref);
		if (again)
			buf_adds(b, "<label><input type=\"checkbox\" name=\""
				 "again\" value=\"1\" required> Search again "
				 "those already searched or closed, as listed"
				 "</label>");
		buf_addf(b, "<p>%zu candidate%s will be searched.</p>", may,
			 may == 1 ? "" : "s");
		form_close(b, "Start the search", 1);
	}
	page_end(b);
	json_decref(list);
	json_decref(c);
	return 0;
}

/* People (administrator): roles, passwords, disabling, log-in locks. */
static int people_page(struct view *v)
{
	json_t *list = NULL, *x;
	struct buf *b = v->b;
	size_t i;
	int rc;

	rc = ds_actor_list(v->ctx, &list, v->err);
	if (rc)
		return rc;
	page_start(b, "People", v->s, v->roles);
	buf_adds(b, "<table><thead><tr><th>Name shown</th><th>Log-in</th>"
		 "<th>Roles</th><th>State</th><th>Change</th></tr></thead>"
		 "<tbody>");
	json_array_foreach(list, i, x) {
		unsigned r = 0;
		char key[96];
		int locked;

		ds_roles_parse(jstr(x, "roles"), &r, NULL);
		snprintf(key, sizeof(key), "u:%.80s", jstr(x, "name"));
		pthread_mutex_lock(&v->w->lock);
		locked = attempt_locked(v->w, key);
		pthread_mutex_unlock(&v->w->lock);
		buf_adds(b, "<tr><td>");
		hx(b, jstr(x, jstr(x, "display_name")[0] ? "display_name" :
			   "name"));
		buf_adds(b, "</td><td>");
		hx(b, jstr(x, "name"));
		buf_adds(b, "</td><td>");
		roles_text(b, r);
		buf_adds(b, "</td><td>");
		buf_adds(b, json_is_true(json_object_get(x, "disabled")) ||
			 jint(x, "disabled") ? "disabled" : locked ?
			 "<strong>locked out</strong> (failed log-ins)" :
			 "active");
		buf_adds(b, "</td><td>");
		form_open(b, v->s, "/actor/roles", 0, NULL);
		hidden(b, "name", jstr(x, "name"));
		buf_addf(b, "<label><input type=\"checkbox\" "
			 "name=\"recruiter\" value=\"1\"%s> recruiter</label>"
			 "<label><input type="
			 "\"checkbox\" name=\"dsl\" value=\"1\"%s> DSL</label>"
			 "<label><input type=\"checkbox\" name=\"dpo\" value="
			 "\"1\"%s> DPO</label><label><input type=\"checkbox\" "
			 "name=\"admin\" value=\"1\"%s> administrator</label>",
			 r & DS_ROLE_RECRUITER ? " checked" : "",
			 r & DS_ROLE_DSL ? " checked" : "",
			 r & DS_ROLE_DPO ? " checked" : "",
			 r & DS_ROLE_ADMIN ? " checked" : "");
		form_close(b, "Set the roles", 0);
		form_open(b, v->s, "/actor/name", 0, NULL);
		hidden(b, "name", jstr(x, "name"));
		buf_adds(b, "<label>Name shown in reports <input name=\""
			 "display\" required value=\"");
		hx(b, jstr(x, "display_name"));
		buf_adds(b, "\"></label>");
		form_close(b, "Set the name", 0);
		form_open(b, v->s, "/actor/password", 0, NULL);
		hidden(b, "name", jstr(x, "name"));
		buf_adds(b, "<label>New password (12 or more characters) "
			 "<input type=\"password\" name=\"password\" "
			 "autocomplete=\""
			 "new-password\" required minlength=\"12\"></label>");
		form_close(b, "Set the password", 0);
		if (locked) {
			form_open(b, v->s, "/actor/unlock", 0, NULL);
			hidden(b, "name", jstr(x, "name"));
			form_close(b, "Unlock", 0);
		}
		if (!jint(x, "disabled") &&
		    !json_is_true(json_object_get(x, "disabled"))) {
			form_open(b, v->s, "/actor/disable", 0, NULL);
			hidden(b, "name", jstr(x, "name"));
			form_close(b, "Disable", 0);
		}
		buf_adds(b, "</td></tr>");
	}
	buf_adds(b, "</tbody></table>");
	form_open(b, v->s, "/actor/add", 0, "Add a person");
	buf_adds(b, "<label>Log-in name <input name=\"name\" required>"
		 "</label><label>Name shown in reports (e.g. Priya Shah) "
		 "<input "
		 "name=\"display\" required></label><label><input "
		 "type=\"checkbox\" "
		 "name=\"recruiter\" value=\"1\"> recruiter</label><label>"
		 "<input type=\"checkbox\" name=\"dsl\" value=\"1\"> DSL"
		 "</label><label><input type=\"checkbox\" name=\"dpo\" "
		 "value=\"1\"> DPO</label><label><input "
		 "type=\"checkbox\" name=\"admin\" value=\"1\"> administrator"
		 "</label><label>Password (12 or more characters) <input type="
		 "\"password\" name=\"password\" autocomplete=\"new-password\" "
		 "required minlength=\"12\"></label>");
	form_close(b, "Add the person", 1);
	page_end(b);
	json_decref(list);
	return 0;
}

/* A vacancy's plan, its history (deviations) and the form to change it. */
static int plan_page(struct view *v)
{
	const char *ref = arg(v, "vacancy") ? arg(v, "vacancy") : "";
	json_t *p = NULL, *x, *st;
	struct buf *b = v->b;
	struct ds_plan plan;
	size_t i;
	int rc;

	rc = ds_plan_show(v->ctx, v->w->o->conf, ref, &p, v->err);
	if (rc)
		return rc;
	page_start(b, "Search plan", v->s, v->roles);
	buf_adds(b, "<p>Vacancy <a href=\"/vacancy?ref=");
	ds_url_escape(b, ref);
	buf_adds(b, "\">");
	hx(b, ref);
	buf_addf(b, "</a>: version %lld", jint(p, "version"));
	buf_adds(b, jint(p, "version") ? "" : " (the organisation's default)");
	buf_adds(b, json_is_string(json_object_get(p, "frozen")) ?
		 ", frozen at its first run: a change is a deviation and "
		 "needs a reason." : ".");
	buf_adds(b, "</p><ol>");
	memset(&plan, 0, sizeof(plan));
	if (ds_plan_from_json(&plan, json_object_get(p, "plan"), NULL) == 0)
		for (i = 0; i < plan.nsteps; i++) {
			buf_adds(b, "<li><code>");
			hx(b, ds_step_kind_name(plan.steps[i].kind));
			buf_adds(b, " ");
			hx(b, plan.steps[i].connector);
			buf_adds(b, " ");
			hx(b, plan.steps[i].tmpl);
			buf_adds(b, "</code></li>");
		}
	buf_adds(b, "</ol><h2>Versions and deviations</h2><ul>");
	json_array_foreach(json_object_get(p, "history"), i, x) {
		buf_addf(b, "<li>Version %lld", jint(x, "version"));
		if (json_is_string(json_object_get(x, "reason"))) {
			buf_adds(b, ", deviation: ");
			hx(b, jstr(x, "reason"));
		}
		buf_adds(b, "; SHA-256 <span class=\"hash\">");
		hx(b, jstr(x, "sha256"));
		buf_adds(b, "</span></li>");
	}
	buf_adds(b, "</ul>");
	if (v->roles & DS_ROLE_RECRUITER) {
		form_open(b, v->s, "/plan", 0, "Change the plan");
		hidden(b, "vacancy", ref);
		buf_adds(b, "<label>Steps, one a line (KIND CONNECTOR "
			 "TEMPLATE) <textarea name=\"steps\" rows=\"8\" "
			 "required>");
		for (i = 0; i < plan.nsteps; i++) {
			hx(b, ds_step_kind_name(plan.steps[i].kind));
			buf_adds(b, " ");
			hx(b, plan.steps[i].connector);
			buf_adds(b, " ");
			hx(b, plan.steps[i].tmpl);
			buf_adds(b, "\n");
		}
		buf_adds(b, "</textarea></label><label>Reason (required once "
			 "the plan was used) <input name=\"reason\"></label>");
		form_close(b, "Save the plan", 1);
	}
	(void)st;
	page_end(b);
	json_decref(p);
	return 0;
}

/* The audit log (DPO or administrator), newest first, filtered. */
static int audit_page(struct view *v)
{
	struct ds_audit_filter f = { .limit = 200 };
	json_t *list = NULL, *x, *index, *people;
	struct buf *b = v->b;
	size_t i;
	int rc;

	f.candidate_id = web_id(arg(v, "candidate")) > 0 ?
			 web_id(arg(v, "candidate")) : 0;
	f.actor = arg(v, "actor") && *arg(v, "actor") ? arg(v, "actor") :
		  NULL;
	f.action = arg(v, "action") && *arg(v, "action") ? arg(v, "action") :
		   NULL;
	rc = ds_audit_show(v->ctx, &f, &list, v->err);
	if (rc)
		return rc;
	index = cand_index(v);
	people = web_people(v);
	page_start(b, "Audit log", v->s, v->roles);
	buf_adds(b, "<form method=\"get\" action=\"/audit\"><fieldset><legend>"
		 "Filter</legend><label>Person <select name=\"actor\"><option "
		 "value=\"\">anyone</option>");
	{
		const char *login;
		json_t *dn;

		json_object_foreach(people, login, dn) {
			buf_adds(b, "<option value=\"");
			hx(b, login);
			buf_adds(b, "\">");
			hx(b, json_string_value(dn));
			buf_adds(b, "</option>");
		}
	}
	buf_adds(b, "</select></label><label>Action (e.g. finding.review) "
		 "<input name=\"action\"></label><button>Show</button>"
		 "</fieldset></form><p>The last 200 events that match. "
		 "<a href=\"/dpo?verify=1\">Verify the chain</a></p><table>"
		 "<thead><tr><th>#</th><th>When</th><th>Who</th><th>Action"
		 "</th><th>About</th><th>Detail</th></tr></thead><tbody>");
	json_array_foreach(list, i, x) {
		buf_addf(b, "<tr><td>%lld</td><td>", jint(x, "seq"));
		uk_time(b, jstr(x, "at"));
		buf_adds(b, "</td><td>");
		web_person(b, people, jstr(x, "actor"), jstr(x, "role"));
		buf_adds(b, "</td><td>");
		hx(b, jstr(x, "action"));
		buf_adds(b, "</td><td>");
		if (jint(x, "candidate_id"))
			cand_link(b, index, jint(x, "candidate_id"));
		buf_adds(b, "</td><td>");
		hx(b, jstr(x, "detail"));
		buf_adds(b, "</td></tr>");
	}
	buf_adds(b, "</tbody></table>");
	page_end(b);
	json_decref(list);
	json_decref(index);
	json_decref(people);
	return 0;
}

/* ---- the background search -------------------------------------------- */

static void on_job_event(void *user, const struct ds_run_event *ev)
{
	struct web *w = user;
	char line[600];

	line[0] = '\0';
	switch (ev->type) {
	case DS_EV_REFUSED:
		snprintf(line, sizeof(line), "candidate %lld refused by the "
			 "gate: %s\n", (long long)ev->candidate_id,
			 ev->gate && ev->gate->nreasons ?
			 ev->gate->reasons[0].code : "");
		break;
	case DS_EV_STEP:
		/* The searcher sees the name the library gives, if any. */
		snprintf(line, sizeof(line), "%zu/%zu: candidate %.200s%s"
			 "record %lld%s %s %s: %s (%u results)\n", ev->done,
			 ev->total, ev->candidate ? ev->candidate : "",
			 ev->candidate ? " (" : "",
			 (long long)ev->candidate_id, ev->candidate ? ")" : "",
			 ev->kind, ev->connector, ev->outcome, ev->results);
		break;
	case DS_EV_STOPPED:
		snprintf(line, sizeof(line), "candidate %lld: %s\n",
			 (long long)ev->candidate_id, ev->detail);
		break;
	default:
		break;
	}
	if (line[0]) {
		pthread_mutex_lock(&w->lock);
		buf_adds(&w->job.log, line);
		pthread_mutex_unlock(&w->lock);
	}
}

static void *job_main(void *arg)
{
	struct web *w = arg;
	struct ds_run_opts ro = { .conf = w->o->conf,
				  .vacancy_ref = w->job.candidate ? NULL :
						 w->job.vacancy,
				  .candidate_id = w->job.candidate,
				  .progress = on_job_event,
				  .progress_user = w };
	struct ds_run_summary sum;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	int rc;

	ds_err_init(&err);
	rc = open_ctx(w, w->job.actor, &ctx, &err);
	if (!rc)
		rc = ds_run_start(ctx, &ro, &sum, &err);
	ds_close(ctx);
	pthread_mutex_lock(&w->lock);
	w->job.rc = rc;
	snprintf(w->job.err, sizeof(w->job.err), "%s", err.msg);
	w->job.running = 0;
	w->job.done = 1;
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

static void progress_page(struct web *w, const struct session *s,
			  unsigned roles, struct buf *b)
{
	int running;

	pthread_mutex_lock(&w->lock);
	running = w->job.running;
	buf_adds(b, "<!DOCTYPE html><html lang=\"en-GB\"><head><meta "
		 "charset=\"utf-8\">");
	if (running)
		buf_adds(b, "<meta http-equiv=\"refresh\" content=\"2\">");
	buf_adds(b, "<title>Search - duesearch</title><style>");
	buf_adds(b, style);
	buf_adds(b, "</style></head><body>");
	pthread_mutex_unlock(&w->lock);
	(void)roles;
	(void)s;
	pthread_mutex_lock(&w->lock);
	buf_adds(b, "<main><h1>Search of vacancy ");
	hx(b, w->job.vacancy);
	buf_adds(b, running ? ": running</h1>" : ": finished</h1>");
	if (!running && w->job.rc && w->job.err[0]) {
		buf_adds(b, "<p class=\"err\">");
		hx(b, w->job.err);
		buf_adds(b, "</p>");
	}
	buf_adds(b, "<pre aria-live=\"polite\">");
	hx(b, w->job.log.ptr);
	buf_adds(b, "</pre><p><a href=\"/vacancy?ref=");
	ds_url_escape(b, w->job.vacancy);
	buf_adds(b, "\">Back to the vacancy</a></p></main></body></html>");
	pthread_mutex_unlock(&w->lock);
}

static int start_job(struct web *w, const char *vacancy, int64_t candidate,
		     const char *actor, struct ds_err *err)
{
	int rc = 0;

	pthread_mutex_lock(&w->lock);
	if (w->job.running) {
		rc = ds_err_set(err, DS_EBUSY, "a search is already running: "
				"wait for it to finish");
	} else {
		if (w->job.done)
			pthread_join(w->job.thread, NULL);
		buf_release(&w->job.log);
		buf_init(&w->job.log, 256u << 10);
		snprintf(w->job.vacancy, sizeof(w->job.vacancy), "%s",
			 vacancy);
		snprintf(w->job.actor, sizeof(w->job.actor), "%s", actor);
		w->job.candidate = candidate;
		w->job.running = 1;
		w->job.done = 0;
		w->job.id = ++w->next_job;
		if (pthread_create(&w->job.thread, NULL, job_main, w) != 0) {
			w->job.running = 0;
			rc = ds_err_set(err, DS_EINTERNAL, "cannot start the "
					"search");
		}
	}
	pthread_mutex_unlock(&w->lock);
	return rc;
}

/* ---- actions (POST) ---------------------------------------------------- */

static int64_t num(const char *s)
{
	return web_id(s);
}

static void to_cand(struct view *v, const char *anchor)
{
	snprintf(v->to, sizeof(v->to), "/candidate?id=%lld%s",
		 (long long)num(fv(v, "candidate")), anchor);
}

static int act_vacancy_add(struct view *v)
{
	struct ds_vacancy_in in = {
		.ref = fv(v, "ref"), .post = fv(v, "post"),
		.school = fv(v, "school"),
		.interview_date = fopt(v, "interview_date"),
	};
	int rc = ds_vacancy_add(v->ctx, &in, NULL, v->err);

	snprintf(v->to, sizeof(v->to), "/vacancy?ref=");
	if (!rc) {
		struct buf t;

		buf_init(&t, sizeof(v->to));
		buf_adds(&t, "/vacancy?ref=");
		ds_url_escape(&t, in.ref);
		snprintf(v->to, sizeof(v->to), "%s", t.ptr);
		buf_release(&t);
	} else {
		snprintf(v->to, sizeof(v->to), "/");
	}
	return rc;
}

static int act_candidate_add(struct view *v)
{
	static const struct {
		const char *field;
		enum ds_anchor_kind kind;
	} f[] = {
		{ "name", DS_ANCHOR_LEGAL_NAME },
		{ "known_as", DS_ANCHOR_KNOWN_AS },
		{ "previous_name", DS_ANCHOR_PREVIOUS_NAME },
		{ "location", DS_ANCHOR_LOCATION },
		{ "employer", DS_ANCHOR_EMPLOYER },
		{ "school", DS_ANCHOR_SCHOOL },
	};
	struct ds_anchor_in a[6];
	struct ds_candidate_in c = { .vacancy_ref = fv(v, "vacancy"),
				     .status = fopt(v, "status"),
				     .anchors = a };
	int64_t id;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (i == 0 || fopt(v, f[i].field)) {
			a[c.nanchors].kind = f[i].kind;
			a[c.nanchors++].value = fv(v, f[i].field);
		}
	rc = ds_candidate_add(v->ctx, &c, &id, v->err);
	if (!rc)
		snprintf(v->to, sizeof(v->to), "/candidate?id=%lld",
			 (long long)id);
	return rc;
}

static void to_vacancy(struct view *v, const char *ref, const char *anchor)
{
	struct buf t;

	buf_init(&t, sizeof(v->to));
	buf_adds(&t, "/vacancy?ref=");
	ds_url_escape(&t, ref);
	snprintf(v->to, sizeof(v->to), "%s%s", t.ptr, anchor);
	buf_release(&t);
}

static int act_panel(struct view *v)
{
	to_vacancy(v, fv(v, "vacancy"), "#panel");
	return ds_vacancy_declare(v->ctx, fv(v, "vacancy"),
				  num(fv(v, "on")) == 1, v->err);
}

static int act_decide(struct view *v)
{
	to_vacancy(v, fv(v, "vacancy"), "");
	return ds_vacancy_decide(v->ctx, fv(v, "vacancy"), fv(v, "on"),
				 fopt(v, "reason"), v->err);
}

static int act_status(struct view *v)
{
	to_cand(v, "#status");
	return ds_candidate_set_status(v->ctx, num(fv(v, "candidate")),
				       fv(v, "status"), v->err);
}

static int act_anchor(struct view *v)
{
	int k = ds_enum_parse("anchor kind", fv(v, "kind"), ds_anchor_kinds,
			      v->err);

	to_cand(v, "#anchors");
	if (k < 0)
		return DS_EDATA;
	return ds_anchor_add(v->ctx, num(fv(v, "candidate")),
			     (enum ds_anchor_kind)k, fv(v, "value"), NULL,
			     v->err);
}

static int act_anchor_remove(struct view *v)
{
	to_cand(v, "#anchors");
	return ds_anchor_remove(v->ctx, num(fv(v, "anchor")), v->err);
}

/*
 * A handle from the case page: the value is the handle, or the profile's
 * address when it starts with http:// or https://; the platform may be
 * any site of the configured profile site list too.
 */
static int act_handle(struct view *v)
{
	const struct ds_conf_connector *k = ds_conf_connector(v->w->o->conf,
							      "profiles");
	struct ds_sitelist sites = { 0 };
	const char *platform = fv(v, "platform"), *h = fv(v, "handle");
	int is_url, rc = 0;

	to_cand(v, "#handles");
	if (!h)
		h = "";
	is_url = strncasecmp(h, "http://", 7) == 0 ||
		 strncasecmp(h, "https://", 8) == 0;
	if (platform && !*platform)
		platform = NULL;
	if (!platform && !is_url)
		return ds_err_set(v->err, DS_EUSAGE, "give the handle's "
				  "platform, or an address starting with "
				  "http://");
	if (platform && (is_url || !ds_platform_find(platform)))
		rc = ds_sitelist_load(&sites, k ? ds_conf_connector_option(k,
				      "site_list") : NULL, v->err);
	if (!rc)
		rc = ds_handle_declare(v->ctx, num(fv(v, "candidate")),
				       platform, is_url ? NULL : h,
				       is_url ? h : NULL, &sites, NULL,
				       v->err);
	ds_sitelist_release(&sites);
	return rc;
}

static int act_handle_remove(struct view *v)
{
	to_cand(v, "#handles");
	return ds_handle_remove(v->ctx, num(fv(v, "handle")), v->err);
}

static int act_notice(struct view *v)
{
	to_cand(v, "#notice");
	return ds_notice_add(v->ctx, num(fv(v, "candidate")), fv(v, "on"),
			     fv(v, "channel"), v->r->upload_len ?
			     v->r->upload : NULL, NULL, v->err);
}

static int act_consent(struct view *v)
{
	to_cand(v, "#notice");
	return ds_consent_add(v->ctx, num(fv(v, "candidate")), fv(v, "on"),
			      "online-search", v->r->upload_len ?
			      v->r->upload : NULL, NULL, v->err);
}

static int act_withdraw(struct view *v)
{
	to_cand(v, "#notice");
	return ds_consent_withdraw(v->ctx, num(fv(v, "candidate")),
				   fv(v, "on"), v->err);
}

static int act_claim(struct view *v)
{
	struct ds_claim_in cl = {
		.kind = fv(v, "kind"),
		.organisation = fopt(v, "organisation"),
		.role = fopt(v, "role"), .from = fopt(v, "from"),
		.to = fopt(v, "to"), .location = fopt(v, "location"),
		.title = fopt(v, "title"),
		.institution = fopt(v, "institution"),
		.year = fopt(v, "year"), .text = fopt(v, "text"),
	};

	to_cand(v, "#claims");
	return ds_claim_add(v->ctx, num(fv(v, "candidate")), &cl, NULL,
			    v->err);
}

static int act_claim_remove(struct view *v)
{
	to_cand(v, "#claims");
	return ds_claim_remove(v->ctx, num(fv(v, "claim")), v->err);
}

static int act_plan(struct view *v)
{
	struct ds_plan plan;
	const char *p = fv(v, "steps");
	char line[512];
	int rc = 0;

	snprintf(v->to, sizeof(v->to), "/plan?vacancy=");
	{
		struct buf t;

		buf_init(&t, sizeof(v->to));
		buf_adds(&t, "/plan?vacancy=");
		ds_url_escape(&t, fv(v, "vacancy"));
		snprintf(v->to, sizeof(v->to), "%s", t.ptr);
		buf_release(&t);
	}
	memset(&plan, 0, sizeof(plan));
	while (*p && !rc) {
		size_t n = strcspn(p, "\r\n");

		if (n >= sizeof(line))
			return ds_err_set(v->err, DS_EDATA, "a plan line is "
					  "too long");
		memcpy(line, p, n);
		line[n] = '\0';
		if (line[strspn(line, " \t")])
			rc = ds_plan_add_line(&plan, line, v->err);
		p += n;
		p += strspn(p, "\r\n");
	}
	if (!rc)
		rc = ds_plan_set(v->ctx, fv(v, "vacancy"), &plan,
				 fopt(v, "reason"), v->err);
	return rc;
}

/*
 * Start a search after the page that said who would be searched: a
 * candidate already searched or whose case is closed is searched again
 * only when that page's box was ticked.
 */
/* The fix link: prefix and an argument, URL-escaped, if it fits. */
static void web_fix_url(struct view *v, const char *prefix, const char *arg)
{
	struct buf u;

	buf_init(&u, sizeof(v->fix) - 1);
	if (buf_adds(&u, prefix) == 0 && ds_url_escape(&u, arg) == 0)
		snprintf(v->fix, sizeof(v->fix), "%s", u.ptr);
	buf_release(&u);
}

/*
 * Why the gate refused a search, candidate by candidate, each reason with
 * the page that puts it right, for the refusal's page.
 */
static void refusals(struct view *v, const char *ref, int64_t one)
{
	json_t *list = NULL, *x;
	size_t i;

	if (ds_candidate_list(v->ctx, ref, &list, NULL))
		return;
	buf_adds(v->b, "<h2>Why</h2>");
	json_array_foreach(list, i, x) {
		struct ds_gate g;

		if ((one && jint(x, "id") != one) ||
		    (!one && strcmp(jstr(x, "status"), "shortlisted") &&
		     strcmp(jstr(x, "status"), "preferred")))
			continue;
		if (ds_gate_check(v->ctx, jint(x, "id"), NULL, NULL, &g,
				  NULL) || g.allowed)
			continue;
		buf_addf(v->b, "<h3><a href=\"/candidate?id=%lld\">",
			 jint(x, "id"));
		hx(v->b, jstr(x, "name"));
		buf_adds(v->b, "</a></h3>");
		gate_reasons(v->b, &g, jint(x, "id"), ref);
	}
	json_decref(list);
}

static int act_run(struct view *v)
{
	int64_t one = num(fopt(v, "candidate"));
	const char *ref = fopt(v, "vacancy");
	struct ds_run_opts dry = { .conf = v->w->o->conf, .dry_run = 1 };
	struct ds_run_summary sum;
	json_t *list = NULL, *x, *c = NULL;
	size_t i, again = 0;
	int rc;

	if (one < 0)
		return ds_err_set(v->err, DS_EUSAGE, "bad candidate id");
	if (one) {
		rc = ds_candidate_show(v->ctx, one, &c, v->err);
		if (rc)
			return rc;
		ref = jstr(c, "vacancy");
	}
	if (one)
		snprintf(v->fix, sizeof(v->fix), "/run?candidate=%lld",
			 (long long)one);
	else
		web_fix_url(v, "/run?vacancy=", ref ? ref : "");
	v->fix_label = "The search page, which lists who would be searched";
	rc = ds_candidate_list(v->ctx, ref ? ref : "", &list, v->err);
	json_array_foreach(list, i, x) {
		json_t *d = NULL;

		if (rc || (one && jint(x, "id") != one) ||
		    (!one && strcmp(jstr(x, "status"), "shortlisted") &&
		     strcmp(jstr(x, "status"), "preferred")))
			continue;
		if (ds_candidate_show(v->ctx, jint(x, "id"), &d, NULL) == 0 &&
		    json_is_string(json_object_get(d, "closed")))
			again++;
		else if (searched_before(v, jint(x, "id")))
			again++;
		json_decref(d);
	}
	json_decref(list);
	if (!rc && again && !fopt(v, "again"))
		rc = ds_err_set(v->err, DS_ESTATE, "%zu of the candidates were "
				"already searched or their case is closed: "
				"confirm that they are to be searched again",
				again);
	dry.vacancy_ref = one ? NULL : ref;
	dry.candidate_id = one;
	/* The library checks the role and the gate, before the background. */
	if (!rc)
		rc = ds_run_start(v->ctx, &dry, &sum, v->err);
	if (rc == DS_EREFUSED)
		refusals(v, ref ? ref : "", one);
	if (!rc)
		rc = start_job(v->w, ref ? ref : "", one, v->s->actor, v->err);
	json_decref(c);
	snprintf(v->to, sizeof(v->to), "/progress");
	return rc;
}

static int act_evidence(struct view *v)
{
	struct ds_import_result res;
	int rc;

	to_cand(v, "#manual");
	if (!v->r->upload[0])
		return ds_err_set(v->err, DS_EUSAGE, "choose the saved file to "
				  "import");
	memset(&res, 0, sizeof(res));
	rc = ds_evidence_import(v->ctx, v->w->o->conf, num(fv(v, "step")),
				v->r->upload, &res, v->err);
	/* What the import did, for the done line (import_flash). */
	if (!rc)
		snprintf(v->to, sizeof(v->to), "/candidate?id=%lld&found=%u"
			 "&kind=%s&part=%d#manual",
			 (long long)num(fv(v, "candidate")), res.findings,
			 res.kind, res.cut ? 1 : 0);
	return rc;
}

/*
 * The done line of an import, from what act_evidence put in the address:
 * the file's kind, the findings it made for the DSL, and whether the page
 * was read only in part.  NULL when the address carries none of it.
 */
static const char *import_flash(struct MHD_Connection *c, char *out,
				size_t size)
{
	const char *found = MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "found");
	const char *kind = MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "kind");
	const char *part = MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "part");
	const char *what = "page";
	unsigned long n;
	char *end;

	if (!found || !*found)
		return NULL;
	errno = 0;
	n = strtoul(found, &end, 10);
	if (errno || *end || n > 100000)
		return NULL;
	if (kind && strcmp(kind, "pdf") == 0)
		what = "PDF";
	else if (kind && (strcmp(kind, "png") == 0 ||
			  strcmp(kind, "jpeg") == 0))
		what = "image";
	snprintf(out, size, "The saved %s was imported and the step marked "
		 "done: %lu new finding%s for the DSL to review%s", what, n,
		 n == 1 ? "" : "s",
		 part && strcmp(part, "1") == 0 ? ". The page was read only "
		 "in part (it was too large or too deep): look at the rest "
		 "yourself." : n == 0 ? " (nothing in its text matched the "
		 "taxonomy)." : ".");
	return out;
}

static int act_settle(struct view *v)
{
	to_cand(v, "#manual");
	return ds_manual_settle(v->ctx, num(fv(v, "step")), fv(v, "outcome"),
				v->err);
}

static int act_review(struct view *v)
{
	snprintf(v->to, sizeof(v->to), "/review");
	return ds_review(v->ctx, num(fv(v, "finding")), fv(v, "decision"),
			 fv(v, "reason"), fopt(v, "identity_confirmed") != NULL,
			 v->err);
}

static int act_response(struct view *v)
{
	snprintf(v->to, sizeof(v->to), "/review?all=1");
	return ds_response_record(v->ctx, num(fv(v, "finding")), fv(v, "text"),
				  fv(v, "outcome"), v->err);
}

static int act_close(struct view *v)
{
	to_cand(v, "");
	return ds_candidate_close(v->ctx, num(fv(v, "candidate")), v->err);
}

static int act_hold(struct view *v)
{
	snprintf(v->to, sizeof(v->to), "/dpo#holds");
	return ds_hold_add(v->ctx, num(fopt(v, "candidate")),
			   fopt(v, "vacancy"), fv(v, "reason"), NULL, v->err);
}

static int act_hold_release(struct view *v)
{
	snprintf(v->to, sizeof(v->to), "/dpo#holds");
	return ds_hold_release(v->ctx, num(fv(v, "hold")), v->err);
}

static int act_purge(struct view *v)
{
	struct ds_retention_conf rc2;
	json_t *log = NULL;
	int rc;

	snprintf(v->to, sizeof(v->to), "/dpo");
	snprintf(v->fix, sizeof(v->fix), "/purge");
	v->fix_label = "What a purge would do";
	if (!fopt(v, "confirm"))
		return ds_err_set(v->err, DS_EUSAGE, "a purge needs its "
				  "confirmation: tick the box after checking "
				  "the list");
	retention_conf(v->w, &rc2);
	rc = ds_retention_purge(v->ctx, &rc2, 0, &log, v->err);
	json_decref(log);
	return rc;
}

static unsigned form_roles(struct view *v)
{
	return (fopt(v, "recruiter") ? DS_ROLE_RECRUITER : 0) |
	       (fopt(v, "dsl") ? DS_ROLE_DSL : 0) |
	       (fopt(v, "dpo") ? DS_ROLE_DPO : 0) |
	       (fopt(v, "admin") ? DS_ROLE_ADMIN : 0);
}

static int password_ok(struct view *v, const char *pw)
{
	size_t n = strlen(pw);

	if (n < DS_PASSWORD_MIN || n > DS_PASSWORD_MAX)
		return ds_err_set(v->err, DS_EDATA, "a password has %d to %d "
				  "characters", DS_PASSWORD_MIN,
				  DS_PASSWORD_MAX);
	return 0;
}

/* A person with roles and a password: checked first, then both or none. */
static int act_actor_add(struct view *v)
{
	unsigned r = form_roles(v);
	int rc;

	snprintf(v->to, sizeof(v->to), "/people");
	if (!r)
		return ds_err_set(v->err, DS_EUSAGE, "tick at least one role");
	rc = password_ok(v, fv(v, "password"));
	if (!rc)
		rc = ds_actor_add_named(v->ctx, fv(v, "name"),
					fopt(v, "display"), r, NULL, v->err);
	if (!rc)
		rc = ds_actor_set_password(v->ctx, fv(v, "name"),
					   fv(v, "password"), v->err);
	return rc;
}

static int act_actor_roles(struct view *v)
{
	snprintf(v->to, sizeof(v->to), "/people");
	if (!form_roles(v))
		return ds_err_set(v->err, DS_EUSAGE, "tick at least one role "
				  "(to stop someone, disable them)");
	return ds_actor_set_roles(v->ctx, fv(v, "name"), form_roles(v),
				  v->err);
}

/* A new password ends the person's other sessions (their own goes on). */
static int act_actor_password(struct view *v)
{
	int rc = password_ok(v, fv(v, "password"));
	char stamp[65];

	snprintf(v->to, sizeof(v->to), "/people");
	if (!rc)
		rc = ds_actor_set_password(v->ctx, fv(v, "name"),
					   fv(v, "password"), v->err);
	if (!rc && ds_password_stamp(v->ctx, fv(v, "name"), stamp, NULL))
		stamp[0] = '\0';
	if (!rc) {
		pthread_mutex_lock(&v->w->lock);
		sessions_restamp(v->w, fv(v, "name"), v->s->token, stamp);
		pthread_mutex_unlock(&v->w->lock);
	}
	return rc;
}

static int act_actor_disable(struct view *v)
{
	snprintf(v->to, sizeof(v->to), "/people");
	return ds_actor_disable(v->ctx, fv(v, "name"), v->err);
}

/* Clear a person's log-in lock (the lock lives in this server). */
static int act_actor_unlock(struct view *v)
{
	char key[96];

	snprintf(v->to, sizeof(v->to), "/people");
	snprintf(key, sizeof(key), "u:%.80s", fv(v, "name"));
	pthread_mutex_lock(&v->w->lock);
	attempt_clear(v->w, key);
	pthread_mutex_unlock(&v->w->lock);
	return ds_audit_web(v->ctx, "web.unlock", v->err);
}

/* ---- for the other page files (web_int.h) ---------------------------- */

void web_hx(struct buf *b, const char *s)
{
	hx(b, s);
}

void web_uk_time(struct buf *b, const char *s)
{
	uk_time(b, s);
}

void web_page_start(struct view *v, const char *title)
{
	page_start(v->b, title, v->s, v->roles);
}

void web_page_end(struct view *v)
{
	page_end(v->b);
}

void web_form_open(struct view *v, const char *action, const char *legend)
{
	form_open(v->b, v->s, action, 0, legend);
}

void web_form_close(struct view *v, const char *button, int fieldset)
{
	form_close(v->b, button, fieldset);
}

void web_hidden_id(struct view *v, const char *k, long long id)
{
	hidden_id(v->b, k, id);
}

const char *web_arg(struct view *v, const char *k)
{
	return arg(v, k);
}

const char *web_fv(struct view *v, const char *k)
{
	return fv(v, k);
}

const char *web_fopt(struct view *v, const char *k)
{
	return fopt(v, k);
}

int64_t web_record_id(const char *s)
{
	return web_id(s);
}

json_t *web_cand_index(struct view *v)
{
	return cand_index(v);
}

void web_cand_link(struct view *v, json_t *index, int64_t id)
{
	cand_link(v->b, index, id);
}

#define R_REC DS_ROLE_RECRUITER
#define R_DSL DS_ROLE_DSL
#define R_DPO DS_ROLE_DPO
#define R_ADM DS_ROLE_ADMIN
#define R_ANY (R_REC | R_DSL | R_DPO | R_ADM)

/*
 * Every route with the roles it needs, checked here before the library
 * checks them again; an action's done line is shown on the page it ends
 * on.
 */
/*
 * A route: its path, the roles that may use it (the library checks them
 * again), and its handler, which builds a page into v->b (a POST changes
 * something and sets v->to) or answers the request itself (a download, a
 * document to print) and says so in v->answered.
 */
struct route {
	const char *path;
	unsigned roles;
	int (*fn)(struct view *v);
	const char *done;       /* POST: the confirmation line */
};

static enum MHD_Result report(struct web *w, struct MHD_Connection *c,
			      struct ds_ctx *ctx, const struct session *s,
			      unsigned roles);
static enum MHD_Result sar_download(struct web *w, struct MHD_Connection *c,
				    struct ds_ctx *ctx,
				    const struct session *s, unsigned roles);
static enum MHD_Result record_doc(struct web *w, struct MHD_Connection *c,
				  struct ds_ctx *ctx,
				  const struct session *s, unsigned roles);

static int report_view(struct view *v)
{
	v->sent = report(v->w, v->c, v->ctx, v->s, v->roles);
	v->answered = 1;
	return 0;
}

static int sar_view(struct view *v)
{
	v->sent = sar_download(v->w, v->c, v->ctx, v->s, v->roles);
	v->answered = 1;
	return 0;
}

static int record_view(struct view *v)
{
	v->sent = record_doc(v->w, v->c, v->ctx, v->s, v->roles);
	v->answered = 1;
	return 0;
}

static int progress_view(struct view *v)
{
	progress_page(v->w, v->s, v->roles, v->b);
	return 0;
}

static const struct route posts[] = {
	{ "/vacancy/add", R_REC, act_vacancy_add, "The vacancy was added." },
	{ "/candidate/add", R_REC, act_candidate_add,
	  "The candidate was added." },
	{ "/panel", R_REC, act_panel, "Your panel declaration was recorded." },
	{ "/decide", R_REC, act_decide, "The decision date was recorded." },
	{ "/status", R_REC, act_status, "The status was changed." },
	{ "/anchor", R_REC, act_anchor, "The anchor was added." },
	{ "/anchor/remove", R_REC, act_anchor_remove,
	  "The anchor was removed." },
	{ "/handle", R_REC, act_handle, "The handle was added." },
	{ "/handle/remove", R_REC, act_handle_remove,
	  "The handle was removed." },
	{ "/notice", R_REC, act_notice, "The notice was recorded." },
	{ "/consent", R_REC, act_consent, "The consent was recorded." },
	{ "/withdraw", R_REC | R_DPO, act_withdraw,
	  "The withdrawal was recorded: no further search runs." },
	{ "/claim", R_REC, act_claim, "The claim was added." },
	{ "/claim/remove", R_REC, act_claim_remove,
	  "The claim was removed." },
	{ "/plan", R_REC, act_plan, "The plan was saved." },
	{ "/run", R_REC, act_run, "The search started." },
	{ "/evidence", R_REC, act_evidence, "The saved page was imported." },
	{ "/settle", R_REC, act_settle, "The manual step was settled." },
	{ "/review", R_DSL, act_review, "Your decision was recorded." },
	{ "/response", R_DSL, act_response, "The response was recorded." },
	{ "/close", R_REC | R_DSL, act_close, "The case was closed." },
	{ "/hold", R_DPO, act_hold, "The hold was placed." },
	{ "/hold/release", R_DPO, act_hold_release,
	  "The hold was released." },
	{ "/purge", R_DPO, act_purge, "The purge was carried out." },
	{ "/actor/add", R_ADM, act_actor_add, "The person was added." },
	{ "/actor/roles", R_ADM, act_actor_roles, "The roles were set." },
	{ "/actor/password", R_ADM, act_actor_password,
	  "The password was set." },
	{ "/actor/disable", R_ADM, act_actor_disable,
	  "The person was disabled." },
	{ "/actor/unlock", R_ADM, act_actor_unlock,
	  "The person may log in again." },
	{ "/actor/name", R_ADM, web_act_actor_name,
	  "The name shown for them was set." },
	{ "/sar/log", R_DPO, web_act_sar_log,
	  "The request was recorded; its due date is shown." },
	{ "/sar/extend", R_DPO, web_act_sar_extend,
	  "The request was extended by two months." },
	{ "/sar/done", R_DPO, web_act_sar_done,
	  "The request was marked fulfilled." },
	{ "/optout", R_DPO | R_ADM, web_act_opt_out,
	  "The organisation no longer searches: every search is refused." },
	{ "/optin", R_DPO | R_ADM, web_act_opt_in,
	  "The organisation searches again." },
	{ "/setup", 0, NULL, "The case file was created: you are its "
	  "administrator. Add the people who will use it." },
	{ 0 }
};

/*
 * The notice for a vacancy's application pack (notice_text.h): the text
 * to send, and its SHA-256 to record with the notice.
 */
static int notice_page(struct view *v)
{
	const char *ref = arg(v, "vacancy") ? arg(v, "vacancy") : "";
	char *text = NULL, hex[65];
	int rc;

	rc = ds_notice_draft(v->ctx, v->w->o->conf, ref, "html", &text, hex,
			     v->err);
	if (rc)
		return rc;
	page_start(v->b, "Notice for the application pack", v->s, v->roles);
	buf_adds(v->b, "<p>Send this text with the application pack. When "
		 "you record a candidate's notice, give its SHA-256: <code>");
	buf_adds(v->b, hex);
	buf_adds(v->b, "</code></p><article class=\"notice\">");
	buf_adds(v->b, text);       /* escaped by ds_notice_draft */
	buf_adds(v->b, "</article>");
	page_end(v->b);
	ds_free(text);
	return 0;
}

static const struct route gets[] = {
	{ "/notice", R_REC | R_DPO, notice_page, NULL },
	{ "/", R_ANY, home, NULL },
	{ "/vacancy", R_REC | R_DSL | R_DPO, vacancy_page, NULL },
	{ "/candidate", R_REC | R_DSL | R_DPO, candidate_page, NULL },
	{ "/review", R_DSL, review_page, NULL },
	{ "/dpo", R_DPO, dpo_page, NULL },
	{ "/purge", R_DPO, purge_page, NULL },
	{ "/run", R_REC, run_page, NULL },
	{ "/people", R_ADM, people_page, NULL },
	{ "/plan", R_REC | R_DSL | R_DPO, plan_page, NULL },
	{ "/audit", R_DPO | R_ADM, audit_page, NULL },
	{ "/subject-access", R_DPO, web_sar_page, NULL },
	{ "/optout", R_DPO | R_ADM, web_optout_page, NULL },
	{ "/progress", R_REC, progress_view, NULL },
	{ "/report", R_REC | R_DSL | R_DPO, report_view, NULL },
	{ "/sar", R_DPO, sar_view, NULL },
	{ "/records", R_DPO | R_ADM, record_view, NULL },
	{ 0 }
};

static const struct route *route_find(const struct route *t, const char *p)
{
	for (; t->path; t++)
		if (strcmp(t->path, p) == 0)
			return t;
	return NULL;
}

/* ---- first set-up, from an empty case file ---------------------------- */

/* No case file yet: the only page is the set-up. */
static int setup_needed(struct web *w)
{
	return access(w->o->db_path, F_OK) != 0 && errno == ENOENT;
}

static void setup_form(struct buf *b, const char *token, const char *msg)
{
	page_start(b, "Set up duesearch", NULL, 0);
	if (msg) {
		buf_adds(b, "<p class=\"err\" role=\"alert\">Nothing was "
			 "created: ");
		web_msg(b, msg);
		buf_adds(b, ".</p>");
	}
	buf_adds(b, "<p>There is no case file yet. Create it with the "
		 "organisation's settings and its first administrator.</p>"
		 "<form method=\"post\" action=\"/setup\">");
	hidden(b, "setup", token);
	buf_adds(b, "<fieldset><legend>The organisation</legend><label>Name "
		 "<input name=\"org\" required></label><label>Lawful basis "
		 "<select name=\"lawful_basis\"><option value=\"public-task\">"
		 "public task (maintained schools, academies)</option><option "
		 "value=\"legitimate-interests\">legitimate interests "
		 "(independent schools)</option></select></label><label>Who is "
		 "searched <select name=\"scope\"><option value=\"shortlisted"
		 "\">every shortlisted candidate</option><option value=\""
		 "preferred\">the preferred candidate only</option></select>"
		 "</label><label>Why that policy <input name=\"scope_reason\" "
		 "required></label><label><input type=\"checkbox\" name=\""
		 "consent\" value=\"1\" checked> Consent is needed as well as "
		 "notice</label></fieldset><fieldset><legend>The first "
		 "administrator (you)</legend><label>Name (your log-in) <input "
		 "name=\"name\" required autocomplete=\"username\"></label>"
		 "<label>Password (12 or more characters) <input type=\""
		 "password\" name=\"password\" required minlength=\"12\" "
		 "autocomplete=\"new-password\"></label><p>Your other roles:"
		 "</p><label><input type=\"checkbox\" name=\"recruiter\" "
		 "value=\"1\"> recruiter</label><label><input type=\"checkbox"
		 "\" name=\"dsl\" value=\"1\"> DSL</label><label><input type="
		 "\"checkbox\" name=\"dpo\" value=\"1\"> DPO</label>"
		 "</fieldset><button>Create the case file</button></form>");
	page_end(b);
}

/*
 * The set-up form: the page sets a token in a cookie and in the form, and
 * the post must carry both (no session exists yet to hold one).
 */
static enum MHD_Result setup(struct web *w, struct MHD_Connection *c,
			     struct req *r, int post)
{
	const char *cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
							 "ds_setup");
	const char *tok = field(r, "setup");
	char token[65], set[160], ck[256], stamp[65] = "";
	struct ds_err err;
	enum MHD_Result ret;
	struct buf b;
	int rc = 0;

	ds_err_init(&err);
	buf_init(&b, 1 << 20);
	if (!post || !cookie || strlen(cookie) != 64) {
		/*
		 * The token a page was given stays the browser's until the
		 * set-up is done: a second GET (the favicon, redirected here;
		 * another tab) must not make the first page's form stale.
		 */
		if (cookie && strlen(cookie) == 64 &&
		    strspn(cookie, "0123456789abcdef") == 64)
			memcpy(token, cookie, sizeof(token));
		else
			random_hex(token);
		snprintf(set, sizeof(set), "ds_setup=%s; Path=/setup; "
			 "HttpOnly; SameSite=Strict", token);
		setup_form(&b, token, post ? "the form's security token is "
			   "missing: try again" : NULL);
		ret = send_buf(w, c, post ? 403 : 200,
			       "text/html; charset=utf-8", &b, set, NULL);
		buf_release(&b);
		return ret;
	}
	if (!tok || strlen(tok) != 64 || !ds_equal(tok, cookie, 64)) {
		rc = ds_err_set(&err, DS_EPERM, "the form's security token "
				"is wrong: reload the page and try again");
	} else {
		struct ds_open_opts oo = { .db_path = w->o->db_path,
					   .keys_path = w->o->keys_path,
					   .actor = field(r, "name") };
		struct ds_org_settings os = {
			.name = field(r, "org"),
			.lawful_basis = field(r, "lawful_basis"),
			.scope = field(r, "scope"),
			.scope_reason = field(r, "scope_reason"),
			.consent_required = field(r, "consent") != NULL,
		};
		const char *pw = field(r, "password") ? field(r, "password") :
				 "";
		unsigned roles = DS_ROLE_ADMIN |
			(field(r, "recruiter") ? DS_ROLE_RECRUITER : 0) |
			(field(r, "dsl") ? DS_ROLE_DSL : 0) |
			(field(r, "dpo") ? DS_ROLE_DPO : 0);
		struct ds_ctx *ctx = NULL;

		/* Everything checked before anything is created. */
		if (!oo.actor || !*oo.actor || !os.name || !*os.name ||
		    !os.lawful_basis || !os.scope || !os.scope_reason ||
		    !*os.scope_reason)
			rc = ds_err_set(&err, DS_EUSAGE, "fill in every field");
		else if (strlen(pw) < DS_PASSWORD_MIN ||
			 strlen(pw) > DS_PASSWORD_MAX)
			rc = ds_err_set(&err, DS_EDATA, "a password has %d to "
					"%d characters", DS_PASSWORD_MIN,
					DS_PASSWORD_MAX);
		if (!rc)
			rc = ds_init(&oo, &os, &err);
		if (!rc)
			rc = open_ctx(w, oo.actor, &ctx, &err);
		if (!rc)
			rc = ds_actor_set_password(ctx, oo.actor, pw, &err);
		if (!rc && roles != DS_ROLE_ADMIN)
			rc = ds_actor_set_roles(ctx, oo.actor, roles, &err);
		if (!rc && ds_password_stamp(ctx, oo.actor, stamp, NULL))
			stamp[0] = '\0';
		ds_close(ctx);
		if (!rc) {
			struct session *s;

			pthread_mutex_lock(&w->lock);
			s = session_new(w, oo.actor, stamp);
			if (s)
				snprintf(ck, sizeof(ck), "ds_session=%s; "
					 "Path=/; HttpOnly; SameSite=Strict%s",
					 s->token, w->tls ? "; Secure" : "");
			pthread_mutex_unlock(&w->lock);
			buf_release(&b);
			return s ? redirect(w, c, "/people?done=/setup", ck) :
			       redirect(w, c, "/login", NULL);
		}
	}
	setup_form(&b, cookie, err.msg);
	ret = send_page(w, c, 400, &b);
	buf_release(&b);
	return ret;
}

/* ---- the request handler ----------------------------------------------- */

/*
 * A [web] host name: the Host header names it, alone or with the port
 * served (a name given with its own :PORT must match whole).
 */
static int host_named(struct web *w, const char *host)
{
	const struct ds_conf *cf = w->o->conf;
	size_t i, n;
	char port[16];

	snprintf(port, sizeof(port), ":%u", w->port);
	for (i = 0; i < cf->nweb_hosts; i++) {
		n = strlen(cf->web_hosts[i]);
		if (strcasecmp(host, cf->web_hosts[i]) == 0 ||
		    (strncasecmp(host, cf->web_hosts[i], n) == 0 &&
		     strcmp(host + n, port) == 0))
			return 1;
	}
	return 0;
}

/*
 * The Host must be the address served or a [web] host (a rebound DNS
 * name is refused), and a form's Origin, when the browser sends one, the
 * same site.
 */
static int host_ok(struct web *w, struct MHD_Connection *c)
{
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						       "Host");
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							 "Origin");
	const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						       "Sec-Fetch-Site");
	char want[3][96];
	int i, ok = 0;

	if (!host)
		return 0;
	snprintf(want[0], sizeof(want[0]), "127.0.0.1:%u", w->port);
	snprintf(want[1], sizeof(want[1]), "localhost:%u", w->port);
	snprintf(want[2], sizeof(want[2]), "%s", w->o->listen);
	for (i = 0; i < 3; i++)
		ok |= strcmp(host, want[i]) == 0;
	ok |= host_named(w, host);
	if (!ok)
		return 0;
	if (site && strcmp(site, "cross-site") == 0)
		return 0;
	if (origin && strcmp(origin, "null") != 0) {
		const char *o = strstr(origin, "://");

		if (!o || strcmp(o + 3, host) != 0)
			return 0;
	}
	return 1;
}

static enum MHD_Result on_post_data(void *cls, enum MHD_ValueKind kind,
				    const char *key, const char *filename,
				    const char *ctype, const char *enc,
				    const char *data, uint64_t off,
				    size_t size)
{
	struct req *r = cls;
	struct field *f = NULL;
	size_t i;

	(void)kind;
	(void)ctype;
	(void)enc;
	if (filename && strcmp(key, "file") == 0) {
		const char *tok = field(r, "csrf");

		/* No byte of a file is kept without the form's token. */
		if (!tok || strlen(tok) != 64 || !ds_equal(tok, r->csrf, 64))
			return MHD_NO;
		if (r->upload_fd < 0) {
			snprintf(r->upload, sizeof(r->upload),
				 "%s/upload-XXXXXX", r->w->updir);
			r->upload_fd = mkstemp(r->upload);
			if (r->upload_fd >= 0)
				fcntl(r->upload_fd, F_SETFD, FD_CLOEXEC);
			if (r->upload_fd < 0) {
				r->upload[0] = '\0';
				return MHD_NO;
			}
		}
		if (r->upload_len + size > UPLOAD_MAX) {
			r->too_large = 1;
			return MHD_NO;
		}
		if (size && write(r->upload_fd, data, size) != (ssize_t)size)
			return MHD_NO;
		r->upload_len += size;
		return MHD_YES;
	}
	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].key, key) == 0)
			f = &r->fields[i];
	if (!f) {
		if (r->nfields >= MAX_FIELDS)
			return MHD_NO;
		f = &r->fields[r->nfields];
		f->key = ds_strdup(key);
		f->value = ds_strdup("");
		f->len = 0;
		if (!f->key || !f->value)
			return MHD_NO;
		r->nfields++;
	}
	(void)off;
	if (f->len + size > FIELD_MAX) {
		r->too_large = 1;
		return MHD_NO;
	}
	{
		char *v = ds_realloc(f->value, f->len + size + 1);

		if (!v)
			return MHD_NO;
		memcpy(v + f->len, data, size);
		f->len += size;
		v[f->len] = '\0';
		f->value = v;
	}
	return MHD_YES;
}

static void req_free(struct req *r)
{
	size_t i;

	if (!r)
		return;
	if (r->pp)
		MHD_destroy_post_processor(r->pp);
	for (i = 0; i < r->nfields; i++) {
		ds_wipe(r->fields[i].value, r->fields[i].len);
		ds_free(r->fields[i].key);
		ds_free(r->fields[i].value);
	}
	if (r->upload_fd >= 0)
		close(r->upload_fd);
	if (r->upload[0])
		unlink(r->upload);
	ds_free(r);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
		    enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	req_free(*con_cls);
	*con_cls = NULL;
}

/* Read a whole small file (a PEM, an export) into a NUL-terminated buffer. */
static char *slurp(const char *path);

/* A file into b (binary: a PDF); nonzero when it cannot be read whole. */
static int read_all(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int rc = 0;

	if (!f)
		return -1;
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = buf_add(b, chunk, n);
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

/*
 * The subject access export of a candidate (DPO), as the library writes
 * it (audited), handed to the browser as one self-contained HTML file
 * (format=json: the JSON; format=pdf: the A4 PDF printed by Chromium).
 * The folder it was written to is removed.
 */
static enum MHD_Result sar_download(struct web *w, struct MHD_Connection *c,
				    struct ds_ctx *ctx,
				    const struct session *s, unsigned roles)
{
	const char *fmt = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
						      "format");
	int json = fmt && strcmp(fmt, "json") == 0;
	int pdf = fmt && strcmp(fmt, "pdf") == 0;
	const char *ext = json ? "json" : pdf ? "pdf" : "html";
	int64_t id = web_id(MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "candidate"));
	char dir[576], path[640], sha[65], disp[128];
	struct ds_err err;
	enum MHD_Result ret;
	struct buf body;
	int rc;

	ds_err_init(&err);
	if (id <= 0) {
		ds_err_set(&err, DS_EUSAGE, "bad candidate id: use a link from "
			   "the candidate's page");
		return error_page(w, c, s, roles, &err);
	}
	snprintf(dir, sizeof(dir), "%s/sar-XXXXXX", w->updir);
	if (!mkdtemp(dir)) {
		ds_err_set(&err, DS_EIO, "cannot make a folder for the export");
		return error_page(w, c, s, roles, &err);
	}
	buf_init(&body, 64u << 20);
	rc = ds_sar_export_as(ctx, w->o->conf, id, dir, pdf, sha, &err);
	snprintf(path, sizeof(path), "%s/subject-access.%s", dir, ext);
	if (!rc && read_all(path, &body) != 0)
		rc = ds_err_set(&err, DS_EIO, "cannot read the export");
	{
		static const char *const f[] = {
			"json", "html", "pdf", NULL
		};
		int k;

		for (k = 0; f[k]; k++) {
			snprintf(path, sizeof(path), "%s/subject-access.%s",
				 dir, f[k]);
			unlink(path);
		}
		snprintf(path, sizeof(path), "%s/archived-report.html", dir);
		unlink(path);
	}
	rmdir(dir);
	if (rc) {
		buf_release(&body);
		return error_page_to(w, c, s, roles, &err, "/subject-access",
				     "The subject access register",
				     "/subject-access", NULL);
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"subject-access-"
		 "%lld.%s\"", (long long)id, ext);
	ret = respond(w, c, 200, json ? "application/json" : pdf ?
		      "application/pdf" : "text/html; charset=utf-8", body.ptr,
		      body.len, NULL, NULL, disp);
	ds_wipe(body.ptr, body.len);
	buf_release(&body);
	return ret;
}

/* The ROPA or the DPIA draft (DPO or administrator), to print. */
static enum MHD_Result record_doc(struct web *w, struct MHD_Connection *c,
				  struct ds_ctx *ctx,
				  const struct session *s, unsigned roles)
{
	const char *kind = MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "kind");
	struct ds_err err;
	enum MHD_Result ret;
	char sha[65];
	struct buf b;

	ds_err_init(&err);
	buf_init(&b, 16u << 20);
	if (ds_record(ctx, w->o->conf, kind && strcmp(kind, "dpia") == 0 ?
		      DS_RECORD_DPIA : DS_RECORD_ROPA, "html", &b, sha,
		      &err) != 0) {
		buf_release(&b);
		return error_page(w, c, s, roles, &err);
	}
	ret = send_page(w, c, 200, &b);
	buf_release(&b);
	return ret;
}

/* Serve a report inline (to print) or as a download. */
static enum MHD_Result report(struct web *w, struct MHD_Connection *c,
			      struct ds_ctx *ctx, const struct session *s,
			      unsigned roles)
{
	const char *cand = MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "candidate");
	const char *vac = MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "vacancy");
	const char *dl = MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "download");
	const char *scr = MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "scr");
	struct ds_report_opts ro = {
		.kind = scr ? DS_REPORT_SCR : cand ? DS_REPORT_CANDIDATE :
			DS_REPORT_VACANCY,
		.candidate_id = num(cand), .vacancy_ref = cand ? NULL : vac,
		.format = scr ? "csv" : "html",
		.retention_months = w->o->conf->retention_months,
	};
	struct ds_err err;
	char sha[65], disp[128];
	struct buf b;
	enum MHD_Result ret;

	ds_err_init(&err);
	buf_init(&b, 64u << 20);
	if (ds_report(ctx, &ro, &b, sha, &err) != 0) {
		buf_release(&b);
		return error_page(w, c, s, roles, &err);
	}
	snprintf(disp, sizeof(disp), "%s; filename=\"%s.%s\"",
		 dl || scr ? "attachment" : "inline",
		 cand ? "candidate-report" : scr ? "scr" : "vacancy-report",
		 scr ? "csv" : "html");
	ret = send_buf(w, c, 200, scr ? "text/csv; charset=utf-8" :
		       "text/html; charset=utf-8", &b, NULL, disp);
	buf_release(&b);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	struct web *w = cls;
	struct req *r = *con_cls;
	struct session *s, snap;
	struct ds_ctx *ctx = NULL;
	struct ds_err err;
	unsigned roles = 0;
	enum MHD_Result ret;
	struct buf b;
	int post = strcmp(method, "POST") == 0, rc = 0;

	(void)version;
	if (!r) {
		r = ds_calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		r->upload_fd = -1;
		r->w = w;
		*con_cls = r;
		if (!host_ok(w, c))
			return respond(w, c, 400, "text/plain",
				       "unexpected Host or Origin", 25, NULL,
				       NULL, NULL);
		if (post && strcmp(url, "/login") != 0 &&
		    strcmp(url, "/setup") != 0) {
			/* No form is read, no file written, without a
			 * session. */
			pthread_mutex_lock(&w->lock);
			s = session_find(w, MHD_lookup_connection_value(c,
					 MHD_COOKIE_KIND, "ds_session"));
			if (s)
				memcpy(r->csrf, s->csrf, sizeof(r->csrf));
			pthread_mutex_unlock(&w->lock);
			if (!s)
				return redirect(w, c, "/login", NULL);
		}
		if (post) {
			r->pp = MHD_create_post_processor(c, 64 * 1024,
							  on_post_data, r);
			if (!r->pp)
				return respond(w, c, 415, "text/plain",
					    "unsupported form", 16, NULL,
					    NULL, NULL);
		}
		return MHD_YES;
	}
	if (post && *upload_size) {
		if (MHD_post_process(r->pp, upload, *upload_size) != MHD_YES)
			r->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (!post && strcmp(method, "GET") != 0 && strcmp(method, "HEAD"))
		return respond(w, c, 405, "text/plain", "method not allowed",
			       18, NULL, NULL, NULL);
	ds_err_init(&err);
	buf_init(&b, 16u << 20);
	if (r->too_large) {
		ds_err_set(&err, DS_EDATA, "the form or file is too large");
		ret = error_page(w, c, NULL, 0, &err);
		goto out;
	}
	if (setup_needed(w) || strcmp(url, "/setup") == 0) {
		if (!setup_needed(w))
			ret = redirect(w, c, "/", NULL);
		else if (strcmp(url, "/setup") != 0)
			ret = redirect(w, c, "/setup", NULL);
		else
			ret = setup(w, c, r, post);
		goto out;
	}
	if (strcmp(url, "/login") == 0) {
		if (post) {
			ret = do_login(w, c, r);
		} else {
			login_form(&b, NULL);
			ret = send_page(w, c, 200, &b);
		}
		goto out;
	}
	pthread_mutex_lock(&w->lock);
	s = session_find(w, MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
							"ds_session"));
	if (s)
		snap = *s;
	pthread_mutex_unlock(&w->lock);
	if (!s) {
		ret = redirect(w, c, "/login", NULL);
		goto out;
	}
	/* Every form carries the session's token: a forged post has none. */
	if (post && (!field(r, "csrf") || strlen(field(r, "csrf")) != 64 ||
		     !ds_equal(field(r, "csrf"), snap.csrf, 64))) {
		ds_err_set(&err, DS_EPERM, "the form's security token is "
			   "missing or wrong: reload the page and try again");
		ret = error_page(w, c, &snap, 0, &err);
		goto out;
	}
	if (post && strcmp(url, "/logout") == 0) {
		pthread_mutex_lock(&w->lock);
		s = session_find(w, snap.token);
		pthread_mutex_unlock(&w->lock);
		ret = s ? do_logout(w, c, s) : redirect(w, c, "/login", NULL);
		goto out;
	}
	rc = open_ctx(w, snap.actor, &ctx, &err);
	if (rc) {
		ret = error_page(w, c, &snap, 0, &err);
		goto out;
	}
	roles = ds_actor_roles(ctx);
	/*
	 * A password changed since the log-in (here or with the CLI), or a
	 * person disabled: the session ends.
	 */
	{
		char stamp[65];

		if (ds_password_stamp(ctx, snap.actor, stamp, NULL) != 0 ||
		    !stamp[0] || strcmp(stamp, snap.stamp) != 0) {
			pthread_mutex_lock(&w->lock);
			s = session_find(w, snap.token);
			if (s)
				ds_wipe(s, sizeof(*s));
			pthread_mutex_unlock(&w->lock);
			ret = redirect(w, c, "/login", "ds_session=; Path=/; "
				       "HttpOnly; SameSite=Strict; Max-Age=0");
			goto out;
		}
	}
	if (ds_actor_display(ctx, snap.actor, shown_name, sizeof(shown_name)))
		shown_name[0] = '\0';
	{
		const struct route *rt = route_find(post ? posts : gets, url);
		struct view v = { .w = w, .c = c, .ctx = ctx, .r = r,
				  .s = &snap, .roles = roles, .b = &b,
				  .err = &err };
		const char *done = MHD_lookup_connection_value(c,
					MHD_GET_ARGUMENT_KIND, "done");
		const struct route *dr = done ? route_find(posts, done) : NULL;
		char flash[320];

		snap.flash = dr ? dr->done : NULL;
		if (dr && strcmp(dr->path, "/evidence") == 0 &&
		    import_flash(c, flash, sizeof(flash)))
			snap.flash = flash;
		if (!rt)
			rc = ds_err_set(&err, DS_ENOTFOUND, "no such page");
		else if (!(roles & rt->roles))
			rc = ds_err_set(&err, DS_EPERM, "your role may not %s "
					"this: an administrator gives roles on "
					"the People page", post ? "do" : "see");
		else
			rc = rt->fn(&v);
		if (v.answered) {
			ret = v.sent;
			goto out;
		}
		if (post && !rc) {
			char to[400];

			snprintf(to, sizeof(to), "%s%sdone=%s", v.to[0] ? v.to :
				 "/", strchr(v.to, '?') ? "&" : "?", rt->path);
			/* The done line goes before a #fragment. */
			if (strchr(v.to, '#')) {
				const char *h = strchr(v.to, '#');

				snprintf(to, sizeof(to), "%.*s%sdone=%s%s",
					 (int)(h - v.to), v.to,
					 memchr(v.to, '?', (size_t)(h - v.to)) ?
					 "&" : "?", rt->path, h);
			}
			ret = redirect(w, c, to, NULL);
			goto out;
		}
		ret = rc ? error_page_to(w, c, &snap, roles, &err, v.fix,
					 v.fix_label, v.to, post && b.len ?
					 b.ptr : NULL) :
		      send_page(w, c, 200, &b);
	}
out:
	shown_name[0] = '\0';
	ds_close(ctx);
	buf_release(&b);
	return ret;
}

/* ---- serving ------------------------------------------------------------ */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	buf_init(&b, 1 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n)) {
			fclose(f);
			buf_release(&b);
			return NULL;
		}
	fclose(f);
	return buf_detach(&b, NULL);
}

int ds_web_serve(const struct ds_web_opts *o, struct ds_err *err)
{
	struct web *w;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *di;
	char host[64], *cert = NULL, *key = NULL;
	const char *colon;
	/*
	 * Slow clients (slowloris): each address holds at most [web]
	 * connections_per_ip of the [web] connections, and a connection idle
	 * for [web] timeout seconds is closed; epoll where there is one, so
	 * the limit is not select()'s.
	 */
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	unsigned climit = (unsigned)o->conf->web_connections;
	unsigned per_ip = (unsigned)o->conf->web_connections_per_ip;
	unsigned timeout = (unsigned)o->conf->web_timeout;
	sigset_t stopset, oldset;
	long port;
	int rc = 0, sig = 0;

	colon = strrchr(o->listen, ':');
	if (!colon || (size_t)(colon - o->listen) >= sizeof(host))
		return ds_err_set(err, DS_EUSAGE, "bad --listen '%.64s': use "
				  "ADDRESS:PORT, e.g. 127.0.0.1:8080",
				  o->listen);
	memcpy(host, o->listen, (size_t)(colon - o->listen));
	host[colon - o->listen] = '\0';
	port = strtol(colon + 1, NULL, 10);
	if (port < 0 || port > 65535 || inet_pton(AF_INET, host,
						  &sa.sin_addr) != 1)
		return ds_err_set(err, DS_EUSAGE, "bad --listen '%.64s': use "
			"an "
				  "IPv4 ADDRESS:PORT, e.g. 127.0.0.1:8080",
				  o->listen);
	sa.sin_port = htons((uint16_t)port);
	if (o->conf->web_cert && o->conf->web_key) {
		cert = slurp(o->conf->web_cert);
		key = slurp(o->conf->web_key);
		if (!cert || !key) {
			ds_free(cert);
			ds_free(key);
			return ds_err_set(err, DS_ECONFIG, "cannot read [web] "
					  "cert or key: check the paths");
		}
		flags |= MHD_USE_TLS;
	} else if ((ntohl(sa.sin_addr.s_addr) >> 24) != 127) {
		if (!o->allow_remote)
			return ds_err_set(err, DS_EUSAGE, "refusing to serve "
					  "%s without TLS: set [web] cert and "
					  "key, or listen on 127.0.0.1 "
					  "(--allow-remote overrides)", host);
		fprintf(stderr, "duesearch: warning: serving %s WITHOUT TLS: "
			"passwords and personal data cross the network in "
			"clear\n", host);
	}
	w = ds_calloc(1, sizeof(*w));
	if (!w) {
		ds_free(cert);
		ds_free(key);
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	w->o = o;
	w->tls = (flags & MHD_USE_TLS) != 0;
	w->nsessions = (size_t)o->conf->web_sessions;
	w->nattempts = (size_t)o->conf->web_login_table;
	w->sessions = ds_calloc(w->nsessions, sizeof(*w->sessions));
	w->attempts = ds_calloc(w->nattempts, sizeof(*w->attempts));
	w->spool_fd = -1;
	if (!w->sessions || !w->attempts)
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
	if (!rc) {
		rc = web_spool_open(o->db_path, w->updir, sizeof(w->updir),
				    err);
		w->spool_fd = rc >= 0 ? rc : -1;
		rc = rc >= 0 ? 0 : rc;
	}
	if (rc) {
		ds_free(w->sessions);
		ds_free(w->attempts);
		ds_free(w);
		ds_free(cert);
		ds_free(key);
		return rc;
	}
	pthread_mutex_init(&w->lock, NULL);
	buf_init(&w->job.log, 256u << 10);
	/* Without its taxonomy a page shows the categories' short names. */
	if (o->conf->taxonomy ? ds_taxonomy_load(&w->tax, o->conf->taxonomy,
						 NULL) :
	    ds_taxonomy_default(&w->tax, NULL))
		w->tax = NULL;
	/*
	 * SIGINT and SIGTERM are blocked before any thread starts, so every
	 * thread (libmicrohttpd's, a run's) inherits the mask, and only
	 * sigwait() below takes them: a stop can never land on a thread that
	 * ignores it and leave this one waiting for ever.
	 */
	sigemptyset(&stopset);
	sigaddset(&stopset, SIGINT);
	sigaddset(&stopset, SIGTERM);
	signal(SIGPIPE, SIG_IGN);
	pthread_sigmask(SIG_BLOCK, &stopset, &oldset);
	d = w->tls ?
	    MHD_start_daemon(flags, 0, NULL, NULL, handle, w,
			     MHD_OPTION_SOCK_ADDR, &sa,
			     MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
			     MHD_OPTION_HTTPS_MEM_CERT, cert,
			     MHD_OPTION_HTTPS_MEM_KEY, key,
			     MHD_OPTION_CONNECTION_LIMIT, climit,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
			     MHD_OPTION_CONNECTION_TIMEOUT, timeout,
			     MHD_OPTION_END) :
	    MHD_start_daemon(flags, 0, NULL, NULL, handle, w,
			     MHD_OPTION_SOCK_ADDR, &sa,
			     MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
			     MHD_OPTION_CONNECTION_LIMIT, climit,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
			     MHD_OPTION_CONNECTION_TIMEOUT, timeout,
			     MHD_OPTION_END);
	if (!d) {
		rc = ds_err_set(err, DS_EIO, "cannot listen on %s: is the port "
				"in use? pass another --listen", o->listen);
		goto out;
	}
	di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	w->port = di ? di->port : (unsigned)port;
	fprintf(stderr, "duesearch: serving on http%s://%s:%u/ (Ctrl-C to "
		"stop)\n", w->tls ? "s" : "", host,
		di ? (unsigned)di->port : (unsigned)port);
	if (o->port_file && di) {
		FILE *pf = fopen(o->port_file, "w");

		if (pf) {
			fprintf(pf, "%u\n", (unsigned)di->port);
			fclose(pf);
		}
	}
	while (sigwait(&stopset, &sig) != 0 || (sig != SIGINT &&
						 sig != SIGTERM))
		;
	MHD_stop_daemon(d);
out:
	pthread_mutex_lock(&w->lock);
	if (w->job.running || w->job.done) {
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->job.thread, NULL);
	} else {
		pthread_mutex_unlock(&w->lock);
	}
	buf_release(&w->job.log);
	ds_taxonomy_free(w->tax);
	web_spool_close(w->spool_fd, w->updir);
	pthread_mutex_destroy(&w->lock);
	ds_wipe(w->sessions, w->nsessions * sizeof(*w->sessions));
	ds_free(w->sessions);
	ds_free(w->attempts);
	ds_free(w);
	if (key)
		ds_wipe(key, strlen(key));
	ds_free(cert);
	ds_free(key);
	pthread_sigmask(SIG_SETMASK, &oldset, NULL);
	return rc;
}
