"""The slow proofs, on fresh minimal roots (debootstrap --variant=minbase) as a newcomer's
machine would be: the .deb installs with apt and Kadr works there (Debian 12, Ubuntu 22.04
and 24.04: `make package` as root builds it in an Ubuntu 22.04 root, for glibc 2.35);
the README's `make run` set-up works with only git, make and python3 (Debian 12, Ubuntu
22.04, again without jammy-updates for the Python 3.10 route, and Ubuntu 24.04); the Linux
wheelhouse installs with the network cut.

Run by `make package-check` (as root, with network; several minutes each), not by
`make test`. Needs: debootstrap and the Ubuntu archive keyring (`packaging/bootstrap.sh
package` installs them), a built .deb in dist/ (`make package`) and a wheelhouse
(`make wheelhouse PLATFORM=linux`) for the tests that use them; a missing one is skipped
with the command that makes it. Each suite's root is made once per session;
KADR_MINBASE=DIR keeps them in DIR/bookworm, DIR/jammy, DIR/noble for the next run.
"""

import os
import re
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"

pytestmark = [pytest.mark.skipif(
    os.environ.get("KADR_PACKAGING_SLOW") != "1" or not sys.platform.startswith("linux"),
    reason="slow: run with `make package-check` (KADR_PACKAGING_SLOW=1, as root)"),
    pytest.mark.may_skip("minutes each: `make package-check`, not `make test`")]

UBUNTU = "http://archive.ubuntu.com/ubuntu"
UBUNTU_SECURITY = "http://security.ubuntu.com/ubuntu"
DEBIAN = "http://deb.debian.org/debian"
DEBIAN_SECURITY = "http://deb.debian.org/debian-security"
UBUNTU_KEYRING = "/usr/share/keyrings/ubuntu-archive-keyring.gpg"
UBUNTU_COMPONENTS = "main restricted universe multiverse"


@dataclass(frozen=True)
class Distro:
    suite: str
    mirror: str
    # apt's sources as a real install of it has them (debootstrap writes only `SUITE main`)
    sources: tuple[str, ...]
    python: str  # the Python bootstrap.sh gives .venv there
    pyside: str  # the PySide6 series Kadr installs with it
    glibc: str  # its libc6, the newest glibc a program built elsewhere may ask for
    keyring: str | None = None


DISTROS = {
    "debian-12": Distro(
        "bookworm", DEBIAN,
        (f"{DEBIAN} bookworm main", f"{DEBIAN} bookworm-updates main",
         f"{DEBIAN_SECURITY} bookworm-security main"), "3.11", "6.11", "2.36"),
    # universe holds python3-venv, espeak-ng and libxcb-cursor0; jammy-updates python3.11
    "ubuntu-22.04": Distro(
        "jammy", UBUNTU,
        (f"{UBUNTU} jammy {UBUNTU_COMPONENTS}", f"{UBUNTU} jammy-updates {UBUNTU_COMPONENTS}",
         f"{UBUNTU_SECURITY} jammy-security {UBUNTU_COMPONENTS}"), "3.11", "6.11", "2.35",
        UBUNTU_KEYRING),
    # without jammy-updates there is no python3.11: the Python 3.10 route
    "ubuntu-22.04-python3.10": Distro(
        "jammy", UBUNTU,
        (f"{UBUNTU} jammy {UBUNTU_COMPONENTS}",
         f"{UBUNTU_SECURITY} jammy-security {UBUNTU_COMPONENTS}"), "3.10", "6.11", "2.35",
        UBUNTU_KEYRING),
    "ubuntu-24.04": Distro(
        "noble", UBUNTU,
        (f"{UBUNTU} noble {UBUNTU_COMPONENTS}", f"{UBUNTU} noble-updates {UBUNTU_COMPONENTS}",
         f"{UBUNTU_SECURITY} noble-security {UBUNTU_COMPONENTS}"), "3.12", "6.12", "2.39",
        UBUNTU_KEYRING),
}


def run(cmd: list[str], timeout: float = 1800, **kw) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


