"""Writing the answer: the Answer record and its JSON, the Chinese text (conclusion, steps, conditions,
clause, notices), the catalogue of award rules in words, and the guard that stops any figure no source
supports."""
