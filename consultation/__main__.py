"""Command line.

python -m consultation serve [streamlit run options, e.g. --server.port 8502]
python -m consultation demo [--contributions N] [--seed S] [--out PATH]
python -m consultation upgrade [--db PATH]
python -m consultation import FILE --theme THEME [--format capcollectif|granddebat|generic]
                                   [--mapping mapping.toml] [--db PATH] [--include-drafts]
                                   [--max-mb N] [--dry-run]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "demo":  # each command parses (and documents, with -h) its own options
        from consultation import demo

        return demo.main(argv[1:]) or 0
    if argv and argv[0] == "import":
        return import_command(argv[1:])
    if argv and argv[0] == "upgrade":
        return upgrade_command(argv[1:])
    if argv and argv[0] == "serve":
        from consultation import serve

        return serve.main(argv[1:]) or 0
    parser = argparse.ArgumentParser(prog="python -m consultation", description="Tableau de bord de la consultation.")
    parser.add_argument(
        "command",
        choices=["serve", "demo", "import", "upgrade"],
        help="serve : sert le tableau de bord ; demo : génère la consultation synthétique de démonstration ; "
        "import : importe un export réel (python -m consultation import -h) ; upgrade : met à jour une base "
        "écrite par une version antérieure",
    )
    parser.parse_args(argv)
    return 2


def upgrade_command(argv: list[str]) -> int:
    """Rebuild the derived tables of a database written by an older version (no-op when current)."""
    from consultation import db, store

    parser = argparse.ArgumentParser(
        prog="python -m consultation upgrade",
        description="Met à jour une base écrite par une version antérieure du tableau de bord.",
    )
    parser.add_argument("--db", type=Path, default=None, help="base à mettre à jour ($CONSULTATION_DB par défaut)")
    args = parser.parse_args(argv)
    path = args.db or db.database_path()
    if not Path(path).is_file():
        print(f"Base introuvable : {path}", file=sys.stderr)
        return 1
    if store.upgrade(path):
        print(f"Base mise à jour (schéma {store.SCHEMA_VERSION}) : {path}")
    return 0


def import_command(argv: list[str]) -> int:
    """Import one file; the report on stdout, a French error on stderr (exit code 1), no traceback."""
    from consultation import importers, reference
    from consultation.importers import report as reports

    default_db = Path(os.environ.get("CONSULTATION_DB") or reference.DATA_DIR / "consultation.duckdb")

    parser = argparse.ArgumentParser(
        prog="python -m consultation import",
        description="Importe un export de la consultation (Cap Collectif, Grand Débat, CSV ou Excel) dans la base.",
    )
    parser.add_argument("file", type=Path, help="fichier CSV ou Excel à importer")
    parser.add_argument("--theme", help="thème du questionnaire : " + ", ".join(_theme_ids()))
    parser.add_argument("--format", choices=sorted(importers.FORMATS), help="format du fichier (détecté sinon)")
    parser.add_argument("--mapping", type=Path, help="fichier de correspondance TOML (colonnes, valeurs, types)")
    parser.add_argument("--db", type=Path, help=f"base à compléter (défaut : {default_db})")
    parser.add_argument("--include-drafts", action="store_true", help="importer les brouillons comme incomplets")
    parser.add_argument("--max-mb", type=float, help="taille maximale du fichier en Mo (défaut : 200)")
    parser.add_argument("--dry-run", action="store_true", help="lire et vérifier le fichier sans rien importer")
    args = parser.parse_args(argv)
    db_path = args.db or default_db
    try:
        mapping = importers.load_mapping(_read(args.mapping)) if args.mapping else importers.Mapping()
        options = importers.Options(
            theme=args.theme,
            format=args.format,
            mapping=mapping,
            include_drafts=args.include_drafts,
            limit=int(args.max_mb * 1024 * 1024) if args.max_mb else None,
        )
        if args.dry_run:
            data = _read(args.file)
            parsed = importers.parse(data, args.file.name, options)
            report = parsed.report
            refusal = importers.preview_problem(parsed, db_path)
            print("Vérification seule : rien n'a été importé.")
            if refusal:
                print(f"L'import serait refusé : {refusal}")
        else:
            report = importers.import_file(args.file, db_path, options)
            print(f"Import réussi dans {db_path}.")
    except importers.ImportFileError as e:
        print(f"Import refusé ({args.file.name}) : {e.describe()}", file=sys.stderr)
        print("La base n'a pas changé.", file=sys.stderr)
        return 1
    for line in reports.summary_lines(report):
        print(f"  {line}")
    return 0


def _read(path: Path) -> bytes:
    from consultation.importers import ImportFileError

    try:
        return path.read_bytes()
    except OSError as e:
        raise ImportFileError(f"fichier introuvable ou illisible : {path}.") from e


def _theme_ids() -> list[str]:
    from consultation import reference

    return list(reference.THEME_IDS)


if __name__ == "__main__":
    sys.exit(main())
