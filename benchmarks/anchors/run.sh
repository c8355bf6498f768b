#!/usr/bin/env bash
# Builds and runs the anchors, the figures fsview's benchmarks are judged against, measured on this
# machine now: seedview.go (the seed's design in Go: dispatch, stat, open+close with one read-only
# bind), floor.c (a cross-thread call through a cache line and through a futex), statfloor.c (a
# system call, a host stat and a stat contained by openat2 from a root fd) and smallfilefloor.c
# (a small file created, written, read and deleted by path, and the same contained).
# Installs Debian's golang-go and gcc with apt-get if they are missing. Needs root (CAP_SYS_ADMIN)
# for the Go view. Prints one line per figure, `name key=value ...`. Options go to seedview
# (e.g. -calls 50000 -opens 100 for a quick run). With FSVIEW_SEEDVIEW_COPY=PATH the Go binary is
# also copied to PATH, for a caller that runs it again later (benchmarks/run.sh does, around the
# open+close benchmark).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/fsview-anchors.XXXXXX)
trap 'rm -rf "$work"' EXIT

need=()
command -v go >/dev/null 2>&1 || [ -x /usr/lib/go/bin/go ] || need+=(golang-go)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} with apt-get" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >&2 \
    || { echo "error: cannot install ${need[*]}" >&2; exit 1; }
fi
command -v go >/dev/null 2>&1 || export PATH=/usr/lib/go/bin:$PATH

# Standard library only: no module download, no network.
export GO111MODULE=off GOFLAGS= GOCACHE="$work/gocache" GOPATH="$work/gopath"
go build -o "$work/seedview" "$here/seedview.go" >&2
[ -z "${FSVIEW_SEEDVIEW_COPY:-}" ] || cp "$work/seedview" "$FSVIEW_SEEDVIEW_COPY"
gcc -O2 -pthread -o "$work/floor" "$here/floor.c" >&2
gcc -O2 -o "$work/statfloor" "$here/statfloor.c" >&2
gcc -O2 -o "$work/smallfilefloor" "$here/smallfilefloor.c" >&2

mkdir -p "$work/root/etc" "$work/volume"
echo anchor > "$work/root/etc/hostname"
echo data > "$work/volume/file"
"$work/floor"
"$work/statfloor" "$work/root"
"$work/smallfilefloor" "$work/volume"
"$work/seedview" -root "$work/root" -volume "$work/volume" "$@"
