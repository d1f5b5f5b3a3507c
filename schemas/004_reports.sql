-- 004: generated reports (with their hashes) and the vacancy's decision
-- date, from which retention runs.

ALTER TABLE vacancy ADD COLUMN decided TEXT;

CREATE TABLE report (
	id            INTEGER PRIMARY KEY,
	candidate_id  INTEGER REFERENCES candidate(id) ON DELETE CASCADE,
	vacancy_id    INTEGER REFERENCES vacancy(id),
	kind          TEXT NOT NULL CHECK (kind IN ('candidate', 'vacancy',
	              'scr')),
	format        TEXT NOT NULL CHECK (format IN ('html', 'md', 'json',
	              'csv')),
	content_sha256 TEXT NOT NULL,   -- of the report's canonical JSON
	file_sha256   TEXT NOT NULL,    -- of the file as written
	actor_id      INTEGER NOT NULL REFERENCES actor(id),
	created       TEXT NOT NULL
);
