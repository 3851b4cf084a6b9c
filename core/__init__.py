"""Mechanisms several apps share: anonymous links, charts, PDFs, CSVs, rate limits, client
addresses. Domain apps import from here; this package imports no domain app."""
