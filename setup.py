"""Build script of psycopg2-cluster: the psycopg2 package from lib/ plus the
C extension psycopg2._psycopg compiled from every psycopg/*.c over libpq.

libpq is found with pg_config ($PG_CONFIG overrides which one).
Environment knobs:
  PG_CONFIG=/path/to/pg_config   which libpq to build against
  PSYCOPG_WERROR=1               turn warnings into errors (make check)
  PSYCOPG_DEBUG=1                -O0 -g and the PSYCOPG_DEBUG macro
  PSYCOPG_SANITIZE=address,undefined   build with -fsanitize=... (make sanitize)
  PSYCOPG_BUILD_DIR=dir          setuptools build directory (default build/)
"""

import configparser
import glob
import os
import re
import shutil
import subprocess

from setuptools import setup, find_packages, Extension
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
INSTALL_HINT = ("install the libpq development files (Debian/Ubuntu: "
                "`apt-get install libpq-dev`) or set PG_CONFIG=/path/to/pg_config")


def read_version():
    cfg = configparser.ConfigParser()
    cfg.read(os.path.join(HERE, "setup.cfg"))
    return cfg["metadata"]["version"]


VERSION = read_version()


class BuildError(SystemExit):
    """Exits with one readable line instead of a traceback."""

    def __init__(self, msg):
        super().__init__(f"error: {msg}")


def find_pg_config():
    env = os.environ.get("PG_CONFIG")
    if env:
        path = env if os.sep in env else shutil.which(env)
        if not path or not os.access(path, os.X_OK):
            raise BuildError(f"PG_CONFIG={env} is not an executable pg_config")
        return path
    path = shutil.which("pg_config")
    if path:
        return path
    cands = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_config"),
                   key=lambda p: [int(x) for x in re.findall(r"\d+", p)])
    if cands:
        return cands[-1]
    raise BuildError(f"pg_config not found: {INSTALL_HINT}")


def pg_config(exe, opt):
    try:
        out = subprocess.run([exe, opt], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        raise BuildError(f"`{exe} {opt}` failed ({e}): {INSTALL_HINT}")
    return out.stdout.strip()


def libpq_version_num(version_text):
    """'PostgreSQL 15.18 (Debian ...)' -> 150018; '9.6.3' -> 90603."""
    m = re.search(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?", version_text)
    if not m:
        raise BuildError(f"cannot parse pg_config --version: {version_text!r}")
    major, minor, patch = (int(x) if x else 0 for x in m.groups())
    if major >= 10:
        return major * 10000 + minor
    return major * 10000 + minor * 100 + patch


class psycopg_build_ext(build_ext):
    """Fills in libpq's paths at build time, so that `setup.py --version`
    and sdist work on a machine without libpq."""

    def finalize_options(self):
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1

    def build_extensions(self):
        exe = find_pg_config()
        includedir = pg_config(exe, "--includedir")
        libdir = pg_config(exe, "--libdir")
        version = pg_config(exe, "--version")
        if not os.path.exists(os.path.join(includedir, "libpq-fe.h")):
            raise BuildError(f"libpq-fe.h not found in {includedir}: {INSTALL_HINT}")
        sanitize = os.environ.get("PSYCOPG_SANITIZE", "").strip()
        for ext in self.extensions:
            ext.include_dirs += [includedir]
            ext.library_dirs += [libdir]
            if not libdir.startswith(("/usr/lib", "/lib", "/usr/lib64")):
                ext.runtime_library_dirs += [libdir]
            ext.define_macros += [
                ("PSYCOPG_LIBPQ_VERSION", str(libpq_version_num(version))),
            ]
            if os.environ.get("PSYCOPG_WERROR") == "1":
                ext.extra_compile_args += ["-Werror"]
            if os.environ.get("PSYCOPG_DEBUG") == "1":
                ext.extra_compile_args += ["-O0", "-g3"]
                ext.define_macros += [("PSYCOPG_DEBUG", "1")]
            if sanitize:
                flags = [f"-fsanitize={sanitize}", "-fno-omit-frame-pointer",
                         "-g", "-O1"]
                ext.extra_compile_args += flags
                ext.extra_link_args += [f"-fsanitize={sanitize}"]
        try:
            super().build_extensions()
        except Exception as e:  # compiler errors are printed above already
            if type(e).__name__ in ("CompileError", "LinkError"):
                raise BuildError("building psycopg2._psycopg failed (compiler output above)")
            raise


def extension():
    sources = sorted(glob.glob("psycopg/*.c"))
    if not sources:
        raise BuildError("no C sources in psycopg/")
    return Extension(
        "psycopg2._psycopg",
        sources=sources,
        depends=sorted(glob.glob("psycopg/*.h")),
        include_dirs=["psycopg"],
        libraries=["pq"],
        define_macros=[
            ("PSYCOPG_VERSION", f'"{VERSION} (dt dec pq3 ext lo64)"'),
            ("PSYCOPG_VERSION_SHORT", f'"{VERSION}"'),
        ],
        extra_compile_args=["-Wall", "-Wextra"],
    )


def packages():
    subs = [p for p in find_packages("lib") if not p.startswith(("tests", "test."))]
    return ["psycopg2"] + [f"psycopg2.{p}" for p in subs]


options = {}
build_dir = os.environ.get("PSYCOPG_BUILD_DIR")
if build_dir:
    options["build"] = {"build_base": build_dir}
    options["egg_info"] = {"egg_base": build_dir}
    os.makedirs(build_dir, exist_ok=True)

setup(
    version=VERSION,
    packages=packages(),
    package_dir={"psycopg2": "lib"},
    package_data={"psycopg2": ["py.typed", "*.pyi"],
                  **{p: ["*.pyi", "py.typed"] for p in packages()[1:]}},
    ext_modules=[extension()],
    cmdclass={"build_ext": psycopg_build_ext},
    options=options,
)
