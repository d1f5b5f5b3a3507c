# The web interface: log-in, sessions, CSRF, roles and escaping checked
# with curl, then a browser walk-through in headless Chromium
# (tests/web/e2e.mjs) that logs in as each role, walks a candidate from
# case to report, reviews findings and takes screenshots.
. "$DS_TOP/tests/cmd/lib.sh"

build=$(dirname "$DS_BIN")
cp -r "$DS_TOP/tests/fixtures/demo" root
# A hostile page about the candidate: its text carries markup.
cat > root/leeds-courier.example/2026/hostile <<'HTML'
<html><head><title>Jane Example &lt;img src=x onerror=window.__pwned=1&gt;</title></head>
<body><p>Jane Example, a teacher at Elmwood Primary School in Leeds, punched a man. &lt;img src=x onerror="window.__pwned=1"&gt; &lt;script&gt;window.__pwned=1&lt;/script&gt;</p></body></html>
HTML
sed -i 's|"results": \[|"results": [\n {"url": "http://leeds-courier.example/2026/hostile", "title": "Jane Example in Leeds", "content": "Jane Example of Leeds", "engine": "demo"},|' root/search.example/search.tmpl

"$build/fakeweb" --port 0 --root root --port-file fw.port > /dev/null 2>&1 &
fwpid=$!
trap 'kill $fwpid $webpid 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s fw.port ] && break; sleep 0.05; done
port=$(head -n 1 fw.port)
cat > duesearch.conf <<CONF
[fetch]
allow = 127.0.0.1:$port
connect_to = ::127.0.0.1:$port
host_rate = 0
[connector searxng]
base_url = http://search.example
[connector mastodon]
base_url = http://social.example.org
[plan]
step = web searxng "{name}"
step = profile auto {handle}
[web]
idle_minutes = 30
CONF

export DUESEARCH_ACTOR=amira
ds init --org "Oakfield Academy Trust" --lawful-basis public-task --scope-reason "KCSIE"
ds actor role amira --role admin,recruiter
ds actor add dev --role dsl
ds actor add priya --role dpo
ds vacancy add --ref OAK-2026-07 --post "Class teacher" --school "Oakfield Primary"
ds candidate add --vacancy OAK-2026-07 --name "Jane Example" --location Leeds --employer "Elmwood Primary School" --status shortlisted
ds candidate add --vacancy OAK-2026-07 --name "Sam Placeholder" --location Bradford --status shortlisted
ds handle add --candidate 2 --platform instagram --handle sam.placeholder
for c in 1 2; do
	ds notice add --candidate $c --date 2026-11-14 --channel email
	ds consent add --candidate $c --date 2026-11-15
done
ds vacancy declare OAK-2026-07 --not-on-panel

expect_fail "a short password is refused" 65 "12 to 256" actor passwd amira < /dev/null
for who in amira dev priya; do
	echo "correct horse battery" > pw.txt
	ds actor passwd $who < pw.txt
done
check "passwords are stored as scrypt hashes, not in clear" sh -c 'test "$(sqlite3 duesearch.db "select count(*) from actor where pw_hash like '"'"'scrypt\$32768\$8\$1\$%'"'"'")" = 3 && ! grep -aq "correct horse" duesearch.db'
expect_fail "a recruiter may not set another's password" 77 "may not" --as dev actor passwd amira

$DS_VG "$DS_BIN" serve --listen 127.0.0.1:0 --port-file web.port 2> serve.err &
webpid=$!
for _ in $(seq 200); do [ -s web.port ] && break; sleep 0.05; done
base="http://127.0.0.1:$(cat web.port)"
check "the server listens on loopback" test -s web.port

expect_fail "serving beyond loopback without TLS is refused" 64 "without TLS" serve --listen 0.0.0.0:0

