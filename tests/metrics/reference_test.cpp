// Agreement with scikit-learn and scipy on seeded vectors with many ties and 1:9 imbalance,
// and with scipy's Kolmogorov/Smirnov tail probabilities over all method regions.
// The reference values come from tests/metrics/metrics_reference.py run by /usr/bin/python3 (Debian's
// interpreter with python3-sklearn and python3-scipy; MIRGENE_PYTHON overrides it).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "metrics/ks.hpp"
#include "metrics/metrics.hpp"

namespace mirgene::metrics {
namespace {

using nlohmann::json;

constexpr double kAbsTol = 1e-9;
constexpr double kPvalueRelTol = 1e-6;

struct Reference {
  json doc;
  std::string failure;  // empty when doc holds the script's output
};

Reference run_reference_script() {
  const char* env = std::getenv("MIRGENE_PYTHON");
  const std::string command =
      std::string(env ? env : "/usr/bin/python3") + " tests/metrics/metrics_reference.py";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {{}, "cannot run: " + command};
  std::string output;
  char buffer[1 << 16];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    output.append(buffer, got);
  }
  const int status = pclose(pipe);
  json doc = json::parse(output, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object() && doc.contains("error")) {
    return {{}, "reference script failed: " + doc["error"].get<std::string>()};
  }
  const bool exited_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!exited_ok || doc.is_discarded()) {
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return {{},
            "`" + command + "` failed (exit code " + std::to_string(code) +
                "); output starts: " + output.substr(0, 400)};
  }
  return {std::move(doc), ""};
}

const Reference& reference() {
  static const Reference ref = run_reference_script();  // once per test program
  return ref;
}

class SklearnScipyReference : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(reference().failure.empty()) << reference().failure; }
  const json& doc() const { return reference().doc; }
};

struct Case {
  std::string name;
  std::vector<float> scores;
  std::vector<int> labels;
  double threshold;
};

Case read_case(const json& c) {
  Case out{c["name"], {}, c["labels"].get<std::vector<int>>(), c["threshold"]};
  // The script's scores are float32 values printed exactly, so this conversion is lossless.
  for (double s : c["scores"].get<std::vector<double>>())
    out.scores.push_back(static_cast<float>(s));
  return out;
}

void expect_relative(double actual, double expected, double rel_tol, const std::string& what) {
  EXPECT_LE(std::abs(actual - expected), rel_tol * std::abs(expected) + 1e-300)
      << what << ": " << actual << " vs reference " << expected;
}

TEST_F(SklearnScipyReference, CoversTiesImbalanceAndTinyPvalues) {
  // Guards the reference itself: the cases must exercise what the comparisons claim.
  bool imbalanced = false, tiny_p = false;
  int mostly_tied = 0;  // cases with fewer distinct scores than half their items
  for (const json& c : doc()["cases"]) {
    const Case k = read_case(c);
    long pos = 0;
    for (int y : k.labels) pos += y;
    if (pos * 9 == static_cast<long>(k.labels.size()) - pos) imbalanced = true;
    if (c["ks_pvalue"].get<double>() < 1e-100 && c["ks_pvalue"].get<double>() > 0) tiny_p = true;
    std::vector<float> sorted = k.scores;
    std::sort(sorted.begin(), sorted.end());
    const auto distinct = std::unique(sorted.begin(), sorted.end()) - sorted.begin();
    EXPECT_LT(distinct, static_cast<long>(k.scores.size())) << k.name << " has no ties";
    if (distinct * 2 < static_cast<long>(k.scores.size())) ++mostly_tied;
  }
  EXPECT_TRUE(imbalanced);
  EXPECT_TRUE(tiny_p);
  EXPECT_GE(mostly_tied, 4);
}

