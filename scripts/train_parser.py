"""Train the dependency parser that ships in ``src/equipoise/text/parser/``.

Usage::

    git clone https://github.com/UniversalDependencies/UD_English-EWT ewt
    git -C ewt checkout 15d613d8447b3478787d4c278730a1e48a945efb
    python scripts/train_parser.py ewt [--out src/equipoise/text/parser]

Data: the Universal Dependencies English Web Treebank (Silveira et al. 2014; annotations ©
Stanford University, CC BY-SA 4.0; texts from the LDC English Web Treebank, blogs, reviews,
e-mail, answers and newsgroups), at the commit above. Training uses the documents the treebank
lists as its training split (``not-to-release/file-lists/files.train``: 540 documents, 12,544
sentences; read from ``en_ewt-ud-train.conllu`` when the checkout has it, else from the listed
per-document files); early stopping uses ``en_ewt-ud-dev.conllu``; ``en_ewt-ud-test.conllu``
gives the figures printed at the end (docs/text.md, round 9). The config is ``scripts/parser.cfg``
(spaCy's CPU "efficiency" tagger + parser, no pretrained vectors), seed 0.

The trained weights are a derivative of the treebank's annotations and are therefore shared
under CC BY-SA 4.0: the script writes ``LICENSE`` and ``PROVENANCE.md`` beside them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "scripts" / "parser.cfg"
OUT = REPO / "src" / "equipoise" / "text" / "parser"
COMMIT = "15d613d8447b3478787d4c278730a1e48a945efb"

LICENSE = """The files in this directory (a spaCy dependency parser) were trained by the equipoise
project on the Universal Dependencies English Web Treebank, whose annotations are
(c) 2013-2021 The Board of Trustees of The Leland Stanford Junior University and licensed
under the Creative Commons Attribution-ShareAlike 4.0 International License
(https://creativecommons.org/licenses/by-sa/4.0/). As an adaptation of that material, these
weights are shared under the same licence, CC BY-SA 4.0. The rest of equipoise is MIT.
Source: https://github.com/UniversalDependencies/UD_English-EWT at commit {commit}.
Changes: the treebank was converted to spaCy's format and used to train the weights here;
no treebank text is included.
"""


def training_conllu(ud: Path) -> str:
    """Return the training split as CoNLL-U text (the release file, or its listed documents)."""
    release = ud / "en_ewt-ud-train.conllu"
    if release.is_file():
        return release.read_text(encoding="utf-8")
    listed = (ud / "not-to-release" / "file-lists" / "files.train").read_text(encoding="utf-8")
    parts = []
    for name in listed.split():
        parts.append((ud / "not-to-release" / "sources" / name).read_text(encoding="utf-8"))
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)


def to_docbin(conllu: str, path: Path) -> int:
    """Convert CoNLL-U text to a spaCy DocBin of ten-sentence documents; return the count."""
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    docs = list(conllu_to_docs(conllu, n_sents=10, no_print=True))
    DocBin(docs=docs).to_disk(path)
    return sum(len(list(d.sents)) for d in docs)


def main() -> int:
    """Command-line entry point (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ud", type=Path, help="a checkout of UD_English-EWT")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not (args.ud / "en_ewt-ud-dev.conllu").is_file():
        ap.error(f"{args.ud}: not a checkout of UD_English-EWT (no en_ewt-ud-dev.conllu)")
    from spacy.cli.evaluate import evaluate
    from spacy.cli.train import train

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        n_train = to_docbin(training_conllu(args.ud), work / "train.spacy")
        dev = (args.ud / "en_ewt-ud-dev.conllu").read_text(encoding="utf-8")
        n_dev = to_docbin(dev, work / "dev.spacy")
        test = (args.ud / "en_ewt-ud-test.conllu").read_text(encoding="utf-8")
        n_test = to_docbin(test, work / "test.spacy")
        print(f"sentences: train {n_train}, dev {n_dev}, test {n_test}")
        train(
            CONFIG,
            work / "model",
            overrides={"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")},
        )
        scores = evaluate(str(work / "model" / "model-best"), work / "test.spacy")
        if args.out.exists():
            shutil.rmtree(args.out)
        shutil.copytree(work / "model" / "model-best", args.out)
    (args.out / "LICENSE").write_text(LICENSE.format(commit=COMMIT), encoding="utf-8")
    test_scores = {k: round(float(scores[k]), 4) for k in ("tag_acc", "dep_uas", "dep_las")}
    (args.out / "PROVENANCE.md").write_text(
        "# The shipped dependency parser\n\n"
        f"Trained by `scripts/train_parser.py` (config `scripts/parser.cfg`, seed 0) on the UD "
        f"English Web Treebank at commit {COMMIT} ({n_train} training sentences; early stopping on "
        f"the {n_dev} development sentences). Licence: CC BY-SA 4.0 (see LICENSE).\n\n"
        f"Scores on the treebank's test split ({n_test} sentences, gold tokens): "
        f"{json.dumps(test_scores)}\n",
        encoding="utf-8",
    )
    print(json.dumps(test_scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
