"""The naive baseline the evaluation is calibrated against, scored with provenance.evaluate.

Every sentence is a claim; its speaker is the subject of a reporting verb, or the object of
"according to" (spaCy's small English model, through provenance.nlp.load()). Nothing is resolved:
a hop's name is its mention. The figures it gets are the floor any real engine must beat.

    .venv/bin/python benchmarks/naive_baseline.py [GOLD_DIR ...]   (default: ../shared/eval and
    ../shared/eval/polnear-dev)
"""

from __future__ import annotations

import sys
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Span, Token

from provenance.errors import ProvenanceError
from provenance.evaluate import normalise, run
from provenance.models import Analysis, Article, Claim, Hop, Source, SourceType
from provenance.nlp import load

REPORTING_VERBS = frozenset(
    """say tell report state claim announce add explain note write confirm deny warn argue insist
    suggest reveal disclose indicate allege assert declare acknowledge admit estimate predict
    conclude believe accuse blame mention reply respond comment testify tweet describe promise
    recall emphasize stress contend maintain observe point caution specify""".split()
)

ENTITY_TYPES: dict[str, SourceType] = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",
    "GPE": "organization",
}

SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def _span_of(token: Token) -> Span:
    """The phrase a token heads."""
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def speakers(sentence: Span) -> list[Span]:
    """Subjects of reporting verbs and objects of "according to", in text order."""
    found = []
    for token in sentence:
        if token.lemma_.lower() in REPORTING_VERBS and token.pos_ == "VERB":
            found += [_span_of(child) for child in token.children if child.dep_ == "nsubj"]
        elif token.lower_ == "according":
            for prep in token.children:
                if prep.lower_ == "to":
                    found += [_span_of(obj) for obj in prep.children if obj.dep_ == "pobj"]
    return sorted(found, key=lambda span: span.start)


def _hop(span: Span, sources: dict[str, Source]) -> Hop:
    key = normalise(span.text) or span.text
    if key not in sources:
        label = span.root.ent_type_
        sources[key] = Source(
            id=f"s{len(sources) + 1}",
            name=span.text,
            type=ENTITY_TYPES.get(label, "person"),
            anonymous=not any(token.pos_ == "PROPN" for token in span),
        )
    source = sources[key]
    return Hop(
        source_id=source.id,
        text=span.text,
        name=span.text,
        type=source.type,
        anonymous=source.anonymous,
        start=span.start_char,
        end=span.end_char,
    )


def naive_analysis(article: Article, nlp: Language) -> Analysis:
    """One claim per sentence, its chain the speakers found in it."""
    doc = nlp(article.text)
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    for sentence in doc.sents:
        text = sentence.text.strip()
        if not text:
            continue
        start = sentence.start_char + sentence.text.index(text)
        chain = [_hop(span, sources) for span in speakers(sentence)[:1]]
        claims.append(
            Claim(
                id=f"c{len(claims) + 1}",
                text=text,
                start=start,
                end=start + len(text),
                kind="assertion",
                chain=chain,
            )
        )
    return Analysis(article=article, sources=list(sources.values()), claims=claims)


def main(gold_dirs: list[Path]) -> int:
    nlp = load()
    for gold_dir in gold_dirs:
        try:
            report = run(gold_dir, lambda articles: [naive_analysis(a, nlp) for a in articles])
        except ProvenanceError as err:
            print(err, file=sys.stderr)
            return 1
        print(f"== naive baseline on {gold_dir}")
        print(report.format_table())
        print()
    return 0


if __name__ == "__main__":
    dirs = [Path(arg) for arg in sys.argv[1:]] or [SHARED_EVAL, SHARED_EVAL / "polnear-dev"]
    sys.exit(main(dirs))