TEST_F(SklearnScipyReference, RankMetricsMatchSklearn) {
  for (const json& c : doc()["cases"]) {
    const Case k = read_case(c);
    SCOPED_TRACE(k.name);
    const Metrics m = compute_metrics(k.scores, k.labels, k.threshold);
    EXPECT_NEAR(m.auroc, c["auroc"].get<double>(), kAbsTol);
    EXPECT_NEAR(m.aupr, c["aupr"].get<double>(), kAbsTol);
    EXPECT_NEAR(auroc(k.scores, k.labels), c["auroc"].get<double>(), kAbsTol);
    EXPECT_NEAR(average_precision(k.scores, k.labels), c["aupr"].get<double>(), kAbsTol);
  }
}

TEST_F(SklearnScipyReference, ThresholdMetricsMatchSklearn) {
  for (const json& c : doc()["cases"]) {
    const Case k = read_case(c);
    SCOPED_TRACE(k.name);
    const Metrics m = compute_metrics(k.scores, k.labels, k.threshold);
    EXPECT_EQ(m.cm.tp, c["tp"].get<long>());
    EXPECT_EQ(m.cm.fp, c["fp"].get<long>());
    EXPECT_EQ(m.cm.tn, c["tn"].get<long>());
    EXPECT_EQ(m.cm.fn, c["fn"].get<long>());
    EXPECT_NEAR(m.se, c["se"].get<double>(), kAbsTol);
    EXPECT_NEAR(m.sp, c["sp"].get<double>(), kAbsTol);
    EXPECT_NEAR(m.ppv, c["ppv"].get<double>(), kAbsTol);
    EXPECT_NEAR(m.f1, c["f1"].get<double>(), kAbsTol);
    EXPECT_NEAR(m.mcc, c["mcc"].get<double>(), kAbsTol);
    EXPECT_NEAR(m.accuracy, c["accuracy"].get<double>(), kAbsTol);
    EXPECT_NEAR(m.gmean, std::sqrt(c["se"].get<double>() * c["sp"].get<double>()), kAbsTol);
  }
}

TEST_F(SklearnScipyReference, KsTestMatchesScipyAsymp) {
  for (const json& c : doc()["cases"]) {
    const Case k = read_case(c);
    SCOPED_TRACE(k.name);
    const Metrics m = compute_metrics(k.scores, k.labels, k.threshold);
    EXPECT_NEAR(m.ks_statistic, c["ks_statistic"].get<double>(), kAbsTol);
    expect_relative(m.ks_pvalue, c["ks_pvalue"].get<double>(), kPvalueRelTol, "p-value");

    std::vector<float> pos, neg;
    for (std::size_t i = 0; i < k.scores.size(); ++i) {
      (k.labels[i] ? pos : neg).push_back(k.scores[i]);
    }
    const KsResult direct = ks_2samp(pos, neg);
    EXPECT_NEAR(direct.statistic, c["ks_statistic"].get<double>(), kAbsTol);
    expect_relative(direct.pvalue, c["ks_pvalue"].get<double>(), kPvalueRelTol, "ks_2samp");
  }
}

TEST_F(SklearnScipyReference, KolmogorovSfMatchesScipyKstwo) {
  ASSERT_GT(doc()["kolmogorov_sf"].size(), 200u);
  for (const json& point : doc()["kolmogorov_sf"]) {
    const long n = point["n"];
    const double x = point["x"];
    expect_relative(kolmogorov_sf(n, x), point["sf"].get<double>(), kPvalueRelTol,
                    "kolmogorov_sf(" + std::to_string(n) + ", " + std::to_string(x) + ")");
  }
}

TEST_F(SklearnScipyReference, SmirnovSfMatchesScipy) {
  for (const json& point : doc()["smirnov_sf"]) {
    const long n = point["n"];
    const double x = point["x"];
    expect_relative(smirnov_sf(n, x), point["sf"].get<double>(), 1e-9,
                    "smirnov_sf(" + std::to_string(n) + ", " + std::to_string(x) + ")");
  }
}

}  // namespace
}  // namespace mirgene::metrics
