#include "scan/fp_calibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/error.hpp"

namespace mirgene::scan {
namespace {

using Json = nlohmann::ordered_json;

constexpr double kBasesPerMb = 1e6;

// Rates are stored to 1/1000 per Mb (one locus per Gb): enough for any genome, and the table
// a scan reads back from the file is the one computed.
double rounded_rate(double rate) {
  return std::round(rate * 1000.0) / 1000.0;
}

[[noreturn]] void bad_table(const std::string& source, const std::string& problem) {
  throw Error(source + ": metadata '" + std::string(kFpMetadataKey) + "': " + problem);
}

}  // namespace

std::vector<double> fp_threshold_grid() {
  std::vector<double> grid;
  // k / 100.0 and k / 1000.0 are correctly rounded quotients of exact integers: the doubles
  // nearest 0.31 and 0.991, the values strtod gives for the option's text.
  for (int k = 30; k <= 99; ++k) grid.push_back(k / 100.0);
  for (int k = 991; k <= 999; ++k) grid.push_back(k / 1000.0);
  return grid;
}

LocusCounter::LocusCounter(std::vector<double> thresholds)
    : thresholds_(std::move(thresholds)),
      streams_(thresholds_.size(), CandidateStream(/*merge=*/true)),
      loci_(thresholds_.size(), 0) {}

void LocusCounter::add(const std::vector<Hairpin>& pieces) {
  if (pieces.empty()) return;
  std::int64_t frontier = pieces.front().start;
  for (const Hairpin& h : pieces) frontier = std::max(frontier, h.start);
  for (std::size_t k = 0; k < thresholds_.size(); ++k) {
    // Only coordinates, strand and probability decide merging; the text is left behind so
    // that the copies held per threshold stay small.
    std::vector<Hairpin> calls;
    for (const Hairpin& h : pieces) {
      if (h.probability < thresholds_[k]) continue;
      Hairpin& c = calls.emplace_back();
      c.start = h.start;
      c.end = h.end;
      c.strand = h.strand;
      c.probability = h.probability;
    }
    streams_[k].add(std::move(calls));
    loci_[k] += static_cast<std::int64_t>(streams_[k].release(frontier).size());
  }
}

void LocusCounter::end_record() {
  for (std::size_t k = 0; k < thresholds_.size(); ++k)
    loci_[k] += static_cast<std::int64_t>(streams_[k].finish().size());
}

std::vector<std::int64_t> count_loci(const std::vector<std::vector<Hairpin>>& records,
                                     const std::vector<double>& thresholds) {
  LocusCounter counter(thresholds);
  for (const std::vector<Hairpin>& pieces : records) {
    counter.add(pieces);
    counter.end_record();
  }
  return counter.loci();
}

std::vector<double> rates_per_mb(const std::vector<std::int64_t>& loci, std::int64_t bases) {
  std::vector<double> rates;
  for (const std::int64_t n : loci)
    rates.push_back(
        rounded_rate(static_cast<double>(n) * kBasesPerMb / static_cast<double>(bases)));
  return rates;
}

FpTable make_fp_table(std::vector<double> thresholds, std::vector<CalibrationDna> dna,
                      const ScanSettings& settings, std::string date) {
  if (dna.empty()) throw Error("calibration: no DNA");
  if (thresholds.empty() || !std::is_sorted(thresholds.begin(), thresholds.end()))
    throw Error("calibration: thresholds must be ascending");
  std::vector<std::int64_t> total(thresholds.size(), 0);
  std::int64_t bases = 0;
  for (const CalibrationDna& d : dna) {
    if (d.loci.size() != thresholds.size())
      throw Error("calibration: " + d.name + " has " + std::to_string(d.loci.size()) +
                  " counts for " + std::to_string(thresholds.size()) + " thresholds");
    if (d.bases <= 0)
      throw Error("calibration: " + d.name +
                  " holds no sequence to scan (only N runs, or nothing)");
    bases += d.bases;
    for (std::size_t k = 0; k < total.size(); ++k) total[k] += d.loci[k];
  }
  FpTable table;
  table.fp_per_mb = rates_per_mb(total, bases);
  table.thresholds = std::move(thresholds);
  table.dna = std::move(dna);
  table.settings = settings;
  table.date = std::move(date);
  return table;
}

double rate_at(const std::vector<double>& thresholds, const std::vector<double>& rates,
               double probability) {
  // The first threshold above p; the step before it is p's (the lowest below the grid).
  const auto above = std::upper_bound(thresholds.begin(), thresholds.end(), probability);
  const std::size_t k =
      above == thresholds.begin() ? 0 : static_cast<std::size_t>(above - thresholds.begin()) - 1;
  return rates.at(k);
}

double fp_per_mb_at(const FpTable& table, double probability) {
  return rate_at(table.thresholds, table.fp_per_mb, probability);
}

double threshold_for_max_fp(const FpTable& table, double max_fp_per_mb) {
  for (std::size_t k = 0; k < table.thresholds.size(); ++k)
    if (table.fp_per_mb[k] <= max_fp_per_mb) return table.thresholds[k];
  const double lowest = *std::min_element(table.fp_per_mb.begin(), table.fp_per_mb.end());
  char text[160];
  std::snprintf(text, sizeof text,
                "no threshold of the calibration gives at most %g false positives per Mb (the "
                "fewest: %g per Mb, at %g)",
                max_fp_per_mb, lowest, table.thresholds.back());
  throw Error(text);
}

std::string fp_table_to_json(const FpTable& table) {
  Json dna = Json::array();
  for (const CalibrationDna& d : table.dna) {
    dna.push_back({{"name", d.name},
                   {"sha256", d.sha256},
                   {"bases", d.bases},
                   {"loci", d.loci},
                   {"fp_per_mb", rates_per_mb(d.loci, d.bases)}});
  }
  std::int64_t bases = 0;
  for (const CalibrationDna& d : table.dna) bases += d.bases;
  const ScanSettings& s = table.settings;
  const Json json = {
      {"version", kFpTableVersion},
      {"measure",
       "candidate loci (calls merged as mirgene scan merges them, both strands) per Mb of "
       "sequence scanned (N runs not counted), on DNA without miRNAs"},
      {"date", table.date},
      {"settings",
       {{"span", s.span},
        {"chunk", s.chunk},
        {"flank", s.flank},
        {"min_length", s.min_length},
        {"min_pairs", s.min_pairs},
        {"strand", "both"}}},
      {"bases", bases},
      {"thresholds", table.thresholds},
      {"fp_per_mb", table.fp_per_mb},
      {"dna", dna}};
  return json.dump();
}

namespace {

// Reading the JSON with the checks whose failure names the field.
class TableReader {
 public:
  explicit TableReader(const std::string& source) : source_(source) {}

