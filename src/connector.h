/*
 * connector.h: the interface every search connector implements.
 *
 * A connector turns one step of a search plan (a web search, a news
 * search, a declared profile) into requests, and the responses into
 * results (search hits) and evidence (fetched pages).  It never opens the
 * database, never checks consent (the core did, before calling it) and
 * never calls libcurl: it asks the sink to fetch.  Its metadata (who
 * receives the query terms, where, what is sent) is data the core prints
 * for the record of processing and checks before calling any hook.
 *
 * See connectors/README.md for how to add one.
 */
#ifndef DS_CONNECTOR_H
#define DS_CONNECTOR_H

#include "err.h"
#include "fetch.h"
#include "page.h"
#include "sandbox.h"

#define DS_CONNECTOR_ABI 2

enum ds_step_kind {
	DS_STEP_WEB = 1,        /* a web search for query terms */
	DS_STEP_NEWS = 2,       /* a news search within a look-back period */
	DS_STEP_PROFILE = 4,    /* a declared handle or personal site */
	DS_STEP_DISCOVERY = 8,  /* the same handles elsewhere (policy) */
	DS_STEP_MANUAL = 16     /* the searcher opens it; evidence imported */
};

/* "web", "news", ...; and back (0 for an unknown name). */
const char *ds_step_kind_name(enum ds_step_kind k);
enum ds_step_kind ds_step_kind_parse(const char *s);

enum ds_conn_flags {
	DS_CONN_NEEDS_KEY = 1,  /* needs an API key from the environment */
	DS_CONN_MANUAL = 2      /* produces a checklist item, no traffic */
};

/* What a connector is told about one step. */
struct ds_step_info {
	int64_t step_id;
	enum ds_step_kind kind;
	const char *query;      /* web, news: the search terms */
	const char *platform;   /* profile: "mastodon", "url", ... */
	const char *target;     /* profile: the normalised handle or URL */
	const char *base_url;   /* the connector's endpoint (configuration) */
	const char *api_key;    /* from the named environment variable */
	int lookback_days;      /* news */
	unsigned max_results;   /* hits kept per step */
	void *state;            /* what the connector's init made, or NULL */
	/*
	 * Profile and discovery: every handle the candidate declared, as
	 * platform and normalised handle, in the order recorded (the step's
	 * own among them), so a discovery can leave out the candidate's own
	 * accounts and usernames an earlier handle already covers.
	 */
	const char *const *handle_platforms;
	const char *const *handles;
	size_t nhandles;
};

/* What a connector's init is given. */
struct ds_conn_init {
	const char *base_url;
	const char *api_key;
	/* The value of one of the connector's options, or NULL. */
	const char *(*option)(const struct ds_conn_init *ci,
			      const char *name);
	const void *priv;       /* for option() */
};

/* A search result. */
struct ds_hit {
	const char *url;
	const char *title;
	const char *snippet;
	const char *published;  /* YYYY-MM-DD or NULL */
	const char *source;     /* the engine that found it, or NULL */
};

/* Step outcomes, as the records and reports show them. */
enum ds_step_outcome {
	DS_STEP_OK = 0,         /* done, results found */
	DS_STEP_NOTHING,        /* done, nothing found */
	DS_STEP_NOT_PUBLIC,     /* behind a log-in, or not public */
	DS_STEP_INCONCLUSIVE,   /* blocked, rate-limited, failed, timed out */
	DS_STEP_MANUAL_OPEN,    /* a checklist item waiting for the searcher */
	DS_STEP_SKIPPED,        /* could not run: said why */
	DS_STEP_MANUAL_DONE,    /* the searcher imported the saved page */
	DS_STEP_NOUTCOMES
};
const char *ds_step_outcome_name(enum ds_step_outcome o);

/* Where a connector puts what it finds; owned by the run. */
struct ds_sink;

/*
 * Fetch url for this step; on_response is called with tag when it ends.
 * Only http and https; the fetcher applies every limit and guard.
 */
int ds_sink_fetch(struct ds_sink *s, const char *url, enum ds_req_kind kind,
		  const char *const *headers, void *tag, struct ds_err *err);
