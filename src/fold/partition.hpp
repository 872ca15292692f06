#pragma once
// McCaskill's partition function on the MFE folder's energy model (Turner 2004, -d2,
// lonely pairs allowed, 37 °C), computing what RNAfold 2.7.1 -p computes: the ensemble free
// energy and the probability of every base pair.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fold/boltzmann.hpp"
#include "fold/mfe.hpp"
#include "fold/params.hpp"

namespace mirgene::fold {

// Bytes a PartitionFolder needs for a sequence of n nucleotides (six triangular tables of
// doubles, plus the MFE folder it runs first for the scale factor: fold_memory_bytes(n)).
std::size_t partition_memory_bytes(std::size_t n);

// Base-pair probabilities of the last sequence folded: p(i,j) for 1 <= i < j <= n.
class PairProbabilities {
 public:
  int size() const { return n_; }
  double operator()(int i, int j) const { return values_[row_base_[i] + j]; }

 private:
  friend class PartitionFolder;
  int n_ = 0;
  const double* values_ = nullptr;
  const std::size_t* row_base_ = nullptr;
};

struct PartitionResult {
  FoldResult mfe;          // the MFE structure and energy (dcal/mol), as Folder gives them
  double ensemble_energy;  // -RT ln Z in kcal/mol
};

struct PartitionOptions {
  // RNAfold's Boltzmann factors: dangle and exterior/multiloop mismatch energies smoothed
  // rather than clamped (rnafold_smoothed_stabilisation), and hairpins over 30 unpaired
  // bases with the untruncated logarithmic length term. Off, every structure's weight is
  // exactly exp(-E/RT) of its structure_energy, which the brute-force tests use.
  bool rnafold_weights = true;
};

// One per thread: the tables are reused across calls. The EnergyParams must outlive it.
class PartitionFolder {
 public:
  explicit PartitionFolder(const EnergyParams& params = turner2004(),
                           PartitionOptions options = {});

  // Folds seq (the same input rules as Folder::fold) and fills the pair probabilities.
  // Throws mirgene::Error if the sequence needs more memory than is available or than
  // set_memory_limit allows, or if the partition function overflows a double.
  PartitionResult fold(std::string_view seq);

  // Of the last fold; valid until the next call.
  const PairProbabilities& probabilities() const { return probabilities_; }

  // Upper bound on partition_memory_bytes for one call; 0 means the available memory only.
  void set_memory_limit(std::size_t bytes) { memory_limit_ = bytes; }

 private:
  void prepare(std::string_view seq, int mfe_energy);
  void reserve_memory(std::size_t n);
  void fill_inside();
  void fill_exterior();
  void fill_outside();
  double hairpin_weight(int i, int j) const;
  double interior_weight(int i, int j, int k, int l) const;
  double exterior_stem_weight(int i, int j) const;
  double multi_stem_weight(int i, int j) const;
  double multi_closing_weight(int i, int j) const;
  int type(int x, int y) const { return kPairTypeTable[codes_[x]][codes_[y]]; }
  std::size_t row(int i, int j) const { return row_base_[i] + j; }
  std::size_t col(int i, int j) const { return col_base_[j] + i; }

  const EnergyParams& p_;
  PartitionOptions options_;
  Folder mfe_folder_;
  BoltzmannTable boltzmann_;
  std::size_t memory_limit_ = 0;
  // Weights of the neighbour terms of exterior and multiloop stems, by the index of the
  // energy table they replace (mismatch_index, dangle_index).
  std::vector<double> exterior_mismatch_weight_;
  std::vector<double> dangle5_weight_;
  std::vector<double> dangle3_weight_;
  std::vector<double> multi_mismatch_weight_;

  int n_ = 0;
  std::string bases_;
  std::vector<int> codes_;  // 1-based, codes_[0] and codes_[n+1] as in Folder
  // Every weight of a stretch of u nucleotides is divided by scale^u, scale = exp(-1.07 *
  // MFE / n / RT) as RNAfold chooses it, so Z of thousands of nucleotides fits a double.
  // inverse_scale_[u] = scale^-u; multi_unpaired_[u] = weight of u unpaired multiloop bases.
  double log_scale_ = 0.0;
  std::vector<double> inverse_scale_;
  std::vector<double> multi_unpaired_;
  // Hairpins of more than 30 unpaired bases: the factor from the truncated length term of
  // hairpin_energy to RNAfold's untruncated one (1 without rnafold_weights).
  std::vector<double> hairpin_length_correction_;

  std::vector<std::size_t> row_base_;  // row tables: (i,j) at row_base_[i] + j, j >= i
  std::vector<std::size_t> col_base_;  // column tables: (i,j) at col_base_[j] + i, i <= j
  std::vector<double> qb_;             // (i,j) pair, the loop it closes and all inside: by row
  std::vector<double> qm_;             // i..j inside a multiloop, at least one stem: by row
  std::vector<double> qm_col_;         // the same by column
  std::vector<double> qm1_col_;        // exactly one stem, starting at i, by column
  // Outside: everything but the inside of the pair (i,j), over Z; after fill_outside, the
  // probability of (i,j).
  std::vector<double> outside_;
  // outside_ times the weight of (i,j) closing a multiloop (by row).
  std::vector<double> outside_multi_;
  std::vector<double> prefix_;          // prefix_[j]: exterior part 1..j; prefix_[0] = 1
  std::vector<double> suffix_;          // suffix_[i]: exterior part i..n; suffix_[n+1] = 1
  std::vector<double> right_multi_;     // see fill_outside
  std::vector<double> right_unpaired_;  // see fill_outside
  std::vector<double> right_either_;    // right_multi_ + right_unpaired_
  PairProbabilities probabilities_;
};

}  // namespace mirgene::fold
