"""Benchmarks: measurements of newscrawl against shared data sets."""
