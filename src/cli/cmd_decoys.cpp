// `mirgene decoys`: build negatives that look like pre-miRNAs but are not (genomic
// pseudo-hairpins, trimmed negatives, shuffled positives, the positives' other strand), with
// the positives' lengths.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/record_files.hpp"
#include "cli/shared_options.hpp"
#include "common/error.hpp"
#include "common/ordered_parallel.hpp"
#include "decoys/builder.hpp"
#include "nn/safetensors.hpp"
#include "seqio/fasta_reader.hpp"

namespace mirgene::cli {
namespace {

struct DecoysOptions {
  std::string like, output, region;
  std::vector<std::string> genomes, trim, shuffle, antisense, known;
  decoys::BuildSettings settings;
  double max_energy_kcal = -15.0;
  int threads = 0;
};

// "START-END" (0-based, half-open, forward strand) into the settings.
void parse_region(const std::string& text, decoys::BuildSettings& s) {
  long long a = 0, b = 0;
  char dash = 0;
  int used = 0;
  if (std::sscanf(text.c_str(), "%lld%c%lld%n", &a, &dash, &b, &used) != 3 || dash != '-' ||
      used != static_cast<int>(text.size()) || a < 0 || b <= a)
    throw Error("--region '" + text + "': expected START-END with 0 <= START < END");
  s.region_start = a;
  s.region_end = b;
}

struct LengthMix {
  std::size_t n = 0, below_80 = 0, from_80_to_100 = 0, above_100 = 0;
  void add(std::size_t length) {
    ++n;
    (length < 80 ? below_80 : length <= 100 ? from_80_to_100 : above_100) += 1;
  }
  std::string text() const {
    if (n == 0) return "-";
    char out[96];
    std::snprintf(out, sizeof out, "<80 nt %.0f%%, 80-100 %.0f%%, >100 %.0f%%",
                  100.0 * below_80 / n, 100.0 * from_80_to_100 / n, 100.0 * above_100 / n);
    return out;
  }
};

void report(const char* source, const decoys::SourceTally& t, const LengthMix& mix) {
  std::cerr << source << ": " << t.inputs
            << (std::string(source) == "genomic" ? " windows" : " records") << ", " << t.candidates
            << " pieces folded, " << t.accepted << " kept (" << mix.text() << ")\n";
}

// What one record gave, with the work it took.
struct RecordDecoys {
  std::vector<decoys::Decoy> found;
  decoys::SourceTally tally;
};

// Trimmed or shuffled decoys of every record of `files`, in input order, on all threads.
// `make(record, index, folder, tally)` returns the record's decoys.
template <class Make>
std::vector<decoys::Decoy> per_record(const std::vector<std::string>& files, int threads,
                                      decoys::SourceTally& tally, Make make) {
  std::vector<decoys::Decoy> out;
  std::vector<std::unique_ptr<fold::Folder>> folders;
  for (int w = 0; w < threads; ++w) folders.push_back(std::make_unique<fold::Folder>());
  std::uint64_t index = 0;
  for (const std::string& file : files) {
    const std::vector<seqio::Record> records = read_records(file);
    ordered_parallel<std::size_t, RecordDecoys>(
        threads, index_source(records.size()),
        [&](std::size_t& k, int worker) {
          RecordDecoys r;
          r.found = make(records[k], index + k, *folders[worker], r.tally);
          return r;
        },
        [&](RecordDecoys&& r) {
          tally.inputs += r.tally.inputs;
          tally.candidates += r.tally.candidates;
          tally.accepted += r.tally.accepted;
          for (decoys::Decoy& d : r.found) out.push_back(std::move(d));
        });
    index += records.size();
  }
  return out;
}

int run_decoys(DecoysOptions& o) {
  if (o.genomes.empty() && o.trim.empty() && o.shuffle.empty() && o.antisense.empty())
    throw Error("give at least one source: --genome, --trim, --shuffle or --antisense");
  if (!std::isfinite(o.max_energy_kcal)) throw Error("--max-energy must be a finite number");
  decoys::BuildSettings& s = o.settings;
  s.criteria.max_energy = static_cast<int>(std::lround(o.max_energy_kcal * 100));
  s.threads = o.threads > 0 ? o.threads : default_thread_count();
  if (!o.region.empty()) parse_region(o.region, s);

  std::vector<int> lengths;
  LengthMix like_mix;
  // Pre-miRNAs that no antisense decoy may share a stretch with: --like, the --antisense
  // inputs themselves and --known (indexed only when antisense decoys are asked for).
  decoys::StretchIndex known;
  auto remember = [&](const seqio::Record& r) {
    if (o.antisense.empty()) return;
    if (const auto rna = decoys::plain_rna(r.seq)) known.add(*rna);
  };
  for (const seqio::Record& r : read_records(o.like)) {
    lengths.push_back(static_cast<int>(r.seq.size()));
    like_mix.add(r.seq.size());
    remember(r);
  }
  if (!o.antisense.empty())
    for (const auto* files : {&o.antisense, &o.known})
      for (const std::string& file : *files)
        for (const seqio::Record& r : read_records(file)) remember(r);
  if (lengths.empty()) throw Error(o.like + ": no usable records to take lengths from");
  const decoys::LengthSampler sampler(std::move(lengths));
  std::cerr << o.like << ": " << like_mix.n << " positives (" << like_mix.text() << ")\n";

  std::vector<decoys::Decoy> all;
  decoys::SourceTally genomic, trimmed, shuffled, antisense;
  // Per-source mixes are kept apart so each summary line describes its own source.
  auto take = [&](std::vector<decoys::Decoy>&& found, const char* name,
                  const decoys::SourceTally& tally) {
    LengthMix mix;
    for (const decoys::Decoy& d : found) mix.add(d.seq.size());
    report(name, tally, mix);
    for (decoys::Decoy& d : found) all.push_back(std::move(d));
  };
  if (!o.genomes.empty()) {
    std::vector<decoys::Decoy> found;
    for (const std::string& file : o.genomes)
      for (const seqio::Record& r : read_records(file))
        for (decoys::Decoy& d : decoys::genomic_decoys(r.id, r.seq, sampler, s, genomic))
          found.push_back(std::move(d));
    take(std::move(found), "genomic", genomic);
  }
  if (!o.trim.empty()) {
    take(per_record(o.trim, s.threads, trimmed,
                    [&](const seqio::Record& r, std::uint64_t index, fold::Folder& folder,
                        decoys::SourceTally& t) {
                      return decoys::trimmed_decoys(r.id, r.seq, index, sampler, s, folder, t);
                    }),
         "trimmed", trimmed);
  }
  // Shuffled and antisense decoys: at most one per record.
  auto at_most_one = [](std::optional<decoys::Decoy> d) {
    std::vector<decoys::Decoy> found;
    if (d) found.push_back(std::move(*d));
    return found;
  };
  if (!o.shuffle.empty()) {
    take(per_record(o.shuffle, s.threads, shuffled,
                    [&](const seqio::Record& r, std::uint64_t index, fold::Folder& folder,
                        decoys::SourceTally& t) {
                      return at_most_one(decoys::shuffled_decoy(r.id, r.seq, index, s, folder, t));
                    }),
         "shuffled", shuffled);
  }
  if (!o.antisense.empty()) {
    take(per_record(o.antisense, s.threads, antisense,
                    [&](const seqio::Record& r, std::uint64_t, fold::Folder& folder,
                        decoys::SourceTally& t) {
                      return at_most_one(decoys::antisense_decoy(r.id, r.seq, known, s, folder, t));
                    }),
         "antisense", antisense);
  }
  std::string fasta;
  for (const decoys::Decoy& d : all) {
    char energy[32];
    std::snprintf(energy, sizeof energy, "%.2f", d.energy / 100.0);
    fasta += '>' + d.id + " source=" + d.source + " length=" + std::to_string(d.seq.size()) +
             " mfe=" + energy + '\n' + d.seq + '\n';
  }
  nn::write_file_atomically(o.output, fasta);
  std::cerr << "wrote " << all.size() << " decoys to " << o.output << '\n';
  return all.empty() ? 1 : 0;
}

}  // namespace

Command add_decoys_command(CLI::App& app) {
  auto opt = std::make_shared<DecoysOptions>();
  CLI::App* cmd = app.add_subcommand(
      "decoys",
      "Build negatives that look like pre-miRNAs but are not: stem-loops cut from DNA without "
      "miRNAs (--genome), negatives trimmed to their stem-loop (--trim), dinucleotide-"
      "shuffled positives (--shuffle) and the positives' other strand (--antisense), each "
      "folding into one hairpin with lengths drawn from --like. See docs/training.md.");
  cmd->add_option("--like", opt->like, "FASTA of pre-miRNAs whose lengths the decoys follow")
      ->required();
  cmd->add_option("--genome", opt->genomes, "FASTA of DNA without miRNAs (repeatable)");
  cmd->add_option("--trim", opt->trim, "FASTA of negatives to trim (repeatable)");
  cmd->add_option("--shuffle", opt->shuffle, "FASTA of pre-miRNAs to shuffle (repeatable)");
  cmd->add_option("--antisense", opt->antisense,
                  "FASTA of pre-miRNAs whose reverse complements become decoys (repeatable)");
  cmd->add_option("--known", opt->known,
                  "FASTA of further pre-miRNAs that no antisense decoy may share 40 nt with "
                  "(repeatable; --like and --antisense are always checked)");
  cmd->add_option("-o,--output", opt->output, "FASTA file to write")->required();
  cmd->add_option("--region", opt->region,
                  "genomic pieces only from START-END of each record (0-based, half-open)");
  cmd->add_option("--window", opt->settings.window, "genomic window folded at a time (nt)")
      ->check(CLI::Range(20, 5000))
      ->capture_default_str();
  cmd->add_option("--step", opt->settings.step, "distance between genomic windows (nt)")
      ->check(CLI::Range(1, 5000))
      ->capture_default_str();
  cmd->add_option("--lengths-per-negative", opt->settings.lengths_per_negative,
                  "lengths tried per trimmed negative")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--shuffle-tries", opt->settings.shuffle_tries,
                  "shuffles tried per positive before giving up")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--min-pairs", opt->settings.criteria.min_pairs,
                  "base pairs a decoy's stem-loop needs")
      ->check(CLI::Range(1, 200))
      ->capture_default_str();
  cmd->add_option("--max-energy", opt->max_energy_kcal, "highest MFE of a decoy, kcal/mol")
      ->capture_default_str();
  cmd->add_option("--seed", opt->settings.seed, "random seed")->capture_default_str();
  add_threads_option(cmd, opt->threads);
  return {cmd, [opt] { return run_decoys(*opt); }};
}

}  // namespace mirgene::cli
