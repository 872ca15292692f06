#pragma once
// Reader for RNAfold 2.7.1 -p's stored output (data/reference/rnafold_p/): per record the
// five lines RNAfold prints, and every pair of its dot plot. A missing, empty or malformed
// file throws: the test fails with the file's name rather than comparing nothing.
#include <istream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "seqio/text_input.hpp"
#include "support/paths.hpp"

namespace mirgene::test {

struct RnafoldPRecord {
  std::string id;
  std::string sequence;
  std::string mfe_line;        // "((...)) (-5.40)"
  std::string ensemble_line;   // "((,.)) [ -5.95]"
  std::string centroid_line;   // "((...)) { -5.40 d=0.35}"
  std::string frequency_line;  // " frequency of mfe structure in ensemble ...; ensemble ..."
};

struct DotPlotPair {
  int i, j;  // 1-based
  double p;
};

inline std::vector<RnafoldPRecord> read_rnafold_p_output(const std::string& path) {
  const std::unique_ptr<std::istream> in = seqio::open_decoded(path);
  std::vector<RnafoldPRecord> records;
  std::string header;
  while (std::getline(*in, header)) {
    if (header.empty()) continue;
    RnafoldPRecord r;
    if (header[0] != '>' || !std::getline(*in, r.sequence) || !std::getline(*in, r.mfe_line) ||
        !std::getline(*in, r.ensemble_line) || !std::getline(*in, r.centroid_line) ||
        !std::getline(*in, r.frequency_line)) {
      throw std::runtime_error(path + ": malformed record near '" + header + "'");
    }
    r.id = header.substr(1);
    records.push_back(std::move(r));
  }
  if (records.empty()) throw std::runtime_error(path + ": no records");
  return records;
}

// id -> pairs of its dot plot (p >= 1e-5), from the TSV "id i j p".
inline std::map<std::string, std::vector<DotPlotPair>> read_dot_plot_pairs(
    const std::string& path) {
  const std::unique_ptr<std::istream> in = seqio::open_decoded(path);
  std::map<std::string, std::vector<DotPlotPair>> pairs;
  std::string line;
  if (!std::getline(*in, line) || line != "id\ti\tj\tp") {
    throw std::runtime_error(path + ": expected the header 'id i j p'");
  }
  std::string id;
  while (*in >> id) {
    DotPlotPair x{};
    if (!(*in >> x.i >> x.j >> x.p)) throw std::runtime_error(path + ": malformed row " + id);
    pairs[id].push_back(x);
  }
  if (pairs.empty()) throw std::runtime_error(path + ": no pairs");
  return pairs;
}

inline std::vector<RnafoldPRecord> rnafold_p_reference() {
  return read_rnafold_p_output(data_path("reference/rnafold_p/dev_sample.rnafold_p.gz"));
}
inline std::map<std::string, std::vector<DotPlotPair>> rnafold_p_dot_plots() {
  return read_dot_plot_pairs(data_path("reference/rnafold_p/dev_bpp.tsv.gz"));
}

}  // namespace mirgene::test
