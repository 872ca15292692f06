// The MFE fill (spec section 4.2): C, M and F arrays, i from n down to 1, j upward.
//
// Speed without changing any value: the interior-loop search for (i,j) splits each
// 5'-side size u1 into a few special shapes evaluated one by one and a "tail" of
// 3'-side sizes whose energy is (a cost depending on u1,u2) + (a term depending only on
// (i,j)) + (a term depending only on (k,l), stored with C(k,l) in window rows). The tail
// is then a minimum over two contiguous int arrays, which the compiler vectorises. The
// multiloop sums walk M by row and M by column, both contiguous.
#include "fold/mfe.hpp"

#include <algorithm>
#include <cstring>

#include "common/error.hpp"
#include "fold/alphabet.hpp"
#include "fold/loop_energy.hpp"

namespace mirgene::fold {
namespace {

// kFoldLanes ints in one vector register (GCC/Clang vector extension; without SIMD the
// compiler emits plain scalar code for it).
using Lanes = int __attribute__((vector_size(kFoldLanes * sizeof(int))));

Lanes load_lanes(const int* at) {
  Lanes v;
  std::memcpy(&v, at, sizeof v);  // unaligned load
  return v;
}

Lanes min_lanes(Lanes a, Lanes b) { return a < b ? a : b; }

// Halving shuffles keep v in a register (indexing v[y] would put it in memory).
static_assert(kFoldLanes == 8, "horizontal_min is written for 8 lanes");
int horizontal_min(Lanes v) {
  v = min_lanes(v, __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3));
  v = min_lanes(v, __builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5));
  v = min_lanes(v, __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6));
  return v[0];
}

// 3'-side sizes u2 < tail_start(u1) have their own table (stack, 1-bulge, 1x1, 1x2, 2x1,
// 2x2, 2x3, 3x2, 1xn with the 1 on the 3' side, bulges with an empty 3' side); larger u2
// share one formula per u1: bulge (u1 = 0), 1xn (u1 = 1) or generic (u1 >= 2).
constexpr int tail_start(int u1) {
  switch (u1) {
    case 0:
      return 2;
    case 1:
      return 3;
    case 2:
      return 4;
    case 3:
      return 3;
    default:
      return 2;
  }
}

}  // namespace

Folder::Folder(const EnergyParams& params) : p_(params) {
  // Entries outside a row's tail (u2 below tail_start, down to kLanes - 1 below zero) hold
  // kTailPad: the lanes a block reads past the tail's end then never win the minimum.
  tail_cost_.assign(static_cast<std::size_t>(kMaxLoop + 1) * kTailStride, kTailPad);
  for (int u1 = 0; u1 <= kMaxLoop; ++u1) {
    for (int u2 = tail_start(u1); u1 + u2 <= kMaxLoop; ++u2) {
      int cost;
      if (u1 == 0) {
        cost = p_.bulge[u2];
      } else if (u1 == 1) {
        cost = p_.internal[1 + u2] + ninio_energy(p_, u2 - 1);
      } else {
        cost = p_.internal[u1 + u2] + ninio_energy(p_, std::abs(u1 - u2));
      }
      tail_cost_[u1 * kTailStride + kMaxLoop - u2] = cost;
    }
  }
  // By u1 - 4, padded to kWindow lanes.
  bulge5_cost_.assign(kWindow, kTailPad);
  one_n5_cost_.assign(kWindow, kTailPad);
  for (int u1 = 4; u1 <= kMaxLoop; ++u1) bulge5_cost_[u1 - 4] = p_.bulge[u1];
  for (int u1 = 4; u1 < kMaxLoop; ++u1) {
    one_n5_cost_[u1 - 4] = p_.internal[u1 + 1] + ninio_energy(p_, u1 - 1);
  }
}

FoldResult Folder::fold(std::string_view seq) {
  prepare(seq);
  if (n_ <= 3) return {std::string(n_, '.'), 0};
  fill();
  fill_exterior();
  backtrack();
  return {structure_, f_[n_]};
}

void Folder::prepare(std::string_view seq) {
  n_ = static_cast<int>(seq.size());
  reserve_memory();
  bases_.assign(n_ + 2, ' ');
  codes_.assign(n_ + 2, kBaseN);
  for (int x = 1; x <= n_; ++x) {
    bases_[x] = normalized_base(seq[x - 1]);
    codes_[x] = base_code(seq[x - 1]);
  }
  // Hairpins span at most band_ + 1 nt: their length terms, computed once per Folder.
  for (int u = static_cast<int>(hairpin_length_.size()); u < band_; ++u) {
    hairpin_length_.push_back(loop_length_energy(p_, p_.hairpin, u));
  }
  // Only the unused M(1,.) and M(.,n) see these; RNAfold wraps around the same way.
  if (n_ > 0) {
    codes_[0] = codes_[n_];
    codes_[n_ + 1] = codes_[1];
  }
}

