# conn_fediverse: the mastodon and bluesky connectors against the fake web
# server (tests/fakeweb.c) on loopback, with answers in the shapes of the
# real APIs (tests/fixtures/connectors).  Candidate 1 declares a Mastodon
# handle, candidate 2 a Bluesky one; the plan is "profile auto {handle}".
# Each run points the two connectors at the hosts of one case (base_url)
# and checks the step outcomes, the results and exactly what was
# requested: only the handle leaves, and only in the documented requests.
# The cases: found, missing, malformed, empty, not public, 429 then
# success, a redirect to a private address, an oversized body, a server
# that is not Mastodon, an instance answering with another account, and a
# deactivated or labelled Bluesky account.  With an openssl command, a
# last run uses the default endpoints (https://INSTANCE and
# https://public.api.bsky.app) over TLS.
. "$DS_TOP/tests/cmd/lib.sh"

unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*'
FW="$(dirname "$DS_BIN")/fakeweb"
FIX="$DS_TOP/tests/fixtures/connectors"
FW_PID=''
trap 'kill $FW_PID 2>/dev/null' EXIT

if [ ! -x "$FW" ]; then
	RC=1 OUT='' ERR=''
	fail "fakeweb is built at $FW"
	finish
fi

q() { sqlite3 -cmd '.timeout 5000' duesearch.db "$1"; }
lines() { if [ -f "$1" ]; then wc -l < "$1" | tr -d ' '; else echo 0; fi; }

