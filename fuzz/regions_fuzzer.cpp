// libFuzzer harness: the regions reader of --regions (BED, GFF3, the scan's TSV). Every line
// becomes a locus or a problem; only mirgene::Error may escape. A good locus must be a
// non-empty span from a non-negative start with a strand, and a problem must name a column.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "common/error.hpp"
#include "genome/region_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    const mirgene::genome::Regions r =
        mirgene::genome::read_regions(in, "fuzz.bed", mirgene::genome::default_feature_types());
    for (const mirgene::genome::RegionEntry& e : r.entries) {
      if (!e.problem.empty()) {
        if (e.column == 0) __builtin_trap();
        continue;
      }
      const auto& w = e.locus.where;
      if (!e.located || w.start < 0 || w.end <= w.start || (w.strand != '+' && w.strand != '-'))
        __builtin_trap();
    }
  } catch (const mirgene::Error&) {
  }
  return 0;
}
