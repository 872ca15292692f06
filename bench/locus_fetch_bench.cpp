// Fetching genome loci as predict, explain, report and evaluate do with --genome --regions:
// the regions file read and checked against the index, then every locus fetched (minus
// strand reverse-complemented, T read as U) through predict::LocusSource, without scoring.
// The genome and regions come from bench/locus_fetch.sh, which generates a 100 Mb bgzip
// genome and 10,000 loci and runs this program under /usr/bin/time for its peak memory:
//   MIRGENE_BENCH_GENOME=G.fa.gz MIRGENE_BENCH_REGIONS=R.bed build/bench/locus_fetch_bench
// The counters: loci per second, and the process's peak resident memory (getrusage).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <string>

#include "genome/indexed_genome.hpp"
#include "genome/region_file.hpp"
#include "predict/locus_source.hpp"

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

void BM_FetchLoci(benchmark::State& state) {
  const std::string genome_path = env("MIRGENE_BENCH_GENOME");
  const std::string regions_path = env("MIRGENE_BENCH_REGIONS");
  if (genome_path.empty() || regions_path.empty()) {
    state.SkipWithError(
        "set MIRGENE_BENCH_GENOME and MIRGENE_BENCH_REGIONS (bench/locus_fetch.sh)");
    return;
  }
  std::size_t loci = 0, bases = 0;
  for (auto _ : state) {
    // Opening the genome (index already built) and reading the regions are part of the cost.
    const mirgene::genome::IndexedGenome genome(genome_path);
    mirgene::predict::LocusSource source(
        genome,
        mirgene::genome::read_regions(regions_path, mirgene::genome::default_feature_types()), {});
    mirgene::seqio::ReadResult item;
    while (source.next(item)) {
      if (item.error) {
        state.SkipWithError(item.error->to_string().c_str());
        return;
      }
      ++loci;
      bases += item.record.seq.size();
    }
    benchmark::DoNotOptimize(bases);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["loci_per_s"] =
      benchmark::Counter(static_cast<double>(loci), benchmark::Counter::kIsRate);
  state.counters["peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_FetchLoci)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
BENCHMARK_MAIN();
