#pragma once
// Reading the loci of a regions file: BED (BED3 to BED12), GFF3, or the TSV `mirgene scan -f
// tsv` writes. The format is told by the content (a `##gff-version` line, the scan's header,
// else the columns of the first data line), never by the file name; the file may be gzip.
//
//   BED   0-based half-open; name (column 4) and strand (column 6) used when present, '.'
//         meaning none (no strand: '+'); blocks of BED12 are ignored (the locus is
//         chromStart-chromEnd). `track` and `browser` lines, `#` comments and one header line
//         before the first locus (start and end not numbers) are skipped.
//   GFF3  1-based inclusive, converted to 0-based half-open; only features whose type
//         (column 3) is one of `feature_types`; id = the Name attribute, else ID (percent
//         escapes decoded, bytes kept as they are when not UTF-8); a strand is required.
//         Reading stops at a `##FASTA` line.
//   scan TSV  the header `chrom	start	end	strand	...`, then 0-based half-open loci.
// Line ends may be LF or CRLF. A line that cannot be read becomes an entry with a problem
// (the other lines are read as usual); only an unreadable file throws.
#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "genome/locus.hpp"

namespace mirgene::genome {

enum class RegionFormat { kBed, kGff3, kScanTsv };

// "BED", "GFF3" or "scan TSV".
const char* format_name(RegionFormat format);

// The precursor feature types miRBase (miRNA_primary_transcript) and `mirgene scan -f gff3`
// (pre_miRNA) write, also as their Sequence Ontology accessions.
std::vector<std::string> default_feature_types();

struct RegionEntry {
  Locus locus;             // as far as the line could be read
  bool located = false;    // chrom, start and end were read (the row can show them)
  std::string problem;     // "" for a good locus; else why the line is not one
  std::size_t column = 1;  // 1-based byte column of the problem
};

struct Regions {
  std::string source;  // the file as messages name it
  RegionFormat format = RegionFormat::kBed;
  std::vector<RegionEntry> entries;  // one per locus line, in file order
  // GFF3: features left out because of their type, by type (to say why nothing was read).
  std::map<std::string, std::size_t> other_types;
};

// Reads every locus of `path` ("-" = standard input). Throws mirgene::Error when the file
// cannot be opened or read.
Regions read_regions(const std::string& path, const std::vector<std::string>& feature_types);

// The same from text already decoded (not gzip), named `source` in messages.
Regions read_regions(std::istream& in, const std::string& source,
                     const std::vector<std::string>& feature_types);

}  // namespace mirgene::genome
