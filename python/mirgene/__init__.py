"""mirgene from Python: fold RNA, encode it, and score pre-miRNA candidates.

The same C++ library as the ``mirgene`` command line, called directly (no subprocess):

>>> import mirgene
>>> structure, mfe = mirgene.fold("GGGGAAAACCCC")
>>> model = mirgene.Model.load()            # the default model, found as described below
>>> p = model.predict(["UGAGGUAGUAGGUUGUAUAGUU", seq_record])  # NumPy array of P(pre-miRNA)

Sequences are given as ``str`` or as any object with a ``.seq`` attribute (a Biopython
``SeqRecord``; its ``.id`` names it in messages). They are checked by the library's FASTA
reader, so a bad sequence raises :class:`Error` (a ``ValueError``) with the message the CLI
prints for the same record in a FASTA file: the sequences of one call read as the FASTA text
``>ID`` / sequence, one line each, named ``<input>``; record k (1-based) is on line 2k, and
the column is the position in the sequence. A sequence without an id is named ``seqK``.

>>> for c in mirgene.scan("genome.fa.gz", threshold=0.9):   # as ``mirgene scan``
...     print(c.chrom, c.start, c.end, c.strand, c.probability)

Long calls (folding, scoring, scanning) release the GIL; Ctrl-C interrupts a long
``predict`` or ``scan``. See docs/python.md.
"""

from __future__ import annotations

import atexit
import os
import weakref
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np

from . import _core
from ._core import INPUT_DIM, MAX_LEN, VOCAB, Error

__version__: str = _core.__version__

__all__ = [
    "Candidate",
    "Error",
    "Explanation",
    "Model",
    "Partition",
    "Predictions",
    "ScanWarning",
    "default_model_path",
    "encode",
    "energy",
    "fold",
    "scan",
    "token_vectors",
    "MAX_LEN",
    "INPUT_DIM",
    "VOCAB",
]

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_DEFAULT_MODEL_NAME = "mirgene-whole.safetensors"
# scan's default: trained on genome-scale negatives (docs/robustness.md).
_SCAN_MODEL_NAME = "mirgene-genome.safetensors"


def _one(item: Any, index: int = 0) -> Tuple[str, str]:
    """(id, sequence text) of a str or a record with .seq."""
    if isinstance(item, str):
        return f"seq{index + 1}", item
    seq = getattr(item, "seq", None)
    if seq is None:
        raise TypeError(
            f"sequence #{index + 1}: expected a str or an object with .seq "
            f"(such as a Biopython SeqRecord), not {type(item).__name__}"
        )
    ident = getattr(item, "id", None)
    return (str(ident) if ident else f"seq{index + 1}"), str(seq)


def _is_single(seqs: Any) -> bool:
    return isinstance(seqs, str) or hasattr(seqs, "seq")


def _many(seqs: Any) -> Tuple[List[str], List[str]]:
    if _is_single(seqs):
        seqs = [seqs]
    ids: List[str] = []
    texts: List[str] = []
    for i, item in enumerate(seqs):
        ident, text = _one(item, i)
        ids.append(ident)
        texts.append(text)
    return ids, texts


class Partition(NamedTuple):
    """What ``mirgene fold -p`` (RNAfold -p) reports for one sequence; energies in kcal/mol."""

    structure: str  # the MFE structure
    mfe: float
    ensemble_energy: float  # -RT ln Z
    frequency: float  # of the MFE structure in the ensemble
    diversity: float  # mean base-pair distance between two structures of the ensemble
    centroid: str  # the pairs of probability > 0.5
    centroid_energy: float
    centroid_distance: float  # expected base-pair distance of the centroid to the ensemble
    pair_symbols: str  # RNAfold's pseudo-structure of pairing tendencies
    probabilities: np.ndarray  # float64 (L, L), symmetric: p[i, j] = P(i and j pair), 0-based

    def paired(self) -> np.ndarray:
        """Probability of each base to be paired (row sums of ``probabilities``)."""
        return self.probabilities.sum(axis=1)


