#pragma once
// Reader for RNAfold's stored output (test data): ">id", sequence, "STRUCTURE (ENERGY)".
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mirgene::test {

struct RnafoldRecord {
  std::string id;
  std::string sequence;
  std::string structure;
  int energy;  // dcal/mol
};

inline std::vector<RnafoldRecord> read_rnafold_output(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<RnafoldRecord> records;
  std::string header, sequence, result;
  while (std::getline(in, header)) {
    if (header.empty()) continue;
    if (header[0] != '>' || !std::getline(in, sequence) || !std::getline(in, result)) {
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
  return records;
}

}  // namespace mirgene::test
