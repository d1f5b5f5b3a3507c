# Retention: what is due, dry run, legal holds, the purge (rows, keys,
# WAL and free pages; an older copy of the database stays unreadable),
# the appointee's archive, opting out, and the consent audit.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
trap 'kill $FW_PID 2>/dev/null' EXIT
mkdir -p root/search.example root/news.example
cat > root/search.example/search.tmpl <<'JSON'
{"results":[{"url":"http://news.example/jane","title":"Leeds teacher Jane Smith in court","content":"Jane Smith of Leeds","engine":"fake"}]}
JSON
cat > root/news.example/jane <<'HTML'
<html><head><title>Leeds teacher in court</title></head><body><p>Jane Smith, a teacher in Leeds, was charged with assault after a fight in Zanzibar Road.</p></body></html>
HTML
fakeweb_start
fakeweb_conf 'web searxng "{name}"'
cat >> duesearch.conf <<CONF
[retention]
months = 6
appointee_months = 12
CONF

hex() { od -An -v -tx1 "$@" 2>/dev/null | tr -d ' \n'; }

setup_case                                   # candidate 1: Jane Smith
ds handle add --candidate 1 --platform github --handle quasimodo-teach
ds candidate add --vacancy V1 --name "Peter Appointee" --status shortlisted
ds notice add --candidate 2 --date 2026-11-01 --channel email
ds consent add --candidate 2 --date 2026-11-02
ds run --vacancy V1
check "the search made a finding" test "$(sqlite3 duesearch.db 'select count(*) from finding where candidate_id = 1')" = 1
ds candidate status 1 unsuccessful
ds candidate status 2 appointed

ds actor add rex --role recruiter
expect_fail "only the DPO sees retention" 77 "may not" --as rex retention due
expect_fail "only the DPO purges" 77 "may not" --as rex retention purge
ds actor add dora --role dpo
expect_out "no decision yet: nothing due" "no-decision" --as dora retention due
check "each candidate due is named" grep -Eq '^2 +Peter Appointee +V1 ' out.txt

# Issue 16, defect 3: the decision date is bounded; a change is the DPO's,
# with a reason, and audited with both dates.
today=$(date -u +%F)
snapshot
expect_fail "a decision date in the future is refused" 65 "is in the future" \
	--as rex vacancy decide V1 --date "$(date -u -d '+1 day' +%F)"
expect_fail "a decision in 2999 is refused" 65 "is in the future" \
	--as rex vacancy decide V1 --date 2999-01-01
expect_fail "a decision before the searches and notices is refused" 65 \
	"before the vacancy's notices and searches \(the latest on $today\)" \
	--as rex vacancy decide V1 --date 1990-01-01
check "refused decisions changed nothing" unchanged
expect_ok "today's decision is recorded" --as rex vacancy decide V1 \
	--date "$today"

# The decision was 13 months ago: both candidates are past 6 months, the
# appointee not yet past 12 once archived.
decided=$(date -u -d '-7 months' +%F)
set_decided V1 "$decided"
expect_out "the unsuccessful candidate is due for purge" "^1 .* purge +due" --as dora retention due
expect_out "the appointee is due for archiving" "^2 .* archive +due" --as dora retention due

snapshot
expect_out "a dry run says what it would do" "^1 +V1 +would purge +anchors [0-9]" --as dora retention purge --dry-run
check "a dry run changes nothing" unchanged

# A legal hold keeps candidate 1.
expect_ok "a hold on candidate 1" --as dora hold add --candidate 1 --reason "ET claim 2026/0042"
expect_out "a held candidate is on hold" "^1 .* on-hold" --as dora retention due
expect_out "hold list names the held candidate by id" \
	"^[0-9]+ +1 +Jane Smith +- +dora " --as dora hold list
expect_out "a dry run says the held candidate is kept" "^1 +V1 +kept \(legal hold\) +-$" --as dora retention purge --dry-run
check "not 'would held'" sh -c '! grep -q "would held" out.txt'

# Before the purge: keep the bytes that must disappear, and a backup.
blob=$(sqlite3 duesearch.db "select hex(value_sealed) from anchor where candidate_id = 1 and kind = 'legal-name'" | tr 'A-F' 'a-f')
excerpt=$(sqlite3 duesearch.db "select hex(excerpt_sealed) from finding where candidate_id = 1" | tr 'A-F' 'a-f')
key=$(sqlite3 duesearch.db.keys "select hex(key) from dek where candidate_id = 1" | tr 'A-F' 'a-f')
check "the sealed name is in the file before" sh -c "test -n '$blob' && (cat duesearch.db duesearch.db-wal 2>/dev/null | od -An -v -tx1 | tr -d ' \n' | grep -q '$blob')"
cp duesearch.db backup.db
cp duesearch.db.keys backup.db.keys

