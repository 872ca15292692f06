#include "metrics/folds.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "common/error.hpp"

namespace mirgene::metrics {
namespace {

// Positives scattered over the item order (37 is coprime to the sizes used here).
std::vector<int> labels_with(int positives, int negatives) {
  const int n = positives + negatives;
  std::vector<int> labels(n, 0);
  for (int i = 0; i < positives; ++i) labels[(i * 37) % n] = 1;
  return labels;
}

// counts[label][fold]
std::map<int, std::vector<int>> class_fold_counts(const std::vector<int>& labels,
                                                  const std::vector<int>& folds, int k) {
  std::map<int, std::vector<int>> counts;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    auto& per_fold = counts[labels[i]];
    per_fold.resize(k, 0);
    per_fold[folds[i]] += 1;
  }
  return counts;
}

void expect_balanced(const std::vector<int>& sizes) {
  const auto [lo, hi] = std::minmax_element(sizes.begin(), sizes.end());
  EXPECT_LE(*hi - *lo, 1);
}

TEST(StratifiedFolds, ClassesSpreadEvenlyAcrossFolds) {
  const std::vector<int> labels = labels_with(23, 77);
  for (int k : {2, 3, 5, 10}) {
    SCOPED_TRACE(k);
    const std::vector<int> folds = stratified_folds(labels, k, 42);
    ASSERT_EQ(folds.size(), labels.size());
    std::vector<int> totals(k, 0);
    for (int f : folds) {
      ASSERT_GE(f, 0);
      ASSERT_LT(f, k);
      totals[f] += 1;
    }
    expect_balanced(totals);
    const auto counts = class_fold_counts(labels, folds, k);
    ASSERT_EQ(counts.size(), 2u);
    for (const auto& [label, per_fold] : counts) expect_balanced(per_fold);
  }
}

TEST(StratifiedFolds, ThreeClassesAndClassSmallerThanK) {
  std::vector<int> labels;
  for (int i = 0; i < 31; ++i) labels.push_back(i % 3 == 0 ? 7 : (i % 3 == 1 ? -2 : 4));
  labels.push_back(9);  // a class of one item
  labels.push_back(9);
  const std::vector<int> folds = stratified_folds(labels, 4, 1);
  for (const auto& [label, per_fold] : class_fold_counts(labels, folds, 4)) {
    SCOPED_TRACE(label);
    expect_balanced(per_fold);
  }
}

TEST(StratifiedFolds, EveryItemInExactlyOneTestFold) {
  const std::vector<int> labels = labels_with(40, 60);
  const int k = 5;
  const std::vector<int> folds = stratified_folds(labels, k, 7);
  std::vector<int> times_tested(labels.size(), 0);
  for (int f = 0; f < k; ++f) {
    const FoldSplit split = split_for_fold(folds, f);
    EXPECT_EQ(split.train.size() + split.test.size(), labels.size());
    EXPECT_TRUE(std::is_sorted(split.test.begin(), split.test.end()));
    for (std::size_t i : split.test) {
      times_tested[i] += 1;
      EXPECT_EQ(folds[i], f);
    }
    for (std::size_t i : split.train) EXPECT_NE(folds[i], f);
  }
  for (int t : times_tested) EXPECT_EQ(t, 1);
}

TEST(StratifiedFolds, DeterministicForASeed) {
  const std::vector<int> labels = labels_with(50, 450);
  EXPECT_EQ(stratified_folds(labels, 5, 123), stratified_folds(labels, 5, 123));
  EXPECT_NE(stratified_folds(labels, 5, 123), stratified_folds(labels, 5, 124));
}

TEST(StratifiedFolds, ShufflesWithinClasses) {
  // Without shuffling, items would be dealt in index order: fold = position % k.
  const std::vector<int> labels(200, 0);
  const std::vector<int> folds = stratified_folds(labels, 4, 99);
  int in_dealing_order = 0;
  for (std::size_t i = 0; i < folds.size(); ++i) in_dealing_order += folds[i] == int(i % 4);
  EXPECT_LT(in_dealing_order, 100);
}

TEST(StratifiedFolds, RejectsBadFoldCounts) {
  const std::vector<int> labels = {0, 1, 0};
  EXPECT_THROW(stratified_folds(labels, 1, 0), Error);
  EXPECT_THROW(stratified_folds(labels, 4, 0), Error);
  EXPECT_NO_THROW(stratified_folds(labels, 3, 0));
}

}  // namespace
}  // namespace mirgene::metrics
