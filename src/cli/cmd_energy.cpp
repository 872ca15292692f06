// `mirgene energy` (alias `eval`, after RNAeval): free energy of given structures, optionally
// loop by loop (as RNAeval -v). Not to be confused with `evaluate`, which scores a model.
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "common/error.hpp"
#include "common/output_check.hpp"
#include "fold/format.hpp"
#include "fold/params.hpp"
#include "fold/structure_energy.hpp"
#include "seqio/fasta_reader.hpp"
#include "seqio/structure_reader.hpp"

namespace mirgene::cli {
namespace {

struct EnergyOptions {
  std::string input = "-";
  std::string sequence;
  std::string structure;
  std::string params_file;
  bool verbose = false;
};

void print_energy(const fold::EnergyParams& params, const std::string& header,
                  const std::string& seq, const std::string& structure, bool verbose) {
  const fold::StructureEnergy r = fold::structure_energy(params, seq, structure);
  std::string text;
  if (verbose) {
    for (const auto& loop : r.loops) text += fold::format_loop(loop, seq) + '\n';
  }
  if (!header.empty()) text += '>' + header + '\n';
  text += seq + '\n' + structure + ' ' + fold::format_energy(r.energy) + '\n';
  std::cout << text;
}

int run_energy(const EnergyOptions& opt) {
  std::optional<fold::EnergyParams> loaded;
  if (!opt.params_file.empty()) loaded = fold::load_params_file(opt.params_file);
  const fold::EnergyParams& params = loaded ? *loaded : fold::turner2004();

  if (!opt.sequence.empty() || !opt.structure.empty()) {
    if (opt.sequence.empty() || opt.structure.empty())
      throw Error("--sequence and --structure must be given together");
    if (const std::string problem = seqio::residue_problem(opt.sequence); !problem.empty())
      throw Error("--sequence: " + problem);
    std::string seq = opt.sequence;
    for (char& c : seq) c = c == 'T' ? 'U' : c == 't' ? 'u' : c;
    print_energy(params, "", seq, opt.structure, opt.verbose);
    return 0;
  }

  auto reader = seqio::StructureReader::open(opt.input);
  seqio::StructureReadResult item;
  std::size_t ok = 0, failed = 0;
  while (reader->next(item)) {
    ensure_written(std::cout);  // stop at a full disk rather than read on
    std::string error = item.error.value_or("");
    if (error.empty()) {
      try {
        print_energy(params, item.record.header, item.record.seq, item.record.structure,
                     opt.verbose);
        ++ok;
        continue;
      } catch (const Error& e) {
        error = (opt.input == "-" ? std::string("<stdin>") : opt.input) + ": record '" +
                item.record.id + "' (#" + std::to_string(item.record.number) + "): " + e.what();
      }
    }
    std::cout.flush();
    std::cerr << "error: " << error << '\n';
    ++failed;
  }
  if (failed > 0)
    std::cerr << "mirgene: " << failed << " of " << ok + failed
              << " records could not be evaluated\n";
  return ok == 0 && failed > 0 ? 1 : 0;
}

}  // namespace

Command add_energy_command(CLI::App& app) {
  auto opt = std::make_shared<EnergyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "energy",
      "Free energy of given secondary structures (alias: eval, as RNAeval). Input records: "
      "optional >header, a sequence line, a dot-bracket line (fold's output can be fed back).");
  cmd->alias("eval");
  cmd->add_option("input", opt->input, "file of sequence/structure records, or - for stdin")
      ->capture_default_str();
  cmd->add_option("-s,--sequence", opt->sequence, "evaluate this sequence (with --structure)");
  cmd->add_option("-d,--structure", opt->structure, "dot-bracket structure for --sequence");
  cmd->add_flag("-v,--verbose", opt->verbose, "print the energy of every loop (as RNAeval -v)");
  cmd->add_option("--params", opt->params_file,
                  "energy parameters in ViennaRNA 2.0 format (default: built-in Turner 2004)")
      ->check(CLI::ExistingFile);
  return {cmd, [opt] { return run_energy(*opt); }};
}

}  // namespace mirgene::cli