def debootstrap(distro: Distro, root: Path) -> None:
    """A minimal root of `distro` in root, made beside it and moved there whole."""
    if distro.keyring and not Path(distro.keyring).is_file():
        pytest.skip(f"no {distro.keyring}: `bash packaging/bootstrap.sh package` installs it")
    try:
        urllib.request.urlopen(f"{distro.mirror}/dists/{distro.suite}/Release", timeout=30).close()
    except OSError as error:
        pytest.skip(f"{distro.mirror} is not reachable from here: {error}")
    args = ["--variant=minbase"] + ([f"--keyring={distro.keyring}"] if distro.keyring else [])
    # a debootstrap older than the suite has no script for it; every Ubuntu one is gutsy's
    script = Path("/usr/share/debootstrap/scripts")
    extra = [] if (script / distro.suite).exists() else [str(script / "gutsy")]
    part = root.with_name(root.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    run(["debootstrap", *args, distro.suite, str(part), distro.mirror, *extra], timeout=3600)
    part.rename(root)


@pytest.fixture(scope="session")
def minbase(tmp_path_factory):
    """minbase(distro): a pristine minimal root of that suite, made once a session (or kept
    in $KADR_MINBASE/SUITE); its apt sources are written into each copy."""
    if os.geteuid() != 0:
        pytest.skip("needs root (debootstrap, chroot)")
    made: dict[str, Path] = {}
    keep = os.environ.get("KADR_MINBASE")

    def get(distro: Distro) -> Path:
        if distro.suite not in made:
            home = Path(keep) if keep else tmp_path_factory.mktemp("minbase")
            root = home / distro.suite
            if not (root / "usr" / "bin" / "apt-get").exists():
                if not shutil.which("debootstrap"):
                    pytest.skip("debootstrap is missing: `bash packaging/bootstrap.sh package`")
                home.mkdir(parents=True, exist_ok=True)
                debootstrap(distro, root)
            made[distro.suite] = root
        return made[distro.suite]
    return get


@pytest.fixture
def fresh_root(request, minbase, tmp_path):
    """A throwaway copy of a minimal root (Debian 12 unless parametrized with a DISTROS
    name) with /proc, /dev and DNS, unmounted after."""
    distro = DISTROS[getattr(request, "param", "debian-12")]
    root = tmp_path / "root"
    run(["cp", "-a", str(minbase(distro)), str(root)])
    (root / "etc" / "apt" / "sources.list").write_text(
        "".join(f"deb {line}\n" for line in distro.sources))
    shutil.copy("/etc/resolv.conf", root / "etc" / "resolv.conf")
    # trust what this machine trusts (a network behind a TLS-inspecting proxy has its own CA)
    host_cas = Path(os.environ.get("SSL_CERT_FILE") or "/etc/ssl/certs/ca-certificates.crt")
    if host_cas.is_file():
        shutil.copy(host_cas, root / "etc" / "host-ca-certificates.crt")
    probe = subprocess.run(["mount", "-t", "proc", "proc", str(root / "proc")],
                           capture_output=True, text=True)
    if probe.returncode != 0:  # a container without the right to mount (CAP_SYS_ADMIN)
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"this machine does not allow mounting /proc in a chroot: {probe.stderr}")
    subprocess.run(["umount", str(root / "proc")], check=True)
    mounts = []
    for what, args in (("proc", ["-t", "proc", "proc"]), ("dev", ["--bind", "/dev"]),
                       ("dev/pts", ["--bind", "/dev/pts"])):
        run(["mount", *args, str(root / what)])
        mounts.append(root / what)
    yield root
    for mount in reversed(mounts):
        subprocess.run(["umount", "-l", str(mount)], check=False)
    shutil.rmtree(root, ignore_errors=True)


def chroot(root: Path, script: str, timeout: float = 3600) -> str:
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root", "LANG": "C.UTF-8",
           "DEBIAN_FRONTEND": "noninteractive", "QT_QPA_PLATFORM": "offscreen"}
    if (root / "etc" / "host-ca-certificates.crt").is_file():
        env["PIP_CERT"] = env["SSL_CERT_FILE"] = "/etc/host-ca-certificates.crt"
    return run(["chroot", str(root), "/bin/bash", "-euxo", "pipefail", "-c", script],
               timeout=timeout, env=env).stdout


def glibc_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


