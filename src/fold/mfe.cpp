// The MFE fill (spec section 4.2): C, M and F arrays, i from n down to 1, j upward.
//
// Speed without changing any value: the interior-loop search for (i,j) evaluates a few
// special shapes one by one, and the rest as families whose energy is (a cost depending on
// u1,u2) + (a term depending only on (i,j)) + (a term depending only on (k,l), stored with
// C(k,l) in window rows): bulges and 1xn loops as minima over contiguous int arrays, read
// in whole vector blocks with fixed bounds (see interior_min), and generic loops from
// minima by loop size carried along the diagonal from (i+1,j-1) (see fill_generic_row). The
// multiloop sums walk M by row and M by column, both contiguous, and the sum that closes a
// multiloop at (i,j) is M's split of (i+1,j-1), kept from the row below. Tests of reachability (C
// or M unreachable) are selects, not branches: which (k,l) can pair is as good as random, so a
// branch there is mispredicted half the time.
#include "fold/mfe.hpp"

#include <algorithm>
#include <cstring>

#include "common/error.hpp"
#include "fold/alphabet.hpp"
#include "fold/loop_energy.hpp"

namespace mirgene::fold {
namespace {

// Without AVX (portable builds, the fuzz build) 8-int vectors are passed between functions
// differently, which -Wpsabi warns of; these helpers are internal to this file, so no
// interface changes.
#pragma GCC diagnostic ignored "-Wpsabi"

// kFoldLanes ints in one vector register (GCC/Clang vector extension; without SIMD the
// compiler emits plain scalar code for it).
using Lanes = int __attribute__((vector_size(kFoldLanes * sizeof(int))));

Lanes load_lanes(const int* at) {
  Lanes v;
  std::memcpy(&v, at, sizeof v);  // unaligned load
  return v;
}

void store_lanes(int* at, Lanes v) {
  std::memcpy(at, &v, sizeof v);
}

Lanes min_lanes(Lanes a, Lanes b) {
  return a < b ? a : b;
}

// Twice as wide, for the multiloop split, whose length grows with j - i (up to the span):
// one register with AVX-512, two without.
constexpr int kWideLanes = 2 * kFoldLanes;
using WideLanes = int __attribute__((vector_size(kWideLanes * sizeof(int))));

WideLanes load_wide(const int* at) {
  WideLanes v;
  std::memcpy(&v, at, sizeof v);
  return v;
}

WideLanes min_wide(WideLanes a, WideLanes b) {
  return a < b ? a : b;
}

// The lane-wise minimum of v's two halves.
Lanes narrowed(WideLanes v) {
  return min_lanes(__builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7),
                   __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15));
}

Lanes reversed(Lanes v) {
  return __builtin_shufflevector(v, v, 7, 6, 5, 4, 3, 2, 1, 0);
}

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
  tail_cost_.assign(2 * kTailStride, kTailPad);
  for (int u2 = tail_start(0); u2 <= kMaxLoop; ++u2) {
    tail_cost_[kMaxLoop - u2] = p_.bulge[u2];
  }
  for (int u2 = tail_start(1); 1 + u2 <= kMaxLoop; ++u2) {
    tail_cost_[kTailStride + kMaxLoop - u2] = p_.internal[1 + u2] + ninio_energy(p_, u2 - 1);
  }
  // Lane x: loops of s = 30 - x unpaired bases. With 2 on one side the asymmetry is |s - 4|.
  generic_edge_cost_.assign(kGenericLanes, kTailPad);
  generic_size_cost_.assign(kGenericLanes, 0);
  for (int size = kGenericMinSize; size <= kMaxLoop; ++size) {
    generic_edge_cost_[kMaxLoop - size] = ninio_energy(p_, std::abs(size - 4));
    generic_size_cost_[kMaxLoop - size] = p_.internal[size];
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
    return hairpin_length_[u] +
           p_.mismatch_hairpin[mismatch_index(type(i, j), codes_[i + 1], codes_[j - 1])];
  }
  const std::string_view key(bases_.data() + i, j - i + 1);
  return hairpin_energy(p_, type(i, j), u, codes_[i + 1], codes_[j - 1], key);
}

