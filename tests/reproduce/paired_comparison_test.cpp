#include "reproduce/paired_comparison.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace mirgene::reproduce {
namespace {

using Json = nlohmann::ordered_json;

// A study_json()-shaped object whose runs_at_chosen hold the given (seed, fold, aupr).
Json study(const std::vector<std::tuple<int, std::string, Json>>& runs) {
  Json list = Json::array();
  for (const auto& [seed, fold, aupr] : runs)
    list.push_back({{"seed", seed}, {"fold", fold}, {"metrics", {{"aupr", aupr}, {"auroc", 0.9}}}});
  return {{"name", "x"}, {"runs_at_chosen", list}};
}

TEST(PairedDifference, MatchesRunsBySeedAndFoldNotByOrder) {
  const Json a = study({{1, "f1", 0.80}, {1, "f2", 0.70}, {2, "f1", 0.90}});
  const Json b = study({{2, "f1", 0.60}, {1, "f2", 0.50}, {1, "f1", 0.70}});
  const auto d = paired_difference(a, b, "aupr");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->runs, 3u);
  // Differences 0.1, 0.2, 0.3: mean 0.2, sample sd 0.1.
  EXPECT_NEAR(d->mean, 0.2, 1e-12);
  EXPECT_NEAR(d->sd, 0.1, 1e-12);
  EXPECT_EQ(d->ahead, 3u);
  EXPECT_EQ(d->behind, 0u);

  const auto reverse = paired_difference(b, a, "aupr");
  ASSERT_TRUE(reverse.has_value());
  EXPECT_NEAR(reverse->mean, -0.2, 1e-12);
  EXPECT_EQ(reverse->behind, 3u);
}

TEST(PairedDifference, CountsTiesAsNeitherAheadNorBehind) {
  const auto d = paired_difference(study({{1, "f1", 0.5}, {1, "f2", 0.6}}),
                                   study({{1, "f1", 0.5}, {1, "f2", 0.7}}), "auroc");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->mean, 0.0);
  EXPECT_EQ(d->ahead + d->behind, 0u);
  const auto one = paired_difference(study({{1, "f1", 0.5}}), study({{1, "f1", 0.25}}), "aupr");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->sd, 0.0);
  EXPECT_EQ(one->behind, 0u);
  EXPECT_EQ(one->ahead, 1u);
}

TEST(PairedDifference, RefusesRunsThatDoNotPairUp) {
  const Json a = study({{1, "f1", 0.8}, {1, "f2", 0.7}});
  EXPECT_FALSE(paired_difference(a, study({{1, "f1", 0.8}, {2, "f2", 0.7}}), "aupr"));  // other seed
  EXPECT_FALSE(paired_difference(a, study({{1, "f1", 0.8}}), "aupr"));                  // fewer runs
  EXPECT_FALSE(paired_difference(a, study({{1, "f1", 0.8}, {1, "f1", 0.7}}), "aupr"));  // a run twice
  EXPECT_FALSE(paired_difference(a, study({{1, "f1", 0.8}, {1, "f2", nullptr}}), "aupr"));  // undefined
  EXPECT_FALSE(paired_difference(a, a, "mcc"));                                         // no such metric
  EXPECT_FALSE(paired_difference(a, Json{{"name", "old"}}, "aupr"));  // written before runs_at_chosen
  EXPECT_FALSE(paired_difference(study({}), study({}), "aupr"));
}

}  // namespace
}  // namespace mirgene::reproduce
