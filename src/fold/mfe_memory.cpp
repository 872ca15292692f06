// Memory accounting for the folder: a sequence too long for the machine is refused with
// a clear error before anything is allocated, instead of being OOM-killed.
#include <algorithm>
#include <mutex>
#include <new>
#include <string>
#include <utility>

#include "common/available_memory.hpp"
#include "common/error.hpp"
#include "fold/mfe.hpp"

namespace mirgene::fold {
namespace {

constexpr std::size_t kWindowRows = kFoldWindowRows;

std::size_t triangle_cells(std::size_t n) {
  return n * (n + 1) / 2;
}

std::mutex& memory_mutex() {
  static std::mutex mutex;
  return mutex;
}
std::size_t g_budget = 0;          // set_fold_memory_budget; guarded by memory_mutex()
std::size_t g_reserved_total = 0;  // sum over live Folders; guarded by memory_mutex()

std::string gib(std::size_t bytes) {
  return gib_text(static_cast<double>(bytes));
}

// The longest sequence whose tables fit in `bytes`.
std::size_t longest_fitting(std::size_t bytes) {
  std::size_t low = 0, high = std::size_t{1} << 24;
  while (low < high) {
    const std::size_t mid = (low + high + 1) / 2;
    if (fold_memory_bytes(mid) <= bytes) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low;
}

[[noreturn]] void refuse(std::size_t n, std::size_t needed, std::size_t available) {
  throw Error("sequence of " + std::to_string(n) + " nt needs " + gib(needed) +
              " GiB to fold; only " + gib(available) + " GiB available (up to " +
              std::to_string(longest_fitting(available)) + " nt fit)");
}

}  // namespace

void set_fold_memory_budget(std::size_t bytes) {
  const std::lock_guard lock(memory_mutex());
  g_budget = bytes;
}

FoldMemoryReservation::FoldMemoryReservation(FoldMemoryReservation&& other) noexcept
    : bytes_(std::exchange(other.bytes_, 0)) {}

FoldMemoryReservation& FoldMemoryReservation::operator=(FoldMemoryReservation&& other) noexcept {
  if (this != &other) {
    const std::lock_guard lock(memory_mutex());
    g_reserved_total -= bytes_;
    bytes_ = std::exchange(other.bytes_, 0);
  }
  return *this;
}

FoldMemoryReservation::~FoldMemoryReservation() {
  if (bytes_ == 0) return;
  const std::lock_guard lock(memory_mutex());
  g_reserved_total -= bytes_;
}

void FoldMemoryReservation::grow_to(std::size_t bytes) {
  if (bytes <= bytes_) return;
  g_reserved_total += bytes - bytes_;
  bytes_ = bytes;
}

namespace {

// Columns kept of M by column and of the window's column copies: all n + 2, or a ring of
// band + 2 when pairs are limited to j - i <= band < n - 1 (see Folder::col_base_).
std::size_t column_ring(std::size_t n, std::size_t band) {
  return band + 1 >= n ? n + 2 : band + 2;
}

// Cells of C and of M by row, and of M by column: a triangle, or n rows of band + 1 cells
// (and a ring of columns) when pairs are limited to j - i <= band < n - 1; with padding.
std::size_t row_cell_count(std::size_t n, std::size_t band) {
  if (band + 1 >= n) return triangle_cells(n) + n + 2;
  return n * (band + 1) + 2;
}
std::size_t col_cell_count(std::size_t n, std::size_t band) {
  if (band + 1 >= n) return triangle_cells(n) + 1;
  return column_ring(n, band) * (band + 1) + 2;
}

// The largest j - i kept for a sequence of n nt under `max_span` (0 = none).
std::size_t band_of(std::size_t n, int max_span) {
  const std::size_t full = n > 0 ? n - 1 : 0;
  if (max_span <= 0) return full;
  return std::min(full, static_cast<std::size_t>(max_span - 1));
}

}  // namespace

std::size_t fold_memory_bytes(std::size_t n) {
  return fold_memory_bytes(n, 0);
}

std::size_t fold_memory_bytes(std::size_t n, int max_span) {
  const std::size_t band = band_of(n, max_span);
  const std::size_t row_cells = row_cell_count(n, band);  // c_, m_row_
  const std::size_t col_cells = col_cell_count(n, band);  // m_col_
  const std::size_t window_cells = 3 * (kWindowRows * (band + kFoldLanes + 2) + kFoldLanes)  // rows
                                   + 3 * 2 * kWindowRows * column_ring(n, band);  // columns
  const std::size_t generic_cells = 2 * (band + 1) * kFoldGenericStride;
  const std::size_t per_position =
      6 * sizeof(int)            // codes_, f_, split rows, hairpin lengths, partner_
      + 3 * sizeof(std::size_t)  // row_base_, col_base_, column_base_
      + 2                        // bases_, structure_
      + 12;                      // backtracking tasks
  return (2 * row_cells + col_cells + window_cells + generic_cells) * sizeof(int) +
         (n + 2) * per_position;
}

void Folder::reserve_memory() {
  const std::size_t n = static_cast<std::size_t>(n_);
  band_ = static_cast<int>(band_of(n, max_span_));
  const std::size_t needed = fold_memory_bytes(n, max_span_);
  if (memory_limit_ != 0 && needed > memory_limit_) refuse(n, needed, memory_limit_);
  const std::size_t held = reserved_.bytes();
  if (needed <= held) {
    allocate_tables();
    return;
  }
  // Checked and allocated under one lock: the next thread's check sees this allocation (in
  // the budget's total and in MemAvailable, the tables being written as they are sized).
  const std::lock_guard lock(memory_mutex());
  const std::size_t others = g_reserved_total - held;
  if (g_budget != 0 && others + needed > g_budget)
    refuse(n, needed, g_budget > others ? g_budget - others : 0);
  const std::size_t available = available_memory_bytes();
  if (needed - held > available) refuse(n, needed, available + held);
  try {
    allocate_tables();
  } catch (const std::bad_alloc&) {
    refuse(n, needed, available_memory_bytes() + held);
  }
  reserved_.grow_to(needed);
}

void Folder::allocate_tables() {
  const std::size_t n = static_cast<std::size_t>(n_);
  const std::size_t band = static_cast<std::size_t>(band_);
  {
    const std::size_t row_cells = row_cell_count(n, band);
    const std::size_t col_cells = col_cell_count(n, band);
    c_.resize(row_cells);
    m_row_.resize(row_cells);
    m_col_.resize(col_cells);
    // A window row holds l - k = 0..band, and a block read from its last tail entry runs up
    // to kFoldLanes - 1 further (l - k <= band + 3, see interior_min).
    window_stride_ = static_cast<std::ptrdiff_t>(band + 1 + kFoldLanes);
    // kWindowRows more in front and kFoldLanes more behind, as padding.
    const std::size_t window_size =
        kWindowRows + kWindowRows * static_cast<std::size_t>(window_stride_) + kFoldLanes;
    window_bulge_.resize(window_size);
    window_1n_.resize(window_size);
    window_generic_.resize(window_size);
    const std::size_t ring = column_ring(n, band);
    column_bulge_.resize(kColumnSlots * ring);
    column_1n_.resize(kColumnSlots * ring);
    column_generic_.resize(kColumnSlots * ring);
    // Cells never written (j - i < kGenericMinSpan, and the padding lanes) must read as
    // padding: new cells are filled with it, and fill_generic_row writes no other lanes.
    const std::size_t generic_size = (band + 1) * kGenericStride;
    generic_row_.resize(generic_size, kTailPad);
    generic_below_.resize(generic_size, kTailPad);
    column_base_.resize(n + 2);
    for (std::size_t j = 0; j < n + 2; ++j) column_base_[j] = (j % ring) * kColumnSlots;
    f_.resize(n + 1);
    split_row_.resize(n + 2);
    partner_.resize(n + 2);
    split_below_.resize(n + 2);
    row_base_.resize(n + 2);
    col_base_.resize(n + 2);
    tasks_.reserve(n + 2);
    if (band + 1 < n) {
      // Banded: row i holds j = i..i+band at (i-1)(band+1) + 1 + (j-i); column j holds
      // i = j-band..j at (j % ring)(band+1) + 1 + (i-(j-band)). Bases may wrap below zero for
      // the first rows and columns, but every index used (j - i <= band) is in range.
      const std::size_t w = band + 1;
      for (std::size_t i = 1; i <= n; ++i) row_base_[i] = (i - 1) * w + 1 - i;
      for (std::size_t j = 1; j <= n; ++j) col_base_[j] = (j % ring) * w + 1 - (j - band);
      return;
    }
    // Row i holds j = i..n; the padding in front keeps every base non-negative.
    std::size_t start = n + 2;
    for (std::size_t i = 1; i <= n; ++i) {
      row_base_[i] = start - i;
      start += n - i + 1;
    }
    // Column j holds i = 1..j.
    start = 1;
    for (std::size_t j = 1; j <= n; ++j) {
      col_base_[j] = start - 1;
      start += j;
    }
  }
}

}  // namespace mirgene::fold
