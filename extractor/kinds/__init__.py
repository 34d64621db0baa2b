"""The rules for each kind of claim, one module per kind; extractor.rules runs them."""
