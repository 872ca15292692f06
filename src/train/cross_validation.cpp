#include "train/cross_validation.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>

#include "common/error.hpp"
#include "common/number_text.hpp"
#include "common/parallel_jobs.hpp"
#include "metrics/folds.hpp"
#include "nn/model_file.hpp"
#include "nn/training_model.hpp"
#include "seqio/fasta_files.hpp"

namespace mirgene::train {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The fold number K of a FASTA file named PREFIX K .fa (or .fa.gz), or 0 when the name is
// not of that form.
int fold_number(const std::string& name, const std::string& prefix) {
  const std::string_view stem = seqio::fasta_stem(name);
  if (stem.size() <= prefix.size() || !stem.starts_with(prefix)) return 0;
  const std::string digits(stem.substr(prefix.size()));
  if (digits.size() > 6 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return std::stoi(digits);
}

std::string fold_file(const fs::path& dir, const std::string& part, const std::string& set,
                      const char* cls, int fold) {
  return seqio::fasta_file(
      (dir / part / (set + "_" + cls + "_" + part + "_f" + std::to_string(fold))).string());
}

// The trainer's class convention: 0 = pre-miRNA, 1 = other.
std::vector<int> trainer_labels(const LabelledSet& set) {
  std::vector<int> labels(set.is_positive.size());
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = set.is_positive[i] ? 0 : 1;
  return labels;
}

void check_fold_settings(const CvSettings& s) {
  if (s.epochs < 1) throw Error("cross-validation: --epochs must be at least 1");
  if (s.members < 1) throw Error("cross-validation: --members must be at least 1");
}

// Members' mean P(pre-miRNA); one member's own scores exactly when there is one.
// Each member scored with the weights its run yields (the average when it averages).
std::vector<float> yielded_scores(nn::TrainingModel& member,
                                  std::span<const std::vector<std::uint8_t>> tokens) {
  const nn::AveragedWeights yielded(member.trainer);
  return nn::predict(member.net, tokens, 1);
}

std::vector<float> member_mean(const std::vector<std::unique_ptr<nn::TrainingModel>>& members,
                               std::span<const std::vector<std::uint8_t>> tokens) {
  std::vector<float> mean = yielded_scores(*members[0], tokens);
  for (std::size_t k = 1; k < members.size(); ++k) {
    const std::vector<float> more = yielded_scores(*members[k], tokens);
    for (std::size_t i = 0; i < mean.size(); ++i) mean[i] += more[i];
  }
  for (float& v : mean) v /= static_cast<float>(members.size());
  return mean;
}

void check_settings(const std::vector<CvFold>& folds, const CvSettings& s) {
  if (folds.size() < 2) throw Error("cross-validation needs at least two folds");
  check_fold_settings(s);
  if (s.parallel_folds < 1) throw Error("cross-validation: at least one fold must run at once");
  for (const CvFold& f : folds) {
    if (f.train.tokens.empty() || f.validation.tokens.empty())
      throw Error("cross-validation: fold " + f.name + " has an empty training or validation set");
  }
}

// The float's shortest decimal form (1e-3f is 0.001, not 0.0010000000474974513).
double shortest_decimal(float value) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text - 1, value).ptr;
  *end = '\0';
  return std::strtod(text, nullptr);
}

}  // namespace

std::string fold_set_name(const std::string& dir) {
  fs::path p = fs::path(dir).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();  // "cv/human/" -> "cv/human"
  return p.filename().string();
}