int Folder::hairpin(int i, int j) const {
  const int u = j - i - 1;
  if (u > kMaxLoop) {
    // What hairpin_energy computes for a loop this long (never special), with the
    // extrapolated length term looked up instead of taking a logarithm per pair.
    return hairpin_length_[u] + p_.mismatch_hairpin[mismatch_index(type(i, j), codes_[i + 1],
                                                                   codes_[j - 1])];
  }
  const std::string_view key(bases_.data() + i, j - i + 1);
  return hairpin_energy(p_, type(i, j), u, codes_[i + 1], codes_[j - 1], key);
}

int Folder::exterior_stem(int k, int j) const {
  const int five = k > 1 ? codes_[k - 1] : kNoNeighbour;
  const int three = j < n_ ? codes_[j + 1] : kNoNeighbour;
  return exterior_stem_energy(p_, type(k, j), five, three);
}

int Folder::interior_min(int i, int j, int t1) const {
  const int a = codes_[i + 1];
  const int b = codes_[j - 1];
  const int outer_bulge = terminal_penalty(p_, t1);
  const int outer_1n = p_.mismatch_internal_1n[mismatch_index(t1, a, b)];
  const int outer_generic = p_.mismatch_internal[mismatch_index(t1, a, b)];
  int best = kUnreachable;
  // Tail minima of cost + (k,l) term, lane by lane; the (i,j) term of each family is added
  // once at the end (min(x + c) = min(x) + c exactly, as nothing overflows).
  Lanes tail_bulge, tail_1n, tail_generic;
  tail_bulge = tail_1n = tail_generic = Lanes{} + 2 * kTailPad;
  // (k,l) needs l - k >= 4, so k <= j - 5.
  const int max_u1 = std::min(kMaxLoop, j - i - 6);
  for (int u1 = 0; u1 <= max_u1; ++u1) {
    const int k = i + 1 + u1;
    const int max_u2 = std::min(kMaxLoop - u1, j - k - 5);
    const int first_tail = tail_start(u1);
    const std::size_t row = static_cast<std::size_t>(k % kWindow) * window_stride_;
    if (u1 >= 4) {
      // 5'-side bulge and 1xn with the 1 on the 3' side: their (k,l) terms are stored.
      if (max_u2 >= 0) {
        best = std::min(best, p_.bulge[u1] + outer_bulge + window_bulge_[row + j - 1]);
      }
      if (max_u2 >= 1) {
        best = std::min(best, p_.internal[u1 + 1] + ninio_energy(p_, u1 - 1) + outer_1n +
                                  window_1n_[row + j - 2]);
      }
    } else {
      const int last_head = std::min(first_tail - 1, max_u2);
      for (int u2 = 0; u2 <= last_head; ++u2) {
        const int l = j - 1 - u2;
        const int c_kl = c(k, l);
        if (c_kl >= kUnreachable) continue;
        const int e =
            interior_energy(p_, t1, type(l, k), u1, u2, a, b, codes_[k - 1], codes_[l + 1]);
        best = std::min(best, e + c_kl);
      }
    }
    if (max_u2 < first_tail) continue;
    // Whole blocks of kLanes: the last one may run past the tail into u2 < first_tail,
    // where the cost is kTailPad (the window rows are padded for the reads past l = j-1).
    const int lowest_l = j - 1 - max_u2;
    const int count = max_u2 - first_tail + 1;
    const int* cost = tail_cost_.data() + u1 * kTailStride + kMaxLoop - max_u2;
    const int* inner;
    Lanes* tail;
    if (u1 == 0) {
      inner = window_bulge_.data() + row + lowest_l;
      tail = &tail_bulge;
    } else if (u1 == 1) {
      inner = window_1n_.data() + row + lowest_l;
      tail = &tail_1n;
    } else {
      inner = window_generic_.data() + row + lowest_l;
      tail = &tail_generic;
    }
    Lanes acc = *tail;
    for (int x = 0; x < count; x += kLanes) {
      acc = min_lanes(acc, load_lanes(cost + x) + load_lanes(inner + x));
    }
    *tail = acc;
  }
  best = std::min(best, horizontal_min(tail_bulge) + outer_bulge);
  best = std::min(best, horizontal_min(tail_1n) + outer_1n);
  best = std::min(best, horizontal_min(tail_generic) + outer_generic);
  return best;
}

