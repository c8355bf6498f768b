#!/usr/bin/env bash
# Makes a synthetic root file system shaped like a distribution image, for the benchmarks that
# need a real tree (`fsview cp` against tar and cp -a, opening a view on a 7,000-entry tree):
# about 7,000 entries and 200 MB; the usr-merge symlinks (bin -> usr/bin); relative and absolute
# symlinks (/etc/alternatives); hard links; character and block device nodes made with mknod;
# a FIFO; a few big files and many small ones. Deterministic: the same names, sizes, contents,
# modes and times on every run and machine.
#   benchmarks/rootfs/make-rootfs.sh DIR      # DIR must not exist; needs root for mknod/chown
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 DIR (a directory that does not exist yet)" >&2
  exit 2
fi
dest=$1
if [ -e "$dest" ]; then
  echo "error: $dest exists; the rootfs is made in a new directory only" >&2
  exit 2
fi
mkdir -p "$dest"
cd "$dest"

# A deterministic 1 MiB pattern that every file's content is cut from.
blob=$(mktemp /tmp/fsview-rootfs-blob.XXXXXX)
trap 'rm -f "$blob"' EXIT
awk 'BEGIN { x = 12345; for (i = 0; i < 16384; i++) { x = (x * 1103515245 + 12345) % 2147483648;
  printf "%08x line %06d of the fsview benchmark rootfs %020d\n", x, i, x } }' > "$blob"
truncate -s 1048576 "$blob"

# Small files are cut from a copy of the pattern in a shell variable: printf is a builtin, so
# thousands of small files cost no process each (ASCII only, so characters are bytes).
export LC_ALL=C
small_max=262144
pattern=$(head -c $small_max "$blob")

seed=42
# rand N: the next number in [0, N), from a fixed linear congruential sequence, in $r.
rand() { seed=$(( (seed * 1103515245 + 12345) % 2147483648 )); r=$(( seed % $1 )); }
# file PATH SIZE: writes SIZE bytes of the pattern (repeated if SIZE > 1 MiB).
file() {
  local path=$1 size=$2
  if [ "$size" -le $small_max ]; then
    printf '%s' "${pattern:0:size}" > "$path"
  elif [ "$size" -le 1048576 ]; then
    head -c "$size" "$blob" > "$path"
  else
    local whole=$(( size / 1048576 )) i
    { for ((i = 0; i < whole; i++)); do cat "$blob"; done; head -c $(( size % 1048576 )) "$blob"; } > "$path"
  fi
}

mkdir -p usr/bin usr/sbin usr/lib/x86_64-linux-gnu usr/share/doc usr/share/man/man1 \
  usr/share/locale usr/lib/locale etc/alternatives etc/default etc/init.d var/lib/dpkg/info \
  var/cache/apt var/log root tmp home/user dev proc sys run
chmod 1777 tmp
chmod 700 root
ln -s usr/bin bin
ln -s usr/sbin sbin
ln -s usr/lib lib
ln -s usr/lib lib64

# A few big files: 110 MiB together.
file usr/lib/locale/locale-archive $(( 40 * 1048576 ))
file var/cache/apt/pkgcache.bin $(( 30 * 1048576 ))
file usr/lib/x86_64-linux-gnu/libLLVM.so.15 $(( 25 * 1048576 + 4321 ))
file usr/bin/dockerd $(( 15 * 1048576 + 77 ))

# Executables and libraries: 4 KiB to 100 KiB each.
for ((i = 0; i < 600; i++)); do
  rand 98304; file "usr/bin/tool$i" $(( 4096 + r ))
done
for ((i = 0; i < 150; i++)); do
  rand 65536; file "usr/sbin/admin$i" $(( 2048 + r ))
done
for ((i = 0; i < 500; i++)); do
  rand 131072; file "usr/lib/x86_64-linux-gnu/libpkg$i.so.1.0" $(( 8192 + r ))
  ln -s "libpkg$i.so.1.0" "usr/lib/x86_64-linux-gnu/libpkg$i.so.1"
done
# Documentation: 1,000 packages, a directory with a copyright file and a changelog each.
for ((i = 0; i < 1000; i++)); do
  d=usr/share/doc/package$i
  mkdir "$d"
  rand 8192; file "$d/copyright" $(( 512 + r ))
  rand 4096; file "$d/changelog.Debian.gz" $(( 256 + r ))
done
for ((i = 0; i < 600; i++)); do
  rand 6144; file "usr/share/man/man1/tool$i.1.gz" $(( 300 + r ))
done
# Locales: 40 languages of 10 message catalogues.
for ((l = 0; l < 40; l++)); do
  mkdir -p "usr/share/locale/lang$l/LC_MESSAGES"
  for ((i = 0; i < 10; i++)); do
    rand 16384; file "usr/share/locale/lang$l/LC_MESSAGES/domain$i.mo" $(( 1024 + r ))
  done
done
# dpkg's database: 700 file lists.
for ((i = 0; i < 700; i++)); do
  rand 2048; file "var/lib/dpkg/info/package$i.list" $(( 64 + r ))
done
# /etc: configuration files, and absolute symlinks through /etc/alternatives.
for ((i = 0; i < 150; i++)); do
  rand 2048; file "etc/default/conf$i" $(( 32 + r ))
done
for ((i = 0; i < 60; i++)); do
  rand 4096; file "etc/init.d/service$i" $(( 512 + r ))
done
for ((i = 0; i < 100; i++)); do
  ln -s "/usr/bin/tool$i" "etc/alternatives/alt$i"
  ln -s "/etc/alternatives/alt$i" "usr/bin/alt$i"
done
ln -s /proc/self/mounts etc/mtab
ln -s ../run etc/run-link
printf 'root:x:0:0:root:/root:/bin/bash\nuser:x:1000:1000::/home/user:/bin/sh\n' > etc/passwd
printf 'root:*:19000:0:99999:7:::\n' > etc/shadow
chmod 640 etc/shadow
echo rootfs > etc/hostname
chmod 755 usr/bin/tool* usr/sbin/admin* etc/init.d/service*
# Hard links: 40 tools with a second name, one library with three.
for ((i = 0; i < 40; i++)); do
  ln "usr/bin/tool$i" "usr/bin/tool$i-link"
done
ln usr/lib/x86_64-linux-gnu/libpkg0.so.1.0 usr/lib/x86_64-linux-gnu/libpkg0-a.so
ln usr/lib/x86_64-linux-gnu/libpkg0.so.1.0 usr/lib/x86_64-linux-gnu/libpkg0-b.so
# Device nodes, as an image's /dev has them, and a FIFO.
mknod -m 666 dev/null c 1 3
mknod -m 666 dev/zero c 1 5
mknod -m 666 dev/random c 1 8
mknod -m 666 dev/urandom c 1 9
mknod -m 666 dev/tty c 5 0
mknod -m 600 dev/console c 5 1
mknod -m 660 dev/loop0 b 7 0
mkfifo -m 600 run/initctl
# Ownership other than root, and log files.
for ((i = 0; i < 20; i++)); do
  rand 65536; file "var/log/log$i" $(( 100 + r ))
done
chown -R 1000:1000 home/user
echo 'user file' > home/user/.profile
chown 1000:1000 home/user/.profile

# Fixed times, so that tar streams and copies are the same every run.
find . -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