std::vector<FoldFiles> find_fold_files(const std::string& dir, const std::string& set_name) {
  const fs::path root(dir);
  const fs::path train_dir = root / "train";
  std::error_code ec;
  if (!fs::is_directory(train_dir, ec))
    throw Error(dir + ": not a fold directory (no " + train_dir.string() + "/)");
  if (set_name.empty()) throw Error(dir + ": no set name (give --set)");

  const std::string prefix = set_name + "_pos_train_f";
  std::vector<int> numbers;
  for (const fs::directory_entry& entry : fs::directory_iterator(train_dir, ec)) {
    if (const int k = fold_number(entry.path().filename().string(), prefix); k > 0)
      numbers.push_back(k);
  }
  if (ec) throw Error(train_dir.string() + ": cannot list: " + ec.message());
  if (numbers.empty())
    throw Error(train_dir.string() + ": no fold files " + prefix + "K.fa or .fa.gz (set '" +
                set_name + "'; give --set when it differs from the folder name)");
  std::sort(numbers.begin(), numbers.end());
  const int folds = numbers.back();
  if (folds < 2) throw Error(dir + ": only one fold (" + prefix + "1.fa); need at least two");

  std::vector<FoldFiles> out;
  for (int k = 1; k <= folds; ++k) {
    FoldFiles f{k, fold_file(root, "train", set_name, "pos", k),
                fold_file(root, "train", set_name, "neg", k),
                fold_file(root, "val", set_name, "pos", k),
                fold_file(root, "val", set_name, "neg", k)};
    for (const std::string* path : {&f.train_pos, &f.train_neg, &f.val_pos, &f.val_neg}) {
      if (!fs::is_regular_file(*path, ec))
        throw Error(dir + ": fold " + std::to_string(k) + " of " + std::to_string(folds) +
                    " is incomplete: missing " + *path + " (or .gz)");
    }
    out.push_back(std::move(f));
  }
  return out;
}

LabelledSet subset(const LabelledSet& all, const std::vector<std::size_t>& rows) {
  LabelledSet out;
  out.tokens.reserve(rows.size());
  out.is_positive.reserve(rows.size());
  for (std::size_t row : rows) {
    out.tokens.push_back(all.tokens[row]);
    out.is_positive.push_back(all.is_positive[row]);
    (all.is_positive[row] ? out.positives : out.negatives) += 1;
  }
  return out;
}

std::vector<CvFold> stratified_cv_folds(const LabelledSet& all, int k, std::uint64_t seed) {
  const std::vector<int> fold_of = metrics::stratified_folds(all.is_positive, k, seed);
  std::vector<CvFold> folds;
  for (int i = 0; i < k; ++i) {
    const metrics::FoldSplit split = metrics::split_for_fold(fold_of, i);
    std::string name = "f";
    name += std::to_string(i + 1);
    folds.push_back({std::move(name), subset(all, split.train), subset(all, split.test), {}, {}});
  }
  return folds;
}

void add_extra_negatives(std::vector<CvFold>& folds, const LabelledSet& extra, bool train_on_them,
                         std::uint64_t seed, std::span<const int> origin_fold) {
  if (extra.positives > 0) throw Error("cross-validation: extra negatives hold positives");
  const int k = static_cast<int>(folds.size());
  if (extra.tokens.size() < folds.size())
    throw Error("cross-validation: " + std::to_string(extra.tokens.size()) +
                " extra negatives cannot be dealt into " + std::to_string(k) + " folds");
  if (!origin_fold.empty() && origin_fold.size() != extra.tokens.size())
    throw Error("cross-validation: one origin fold per extra negative is needed");
  std::vector<int> part_of = metrics::stratified_folds(extra.is_positive, k, seed);
  // A decoy made from a record goes where that record is validated: training on it while
  // its origin is a validation item would score the origin against its own copy.
  for (std::size_t row = 0; row < origin_fold.size(); ++row) {
    if (origin_fold[row] >= k)
      throw Error("cross-validation: origin fold " + std::to_string(origin_fold[row] + 1) +
                  " of extra negative #" + std::to_string(row + 1) + " is beyond " +
                  std::to_string(k) + " folds");
    if (origin_fold[row] >= 0) part_of[row] = origin_fold[row];
  }
  for (int i = 0; i < k; ++i) {
    const metrics::FoldSplit split = metrics::split_for_fold(part_of, i);
    folds[i].extra_validation = subset(extra, split.test);
    if (!train_on_them) continue;
    LabelledSet& train = folds[i].train;
    for (std::size_t row : split.train) {
      train.tokens.push_back(extra.tokens[row]);
      train.is_positive.push_back(0);
      ++train.negatives;
    }
  }
}