expect_out "purge: the held candidate is kept" "^1 +V1 +kept \(legal hold\) +-$" --as dora retention purge
check "the held candidate is still there" test "$(sqlite3 duesearch.db 'select count(*) from candidate where id = 1')" = 1
check "the appointee is archived" test "$(sqlite3 duesearch.db 'select count(*) from archive where candidate_id = 2')" = 1
check "the appointee keeps no steps" test "$(sqlite3 duesearch.db 'select count(*) from step where candidate_id = 2')" = 0
expect_out "the archive keeps the SCR line" "Peter Appointee" --as dora retention archive --candidate 2 -o arch.html
check "the archive keeps the final report" grep -q "Online search record" arch.html

hold=$(sqlite3 duesearch.db "select id from hold where candidate_id = 1")
expect_ok "release the hold" --as dora hold release "$hold"
expect_out "purge after release" "^1 +V1 +purged +anchors [0-9]" --as dora retention purge
check "the candidate's rows are gone" test "$(sqlite3 duesearch.db 'select (select count(*) from candidate where id = 1) + (select count(*) from anchor where candidate_id = 1) + (select count(*) from finding where candidate_id = 1) + (select count(*) from step where candidate_id = 1)')" = 0
check "the data key is gone from the key file" sh -c "! (od -An -v -tx1 duesearch.db.keys | tr -d ' \n' | grep -q '$key')"
check "no sealed name in the database, its WAL or free pages" sh -c "! (cat duesearch.db duesearch.db-wal 2>/dev/null | od -An -v -tx1 | tr -d ' \n' | grep -q '$blob')"
check "no sealed excerpt left either" sh -c "! (cat duesearch.db duesearch.db-wal 2>/dev/null | od -An -v -tx1 | tr -d ' \n' | grep -q '$excerpt')"
check "no handle or name in clear anywhere" sh -c '! cat duesearch.db duesearch.db-wal duesearch.db.keys 2>/dev/null | grep -aq -e quasimodo -e "Jane Smith" -e Zanzibar'
check "the audit keeps a purge event with counts only" sh -c "sqlite3 duesearch.db \"select detail from audit where action = 'candidate.purge'\" | grep -q '^anchors=2 handles=1 notices=1 consents=1 steps=1 evidence=1 findings=1'"
expect_out "the audit trail still verifies" "audit trail OK" --as dora audit verify

# The copy made before the purge, with today's key file: unreadable.
expect_fail "a pre-purge backup cannot show the candidate" 78 "no data key for candidate 1" --db backup.db --keys duesearch.db.keys candidate show 1
expect_out "in a listing the purged name reads unreadable" "\(unreadable\)" --db backup.db --keys duesearch.db.keys candidate list
check "the backup's own key file was not touched by the purge" sh -c "od -An -v -tx1 backup.db.keys | tr -d ' \n' | grep -q '$key'"

# The appointee's archive goes when its own period ends.
set_decided V1 "$(date -u -d '-13 months' +%F)"
expect_out "the archive is due for purge" "^2 .* purge +due" --as dora retention due
expect_out "purge the archive" "^2 +V1 +purged +" --as dora retention purge
check "nothing of the appointee remains" test "$(sqlite3 duesearch.db 'select count(*) from candidate')" = 0

# Opting out (C20).
setup_two() {
	ds vacancy add --ref V2 --post Teacher --school "Ash Primary"
	ds candidate add --vacancy V2 --name "Kim Later" --status shortlisted
	ds notice add --candidate 3 --date 2026-11-01 --channel email
	ds consent add --candidate 3 --date 2026-11-02
	ds vacancy declare V2 --not-on-panel
}
setup_two
expect_fail "opting out needs a reason" 64 "--reason" --as dora org opt-out
expect_ok "the DPO records that the organisation does not search" --as dora org opt-out --reason "Board decision 2026-11: searches are disproportionate for our posts"
ds gate check --candidate 3
check "the gate refuses while opted out" sh -c 'test "$0" = 1 && grep -q organisation-opted-out out.txt' "$RC"
expect_out "org show says why" "Board decision" org show
expect_ok "opt back in" --as dora org opt-in
expect_ok "the gate allows again" gate check --candidate 3

