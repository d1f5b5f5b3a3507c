#!/bin/sh
# Benchmark: check one handle on 1,000 sites whose answers take 200-300 ms
# (uniformly), at 50-way and 200-way concurrency, with the real binary
# (start-up and site-list loading included), against the floor
# sites x mean latency / concurrency.  Also measures the fake server's own
# capacity with no latency, to show it is not the bottleneck.
#   tests/bench/profiles_bench.sh [BUILD_DIR]
# Loopback only.  Prints a table; writes nothing outside a temp folder.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
ds=$build/duesearch
fw=$build/fakeweb
load=$build/fakeweb_load
sites=1000
lat_min=200
lat_max=300
work=$(mktemp -d)
trap 'kill $fwpid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

# A site list of 1,000 sites, each with the benchmark handle as known.
mkdir -p "$work/root"
{
	printf '{"sites": [\n'
	i=1
	while [ $i -le $sites ]; do
		n=$(printf '%04d' $i)
		printf '{"name": "site%s", "uri_check": "http://site%s.bench.example/u/{account}", "e_code": 200, "e_string": "profile-of", "m_code": 404, "m_string": "", "known": ["benchuser"], "cat": "social"}' "$n" "$n"
		[ $i -lt $sites ] && printf ',\n'
		i=$((i + 1))
	done
	printf '\n]}\n'
} > "$work/sites.json"
i=1
while [ $i -le $sites ]; do
	d="$work/root/site$(printf '%04d' $i).bench.example/u"
	mkdir -p "$d"
	echo "<html><body>profile-of benchuser</body></html>" > "$d/benchuser"
	i=$((i + 1))
done
mkdir -p "$work/root/load.example"
echo ok > "$work/root/load.example/index.html"

start_server() { # latency-arg...
	"$fw" --port 0 --root "$work/root" --port-file "$work/port" "$@" \
		> /dev/null 2> "$work/fakeweb.err" &
	fwpid=$!
	for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
	port=$(head -n 1 "$work/port")
}
stop_server() { kill $fwpid; wait $fwpid 2>/dev/null || true; rm -f "$work/port"; }

# The server's own capacity, no latency.
start_server
cap=$("$load" --port "$port" --host load.example --path / \
	--requests 20000 --connections 50 | sed -n 's/.* \([0-9.]*\) requests\/s.*/\1/p')
stop_server

start_server --latency-ms "$lat_min-$lat_max"
printf 'sites=%s latency=%s-%s ms; fake server capacity (no latency): %s requests/s\n' \
	$sites $lat_min $lat_max "$cap"
printf '%-11s %8s %8s %8s %10s %12s %10s %s\n' concurrency wall_s floor_s \
	ratio cpu_s cpu_ms/check peak_MB "asked_rate server_headroom"
for c in 50 200; do
	cat > "$work/c.conf" <<CONF
[fetch]
allow = 127.0.0.1:$port
connect_to = ::127.0.0.1:$port
max_total = $c
max_per_host = 4
host_rate = 0
CONF
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$ds" \
		--config "$work/c.conf" connectors self-test \
		--site-list "$work/sites.json" --quiet > "$work/out" 2>&1 || {
		cat "$work/out"; exit 1; }
	grep -q "$sites ok" "$work/out" || { cat "$work/out"; exit 1; }
	read -r wall user sys rss < "$work/time"
	awk -v c=$c -v s=$sites -v lo=$lat_min -v hi=$lat_max -v w="$wall" \
	    -v u="$user" -v y="$sys" -v m="$rss" -v cap="$cap" 'BEGIN {
		floor = s * (lo + hi) / 2 / 1000 / c;
		rate = c / ((lo + hi) / 2 / 1000);
		printf "%-11d %8.2f %8.2f %8.3f %10.2f %12.3f %10.1f %d/s %.0fx\n",
			c, w, floor, w / floor, u + y, (u + y) * 1000 / s,
			m / 1024, rate, cap / rate }'
done
