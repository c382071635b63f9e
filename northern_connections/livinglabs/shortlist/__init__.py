"""Living Lab shortlisting as plain Python (no Django): the part of issue 12 a board must be able to check.

- :mod:`.mcda`: weighted sum with min–max normalisation and TOPSIS (Hwang & Yoon 1981) with vector
  normalisation; assessor aggregation with disagreement.
- :mod:`.selection`: exactly k per region plus optional rules (at most n per host organisation, a
  minimum number of value chains per country), solved exactly: per-region top-k when no rule binds,
  OR-Tools CP-SAT when one does.
- :mod:`.sensitivity`: Monte Carlo weight perturbation (±20 % by default, seeded), vectorised.
- :mod:`.explain`: a plain-language reason for every selected and rejected candidate.
- :mod:`.contract`: the file contract of ``manage.py shortlist_living_labs``.

The Django app feeds these from its selectors (``livinglabs.selectors.round_problem``); the batch
command feeds them from a file. Both call :func:`.run.shortlist`, so a page and a file give the same result.
"""
