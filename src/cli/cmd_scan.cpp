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
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "common/error.hpp"
#include "common/output_check.hpp"
#include "predict/model.hpp"
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
  scan::ScanSettings settings;
};

// The partial output file a signal handler removes (Ctrl-C, kill) before the process ends.
char g_partial_path[4096] = {0};

extern "C" void remove_partial_and_die(int sig) {
  if (g_partial_path[0] != 0) unlink(g_partial_path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
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
  const predict::Model model = predict::load_model(opt.model);
  auto reader = seqio::FastaReader::open(opt.input);

  std::unique_ptr<OutputFile> file;
  if (!opt.output.empty()) file = std::make_unique<OutputFile>(opt.output);
  std::ostream& out = file ? file->stream() : std::cout;
  const std::string out_name = file ? opt.output : "standard output";

  std::optional<scan::ProgressMeter> meter;
  if (opt.progress || isatty(STDERR_FILENO))
    meter.emplace(std::cerr, scan::input_text_size(opt.input));

  out << scan::output_header(format);
  scan::ScanCallbacks callbacks;
  std::int64_t bases_done = 0;
  callbacks.record = [&](const std::string& chrom, std::vector<scan::Hairpin>&& candidates) {
    errno = 0;
    for (const scan::Hairpin& h : candidates) out << scan::output_row(format, chrom, h);
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
  add_model_option(cmd, opt->model);
  cmd->add_option("-t,--threshold", s.threshold,
                  "report hairpins whose probability is >= this")
      ->check(probability_range())
      ->capture_default_str();
  cmd->add_option("--strand", opt->strand, "strands to scan: both, + or -")
      ->check(CLI::IsMember({"both", "+", "-"}))
      ->capture_default_str();
  add_threads_option(cmd, opt->threads);
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
  cmd->add_option("--offset", s.offset,
                  "pieces of a longer sequence: each record starts at this position of it "
                  "(coordinates and the chunk grid follow; see docs/scan.md)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--region", opt->region,
                  "pieces: scan only the chunks whose grid cell starts in START-END (of the "
                  "longer sequence)");
  cmd->add_flag("--no-merge", opt->no_merge,
                "report every hairpin at or above the threshold, overlapping ones included");
  cmd->add_flag("--progress", opt->progress,
                "show progress on stderr even when it is not a terminal");
  cmd->add_flag("--stats", opt->stats, "print what was scanned and where the time went");
  return {cmd, [opt] { return run_scan(*opt); }};
}

}  // namespace mirgene::cli
