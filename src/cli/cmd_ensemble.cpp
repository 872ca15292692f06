// `mirgene ensemble`: bundle trained models into one ensemble file, whose probability (and
// attention and CAM) is the mean of its members'. predict, explain, report and evaluate read
// it like any model file (docs/model-format.md).
#include <iostream>
#include <memory>
#include <vector>

#include "cli/commands.hpp"
#include "nn/ensemble_file.hpp"

namespace mirgene::cli {
namespace {

struct EnsembleOptions {
  std::vector<std::string> members;
  std::string output;
  bool f16 = false;
};

int run_ensemble(const EnsembleOptions& opt) {
  std::vector<nn::ModelFile> members;
  for (const std::string& path : opt.members) {
    members.push_back(nn::load_model(path));
    members.back().metadata["source_file"] = path;
  }
  nn::save_ensemble(opt.output, members, {}, opt.f16 ? nn::Dtype::F16 : nn::Dtype::F32);
  std::cerr << "mirgene: ensemble of " << members.size() << " models written to " << opt.output
            << '\n';
  return 0;
}

}  // namespace

Command add_ensemble_command(CLI::App& app) {
  auto opt = std::make_shared<EnsembleOptions>();
  CLI::App* cmd = app.add_subcommand(
      "ensemble",
      "Bundle two or more trained models (e.g. one recipe with different seeds) into one "
      "model file that scores with the mean of their probabilities. See docs/model-format.md.");
  cmd->add_option("models", opt->members, "model files to bundle (two or more)")
      ->required()
      ->expected(2, 1000)
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opt->output, "ensemble file to write")->required();
  cmd->add_flag("--f16", opt->f16, "store the weights in half precision (half the size)");
  return {cmd, [opt] { return run_ensemble(*opt); }};
}

}  // namespace mirgene::cli