code() { curl -s -o body.html -w '%{http_code}' "$@"; }
check "pages need a log-in" test "$(code "$base/")" = 303
check "a wrong password is refused" test "$(code -d 'name=amira&password=wrong+password+x' "$base/login")" = 401
check "a log-in sets an HttpOnly SameSite=Strict cookie" sh -c "curl -s -i -c jar -d 'name=amira&password=correct+horse+battery' '$base/login' | grep -i '^set-cookie: ds_session=' | grep -q 'HttpOnly; SameSite=Strict'"
check "the session opens the pages" test "$(code -b jar "$base/")" = 200
check "pages forbid script (CSP)" sh -c "curl -s -i -b jar '$base/' | grep -i '^content-security-policy:' | grep -q \"default-src 'none'\""
check "a post without the CSRF token is refused" test "$(code -b jar -d 'ref=X1&post=p&school=s' "$base/vacancy/add")" = 403
check "nothing was added by it" test "$(sqlite3 duesearch.db "select count(*) from vacancy where ref = 'X1'")" = 0
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' body.html | head -n 1)
curl -s -b jar -o /dev/null "$base/"
csrf=$(curl -s -b jar "$base/" | sed -n 's/.*name="csrf" value="\([0-9a-f]\{64\}\)".*/\1/p' | head -n 1)
check "a post with the token works" test "$(code -b jar -d "csrf=$csrf&ref=X2&post=p&school=s" "$base/vacancy/add")" = 303
check "and is audited as from the CLI" test "$(sqlite3 duesearch.db "select count(*) from audit a join actor r on r.id = a.actor_id where a.action = 'vacancy.add' and r.name = 'amira'")" = 2
check "a DSL page is refused to the recruiter" test "$(code -b jar "$base/review")" = 403
check "a candidate's page by its id" sh -c "test \"\$(curl -s -o c1.html -w '%{http_code}' -b jar '$base/candidate?id=1')\" = 200 && grep -q 'Jane Example' c1.html"
for bad in 1x 01x -1 "" 99999999999999999999 " 1"; do
	check "an id '$bad' is not read as a number's prefix" sh -c "test \"\$(curl -s -o cx.html -w '%{http_code}' -b jar -G --data-urlencode 'id=$bad' '$base/candidate')\" != 200 && ! grep -q 'Jane Example' cx.html"
done
check "a rebound DNS name is refused (Host check)" test "$(code -H "Host: evil.example:$(cat web.port)" "$base/login")" = 400
check "a cross-site form post is refused (Origin check)" test "$(code -b jar -H 'Origin: http://evil.example' -d "csrf=$csrf&ref=X3&post=p&school=s" "$base/vacancy/add")" = 400
check "a post without a session writes nothing and goes to log-in" test "$(code -F csrf=x -F step=1 -F file=@duesearch.conf "$base/evidence")" = 303
# The application's claims: the form on the candidate's page, add, refuse, remove.
claims() { sqlite3 duesearch.db "select count(*) from claim where candidate_id = 1"; }
check "the candidate's page has the claim form" sh -c "curl -s -b jar '$base/candidate?id=1' | grep -q 'action=\"/claim\"'"
check "a claim is added on the web" test "$(code -b jar -d "csrf=$csrf&candidate=1&kind=employment&organisation=Elmwood+Primary+School&role=Teacher&from=2020-09&to=current&location=&title=&institution=&year=&text=" "$base/claim")" = 303
check "the claim shows on the candidate's page" sh -c "curl -s -b jar '$base/candidate?id=1' | grep -q 'employment: Elmwood Primary School, Teacher, from 2020-09, to current'"
code -b jar -d "csrf=$csrf&candidate=1&kind=qualification&title=&year=19" "$base/claim" > /dev/null
check "a bad claim on the web adds nothing" test "$(claims)" = 1
check "the claim is sealed in the file" sh -c '! grep -aq "Teacher\",\"to" duesearch.db'
check "a claim is removed on the web" test "$(code -b jar -d "csrf=$csrf&candidate=1&claim=1" "$base/claim/remove")" = 303
check "and is gone" test "$(claims)" = 0
# A handle on the case form: any site of the profile site list, or an address.
check "a handle on a site of the list is added on the web, by its name in any case" test "$(code -b jar -d "csrf=$csrf&candidate=1&platform=myspace&handle=jo_web" "$base/case")" = 303
check "recorded as the list spells it" test "$(sqlite3 duesearch.db "select count(*) from handle where candidate_id = 1 and platform = 'MySpace'")" = 1
check "an address with any platform name is kept as an address" test "$(code -b jar -d "csrf=$csrf&candidate=1&platform=ProConnect&handle=http://pro.example/in/jo-web" "$base/case")" = 303
check "as a url" test "$(sqlite3 duesearch.db "select count(*) from handle where candidate_id = 1 and platform = 'url'")" = 1
code -b jar -d "csrf=$csrf&candidate=1&platform=Nosuchsite&handle=jo" "$base/case" > /dev/null
check "an unknown platform adds nothing" test "$(sqlite3 duesearch.db "select count(*) from handle where candidate_id = 1")" = 2
for i in 1 2 3 4 5; do curl -s -o /dev/null -d 'name=dev&password=bad+guess+number' "$base/login"; done
check "log-in attempts are rate-limited" test "$(code -d 'name=dev&password=correct+horse+battery' "$base/login")" = 429
# 300 scrypt checks: too slow under valgrind, which looks at memory only.
if [ -z "$DS_VG" ]; then
	i=0
	while [ $i -lt 300 ]; do
		printf 'name=junk%d&password=x\n' $i
		i=$((i + 1))
	done | while read -r form; do curl -s -o /dev/null -d "$form" "$base/login"; done
	check "a flood of other names does not lift the lock" test "$(code -d 'name=dev&password=correct+horse+battery' "$base/login")" = 429
