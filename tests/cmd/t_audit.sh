# audit: every state change writes one event, the events hold no personal
# data, the triggers refuse UPDATE and DELETE, 'audit verify' finds each
# kind of tampering (done on a copy, with the triggers dropped) at the
# right row, and only a DPO or an admin may read or verify the trail.
. "$DS_TOP/tests/cmd/lib.sh"

rows() { sqlite3 duesearch.db 'SELECT count(*) FROM audit'; }
last_action() {
	sqlite3 duesearch.db \
		'SELECT action FROM audit ORDER BY seq DESC LIMIT 1'
}

# one_event NAME ACTION ARGS...: the command succeeds and adds exactly
# one audit row, whose action is ACTION.
one_event() {
	name=$1 action=$2; shift 2
	before=$(rows)
	ds "$@"
	after=$(rows)
	got=$(last_action)
	if [ "$RC" = 0 ] && [ "$after" = $((before + 1)) ] &&
	   [ "$got" = "$action" ]; then
		pass "$name"
	else
		fail "$name (wanted one '$action' event: rows $before -> $after, last '$got')"
	fi
}

# no_event NAME CODE ARGS...: the command fails with CODE, adds no row.
no_event() {
	name=$1 code=$2; shift 2
	before=$(rows)
	ds "$@"
	after=$(rows)
	if [ "$RC" = "$code" ] && [ "$after" = "$before" ]; then
		pass "$name"
	else
		fail "$name (wanted exit $code and no event: rows $before -> $after)"
	fi
}

# The values of one field of every row of the last --json list, a line
# each: json_field candidate_id.
json_field() {
	sed -n "s/^    \"$1\": \\(.*\\),\$/\\1/p" out.txt | tr -d '"'
}

# tamper SQL: x.db, a copy of the case file and its keys, with the
# triggers dropped and SQL run on it.
tamper() {
	rm -f x.db x.db-wal x.db-shm x.db.keys
	cp duesearch.db x.db && cp duesearch.db.keys x.db.keys &&
	sqlite3 x.db "DROP TRIGGER audit_no_update;
		DROP TRIGGER audit_no_delete; $1"
}

# broken NAME ROW PROBLEM ARGS...: 'audit verify ARGS' on x.db exits 1
# and reports the first bad row ROW with a problem matching PROBLEM.
broken() {
	name=$1 row=$2 pat=$3; shift 3
	ds --db x.db audit verify "$@"
	if [ "$RC" = 1 ] &&
	   grep -Eq "^audit trail BROKEN at row $row: .*$pat" out.txt; then
		pass "$name"
	else
		fail "$name (wanted exit 1 and BROKEN at row $row: $pat)"
	fi
}

# sql_refused NAME SQL: the sqlite3 CLI fails to run SQL on the case file
# with the trigger's message.
sql_refused() {
	sqlite3 duesearch.db "$2" > sql.out 2> sql.err
	RC=$?
	OUT=$(cat sql.out)
	ERR=$(cat sql.err)
	if [ "$RC" != 0 ] && grep -q 'append-only' sql.err; then
		pass "$1"
	else
		fail "$1 (wanted sqlite3 to fail with 'append-only')"
	fi
}

setup_case
expect_out "a fresh trail verifies" \
	"^audit trail OK: 7 rows, head 7:[0-9a-f]{64}$" audit verify
ds audit head
HEAD1=$OUT
check "audit head is SEQ:HASH" \
	test -n "$(echo "$HEAD1" | grep -Ex '7:[0-9a-f]{64}')"
ds --json audit show
check "audit show --json lists every row" \
	test "$(grep -c '^    "seq": ' out.txt)" = 7

# Each state change writes exactly one event; a failed one writes none.
one_event "vacancy add: one event" vacancy.add \
	vacancy add --ref V2 --post Caretaker --school "Elm High"
one_event "candidate add: one event" candidate.add \
	candidate add --vacancy V2 --name "Olive Quartermaine" \
	--known-as "Ollie Q" --location "Little Snoring" \
	--employer "Zephyr Academy" --status shortlisted
