from northern_connections.core.management.batch import BatchCommand
from northern_connections.directory import imports


class Command(BatchCommand):
    help = (
        "Import organisations from a CSV file (path or URL), all or nothing. Every line is validated first; a file "
        "with bad lines prints each as 'FILE: line N: field: reason', exits non-zero and imports nothing. Rows whose "
        "external id exists already update that organisation. Use --preset h2020 for the CORDIS H2020 organisation "
        "file, or give --mapping FIELD=COLUMN,... with FIELD among: " + ", ".join(imports.FIELDS) + ". "
        "The file must be UTF-8 text. Limits: " + imports.ORGANISATION_LIMITS + " (--preset h2020 cuts an over-long "
        "short name instead)."
    )
    consequence = "nothing was imported"

    def add_arguments(self, parser):
        parser.add_argument("source", help="CSV path or http(s) URL.")
        parser.add_argument("--preset", choices=["h2020"], help="Column mapping and kind codes of a known file.")
        parser.add_argument("--mapping", default="", help="e.g. name=legalName,country=cc,city=town")
        parser.add_argument("--kind-map", default="", help="Source kind codes, e.g. PRC=sme,HES=knowledge_institution")
        parser.add_argument("--delimiter", default=",", help="one character (default ',')")
        parser.add_argument("--countries", default="", help="Only import these ISO countries, e.g. DK,NO,SE")

    def handle(self, *args, source, preset, mapping, kind_map, delimiter, countries, **options):
        preset_values = imports.H2020_PRESET if preset == "h2020" else {}
        try:
            columns = dict(preset_values.get("mapping", {}))
            kinds = dict(preset_values.get("kinds", {}))
            columns.update(imports.parse_mapping(mapping))
            kinds.update(imports.parse_mapping_pairs(kind_map))
            result = imports.organisations_import(
                source, mapping=columns, kinds=kinds, delimiter=delimiter, cut=preset_values.get("cut", ()),
                countries={c.strip().upper() for c in countries.split(",") if c.strip()} or None,
            )
        except imports.ImportError_ as error:
            self.refuse(error.problems)
        except OSError as error:  # a URL that cannot be fetched (local files are checked by the batch rules)
            self.refuse([f"{source}: cannot be read ({error})"])
        cut = f"; {result['cut']} over-long value(s) cut to fit" if result["cut"] else ""
        self.stdout.write(f"{result['created']} organisations created, {result['updated']} updated{cut}")
