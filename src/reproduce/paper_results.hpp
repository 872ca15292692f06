#pragma once
// The published figures mirgene is compared with: the deepMiRGene paper's Tables 1-4 and
// Figure 3 and its Kolmogorov-Smirnov p-values, read from the repository's data file
// (data/paper/deepmirgene-nips2017.json, described in data/paper/README.md). Cells are kept
// as printed in the paper ("0.850", "-"), so they are text.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mirgene::reproduce {

// The default --paper file, relative to the repository root.
inline constexpr const char* kDefaultPaperFile = "data/paper/deepmirgene-nips2017.json";

struct PaperTable {
  std::string id;                              // "Table 2", "Figure 3"
  std::string title;                           // "human and cross-species ..."
  std::vector<std::string> columns;            // header cells
  std::vector<std::vector<std::string>> rows;  // one cell per column
};

struct PaperResults {
  std::string source;  // the file read
  std::vector<PaperTable> tables;
  std::map<std::string, std::string> ks_pvalues;  // "human" / "cross-species" / "new" -> "5.23e-54"

  // The table with this id ("Table 2"), or null.
  const PaperTable* table(std::string_view id) const;
  // The first row of table `id` whose leading cells equal `keys`, or null.
  const std::vector<std::string>* row(std::string_view id,
                                      const std::vector<std::string>& keys) const;
};

// Parses the data file's text; `source` names it in messages. Throws mirgene::Error
// ("SOURCE: what is wrong, where") when the text is not that format or has no Table 2.
PaperResults parse_paper_results(std::string_view text, const std::string& source);

// Reads and parses the file. Throws mirgene::Error naming it when it cannot be read.
PaperResults load_paper_results(const std::string& path);

}  // namespace mirgene::reproduce
