// `mirgene train`: train the network on positive and negative FASTA files.
#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>

#include "cli/commands.hpp"
#include "cli/training_data.hpp"
#include "cli/training_options.hpp"
#include "common/error.hpp"
#include "common/ordered_parallel.hpp"
#include "fold/params.hpp"
#include "train/checkpoint.hpp"
#include "train/dataset.hpp"
#include "train/fold_cache.hpp"
#include "train/training_run.hpp"

namespace mirgene::cli {
namespace {

struct TrainCliOptions {
  std::string pos, neg, extra_neg, val_pos, val_neg;
  float extra_neg_share = -1.0f;  // below 0: not given
  int epochs = 0;
  std::uint64_t seed = 1;
  int threads = 0;
  TrainingCliOptions training;
  std::string output;
  bool resume = false;
  std::string history;
  std::string fold_cache;
  bool no_fold_cache = false;
};

std::string lr_text(float lr) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, lr).ptr;
  return std::string(text, end);
}

// The command as run, with every default spelt out, for the model's metadata.
std::string canonical_command_line(const TrainCliOptions& o, int threads) {
  std::string line = "mirgene train --pos " + o.pos + " --neg " + o.neg;
  if (!o.extra_neg.empty()) line += " --extra-neg " + o.extra_neg;
  if (o.extra_neg_share >= 0.0f) line += " --extra-neg-share " + lr_text(o.extra_neg_share);
  if (!o.val_pos.empty()) line += " --val-pos " + o.val_pos + " --val-neg " + o.val_neg;
  line += " --epochs " + std::to_string(o.epochs) + " --seed " + std::to_string(o.seed) +
          " --threads " + std::to_string(threads) + " --batch-size " +
          std::to_string(o.training.batch_size) + " --lr " + lr_text(o.training.learning_rate);
  if (o.training.lr_decay != 1.0f) line += " --lr-decay " + lr_text(o.training.lr_decay);
  if (o.training.weight_average != 0.0f)
    line += " --weight-average " + lr_text(o.training.weight_average);
  if (o.training.no_class_weights) line += " --no-class-weights";
  if (o.training.length_balanced) line += " --length-balanced";
  if (o.training.gc_balanced) line += " --gc-balanced";
  line += " --init " + o.training.init;
  if (!o.training.arch.empty()) line += " --arch " + o.training.arch;
  if (o.no_fold_cache) line += " --no-fold-cache";
  if (!o.fold_cache.empty()) line += " --fold-cache " + o.fold_cache;
  if (!o.history.empty()) line += " --history " + o.history;
  if (o.resume) line += " --resume";
  return line + " -o " + o.output;
}