def fold(seq: Any, partition: bool = False) -> Any:
    """MFE structure (dot-bracket) and its free energy in kcal/mol, as ``mirgene fold``.

    The energy model is RNAfold 2.x's default (Turner 2004, 37 °C, -d2). With
    ``partition=True`` returns a :class:`Partition` instead: McCaskill's partition function
    on the same model, equal to RNAfold 2.7.1 ``-p`` (ensemble energy, MFE frequency,
    diversity, centroid, and the base-pair probability matrix as NumPy array). Raises
    :class:`Error` for a character that is not an IUPAC nucleotide letter, an empty
    sequence, or one too long for the memory at hand.
    """
    ident, text = _one(seq)
    if partition:
        return Partition(*_core.fold_partition(ident, text))
    return _core.fold(ident, text)


def energy(seq: Any, structure: str) -> float:
    """Free energy (kcal/mol) of ``seq`` folded into ``structure``, as
    ``mirgene energy -s SEQ -d STRUCTURE``; raises :class:`Error` with its message for a
    structure that cannot be evaluated (length mismatch, unbalanced brackets, a pair that
    cannot form, a hairpin shorter than 3)."""
    return _core.energy(_one(seq)[1], structure)


def encode(seq: Any, structure: Optional[str] = None, one_hot: bool = False) -> np.ndarray:
    """The network's input encoding of one sequence (docs/model-format.md, "Encoding").

    ``structure`` is a dot-bracket string (``:`` allowed for hairpin-loop bases); when
    omitted the sequence is folded first, as the scorer does. Returns the tokens, a uint8
    array of length L (``4 * nucleotide + structure``; ``16 + structure`` for N and other
    IUPAC codes), or with ``one_hot=True`` the float32 input vectors, shape (L, INPUT_DIM).
    Sequences of 1 to MAX_LEN nt can be encoded.
    """
    ident, text = _one(seq)
    if structure is None:
        structure = _core.fold(ident, text)[0]
    tokens = _core.encode(ident, text, structure)
    return _core.token_vectors(tokens) if one_hot else tokens


def token_vectors(tokens: Any) -> np.ndarray:
    """Input vectors of tokens (as :func:`encode` returns): float32 array (L, INPUT_DIM),
    one-hot for tokens 0..15, 0.25 on the four nucleotides of the structure for 16..19."""
    return _core.token_vectors(np.asarray(tokens, dtype=np.uint8))


def default_model_path(name: str = _DEFAULT_MODEL_NAME) -> str:
    """The model :meth:`Model.load` uses without a path (:func:`scan` uses
    ``mirgene-genome.safetensors`` instead, as ``mirgene scan`` does).

    ``$MIRGENE_MODEL`` when set (then nothing else, as the CLI); otherwise
    ``models/NAME`` (default ``mirgene-whole.safetensors``) inside this package, where the
    build tree, ``cmake --install`` and ``pip install`` all put the repository's shipped
    models. Raises :class:`Error` listing the places looked at when there is none.
    """
    env = os.environ.get("MIRGENE_MODEL", "")
    candidates = [env] if env else [os.path.join(_PACKAGE_DIR, "models", name)]
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise Error(
        "no model file found"
        + (" ($MIRGENE_MODEL)" if env else "")
        + "; looked at:"
        + "".join("\n  " + p for p in candidates)
        + "\ngive one with Model.load(path) or set MIRGENE_MODEL"
    )


@dataclass
class Predictions:
    """One entry per input sequence, in input order; the columns of ``mirgene predict``.

    ``probability`` is NaN, ``mfe`` NaN and ``structure`` None where the sequence was not
    scored or not folded; ``status`` is the CLI's status column (``"ok"``, or why), and
    ``error`` the message the CLI prints on stderr for it (``""`` when scored).
    """

    id: List[str]
    sequence: List[str]  # as read: T as U, case kept ("" for an unreadable record)
    length: np.ndarray  # int64, -1 for an unreadable record
    probability: np.ndarray  # float32
    mfe: np.ndarray  # float64, kcal/mol
    structure: List[Optional[str]]
    status: List[str]
    error: List[str]
    # Loci of a genome (Model.predict_regions): where each sequence was fetched from, flanks
    # included, 0-based half-open; None / -1 where a line's coordinates could not be read.
    # None for sequences that have no coordinates.
    chrom: Optional[List[Optional[str]]] = None
    start: Optional[np.ndarray] = None  # int64
    end: Optional[np.ndarray] = None  # int64
    strand: Optional[List[Optional[str]]] = None

    def __len__(self) -> int:
        return len(self.id)

    def labels(self, threshold: float = 0.5) -> List[Optional[str]]:
        """``"pre-miRNA"`` where probability >= threshold, ``"other"`` below, None when
        not scored (the CLI's label column)."""
        return [
            None if np.isnan(p) else ("pre-miRNA" if p >= threshold else "other")
            for p in self.probability
        ]

    def as_dict(self, threshold: float = 0.5) -> Dict[str, Any]:
        """The columns under the CLI's TSV names, e.g. for ``pandas.DataFrame(...)``."""
        where: Dict[str, Any] = {}
        if self.chrom is not None:
            where = {"chrom": self.chrom, "start": self.start, "end": self.end, "strand": self.strand}
        return {
            "id": self.id,
            **where,
            "length": self.length,
            "prob_premirna": self.probability,
            "label": self.labels(threshold),
            "mfe": self.mfe,
            "structure": self.structure,
            "status": self.status,
        }