int Folder::exterior_stem(int k, int j) const {
  const int five = k > 1 ? codes_[k - 1] : kNoNeighbour;
  const int three = j < n_ ? codes_[j + 1] : kNoNeighbour;
  return exterior_stem_energy(p_, type(k, j), five, three);
}

// The interior loops closed by (i,j): min over inner pairs (k,l), i < k < l < j, with
// u1 = k-i-1 and u2 = j-l-1 unpaired bases, u1 + u2 <= 30, of loop energy + C(k,l).
//
// Every (u1,u2) is visited as if j - i were large, in loops with fixed bounds; kNear (j - i
// < kFarSpan) leaves out the shapes whose inner pair would be closer than l - k = 4, i.e.
// u1 + u2 > j - i - 6 (skipped, masked, or the tail blocks started past them). The shapes:
//  - the special ones, u1 <= 3 and u2 < tail_start(u1), one by one;
//  - 5'-side bulges (u2 = 0) and 1xn loops with the 1 on the 3' side (u2 = 1), u1 >= 4:
//    the inner pairs (k, j-1) and (k, j-2) for k = i+5.. read from the column copies of
//    the window, contiguous in k;
//  - the tails, u2 >= tail_start(u1) for bulges (u1 = 0) and 1xn (u1 = 1), each a cost by
//    (u1,u2) plus a term by (k,l) from window row k, contiguous in l;
//  - the generic loops (u1, u2 >= 2), already reduced to one minimum per loop size by
//    fill_generic_row.
//  The term by (i,j) of each family is added once at the end: min(x) + c = min(x + c), as
//  nothing overflows.
// Blocks are whole vectors of kLanes: lanes past a tail's end have cost kTailPad, and
// masked lanes kMasked, so they never win the minimum (the reads past a row's ends stay
// inside the padded arrays and see values of this or an earlier fold, never used).
template <bool kNear>
int Folder::interior_min(int i, int j, int t1) const {
  const int d = j - i - 6;  // the largest u1 + u2
  const int a = codes_[i + 1];
  const int b = codes_[j - 1];
  const int mm = mismatch_index(t1, a, b);
  int best = kUnreachable;
  const auto head = [&](int u1, int u2) {
    if (kNear && u1 + u2 > d) return;
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
  const Lanes lane = Lanes{0, 1, 2, 3, 4, 5, 6, 7};
  const Lanes masked = Lanes{} + kMasked;
  // u1 = 4 + x: a bulge needs u1 <= d, a 1xn u1 + 1 <= d (near only; the costs stop them
  // at 30 and 29).
  const Lanes bulge_limit = Lanes{} + (d - 4);
  const Lanes n1_limit = Lanes{} + (d - 5);
  const std::size_t slot = static_cast<unsigned>(i + 5) % kWindow;
  const int* bulge_column = column_bulge_.data() + column_base_[j - 1] + slot;
  const int* n1_column = column_1n_.data() + column_base_[j - 2] + slot;
  Lanes side_bulge = masked;
  Lanes side_1n = masked;
  // Near, the blocks past u1 = d hold no valid bulge (nor 1xn).
  const int side_end = kNear ? std::min(kWindow, d - 3) : kWindow;
  for (int x = 0; x < side_end; x += kLanes) {
    Lanes bulge = load_lanes(bulge5_cost_.data() + x) + load_lanes(bulge_column + x);
    Lanes n1 = load_lanes(one_n5_cost_.data() + x) + load_lanes(n1_column + x);
    if (kNear) {
      bulge = lane + x <= bulge_limit ? bulge : masked;
      n1 = lane + x <= n1_limit ? n1 : masked;
    }
    side_bulge = min_lanes(side_bulge, bulge);
    side_1n = min_lanes(side_1n, n1);
  }
  // Tails: lane x of row u1 is u2 = 30 - u1 - x, and u2 <= d - u1 means x >= 30 - d: near,
  // the blocks start there (not at a multiple of kLanes) and need no mask.
  const int first_lane = kNear ? kMaxLoop - d : 0;
  const int* cost_rows = tail_cost_.data();
  const auto tail = [&](const int* rows, int u1, int count, Lanes acc) {
    const int* cost = cost_rows + u1 * kTailStride + u1;
    const int* inner = rows + (window_rows_[u1] + (j - 1 - kMaxLoop + u1));
    for (int x = first_lane; x < count; x += kLanes) {
      acc = min_lanes(acc, load_lanes(cost + x) + load_lanes(inner + x));
    }
    return acc;
  };
  const Lanes tail_bulge = tail(window_bulge_.data(), 0, kMaxLoop - 1, masked);  // u2 >= 2
  const Lanes tail_1n = tail(window_1n_.data(), 1, kMaxLoop - 3, masked);        // u2 >= 3
  // Generic loops: their minima by size are ready (fill_generic_row); only the size term is
  // left to add. Sizes too large for (i,j) hold padding.
  const int* generic = generic_row_.data() + static_cast<std::size_t>(j - i) * kGenericStride;
  Lanes tail_generic = load_lanes(generic_size_cost_.data()) + load_lanes(generic);
  for (int x = kLanes; x < kGenericLanes; x += kLanes) {
    tail_generic = min_lanes(tail_generic,
                             load_lanes(generic_size_cost_.data() + x) + load_lanes(generic + x));
  }
  best =
      std::min(best, horizontal_min(min_lanes(side_bulge, tail_bulge)) + terminal_penalty(p_, t1));
  best = std::min(best, horizontal_min(min_lanes(side_1n, tail_1n)) + p_.mismatch_internal_1n[mm]);
  best = std::min(best, horizontal_min(tail_generic) + p_.mismatch_internal[mm]);
  return best;
}

// The generic interior loops of every (i,j) of row i, by size s = 30 - x (lane x): G(i,j,s) =
// min over their inner pairs (k,l) of ninio(|u1 - u2|) + window_generic_(k,l). Each term of
// the sum depends on (k,l) and on the asymmetry only, and moving the closing pair in to
// (i+1,j-1) keeps the asymmetry and the inner pair while taking 2 from the size. So a
// generic loop of (i,j) with at least 3 unpaired bases on each side is a generic loop of
// (i+1,j-1) two sizes smaller, except the 3x3, 3x4 and 4x3 loops, whose 2x2, 2x3 and 3x2
// counterparts have their own energies. Hence
//   G(i,j,s) = min(G(i+1,j-1,s-2), loops with 2 unpaired bases on one side, 3x3/3x4/4x3),
// O(30) per (i,j) where visiting every loop costs O(30^2) (Lyngsoe, Zuker and Pedersen's
// observation, Bioinformatics 1999). G is kept for every (i,j), pairable or not, as the
// row above reads it.
void Folder::fill_generic_row(int i, int last) {
  const Lanes lane = Lanes{0, 1, 2, 3, 4, 5, 6, 7};
  const Lanes pad = Lanes{} + kTailPad;
  const int* window = window_generic_.data();
  const int symmetric = ninio_energy(p_, 0);
  const int asymmetric_by_one = ninio_energy(p_, 1);
  for (int j = i + kGenericMinSpan; j <= last; ++j) {
    const int span = j - i;
    int* out = generic_row_.data() + static_cast<std::size_t>(span) * kGenericStride;
    // G(i+1,j-1,s-2), i.e. lane x + 2 of the cell two spans shorter in the row below.
    const int* below =
        generic_below_.data() + static_cast<std::size_t>(span - 2) * kGenericStride + 2;
    // 2 unpaired bases on the 5' side: inner pairs (i+3, j-29+x), contiguous in row i+3.
    const int* five = window + window_rows_[2] + (j - 29);
    // 2 on the 3' side: inner pairs (i+29-x, j-3), read upward in column j-3 and reversed.
    const int* three = column_generic_.data() + column_base_[j - 3];
    // Near the diagonal, lanes x < 36 - span hold loops too large to fit inside (i,j).
    const Lanes first_valid = Lanes{} + (kFarSpan - span);
    for (int x = 0; x < kGenericLanes; x += kLanes) {
      // Lanes x..x+7 hold rows i+29-x down to i+22-x: the block read starts at the latter's
      // slot. Rows below i+5 (the last block's) fall on padding lanes, whatever they hold.
      const std::size_t rows_from =
          static_cast<unsigned>(i + kMaxLoop - kLanes - x + kWindow) % kWindow;
      const Lanes from3 = reversed(load_lanes(three + rows_from));
      Lanes edge =
          load_lanes(generic_edge_cost_.data() + x) + min_lanes(load_lanes(five + x), from3);
      if (span < kFarSpan) edge = lane + x >= first_valid ? edge : pad;
      store_lanes(out + x, min_lanes(load_lanes(below + x), edge));
    }
    const int lane6 = kMaxLoop - kGenericMinSize;  // 3x3
    out[lane6] = std::min(out[lane6], symmetric + window[window_index(i + 4, j - 4)]);
    const int w34 =
        std::min(window[window_index(i + 4, j - 5)], window[window_index(i + 5, j - 4)]);
    out[lane6 - 1] = std::min(out[lane6 - 1], asymmetric_by_one + w34);  // 3x4 and 4x3
  }
}

int Folder::multi_energy(int i, int j) {
  // min over u of M(i+1,u) + M(u+1,j-1), i+5 <= u <= j-6: the split term of M(i+1,j-1),
  // kept from the previous row.
  const int best = split_below_[j - 1];
  if (best >= kUnreachable) return kUnreachable;
  return best + multi_closing_energy(p_, type(j, i), codes_[j - 1], codes_[i + 1]);
}

int Folder::pair_energy(int i, int j, int t1) {
  int best = hairpin(i, j);
  if (j - i >= kFarSpan) {
    best = std::min(best, interior_min<false>(i, j, t1));
  } else if (j - i >= 6) {  // (k,l) needs l - k >= 4
    best = std::min(best, interior_min<true>(i, j, t1));
  }
  if (j - i >= 11) best = std::min(best, multi_energy(i, j));
  return best >= kUnreachable ? kUnreachable : best;
}

int Folder::multi_pieces_energy(int i, int j, int c_ij) {
  // Without a branch on c_ij (unpredictable); an unpairable (i,j) reads type 0 entries.
  const int stem = c_ij + multi_stem_energy(p_, type(i, j), codes_[i - 1], codes_[j + 1]);
  int best = c_ij >= kUnreachable ? kUnreachable : stem;
  best = std::min(best, m(i + 1, j) + p_.ml_base);
  best = std::min(best, m(i, j - 1) + p_.ml_base);
  // M(i,u) + M(u+1,j) with both parts at least 5 bases long: u from i+4 to j-5. A minimum
  // may see a value twice, so the last block of kLanes overlaps the one before it.
  const int* left = m_row_.data() + row_base_[i] + i + 4;
  const int* right = m_col_.data() + col_base_[j] + i + 5;
  const int count = j - i - 8;
  int split = 2 * kUnreachable;
  if (count >= kWideLanes) {
    WideLanes acc = load_wide(left) + load_wide(right);
    for (int x = kWideLanes; x < count; x += kWideLanes) {
      const int at = std::min(x, count - kWideLanes);
      acc = min_wide(acc, load_wide(left + at) + load_wide(right + at));
    }
    split = horizontal_min(narrowed(acc));
  } else if (count >= kLanes) {
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

void Folder::clear_window_row(int i, int last) {
  // Every (i,j) of the row starts unpairable (C unreachable); set_window_row then writes
  // the partners only. Plain stores, where computing each j's terms meant table lookups
  // for the 60 % of j that cannot pair with i.
  for (int* row : {window_bulge_.data(), window_1n_.data(), window_generic_.data()}) {
    std::fill(row + window_index(i, i), row + window_index(i, last) + 1, kUnreachable);
  }
  const std::size_t slot = static_cast<unsigned>(i) % kWindow;
  for (int j = i; j <= last; ++j) {
    const std::size_t column = column_base_[j] + slot;
    column_bulge_[column] = column_bulge_[column + kWindow] = kUnreachable;
    column_1n_[column] = column_1n_[column + kWindow] = kUnreachable;
    column_generic_[column] = column_generic_[column + kWindow] = kUnreachable;
  }
}

void Folder::set_window_row(int i, int j, int c_ij) {
  const std::size_t at = window_index(i, j);
  const std::size_t column = column_base_[j] + i % kWindow;
  // Seen from an enclosing loop, (i,j) is the inner pair: reversed type, neighbours
  // j+1 (first) and i-1 (second). An unreachable C(i,j) stores kUnreachable, chosen without
  // a branch (type 0 entries are read and dropped).
  const bool none = c_ij >= kUnreachable;
  const int inner_type = type(j, i);
  const int mm = mismatch_index(inner_type, codes_[j + 1], codes_[i - 1]);
  const int bulge = none ? kUnreachable : c_ij + terminal_penalty(p_, inner_type);
  const int n1 = none ? kUnreachable : c_ij + p_.mismatch_internal_1n[mm];
  window_bulge_[at] = bulge;
  window_1n_[at] = n1;
  const int generic = none ? kUnreachable : c_ij + p_.mismatch_internal[mm];
  window_generic_[at] = generic;
  column_bulge_[column] = column_bulge_[column + kWindow] = bulge;
  column_generic_[column] = column_generic_[column + kWindow] = generic;
  column_1n_[column] = column_1n_[column + kWindow] = n1;
}

void Folder::fill() {
  for (int i = n_; i >= 1; --i) {
    const int last = std::min(n_, i + band_);
    split_below_.swap(split_row_);  // row i+1's split terms
    generic_below_.swap(generic_row_);
    for (int u1 = 0; u1 <= kMaxLoop; ++u1) window_rows_[u1] = window_row_origin(i + 1 + u1);
    fill_generic_row(i, last);
    // C(i,.) depends on rows below only: first the partners j that can pair with i, listed
    // without a branch (which would be unpredictable), then M and the window along the row.
    int* row = &c(i, i);
    for (int j = i; j <= last; ++j) row[j - i] = kUnreachable;
    int partners = 0;
    for (int j = i + 4; j <= last; ++j) {
      partner_[partners] = j;
      partners += type(i, j) != kNoPair;
    }
    clear_window_row(i, last);
    for (int p = 0; p < partners; ++p) {
      const int j = partner_[p];
      row[j - i] = pair_energy(i, j, type(i, j));
      set_window_row(i, j, row[j - i]);
    }
    for (int j = i; j <= last; ++j) {
      const int c_ij = row[j - i];
      const int m_ij = j - i < 4 ? kUnreachable : multi_pieces_energy(i, j, c_ij);
      m_row_[row_base_[i] + j] = m_col_[col_base_[j] + i] = m_ij;
    }
  }
}

void Folder::fill_exterior() {
  // F(j) = min(F(j-1), min over k of F(k-1) + C(k,j) + stem), k from max(1, j - band) to
  // j - 4. The terms are pushed row by row, k upward, into best_[j] (the scratch of the
  // split rows, free by now): row k of C is contiguous, a column is not.
  int* best = split_row_.data();
  std::fill(best, best + n_ + 1, 2 * kUnreachable);
  f_[0] = 0;
  for (int k = 1; k <= n_; ++k) {
    if (k > 1) f_[k - 1] = std::min(f_[k - 2], best[k - 1]);  // every term of F(k-1) is in
    const int* row = &c(k, k);
    const int last = std::min(n_, k + band_);
    const int f = f_[k - 1];
    // The stem terms (table lookups) for the reachable C(k,j) only, listed first without a
    // branch (which j can pair with k is as good as random).
    int reachable = 0;
    for (int j = k + 4; j <= last; ++j) {
      partner_[reachable] = j;
      reachable += row[j - k] < kUnreachable;
    }
    for (int p = 0; p < reachable; ++p) {
      const int j = partner_[p];
      best[j] = std::min(best[j], f + row[j - k] + exterior_stem(k, j));
    }
  }
  if (n_ >= 1) f_[n_] = std::min(f_[n_ - 1], best[n_]);
}

}  // namespace mirgene::fold
