"""The `justif` command line."""
