"""The Scrapyd egg of newscrawl: `scrapyd-deploy` builds it from this file.

Only for Scrapyd: the settings entry point, the package with the data files it
reads at run time (the Alembic migrations), and no tests, benchmarks or test site
(``testsite/`` is a top-level package of the checkout, outside the egg).
Dependencies are installed where Scrapyd runs, from requirements.txt.
"""

from setuptools import find_packages, setup

setup(
    name="newscrawl",
    version="0.1",
    packages=find_packages(include=["newscrawl", "newscrawl.*"]),
    # Migration scripts are not a package (no __init__.py), so they are listed as data.
    package_data={"newscrawl.archive.migrations": ["script.py.mako", "versions/*.py"]},
    entry_points={"scrapy": ["settings = newscrawl.settings"]},
    zip_safe=False,
)
