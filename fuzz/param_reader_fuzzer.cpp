// libFuzzer harness: the ViennaRNA parameter-file reader (--params). A file is refused with
// mirgene::Error or gives parameters that fold a fixed sequence without undefined behaviour
// (int overflow in the loop sums was issue 15's "no decomposition reproduces M(56,60)").
// Inputs are edits of the Turner 2004 file in the seed corpus.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "common/error.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"
#include "fold/structure_energy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  mirgene::fold::EnergyParams params;
  try {
    params = mirgene::fold::parse_params(in, "fuzz.par");
  } catch (const mirgene::Error&) {
    return 0;
  }
  // hsa-mir-21's precursor, with multiloops, interior loops and bulges in its candidates.
  static const std::string kSeq =
      "UGUCGGGUAGCUUAUCAGACUGAUGUUGACUGUUGAAUCUCAUGGCAACACCAGUCGAUGGGCUGUCUGACA";
  mirgene::fold::Folder folder(params);
  const mirgene::fold::FoldResult r = folder.fold(kSeq);
  // The folder's energy is the evaluation of its own structure under the same parameters.
  if (mirgene::fold::structure_energy(params, kSeq, r.structure).energy != r.energy)
    __builtin_trap();
  return 0;
}
