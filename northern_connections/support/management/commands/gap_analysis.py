from django.contrib.auth.models import AnonymousUser

from northern_connections.core import batchio
from northern_connections.core.batchio import BatchInputError, shown
from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory.models import NutsRegion, ValueChain
from northern_connections.support import reports
from northern_connections.support.coverage import ALL

MAX_OPTION_LENGTH = 64  # a NUTS code has at most 5 characters, a value-chain slug 50


class Command(BatchCommand):
    help = (
        "Coverage analysis of published support measures for one scope and value chain: the matrix of value-chain "
        "step x TRL 5-9 (a cell for each), gaps, bottlenecks (runs of uncovered TRLs between covered ones) and "
        "complementary measures elsewhere that are open to SMEs from the scope, ranked by fit. "
        'JSON: {"scope", "value_chain", "cells": [{"step", "trl", "measures": [ids]}], "gaps": [{"step", "trl"}], '
        '"bottlenecks": [{"step", "trls"}], "complements": [{"step", "trl", "measure", "region", "why"}]}. '
        "--format xlsx writes the matrix, gaps with complements and bottlenecks as sheets. "
        "--scope is a NUTS code (region DK03 or country DK; UK regions use ITL codes such as TLM5) or 'all'; "
        f"options longer than {MAX_OPTION_LENGTH} characters are refused. --out must be a file in an existing, "
        "writable directory (checked first; written to a temporary file and renamed), or '-' for JSON on stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scope", default=ALL, help="A NUTS code (DK03, DK) or 'all' (default).")
        parser.add_argument("--value-chain", required=True, help="A value-chain slug, e.g. offshore-wind.")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--out", required=True, help="Path of the file to write ('-': JSON on stdout).")

    def handle(self, *args, scope, value_chain, format, out, **options):
        if out == "-" and format == "xlsx":
            raise BatchInputError("--out -: a spreadsheet cannot go to stdout; give a file name")
        if out != "-":
            self.check_output(out)
        scope = self.parse_scope(scope)
        chain = self.parse_value_chain(value_chain)
        if format == "xlsx":
            context = reports.analysis_context(actor=AnonymousUser(), scope=scope, value_chain=chain)
            data = reports.analysis_xlsx(context)
            # write_atomic hands over a text file; its binary buffer takes the workbook's bytes.
            self.write_output(out, lambda fh: fh.buffer.write(data))
            self.stderr.write(f"{len(context['gaps'])} gaps written to {out}")
            return
        from northern_connections.support.selectors import coverage_index

        analysis = coverage_index().analyse(scope=scope, value_chain=chain.slug)
        text = batchio.dumps(analysis.to_dict(), indent=2)
        if out == "-":
            self.stdout.write(text)
            return
        self.write_output(out, text)
        self.stderr.write(f"{len(analysis.cells)} cells, {len(analysis.gaps)} gaps, "
                          f"{len(analysis.complements)} complements written to {out}")

    @staticmethod
    def parse_scope(value: str) -> str:
        if len(value) > MAX_OPTION_LENGTH:
            raise BatchInputError(f"--scope: longer than {MAX_OPTION_LENGTH} characters")
        if value.strip().lower() == ALL:
            return ALL
        code = value.strip().upper()
        if not code.isascii() or not NutsRegion.objects.filter(code=code).exists():
            raise BatchInputError(f"--scope: no NUTS region or country has the code {shown(value)} "
                                  "(use e.g. DK03, DK or all)")
        return code

    @staticmethod
    def parse_value_chain(value: str) -> ValueChain:
        if len(value) > MAX_OPTION_LENGTH:
            raise BatchInputError(f"--value-chain: longer than {MAX_OPTION_LENGTH} characters")
        chain = ValueChain.objects.filter(slug=value.strip()).first()
        if chain is None:
            known = ", ".join(ValueChain.objects.order_by("order").values_list("slug", flat=True))
            raise BatchInputError(f"--value-chain: no value chain has the slug {shown(value)} (known: {known})")
        return chain