fi

if command -v node > /dev/null && [ -d "$DS_TOP/tests/web/node_modules/playwright-core" ] && command -v chromium > /dev/null; then
	# A fresh server: the rate limit above must not lock the DSL out.
	kill $webpid; wait $webpid 2>/dev/null
	rm -f web.port
	$DS_VG "$DS_BIN" serve --listen 127.0.0.1:0 --port-file web.port 2> serve.err &
	webpid=$!
	for _ in $(seq 200); do [ -s web.port ] && break; sleep 0.05; done
	mkdir -p shots
	BASE="http://127.0.0.1:$(cat web.port)" OUT=shots \
		node "$DS_TOP/tests/web/e2e.mjs" > e2e.txt 2>&1
	cat e2e.txt
	T_PASSED=$((T_PASSED + $(grep -c '^ok - ' e2e.txt)))
	T_FAILED=$((T_FAILED + $(grep -c '^not ok - ' e2e.txt)))
	check "the browser took its screenshots" test -s shots/05-review.png -a -s shots/06-report.png
	check "every web action is in the audit trail" sh -c 'test "$(sqlite3 duesearch.db "select count(*) from audit where action in ('"'"'finding.review'"'"', '"'"'finding.response'"'"', '"'"'candidate.close'"'"', '"'"'web.login'"'"', '"'"'web.logout'"'"')")" -ge 6'
	expect_out "the trail still verifies" "audit trail OK" --as priya audit verify
else
	echo "# node, playwright-core or chromium missing: the browser walk-through needs them (npm ci --prefix tests/web)"
	T_FAILED=$((T_FAILED + 1))
fi
# One SIGTERM stops the server while requests are in flight (a signal
# landing on one of libmicrohttpd's threads once left it waiting for ever).
base="http://127.0.0.1:$(cat web.port)"
curls=""
for _ in 1 2 3 4 5 6 7 8; do
	curl -s -o /dev/null -m 30 -d 'name=amira&password=wrong+password+x' \
		"$base/login" &
	curls="$curls $!"
done
kill -TERM $webpid 2>/dev/null
i=0
while kill -0 $webpid 2>/dev/null && [ $i -lt 900 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "one SIGTERM stops the server, requests in flight" \
	sh -c "! kill -0 $webpid 2>/dev/null"
kill -KILL $webpid 2>/dev/null
wait $webpid 2>/dev/null
# shellcheck disable=SC2086
wait $curls 2>/dev/null
check "the server stops cleanly" sh -c '! grep -qi "error\|leak" serve.err'
finish
