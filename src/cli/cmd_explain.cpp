// `mirgene explain`: per sequence the prediction plus the two per-position maps behind it,
// attention weights and class activation map (docs/interpretation.md). Models without an
// attention layer give NA (TSV) or null (JSON) attention and the CAM of their final
// per-position features. Records that cannot be scored are reported on stderr and left out
// of the output.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/scoring_input.hpp"
#include "cli/shared_options.hpp"
#include "predict/explanation_rows.hpp"
#include "predict/model.hpp"
#include "predict/score_stream.hpp"

namespace mirgene::cli {
namespace {

struct ExplainOptions {
  std::string input = "-";
  std::string model;
  std::string format = "tsv";
  double threshold = 0.5;
  int threads = 0;
  std::string regions;
  GenomeLociOptions loci;
};

int run_explain(const ExplainOptions& opt) {
  ScoringInput input(opt.input, opt.regions, opt.loci);  // a bad genome stops the run first
  const predict::Model model = predict::load_model(opt.model);
  const bool json = opt.format == "json";
  predict::SequenceSource& source = input.source();
  const bool coordinates = input.coordinates();
  if (!json) std::cout << predict::explanation_tsv_header(coordinates);
  const predict::RecordCounts counts = predict::score_in_order(
      source, model.members(), predict::Detail::kPositions, thread_count(opt.threads),
      [&](predict::ScoredSequence&& s) {
        if (!s.scored()) return;
        std::cout << (json ? predict::explanation_json_line(s, opt.threshold)
                           : predict::explanation_tsv_rows(s, coordinates));
      },
      std::cout, std::cerr);
  source.rethrow_input_error();
  return predict::exit_status(counts, source.name(), std::cerr);
}

}  // namespace

Command add_explain_command(CLI::App& app) {
  auto opt = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Per sequence: P(pre-miRNA), attention weights and class activation map (CAM) per "
      "position. TSV: one row per position (id, pos, base, struct, attention, cam, "
      "prob_premirna; attention NA for models without attention); JSON Lines: one object per "
      "sequence. See docs/interpretation.md.");
  CLI::Option* input = add_input_argument(cmd, opt->input);
  add_regions_option(cmd, opt->regions, opt->loci, input);
  add_model_option(cmd, opt->model);
  add_row_format_option(cmd, opt->format);
  cmd->add_option("-t,--threshold", opt->threshold,
                  "JSON label: pre-miRNA when the probability is >= this")
      ->check(probability_range())
      ->capture_default_str();
  add_threads_option(cmd, opt->threads);
  return {cmd, [opt] { return run_explain(*opt); }};
}

}  // namespace mirgene::cli
