# Two commands do everything: `make run` and `make test` (see README.md).
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench lint setup clean package icons wheelhouse package-check windows-installer

run:
	@bash packaging/bootstrap.sh run
	@$(PY) -m kadr --example

test:
	@bash packaging/bootstrap.sh test
	@$(PY) -m pytest

bench:
	@bash packaging/bootstrap.sh test
	@$(PY) benchmarks/run.py

lint:
	@bash packaging/bootstrap.sh test
	@$(VENV)/bin/ruff check app tests benchmarks
	@$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache build dist

# Packaging (packaging/README.md). Not part of `make test`: each takes minutes.
# The Linux one-folder bundle and a .deb in dist/, with the bundle's size by part and the
# glibc it needs. As root it is built inside a minimal Ubuntu 22.04 root (glibc 2.35, kept
# in /var/tmp/kadr-build-jammy); KADR_BUILD=host builds on this machine (its glibc).
package:
	@bash packaging/build_linux.sh

# Application icons (hicolor PNGs, .ico, .icns) from app/kadr/assets/kadr.svg in build/icons.
icons:
	@bash packaging/bootstrap.sh run
	@$(PY) packaging/make_icons.py build/icons

# Every wheel Kadr needs, for offline installs: PLATFORM=linux|windows|macos|macos-x86_64
# (PYTHON=3.12 by default), resolved for that platform, in dist/wheelhouse-PLATFORM-PYTHON.
PLATFORM ?= linux
PYTHON ?= 3.12
wheelhouse:
	@bash packaging/bootstrap.sh run
	@bash packaging/wheelhouse.sh $(PLATFORM) $(PYTHON)

# The slow proofs (as root; debootstrap): the .deb in fresh minimal Debian 12 and Ubuntu 24.04
# roots, the README set-up on bare Debian 12, Ubuntu 22.04 and 24.04; offline install from
# the Linux wheelhouse (network cut). KADR_MINBASE=DIR keeps the roots for the next run.
package-check:
	@bash packaging/bootstrap.sh package
	@KADR_PACKAGING_SLOW=1 $(PY) -m pytest -q tests/packaging

# The Windows installer from a Windows bundle in dist/windows/kadr (packaging/windows/).
windows-installer:
	@bash packaging/bootstrap.sh run
	@$(PY) packaging/make_icons.py build/icons
	makensis -V2 -DVERSION=$$($(PY) -c 'import kadr; print(kadr.__version__)') \
	  -DBUNDLE=$(CURDIR)/dist/windows/kadr -DICON=$(CURDIR)/build/icons/kadr.ico \
	  -DOUT=$(CURDIR)/dist packaging/windows/kadr.nsi
