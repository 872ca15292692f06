#pragma once
// The miRBoost benchmark as laid out under a data directory (the repository's data/mirboost,
// see its README), every file either plain (.fa) or gzip-compressed (.fa.gz):
//   cv/SET/train|val/SET_{pos,neg}_{train,val}_fK.fa   5 prepared folds (SET = human, whole)
//   cv/SET/SET_{pos,neg}_all.fa                        the training portion (90 %)
//   test/SET/SET_{pos,neg}_test.fa                     the held-out test (10 %)
//   sequences/whole_{pos,neg}.fa, sequences/new_{pos,neg}.fa
// and the loading of its files into training data.
#include <functional>
#include <string>
#include <vector>

#include "train/cross_validation.hpp"
#include "train/dataset.hpp"

namespace mirgene::reproduce {

// The default --data of `mirgene reproduce`, relative to the repository root.
inline constexpr const char* kDefaultDataDir = "data/mirboost";

// Reads, folds and encodes one FASTA file (the CLI passes one that uses the fold cache and
// reports skipped records).
using Loader = std::function<train::EncodedSet(const std::string& path)>;

struct ClassFiles {
  std::string pos, neg;
};

struct MirboostLayout {
  std::string root;

  std::string cv_dir(const std::string& set) const;
  ClassFiles training_portion(const std::string& set) const;  // cv/SET/SET_*_all.fa
  ClassFiles test(const std::string& set) const;              // test/SET/SET_*_test.fa
  ClassFiles sequences(const std::string& name) const;        // sequences/NAME_*.fa
};

// A labelled pair of files, kept with their EncodedSets for provenance (checksums).
struct LoadedPair {
  ClassFiles files;
  train::EncodedSet pos, neg;
  train::LabelledSet labelled;
};
LoadedPair load_pair(const ClassFiles& files, const Loader& load);

// The prepared folds of cv/SET (train::find_fold_files), loaded.
std::vector<train::CvFold> load_cv_folds(const MirboostLayout& data, const std::string& set,
                                         const Loader& load);

}  // namespace mirgene::reproduce
