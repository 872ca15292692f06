// fold(id, seq), fold_partition(id, seq) and energy(seq, structure): `mirgene fold`,
// `mirgene fold -p` and `mirgene energy -s -d` on one sequence.
#include <pybind11/numpy.h>

#include <string>
#include <utility>

#include "bindings.hpp"
#include "common/error.hpp"
#include "fold/ensemble.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"
#include "fold/partition.hpp"
#include "fold/structure_energy.hpp"
#include "predict/record_stream.hpp"
#include "records.hpp"

namespace py = pybind11;

namespace mirgene::python {

namespace {

// One Folder per Python thread that folds (its tables are reused from call to call).
fold::Folder& thread_folder() {
  thread_local fold::Folder folder(fold::turner2004());
  return folder;
}

std::pair<std::string, double> fold_one(const std::string& id, const std::string& seq) {
  const seqio::Record record = checked_record(id, seq);
  py::gil_scoped_release release;
  try {
    const fold::FoldResult r = thread_folder().fold(record.seq);
    return {r.structure, r.energy / 100.0};
  } catch (const Error& e) {
    throw Error(predict::record_error(kInputName, record, e.what()));
  }
}

fold::PartitionFolder& thread_partition_folder() {
  thread_local fold::PartitionFolder folder(fold::turner2004());
  return folder;
}

// What `mirgene fold -p` prints, as numbers, and the pair probabilities as a symmetric
// n x n float64 matrix (p[i][j] = p[j][i] = probability that bases i and j pair, 0-based).
py::tuple fold_partition(const std::string& id, const std::string& seq) {
  const seqio::Record record = checked_record(id, seq);
  const auto n = static_cast<py::ssize_t>(record.seq.size());
  py::array_t<double> matrix({n, n});
  fold::PartitionResult r;
  fold::Centroid centroid;
  int centroid_energy = 0;
  double frequency = 0.0, diversity = 0.0;
  std::string symbols;
  {
    py::gil_scoped_release release;
    try {
      r = thread_partition_folder().fold(record.seq);
    } catch (const Error& e) {
      throw Error(predict::record_error(kInputName, record, e.what()));
    }
    const fold::PairProbabilities& p = thread_partition_folder().probabilities();
    centroid = fold::centroid_structure(p);
    centroid_energy =
        fold::structure_energy(fold::turner2004(), record.seq, centroid.structure).energy;
    frequency = fold::mfe_frequency(r.mfe.energy, r.ensemble_energy);
    diversity = fold::ensemble_diversity(p);
    symbols = fold::pair_probability_symbols(p);
    double* m = matrix.mutable_data();
    for (py::ssize_t i = 0; i < n; ++i) {
      m[i * n + i] = 0.0;
      for (py::ssize_t j = i + 1; j < n; ++j) {
        m[i * n + j] = m[j * n + i] = p(static_cast<int>(i) + 1, static_cast<int>(j) + 1);
      }
    }
  }
  return py::make_tuple(r.mfe.structure, r.mfe.energy / 100.0, r.ensemble_energy, frequency,
                        diversity, centroid.structure, centroid_energy / 100.0, centroid.distance,
                        symbols, matrix);
}

double energy_of(std::string seq, const std::string& structure) {
  // As `mirgene energy --sequence`: T read as U, then the library's checks and messages.
  for (char& c : seq) c = c == 'T' ? 'U' : c == 't' ? 'u' : c;
  py::gil_scoped_release release;
  return fold::structure_energy(fold::turner2004(), seq, structure).energy / 100.0;
}

}  // namespace

void bind_fold(py::module_& m) {
  m.def("fold", &fold_one, py::arg("id"), py::arg("seq"),
        "MFE structure and energy (kcal/mol) of one sequence, as `mirgene fold` gives them.");
  m.def("fold_partition", &fold_partition, py::arg("id"), py::arg("seq"),
        "Partition function of one sequence, as `mirgene fold -p`: (structure, mfe, "
        "ensemble_energy, frequency, diversity, centroid, centroid_energy, centroid_distance, "
        "pair_symbols, probabilities).");
  m.def("energy", &energy_of, py::arg("seq"), py::arg("structure"),
        "Free energy (kcal/mol) of a structure, as `mirgene energy -s SEQ -d STRUCTURE`.");
}

}  // namespace mirgene::python
