"""The staff app's routes, one module per page family."""
