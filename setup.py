"""Package discovery, which pyproject.toml cannot combine with the two renamed folders (cli/, examples/).

Every package under neurosim/ is found, so a new subpackage cannot silently fail to ship; everything else about
the distribution is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["neurosim", "neurosim.*"]), "neurosim_cli", "neurosim.examples"])
