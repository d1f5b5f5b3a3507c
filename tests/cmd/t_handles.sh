# handles: declared handles on any platform.  A site of the profile site
# list is a platform by its name, in any case; an unknown platform is
# refused with the nearest names; any profile's address is kept with
# --platform; 'handle platforms' lists the list's sites and the connector
# that reads each.  Then runs against the fake web server (loopback): the
# profile step of a site-list handle reads the profile page into triage;
# a private account is not public; discovery (policy) looks for the same
# username on the other sites, sensitive categories off unless allowed,
# and what it finds is never "confirmed".
. "$DS_TOP/tests/cmd/lib.sh"

unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*'
FW="$(dirname "$DS_BIN")/fakeweb"
FW_PID=''
trap 'kill $FW_PID 2>/dev/null' EXIT

q() { sqlite3 -cmd '.timeout 5000' duesearch.db "$1"; }
lines() { if [ -f "$1" ]; then wc -l < "$1" | tr -d ' '; else echo 0; fi; }

cat > sites.json <<'JSON'
{"sites": [
 {"name": "ShelfTalk", "uri_check": "http://shelf.example/readers/{account}",
  "e_code": 200, "e_string": "Reading shelf", "m_code": 404,
  "m_string": "", "cat": "hobby"},
 {"name": "RunLog", "uri_check": "http://runlog.example/athletes/{account}",
  "e_code": 200, "e_string": "athlete-stats", "m_code": 404,
  "m_string": "", "cat": "hobby"},
 {"name": "HeartMatch", "uri_check": "http://heart.example/m/{account}",
  "e_code": 200, "e_string": "member-profile", "m_code": 404,
  "m_string": "", "cat": "dating"},
 {"name": "Velvet", "uri_check": "http://velvet.example/{account}",
  "e_code": 200, "e_string": "creator-page", "m_code": 404,
  "m_string": "", "cat": "xx NSFW xx"},
 {"name": "BetHall", "uri_check": "http://bets.example/u/{account}",
  "e_code": 200, "e_string": "player-card", "m_code": 302,
  "m_string": "", "cat": "gaming"},
 {"name": "Notes", "uri_check": "http://notes.example/{account}",
  "e_code": 200, "e_string": "notebook", "m_code": 404, "m_string": "",
  "cat": "hobby"},
 {"name": "Locked", "uri_check": "http://locked.example/{account}",
  "e_code": 200, "e_string": "profile", "m_code": 404, "m_string": "",
  "cat": "social"},
 {"name": "PenPals", "uri_check": "http://pals.example/api/{account}.json",
  "uri_pretty": "http://pals.example/p/{account}",
  "e_code": 200, "e_string": "\"found\": true", "m_code": 404,
  "m_string": "", "cat": "social"}
]}
JSON
printf '[connector profiles]\nsite_list = %s/sites.json\n' "$PWD" \
	> duesearch.conf
setup_case

expect_ok "a site of the list is a platform, in any case" \
	handle add --candidate 1 --platform shelftalk --handle jo_reads
check "recorded under the site's own name" \
	test "$(q 'SELECT platform FROM handle')" = ShelfTalk
expect_ok "the site's profile address is read back into the account" \
	handle add --candidate 1 --platform RUNLOG \
	--url http://runlog.example/athletes/joruns/
expect_out "handle list shows both" "RunLog[[:space:]]+joruns" \
	handle list --candidate 1
expect_fail "an unknown platform names the closest sites" 65 \
	"unknown platform 'Runlogg': the closest are RunLog" \
	handle add --candidate 1 --platform Runlogg --handle jo
expect_fail "a site handle that would change a URL is refused" 65 \
	"bad ShelfTalk handle 'a/../b'" \
	handle add --candidate 1 --platform ShelfTalk --handle a/../b
expect_ok "any profile's address is accepted with --platform" \
	handle add --candidate 1 --platform ProConnect \
	--url http://pro.example/in/jo-b
expect_ok "a personal website by that name" \
	handle add --candidate 1 --platform "Personal website" \
	--url http://jo.example/
check "both kept as addresses" \
	test "$(q "SELECT count(*) FROM handle WHERE platform = 'url'")" = 2
expect_fail "a platform checked by hand needs the handle" 65 \
	"checked by hand: give the handle" \
	handle add --candidate 1 --platform instagram \
	--url https://www.instagram.com/jo
expect_ok "a built-in platform the list in use lacks, with its address" \
	handle add --candidate 1 --platform GitHub --handle jo-b \
	--url https://github.com/jo-b
check "is kept as that address, for the page connector" \
	test "$(q "SELECT count(*) FROM handle WHERE platform = 'url'")" = 3
expect_ok "fediverse is Mastodon" \
	handle add --candidate 1 --platform Fediverse --handle @jo@social.example
expect_fail "a handle needs its platform" 64 "--platform NAME" \
	handle add --candidate 1 --handle jo
expect_out "handle platforms lists the list's sites and their connector" \
	"ShelfTalk.*profiles.*hobby" handle platforms
expect_out "and the built-in ones with theirs" "^mastodon.*mastodon" \
	handle platforms
