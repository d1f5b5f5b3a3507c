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
#include "report.h"
#include "retention.h"
#include "review.h"
#include "run.h"
#include "sitelist.h"
#include "template.h"
#include "web.h"

#define MAX_SESSIONS 64
#define MAX_ATTEMPTS 256
#define MAX_FIELDS 32
#define FIELD_MAX (64u << 10)
#define UPLOAD_MAX (32u << 20)
#define FAILS_BEFORE_LOCK 5
#define LOCK_SECONDS (15 * 60)

struct session {
	char token[65];         /* the cookie */
	char csrf[65];          /* the forms' token */
	char actor[65];
	time_t last;
	int used;
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
	char err[DS_ERR_MSG_MAX];
	struct buf log;
	pthread_t thread;
};

struct web {
	const struct ds_web_opts *o;
	int tls;
	pthread_mutex_t lock;   /* sessions, attempts, the job */
	struct session sessions[MAX_SESSIONS];
	struct attempt attempts[MAX_ATTEMPTS];
	struct job job;
	int next_job;
	unsigned port;          /* the port listened on, for Host checks */
	char updir[64];         /* a 0700 folder for uploads in progress */
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
	char upload[128];       /* temp file of an uploaded evidence file */
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
	int i;

	if (!token || strlen(token) != 64)
		return NULL;
	for (i = 0; i < MAX_SESSIONS; i++) {
		struct session *s = &w->sessions[i];

		if (!s->used || !ds_equal(s->token, token, 64))
			continue;
		if (now - s->last > w->o->conf->web_idle_minutes * 60) {
			memset(s, 0, sizeof(*s));
			return NULL;
		}
		s->last = now;
		return s;
	}
	return NULL;
}

static struct session *session_new(struct web *w, const char *actor)
{
	struct session *s = NULL;
	time_t oldest = 0;
	int i;

	for (i = 0; i < MAX_SESSIONS; i++) {
		if (!w->sessions[i].used) {
			s = &w->sessions[i];
			break;
		}
		if (!s || w->sessions[i].last < oldest) {
			s = &w->sessions[i];
			oldest = s->last;
		}
	}
	memset(s, 0, sizeof(*s));
	random_hex(s->token);
	random_hex(s->csrf);
	snprintf(s->actor, sizeof(s->actor), "%s", actor);
	s->last = time(NULL);
	s->used = 1;
	return s;
}

/* The entry for key, or NULL: looking never creates one. */
static struct attempt *attempt_find(struct web *w, const char *key)
{
	int i;

	for (i = 0; i < MAX_ATTEMPTS; i++)
		if (w->attempts[i].key[0] && strcmp(w->attempts[i].key, key) == 0)
			return &w->attempts[i];
	return NULL;
}

/*
 * An entry for a new failure: a free one, else the oldest that is not
 * locked; NULL when every entry is a lock in force (the caller refuses:
 * a flood of names must not evict a lock).
 */
static struct attempt *attempt_new(struct web *w, const char *key)
{
	struct attempt *a = NULL;
	time_t now = time(NULL);
	int i;

	for (i = 0; i < MAX_ATTEMPTS; i++) {
		struct attempt *e = &w->attempts[i];

		if (!e->key[0]) {
			a = e;
			break;
		}
		if (now >= e->locked_until && (!a || e->first < a->first))
			a = e;
	}
	if (!a)
		return NULL;
	memset(a, 0, sizeof(*a));
	snprintf(a->key, sizeof(a->key), "%s", key);
	a->first = now;
	return a;
}

/* Every entry a lock in force: a flood; refuse every log-in for now. */
static int all_locked(struct web *w)
{
	time_t now = time(NULL);
	int i;

	for (i = 0; i < MAX_ATTEMPTS; i++)
		if (now >= w->attempts[i].locked_until)
			return 0;
	return 1;
}

static int attempt_locked(struct web *w, const char *key)
{
	struct attempt *a = attempt_find(w, key);

	return a && time(NULL) < a->locked_until;
}

/* Count a failure; 1 when the table is full of locks (refuse then). */
static int attempt_fail(struct web *w, const char *key)
{
	struct attempt *a = attempt_find(w, key);
	time_t now = time(NULL);

	if (!a)
		a = attempt_new(w, key);
	if (!a)
		return 1;
	if (now - a->first > LOCK_SECONDS && now >= a->locked_until) {
		a->first = now;
		a->fails = 0;
	}
	if (++a->fails >= FAILS_BEFORE_LOCK)
		a->locked_until = now + LOCK_SECONDS;
	return 0;
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
				"default-src 'none'; style-src 'unsafe-inline'; "
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
	"vertical-align:top;overflow-wrap:anywhere}th{background:#e6e6e6}"
	"fieldset{border:1px solid #999;margin:.8em 0;padding:.6em 1em}"
	"label{display:block;margin:.3em 0}input,select,textarea{font:inherit;"
	"max-width:100%}textarea{width:100%;min-height:4em}"
	"button{font:inherit;padding:.3em .9em;cursor:pointer}"
	".err{background:#fde8e8;border:1px solid #a40000;padding:.5em 1em}"
	".ok{background:#e8f5e8;border:1px solid #2d6a2d;padding:.5em 1em}"
	".excerpt{background:#eee;padding:.4em .6em;font-style:italic;"
	"overflow-wrap:anywhere}.why{white-space:pre-line;"
	"overflow-wrap:anywhere}.hash{font-family:monospace;font-size:.8em;"
	"overflow-wrap:anywhere}.finding{border:1px solid #777;"
	"border-left:5px solid #a40000;padding:.5em 1em;margin:1em 0;"
	"background:#fff}a:focus,button:focus,input:focus,select:focus,"
	"textarea:focus{outline:3px solid #f0b400}"
	"@media print{header,form,fieldset{display:none}}";

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
		buf_adds(b, "<form method=\"post\" action=\"/logout\">"
			 "<input type=\"hidden\" name=\"csrf\" value=\"");
		buf_adds(b, s->csrf);
		buf_adds(b, "\"><span>");
		hx(b, s->actor);
		buf_adds(b, "</span> <button>Log out</button></form>");
	}
	buf_adds(b, "</header><main><h1>");
	hx(b, title);
	buf_adds(b, "</h1>");
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

