#!/usr/bin/env bash
# fsview's performance, next to its reference points, all measured in one run on this machine:
#   1. builds target/benchmarks.jar and the CLI (fsview-cli/target/fsview.jar) if missing or stale;
#   2. runs the anchors (anchors/run.sh: the seed's design in Go, the cross-thread floor in C);
#   3. makes the synthetic distribution rootfs (rootfs/make-rootfs.sh, ~7,000 entries, ~200 MB)
#      unless target/rootfs is up to date, and times `fsview cp :/ -` against `tar -cf -` and
#      against the same stream by a minimal Java program (anchors/JavaTar.java, the JVM's floor),
#      `fsview cp :/ dir` against `cp -a` (wall time and max RSS), and `fsview stat /` on the fake
#      and linux backends (max RSS);
#   4. runs every JMH benchmark once, briefly, and prints one table: each figure, its ratio to the
#      anchors and host baselines, and every target with PASS/FAIL (open+close is judged against
#      the Go anchor run again right before and right after it, not minutes earlier);
#   5. checks that no mount was left behind on the host.
# Results go to benchmarks/results/<UTC time>/ (results/latest points there).
#   benchmarks/run.sh            # the profile (about 7 minutes on two cores)
#   benchmarks/run.sh --quick    # a smoke run: shorter anchors, one run per command, short JMH
# Needs root (CAP_SYS_ADMIN), Java 17+; installs Debian's golang-go and gcc if missing.
# FSVIEW_MVN_FLAGS adds Maven options (e.g. -o offline).
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$bench")
start=$(date +%s)
quick=false
for arg in "$@"; do
  case $arg in
    --quick) quick=true ;;
    *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
  esac
done
# One run at a time: two runs on the same machine would measure each other.
mkdir -p "$bench/target"
exec 8>"$bench/target/run.lock"
if ! flock -n 8; then
  echo "another benchmarks/run.sh is running; waiting for it to finish" >&2
  flock 8
fi
[ "$(id -u)" = 0 ] || { echo "error: run as root (the linux backend and the Go anchor mount)" >&2; exit 1; }
for tool in java tar cp; do
  command -v $tool >/dev/null || { echo "error: $tool is not installed" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "installing time (for max RSS) with apt-get" >&2;
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >&2; }