one_event "anchor add: one event" anchor.add \
	anchor add --candidate 2 --kind previous-name \
	--value "Olive Brackenbury"
one_event "handle add: one event" handle.add \
	handle add --candidate 2 --platform instagram --handle olive.quarter
one_event "handle add (second): one event" handle.add \
	handle add --candidate 2 --platform x --handle OliveQ
one_event "handle remove: one event" handle.remove handle remove 2
one_event "candidate status: one event" candidate.status \
	candidate status 2 preferred
one_event "notice add: one event" notice.add \
	notice add --candidate 2 --date 2026-11-01 --channel email
one_event "consent add: one event" consent.add \
	consent add --candidate 2 --date 2026-11-02
one_event "consent withdraw: one event" consent.withdraw \
	consent withdraw --candidate 2 --date 2026-11-03
one_event "vacancy declare: one event" vacancy.declare \
	vacancy declare V2 --on-panel
ds_no_password=1        # the add's own event only; the password next
one_event "actor add: one event" actor.add actor add rec --role recruiter
ds_no_password=
give_password actor add rec
one_event "actor role: one event" actor.role actor role rec --role recruiter,dsl
one_event "a recruiter's write: one event" vacancy.add \
	--as rec vacancy add --ref V3 --post Cook --school Ash
one_event "actor disable: one event" actor.disable actor disable rec
no_event "a failed write (duplicate) writes no event" 65 \
	vacancy add --ref V2 --post X --school Y
no_event "a refused write (role) writes no event" 77 \
	--as rec vacancy add --ref V4 --post X --school Y
ds --json audit show
check "audit show --json has one row per event" \
	test "$(grep -c '^    "seq": ' out.txt)" = "$(rows)"
expect_out "the head kept earlier still verifies as rows are added" \
	"^audit trail OK: $(rows) rows" audit verify --head "$HEAD1"

# Filters.
ds --json audit show --candidate 2
n=$(sqlite3 duesearch.db 'SELECT count(*) FROM audit WHERE candidate_id = 2')
check "audit show --candidate: that candidate's events only" \
	test "$RC" = 0 -a "$n" -ge 9 -a \
	"$(json_field candidate_id | grep -cx 2)" = "$n" -a \
	"$(json_field candidate_id | grep -cvx 2)" = 0
ds --json audit show --action candidate
n=$(sqlite3 duesearch.db \
	"SELECT count(*) FROM audit WHERE action LIKE 'candidate.%'")
check "audit show --action NOUN: that noun's actions only" \
	test "$RC" = 0 -a "$n" = 3 -a \
	"$(json_field action | grep -c '^candidate\.')" = 3 -a \
	"$(json_field action | grep -cv '^candidate\.')" = 0
ds --json audit show --action candidate.status
check "audit show --action ACTION: that action only" \
	test "$RC" = 0 -a "$(json_field action | tr '\n' ' ')" = \
	"candidate.status "
ds --json audit show --actor rec
check "audit show --actor: that person's events only" \
	test "$RC" = 0 -a "$(json_field action | tr '\n' ' ')" = "vacancy.add " \
	-a "$(json_field actor | tr '\n' ' ')" = "rec "
ds --json audit show --limit 2
n=$(rows)
check "audit show --limit 2: the last two events" \
	test "$RC" = 0 -a "$(json_field seq | tr '\n' ' ')" = \
	"$((n - 1)) $n "
expect_fail "audit show --actor of an unknown person" 66 \
	"unknown actor 'ghost': see 'duesearch actor list'" \
	audit show --actor ghost

# No personal data in the trail.
expect_out "candidate show holds the personal data" "Little Snoring" \
	candidate show 2
sqlite3 duesearch.db 'SELECT * FROM audit' > audit.txt
check "the audit dump is not empty" test "$(wc -l < audit.txt)" = "$(rows)"
PERSONAL='olive|quartermaine|ollie|snoring|zephyr|brackenbury|oliveq'
check "audit rows hold no name, location, employer or handle" \
	test "$(grep -ciE "$PERSONAL" audit.txt)" = 0
