# Type stubs of the mirgene package (python/mirgene/__init__.py; docs/python.md).
import os
from dataclasses import dataclass
from typing import (
    Any, Dict, Iterable, Iterator, List, Literal, NamedTuple, Optional, Protocol, Sequence, Tuple, Union,
    overload,
)

import numpy as np
import numpy.typing as npt

__version__: str
MAX_LEN: int
INPUT_DIM: int
VOCAB: int

class _HasSeq(Protocol):
    @property
    def seq(self) -> Any: ...

SequenceLike = Union[str, _HasSeq]
PathLike = Union[str, os.PathLike[str]]

class Error(ValueError): ...

class Partition(NamedTuple):
    structure: str
    mfe: float
    ensemble_energy: float
    frequency: float
    diversity: float
    centroid: str
    centroid_energy: float
    centroid_distance: float
    pair_symbols: str
    probabilities: npt.NDArray[np.float64]
    def paired(self) -> npt.NDArray[np.float64]: ...

@overload
def fold(seq: SequenceLike, partition: Literal[False] = ...) -> Tuple[str, float]: ...
@overload
def fold(seq: SequenceLike, partition: Literal[True]) -> Partition: ...
def energy(seq: SequenceLike, structure: str) -> float: ...
def encode(
    seq: SequenceLike, structure: Optional[str] = ..., one_hot: bool = ...
) -> npt.NDArray[Any]: ...
def token_vectors(tokens: npt.ArrayLike) -> npt.NDArray[np.float32]: ...
def default_model_path(name: str = ...) -> str: ...

@dataclass
class Predictions:
    id: List[str]
    sequence: List[str]
    length: npt.NDArray[np.int64]
    probability: npt.NDArray[np.float32]
    mfe: npt.NDArray[np.float64]
    structure: List[Optional[str]]
    status: List[str]
    error: List[str]
    chrom: Optional[List[Optional[str]]] = ...
    start: Optional[npt.NDArray[np.int64]] = ...
    end: Optional[npt.NDArray[np.int64]] = ...
    strand: Optional[List[Optional[str]]] = ...
    def __len__(self) -> int: ...
    def labels(self, threshold: float = ...) -> List[Optional[str]]: ...
    def as_dict(self, threshold: float = ...) -> Dict[str, Any]: ...

@dataclass
class Explanation:
    id: str
    sequence: str
    structure: str
    mfe: float
    probability: float
    attention: Optional[npt.NDArray[np.float32]]
    cam: npt.NDArray[np.float32]

class Model:
    @classmethod
    def load(cls, path: Optional[PathLike] = ...) -> Model: ...
    @property
    def path(self) -> str: ...
    @property
    def members(self) -> int: ...
    @property
    def metadata(self) -> Dict[str, str]: ...
    @overload
    def predict(
        self,
        seqs: Union[SequenceLike, Iterable[SequenceLike]],
        threads: int = ...,
        structures: Literal[False] = ...,
        errors: Literal["raise", "nan"] = ...,
    ) -> npt.NDArray[np.float32]: ...
    @overload
    def predict(
        self,
        seqs: Union[SequenceLike, Iterable[SequenceLike]],
        threads: int = ...,
        *,
        structures: Literal[True],
        errors: Literal["raise", "nan"] = ...,
    ) -> Predictions: ...
    def predict_fasta(
        self, path: PathLike, threads: int = ..., errors: Literal["raise", "nan"] = ...
    ) -> Predictions: ...
    def predict_regions(
        self,
        genome: PathLike,
        regions: PathLike,
        feature_types: Optional[Sequence[str]] = ...,
        flank: int = ...,
        threads: int = ...,
        errors: Literal["raise", "nan"] = ...,
    ) -> Predictions: ...
    @overload
    def explain(self, seqs: SequenceLike, threads: int = ...) -> Explanation: ...
    @overload
    def explain(self, seqs: Iterable[SequenceLike], threads: int = ...) -> List[Explanation]: ...

class Candidate(NamedTuple):
    chrom: str
    start: int
    end: int
    strand: str
    probability: float
    mfe: float
    sequence: str
    structure: str
    fp_per_mb: Optional[float] = ...

class ScanWarning(UserWarning): ...

RecordLike = Union[str, _HasSeq, Tuple[Any, Any]]

def scan(
    path_or_records: Union[PathLike, _HasSeq, Iterable[RecordLike]],
    threshold: Optional[float] = ...,
    strand: Literal["both", "+", "-"] = ...,
    threads: int = ...,
    span: int = ...,
    chunk: int = ...,
    flank: int = ...,
    min_length: int = ...,
    min_pairs: int = ...,
    merge: bool = ...,
    model: Union[Model, PathLike, None] = ...,
    errors: Literal["raise", "warn"] = ...,
    max_fp_per_mb: Optional[float] = ...,
) -> Iterator[Candidate]: ...
