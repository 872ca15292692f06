// `mirgene cv`: k-fold cross-validation of training, over prepared fold files or a stratified
// split of two FASTA files, with the validation metrics of every fold at every epoch.
#include <cstdio>
#include <iostream>
#include <memory>
#include <unordered_map>
#include <utility>

#include "cli/commands.hpp"
#include "cli/training_data.hpp"
#include "cli/training_options.hpp"
#include "common/error.hpp"
#include "common/ordered_parallel.hpp"
#include "decoys/builder.hpp"
#include "fold/params.hpp"
#include "metrics/folds.hpp"
#include "nn/safetensors.hpp"
#include "train/cross_validation.hpp"
#include "train/dataset.hpp"
#include "train/fold_cache.hpp"

namespace mirgene::cli {
namespace {

struct CvCliOptions {
  std::string folds_dir, set, pos, neg, extra_neg, score_neg;
  bool extra_validation_only = false;
  int folds = 5;
  int epochs = 0;
  std::uint64_t seed = 1;
  int threads = 0;
  int members = 1;
  TrainingCliOptions training;
  double threshold = 0.5;
  std::string json;
  std::string fold_cache;
  bool no_fold_cache = false;
};

// Folds plus, for every validation record id, the fold (0-based) that validates it.
struct LoadedFolds {
  std::vector<train::CvFold> folds;
  std::unordered_map<std::string, int> validated_in;
};

void note_validation(LoadedFolds& out, const train::EncodedSet& set, int fold) {
  for (const std::string& id : set.ids) out.validated_in.emplace(id, fold);
}

// `mode`: the input mode of the network the tokens are for (train::TokenMaker).
LoadedFolds load_folds(const CvCliOptions& o, train::FoldCache& cache, int threads,
                       nn::InputMode mode) {
  LoadedFolds out;
  if (o.folds_dir.empty()) {
    const train::EncodedSet pos = load_reported(o.pos, cache, threads, mode);
    const train::EncodedSet neg = load_reported(o.neg, cache, threads, mode);
    const train::LabelledSet all = train::label_sets(pos, neg);
    std::cerr << "stratified " << o.folds << "-fold split of " << all.positives
              << " pre-miRNAs and " << all.negatives << " others (seed " << o.seed << ")\n";
    out.folds = train::stratified_cv_folds(all, o.folds, o.seed);
    // The same deal as stratified_cv_folds: item r of `all` is validated by fold_of[r].
    const std::vector<int> fold_of = metrics::stratified_folds(all.is_positive, o.folds, o.seed);
    for (std::size_t r = 0; r < fold_of.size(); ++r)
      out.validated_in.emplace(r < pos.ids.size() ? pos.ids[r] : neg.ids[r - pos.ids.size()],
                               fold_of[r]);
    return out;
  }
  const std::string set = o.set.empty() ? train::fold_set_name(o.folds_dir) : o.set;
  for (const train::FoldFiles& f : train::find_fold_files(o.folds_dir, set)) {
    const train::EncodedSet val_pos = load_reported(f.val_pos, cache, threads, mode);
    const train::EncodedSet val_neg = load_reported(f.val_neg, cache, threads, mode);
    const int index = static_cast<int>(out.folds.size());
    note_validation(out, val_pos, index);
    note_validation(out, val_neg, index);
    out.folds.push_back({"f" + std::to_string(f.fold),
                         train::label_sets(load_reported(f.train_pos, cache, threads, mode),
                                           load_reported(f.train_neg, cache, threads, mode)),
                         train::label_sets(val_pos, val_neg),
                         {},
                         {}});
  }
  std::cerr << o.folds_dir << ": " << out.folds.size() << " folds of set '" << set << "'\n";
  return out;
}

// A file of negatives (--extra-neg, --score-neg) and, per record, the fold that validates
// the record it was made from (a decoy id such as "shuffled:ID:TRY"), or -1.
struct NegativeFile {
  std::size_t records = 0;
  train::LabelledSet negatives;
  std::vector<int> origin_fold;
  std::size_t tied = 0;  // records with an origin fold
};

NegativeFile load_negative_file(const std::string& path, train::FoldCache& cache, int threads,
                                const LoadedFolds& loaded, nn::InputMode mode) {
  const train::EncodedSet set = load_reported(path, cache, threads, mode);
  NegativeFile out;
  out.records = set.ids.size();
  train::append_negatives(out.negatives, set);
  out.origin_fold.assign(set.ids.size(), -1);
  for (std::size_t r = 0; r < set.ids.size(); ++r) {
    const auto it = loaded.validated_in.find(decoys::decoy_origin(set.ids[r]));
    if (it == loaded.validated_in.end()) continue;
    out.origin_fold[r] = it->second;
    ++out.tied;
  }
  return out;
}

std::string progress_line(const train::FoldCurve& f, int epoch, int epochs) {
  const metrics::Metrics& m = f.validation[epoch - 1];
  char text[256];
  std::snprintf(text, sizeof text,
                "fold %s epoch %d/%d  loss %.4f  val AUROC %.4f AUPR %.4f F1 %.3f  %.0f s\n",
                f.name.c_str(), epoch, epochs, f.loss[epoch - 1], m.auroc, m.aupr, m.f1, f.seconds);
  return text;
}

int run_cv(const CvCliOptions& o) {
  if (o.folds_dir.empty() == (o.pos.empty() && o.neg.empty()))
    throw Error("give either --folds-dir or --pos and --neg");
  if (o.folds_dir.empty() && (o.pos.empty() || o.neg.empty()))
    throw Error("--pos and --neg must be given together");
  const int threads = o.threads > 0 ? o.threads : default_thread_count();
  // Before any folding: an unusable --arch (too large for this machine) costs nothing.
  nn::TrainingSettings training_run_settings = training_settings(o.training, o.seed, 1);

  train::FoldCache cache = open_fold_cache(o.fold_cache, o.no_fold_cache);
  const nn::InputMode mode = training_run_settings.architecture.input;
  LoadedFolds loaded = load_folds(o, cache, threads, mode);
  std::vector<train::CvFold>& folds = loaded.folds;
  if (!o.extra_neg.empty()) {
    // Decoys made from a fold's validation records stay with that fold (no leak).
    const NegativeFile extra = load_negative_file(o.extra_neg, cache, threads, loaded, mode);
    train::add_extra_negatives(folds, extra.negatives, !o.extra_validation_only, o.seed,
                               extra.origin_fold);
    std::cerr << o.extra_neg << ": " << extra.tied << " of " << extra.records
              << " follow the fold of the record they were made from, the rest are dealt at "
                 "random; ";
    std::cerr << (o.extra_validation_only ? "each fold is scored on its part only\n"
                                          : "each fold trains on the others and is scored on its "
                                            "own\n");
  }
  if (!o.score_neg.empty()) {
    const NegativeFile scored = load_negative_file(o.score_neg, cache, threads, loaded, mode);
    train::add_scored_negatives(folds, scored.negatives, scored.origin_fold);
    std::cerr << o.score_neg << ": scored, never trained on; " << scored.tied << " of "
              << scored.records
              << " are scored by the fold that validates the record they were made from, the "
                 "rest by every fold\n";
  }

  train::CvSettings settings;
  // One thread per fold (train_fold): `threads` counts the folds trained at once.
  settings.training = std::move(training_run_settings);
  settings.epochs = o.epochs;
  settings.threshold = o.threshold;
  settings.parallel_folds = threads;
  settings.members = o.members;
  const train::CvResult result =
      train::run_cross_validation(folds, settings, [&](const train::FoldCurve& f, int epoch) {
        std::cerr << progress_line(f, epoch, o.epochs) << std::flush;
      });

  std::cout << train::format_cv_report(result);
  std::fprintf(stderr, "cross-validation took %.1f s\n", result.seconds);
  if (!o.json.empty())
    nn::write_file_atomically(o.json, train::cv_json(result, settings).dump(1) + '\n');
  return 0;
}

}  // namespace

Command add_cv_command(CLI::App& app) {
  auto opt = std::make_shared<CvCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "cv",
      "k-fold cross-validation of training: over fold files (--folds-dir) or a stratified "
      "split of --pos and --neg. Reports every fold's validation metrics, their mean +- sd "
      "and the epoch with the best mean AUROC and AUPR. See docs/evaluation.md.");
  cmd->add_option(
      "--folds-dir", opt->folds_dir,
      "fold directory: train/SET_{pos,neg}_train_fK.fa and val/SET_{pos,neg}_val_fK.fa");
  cmd->add_option("--set", opt->set, "SET in the fold file names (default: the folder name)");
  cmd->add_option("--pos", opt->pos, "FASTA file of pre-miRNAs (stratified folds)");
  cmd->add_option("--neg", opt->neg, "FASTA file of other sequences (stratified folds)");
  CLI::Option* extra = cmd->add_option(
      "--extra-neg", opt->extra_neg,
      "further negatives (e.g. decoys) dealt into the folds: each fold trains on the other "
      "parts and reports its validation pre-miRNAs against its own part");
  cmd->add_flag("--extra-neg-validation-only", opt->extra_validation_only,
                "score the extra negatives' parts but do not train on them (the baseline of a "
                "comparison)")
      ->needs(extra);
  cmd->add_option("--score-neg", opt->score_neg,
                  "negatives that are scored, never trained on: every fold reports its "
                  "validation pre-miRNAs against them (a decoy made from a record validated by "
                  "one fold is scored by that fold alone). One fixed yardstick for runs that "
                  "train on different data (mirgene cv-compare)");
  cmd->add_option("-k,--folds", opt->folds, "number of stratified folds")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  cmd->add_option("--epochs", opt->epochs, "epochs per fold (metrics recorded after each)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", opt->seed, "random seed (the split and every fold's training)")
      ->capture_default_str();
  cmd->add_option("--members", opt->members,
                  "networks trained per fold (seeds SEED, SEED+1, ...); validation scores the "
                  "mean of their probabilities, as an ensemble model file (mirgene ensemble) "
                  "does")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  add_threads_option(cmd, opt->threads,
                     "folds trained at once, one thread each (default: all cores); results do "
                     "not depend on it");
  add_training_options(cmd, opt->training);
  cmd->add_option("-t,--threshold", opt->threshold, "threshold of the validation metrics")
      ->check(probability_range())
      ->capture_default_str();
  cmd->add_option("--json", opt->json, "write everything (per fold, per epoch, summary) here");
  CLI::Option* cache_file = cmd->add_option("--fold-cache", opt->fold_cache,
                                            "fold cache file (default: as `mirgene train`)");
  cmd->add_flag("--no-fold-cache", opt->no_fold_cache, "fold everything, cache nothing")
      ->excludes(cache_file);
  return {cmd, [opt] { return run_cv(*opt); }};
}

}  // namespace mirgene::cli
