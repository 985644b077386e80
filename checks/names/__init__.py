"""Names as the identity document and the account write them: transliteration and comparison."""
