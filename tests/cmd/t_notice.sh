# The notice for the application pack (issue 17): drafted from the
# vacancy's plan and the organisation's settings in Markdown and HTML,
# recorded by its hash when sent; a plan changed after the notice shows in
# the consent report as a step the notice did not describe.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
trap 'kill $FW_PID 2>/dev/null' EXIT
mkdir -p root/search.example
cat > root/search.example/search.tmpl <<'JSON'
{"results":[]}
JSON
fakeweb_start
fakeweb_conf 'web searxng "{name}"'
cat >> duesearch.conf <<CONF
[retention]
months = 6
[organisation]
dpo_contact = Dee Protection, dpo@trust.example, 0113 496 0000
CONF
sha() { sha256sum "$1" | cut -d' ' -f1; }

setup_case                                   # candidate 1: Jane Smith
expect_ok "a notice is drafted for the vacancy" notice draft --vacancy V1
cp out.txt notice.md
for want in "online" "does not sit on the interview panel" \
	"web search \(through searxng\)" "\[your name\]" \
	"never log in" "private messages" "religion or belief" \
	"public task" "ask for your consent" "put to you at interview" \
	"6 months" "Information Commissioner" "dpo@trust.example"; do
	check "the notice says: $want" grep -Eq -- "$want" notice.md
done
check "no legal padding: no 'hereinafter' or 'notwithstanding'" \
	sh -c '! grep -Eiq "hereinafter|notwithstanding|pursuant" notice.md'
check "it does not describe a step the plan has not" \
	sh -c '! grep -q "news sites" notice.md'
check "no candidate's name is in it" sh -c '! grep -q "Jane" notice.md'
check "its hash is printed" grep -q "sha256 $(sha notice.md)" err.txt
check "the draft is kept with the kinds it describes" test \
	"$(sqlite3 duesearch.db "select kinds from notice_text where
	   sha256 = '$(sha notice.md)'")" = web
expect_ok "the same notice as HTML" notice draft --vacancy V1 \
	--format html --output notice.html
check "HTML is HTML" grep -q "<h2>What we search</h2>" notice.html
expect_fail "a bad format is refused" 64 "md or html" notice draft \
	--vacancy V1 --format pdf
expect_fail "a bad hash is refused" 65 "64 hex" notice add --candidate 1 \
	--date 2026-11-01 --channel email --text-hash abc
expect_ok "the notice sent is recorded by its hash" notice add \
	--candidate 1 --date 2026-11-01 --channel email \
	--text-hash "$(sha notice.md)"
check "the hash is stored with the notice" test "$(sqlite3 duesearch.db \
	"select count(*) from notice where text_sha256 = '$(sha notice.md)'")" = 1
check "and audited" test "$(sqlite3 duesearch.db "select count(*) from
	audit where action = 'notice.add' and detail like
	'%text=$(sha notice.md)%'")" = 1
ds candidate add --vacancy V1 --name "Omar Khan" --status shortlisted
expect_ok "a notice recorded by its text file" notice add --candidate 2 \
	--date 2026-11-01 --channel email --text notice.md
ds consent add --candidate 2 --date 2026-11-02
ds run --candidate 1
ds actor add dora --role dpo
ds --as dora consent report
check "the search the notice described is not flagged" \
	sh -c '! grep -q "did not describe" out.txt'
# The plan changes after the notices were given: a news step is added.
printf '[plan]\nstep = web searxng "{name}"\nstep = news searxng "{name}"\n' \
	> plan2.ini
ds plan set --vacancy V1 --file plan2.ini --reason "news added"
ds run --candidate 2
check "candidate 2's search ran the news step" test "$(sqlite3 \
	duesearch.db "select count(*) from step where candidate_id = 2 and
	kind = 'news' and status = 'done'")" = 1
ds --as dora consent report
check "the consent report finds a problem (exit 1)" test "$RC" = 1
ds --as dora --json consent report
check "it flags candidate 2's notice, which did not describe news" \
	sh -c "grep -q 'did not describe a step that was run (news)' out.txt"
check "and not candidate 1's" test "$(grep -c 'did not describe' \
	out.txt)" = 1
expect_ok "a new notice for the new plan" notice draft --vacancy V1
check "describes the news step" grep -q "news sites" out.txt

# The web page: the same text, with its hash to record.
echo "correct horse battery" > pw.txt
ds actor passwd admin < pw.txt
"$DS_BIN" serve --listen 127.0.0.1:0 --port-file web.port 2> serve.err &
webpid=$!
trap 'kill $FW_PID $webpid 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 200); do [ -s web.port ] && break; sleep 0.05; done
base="http://127.0.0.1:$(cat web.port)"
curl -s -c jar -o /dev/null -d 'name=admin&password=correct+horse+battery' \
	"$base/login"
ds notice draft --vacancy V1 --format html
h=$(sha out.txt)
check "the notice page answers" test "$(curl -s -o page.html -w \
	'%{http_code}' -b jar "$base/notice?vacancy=V1")" = 200
check "with the text" grep -q "<h2>What we do not search</h2>" page.html
check "and the hash of the same text as the CLI's" grep -q "$h" page.html
check "the vacancy's page links to it" sh -c "curl -s -b jar \
	'$base/vacancy?ref=V1' | grep -q '/notice?vacancy=V1'"
kill $webpid 2>/dev/null
finish
