// `mirgene fold`: RNAfold-compatible MFE folding of every record of a FASTA file, and with -p
// the partition function as RNAfold -p reports it (ensemble energy, pair-probability
// symbols, centroid, MFE frequency, diversity), pair probabilities as TSV and SVG dot plots.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "common/error.hpp"
#include "fold/ensemble.hpp"
#include "fold/format.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"
#include "fold/partition.hpp"
#include "fold/structure_energy.hpp"
#include "nn/safetensors.hpp"
#include "predict/fasta_source.hpp"
#include "predict/record_stream.hpp"
#include "report/dot_plot.hpp"

namespace mirgene::cli {
namespace {

struct FoldOptions {
  std::string input = "-";
  int threads = 0;
  std::string params_file;
  bool partition = false;
  std::string bpp_file;
  double bpp_cutoff = 1e-5;
  std::string dotplot_dir;
};

// One record's output: the text for stdout, and with -p its rows of the --bpp table and its
// dot plot.
struct FoldOutput {
  std::string text;
  std::string id;
  std::string bpp_rows;
  std::string dot_plot;
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

std::string bpp_rows(const std::string& id, const std::vector<fold::PairProbability>& pairs) {
  std::string rows;
  char number[32];
  for (const fold::PairProbability& x : pairs) {
    std::snprintf(number, sizeof number, "%.8g", x.p);
    rows += id + '\t' + std::to_string(x.i) + '\t' + std::to_string(x.j) + '\t' + number + '\n';
  }
  return rows;
}

// RNAfold -p's five lines after the header, plus the requested tables.
FoldOutput partition_output(const FoldOptions& opt, const fold::EnergyParams& params,
                            fold::PartitionFolder& folder, const seqio::Record& r) {
  const fold::PartitionResult result = folder.fold(r.seq);
  const fold::PairProbabilities& p = folder.probabilities();
  const fold::Centroid centroid = fold::centroid_structure(p);
  const int centroid_energy = fold::structure_energy(params, r.seq, centroid.structure).energy;
  FoldOutput out;
  out.id = r.id;
  out.text = fold_text(r, result.mfe);
  out.text += fold::format_ensemble_line(fold::pair_probability_symbols(p), result.ensemble_energy);
  out.text += '\n';
  out.text += fold::format_centroid_line(centroid.structure, centroid_energy, centroid.distance);
  out.text += '\n';
  out.text += fold::format_frequency_line(
      fold::mfe_frequency(result.mfe.energy, result.ensemble_energy), fold::ensemble_diversity(p));
  out.text += '\n';
  if (!opt.bpp_file.empty() || !opt.dotplot_dir.empty()) {
    const std::vector<fold::PairProbability> pairs = fold::pairs_at_least(p, opt.bpp_cutoff);
    if (!opt.bpp_file.empty()) out.bpp_rows = bpp_rows(r.id, pairs);
    if (!opt.dotplot_dir.empty()) {
      report::DotPlotOptions plot;
      plot.title = r.id;
      out.dot_plot = report::dot_plot_svg(r.seq, pairs, result.mfe.structure, plot);
    }
  }
  return out;
}

// A file name for a record's dot plot: its id with every character other than letters,
// digits, '.', '-' and '_' replaced by '_', at most 100 characters, never hidden or empty,
// and numbered (_2, _3, ...) when an earlier record took it.
std::string dot_plot_file_name(const std::string& id, std::set<std::string>& taken) {
  std::string base;
  for (const char c : id.substr(0, 100)) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    base += safe ? c : '_';
  }
  if (base.empty() || base[0] == '.') base = "_" + base;
  std::string name = base;
  for (int copy = 2; !taken.insert(name).second; ++copy) name = base + "_" + std::to_string(copy);
  return name + "_dp.svg";
}

int run_fold(FoldOptions opt) {
  if (!opt.bpp_file.empty() || !opt.dotplot_dir.empty()) opt.partition = true;
  std::optional<fold::EnergyParams> loaded;
  if (!opt.params_file.empty()) loaded = fold::load_params_file(opt.params_file);
  const fold::EnergyParams& params = loaded ? *loaded : fold::turner2004();
  if (!opt.dotplot_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(opt.dotplot_dir, ec);
    if (ec) throw Error("cannot create '" + opt.dotplot_dir + "': " + ec.message());
  }

  const int threads = thread_count(opt.threads);
  std::vector<std::unique_ptr<fold::Folder>> folders;
  std::vector<std::unique_ptr<fold::PartitionFolder>> partition_folders;
  for (int t = 0; t < threads; ++t) {
    if (opt.partition) {
      partition_folders.push_back(std::make_unique<fold::PartitionFolder>(params));
    } else {
      folders.push_back(std::make_unique<fold::Folder>(params));
    }
  }

  std::string bpp_table = "id\ti\tj\tp\n";
  std::set<std::string> dot_plot_names;
  predict::FastaSource source(opt.input);
  const predict::RecordCounts counts = predict::stream_in_order<FoldOutput>(
      source, threads,
      [&](seqio::ReadResult& item, int worker) {
        predict::Processed<FoldOutput> p;
        if (item.error) {
          p.error = item.error->to_string();
          return p;
        }
        try {
          if (opt.partition) {
            p.result = partition_output(opt, params, *partition_folders[worker], item.record);
          } else {
            p.result.text = fold_text(item.record, folders[worker]->fold(item.record.seq));
          }
        } catch (const Error& e) {
          p.error = predict::record_error(source.name(), item.record, e.what());
        }
        return p;
      },
      [&](FoldOutput&& out) {
        std::cout << out.text;
        bpp_table += out.bpp_rows;
        if (!out.dot_plot.empty()) {
          const std::filesystem::path path =
              std::filesystem::path(opt.dotplot_dir) / dot_plot_file_name(out.id, dot_plot_names);
          nn::write_file_atomically(path.string(), out.dot_plot);
        }
      },
      std::cout, std::cerr);
  // Written whole once every record is folded (temporary file + rename): an interrupted run
  // leaves no half table.
  if (!opt.bpp_file.empty()) nn::write_file_atomically(opt.bpp_file, bpp_table);
  source.rethrow_input_error();
  return predict::exit_status(counts, source.name(), std::cerr);
}

}  // namespace

Command add_fold_command(CLI::App& app) {
  auto opt = std::make_shared<FoldOptions>();
  CLI::App* cmd = app.add_subcommand(
      "fold",
      "Fold each sequence into its minimum-free-energy structure; output as RNAfold 2.x "
      "(>id, sequence, structure and energy in kcal/mol). With -p also the partition "
      "function, as RNAfold -p prints it.");
  add_input_argument(cmd, opt->input);
  add_threads_option(cmd, opt->threads);
  cmd->add_option("--params", opt->params_file,
                  "energy parameters in ViennaRNA 2.0 format (default: built-in Turner 2004)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("-p,--partition", opt->partition,
                "also compute the partition function: pair-probability symbols with the ensemble "
                "free energy [ ], centroid structure { energy d=distance }, frequency of the MFE "
                "structure and ensemble diversity, as RNAfold -p");
  cmd->add_option("--bpp", opt->bpp_file,
                  "write the pair probabilities of all records to this TSV (id, i, j, p; "
                  "1-based; implies -p)");
  cmd->add_option("--bpp-cutoff", opt->bpp_cutoff,
                  "smallest probability listed by --bpp and drawn by --dotplot, in (0, 1] "
                  "(default 1e-5, as RNAfold's dot plots)")
      ->check(CLI::PositiveNumber)
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--dotplot", opt->dotplot_dir,
                  "write an SVG dot plot per record into this directory (ID_dp.svg; implies -p)");
  return {cmd, [opt] { return run_fold(*opt); }};
}

}  // namespace mirgene::cli
