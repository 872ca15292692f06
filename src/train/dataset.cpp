#include "train/dataset.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "common/parallel_jobs.hpp"
#include "encode/encoding.hpp"
#include "seqio/fasta_reader.hpp"
#include "train/checksum.hpp"
#include "train/model_tokens.hpp"

namespace mirgene::train {
namespace {

struct Skip {
  std::size_t number;
  std::string message;
};

std::string describe(const std::string& source, const seqio::Record& r, const std::string& why) {
  return source + ": record '" + r.id + "' (#" + std::to_string(r.number) + "): " + why;
}

}  // namespace

EncodedSet load_encoded_set(const std::string& fasta_path, FoldCache& cache,
                            const fold::EnergyParams& params, int threads, nn::InputMode mode) {
  auto reader = seqio::FastaReader::open(fasta_path);
  return load_encoded_records(
      fasta_path == "-" ? "<stdin>" : fasta_path,
      [&](seqio::ReadResult& item) { return reader->next(item); }, cache, params, threads,
      mode);
}

EncodedSet load_encoded_records(const std::string& source,
                                const std::function<bool(seqio::ReadResult&)>& next,
                                FoldCache& cache, const fold::EnergyParams& params, int threads,
                                nn::InputMode mode) {
  EncodedSet set;
  set.source = source;
  std::vector<Skip> skips;
  std::vector<seqio::Record> usable;
  {
    seqio::ReadResult item;
    while (next(item)) {
      if (item.error) {
        skips.push_back({item.error->number, item.error->to_string()});
      } else if (item.record.seq.empty()) {
        skips.push_back({item.record.number, describe(set.source, item.record, "empty sequence")});
      } else if (const std::string why = encode::length_problem(item.record.seq.size());
                 !why.empty()) {
        // Checked before folding: a long record would cost much folding time for nothing.
        skips.push_back({item.record.number, describe(set.source, item.record, why)});
      } else {
        usable.push_back(item.record);
      }
    }
  }

  std::vector<std::string> seqs;
  seqs.reserve(usable.size());
  for (const auto& r : usable) seqs.push_back(r.seq);
  const std::vector<CachedFold> folds = fold_with_cache(seqs, cache, params, threads, &set.folding);

  // Tokens in contiguous parts, one per thread with its own TokenMaker (the partition
  // function of both+pairing is the costly part; the other modes take one part).
  std::vector<std::vector<std::uint8_t>> tokens(usable.size());
  std::vector<std::string> problems(usable.size());
  const std::size_t parts =
      nn::reads_pairing(mode) ? static_cast<std::size_t>(std::max(threads, 1)) : 1;
  run_parallel_jobs(parts, static_cast<int>(parts), [&](std::size_t part) {
    TokenMaker make(mode);
    for (std::size_t i = part * usable.size() / parts; i < (part + 1) * usable.size() / parts;
         ++i) {
      try {
        tokens[i] = make(usable[i].seq, folds[i].structure, folds[i].energy);
      } catch (const Error& e) {
        problems[i] = e.what();
      }
    }
  });

  SequenceChecksum checksum;
  for (std::size_t i = 0; i < usable.size(); ++i) {
    if (!problems[i].empty()) {
      skips.push_back({usable[i].number, describe(set.source, usable[i], problems[i])});
      continue;
    }
    set.tokens.push_back(std::move(tokens[i]));
    set.ids.push_back(usable[i].id);
    checksum.add(fold_key(usable[i].seq));
  }
  set.checksum = checksum.hex();

  std::stable_sort(skips.begin(), skips.end(),
                   [](const Skip& a, const Skip& b) { return a.number < b.number; });
  for (auto& s : skips) set.skipped.push_back(std::move(s.message));
  return set;
}

LabelledSet label_sets(const EncodedSet& positives, const EncodedSet& negatives) {
  for (const EncodedSet* set : {&positives, &negatives}) {
    if (set->tokens.empty())
      throw Error(set->source + ": no usable records (" + std::to_string(set->skipped.size()) +
                  " skipped)");
  }
  LabelledSet out;
  out.positives = positives.tokens.size();
  out.negatives = negatives.tokens.size();
  out.tokens.reserve(out.positives + out.negatives);
  out.tokens.insert(out.tokens.end(), positives.tokens.begin(), positives.tokens.end());
  out.tokens.insert(out.tokens.end(), negatives.tokens.begin(), negatives.tokens.end());
  out.is_positive.assign(out.positives, 1);
  out.is_positive.insert(out.is_positive.end(), out.negatives, 0);
  out.is_extra.assign(out.tokens.size(), 0);
  return out;
}

void append_negatives(LabelledSet& set, const EncodedSet& extra) {
  set.is_extra.resize(set.tokens.size(), 0);  // a set built by hand may not carry the flags
  set.tokens.insert(set.tokens.end(), extra.tokens.begin(), extra.tokens.end());
  set.is_positive.resize(set.is_positive.size() + extra.tokens.size(), 0);
  set.is_extra.resize(set.tokens.size(), 1);
  set.negatives += extra.tokens.size();
}

}  // namespace mirgene::train
