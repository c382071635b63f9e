"""``manage.py build_consortium``: propose the best consortia for a call's rules from a JSON file, without the database.

A thin wrapper: the file contract is ``partnering.builder.contract``, the solver
``partnering.builder.solver`` (the same code the consortium builder page runs); reading and
writing files is the batch-command base's.
"""

from __future__ import annotations

from northern_connections.core.management.batch import INPUT_RULES, BatchCommand, ascii_int, ascii_number
from northern_connections.partnering.builder import contract
from northern_connections.partnering.builder.solver import DEFAULT_TIME_LIMIT, DEFAULT_TOP, build


class Command(BatchCommand):
    help = (
        "Propose the --top best distinct consortia (default 3) for a call's rules, maximising the members' total "
        "fit with OR-Tools CP-SAT: every competence covered by a member, min_size to max_size members, at most "
        "max_per_country per country, every required region category and country represented, the fixed members "
        'in. Reads {"min_size", "max_size", "max_per_country": int|null, "competences": [str], '
        '"required_categories": [more_developed|transition|less_developed], "required_countries": [str], '
        '"fixed": [candidate ids], "candidates": [{"id", "country", "category": str|null, "competences": [str], '
        '"fit": number}]} and writes {"consortia": [{"members", "fit", "covers": {competence: [ids]}, '
        '"why": {id: str}}], "infeasible": null|[rules that cannot all be met], "optimal": bool}. '
        "Requirements no consortium meets are an answer, not an error: the file lists a minimal set of rules "
        f"that cannot all be met. Limits: {contract.LIMITS}. {INPUT_RULES}"
        "Malformed input exits non-zero with one line per problem; the output file is only written on success."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, metavar="R.json", help="requirements and candidates to read")
        parser.add_argument("--out", required=True, metavar="C.json", help="consortia file to write")
        parser.add_argument("--top", type=ascii_int, default=DEFAULT_TOP, metavar="N",
                            help=f"how many distinct consortia to propose (default {DEFAULT_TOP})")
        parser.add_argument("--time-limit", type=ascii_number, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                            help=f"bound on the whole search (default {DEFAULT_TIME_LIMIT:g}); past it, the best "
                                 "consortia found so far are written with optimal false")

    def handle(self, *args, input, out, top, time_limit, **options):
        self.check_output(out)
        contract.check_options(top=top, time_limit=time_limit)
        requirements, candidates = contract.parse(self.read_json(input), input)
        result = build(requirements, candidates, top=top, time_limit=time_limit)
        self.write_output(out, contract.dumps_output(result))
        if result.infeasible:
            self.stdout.write(f"No consortium meets every rule ({len(result.infeasible)} in conflict); see {out}")
        else:
            self.stdout.write(f"{len(result.consortia)} consortia written to {out}"
                              + ("" if result.optimal else " (time limit reached: not proven optimal)"))
