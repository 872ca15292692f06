#include "reproduce/paper_results.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/error.hpp"

namespace mirgene::reproduce {
namespace {

using Json = nlohmann::json;

// The format line the file starts with; a later, incompatible layout gets a new number.
constexpr std::string_view kFormat = "mirgene-paper-figures 1";

const Json& member(const Json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key))
    throw Error(where + ": missing \"" + key + "\"");
  return object[key];
}

std::vector<std::string> strings(const Json& array, const std::string& where) {
  if (!array.is_array()) throw Error(where + ": not a list");
  std::vector<std::string> out;
  for (const Json& cell : array) {
    if (!cell.is_string())
      throw Error(where + ": " + cell.dump() + " is not text (cells are strings, as printed)");
    out.push_back(cell.get<std::string>());
  }
  return out;
}

PaperTable read_table(const Json& t, const std::string& where) {
  PaperTable table;
  const Json& id = member(t, "id", where);
  if (!id.is_string()) throw Error(where + ": \"id\" is not text");
  table.id = id.get<std::string>();
  const std::string here = where + " (" + table.id + ")";
  if (t.contains("title") && t["title"].is_string()) table.title = t["title"].get<std::string>();
  table.columns = strings(member(t, "columns", here), here + " columns");
  const Json& rows = member(t, "rows", here);
  if (!rows.is_array()) throw Error(here + ": \"rows\" is not a list");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string row_where = here + " row " + std::to_string(i + 1);
    std::vector<std::string> cells = strings(rows[i], row_where);
    if (cells.size() != table.columns.size())
      throw Error(row_where + ": " + std::to_string(cells.size()) + " cells for " +
                  std::to_string(table.columns.size()) + " columns");
    table.rows.push_back(std::move(cells));
  }
  return table;
}

}  // namespace

const PaperTable* PaperResults::table(std::string_view id) const {
  for (const PaperTable& t : tables) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const std::vector<std::string>* PaperResults::row(std::string_view id,
                                                  const std::vector<std::string>& keys) const {
  const PaperTable* t = table(id);
  if (!t) return nullptr;
  for (const std::vector<std::string>& r : t->rows) {
    if (r.size() < keys.size()) continue;
    if (std::equal(keys.begin(), keys.end(), r.begin())) return &r;
  }
  return nullptr;
}

PaperResults parse_paper_results(std::string_view text, const std::string& source) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const Json::exception& e) {
    throw Error(source + ": not valid JSON (" + e.what() + ")");
  }
  const Json& format = member(j, "format", source);
  if (!format.is_string() || format.get<std::string>() != kFormat)
    throw Error(source + ": not a paper figures file (\"format\" is " + format.dump() +
                ", expected \"" + std::string(kFormat) + "\")");
  PaperResults paper;
  paper.source = source;
  const Json& tables = member(j, "tables", source);
  if (!tables.is_array()) throw Error(source + ": \"tables\" is not a list");
  for (std::size_t i = 0; i < tables.size(); ++i)
    paper.tables.push_back(read_table(tables[i], source + ": table " + std::to_string(i + 1)));
  if (!paper.table("Table 2")) throw Error(source + ": no \"Table 2\" (the published results)");
  if (j.contains("ks_pvalues")) {
    for (const auto& [set, p] : j["ks_pvalues"].items()) {
      if (!p.is_string()) throw Error(source + ": ks_pvalues." + set + " is not text");
      paper.ks_pvalues.emplace(set, p.get<std::string>());
    }
  }
  return paper;
}

PaperResults load_paper_results(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read the published results (give --paper FILE)");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_paper_results(buffer.str(), path);
}

}  // namespace mirgene::reproduce
