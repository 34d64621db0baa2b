"""Claim + market → Finding: one module per claim kind; extractor.checks.check_claim dispatches to them."""
