// `mirgene evaluate`: score labelled pre-miRNA and other sequences with a model and report
// the classification metrics.
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "cli/training_data.hpp"
#include "metrics/shortcut_strata.hpp"
#include "nn/safetensors.hpp"
#include "predict/evaluation.hpp"
#include "predict/model.hpp"
#include "train/fold_cache.hpp"

namespace mirgene::cli {
namespace {

struct EvaluateOptions {
  std::string model, pos, neg;
  double threshold = 0.5;
  std::string json, scores, format = "text";
  int threads = 0;
  std::string fold_cache;
  bool no_fold_cache = false;
  std::string length_cuts = "80,100";
  std::string gc_cuts = "0.45,0.55";
  int bootstrap = 0;
  std::uint64_t bootstrap_seed = 1;
};

int run_evaluate(const EvaluateOptions& o) {
  predict::EvaluationSettings settings;
  settings.threshold = o.threshold;
  settings.length_cuts = metrics::parse_length_cuts(o.length_cuts);
  settings.gc_cuts = metrics::parse_gc_cuts(o.gc_cuts);
  settings.bootstrap = o.bootstrap;
  settings.bootstrap_seed = o.bootstrap_seed;
  settings.threads = thread_count(o.threads);
  const predict::Model model = predict::load_model(o.model);

  train::FoldCache cache = open_fold_cache(o.fold_cache, o.no_fold_cache);
  const train::EncodedSet pos = load_reported(o.pos, cache, settings.threads);
  const train::EncodedSet neg = load_reported(o.neg, cache, settings.threads);
  const predict::EvaluationReport r = predict::evaluate_sets(model.members(), pos, neg, settings);

  if (!o.scores.empty())
    nn::write_file_atomically(o.scores, predict::format_scores_tsv(r.evaluation));
  const nlohmann::ordered_json doc = predict::evaluation_json(r, model.path, pos, neg);
  if (!o.json.empty()) nn::write_file_atomically(o.json, doc.dump(1) + '\n');
  if (o.format == "json")
    std::cout << doc.dump(1) << '\n';
  else
    std::cout << predict::format_evaluation(r.evaluation.metrics, r.strata,
                                            r.intervals ? &*r.intervals : nullptr, &r.gc_strata);
  return 0;
}

}  // namespace

Command add_evaluate_command(CLI::App& app) {
  auto opt = std::make_shared<EvaluateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "evaluate",
      "Score pre-miRNAs (--pos) and other sequences (--neg) with a model and print the "
      "classification metrics (SE, SP, PPV, F1, G-mean, MCC, AUROC, AUPR, confusion matrix, "
      "KS test). See docs/evaluation.md.");
  cmd->add_option("-m,--model", opt->model,
                  "model file (default: $MIRGENE_MODEL, else the installed model)");
  cmd->add_option("--pos", opt->pos, "FASTA file of pre-miRNAs")->required();
  cmd->add_option("--neg", opt->neg, "FASTA file of other sequences")->required();
  cmd->add_option("-t,--threshold", opt->threshold, "call pre-miRNA when P(pre-miRNA) >= this")
      ->check(probability_range())
      ->capture_default_str();
  cmd->add_option("--json", opt->json, "also write the metrics as JSON to this file");
  cmd->add_option("--format", opt->format, "stdout format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--scores", opt->scores,
                  "write every record's score as TSV (id, class, score) to this file");
  add_threads_option(cmd, opt->threads);
  CLI::Option* cache_file = cmd->add_option("--fold-cache", opt->fold_cache,
                                            "fold cache file (default: as `mirgene train`)");
  cmd->add_flag("--no-fold-cache", opt->no_fold_cache, "fold everything, cache nothing")
      ->excludes(cache_file);
  cmd->add_option("--length-cuts", opt->length_cuts,
                  "lengths where the strata of the shortcut check split (ascending)")
      ->capture_default_str();
  cmd->add_option("--gc-cuts", opt->gc_cuts,
                  "G+C fractions where the GC strata of the shortcut check split (ascending)")
      ->capture_default_str();
  cmd->add_option("--bootstrap", opt->bootstrap,
                  "95% intervals of the metrics from this many stratified bootstrap replicates "
                  "(0 = none; 1000 is usual)")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  cmd->add_option("--bootstrap-seed", opt->bootstrap_seed, "seed of the bootstrap")
      ->capture_default_str();
  return {cmd, [opt] { return run_evaluate(*opt); }};
}

}  // namespace mirgene::cli
