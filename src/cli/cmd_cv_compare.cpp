// `mirgene cv-compare`: two `mirgene cv --json` runs on the same folds, fold by fold.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "common/error.hpp"
#include "nn/safetensors.hpp"
#include "train/cv_comparison.hpp"

namespace mirgene::cli {
namespace {

struct CvCompareOptions {
  std::string run, other, json;
};

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": not JSON: " + e.what());
  }
}

int run_cv_compare(const CvCompareOptions& o) {
  const nlohmann::json run = read_json(o.run), other = read_json(o.other);
  std::vector<train::FoldDifference> rows;
  try {
    rows = train::compare_cv_runs(run, other);
  } catch (const Error& e) {
    throw Error(o.run + " vs " + o.other + ": " + e.what());
  }
  const int epoch = run["best_epoch"]["aupr"], other_epoch = other["best_epoch"]["aupr"];
  std::cout << format_cv_comparison(rows, epoch, other_epoch);
  if (!o.json.empty()) {
    const nlohmann::ordered_json doc = {{"run", o.run},
                                        {"other", o.other},
                                        {"epoch", epoch},
                                        {"other_epoch", other_epoch},
                                        {"differences", train::to_json(rows)}};
    nn::write_file_atomically(o.json, doc.dump(1) + '\n');
  }
  return 0;
}

}  // namespace

Command add_cv_compare_command(CLI::App& app) {
  auto opt = std::make_shared<CvCompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "cv-compare",
      "Compare two `mirgene cv --json` runs on the same folds fold by fold, each at its own "
      "best epoch by mean AUPR: validation AUROC, AUPR, F1 and, with --extra-neg, the scores "
      "against the held-out extra negatives. See docs/evaluation.md.");
  cmd->add_option("run", opt->run, "the run (cv --json file)")->required();
  cmd->add_option("other", opt->other, "the run it is compared with, e.g. a baseline")->required();
  cmd->add_option("--json", opt->json, "also write the differences as JSON here");
  return {cmd, [opt] { return run_cv_compare(*opt); }};
}

}  // namespace mirgene::cli
