#!/bin/sh
# Check what the build or the tests need; install the missing Debian
# packages when running as root, otherwise print the exact command and
# fail.
#   tests/deps.sh build   the compiler and the libraries: what `make` and
#                         `make demo` need, nothing more
#   tests/deps.sh test    that, and every tool the tests call (valgrind,
#                         clang's libFuzzer, Chromium, poppler, node, ss,
#                         /usr/bin/time, ...), and the browser driver
#                         from the npm registry (pinned by its lock file)
# The package names are Debian 12's.  Each check is "what is looked for"
# and "the package that brings it".
set -u
mode=${1:-test}
case "$mode" in
build|test) ;;
--quiet) mode=build ;;
*) echo "deps.sh: say 'build' or 'test', not '$mode'" >&2; exit 64 ;;
esac
need=""
add() { case " $need " in *" $1 "*) ;; *) need="$need $1" ;; esac; }
check_pc() { pkg-config --exists "$1" 2>/dev/null || add "$2"; }
check_bin() { command -v "$1" >/dev/null 2>&1 || add "$2"; }
check_file() { [ -e "$1" ] || add "$2"; }

# The build: a C compiler, make, pkg-config and the libraries (the
# library list is the one GNUmakefile's PKGS names).
check_bin cc gcc
check_bin make make
check_bin pkg-config pkg-config
check_file /usr/include/stdio.h libc6-dev
if command -v pkg-config >/dev/null 2>&1; then
	check_pc libcurl libcurl4-openssl-dev
	check_pc gumbo libgumbo-dev
	check_pc sqlite3 libsqlite3-dev
	check_pc libcrypto libssl-dev
	check_pc libssl libssl-dev
	check_pc jansson libjansson-dev
	check_pc inih libinih-dev
	check_pc libseccomp libseccomp-dev
	check_pc libmicrohttpd libmicrohttpd-dev
else
	need="$need libcurl4-openssl-dev libgumbo-dev libsqlite3-dev libssl-dev"
	need="$need libjansson-dev libinih-dev libseccomp-dev libmicrohttpd-dev"
fi

if [ "$mode" = test ]; then
	check_bin valgrind valgrind
	check_bin sqlite3 sqlite3
	check_bin openssl openssl
	check_bin curl curl
	check_bin gzip gzip
	check_bin ss iproute2
	check_file /usr/bin/time time
	check_bin chromium chromium
	check_bin pdftotext poppler-utils
	check_file /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
		fonts-dejavu-core
	check_bin python3 python3
	# clang and its libFuzzer, for make check's fuzzing (tests/fuzz/).
	check_bin clang clang
	fuzzer=libclang_rt.fuzzer-$(uname -m).a
	if ! command -v clang >/dev/null 2>&1 ||
	   [ ! -f "$(clang -print-file-name="$fuzzer")" ]; then
		add libclang-rt-dev
	fi
	check_bin node nodejs
	check_bin npm npm
fi

if [ "${2:-}" = --after-install ] && [ -n "$need" ]; then
	echo "error: still missing after installing:$need" >&2
	exit 1
fi
if [ -n "$need" ]; then
	cmd="apt-get update && apt-get install -y --no-install-recommends$need"
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		echo "error: missing packages:$need: run 'sudo sh -c \"$cmd\"'" >&2
		exit 1
	fi
	echo "installing:$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! { apt-get update -qq >/dev/null &&
	       apt-get install -y -qq --no-install-recommends $need >/dev/null; }
	then
		echo "error: could not install:$need: run '$cmd' by hand" >&2
		exit 1
	fi
	# Say what is still missing, if anything (a package that did not
	# bring what it should): never loop.
	exec "$0" "$mode" --after-install
fi

if [ "$mode" = test ]; then
	# The browser tests' driver, from the npm registry (pinned by the lock).
	top=$(cd "$(dirname "$0")/.." && pwd)
	if [ ! -d "$top/tests/web/node_modules/playwright-core" ] &&
	   ! npm ci --prefix "$top/tests/web" --no-audit --no-fund >/dev/null 2>&1
	then
		echo "error: 'npm ci --prefix tests/web' failed: the browser tests need playwright-core" >&2
		exit 1
	fi
fi
exit 0
