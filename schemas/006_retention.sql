-- 006: legal holds, the appointee's archived record, opting out (C20).

-- A hold stops the purge of a candidate, or of every candidate of a
-- vacancy, until it is released.  The reason is the DPO's note: a claim
-- or case reference, never a candidate's personal data.
CREATE TABLE hold (
	id          INTEGER PRIMARY KEY,
	candidate_id INTEGER REFERENCES candidate(id),
	vacancy_id  INTEGER REFERENCES vacancy(id),
	reason      TEXT NOT NULL,
	placed_by   INTEGER NOT NULL REFERENCES actor(id),
	placed      TEXT NOT NULL,
	released_by INTEGER REFERENCES actor(id),
	released    TEXT,
	CHECK ((candidate_id IS NULL) != (vacancy_id IS NULL))
);

-- What the appointee keeps after the rest is purged: the single-central-
-- record line and the final report, sealed, until keep_until.
CREATE TABLE archive (
	candidate_id   INTEGER PRIMARY KEY REFERENCES candidate(id)
	               ON DELETE CASCADE,
	scr_sealed     BLOB NOT NULL,
	report_sealed  BLOB NOT NULL,
	report_sha256  TEXT NOT NULL,
	archived       TEXT NOT NULL,
	keep_until     TEXT NOT NULL
);

ALTER TABLE org ADD COLUMN opted_out TEXT;
ALTER TABLE org ADD COLUMN opt_out_reason TEXT;
