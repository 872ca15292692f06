#pragma once
// Minimum-free-energy folding with RNAfold 2.7.1's default model (Turner 2004, -d2,
// lonely pairs allowed, loops of at most 30 unpaired bases except hairpins). Among
// co-optimal structures it returns the one RNAfold prints.
#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fold/params.hpp"

namespace mirgene::fold {

struct FoldResult {
  std::string structure;  // dot-bracket, one character per input character
  int energy;             // dcal/mol (-540 means -5.40 kcal/mol)
};

// Interior loops reach at most kMaxLoop + 1 rows below their closing pair, so the
// folder keeps per-row interior-loop terms for this many rows only.
inline constexpr int kFoldWindowRows = kMaxLoop + 2;
// Width of the blocks the interior-loop search reads (window rows are padded by this).
inline constexpr int kFoldLanes = 8;
// Ints kept per (i,j) for the generic interior loops it closes (see Folder::generic_row_).
inline constexpr int kFoldGenericStride = 5 * kFoldLanes;

// Bytes a Folder needs for a sequence of n nucleotides.
std::size_t fold_memory_bytes(std::size_t n);
// The same with pairs limited to `max_span` nucleotides (see Folder::set_max_span); the
// tables then grow linearly with n. max_span 0 means no limit.
std::size_t fold_memory_bytes(std::size_t n, int max_span);

// A cap on the memory of all Folders of the process together (each thread has its own Folder,
// and each checks its tables against what is left when it grows them); 0, the default, means
// the machine's available memory alone. Growth is checked and allocated under one lock, so
// two threads cannot both pass the check for memory only one of them can have.
void set_fold_memory_budget(std::size_t bytes);

// The bytes a Folder holds, counted in the process-wide total until it is destroyed.
class FoldMemoryReservation {
 public:
  FoldMemoryReservation() = default;
  FoldMemoryReservation(FoldMemoryReservation&& other) noexcept;
  FoldMemoryReservation& operator=(FoldMemoryReservation&& other) noexcept;
  ~FoldMemoryReservation();
  std::size_t bytes() const { return bytes_; }
  void grow_to(std::size_t bytes);  // call with the lock of Folder::reserve_memory held

 private:
  std::size_t bytes_ = 0;
};

// One Folder per thread: its scratch arrays are reused across calls, so fold() is not
// thread-safe. The EnergyParams it refers to is read-only and may be shared; it must
// outlive the Folder.
class Folder {
 public:
  explicit Folder(const EnergyParams& params = turner2004());

  // Any case; T/t is read as U; any other character than A/C/G/U never pairs but is an
  // ordinary unpaired base (neighbour code N). Throws mirgene::Error if the sequence
  // needs more memory than is available or than set_memory_limit allows.
  FoldResult fold(std::string_view seq);

  // Upper bound on fold_memory_bytes for one call; 0 (the default) means only the
  // machine's available memory limits it.
  void set_memory_limit(std::size_t bytes) { memory_limit_ = bytes; }

  // Limits base pairs (i,j) to j - i + 1 <= span nucleotides, as local folding does (the
  // result is the MFE structure among those whose pairs all span at most `span` nt); C and
  // M are then kept for the band j - i < span only, so time and memory grow linearly with
  // the sequence length. 0 (the default) means no limit: the RNAfold-identical fold.
  // Spans below 5 are read as 5 (no pair can span fewer).
  void set_max_span(int span) { max_span_ = span <= 0 ? 0 : std::max(span, 5); }
  int max_span() const { return max_span_; }

 private:
  // Marks an impossible C or M value. Far above any real energy, and small enough that
  // two of them plus loop terms still fit an int.
  static constexpr int kUnreachable = 1 << 29;
  static constexpr int kWindow = kFoldWindowRows;
  // The interior-loop tails are scanned in blocks of kLanes ints (one vector register).
  static constexpr int kLanes = kFoldLanes;
  static constexpr int kTailStride = kMaxLoop + 1 + kLanes;
  static constexpr int kColumnSlots = 2 * kWindow;
  static constexpr int kWindowFront = kWindow;
  // The cost of a lane outside a tail: above any real candidate (C values are far above
  // -2^27), and with any stored (k,l) term still far from overflowing an int.
  static constexpr int kTailPad = kUnreachable + (1 << 28);
  // A masked lane: above every real candidate and every padded one.
  static constexpr int kMasked = 2 * kTailPad;
  // From this j - i on, no interior loop is limited by the closeness of i and j: u1 and
  // u2 reach 30 and every inner pair has l - k >= 4 (see interior_min).
  static constexpr int kFarSpan = kMaxLoop + 6;
  // Generic interior loops (both sides >= 2 unpaired, other than 2x2, 2x3 and 3x2) have
  // 6..30 unpaired bases in all; the smallest closing pair holding one spans 12 nt.
  static constexpr int kGenericMinSize = 6;
  static constexpr int kGenericMinSpan = kGenericMinSize + 6;
  // Lanes of a (i,j)'s generic-loop minima: lane x holds loops of 30 - x unpaired bases
  // (x <= 24), then padding up to a whole number of blocks, then one more block of
  // padding that a block read shifted by two lanes reaches into.
  static constexpr int kGenericLanes = 4 * kLanes;
  static constexpr int kGenericStride = kFoldGenericStride;
  static_assert(kGenericStride >= kGenericLanes + 2);

  struct Task {
    enum class Kind { Exterior, Pair, Multi } kind;
    int i, j;
  };