@dataclass
class Explanation:
    """What ``mirgene explain`` gives for one sequence."""

    id: str
    sequence: str  # as read: T as U, case kept
    structure: str  # MFE dot-bracket the network read
    mfe: float  # kcal/mol
    probability: float  # P(pre-miRNA)
    attention: Optional[np.ndarray]  # float32 (L,), sums to 1; None for models without attention
    cam: np.ndarray = field(repr=False)  # float32 (L,), class activation map


def _predictions(columns: Dict[str, Any]) -> Predictions:
    return Predictions(
        id=columns["id"],
        sequence=columns["sequence"],
        length=columns["length"],
        probability=columns["probability"],
        mfe=columns["mfe"],
        structure=columns["structure"],
        status=columns["status"],
        error=columns["error"],
        chrom=columns.get("chrom"),
        start=columns.get("start"),
        end=columns.get("end"),
        strand=columns.get("strand"),
    )


def _check_errors(errors: str) -> None:
    if errors not in ("raise", "nan"):
        raise ValueError(f"errors must be 'raise' or 'nan', not {errors!r}")


def _raise_first(predictions: Predictions) -> None:
    for message in predictions.error:
        if message:
            e = Error(message)
            e.predictions = predictions  # type: ignore[attr-defined]
            raise e


class Model:
    """A trained model: one network or an ensemble (scored with the mean of its members).

    Thread-safe: one model may score from several Python threads at once.
    """

    def __init__(self, core: Any) -> None:
        self._core = core

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]", None] = None) -> "Model":
        """Loads a model file (safetensors, as ``mirgene train`` and ``mirgene ensemble``
        write); ``None`` loads :func:`default_model_path`. Raises :class:`Error` naming the
        file and the problem."""
        resolved = default_model_path() if path is None else os.fspath(path)
        return cls(_core.Model(resolved))

    @property
    def path(self) -> str:
        """The file loaded."""
        return self._core.path

    @property
    def members(self) -> int:
        """Networks in the model (1, or an ensemble's count)."""
        return self._core.members

    @property
    def metadata(self) -> Dict[str, str]:
        """The model file's metadata (architecture, training provenance, ...)."""
        return dict(self._core.metadata)

    def __repr__(self) -> str:
        return f"Model({self.path!r}, members={self.members})"

    def predict(
        self,
        seqs: Union[Any, Iterable[Any]],
        threads: int = 0,
        structures: bool = False,
        errors: str = "raise",
    ) -> Union[np.ndarray, Predictions]:
        """P(pre-miRNA) of each sequence, as ``mirgene predict``: float32 array in input order.

        ``seqs``: one sequence or an iterable of them (str, or objects with ``.seq``).
        ``threads``: worker threads, 0 (default) for every core; results do not depend on it.
        ``structures=True`` returns :class:`Predictions` instead (ids, lengths, MFE structures
        and energies, statuses beside the probabilities).
        ``errors="raise"`` (default) raises :class:`Error` with the CLI's message for the
        first sequence that cannot be scored (an invalid character, longer than MAX_LEN);
        every result is still on the exception as ``.predictions``. ``errors="nan"`` gives
        NaN for those instead (the reason is in ``Predictions.status``).
        """
        _check_errors(errors)
        ids, texts = _many(seqs)
        result = _predictions(self._core.score(ids, texts, threads, False))
        if errors == "raise":
            _raise_first(result)
        return result if structures else result.probability

    def predict_fasta(
        self, path: Union[str, "os.PathLike[str]"], threads: int = 0, errors: str = "raise"
    ) -> Predictions:
        """Every record of a FASTA file (plain or gzip), exactly as ``mirgene predict FILE``:
        the same rows, and the same messages (naming the file, line and column). ``errors``
        as in :meth:`predict`; a failure of the file as a whole (cannot be opened, corrupt
        gzip) always raises :class:`Error`."""
        _check_errors(errors)
        result = _predictions(self._core.score_fasta(os.fspath(path), threads, False))
        if errors == "raise":
            _raise_first(result)
        return result

    def predict_regions(
        self,
        genome: Union[str, "os.PathLike[str]"],
        regions: Union[str, "os.PathLike[str]"],
        feature_types: Optional[Sequence[str]] = None,
        flank: int = 0,
        threads: int = 0,
        errors: str = "raise",
    ) -> Predictions:
        """The loci of a regions file (BED, GFF3 or ``mirgene scan -f tsv``) fetched from an
        indexed genome (plain or bgzip FASTA; its .fai/.gzi are built when missing), exactly
        as ``mirgene predict --genome GENOME --regions REGIONS``: the same rows, with
        ``chrom``, ``start``, ``end`` and ``strand`` filled in, and the same messages (naming
        the regions file, line and column). ``feature_types``: the GFF3 types read (default
        the precursor types ``pre_miRNA`` and ``miRNA_primary_transcript``); ``flank``: nt
        added on both sides. ``errors`` as in :meth:`predict`; a genome that cannot be used
        always raises :class:`Error`. See docs/coordinates.md."""
        import warnings

        _check_errors(errors)
        types = list(feature_types) if feature_types is not None else list(_core.DEFAULT_FEATURE_TYPES)
        columns = self._core.score_regions(
            os.fspath(genome), os.fspath(regions), types, int(flank), threads, False
        )
        for note in columns.pop("notes").splitlines():
            warnings.warn(note, stacklevel=2)
        result = _predictions(columns)
        if errors == "raise":
            _raise_first(result)
        return result

    def explain(
        self, seqs: Union[Any, Iterable[Any]], threads: int = 0
    ) -> Union[Explanation, List[Explanation]]:
        """Attention weights and class activation map per position, as ``mirgene explain``.

        One sequence gives one :class:`Explanation`, an iterable a list of them. Raises
        :class:`Error` with the CLI's message for a sequence that cannot be scored.
        """
        single = _is_single(seqs)
        ids, texts = _many(seqs)
        columns = self._core.score(ids, texts, threads, True)
        for message in columns["error"]:
            if message:
                raise Error(message)
        out = [
            Explanation(
                id=columns["id"][i],
                sequence=columns["sequence"][i],
                structure=columns["structure"][i],
                mfe=float(columns["mfe"][i]),
                probability=float(columns["probability"][i]),
                attention=columns["attention"][i],
                cam=columns["cam"][i],
            )
            for i in range(len(ids))
        ]
        return out[0] if single else out


