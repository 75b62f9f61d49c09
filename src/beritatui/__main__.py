"""Allow ``python -m beritatui``."""

from beritatui.cli import main

raise SystemExit(main())
