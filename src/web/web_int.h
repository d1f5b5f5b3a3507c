/*
 * web_int.h: what the web interface's page files share (web.c holds the
 * HTTP plumbing, sessions and the route table; web_dpo.c the DPO's
 * register and opt-out pages and the people's names).  Not a public API.
 */
#ifndef DS_WEB_INT_H
#define DS_WEB_INT_H

#include <microhttpd.h>

#include "buf.h"
#include "ds.h"

struct web;
struct req;
struct session;

/* One request as a page or an action sees it. */
struct view {
	struct web *w;
	struct MHD_Connection *c;
	struct ds_ctx *ctx;
	struct req *r;          /* a POST's form */
	const struct session *s;
	unsigned roles;
	struct buf *b;          /* the page */
	struct ds_err *err;
	char to[256];           /* after an action: the page it changed */
	char fix[256];          /* after a refusal: the page that fixes it */
	const char *fix_label;
	struct ds_gate gate;    /* a refusal by the gate, with its reasons */
	int64_t gate_cand;
	int has_gate;
	int answered;           /* the handler sent the answer itself: */
	enum MHD_Result sent;   /* what sending it returned */
};

/* ---- from web.c ---- */

/* Text into the page, HTML-escaped (NULL: nothing). */
void web_hx(struct buf *b, const char *s);
/* A stored UTC time or date in UK local time with its zone. */
void web_uk_time(struct buf *b, const char *s);
/* A page's head, header and title; its end. */
void web_page_start(struct view *v, const char *title);
void web_page_end(struct view *v);
/* A form with its CSRF token (legend: a fieldset); its button and end. */
void web_form_open(struct view *v, const char *action, const char *legend);
void web_form_close(struct view *v, const char *button, int fieldset);
void web_hidden_id(struct view *v, const char *k, long long id);
/* A query argument; a form value ("" when absent); or NULL when empty. */
const char *web_arg(struct view *v, const char *k);
const char *web_fv(struct view *v, const char *k);
const char *web_fopt(struct view *v, const char *k);
/* A record id as typed: digits only, else -1. */
int64_t web_record_id(const char *s);
/* Candidates the person may see, and one as "Name (REF)" linked. */
json_t *web_cand_index(struct view *v);
void web_cand_link(struct view *v, json_t *index, int64_t id);

/* ---- from web_dpo.c ---- */

/*
 * The people of the case file by log-in: {login: "display name"} (the
 * log-in when none is set).  Never NULL.
 */
json_t *web_people(struct view *v);
/* A person as "Priya Shah (DPO)": role is a stored role list or NULL. */
void web_person(struct buf *b, json_t *people, const char *login,
		const char *role);
/* A vacancy's searches: who ran each (by name), when, its steps. */
void web_searches(struct view *v, const char *ref, json_t *people);
/* <option>s of every candidate in the index, "Name (REF)". */
void web_cand_options(struct view *v, json_t *index);

/* Pages and actions (routes in web.c). */
int web_sar_page(struct view *v);
int web_act_sar_log(struct view *v);
int web_act_sar_extend(struct view *v);
int web_act_sar_done(struct view *v);
int web_optout_page(struct view *v);
int web_act_opt_out(struct view *v);
int web_act_opt_in(struct view *v);
int web_act_actor_name(struct view *v);

#endif
