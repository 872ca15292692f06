// Throughput of the streaming FASTA reader on generated in-memory inputs of three shapes:
// genome-like (long records in 60-column lines), many short hairpin records (the typical
// mirgene input) and one record on a single 32 MB line.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <istream>
#include <streambuf>
#include <string>

#include "seqio/fasta_reader.hpp"

namespace {

// Reads straight out of a string without copying it, so only the reader is measured.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(const std::string& text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

constexpr std::size_t kInputBytes = std::size_t{32} << 20;

char residue(std::uint64_t& state) {
  state = state * 6364136223846793005u + 1442695040888963407u;
  return "ACGT"[state >> 62];
}

std::string make_fasta(std::size_t record_length, std::size_t line_width) {
  std::string text;
  text.reserve(kInputBytes + record_length + 256);
  std::uint64_t state = 42;
  for (std::size_t record = 0; text.size() < kInputBytes; ++record) {
    text += ">seq" + std::to_string(record) + " generated for the benchmark\n";
    for (std::size_t i = 0; i < record_length; ++i) {
      text += residue(state);
      if ((i + 1) % line_width == 0 || i + 1 == record_length) text += '\n';
    }
  }
  return text;
}

void read_everything(benchmark::State& state, const std::string& text) {
  std::uint64_t residues = 0;
  std::size_t records = 0;
  for (auto _ : state) {
    MemoryBuffer buffer(text);
    std::istream in(&buffer);
    mirgene::seqio::FastaReader reader(in, "bench.fa");
    mirgene::seqio::ReadResult result;
    records = 0;
    while (reader.next(result)) {
      residues += result.record.seq.size();
      ++records;
    }
    benchmark::DoNotOptimize(residues);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["records"] = static_cast<double>(records);
}

void BM_FastaReadGenomeLike(benchmark::State& state) {
  static const std::string text = make_fasta(1'000'000, 60);
  read_everything(state, text);
}
BENCHMARK(BM_FastaReadGenomeLike)->Unit(benchmark::kMillisecond);

void BM_FastaReadHairpins(benchmark::State& state) {
  static const std::string text = make_fasta(110, 1'000);
  read_everything(state, text);
}
BENCHMARK(BM_FastaReadHairpins)->Unit(benchmark::kMillisecond);

void BM_FastaReadSingleLongLine(benchmark::State& state) {
  static const std::string text = make_fasta(kInputBytes, kInputBytes);
  read_everything(state, text);
}
BENCHMARK(BM_FastaReadSingleLongLine)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
