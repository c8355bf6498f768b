#!/usr/bin/env bash
# The quick performance profile of fsview, next to its reference points, in one run:
#   1. builds target/benchmarks.jar if it is missing or older than the sources;
#   2. runs the anchors (the seed's design rebuilt in Go, and this machine's cross-thread floor);
#   3. runs every JMH benchmark once, briefly (dispatch, start, throughput, idle, stat, NIO ops,
#      open+close), and prints one table: each figure, its ratio to the Go anchor and to the floor,
#      and the issue's targets with PASS/FAIL;
#   4. checks that no mount was left behind on the host.
# Results (JMH JSON and log, the table as text and Markdown, an SVG chart of the dispatch latency
# distributions) go to benchmarks/results/<UTC time>/, and benchmarks/results/latest points there.
# Needs root (CAP_SYS_ADMIN) for the linux backend and the Go anchor; takes under 5 minutes.
#
# The anchors script is found through $FSVIEW_ANCHORS, or as shared/anchors/run.sh in the
# repository's directory or any directory above it (e.g. /work/shared/anchors/run.sh).
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$bench")
start=$(date +%s)

find_anchors() {
  if [ -n "${FSVIEW_ANCHORS:-}" ]; then
    [ -f "$FSVIEW_ANCHORS" ] || { echo "error: FSVIEW_ANCHORS=$FSVIEW_ANCHORS does not exist" >&2; return 1; }
    echo "$FSVIEW_ANCHORS"
    return 0
  fi
  local dir=$repo
  while :; do
    if [ -f "$dir/shared/anchors/run.sh" ]; then
      echo "$dir/shared/anchors/run.sh"
      return 0
    fi
    [ "$dir" = / ] && break
    dir=$(dirname "$dir")
  done
  echo "error: cannot find the anchors script shared/anchors/run.sh in $repo or any directory" \
    "above it; set FSVIEW_ANCHORS=/path/to/anchors/run.sh" >&2
  return 1
}
anchors=$(find_anchors)

jar=$bench/target/benchmarks.jar
if [ ! -f "$jar" ] \
   || [ -n "$(find "$repo" -path "$repo/*/src/main/*" -newer "$jar" -print -quit)" ] \
   || [ -n "$(find "$repo" -maxdepth 2 -name pom.xml -newer "$jar" -print -quit)" ]; then
  echo "building $jar"
  (cd "$repo" && ./mvnw -q -pl benchmarks -am package -Dmaven.test.skip=true)
fi

out=$bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
echo "anchors: $anchors"
if ! bash "$anchors" >"$out/anchors.txt" 2>"$out/anchors.err"; then
  echo "error: the anchors failed (see $out/anchors.err):" >&2
  cat "$out/anchors.err" >&2
  exit 1
fi
cat "$out/anchors.txt"

status=0
java -cp "$jar" dev.fsview.bench.report.QuickProfile --out "$out" --anchors "$out/anchors.txt" \
  || status=$?
ln -sfn "$out" "$bench/results/latest"

# Every mount a view makes lives in the view thread's namespace; none may show up on the host.
if grep -E 'fsview-bench' /proc/self/mountinfo >&2; then
  echo "error: mounts left behind on the host (above)" >&2
  status=1
fi
echo "total $(( $(date +%s) - start )) s"
exit $status
