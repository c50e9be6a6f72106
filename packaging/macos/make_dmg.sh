#!/usr/bin/env bash
# Kadr-VERSION.dmg: Kadr.app and a link to /Applications side by side (drag to install),
# plus THIRD-PARTY-NOTICES.md and a short "Read me". Compressed (UDZO). On a Mac only.
#   packaging/macos/make_dmg.sh dist/macos/Kadr.app VERSION   -> prints the .dmg's path
set -euo pipefail
app=${1:?path to Kadr.app}; version=${2:?version}
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$(dirname "$app")/Kadr-$version.dmg"
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/Kadr.app"
ln -s /Applications "$stage/Applications"
cp "$root/packaging/THIRD-PARTY-NOTICES.md" "$stage/"
printf 'Drag Kadr onto Applications to install it.\nThen open Kadr from Applications or Launchpad.\n' > "$stage/Read me.txt"
rm -f "$out"
hdiutil create -volname "Kadr $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out" >/dev/null
echo "$out"