# The consent audit.
ds run --vacancy V2
ds consent withdraw --candidate 3 --date 2026-11-20
expect_out "the consent audit lists the search with its notice and consent" "^  3 +[a-z]+ +[0-9]+ [A-Z][a-z]+ 20[0-9]+ [0-9:]+ (GMT|BST) +2026-11-01 +[^ ]+ +2026-11-02 +2026-11-20 +yes " --as dora consent report
expect_out "and finds no problem" "^problems: +0$" --as dora consent report
sqlite3 duesearch.db "update consent set given_on = '2026-12-31' where candidate_id = 3"
ds --as dora consent report
check "a search before consent is flagged (exit 1)" sh -c 'test "$0" = 1 && grep -q "  searched without consent" out.txt' "$RC"

# A hold placed while the purge runs keeps that candidate, and the others'
# purge and the key sweep go on.  The race is made certain with a trigger:
# when the purge clears candidate A's released hold, a new one appears.
ds vacancy add --ref V9 --post Teacher --school "Elm Primary"
ds candidate add --vacancy V9 --name "Amy Racer" --status unsuccessful
A=$(sqlite3 duesearch.db "select max(id) from candidate")
ds candidate add --vacancy V9 --name "Ben Later" --status unsuccessful
B=$(sqlite3 duesearch.db "select max(id) from candidate")
set_decided V9 "$(date -u -d '-7 months' +%F)"
ds --as dora hold add --candidate "$A" --reason "Query, since settled"
ds --as dora hold release "$(sqlite3 duesearch.db "select max(id) from hold")"
sqlite3 duesearch.db "CREATE TRIGGER hold_race AFTER DELETE ON hold \
	WHEN OLD.candidate_id = $A BEGIN INSERT INTO hold (candidate_id, \
	reason, placed_by, placed) VALUES ($A, 'race', 1, \
	'2026-01-01T00:00:00Z'); END"
expect_out "a hold placed during the purge: that candidate is kept" \
	"^$A +V9 +kept \(legal hold\) +-$" --as dora retention purge
check "and the next candidate is purged all the same" \
	grep -Eq "^$B +V9 +purged " out.txt
check "the held candidate's rows and key are still there" test \
	"$(sqlite3 duesearch.db "select count(*) from candidate where id = $A")/$(sqlite3 duesearch.db.keys "select count(*) from dek where candidate_id = $A")" = 1/1
check "the purged candidate's key is gone" test \
	"$(sqlite3 duesearch.db.keys "select count(*) from dek where candidate_id = $B")" = 0
sqlite3 duesearch.db "DROP TRIGGER hold_race"
ds vacancy add --ref V7 --post Cook --school "Elm Primary"
ds candidate add --vacancy V7 --name "Carl Cook" --status unsuccessful
C7=$(sqlite3 duesearch.db "select max(id) from candidate")
ds notice add --candidate "$C7" --date "$(date -u -d '-3 months' +%F)" \
	--channel email
first=$(date -u -d '-2 months' +%F)
later=$(date -u -d '-1 months' +%F)
expect_ok "the recruiter records the first decision" \
	--as rex vacancy decide V7 --date "$first"
expect_ok "the same date again changes nothing" \
	--as rex vacancy decide V7 --date "$first"
snapshot
expect_fail "the recruiter may not change it" 77 "the DPO changes it" \
	--as rex vacancy decide V7 --date "$later"
expect_fail "the DPO needs a reason to change it" 64 "needs --reason" \
	--as dora vacancy decide V7 --date "$later"
check "refused changes changed nothing" unchanged
expect_ok "the DPO changes it with a reason" --as dora vacancy decide V7 \
	--date "$later" --reason "Panel minutes corrected, ref DPO-7"
check "the change is audited with the old and the new date, as the DPO" \
	test "$(sqlite3 duesearch.db "select role || ' ' || detail from audit \
		where action = 'vacancy.decide' order by seq desc limit 1")" = \
	"dpo decided=$later previous=$first change=$(sqlite3 duesearch.db \
		'select max(id) from decision')"
check "the decision history keeps the reason" test "$(sqlite3 duesearch.db \
	"select decided || ' ' || previous || ' ' || reason from decision \
	 order by id desc limit 1")" = \
	"$later $first Panel minutes corrected, ref DPO-7"
expect_ok "the audit trail verifies" --as dora audit verify
finish
