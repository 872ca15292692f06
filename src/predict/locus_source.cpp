#include "predict/locus_source.hpp"

#include <ostream>
#include <utility>

#include "seqio/fasta_reader.hpp"

namespace mirgene::predict {

LocusSource::LocusSource(const genome::IndexedGenome& genome, genome::Regions regions,
                         const LocusSettings& settings)
    : genome_(genome), regions_(std::move(regions)) {
  plans_.reserve(regions_.entries.size());
  for (const genome::RegionEntry& e : regions_.entries) {
    if (!e.problem.empty()) {
      genome::LocusSequence bad;
      bad.where = e.locus.where;
      bad.problem = e.problem;
      bad.column = e.column;
      plans_.push_back(std::move(bad));
    } else {
      plans_.push_back(genome::plan_locus(genome_, e.locus, settings.flank, settings.max_length));
    }
  }
}

bool LocusSource::next(seqio::ReadResult& item) {
  if (next_ == plans_.size()) return false;
  const std::size_t i = next_++;
  const genome::Locus& locus = regions_.entries[i].locus;
  const genome::LocusSequence& plan = plans_[i];
  item.error.reset();
  // A line whose coordinates could not be read has no id unless it names its locus.
  item.record.id = regions_.entries[i].located ? genome::locus_id(locus) : locus.name;
  item.record.header = item.record.id;
  item.record.number = i + 1;
  item.record.line = locus.line;
  item.record.seq.clear();
  std::string problem = plan.problem;
  std::size_t column = plan.column;
  if (problem.empty()) {
    std::string seq = genome::fetch_planned(genome_, plan);
    // As the FASTA reader gives residues: T read as U, case kept.
    for (char& c : seq) {
      if (c == 'T') c = 'U';
      if (c == 't') c = 'u';
    }
    problem = seqio::residue_problem(seq);
    if (problem.empty())
      item.record.seq = std::move(seq);
    else
      problem =
          "in " + genome_.path() + " at " + genome::coordinates_name(plan.where) + ": " + problem;
    column = locus.chrom_column;
  }
  if (!problem.empty()) {
    seqio::RecordError e;
    e.source = regions_.source;
    e.id = item.record.id;
    e.number = item.record.number;
    e.line = locus.line;
    e.column = column;
    e.message = std::move(problem);
    item.error = std::move(e);
  }
  return true;
}

const genome::Coordinates* LocusSource::coordinates(std::size_t record_number) const {
  if (record_number == 0 || record_number > plans_.size()) return nullptr;
  if (!regions_.entries[record_number - 1].located) return nullptr;
  return &plans_[record_number - 1].where;
}

std::unique_ptr<genome::IndexedGenome> open_genome(const std::string& path, std::ostream& err) {
  auto genome = std::make_unique<genome::IndexedGenome>(path);
  if (genome->index_built()) {
    err << "mirgene: built the index of " << path << ":";
    for (const std::string& f : genome->index_files()) err << ' ' << f;
    err << '\n';
  }
  return genome;
}

genome::Regions read_regions_reported(const std::string& path,
                                      const std::vector<std::string>& feature_types,
                                      std::ostream& err) {
  genome::Regions regions = genome::read_regions(path, feature_types);
  if (regions.entries.empty() && !regions.other_types.empty()) {
    std::string types, wanted;
    for (const auto& [type, count] : regions.other_types)
      types += (types.empty() ? "" : ", ") + type + " (" + std::to_string(count) + ")";
    for (const std::string& t : feature_types) wanted += (wanted.empty() ? "" : ", ") + t;
    err << "warning: " << regions.source << ": no feature of the types " << wanted
        << " (--feature-type); it holds " << types << '\n';
  }
  return regions;
}

GenomeLoci open_genome_loci(const std::string& genome_path, const std::string& regions_path,
                            const std::vector<std::string>& feature_types,
                            const LocusSettings& settings, std::ostream& err) {
  GenomeLoci out;
  out.genome = open_genome(genome_path, err);
  out.source = std::make_unique<LocusSource>(
      *out.genome, read_regions_reported(regions_path, feature_types, err), settings);
  return out;
}

}  // namespace mirgene::predict
