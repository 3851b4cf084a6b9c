"""Mechanisms several apps share: anonymous links, charts, PDFs, CSVs, rate limits, client
addresses, secrets kept out of logs, responses kept out of caches. Domain apps import from
here; this package imports no domain app."""
