"""Time the import of a large Cap Collectif export: the target is 150,000 rows with 30 question
columns in under a minute on the 2-core machine.

The file is generated (deterministic, seed 2023) in the Cap Collectif questionnaire format:
the 17 export_contribution_* columns, then 30 question columns (3 profile questions, 1 section
heading always empty, 10 open questions with some HTML, 6 single choices, 5 multiple choices
joined with ", " with an occasional free "other" text, 3 Oui/Non, 2 scales 1-5), 3 % drafts,
10 % answers without an account. Then it is imported into a new database, timing each phase:
reading (decode, CSV), normalising (kinds, réponses, respondents) and writing (merge and
store.build_database, which also precomputes the text statistics).

    .venv/bin/python -m bench.bench_import                     # 150,000 rows
    .venv/bin/python -m bench.bench_import --rows 20000 --keep
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from consultation.importers import capcollectif  # noqa: E402

TARGET_S = 60.0
CPU_TEXT: list[float] = []  # CPU seconds of the text statistics step
DATA_DIR = ROOT / "bench" / "data"

PROFILES = ("Professionnel du secteur culturel", "Acteur du numérique", "Citoyen intéressé par le numérique culturel")
SECTORS = ("Musées et patrimoine", "Spectacle vivant", "Livre et édition", "Archives", "Jeu vidéo", "Musique", "")
REGIONS = ("Île-de-France", "Auvergne-Rhône-Alpes", "Bretagne", "Occitanie", "Grand Est", "La Réunion", "")
SUBJECTS = ("les musées", "les archives", "la création", "le métavers", "l'intelligence artificielle", "les données",
            "la langue française", "les bibliothèques", "le spectacle vivant", "l'éducation artistique")  # fmt: skip
VERBS = ("doivent être accompagnés", "gagneraient à mutualiser leurs outils", "ont besoin de formation",
         "posent la question de la sobriété", "ouvrent de nouveaux publics", "manquent de financements")  # fmt: skip
ENDINGS = ("sur tout le territoire.", "avec les collectivités.", "dès maintenant.", "sans oublier le droit d'auteur.",
           "en lien avec la recherche.", "pour les jeunes publics.")  # fmt: skip
SINGLE = ("Pas du tout", "Un peu", "Moyennement", "Beaucoup", "Énormément")
MULTIPLE = ("Visites virtuelles", "Concerts", "Formation", "Archives en ligne", "Jeux", "Ateliers")


def questions() -> list[tuple[str, str]]:
    """(kind, title) of the 30 question columns, in order."""
    out = [
        ("profile", "Vous êtes :"),
        ("sector", "Votre secteur d'activité"),
        ("region", "Votre région"),
        ("section", "Vos usages"),
    ]
    out += [("open", f"Question ouverte {i} : que proposez-vous pour le numérique culturel ?") for i in range(1, 11)]
    out += [("single", f"Question fermée {i} : quelle importance donnez-vous à ce sujet ?") for i in range(1, 7)]
    out += [("multiple", f"Question à choix multiples {i} : quels usages vous intéressent ?") for i in range(1, 6)]
    out += [("yes_no", f"Question oui/non {i} : avez-vous déjà essayé ?") for i in range(1, 4)]
    out += [("scale", f"Échelle {i} : de 1 à 5, quel intérêt ?") for i in range(1, 3)]
    return out


def sentence(rng: random.Random) -> str:
    parts = [f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(ENDINGS)}"]
    while rng.random() < 0.45:
        parts.append(f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(ENDINGS)}")
    text = " ".join(parts)
    return f"<p>{text}</p>" if rng.random() < 0.1 else text


def answer(kind: str, rng: random.Random) -> str:
    if kind == "profile":
        return rng.choice(PROFILES)
    if kind == "sector":
        return rng.choice(SECTORS)
    if kind == "region":
        return rng.choice(REGIONS)
    if kind == "section":
        return ""
    if kind == "open":
        return sentence(rng) if rng.random() < 0.5 else ""
    if rng.random() < 0.15:
        return ""
    if kind == "single":
        return rng.choice(SINGLE)
    if kind == "multiple":
        picked = rng.sample(MULTIPLE, rng.randint(1, 3))
        if rng.random() < 0.03:
            picked.append("une idée à moi")
        return ", ".join(picked)
    if kind == "yes_no":
        return rng.choice(("Oui", "Non"))
    return str(rng.randint(1, 5))


def generate(path: Path, rows: int, seed: int = 2023) -> None:
    rng = random.Random(seed)
    qs = questions()
    start = datetime(2023, 2, 16, 8, 0)
    span = int((datetime(2023, 6, 30, 20, 0) - start).total_seconds())
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        out.writerow([*capcollectif.METADATA, *(title for _k, title in qs)])
        for i in range(rows):
            published = start + timedelta(seconds=rng.randrange(span))
            when = published.strftime("%Y-%m-%d %H:%M:%S")
            draft = rng.random() < 0.03
            account = rng.random() >= 0.1
            author = f"VXNlcjo{rng.randrange(int(rows * 0.8)):08d}" if account else ""
            out.writerow(
                [
                    "reply",
                    f"UmVwbHk6{i:010d}",
                    author,
                    "" if draft else when,
                    "Non" if draft else "Oui",
                    f"Prénom{i} Nom{i}",
                    f"personne{i}@example.org",
                    f"06{i:08d}"[:10],
                    when,
                    when,
                    "Non",
                    "Oui" if draft else "Non",
                    "" if draft else when,
                    f"compte{i}" if account else "",
                    "" if account else f"sans.compte{i}@example.org",
                    "" if account else "Oui",
                    rng.choice(("Oui", "Non")),
                    *(answer(kind, rng) for kind, _title in qs),
                ]
            )


def run(rows: int, keep: bool) -> dict:
    from consultation.importers import capcollectif, common, merge
    from consultation.importers.assemble import assemble
    from consultation.importers.mapping import Mapping

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    source = DATA_DIR / f"capcollectif-{rows}.csv"
    if not source.exists():
        t = time.perf_counter()
        generate(source, rows)
        print(f"Fichier généré en {time.perf_counter() - t:.1f} s : {source} ({source.stat().st_size / 1e6:.0f} Mo)")
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "import.duckdb"
        text_seconds = _time_text_precompute()
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        data = source.read_bytes()
        table = common.read_table(data, source.name, limit=len(data) + 1)
        t1, c1 = time.perf_counter(), time.process_time()
        parsed = assemble(
            capcollectif.read(table, "metavers", Mapping()),
            table,
            file_name=source.name,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            format_name="capcollectif",
        )
        t2, c2 = time.perf_counter(), time.process_time()
        report = merge.commit(parsed, db_path)
        t3 = time.perf_counter()
        cpu = time.process_time() - cpu0
        if keep:
            kept = DATA_DIR / f"import-{rows}.duckdb"
            kept.unlink(missing_ok=True)
            db_path.rename(kept)
            print(f"Base gardée : {kept}")
    result = {
        "rows": rows,
        "file_mb": round(len(data) / 1e6, 1),
        "read_s": round(t1 - t0, 2),
        "normalise_s": round(t2 - t1, 2),
        "write_s": round(t3 - t2, 2),
        "of_which_text_precompute_s": round(sum(text_seconds), 2),
        "total_s": round(t3 - t0, 2),
        "cpu_s": round(cpu, 2),
        "cpu_read_s": round(c1 - cpu0, 2),
        "cpu_normalise_s": round(c2 - c1, 2),
        "cpu_write_s": round(cpu0 + cpu - c2, 2),
        "cpu_text_precompute_s": round(sum(CPU_TEXT), 2),
        "contributions": report["contributions"],
        "respondents": report["respondents"],
        "answers": report["answers"],
        "target_s": TARGET_S,
    }
    return result


def _time_text_precompute() -> list[float]:
    """Wrap store.build_database's text statistics step (consultation.text.precompute) to time it."""
    from consultation import store

    seconds: list[float] = []
    original = store.text.precompute

    def timed(con):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return original(con)
        finally:
            seconds.append(time.perf_counter() - started)
            CPU_TEXT.append(time.process_time() - cpu)

    store.text.precompute = timed
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--keep", action="store_true", help="garder la base importée dans bench/data/")
    args = parser.parse_args(argv)
    result = run(args.rows, args.keep)
    print(json.dumps(result, ensure_ascii=False))
    verdict = "OK" if result["total_s"] <= TARGET_S else "TROP LENT"
    print(
        f"{result['rows']:,} lignes ({result['file_mb']} Mo) importées en {result['total_s']} s "
        f"(lecture {result['read_s']} s, normalisation {result['normalise_s']} s, écriture {result['write_s']} s "
        f"dont statistiques des textes {result['of_which_text_precompute_s']} s ; CPU {result['cpu_s']} s) : "
        f"{verdict} (objectif {TARGET_S:.0f} s)".replace(",", " ")
    )
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
