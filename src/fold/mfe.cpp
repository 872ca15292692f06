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

#include "common/error.hpp"
#include "fold/alphabet.hpp"
#include "fold/loop_energy.hpp"

namespace mirgene::fold {
namespace {

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
  tail_cost_.assign(static_cast<std::size_t>(kTailStride) * kTailStride, 0);
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
  // Only the unused M(1,.) and M(.,n) see these; RNAfold wraps around the same way.
  if (n_ > 0) {
    codes_[0] = codes_[n_];
    codes_[n_ + 1] = codes_[1];
  }
}

int Folder::hairpin(int i, int j) const {
  const std::string_view key(bases_.data() + i, j - i + 1);
  return hairpin_energy(p_, type(i, j), j - i - 1, codes_[i + 1], codes_[j - 1], key);
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
    const int lowest_l = j - 1 - max_u2;
    const int count = max_u2 - first_tail + 1;
    const int* cost = tail_cost_.data() + u1 * kTailStride + kMaxLoop - max_u2;
    const int* inner;
    int outer;
    if (u1 == 0) {
      inner = window_bulge_.data() + row + lowest_l;
      outer = outer_bulge;
    } else if (u1 == 1) {
      inner = window_1n_.data() + row + lowest_l;
      outer = outer_1n;
    } else {
      inner = window_generic_.data() + row + lowest_l;
      outer = outer_generic;
    }
    int tail = kUnreachable;
    for (int x = 0; x < count; ++x) tail = std::min(tail, cost[x] + inner[x]);
    best = std::min(best, tail + outer);
  }
  return best;
}

int Folder::multi_energy(int i, int j) {
  // M(i+1,u) + M(u+1,j-1); each M needs at least 5 bases, so i+5 <= u <= j-6.
  const int* left = m_row_.data() + row_base_[i + 1];
  const int* right = m_col_.data() + col_base_[j - 1] + 1;
  int best = 2 * kUnreachable;
  for (int u = i + 5; u <= j - 6; ++u) best = std::min(best, left[u] + right[u]);
  if (best >= kUnreachable) return kUnreachable;
  return best + multi_closing_energy(p_, type(j, i), codes_[j - 1], codes_[i + 1]);
}

int Folder::pair_energy(int i, int j) {
  const int t1 = type(i, j);
  if (t1 == kNoPair) return kUnreachable;
  int best = hairpin(i, j);
  best = std::min(best, interior_min(i, j, t1));
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
  // M(i,u) + M(u+1,j) with both parts at least 5 bases long.
  const int* left = m_row_.data() + row_base_[i];
  const int* right = m_col_.data() + col_base_[j] + 1;
  int split = 2 * kUnreachable;
  for (int u = i + 4; u <= j - 5; ++u) split = std::min(split, left[u] + right[u]);
  best = std::min(best, split);
  return best >= kUnreachable ? kUnreachable : best;
}

void Folder::set_window_row(int i, int j, int c_ij) {
  const std::size_t at = static_cast<std::size_t>(i % kWindow) * window_stride_ + j;
  if (c_ij >= kUnreachable) {
    window_bulge_[at] = window_1n_[at] = window_generic_[at] = kUnreachable;
    return;
  }
  // Seen from an enclosing loop, (i,j) is the inner pair: reversed type, neighbours
  // j+1 (first) and i-1 (second).
  const int inner_type = type(j, i);
  const int mm = mismatch_index(inner_type, codes_[j + 1], codes_[i - 1]);
  window_bulge_[at] = c_ij + terminal_penalty(p_, inner_type);
  window_1n_[at] = c_ij + p_.mismatch_internal_1n[mm];
  window_generic_[at] = c_ij + p_.mismatch_internal[mm];
}

void Folder::fill() {
  for (int i = n_; i >= 1; --i) {
    const int last = std::min(n_, i + band_);
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
