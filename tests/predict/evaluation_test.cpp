#include "predict/evaluation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "common/error.hpp"
#include "fold/params.hpp"
#include "nn/initialisation.hpp"
#include "support/paths.hpp"

namespace mirgene::predict {

using nn::init_for_training;
using train::EncodedSet;
using train::FoldCache;
using train::load_encoded_set;
namespace {

using ::testing::HasSubstr;

// A small untrained network: its scores spread enough to give non-trivial metrics.
nn::Network tiny_network() {
  nn::Network net(nn::Architecture{.recurrent = {{4}, {3}}, .dense = {8, 4}});
  init_for_training(net, 11);
  return net;
}

class EvaluationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    FoldCache cache;
    pos_ = new EncodedSet(load_encoded_set(test::fixture_path("train/tiny_val_pos.fa"), cache,
                                           fold::turner2004(), 2));
    neg_ = new EncodedSet(load_encoded_set(test::fixture_path("train/tiny_val_neg.fa"), cache,
                                           fold::turner2004(), 2));
  }
  static void TearDownTestSuite() {
    delete pos_;
    delete neg_;
  }
  static EncodedSet* pos_;
  static EncodedSet* neg_;
};
EncodedSet* EvaluationTest::pos_ = nullptr;
EncodedSet* EvaluationTest::neg_ = nullptr;

void expect_same_metrics(const metrics::Metrics& a, const metrics::Metrics& b) {
  const double metrics::Metrics::*fields[] = {
      &metrics::Metrics::se,        &metrics::Metrics::sp,       &metrics::Metrics::ppv,
      &metrics::Metrics::f1,        &metrics::Metrics::gmean,    &metrics::Metrics::mcc,
      &metrics::Metrics::auroc,     &metrics::Metrics::aupr,     &metrics::Metrics::ks_statistic,
      &metrics::Metrics::ks_pvalue, &metrics::Metrics::threshold};
  for (auto field : fields) {
    if (std::isnan(a.*field)) {
      EXPECT_TRUE(std::isnan(b.*field));
    } else {
      EXPECT_EQ(a.*field, b.*field);
    }
  }
  EXPECT_EQ(a.cm.tp, b.cm.tp);
  EXPECT_EQ(a.cm.fp, b.cm.fp);
  EXPECT_EQ(a.cm.tn, b.cm.tn);
  EXPECT_EQ(a.cm.fn, b.cm.fn);
}

TEST_F(EvaluationTest, MetricsAreThoseOfPredictScoresOnBothSets) {
  const nn::Network net = tiny_network();
  const Evaluation e = evaluate_model(std::span(&net, 1), *pos_, *neg_, 0.5, 2);
  const train::LabelledSet labelled = label_sets(*pos_, *neg_);
  const std::vector<float> scores = nn::predict(net, labelled.tokens, 1);
  EXPECT_EQ(e.scores, scores);
  EXPECT_EQ(e.is_positive, labelled.is_positive);
  expect_same_metrics(e.metrics, metrics::compute_metrics(scores, labelled.is_positive, 0.5));
  EXPECT_EQ(e.metrics.n_pos, pos_->ids.size());
  EXPECT_EQ(e.metrics.n_neg, neg_->ids.size());
  // The scores of an untrained network are not all on one side of every threshold.
  EXPECT_GT(e.metrics.auroc, 0.0);
  EXPECT_LT(e.metrics.auroc, 1.0);
}

TEST_F(EvaluationTest, IdsFollowPositivesThenNegativesInFileOrder) {
  const nn::Network tiny = tiny_network();
  const Evaluation e = evaluate_model(std::span(&tiny, 1), *pos_, *neg_, 0.5, 1);
  ASSERT_EQ(e.ids.size(), pos_->ids.size() + neg_->ids.size());
  EXPECT_EQ(e.ids.front(), pos_->ids.front());
  EXPECT_EQ(e.ids[pos_->ids.size()], neg_->ids.front());
  EXPECT_EQ(e.ids.back(), neg_->ids.back());
}

TEST_F(EvaluationTest, ThresholdMovesTheConfusionMatrixOnly) {
  const nn::Network net = tiny_network();
  const Evaluation low = evaluate_model(std::span(&net, 1), *pos_, *neg_, 0.0, 1);
  const Evaluation high = evaluate_model(std::span(&net, 1), *pos_, *neg_, 1.0, 1);
  EXPECT_EQ(low.metrics.cm.tp, static_cast<long>(pos_->ids.size()));
  EXPECT_EQ(low.metrics.cm.fp, static_cast<long>(neg_->ids.size()));
  EXPECT_EQ(high.metrics.cm.tp + high.metrics.cm.fp, 0);
  EXPECT_EQ(low.metrics.auroc, high.metrics.auroc);
  EXPECT_EQ(high.metrics.threshold, 1.0);
}

TEST_F(EvaluationTest, ScoresTsvHasOneLinePerRecordWithClassAndScore) {
  const nn::Network tiny = tiny_network();
  const Evaluation e = evaluate_model(std::span(&tiny, 1), *pos_, *neg_, 0.5, 1);
  std::istringstream in(format_scores_tsv(e));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "id\tclass\tscore");
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, cls, score;
    std::getline(fields, id, '\t');
    std::getline(fields, cls, '\t');
    std::getline(fields, score, '\t');
    ASSERT_LT(rows, e.ids.size());
    EXPECT_EQ(id, e.ids[rows]);
    EXPECT_EQ(cls, e.is_positive[rows] ? "pre-miRNA" : "other");
    EXPECT_NEAR(std::stod(score), e.scores[rows], 5e-7);
    ++rows;
  }
  EXPECT_EQ(rows, e.ids.size());
}

