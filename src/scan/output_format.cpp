#include "scan/output_format.hpp"

#include <cmath>
#include <cstdio>

#include "common/error.hpp"

namespace mirgene::scan {
namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string kcal(int dcal) { return fixed(dcal / 100.0, 2); }

// Rates are stored to 1/1000 per Mb; two decimals tell 0.01 per Mb (10 per Gb) apart.
std::string rate(double fp_per_mb) { return fixed(fp_per_mb, 2); }

std::string name_of(const std::string& chrom, const Hairpin& h) {
  return chrom + ":" + std::to_string(h.start) + "-" + std::to_string(h.end) + "(" + h.strand +
         ")";
}

// GFF3 column 9 reserves ';', '=', '&', ',' and control characters; percent-encode them.
std::string gff_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == ';' || c == '=' || c == '&' || c == ',' || c == '%' ||
        static_cast<unsigned char>(c) < 0x20) {
      char code[4];
      std::snprintf(code, sizeof code, "%%%02X", static_cast<unsigned char>(c));
      out += code;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

OutputFormat parse_output_format(std::string_view name) {
  if (name == "bed") return OutputFormat::kBed;
  if (name == "gff3") return OutputFormat::kGff3;
  if (name == "tsv") return OutputFormat::kTsv;
  if (name == "calls") return OutputFormat::kCalls;
  throw Error("unknown output format '" + std::string(name) + "' (bed, gff3, tsv or calls)");
}

std::string output_header(OutputFormat format) {
  switch (format) {
    case OutputFormat::kBed:
    case OutputFormat::kCalls:
      return "";
    case OutputFormat::kGff3:
      return "##gff-version 3\n";
    case OutputFormat::kTsv:
      return "chrom\tstart\tend\tstrand\tprobability\tfp_per_mb\tmfe\tsequence\tstructure\n";
  }
  return "";
}

std::string output_row(OutputFormat format, const std::string& chrom, const Hairpin& h,
                       std::optional<double> fp_per_mb) {
  const std::string strand(1, h.strand);
  switch (format) {
    case OutputFormat::kBed: {
      const long score = std::lround(1000.0 * h.probability);
      return chrom + '\t' + std::to_string(h.start) + '\t' + std::to_string(h.end) + '\t' +
             name_of(chrom, h) + '\t' + std::to_string(score) + '\t' + strand + '\n';
    }
    case OutputFormat::kGff3:
      return chrom + "\tmirgene\tpre_miRNA\t" + std::to_string(h.start + 1) + '\t' +
             std::to_string(h.end) + '\t' + fixed(h.probability, 4) + '\t' + strand + "\t.\t" +
             "ID=" + gff_escape(name_of(chrom, h)) + ";probability=" + fixed(h.probability, 4) +
             (fp_per_mb ? ";fp_per_mb=" + rate(*fp_per_mb) : std::string()) +
             ";mfe=" + kcal(h.energy) + ";structure=" + h.structure + '\n';
    case OutputFormat::kTsv:
      return chrom + '\t' + std::to_string(h.start) + '\t' + std::to_string(h.end) + '\t' +
             strand + '\t' + fixed(h.probability, 4) + '\t' +
             (fp_per_mb ? rate(*fp_per_mb) : std::string("NA")) + '\t' + kcal(h.energy) + '\t' +
             h.sequence + '\t' + h.structure + '\n';
    case OutputFormat::kCalls: {
      char p[32];
      std::snprintf(p, sizeof p, "%.9g", static_cast<double>(h.probability));
      return chrom + '\t' + std::to_string(h.start) + '\t' + std::to_string(h.end) + '\t' +
             strand + '\t' + p + '\t' + std::to_string(h.energy) + '\t' + h.sequence + '\t' +
             h.structure + '\n';
    }
  }
  return "";
}

}  // namespace mirgene::scan
