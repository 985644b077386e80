"""Scripts that print timings and memory figures of justif (not tests)."""
