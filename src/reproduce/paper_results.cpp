#include "reproduce/paper_results.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "common/error.hpp"

namespace mirgene::reproduce {
namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

// "| a | b |" -> {"a", "b"}.
std::vector<std::string> split_row(std::string_view line) {
  std::string_view body = line;
  body.remove_prefix(body.find('|') + 1);
  if (const auto end = body.find_last_of('|'); end != std::string_view::npos)
    body = body.substr(0, end);
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (std::size_t bar; (bar = body.find('|', start)) != std::string_view::npos; start = bar + 1)
    cells.push_back(trim(body.substr(start, bar - start)));
  cells.push_back(trim(body.substr(start)));
  return cells;
}

bool is_separator(const std::vector<std::string>& cells) {
  for (const std::string& c : cells) {
    if (c.empty() || c.find_first_not_of("-: ") != std::string::npos) return false;
  }
  return true;
}

}  // namespace

std::vector<MarkdownTable> read_markdown_tables(std::string_view text) {
  std::vector<MarkdownTable> tables;
  std::string heading;
  bool in_table = false;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    const std::string t = trim(line);
    if (t.starts_with("#")) {
      heading = trim(std::string_view(t).substr(t.find_first_not_of('#')));
      in_table = false;
      continue;
    }
    if (!t.starts_with("|")) {
      in_table = false;
      continue;
    }
    std::vector<std::string> cells = split_row(t);
    if (!in_table) {
      tables.push_back({heading, std::move(cells), {}});
      in_table = true;
    } else if (!is_separator(cells)) {
      tables.back().rows.push_back(std::move(cells));
    }
  }
  return tables;
}

const MarkdownTable* PaperResults::table(std::string_view prefix) const {
  for (const MarkdownTable& t : tables) {
    if (t.heading.starts_with(prefix)) return &t;
  }
  return nullptr;
}

const std::vector<std::string>* PaperResults::row(std::string_view prefix,
                                                  const std::vector<std::string>& keys) const {
  const MarkdownTable* t = table(prefix);
  if (!t) return nullptr;
  for (const std::vector<std::string>& r : t->rows) {
    if (r.size() < keys.size()) continue;
    if (std::equal(keys.begin(), keys.end(), r.begin())) return &r;
  }
  return nullptr;
}

PaperResults load_paper_results(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot read the published results (give --paper FILE)");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  PaperResults paper;
  paper.source = path;
  paper.tables = read_markdown_tables(text);
  if (!paper.table("Table 2"))
    throw Error(path + ": no table under a heading starting 'Table 2' (published results)");
  // "p = 5.23e-54 (human), 6.06e-102 (cross-species), 7.92e-49 (new)"
  const std::regex quoted(R"(([0-9.]+e-?[0-9]+) \((human|cross-species|new)\))");
  for (std::sregex_iterator it(text.begin(), text.end(), quoted), end; it != end; ++it)
    paper.ks_pvalues.emplace((*it)[2].str(), (*it)[1].str());
  return paper;
}

}  // namespace mirgene::reproduce