class Candidate(NamedTuple):
    """A pre-miRNA candidate of :func:`scan`: a row of ``mirgene scan -f tsv``.

    Coordinates are on the forward strand, 0-based, half-open, whatever the strand;
    ``sequence`` and ``structure`` are given 5'->3' on the candidate's own strand (upper
    case, U), and are what :func:`fold` gives for that sequence.
    """

    chrom: str  # the record's id
    start: int
    end: int
    strand: str  # "+" or "-"
    probability: float  # P(pre-miRNA)
    mfe: float  # kcal/mol, of the piece folded alone
    sequence: str
    structure: str  # dot-bracket
    # The model's calibration (``mirgene calibrate``): false positives per Mb at this
    # probability; None when the model carries none. Last, so positional unpacking of the
    # first eight fields keeps working.
    fp_per_mb: Optional[float] = None


def _scan_records(items: Iterable[Any]) -> Iterator[Tuple[str, str]]:
    """(id, sequence) of each record given to :func:`scan`: a str (named seqK), an object
    with ``.seq`` (and ``.id``), or an (id, sequence) pair."""
    for i, item in enumerate(items):
        if isinstance(item, tuple) and len(item) == 2:
            ident, seq = item
            yield (str(ident) if ident else f"seq{i + 1}"), str(seq)
        else:
            yield _one(item, i)


