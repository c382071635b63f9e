"""``manage.py shortlist_living_labs``: shortlist Living Lab candidates from a JSON file.

A thin wrapper: the file contract is ``livinglabs.shortlist.contract``, the algorithms the rest
of ``livinglabs.shortlist`` (the same code a selection round on the web runs); reading and
writing files is the batch-command base's.
"""

from __future__ import annotations

from northern_connections.core.batchio import BatchInputError
from northern_connections.core.management.batch import INPUT_RULES, BatchCommand, ascii_int, ascii_number
from northern_connections.livinglabs.shortlist import contract
from northern_connections.livinglabs.shortlist.mcda import METHODS, TOPSIS
from northern_connections.livinglabs.shortlist.run import shortlist
from northern_connections.livinglabs.shortlist.selection import Infeasible, Rules


class Command(BatchCommand):
    help = (
        "Rank Living Lab candidates by several weighted criteria (TOPSIS with vector normalisation, or a "
        "weighted sum with min-max normalisation) and select exactly --per-region candidates in every region, "
        "optionally with at most --max-per-host per host organisation and at least "
        "--min-value-chains-per-country different value chains per country (solved exactly with CP-SAT). "
        "With --samples or --perturb, the weights are perturbed at random (Monte Carlo, each weight times "
        "U(1-p, 1+p), seeded) and every candidate's selection frequency is reported. Reads "
        '{"criteria": [{"id", "weight", "direction": "benefit"|"cost"}], "candidates": [{"id", "region", '
        '"host", "value_chain", "country" (optional), "scores": {criterion id: number}}]} and writes '
        '{"selected": [{"id", "region", "score", "rank", "region_rank"}], "candidates": [{"id", "score", "rank", '
        '"region_rank", "selected", "selection_frequency", "hinges_on", "explanation"}], "sensitivity": {...}}. '
        f"Limits: {contract.LIMITS}. {INPUT_RULES}"
        "Exits non-zero with one line per problem (a missing score, a region with fewer candidates than "
        "--per-region, rules no selection can keep); the output file is only written on success."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, metavar="C.json", help="candidates and criteria to read")
        parser.add_argument("--out", required=True, metavar="S.json", help="shortlist file to write")
        parser.add_argument("--method", choices=METHODS, default=TOPSIS, help="scoring method (default topsis)")
        parser.add_argument("--per-region", type=ascii_int, default=2, metavar="K",
                            help="candidates to select in every region (default 2)")
        parser.add_argument("--max-per-host", type=ascii_int, default=None, metavar="N",
                            help="at most N selected candidates per host organisation")
        parser.add_argument("--min-value-chains-per-country", type=ascii_int, default=None, metavar="N",
                            help="at least N different value chains among each country's selected candidates")
        parser.add_argument("--perturb", type=ascii_number, default=None, metavar="P",
                            help=f"weight perturbation ±P (default {contract.DEFAULT_PERTURB} with --samples)")
        parser.add_argument("--samples", type=ascii_int, default=None, metavar="N",
                            help=f"perturbation samples (default {contract.DEFAULT_SAMPLES} with --perturb)")
        parser.add_argument("--seed", type=ascii_int, default=0, help="random seed of the perturbation (default 0)")

    def handle(self, *args, input, out, method, per_region, max_per_host, min_value_chains_per_country,
               perturb, samples, seed, **options):
        self.check_output(out)
        contract.check_options(per_region=per_region, samples=samples, perturb=perturb, seed=seed,
                               max_per_host=max_per_host, min_value_chains=min_value_chains_per_country)
        problem = contract.parse(self.read_json(input), input, method=method, per_region=per_region)
        rules = Rules(per_region=per_region, max_per_host=max_per_host,
                      min_value_chains_per_country=min_value_chains_per_country)
        sampling = samples is not None or perturb is not None
        try:
            result = shortlist(problem, method=method, rules=rules,
                               perturb=perturb if perturb is not None else contract.DEFAULT_PERTURB,
                               samples=(samples or contract.DEFAULT_SAMPLES) if sampling else 0, seed=seed)
        except Infeasible as error:
            raise BatchInputError(f"{input}: {error}") from None
        self.write_output(out, contract.dumps_output(result))
        self.stdout.write(f"Shortlist of {len(result.selected)} candidates written to {out}")
