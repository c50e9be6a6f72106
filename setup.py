"""Build step that puts the shipped lessons and the example film into the package.

``lessons/`` and ``assets/examples/`` stay at the top of the source tree (teachers and the
lesson tools work there); a wheel or sdist-built install carries them as package data in
``kadr/shipped/`` where kadr.data finds them. Editable installs read the source tree.
Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = {"lessons": HERE / "lessons", "examples": HERE / "assets" / "examples"}
LEFT_OUT = shutil.ignore_patterns("*.py", "*.pyc", "__pycache__", ".*")


class BuildPyWithShippedData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # kadr.data reads the source tree
        target = Path(self.build_lib) / "kadr" / "shipped"
        for name, source in SHIPPED.items():
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=LEFT_OUT, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithShippedData})
