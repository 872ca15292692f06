#include "genome/indexed_genome.hpp"

#include <htslib/faidx.h>
#include <htslib/hfile.h>
#include <htslib/hts.h>
#include <htslib/hts_log.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "common/error.hpp"

namespace mirgene::genome {
namespace fs = std::filesystem;

struct IndexedGenome::Index {
  faidx_t* fai = nullptr;
  ~Index() {
    if (fai) fai_destroy(fai);
  }
};

namespace {

std::string samtools_command(const std::string& path) {
  return "`samtools faidx " + path + "`";
}

// How the genome's bytes are stored, told by htslib from their start (not the name).
htsCompression compression_of(const std::string& path) {
  hFILE* file = hopen(path.c_str(), "r");
  if (!file) throw Error("cannot open '" + path + "': " + std::strerror(errno));
  htsFormat format{};
  const int detected = hts_detect_format(file, &format);
  const int closed = hclose(file);
  if (detected < 0 || closed != 0)
    throw Error("cannot read '" + path + "': " + std::strerror(errno));
  return format.compression;
}

void check_compression(const std::string& path, htsCompression compression) {
  switch (compression) {
    case no_compression:
    case bgzf:
      return;
    case gzip:
      throw Error(path +
                  ": compressed with plain gzip, which cannot be read at random; "
                  "recompress it with bgzip (`zcat " +
                  path +
                  " | bgzip > GENOME.fa.gz`), "
                  "or decompress it");
    default:
      throw Error(path +
                  ": compressed in a format htslib cannot index; decompress it, or "
                  "recompress it with bgzip");
  }
}

bool folder_writable(const std::string& path) {
  const fs::path folder = fs::path(path).parent_path();
  return ::access(folder.empty() ? "." : folder.c_str(), W_OK) == 0;
}

}  // namespace

IndexedGenome::IndexedGenome(const std::string& path) : path_(path), index_(new Index) {
  // mirgene's messages replace htslib's own lines on stderr ("[E::fai_build3_core] ...").
  hts_set_log_level(HTS_LOG_OFF);
  if (path == "-") throw Error("the genome must be a file: standard input cannot be indexed");
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw Error("cannot open '" + path + "': it is a directory");
  if (!fs::exists(path, ec)) throw Error("cannot open '" + path + "': No such file or directory");

  const htsCompression compression = compression_of(path);
  check_compression(path, compression);
  std::vector<std::string>& index_files = index_files_;
  index_files.push_back(path + ".fai");
  if (compression == bgzf) index_files.push_back(path + ".gzi");

  bool missing = false;
  for (const std::string& f : index_files) missing = missing || !fs::exists(f, ec);
  if (missing) {
    if (!folder_writable(path))
      throw Error(path + ": no index (" + index_files[0] +
                  (index_files.size() > 1 ? " and " + index_files[1] : std::string()) +
                  ") and its folder is not writable, so mirgene cannot build one; run " +
                  samtools_command(path) + " as a user who may write there");
    if (fai_build3(path.c_str(), nullptr, nullptr) != 0)
      throw Error(path +
                  ": cannot build its index (is it FASTA, with lines of equal length "
                  "within each record?); " +
                  samtools_command(path) + " says more");
    index_built_ = true;
  }
  // An index describes the file as it was: a genome rewritten since (another assembly
  // under the same name) would be read at the old offsets, giving wrong bases silently.
  const fs::file_time_type genome_time = fs::last_write_time(path, ec);
  for (const std::string& f : index_files) {
    const fs::file_time_type index_time = fs::last_write_time(f, ec);
    if (!ec && index_time < genome_time)
      throw Error(path + " is newer than its index " + f +
                  ", which may describe an older file; rebuild it with " + samtools_command(path) +
                  " (or delete it and mirgene builds it)");
  }

  index_->fai = fai_load3(path.c_str(), nullptr, nullptr, 0);
  if (!index_->fai)
    throw Error(path + ": cannot read its index " + index_files[0] + "; rebuild it with " +
                samtools_command(path));
}

IndexedGenome::~IndexedGenome() = default;

std::optional<std::int64_t> IndexedGenome::length(const std::string& chrom) const {
  if (!faidx_has_seq(index_->fai, chrom.c_str())) return std::nullopt;
  return faidx_seq_len(index_->fai, chrom.c_str());
}

std::string IndexedGenome::fetch(const std::string& chrom, std::int64_t start,
                                 std::int64_t end) const {
  hts_pos_t got = 0;
  // faidx takes the name as it is (no region parsing) and an inclusive end.
  char* bases = faidx_fetch_seq64(index_->fai, chrom.c_str(), start, end - 1, &got);
  if (!bases || got != end - start) {
    std::free(bases);
    throw Error(path_ + ": cannot read " + chrom + ':' + std::to_string(start) + '-' +
                std::to_string(end) + " (is the index up to date? " + samtools_command(path_) +
                " rebuilds it)");
  }
  std::string out(bases, static_cast<std::size_t>(got));
  std::free(bases);
  return out;
}

}  // namespace mirgene::genome
