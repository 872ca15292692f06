// A loaded model (predict::load_model: one network or an ensemble, averaged) scoring
// sequences handed over from Python, or a FASTA file, exactly as `mirgene predict` and
// `mirgene explain` do (predict::score_in_order).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "predict/fasta_source.hpp"
#include "predict/locus_source.hpp"
#include "predict/model.hpp"
#include "records.hpp"
#include "scoring.hpp"

namespace py = pybind11;

namespace mirgene::python {

namespace {

py::object float_array_or_none(const std::vector<float>& values) {
  if (values.empty()) return py::none();
  py::array_t<float> a(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), a.mutable_data());
  return py::object(std::move(a));
}

// Column arrays of a run, the fields of predict::ScoredSequence plus the CLI's messages.
py::dict columns(ScoreRun&& run, bool positions) {
  const auto n = static_cast<py::ssize_t>(run.results.size());
  py::list ids, sequences, structures, statuses, errors, attention, cam;
  py::array_t<std::int64_t> lengths(n);
  py::array_t<float> probabilities(n);
  py::array_t<double> mfes(n);
  auto len = lengths.mutable_unchecked<1>();
  auto prob = probabilities.mutable_unchecked<1>();
  auto mfe = mfes.mutable_unchecked<1>();
  for (py::ssize_t i = 0; i < n; ++i) {
    const predict::ScoredSequence& s = run.results[static_cast<std::size_t>(i)];
    ids.append(s.id);
    sequences.append(s.sequence);
    len(i) = s.length ? static_cast<std::int64_t>(*s.length) : -1;
    prob(i) = s.probability ? *s.probability : std::numeric_limits<float>::quiet_NaN();
    mfe(i) = s.fold ? s.fold->energy / 100.0 : std::numeric_limits<double>::quiet_NaN();
    structures.append(s.fold ? py::object(py::str(s.fold->structure)) : py::object(py::none()));
    statuses.append(s.status);
    errors.append(run.errors[static_cast<std::size_t>(i)]);
    if (positions) {
      attention.append(float_array_or_none(s.attention));
      cam.append(float_array_or_none(s.cam));
    }
  }
  py::dict d;
  d["id"] = ids;
  d["sequence"] = sequences;
  d["length"] = lengths;
  d["probability"] = probabilities;
  d["mfe"] = mfes;
  d["structure"] = structures;
  d["status"] = statuses;
  d["error"] = errors;
  if (positions) {
    d["attention"] = attention;
    d["cam"] = cam;
  }
  return d;
}

// The loci's coordinates (flanks included) beside the columns: None / -1 where a line's
// coordinates could not be read.
void add_coordinates(py::dict& d, const ScoreRun& run) {
  const auto n = static_cast<py::ssize_t>(run.results.size());
  py::list chroms, strands;
  py::array_t<std::int64_t> starts(n), ends(n);
  auto start = starts.mutable_unchecked<1>();
  auto end = ends.mutable_unchecked<1>();
  for (py::ssize_t i = 0; i < n; ++i) {
    const auto& where = run.results[static_cast<std::size_t>(i)].locus;
    chroms.append(where ? py::object(py::str(where->chrom)) : py::object(py::none()));
    strands.append(where ? py::object(py::str(std::string(1, where->strand)))
                         : py::object(py::none()));
    start(i) = where ? where->start : -1;
    end(i) = where ? where->end : -1;
  }
  d["chrom"] = chroms;
  d["start"] = starts;
  d["end"] = ends;
  d["strand"] = strands;
}

predict::Detail detail_of(bool positions) {
  return positions ? predict::Detail::kPositions : predict::Detail::kProbability;
}

}  // namespace

void bind_model(py::module_& m) {
  m.attr("DEFAULT_FEATURE_TYPES") = genome::default_feature_types();
  py::class_<predict::Model>(m, "Model")
      .def(py::init([](const std::string& path) {
             py::gil_scoped_release release;
             return predict::load_model(path);
           }),
           py::arg("path"), "Loads a model file (one network or an ensemble).")
      .def_property_readonly("path", [](const predict::Model& model) { return model.path; })
      .def_property_readonly("members",
                             [](const predict::Model& model) { return model.members().size(); })
      .def_property_readonly("metadata",
                             [](const predict::Model& model) { return model.file.metadata; })
      .def(
          "score",
          [](const predict::Model& model, const std::vector<std::string>& ids,
             const std::vector<std::string>& seqs, int threads, bool positions) {
            if (ids.size() != seqs.size()) throw Error("ids and sequences differ in number");
            predict::FastaSource source = text_source(ids, seqs);
            return columns(score_source(source, model.members(), detail_of(positions), threads),
                           positions);
          },
          py::arg("ids"), py::arg("seqs"), py::arg("threads"), py::arg("positions"),
          "Scores sequences as `mirgene predict` (or explain, with positions) does.")
      .def(
          "score_fasta",
          [](const predict::Model& model, const std::string& path, int threads, bool positions) {
            predict::FastaSource source(path);
            return columns(score_source(source, model.members(), detail_of(positions), threads),
                           positions);
          },
          py::arg("path"), py::arg("threads"), py::arg("positions"),
          "Scores every record of a FASTA file (plain or gzip) as `mirgene predict` does.")
      .def(
          "score_regions",
          [](const predict::Model& model, const std::string& genome, const std::string& regions,
             const std::vector<std::string>& feature_types, std::int64_t flank, int threads,
             bool positions) {
            if (flank < 0 || flank > encode::kMaxLen)
              throw Error("--flank: must be from 0 to " + std::to_string(encode::kMaxLen) +
                          ", not " + std::to_string(flank));
            std::ostringstream notes;
            predict::GenomeLoci loci = predict::open_genome_loci(genome, regions, feature_types,
                                                                 {flank, encode::kMaxLen}, notes);
            ScoreRun run =
                score_source(*loci.source, model.members(), detail_of(positions), threads);
            py::dict where;
            add_coordinates(where, run);
            py::dict d = columns(std::move(run), positions);
            for (const auto& [key, value] : where) d[key] = value;
            // What the CLI says on stderr before scoring (an index built, no feature of the
            // types asked for), for the module to pass on as warnings.
            d["notes"] = notes.str();
            return d;
          },
          py::arg("genome"), py::arg("regions"), py::arg("feature_types"), py::arg("flank"),
          py::arg("threads"), py::arg("positions"),
          "Scores the loci of a regions file fetched from an indexed genome, as `mirgene "
          "predict --genome --regions` does, with their coordinates.");
}

}  // namespace mirgene::python
