# case: the happy path of one case, checked through --json: the candidate
# and their anchors, handles (normalised), notice with hashed evidence,
# consent and its withdrawal, the vacancy's panel and candidates, status
# changes; and the personal data never reaches the database file in clear.
. "$DS_TOP/tests/cmd/lib.sh"

# jv KEY: the values of "KEY": lines of the last --json output, one a
# line, without quotes.
jv() {
	sed -n -e "s/^ *\"$1\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" \
		-e "s/^ *\"$1\": \\([^\"][^,]*\\),\\{0,1\\}\$/\\1/p" out.txt
}

# Each KIND=VALUE pair of the anchors in the last 'candidate show --json'.
anchor_pairs() {
	awk '/"anchors": \[/ { on = 1 } on && /^  \]/ { on = 0 }
	     on && /"kind":/ { k = $2; gsub(/[",]/, "", k) }
	     on && /"value":/ { v = $0; sub(/^ *"value": "/, "", v);
				 sub(/",?$/, "", v); print k "=" v }' out.txt
}

# json_ok NAME KEY ID ARGS...: the write succeeds and --json says
# {"ok": true, KEY: ID}.
json_ok() {
	name=$1 key=$2 id=$3; shift 3
	ds --json "$@"
	if [ "$RC" = 0 ] && grep -q '^  "ok": true,$' out.txt &&
	   grep -q "^  \"$key\": $id\$" out.txt; then
		pass "$name"
	else
		fail "$name (wanted {\"ok\": true, \"$key\": $id})"
	fi
}

NAME="Jane Quimby-Smith"
KNOWN="Janey Quimby"
PREV="Jane Ashworth"
PLACE="Hebden Bridge"
WORK="Calder Valley Academy"

ds init --org "Test Trust" --lawful-basis public-task --scope-reason KCSIE
ds actor role admin --role admin,recruiter,dsl,dpo
json_ok "vacancy add --json gives its id" vacancy 1 vacancy add --ref V1 \
	--post "Class Teacher" --school "Oak Primary" --interview-date 2026-12-10
json_ok "candidate add --json gives its id" candidate 1 candidate add \
	--vacancy V1 --name "$NAME" --known-as "$KNOWN" --previous-name "$PREV" \
	--location "$PLACE" --employer "$WORK" --status shortlisted
ds --json candidate show 1
check "candidate show: every anchor, decrypted, with its kind" test \
	"$(anchor_pairs | tr '\n' '|')" = \
	"legal-name=$NAME|known-as=$KNOWN|previous-name=$PREV|location=$PLACE|employer=$WORK|"
check "candidate show: vacancy and status" \
	test "$(jv vacancy)/$(jv status)" = "V1/shortlisted"
json_ok "anchor add --json gives its id" anchor 6 anchor add --candidate 1 \
	--kind school --value "Oak Primary"

# Handles are normalised before they are stored.
json_ok "handle add (x, @JaneS)" handle 1 handle add --candidate 1 \
	--platform x --handle @JaneS
json_ok "handle add (url)" handle 2 handle add --candidate 1 \
	--url "HTTPS://Jane-Quimby.Example.ORG:443/Blog"
json_ok "handle add (mastodon)" handle 3 handle add --candidate 1 \
	--platform mastodon --handle @JaneQ@Mastodon.Social
ds --json handle list --candidate 1
check "handle list: platforms in order" \
	test "$(jv platform | tr '\n' ' ')" = "x url mastodon "
check "handle list: handles normalised" test "$(jv handle | tr '\n' '|')" = \
	"janes|https://jane-quimby.example.org/Blog|JaneQ@mastodon.social|"
expect_ok "handle remove" handle remove 3
ds --json handle list --candidate 1
check "handle list: the removed handle is gone" \
	test "$(jv id | tr '\n' ' ')" = "1 2 "
ds --json candidate show 1
check "candidate show: the handles, decrypted" \
	test "$(jv handle | tr '\n' '|')" = \
	"janes|https://jane-quimby.example.org/Blog|"

# A notice or consent dated ahead is refused and nothing is stored.
TOMORROW=$(TZ=Europe/London date -d tomorrow +%Y-%m-%d)
expect_fail "a notice dated in the future is refused" 65 \
	"notice date $TOMORROW is in the future" \
	notice add --candidate 1 --date "$TOMORROW" --channel email
check "the future notice stored nothing" \
	test "$(sqlite3 duesearch.db 'select count(*) from notice')" = 0
expect_fail "a consent dated in the future is refused" 65 \
	"consent date $TOMORROW is in the future" \
	consent add --candidate 1 --date "$TOMORROW"

# Notice with evidence: its SHA-256 and size are kept, not the file.
printf 'Dear Jane,\nwe may carry out online searches.\n' > notice.eml
SUM=$(sha256sum notice.eml | cut -d' ' -f1)
SIZE=$(wc -c < notice.eml | tr -d ' ')
json_ok "notice add with evidence" notice 1 notice add --candidate 1 \
	--date 2026-11-01 --channel email --evidence notice.eml
printf 'I consent.\n' > consent.pdf
json_ok "consent add with evidence" consent 1 consent add --candidate 1 \
	--date 2026-11-02 --scope online-search-and-handles \
	--evidence consent.pdf
ds --json candidate show 1
check "the notice's evidence SHA-256 matches sha256sum" \
	test "$(jv evidence_sha256 | head -n 1)" = "$SUM"
check "the notice's evidence size matches the file" \
	test "$(jv evidence_size | head -n 1)" = "$SIZE"
check "the consent's evidence SHA-256 matches sha256sum" \
	test "$(jv evidence_sha256 | sed -n 2p)" = \
	"$(sha256sum consent.pdf | cut -d' ' -f1)"
check "notice and consent dates, channel and scope" \
	test "$(jv given_on | tr '\n' ' ')$(jv channel)/$(jv scope)" = \
	"2026-11-01 2026-11-02 email/online-search-and-handles"
check "the consent is in force" test "$(jv withdrawn_on)" = "null"
check "the evidence's contents are not stored" \
	test "$(grep -c -a 'online searches' duesearch.db)" = 0

# Panel and gate.
expect_ok "vacancy declare" vacancy declare V1 --not-on-panel
expect_out "the gate allows the search" "the search may run" \
	gate check --candidate 1 --date 2026-11-20
ds --json vacancy show V1
check "vacancy show: the panel declaration" \
	test "$(jv actor)/$(grep -c '"on_panel": false' out.txt)" = "admin/1"
check "vacancy show: its candidate, by name and status" \
	test "$(jv name)/$(jv status)" = "$NAME/shortlisted"
check "vacancy show: the vacancy itself" \
	test "$(jv ref)/$(jv post)/$(jv interview_date)" = \
	"V1/Class Teacher/2026-12-10"

# Withdrawal and status.
json_ok "consent withdraw" candidate 1 consent withdraw --candidate 1 \
	--date 2026-11-05
ds --json candidate show 1
check "the consent shows its withdrawal date" \
	test "$(jv withdrawn_on)" = "2026-11-05"
ds gate check --candidate 1 --date 2026-11-20
check "the gate now refuses: consent withdrawn" \
	test "$RC" = 1 -a -n "$(grep -E '^consent-withdrawn +[^ ]' out.txt)"
json_ok "candidate status" candidate 1 candidate status 1 preferred
ds --json candidate list --vacancy V1
check "candidate list: the new status" \
	test "$(jv id)/$(jv name)/$(jv status)" = "1/$NAME/preferred"
ds --json vacancy list
check "vacancy list: one candidate" test "$(jv candidates)" = 1

# The personal data is sealed in the file; the tool shows it in clear.
ds candidate show 1
check "candidate show prints the name, known-as, location and handle" \
	test "$(grep -cE "$NAME|$KNOWN|$PLACE|janes" out.txt)" = 4
sqlite3 duesearch.db .dump > dump.sql
check "the .dump holds clear data (it can be searched)" \
	test "$(grep -c 'Oak Primary' dump.sql)" -ge 1
check "the database file holds clear data (it can be searched)" \
	test "$(grep -c -a 'Class Teacher' duesearch.db)" -ge 1
for v in "$NAME" "Quimby" "$KNOWN" "$PREV" "$PLACE" "$WORK" janes \
	jane-quimby; do
	check "not in the database file: $v" \
		test "$(grep -c -a -i -F "$v" duesearch.db)" = 0
	check "not in the .dump: $v" \
		test "$(grep -c -i -F "$v" dump.sql)" = 0
done
check "no write-ahead log is left holding data" test ! -s duesearch.db-wal
finish
