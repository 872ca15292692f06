// `mirgene report`: predicts every record of a FASTA file and writes one self-contained HTML
// page with the results, the class-activation-map figure and each sequence's structure.
// Records that cannot be scored stay in the report as "not scored" with the reason, and are
// reported on stderr.
#include <iostream>
#include <memory>
#include <vector>

#include "cli/commands.hpp"
#include "cli/scoring_input.hpp"
#include "cli/shared_options.hpp"
#include "nn/safetensors.hpp"
#include "predict/capped_source.hpp"
#include "predict/model.hpp"
#include "predict/score_stream.hpp"
#include "report/html_report.hpp"

namespace mirgene::cli {
namespace {

struct ReportCliOptions {
  std::string input = "-";
  std::string output;
  std::string figure;
  std::string model;
  std::string title;
  double threshold = 0.5;
  std::size_t max_sequences = 5000;
  int threads = 0;
  std::string regions;
  GenomeLociOptions loci;
};

int run_report(const ReportCliOptions& opt) {
  ScoringInput input(opt.input, opt.regions, opt.loci);  // a bad genome stops the run first
  const predict::Model model = predict::load_model(opt.model);
  predict::CappedSource source(input.source(), opt.max_sequences);
  std::vector<predict::ScoredSequence> sequences;
  const predict::RecordCounts counts = predict::score_in_order(
      source, model.members(), predict::Detail::kPositions, thread_count(opt.threads),
      [&](predict::ScoredSequence&& s) {
        if (!s.id.empty()) sequences.push_back(std::move(s));
      },
      std::cout, std::cerr);
  if (source.truncated()) {
    const std::size_t left_out = source.count_left_out();
    std::cerr << "warning: " << source.name() << ": only the first " << opt.max_sequences
              << " records are in the report (--max-sequences); " << left_out << " more left out\n";
  }

  report::ReportOptions options;
  options.title = opt.title.empty() ? "mirgene report: " + source.name() : opt.title;
  options.source = input.coordinates() ? source.name() + " in " + opt.loci.genome : source.name();
  options.model = model.path;
  options.threshold = opt.threshold;
  options.threads = thread_count(opt.threads);
  // Temp file + rename: a failed run never leaves half a page.
  nn::write_file_atomically(opt.output, report::html_report(sequences, options));
  if (!opt.figure.empty())
    nn::write_file_atomically(opt.figure, report::cam_figure(sequences, options));
  std::cerr << "mirgene: report of " << sequences.size() << " sequences written to " << opt.output
            << '\n';
  // The page holds the records read before an input failure; the run still fails.
  source.rethrow_input_error();
  return predict::exit_status(counts, source.name(), std::cerr);
}

}  // namespace

Command add_report_command(CLI::App& app) {
  auto opt = std::make_shared<ReportCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Predict every sequence and write one self-contained HTML page: summary, sortable "
      "prediction table, class activation maps of both classes and each sequence's structure "
      "coloured by CAM or attention. See docs/interpretation.md.");
  CLI::Option* input = add_input_argument(cmd, opt->input);
  add_regions_option(cmd, opt->regions, opt->loci, input);
  cmd->add_option("-o,--output", opt->output, "HTML file to write")->required();
  cmd->add_option("--figure", opt->figure,
                  "also write the CAM heatmaps of both predicted classes as a standalone SVG");
  add_model_option(cmd, opt->model);
  add_threshold_option(cmd, opt->threshold);
  cmd->add_option("--max-sequences", opt->max_sequences,
                  "put at most this many records in the report (the page stays responsive)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--title", opt->title, "page title (default: mirgene report: INPUT)");
  add_threads_option(cmd, opt->threads);
  return {cmd, [opt] { return run_report(*opt); }};
}

}  // namespace mirgene::cli
