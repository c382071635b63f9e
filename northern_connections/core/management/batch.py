"""Shared behaviour of batch commands (DESIGN.md §6): one-line errors, non-zero exit, nothing partial."""

from django.core.management.base import BaseCommand, CommandError


class BatchCommand(BaseCommand):
    """Turns an importer's list of problems into one line per problem on stderr and a failing exit."""

    def fail(self, problems: list[str], summary: str) -> None:
        for problem in problems:
            self.stderr.write(problem)
        raise CommandError(summary)
