-- 001: the case file, actors, the consent gate's records and the audit trail.
-- Columns named *_sealed hold personal data sealed with the candidate's data
-- key (AES-256-GCM, see src/crypto.h); *_mac columns are keyed blind indexes
-- under the same key, for duplicate checks.  Neither means anything once the
-- candidate's key is destroyed by a purge.

CREATE TABLE org (
	id               INTEGER PRIMARY KEY CHECK (id = 1),
	uuid             TEXT NOT NULL,
	name             TEXT NOT NULL,
	lawful_basis     TEXT NOT NULL
	                 CHECK (lawful_basis IN ('public-task', 'legitimate-interests')),
	scope            TEXT NOT NULL CHECK (scope IN ('shortlisted', 'preferred')),
	scope_reason     TEXT NOT NULL,
	consent_required INTEGER NOT NULL CHECK (consent_required IN (0, 1)),
	key_check        TEXT NOT NULL,
	created          TEXT NOT NULL
);

CREATE TABLE actor (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL UNIQUE,
	roles    INTEGER NOT NULL CHECK (roles >= 0 AND roles < 16),
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created  TEXT NOT NULL
);

CREATE TABLE vacancy (
	id             INTEGER PRIMARY KEY,
	ref            TEXT NOT NULL UNIQUE,
	post           TEXT NOT NULL,
	school         TEXT NOT NULL,
	interview_date TEXT,
	created        TEXT NOT NULL
);

-- A searcher's declaration, per vacancy, that they are (not) on its panel.
CREATE TABLE panel (
	vacancy_id INTEGER NOT NULL REFERENCES vacancy(id),
	actor_id   INTEGER NOT NULL REFERENCES actor(id),
	on_panel   INTEGER NOT NULL CHECK (on_panel IN (0, 1)),
	declared   TEXT NOT NULL,
	PRIMARY KEY (vacancy_id, actor_id)
);

-- AUTOINCREMENT: a purged candidate's id is never given to another.
CREATE TABLE candidate (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	vacancy_id INTEGER NOT NULL REFERENCES vacancy(id),
	status     TEXT NOT NULL CHECK (status IN ('applied', 'shortlisted',
	           'preferred', 'withdrawn', 'appointed', 'unsuccessful')),
	created    TEXT NOT NULL,
	updated    TEXT NOT NULL
);
CREATE INDEX candidate_vacancy ON candidate(vacancy_id);

CREATE TABLE anchor (
	id           INTEGER PRIMARY KEY,
	candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('legal-name', 'known-as',
	             'previous-name', 'location', 'employer', 'school')),
	value_sealed BLOB NOT NULL,
	value_mac    BLOB NOT NULL,
	created      TEXT NOT NULL,
	UNIQUE (candidate_id, kind, value_mac)
);

CREATE TABLE handle (
	id            INTEGER PRIMARY KEY,
	candidate_id  INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
	platform      TEXT NOT NULL,
	handle_sealed BLOB NOT NULL,
	handle_mac    BLOB NOT NULL,
	created       TEXT NOT NULL,
	UNIQUE (candidate_id, platform, handle_mac)
);

CREATE TABLE notice (
	id              INTEGER PRIMARY KEY,
	candidate_id    INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
	given_on        TEXT NOT NULL,
	channel         TEXT NOT NULL CHECK (channel IN ('email', 'letter',
	                'application-form', 'portal', 'in-person')),
	evidence_sha256 TEXT,
	evidence_size   INTEGER,
	created         TEXT NOT NULL
);

CREATE TABLE consent (
	id              INTEGER PRIMARY KEY,
	candidate_id    INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
	given_on        TEXT NOT NULL,
	scope           TEXT NOT NULL CHECK (scope IN ('online-search',
	                'online-search-and-handles')),
	evidence_sha256 TEXT,
	evidence_size   INTEGER,
	withdrawn_on    TEXT,
	withdrawn_at    TEXT,
	created         TEXT NOT NULL
);

-- The audit trail: no personal data (ids, codes, hashes), append-only, and
-- chained: hash = HMAC-SHA-256(audit key, prev || the row's fields).
CREATE TABLE audit (
	seq          INTEGER PRIMARY KEY,
	at           TEXT NOT NULL,
	actor_id     INTEGER,
	role         TEXT NOT NULL,
	action       TEXT NOT NULL,
	object       TEXT NOT NULL,
	object_id    INTEGER,
	vacancy_id   INTEGER,
	candidate_id INTEGER,
	detail       TEXT NOT NULL,
	prev         TEXT NOT NULL,
	hash         TEXT NOT NULL
);
CREATE INDEX audit_candidate ON audit(candidate_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
