// `mirgene reproduce`: the paper's Tables 2 and 3 re-measured from the miRBoost benchmark
// with every choice made by cross-validation, written to docs/results/ and docs/results.md.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/training_data.hpp"
#include "common/error.hpp"
#include "common/ordered_parallel.hpp"
#include "nn/safetensors.hpp"
#include "reproduce/results_markdown.hpp"
#include "reproduce/tables23.hpp"

namespace mirgene::cli {
namespace {

namespace fs = std::filesystem;

struct ReproduceCliOptions {
  std::string data = "../shared/data/mirboost";
  std::string paper = "../shared/reference/paper_results.md";
  std::vector<std::uint64_t> seeds{1, 2, 3};
  int max_epochs = 100;
  std::string select = "aupr";
  int threads = 0;
  bool no_class_weights = false;
  std::string init = "keras";
  std::string work_dir = "build/reproduce";
  std::string results_dir = "docs/results";
  std::string markdown = "docs/results.md";
  std::string install_models;
  bool render_only = false;
  std::string fold_cache;
  bool no_fold_cache = false;
};

// The options that shape the results, spelt out (thread counts and paths of outputs do not).
std::string canonical_command_line(const ReproduceCliOptions& o) {
  std::string seeds;
  for (std::uint64_t s : o.seeds) seeds += (seeds.empty() ? "" : ",") + std::to_string(s);
  std::string line = "mirgene reproduce --data " + o.data + " --seeds " + seeds +
                     " --max-epochs " + std::to_string(o.max_epochs) + " --select " + o.select;
  if (o.no_class_weights) line += " --no-class-weights";
  if (o.init != "keras") line += " --init " + o.init;
  return line;
}

nlohmann::ordered_json read_json_if_present(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return nullptr;
  std::ifstream in(path);
  if (!in) throw Error(path.string() + ": cannot read");
  try {
    return nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path.string() + ": not valid JSON: " + e.what());
  }
}

void install_models(const ReproduceCliOptions& o) {
  fs::create_directories(o.install_models);
  const std::uint64_t seed = o.seeds.front();
  const std::pair<const char*, const char*> installs[] = {{"new", "mirgene-whole.safetensors"},
                                                          {"human", "mirgene-human.safetensors"}};
  for (const auto& [target, name] : installs) {
    const fs::path from = reproduce::final_model_path(o.work_dir, target, seed);
    const fs::path to = fs::path(o.install_models) / name;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    std::cerr << "installed " << from.string() << " as " << to.string() << '\n';
  }
}

int run_reproduce(const ReproduceCliOptions& o) {
  const reproduce::PaperResults paper = reproduce::load_paper_results(o.paper);
  const fs::path tables23_path = fs::path(o.results_dir) / "tables23.json";
  if (!o.render_only) {
    if (o.seeds.empty()) throw Error("--seeds: give at least one seed");
    const int threads = o.threads > 0 ? o.threads : default_thread_count();
    train::FoldCache cache = open_fold_cache(o.fold_cache, o.no_fold_cache);
    reproduce::Tables23Options options;
    options.data_dir = o.data;
    options.seeds = o.seeds;
    options.max_epochs = o.max_epochs;
    options.select = o.select;
    options.jobs = threads;
    options.work_dir = o.work_dir;
    options.training.class_weights = !o.no_class_weights;
    options.training.init = o.init;
    options.command_line = canonical_command_line(o);
    const auto load = [&](const std::string& path) { return load_reported(path, cache, threads); };
    const auto log = [](const std::string& line) { std::cerr << line << '\n' << std::flush; };
    const nlohmann::ordered_json result = reproduce::run_tables23(options, load, log);
    fs::create_directories(o.results_dir);
    nn::write_file_atomically(tables23_path.string(), result.dump(1) + '\n');
    std::cerr << "wrote " << tables23_path.string() << '\n';
    if (!o.install_models.empty()) install_models(o);
  }
  reproduce::ResultParts parts;
  parts.tables23 = read_json_if_present(tables23_path);
  nn::write_file_atomically(o.markdown, reproduce::render_results_markdown(parts, paper));
  std::cerr << "wrote " << o.markdown << '\n';
  return 0;
}

}  // namespace

Command add_reproduce_command(CLI::App& app) {
  auto opt = std::make_shared<ReproduceCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "reproduce",
      "Re-measure the paper's Tables 2 and 3 on the miRBoost benchmark: 5-fold CV on human and "
      "cross-species with every seed (choosing the epoch count and a threshold), final models "
      "per seed, each test set scored once. Writes RESULTS_DIR/tables23.json and the Markdown "
      "report. See docs/evaluation.md.");
  cmd->add_option("--data", opt->data, "miRBoost benchmark directory")->capture_default_str();
  cmd->add_option("--paper", opt->paper, "the paper's figures (Markdown tables)")
      ->capture_default_str();
  cmd->add_option("--seeds", opt->seeds, "training seeds, comma-separated")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--max-epochs", opt->max_epochs, "most epochs cross-validation considers")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--select", opt->select, "validation metric that chooses the epoch count")
      ->check(CLI::IsMember({"aupr", "auroc"}))
      ->capture_default_str();
  cmd->add_option("-j,--threads", opt->threads,
                  "trainings at once, one thread each (default: all cores); results do not "
                  "depend on it")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-class-weights", opt->no_class_weights,
                "weight both classes equally (default: inverse class frequency)");
  cmd->add_option("--init", opt->init, "initial weights: keras or uniform")
      ->check(CLI::IsMember({"keras", "uniform"}))
      ->capture_default_str();
  cmd->add_option("--work-dir", opt->work_dir, "final models, their histories and test scores")
      ->capture_default_str();
  cmd->add_option("--results-dir", opt->results_dir, "where the measured JSON parts go")
      ->capture_default_str();
  cmd->add_option("--markdown", opt->markdown, "the rendered report")->capture_default_str();
  cmd->add_option("--install-models", opt->install_models,
                  "copy the first seed's cross-species (all of whole_*.fa) and human models "
                  "here as mirgene-whole.safetensors and mirgene-human.safetensors");
  cmd->add_flag("--render-only", opt->render_only,
                "measure nothing: re-render the Markdown from RESULTS_DIR");
  CLI::Option* cache_file = cmd->add_option("--fold-cache", opt->fold_cache,
                                            "fold cache file (default: as `mirgene train`)");
  cmd->add_flag("--no-fold-cache", opt->no_fold_cache, "fold everything, cache nothing")
      ->excludes(cache_file);
  return {cmd, [opt] { return run_reproduce(*opt); }};
}

}  // namespace mirgene::cli
