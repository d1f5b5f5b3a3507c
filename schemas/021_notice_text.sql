-- 021: the notice texts drafted for vacancies (no personal data: the
-- candidate's names and handles are placeholders), and which text each
-- notice given was, by its SHA-256.
CREATE TABLE notice_text (
	sha256      TEXT PRIMARY KEY,
	vacancy_id  INTEGER NOT NULL REFERENCES vacancy(id),
	plan_sha256 TEXT NOT NULL,
	kinds       TEXT NOT NULL,      -- the kinds of step described: "web,news"
	format      TEXT NOT NULL CHECK (format IN ('md', 'html')),
	text        TEXT NOT NULL,
	created     TEXT NOT NULL
);

ALTER TABLE notice ADD COLUMN text_sha256 TEXT;
