#include "reproduce/benchmark_data.hpp"

#include <filesystem>

#include "seqio/fasta_files.hpp"

namespace mirgene::reproduce {
namespace {

std::string join(const std::string& root, const std::string& rest) {
  return (std::filesystem::path(root) / rest).string();
}

// ROOT/REST.fa, or ROOT/REST.fa.gz as the repository stores the benchmark.
std::string fasta(const std::string& root, const std::string& rest) {
  return seqio::fasta_file(join(root, rest));
}

}  // namespace

std::string MirboostLayout::cv_dir(const std::string& set) const {
  return join(root, "cv/" + set);
}

ClassFiles MirboostLayout::training_portion(const std::string& set) const {
  return {fasta(root, "cv/" + set + "/" + set + "_pos_all"),
          fasta(root, "cv/" + set + "/" + set + "_neg_all")};
}

ClassFiles MirboostLayout::test(const std::string& set) const {
  return {fasta(root, "test/" + set + "/" + set + "_pos_test"),
          fasta(root, "test/" + set + "/" + set + "_neg_test")};
}

ClassFiles MirboostLayout::sequences(const std::string& name) const {
  return {fasta(root, "sequences/" + name + "_pos"), fasta(root, "sequences/" + name + "_neg")};
}

LoadedPair load_pair(const ClassFiles& files, const Loader& load) {
  LoadedPair p{files, load(files.pos), load(files.neg), {}};
  p.labelled = train::label_sets(p.pos, p.neg);
  return p;
}

std::vector<train::CvFold> load_cv_folds(const MirboostLayout& data, const std::string& set,
                                         const Loader& load) {
  std::vector<train::CvFold> folds;
  for (const train::FoldFiles& f : train::find_fold_files(data.cv_dir(set), set)) {
    folds.push_back({"f" + std::to_string(f.fold),
                     train::label_sets(load(f.train_pos), load(f.train_neg)),
                     train::label_sets(load(f.val_pos), load(f.val_neg)),
                     {},
                     {}});
  }
  return folds;
}

}  // namespace mirgene::reproduce