int run_train(const TrainCliOptions& o) {
  if (o.val_pos.empty() != o.val_neg.empty())
    throw Error("--val-pos and --val-neg must be given together");
  const int threads = o.threads > 0 ? o.threads : default_thread_count();
  // Before any folding: an unusable --arch (too large for this machine) costs nothing.
  nn::TrainingSettings training_run_settings = training_settings(o.training, o.seed, threads);
  if (o.extra_neg_share >= 0.0f) {
    if (o.extra_neg.empty()) throw Error("--extra-neg-share needs --extra-neg");
    if (o.training.no_class_weights || o.training.length_balanced || o.training.gc_balanced)
      throw Error("--extra-neg-share works with the balanced class weights only (not with "
                  "--no-class-weights, --length-balanced or --gc-balanced)");
    training_run_settings.extra_negative_share = o.extra_neg_share;
  }

  train::FoldCache cache = open_fold_cache(o.fold_cache, o.no_fold_cache);
  // The tokens this network reads (both+pairing: with the partition function's probabilities).
  const nn::InputMode mode = training_run_settings.architecture.input;
  const train::EncodedSet pos = load_reported(o.pos, cache, threads, mode);
  const train::EncodedSet neg = load_reported(o.neg, cache, threads, mode);
  train::LabelledSet training = train::label_sets(pos, neg);
  std::optional<train::EncodedSet> extra;
  if (!o.extra_neg.empty()) {
    extra = load_reported(o.extra_neg, cache, threads, mode);
    train::append_negatives(training, *extra);
  }

  train::TrainingRequest request;
  request.settings.training = std::move(training_run_settings);
  request.settings.positives = train::describe_data(pos);
  request.settings.negatives = train::describe_data(neg);
  if (extra) request.settings.extra_negatives = train::describe_data(*extra);
  std::optional<train::LabelledSet> validation;
  if (!o.val_pos.empty()) {
    const train::EncodedSet vpos = load_reported(o.val_pos, cache, threads, mode);
    const train::EncodedSet vneg = load_reported(o.val_neg, cache, threads, mode);
    validation = train::label_sets(vpos, vneg);
    request.settings.validation_positives = train::describe_data(vpos);
    request.settings.validation_negatives = train::describe_data(vneg);
  }
  request.epochs = o.epochs;
  request.output = o.output;
  request.resume = o.resume;
  request.history_path = o.history;
  request.provenance["command_line"] = canonical_command_line(o, threads);

  const train::TrainingResult result = train::run_training(
      request, training, validation ? &*validation : nullptr,
      [](const train::EpochReport& r) { std::cerr << train::format_epoch_report(r) << std::endl; });
  if (result.resumed_from > 0) std::cerr << "resumed after epoch " << result.resumed_from << '\n';
  std::cerr << "wrote " << o.output << " (" << nn::dtype_name(result.dtype) << "), checkpoint "
            << train::checkpoint_path_for(o.output) << '\n';
  return 0;
}

}  // namespace

Command add_train_command(CLI::App& app) {
  auto opt = std::make_shared<TrainCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "train",
      "Train the network on pre-miRNA (--pos) and other (--neg) sequences; writes the model, "
      "a checkpoint per epoch and optionally the per-epoch history. See docs/training.md.");
  cmd->add_option("--pos", opt->pos, "FASTA file of pre-miRNAs")->required();
  cmd->add_option("--neg", opt->neg, "FASTA file of other sequences")->required();
  cmd->add_option("--extra-neg", opt->extra_neg,
                  "further negatives, e.g. decoys from `mirgene decoys` (recorded apart)");
  cmd->add_option("--extra-neg-share", opt->extra_neg_share,
                  "the share of the negatives' loss weight that the --extra-neg records get, "
                  "the --neg records the rest (default: every negative weighs the same); e.g. "
                  "0.5 keeps a curated set from drowning among genomic pieces")
      ->check(CLI::Range(0.0f, 1.0f));
  cmd->add_option("--val-pos", opt->val_pos, "validation pre-miRNAs (with --val-neg)");
  cmd->add_option("--val-neg", opt->val_neg, "validation other sequences (with --val-pos)");
  cmd->add_option("--epochs", opt->epochs, "number of epochs (in total, also with --resume)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", opt->seed, "random seed (initial weights, shuffling, dropout)")
      ->capture_default_str();
  add_threads_option(cmd, opt->threads,
                     "worker threads (default: all cores); results depend on seed and threads");
  add_training_options(cmd, opt->training);
  cmd->add_option("-o,--output", opt->output, "model file to write (.safetensors)")->required();
  cmd->add_flag("--resume", opt->resume,
                "continue from OUTPUT's checkpoint (same options and data required)");
  cmd->add_option("--history", opt->history, "write the per-epoch history as JSON here");
  CLI::Option* cache_file =
      cmd->add_option("--fold-cache", opt->fold_cache,
                      "fold cache file (default: folds-turner2004.tsv in $MIRGENE_CACHE_DIR, "
                      "$XDG_CACHE_HOME/mirgene or ~/.cache/mirgene)");
  cmd->add_flag("--no-fold-cache", opt->no_fold_cache, "fold everything, cache nothing")
      ->excludes(cache_file);
  return {cmd, [opt] { return run_train(*opt); }};
}

}  // namespace mirgene::cli
