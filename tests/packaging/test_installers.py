"""The installer definitions hold together: the NSIS script compiles (on a stand-in bundle),
the .desktop file, AppStream metainfo and MIME type are valid, the spec and CI workflows
name files that exist. Fast: the real builds are `make package` / the CI workflows."""

import configparser
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


@pytest.mark.skipif(not shutil.which("makensis"), reason="makensis (Debian: nsis) is not installed")
def test_nsis_installer_compiles_per_user_with_silent_install(tmp_path):
    bundle = tmp_path / "kadr"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "Kadr.exe").write_bytes(b"MZ stand-in")
    (bundle / "kadr-cli.exe").write_bytes(b"MZ stand-in")
    shutil.copy(PACKAGING / "THIRD-PARTY-NOTICES.md", bundle / "_internal")
    script = (PACKAGING / "windows" / "kadr.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in script  # no admin rights
    assert '"$LOCALAPPDATA\\Programs\\Kadr"' in script  # per-user folder; /D= overrides it
    assert "WriteUninstaller" in script and "QuietUninstallString" in script
    assert "$SMPROGRAMS\\Kadr\\Kadr.lnk" in script
    result = subprocess.run(
        ["makensis", "-V2", "-DVERSION=0.1.0", f"-DBUNDLE={bundle}", f"-DOUT={tmp_path}",
         str(PACKAGING / "windows" / "kadr.nsi")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert (tmp_path / "Kadr-0.1.0-setup.exe").stat().st_size > 50_000


def test_desktop_file_names_the_program_icon_and_file_type():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / "kadr.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Exec"].split()[0] == "kadr" and d["Icon"] == "kadr"
    assert "Education" in d["Categories"].split(";")
    assert "application/x-kadr" in d["MimeType"]


def test_metainfo_and_mime_type_are_valid():
    meta = ET.parse(PACKAGING / "linux" / "kadr.metainfo.xml").getroot()
    assert meta.findtext("launchable") == "kadr.desktop"
    assert meta.findtext("project_license") == "MIT"
    if shutil.which("appstreamcli"):
        result = subprocess.run(["appstreamcli", "validate", "--no-net", "--format=text",
                                 str(PACKAGING / "linux" / "kadr.metainfo.xml")],
                                capture_output=True, text=True, timeout=120)
        problems = [line for line in result.stdout.splitlines() if re.match(r"[EW]: ", line)]
        # an id without a reverse domain is a warning only: Kadr has no domain of its own yet
        assert [p for p in problems if "cid-desktopapp-is-not-rdns" not in p] == []
    mime = ET.parse(PACKAGING / "linux" / "kadr-mime.xml").getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    assert mime.find(f"{ns}mime-type").get("type") == "application/x-kadr"


def test_spec_and_workflows_name_files_that_exist():
    spec = (PACKAGING / "kadr.spec").read_text(encoding="utf-8")
    for rel in ("kadr_main.py", "THIRD-PARTY-NOTICES.md"):
        assert rel in spec and (PACKAGING / rel).exists()
    assert "kadr/shipped/lessons" in spec and "kadr/shipped/examples" in spec  # as kadr.data
    assert "BUNDLE(" in spec
    for workflow in ("package-windows.yml", "package-macos.yml"):
        text = (ROOT / ".github" / "workflows" / workflow).read_text(encoding="utf-8")
        for path in re.findall(r"packaging/[\w./-]+\.(?:py|sh|spec|nsi)", text.replace("\\", "/")):
            assert (ROOT / path).exists(), f"{workflow} names {path}"


def test_icons_are_made_for_every_os(tmp_path):
    import sys

    out = subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    from PIL import Image

    assert Image.open(tmp_path / "kadr.ico").info["sizes"] >= {(16, 16), (32, 32), (256, 256)}
    assert Image.open(tmp_path / "kadr.icns").size == (1024, 1024)
    for size in (16, 48, 256, 512):
        assert Image.open(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "kadr.png").size == (size, size)
    assert (tmp_path / "hicolor" / "scalable" / "apps" / "kadr.svg").is_file()
