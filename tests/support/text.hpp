#pragma once
// Small text helpers shared by the end-to-end CLI tests.
#include <sstream>
#include <string>
#include <vector>

namespace mirgene::test {

// 'text' for a POSIX shell command line (the tests' paths hold no single quote). Built by
// appending: "'" + std::string trips a bogus GCC 12 -Wrestrict warning.
inline std::string shell_quoted(const std::string& text) {
  std::string q(1, '\'');
  q += text;
  q += '\'';
  return q;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, '\t');) fields.push_back(field);
  return fields;
}

}  // namespace mirgene::test
