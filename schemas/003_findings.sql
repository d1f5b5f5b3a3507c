-- 003: findings, the DSL's review, the candidate's response, case close.
-- Only results about the candidate that touch the taxonomy become
-- findings; everything else is kept as counts on its step.

ALTER TABLE step ADD COLUMN not_candidate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE step ADD COLUMN not_relevant INTEGER NOT NULL DEFAULT 0;
ALTER TABLE step ADD COLUMN protected_dropped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE step ADD COLUMN findings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE candidate ADD COLUMN closed TEXT;

-- One finding per candidate and URL, however many steps found it.  The
-- sealed fields are wiped when the DSL decides it is not the candidate.
CREATE TABLE finding (
	id              INTEGER PRIMARY KEY,
	candidate_id    INTEGER NOT NULL REFERENCES candidate(id)
	                ON DELETE CASCADE,
	url_mac         BLOB NOT NULL,
	url_sealed      BLOB,
	title_sealed    BLOB,
	excerpt_sealed  BLOB,
	evidence_sha256 TEXT NOT NULL,
	identity        TEXT NOT NULL CHECK (identity IN ('possible',
	                'probable', 'confirmed')),
	anchors         TEXT NOT NULL,
	categories      TEXT NOT NULL,
	severity        INTEGER NOT NULL,
	special_care    INTEGER NOT NULL DEFAULT 0,
	criminal        INTEGER NOT NULL DEFAULT 0,
	published       TEXT,
	retrieved       TEXT NOT NULL,
	status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',
	                'confirmed', 'dismissed', 'not-candidate', 'referred')),
	created         TEXT NOT NULL,
	UNIQUE (candidate_id, url_mac)
);
CREATE INDEX finding_candidate ON finding(candidate_id);

CREATE TABLE finding_step (
	finding_id INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
	step_id    INTEGER NOT NULL REFERENCES step(id) ON DELETE CASCADE,
	PRIMARY KEY (finding_id, step_id)
);

CREATE TABLE review (
	id                 INTEGER PRIMARY KEY,
	finding_id         INTEGER NOT NULL REFERENCES finding(id)
	                   ON DELETE CASCADE,
	candidate_id       INTEGER NOT NULL REFERENCES candidate(id)
	                   ON DELETE CASCADE,
	reviewer_id        INTEGER NOT NULL REFERENCES actor(id),
	decision           TEXT NOT NULL CHECK (decision IN ('confirm',
	                   'dismiss', 'not-candidate', 'refer')),
	identity_confirmed INTEGER NOT NULL DEFAULT 0,
	reason_sealed      BLOB NOT NULL,
	created            TEXT NOT NULL
);

CREATE TABLE response (
	id           INTEGER PRIMARY KEY,
	finding_id   INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
	candidate_id INTEGER NOT NULL REFERENCES candidate(id)
	             ON DELETE CASCADE,
	text_sealed  BLOB NOT NULL,
	outcome      TEXT NOT NULL CHECK (outcome IN ('no-concern', 'resolved',
	             'referred')),
	recorded_by  INTEGER NOT NULL REFERENCES actor(id),
	created      TEXT NOT NULL
);
