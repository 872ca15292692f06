#include "genome/region_file.hpp"

#include <algorithm>
#include <charconv>
#include <istream>
#include <memory>
#include <optional>
#include <string_view>

#include "common/error.hpp"
#include "genome/gff3_attributes.hpp"
#include "seqio/text_input.hpp"

namespace mirgene::genome {
namespace {

struct Field {
  std::string_view text;
  std::size_t column;  // 1-based
};

// BED is tab-separated; files without a tab are split at runs of blanks, as BED readers
// that predate the tab rule do.
std::vector<Field> split_fields(std::string_view line) {
  std::vector<Field> fields;
  const bool tabs = line.find('\t') != std::string_view::npos;
  std::size_t i = 0;
  while (i <= line.size()) {
    if (!tabs) {
      while (i < line.size() && line[i] == ' ') ++i;
      if (i == line.size()) break;
    }
    const std::size_t stop = tabs ? line.find('\t', i) : line.find(' ', i);
    const std::size_t end = stop == std::string_view::npos ? line.size() : stop;
    fields.push_back({line.substr(i, end - i), i + 1});
    i = end + 1;
  }
  return fields;
}

// A whole field as a signed integer; nothing for anything else ("12x", "", "1e3").
std::optional<std::int64_t> integer(std::string_view text) {
  std::int64_t value = 0;
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') ++first;
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || end != last || first == last) return std::nullopt;
  return value;
}

bool starts_with_word(std::string_view line, std::string_view word) {
  return line.starts_with(word) &&
         (line.size() == word.size() || line[word.size()] == ' ' || line[word.size()] == '\t');
}

bool is_scan_header(std::string_view line) {
  return line.starts_with("chrom\tstart\tend\tstrand");
}

class RegionParser {
 public:
  RegionParser(Regions& out, const std::vector<std::string>& types) : out_(out), types_(types) {}

