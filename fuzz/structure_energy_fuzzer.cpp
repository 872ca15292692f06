// libFuzzer harness: `mirgene energy`'s input, the sequence/structure reader (gzip too), and
// the energy evaluation of every record it accepts. Each record is evaluated or refused
// with mirgene::Error; an undefined-behaviour report or any other exception is a crash.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "common/error.hpp"
#include "fold/params.hpp"
#include "fold/structure_energy.hpp"
#include "seqio/structure_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    mirgene::seqio::StructureReader reader(in, "fuzz.txt");
    mirgene::seqio::StructureReadResult item;
    while (reader.next(item)) {
      if (item.error) continue;
      if (item.record.seq.size() != item.record.structure.size()) __builtin_trap();
      try {
        const auto r = mirgene::fold::structure_energy(mirgene::fold::turner2004(),
                                                       item.record.seq, item.record.structure);
        int sum = 0;
        for (const auto& loop : r.loops) sum += loop.energy;
        if (sum != r.energy) __builtin_trap();
      } catch (const mirgene::Error&) {
      }
    }
  } catch (const mirgene::Error&) {
  }
  return 0;
}
