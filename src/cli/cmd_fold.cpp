// `mirgene fold`: RNAfold-compatible MFE folding of every record of a FASTA file.
#include <memory>
#include <optional>
#include <vector>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "cli/record_pipeline.hpp"
#include "fold/format.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"

namespace mirgene::cli {
namespace {

struct FoldOptions {
  std::string input = "-";
  int threads = 0;
  std::string params_file;
};

int run_fold(const FoldOptions& opt) {
  std::optional<fold::EnergyParams> loaded;
  if (!opt.params_file.empty()) loaded = fold::load_params_file(opt.params_file);
  const fold::EnergyParams& params = loaded ? *loaded : fold::turner2004();

  const int threads = opt.threads > 0 ? opt.threads : default_thread_count();
  std::vector<std::unique_ptr<fold::Folder>> folders;
  for (int t = 0; t < threads; ++t) folders.push_back(std::make_unique<fold::Folder>(params));

  auto work = [&](const seqio::Record& r, int worker) {
    const fold::FoldResult f = folders[worker]->fold(r.seq);
    std::string text;
    text.reserve(r.header.size() + 2 * r.seq.size() + 16);
    text += '>';
    text += r.header;
    text += '\n';
    text += r.seq;
    text += '\n';
    text += f.structure;
    text += ' ';
    text += fold::format_energy(f.energy);
    text += '\n';
    return text;
  };
  const RecordCounts counts = run_record_pipeline(opt.input, threads, work, std::cout, std::cerr);
  return exit_status(counts, opt.input, std::cerr);
}

}  // namespace

Command add_fold_command(CLI::App& app) {
  auto opt = std::make_shared<FoldOptions>();
  CLI::App* cmd = app.add_subcommand(
      "fold",
      "Fold each sequence into its minimum-free-energy structure; output as RNAfold 2.x "
      "(>id, sequence, structure and energy in kcal/mol).");
  cmd->add_option("input", opt->input, "FASTA file, or - for standard input")
      ->capture_default_str();
  add_threads_option(cmd, opt->threads);
  cmd->add_option("--params", opt->params_file,
                  "energy parameters in ViennaRNA 2.0 format (default: built-in Turner 2004)")
      ->check(CLI::ExistingFile);
  return {cmd, [opt] { return run_fold(*opt); }};
}

}  // namespace mirgene::cli
