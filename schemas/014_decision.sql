-- 014: the vacancy's decision date, with its history (issue 16).
--
-- Retention runs from vacancy.decided.  The first decision is the
-- recruiter's; each later change is the DPO's, with a reason (the DPO's
-- note: a case reference, never a candidate's personal data), and is kept
-- here with the date it replaced, besides its audit row.
CREATE TABLE decision (
	id          INTEGER PRIMARY KEY,
	vacancy_id  INTEGER NOT NULL REFERENCES vacancy(id),
	decided     TEXT NOT NULL,
	previous    TEXT,
	reason      TEXT,
	actor_id    INTEGER NOT NULL REFERENCES actor(id),
	created     TEXT NOT NULL
);
