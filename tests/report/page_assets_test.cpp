// The page's style sheet and script are the files src/report/assets/report.css and report.js,
// built in at build time (cmake/embed_file.cmake): what the program carries must be those
// files byte for byte, and every page must carry them whole, each inside its element.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "report/html_report.hpp"
#include "report/page_assets.hpp"
#include "report/synthetic_sequences.hpp"

namespace mirgene::report {
namespace {

// Tests run from the repository root.
std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Where two texts first differ ("" when they do not), so that a failure does not print
// kilobytes of script.
std::string first_difference(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (i == a.size() && i == b.size()) return "";
  return "byte " + std::to_string(i) + " (sizes " + std::to_string(a.size()) + " and " +
         std::to_string(b.size()) + ")";
}

TEST(PageAssets, EmbeddedStyleAndScriptAreTheAssetFilesByteForByte) {
  const std::string css = file_bytes("src/report/assets/report.css");
  const std::string js = file_bytes("src/report/assets/report.js");
  ASSERT_FALSE(css.empty());
  ASSERT_FALSE(js.empty());
  EXPECT_EQ(first_difference(page_style(), css), "") << "report.css";
  EXPECT_EQ(first_difference(page_script(), js), "") << "report.js";
}

TEST(PageAssets, EveryPageCarriesThemWholeInsideTheirElements) {
  const std::string page = html_report(test::synthetic_sequences(5), {});
  const std::string style = "<style>\n\n" + std::string(page_style()) + "</style>\n</head>\n";
  const std::string script =
      "<script>\n\n" + std::string(page_script()) + "</script>\n</body>\n</html>\n";
  EXPECT_NE(page.find(style), std::string::npos);
  EXPECT_TRUE(page.ends_with(script));
  // Neither may end its element early (HTML ends them at the first "</style" / "</script").
  EXPECT_EQ(page_style().find("</"), std::string_view::npos);
  EXPECT_EQ(page_script().find("</"), std::string_view::npos);
}

}  // namespace
}  // namespace mirgene::report
