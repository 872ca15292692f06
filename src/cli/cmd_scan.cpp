// `mirgene scan`: find pre-miRNA candidates in genomic DNA (any number of records of any
// length), both strands, written as BED6, GFF3 or TSV in input order, then by start. The
// work is scan::scan_fasta's; see docs/scan.md.
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "common/error.hpp"
#include "common/output_check.hpp"
#include "nn/safetensors.hpp"
#include "predict/capped_source.hpp"
#include "predict/located_records.hpp"
#include "predict/model.hpp"
#include "predict/score_stream.hpp"
#include "report/html_report.hpp"
#include "scan/fp_calibration.hpp"
#include "scan/genome_scan.hpp"
#include "scan/output_format.hpp"
#include "scan/progress.hpp"

namespace mirgene::cli {
namespace {

struct ScanOptions {
  std::string input = "-";
  std::string output;
  std::string model;
  std::string format = "bed";
  std::string strand = "both";
  int threads = 0;
  bool progress = false;
  bool stats = false;
  bool no_merge = false;
  std::string region;
  std::string report;              // --report: the calls as an HTML report
  std::size_t report_max = 5000;   // --report-max-calls
  double max_fp_per_mb = -1;  // --max-fp-per-mb; negative: not given
  scan::ScanSettings settings;
};

// The partial output file a signal handler removes (Ctrl-C, kill) before the process ends.
char g_partial_path[4096] = {0};

extern "C" void remove_partial_and_die(int sig) {
  if (g_partial_path[0] != 0) unlink(g_partial_path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// A rate: a number >= 0 (CLI::NonNegativeNumber lets "nan" through).
CLI::Validator non_negative_rate() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value) || !(value >= 0.0))
          return "must be a number >= 0, not " + text;
        return "";
      },
      "FLOAT >= 0");
}

// --max-fp-per-mb: the threshold the model's calibration gives for at most `max_fp` false
// positives per Mb, said on stderr with the DNA it was measured on.
double threshold_for(const std::optional<scan::FpTable>& table, double max_fp,
                     const predict::Model& model, const scan::ScanSettings& settings) {
  if (!table)
    throw Error(model.path + ": the model carries no false-positive calibration (metadata '" +
                std::string(scan::kFpMetadataKey) +
                "'), so --max-fp-per-mb cannot be used; calibrate it with `mirgene calibrate` "
                "or give -t");
  double threshold = 0;
  try {
    threshold = scan::threshold_for_max_fp(*table, max_fp);
  } catch (const Error& e) {
    throw Error(model.path + ": " + e.what());
  }
  std::string dna;
  std::int64_t bases = 0;
  for (const scan::CalibrationDna& d : table->dna) {
    dna += (dna.empty() ? "" : ", ") + d.name;
    bases += d.bases;
  }
  std::fprintf(stderr,
               "scan: threshold %g for at most %g false positives per Mb (%g per Mb there on the "
               "calibration DNA: %s, %.3f Mb, calibrated %s)\n",
               threshold, max_fp, scan::fp_per_mb_at(*table, threshold), dna.c_str(),
               static_cast<double>(bases) / 1e6, table->date.c_str());
  const scan::ScanSettings& c = table->settings;
  if (c.span != settings.span || c.chunk != settings.chunk || c.flank != settings.flank ||
      c.min_length != settings.min_length || c.min_pairs != settings.min_pairs)
    std::fprintf(stderr,
                 "warning: the calibration was measured with --span %d --chunk %d --flank %d "
                 "--min-length %d --min-pairs %d; this scan's settings differ, so its rates are "
                 "only a guide\n",
                 c.span, c.chunk, c.flank, c.min_length, c.min_pairs);
  return threshold;
}

// Output written to OUT.partial and renamed to OUT once complete, so an interrupted or
// failed run never leaves a half-written OUT; the partial file is removed on failure and
// on SIGINT, SIGTERM and SIGHUP.
class OutputFile {
 public:
  explicit OutputFile(std::string path) : path_(std::move(path)), partial_(path_ + ".partial") {
    file_.open(partial_, std::ios::binary | std::ios::trunc);
    if (!file_) throw Error("cannot write '" + partial_ + "': " + std::strerror(errno));
    if (partial_.size() < sizeof g_partial_path) {
      std::memcpy(g_partial_path, partial_.c_str(), partial_.size() + 1);
      for (const int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, remove_partial_and_die);
    }
  }
  ~OutputFile() {
    g_partial_path[0] = 0;
    if (!committed_) {
      file_.close();
      std::error_code ec;
      std::filesystem::remove(partial_, ec);
    }
  }
  std::ostream& stream() { return file_; }
  void commit() {
    ensure_flushed(file_, path_);
    file_.close();
    std::error_code ec;
    g_partial_path[0] = 0;
    std::filesystem::rename(partial_, path_, ec);
    if (ec) throw Error("cannot write '" + path_ + "': " + ec.message());
    committed_ = true;
  }