/* Record a search result (copied). */
int ds_sink_hit(struct ds_sink *s, const struct ds_hit *hit);
/* Record a fetched page as evidence (copied; page may be NULL). */
int ds_sink_page(struct ds_sink *s, const struct ds_response *res,
		 const struct ds_page *page);
/*
 * Record the page that answered res as not public (a log-in wall the
 * connector recognised in a 200 answer): its address is kept, the step
 * goes on.  Answers of 401, 403 and 999 are recorded so by the core.
 */
void ds_sink_not_public(struct ds_sink *s, const struct ds_response *res);
/*
 * Note an answer that settles nothing (a changed page, a challenge): the
 * step is then inconclusive unless something was found.
 */
void ds_sink_inconclusive(struct ds_sink *s, const char *detail);
/*
 * Say how the step ended when the connector knows better than the
 * responses (a profile missing is "nothing"; a log-in wall "not public").
 * Without it the outcome follows the responses.
 */
void ds_sink_outcome(struct ds_sink *s, enum ds_step_outcome o,
		     const char *detail);

struct ds_connector {
	unsigned abi;           /* DS_CONNECTOR_ABI */
	const char *name;       /* used in plans and configuration */
	const char *title;
	const char *provider;   /* who receives the query terms */
	const char *location;   /* where that provider processes them */
	const char *data_sent;  /* which candidate data leaves */
	unsigned steps;         /* enum ds_step_kind bits it serves */
	unsigned flags;         /* enum ds_conn_flags */
	const char *default_base_url;
	/* Extra keys its [connector NAME] section may hold (NULL-ended). */
	const char *const *options;
	/*
	 * The platforms whose declared handles it reads in a profile step
	 * (NULL-ended, compared without regard to case): "mastodon", "url"
	 * (a declared web address), ...  DS_PLATFORM_ANY ("*") stands for
	 * every site of the profile site list.  'profile auto' steps go to
	 * the connector naming the platform, else to one with "*" (see
	 * ds_connector_for_platform).  NULL: it serves no platform.
	 */
	const char *const *platforms;
	/*
	 * Optional: make the connector's state once per run (a site list),
	 * before its first step; fini releases it.  An init failure skips
	 * the connector's steps with its message.
	 */
	int (*init)(void **state, const struct ds_conn_init *ci,
		    struct ds_err *err);
	void (*fini)(void *state);
	/* Start the step: queue requests through the sink. */
	int (*start)(const struct ds_step_info *step, struct ds_sink *out,
		     struct ds_err *err);
	/* A response to one of its requests; may queue more. */
	int (*on_response)(const struct ds_step_info *step, void *tag,
			   const struct ds_response *res, struct ds_sink *out,
			   struct ds_err *err);
};

/* The built-in connectors, NULL-terminated (connectors/registry.c). */
extern const struct ds_connector *const ds_connectors[];

/* Find a connector by name, built in or loaded, or NULL. */
const struct ds_connector *ds_connector_find(const char *name);

/* The i-th connector, the built-in ones then the loaded ones; NULL past
 * the end. */
const struct ds_connector *ds_connector_at(size_t i);

#define DS_PLATFORM_ANY "*"

/*
 * The connector that reads a declared handle on platform in a profile
 * step: the first whose platforms name it (ignoring case), else the
 * first serving DS_PLATFORM_ANY, else NULL.  exact, when not NULL, is set
 * to 1 when the platform was named, 0 for the "*" fallback.
 */
const struct ds_connector *ds_connector_for_platform(const char *platform,
						     int *exact);

#define DS_CONNECTOR_MAX_LOADED 16
/* The symbol a shared-object connector exports (see connectors/README). */
#define DS_CONNECTOR_ENTRY "ds_connector_entry_v1"
typedef const struct ds_connector *ds_connector_entry_fn(void);

/*
 * Load a connector from a shared object, so an organisation can add one
 * without rebuilding: the object exports DS_CONNECTOR_ENTRY returning its
 * table, whose abi must be DS_CONNECTOR_ABI, whose name must be new, and
 * whose metadata (provider, location, data sent, step kinds, start) must
 * be filled in.  The object stays loaded until the process ends.
 */
int ds_connector_load(const char *path, struct ds_err *err);

#endif
