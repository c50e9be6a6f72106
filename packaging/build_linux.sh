#!/usr/bin/env bash
# `make package`: the Linux one-folder bundle (PyInstaller, packaging/kadr.spec) and a .deb.
# Output in dist/: linux/kadr/ (the bundle), kadr_VERSION_ARCH.deb, sizes-linux.json.
# The bundle needs the glibc of the machine it is built on or newer: build on the oldest
# system you support (Debian 12 here: glibc 2.36; PySide6 6.12 itself needs 2.34).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/bootstrap.sh run
PY=.venv/bin/python
"$PY" -m pip install -q -e ".[package]"
"$PY" packaging/make_icons.py build/icons
rm -rf dist/linux build/pyinstaller
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist/linux --workpath build/pyinstaller packaging/kadr.spec
echo "bundle built in $(( $(date +%s) - start )) s: dist/linux/kadr"
"$PY" packaging/sizes.py dist/linux/kadr --json dist/sizes-linux.json
# The bundle must answer before it is packed
QT_QPA_PLATFORM=offscreen dist/linux/kadr/kadr --version
QT_QPA_PLATFORM=offscreen dist/linux/kadr/kadr --self-check || true
command -v dpkg-deb >/dev/null && bash packaging/linux/build_deb.sh dist/linux/kadr build/icons dist
