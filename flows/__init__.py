"""Prefect flows and tasks: orchestration only, every task a thin wrapper of a pure function."""