  void prepare(std::string_view seq);
  void reserve_memory();
  void allocate_tables();
  void fill();
  int pair_energy(int i, int j, int t1);
  template <bool kNear>
  int interior_min(int i, int j, int t1) const;
  void fill_generic_row(int i, int last);
  int multi_energy(int i, int j);
  int multi_pieces_energy(int i, int j, int c_ij);
  void clear_window_row(int i, int last);
  void set_window_row(int i, int j, int c_ij);
  void fill_exterior();
  void backtrack();
  void backtrack_exterior(int j);
  void backtrack_pair(int i, int j);
  void backtrack_multi(int i, int j);

  int type(int x, int y) const { return kPairTypeTable[codes_[x]][codes_[y]]; }
  int hairpin(int i, int j) const;
  int exterior_stem(int k, int j) const;
  int& c(int i, int j) { return c_[row_base_[i] + j]; }
  int c(int i, int j) const { return c_[row_base_[i] + j]; }
  int m(int i, int j) const { return m_row_[row_base_[i] + j]; }
  // Index of (k,l) in the window rows. A row holds l - k = 0..band_ (plus a block's overrun),
  // not l = 1..n: the kWindow rows a band fold reads per (i,j) then stay as compact (and
  // cache-resident) on a 4,000-nt chunk as on a 120-nt sequence.
  std::ptrdiff_t window_row_origin(int k) const {
    return kWindowFront +
           static_cast<std::ptrdiff_t>(static_cast<unsigned>(k) % kWindow) * window_stride_ - k;
  }
  std::size_t window_index(int k, int l) const {
    return static_cast<std::size_t>(window_row_origin(k) + l);
  }

  const EnergyParams& p_;
  std::size_t memory_limit_ = 0;
  int max_span_ = 0;
  // Largest j - i kept in C and M for the current sequence (n - 1 without a span limit).
  int band_ = 0;
  FoldMemoryReservation reserved_;

  // Per-loop-shape costs of the interior-loop search, independent of the sequence:
  // tail_cost_[u1 * kTailStride + 30 - u2] for u1 = 0 and 1, see interior_min; kTailPad
  // past each tail.
  std::vector<int> tail_cost_;
  // By lane x of the generic-loop minima (loops of 30 - x unpaired bases): the asymmetry
  // term of the loops with 2 unpaired bases on one side, and the size term; see
  // fill_generic_row.
  std::vector<int> generic_edge_cost_;
  std::vector<int> generic_size_cost_;
  // Costs of the 5'-side bulge (u2 = 0) and 1xn (u2 = 1) loops by u1 - 4 (u1 >= 4),
  // kTailPad past the last.
  std::vector<int> bulge5_cost_;
  std::vector<int> one_n5_cost_;

  // Per-sequence scratch, reused across calls. Positions are 1-based; codes_[0] and
  // codes_[n+1] are padding.
  int n_ = 0;
  std::string bases_;
  std::vector<int> codes_;
  std::vector<std::size_t> row_base_;  // c_/m_row_ index of (i,j) = row_base_[i] + j
  // m_col_ index of (i,j) = col_base_[j] + i. Banded, columns are a ring of band + 2: filling
  // row i reads and writes columns i..i+band only, so column j's storage is free again once
  // row j - band - 1 begins (the same holds for column_base_).
  std::vector<std::size_t> col_base_;
  std::vector<int> c_;      // C(i,j): i and j pair
  std::vector<int> m_row_;  // M(i,j): inside a multiloop, at least one stem
  std::vector<int> m_col_;  // the same values, stored by column
  // C(k,l) plus the part of an enclosing interior loop's energy that depends only on
  // (k,l), for the last kWindow rows k: bulge (terminal penalty), 1xn and generic
  // (inner mismatch). Row k lives in slot k % kWindow.
  std::vector<int> window_bulge_;
  std::vector<int> window_1n_;
  std::vector<int> window_generic_;
  // window_row_origin(i+1+u1) for the row i being filled (l is added to it; may be < 0).
  std::array<std::ptrdiff_t, kMaxLoop + 1> window_rows_{};
  // The bulge, 1xn and generic terms again by column: column j holds rows k of the window
  // at slots k % kWindow and k % kWindow + kWindow, so any kWindow consecutive rows are
  // contiguous.
  std::vector<int> column_bulge_;
  std::vector<int> column_1n_;
  std::vector<int> column_generic_;
  std::vector<std::size_t> column_base_;  // index of column j's slot 0 in the column_ arrays
  std::ptrdiff_t window_stride_ = 0;
  // The split term of M, min over u of M(i,u) + M(u+1,j), for the row being filled and
  // for the row below it (by j): the latter is the multiloop term of C(i-1,j+1).
  std::vector<int> split_row_;
  std::vector<int> split_below_;
  // Generic interior loops closed by (i,j) of row i, by total size: the minimum over their
  // inner pairs (k,l) of the asymmetry term plus window_generic_'s (k,l) term, at
  // (j - i) * kGenericStride; the same for row i+1 (see fill_generic_row).
  std::vector<int> generic_row_;
  std::vector<int> generic_below_;
  // Length terms of hairpins by number of unpaired bases (grows with the longest used).
  std::vector<int> hairpin_length_;
  // The j that can pair with the row's i (fill), or whose C(k,j) is reachable (fill_exterior).
  std::vector<int> partner_;
  std::vector<int> f_;  // F(j): prefix 1..j in the exterior loop
  std::string structure_;
  std::vector<Task> tasks_;
};

}  // namespace mirgene::fold
