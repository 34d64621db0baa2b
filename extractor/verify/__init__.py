"""Verification helpers: history queries the checks in extractor.checks share (pure, cached)."""
