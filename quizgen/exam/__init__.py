"""Randomised exams: one spec, many versions, keys and LMS exports.

The modules each do one job, in pipeline order:

* :mod:`.spec`      read and validate an exam spec (TOML)
* :mod:`.versions`  per-version seeds (HMAC of a secret, or a practice seed) and version codes
* :mod:`.assemble`  build every version: pools, question order, option order, distinctness
* :mod:`.keycsv`    ``key.csv`` for grading by script or spreadsheet
* :mod:`.moodle`    Moodle XML question bank
* :mod:`.qti`       QTI 2.1 package
* :mod:`.sheets`    student copies and answer keys, HTML and PDF
* :mod:`.grade`     score a class's responses against ``key.csv``
"""
