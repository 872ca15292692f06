#pragma once
// FASTA records made in a test, as the reader would give them.
#include <string>

#include "seqio/fasta_reader.hpp"

namespace mirgene::test {

inline seqio::Record make_record(std::string id, std::string seq) {
  seqio::Record r;
  r.id = std::move(id);
  r.header = r.id;
  r.seq = std::move(seq);
  return r;
}

}  // namespace mirgene::test
