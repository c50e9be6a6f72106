#!/usr/bin/env bash
# `make package` as root: the Linux bundle and .deb built inside a minimal Ubuntu 22.04
# (jammy) root, so the bundle needs glibc 2.35 (the oldest of Ubuntu 22.04, Debian 12 and
# Ubuntu 24.04) instead of this machine's. PySide6's wheels need only glibc 2.28.
#   packaging/build_in_root.sh        (called by packaging/build_linux.sh)
# The root is made once (debootstrap --variant=minbase, ~30 s; or copied from
# $KADR_MINBASE/jammy when that exists) and kept in $KADR_BUILD_ROOT
# (/var/tmp/kadr-build-jammy) with its .venv and pip cache for the next build. This tree is
# copied into ROOT/kadr and `packaging/build_linux.sh` runs there as it would on a real
# Ubuntu 22.04, except for the Python: ROOT/kadr/.venv is made here with jammy's own
# python3.10 (3.10.12, main, security-supported), and bootstrap.sh keeps a .venv it finds,
# so the bundle carries 3.10 and PySide6 6.11 (pyproject.toml's pins). bootstrap.sh alone
# would pick python3.11 from jammy-updates, which is 3.11.0rc1, a release candidate in
# universe. dist/ is bind-mounted, so the bundle and the .deb land where a host build puts them.
# Exit 75: this machine cannot build in a chroot (no debootstrap, or /proc may not be
# mounted there); the caller may then build on the host. Any other failure is final.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(pwd)
root=${KADR_BUILD_ROOT:-/var/tmp/kadr-build-jammy}
ubuntu=http://archive.ubuntu.com/ubuntu
security=http://security.ubuntu.com/ubuntu
components="main restricted universe multiverse"
keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg
cannot() { echo "build_in_root: cannot build in a jammy root here: $*" >&2; exit 75; }