  // False once the rest of the file holds no loci (GFF3's ##FASTA).
  bool line(std::string_view text, std::size_t number) {
    if (text.empty() ||
        std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; }))
      return true;
    if (!format_known_) decide_format(text);
    if (out_.format == RegionFormat::kGff3) {
      if (text.starts_with("##FASTA")) return false;
      if (text.starts_with('#')) return true;
      gff3(text, number);
      return true;
    }
    if (text.starts_with('#') || starts_with_word(text, "track") ||
        starts_with_word(text, "browser"))
      return true;
    if (out_.format == RegionFormat::kScanTsv && !header_seen_ && is_scan_header(text)) {
      header_seen_ = true;
      return true;
    }
    bed_like(text, number);
    return true;
  }

 private:
  void decide_format(std::string_view text) {
    if (text.starts_with("##gff-version")) {
      out_.format = RegionFormat::kGff3;
    } else if (is_scan_header(text)) {
      out_.format = RegionFormat::kScanTsv;
    } else if (text.starts_with('#') || starts_with_word(text, "track") ||
               starts_with_word(text, "browser")) {
      return;  // decided by the first data line
    } else {
      const std::vector<Field> f = split_fields(text);
      // GFF3 without its version line: nine columns, positions in the 4th and 5th, text in
      // the 2nd (BED's 2nd column is a position).
      const bool gff =
          f.size() >= 8 && integer(f[3].text) && integer(f[4].text) && !integer(f[1].text);
      out_.format = gff ? RegionFormat::kGff3 : RegionFormat::kBed;
    }
    format_known_ = true;
  }

  RegionEntry& entry(std::size_t number) {
    out_.entries.emplace_back();
    RegionEntry& e = out_.entries.back();
    e.locus.line = number;
    return e;
  }

  static void fail(RegionEntry& e, std::string problem, std::size_t column) {
    if (!e.problem.empty()) return;  // the first problem of a line is the one to fix first
    e.problem = std::move(problem);
    e.column = column;
  }

  // chrom, start, end in BED coordinates from fields 0, 1, 2 (BED and the scan's TSV).
  void bed_like(std::string_view text, std::size_t number) {
    const std::vector<Field> f = split_fields(text);
    const bool scan = out_.format == RegionFormat::kScanTsv;
    const std::optional<std::int64_t> start = f.size() > 1 ? integer(f[1].text) : std::nullopt;
    const std::optional<std::int64_t> end = f.size() > 2 ? integer(f[2].text) : std::nullopt;
    // A column-name line before the first locus is a header, not a bad locus.
    if (!scan && !data_seen_ && f.size() >= 3 && !start && !end) {
      data_seen_ = true;
      return;
    }
    data_seen_ = true;
    RegionEntry& e = entry(number);
    Locus& l = e.locus;
    if (f.size() < 3) {
      fail(e, "expected at least 3 columns (chrom, start, end), found " + std::to_string(f.size()),
           1);
      return;
    }
    l.where.chrom = f[0].text;
    l.chrom_column = f[0].column;
    l.start_column = f[1].column;
    l.end_column = f[2].column;
    // The name first, so that a message about this line can name the locus.
    if (!scan && f.size() > 3 && f[3].text != ".") l.name = f[3].text;
    if (!start)
      return fail(e, "start '" + std::string(f[1].text) + "' is not a whole number", f[1].column);
    if (!end)
      return fail(e, "end '" + std::string(f[2].text) + "' is not a whole number", f[2].column);
    l.where.start = *start;
    l.where.end = *end;
    e.located = true;
    const std::size_t strand_field = scan ? 3 : 5;
    if (f.size() > strand_field) {
      const std::string_view s = f[strand_field].text;
      l.strand_column = f[strand_field].column;
      if (s == "+" || s == "-")
        l.where.strand = s[0];
      else if (!(s == "." && !scan))
        fail(e,
             "strand must be + or -" + std::string(scan ? "" : " (or . for none)") + ", not '" +
                 std::string(s) + "'",
             l.strand_column);
    } else if (scan) {
      fail(e, "no strand column", 1);
    }
    check_span(e);
  }

  void gff3(std::string_view text, std::size_t number) {
    const std::vector<Field> f = split_fields(text);
    if (f.size() >= 3 &&
        std::find(types_.begin(), types_.end(), std::string(f[2].text)) == types_.end()) {
      ++out_.other_types[std::string(f[2].text)];
      return;
    }
    RegionEntry& e = entry(number);
    Locus& l = e.locus;
    if (f.size() < 8) {
      fail(e, "expected 9 columns (GFF3), found " + std::to_string(f.size()), 1);
      return;
    }
    if (f.size() > 8) {
      if (auto name = gff3_attribute(f[8].text, "Name"))
        l.name = std::move(*name);
      else if (auto id = gff3_attribute(f[8].text, "ID"))
        l.name = std::move(*id);
    }
    l.where.chrom = percent_decoded(f[0].text);
    l.chrom_column = f[0].column;
    l.start_column = f[3].column;
    l.end_column = f[4].column;
    l.strand_column = f[6].column;
    const std::optional<std::int64_t> start = integer(f[3].text), end = integer(f[4].text);
    if (!start)
      return fail(e, "start '" + std::string(f[3].text) + "' is not a whole number", f[3].column);
    if (!end)
      return fail(e, "end '" + std::string(f[4].text) + "' is not a whole number", f[4].column);
    // 1-based inclusive to 0-based half-open.
    l.where.start = *start - 1;
    l.where.end = *end;
    e.located = true;
    const std::string_view s = f[6].text;
    if (s == "+" || s == "-") {
      l.where.strand = s[0];
    } else {
      l.where.strand = '.';
      fail(e, "no strand ('" + std::string(s) + "'): a precursor is read from one strand, + or -",
           f[6].column);
    }
    if (*start < 1)
      fail(e, "start " + std::to_string(*start) + " < 1 (GFF3 counts from 1)", f[3].column);
    check_span(e);
  }

  static void check_span(RegionEntry& e) {
    const Locus& l = e.locus;
    if (l.where.start < 0)
      fail(e, "negative start " + std::to_string(l.where.start), l.start_column);
    if (l.where.end <= l.where.start)
      fail(e,
           "end " + std::to_string(l.where.end) + " <= start " + std::to_string(l.where.start) +
               " (0-based half-open): an empty locus",
           l.end_column);
  }

  Regions& out_;
  const std::vector<std::string>& types_;
  bool format_known_ = false;
  bool header_seen_ = false;
  bool data_seen_ = false;
};

}  // namespace

const char* format_name(RegionFormat format) {
  switch (format) {
    case RegionFormat::kBed:
      return "BED";
    case RegionFormat::kGff3:
      return "GFF3";
    case RegionFormat::kScanTsv:
      return "scan TSV";
  }
  return "";
}

std::vector<std::string> default_feature_types() {
  return {"pre_miRNA", "miRNA_primary_transcript", "SO:0001244", "SO:0000647"};
}

Regions read_regions(const std::string& path, const std::vector<std::string>& feature_types) {
  std::unique_ptr<std::istream> in = seqio::open_decoded(path);
  return read_regions(*in, path == "-" ? "<stdin>" : path, feature_types);
}

Regions read_regions(std::istream& in, const std::string& source,
                     const std::vector<std::string>& feature_types) {
  Regions out;
  out.source = source;
  RegionParser parser(out, feature_types);
  std::string text;
  std::size_t number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (number == 1 && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    if (!parser.line(text, number)) break;
  }
  if (in.bad()) throw Error(out.source + ": read error");
  return out;
}

}  // namespace mirgene::genome
