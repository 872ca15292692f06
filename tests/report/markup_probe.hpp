#pragma once
// Runs tests/report/markup_probe.py over generated SVG or HTML text and returns its JSON
// census (well-formedness, element and class counts, texts by class).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/run.hpp"

namespace mirgene::report::test {

inline nlohmann::json probe_markup(const std::string& kind, const std::string& text) {
  mirgene::test::TempDir dir;
  const std::string file = dir.file(kind == "xml" ? "figure.svg" : "page.html");
  mirgene::test::write_text(file, text);
  const auto r = mirgene::test::run("/usr/bin/python3 tests/report/markup_probe.py " + kind + " '" +
                                    file + "'");
  if (r.status != 0) {
    ADD_FAILURE() << "markup probe failed (status " << r.status << "): " << r.err;
    return {{"ok", false}, {"error", r.err}};
  }
  return nlohmann::json::parse(r.out);
}

inline int count(const nlohmann::json& census, const std::string& group, const std::string& key) {
  return census[group].contains(key) ? census[group][key].get<int>() : 0;
}

}  // namespace mirgene::report::test
