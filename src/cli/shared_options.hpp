#pragma once
// Options that several commands share, declared once so their names, checks and help agree.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "common/ordered_parallel.hpp"
#include "genome/region_file.hpp"
#include "nn/initialisation.hpp"
#include "scan/settings.hpp"

namespace mirgene::cli {

// A probability threshold: a number in [0, 1]. CLI::Range alone lets "nan" through (every
// comparison with NaN is false), which would label every record "other".
inline CLI::Validator probability_range() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value) || !(value >= 0.0 && value <= 1.0))
          return "must be a number from 0 to 1, not " + text;
        return "";
      },
      "FLOAT in [0 - 1]");
}

// The input of the per-record commands.
inline CLI::Option* add_input_argument(CLI::App* cmd, std::string& input) {
  return cmd->add_option("input", input, "FASTA file, or - for standard input")
      ->capture_default_str();
}

// Loci by genome coordinates instead of FASTA records (docs/coordinates.md).
struct GenomeLociOptions {
  std::string genome;
  std::vector<std::string> feature_types = genome::default_feature_types();
  std::int64_t flank = 0;
};

// --genome, --feature-type and --flank; the regions option(s) are the command's own (one
// --regions, or evaluate's --pos-regions and --neg-regions), given as `regions`: each needs
// --genome and --genome needs one of them. `input`: the FASTA argument, which excludes them.
inline void add_genome_loci_options(CLI::App* cmd, GenomeLociOptions& o,
                                    const std::vector<CLI::Option*>& regions,
                                    CLI::Option* input = nullptr) {
  CLI::Option* genome =
      cmd->add_option("--genome", o.genome,
                      "indexed genome FASTA (plain or bgzip; .fai/.gzi built when missing) to "
                      "fetch the loci of the regions file(s) from");
  for (CLI::Option* r : regions) {
    r->needs(genome);
    if (input) r->excludes(input);
  }
  if (regions.size() == 1) genome->needs(regions.front());
  cmd->add_option("--feature-type", o.feature_types,
                  "GFF3 regions: feature types (column 3) read as loci; repeat for several")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--flank", o.flank,
                  "nt added to both sides of every locus (cut at the chromosome's ends)")
      ->check(CLI::Range(0, 400))
      ->capture_default_str();
}

// --regions with --genome, --feature-type and --flank: the loci predict, explain and report
// score instead of the FASTA `input`.
inline void add_regions_option(CLI::App* cmd, std::string& regions, GenomeLociOptions& o,
                               CLI::Option* input) {
  CLI::Option* r = cmd->add_option(
      "--regions", regions,
      "score the loci of this BED, GFF3 or `mirgene scan -f tsv` file instead of FASTA records "
      "(needs --genome; see docs/coordinates.md)");
  add_genome_loci_options(cmd, o, {r}, input);
}

// predict's and explain's row formats.
inline void add_row_format_option(CLI::App* cmd, std::string& format) {
  cmd->add_option("-f,--format", format, "output format: tsv or json (JSON Lines)")
      ->check(CLI::IsMember({"tsv", "json"}))
      ->capture_default_str();
}

// `default_name`: the shipped model used without --model (predict/model_lookup.hpp).
inline void add_model_option(CLI::App* cmd, std::string& model,
                             const std::string& default_name = "mirgene-whole.safetensors") {
  cmd->add_option("-m,--model", model,
                  "model file (default: $MIRGENE_MODEL, else models/" + default_name +
                      " beside the installed program)");
}

inline void add_threshold_option(CLI::App* cmd, double& threshold) {
  cmd->add_option("-t,--threshold", threshold,
                  "label a record pre-miRNA when its probability is >= this")
      ->check(probability_range())
      ->capture_default_str();
}

// Threads beyond this are refused before any work: each one holds its own folding workspace
// and stack, and a mistyped count would otherwise spawn threads until the system refuses.
inline constexpr int kMaxThreads = 1024;

// --threads: 0 (all cores) to kMaxThreads, said in one line when it is not.
inline CLI::Validator thread_count_range() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        int value = -1;
        if (!CLI::detail::lexical_cast(text, value) || value < 0 || value > kMaxThreads)
          return "must be 0 (all cores) or a count from 1 to " +
                 std::to_string(kMaxThreads) + ", not " + text;
        return "";
      },
      "INT in [0 - " + std::to_string(kMaxThreads) + "]");
}

inline void add_threads_option(CLI::App* cmd, int& threads,
                               const std::string& help = "worker threads (default: all cores)") {
  cmd->add_option("-j,--threads", threads, help)->check(thread_count_range());
}

// --threads as given, or every core for 0 (the default).
inline int thread_count(int requested) {
  return requested > 0 ? requested : default_thread_count();
}

// The options that shape a training run, shared by train, cv and reproduce.
inline void add_class_weights_flag(CLI::App* cmd, bool& no_class_weights) {
  cmd->add_flag("--no-class-weights", no_class_weights,
                "weight both classes equally (default: inverse class frequency)");
}

inline void add_length_balanced_flag(CLI::App* cmd, bool& length_balanced) {
  cmd->add_flag("--length-balanced", length_balanced,
                "weight the classes equally within every 10-nt length bin, so that length "
                "alone teaches the network nothing (see docs/training.md)");
}

inline void add_init_option(CLI::App* cmd, std::string& init) {
  cmd->add_option("--init", init,
                  "initial weights: keras (Glorot/orthogonal, forget bias 1; converges in fewer "
                  "epochs) or uniform (every weight in [-0.05, 0.05], as the paper states)")
      ->check(CLI::IsMember(nn::init_scheme_names()))
      ->capture_default_str();
}

inline void add_arch_option(CLI::App* cmd, std::string& arch) {
  cmd->add_option("--arch", arch,
                  "network architecture: a shipped config name (e.g. bilstm2-att; see "
                  "models/configs/) or a JSON config file (docs/architectures.md); default: the "
                  "paper's LSTM-attention network");
}

inline void add_optimiser_options(CLI::App* cmd, int& batch_size, float& learning_rate) {
  cmd->add_option("--batch-size", batch_size, "sequences per mini-batch")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--lr", learning_rate, "Adam learning rate")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

// How a genome scan folds and cuts out hairpins, shared by scan and calibrate (a calibration
// holds for the settings it was measured with).
inline void add_scan_settings_options(CLI::App* cmd, scan::ScanSettings& s) {
  cmd->add_option("--span", s.span, "local folding: longest base-pair span (nt)")
      ->check(CLI::Range(20, 400))
      ->capture_default_str();
  cmd->add_option("--chunk", s.chunk, "nt of a strand folded at a time (plus --span context)")
      ->check(CLI::Range(20, 1000000))
      ->capture_default_str();
  cmd->add_option("--flank", s.flank, "nt cut out beyond each stem-loop on both sides")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  cmd->add_option("--min-length", s.min_length, "shortest piece cut out (nt)")
      ->check(CLI::Range(0, 400))
      ->capture_default_str();
  cmd->add_option("--min-pairs", s.min_pairs,
                  "filter: stem-loops with fewer base pairs are not scored")
      ->check(CLI::Range(1, 200))
      ->capture_default_str();
}

}  // namespace mirgene::cli