def scan(
    path_or_records: Any,
    threshold: Optional[float] = None,
    strand: str = "both",
    threads: int = 0,
    span: int = 120,
    chunk: int = 4000,
    flank: int = 10,
    min_length: int = 60,
    min_pairs: int = 18,
    merge: bool = True,
    model: Union["Model", str, "os.PathLike[str]", None] = None,
    errors: str = "raise",
    max_fp_per_mb: Optional[float] = None,
) -> Iterator[Candidate]:
    """Pre-miRNA candidates in genomic DNA, as ``mirgene scan`` finds them (docs/scan.md).

    ``path_or_records``: a FASTA file (``str`` or path-like; plain or gzip), or an iterable
    of records: ``str`` sequences (named ``seqK``), objects with ``.seq`` and ``.id``
    (Biopython ``SeqRecord``), or ``(id, sequence)`` pairs; one object with ``.seq`` is one
    record. Records are read as the FASTA text ``>ID`` / sequence, named ``<input>`` in
    messages, and pulled from the iterable as the scan needs them.

    The options are ``mirgene scan``'s, with its defaults: ``threshold`` (-t; None for
    the scan's default, 0.85), ``max_fp_per_mb`` (--max-fp-per-mb, instead of ``threshold``: needs a calibrated
    model), ``strand``
    (``"both"``, ``"+"`` or ``"-"``), ``threads`` (-j; 0 for every core; results do not
    depend on it), ``span``, ``chunk``, ``flank``, ``min_length``, ``min_pairs``,
    ``merge=False`` for --no-merge. ``model``: a :class:`Model`, a model file, or None for
    ``default_model_path("mirgene-genome.safetensors")``, the scan's default model.

    Returns a generator of :class:`Candidate` in input order, then by start, which yields
    while the scan runs (on threads of its own, without the GIL). Closing it early (or
    leaving a ``for`` loop) stops the scan. An unreadable record is skipped, the others are
    scanned as usual; with ``errors="raise"`` (default), once every candidate has been
    yielded the generator raises :class:`Error` with the CLI's message for the first
    unreadable record (all of them in the exception's ``.errors``); with ``errors="warn"``
    each message is a :class:`ScanWarning` when its record is reached. A file that cannot be
    opened raises :class:`Error` at the call; a corrupt gzip stream raises it after the
    candidates of every record before it.
    """
    if errors not in ("raise", "warn"):
        raise ValueError(f"errors must be 'raise' or 'warn', not {errors!r}")
    if strand not in ("both", "+", "-"):
        raise ValueError(f"strand must be 'both', '+' or '-', not {strand!r}")
    if model is None:
        model = Model.load(default_model_path(_SCAN_MODEL_NAME))
    elif not isinstance(model, Model):
        model = Model.load(model)
    if max_fp_per_mb is not None:
        if threshold is not None:
            raise ValueError("scan: give threshold or max_fp_per_mb, not both")
        threshold = _core.threshold_for_max_fp(model._core, float(max_fp_per_mb))
    elif threshold is None:
        threshold = _core.default_scan_threshold
    if isinstance(path_or_records, (str, os.PathLike)):
        source: Any = os.fspath(path_or_records)
    elif isinstance(path_or_records, bytes):
        raise TypeError("scan: give a path as str, or records as an iterable (not bytes)")
    else:
        items = [path_or_records] if hasattr(path_or_records, "seq") else path_or_records
        source = _scan_records(iter(items))
    run = _core.ScanRun(
        model._core, source, threshold, strand != "-", strand != "+", threads,
        span, chunk, flank, min_length, min_pairs, merge,
    )
    _open_scans.add(run)
    return _scan_results(run, errors)


# Scans not yet closed. At exit they are stopped before the interpreter shuts down: a scan's
# thread reading Python records must not wait for the GIL while it does.
_open_scans: "weakref.WeakSet[Any]" = weakref.WeakSet()


@atexit.register
def _close_open_scans() -> None:
    for run in list(_open_scans):
        run.close()


class ScanWarning(UserWarning):
    """An unreadable record skipped by :func:`scan` with ``errors="warn"``."""


def _scan_results(run: Any, errors: str) -> Iterator[Candidate]:
    import warnings

    messages: List[str] = []
    try:
        while True:
            event = run.next()
            if event is None:
                break
            if isinstance(event, str):
                messages.append(event)
                if errors == "warn":
                    warnings.warn(event, ScanWarning, stacklevel=2)
                continue
            for row in event:
                yield Candidate._make(row)
    finally:
        run.close()
    if messages and errors == "raise":
        e = Error(messages[0])
        e.errors = messages  # type: ignore[attr-defined]
        raise e
