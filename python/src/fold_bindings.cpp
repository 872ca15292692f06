// fold(id, seq) and energy(seq, structure): `mirgene fold` and `mirgene energy -s -d` on one
// sequence.
#include <string>
#include <utility>

#include "bindings.hpp"
#include "common/error.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"
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
  m.def("energy", &energy_of, py::arg("seq"), py::arg("structure"),
        "Free energy (kcal/mol) of a structure, as `mirgene energy -s SEQ -d STRUCTURE`.");
}

}  // namespace mirgene::python
