// libFuzzer harness: the FASTA reader on any bytes, gzip-compressed or not (ByteInput tells
// them apart by their first bytes). The first byte picks the read-buffer size, so record and
// line boundaries fall across buffer ends, and the size of the pieces of a second reading in
// pieces (next_piece). Reading must end: every record good or with an error, or
// mirgene::Error for the input as a whole; anything else is a crash. The pieces of each
// record, put together, must be what next() gives.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "seqio/fasta_reader.hpp"

namespace {

struct Read {
  std::vector<std::string> records;  // id, seq or error text
  bool threw = false;
};

Read read_all(const std::string& text, std::size_t buffer_size, std::size_t piece) {
  Read out;
  std::istringstream in(text);
  try {
    mirgene::seqio::FastaReader reader(in, "fuzz.fa", buffer_size);
    mirgene::seqio::ReadResult item;
    std::string whole;
    auto more = [&] { return piece == 0 ? reader.next(item) : reader.next_piece(item, piece); };
    while (more()) {
      if (piece > 0 && item.record.seq.size() > piece) __builtin_trap();
      if (item.piece_offset == 0) whole.clear();
      if (item.piece_offset != whole.size()) __builtin_trap();
      whole += item.record.seq;
      if (!item.last_piece) continue;
      if (item.error) {
        if (item.error->message.empty()) __builtin_trap();
        out.records.push_back(item.record.id + " error " + item.error->to_string());
      } else {
        if (!mirgene::seqio::residue_problem(whole).empty()) __builtin_trap();
        out.records.push_back(item.record.id + " " + whole);
      }
    }
  } catch (const mirgene::Error&) {
    out.threw = true;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t buffer_size = mirgene::seqio::FastaReader::kMinBufferSize + data[0] % 64;
  constexpr std::size_t kPieces[] = {1, 3, 17, 300};
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const Read whole = read_all(text, buffer_size, 0);
  const Read pieces = read_all(text, buffer_size, kPieces[data[0] / 64]);
  if (whole.threw != pieces.threw || whole.records.size() != pieces.records.size())
    __builtin_trap();
  // A record that fails after some pieces keeps them in the pieces' reading; its error
  // is the same.
  for (std::size_t k = 0; k < whole.records.size(); ++k)
    if (whole.records[k] != pieces.records[k]) __builtin_trap();
  return 0;
}