# serve HOST PATH [FIXTURE] [META-LINE...]: answer GET PATH on HOST with
# the fixture (none: the meta's body or fakeweb's own) as JSON.
serve() {
	host=$1 path=$2 fix=${3:-}
	shift 2
	[ $# -gt 0 ] && shift
	mkdir -p "root/$host$(dirname "$path")"
	[ -n "$fix" ] && cp "$FIX/$fix" "root/$host$path"
	printf 'content-type: application/json\n' > "root/$host$path.meta"
	for l in "$@"; do
		printf '%s\n' "$l" >> "root/$host$path.meta"
	done
}

M_LOOKUP=/api/v1/accounts/lookup
M_POSTS=/api/v1/accounts/109876543210/statuses
B_PROFILE=/xrpc/app.bsky.actor.getProfile
B_FEED=/xrpc/app.bsky.feed.getAuthorFeed
FEED_Q='limit=30&filter=posts_no_replies'
ACCOUNT=mastodon-account.json
POSTS=mastodon-statuses.json
PROFILE=bluesky-profile.json
FEED=bluesky-feed.json

# Found: the account with five posts (two public, a reblog, a private
# one and one with a bad address); the profile with four feed items (two
# posts of hers, a repost, a post with a bad record key).  A hit is a
# result of the step (step.results); the core keeps as findings only
# those that touch the taxonomy.
serve m-ok.example $M_LOOKUP $ACCOUNT
serve m-ok.example $M_POSTS $POSTS
serve b-ok.example $B_PROFILE $PROFILE
serve b-ok.example $B_FEED $FEED
# Missing, in each service's own words.
serve m-404.example $M_LOOKUP '' 'status: 404' \
	'body: {"error":"Record not found"}'
serve b-404.example $B_PROFILE '' 'status: 400' \
	'body: {"error":"InvalidRequest","message":"Profile not found"}'
# Malformed: the account itself; for Bluesky the feed after a good profile.
serve m-bad.example $M_LOOKUP '' 'body: {"id": "109876543210", "user'
serve b-bad.example $B_PROFILE $PROFILE
serve b-bad.example $B_FEED '' 'body: {"feed": {"not": "a list"}}'
# Empty: no posts.
serve m-empty.example $M_LOOKUP $ACCOUNT
serve m-empty.example $M_POSTS '' 'body: []'
serve b-empty.example $B_PROFILE $PROFILE
serve b-empty.example $B_FEED '' 'body: {"feed": []}'
# Not public: 401 and 403.
serve m-401.example $M_LOOKUP $ACCOUNT 'status: 401' \
	'body: {"error":"This API requires an authenticated user"}'
serve b-403.example $B_PROFILE $PROFILE 'status: 403'
# 429 with Retry-After once, then the answer.
serve m-429.example $M_LOOKUP $ACCOUNT 'status: 429' 'count: 1' \
	'header: Retry-After: 1'
serve m-429.example $M_POSTS $POSTS
serve b-429.example $B_PROFILE $PROFILE 'status: 429' 'count: 1' \
	'header: Retry-After: 1'
serve b-429.example $B_FEED $FEED
# A redirect to a private address.
serve m-redir.example $M_LOOKUP '' 'mode: redirect' \
	'location: http://10.0.0.1/api/v1/accounts/lookup'
serve b-redir.example $B_PROFILE '' 'mode: redirect' \
	'location: http://10.0.0.1/xrpc/app.bsky.actor.getProfile'
# Oversized (the run sets max_body = 2048): Mastodon's posts, Bluesky's
# profile.
serve m-big.example $M_LOOKUP $ACCOUNT
serve m-big.example $M_POSTS '' 'mode: huge' 'size: 100000'
serve b-big.example $B_PROFILE '' 'mode: huge' 'size: 100000'
# A web server that is not Mastodon (no file: fakeweb's text 404); a
# deactivated Bluesky account.
mkdir -p root/m-web.example
serve b-gone.example $B_PROFILE '' 'status: 400' \
	"body: $(cat "$FIX/bluesky-deactivated.json")"
# An instance answering with another account; a Bluesky account that
# asks not to be shown to logged-out visitors.
mkdir -p root/m-other.example/api/v1/accounts
sed 's/"jsmith"/"jsmith2"/g' "$FIX/$ACCOUNT" > root/m-other.example$M_LOOKUP
printf 'content-type: application/json\n' > root/m-other.example$M_LOOKUP.meta
serve b-label.example $B_PROFILE bluesky-profile-labelled.json
serve b-label.example $B_FEED $FEED

HOSTS="m-ok m-404 m-bad m-empty m-401 m-429 m-redir m-big m-web m-other
	b-ok b-404 b-bad b-empty b-403 b-429 b-redir b-big b-gone b-label"

# TLS for the default endpoints, when there is an openssl command.
tls=""
if command -v openssl >/dev/null 2>&1 &&
   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
	-nodes -subj /CN=social.example -days 1 \
	-addext "subjectAltName=DNS:social.example,DNS:public.api.bsky.app" \
	-keyout key.pem -out cert.pem >/dev/null 2>&1; then
	tls="--tls-cert cert.pem --tls-key key.pem --tls-port 0"
	serve social.example $M_LOOKUP $ACCOUNT
	serve social.example $M_POSTS $POSTS
	serve public.api.bsky.app $B_PROFILE $PROFILE
	serve public.api.bsky.app $B_FEED $FEED
else
	skip "the default (TLS) endpoints" "no openssl command to make a certificate (apt-get install openssl)"
fi

"$FW" --port 0 --root root --port-file port --log log.txt $tls \
	> fw.out 2> fw.err &
FW_PID=$!
n=0
while [ "$(lines port)" -lt "$([ -n "$tls" ] && echo 2 || echo 1)" ] &&
      [ $n -lt 200 ]; do
	sleep 0.05
	n=$((n + 1))
done
PORT=$(sed -n 1p port 2>/dev/null)
TPORT=$(sed -n 2p port 2>/dev/null)
if [ -z "$PORT" ]; then
	RC=1 OUT=$(cat fw.out) ERR=$(cat fw.err)
	fail "fakeweb starts"
	finish
fi

# conf MASTODON-BASE BLUESKY-BASE [EXTRA-FETCH-LINE]: every case host sent
# to the fake server by name (so a redirect to 10.0.0.1 is not).
conf() {
	{
		echo "[fetch]"
		echo "allow = 127.0.0.1:$PORT"
		for h in $HOSTS; do
			echo "connect_to = $h.example:80:127.0.0.1:$PORT"
		done
		if [ -n "$TPORT" ]; then
			t=127.0.0.1:$TPORT
			echo "allow = $t"
			echo "connect_to = social.example:443:$t"
			echo "connect_to = public.api.bsky.app:443:$t"
			echo "ca_file = cert.pem"
		fi
		echo "host_rate = 0"
		echo "backoff_ms = 50"
		echo "max_retry_after_ms = 2000"
		echo "total_timeout_ms = $(slow_ms 5000)"
		[ -n "${3:-}" ] && echo "$3"
		echo "[plan]"
		echo "step = profile auto {handle}"
		echo "${PLAN_EXTRA:-}"
		echo "[connector mastodon]"
		[ -n "$1" ] && echo "base_url = $1"
		echo "[connector bluesky]"
		[ -n "$2" ] && echo "base_url = $2"
		echo "${BSKY_EXTRA:-}"
	} > duesearch.conf
}

# run_case NAME M-HOST B-HOST [EXTRA-FETCH-LINE]: a run of the plan with
# the connectors pointed at one case; R is the run, sent.txt its requests
# as "METHOD HOST TARGET".
run_case() {
	conf "${2:+http://$2.example}" "${3:+http://$3.example}" "${4:-}"
	before=$(lines log.txt)
	expect_ok "$1: the run finishes" --json run --vacancy V1
	R=$(q 'SELECT max(id) FROM run')
	tail -n +$((before + 1)) log.txt | cut -d' ' -f1-3 | sort > sent.txt
}
# The outcome, detail and results (hits recorded) of connector $1's step
# in run R.
outcome() {
	q "SELECT outcome FROM step WHERE run_id = $R AND connector = '$1'"
}
detail() {
	q "SELECT detail FROM step WHERE run_id = $R AND connector = '$1'"
}
hits() {
	q "SELECT results FROM step WHERE run_id = $R AND connector = '$1'"
}
# sent_exactly NAME LINE...: the run's requests were exactly these.
sent_exactly() {
	name=$1
	shift
	printf '%s\n' "$@" | sort > want.txt
	check "$name" cmp -s want.txt sent.txt
	cmp -s want.txt sent.txt || diff want.txt sent.txt | sed 's/^/    /'
}

# One handle per candidate: src/run.c's exec_load drops the target of a
# candidate's second profile step (rc still 1 from ds_db_step), so one
# candidate with both handles would test that bug, not these connectors.
conf "" ""
setup_case
ds candidate add --vacancy V1 --name "Jane Smith" --location York \
	--status shortlisted
ds notice add --candidate 2 --date 2026-11-01 --channel email
ds consent add --candidate 2 --date 2026-11-02
ds handle add --candidate 1 --platform mastodon \
	--handle @jsmith@social.example
ds handle add --candidate 2 --platform bluesky --handle jane.bsky.social

# ---- handles that would break a URL never get in -----------------------------

expect_fail "a Mastodon handle with & / ? is refused" 65 "handle" handle add \
	--candidate 1 --platform mastodon --handle 'j&smith@social.example/x?y'
expect_fail "a Bluesky handle with # / .. is refused" 65 "handle" handle add \
	--candidate 2 --platform bluesky --handle 'jane#.bsky.social/../x'
check "only the two good handles were recorded" \
	test "$(q 'SELECT count(*) FROM handle')" = 2

# ---- found -------------------------------------------------------------------

run_case found m-ok b-ok
check "found: the plan made one mastodon and one bluesky step" \
	test "$(q "SELECT group_concat(connector, ',') FROM (SELECT connector \
		FROM step WHERE run_id = $R ORDER BY connector)")" = \
	"bluesky,mastodon"
check "found: mastodon ok" test "$(outcome mastodon)" = ok
check "found: the account and its two public posts (no reblog, no \
private post, no bad address)" test "$(hits mastodon)" = 3
check "found: bluesky ok" test "$(outcome bluesky)" = ok
check "found: the profile and her two posts (no repost, no bad key)" \
	test "$(hits bluesky)" = 3
# One post of each touches the taxonomy ("photos of pupils", split by
# tags and line breaks): the text reached triage whole, with its date.
check "found: the post about pupils is a finding, dated, for each" \
	test "$(q "SELECT group_concat(candidate_id || ' ' || \
		IFNULL(published, '-') || ' ' || categories, ', ') FROM \
		(SELECT * FROM finding ORDER BY candidate_id)")" = \
	"1 2024-04-20 children, 2 2024-04-01 children"
sent_exactly "found: exactly the documented requests, with only the handle" \
	"GET m-ok.example $M_LOOKUP?acct=jsmith" \
	"GET m-ok.example $M_POSTS?limit=20&exclude_reblogs=true" \
	"GET b-ok.example $B_PROFILE?actor=jane.bsky.social" \
	"GET b-ok.example $B_FEED?actor=jane.bsky.social&$FEED_Q"
check "found: every request identified duesearch" \
	test "$(tail -n 4 log.txt | grep -c ' duesearch/')" = 4
# The newest finding of candidate 2 (her Bluesky post) into out.txt.
last_bsky() {
	ds --json findings show \
		"$(q 'SELECT max(id) FROM finding WHERE candidate_id = 2')"
}
last_bsky
check "found: the post's link is on the configured AppView's host" \
	grep -q '"http://b-ok.example/profile/jane.bsky.social/post/' out.txt
check "found: no link points at bsky.app when base_url is elsewhere" \
	eval '! grep -q "bsky\.app" out.txt'
ds --json run show "$R"
check "run show: both steps ok, three results each" \
	test "$(grep -c '"outcome": "ok"' out.txt)" = 2 -a \
	"$(grep -c '"results": 3' out.txt)" = 2

BSKY_EXTRA="web_url = https://web.example/" run_case "web_url" "" b-ok
last_bsky
check "web_url: links go to the configured web front" \
	grep -q '"https://web.example/profile/jane.bsky.social/post/' out.txt
BSKY_EXTRA="web_url = ftp://web.example/" run_case "bad web_url" "" b-ok
check "web_url: an address that is not http(s) skips the step, saying why" \
	eval 'test "$(outcome bluesky)" = skipped &&
	      detail bluesky | grep -q "web_url must be"'

# ---- missing -----------------------------------------------------------------

run_case missing m-404 b-404
check "missing: mastodon's 404 with its JSON error is nothing" \
	test "$(outcome mastodon)" = nothing-found
check "missing: bluesky's 'Profile not found' is nothing" \
	test "$(outcome bluesky)" = nothing-found
check "missing: no hits" test "$(hits mastodon)$(hits bluesky)" = 00
sent_exactly "missing: one request each, nothing more asked" \
	"GET m-404.example $M_LOOKUP?acct=jsmith" \
	"GET b-404.example $B_PROFILE?actor=jane.bsky.social"

# ---- malformed ---------------------------------------------------------------

run_case malformed m-bad b-bad
check "malformed: a malformed account is inconclusive, never nothing" \
	test "$(outcome mastodon)" = inconclusive
check "malformed: with a detail saying so" \
	eval 'detail mastodon | grep -q malformed'
check "malformed: a malformed feed after a good profile is inconclusive" \
	test "$(outcome bluesky)" = inconclusive
check "malformed: the profile found is kept, the detail says the posts \
are missing" test "$(hits bluesky)" = 1 -a \
	"$(detail bluesky | grep -c 'posts could not be read')" = 1
check "malformed: no posts asked for an account that did not parse" \
	test "$(grep -c statuses sent.txt)" = 0

# ---- empty -------------------------------------------------------------------

run_case empty m-empty b-empty
check "empty: accounts without posts are ok, one hit each" \
	test "$(outcome mastodon)/$(hits mastodon)" = ok/1 -a \
	"$(outcome bluesky)/$(hits bluesky)" = ok/1
check "empty: the details say there are no posts" \
	eval 'detail mastodon | grep -q "no public posts" &&
	      detail bluesky | grep -q "no posts"'

# ---- not public --------------------------------------------------------------

run_case "not public" m-401 b-403
check "not public: 401 from the instance" \
	test "$(outcome mastodon)" = not-public
check "not public: 403 from the AppView" test "$(outcome bluesky)" = not-public
check "not public: nothing recorded, nothing more asked" \
	test "$(hits mastodon)$(hits bluesky)$(lines sent.txt)" = 002

# ---- 429 with Retry-After, then the answer -----------------------------------

PLAN_EXTRA="max_results = 2
max_posts = 1"
run_case "rate limited" m-429 b-429 "max_retries = 2"
PLAN_EXTRA=""
check "429: mastodon ok after the wait" test "$(outcome mastodon)" = ok
check "429: bluesky ok after the wait" test "$(outcome bluesky)" = ok
check "429: each lookup was sent twice, the rest once" \
	test "$(grep -c "$M_LOOKUP" sent.txt)" = 2 -a \
	"$(grep -c "$B_PROFILE" sent.txt)" = 2 -a "$(lines sent.txt)" = 6
check "429: max_posts = 1 keeps the profile and one post each" \
	test "$(hits mastodon)/$(hits bluesky)" = 2/2
# A declared account's posts are read up to max_posts, whatever
# max_results keeps of a search.
PLAN_EXTRA="max_results = 2"
run_case "posts past max_results" m-ok b-ok
PLAN_EXTRA=""
check "max_results = 2: a declared account's posts are all read" \
	test "$(hits mastodon)/$(hits bluesky)" = 3/3

# ---- a redirect to a private address -----------------------------------------

run_case redirect m-redir b-redir
check "redirect: refused, so mastodon is inconclusive" \
	test "$(outcome mastodon)" = inconclusive
check "redirect: refused, so bluesky is inconclusive" \
	test "$(outcome bluesky)" = inconclusive
check "redirect: the detail names the refusal" \
	eval 'detail mastodon | grep -q "refused to connect to 10.0.0.1"'
check "redirect: only the first hop reached the server" \
	test "$(lines sent.txt)" = 2

# ---- oversized ---------------------------------------------------------------

run_case oversized m-big b-big "max_body = 2048"
check "oversized: mastodon's posts too large: inconclusive, account kept" \
	test "$(outcome mastodon)/$(hits mastodon)" = inconclusive/1
check "oversized: the detail says why" \
	eval 'detail mastodon | grep -q "larger than the 2048-byte limit"'
check "oversized: bluesky's profile too large: inconclusive, no hit" \
	test "$(outcome bluesky)/$(hits bluesky)" = inconclusive/0

# ---- not Mastodon; deactivated -----------------------------------------------

run_case "not mastodon" m-web b-gone
check "a plain 404 page is inconclusive, not 'no such account'" \
	test "$(outcome mastodon)" = inconclusive
check "with advice to check by hand" \
	eval 'detail mastodon | grep -q "check by hand"'
check "a deactivated Bluesky account is not public" \
	test "$(outcome bluesky)" = not-public
check "with a detail saying so" \
	eval 'detail bluesky | grep -q deactivated'

# ---- another account; an account that asks not to be shown -------------------

run_case "other account" m-other b-label
check "an instance answering with another account: inconclusive, no hit" \
	test "$(outcome mastodon)/$(hits mastodon)" = inconclusive/0
check "with a detail saying so" \
	eval 'detail mastodon | grep -q "a different account"'
check "a !no-unauthenticated account is not public, nothing recorded" \
	test "$(outcome bluesky)/$(hits bluesky)" = not-public/0
check "and its posts were not asked for" \
	test "$(grep -c "$B_FEED" sent.txt)" = 0

# ---- the default endpoints, over TLS -----------------------------------------

if [ -n "$TPORT" ]; then
	run_case "default endpoints" "" ""
	check "default: mastodon asked the instance of the handle, over TLS" \
		test "$(outcome mastodon)/$(hits mastodon)" = ok/3
	check "default: bluesky asked the public AppView, over TLS" \
		test "$(outcome bluesky)/$(hits bluesky)" = ok/3
	last_bsky
	check "default: links go to bsky.app, the default AppView's web" \
		grep -q '"https://bsky.app/profile/jane.bsky.social/post/' \
		out.txt
	sent_exactly "default: exactly the documented requests" \
		"GET social.example $M_LOOKUP?acct=jsmith" \
		"GET social.example $M_POSTS?limit=20&exclude_reblogs=true" \
		"GET public.api.bsky.app $B_PROFILE?actor=jane.bsky.social" \
		"GET public.api.bsky.app $B_FEED?actor=jane.bsky.social&$FEED_Q"
fi

# ---- nothing else left -------------------------------------------------------

check "no request ever carried the candidate's name" \
	test "$(grep -c -i -e jane%20 -e smith%20 -e 'jane smith' log.txt)" = 0
check "no step detail holds the handle in clear" \
	test "$(q "SELECT count(*) FROM step WHERE detail LIKE '%jsmith%' \
		OR detail LIKE '%jane.bsky%'")" = 0
check "the database does not hold the handles in clear" \
	eval '! grep -aq -e jsmith -e jane.bsky duesearch.db'
expect_out "the audit trail verifies" "audit trail OK" audit verify
finish
