#pragma once
// k-fold cross-validation (`mirgene cv`): train one network per fold on the fold's training
// part, score its validation part after every epoch, and summarise the folds per epoch so
// that the number of epochs can be chosen on training data alone.
//
// Folds come either from fold files (a prepared split such as miRBoost's) or from a
// stratified split of two FASTA files (metrics::stratified_folds). Every fold trains on one
// thread; several folds run at once. Results therefore depend on the data, the settings and
// the seed only, never on how many folds run in parallel.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "metrics/metrics.hpp"
#include "nn/network.hpp"
#include "nn/training_settings.hpp"
#include "train/dataset.hpp"

namespace mirgene::train {

// The four FASTA files of fold `fold` (1-based) in a fold directory laid out as
//   DIR/train/SET_pos_train_fK.fa  DIR/train/SET_neg_train_fK.fa
//   DIR/val/SET_pos_val_fK.fa      DIR/val/SET_neg_val_fK.fa
// where each file may also be gzip-compressed as .fa.gz (the plain one wins when both exist).
struct FoldFiles {
  int fold = 0;
  std::string train_pos, train_neg, val_pos, val_neg;
};

// The set name a fold directory implies: its last path component ("cv/human/" -> "human").
std::string fold_set_name(const std::string& dir);

// Finds folds 1..K from the files DIR/train/SET_pos_train_fK.fa[.gz]. Throws mirgene::Error when
// there are none, when fold numbers have a gap, when fewer than two folds exist, or when any
// of a fold's four files is missing (the message names the missing path).
std::vector<FoldFiles> find_fold_files(const std::string& dir, const std::string& set_name);

// One fold's data.
struct CvFold {
  std::string name;  // "f1", "f2", ...
  LabelledSet train, validation;
  // Held-out extra negatives (decoys), scored apart from `validation`: the fold's validation
  // positives against them tell how well the model rejects pre-miRNA-like hairpins. Empty
  // when the run has no extra negatives.
  LabelledSet extra_validation;
  // Negatives that are only ever scored (`mirgene cv --score-neg`), never trained on in any
  // fold: one fixed set that two runs with different training data can both be measured on.
  LabelledSet scored_validation;
};

// Deals `extra` (negatives only) into the folds' number of parts with `seed`
// (metrics::stratified_folds); fold i keeps part i as its extra_validation and, when
// `train_on_them`, adds the other parts to its training negatives. `origin_fold` (empty, or
// one entry per extra item) overrides the deal: an item made from a record that fold j
// validates (0-based j; -1 = no such record) goes to part j, so no fold trains on a copy of
// its own validation items. Throws mirgene::Error when `extra` holds positives or has fewer
// items than there are folds, or for an origin beyond the folds.
void add_extra_negatives(std::vector<CvFold>& folds, const LabelledSet& extra, bool train_on_them,
                         std::uint64_t seed, std::span<const int> origin_fold = {});

// Gives every fold `scored` (negatives only) as its scored_validation, never as training data.
// `origin_fold` (empty, or one entry per item) works as in add_extra_negatives: an item made
// from a record that fold j validates is scored by fold j alone (the other folds trained on
// that record); every other item is scored by every fold, so that the folds'
// figures differ by their models only. Throws mirgene::Error when `scored` holds positives,
// is empty, or names an origin beyond the folds.
void add_scored_negatives(std::vector<CvFold>& folds, const LabelledSet& scored,
                          std::span<const int> origin_fold = {});

// The rows of `all` listed in `rows` (ascending), keeping their labels.
LabelledSet subset(const LabelledSet& all, const std::vector<std::size_t>& rows);

// k stratified folds of `all` (metrics::stratified_folds with `seed`); fold i validates on the
// items assigned to i and trains on the rest.
std::vector<CvFold> stratified_cv_folds(const LabelledSet& all, int k, std::uint64_t seed);

struct CvSettings {
  // Of every fold's training; `threads` is not used: every fold trains on one thread, so the
  // results do not depend on how many folds run at once.
  nn::TrainingSettings training;
  int epochs = 1;
  double threshold = 0.5;    // for the threshold metrics of validation
  int parallel_folds = 1;    // folds trained at once
  bool keep_scores = false;  // keep every epoch's validation scores (FoldCurve::scores)
  // Networks trained per fold, with seeds seed, seed + 1, ...; validation scores the mean
  // of their probabilities, as an ensemble model file does (nn/ensemble_file.hpp).
  int members = 1;
};

struct FoldCurve {
  std::string name;
  std::size_t train_pos = 0, train_neg = 0;
  std::vector<double> loss;                  // training loss per epoch
  std::vector<metrics::Metrics> validation;  // per epoch, after that epoch's updates
  // Per epoch, validation positives against the held-out extra negatives (when there are any).
  std::vector<metrics::Metrics> extra;
  // Per epoch, validation positives against the scored-only negatives (when there are any).
  std::vector<metrics::Metrics> scored;
  // Per epoch, P(pre-miRNA) of every validation item (CvFold order); only with keep_scores.
  std::vector<std::vector<float>> scores;
  double seconds = 0;  // wall time of the fold
};

struct CvResult {
  std::vector<FoldCurve> folds;                   // in fold order
  std::vector<metrics::Summary> by_epoch;         // mean +- sd over folds, per epoch
  std::vector<metrics::Summary> extra_by_epoch;   // the same for FoldCurve::extra (may be empty)
  std::vector<metrics::Summary> scored_by_epoch;  // ... for FoldCurve::scored (may be empty)
  int best_epoch_auroc = 0;                       // 1-based epoch of the highest mean AUROC
  int best_epoch_aupr = 0;                        // ... of the highest mean AUPR
  double seconds = 0;                             // wall time of the whole run
};

// Told about every finished epoch of every fold. Calls are serialised (never concurrent)
// but come from the worker threads, in no fixed order across folds.
using CvProgress = std::function<void(const FoldCurve& fold, int epoch)>;

// Trains one fold on one thread for settings.epochs epochs, scoring its validation part after
// every epoch; `report` (may be empty) is told about each epoch. settings.parallel_folds is
// not used. Throws mirgene::Error for bad settings.
FoldCurve train_fold(const CvFold& fold, const CvSettings& settings, const CvProgress& report);

// The per-epoch summaries and best epochs of finished folds (all with the same epoch count).
CvResult summarize_folds(std::vector<FoldCurve> folds);

// Trains every fold. Throws mirgene::Error for bad settings, or the first failing fold's
// error (in fold order) after every worker has stopped.
CvResult run_cross_validation(const std::vector<CvFold>& folds, const CvSettings& settings,
                              const CvProgress& progress = {});

// 1-based epoch whose mean of `field` over folds is highest (earliest on ties; NaN means
// never count). 0 when no epoch has a defined mean.
int best_epoch(const std::vector<metrics::Summary>& by_epoch, double metrics::Metrics::*field);

// Everything: settings, per fold the per-epoch loss and validation metrics, per epoch the
// summary, the final summary and the best epochs. Timing sits apart under "timing" so that
// the rest is reproducible byte for byte.
nlohmann::ordered_json cv_json(const CvResult& result, const CvSettings& settings);

// Per-fold final metrics, their mean +- sd, and the best epochs by mean AUROC and AUPR.
std::string format_cv_report(const CvResult& result);

}  // namespace mirgene::train
