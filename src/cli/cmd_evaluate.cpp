// `mirgene evaluate`: score labelled pre-miRNA and other sequences with a model and report
// the classification metrics.
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/scoring_input.hpp"
#include "cli/shared_options.hpp"
#include "cli/training_data.hpp"
#include "metrics/shortcut_strata.hpp"
#include "nn/safetensors.hpp"
#include "predict/evaluation.hpp"
#include "predict/locus_source.hpp"
#include "predict/model.hpp"
#include "train/fold_cache.hpp"
#include "train/model_tokens.hpp"

namespace mirgene::cli {
namespace {

struct EvaluateOptions {
  std::string model, pos, neg;
  std::string pos_regions, neg_regions;
  GenomeLociOptions loci;
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
  // Each class from its FASTA file or from its loci in --genome (checked before any work).
  std::unique_ptr<genome::IndexedGenome> genome;
  if (!o.loci.genome.empty()) genome = predict::open_genome(o.loci.genome, std::cerr);
  const predict::Model model = predict::load_model(o.model);

  train::FoldCache cache = open_fold_cache(o.fold_cache, o.no_fold_cache);
  // The tokens the model's members read (both+pairing: the partition function's).
  const nn::InputMode mode = train::token_mode(model.members());
  const auto load = [&](const std::string& fasta, const std::string& regions) {
    if (regions.empty()) return load_reported(fasta, cache, settings.threads, mode);
    predict::LocusSource loci(
        *genome, predict::read_regions_reported(regions, o.loci.feature_types, std::cerr),
        locus_settings(o.loci));
    return load_reported(loci, cache, settings.threads, mode);
  };
  const train::EncodedSet pos = load(o.pos, o.pos_regions);
  const train::EncodedSet neg = load(o.neg, o.neg_regions);
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
  CLI::Option* pos = cmd->add_option("--pos", opt->pos, "FASTA file of pre-miRNAs");
  CLI::Option* neg = cmd->add_option("--neg", opt->neg, "FASTA file of other sequences");
  CLI::Option* pos_regions =
      cmd->add_option("--pos-regions", opt->pos_regions,
                      "instead of --pos: loci of pre-miRNAs (BED, GFF3 or scan TSV) in --genome");
  CLI::Option* neg_regions = cmd->add_option(
      "--neg-regions", opt->neg_regions,
      "instead of --neg: loci of other sequences (BED, GFF3 or scan TSV) in --genome");
  pos->excludes(pos_regions);
  neg->excludes(neg_regions);
  // One of each pair is required (CLI11's require_option counts every option, so by hand).
  cmd->callback([opt] {
    if (opt->pos.empty() && opt->pos_regions.empty())
      throw CLI::RequiredError("--pos or --pos-regions");
    if (opt->neg.empty() && opt->neg_regions.empty())
      throw CLI::RequiredError("--neg or --neg-regions");
    if (!opt->loci.genome.empty() && opt->pos_regions.empty() && opt->neg_regions.empty())
      throw CLI::ValidationError("--genome", "needs --pos-regions or --neg-regions");
  });
  add_genome_loci_options(cmd, opt->loci, {pos_regions, neg_regions});
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
