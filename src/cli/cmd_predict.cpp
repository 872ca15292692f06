// `mirgene predict`: score every record of a FASTA file as pre-miRNA or not.
// Every record with an id gets a row, scored or not, in input order; records that cannot be
// scored say why in the status column. The work is predict::score_in_order's.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/scoring_input.hpp"
#include "cli/shared_options.hpp"
#include "predict/model.hpp"
#include "predict/prediction_rows.hpp"
#include "predict/score_stream.hpp"

namespace mirgene::cli {
namespace {

struct PredictOptions {
  std::string input = "-";
  std::string model;
  double threshold = 0.5;
  std::string format = "tsv";
  int threads = 0;
  std::string regions;
  GenomeLociOptions loci;
};

int run_predict(const PredictOptions& opt) {
  // The input first: a genome that cannot be used stops the run before the model is read.
  ScoringInput input(opt.input, opt.regions, opt.loci);
  const predict::Model model = predict::load_model(opt.model);
  const predict::RowFormat format =
      opt.format == "json" ? predict::RowFormat::kJsonLines : predict::RowFormat::kTsv;
  predict::SequenceSource& source = input.source();
  const bool coordinates = input.coordinates();
  std::cout << predict::prediction_header(format, coordinates);
  const predict::RecordCounts counts = predict::score_in_order(
      source, model.members(), predict::Detail::kProbability, thread_count(opt.threads),
      [&](predict::ScoredSequence&& s) {
        if (!s.id.empty())
          std::cout << predict::prediction_row(s, opt.threshold, format, coordinates);
      },
      std::cout, std::cerr);
  source.rethrow_input_error();
  return predict::exit_status(counts, source.name(), std::cerr);
}

}  // namespace

Command add_predict_command(CLI::App& app) {
  auto opt = std::make_shared<PredictOptions>();
  CLI::App* cmd = app.add_subcommand(
      "predict",
      "Score each sequence as pre-miRNA or not: fold, encode, run the network. Writes one row "
      "per record (TSV with a header, or JSON Lines); see docs/prediction.md.");
  CLI::Option* input = add_input_argument(cmd, opt->input);
  add_regions_option(cmd, opt->regions, opt->loci, input);
  add_model_option(cmd, opt->model);
  add_threshold_option(cmd, opt->threshold);
  add_row_format_option(cmd, opt->format);
  add_threads_option(cmd, opt->threads);
  return {cmd, [opt] { return run_predict(*opt); }};
}

}  // namespace mirgene::cli