 private:
  std::string path_, partial_;
  std::ofstream file_;
  bool committed_ = false;
};

// --report: the calls scored again with their per-position maps (the same fold and network
// as the scan's, so the same probabilities) and written as the HTML report of `mirgene
// report`, listed by their coordinates.
void write_scan_report(predict::LocatedRecords& calls, const predict::Model& model,
                       const ScanOptions& opt) {
  predict::CappedSource source(calls, opt.report_max);
  std::vector<predict::ScoredSequence> scored;
  std::ostringstream no_rows;
  predict::score_in_order(
      source, model.members(), predict::Detail::kPositions, thread_count(opt.threads),
      [&](predict::ScoredSequence&& s) { scored.push_back(std::move(s)); }, no_rows, std::cerr);
  if (source.truncated())
    std::cerr << "warning: only the first " << opt.report_max << " of " << calls.size()
              << " calls are in the report (--report-max-calls)\n";
  report::ReportOptions options;
  const std::string input = opt.input == "-" ? "<stdin>" : opt.input;
  options.title = "mirgene scan: " + input;
  options.source = input;
  options.model = model.path;
  options.threshold = opt.settings.threshold;
  nn::write_file_atomically(opt.report, report::html_report(scored, options));
  std::cerr << "mirgene: report of " << scored.size() << " calls written to " << opt.report
            << '\n';
}

int run_scan(ScanOptions opt) {
  const scan::OutputFormat format = scan::parse_output_format(opt.format);
  opt.settings.plus = opt.strand != "-";
  opt.settings.minus = opt.strand != "+";
  opt.settings.merge = !opt.no_merge;
  if (!opt.region.empty()) {
    const std::size_t dash = opt.region.find('-');
    try {
      std::size_t used = 0;
      if (dash == std::string::npos) throw std::invalid_argument("no dash");
      opt.settings.region_start = std::stoll(opt.region.substr(0, dash), &used);
      if (used != dash) throw std::invalid_argument("trailing text");
      const std::string end = opt.region.substr(dash + 1);
      opt.settings.region_end = end.empty() ? -1 : std::stoll(end, &used);
      if (!end.empty() && used != end.size()) throw std::invalid_argument("trailing text");
    } catch (const std::logic_error&) {
      throw Error("scan: --region must be START-END (END may be empty), not '" + opt.region +
                  "'");
    }
  }
  scan::check_settings(opt.settings);
  const predict::Model model = predict::load_model(opt.model, predict::kScanModelName);
  const std::optional<scan::FpTable> fp_table = scan::fp_table_of(model.file.metadata, model.path);
  if (opt.max_fp_per_mb >= 0)
    opt.settings.threshold = threshold_for(fp_table, opt.max_fp_per_mb, model, opt.settings);
  auto reader = seqio::FastaReader::open(opt.input);

  std::unique_ptr<OutputFile> file;
  if (!opt.output.empty()) file = std::make_unique<OutputFile>(opt.output);
  std::ostream& out = file ? file->stream() : std::cout;
  const std::string out_name = file ? opt.output : "standard output";

  std::optional<scan::ProgressMeter> meter;
  if (opt.progress || isatty(STDERR_FILENO))
    meter.emplace(std::cerr, scan::input_text_size(opt.input));

  std::optional<predict::LocatedRecords> report_calls;
  if (!opt.report.empty()) report_calls.emplace(opt.input);
  out << scan::output_header(format);
  scan::ScanCallbacks callbacks;
  std::int64_t bases_done = 0;
  callbacks.record = [&](const std::string& chrom, std::vector<scan::Hairpin>&& candidates) {
    errno = 0;
    for (const scan::Hairpin& h : candidates) {
      std::optional<double> fp_per_mb;
      if (fp_table) fp_per_mb = scan::fp_per_mb_at(*fp_table, h.probability);
      out << scan::output_row(format, chrom, h, fp_per_mb);
      if (report_calls) {
        const genome::Coordinates where{chrom, h.start, h.end, h.strand};
        report_calls->add(genome::coordinates_name(where), h.sequence, where);
      }
    }
    ensure_written(out, out_name);
  };
  callbacks.progress = [&](std::int64_t bases, std::int64_t bases_read, std::uint64_t bytes) {
    bases_done = bases;
    if (meter) meter->update(bases, bases_read, bytes);
  };
  const scan::ScanTotals totals = scan::scan_fasta(*reader, model.members(), opt.settings,
                                                   thread_count(opt.threads), callbacks, std::cerr);
  if (meter) meter->finish(bases_done);
  if (file) file->commit();
  if (report_calls) write_scan_report(*report_calls, model, opt);
  if (opt.stats) {
    const scan::ScanWork& w = totals.work;
    std::fprintf(stderr,
                 "scan: %zu records, %lld nt (%lld nt in N runs skipped), %zu candidates\n"
                 "scan: band folding %.2f s for %lld nt, exact refolds %.2f s, network %.2f s "
                 "(CPU seconds); %lld stem-loops, %lld candidates scored\n",
                 totals.records, static_cast<long long>(totals.bases),
                 static_cast<long long>(totals.skipped_bases), totals.candidates,
                 w.band_fold_seconds, static_cast<long long>(w.folded_bases), w.refold_seconds,
                 w.score_seconds, static_cast<long long>(w.stem_loops),
                 static_cast<long long>(w.scored));
  }
  if (totals.records == 0 && totals.bad_records == 0)
    std::cerr << "warning: no FASTA records in " << (opt.input == "-" ? "<stdin>" : opt.input)
              << '\n';
  if (totals.bad_records > 0)
    std::cerr << "mirgene: " << totals.bad_records << " of "
              << (totals.records + totals.bad_records) << " records could not be read\n";
  return totals.records == 0 && totals.bad_records > 0 ? 1 : 0;
}

}  // namespace

