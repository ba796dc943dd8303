"""The FAQ catalog's edges: its HTTP routes, the `pasokh faqs` commands and catalog files
(JSON and CSV)."""
