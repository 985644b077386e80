"""Is a page signed: where the signature belongs, and whether handwriting is there."""
