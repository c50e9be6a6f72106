#!/usr/bin/env bash
# Set up everything Kadr needs on a Debian/Ubuntu machine: system libraries (installed when
# run as root, otherwise the exact apt command is printed) and .venv with the best Python.
#   packaging/bootstrap.sh [run|test|package]   (package: test's and the packaging proofs')
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

# Qt on xcb/offscreen, speech (espeak-ng through pyttsx3, aplay), fonts for every script.
run_pkgs="libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
 espeak-ng espeak-ng-data libespeak-ng1 alsa-utils fonts-dejavu-core fonts-noto-cjk"
# The virtual screen, the accessibility bus and its client, Orca with a window manager
# and the locale sources for its Russian session (tests/a11y), Pencil2D for export checks,
# makensis to compile the Windows installer script (tests/packaging).
test_pkgs="xvfb xauth x11-utils xdotool dbus dbus-x11 at-spi2-core python3-pyatspi
 gir1.2-atspi-2.0 python3-gi pencil2d sox orca speech-dispatcher openbox locales nsis"
# The packaging proofs (make package-check) build minimal Debian and Ubuntu roots.
package_pkgs="debootstrap ubuntu-keyring"

find_python() {
  # The newest Python that really runs; pyenv shims on PATH may fail, so each is tried.
  local c root
  local cands=(python3.14 python3.13 python3.12)
  if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root 2>/dev/null || true)
    for v in 3.14 3.13 3.12; do
      for d in "$root"/versions/"$v"*; do [ -x "$d/bin/python3" ] && cands+=("$d/bin/python3"); done
    done
  fi
  cands+=(/usr/bin/python3.13 /usr/bin/python3.12 python3.11 python3.10 /usr/bin/python3 python3)
  for c in "${cands[@]}"; do
    if "$c" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 10) else 1)' >/dev/null 2>&1; then
      command -v "$c" 2>/dev/null || echo "$c"; return 0
    fi
  done
  return 1
}

has_candidate() {
  # apt-cache show exits 0 for a name that is only mentioned by another package
  # (grep reads it all: grep -q would close the pipe early, and pipefail sees apt-cache's SIGPIPE)
  apt-cache show --no-all-versions "$1" 2>/dev/null | grep '^Package:' >/dev/null
}

pkgs="$run_pkgs"
case "$mode" in
  test) pkgs="$pkgs $test_pkgs" ;;
  package) pkgs="$pkgs $test_pkgs $package_pkgs" ;;
esac

# Debian 12 has the Ubuntu archive keyring only in bookworm-backports (trixie and Ubuntu have
# it in main). Backports are NotAutomatic: adding them upgrades nothing else.
if [ "$mode" = package ] && [ "$(id -u)" = 0 ] && command -v apt-cache >/dev/null 2>&1 &&
   [ ! -e /usr/share/keyrings/ubuntu-archive-keyring.gpg ] &&
   ! has_candidate ubuntu-keyring &&
   grep -q '^VERSION_CODENAME=bookworm$' /etc/os-release 2>/dev/null; then
  cat > /etc/apt/sources.list.d/kadr-bookworm-backports.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt-get update -qq
fi

# The Python for .venv. A bare Debian/Ubuntu has python3 but not its venv/ensurepip part
# (python3-venv and the python3.X-venv of that exact version on Ubuntu): add them. Where
# the newest Python is 3.10 (Ubuntu 22.04) and the system offers 3.11, use 3.11, so the
# pinned test tools see the same numpy as on Debian 12 (pyproject.toml, [test]).
py=""
if [ ! -x .venv/bin/python ]; then
  py=$(find_python) || py=""
  if [ -z "$py" ] || "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then :
  elif command -v apt-cache >/dev/null 2>&1 && { [ "$(id -u)" != 0 ] || apt-get update -qq; } &&
       has_candidate python3.11-venv; then
    pkgs="$pkgs python3.11 python3.11-venv"
    py=python3.11
  fi
  if [ -n "$py" ] && ! "$py" -c 'import ensurepip' >/dev/null 2>&1; then
    ver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo "")
    case "$(command -v "$py" 2>/dev/null || echo "$py")" in
      /usr/bin/*) pkgs="$pkgs python3-venv${ver:+ python$ver-venv}" ;;
    esac
  fi
fi
# pip fetches over HTTPS: a minimal system may have no CA certificates yet
pkgs="$pkgs ca-certificates"
if command -v dpkg-query >/dev/null 2>&1; then
  # installed packages and the names they provide (Ubuntu 24.04's libglib2.0-0t64 is
  # libglib2.0-0: asking for the old name every time would never end)
  have=$(dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}\n' 2>/dev/null |
    awk -F'|' '$1 ~ /^ii/ { print $2; n = split($3, a, /, */); for (i = 1; i <= n; i++) { split(a[i], b, " "); print b[1] } }')
  missing=""
  for p in $pkgs; do
    grep -qxF "$p" <<<"$have" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing system packages:$missing"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "Kadr needs these system packages. Please run:"
      echo "  sudo apt-get install -y --no-install-recommends$missing"
      [ "$mode" = test ] && exit 1
    fi
  fi
fi

if [ ! -x .venv/bin/python ]; then
  { [ -n "$py" ] && command -v "$py" >/dev/null 2>&1; } || py=$(find_python) || {
    echo "No Python 3.10 or newer was found. Install one, for example: sudo apt-get install python3 python3-venv" >&2
    exit 1
  }
  echo "Creating .venv with $py ($("$py" --version 2>&1))"
  "$py" -m venv .venv || {
    echo "Could not create a virtual environment. Install venv support: sudo apt-get install python3-venv" >&2
    exit 1
  }
fi
# `make run` needs Kadr alone; the pinned test tools come with `make test` (and may need a
# newer Python than Kadr: import-linter 2.17 wants 3.11).
fresh() { [ -f "$1" ] && ! [ pyproject.toml -nt "$1" ]; }
full=.venv/.kadr-installed
if [ "$mode" = run ]; then
  if ! fresh "$full" && ! fresh .venv/.kadr-installed-run; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e .
    touch .venv/.kadr-installed-run
  fi
elif ! fresh "$full"; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test,dev]"
  touch "$full"
fi
