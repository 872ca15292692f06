// `mirgene calibrate`: measure how many false positives per Mb a model calls at each
// threshold, on DNA without miRNAs, and store the table in (a copy of) the model file, so
// that `mirgene scan` reports an estimate with every call and takes --max-fp-per-mb. The
// tensors are copied byte for byte; only the metadata changes. See docs/scan.md.
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "common/error.hpp"
#include "common/sha256.hpp"
#include "nn/safetensors.hpp"
#include "predict/model.hpp"
#include "scan/fp_calibration.hpp"
#include "scan/genome_scan.hpp"
#include "seqio/fasta_reader.hpp"

namespace mirgene::cli {
namespace {

struct CalibrateOptions {
  std::string model;
  std::vector<std::string> dna;
  std::string output;
  int threads = 0;
  scan::ScanSettings settings;
};

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Scans one DNA file (both strands, every piece at or above the grid's lowest threshold,
// unmerged) and counts its loci at each threshold.
scan::CalibrationDna calibrate_on(const std::string& path, const predict::Model& model,
                                  const scan::ScanSettings& settings, int threads,
                                  const std::vector<double>& grid) {
  scan::CalibrationDna dna;
  dna.name = std::filesystem::path(path).filename().string();
  dna.sha256 = sha256_of_file(path);
  auto reader = seqio::FastaReader::open(path);
  scan::LocusCounter counter(grid);
  scan::ScanCallbacks callbacks;
  callbacks.record = [&](const std::string&, std::vector<scan::Hairpin>&& pieces) {
    counter.add(pieces);
  };
  callbacks.record_end = [&](const std::string&) { counter.end_record(); };
  const scan::ScanTotals totals =
      scan::scan_fasta(*reader, model.members(), settings, threads, callbacks, std::cerr);
  if (totals.bad_records > 0)
    throw Error(path + ": " + std::to_string(totals.bad_records) +
                " records could not be read (above); a calibration needs all of its DNA");
  if (totals.records == 0) throw Error(path + ": no FASTA records");
  dna.bases = totals.bases - totals.skipped_bases;
  dna.loci = counter.loci();
  return dna;
}

void print_summary(const scan::FpTable& table, const std::string& output) {
  const std::vector<double> shown = {0.5, 0.8, 0.9, 0.95, 0.99};
  std::fprintf(stderr, "false positives per Mb (candidate loci, both strands) at threshold\n");
  std::fprintf(stderr, "%-28s %12s", "dna", "Mb");
  for (const double t : shown) std::fprintf(stderr, " %9g", t);
  std::fprintf(stderr, "\n");
  auto row = [&](const std::string& name, std::int64_t bases, const std::vector<double>& rates) {
    std::fprintf(stderr, "%-28s %12.3f", name.c_str(), static_cast<double>(bases) / 1e6);
    for (const double t : shown)
      std::fprintf(stderr, " %9.2f", scan::rate_at(table.thresholds, rates, t));
    std::fprintf(stderr, "\n");
  };
  std::int64_t bases = 0;
  for (const scan::CalibrationDna& d : table.dna) {
    row(d.name, d.bases, scan::rates_per_mb(d.loci, d.bases));
    bases += d.bases;
  }
  if (table.dna.size() > 1) row("all", bases, table.fp_per_mb);
  std::fprintf(stderr, "mirgene: calibration (%zu thresholds) written to %s\n",
               table.thresholds.size(), output.c_str());
}

int run_calibrate(CalibrateOptions opt) {
  const std::vector<double> grid = scan::fp_threshold_grid();
  opt.settings.threshold = grid.front();
  opt.settings.merge = false;  // merged per threshold by the counter, as scan merges
  opt.settings.plus = opt.settings.minus = true;
  scan::check_settings(opt.settings);
  const predict::Model model = predict::load_model(opt.model, predict::kScanModelName);
  const int threads = thread_count(opt.threads);
  std::vector<scan::CalibrationDna> dna;
  for (const std::string& path : opt.dna)
    dna.push_back(calibrate_on(path, model, opt.settings, threads, grid));
  const scan::FpTable table = scan::make_fp_table(grid, std::move(dna), opt.settings, utc_now());

  std::map<std::string, std::string> metadata = model.file.metadata;
  metadata[std::string(scan::kFpMetadataKey)] = scan::fp_table_to_json(table);
  nn::copy_with_metadata(model.path, opt.output, metadata);
  print_summary(table, opt.output);
  return 0;
}

}  // namespace

Command add_calibrate_command(CLI::App& app) {
  auto opt = std::make_shared<CalibrateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Measure the model's false positives per Mb at each threshold by scanning DNA that holds "
      "no miRNAs, and write the model with the table in its metadata (tensors unchanged), for "
      "scan's fp_per_mb column and --max-fp-per-mb. See docs/scan.md.");
  add_model_option(cmd, opt->model, "mirgene-genome.safetensors");
  cmd->add_option("--dna", opt->dna,
                  "FASTA files (plain or gzip) of DNA without miRNAs; rates are kept per file")
      ->required()
      ->expected(1, 1000)
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opt->output,
                  "model file to write (may be the model itself: replaced atomically)")
      ->required();
  add_threads_option(cmd, opt->threads);
  add_scan_settings_options(cmd, opt->settings);
  return {cmd, [opt] { return run_calibrate(*opt); }};
}

}  // namespace mirgene::cli
