#!/usr/bin/env bash
# `make package`: the Linux one-folder bundle (PyInstaller, packaging/kadr.spec) and a .deb.
# Output in dist/: linux/kadr/ (the bundle), kadr_VERSION_ARCH.deb, sizes-linux.json.
# The bundle needs the glibc of the system it is built on or newer, so where it can (as
# root) it is built inside a minimal Ubuntu 22.04 root (packaging/build_in_root.sh): glibc
# 2.35, for Ubuntu 22.04, Debian 12 and Ubuntu 24.04. KADR_BUILD chooses:
#   auto (default)  as root in the jammy root, else here; here too (saying so) when this
#                   machine cannot chroot (no debootstrap, /proc may not be mounted)
#   root            in the jammy root or fail
#   host            here, with this machine's Python and glibc
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${KADR_BUILD:-auto}
case "$mode" in auto|root|host) ;; *) echo "KADR_BUILD=$mode: use auto, root or host" >&2; exit 2 ;; esac
if [ "$mode" = root ] || { [ "$mode" = auto ] && [ "$(id -u)" = 0 ]; }; then
  rc=0; bash packaging/build_in_root.sh || rc=$?
  [ "$rc" = 0 ] && exit 0
  if [ "$rc" != 75 ] || [ "$mode" = root ]; then
    echo "make package: the build in the Ubuntu 22.04 root FAILED (exit $rc); nothing was" \
         "built on this machine instead (KADR_BUILD=host builds here, for glibc $(ldd --version | awk 'NR==1{print $NF}'))" >&2
    exit "$rc"
  fi
  echo "make package: building on this machine instead: the bundle will need this machine's" \
       "glibc ($(ldd --version | awk 'NR==1{print $NF}')) or newer" >&2
fi
bash packaging/bootstrap.sh run
PY=.venv/bin/python
"$PY" -m pip install -q -e ".[package]"
"$PY" packaging/make_icons.py build/icons
rm -rf dist/linux build/pyinstaller
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist/linux --workpath build/pyinstaller packaging/kadr.spec
echo "bundle built in $(( $(date +%s) - start )) s: dist/linux/kadr ($("$PY" -c 'import platform, PySide6; print("Python", platform.python_version(), "PySide6", PySide6.__version__)'))"
"$PY" packaging/sizes.py dist/linux/kadr --json dist/sizes-linux.json
# The bundle must answer before it is packed
QT_QPA_PLATFORM=offscreen dist/linux/kadr/kadr --version
QT_QPA_PLATFORM=offscreen dist/linux/kadr/kadr --self-check || true
command -v dpkg-deb >/dev/null && bash packaging/linux/build_deb.sh dist/linux/kadr build/icons dist
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-?}" || echo "?")
glibc=$("$PY" -c 'import json; print(json.load(open("dist/sizes-linux.json"))["glibc"])')
echo "Linux bundle built on $os (glibc $(ldd --version | awk 'NR==1{print $NF}')): it needs glibc $glibc or newer"
