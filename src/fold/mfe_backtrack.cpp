// Backtracking (spec section 4.4): rebuilds the structure RNAfold prints by re-deriving
// each stored value and taking the first decomposition, in RNAfold's order, that
// reproduces it exactly.
#include <algorithm>

#include "common/error.hpp"
#include "fold/loop_energy.hpp"
#include "fold/mfe.hpp"

namespace mirgene::fold {
namespace {

[[noreturn]] void inconsistent(const char* what, int i, int j) {
  throw Error(std::string("internal error: no decomposition reproduces ") + what + "(" +
              std::to_string(i) + "," + std::to_string(j) + ")");
}

}  // namespace

void Folder::backtrack() {
  structure_.assign(n_, '.');
  tasks_.clear();
  tasks_.push_back({Task::Kind::Exterior, 0, n_});
  while (!tasks_.empty()) {
    const Task task = tasks_.back();
    tasks_.pop_back();
    switch (task.kind) {
      case Task::Kind::Exterior:
        backtrack_exterior(task.j);
        break;
      case Task::Kind::Pair:
        backtrack_pair(task.i, task.j);
        break;
      case Task::Kind::Multi:
        backtrack_multi(task.i, task.j);
        break;
    }
  }
}

void Folder::backtrack_exterior(int j) {
  while (j >= 1 && f_[j] == f_[j - 1]) --j;  // prefer j unpaired
  if (j < 1) return;
  const int lowest = std::max(1, j - band_);
  for (int k = j - 4; k >= lowest; --k) {  // the partner nearest to j first
    const int c_kj = c(k, j);
    if (c_kj >= kUnreachable) continue;
    if (f_[j] == f_[k - 1] + c_kj + exterior_stem(k, j)) {
      tasks_.push_back({Task::Kind::Pair, k, j});
      tasks_.push_back({Task::Kind::Exterior, 0, k - 1});
      return;
    }
  }
  inconsistent("F", 1, j);
}

void Folder::backtrack_pair(int i, int j) {
  structure_[i - 1] = '(';
  structure_[j - 1] = ')';
  const int e = c(i, j);
  if (e == hairpin(i, j)) return;

  const int t1 = type(i, j);
  const int a = codes_[i + 1];
  const int b = codes_[j - 1];
  // Stack first, then growing 3'-side bulges, then k = i+2, ...
  for (int k = i + 1; k <= j - 2 && k - i - 1 <= kMaxLoop; ++k) {
    for (int l = j - 1; l >= k + 1; --l) {
      const int u1 = k - i - 1;
      const int u2 = j - l - 1;
      if (u1 + u2 > kMaxLoop) break;
      const int c_kl = c(k, l);
      if (c_kl >= kUnreachable) continue;
      const int loop =
          interior_energy(p_, t1, type(l, k), u1, u2, a, b, codes_[k - 1], codes_[l + 1]);
      if (e == loop + c_kl) {
        tasks_.push_back({Task::Kind::Pair, k, l});
        return;
      }
    }
  }

  const int inside = e - multi_closing_energy(p_, type(j, i), codes_[j - 1], codes_[i + 1]);
  for (int u = i + 2; u <= j - 3; ++u) {
    const int left = m(i + 1, u);
    const int right = m(u + 1, j - 1);
    if (left >= kUnreachable || right >= kUnreachable) continue;
    if (inside == left + right) {
      tasks_.push_back({Task::Kind::Multi, i + 1, u});
      tasks_.push_back({Task::Kind::Multi, u + 1, j - 1});
      return;
    }
  }
  inconsistent("C", i, j);
}

void Folder::backtrack_multi(int i, int j) {
  // Unpaired bases go to the 3' end first, then the 5' end.
  while (j - 1 >= i && m(i, j - 1) < kUnreachable && m(i, j) == m(i, j - 1) + p_.ml_base) --j;
  while (i + 1 <= j && m(i + 1, j) < kUnreachable && m(i, j) == m(i + 1, j) + p_.ml_base) ++i;
  const int e = m(i, j);
  const int c_ij = c(i, j);
  if (c_ij < kUnreachable &&
      e == c_ij + multi_stem_energy(p_, type(i, j), codes_[i - 1], codes_[j + 1])) {
    tasks_.push_back({Task::Kind::Pair, i, j});
    return;
  }
  for (int u = i + 1; u <= j - 2; ++u) {
    const int left = m(i, u);
    const int right = m(u + 1, j);
    if (left >= kUnreachable || right >= kUnreachable) continue;
    if (e == left + right) {
      tasks_.push_back({Task::Kind::Multi, i, u});
      tasks_.push_back({Task::Kind::Multi, u + 1, j});
      return;
    }
  }
  inconsistent("M", i, j);
}

}  // namespace mirgene::fold