  const Json& field(const Json& object, const char* name, const std::string& where) const {
    const auto it = object.find(name);
    if (it == object.end()) bad_table(source_, where + "no field '" + name + "'");
    return *it;
  }
  std::int64_t integer(const Json& object, const char* name, const std::string& where) const {
    const Json& v = field(object, name, where);
    if (!v.is_number_integer()) bad_table(source_, where + "'" + name + "' is not an integer");
    return v.get<std::int64_t>();
  }
  std::string text(const Json& object, const char* name, const std::string& where) const {
    const Json& v = field(object, name, where);
    if (!v.is_string()) bad_table(source_, where + "'" + name + "' is not a string");
    return v.get<std::string>();
  }
  std::vector<double> numbers(const Json& object, const char* name, std::size_t count,
                              const std::string& where) const {
    const Json& v = field(object, name, where);
    if (!v.is_array() || v.size() != count)
      bad_table(source_,
                where + "'" + name + "' is not an array of " + std::to_string(count) + " numbers");
    std::vector<double> out;
    for (const Json& x : v) {
      if (!x.is_number() || !std::isfinite(x.get<double>()) || x.get<double>() < 0)
        bad_table(source_, where + "'" + name + "' holds something other than a number >= 0");
      out.push_back(x.get<double>());
    }
    return out;
  }

 private:
  const std::string& source_;
};

}  // namespace

FpTable fp_table_from_json(std::string_view text, const std::string& source) {
  Json json;
  try {
    json = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    bad_table(source, std::string("invalid JSON: ") + e.what());
  }
  if (!json.is_object()) bad_table(source, "not a JSON object");
  const TableReader read(source);
  if (read.integer(json, "version", "") != kFpTableVersion)
    bad_table(source, "version is not " + std::to_string(kFpTableVersion) +
                          " (written by a newer mirgene?)");
  FpTable table;
  const Json& thresholds = read.field(json, "thresholds", "");
  if (!thresholds.is_array() || thresholds.empty())
    bad_table(source, "'thresholds' is not a non-empty array");
  table.thresholds = read.numbers(json, "thresholds", thresholds.size(), "");
  for (std::size_t k = 0; k < table.thresholds.size(); ++k) {
    if (table.thresholds[k] > 1 || (k > 0 && table.thresholds[k] <= table.thresholds[k - 1]))
      bad_table(source, "'thresholds' are not ascending probabilities");
  }
  const std::size_t n = table.thresholds.size();
  table.fp_per_mb = read.numbers(json, "fp_per_mb", n, "");
  table.date = read.text(json, "date", "");
  const Json& settings = read.field(json, "settings", "");
  if (!settings.is_object()) bad_table(source, "'settings' is not an object");
  table.settings.span = static_cast<int>(read.integer(settings, "span", "settings: "));
  table.settings.chunk = static_cast<int>(read.integer(settings, "chunk", "settings: "));
  table.settings.flank = static_cast<int>(read.integer(settings, "flank", "settings: "));
  table.settings.min_length = static_cast<int>(read.integer(settings, "min_length", "settings: "));
  table.settings.min_pairs = static_cast<int>(read.integer(settings, "min_pairs", "settings: "));
  const Json& dna = read.field(json, "dna", "");
  if (!dna.is_array() || dna.empty()) bad_table(source, "'dna' is not a non-empty array");
  for (const Json& d : dna) {
    if (!d.is_object()) bad_table(source, "an entry of 'dna' is not an object");
    CalibrationDna c;
    c.name = read.text(d, "name", "dna: ");
    const std::string where = "dna '" + c.name + "': ";
    c.sha256 = read.text(d, "sha256", where);
    c.bases = read.integer(d, "bases", where);
    if (c.bases <= 0) bad_table(source, where + "'bases' is not positive");
    const Json& loci = read.field(d, "loci", where);
    if (!loci.is_array() || loci.size() != n)
      bad_table(source, where + "'loci' is not an array of " + std::to_string(n) + " counts");
    for (const Json& x : loci) {
      if (!x.is_number_integer() || x.get<std::int64_t>() < 0)
        bad_table(source, where + "'loci' holds something other than a count");
      c.loci.push_back(x.get<std::int64_t>());
    }
    table.dna.push_back(std::move(c));
  }
  return table;
}

std::optional<FpTable> fp_table_of(const std::map<std::string, std::string>& metadata,
                                   const std::string& source) {
  const auto it = metadata.find(std::string(kFpMetadataKey));
  if (it == metadata.end()) return std::nullopt;
  return fp_table_from_json(it->second, source);
}

}  // namespace mirgene::scan
