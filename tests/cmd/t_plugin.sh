# A connector loaded from a shared object: listed with its metadata, used
# by a plan, its requests made by the core's fetcher; a missing or wrong
# object is a clear configuration error.
. "$DS_TOP/tests/cmd/lib.sh"

build=$(dirname "$DS_BIN")
mkdir -p root/echo.example
cat > root/echo.example/echo.tmpl <<'JSON'
{"results": [{"url": "http://news.example/1", "title": "Jane Smith of Leeds", "snippet": "Jane Smith of Leeds was arrested and charged with assault"}]}
JSON
# The result's page: a snippet alone never makes a finding.
mkdir -p root/news.example
cat > root/news.example/1 <<'HTML'
<html><body><p>Jane Smith of Leeds was arrested and charged with assault.</p></body></html>
HTML
"$build/fakeweb" --port 0 --root root --port-file port --log log.txt > /dev/null 2>&1 &
fwpid=$!
trap 'kill $fwpid 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s port ] && break; sleep 0.05; done
port=$(head -n 1 port)
cat > duesearch.conf <<CONF
[connectors]
load = $build/plugins/echo.so
[connector echo]
base_url = http://echo.example
[fetch]
allow = 127.0.0.1:$port
connect_to = ::127.0.0.1:$port
host_rate = 0
[plan]
step = web echo "{name}" {location}
CONF

setup_case
expect_out "the loaded connector is listed with its provider" "^echo +the organisation's own echo service " connectors list
expect_out "and what it sends" "^echo .* the query terms " connectors list
expect_out "a plan uses it" "step 1 candidate 1 web echo: ok: 1 of 1 result pages read \(1 results\)" run --vacancy V1
check "its request went through the fetcher with the query terms" grep -q 'GET echo.example /echo?q=%22Jane%20Smith%22%20Leeds duesearch/' log.txt
check "its result's page was read" grep -q 'GET news.example /1 duesearch/' log.txt
check "its result was triaged into a finding" test "$(sqlite3 duesearch.db 'select count(*) from finding')" = 1

sed -i "s|load = .*|load = $PWD/missing.so|" duesearch.conf
expect_fail "a missing object is a configuration error" 78 "cannot load connector" connectors list
sed -i "s|load = .*|load = $build/plugins/echo-bad-abi.so|" duesearch.conf
expect_fail "a connector built for another interface is refused" 78 "built for interface 3, this duesearch has 2" connectors list
sed -i "s|load = .*|load = $build/fakeweb|" duesearch.conf
expect_fail "a file that is not a connector is refused" 78 "cannot load connector|not a duesearch connector" connectors list
finish
