-- 020: schools inside the organisation (a trust), the school each vacancy
-- belongs to, and roles given for some schools only.
--
-- An existing case file becomes a trust with one school, made from the
-- organisation (implicit = 1): every vacancy belongs to it.  The first
-- 'school add' fills that school in rather than adding a second one.
CREATE TABLE school (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL,
	urn      TEXT UNIQUE,
	address  TEXT,
	implicit INTEGER NOT NULL DEFAULT 0 CHECK (implicit IN (0, 1)),
	created  TEXT NOT NULL
);

ALTER TABLE vacancy ADD COLUMN school_id INTEGER REFERENCES school(id);

-- A role held for some schools only.  An actor with no row for a role
-- holds it trust-wide.  The DPO and the admin are always trust-wide.
CREATE TABLE role_scope (
	actor_id  INTEGER NOT NULL REFERENCES actor(id),
	role      TEXT NOT NULL CHECK (role IN ('recruiter', 'dsl')),
	school_id INTEGER NOT NULL REFERENCES school(id),
	created   TEXT NOT NULL,
	PRIMARY KEY (actor_id, role, school_id)
);

INSERT INTO school (name, implicit, created)
	SELECT name, 1, created FROM org WHERE id = 1;
UPDATE vacancy SET school_id = (SELECT min(id) FROM school);
