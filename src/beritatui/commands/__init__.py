"""One module per group of CLI commands; imported lazily by :mod:`beritatui.cli`."""
