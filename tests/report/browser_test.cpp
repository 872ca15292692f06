// End to end: a generated report rendered by headless Chromium. The page's script must run
// without errors (data-status="ready"), fill the table's first page, keep the CAM figure and
// draw the first sequence's structure. A screenshot is written for a human to look at; set
// MIRGENE_REPORT_SCREENSHOT=path.png to keep it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>

#include "report/html_report.hpp"
#include "report/synthetic_sequences.hpp"
#include "support/run.hpp"

namespace mirgene::report {
namespace {

constexpr const char* kChromium = "/usr/bin/chromium";

std::string chromium(const mirgene::test::TempDir& dir, const std::string& args) {
  return std::string("timeout 180 ") + kChromium +
         " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
         " --disable-background-networking --disable-component-update --disable-sync"
         " --user-data-dir='" +
         dir.file("profile") + "' " + args;
}

int count_matches(const std::string& text, const std::string& pattern) {
  const std::regex re(pattern);
  return static_cast<int>(
      std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

TEST(BrowserReport, RendersInHeadlessChromium) {
  ASSERT_TRUE(std::filesystem::exists(kChromium))
      << kChromium << " is missing: install the Debian package 'chromium' "
      << "(scripts/install-deps.sh does) to run this test";
  mirgene::test::TempDir dir;
  const auto seqs = test::synthetic_sequences(300);
  ReportOptions opt;
  opt.title = "Synthetic report";
  opt.source = "synthetic.fa";
  const std::string page = dir.file("report.html");
  mirgene::test::write_text(page, html_report(seqs, opt));

  const auto dom = mirgene::test::run(chromium(dir, "--dump-dom 'file://" + page + "'"));
  ASSERT_EQ(dom.status, 0) << dom.err;
  // Checked by hand rather than with HasSubstr: a failure should not print a 2 MB page.
  const auto has = [&](const std::string& s) { return dom.out.find(s) != std::string::npos; };
  ASSERT_TRUE(has("data-status=\"ready\""))
      << "page script did not finish: " << dom.out.substr(dom.out.find("<body"), 120);
  // First page of the table: 100 rows, sorted by probability (highest first).
  EXPECT_EQ(count_matches(dom.out, "<tr data-index="), 100);
  EXPECT_TRUE(has("300 of 300 sequences"));
  EXPECT_EQ(count_matches(dom.out, "<th data-key=\"p\" class=\"num sorted-desc\">"), 1);
  EXPECT_EQ(count_matches(dom.out, "class=\"cam-figure\""), 1);
  // The top-ranked sequence is shown: its structure has one circle per base.
  std::size_t top = 0;
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    if (seqs[i].probability &&
        (!seqs[top].probability || *seqs[i].probability > *seqs[top].probability)) {
      top = i;
    }
  }
  EXPECT_TRUE(has("<tr data-index=\"" + std::to_string(top) + "\" class=\"selected\""));
  EXPECT_EQ(count_matches(dom.out, "<g class=\"base\">"),
            static_cast<int>(seqs[top].sequence.size()));
  EXPECT_EQ(count_matches(dom.out, "class=\"structure\""), 1);

  const char* keep = std::getenv("MIRGENE_REPORT_SCREENSHOT");
  const std::string shot = keep ? std::string(keep) : dir.file("report.png");
  const auto pic =
      mirgene::test::run(chromium(dir, "--hide-scrollbars --window-size=1400,1000 --screenshot='" +
                                           shot + "' 'file://" + page + "'"));
  ASSERT_EQ(pic.status, 0) << pic.err;
  ASSERT_TRUE(std::filesystem::exists(shot));
  EXPECT_GT(std::filesystem::file_size(shot), 20000u);  // a real picture, not a blank page
}

}  // namespace
}  // namespace mirgene::report
