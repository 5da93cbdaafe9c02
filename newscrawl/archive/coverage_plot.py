"""coverage --plot: articles per publication day, the site's list against the archive, days with gaps marked."""

from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")  # files only, no display: before pyplot is imported
from matplotlib import pyplot  # noqa: E402


def daily_series(coverage):
    """(days, listed, archived) for every day from the first listed to the last, zeros filled in."""
    known = sorted(day for day in coverage.listed if day)
    if not known:
        return [], [], []
    first, last = date.fromisoformat(known[0]), date.fromisoformat(known[-1])
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    keys = [day.isoformat() for day in days]
    return days, [coverage.listed[key] for key in keys], [coverage.archived[key] for key in keys]


def plot(coverage, path, title="Articles per publication day"):
    """Write a PNG: the site's articles per day as bars, the archive's as a line, each gap as a red mark."""
    days, listed, archived = daily_series(coverage)
    figure, axes = pyplot.subplots(figsize=(12, 4.5), dpi=100, layout="constrained")
    try:
        axes.bar(days, listed, width=1.0, color="#b8c4d6", label="the site lists")
        axes.step(days, archived, where="mid", color="#1f4e8c", linewidth=1.2, label="the archive holds")
        gaps = [(day, count) for day, count, held in zip(days, listed, archived) if held < count]
        if gaps:
            axes.scatter([day for day, _ in gaps], [count + 0.3 for _, count in gaps], marker="v", color="#d62728",
                         zorder=3, label=f"days with missing articles ({len(gaps)})")
        missing = sum(listed) - sum(archived)
        axes.set_title(f"{title}: {sum(archived)} of {sum(listed)} archived, {missing} missing")
        axes.set_ylabel("articles")
        axes.set_ylim(bottom=0)
        axes.legend(loc="upper left")
        axes.grid(axis="y", alpha=0.3)
        figure.savefig(path, format="png")
    finally:
        pyplot.close(figure)
