#!/bin/sh
# Check the build's dependencies; install the missing Debian packages when
# running as root, otherwise print the exact command and fail.
set -u
quiet=0
[ "${1:-}" = "--quiet" ] && quiet=1
need=""
check_pc() { pkg-config --exists "$1" 2>/dev/null || need="$need $2"; }
check_bin() { command -v "$1" >/dev/null 2>&1 || need="$need $2"; }
check_bin cc gcc
check_bin make make
check_bin pkg-config pkg-config
check_pc libcurl libcurl4-openssl-dev
check_pc gumbo libgumbo-dev
check_pc sqlite3 libsqlite3-dev
check_pc libcrypto libssl-dev
check_pc jansson libjansson-dev
check_pc inih libinih-dev
check_pc libseccomp libseccomp-dev
check_pc libmicrohttpd libmicrohttpd-dev
# libstemmer ships no pkg-config file: look for its header.
[ -f /usr/include/libstemmer.h ] || need="$need libstemmer-dev"
if [ "$quiet" = 0 ]; then
	check_bin valgrind valgrind
	check_bin sqlite3 sqlite3
	check_bin openssl openssl
	check_bin curl curl
	check_bin chromium chromium
	check_bin pdftotext poppler-utils
	# clang and its libFuzzer, for make check's fuzzing (tests/fuzz/).
	check_bin clang clang
	fuzzer=libclang_rt.fuzzer-$(uname -m).a
	if ! command -v clang >/dev/null 2>&1 ||
	   [ ! -f "$(clang -print-file-name="$fuzzer")" ]; then
		need="$need libclang-rt-dev"
	fi
fi
if [ "$quiet" = 0 ]; then
	check_bin node nodejs
	check_bin npm npm
fi
if [ -z "$need" ]; then
	# The browser tests' driver, from the npm registry (pinned by the lock).
	top=$(cd "$(dirname "$0")/.." && pwd)
	if [ "$quiet" = 0 ] && [ ! -d "$top/tests/web/node_modules/playwright-core" ]; then
		npm ci --prefix "$top/tests/web" --no-audit --no-fund >/dev/null 2>&1 ||
			echo "warning: 'npm ci --prefix tests/web' failed: the browser tests will fail" >&2
	fi
	exit 0
fi
cmd="apt-get update && apt-get install -y$need"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing:$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null \
		&& exec "$0" "$@"
	echo "error: could not install:$need: run '$cmd' by hand" >&2
	exit 1
fi
echo "error: missing packages:$need: run 'sudo sh -c \"$cmd\"'" >&2
exit 1
