// The network's input encoding (encode/encoding.hpp) as NumPy arrays, for training other
// models on the same input.
#include <pybind11/numpy.h>

#include <string>
#include <vector>

#include "bindings.hpp"
#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "records.hpp"

namespace py = pybind11;

namespace mirgene::python {

namespace {

py::array_t<std::uint8_t> encode_one(const std::string& id, const std::string& seq,
                                     const std::string& structure) {
  const seqio::Record record = checked_record(id, seq);
  const std::vector<std::uint8_t> tokens = encode::encode(record.seq, structure);
  py::array_t<std::uint8_t> out(static_cast<py::ssize_t>(tokens.size()));
  std::copy(tokens.begin(), tokens.end(), out.mutable_data());
  return out;
}

py::array_t<float> token_vectors(const py::array_t<std::uint8_t, py::array::c_style |
                                                                      py::array::forcecast>& tokens) {
  if (tokens.ndim() != 1) throw Error("tokens must be a one-dimensional array");
  const auto n = tokens.shape(0);
  py::array_t<float> out({n, static_cast<py::ssize_t>(encode::kInputDim)});
  float* dst = out.mutable_data();
  const std::uint8_t* src = tokens.data();
  for (py::ssize_t i = 0; i < n; ++i) {
    const auto v = encode::token_vector(src[i]);
    std::copy(v.begin(), v.end(), dst + i * encode::kInputDim);
  }
  return out;
}

}  // namespace

void bind_encode(py::module_& m) {
  m.def("encode", &encode_one, py::arg("id"), py::arg("seq"), py::arg("structure"),
        "Tokens (uint8, 4 * nucleotide + structure; 16 + structure for N) of a sequence and "
        "its dot-bracket structure.");
  m.def("token_vectors", &token_vectors, py::arg("tokens"),
        "The network's input vector of each token: float32 array of shape (len, 16).");
  m.attr("MAX_LEN") = encode::kMaxLen;
  m.attr("INPUT_DIM") = encode::kInputDim;
  m.attr("VOCAB") = encode::kVocab;
}

}  // namespace mirgene::python