[ "$(id -u)" = 0 ] || { echo "build_in_root: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
if ! command -v debootstrap >/dev/null || [ ! -f "$keyring" ]; then
  # the same tools `make package-check` installs (on Debian 12 the keyring is in backports)
  bash packaging/bootstrap.sh package
fi
command -v debootstrap >/dev/null || cannot "no debootstrap (apt-get install debootstrap)"
[ -f "$keyring" ] || cannot "no $keyring (apt-get install ubuntu-keyring)"

mkdir -p "$(dirname "$root")"
exec 9>"$root.lock"
flock 9  # one build at a time in this root

mounts=()
unmount_all() {
  local i
  for (( i=${#mounts[@]}-1; i>=0; i-- )); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
  mounts=()
}
trap unmount_all EXIT
unmount_under() {  # what a killed build (or debootstrap) left mounted under $1, deepest first
  findmnt -rn -o TARGET | awk -v d="$1/" 'index($0, d) == 1' | sort -r |
    while read -r m; do umount -l "$m"; done
}
unmount_under "$root"; unmount_under "$root.part"  # before anything there is removed
mount_in() {  # mount_in DIR: /proc, /dev and /dev/pts of DIR (a chroot needs them)
  mount -t proc proc "$1/proc"; mounts+=("$1/proc")
  mount --bind /dev "$1/dev"; mounts+=("$1/dev")
  mount --bind /dev/pts "$1/dev/pts"; mounts+=("$1/dev/pts")
}
in_root() {  # in_root DIR SCRIPT: run SCRIPT with bash inside DIR, with a clean environment
  local env=(PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
             DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen KADR_BUILD=host
             SSL_CERT_FILE=/etc/host-ca-certificates.crt PIP_CERT=/etc/host-ca-certificates.crt)
  local name
  for name in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY \
              PIP_DEFAULT_TIMEOUT PIP_INDEX_URL DEB_COMPRESS; do
    [ -n "${!name:-}" ] && env+=("$name=${!name}")
  done
  env -i "${env[@]}" chroot "$1" /bin/bash -euo pipefail -c "$2"
}
refresh_host_files() {  # DNS and the CAs this machine trusts (a TLS-inspecting proxy has its own)
  cp /etc/resolv.conf "$1/etc/resolv.conf"
  cp "${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" "$1/etc/host-ca-certificates.crt" 2>/dev/null ||
    cp /etc/ssl/certs/ca-certificates.crt "$1/etc/host-ca-certificates.crt"
}

# Before anything is made: may /proc be mounted in a chroot here? (debootstrap needs it too)
probe=$(mktemp -d)
if ! why=$(mount -t proc proc "$probe" 2>&1); then
  rmdir "$probe"; cannot "this machine does not allow mounting /proc in a chroot: $why"
fi
umount "$probe"; rmdir "$probe"

started=$(date +%s)
if [ ! -x "$root/usr/bin/apt-get" ]; then
  # Made beside its place and moved there whole: a half-made root is never reused.
  part="$root.part"
  rm -rf "$part"
  if [ -n "${KADR_MINBASE:-}" ] && [ -x "$KADR_MINBASE/jammy/usr/bin/apt-get" ]; then
    echo "build_in_root: jammy root copied from $KADR_MINBASE/jammy"
    cp -a "$KADR_MINBASE/jammy" "$part"
  else
    echo "build_in_root: making a minimal Ubuntu 22.04 root in $root (debootstrap, once)"
    script=/usr/share/debootstrap/scripts
    extra=(); [ -e "$script/jammy" ] || extra=("$script/gutsy")
    debootstrap --variant=minbase --keyring="$keyring" jammy "$part" "$ubuntu" "${extra[@]}" \
      > "$root.debootstrap.log" 2>&1 || {
        tail -20 "$root.debootstrap.log" >&2
        echo "build_in_root: debootstrap failed (log: $root.debootstrap.log)" >&2; exit 1; }
  fi
  # apt's sources as a real Ubuntu 22.04 has them (updates and security fixes)
  printf 'deb %s\n' "$ubuntu jammy $components" "$ubuntu jammy-updates $components" \
    "$security jammy-security $components" > "$part/etc/apt/sources.list"
  mv "$part" "$root"
  echo "build_in_root: root ready in $(( $(date +%s) - started )) s"
fi

# This tree as it is now (uncommitted work too), without what is built from it; the root's
# .venv and build/ stay for the next build.
refresh_host_files "$root"
mkdir -p "$root/kadr" "$tree/dist"
find "$root/kadr" -mindepth 1 -maxdepth 1 ! -name .venv ! -name build ! -name dist -exec rm -rf {} +
tar -C "$tree" --exclude=./.git --exclude=./.venv --exclude=./dist --exclude=./build \
  --exclude=__pycache__ --exclude='*.egg-info' --exclude=.pytest_cache --exclude=.mypy_cache \
  --exclude=.ruff_cache --exclude=./benchmarks/out -cf - . | tar -C "$root/kadr" -xf -
mkdir -p "$root/kadr/dist"
mount_in "$root"
mount --bind "$tree/dist" "$root/kadr/dist"; mounts+=("$root/kadr/dist")
# What the build needs besides bootstrap.sh's packages: python3 for bootstrap.sh to start
# from, jammy's python3.10 with its venv part for .venv, objdump (binutils) for
# packaging/sizes.py, the shared libpython PyInstaller bundles, of the venv's python3.10
# (Ubuntu packages it apart), and the Wayland client libraries Qt's Wayland plugins load
# (so the .deb's Depends name them)
tools="python3 python3.10 python3.10-venv binutils ca-certificates libpython3.10 libwayland-client0 libwayland-cursor0 libwayland-egl1"
in_root "$root" "missing=''
  for p in $tools; do dpkg-query -W -f='\${db:Status-Abbrev}' \$p 2>/dev/null | grep -q '^ii' || missing=1; done
  [ -z \"\$missing\" ] || { apt-get update -qq &&
    apt-get install -y -qq --no-install-recommends $tools >/dev/null; }"
# The bundle's Python is jammy's python3.10: a .venv of another Python (an earlier build's
# 3.11.0rc1, or one whose Python is gone) is made again; bootstrap.sh then keeps this one.
in_root "$root" "if /kadr/.venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10) or sys.base_prefix != \"/usr\")' 2>/dev/null; then :
  else
    echo \"build_in_root: making /kadr/.venv with \$(python3.10 --version) (jammy's own Python)\"
    rm -rf /kadr/.venv && python3.10 -m venv /kadr/.venv
  fi"
echo "build_in_root: building in $root (Ubuntu 22.04, glibc $(in_root "$root" "ldd --version | head -1 | awk '{print \$NF}'"))"
in_root "$root" "cd /kadr && bash packaging/build_linux.sh"
unmount_all
echo "build_in_root: done in $(( $(date +%s) - started )) s"