TEST_F(EvaluationTest, ReportSpellsOutConfusionMatrixAndKsTest) {
  metrics::Metrics m;
  m.cm = {.tp = 7, .fp = 2, .tn = 10, .fn = 1};
  m.n_pos = 8;
  m.n_neg = 12;
  m.ks_statistic = 0.75;
  m.ks_pvalue = 0.00123;
  const std::vector<float> scores = {0.9f, 0.2f};
  const std::vector<int> labels = {1, 0}, lengths = {70, 110}, cuts = {80, 100};
  const metrics::LengthReport strata = metrics::length_report(scores, labels, lengths, 0.5, cuts);
  const std::string text = format_evaluation(m, strata);
  EXPECT_THAT(text, HasSubstr("AUROC"));
  EXPECT_THAT(text, HasSubstr("within length strata"));
  EXPECT_THAT(text, HasSubstr("length-only baseline"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("bootstrap")));
  EXPECT_THAT(text, HasSubstr("pre-miRNA (8)"));
  EXPECT_THAT(text, HasSubstr("other (12)"));
  EXPECT_THAT(text, ::testing::ContainsRegex("pre-miRNA \\(8\\) +7 +1\n"));
  EXPECT_THAT(text, ::testing::ContainsRegex("other \\(12\\) +2 +10\n"));
  EXPECT_THAT(text, HasSubstr("D = 0.7500, p = 0.00123"));
}

TEST_F(EvaluationTest, EmptyClassIsAnErrorNamingTheFile) {
  EncodedSet empty;
  empty.source = "nothing.fa";
  try {
    const nn::Network tiny = tiny_network();
    evaluate_model(std::span(&tiny, 1), *pos_, empty, 0.5, 1);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("nothing.fa"));
  }
}

TEST_F(EvaluationTest, ReportAddsStrataIntervalsAndItsJson) {
  const nn::Network net = tiny_network();
  EvaluationSettings settings;
  settings.length_cuts = {70};
  const EvaluationReport plain = evaluate_sets(std::span(&net, 1), *pos_, *neg_, settings);
  EXPECT_FALSE(plain.intervals);
  EXPECT_EQ(plain.evaluation.scores,
            evaluate_model(std::span(&net, 1), *pos_, *neg_, 0.5, 1).scores);
  settings.bootstrap = 20;
  const EvaluationReport r = evaluate_sets(std::span(&net, 1), *pos_, *neg_, settings);
  ASSERT_TRUE(r.intervals);
  EXPECT_EQ(r.intervals->replicates, 20);
  const nlohmann::ordered_json doc = evaluation_json(r, "m.safetensors", *pos_, *neg_);
  EXPECT_EQ(doc["model"], "m.safetensors");
  EXPECT_EQ(doc["positives"]["records"], pos_->ids.size());
  EXPECT_EQ(doc["negatives"]["file"], neg_->source);
  EXPECT_TRUE(doc.contains("length_strata"));
  EXPECT_TRUE(doc.contains("bootstrap_95"));
  EXPECT_FALSE(evaluation_json(plain, "m", *pos_, *neg_).contains("bootstrap_95"));
}

// GC fraction of each record of a one-line-per-sequence FASTA file, read as text.
std::map<std::string, double> gc_by_id(const std::string& path) {
  std::ifstream in(path);
  std::map<std::string, double> gc;
  std::string line, id;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line[0] == '>') {
      id = line.substr(1);
      continue;
    }
    double strong = 0;
    for (const char c : line) strong += c == 'G' || c == 'C' || c == 'g' || c == 'c';
    gc[id] = strong / static_cast<double>(line.size());
  }
  return gc;
}

TEST_F(EvaluationTest, GcStrataHoldEachRecordByItsGAndCContent) {
  const nn::Network net = tiny_network();
  EvaluationSettings settings;
  settings.gc_cuts = {0.5};
  const EvaluationReport r = evaluate_sets(std::span(&net, 1), *pos_, *neg_, settings);
  ASSERT_EQ(r.gc_strata.strata.size(), 2u);
  std::size_t counts[2][2] = {};  // [stratum][is pre-miRNA]
  for (const auto& [set, positive] : {std::pair{pos_, 1}, std::pair{neg_, 0}}) {
    const std::map<std::string, double> gc = gc_by_id(set->source);
    for (const std::string& id : set->ids) counts[gc.at(id) >= 0.5][positive] += 1;
  }
  for (int s = 0; s < 2; ++s) {
    EXPECT_EQ(r.gc_strata.strata[s].model.n_pos, counts[s][1]) << s;
    EXPECT_EQ(r.gc_strata.strata[s].model.n_neg, counts[s][0]) << s;
  }
  EXPECT_EQ(r.gc_strata.strata[0].label(), "<0.50");
  EXPECT_EQ(r.gc_strata.strata[1].label(), ">=0.50");
  const nlohmann::ordered_json doc = evaluation_json(r, "m", *pos_, *neg_);
  ASSERT_TRUE(doc.contains("gc_strata"));
  EXPECT_EQ(doc["gc_strata"]["strata"].size(), 2u);
  EXPECT_THAT(format_evaluation(r.evaluation.metrics, r.strata, nullptr, &r.gc_strata),
              HasSubstr("GC-only baseline"));
}

}  // namespace
}  // namespace mirgene::predict
