#pragma once
// The network benchmarks' input: human CV fold 1's training sequences (5966) encoded with
// their structures from the RNAfold reference output (matched by sequence), so that only the
// network is measured. Paths are relative to the repository root, where benchmarks run.
#include <cstdint>
#include <istream>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench_data.hpp"
#include "encode/encoding.hpp"
#include "seqio/text_input.hpp"

namespace mirgene::bench {

struct EncodedSet {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
};

namespace detail {

// sequence -> dot-bracket from RNAfold output (">name", sequence, "structure (energy)").
inline void read_rnafold(const std::string& path, std::unordered_map<std::string, std::string>& out) {
  const std::unique_ptr<std::istream> in = seqio::open_decoded(path);
  std::string seq;
  for (std::string line; std::getline(*in, line);) {
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
    detail::read_rnafold(data_path("reference/rnafold/human_pos.rnafold.gz"), structures);
    detail::read_rnafold(data_path("reference/rnafold/human_neg.rnafold.gz"), structures);
    EncodedSet d;
    const char* files[] = {"human_pos_train_f1.fa.gz", "human_neg_train_f1.fa.gz"};
    for (int label = 0; label < 2; ++label) {
      for (const std::string& seq :
           read_sequences(data_path("mirboost/cv/human/train/") + files[label])) {
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
