// `mirgene report`: predicts every record of a FASTA file and writes one self-contained HTML
// page with the results, the class-activation-map figure and each sequence's structure.
// Per record: fold (MFE) -> encode -> network with explanation. Records that cannot be scored
// stay in the report as "not scored" with the reason, and are reported on stderr.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "cli/record_pipeline.hpp"
#include "common/ordered_parallel.hpp"
#include "encode/encoding.hpp"
#include "explain/position_scores.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"
#include "nn/model_file.hpp"
#include "nn/safetensors.hpp"
#include "report/html_report.hpp"
#include "train/model_lookup.hpp"

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
};

struct Outcome {
  std::optional<report::ReportSequence> sequence;  // empty for a record without an id
  std::string error;                               // for stderr; "" when scored
};

report::ReportSequence explain_record(const seqio::Record& r, const nn::Network& net,
                                      fold::Folder& folder) {
  report::ReportSequence s;
  s.id = r.id;
  s.sequence = r.seq;
  const fold::FoldResult folded = folder.fold(r.seq);
  s.structure = folded.structure;
  s.mfe = folded.energy;
  if (r.seq.size() > static_cast<std::size_t>(encode::kMaxLen)) {
    s.status =
        "too long: " + std::to_string(r.seq.size()) + " nt > " + std::to_string(encode::kMaxLen);
    return s;
  }
  explain::PositionScores scores = explain::score_sequence(net, r.seq, folded.structure);
  s.probability = scores.probability;
  s.attention = std::move(scores.attention);
  s.cam = std::move(scores.cam);
  return s;
}

int run_report(const ReportCliOptions& opt) {
  const std::string model_path =
      opt.model.empty() ? train::find_default_model(train::executable_dir()) : opt.model;
  const nn::ModelFile model = nn::load_model(model_path);
  const int threads = opt.threads > 0 ? opt.threads : default_thread_count();
  std::vector<std::unique_ptr<fold::Folder>> folders;
  for (int t = 0; t < threads; ++t)
    folders.push_back(std::make_unique<fold::Folder>(fold::turner2004()));

  RecordSource records(opt.input);
  const std::string source = opt.input == "-" ? "<stdin>" : opt.input;
  std::vector<report::ReportSequence> sequences;
  RecordCounts counts;
  std::size_t pulled = 0;
  bool truncated = false;
  ordered_parallel<seqio::ReadResult, Outcome>(
      threads,
      [&](seqio::ReadResult& item) {
        if (pulled == opt.max_sequences) {
          // One look ahead says whether anything was left out.
          seqio::ReadResult extra;
          truncated = records(extra);
          return false;
        }
        ++pulled;
        return records(item);
      },
      [&](seqio::ReadResult& item, int worker) {
        Outcome o;
        if (item.error) {
          o.error = item.error->to_string();
          if (item.error->id.empty()) return o;  // nothing to name a row after
          report::ReportSequence s;
          s.id = item.error->id;
          s.status = "invalid record: " + item.error->message;
          o.sequence = std::move(s);
          return o;
        }
        try {
          o.sequence = explain_record(item.record, model.net, *folders[worker]);
        } catch (const Error& e) {
          report::ReportSequence s;
          s.id = item.record.id;
          s.sequence = item.record.seq;
          s.status = e.what();
          o.sequence = std::move(s);
        }
        if (!o.sequence->probability) {
          o.error = record_error(source, item.record, o.sequence->status);
        }
        return o;
      },
      // auto&&: ordered_parallel hands over its results as rvalues.
      [&](auto&& o) {
        if (o.error.empty()) {
          ++counts.ok;
        } else {
          std::cerr << "error: " << o.error << '\n';
          ++counts.failed;
        }
        if (o.sequence) sequences.push_back(std::move(*o.sequence));
      });
  if (truncated) {
    std::cerr << "warning: " << source << ": only the first " << opt.max_sequences
              << " records are in the report (--max-sequences)\n";
  }

  report::ReportOptions options;
  options.title = opt.title.empty() ? "mirgene report: " + source : opt.title;
  options.source = source;
  options.model = model_path;
  options.threshold = opt.threshold;
  // Temp file + rename: a failed run never leaves half a page.
  nn::write_file_atomically(opt.output, report::html_report(sequences, options));
  if (!opt.figure.empty()) nn::write_file_atomically(opt.figure, report::cam_figure(sequences, options));
  std::cerr << "mirgene: report of " << sequences.size() << " sequences written to " << opt.output
            << '\n';
  // The page holds the records read before an input failure; the run still fails.
  records.rethrow_input_error();
  return exit_status(counts, opt.input, std::cerr);
}

}  // namespace

Command add_report_command(CLI::App& app) {
  auto opt = std::make_shared<ReportCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Predict every sequence and write one self-contained HTML page: summary, sortable "
      "prediction table, class activation maps of both classes and each sequence's structure "
      "coloured by CAM or attention. See docs/interpretation.md.");
  cmd->add_option("input", opt->input, "FASTA file, or - for standard input")
      ->capture_default_str();
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