# The oldest glibc first: built in the Ubuntu 22.04 root, the bundle needs 2.35.
@pytest.mark.parametrize("fresh_root", ["ubuntu-22.04", "debian-12", "ubuntu-24.04"], indirect=True)
def test_deb_installs_and_works_in_a_fresh_minimal_system(fresh_root, request):
    distro = DISTROS[request.node.callspec.params["fresh_root"]]
    debs = sorted(DIST.glob("kadr_*.deb"))
    if not debs:
        pytest.skip("no .deb: run `make package` first")
    depends = run(["dpkg-deb", "-f", str(debs[-1]), "Depends"]).stdout
    needed = re.search(r"libc6 \(>= ([\d.]+)\)", depends)
    assert needed, f"the .deb names no glibc: {depends}"
    # This machine may chroot (fresh_root did), so `make package` as root builds for 2.35
    assert glibc_key(needed[1]) <= glibc_key(distro.glibc), (
        f"{debs[-1].name} needs glibc {needed[1]}, {distro.suite} has {distro.glibc}: it was "
        "built on this machine, not in the Ubuntu 22.04 root (a normal user's `make package`, "
        "KADR_BUILD=host, or a fallback `make package` announced); `make package` as root "
        "builds it there")
    shutil.copy(debs[-1], fresh_root / "tmp" / "kadr.deb")
    shutil.copy(ROOT / "assets" / "examples" / "bouncing-ball.kadr", fresh_root / "tmp")
    out = chroot(fresh_root, """
        apt-get update -qq
        apt-get install -y -qq /tmp/kadr.deb >/dev/null
        kadr --version
        kadr --self-check
        kadr lessons check || [ $? = 1 ]   # a lesson being edited may have an error
        kadr export /tmp/bouncing-ball.kadr /tmp/ball.gif
        test -s /tmp/ball.gif
        kadr export /tmp/bouncing-ball.kadr /tmp/ball.mp4
        test -s /tmp/ball.mp4
        kadr --exit-when-ready
        test -f /usr/share/applications/kadr.desktop
        test -f /usr/share/icons/hicolor/256x256/apps/kadr.png
        test -f /usr/share/doc/kadr/THIRD-PARTY-NOTICES.md
        apt-get remove -y -qq kadr >/dev/null
        test ! -e /opt/kadr/kadr
    """)
    assert "Kadr 0." in out and "ready" in out


PRINT_VERSIONS = 'import platform, PySide6; print("versions", platform.python_version(), PySide6.__version__)'


@pytest.mark.parametrize("fresh_root", list(DISTROS), indirect=True)
def test_readme_set_up_works_on_a_bare_system_with_git_make_python3(fresh_root, request):
    """bootstrap.sh installs python3-venv (missing on a bare system) and everything else,
    and picks the Python and PySide6 that suit that system."""
    distro = DISTROS[request.node.callspec.params["fresh_root"]]
    chroot(fresh_root, "apt-get update -qq && apt-get install -y -qq --no-install-recommends "
                       "git make python3 >/dev/null")
    run(["git", "clone", "-q", "--depth", "1", f"file://{ROOT}", str(fresh_root / "kadr")])
    out = chroot(fresh_root, f"""
        VERSIONS='{PRINT_VERSIONS}'
        cd /kadr
        bash packaging/bootstrap.sh run
        .venv/bin/python -c "$VERSIONS"
        .venv/bin/python -m kadr --self-check
        QT_QPA_PLATFORM=offscreen .venv/bin/python -m kadr --example --exit-when-ready
        # a second run finds everything there (a non-root `make test` would stop otherwise)
        bash packaging/bootstrap.sh run | tee /tmp/again
        if grep 'system packages' /tmp/again; then exit 1; fi
    """)
    versions = next(line.split()[1:] for line in out.splitlines() if line.startswith("versions "))
    assert versions[0].startswith(distro.python + ".") and versions[1].startswith(distro.pyside + ".")
    assert "ready" in out


def working_python(version: str) -> str | None:
    """A python<version> that really runs (a pyenv shim on PATH may not)."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = [shutil.which(f"python{version}"), f"/usr/bin/python{version}",
                  *sorted(str(p / "bin" / "python3") for p in pyenv.glob(f"{version}*"))]
    for candidate in filter(None, candidates):
        try:
            if subprocess.run([candidate, "-c", "import venv"], capture_output=True,
                              timeout=60).returncode == 0:
                return candidate
        except OSError:
            continue
    return None


def test_linux_wheelhouse_installs_with_the_network_cut(tmp_path):
    houses = sorted(DIST.glob("wheelhouse-linux-*"))
    if not houses:
        pytest.skip("no wheelhouse: run `make wheelhouse PLATFORM=linux`")
    house = houses[-1]
    version = house.name.rsplit("-", 1)[1]
    python = working_python(version)
    if not python:
        pytest.skip(f"no python{version} here to install the {version} wheelhouse into")
    venv = tmp_path / "venv"
    run([python, "-m", "venv", str(venv)])
    # unshare -n: a new network namespace with no interface but loopback
    run(["unshare", "-n", str(venv / "bin" / "python"), "-m", "pip", "install", "--isolated",
         "--no-index", "--find-links", str(house), "kadr"], timeout=900)
    out = run(["unshare", "-n", str(venv / "bin" / "kadr"), "--self-check"],
              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=tmp_path).stdout
    assert "Qt" in out
    lessons = run([str(venv / "bin" / "python"), "-c",
                   "from kadr.data import lessons_dir; print(lessons_dir())"], cwd=tmp_path).stdout
    assert "site-packages/kadr/shipped/lessons" in lessons
