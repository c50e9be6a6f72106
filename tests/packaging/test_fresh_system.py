"""The slow proofs, on a fresh minimal Debian 12 root (debootstrap --variant=minbase) as a
newcomer's machine would be: the .deb installs with apt and Kadr works there; the README's
`make run` set-up works with only git, make and python3; the Linux wheelhouse installs
with the network cut.

Run by `make package-check` (as root, with network; several minutes each), not by
`make test`. Needs: debootstrap, a built .deb in dist/ (`make package`) and a wheelhouse
(`make wheelhouse PLATFORM=linux`) for the tests that use them; a missing one is skipped
with the command that makes it. KADR_MINBASE=DIR reuses a minimal root made earlier.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"

pytestmark = [pytest.mark.skipif(
    os.environ.get("KADR_PACKAGING_SLOW") != "1" or not sys.platform.startswith("linux"),
    reason="slow: run with `make package-check` (KADR_PACKAGING_SLOW=1, as root)"),
    pytest.mark.may_skip("minutes each: `make package-check`, not `make test`")]


def run(cmd: list[str], timeout: float = 1800, **kw) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


@pytest.fixture(scope="session")
def minbase(tmp_path_factory) -> Path:
    """A pristine minimal Debian 12 root, made once (or $KADR_MINBASE)."""
    if os.geteuid() != 0:
        pytest.skip("needs root (debootstrap, chroot)")
    given = os.environ.get("KADR_MINBASE")
    if given and (Path(given) / "usr" / "bin" / "apt-get").exists():
        return Path(given)
    if not shutil.which("debootstrap"):
        pytest.skip("debootstrap is missing: apt-get install debootstrap")
    root = tmp_path_factory.mktemp("minbase") / "bookworm"
    run(["debootstrap", "--variant=minbase", "bookworm", str(root), "http://deb.debian.org/debian"],
        timeout=3600)
    return root


@pytest.fixture
def fresh_root(minbase, tmp_path):
    """A throwaway copy of the minimal root with /proc, /dev and DNS, unmounted after."""
    root = tmp_path / "root"
    run(["cp", "-a", str(minbase), str(root)])
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


def test_deb_installs_and_works_in_a_fresh_minimal_debian(fresh_root):
    debs = sorted(DIST.glob("kadr_*.deb"))
    if not debs:
        pytest.skip("no .deb: run `make package` first")
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


def test_readme_set_up_works_on_a_bare_debian_with_git_make_python3(fresh_root):
    """bootstrap.sh installs python3-venv (missing on a bare system) and everything else."""
    chroot(fresh_root, "apt-get update -qq && apt-get install -y -qq --no-install-recommends "
                       "git make python3 >/dev/null")
    run(["git", "clone", "-q", "--depth", "1", f"file://{ROOT}", str(fresh_root / "kadr")])
    out = chroot(fresh_root, """
        cd /kadr
        bash packaging/bootstrap.sh run
        .venv/bin/python -m kadr --self-check
        QT_QPA_PLATFORM=offscreen .venv/bin/python -m kadr --example --exit-when-ready
    """)
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
