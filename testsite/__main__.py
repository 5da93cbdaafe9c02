"""python -m testsite --port PORT [--articles N] [--seed S] [--host H] [--layout 2026]
[--faults [all|MODE,MODE,...]] [--delay-ms MS] [--js] [--client-render] [--long-bodies KB,KB,...]"""

import argparse

from .content import TestSite
from .faults import parse_modes
from .pages import LAYOUTS
from .server import serve


def sizes(text):
    """A comma list of positive integers."""
    values = [int(part) for part in text.split(",")]
    if min(values) < 1:
        raise ValueError("sizes must be positive")
    return values


def main(argv=None):
    """Build the content model, then serve it (prints the base URL once listening)."""
    parser = argparse.ArgumentParser(prog="python -m testsite", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="TCP port; 0 picks a free one (default)")
    parser.add_argument("--articles", type=int, default=300, help="generated articles besides the seed (>= 1)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the content")
    parser.add_argument("--delay-ms", type=int, default=0, help="answer each page this many ms late (default 0)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on, also used in the base URL")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="2025", help="article page layout (default 2025)")
    parser.add_argument("--faults", nargs="?", const="all", type=parse_modes, metavar="MODES",
                        help="inject faults: all modes, or a comma list (see faults.MODES); "
                             "also serves the site on a second port")
    parser.add_argument("--js", action="store_true",
                        help="a few article bodies inserted by JavaScript; /tag/video/ loads more with a button")
    parser.add_argument("--client-render", action="store_true",
                        help="every article page built in the browser from __NEXT_DATA__ (2025 layout only)")
    parser.add_argument("--long-bodies", type=sizes, default=(), metavar="KB,KB,...",
                        help="one plain post per size gets a body of that many KB of text")
    args = parser.parse_args(argv)
    if args.client_render and args.layout != "2025":
        parser.error("--client-render builds the 2025 layout only")
    site = TestSite(articles=args.articles, seed=args.seed, long_bodies=args.long_bodies)
    serve(site, port=args.port, host=args.host, layout=args.layout,
          faults=args.faults, delay=args.delay_ms / 1000, js=args.js, client_render=args.client_render)


if __name__ == "__main__":
    main()
