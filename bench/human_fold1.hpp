#pragma once
// The network benchmarks' input: human CV fold 1's training sequences (5966) encoded with
// their structures from the RNAfold reference output (matched by sequence), so that only the
// network is measured. Paths are relative to the repository root, where benchmarks run.
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "encode/encoding.hpp"

namespace mirgene::bench {

struct EncodedSet {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
};

namespace detail {

inline const std::string kShared = "../shared/";

// Sequences of a FASTA file (header lines skipped, sequence lines joined).
inline std::vector<std::string> read_fasta(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::string> seqs;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '>')
      seqs.emplace_back();
    else if (!seqs.empty())
      seqs.back() += line;
  }
  return seqs;
}

// sequence -> dot-bracket from RNAfold output (">name", sequence, "structure (energy)").
inline void read_rnafold(const std::string& path, std::unordered_map<std::string, std::string>& out) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string seq;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '>') continue;
    if (seq.empty()) {
      seq = line;
    } else {
      out[seq] = line.substr(0, seq.size());
      seq.clear();
    }
  }
}

}  // namespace detail

// Loaded once per benchmark program. Labels are the file index (positives 0), as the
// benchmarks have always had them: only speed is measured, and it does not depend on them.
inline const EncodedSet& human_fold1() {
  static const EncodedSet data = [] {
    std::unordered_map<std::string, std::string> structures;
    detail::read_rnafold(detail::kShared + "reference/rnafold/human_pos.rnafold", structures);
    detail::read_rnafold(detail::kShared + "reference/rnafold/human_neg.rnafold", structures);
    EncodedSet d;
    const char* files[] = {"human_pos_train_f1.fa", "human_neg_train_f1.fa"};
    for (int label = 0; label < 2; ++label) {
      for (const std::string& seq :
           detail::read_fasta(detail::kShared + "data/mirboost/cv/human/train/" + files[label])) {
        const auto it = structures.find(seq);
        if (it == structures.end()) throw std::runtime_error("no RNAfold structure for " + seq);
        d.tokens.push_back(encode::encode(seq, it->second));
        d.labels.push_back(label);
      }
    }
    return d;
  }();
  return data;
}

}  // namespace mirgene::bench
