#pragma once
// The published figures mirgene is compared with, read from a Markdown file of tables
// (the team's ../shared/reference/paper_results.md): every pipe table, named by the "## "
// heading above it, plus the Kolmogorov-Smirnov p-values quoted in the text.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mirgene::reproduce {

struct MarkdownTable {
  std::string heading;                        // e.g. "Table 2: human and cross-species"
  std::vector<std::string> columns;           // header cells
  std::vector<std::vector<std::string>> rows;  // body cells, trimmed
};

// Every table of a Markdown text (the separator row |---| is dropped).
std::vector<MarkdownTable> read_markdown_tables(std::string_view text);

struct PaperResults {
  std::string source;  // the file read
  std::vector<MarkdownTable> tables;
  std::map<std::string, std::string> ks_pvalues;  // "human" / "cross-species" / "new" -> "5.23e-54"

  // The first table whose heading starts with `prefix` ("Table 2"), or null.
  const MarkdownTable* table(std::string_view prefix) const;
  // The first row of table `prefix` whose leading cells equal `keys`, or null.
  const std::vector<std::string>* row(std::string_view prefix,
                                      const std::vector<std::string>& keys) const;
};

// Reads the file. Throws mirgene::Error naming it when it cannot be read or has no Table 2.
PaperResults load_paper_results(const std::string& path);

}  // namespace mirgene::reproduce