void add_scored_negatives(std::vector<CvFold>& folds, const LabelledSet& scored,
                          std::span<const int> origin_fold) {
  if (scored.positives > 0) throw Error("cross-validation: scored negatives hold positives");
  if (scored.tokens.empty()) throw Error("cross-validation: no scored negatives");
  if (!origin_fold.empty() && origin_fold.size() != scored.tokens.size())
    throw Error("cross-validation: one origin fold per scored negative is needed");
  const int k = static_cast<int>(folds.size());
  for (std::size_t row = 0; row < origin_fold.size(); ++row)
    if (origin_fold[row] >= k)
      throw Error("cross-validation: origin fold " + std::to_string(origin_fold[row] + 1) +
                  " of scored negative #" + std::to_string(row + 1) + " is beyond " +
                  std::to_string(k) + " folds");
  for (int i = 0; i < k; ++i) {
    std::vector<std::size_t> rows;
    for (std::size_t row = 0; row < scored.tokens.size(); ++row)
      if (origin_fold.empty() || origin_fold[row] < 0 || origin_fold[row] == i) rows.push_back(row);
    folds[i].scored_validation = subset(scored, rows);
  }
}

FoldCurve train_fold(const CvFold& fold, const CvSettings& s, const CvProgress& report) {
  check_fold_settings(s);
  const auto started = Clock::now();
  FoldCurve curve;
  curve.name = fold.name;
  curve.train_pos = fold.train.positives;
  curve.train_neg = fold.train.negatives;
  // One thread per fold: the weights then depend on the seed alone, not on the scheduling.
  nn::TrainingSettings training = s.training;
  training.threads = 1;
  std::vector<std::unique_ptr<nn::TrainingModel>> members;
  for (int k = 0; k < s.members; ++k) {
    nn::TrainingSettings member = training;
    member.seed = training.seed + static_cast<std::uint64_t>(k);
    members.push_back(std::make_unique<nn::TrainingModel>(member));
  }
  const std::vector<int> labels = trainer_labels(fold.train);
  std::vector<float> positive_scores;
  // The fold's validation positives against a set of negatives (none: no metrics).
  const auto score_against = [&](const LabelledSet& negatives,
                                 std::vector<metrics::Metrics>& curve_part) {
    if (negatives.tokens.empty()) return;
    std::vector<float> scores = positive_scores;
    std::vector<int> labels_here(scores.size(), 1);
    const std::vector<float> negative_scores = member_mean(members, negatives.tokens);
    scores.insert(scores.end(), negative_scores.begin(), negative_scores.end());
    labels_here.resize(scores.size(), 0);
    curve_part.push_back(metrics::compute_metrics(scores, labels_here, s.threshold));
  };
  for (int epoch = 1; epoch <= s.epochs; ++epoch) {
    double loss = 0;
    for (auto& m : members) loss += m->trainer.run_epoch(fold.train.tokens, labels).loss;
    curve.loss.push_back(loss / static_cast<double>(members.size()));
    const std::vector<float> scores = member_mean(members, fold.validation.tokens);
    curve.validation.push_back(
        metrics::compute_metrics(scores, fold.validation.is_positive, s.threshold));
    positive_scores.clear();
    for (std::size_t k = 0; k < scores.size(); ++k)
      if (fold.validation.is_positive[k]) positive_scores.push_back(scores[k]);
    score_against(fold.extra_validation, curve.extra);
    score_against(fold.scored_validation, curve.scored);
    if (s.keep_scores) curve.scores.push_back(scores);
    curve.seconds = seconds_since(started);
    if (report) report(curve, epoch);
  }
  return curve;
}