ds audit show
check "audit show prints no personal data" \
	test "$RC" = 0 -a "$(grep -ciE "$PERSONAL" out.txt)" = 0

# Only a DPO or an admin may read or verify the trail.
ds actor add rita --role recruiter,dsl
expect_fail "a recruiter may not verify the trail" 77 \
	"'rita' may not verify the audit trail: it needs the role dpo,admin" \
	--as rita audit verify
expect_fail "a recruiter may not read the trail" 77 \
	"may not read the audit trail" --as rita audit show
expect_fail "a recruiter may not read the head" 77 \
	"may not read the audit head" --as rita audit head
ds actor add dora --role dpo
expect_out "a DPO may verify the trail" "^audit trail OK" --as dora audit verify

# The triggers refuse UPDATE and DELETE.
snapshot
sql_refused "the trigger refuses UPDATE on audit" \
	"UPDATE audit SET detail = 'x' WHERE seq = 1"
sql_refused "the trigger refuses DELETE on audit" \
	"DELETE FROM audit WHERE seq = 1"
check "the refused statements changed nothing" unchanged

# Tampering, each on a fresh copy.
ds audit head
HEAD2=$OUT
N=$(rows)
check "the head names the last row" test "${HEAD2%%:*}" = "$N"

tamper "UPDATE audit SET detail = 'status=appointed anchors=1' WHERE seq = 4"
broken "an edited row is found" 4 "was changed after it was written"
ds --json --db x.db audit verify
check "an edited row: --json says not ok at row 4" \
	test "$RC" = 1 -a -n "$(grep '^  "ok": false,$' out.txt)" \
	-a -n "$(grep '^  "bad_seq": 4,$' out.txt)"
tamper "UPDATE audit SET role = 'dpo' WHERE seq = $N"
broken "an edited last row is found" "$N" "was changed"
tamper "DELETE FROM audit WHERE seq = 5"
broken "a deleted middle row is found" 5 "row 5 is missing"
tamper "CREATE TEMP TABLE t AS SELECT * FROM audit WHERE seq IN (3, 4);
	UPDATE audit SET (at, actor_id, role, action, object, object_id,
	vacancy_id, candidate_id, detail, prev, hash) = (SELECT at, actor_id,
	role, action, object, object_id, vacancy_id, candidate_id, detail,
	prev, hash FROM t WHERE t.seq = 7 - audit.seq) WHERE seq IN (3, 4)"
broken "reordered rows are found" 3 "does not link to the row before"
tamper "DELETE FROM audit WHERE seq > $((N - 2))"
expect_out "a truncated tail passes without the head (why it is kept)" \
	"^audit trail OK: $((N - 2)) rows" --db x.db audit verify
broken "a truncated tail is found with the head kept" "$N" \
	"ends at row $((N - 2)) .*cut from the end" --head "$HEAD2"
tamper "UPDATE audit SET seq = seq + 1000 WHERE seq >= 6;
	UPDATE audit SET seq = seq - 999 WHERE seq >= 1000;
	INSERT INTO audit SELECT 6, at, actor_id, role, 'candidate.status',
	'candidate', 1, vacancy_id, 1, 'status=appointed', hash, hash
	FROM audit WHERE seq = 5"
broken "a forged row inserted in the middle is found" 6 "was changed"
tamper "INSERT INTO audit SELECT seq + 1, at, actor_id, role,
	'consent.add', 'consent', 9, vacancy_id, 2, 'on=2026-01-01', hash,
	'$(printf '%064d' 0 | tr 0 a)' FROM audit WHERE seq = $N"
broken "a forged row appended at the end is found" $((N + 1)) "was changed"
tamper "DELETE FROM audit"
broken "an emptied trail is found" 1 "the trail is empty"
expect_fail "a malformed --head is refused" 65 "bad head 'xyz'" \
	audit verify --head xyz
expect_out "the real trail was never touched" "^audit trail OK: $N rows" \
	audit verify --head "$HEAD2"
finish
