#include "reproduce/architecture_markdown.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "support/paths.hpp"

namespace mirgene::reproduce {
namespace {

using Json = nlohmann::ordered_json;
using ::testing::HasSubstr;
using ::testing::Not;

// A variant as run_architecture_studies writes it, with two folds of one seed whose AUPRs
// are given; its summary is their mean.
Json variant(const std::string& name, const std::string& label, const std::string& figure,
             double aupr_f1, double aupr_f2) {
  Json runs = Json::array();
  runs.push_back({{"seed", 1}, {"fold", "f1"}, {"metrics", {{"aupr", aupr_f1}}}});
  runs.push_back({{"seed", 1}, {"fold", "f2"}, {"metrics", {{"aupr", aupr_f2}}}});
  Json mean = {{"se", 0.8}, {"sp", 0.98}, {"f1", 0.82}, {"gmean", 0.88}, {"auroc", 0.97},
               {"aupr", (aupr_f1 + aupr_f2) / 2}};
  Json sd = {{"se", 0}, {"sp", 0}, {"f1", 0}, {"gmean", 0}, {"auroc", 0}, {"aupr", 0.01}};
  return {{"name", name},
          {"label", label},
          {"figure", figure},
          {"parameters", 1234},
          {"study",
           {{"chosen_epoch", 42},
            {"summary", {{"count", 2}, {"mean", mean}, {"sd", sd}}},
            {"runs_at_chosen", runs}}}};
}

Json comparison(Json variants) {
  return {{"command_line", "mirgene reproduce --part architectures"},
          {"protocol", {{"set", "human"}, {"seeds", {1}}, {"max_epochs", 100}, {"select", "aupr"},
                        {"trainings_at_once", 2}}},
          {"machine", {{"cpus", 2}}},
          {"variants", std::move(variants)},
          {"timing", {{"total_seconds", 600}}}};
}

class ArchitectureMarkdown : public ::testing::Test {
 protected:
  PaperResults paper = load_paper_results(test::paper_file());
};

TEST_F(ArchitectureMarkdown, ComparesEveryVariantRunByRunWithTheDefault) {
  const std::string md = render_architecture_sections(
      comparison({variant("lstm1-att", "LSTM(1)+ATT", "table4", 0.70, 0.80),
                  variant("lstm2-att", "LSTM(2)+ATT", "both", 0.80, 0.84),
                  variant("input-structure", "structure only", "figure3", 0.75, 0.85),
                  variant("mine", "mine", "custom", 0.90, 0.80)}),
      paper);
  EXPECT_THAT(md, HasSubstr("| aupr − LSTM(2)+ATT, run by run |"));
  // lstm1-att − default: -0.10 and -0.04.
  EXPECT_THAT(md, HasSubstr("| 5 LSTM(1)+ATT | `lstm1-att` | 0.800 ± 0.000 | 0.980 ± 0.000 | 0.820 ± 0.000 | 0.880 ± 0.000 | 0.970 ± 0.000 | "
                            "0.750 ± 0.010 | 42 | 1234 | -0.070 ± 0.042, ahead in 0 of 2 | "
                            "0.781 | 0.987 | 0.824 | 0.878 |"));
  EXPECT_THAT(md, HasSubstr("| 6 LSTM(2)+ATT | `lstm2-att` |"));
  EXPECT_THAT(md, HasSubstr("| 42 | 1234 | reference | 0.799 | 0.988 | 0.839 | 0.888 |"));
  // An own config joins Table 4 without a paper row.
  EXPECT_THAT(md, HasSubstr("| mine (own config) | `mine` |"));
  EXPECT_THAT(md, HasSubstr("| +0.030 ± 0.099, ahead in 1 of 2 | — | — | — | — |"));
  // Figure 3 has the structure-only row beside the paper's F.
  EXPECT_THAT(md, HasSubstr("| structure only | `input-structure` |"));
  EXPECT_THAT(md, HasSubstr("| sequence + structure | `lstm2-att` |"));

  // Table 4: mine (0.85) beats the default (0.82) by 0.03 on the means, but only in 1 of 2 runs.
  EXPECT_THAT(md, HasSubstr("Best by mean CV aupr: **mine** (0.850 ± 0.010), ahead of LSTM(2)+ATT by "
                            "0.0300. Run by run on the same folds and seeds, mine − LSTM(2)+ATT = "
                            "+0.030 ± 0.099, ahead in 1 of 2 runs."));
  EXPECT_THAT(md, HasSubstr("Best by mean CV aupr: **LSTM(2)+ATT** (0.820 ± 0.010), ahead of "
                            "structure only by 0.0200."));
  EXPECT_THAT(md, HasSubstr("Wall time of this comparison: 10.0 min on 2 cores, 2 trainings at once."));
}

TEST_F(ArchitectureMarkdown, ResultsWithoutPerRunFiguresKeepTheMeansOnly) {
  Json old = variant("lstm2-att", "LSTM(2)+ATT", "both", 0.80, 0.84);
  old["study"].erase("runs_at_chosen");
  const std::string md = render_architecture_sections(
      comparison({variant("lstm2", "LSTM(2)", "table4", 0.7, 0.7), old}), paper);
  EXPECT_THAT(md, Not(HasSubstr("run by run")));
  EXPECT_THAT(md, HasSubstr("| 4 LSTM(2) | `lstm2` | 0.800 ± 0.000 | 0.980 ± 0.000 | 0.820 ± 0.000 | 0.880 ± 0.000 | 0.970 ± 0.000 | 0.700 ± 0.010 | 42 "
                            "| 1234 | 0.666 | 0.988 | 0.751 | 0.810 |"));
  EXPECT_THAT(md, HasSubstr("ahead of LSTM(2) by 0.1200.\n"));
}

TEST_F(ArchitectureMarkdown, MissingFieldsAreNamed) {
  Json a = comparison(Json::array());
  a.erase("protocol");
  try {
    render_architecture_sections(a, paper);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("architectures has no 'protocol'"));
  }
  Json no_study = variant("lstm2", "LSTM(2)", "table4", 0.7, 0.7);
  no_study.erase("study");
  EXPECT_THROW(render_architecture_sections(comparison({no_study}), paper), Error);
}

}  // namespace
}  // namespace mirgene::reproduce
