"""From a source's listing and accounts.csv to judged dossiers: parsing, grouping, change keys."""
