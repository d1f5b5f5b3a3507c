# handles: declared handles on any platform.  A site of the profile site
# list is a platform by its name, in any case; an unknown platform is
# refused with the nearest names; any profile's address is kept with
# --platform; 'handle platforms' lists the list's sites and the connector
# that reads each.
. "$DS_TOP/tests/cmd/lib.sh"

q() { sqlite3 -cmd '.timeout 5000' duesearch.db "$1"; }

cat > sites.json <<'JSON'
{"sites": [
 {"name": "ShelfTalk", "uri_check": "http://shelf.example/readers/{account}",
  "e_code": 200, "e_string": "Reading shelf", "m_code": 404,
  "m_string": "No reader", "cat": "hobby"},
 {"name": "RunLog", "uri_check": "http://runlog.example/athletes/{account}",
  "e_code": 200, "e_string": "athlete-stats", "m_code": 404,
  "m_string": "", "cat": "hobby"},
 {"name": "HeartMatch", "uri_check": "http://heart.example/m/{account}",
  "e_code": 200, "e_string": "member-profile", "m_code": 404,
  "m_string": "", "cat": "dating"}
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
expect_ok "fediverse is Mastodon" \
	handle add --candidate 1 --platform Fediverse --handle @jo@social.example
expect_fail "a handle needs its platform" 64 "--platform NAME" \
	handle add --candidate 1 --handle jo
expect_out "handle platforms lists the list's sites and their connector" \
	"ShelfTalk.*profiles.*hobby" handle platforms
expect_out "and the built-in ones with theirs" "^mastodon.*mastodon" \
	handle platforms
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
expect_out "the audit trail verifies" "audit trail OK" audit verify
finish
