// `mirgene explain`: per sequence the prediction plus the two per-position maps behind it,
// attention weights and class activation map (docs/interpretation.md). Models without an
// attention layer give NA (TSV) or null (JSON) attention and the CAM of their final
// per-position features.
// Per record: fold (MFE) -> encode -> network; records that cannot be scored are reported on
// stderr and left out of the output.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "cli/commands.hpp"
#include "cli/record_pipeline.hpp"
#include "cli/shared_options.hpp"
#include "common/ordered_parallel.hpp"
#include "encode/hairpin_loops.hpp"
#include "explain/position_scores.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"
#include "nn/model_file.hpp"
#include "train/model_lookup.hpp"

namespace mirgene::cli {
namespace {

struct ExplainOptions {
  std::string input = "-";
  std::string model;
  std::string format = "tsv";
  double threshold = 0.5;
  int threads = 0;
};

std::string general(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// A model without attention has no attention weights: "NA" in the TSV.
std::string attention(const explain::PositionScores& scores, std::size_t t) {
  return scores.attention.empty() ? std::string("NA") : general(scores.attention[t]);
}

std::string tsv_rows(const seqio::Record& r, const std::string& structure,
                     const explain::PositionScores& scores) {
  std::string out;
  const std::string prob = general(scores.probability);
  for (std::size_t t = 0; t < r.seq.size(); ++t) {
    out += r.id;
    out += '\t' + std::to_string(t + 1) + '\t' + r.seq[t] + '\t' + structure[t] + '\t' +
           attention(scores, t) + '\t' + general(scores.cam[t]) + '\t' + prob + '\n';
  }
  return out;
}

std::string json_line(const seqio::Record& r, const fold::FoldResult& folded,
                      const std::string& structure, const explain::PositionScores& scores,
                      double threshold) {
  nlohmann::json j;
  j["id"] = r.id;
  j["length"] = r.seq.size();
  j["prob_premirna"] = scores.probability;
  j["label"] = scores.probability >= threshold ? "pre-miRNA" : "other";
  j["mfe"] = folded.energy / 100.0;
  j["sequence"] = r.seq;
  j["structure"] = structure;
  j["attention"] = scores.attention.empty() ? nlohmann::json(nullptr)  // model without attention
                                            : nlohmann::json(scores.attention);
  j["cam"] = scores.cam;
  return j.dump() + '\n';
}

int run_explain(const ExplainOptions& opt) {
  const std::string model_path =
      opt.model.empty() ? train::find_default_model(train::executable_dir()) : opt.model;
  const nn::ModelFile model = nn::load_model(model_path);
  const bool json = opt.format == "json";
  const int threads = opt.threads > 0 ? opt.threads : default_thread_count();
  std::vector<std::unique_ptr<fold::Folder>> folders;
  for (int t = 0; t < threads; ++t)
    folders.push_back(std::make_unique<fold::Folder>(fold::turner2004()));

  if (!json) std::cout << "id\tpos\tbase\tstruct\tattention\tcam\tprob_premirna\n";
  struct Outcome {
    std::string text;   // output for a scored record
    std::string error;  // for stderr, "" when scored
  };
  RecordSource records(opt.input);
  const std::string source = opt.input == "-" ? "<stdin>" : opt.input;
  RecordCounts counts;
  ordered_parallel<seqio::ReadResult, Outcome>(
      threads, records,
      [&](seqio::ReadResult& item, int worker) {
        Outcome o;
        if (item.error) {
          o.error = item.error->to_string();
          return o;
        }
        const seqio::Record& r = item.record;
        try {
          const fold::FoldResult folded = folders[worker]->fold(r.seq);
          const explain::PositionScores scores =
              explain::score_sequence(model.net, r.seq, folded.structure);
          // The structure as the network reads it: hairpin-loop bases marked ':'.
          const std::string structure = encode::mark_hairpin_loops(folded.structure);
          o.text = json ? json_line(r, folded, structure, scores, opt.threshold)
                        : tsv_rows(r, structure, scores);
        } catch (const Error& e) {
          o.error = record_error(source, r, e.what());
        }
        return o;
      },
      // auto&&: ordered_parallel hands over its results as rvalues.
      [&](auto&& o) {
        if (o.error.empty()) {
          std::cout << o.text;
          ++counts.ok;
        } else {
          std::cout.flush();  // keep rows and messages in order on a terminal
          std::cerr << "error: " << o.error << '\n';
          ++counts.failed;
        }
      });
  std::cout.flush();
  records.rethrow_input_error();
  return exit_status(counts, opt.input, std::cerr);
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
  cmd->add_option("input", opt->input, "FASTA file, or - for standard input")
      ->capture_default_str();
  add_model_option(cmd, opt->model);
  cmd->add_option("-f,--format", opt->format, "output format: tsv or json (JSON Lines)")
      ->check(CLI::IsMember({"tsv", "json"}))
      ->capture_default_str();
  cmd->add_option("-t,--threshold", opt->threshold,
                  "JSON label: pre-miRNA when the probability is >= this")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  add_threads_option(cmd, opt->threads);
  return {cmd, [opt] { return run_explain(*opt); }};
}

}  // namespace mirgene::cli