static enum MHD_Result send_page(struct web *w, struct MHD_Connection *c,
				 unsigned status, struct buf *b)
{
	return respond(w, c, status, "text/html; charset=utf-8", b->ptr, b->len,
		    NULL, NULL, NULL);
}

/* An error page for a library error: 403 for roles, 400 otherwise. */
static enum MHD_Result error_page(struct web *w, struct MHD_Connection *c,
				  const struct session *s, unsigned roles,
				  const struct ds_err *err)
{
	struct buf b;
	enum MHD_Result r;
	unsigned status = err->code == DS_EPERM ? 403 :
			  err->code == DS_ENOTFOUND ? 404 :
			  err->code == DS_EBUSY ? 503 : 400;

	buf_init(&b, 1 << 20);
	page_start(&b, status == 403 ? "Not allowed" : "That did not work", s,
		   roles);
	buf_adds(&b, "<p class=\"err\" role=\"alert\">");
	hx(&b, err->msg);
	buf_adds(&b, "</p><p><a href=\"/\">Back to the vacancies</a></p>");
	page_end(&b);
	r = send_page(w, c, status, &b);
	buf_release(&b);
	return r;
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
	char ukey[96], akey[96], addr[64], cookie[256];
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
		 (akey[0] && attempt_locked(w, akey)) || all_locked(w);
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
		if (ctx && ds_actor_roles(ctx))
			ds_audit_web(ctx, "web.login-failed", NULL);
		pthread_mutex_lock(&w->lock);
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
	ds_audit_web(ctx, "web.login", NULL);
	ds_close(ctx);
	buf_release(&b);
	pthread_mutex_lock(&w->lock);
	attempt_clear(w, ukey);
	s = session_new(w, name);
	snprintf(cookie, sizeof(cookie), "ds_session=%s; Path=/; HttpOnly; "
		 "SameSite=Strict%s", s->token, w->tls ? "; Secure" : "");
	pthread_mutex_unlock(&w->lock);
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

static void home(struct ds_ctx *ctx, const struct session *s, unsigned roles,
		 struct buf *b)
{
	static const char *const cols[] = {
		"ref", "post", "school", "interview_date", "candidates", NULL
	};
	static const char *const heads[] = {
		"Reference", "Post", "School", "Interview", "Candidates"
	};
	json_t *list = NULL;

	page_start(b, "Vacancies", s, roles);
	if (ds_vacancy_list(ctx, &list, NULL) == 0)
		table(b, list, cols, heads, "ref", "/vacancy?ref=");
	else
		buf_adds(b, "<p>Your role does not list vacancies.</p>");
	json_decref(list);
	if (roles & DS_ROLE_RECRUITER) {
		buf_adds(b, "<form method=\"post\" action=\"/vacancy/add\">"
			 "<fieldset><legend>Add a vacancy</legend>");
		csrf_field(b, s);
		buf_adds(b, "<label>Reference <input name=\"ref\" required>"
			 "</label><label>Post <input name=\"post\" required>"
			 "</label><label>School <input name=\"school\" "
			 "required></label><label>Interview date <input "
			 "type=\"date\" name=\"interview_date\"></label>"
			 "<button>Add the vacancy</button></fieldset></form>");
	}
	page_end(b);
}

static void vacancy_page(struct ds_ctx *ctx, const struct session *s,
			 unsigned roles, const char *ref, struct buf *b,
			 struct ds_err *err, int *rc)
{
	static const char *const cols[] = {
		"id", "name", "status", "updated", NULL
	};
	static const char *const heads[] = {
		"Record", "Name", "Status", "Updated"
	};
	json_t *v = NULL;

	*rc = ds_vacancy_show(ctx, ref ? ref : "", &v, err);
	if (*rc)
		return;
	page_start(b, "Vacancy", s, roles);
	buf_adds(b, "<p><strong>");
	hx(b, jstr(v, "ref"));
	buf_adds(b, "</strong>: ");
	hx(b, jstr(v, "post"));
	buf_adds(b, ", ");
	hx(b, jstr(v, "school"));
	buf_adds(b, "</p><h2>Candidates</h2>");
	table(b, json_object_get(v, "candidates"), cols, heads, "id",
	      "/candidate?id=");
	if (roles & DS_ROLE_RECRUITER) {
		buf_adds(b, "<form method=\"post\" action=\"/candidate/add\">"
			 "<fieldset><legend>Add a candidate (anchors from the "
			 "application only)</legend>");
		csrf_field(b, s);
		buf_adds(b, "<input type=\"hidden\" name=\"vacancy\" value=\"");
		hx(b, ref);
		buf_adds(b, "\"><label>Legal name <input name=\"name\" "
			 "required></label><label>Town or area <input "
			 "name=\"location\"></label><label>Employer or school "
			 "<input name=\"employer\"></label><label>Status "
			 "<select name=\"status\"><option>applied</option>"
			 "<option>shortlisted</option></select></label>"
			 "<button>Add the candidate</button></fieldset></form>");
		buf_adds(b, "<form method=\"post\" action=\"/panel\"><fieldset>"
			 "<legend>Interview panel</legend>");
		csrf_field(b, s);
		buf_adds(b, "<input type=\"hidden\" name=\"vacancy\" value=\"");
		hx(b, ref);
		buf_adds(b, "\"><button name=\"on\" value=\"0\">I am not on "
			 "this vacancy's interview panel</button> <button "
			 "name=\"on\" value=\"1\">I am on the panel</button>"
			 "</fieldset></form>");
		buf_adds(b, "<form method=\"post\" action=\"/run\"><fieldset>"
			 "<legend>Search</legend>");
		csrf_field(b, s);
		buf_adds(b, "<input type=\"hidden\" name=\"vacancy\" value=\"");
		hx(b, ref);
		buf_adds(b, "\"><p>The gate is checked for every shortlisted "
			 "candidate first; the same plan runs for each.</p>"
			 "<button>Run the search plan</button></fieldset>"
			 "</form>");
	}
	buf_adds(b, "<h2>Reports</h2><p><a href=\"/report?vacancy=");
	ds_url_escape(b, ref);
	buf_adds(b, "\">Vacancy report (all candidates side by side)</a> | "
		 "<a href=\"/report?scr=1&amp;vacancy=");
	ds_url_escape(b, ref);
	buf_adds(b, "\">Single-central-record lines (CSV)</a></p>");
	page_end(b);
	json_decref(v);
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
	buf_adds(b, "<input type=\"hidden\" name=\"");
	buf_adds(b, k1);
	buf_adds(b, "\" value=\"");
	hx(b, v1);
	buf_adds(b, "\"><button>");
	hx(b, label);
	buf_adds(b, "</button></form>");
}

static void candidate_page(struct ds_ctx *ctx, const struct session *s,
			   unsigned roles, const char *ids, struct buf *b,
			   struct ds_err *err, int *rc)
{
	json_t *c = NULL, *a, *ev = NULL, *runs = NULL;
	struct ds_gate g;
	char idbuf[32];
	int64_t id = web_id(ids);
	size_t i;

	if (id <= 0) {
		*rc = ds_err_set(err, DS_EUSAGE, "bad candidate id: use a "
				 "link from the vacancy's page");
		return;
	}
	*rc = ds_candidate_show(ctx, id, &c, err);
	if (*rc)
		return;
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)id);
	page_start(b, "Candidate's case", s, roles);
	buf_adds(b, "<p>Record ");
	buf_adds(b, idbuf);
	buf_adds(b, ", vacancy <a href=\"/vacancy?ref=");
	ds_url_escape(b, jstr(c, "vacancy"));
	buf_adds(b, "\">");
	hx(b, jstr(c, "vacancy"));
	buf_adds(b, "</a>, status <strong>");
	hx(b, jstr(c, "status"));
	buf_adds(b, "</strong></p><h2>Identity anchors</h2><ul>");
	json_array_foreach(json_object_get(c, "anchors"), i, a) {
		buf_adds(b, "<li>");
		hx(b, jstr(a, "kind"));
		buf_adds(b, ": ");
		hx(b, jstr(a, "value"));
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul><h2>What the application claims</h2><ul>");
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
		if (roles & DS_ROLE_RECRUITER) {
			char cl[32];

			snprintf(cl, sizeof(cl), "%lld", jint(a, "id"));
			buf_adds(b, " <form method=\"post\" action=\""
				 "/claim/remove\" style=\"display:inline\">");
			csrf_field(b, s);
			buf_adds(b, "<input type=\"hidden\" name=\"candidate\" "
				 "value=\"");
			buf_adds(b, idbuf);
			buf_adds(b, "\"><input type=\"hidden\" name=\"claim\" "
				 "value=\"");
			buf_adds(b, cl);
			buf_adds(b, "\"><button>Remove</button></form>");
		}
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul><h2>Declared handles</h2><ul>");
	json_array_foreach(json_object_get(c, "handles"), i, a) {
		buf_adds(b, "<li>");
		hx(b, jstr(a, "platform"));
		buf_adds(b, ": ");
		hx(b, jstr(a, "handle"));
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul><h2>Notice and consent</h2><ul>");
	json_array_foreach(json_object_get(c, "notices"), i, a) {
		buf_adds(b, "<li>Notice given ");
		hx(b, jstr(a, "given_on"));
		buf_adds(b, " by ");
		hx(b, jstr(a, "channel"));
		buf_adds(b, "</li>");
	}
	json_array_foreach(json_object_get(c, "consents"), i, a) {
		buf_adds(b, "<li>Consent given ");
		hx(b, jstr(a, "given_on"));
		if (json_is_string(json_object_get(a, "withdrawn_on"))) {
			buf_adds(b, ", <strong>withdrawn ");
			hx(b, jstr(a, "withdrawn_on"));
			buf_adds(b, "</strong>");
		}
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul><h2>The gate</h2>");
	if (ds_gate_check(ctx, id, NULL, NULL, &g, NULL) == 0) {
		if (g.allowed)
			buf_adds(b, "<p class=\"ok\">A search of this candidate "
				 "may run.</p>");
		else {
			buf_adds(b, "<div class=\"err\"><p>A search may not run:"
				 "</p><ul>");
			for (i = 0; i < g.nreasons; i++) {
				buf_adds(b, "<li><strong>");
				hx(b, g.reasons[i].code);
				buf_adds(b, "</strong>: ");
				hx(b, g.reasons[i].text);
				buf_adds(b, "</li>");
			}
			buf_adds(b, "</ul></div>");
		}
	}
	if (roles & DS_ROLE_RECRUITER) {
		buf_adds(b, "<form method=\"post\" action=\"/case\"><fieldset>"
			 "<legend>Record for this candidate</legend>");
		csrf_field(b, s);
		buf_adds(b, "<input type=\"hidden\" name=\"candidate\" "
			 "value=\"");
		buf_adds(b, idbuf);
		buf_adds(b, "\"><label>Status <select name=\"status\">"
			 "<option value=\"\">(unchanged)</option><option>"
			 "shortlisted</option><option>preferred</option>"
			 "<option>withdrawn</option><option>appointed</option>"
			 "<option>unsuccessful</option></select></label>"
			 "<label>Handle: platform <input name=\"platform\" "
			 "placeholder=\"mastodon, x, any site of the list...\"></label>"
			 "<label>Handle or address <input name=\"handle\">"
			 "</label><label>Notice given on <input type=\"date\" "
			 "name=\"notice\"></label><label>by <select "
			 "name=\"channel\"><option>email</option><option>"
			 "letter</option><option>application-form</option>"
			 "<option>portal</option><option>in-person</option>"
			 "</select></label><label>Consent given on <input "
			 "type=\"date\" name=\"consent\"></label><label>"
			 "Consent withdrawn on <input type=\"date\" "
			 "name=\"withdrawn\"></label><button>Save</button>"
			 "</fieldset></form>");
		buf_adds(b, "<form method=\"post\" action=\"/claim\">"
			 "<fieldset><legend>Add what the application claims"
			 "</legend>");
		csrf_field(b, s);
		buf_adds(b, "<input type=\"hidden\" name=\"candidate\" "
			 "value=\"");
		buf_adds(b, idbuf);
		buf_adds(b, "\"><label>Kind <select name=\"kind\"><option>"
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
			 "</label><button>Add the claim</button></fieldset>"
			 "</form>");
	}
	/* Manual steps: the checklist, with the evidence upload. */
	if (ds_run_list(ctx, &runs, NULL) == 0) {
		json_t *r;

		json_array_foreach(runs, i, r) {
			json_t *rs = NULL, *st;
			size_t k;

			if (ds_run_show(ctx, jint(r, "id"), &rs, NULL))
				continue;
			json_array_foreach(json_object_get(rs, "steps"), k,
					   st) {
				char sid[32];

				if (jint(st, "candidate") != id ||
				    strcmp(jstr(st, "outcome"),
					   "manual-open") != 0)
					continue;
				snprintf(sid, sizeof(sid), "%lld",
					 jint(st, "id"));
				buf_adds(b, "<div class=\"finding\"><h3>Manual "
					 "step ");
				buf_adds(b, sid);
				buf_adds(b, ": ");
				hx(b, jstr(st, "query"));
				buf_adds(b, "</h3><p>");
				hx(b, jstr(st, "detail"));
				buf_adds(b, "</p>");
				if (roles & DS_ROLE_RECRUITER) {
					buf_adds(b, "<form method=\"post\" "
						 "action=\"/evidence\" enctype=\""
						 "multipart/form-data\">");
					csrf_field(b, s);
					buf_adds(b, "<input type=\"hidden\" "
						 "name=\"step\" value=\"");
					buf_adds(b, sid);
					buf_adds(b, "\"><label>Saved page (HTML, "
						 "PDF, PNG, JPEG) <input type=\""
						 "file\" name=\"file\" required>"
						 "</label><button>Import</button>"
						 "</form>");
					button_form(b, s, "/settle", "step",
						    sid, "Not public: nothing "
						    "to import");
				}
				buf_adds(b, "</div>");
			}
			json_decref(rs);
		}
	}
	json_decref(runs);
	if (ds_evidence_list(ctx, id, &ev, NULL) == 0 &&
	    json_array_size(ev)) {
		static const char *const cols[] = {
			"id", "url", "outcome", "retrieved", "sha256", NULL
		};
		static const char *const heads[] = {
			"Evidence", "Address", "Outcome", "Retrieved",
			"SHA-256"
		};

		buf_adds(b, "<h2>Evidence</h2>");
		table(b, ev, cols, heads, NULL, NULL);
	}
	json_decref(ev);
	buf_adds(b, "<h2>Findings and report</h2><p>");
	if (roles & DS_ROLE_DSL) {
		buf_adds(b, "<a href=\"/review?candidate=");
		buf_adds(b, idbuf);
		buf_adds(b, "\">Findings</a> | ");
	}
	buf_adds(b, "<a href=\"/report?candidate=");
	buf_adds(b, idbuf);
	buf_adds(b, "\">Online search record (print or save as PDF)</a> | "
		 "<a href=\"/report?download=1&amp;candidate=");
	buf_adds(b, idbuf);
	buf_adds(b, "\">Download</a></p>");
	if (roles & (DS_ROLE_RECRUITER | DS_ROLE_DSL))
		button_form(b, s, "/close", "candidate", idbuf,
			    "Close the case");
	page_end(b);
	json_decref(c);
}

/* The DSL's queue: every finding, with its evidence and the forms. */
static void review_page(struct ds_ctx *ctx, const struct session *s,
			unsigned roles, const char *cand, struct buf *b,
			struct ds_err *err, int *rc)
{
	json_t *list = NULL, *f;
	size_t i;

	if (cand && web_id(cand) <= 0) {
		*rc = ds_err_set(err, DS_EUSAGE, "bad candidate id: use a "
				 "link from the vacancy's page");
		return;
	}
	*rc = ds_findings_list(ctx, cand ? web_id(cand) : 0, NULL,
			       cand ? NULL : "open", &list, err);
	if (*rc)
		return;
	page_start(b, cand ? "Findings" : "Review queue", s, roles);
	if (!json_array_size(list))
		buf_adds(b, "<p class=\"ok\">Nothing waits for review.</p>");
	json_array_foreach(list, i, f) {
		json_t *d = NULL;
		char fid[32];

		snprintf(fid, sizeof(fid), "%lld", jint(f, "id"));
		if (ds_finding_show(ctx, jint(f, "id"), &d, NULL))
			continue;
		buf_adds(b, "<section class=\"finding\"><h2>Finding ");
		buf_adds(b, fid);
		buf_adds(b, ": ");
		hx(b, jstr(d, "categories"));
		buf_adds(b, " (");
		hx(b, jstr(d, "status"));
		buf_adds(b, ")</h2><p>Candidate <a href=\"/candidate?id=");
		snprintf(fid, sizeof(fid), "%lld", jint(d, "candidate"));
		buf_adds(b, fid);
		buf_adds(b, "\">");
		buf_adds(b, fid);
		buf_adds(b, "</a>; identity <strong>");
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
		buf_adds(b, "<br><span class=\"hash\">");
		hx(b, jstr(d, "url"));
		buf_adds(b, "</span></p><p class=\"excerpt\">");
		hx(b, jstr(d, "excerpt"));
		/* Why it is a finding: sentences, terms, anchors, whose
		 * words (one line each, kept by the style). */
		buf_adds(b, "</p><p class=\"why\"><strong>Why it was "
			 "flagged</strong>\n");
		hx(b, jstr(d, "explanation")[0] ? jstr(d, "explanation") :
		   "not recorded (found before findings kept their "
		   "explanation)");
		buf_adds(b, "</p><p>Evidence SHA-256 <span class=\"hash\">");
		hx(b, jstr(d, "evidence_sha256"));
		buf_adds(b, "</span>, retrieved ");
		hx(b, jstr(d, "retrieved"));
		buf_adds(b, "</p>");
		snprintf(fid, sizeof(fid), "%lld", jint(f, "id"));
		if (strcmp(jstr(d, "status"), "open") == 0) {
			buf_adds(b, "<form method=\"post\" action=\"/review\">");
			csrf_field(b, s);
			buf_adds(b, "<input type=\"hidden\" name=\"finding\" "
				 "value=\"");
			buf_adds(b, fid);
			buf_adds(b, "\"><label>Reason <textarea name=\"reason\" "
				 "required></textarea></label>");
			if (strcmp(jstr(d, "identity"), "possible") == 0)
				buf_adds(b, "<label><input type=\"checkbox\" "
					 "name=\"identity_confirmed\" value=\""
					 "1\"> I checked: this is the "
					 "candidate</label>");
			buf_adds(b, "<button name=\"decision\" value=\"confirm\">"
				 "Confirm: put it to the candidate</button> "
				 "<button name=\"decision\" value=\"dismiss\">"
				 "Dismiss</button> <button name=\"decision\" "
				 "value=\"not-candidate\">Not the candidate"
				 "</button> <button name=\"decision\" "
				 "value=\"refer\">Refer</button></form>");
		} else if (strcmp(jstr(d, "status"), "confirmed") == 0 &&
			   json_array_size(json_object_get(d, "responses"))) {
			json_t *resp = json_array_get(json_object_get(d,
							"responses"), 0);

			buf_adds(b, "<p class=\"ok\">The candidate's response "
				 "(");
			hx(b, jstr(resp, "outcome"));
			buf_adds(b, "): ");
			hx(b, jstr(resp, "text"));
			buf_adds(b, "</p>");
		} else if (strcmp(jstr(d, "status"), "confirmed") == 0) {
			buf_adds(b, "<form method=\"post\" action=\"/response\">");
			csrf_field(b, s);
			buf_adds(b, "<input type=\"hidden\" name=\"finding\" "
				 "value=\"");
			buf_adds(b, fid);
			buf_adds(b, "\"><label>The candidate's response at "
				 "interview <textarea name=\"text\" required>"
				 "</textarea></label><label>Outcome <select "
				 "name=\"outcome\"><option>no-concern</option>"
				 "<option>resolved</option><option>referred"
				 "</option></select></label><button>Record the "
				 "response</button></form>");
		}
		buf_adds(b, "</section>");
		json_decref(d);
	}
	page_end(b);
	json_decref(list);
}

static void dpo_page(struct ds_ctx *ctx, const struct session *s,
		     unsigned roles, struct web *w, int verify, struct buf *b,
		     struct ds_err *err, int *rc)
{
	static const char *const dcols[] = {
		"candidate", "vacancy", "status", "decided", "due", "action",
		"state", NULL
	};
	static const char *const dheads[] = {
		"Candidate", "Vacancy", "Status", "Decided", "Due", "Action",
		"State"
	};
	static const char *const hcols[] = {
		"id", "candidate", "vacancy", "reason", "placed", "released",
		NULL
	};
	static const char *const hheads[] = {
		"Hold", "Candidate", "Vacancy", "Reason", "Placed", "Released"
	};
	struct ds_retention_conf rc2 = {
		.months = w->o->conf->retention_months,
		.appointee_months = w->o->conf->appointee_months,
	};
	json_t *due = NULL, *holds = NULL, *cr = NULL;

	*rc = ds_retention_due(ctx, &rc2, &due, err);
	if (*rc)
		return;
	page_start(b, "Data protection", s, roles);
	buf_adds(b, "<h2>Retention</h2>");
	table(b, due, dcols, dheads, "candidate", "/candidate?id=");
	buf_adds(b, "<form method=\"post\" action=\"/purge\">");
	csrf_field(b, s);
	buf_adds(b, "<button>Purge what is due now</button></form>");
	buf_adds(b, "<h2>Legal holds</h2>");
	if (ds_hold_list(ctx, &holds, NULL) == 0)
		table(b, holds, hcols, hheads, NULL, NULL);
	buf_adds(b, "<form method=\"post\" action=\"/hold\"><fieldset><legend>"
		 "Place a hold</legend>");
	csrf_field(b, s);
	buf_adds(b, "<label>Candidate record <input name=\"candidate\" "
		 "inputmode=\"numeric\"></label><label>or vacancy reference "
		 "<input name=\"vacancy\"></label><label>Reason (a claim or "
		 "case reference) <input name=\"reason\" required></label>"
		 "<button>Place the hold</button></fieldset></form>");
	buf_adds(b, "<h2>Consent audit</h2>");
	if (ds_consent_report(ctx, NULL, &cr, NULL) == 0) {
		json_t *v, *c2;
		size_t i, k;

		buf_adds(b, "<ul>");
		json_array_foreach(json_object_get(cr, "vacancies"), i, v)
			json_array_foreach(json_object_get(v, "candidates"), k,
					   c2) {
				char line[400];

				snprintf(line, sizeof(line), "%s, candidate "
					 "%lld: searched %s; notice %s; consent "
					 "%s%s", jstr(v, "vacancy"),
					 jint(c2, "candidate"),
					 jstr(c2, "first_search"),
					 jstr(c2, "notice"), jstr(c2,
								  "consent"),
					 json_array_size(json_object_get(c2,
						"flags")) ? " - FLAGGED" : "");
				buf_adds(b, "<li>");
				hx(b, line);
				buf_adds(b, "</li>");
			}
		buf_adds(b, "</ul><p>Problems: ");
		{
			char n[32];

			snprintf(n, sizeof(n), "%lld", jint(cr, "problems"));
			buf_adds(b, n);
		}
		buf_adds(b, "</p>");
	}
	buf_adds(b, "<h2>Audit trail</h2>");
	if (verify) {
		struct ds_audit_verdict v;

		if (ds_audit_verify(ctx, NULL, &v, NULL) == 0) {
			char line[400];

			if (v.ok)
				snprintf(line, sizeof(line), "The audit trail "
					 "verifies: %lld rows; head %lld:%s",
					 (long long)v.rows, (long long)v.rows,
					 v.head_hash);
			else
				snprintf(line, sizeof(line), "The audit trail "
					 "is BROKEN at row %lld: %s",
					 (long long)v.bad_seq, v.problem);
			buf_adds(b, v.ok ? "<p class=\"ok\">" :
				 "<p class=\"err\">");
			hx(b, line);
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
		snprintf(line, sizeof(line), "%zu/%zu: candidate %lld %s %s: "
			 "%s (%u results)\n", ev->done, ev->total,
			 (long long)ev->candidate_id, ev->kind, ev->connector,
			 ev->outcome, ev->results);
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
				  .vacancy_ref = w->job.vacancy,
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

static int start_job(struct web *w, const char *vacancy, const char *actor,
		     struct ds_err *err)
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

/* Carry out a POST; *to gets the page to go to afterwards. */
/*
 * A handle from the case form: the value is the handle, or the profile's
 * address when it starts with http:// or https://; the platform may be
 * any site of the configured profile site list too.
 */
static int web_handle_add(struct web *w, struct ds_ctx *ctx, int64_t id,
			  const char *platform, const char *v,
			  struct ds_err *err)
{
	const struct ds_conf_connector *k = ds_conf_connector(w->o->conf,
							      "profiles");
	struct ds_sitelist sites = { 0 };
	int is_url = strncasecmp(v, "http://", 7) == 0 ||
		     strncasecmp(v, "https://", 8) == 0;
	int rc = 0;

	if (platform && !*platform)
		platform = NULL;
	if (!platform && !is_url)
		return ds_err_set(err, DS_EUSAGE, "give the handle's platform, "
				  "or an address starting with http://");
	if (platform && (is_url || !ds_platform_find(platform)))
		rc = ds_sitelist_load(&sites, k ? ds_conf_connector_option(k,
				      "site_list") : NULL, err);
	if (!rc)
		rc = ds_handle_declare(ctx, id, platform, is_url ? NULL : v,
				       is_url ? v : NULL, &sites, NULL, err);
	ds_sitelist_release(&sites);
	return rc;
}

static int action(struct web *w, struct ds_ctx *ctx, const char *url,
		  struct req *r, const struct session *s, char *to,
		  size_t tosize, struct ds_err *err)
{
	int rc = 0;

	snprintf(to, tosize, "/");
	if (strcmp(url, "/vacancy/add") == 0) {
		struct ds_vacancy_in v = {
			.ref = field(r, "ref"), .post = field(r, "post"),
			.school = field(r, "school"),
			.interview_date = field(r, "interview_date") &&
				*field(r, "interview_date") ?
				field(r, "interview_date") : NULL,
		};

		rc = ds_vacancy_add(ctx, &v, NULL, err);
	} else if (strcmp(url, "/candidate/add") == 0) {
		struct ds_anchor_in a[3];
		struct ds_candidate_in c = { .vacancy_ref = field(r, "vacancy"),
					     .status = field(r, "status"),
					     .anchors = a };
		int64_t id;

		a[c.nanchors].kind = DS_ANCHOR_LEGAL_NAME;
		a[c.nanchors++].value = field(r, "name") ? field(r, "name") :
					"";
		if (field(r, "location") && *field(r, "location")) {
			a[c.nanchors].kind = DS_ANCHOR_LOCATION;
			a[c.nanchors++].value = field(r, "location");
		}
		if (field(r, "employer") && *field(r, "employer")) {
			a[c.nanchors].kind = DS_ANCHOR_EMPLOYER;
			a[c.nanchors++].value = field(r, "employer");
		}
		rc = ds_candidate_add(ctx, &c, &id, err);
		if (!rc)
			snprintf(to, tosize, "/candidate?id=%lld",
				 (long long)id);
	} else if (strcmp(url, "/panel") == 0) {
		rc = ds_vacancy_declare(ctx, field(r, "vacancy") ?
					field(r, "vacancy") : "",
					num(field(r, "on")) == 1, err);
	} else if (strcmp(url, "/case") == 0) {
		int64_t id = num(field(r, "candidate"));
		const char *v;

		snprintf(to, tosize, "/candidate?id=%lld", (long long)id);
		v = field(r, "status");
		if (!rc && v && *v)
			rc = ds_candidate_set_status(ctx, id, v, err);
		v = field(r, "handle");
		if (!rc && v && *v)
			rc = web_handle_add(w, ctx, id, field(r, "platform"),
					    v, err);
		v = field(r, "notice");
		if (!rc && v && *v)
			rc = ds_notice_add(ctx, id, v, field(r, "channel"),
					   NULL, NULL, err);
		v = field(r, "consent");
		if (!rc && v && *v)
			rc = ds_consent_add(ctx, id, v, "online-search", NULL,
					    NULL, err);
		v = field(r, "withdrawn");
		if (!rc && v && *v)
			rc = ds_consent_withdraw(ctx, id, v, err);
	} else if (strcmp(url, "/claim") == 0) {
		struct ds_claim_in cl = {
			.kind = field(r, "kind"),
			.organisation = field(r, "organisation"),
			.role = field(r, "role"), .from = field(r, "from"),
			.to = field(r, "to"), .location = field(r, "location"),
			.title = field(r, "title"),
			.institution = field(r, "institution"),
			.year = field(r, "year"), .text = field(r, "text"),
		};
		int64_t id = num(field(r, "candidate"));

		snprintf(to, tosize, "/candidate?id=%lld", (long long)id);
		rc = ds_claim_add(ctx, id, &cl, NULL, err);
	} else if (strcmp(url, "/claim/remove") == 0) {
		snprintf(to, tosize, "/candidate?id=%lld",
			 (long long)num(field(r, "candidate")));
		rc = ds_claim_remove(ctx, num(field(r, "claim")), err);
	} else if (strcmp(url, "/run") == 0) {
		/*
		 * A dry run first, here: the library checks the role and the
		 * gate and refuses at once, before the search is handed to
		 * the background.
		 */
		struct ds_run_opts dry = { .conf = w->o->conf,
					   .vacancy_ref = field(r, "vacancy"),
					   .dry_run = 1 };
		struct ds_run_summary sum;

		rc = ds_run_start(ctx, &dry, &sum, err);
		if (!rc)
			rc = start_job(w, field(r, "vacancy") ?
				       field(r, "vacancy") : "", s->actor,
				       err);
		snprintf(to, tosize, "/progress");
	} else if (strcmp(url, "/evidence") == 0) {
		struct ds_import_result res;

		if (!r->upload[0])
			rc = ds_err_set(err, DS_EUSAGE, "choose the saved file "
					"to import");
		else
			rc = ds_evidence_import(ctx, w->o->conf,
						num(field(r, "step")),
						r->upload, &res, err);
	} else if (strcmp(url, "/settle") == 0) {
		rc = ds_manual_settle(ctx, num(field(r, "step")), "not-public",
				      err);
	} else if (strcmp(url, "/review") == 0) {
		rc = ds_review(ctx, num(field(r, "finding")),
			       field(r, "decision"), field(r, "reason"),
			       field(r, "identity_confirmed") != NULL, err);
		snprintf(to, tosize, "/review");
	} else if (strcmp(url, "/response") == 0) {
		rc = ds_response_record(ctx, num(field(r, "finding")),
					field(r, "text"), field(r, "outcome"),
					err);
		snprintf(to, tosize, "/review");
	} else if (strcmp(url, "/close") == 0) {
		rc = ds_candidate_close(ctx, num(field(r, "candidate")), err);
		snprintf(to, tosize, "/candidate?id=%lld",
			 (long long)num(field(r, "candidate")));
	} else if (strcmp(url, "/hold") == 0) {
		const char *v = field(r, "vacancy");

		rc = ds_hold_add(ctx, num(field(r, "candidate")),
				 v && *v ? v : NULL, field(r, "reason"), NULL,
				 err);
		snprintf(to, tosize, "/dpo");
	} else if (strcmp(url, "/purge") == 0) {
		struct ds_retention_conf rc2 = {
			.months = w->o->conf->retention_months,
			.appointee_months = w->o->conf->appointee_months,
		};
		json_t *log = NULL;

		rc = ds_retention_purge(ctx, &rc2, 0, &log, err);
		json_decref(log);
		snprintf(to, tosize, "/dpo");
	} else {
		rc = ds_err_set(err, DS_ENOTFOUND, "no such action");
	}
	return rc;
}

/* ---- the request handler ----------------------------------------------- */

/*
 * The Host must be the address served (a rebound DNS name is refused),
 * and a form's Origin, when the browser sends one, the same site.
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
	ret = respond(w, c, 200, scr ? "text/csv; charset=utf-8" :
		   "text/html; charset=utf-8", b.ptr, b.len, NULL, NULL, disp);
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
		if (post && strcmp(url, "/login") != 0) {
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
		return respond(w, c, 405, "text/plain", "method not allowed", 18,
			    NULL, NULL, NULL);
	ds_err_init(&err);
	buf_init(&b, 16u << 20);
	if (r->too_large) {
		ds_err_set(&err, DS_EDATA, "the form or file is too large");
		ret = error_page(w, c, NULL, 0, &err);
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
	if (post) {
		char to[128];

		rc = action(w, ctx, url, r, &snap, to, sizeof(to), &err);
		ret = rc ? error_page(w, c, &snap, roles, &err) :
		      redirect(w, c, to, NULL);
		goto out;
	}
	if (strcmp(url, "/") == 0) {
		home(ctx, &snap, roles, &b);
	} else if (strcmp(url, "/vacancy") == 0) {
		vacancy_page(ctx, &snap, roles, MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "ref"), &b, &err, &rc);
	} else if (strcmp(url, "/candidate") == 0) {
		candidate_page(ctx, &snap, roles,
			       MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "id"), &b, &err, &rc);
	} else if (strcmp(url, "/review") == 0) {
		review_page(ctx, &snap, roles, MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "candidate"), &b, &err,
			    &rc);
	} else if (strcmp(url, "/dpo") == 0) {
		dpo_page(ctx, &snap, roles, w, MHD_lookup_connection_value(c,
				MHD_GET_ARGUMENT_KIND, "verify") != NULL, &b,
			 &err, &rc);
	} else if (strcmp(url, "/progress") == 0 &&
		   !(roles & DS_ROLE_RECRUITER)) {
		ds_err_set(&err, DS_EPERM, "only a recruiter follows searches");
		rc = DS_EPERM;
	} else if (strcmp(url, "/progress") == 0) {
		progress_page(w, &snap, roles, &b);
	} else if (strcmp(url, "/report") == 0) {
		ret = report(w, c, ctx, &snap, roles);
		goto out;
	} else {
		ds_err_set(&err, DS_ENOTFOUND, "no such page");
		rc = DS_ENOTFOUND;
	}
	ret = rc ? error_page(w, c, &snap, roles, &err) :
	      send_page(w, c, 200, &b);
out:
	ds_close(ctx);
	buf_release(&b);
	return ret;
}

/* ---- serving ------------------------------------------------------------ */

/* Read a whole small file (a PEM) into a NUL-terminated buffer. */
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
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
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
		return ds_err_set(err, DS_EUSAGE, "bad --listen '%.64s': use an "
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
	snprintf(w->updir, sizeof(w->updir), "/tmp/duesearch-web-XXXXXX");
	if (!mkdtemp(w->updir)) {
		ds_free(w);
		ds_free(cert);
		ds_free(key);
		return ds_err_set(err, DS_EIO, "cannot make a private folder "
				  "for uploads in /tmp: check it");
	}
	pthread_mutex_init(&w->lock, NULL);
	buf_init(&w->job.log, 256u << 10);
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
			     MHD_OPTION_CONNECTION_LIMIT, 64,
			     MHD_OPTION_CONNECTION_TIMEOUT, 30, MHD_OPTION_END) :
	    MHD_start_daemon(flags, 0, NULL, NULL, handle, w,
			     MHD_OPTION_SOCK_ADDR, &sa,
			     MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
			     MHD_OPTION_CONNECTION_LIMIT, 64,
			     MHD_OPTION_CONNECTION_TIMEOUT, 30, MHD_OPTION_END);
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
	rmdir(w->updir);
	pthread_mutex_destroy(&w->lock);
	ds_wipe(w->sessions, sizeof(w->sessions));
	ds_free(w);
	if (key)
		ds_wipe(key, strlen(key));
	ds_free(cert);
	ds_free(key);
	pthread_sigmask(SIG_SETMASK, &oldset, NULL);
	return rc;
}
