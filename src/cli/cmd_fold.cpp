// `mirgene fold`: RNAfold-compatible MFE folding of every record of a FASTA file.
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "common/error.hpp"
#include "fold/format.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"
#include "predict/fasta_source.hpp"
#include "predict/record_stream.hpp"

namespace mirgene::cli {
namespace {

struct FoldOptions {
  std::string input = "-";
  int threads = 0;
  std::string params_file;
};

// As RNAfold writes a record: >header, sequence, structure and energy.
std::string fold_text(const seqio::Record& r, const fold::FoldResult& f) {
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
}

int run_fold(const FoldOptions& opt) {
  std::optional<fold::EnergyParams> loaded;
  if (!opt.params_file.empty()) loaded = fold::load_params_file(opt.params_file);
  const fold::EnergyParams& params = loaded ? *loaded : fold::turner2004();

  const int threads = thread_count(opt.threads);
  std::vector<std::unique_ptr<fold::Folder>> folders;
  for (int t = 0; t < threads; ++t) folders.push_back(std::make_unique<fold::Folder>(params));

  predict::FastaSource source(opt.input);
  const predict::RecordCounts counts = predict::stream_in_order<std::string>(
      source, threads,
      [&](seqio::ReadResult& item, int worker) {
        predict::Processed<std::string> p;
        if (item.error) {
          p.error = item.error->to_string();
          return p;
        }
        try {
          p.result = fold_text(item.record, folders[worker]->fold(item.record.seq));
        } catch (const Error& e) {
          p.error = predict::record_error(source.name(), item.record, e.what());
        }
        return p;
      },
      [&](std::string&& text) { std::cout << text; }, std::cout, std::cerr);
  source.rethrow_input_error();
  return predict::exit_status(counts, source.name(), std::cerr);
}

}  // namespace

Command add_fold_command(CLI::App& app) {
  auto opt = std::make_shared<FoldOptions>();
  CLI::App* cmd = app.add_subcommand(
      "fold",
      "Fold each sequence into its minimum-free-energy structure; output as RNAfold 2.x "
      "(>id, sequence, structure and energy in kcal/mol).");
  add_input_argument(cmd, opt->input);
  add_threads_option(cmd, opt->threads);
  cmd->add_option("--params", opt->params_file,
                  "energy parameters in ViennaRNA 2.0 format (default: built-in Turner 2004)")
      ->check(CLI::ExistingFile);
  return {cmd, [opt] { return run_fold(*opt); }};
}

}  // namespace mirgene::cli
