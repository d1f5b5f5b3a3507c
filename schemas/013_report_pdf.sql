-- 013: reports printed to PDF by the product itself are stored with
-- their hashes like the others, and actors get a display name
-- ("Priya Shah") that reports show with the role instead of the login.

CREATE TABLE report_new (
	id            INTEGER PRIMARY KEY,
	candidate_id  INTEGER REFERENCES candidate(id) ON DELETE CASCADE,
	vacancy_id    INTEGER REFERENCES vacancy(id),
	kind          TEXT NOT NULL CHECK (kind IN ('candidate', 'vacancy',
	              'scr')),
	format        TEXT NOT NULL CHECK (format IN ('html', 'md', 'json',
	              'csv', 'pdf')),
	content_sha256 TEXT NOT NULL,   -- of the report's canonical JSON
	file_sha256   TEXT NOT NULL,    -- of the file as written
	actor_id      INTEGER NOT NULL REFERENCES actor(id),
	created       TEXT NOT NULL
);
INSERT INTO report_new SELECT id, candidate_id, vacancy_id, kind, format,
	content_sha256, file_sha256, actor_id, created FROM report;
DROP TABLE report;
ALTER TABLE report_new RENAME TO report;

ALTER TABLE actor ADD COLUMN display_name TEXT
	CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 100);
