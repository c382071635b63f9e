"""The consortium builder (issue 17 item 4): plain Python, no Django imports.

``rules`` holds what a consortium must satisfy and checks a given member set; ``solver`` finds the
best distinct consortia with OR-Tools CP-SAT and explains infeasible requirements; ``contract`` is
the file format of ``manage.py build_consortium``. The consortium builder page feeds the same
``solver.build`` from the database through the partnering selectors.
"""