CvResult run_cross_validation(const std::vector<CvFold>& folds, const CvSettings& settings,
                              const CvProgress& progress) {
  check_settings(folds, settings);
  const auto started = Clock::now();
  CvResult result;
  result.folds.resize(folds.size());
  std::mutex report_mutex;
  const CvProgress report = [&](const FoldCurve& curve, int epoch) {
    if (!progress) return;
    const std::lock_guard lock(report_mutex);
    progress(curve, epoch);
  };
  run_parallel_jobs(folds.size(), settings.parallel_folds, [&](std::size_t i) {
    result.folds[i] = train_fold(folds[i], settings, report);
  });
  CvResult summary = summarize_folds(std::move(result.folds));
  summary.seconds = seconds_since(started);
  return summary;
}

CvResult summarize_folds(std::vector<FoldCurve> folds) {
  CvResult result;
  result.folds = std::move(folds);
  if (result.folds.empty()) return result;
  const std::size_t epochs = result.folds.front().validation.size();
  std::vector<metrics::Metrics> at_epoch(result.folds.size());
  for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
    for (std::size_t f = 0; f < result.folds.size(); ++f) {
      if (result.folds[f].validation.size() != epochs)
        throw Error("cross-validation: folds " + result.folds.front().name + " and " +
                    result.folds[f].name + " ran different numbers of epochs");
      at_epoch[f] = result.folds[f].validation[epoch];
    }
    result.by_epoch.push_back(metrics::summarize(at_epoch));
    // The extra and scored negatives' figures, when every fold has them.
    const auto summarize_part = [&](std::vector<metrics::Metrics> FoldCurve::*part,
                                    std::vector<metrics::Summary>& out) {
      for (std::size_t f = 0; f < result.folds.size(); ++f) {
        if ((result.folds[f].*part).size() != epochs) return;
        at_epoch[f] = (result.folds[f].*part)[epoch];
      }
      out.push_back(metrics::summarize(at_epoch));
    };
    summarize_part(&FoldCurve::extra, result.extra_by_epoch);
    summarize_part(&FoldCurve::scored, result.scored_by_epoch);
  }
  result.best_epoch_auroc = best_epoch(result.by_epoch, &metrics::Metrics::auroc);
  result.best_epoch_aupr = best_epoch(result.by_epoch, &metrics::Metrics::aupr);
  return result;
}

int best_epoch(const std::vector<metrics::Summary>& by_epoch, double metrics::Metrics::*field) {
  int best = 0;
  double best_value = 0;
  for (std::size_t i = 0; i < by_epoch.size(); ++i) {
    const double value = by_epoch[i].mean.*field;
    if (std::isnan(value)) continue;
    if (best == 0 || value > best_value) {
      best = static_cast<int>(i) + 1;
      best_value = value;
    }
  }
  return best;
}