// The same minimum for j - i >= kFarSpan, where no loop size is cut by the closeness of i
// and j: every bound is a constant, so the shapes are visited in fixed, branch-free loops.
int Folder::interior_min_far(int i, int j, int t1) const {
  const int a = codes_[i + 1];
  const int b = codes_[j - 1];
  const int mm = mismatch_index(t1, a, b);
  int best = kUnreachable;
  // The special shapes (u1 <= 3 and u2 < tail_start(u1)), in a fixed order.
  const auto head = [&](int u1, int u2) {
    const int k = i + 1 + u1;
    const int l = j - 1 - u2;
    const int c_kl = c(k, l);
    // Without a branch (pairing is unpredictable): an unpairable (k,l) reads the tables'
    // unused type-0 entries and is then discarded.
    const int e = interior_energy(p_, t1, type(l, k), u1, u2, a, b, codes_[k - 1], codes_[l + 1]);
    best = std::min(best, c_kl >= kUnreachable ? kUnreachable : e + c_kl);
  };
  head(0, 0);
  head(0, 1);
  head(1, 0);
  head(1, 1);
  head(1, 2);
  head(2, 0);
  head(2, 1);
  head(2, 2);
  head(2, 3);
  head(3, 0);
  head(3, 1);
  head(3, 2);
  const int* bulge_rows = window_bulge_.data();
  const int* n1_rows = window_1n_.data();
  const int* generic_rows = window_generic_.data();
  const auto row_of = [&](int u1) {
    return static_cast<std::size_t>(static_cast<unsigned>(i + 1 + u1) % kWindow) * window_stride_;
  };
  // 5'-side bulges (u1 = 4..30) and 1xn loops with the 1 on the 3' side (u1 = 4..29): the
  // inner pairs (k, j-1) and (k, j-2) for k = i+5.. from the column copies, contiguous in k.
  const std::size_t slot = static_cast<unsigned>(i + 5) % kWindow;
  const int* bulge_column = column_bulge_.data() + static_cast<std::size_t>(j - 1) * kColumnSlots + slot;
  const int* n1_column = column_1n_.data() + static_cast<std::size_t>(j - 2) * kColumnSlots + slot;
  Lanes side_bulge = load_lanes(bulge5_cost_.data()) + load_lanes(bulge_column);
  Lanes side_1n = load_lanes(one_n5_cost_.data()) + load_lanes(n1_column);
  for (int x = kLanes; x < kWindow; x += kLanes) {
    side_bulge = min_lanes(side_bulge, load_lanes(bulge5_cost_.data() + x) + load_lanes(bulge_column + x));
    side_1n = min_lanes(side_1n, load_lanes(one_n5_cost_.data() + x) + load_lanes(n1_column + x));
  }
  const int bulge5 = horizontal_min(side_bulge);
  const int one_n5 = horizontal_min(side_1n);
  // The tails: u1 = 0 (bulges), u1 = 1 (1xn) and u1 >= 2 (generic), u2 from
  // tail_start(u1) up to 30 - u1, in whole blocks (see interior_min).
  const int* cost_rows = tail_cost_.data();
  Lanes tail_bulge = Lanes{} + 2 * kTailPad;
  Lanes tail_1n = tail_bulge;
  Lanes tail_generic = tail_bulge;
  {
    const int* cost = cost_rows;  // u1 = 0, max_u2 = 30, u2 >= 2: 29 values
    const int* inner = bulge_rows + row_of(0) + (j - 1 - kMaxLoop);
    for (int x = 0; x < kMaxLoop - 1; x += kLanes) {
      tail_bulge = min_lanes(tail_bulge, load_lanes(cost + x) + load_lanes(inner + x));
    }
  }
  {
    const int* cost = cost_rows + kTailStride + 1;  // u1 = 1, max_u2 = 29, u2 >= 3: 27 values
    const int* inner = n1_rows + row_of(1) + (j - kMaxLoop);
    for (int x = 0; x < kMaxLoop - 3; x += kLanes) {
      tail_1n = min_lanes(tail_1n, load_lanes(cost + x) + load_lanes(inner + x));
    }
  }
  for (int u1 = 2; u1 <= kMaxLoop - 2; ++u1) {
    // max_u2 = 30 - u1; u2 from 4 (u1 = 2), 3 (u1 = 3) or 2 (u1 >= 4): 25, 25, 29 - u1 values.
    const int count = u1 <= 3 ? 25 : kMaxLoop - 1 - u1;
    const int* cost = cost_rows + u1 * kTailStride + u1;
    const int* inner = generic_rows + row_of(u1) + (j - 1 - kMaxLoop + u1);
    for (int x = 0; x < count; x += kLanes) {
      tail_generic = min_lanes(tail_generic, load_lanes(cost + x) + load_lanes(inner + x));
    }
  }
  const int outer_bulge = terminal_penalty(p_, t1);
  const int outer_1n = p_.mismatch_internal_1n[mm];
  best = std::min(best, std::min(bulge5, horizontal_min(tail_bulge)) + outer_bulge);
  best = std::min(best, std::min(one_n5, horizontal_min(tail_1n)) + outer_1n);
  best = std::min(best, horizontal_min(tail_generic) + p_.mismatch_internal[mm]);
  return best;
}

