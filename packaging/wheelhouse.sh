#!/usr/bin/env bash
# Every wheel Kadr needs on another computer, for an install with no network:
#   packaging/wheelhouse.sh PLATFORM [PYTHON]    PLATFORM: linux|windows|macos|macos-x86_64
# Output: dist/wheelhouse-PLATFORM-PYTHON/ (the wheels, kadr's own, pins.txt, INSTALL.txt).
# `pip download --platform` evaluates environment markers for THIS machine (it would drop
# comtypes/pywin32 for Windows and pyobjc for macOS), so uv resolves for the target first
# and pip then fetches exactly those pins as binary wheels for that platform.
set -euo pipefail
cd "$(dirname "$0")/.."
platform=${1:?linux, windows, macos or macos-x86_64}
python=${2:-3.12}
case "$platform" in
  linux)        uvp=x86_64-manylinux_2_35;  tags="manylinux_2_28_x86_64 manylinux_2_27_x86_64 manylinux_2_26_x86_64 manylinux_2_17_x86_64 manylinux2014_x86_64 manylinux_2_34_x86_64 manylinux_2_35_x86_64 manylinux_2_36_x86_64 linux_x86_64" ;;
  windows)      uvp=x86_64-pc-windows-msvc; tags="win_amd64" ;;
  macos)        uvp=aarch64-apple-darwin;   tags="macosx_14_0_arm64 macosx_13_0_arm64 macosx_12_0_arm64 macosx_11_0_arm64 macosx_11_0_universal2 macosx_10_9_universal2" ;;
  macos-x86_64) uvp=x86_64-apple-darwin;    tags="macosx_13_0_x86_64 macosx_12_0_x86_64 macosx_11_0_x86_64 macosx_10_15_x86_64 macosx_10_13_x86_64 macosx_10_9_x86_64 macosx_10_9_universal2" ;;
  *) echo "unknown PLATFORM $platform (linux, windows, macos, macos-x86_64)" >&2; exit 2 ;;
esac
out=dist/wheelhouse-$platform-$python
rm -rf "$out"; mkdir -p "$out"
PY=.venv/bin/python
"$PY" -m pip install -q "uv==0.13.9"
# Linux: glibc 2.35 (Ubuntu 22.04) and newer; PySide6 6.12 wheels need 2.34
.venv/bin/uv pip compile pyproject.toml --quiet --python-version "$python" \
  --python-platform "$uvp" --no-header --no-annotate -o "$out/pins.txt"
platform_args=()
for t in $tags; do platform_args+=(--platform "$t"); done
"$PY" -m pip download -q --no-deps --only-binary=:all: --python-version "$python" \
  --implementation cp "${platform_args[@]}" -r "$out/pins.txt" -d "$out"
"$PY" -m pip wheel -q --no-deps -w "$out" .   # Kadr itself, with its lessons and example
cat > "$out/INSTALL.txt" <<TXT
Kadr, every wheel for $platform, CPython $python. With no network:
  python$python -m venv kadr-env
  kadr-env/bin/python -m pip install --no-index --find-links . kadr     (Linux/macOS)
  kadr-env\\Scripts\\python -m pip install --no-index --find-links . kadr  (Windows)
then run kadr-env/bin/kadr (Windows: kadr-env\\Scripts\\kadr.exe).
TXT
count=$(ls "$out"/*.whl | wc -l)
echo "$out: $count wheels, $(du -sm "$out" | cut -f1) MB"
