// mirgene._core: the library's folding, encoding and scoring for Python. The public API, its
// input handling and docs are in python/mirgene/__init__.py; this module is its engine.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "common/error.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "mirgene's C++ library (folding, encoding, scoring); use the mirgene package.";
  // Every problem the library reports about its input (a bad sequence, a bad file, a bad
  // argument) is mirgene::Error; in Python it is mirgene.Error, a ValueError, with the same
  // message the CLI prints after "error: ".
  pybind11::register_exception<mirgene::Error>(m, "Error", PyExc_ValueError);
  m.attr("__version__") = MIRGENE_VERSION;
  mirgene::python::bind_fold(m);
  mirgene::python::bind_encode(m);
  mirgene::python::bind_model(m);
  mirgene::python::bind_scan(m);
}
