#pragma once
// The parts of the extension module mirgene._core, one file per topic.
#include <pybind11/pybind11.h>

namespace mirgene::python {

void bind_fold(pybind11::module_& m);    // fold, energy
void bind_encode(pybind11::module_& m);  // encode, token_vectors and the encoding's constants
void bind_model(pybind11::module_& m);   // Model: load, score sequences or a FASTA file
void bind_scan(pybind11::module_& m);    // ScanRun: scan::scan_fasta streamed to Python

}  // namespace mirgene::python
