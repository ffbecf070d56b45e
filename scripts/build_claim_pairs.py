"""Build tests/data/claim_pairs.tsv, the labelled claim pairs that measure grouping.

From the Wikinews sample articles (data/samples, CC BY 2.5) and paraphrases and negations written
for this project (tests/data/paraphrases.tsv, negations.tsv): a sentence and its paraphrase are
the same claim (label 1, kind ``paraphrase``); a sentence and its denial too (label 1, kind
``negation``: the same claim, opposite polarity); a paraphrase and two other sentences of the
same article are different claims of one story (label 0, ``same_story``); a paraphrase and a
sentence of another article are different claims (label 0, ``other_story``). Deterministic.

    .venv/bin/python scripts/build_claim_pairs.py
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def sample_sentences() -> dict[str, list[str]]:
    found = {}
    for path in sorted((ROOT / "data" / "samples").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n", 1)[1]  # the title is not a claim
        parts = [s.strip() for p in body.split("\n") for s in SENTENCE.split(p) if s.strip()]
        found[path.stem[:2]] = [s for s in parts if len(s.split()) >= 6]
    return found


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def main() -> None:
    rng = random.Random(13)
    sentences = sample_sentences()
    rows: list[tuple[int, str, str, str]] = []
    paraphrases = read("paraphrases.tsv")
    for row in paraphrases:
        rows.append((1, "paraphrase", row["sentence"], row["paraphrase"]))
    for row in read("negations.tsv"):
        rows.append((1, "negation", row["sentence"], row["negation"]))
    for row in paraphrases:
        own = [s for s in sentences[row["article"]] if row["sentence"][:40] not in s]
        for other in rng.sample(own, 2):
            rows.append((0, "same_story", other, row["paraphrase"]))
        elsewhere = [s for a, ss in sentences.items() if a != row["article"] for s in ss]
        rows.append((0, "other_story", rng.choice(elsewhere), row["paraphrase"]))
    with (DATA / "claim_pairs.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["label", "kind", "a", "b"])
        writer.writerows(rows)
    print(f"{len(rows)} pairs -> {DATA / 'claim_pairs.tsv'}")


if __name__ == "__main__":
    main()
