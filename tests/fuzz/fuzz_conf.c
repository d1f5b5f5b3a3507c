/*
 * fuzz_conf.c: ds_conf_load, the INI configuration, and the plan its
 * [plan] steps make.
 *
 * ds_conf_load reads a path, so the input goes into a memory file
 * (memfd_create, mode 0600 as the loader asks) read back through
 * /proc/self/fd.  A configuration that loads has its plan expanded for a
 * fixed candidate and its plan's JSON read back, which must give the same
 * plan.  Inputs that say "load" are skipped: [connectors] load = PATH
 * would dlopen whatever file the fuzzer names.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "fuzz.h"

static const struct ds_plan_anchors anchors = {
	.name = "Jane \"Q\" Smith",
	.known_as = { "Janey" }, .nknown_as = 1,
	.location = { "Leeds", "York" }, .nlocation = 2,
	.employer = { "Oak Primary" }, .nemployer = 1,
	.handle_platform = { "mastodon", "x" },
	.handle = { "jane@social.example", "janes" }, .nhandles = 2,
};

static void check_plan(const struct ds_plan *p)
{
	struct ds_plan_instance inst[DS_PLAN_MAX_EXPAND];
	struct ds_plan back;
	struct ds_err err;
	char h1[65], h2[65];
	size_t i, k, n;
	json_t *j;

	FUZZ_ASSERT(p->nsteps <= DS_PLAN_MAX_STEPS);
	for (i = 0; i < p->nsteps; i++) {
		n = ds_plan_expand(p, i, &anchors, inst, DS_PLAN_MAX_EXPAND);
		FUZZ_ASSERT(n >= 1 && n <= DS_PLAN_MAX_EXPAND);
		for (k = 0; k < n; k++) {
			FUZZ_ASSERT(memchr(inst[k].query, '\0',
					   sizeof(inst[k].query)));
			FUZZ_ASSERT(memchr(inst[k].target, '\0',
					   sizeof(inst[k].target)));
			FUZZ_ASSERT(inst[k].connector[0]);
		}
	}
	j = ds_plan_to_json(p);
	FUZZ_ASSERT(j != NULL);
	ds_err_init(&err);
	FUZZ_ASSERT(ds_plan_from_json(&back, j, &err) == 0);
	json_decref(j);
	FUZZ_ASSERT(back.nsteps == p->nsteps);
	FUZZ_ASSERT(ds_plan_hash(p, h1) == 0 && ds_plan_hash(&back, h2) == 0);
	FUZZ_ASSERT(strcmp(h1, h2) == 0);
}

static int fd = -1;
static char path[64];

/* Load data[0..size) as the configuration file. */
static int load(struct ds_conf *c, const void *data, size_t size,
		struct ds_err *err)
{
	if (ftruncate(fd, 0) != 0 ||
	    (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("fuzz_conf: memory file");
		exit(1);
	}
	ds_conf_init(c);
	ds_err_init(err);
	return ds_conf_load(c, path, 0, err);
}

/* The memory file, and proof that a good configuration loads from it. */
static void setup(void)
{
	static const char good[] = "[fetch]\nmax_total = 7\n";
	struct ds_conf c;
	struct ds_err err;

	fd = memfd_create("fuzz-conf", 0);
	if (fd < 0 || fchmod(fd, 0600) != 0) {
		perror("fuzz_conf: memfd_create");
		exit(1);
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (load(&c, good, sizeof(good) - 1, &err) != 0 ||
	    c.fetch.max_total != 7) {
		fprintf(stderr, "fuzz_conf: a good configuration does not "
			"load: %s\n", err.msg);
		abort();
	}
	ds_conf_release(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ds_conf c;
	struct ds_err err;
	size_t i;
	int rc;

	if (fd < 0)
		setup();
	if (memmem(data, size, "load", 4))
		return 0;
	rc = load(&c, data, size, &err);
	if (rc == 0) {
		check_plan(&c.plan);
		FUZZ_ASSERT(c.nallow <= DS_CONF_MAX_LIST);
		FUZZ_ASSERT(c.nconnectors <= DS_CONF_MAX_CONNECTORS);
		for (i = 0; i < c.nconnectors; i++) {
			FUZZ_ASSERT(c.connectors[i].name != NULL);
			FUZZ_ASSERT(ds_conf_connector(&c,
					c.connectors[i].name) != NULL);
			(void)ds_conf_connector_option(&c.connectors[i],
						       "site_list");
		}
	} else {
		FUZZ_ASSERT(rc == DS_ECONFIG || rc == DS_ENOMEM);
		FUZZ_ASSERT(err.code == rc && err.msg[0]);
	}
	ds_conf_release(&c);
	return 0;
}
