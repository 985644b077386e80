"""Score justif against ground truth: labelled corpora and outside MRZ specimens."""
