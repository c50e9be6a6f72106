#!/usr/bin/env bash
# Sign every Mach-O in Kadr.app (ffmpeg too) with the hardened runtime, then the app;
# make the .dmg; notarise it with Apple and staple the ticket. On a Mac only.
#   packaging/macos/sign_and_notarise.sh dist/macos/Kadr.app VERSION
# Needs: a "Developer ID Application" identity in the keychain (KADR_SIGN_IDENTITY, e.g.
# "Developer ID Application: School Name (TEAMID)") and a notarytool keychain profile
# (KADR_NOTARY_PROFILE, made once with `xcrun notarytool store-credentials`).
# Without an identity the app is signed ad hoc ("-") and not notarised: it runs on the
# machine that built it; elsewhere Gatekeeper asks the user to allow it (packaging/README.md).
set -euo pipefail
app=${1:?path to Kadr.app}; version=${2:?version}
here=$(cd "$(dirname "$0")" && pwd)
identity=${KADR_SIGN_IDENTITY:--}
ents="$here/entitlements.plist"
sign() { codesign --force --timestamp --options runtime --entitlements "$ents" --sign "$identity" "$@"; }
[ "$identity" = "-" ] && sign() { codesign --force --sign - "$@"; }

# inside out: every Mach-O file first (dylibs, .so, Qt frameworks' binaries, ffmpeg), then the app
while IFS= read -r -d '' f; do
  if file -b "$f" | grep -q "Mach-O"; then sign "$f"; fi
done < <(find "$app/Contents" -type f -print0)
sign "$app"
codesign --verify --deep --strict --verbose=2 "$app"

dmg=$(bash "$here/make_dmg.sh" "$app" "$version")
if [ "$identity" != "-" ] && [ -n "${KADR_NOTARY_PROFILE:-}" ]; then
  codesign --force --timestamp --sign "$identity" "$dmg"
  xcrun notarytool submit "$dmg" --keychain-profile "$KADR_NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
  xcrun stapler staple "$app"
  spctl --assess --type open --context context:primary-signature -v "$dmg"
else
  echo "not notarised (no KADR_SIGN_IDENTITY/KADR_NOTARY_PROFILE): $dmg"
fi
echo "$dmg"
