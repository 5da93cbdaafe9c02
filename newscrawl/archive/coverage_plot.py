"""coverage --plot: articles per publication day (week, month for long spans), site against archive.

Each bar is what the site lists: its archived part in blue, the missing part in red on top, so
that every gap shows. A span of more than 120 days is drawn per week, of more than two years per
month, so that bars stay wider than a pixel.
"""

from collections import Counter
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")  # files only, no display: before pyplot is imported
from matplotlib import pyplot  # noqa: E402

UNITS = ((120, "day", 1), (730, "week", 7), (None, "month", 30))  # (longest span in days, unit, bar width)


def _start(day, unit):
    """The first day of the day's week or month."""
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1) if unit == "month" else day


def _next(day, unit):
    if unit == "month":
        return (day + timedelta(days=32)).replace(day=1)
    return day + timedelta(days=7 if unit == "week" else 1)


def series(coverage):
    """(unit, bar width, bins, listed, archived): counts per bin, every bin from the first to the last."""
    known = sorted(date.fromisoformat(day) for day in coverage.listed if day)
    if not known:
        return "day", 1, [], [], []
    span = (known[-1] - known[0]).days
    _, unit, width = next(choice for choice in UNITS if choice[0] is None or span <= choice[0])
    listed, archived = Counter(), Counter()
    for day in known:
        key = _start(day, unit)
        listed[key] += coverage.listed[day.isoformat()]
        archived[key] += coverage.archived[day.isoformat()]
    bins, current = [], _start(known[0], unit)
    while current <= known[-1]:
        bins.append(current)
        current = _next(current, unit)
    return unit, width, bins, [listed[b] for b in bins], [archived[b] for b in bins]


def plot(coverage, path):
    """Write the PNG."""
    unit, width, bins, listed, archived = series(coverage)
    missing = [count - held for count, held in zip(listed, archived)]
    figure, axes = pyplot.subplots(figsize=(12, 4.5), dpi=100, layout="constrained")
    try:
        axes.bar(bins, archived, width=width, align="edge", color="#1f4e8c", label="archived")
        axes.bar(bins, missing, width=width, align="edge", bottom=archived, color="#d62728",
                 label=f"missing ({sum(missing)}, in {sum(1 for count in missing if count)} {unit}s)")
        unknown = coverage.listed[None]
        note = f"; {unknown} of unknown day not shown" if unknown else ""
        axes.set_title(f"Articles per {unit} of publication: the archive holds {sum(archived)} of the "
                       f"{sum(listed)} the site lists{note}")
        axes.set_ylabel(f"articles per {unit}")
        axes.set_ylim(bottom=0)
        axes.legend(loc="upper left")
        axes.grid(axis="y", alpha=0.3)
        figure.savefig(path, format="png")
    finally:
        pyplot.close(figure)
