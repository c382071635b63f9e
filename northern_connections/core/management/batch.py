"""Shared behaviour of batch commands (DESIGN.md §6): one-line errors, non-zero exit, nothing partial.

The file rules themselves (what input is accepted, how output is written) are in the plain-Python
module :mod:`northern_connections.core.batchio`, so that the algorithm packages behind the
commands follow them outside Django too; this base class is how every command uses them.
"""

import argparse
from collections.abc import Callable
from typing import Any, NoReturn, TextIO

from django.core.management.base import BaseCommand, CommandError

from northern_connections.core import batchio
from northern_connections.core.batchio import BatchInputError

INPUT_RULES = (
    "Input files must be UTF-8 text; JSON must be strict (no NaN or Infinity, integers of at most "
    f"{batchio.MAX_INT_DIGITS} digits, no repeated key, at most {batchio.MAX_DEPTH} levels of nesting). "
)


def _argument_type(parse: Callable[[str], Any], name: str) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    convert.__name__ = name
    return convert


#: argparse types for numeric options: ASCII digits only, never inf or nan (see batchio.ascii_int)
ascii_int = _argument_type(batchio.ascii_int, "integer")
ascii_number = _argument_type(batchio.ascii_number, "number")


class BatchCommand(BaseCommand):
    """Base of every batch command: read input, check and write output, report problems in one line each.

    A subclass's ``handle`` calls ``check_output`` before any work, reads with ``read_text`` /
    ``read_json`` / ``read_json_lines``, and writes with ``write_output``; any
    :class:`~northern_connections.core.batchio.BatchInputError` it (or a parser) raises becomes
    one line per problem and a failing exit, with nothing written.
    """

    #: what the user is told did not happen when the command refuses its input
    consequence = "nothing was written"

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        refuse_in_python = parser.error

        def error(message: str) -> NoReturn:
            """A bad option is one line too (argparse would print the whole usage block first)."""
            if parser.called_from_command_line:
                parser.exit(2, f"{parser.prog}: error: {message} (see --help)\n")
            refuse_in_python(message)

        parser.error = error
        return parser

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except BatchInputError as error:
            self.refuse(error.problems)

    def fail(self, problems: list[str], summary: str) -> NoReturn:
        """Every problem on its own line on stderr, then a failing exit with ``summary``."""
        for problem in problems:
            self.stderr.write(problem)
        raise CommandError(summary)

    def refuse(self, problems: list[str]) -> NoReturn:
        """One problem: one line. Several: one line each on stderr, then a line with the count."""
        if len(problems) == 1:
            raise CommandError(f"{problems[0]} ({self.consequence})")
        self.fail(problems, f"{len(problems)} problems in the input ({self.consequence})")

    # reading
    def read_text(self, path: str) -> str:
        return batchio.read_text(path)

    def read_json(self, path: str) -> Any:
        return batchio.read_json(path)

    def read_json_lines(self, path: str) -> list[tuple[int, Any]]:
        """(line number, value) of each non-blank line; every bad line of the file is reported at once."""
        lines = list(batchio.json_lines(self.read_text(path), path))
        problems = [problem for _, value in lines if isinstance(value, BatchInputError) for problem in value.problems]
        if problems:
            raise BatchInputError(problems)
        return lines

    # writing
    def check_output(self, path: str) -> None:
        batchio.check_output(path)

    def write_output(self, path: str, content: str | Callable[[TextIO], None]) -> None:
        batchio.write_atomic(path, content)
