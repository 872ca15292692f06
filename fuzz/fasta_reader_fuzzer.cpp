// libFuzzer harness: the FASTA reader on any bytes, gzip-compressed or not (ByteInput tells
// them apart by their first bytes). The first byte picks the read-buffer size, so record and
// line boundaries fall across buffer ends. Reading must end: every record good or with an
// error, or mirgene::Error for the input as a whole; anything else is a crash.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "common/error.hpp"
#include "seqio/fasta_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t buffer_size = mirgene::seqio::FastaReader::kMinBufferSize + data[0] % 64;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  try {
    mirgene::seqio::FastaReader reader(in, "fuzz.fa", buffer_size);
    mirgene::seqio::ReadResult item;
    std::size_t residues = 0;
    while (reader.next(item)) {
      residues += item.record.seq.size();
      if (item.error) {
        if (item.error->message.empty()) __builtin_trap();
        (void)item.error->to_string();
      } else if (!mirgene::seqio::residue_problem(item.record.seq).empty()) {
        __builtin_trap();  // the reader let through a byte the residue rule refuses
      }
    }
    // The input cannot yield more residues than it has bytes (gzip aside, where it can).
    (void)residues;
  } catch (const mirgene::Error&) {
  }
  return 0;
}
