#!/usr/bin/env bash
# A .deb of the one-folder bundle: /opt/kadr, /usr/bin/kadr, menu entry, AppStream
# metainfo, hicolor icons, the .kadr file type, licences in /usr/share/doc/kadr.
#   packaging/linux/build_deb.sh BUNDLE_DIR ICON_DIR OUT_DIR
# DEB_COMPRESS=xz|zstd|gzip (default zstd: xz takes ~6 min for ~130 MB and saves little).
set -euo pipefail
bundle=$(realpath "$1"); icons=$(realpath "$2"); out=$(realpath -m "$3")
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
version=$(PYTHONPATH="$root/app" python3 -c 'import kadr; print(kadr.__version__)')
arch=$(dpkg --print-architecture)
# What the bundle loads from the system, measured on the bundle itself (packaging/sizes.py)
sizes=$(mktemp); python3 "$root/packaging/sizes.py" "$bundle" --json "$sizes" >/dev/null
# libc6 (>= the newest GLIBC_x.y symbol in the bundle): found by objdump, never guessed
glibc=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["glibc"] or "")' "$sizes")
[ -n "$glibc" ] || { echo "build_deb: the bundle's glibc was not found (is objdump installed? binutils)" >&2; exit 1; }
libs=$(python3 -c 'import json,sys; print(", ".join(sorted(set(json.load(open(sys.argv[1]))["system_libraries"].values()) - {"libc6", "?"})))' "$sizes")
# A library the bundle takes from the system that no package here holds would be missing
# from Depends: install its package on the build machine. (Qt's own libraries come with
# the bundle: one missing there is PyInstaller's to collect, said but not fatal.)
unknown=$(python3 -c 'import json,sys; print(" ".join(l for l, p in json.load(open(sys.argv[1]))["system_libraries"].items() if p == "?"))' "$sizes")
for lib in $unknown; do
  case "$lib" in
    libQt6*) echo "build_deb: warning: $lib is neither in the bundle nor on this system" >&2 ;;
    *) echo "build_deb: the bundle needs $lib from the system, but no installed package has it:" \
            "install it here so the .deb can depend on it" >&2; exit 1 ;;
  esac
done
rm -f "$sizes"
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
pkg="$stage/kadr"
mkdir -p "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/metainfo" "$pkg/usr/share/mime/packages" "$pkg/usr/share/doc/kadr" "$pkg/usr/share/icons"
cp -a "$bundle" "$pkg/opt/kadr"
ln -s /opt/kadr/kadr "$pkg/usr/bin/kadr"
install -m644 "$here/kadr.desktop" "$pkg/usr/share/applications/kadr.desktop"
install -m644 "$here/kadr.metainfo.xml" "$pkg/usr/share/metainfo/kadr.metainfo.xml"
install -m644 "$here/kadr-mime.xml" "$pkg/usr/share/mime/packages/kadr.xml"
cp -a "$icons/hicolor" "$pkg/usr/share/icons/hicolor"
install -m644 "$root/packaging/THIRD-PARTY-NOTICES.md" "$pkg/usr/share/doc/kadr/THIRD-PARTY-NOTICES.md"
{ echo "Kadr $version: MIT licence (below). Bundled parts and their licences:"
  echo "/usr/share/doc/kadr/THIRD-PARTY-NOTICES.md"; echo; cat "$root/LICENSE"; } > "$pkg/usr/share/doc/kadr/copyright"
chmod -R u+rwX,go+rX,go-w "$pkg"
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
# Depends: the libraries above (the same list was found by hand in a minimal Debian 12
# root), fontconfig's configuration for the bundled libfontconfig, D-Bus for the screen
# reader. Recommends: speech, CJK fonts and sound, without which Kadr still works (it
# says so).
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: kadr
Version: $version
Architecture: $arch
Maintainer: Kadr authors <kadr@localhost>
Installed-Size: $size
Section: education
Priority: optional
Depends: libc6 (>= $glibc), $libs, fontconfig-config
Recommends: espeak-ng, alsa-utils, fonts-noto-cjk, fonts-dejavu-core, dbus, xdg-utils
Description: frame-by-frame animation studio for children
 Kadr is a frame-by-frame animation studio where children with special
 educational needs learn to animate: draw a picture, add the next one, see the
 last one faintly underneath, play them as a film. Every control works with a
 screen reader, the keyboard alone or one switch. Kadr speaks English, Russian,
 Kazakh, Korean and Japanese.
 .
 This package holds a self-contained build (Python, Qt, ffmpeg) in /opt/kadr.
CONTROL
mkdir -p "$out"
deb="$out/kadr_${version}_${arch}.deb"
# level 3 said outright: Ubuntu 22.04's dpkg-deb would take zstd -19 (minutes, not seconds)
level=(); [ "${DEB_COMPRESS:-zstd}" = zstd ] && level=(-z3)
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-zstd}" "${level[@]}" --build "$pkg" "$deb" >/dev/null
echo "$deb: $(du -m "$deb" | cut -f1) MB (Installed-Size ${size} KB)"; grep "^Depends" "$pkg/DEBIAN/control"