ds --json connectors list
check "connectors list says which platforms each reads" \
	eval 'tr -d " \n" < out.txt | grep -q "\"platforms\":\[\"x\",\"instagram\""'
check "and that profiles reads any site of the list" \
	grep -q '"any site of the profile site list"' out.txt
check "no handle is held in clear" \
	eval '! grep -aq -e jo_reads -e joruns duesearch.db'

# Without the configured list, its sites are unknown (the built-in list
# has none of them).
mv duesearch.conf other.conf
expect_fail "without the list the site is unknown" 65 \
	"unknown platform 'ShelfTalk'" \
	handle add --candidate 1 --platform ShelfTalk --handle jo2
expect_ok "a site of the built-in list needs no configuration" \
	handle add --candidate 1 --platform myspace --handle jo-b
check "recorded as the built-in list spells it" \
	test "$(q "SELECT count(*) FROM handle WHERE platform = 'MySpace'")" = 1
mv other.conf duesearch.conf

# ---- runs against the fake web -----------------------------------------------

if [ ! -x "$FW" ]; then
	RC=1 OUT='' ERR=''
	fail "fakeweb is built at $FW"
	finish
fi
# page HOST PATH TEXT: an HTML page.
page() {
	mkdir -p "root/$1$(dirname "$2")"
	printf '<html><head><title>%s</title></head><body>%s</body></html>\n' \
		"$1" "$3" > "root/$1$2"
}
# Candidate 1 (Jane Smith, Leeds): ShelfTalk jo_reads, RunLog joruns.
page shelf.example /readers/jo_reads \
	'<h1>Reading shelf</h1><p>Loved it. Sharing photos of pupils on the trip.</p>'
page runlog.example /athletes/joruns \
	'<div class="athlete-stats">jo</div><p>This account is private.</p>'
# jo_reads elsewhere: a betting account showing her town; a pen-pal
# account showing nothing of her; a dating profile (sensitive).
page bets.example /u/jo_reads \
	'<div class="player-card">jo_reads, Leeds</div><p>chasing losses again</p>'
mkdir -p root/bets.example/u
printf 'status: 302\nmode: redirect\nlocation: http://bets.example/\n' \
	> root/bets.example/u/joruns.meta
mkdir -p root/pals.example/api
printf '{"found": true}' > root/pals.example/api/jo_reads.json
page pals.example /p/jo_reads '<p>jo_reads: chasing losses on the slots</p>'
page heart.example /m/jo_reads '<div class="member-profile">jo</div>'
page velvet.example /jo_reads '<div class="creator-page">jo</div>'
# Her Notes profile shows its posts as links; a post's own page shows its
# author (one is hers, one someone else's); the about page is no post.
page notes.example /jo_reads '<div class="notebook">Recipes and walks.
<a href="/p/n1">1</a> <a href="/p/n2">2</a> <a href="/about">About</a>
<a href="/p/n3">3</a> <a href="/p/n4">4</a>
<a href="/threads/7/walks">Walks</a> <a href="/vod/9">Friday stream</a></div>'
page notes.example /p/n1 '<p>jo_reads: did lines of coke before the staff party</p>'
page notes.example /threads/7/walks '<p>jo_reads · 1 May</p><p>Round the reservoir again</p>'
page notes.example /p/n2 '<p>sam_k: did lines of coke before the staff party</p>'
# A post's page that links its author's profile without showing the
# username: hers by the link; one that links someone else's is not.
page notes.example /p/n3 '<p><a href="/jo_reads/">Jo R</a> &middot; 2am run</p>
<p>Left a little present scratched into the bonnet of her car</p>'
page notes.example /p/n4 '<p><a href="/@sam_k">Sam K</a> &middot; 3am run</p>
<p>Left a little present scratched into the bonnet of his car</p>'
page notes.example /about '<p>About Notes: lines of coke are not allowed</p>'
# A broadcast for subscribers only: a post's page, not public.
page notes.example /vod/9 '<p>Subscribers only</p>'
printf 'status: 403\n' > root/notes.example/vod/9.meta
mkdir -p root/locked.example
printf 'status: 403\n' > root/locked.example/jo_reads.meta

"$FW" --port 0 --root root --port-file port --log log.txt > fw.out \
	2> fw.err &
FW_PID=$!
n=0
while [ "$(lines port)" -lt 1 ] && [ $n -lt 200 ]; do
	sleep 0.05
	n=$((n + 1))
done
PORT=$(sed -n 1p port 2>/dev/null)
# conf [EXTRA-PROFILES-LINE]
conf() {
	cat > duesearch.conf <<CONF
[fetch]
allow = 127.0.0.1:$PORT
connect_to = ::127.0.0.1:$PORT
host_rate = 0
backoff_ms = 50
[plan]
step = profile auto {handle}
step = discovery profiles {handle}
[connector profiles]
site_list = $PWD/sites.json
${1:-}
CONF
}
conf
for h in $(q "SELECT id FROM handle WHERE id > 2"); do
	ds handle remove "$h"
