#pragma once
// Every good record of a FASTA file, for commands that hold their (small) inputs whole; a
// bad record is reported on stderr and left out, so one bad record loses only itself.
#include <iostream>
#include <string>
#include <vector>

#include "seqio/fasta_reader.hpp"

namespace mirgene::cli {

inline std::vector<seqio::Record> read_records(const std::string& path) {
  auto reader = seqio::FastaReader::open(path);
  std::vector<seqio::Record> out;
  seqio::ReadResult r;
  while (reader->next(r)) {
    if (r.error)
      std::cerr << "warning: skipped " << r.error->to_string() << '\n';
    else
      out.push_back(std::move(r.record));
  }
  return out;
}

}  // namespace mirgene::cli
