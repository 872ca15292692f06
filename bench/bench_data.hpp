#pragma once
// The benchmarks' inputs: files of the repository's data/ (gzip-compressed, read through
// seqio like every mirgene input). Paths are relative to the repository root, where the
// benchmarks run; a missing file throws, naming it.
#include <istream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "seqio/fasta_reader.hpp"

namespace mirgene::bench {

// The miRBoost human negatives (7422 sequences, median 92 nt): the folding benchmarks' input.
inline const std::string kHumanNegatives = "data/mirboost/sequences/human_neg.fa.gz";

inline std::string data_path(const std::string& rel) { return "data/" + rel; }

// The sequences of a FASTA file, in order; a bad record throws.
inline std::vector<std::string> read_sequences(const std::string& path) {
  auto reader = seqio::FastaReader::open(path);
  std::vector<std::string> seqs;
  seqio::ReadResult r;
  while (reader->next(r)) {
    if (r.error) throw std::runtime_error(r.error->to_string());
    seqs.push_back(r.record.seq);
  }
  if (seqs.empty()) throw std::runtime_error(path + ": no sequences");
  return seqs;
}

}  // namespace mirgene::bench
