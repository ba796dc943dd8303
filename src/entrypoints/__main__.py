"""`python -m entrypoints` is the `pasokh` command."""

from entrypoints.cli import main

raise SystemExit(main())
