"""Sphinx configuration of the psycopg2-cluster documentation.

Build with `make doc` (needs the package installed in .venv for autodoc).
"""

import configparser
import os

_here = os.path.dirname(os.path.abspath(__file__))
_cfg = configparser.ConfigParser()
_cfg.read(os.path.join(_here, "..", "setup.cfg"))

project = "psycopg2-cluster"
author = "psycopg2-cluster developers"
copyright = "psycopg2-cluster developers"
release = _cfg["metadata"]["version"]
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]
autodoc_member_order = "bysource"

templates_path = []
exclude_patterns = ["_build"]
html_theme = "alabaster"
