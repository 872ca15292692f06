"""Builds the mirgene Python package with CMake for pip (`pip install . --no-build-isolation`).

The extension mirgene._core and the package directory (Python files, type stubs, the shipped
models) are assembled by the CMake target `mirgene_python` (python/CMakeLists.txt) in
build-pip/cmake/python/mirgene/, then copied into the wheel. Environment:
  CMAKE_ARGS                extra CMake options (e.g. -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
                            -DMIRGENE_NATIVE=OFF for a package that runs on other CPUs)
  CMAKE_BUILD_PARALLEL_LEVEL  parallel compile jobs (default: every core)
  MIRGENE_CMAKE_BUILD_DIR   an already configured CMake build directory to build in instead
                            (it is not reconfigured; the tests use their own build this way)
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text()
    return re.search(r"project\(mirgene VERSION ([0-9.]+)", text).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        given = os.environ.get("MIRGENE_CMAKE_BUILD_DIR")
        build_dir = Path(given) if given else Path(self.build_temp).resolve() / "cmake"
        if not given:
            subprocess.run(
                ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                 "-DMIRGENE_BUILD_TESTS=OFF", "-DMIRGENE_BUILD_BENCH=OFF",
                 "-DMIRGENE_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}",
                 *shlex.split(os.environ.get("CMAKE_ARGS", ""))],
                check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "mirgene_python",
                        "-j", jobs], check=True)
        built = build_dir / "python" / "mirgene"
        target = Path(self.get_ext_fullpath(ext.name)).parent
        target.mkdir(parents=True, exist_ok=True)
        for item in built.iterdir():
            if item.name == "__pycache__":
                continue
            if item.is_dir():
                shutil.copytree(item, target / item.name, dirs_exist_ok=True)
            else:
                shutil.copy2(item, target / item.name)
        if not Path(self.get_ext_fullpath(ext.name)).is_file():
            raise RuntimeError(f"{self.get_ext_fullpath(ext.name)} was not built")


setup(
    version=project_version(),
    packages=["mirgene"],
    package_dir={"": "python"},
    package_data={"mirgene": ["__init__.pyi", "py.typed"]},
    ext_modules=[Extension("mirgene._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
