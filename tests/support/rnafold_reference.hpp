#pragma once
// Reader for RNAfold's stored output (test data, data/reference/rnafold/*.rnafold.gz):
// ">id", sequence, "STRUCTURE (ENERGY)". Reads gzip through seqio's decoding stream, so
// tests using it link mirgene_seqio. A missing, empty or malformed file throws: the test
// fails with the file's name rather than comparing nothing.
#include <cmath>
#include <istream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "seqio/text_input.hpp"
#include "support/paths.hpp"

namespace mirgene::test {

struct RnafoldRecord {
  std::string id;
  std::string sequence;
  std::string structure;
  int energy;  // dcal/mol
};

inline std::vector<RnafoldRecord> read_rnafold_output(const std::string& path) {
  const std::unique_ptr<std::istream> in = seqio::open_decoded(path);  // throws when missing
  std::vector<RnafoldRecord> records;
  std::string header, sequence, result;
  while (std::getline(*in, header)) {
    if (header.empty()) continue;
    if (header[0] != '>' || !std::getline(*in, sequence) || !std::getline(*in, result)) {
      throw std::runtime_error(path + ": malformed record near '" + header + "'");
    }
    const auto space = result.find(" (");
    if (space == std::string::npos || result.back() != ')' || space != sequence.size()) {
      throw std::runtime_error(path + ": malformed result line for " + header);
    }
    const double kcal = std::stod(result.substr(space + 2, result.size() - space - 3));
    records.push_back({header.substr(1), sequence, result.substr(0, space),
                       static_cast<int>(std::lround(kcal * 100))});
  }
  if (records.empty()) throw std::runtime_error(path + ": no RNAfold records");
  return records;
}

// RNAfold 2.7.1's output for a data set of data/reference/rnafold/ ("human_pos", ...).
inline std::vector<RnafoldRecord> rnafold_reference(const std::string& name) {
  return read_rnafold_output(data_path("reference/rnafold/" + name + ".rnafold.gz"));
}

}  // namespace mirgene::test