Json cv_json(const CvResult& result, const CvSettings& s) {
  const nn::TrainingSettings& t = s.training;
  Json settings = {{"architecture", Json::parse(nn::architecture_to_json(t.architecture))},
                   {"seed", t.seed},
                   {"batch_size", t.batch_size},
                   {"learning_rate", shortest_decimal(t.learning_rate)},
                   {"class_weights", t.class_weights},
                   {"length_balanced", t.length_balanced},
                   {"init", std::string(nn::init_scheme_name(t.init))},
                   {"epochs", s.epochs},
                   {"threshold", s.threshold}};
  // Written only for ensembles, so that single-network runs keep their JSON as it was.
  if (s.members > 1) settings["members"] = s.members;
  if (t.gc_balanced) settings["gc_balanced"] = true;
  if (t.lr_decay != 1.0f) settings["lr_decay"] = shortest_decimal(t.lr_decay);
  if (t.weight_average != 0.0f) settings["weight_average"] = shortest_decimal(t.weight_average);
  Json folds = Json::array();
  Json timing = {{"seconds", result.seconds}, {"folds", Json::array()}};
  for (const FoldCurve& f : result.folds) {
    Json epochs = Json::array();
    for (std::size_t e = 0; e < f.validation.size(); ++e) {
      epochs.push_back({{"epoch", e + 1},
                        {"loss", f.loss[e]},
                        {"validation", Json(metrics::to_json(f.validation[e]))}});
      if (e < f.extra.size()) epochs.back()["extra"] = Json(metrics::to_json(f.extra[e]));
      if (e < f.scored.size()) epochs.back()["scored"] = Json(metrics::to_json(f.scored[e]));
    }
    folds.push_back({{"fold", f.name},
                     {"train_pos", f.train_pos},
                     {"train_neg", f.train_neg},
                     {"final", Json(metrics::to_json(f.validation.back()))},
                     {"epochs", std::move(epochs)}});
    timing["folds"].push_back({{"fold", f.name}, {"seconds", f.seconds}});
  }
  Json by_epoch = Json::array();
  for (std::size_t e = 0; e < result.by_epoch.size(); ++e) {
    Json entry = Json(metrics::to_json(result.by_epoch[e]));
    entry["epoch"] = e + 1;
    if (e < result.extra_by_epoch.size())
      entry["extra"] = Json(metrics::to_json(result.extra_by_epoch[e]));
    if (e < result.scored_by_epoch.size())
      entry["scored"] = Json(metrics::to_json(result.scored_by_epoch[e]));
    by_epoch.push_back(std::move(entry));
  }
  return {{"settings", std::move(settings)},
          {"folds", std::move(folds)},
          {"summary", Json(metrics::to_json(result.by_epoch.back()))},
          {"best_epoch", {{"auroc", result.best_epoch_auroc}, {"aupr", result.best_epoch_aupr}}},
          {"by_epoch", std::move(by_epoch)},
          {"timing", std::move(timing)}};
}

std::string format_cv_report(const CvResult& result) {
  std::vector<metrics::Metrics> finals;
  std::vector<std::string> names;
  for (const FoldCurve& f : result.folds) {
    finals.push_back(f.validation.back());
    names.push_back(f.name);
  }
  const int epochs = static_cast<int>(result.by_epoch.size());
  std::string out = "validation metrics after epoch " + std::to_string(epochs) + ":\n" +
                    metrics::format_table(finals, names) + "\n";
  const std::string mean_name = "mean+-sd";
  out += metrics::format_table(std::span(&result.by_epoch.back(), 1), std::span(&mean_name, 1));
  const auto best_line = [&](const char* what, int epoch) {
    if (epoch == 0) return std::string("best epoch by mean ") + what + ": undefined\n";
    const metrics::Metrics& m = result.by_epoch[epoch - 1].mean;
    return std::string("best epoch by mean ") + what + ": " + std::to_string(epoch) + " of " +
           std::to_string(epochs) + " (AUROC " + fixed(m.auroc, 4) + ", AUPR " + fixed(m.aupr, 4) +
           ")\n";
  };
  // The last epoch's row against a further set of negatives, when the run scored one.
  const auto part_table = [&](const std::vector<metrics::Summary>& part, const char* against,
                              const std::string& row) {
    if (part.empty()) return;
    out += std::string("\nvalidation pre-miRNAs against the ") + against + " after epoch " +
           std::to_string(epochs) + ":\n" +
           metrics::format_table(std::span(&part.back(), 1), std::span(&row, 1));
  };
  part_table(result.extra_by_epoch, "held-out extra negatives", "vs extra");
  part_table(result.scored_by_epoch, "scored-only negatives", "vs scored");
  out += '\n';
  out += best_line("AUROC", result.best_epoch_auroc);
  out += best_line("AUPR", result.best_epoch_aupr);
  return out;
}

}  // namespace mirgene::train
