"""The FAQ catalog's use cases: its command handlers, and a catalog file's entries checked and
planned into commands (the import). The record and the aggregate are in `domain.faq`."""
