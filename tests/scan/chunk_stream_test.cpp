// Cutting a record into chunks while reading it in pieces gives the chunks (and texts)
// that planning the whole record at once gives, whatever the piece sizes.
#include "scan/chunk_stream.hpp"

#include <gtest/gtest.h>

#include <random>
#include <tuple>
#include <vector>

namespace mirgene::scan {
namespace {

struct Cut {
  Chunk chunk;
  std::string text;
};

auto key(const Cut& c) {
  return std::make_tuple(c.chunk.fold_start, c.chunk.fold_end, c.chunk.own_start, c.chunk.own_end,
                         c.text);
}

// The whole record at once: clean runs, then each run's plan, filtered by region.
std::vector<Cut> planned(const std::string& seq, const ScanSettings& s) {
  std::vector<Cut> out;
  for (const auto& [start, end] : clean_runs(seq, kMinRun)) {
    for (const Chunk& c : plan_chunks(start, end, s.chunk, s.span, s.offset)) {
      const std::int64_t cell = (c.own_start + s.offset) / s.chunk * s.chunk;
      if (cell < s.region_start || (s.region_end >= 0 && cell >= s.region_end)) continue;
      out.push_back({c, seq.substr(c.fold_start, c.fold_end - c.fold_start)});
    }
  }
  return out;
}

std::vector<Cut> streamed(const std::string& seq, const ScanSettings& s, std::mt19937& rng,
                          std::size_t max_piece, std::int64_t* skipped) {
  ChunkStream stream(s);
  std::vector<Cut> out;
  auto emit = [&](const Chunk& c, std::string_view text) {
    out.push_back({c, std::string(text)});
  };
  stream.reset();
  std::size_t at = 0;
  while (at < seq.size()) {
    const std::size_t n = std::min(seq.size() - at, 1 + rng() % max_piece);
    stream.feed(std::string_view(seq).substr(at, n), emit);
    at += n;
  }
  stream.finish(emit);
  EXPECT_EQ(stream.position(), static_cast<std::int64_t>(seq.size()));
  *skipped = stream.skipped();
  return out;
}

std::string random_record(std::mt19937& rng, std::size_t n) {
  std::string seq;
  while (seq.size() < n) {
    // Runs of bases of any length (some shorter than kMinRun) between N runs.
    const std::size_t run = rng() % 4 == 0 ? rng() % 60 : rng() % 3000;
    for (std::size_t k = 0; k < run; ++k) seq += "ACGU"[rng() % 4];
    seq += std::string(rng() % 5 == 0 ? 1 + rng() % 200 : 0, 'N');
  }
  return seq;
}

TEST(ChunkStream, GivesThePlannedChunksWhateverThePieces) {
  std::mt19937 rng(17);
  for (int trial = 0; trial < 40; ++trial) {
    ScanSettings s;
    s.chunk = 200 + static_cast<int>(rng() % 1500);
    s.span = 20 + static_cast<int>(rng() % 200);
    s.offset = rng() % 3 == 0 ? static_cast<std::int64_t>(rng() % 5000) : 0;
    if (rng() % 3 == 0) {
      s.region_start = s.offset + static_cast<std::int64_t>(rng() % 3000);
      s.region_end = s.region_start + static_cast<std::int64_t>(rng() % 6000);
    }
    const std::string seq = random_record(rng, 2000 + rng() % 20000);
    SCOPED_TRACE("trial " + std::to_string(trial));
    const std::vector<Cut> expected = planned(seq, s);
    for (const std::size_t max_piece : {std::size_t{1}, std::size_t{37}, std::size_t{5000}, seq.size()}) {
      std::int64_t skipped = 0;
      const std::vector<Cut> got = streamed(seq, s, rng, max_piece, &skipped);
      ASSERT_EQ(got.size(), expected.size()) << "pieces up to " << max_piece;
      for (std::size_t k = 0; k < got.size(); ++k) EXPECT_EQ(key(got[k]), key(expected[k]));
      std::int64_t clean = 0;
      for (const auto& [a, b] : clean_runs(seq, kMinRun)) clean += b - a;
      EXPECT_EQ(skipped, static_cast<std::int64_t>(seq.size()) - clean);
    }
  }
}

TEST(ChunkStream, HoldsAboutAChunkNotTheRecord) {
  ScanSettings s;
  s.chunk = 1000;
  s.span = 100;
  ChunkStream stream(s);
  std::mt19937 rng(3);
  std::string piece(10'000, 'A');
  std::size_t chunks = 0, largest_text = 0;
  auto emit = [&](const Chunk&, std::string_view text) {
    ++chunks;
    largest_text = std::max(largest_text, text.size());
  };
  stream.reset();
  std::size_t most_held = 0;
  for (int k = 0; k < 200; ++k) {
    for (char& c : piece) c = "ACGU"[rng() % 4];
    stream.feed(piece, emit);
    most_held = std::max(most_held, stream.held());
  }
  // A piece plus what the next chunk needs before it, doubled by the lazy drop.
  EXPECT_LE(most_held, 2 * (piece.size() + 1200));
  stream.finish(emit);
  EXPECT_EQ(chunks, 2000u);
  EXPECT_EQ(largest_text, 1200u);
  EXPECT_EQ(stream.skipped(), 0);
}

}  // namespace
}  // namespace mirgene::scan
