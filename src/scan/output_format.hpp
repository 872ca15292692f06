#pragma once
// The scan's output formats, one line per candidate:
//   BED6: chrom, start (0-based), end, name, score (0-1000: round(1000 * probability)), strand
//   GFF3: '##gff-version 3' header; 1-based inclusive coordinates, type pre_miRNA, score =
//         probability, attributes ID, probability, fp_per_mb (only when known), mfe
//         (kcal/mol), structure
//   TSV:  a header row, then chrom, start, end, strand, probability, fp_per_mb (NA when not
//         known), mfe (kcal/mol), sequence (5'->3' on its strand), structure
//   calls: (for gathering pieces, see workflow/) TSV without header: chrom, start, end,
//         strand, probability (9 significant digits: the exact float), MFE (dcal/mol),
//         sequence, structure
// The name (BED) and ID (GFF3) is CHROM:START-END(STRAND) in BED coordinates.
#include <optional>
#include <string>
#include <string_view>

#include "scan/hairpin.hpp"

namespace mirgene::scan {

enum class OutputFormat { kBed, kGff3, kTsv, kCalls };

// "bed", "gff3", "tsv" or "calls"; throws mirgene::Error for anything else.
OutputFormat parse_output_format(std::string_view name);

// What comes before the first row ("" for BED).
std::string output_header(OutputFormat format);

// `fp_per_mb`: the false positives per Mb expected at the call's probability, when the model
// carries a calibration (fp_calibration.hpp); BED and calls rows never show it.
std::string output_row(OutputFormat format, const std::string& chrom, const Hairpin& h,
                       std::optional<double> fp_per_mb = std::nullopt);

}  // namespace mirgene::scan
