"""Figures for people: what changed between runs, the dashboard's tables, reminders."""