Command add_scan_command(CLI::App& app) {
  auto opt = std::make_shared<ScanOptions>();
  scan::ScanSettings& s = opt->settings;
  CLI::App* cmd = app.add_subcommand(
      "scan",
      "Find pre-miRNA candidates in genomic DNA: fold each strand locally, cut out each "
      "stem-loop, fold it alone and score it. Writes BED6 (default), GFF3 or TSV, in input "
      "order then by start; see docs/scan.md.");
  cmd->add_option("input", opt->input, "FASTA file (plain or gzip), or - for standard input")
      ->capture_default_str();
  cmd->add_option("-o,--output", opt->output,
                  "file to write (default: standard output); written whole or not at all");
  cmd->add_option("-f,--format", opt->format,
                  "output format: bed, gff3 or tsv (calls: exact values, for gathering pieces)")
      ->check(CLI::IsMember({"bed", "gff3", "tsv", "calls"}))
      ->capture_default_str();
  add_model_option(cmd, opt->model, "mirgene-genome.safetensors");
  CLI::Option* threshold =
      cmd->add_option("-t,--threshold", s.threshold, "report hairpins whose probability is >= this")
          ->check(probability_range())
          ->capture_default_str();
  cmd->add_option("--max-fp-per-mb", opt->max_fp_per_mb,
                  "instead of -t: the lowest threshold at which the model's calibration "
                  "(mirgene calibrate) counts at most this many false positives per Mb")
      ->check(non_negative_rate())
      ->excludes(threshold);
  cmd->add_option("--strand", opt->strand, "strands to scan: both, + or -")
      ->check(CLI::IsMember({"both", "+", "-"}))
      ->capture_default_str();
  add_threads_option(cmd, opt->threads);
  add_scan_settings_options(cmd, s);
  cmd->add_option("--offset", s.offset,
                  "pieces of a longer sequence: each record starts at this position of it "
                  "(coordinates and the chunk grid follow; see docs/scan.md)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--region", opt->region,
                  "pieces: scan only the chunks whose grid cell starts in START-END (of the "
                  "longer sequence)");
  cmd->add_flag("--no-merge", opt->no_merge,
                "report every hairpin at or above the threshold, overlapping ones included");
  cmd->add_option("--report", opt->report,
                  "also write the calls as an HTML report (mirgene report's page, with their "
                  "coordinates), written whole or not at all");
  cmd->add_option("--report-max-calls", opt->report_max,
                  "put at most this many calls in the report (the page stays responsive)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_flag("--progress", opt->progress,
                "show progress on stderr even when it is not a terminal");
  cmd->add_flag("--stats", opt->stats, "print what was scanned and where the time went");
  return {cmd, [opt] { return run_scan(*opt); }};
}

}  // namespace mirgene::cli