int Folder::multi_energy(int i, int j) {
  // min over u of M(i+1,u) + M(u+1,j-1), i+5 <= u <= j-6: the split term of M(i+1,j-1),
  // kept from the previous row.
  const int best = split_below_[j - 1];
  if (best >= kUnreachable) return kUnreachable;
  return best + multi_closing_energy(p_, type(j, i), codes_[j - 1], codes_[i + 1]);
}

int Folder::pair_energy(int i, int j) {
  const int t1 = type(i, j);
  if (t1 == kNoPair) return kUnreachable;
  int best = hairpin(i, j);
  best = std::min(best, j - i >= kFarSpan ? interior_min_far(i, j, t1) : interior_min(i, j, t1));
  if (j - i >= 11) best = std::min(best, multi_energy(i, j));
  return best >= kUnreachable ? kUnreachable : best;
}

int Folder::multi_pieces_energy(int i, int j, int c_ij) {
  int best = kUnreachable;
  if (c_ij < kUnreachable) {
    best = c_ij + multi_stem_energy(p_, type(i, j), codes_[i - 1], codes_[j + 1]);
  }
  best = std::min(best, m(i + 1, j) + p_.ml_base);
  best = std::min(best, m(i, j - 1) + p_.ml_base);
  // M(i,u) + M(u+1,j) with both parts at least 5 bases long: u from i+4 to j-5. A minimum
  // may see a value twice, so the last block of kLanes overlaps the one before it.
  const int* left = m_row_.data() + row_base_[i] + i + 4;
  const int* right = m_col_.data() + col_base_[j] + i + 5;
  const int count = j - i - 8;
  int split = 2 * kUnreachable;
  if (count >= kLanes) {
    Lanes acc = load_lanes(left) + load_lanes(right);
    for (int x = kLanes; x < count; x += kLanes) {
      const int at = std::min(x, count - kLanes);
      acc = min_lanes(acc, load_lanes(left + at) + load_lanes(right + at));
    }
    split = horizontal_min(acc);
  } else {
    for (int x = 0; x < count; ++x) split = std::min(split, left[x] + right[x]);
  }
  split_row_[j] = split;
  best = std::min(best, split);
  return best >= kUnreachable ? kUnreachable : best;
}

void Folder::set_window_row(int i, int j, int c_ij) {
  const std::size_t at = static_cast<std::size_t>(i % kWindow) * window_stride_ + j;
  const std::size_t column = static_cast<std::size_t>(j) * kColumnSlots + i % kWindow;
  if (c_ij >= kUnreachable) {
    window_bulge_[at] = window_1n_[at] = window_generic_[at] = kUnreachable;
    column_bulge_[column] = column_bulge_[column + kWindow] = kUnreachable;
    column_1n_[column] = column_1n_[column + kWindow] = kUnreachable;
    return;
  }
  // Seen from an enclosing loop, (i,j) is the inner pair: reversed type, neighbours
  // j+1 (first) and i-1 (second).
  const int inner_type = type(j, i);
  const int mm = mismatch_index(inner_type, codes_[j + 1], codes_[i - 1]);
  window_bulge_[at] = c_ij + terminal_penalty(p_, inner_type);
  window_1n_[at] = c_ij + p_.mismatch_internal_1n[mm];
  window_generic_[at] = c_ij + p_.mismatch_internal[mm];
  column_bulge_[column] = column_bulge_[column + kWindow] = window_bulge_[at];
  column_1n_[column] = column_1n_[column + kWindow] = window_1n_[at];
}

void Folder::fill() {
  for (int i = n_; i >= 1; --i) {
    const int last = std::min(n_, i + band_);
    split_below_.swap(split_row_);  // row i+1's split terms
    for (int j = i; j <= last; ++j) {
      if (j - i < 4) {
        c(i, j) = kUnreachable;
        m_row_[row_base_[i] + j] = m_col_[col_base_[j] + i] = kUnreachable;
        set_window_row(i, j, kUnreachable);
        continue;
      }
      const int c_ij = pair_energy(i, j);
      c(i, j) = c_ij;
      set_window_row(i, j, c_ij);
      const int m_ij = multi_pieces_energy(i, j, c_ij);
      m_row_[row_base_[i] + j] = m_col_[col_base_[j] + i] = m_ij;
    }
  }
}

void Folder::fill_exterior() {
  f_[0] = 0;
  for (int j = 1; j <= n_; ++j) {
    int best = f_[j - 1];
    for (int k = std::max(1, j - band_); k <= j - 4; ++k) {
      const int c_kj = c(k, j);
      if (c_kj >= kUnreachable) continue;
      best = std::min(best, f_[k - 1] + c_kj + exterior_stem(k, j));
    }
    f_[j] = best;
  }
}

}  // namespace mirgene::fold
