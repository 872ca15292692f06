#pragma once
// The C. elegans cluster genome of data/genomes copied into a test's temporary folder, plain,
// bgzip-compressed (tabix's bgzip) or gzip-compressed, so that the indexes the tests build
// land there and never in the repository; and the bases samtools faidx gives for a locus,
// the independent reference that fetched loci are compared with.
#include <filesystem>
#include <string>

#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace mirgene::test {

inline const std::string kCelGenome = "data/genomes/cel_mir35_cluster.fa";
inline const std::string kCelLoci = "data/genomes/cel_mir35_cluster.bed";

// `how`: "plain", "bgzip" or "gzip". Returns the copy's path inside `dir`.
inline std::string cel_genome_copy(const TempDir& dir, const std::string& how) {
  const std::string plain = dir.file("cel.fa");
  if (!std::filesystem::exists(plain)) std::filesystem::copy_file(kCelGenome, plain);
  if (how == "plain") return plain;
  const std::string packed = dir.file(how == "bgzip" ? "cel.bgz.fa.gz" : "cel.gz.fa.gz");
  const std::string tool = how == "bgzip" ? "bgzip -c " : "gzip -n -c ";
  // In a subshell: run() sends the command's own standard output to a file of its own.
  const RunResult r = run("(" + tool + shell_quoted(plain) + " > " + shell_quoted(packed) + ")");
  if (r.status != 0) throw std::runtime_error(tool + "failed: " + r.err);
  return packed;
}

// samtools faidx's bases of CHROM:[start, end) (0-based half-open), reverse-complemented
// with -i for strand '-'; names holding ':' are given in braces, as samtools asks.
inline std::string samtools_bases(const std::string& genome, const std::string& chrom, long start,
                                  long end, char strand) {
  const std::string region =
      "{" + chrom + "}:" + std::to_string(start + 1) + "-" + std::to_string(end);
  const RunResult r = run("samtools faidx " + std::string(strand == '-' ? "-i " : "") +
                          shell_quoted(genome) + " " + shell_quoted(region));
  if (r.status != 0) throw std::runtime_error("samtools faidx failed: " + r.err);
  std::string bases;
  for (const std::string& line : lines_of(r.out))
    if (!line.empty() && line[0] != '>') bases += line;
  return bases;
}

}  // namespace mirgene::test
