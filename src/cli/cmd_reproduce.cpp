// `mirgene reproduce`: the paper's Tables 2 and 3 re-measured from the miRBoost benchmark
// with every choice made by cross-validation, written to docs/results/ and docs/results.md.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "cli/training_data.hpp"
#include "cli/training_options.hpp"
#include "common/error.hpp"
#include "common/ordered_parallel.hpp"
#include "nn/architecture.hpp"
#include "nn/safetensors.hpp"
#include "predict/model_lookup.hpp"
#include "reproduce/architecture_study.hpp"
#include "reproduce/benchmark_data.hpp"
#include "reproduce/paper_results.hpp"
#include "reproduce/results_markdown.hpp"
#include "reproduce/tables23.hpp"

namespace mirgene::cli {
namespace {

namespace fs = std::filesystem;

struct ReproduceCliOptions {
  std::vector<std::string> parts{"tables23"};
  std::vector<std::string> variants;  // empty = all of reproduce::paper_variants()
  std::string data = reproduce::kDefaultDataDir;
  std::string paper = reproduce::kDefaultPaperFile;
  std::vector<std::uint64_t> seeds{1, 2, 3};
  int max_epochs = 100;
  std::string select = "aupr";
  int threads = 0;
  // --no-class-weights, --init and --arch (the network of Tables 2 and 3) only.
  TrainingCliOptions training;
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
  std::string line = "mirgene reproduce";
  if (o.parts != std::vector<std::string>{"tables23"}) {
    line += " --part ";
    for (std::size_t i = 0; i < o.parts.size(); ++i) line += (i ? "," : "") + o.parts[i];
  }
  if (!o.variants.empty()) {
    line += " --variants ";
    for (std::size_t i = 0; i < o.variants.size(); ++i) line += (i ? "," : "") + o.variants[i];
  }
  // The in-repository benchmark is the default, so a default run's line works from any clone.
  if (o.data != reproduce::kDefaultDataDir) line += " --data " + o.data;
  line += " --seeds " + seeds + " --max-epochs " + std::to_string(o.max_epochs) + " --select " +
          o.select;
  if (o.training.no_class_weights) line += " --no-class-weights";
  if (o.training.init != TrainingCliOptions{}.init) line += " --init " + o.training.init;
  if (!o.training.arch.empty()) line += " --arch " + o.training.arch;
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

bool wants(const ReproduceCliOptions& o, const std::string& part) {
  return std::find(o.parts.begin(), o.parts.end(), part) != o.parts.end();
}

// A --variants entry that names a config file rather than a shipped config.
bool is_config_file(const std::string& entry) {
  return entry.find('/') != std::string::npos || fs::path(entry).extension() == ".json";
}

// The compared variants: the shipped configs (all, or those named by --variants), then any
// config files named by --variants, compared under their file names.
std::vector<reproduce::VariantSetup> variant_setups(const ReproduceCliOptions& o) {
  const auto& shipped = reproduce::paper_variants();
  for (const std::string& entry : o.variants) {
    if (is_config_file(entry)) continue;
    if (std::none_of(shipped.begin(), shipped.end(),
                     [&](const auto& v) { return v.name == entry; }))
      throw Error("--variants: unknown variant '" + entry +
                  "' (a shipped config name, see docs/architectures.md, or a .json config file)");
  }
  std::vector<reproduce::VariantSetup> setups;
  const std::string exe_dir = predict::executable_dir();
  for (const reproduce::Variant& v : shipped) {
    if (!o.variants.empty() &&
        std::find(o.variants.begin(), o.variants.end(), v.name) == o.variants.end())
      continue;
    const std::string file = predict::find_architecture_config(v.name, exe_dir);
    setups.push_back({v, v.name, nn::architecture_from_file(file)});
  }
  for (const std::string& entry : o.variants) {
    if (!is_config_file(entry)) continue;
    const std::string name = fs::path(entry).stem().string();
    for (const reproduce::VariantSetup& s : setups)
      if (s.variant.name == name)
        throw Error("--variants: two variants would be called '" + name + "' (" + s.config_file +
                    " and " + entry + "); rename one file");
    setups.push_back({{name, name, "custom"}, entry, nn::architecture_from_file(entry)});
  }
  return setups;
}

// The protocol settings that every part shares (Tables23Options, ArchitectureStudyOptions).
template <class PartOptions>
void set_protocol(PartOptions& options, const ReproduceCliOptions& o, int threads,
                  const nn::TrainingSettings& training) {
  options.data_dir = o.data;
  options.seeds = o.seeds;
  options.max_epochs = o.max_epochs;
  options.select = o.select;
  options.jobs = threads;
  options.training = training;
  options.command_line = canonical_command_line(o);
}

int run_reproduce(const ReproduceCliOptions& o) {
  const reproduce::PaperResults paper = reproduce::load_paper_results(o.paper);
  const fs::path tables23_path = fs::path(o.results_dir) / "tables23.json";
  const fs::path architectures_path = fs::path(o.results_dir) / "architectures.json";
  if (!o.render_only) {
    if (o.seeds.empty()) throw Error("--seeds: give at least one seed");
    // Resolve every config before any training, so that a typo costs nothing.
    const std::vector<reproduce::VariantSetup> setups =
        wants(o, "architectures") ? variant_setups(o) : std::vector<reproduce::VariantSetup>{};
    const int threads = o.threads > 0 ? o.threads : default_thread_count();
    train::FoldCache cache = open_fold_cache(o.fold_cache, o.no_fold_cache);
    const auto load = [&](const std::string& path) { return load_reported(path, cache, threads); };
    const auto log = [](const std::string& line) { std::cerr << line << '\n' << std::flush; };
    // Every training runs on one thread with its own seed (set per run).
    const nn::TrainingSettings training = training_settings(o.training, 1, 1);
    fs::create_directories(o.results_dir);

    if (wants(o, "tables23")) {
      reproduce::Tables23Options options;
      set_protocol(options, o, threads, training);
      options.work_dir = o.work_dir;
      const nlohmann::ordered_json result = reproduce::run_tables23(options, load, log);
      nn::write_file_atomically(tables23_path.string(), result.dump(1) + '\n');
      std::cerr << "wrote " << tables23_path.string() << '\n';
      if (!o.install_models.empty()) install_models(o);
    }
    if (wants(o, "architectures")) {
      reproduce::ArchitectureStudyOptions options;
      set_protocol(options, o, threads, training);
      const nlohmann::ordered_json result =
          reproduce::run_architecture_studies(options, setups, load, log);
      nn::write_file_atomically(architectures_path.string(), result.dump(1) + '\n');
      std::cerr << "wrote " << architectures_path.string() << '\n';
    }
  }
  reproduce::ResultParts parts;
  parts.tables23 = read_json_if_present(tables23_path);
  parts.architectures = read_json_if_present(architectures_path);
  nn::write_file_atomically(o.markdown, reproduce::render_results_markdown(parts, paper));
  std::cerr << "wrote " << o.markdown << '\n';
  return 0;
}

}  // namespace

Command add_reproduce_command(CLI::App& app) {
  auto opt = std::make_shared<ReproduceCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "reproduce",
      "Re-measure the paper's results on the miRBoost benchmark. Tables 2 and 3 (--part "
      "tables23): 5-fold CV on human and cross-species with every seed (choosing the epoch "
      "count and thresholds), final models per seed, each test set scored once. Table 4 and "
      "Figure 3 (--part architectures): the shipped network configs cross-validated on human. "
      "Writes RESULTS_DIR/<part>.json and the Markdown report. See docs/evaluation.md.");
  cmd->add_option("--part", opt->parts,
                  "what to measure, comma-separated: tables23 (Tables 2 and 3), architectures "
                  "(Table 4 and Figure 3: the shipped configs cross-validated on human)")
      ->delimiter(',')
      ->check(CLI::IsMember({"tables23", "architectures"}))
      ->capture_default_str();
  cmd->add_option("--variants", opt->variants,
                  "with --part architectures: only these variants, comma-separated: shipped config "
                  "names and/or your own config files (*.json), which join Table 4 under their "
                  "file names")
      ->delimiter(',');
  cmd->add_option("--data", opt->data,
                  "miRBoost benchmark directory (files NAME.fa or NAME.fa.gz, layout in "
                  "data/mirboost/README.md)")
      ->capture_default_str();
  cmd->add_option("--paper", opt->paper, "the paper's figures (data/paper/README.md)")
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
  add_threads_option(cmd, opt->threads,
                     "trainings at once, one thread each (default: all cores); results do not "
                     "depend on it");
  add_class_weights_flag(cmd, opt->training.no_class_weights);
  add_init_option(cmd, opt->training.init);
  cmd->add_option("--arch", opt->training.arch,
                  "network of Tables 2 and 3 (--part tables23): a shipped config name or a JSON "
                  "config file; default: the paper's LSTM(2)+ATT. --part architectures compares "
                  "its own list (--variants)");
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
