#!/usr/bin/env bash
# make-rootfs.sh DIR [MEGABYTES]: a synthetic container root shaped like a distribution image
# (Debian's, as `docker export` gives it): about 7,000 entries and 200 MB by default — ~700
# directories, ~5,600 regular files (mostly small, a few large "libraries"), ~800 symlinks
# (absolute and relative, some dangling, like /etc/alternatives), ~60 hard links and the device
# nodes of /dev. The content is pseudo-random (incompressible) and deterministic: the same
# arguments give the same tree, byte for byte. Device nodes need root (mknod); without it they are
# left out, with a note on stderr.
# Used by the CLI's performance notes (fsview-cli/README.md) and by the benchmarks.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 DIR [MEGABYTES]" >&2
  exit 2
fi
dir="$1"
mb="${2:-200}"
if [[ -e "$dir" ]] && [[ -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
  echo "$0: $dir exists and is not empty" >&2
  exit 1
fi
mkdir -p "$dir"

perl - "$dir" "$mb" <<'PERL'
use strict;
use warnings;
my ($root, $mb) = @ARGV;
srand(20261205);
my $budget = $mb * 1024 * 1024;
# One 8 MiB block of random bytes; files are slices of it at random offsets.
my $block = join('', map { pack('N', int(rand(4294967296))) } 1 .. (2 * 1024 * 1024));
my @dirs = ('');
my @top = qw(bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var);
my %tree = (
  'usr' => [qw(bin sbin lib libexec share include local)],
  'usr/share' => [qw(doc man locale zoneinfo perl5 common-licenses info)],
  'usr/lib' => [qw(x86_64-linux-gnu python3 systemd apt dpkg)],
  'var' => [qw(lib cache log spool tmp backups mail opt)],
  'var/lib' => [qw(dpkg apt systemd misc)],
  'etc' => [qw(alternatives apt default init.d security skel ssl systemd profile.d cron.daily)],
);
sub mkd { my $d = shift; mkdir("$root/$d", 0755) or die "mkdir $d: $!"; push @dirs, $d; }
mkd($_) for @top;
for my $p (sort keys %tree) { mkd("$p/$_") for @{$tree{$p}}; }
chmod(01777, "$root/tmp");
# Deep package-like trees under /usr/share, /usr/lib and /var/lib: about 700 directories.
my @bases = ('usr/share/doc', 'usr/share/locale', 'usr/lib/x86_64-linux-gnu', 'usr/lib/python3',
  'usr/share/zoneinfo', 'usr/share/perl5', 'var/lib/dpkg', 'usr/share/man', 'etc');
my $n = 0;
while (@dirs < 700) {
  my $parent = (rand() < 0.6) ? $bases[int(rand(@bases))] : $dirs[int(rand(@dirs))];
  next if $parent eq '' || $parent =~ /^(dev|proc|sys)/;
  mkd(sprintf('%s/pkg%04d', $parent, $n++));
}
my @fdirs = grep { $_ ne '' && $_ !~ /^(dev|proc|sys|run|tmp)/ } @dirs;
# Sizes: 5,000 small (log-uniform 64 B..32 KiB), 550 medium (32 KiB..256 KiB), 50 large; the large
# ones take what is left of the budget.
my @sizes;
push @sizes, int(exp(log(64) + rand(log(32768) - log(64)))) for 1 .. 5000;
push @sizes, int(32768 + rand(256 * 1024 - 32768)) for 1 .. 550;
my $used = 0; $used += $_ for @sizes;
my $left = $budget - $used; $left = 50 * 65536 if $left < 50 * 65536;
push @sizes, int($left / 50) for 1 .. 50;
my @files;
my $i = 0;
for my $size (@sizes) {
  my $d = $fdirs[int(rand(@fdirs))];
  my $f = sprintf('%s/file%05d%s', $d, $i++, ($size > 1048576 ? '.so' : ''));
  open(my $fh, '>:raw', "$root/$f") or die "$f: $!";
  my $todo = $size;
  while ($todo > 0) {
    my $chunk = $todo < length($block) ? $todo : length($block);
    my $off = int(rand(length($block) - $chunk + 1));
    print $fh substr($block, $off, $chunk);
    $todo -= $chunk;
  }
  close($fh) or die;
  chmod((rand() < 0.15) ? 0755 : 0644, "$root/$f");
  push @files, $f;
}
# Symlinks: relative to a sibling file, absolute (resolved in the container), to directories, and
# dangling ones (/etc/alternatives style).
for my $k (0 .. 799) {
  my $d = $fdirs[int(rand(@fdirs))];
  my $l = sprintf('%s/link%04d', $d, $k);
  my $r = rand();
  my $t;
  if ($r < 0.4) { $t = '/' . $files[int(rand(@files))]; }
  elsif ($r < 0.8) {
    my $f = $files[int(rand(@files))];
    my $depth = () = $d =~ m{/}g;
    $t = ('../' x ($depth + 1)) . $f;
  }
  elsif ($r < 0.9) { $t = '/' . $fdirs[int(rand(@fdirs))]; }
  else { $t = "/etc/alternatives/missing$k"; }
  symlink($t, "$root/$l") or die "$l: $!";
}
symlink('usr/bin', "$root/bin.usr") or die; # merged-/usr style top links
symlink('/run', "$root/var/run") or die;
symlink('/run/lock', "$root/var/lock") or die;
# Hard links: 60 extra names for regular files.
for my $k (0 .. 59) {
  my $f = $files[int(rand(@files))];
  my $d = $fdirs[int(rand(@fdirs))];
  link("$root/$f", sprintf('%s/%s/hard%02d', $root, $d, $k)) or die "link: $!";
}
# Times: a fixed mtime for everything, as an image layer has.
PERL

# Device nodes, as an image's /dev has them (docker export keeps them).
if [[ $(id -u) -eq 0 ]]; then
  mknod -m 666 "$dir/dev/null" c 1 3
  mknod -m 666 "$dir/dev/zero" c 1 5
  mknod -m 666 "$dir/dev/full" c 1 7
  mknod -m 666 "$dir/dev/random" c 1 8
  mknod -m 666 "$dir/dev/urandom" c 1 9
  mknod -m 666 "$dir/dev/tty" c 5 0
  mknod -m 600 "$dir/dev/console" c 5 1
  mknod -m 666 "$dir/dev/ptmx" c 5 2
else
  echo "$0: not root: no device nodes in $dir/dev" >&2
fi
find "$dir" -exec touch -h -d '2026-01-01 00:00:00 UTC' {} +
