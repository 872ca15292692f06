// `mirgene predict`: score every record of a FASTA file as pre-miRNA or not.
// Per record: fold (MFE) -> encode -> network. Every record with an id gets a row, scored or
// not, in input order; records that cannot be scored say why in the status column.
#include <memory>
#include <span>
#include <vector>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "cli/record_pipeline.hpp"
#include "common/ordered_parallel.hpp"
#include "encode/encoding.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"
#include "nn/model_file.hpp"
#include "nn/network.hpp"
#include "train/model_lookup.hpp"
#include "train/prediction_output.hpp"

namespace mirgene::cli {
namespace {

struct PredictOptions {
  std::string input = "-";
  std::string model;
  double threshold = 0.5;
  std::string format = "tsv";
  int threads = 0;
};

struct Scored {
  std::string text;   // the row ("" when the record has no id to put in one)
  std::string error;  // for stderr, "" when the record was scored
};

train::PredictionRow score_record(const seqio::Record& r, const nn::Network& net,
                                  fold::Folder& folder) {
  train::PredictionRow row;
  row.id = r.id;
  row.length = r.seq.size();
  const fold::FoldResult folded = folder.fold(r.seq);
  row.mfe = folded.energy;
  row.structure = folded.structure;
  if (r.seq.size() > static_cast<std::size_t>(encode::kMaxLen)) {
    // Checked here so the row still carries the fold; the encoder would say the same.
    row.status =
        "too long: " + std::to_string(r.seq.size()) + " nt > " + std::to_string(encode::kMaxLen);
    return row;
  }
  const std::vector<std::uint8_t> tokens = encode::encode(r.seq, folded.structure);
  row.probability = nn::predict(net, std::span(&tokens, 1), 1).front();
  return row;
}

int run_predict(const PredictOptions& opt) {
  const std::string model_path =
      opt.model.empty() ? train::find_default_model(train::executable_dir()) : opt.model;
  const nn::ModelFile model = nn::load_model(model_path);
  const train::OutputFormat format =
      opt.format == "json" ? train::OutputFormat::kJsonLines : train::OutputFormat::kTsv;

  const int threads = opt.threads > 0 ? opt.threads : default_thread_count();
  std::vector<std::unique_ptr<fold::Folder>> folders;
  for (int t = 0; t < threads; ++t)
    folders.push_back(std::make_unique<fold::Folder>(fold::turner2004()));

  RecordSource records(opt.input);
  const std::string source = opt.input == "-" ? "<stdin>" : opt.input;
  std::cout << train::output_header(format);
  RecordCounts counts;
  ordered_parallel<seqio::ReadResult, Scored>(
      threads, records,
      [&](seqio::ReadResult& item, int worker) {
        Scored out;
        train::PredictionRow row;
        if (item.error) {
          out.error = item.error->to_string();
          if (item.error->id.empty()) return out;  // nothing to name a row after
          row.id = item.error->id;
          row.status = "invalid record: " + item.error->message;
        } else {
          try {
            row = score_record(item.record, model.net, *folders[worker]);
          } catch (const Error& e) {
            row.id = item.record.id;
            row.length = item.record.seq.size();
            row.status = e.what();
          }
          if (!row.probability) out.error = record_error(source, item.record, row.status);
        }
        out.text = train::format_row(row, opt.threshold, format);
        return out;
      },
      [&](Scored&& s) {
        std::cout << s.text;
        if (s.error.empty()) {
          ++counts.ok;
        } else {
          // Rows and messages go to different streams: flush so that they interleave in order
          // when both are a terminal.
          std::cout.flush();
          std::cerr << "error: " << s.error << '\n';
          ++counts.failed;
        }
      });
  std::cout.flush();
  records.rethrow_input_error();
  return exit_status(counts, opt.input, std::cerr);
}

}  // namespace

Command add_predict_command(CLI::App& app) {
  auto opt = std::make_shared<PredictOptions>();
  CLI::App* cmd = app.add_subcommand(
      "predict",
      "Score each sequence as pre-miRNA or not: fold, encode, run the network. Writes one row "
      "per record (TSV with a header, or JSON Lines); see docs/prediction.md.");
  cmd->add_option("input", opt->input, "FASTA file, or - for standard input")
      ->capture_default_str();
  add_model_option(cmd, opt->model);
  add_threshold_option(cmd, opt->threshold);
  cmd->add_option("-f,--format", opt->format, "output format: tsv or json (JSON Lines)")
      ->check(CLI::IsMember({"tsv", "json"}))
      ->capture_default_str();
  add_threads_option(cmd, opt->threads);
  return {cmd, [opt] { return run_predict(*opt); }};
}

}  // namespace mirgene::cli
