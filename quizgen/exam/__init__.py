"""Randomised exams: one spec, many versions, keys and LMS exports.

The modules each do one job, in pipeline order:

* :mod:`.spec`      read and validate an exam spec (TOML)
* :mod:`.versions`  per-version seeds (HMAC of a secret, or a practice seed) and version codes
* :mod:`.assemble`  build every version: pools, question order, option order, distinctness
* :mod:`.answers`   numbers as students write them and as keys store them
* :mod:`.keycsv`    ``key.csv`` for grading by script or spreadsheet (written and read back)
* :mod:`.lms`       HTML fragments with MathJax delimiters, shared by the LMS exports
* :mod:`.moodle`    Moodle XML question bank
* :mod:`.qti`       QTI 2.1 package
* :mod:`.sheets`    student copies and answer keys, HTML and PDF, on the sheet renderer
* :mod:`.keytable`  one table of every version's answers
* :mod:`.build`     write an exam's outputs into a folder (what ``quizgen exam`` calls)
* :mod:`.grade`     score a class's responses against ``key.csv`` (what ``quizgen grade`` calls)
"""