# 1. Build what is stale.
jar=$bench/target/benchmarks.jar
cli=$repo/fsview-cli/target/fsview.jar
stale() { [ ! -f "$1" ] \
  || [ -n "$(find "$repo" -path "$repo/*/src/main/*" -newer "$1" -print -quit)" ] \
  || [ -n "$(find "$repo" -maxdepth 2 -name pom.xml -newer "$1" -print -quit)" ]; }
if stale "$jar" || stale "$cli"; then
  echo "building $jar and $cli"
  # shellcheck disable=SC2086 # a list of options
  (cd "$repo" && ./mvnw -B -q ${FSVIEW_MVN_FLAGS:-} -pl benchmarks,fsview-cli -am package \
     -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
fi

out=$bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
scratch=$(mktemp -d /tmp/fsview-bench-run.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

# 2. The anchors.
anchor_args=()
$quick && anchor_args=(-calls 50000 -opens 100)
echo "anchors: $bench/anchors/run.sh ${anchor_args[*]}"
if ! FSVIEW_SEEDVIEW_COPY=$scratch/seedview bash "$bench/anchors/run.sh" "${anchor_args[@]}" \
    >"$out/anchors.txt" 2>"$out/anchors.err"; then
  echo "error: the anchors failed (see $out/anchors.err):" >&2
  cat "$out/anchors.err" >&2
  exit 1
fi
cat "$out/anchors.txt"

# 3. The rootfs, and the CLI against tar and cp -a on it.
rootfs=$bench/target/rootfs
stamp=$bench/target/rootfs.sha256
want=$(sha256sum "$bench/rootfs/make-rootfs.sh" | cut -d' ' -f1)
if [ ! -d "$rootfs" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "making the rootfs in $rootfs"
  rm -rf "$rootfs" "$stamp"
  bash "$bench/rootfs/make-rootfs.sh" "$rootfs"
  echo "$want" > "$stamp"
fi
echo "rootfs: $(find "$rootfs" | wc -l) entries, $(du -sm "$rootfs" | cut -f1) MB"

runs=5
$quick && runs=1
export LC_ALL=C.UTF-8
# The command users run: ./fsview, with its JVM options and class-data archive (benchmarks/README.md).
fsview=("$repo/fsview" --root "$rootfs")
# The rootfs may have just been written: its dirty pages go to disk now, not during the timings.
sync
# measure SETUP NAME COMMAND [NAME COMMAND ...]: one untimed warm-up run of each COMMAND, then
# $runs rounds that run every COMMAND once, in turn, SETUP before each: a slow phase of this noisy
# VM then weighs on a baseline and on fsview alike (run one after the other, three times each,
# the stream's ratio to tar read 2.7-3.6x in runs where interleaved rounds read 2.2-2.5x).
# Prints `NAME wall_ms=<median> rss_kb=<max>` per command, in order. Output goes through cat,
# since GNU tar skips reading file contents when its output is /dev/null itself.
measure() {
  local setup=$1 names=() cmds=() times=() rss=() i j t m
  shift
  while (($#)); do
    names+=("$1")
    cmds+=("$2")
    times+=("")
    rss+=(0)
    shift 2
  done
  for ((i = 0; i <= runs; i++)); do
    for j in "${!names[@]}"; do
      bash -c "$setup"
      /usr/bin/time -o "$scratch/time" -f '%e %M' bash -c "${cmds[j]}" \
        || { echo "error: ${names[j]} failed: ${cmds[j]}" >&2; return 1; }
      [ $i = 0 ] && continue
      read -r t m < "$scratch/time"
      times[j]="${times[j]} $t"
      [ "$m" -gt "${rss[j]}" ] && rss[j]=$m
    done
  done
  for j in "${!names[@]}"; do
    # shellcheck disable=SC2086 # the times are a list of numbers
    t=$(printf '%s\n' ${times[j]} | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] * 1000 }')
    echo "${names[j]} wall_ms=$t rss_kb=${rss[j]}"
  done
}
q() { printf '%q ' "$@"; }
# The JVM's floor for a tar stream (anchors/JavaTar.java): a minimal Java program, run with the
# JVM options ./fsview gives: what any Java tool pays for the JVM's start and warm-up.
javac=$(dirname "$(readlink -f "$(command -v java)")")/javac
[ -x "$javac" ] || javac=javac
"$javac" -d "$scratch/javatar" "$bench/anchors/JavaTar.java"
javatar=(java -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UseDynamicNumberOfCompilerThreads
  -XX:+UseSerialGC -Xmn8m
  -cp "$scratch/javatar" JavaTar)
{
  measure "" \
    "tar stream" "tar -C $(q "$rootfs") -cf - . | cat > /dev/null" \
    "java stream" "$(q "${javatar[@]}") $(q "$rootfs") | cat > /dev/null" \
    "fsview cp_stream" "$(q "${fsview[@]}") cp :/ - | cat > /dev/null"
  # sync before each copy to disk: the last copy's 200 MB of dirty pages would otherwise be
  # written back during this one, and slow whichever of the two runs after the other. Each copy
  # goes to a new directory, and all are removed at the end: ext4 without a journal passes over
  # the inodes freed in the last 60 s on every allocation (recently_deleted), so a copy made just
  # after the previous one was removed measured that removal, 0.36 to 3.5 s for cp -a alone.
  copy_to() { printf '%q/copy.$(date +%%s%%N)' "$scratch"; } # named when the command runs
  # (fsview warns on stderr that it skips the device nodes and the FIFO: it cannot make them.)
  measure "sync" \
    "cp_a dir" "cp -a $(q "$rootfs") $(copy_to)" \
    "fsview cp_dir" "$(q "${fsview[@]}") cp :/ $(copy_to) > /dev/null"
  measure "" \
    "fsview stat_linux" "$(q "${fsview[@]}") --backend linux stat / > /dev/null" \
    "fsview stat_fake" "$(q "${fsview[@]}") --backend fake stat / > /dev/null"
} | tee "$out/cli.txt"
rm -rf "$scratch"/copy.*
# The same figures as ratios to their baselines, measured just before them in this run.
awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1 " " $2, kv[1]] = kv[2] } }
  function row(name, base, limit) {
    r = v[name, "wall_ms"] / v[base, "wall_ms"]
    printf "%-18s %6.2fx %-10s (limit %gx: %s), max RSS %d MB (limit 150 MB: %s)\n", name, r,
      base, limit, r <= limit ? "PASS" : "FAIL", v[name, "rss_kb"] / 1024,
      v[name, "rss_kb"] <= 150 * 1024 ? "PASS" : "FAIL" }
  END { printf "%-18s %6.2fx %-10s (the JVM floor, not judged); fsview cp_stream %.2fx it\n",
      "java stream", v["java stream", "wall_ms"] / v["tar stream", "wall_ms"], "tar stream",
      v["fsview cp_stream", "wall_ms"] / v["java stream", "wall_ms"]
    row("fsview cp_stream", "tar stream", 2); row("fsview cp_dir", "cp_a dir", 3) }' \
  "$out/cli.txt" | tee "$out/cli-ratios.txt"

# 4. JMH, and the table of every target. The copies above leave up to 1.6 GB of dirty pages: the
# file benchmarks (NioOps, on the same ext4 as /tmp) ran 6x slower while they were written back.
sync
status=0
profile_args=()
$quick && profile_args=(--quick)
java -cp "$jar" dev.fsview.bench.report.QuickProfile --out "$out" --anchors "$out/anchors.txt" \
  --cli "$out/cli.txt" --rootfs "$rootfs" --seedview "$scratch/seedview" "${profile_args[@]}" \
  || status=$?
ln -sfn "$out" "$bench/results/latest"

# 5. Every mount a view makes lives in the view thread's namespace; none may show up on the host.
if grep -E 'fsview' /proc/self/mountinfo >&2; then
  echo "error: mounts left behind on the host (above)" >&2
  status=1
fi
echo "total $(( $(date +%s) - start )) s"
exit $status
