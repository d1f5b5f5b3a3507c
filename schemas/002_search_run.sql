-- 002: search plans, runs, their steps, the search results and the
-- evidence of fetched pages.

-- A vacancy's plan, one row per version.  frozen is set at the first run
-- that uses it; after that a change is a new version with its reason.
CREATE TABLE plan (
	id         INTEGER PRIMARY KEY,
	vacancy_id INTEGER NOT NULL REFERENCES vacancy(id),
	version    INTEGER NOT NULL,
	steps      TEXT NOT NULL,       -- canonical JSON (src/plan.c)
	sha256     TEXT NOT NULL,
	reason     TEXT,                -- why it differs from the one before
	frozen     TEXT,
	created    TEXT NOT NULL,
	UNIQUE (vacancy_id, version)
);

CREATE TABLE run (
	id          INTEGER PRIMARY KEY,
	vacancy_id  INTEGER NOT NULL REFERENCES vacancy(id),
	plan_id     INTEGER NOT NULL REFERENCES plan(id),
	searcher_id INTEGER NOT NULL REFERENCES actor(id),
	status      TEXT NOT NULL CHECK (status IN ('running', 'done')),
	started     TEXT NOT NULL,
	finished    TEXT
);

-- One instance of a plan step for one candidate.  Written 'pending' when
-- the run starts; its outcome, results and evidence are written in one
-- transaction when it ends, so a resumed run never duplicates them.
CREATE TABLE step (
	id            INTEGER PRIMARY KEY,
	run_id        INTEGER NOT NULL REFERENCES run(id),
	candidate_id  INTEGER NOT NULL REFERENCES candidate(id)
	              ON DELETE CASCADE,
	plan_step     INTEGER NOT NULL,
	seq           INTEGER NOT NULL,
	kind          TEXT NOT NULL,
	connector     TEXT NOT NULL,
	platform      TEXT,
	query_sealed  BLOB,             -- the terms sent (personal data)
	target_sealed BLOB,             -- the handle or URL checked
	status        TEXT NOT NULL CHECK (status IN ('pending', 'done')),
	outcome       TEXT,
	detail        TEXT,
	results       INTEGER NOT NULL DEFAULT 0,
	started       TEXT,
	finished      TEXT,
	UNIQUE (run_id, candidate_id, plan_step, seq)
);
CREATE INDEX step_candidate ON step(candidate_id);

-- A search result, sealed: triage decides what becomes a finding.
CREATE TABLE hit (
	id             INTEGER PRIMARY KEY,
	step_id        INTEGER NOT NULL REFERENCES step(id) ON DELETE CASCADE,
	candidate_id   INTEGER NOT NULL REFERENCES candidate(id)
	               ON DELETE CASCADE,
	url_sealed     BLOB NOT NULL,
	title_sealed   BLOB,
	snippet_sealed BLOB,
	published      TEXT,
	source         TEXT
);
CREATE INDEX hit_step ON hit(step_id);

-- The evidence of a fetched page: never the page itself.
CREATE TABLE evidence (
	id               INTEGER PRIMARY KEY,
	step_id          INTEGER NOT NULL REFERENCES step(id) ON DELETE CASCADE,
	candidate_id     INTEGER NOT NULL REFERENCES candidate(id)
	                 ON DELETE CASCADE,
	url_sealed       BLOB NOT NULL,
	final_url_sealed BLOB,
	http_status      INTEGER,
	outcome          TEXT NOT NULL,
	retrieved        TEXT NOT NULL,
	sha256           TEXT NOT NULL,
	size             INTEGER NOT NULL,
	title_sealed     BLOB,
	published        TEXT
);
CREATE INDEX evidence_step ON evidence(step_id);
