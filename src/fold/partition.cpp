// McCaskill's partition function: inside tables (pair, multiloop with >= 1 stem, multiloop
// with exactly one stem starting at i), the exterior prefix and suffix sums, and the outside
// pass that turns them into pair probabilities. Every loop weight is the Boltzmann weight of
// the energy the MFE folder's loop functions (loop_energy.hpp) give that loop.
#include "fold/partition.hpp"

#include <algorithm>
#include <cmath>
#include <new>
#include <string>

#include "common/available_memory.hpp"
#include "common/error.hpp"
#include "fold/alphabet.hpp"
#include "fold/loop_energy.hpp"

namespace mirgene::fold {
namespace {

// The smallest j - i of a pair: a hairpin has at least 3 unpaired bases.
constexpr int kMinSpan = 4;
// RNAfold's default factor on the MFE for the scale (its --pfScale).
constexpr double kScaleFactorOnMfe = 1.07;

// sum of a[x] * b[x] for x < count. Eight partial sums: one running sum would make every
// addition wait for the previous one (the compiler may not reorder floating-point sums), and
// these products are most of the O(n^3) work. The result differs from the sequential sum by
// rounding only.
double dot(const double* a, const double* b, int count) {
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int x = 0;
  for (; x + 8 <= count; x += 8) {
    for (int lane = 0; lane < 8; ++lane) s[lane] += a[x + lane] * b[x + lane];
  }
  for (; x < count; ++x) s[0] += a[x] * b[x];
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

std::size_t table_cells(std::size_t n) {
  return n * (n + 1) / 2 + n + 2;
}

std::size_t partition_tables_bytes(std::size_t n) {
  constexpr std::size_t kTables = 6;  // qb, qm, qm by column, qm1 by column, the two outsides
  const std::size_t per_position = 8 * sizeof(double) + 2 * sizeof(std::size_t) + sizeof(int) + 1;
  return kTables * table_cells(n) * sizeof(double) + (n + 2) * per_position;
}

std::vector<double> smoothed_weights(const std::vector<int>& unclamped) {
  std::vector<double> weights(unclamped.size());
  for (std::size_t x = 0; x < unclamped.size(); ++x) {
    weights[x] = std::exp(rnafold_smoothed_stabilisation(-unclamped[x]) * 10.0 / kBoltzmannRT);
  }
  return weights;
}

std::vector<double> plain_weights(const std::vector<int>& energies) {
  std::vector<double> weights(energies.size());
  for (std::size_t x = 0; x < energies.size(); ++x) weights[x] = boltzmann_weight(energies[x]);
  return weights;
}

std::string gib(std::size_t bytes) {
  return gib_text(static_cast<double>(bytes));
}

[[noreturn]] void refuse(std::size_t n, std::size_t needed, std::size_t available) {
  throw Error("sequence of " + std::to_string(n) + " nt needs " + gib(needed) +
              " GiB for the partition function; only " + gib(available) + " GiB available");
}

}  // namespace

std::size_t partition_memory_bytes(std::size_t n) {
  return partition_tables_bytes(n) + fold_memory_bytes(n);
}

PartitionFolder::PartitionFolder(const EnergyParams& params, PartitionOptions options)
    : p_(params), options_(options), mfe_folder_(params) {
  if (options_.rnafold_weights) {
    exterior_mismatch_weight_ = smoothed_weights(p_.mismatch_exterior_unclamped);
    dangle5_weight_ = smoothed_weights(p_.dangle5_unclamped);
    dangle3_weight_ = smoothed_weights(p_.dangle3_unclamped);
    multi_mismatch_weight_ = smoothed_weights(p_.mismatch_multi_unclamped);
  } else {
    exterior_mismatch_weight_ = plain_weights(p_.mismatch_exterior);
    dangle5_weight_ = plain_weights(p_.dangle5);
    dangle3_weight_ = plain_weights(p_.dangle3);
    multi_mismatch_weight_ = plain_weights(p_.mismatch_multi);
  }
}

PartitionResult PartitionFolder::fold(std::string_view seq) {
  const std::size_t n = seq.size();
  reserve_memory(n);
  mfe_folder_.set_memory_limit(memory_limit_);
  PartitionResult result{};
  try {
    result.mfe = mfe_folder_.fold(seq);
  } catch (const Error& e) {  // the MFE folder's tables did not fit either
    throw Error("sequence of " + std::to_string(n) + " nt needs " + gib(partition_memory_bytes(n)) +
                " GiB for the partition function (" + e.what() + ")");
  }
  prepare(seq, result.mfe.energy);
  fill_inside();
  fill_exterior();
  const double z = prefix_[n_];
  if (!std::isfinite(z) || z <= 0.0) {
    throw Error("sequence of " + std::to_string(n) +
                " nt: the partition function overflows a double despite the scale factor");
  }
  // Z was computed with every nucleotide's weight divided by the scale: Z = z * scale^n.
  result.ensemble_energy = -(std::log(z) + n_ * log_scale_) * kBoltzmannRT / 1000.0;
  fill_outside();
  return result;
}

void PartitionFolder::reserve_memory(std::size_t n) {
  const std::size_t needed = partition_memory_bytes(n);
  if (memory_limit_ != 0 && needed > memory_limit_) refuse(n, needed, memory_limit_);
  const std::size_t held = qb_.capacity() * sizeof(double) * 6;
  const std::size_t available = available_memory_bytes();
  if (needed > held && needed - held > available) refuse(n, needed, available + held);
  try {
    const std::size_t cells = table_cells(n);
    for (std::vector<double>* table : {&qb_, &qm_, &qm_col_, &qm1_col_, &outside_, &outside_multi_})
      table->resize(cells);
    for (std::vector<double>* line :
         {&prefix_, &suffix_, &right_multi_, &right_unpaired_, &right_either_, &inverse_scale_,
          &multi_unpaired_, &hairpin_length_correction_})
      line->resize(n + 2);
    row_base_.resize(n + 2);
    col_base_.resize(n + 2);
  } catch (const std::bad_alloc&) {
    refuse(n, needed, available_memory_bytes() + held);
  }
}

void PartitionFolder::prepare(std::string_view seq, int mfe_energy) {
  n_ = static_cast<int>(seq.size());
  bases_.assign(n_ + 2, ' ');
  codes_.assign(n_ + 2, kBaseN);
  for (int x = 1; x <= n_; ++x) {
    bases_[x] = normalized_base(seq[x - 1]);
    codes_[x] = base_code(seq[x - 1]);
  }
  if (n_ > 0) {  // as Folder: only multiloop terms of unused (1,j) and (i,n) read these
    codes_[0] = codes_[n_];
    codes_[n_ + 1] = codes_[1];
  }
  // Row i holds j = i..n, column j holds i = 1..j; the padding keeps bases non-negative.
  std::size_t start = static_cast<std::size_t>(n_) + 2;
  for (int i = 1; i <= n_; ++i) {
    row_base_[i] = start - i;
    start += n_ - i + 1;
  }
  start = 1;
  for (int j = 1; j <= n_; ++j) {
    col_base_[j] = start - 1;
    start += j;
  }
  // RNAfold's scale: the MFE's Boltzmann factor per nucleotide, a bit more (1.07), never
  // below 1. ln(scale) = -1.07 * MFE (cal/mol) / n / RT.
  const double mfe_cal = mfe_energy * 10.0;
  log_scale_ = n_ > 0 ? std::max(0.0, -(kScaleFactorOnMfe * mfe_cal / n_) / kBoltzmannRT) : 0.0;
  for (int u = 0; u <= n_ + 1; ++u) {
    inverse_scale_[u] = std::exp(-u * log_scale_);
    multi_unpaired_[u] = boltzmann_weight(static_cast<double>(u) * p_.ml_base) * inverse_scale_[u];
  }
  for (int u = 0; u <= n_ + 1; ++u) {
    hairpin_length_correction_[u] = 1.0;
    if (options_.rnafold_weights && u > kMaxLoop) {
      const double exact = p_.lxc * std::log(u / static_cast<double>(kMaxLoop));
      const double truncated = loop_length_energy(p_, p_.hairpin, u) - p_.hairpin[kMaxLoop];
      hairpin_length_correction_[u] = boltzmann_weight(exact - truncated);
    }
  }
}

double PartitionFolder::hairpin_weight(int i, int j) const {
  const int u = j - i - 1;
  const std::string_view key(bases_.data() + i, j - i + 1);
  const int energy = hairpin_energy(p_, type(i, j), u, codes_[i + 1], codes_[j - 1], key);
  return boltzmann_(energy) * hairpin_length_correction_[u] * inverse_scale_[j - i + 1];
}

double PartitionFolder::interior_weight(int i, int j, int k, int l) const {
  const int u1 = k - i - 1;
  const int u2 = j - l - 1;
  const int energy = interior_energy(p_, type(i, j), type(l, k), u1, u2, codes_[i + 1],
                                     codes_[j - 1], codes_[k - 1], codes_[l + 1]);
  return boltzmann_(energy) * inverse_scale_[u1 + u2 + 2];
}

double PartitionFolder::exterior_stem_weight(int i, int j) const {
  const int t = type(i, j);
  const int five = i > 1 ? codes_[i - 1] : kNoNeighbour;
  const int three = j < n_ ? codes_[j + 1] : kNoNeighbour;
  // exterior_stem_energy's terms, with the neighbour term replaced by its weight.
  const double stem = boltzmann_(terminal_penalty(p_, t));
  switch (exterior_neighbours(five, three)) {
    case ExteriorNeighbours::Both:
      return stem * exterior_mismatch_weight_[mismatch_index(t, five, three)];
    case ExteriorNeighbours::FiveOnly:
      return stem * dangle5_weight_[dangle_index(t, five)];
    case ExteriorNeighbours::ThreeOnly:
      return stem * dangle3_weight_[dangle_index(t, three)];
    case ExteriorNeighbours::None:
      break;
  }
  return stem;
}

double PartitionFolder::multi_stem_weight(int i, int j) const {
  const int t = type(i, j);
  return boltzmann_(multi_stem_base_energy(p_, t)) *
         multi_mismatch_weight_[mismatch_index(t, codes_[i - 1], codes_[j + 1])];
}

// (i,j) closing a multiloop is the loop's stem (j,i): see multi_closing_energy.
double PartitionFolder::multi_closing_weight(int i, int j) const {
  const int t = type(j, i);
  return boltzmann_(p_.ml_closing + multi_stem_base_energy(p_, t)) *
         multi_mismatch_weight_[mismatch_index(t, codes_[j - 1], codes_[i + 1])] *
         inverse_scale_[2];
}

// Rows i = n..1, columns j = i..n. QB(i,j) = hairpin + interior loops around QB(k,l) +
// multiloops: QM(i+1,u-1) * QM1(u,j-1) (the last stem starts at u). QM1(i,j) = QM1(i,j-1)
// with j unpaired, or the stem (i,j). QM(i,j) = sum over the first stem's start u of
// (unpaired i..u-1, or QM(i,u-1)) * QM1(u,j).
void PartitionFolder::fill_inside() {
  const double unpaired_one = multi_unpaired_[1];
  for (int i = n_; i >= 1; --i) {
    for (int j = i; j <= std::min(n_, i + kMinSpan - 1); ++j) {
      qb_[row(i, j)] = qm_[row(i, j)] = qm_col_[col(i, j)] = qm1_col_[col(i, j)] = 0.0;
    }
    const double* qm_below = qm_.data() + row_base_[i + 1 <= n_ ? i + 1 : i];
    for (int j = i + kMinSpan; j <= n_; ++j) {
      double qb = 0.0;
      if (type(i, j) != kNoPair) {
        qb = hairpin_weight(i, j);
        const int last_k = std::min(i + kMaxLoop + 1, j - kMinSpan - 1);
        for (int k = i + 1; k <= last_k; ++k) {
          const int u1 = k - i - 1;
          const int first_l = std::max(k + kMinSpan, j - 1 - (kMaxLoop - u1));
          const double* qb_k = qb_.data() + row_base_[k];
          for (int l = j - 1; l >= first_l; --l) {
            if (qb_k[l] == 0.0) continue;  // also every (k,l) that cannot pair
            qb += qb_k[l] * interior_weight(i, j, k, l);
          }
        }
        // The last stem starts at u; at least one stem of span >= 4 on each side.
        const double* qm1_column = qm1_col_.data() + col_base_[j - 1];
        const int first_u = i + 2 + kMinSpan;
        const double split =
            dot(qm_below + first_u - 1, qm1_column + first_u, j - 1 - kMinSpan - first_u + 1);
        if (split != 0.0) qb += split * multi_closing_weight(i, j);
      }
      qb_[row(i, j)] = qb;
      double qm1 = qm1_col_[col(i, j - 1)] * unpaired_one;
      if (qb != 0.0) qm1 += qb * multi_stem_weight(i, j);
      qm1_col_[col(i, j)] = qm1;
      const double* qm1_column = qm1_col_.data() + col_base_[j];
      const double* qm_row = qm_.data() + row_base_[i];
      double qm = dot(multi_unpaired_.data(), qm1_column + i, j - kMinSpan - i + 1);
      const int first_u = i + 1 + kMinSpan;
      qm += dot(qm_row + first_u - 1, qm1_column + first_u, j - kMinSpan - first_u + 1);
      qm_[row(i, j)] = qm;
      qm_col_[col(i, j)] = qm;
    }
  }
}

// prefix_[j] = Z of 1..j alone: j unpaired, or a stem (k,j) after the prefix 1..k-1.
// suffix_[i] likewise for i..n. Z = prefix_[n] = suffix_[1].
void PartitionFolder::fill_exterior() {
  const double unpaired_one = inverse_scale_[1];
  prefix_[0] = 1.0;
  for (int j = 1; j <= n_; ++j) {
    double q = prefix_[j - 1] * unpaired_one;
    for (int k = 1; k <= j - kMinSpan; ++k) {
      const double qb = qb_[row(k, j)];
      if (qb != 0.0) q += prefix_[k - 1] * qb * exterior_stem_weight(k, j);
    }
    prefix_[j] = q;
  }
  suffix_[n_ + 1] = 1.0;
  for (int i = n_; i >= 1; --i) {
    double q = suffix_[i + 1] * unpaired_one;
    for (int l = i + kMinSpan; l <= n_; ++l) {
      const double qb = qb_[row(i, l)];
      if (qb != 0.0) q += qb * exterior_stem_weight(i, l) * suffix_[l + 1];
    }
    suffix_[i] = q;
  }
}

// outside_(k,l) = weight of everything outside the pair (k,l), over Z, so that
// p(k,l) = QB(k,l) * outside_(k,l). Columns l = n..1: every loop enclosing (k,l) is closed
// by some (i,j) with j > l, whose outside is then known.
//
// For (k,l) as a stem of a multiloop closed by (i,j), the rest of the loop is i+1..k-1
// (unpaired or QM) and l+1..j-1 (unpaired or QM), not both unpaired. With
//   right_multi_[i]    = sum over j of outside_multi(i,j) * QM(l+1,j-1)
//   right_unpaired_[i] = sum over j of outside_multi(i,j) * unpaired(l+1..j-1)
// the loop's part is sum over i of QM(i+1,k-1) * (right_multi_ + right_unpaired_)[i]
// + unpaired(i+1..k-1) * right_multi_[i]; the last sum is left_sum_[k], built up along k.
void PartitionFolder::fill_outside() {
  const double z = prefix_[n_];
  const double unpaired_one = multi_unpaired_[1];
  for (int i = 1; i <= n_; ++i) {
    for (int j = i; j <= n_; ++j) outside_[row(i, j)] = outside_multi_[row(i, j)] = 0.0;
    right_unpaired_[i] = 0.0;
    right_multi_[i] = 0.0;
    right_either_[i] = 0.0;
  }
  for (int l = n_; l > kMinSpan; --l) {
    const int last_i = l - kMinSpan - 1;  // an enclosing pair (i,j) has i < k <= l - 4
    const double* qm_right = qm_.data() + row_base_[l + 1 <= n_ ? l + 1 : l];
    for (int i = 1; i <= last_i; ++i) {
      const double* outside_multi_row = outside_multi_.data() + row_base_[i];
      double unpaired = right_unpaired_[i] * unpaired_one;
      if (l + 1 <= n_) unpaired += outside_multi_row[l + 1];
      right_unpaired_[i] = unpaired;
      // QM(l+1,j-1) needs j - 1 >= l + 1 + 4.
      const int first_j = l + 2 + kMinSpan;
      right_multi_[i] = dot(outside_multi_row + first_j, qm_right + first_j - 1, n_ - first_j + 1);
      right_either_[i] = right_multi_[i] + right_unpaired_[i];
    }
    double left_sum = 0.0;  // sum over i < k of unpaired(i+1..k-1) * right_multi_[i]
    for (int k = 1; k <= l - kMinSpan; ++k) {
      if (k > 1) left_sum = left_sum * unpaired_one + right_multi_[k - 1];
      const double qb = qb_[row(k, l)];
      if (qb == 0.0) continue;
      double outside = prefix_[k - 1] * exterior_stem_weight(k, l) * suffix_[l + 1] / z;
      for (int i = k - 1; i >= std::max(1, k - kMaxLoop - 1); --i) {
        const int u1 = k - i - 1;
        const int last_j = std::min(n_, l + 1 + kMaxLoop - u1);
        const double* outside_row = outside_.data() + row_base_[i];
        for (int j = l + 1; j <= last_j; ++j) {
          if (outside_row[j] == 0.0) continue;  // also every (i,j) that cannot pair
          outside += outside_row[j] * interior_weight(i, j, k, l);
        }
      }
      // QM(i+1,k-1) needs k - 1 >= i + 1 + 4.
      const double* qm_column = qm_col_.data() + col_base_[k - 1];
      const double multi =
          left_sum + dot(qm_column + 2, right_either_.data() + 1, k - 2 - kMinSpan);
      if (multi != 0.0) outside += multi * multi_stem_weight(k, l);
      outside_[row(k, l)] = outside;
      outside_multi_[row(k, l)] = outside * multi_closing_weight(k, l);
    }
  }
  for (int i = 1; i <= n_; ++i) {
    for (int j = i; j <= n_; ++j) outside_[row(i, j)] *= qb_[row(i, j)];
  }
  probabilities_.n_ = n_;
  probabilities_.values_ = outside_.data();
  probabilities_.row_base_ = row_base_.data();
}

}  // namespace mirgene::fold