done
ds handle add --candidate 1 --platform notes --handle jo_reads
check "three site-list handles left" test "$(q "SELECT group_concat(platform) \
	FROM (SELECT platform FROM handle ORDER BY id)")" = \
	"ShelfTalk,RunLog,Notes"

expect_ok "the run finishes" run --vacancy V1
R=$(q 'SELECT max(id) FROM run')
st() { q "SELECT $1 FROM step WHERE run_id = $R AND kind = '$2' AND \
	platform = '$3'"; }
check "the declared ShelfTalk profile was read: ok, one page" \
	test "$(st outcome profile ShelfTalk)/$(st results profile ShelfTalk)" = ok/1
check "its text reached triage: a finding about pupils, confirmed" \
	test "$(q "SELECT identity || ' ' || categories FROM finding \
		WHERE id = (SELECT min(id) FROM finding)")" = "confirmed children"
check "the page is kept as evidence with its hash" \
	test "$(q "SELECT count(*) FROM evidence e JOIN step s ON \
		s.id = e.step_id WHERE s.run_id = $R AND s.platform = \
		'ShelfTalk' AND s.kind = 'profile' AND length(e.sha256) = 64")" = 1
check "the private RunLog account is not public, nothing recorded" \
	test "$(st outcome profile RunLog)/$(st results profile RunLog)" = \
	not-public/0
check "discovery of jo_reads found the betting account as probable" \
	test "$(q "SELECT group_concat(identity || ' ' || categories) FROM \
		finding WHERE identity <> 'confirmed'")" = "probable substances"
check "no discovered account is ever confirmed (three declared findings)" \
	test "$(q "SELECT count(*) FROM finding WHERE identity = \
		'confirmed'")" = 3
check "the account showing nothing of her but the username is a count" \
	test "$(st not_candidate discovery ShelfTalk)" = 1
check "an account site checked by API had its profile page read" \
	grep -q 'GET pals.example /p/jo_reads' log.txt
check "a declared site is not checked again by its handle's discovery" \
	test "$(grep -c 'GET shelf.example /readers/jo_reads' log.txt)" = 1 \
	-a "$(grep -c 'GET runlog.example /athletes/joruns' log.txt)" = 1
check "her declared Notes account was read once, by its own profile step" \
	test "$(grep -c 'GET notes.example /jo_reads' log.txt)" = 1 -a \
	"$(st outcome profile Notes)/$(st results profile Notes)" = ok/4
check "the declared profile's posts were read, not its other links" \
	eval 'grep -q "GET notes.example /p/n1" log.txt &&
	      grep -q "GET notes.example /p/n2" log.txt &&
	      grep -q "GET notes.example /threads/7/walks" log.txt &&
	      grep -q "GET notes.example /vod/9" log.txt &&
	      ! grep -q "GET notes.example /about" log.txt'
check "her post (it shows her username) made a confirmed finding" \
	test "$(q "SELECT count(*) FROM finding WHERE identity = 'confirmed' \
		AND categories = 'substances'")" = 1
check "her post that links her profile made a confirmed finding" \
	test "$(q "SELECT count(*) FROM finding WHERE identity = 'confirmed' \
		AND categories = 'abuse'")" = 1
check "a post that links someone else's profile was read and left out" \
	grep -q "GET notes.example /p/n4" log.txt
check "the same username declared twice is looked for once" \
	eval 'test "$(st outcome discovery Notes)" = skipped &&
	      st detail discovery Notes | grep -q "same username"'
check "the dating site was not asked (sensitive, not allowed)" \
	eval '! grep -q heart.example log.txt'
check "the adult site was not asked (sensitive, not allowed)" \
	eval '! grep -q velvet.example log.txt'
check "an account discovered behind a log-in settles nothing away" \
	eval 'grep -q "GET locked.example /jo_reads" log.txt &&
	      ! st detail discovery ShelfTalk | grep -q "settled nothing"'
check "a redirect answering 'missing' is nothing, not inconclusive" \
	test "$(st outcome discovery RunLog)" = nothing-found

conf "allow_categories = Dating"
expect_ok "a second run with dating allowed by policy" run --vacancy V1
check "the dating site was asked this time" \
	grep -q 'GET heart.example /m/jo_reads' log.txt
check "the adult site still was not (only dating is allowed)" \
	eval '! grep -q velvet.example log.txt'

conf "allow_categories = adult"
expect_ok "a third run with adult sites allowed by policy" run --vacancy V1
check "'adult' allows the site list's 'xx NSFW xx' category" \
	grep -q 'GET velvet.example /jo_reads' log.txt

# discovery = yes adds step 7 to the default plan.
printf '[plan]\ndiscovery = yes\n' > duesearch.conf
expect_out "discovery = yes adds the discovery step" \
	"discovery +profiles +\{handle\}" plan show --vacancy V1
printf '[plan]\ndiscovery = maybe\n' > duesearch.conf
expect_fail "discovery takes yes or no" 78 "discovery must be yes or no" \
	plan show
conf
check "no handle ever went out in a step detail" \
	test "$(q "SELECT count(*) FROM step WHERE detail LIKE '%jo_reads%'")" = 0
expect_out "the audit trail verifies" "audit trail OK" audit verify
finish
