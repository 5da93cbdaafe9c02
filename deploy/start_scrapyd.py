"""Start Scrapyd, unless its username or password is still a placeholder of deploy/scrapyd.conf.

    /opt/newscrawl/.venv/bin/python deploy/start_scrapyd.py [scrapyd options]

Run it where Scrapyd would run (its working directory holds ./scrapyd.conf or it reads
/etc/scrapyd/scrapyd.conf): the credentials are looked up as Scrapyd does, SCRAPYD_USERNAME and
SCRAPYD_PASSWORD in the environment first, then its config files. A placeholder (CHANGE-ME...)
exits with status 78 (EX_CONFIG; the systemd unit does not restart on it) and one line.
"""

import os
import sys

from scrapyd.__main__ import main
from scrapyd.config import Config

PLACEHOLDER = "CHANGE-ME"
EX_CONFIG = 78


def placeholders(config, environ):
    """The names of Scrapyd's credentials that are still placeholders."""
    values = {"username": environ.get("SCRAPYD_USERNAME") or config.get("username", ""),
              "password": environ.get("SCRAPYD_PASSWORD") or config.get("password", "")}
    return [name for name, value in values.items() if value.upper().startswith(PLACEHOLDER)]


if __name__ == "__main__":
    names = placeholders(Config(), os.environ)
    if names:
        still = "are still placeholders" if len(names) > 1 else "is still a placeholder"
        print(f"start_scrapyd: not starting: Scrapyd's {' and '.join(names)} {still} ({PLACEHOLDER}...); "
              "set real ones in scrapyd.conf or in SCRAPYD_USERNAME and SCRAPYD_PASSWORD", file=sys.stderr)
        sys.exit(EX_CONFIG)
    main()
