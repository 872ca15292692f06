// `mirgene mine`: training data from DNA without miRNAs, cut out by the scanner's own code:
// every piece the scan cuts (negatives), the pieces it cuts from precursors planted into the
// DNA (positives, --plant), and with a model the highest-scoring negatives only (the
// model's false calls: hard-negative rounds). The work is mining::mine_pieces's; see
// docs/robustness.md.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/record_files.hpp"
#include "cli/shared_options.hpp"
#include "common/error.hpp"
#include "mining/genome_mining.hpp"
#include "nn/safetensors.hpp"
#include "predict/model.hpp"
#include "seqio/fasta_reader.hpp"

namespace mirgene::cli {
namespace {

struct MineOptions {
  std::vector<std::string> dna;
  std::string output, model, plant, positives;
  double min_score = 0;
  std::size_t top = 0;
  std::int64_t spacing = 4000;
  int threads = 0;
  scan::ScanSettings settings;
};

std::string fasta_entry(const mining::MinedPiece& m, bool scored) {
  char notes[64];
  if (scored)
    std::snprintf(notes, sizeof notes, " p=%.4f mfe=%.2f", m.piece.probability,
                  m.piece.energy / 100.0);
  else
    std::snprintf(notes, sizeof notes, " mfe=%.2f", m.piece.energy / 100.0);
  return '>' + mining::piece_id(m) + notes + '\n' + m.piece.sequence + '\n';
}

int run_mine(MineOptions& o) {
  const bool scored = !o.model.empty();
  if (!scored && (o.min_score > 0 || o.top > 0))
    throw Error("mine: --min-score and --top rank pieces by a model's score: give --model");
  if (o.plant.empty() != o.positives.empty())
    throw Error("mine: --plant and --positives go together (precursors in, their pieces out)");
  std::optional<predict::Model> model;
  if (scored) model = predict::load_model(o.model);

  std::vector<seqio::Record> dna;
  for (const std::string& file : o.dna)
    for (seqio::Record& r : read_records(file)) dna.push_back(std::move(r));
  if (dna.empty()) throw Error("mine: no usable DNA records");
  mining::PlantedDna planted;
  if (!o.plant.empty()) {
    // A precursor that cannot be planted (an ambiguous base) is left out, not the run.
    std::vector<seqio::Record> precursors;
    for (seqio::Record& r : read_records(o.plant)) {
      if (const std::string problem = mining::planting_problem(r); !problem.empty())
        std::cerr << "warning: " << o.plant << ": record '" << r.id << "': " << problem
                  << "; not planted\n";
      else
        precursors.push_back(std::move(r));
    }
    if (precursors.empty()) throw Error("mine: " + o.plant + ": no usable precursors");
    planted = mining::plant_precursors(std::move(dna), precursors, o.spacing);
    std::cerr << "mine: planted " << planted.plants.size() << " copies of " << precursors.size()
              << " precursors (one per " << o.spacing << " nt, alternate strands)\n";
  } else {
    planted.records = std::move(dna);
  }

  // Negatives kept in scan order; positives are kept whatever their score.
  std::vector<mining::MinedPiece> negatives;
  std::string positives;
  std::size_t positives_kept = 0;
  scan::ScanSettings settings = o.settings;
  settings.threshold = 0;
  const mining::MiningTotals totals = mining::mine_pieces(
      planted.records, planted.plants, model ? model->members() : std::span<const nn::Network>{},
      settings, thread_count(o.threads),
      [&](mining::MinedPiece&& m) {
        if (m.kind == mining::PieceKind::kPositive) {
          positives += fasta_entry(m, scored);
          ++positives_kept;
        } else if (m.kind == mining::PieceKind::kNegative && m.piece.probability >= o.min_score) {
          m.piece.structure.clear();  // not written; the trainer folds again
          negatives.push_back(std::move(m));
        }
      },
      std::cerr);
  if (o.top > 0 && negatives.size() > o.top) {
    std::stable_sort(negatives.begin(), negatives.end(), [](const auto& a, const auto& b) {
      return a.piece.probability > b.piece.probability;
    });
    negatives.resize(o.top);
  }
  std::string fasta;
  for (const mining::MinedPiece& m : negatives) fasta += fasta_entry(m, scored);
  nn::write_file_atomically(o.output, fasta);
  if (!o.positives.empty()) nn::write_file_atomically(o.positives, positives);

  const scan::ScanTotals& s = totals.scan;
  std::fprintf(stderr,
               "mine: %zu records, %lld nt (%lld in N runs); %lld pieces cut: %zu negatives, "
               "%zu positives, %zu beside a plant (left out)\n",
               s.records, static_cast<long long>(s.bases), static_cast<long long>(s.skipped_bases),
               static_cast<long long>(s.work.scored), totals.negatives, totals.positives,
               totals.near_plant);
  if (totals.plants > 0)
    std::fprintf(stderr, "mine: %zu of %zu plants cut out as at least one positive piece\n",
                 totals.plants_cut, totals.plants);
  std::fprintf(stderr, "mine: wrote %zu negatives to %s", negatives.size(), o.output.c_str());
  if (!o.positives.empty())
    std::fprintf(stderr, " and %zu positives to %s", positives_kept, o.positives.c_str());
  std::fprintf(stderr, "\n");
  return negatives.empty() && positives_kept == 0 ? 1 : 0;
}

}  // namespace

Command add_mine_command(CLI::App& app) {
  auto opt = std::make_shared<MineOptions>();
  CLI::App* cmd = app.add_subcommand(
      "mine",
      "Training data cut out by the scanner from DNA without miRNAs: every piece a scan "
      "cuts (negatives), the pieces cut from precursors planted into the DNA (--plant: "
      "positives), and with --model the highest-scoring negatives only (hard negatives). "
      "See docs/robustness.md.");
  cmd->add_option("dna", opt->dna, "FASTA files of DNA without miRNAs (plain or gzip)")->required();
  cmd->add_option("-o,--output", opt->output, "FASTA of the negative pieces to write")->required();
  cmd->add_option("-m,--model", opt->model,
                  "score the pieces with this model (default: no scoring, every piece kept)");
  cmd->add_option("--min-score", opt->min_score, "keep negatives scoring at least this")
      ->check(probability_range())
      ->capture_default_str();
  cmd->add_option("--top", opt->top, "keep only the N highest-scoring negatives (0: all)")
      ->capture_default_str();
  cmd->add_option("--plant", opt->plant,
                  "FASTA of precursors to plant into the DNA (cycled through every --spacing "
                  "nt, alternate strands)");
  cmd->add_option("--positives", opt->positives,
                  "FASTA of the pieces cut from the plants to write (with --plant)");
  cmd->add_option("--spacing", opt->spacing, "nt between plants")
      ->check(CLI::Range(200, 10000000))
      ->capture_default_str();
  add_threads_option(cmd, opt->threads);
  add_scan_settings_options(cmd, opt->settings);
  return {cmd, [opt] { return run_mine(*opt); }};
}

}  // namespace mirgene::cli
