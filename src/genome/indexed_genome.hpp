#pragma once
// Random access to the sequences of a genome FASTA through htslib's faidx: plain FASTA with
// its .fai, or bgzip-compressed FASTA with .fai and .gzi. Fetching a locus reads only the
// lines (bgzip: the 64 KiB blocks) that hold it, so a genome of any size is never read whole.
//
// Opening checks the genome before any work is done, with one message per problem:
//   - an index that is missing is built (as `samtools faidx` would) when the genome's folder
//     is writable; otherwise the message gives the `samtools faidx` command to run;
//   - a genome compressed with plain gzip cannot be indexed: recompress it with bgzip;
//   - an index older than its genome may describe another file: it is refused.
// Chromosome names are used as they are (no region syntax), so names holding ':' or '-'
// work.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mirgene::genome {

class IndexedGenome {
 public:
  // Throws mirgene::Error (one message naming the file) when the genome cannot be used.
  explicit IndexedGenome(const std::string& path);
  ~IndexedGenome();
  IndexedGenome(const IndexedGenome&) = delete;
  IndexedGenome& operator=(const IndexedGenome&) = delete;

  const std::string& path() const { return path_; }
  // True when the index was built by this object (it was missing).
  bool index_built() const { return index_built_; }
  // The index files: GENOME.fai, and GENOME.gzi for a bgzip genome.
  const std::vector<std::string>& index_files() const { return index_files_; }

  // The length of sequence `chrom`, or nothing when the genome has no such sequence.
  std::optional<std::int64_t> length(const std::string& chrom) const;

  // The bases [start, end) of `chrom` (0-based half-open, forward strand) as the file holds
  // them (case kept). Throws mirgene::Error when they cannot be read; callers check the
  // range against length() first.
  std::string fetch(const std::string& chrom, std::int64_t start, std::int64_t end) const;

 private:
  struct Index;
  std::string path_;
  bool index_built_ = false;
  std::vector<std::string> index_files_;
  std::unique_ptr<Index> index_;
};

}  // namespace mirgene::genome
