#include "report/structure_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "common/error.hpp"
#include "fold/pair_table.hpp"

namespace mirgene::report {

std::vector<Point> loop_layout(std::string_view dot_bracket) {
  const std::vector<int> partner = fold::pair_table(dot_bracket, ".:");
  const int n = static_cast<int>(partner.size());
  std::vector<Point> p(n);
  // Layout in mathematical orientation (y up); flipped for SVG at the end.
  std::vector<int> pending;  // closing bases i of loops whose pair (i, partner[i]) is placed
  // Outer bases between helices lie on the line; the unpaired 5' and 3' tails hang from the
  // first and last helix away from it, like the ends of a ladder, instead of widening the
  // drawing sideways.
  int first = 0;
  while (first < n && partner[first] < 0) ++first;
  int last = n - 1;
  while (last >= 0 && partner[last] < 0) --last;
  if (first == n) first = 0, last = n - 1;  // nothing paired: all on the line
  double x = 0;
  for (int k = first; k <= last; ++k) {
    p[k] = {x, 0};
    x += 1;
    if (partner[k] > k) {
      p[partner[k]] = {x, 0};
      x += 1;
      pending.push_back(k);
      k = partner[k];
    }
  }
  for (int k = 0; k < first; ++k) p[k] = {p[first].x, -static_cast<double>(first - k)};
  for (int k = last + 1; k < n; ++k) p[k] = {p[last].x, -static_cast<double>(k - last)};
  std::vector<int> ring;  // the loop's bases in backbone order, from i to j
  while (!pending.empty()) {
    const int i = pending.back();
    pending.pop_back();
    const int j = partner[i];
    ring.clear();
    ring.push_back(i);
    for (int k = i + 1; k < j; ++k) {
      ring.push_back(k);
      if (partner[k] > k) {
        k = partner[k];
        ring.push_back(k);
      }
    }
    ring.push_back(j);
    const int sides = static_cast<int>(ring.size());
    if (sides < 3) continue;  // "()" encloses nothing
    // Regular polygon with unit sides through p[i] and p[j], on the left of i -> j: the
    // parent loop lies on the right (its ring runs clockwise), so children grow outwards.
    const double half_angle = std::numbers::pi / sides;
    const double radius = 0.5 / std::sin(half_angle);
    const double apothem = radius * std::cos(half_angle);
    const double dx = p[j].x - p[i].x, dy = p[j].y - p[i].y;
    const double len = std::hypot(dx, dy);
    const double ux = dx / len, uy = dy / len;
    const double cx = (p[i].x + p[j].x) / 2 - uy * apothem;
    const double cy = (p[i].y + p[j].y) / 2 + ux * apothem;
    const double start = std::atan2(p[i].y - cy, p[i].x - cx);
    for (int m = 1; m + 1 < sides; ++m) {
      const double angle = start - 2 * half_angle * m;  // clockwise
      p[ring[m]] = {cx + radius * std::cos(angle), cy + radius * std::sin(angle)};
    }
    int children = 0, child = -1;
    for (int m = 1; m + 1 < sides; ++m) {
      if (partner[ring[m]] > ring[m]) pending.push_back(ring[m]), ++children, child = m;
    }
    if (children == 1 && sides > 4) {
      // Bulge or interior loop: an uneven polygon would bend the helix by an angle that
      // grows with the asymmetry, and a few bulges would curl a pre-miRNA stem into a
      // circle. Keep the inner pair parallel to the closing one instead (same midpoint), so
      // the stem stays straight and only shifts sideways.
      const int k = ring[child], l = ring[child + 1];
      const double mx = (p[k].x + p[l].x) / 2, my = (p[k].y + p[l].y) / 2;
      p[k] = {mx - ux / 2, my - uy / 2};
      p[l] = {mx + ux / 2, my + uy / 2};
    }
  }
  if (n == 0) return p;

  double min_x = p[0].x, max_x = p[0].x, min_y = p[0].y, max_y = p[0].y;
  for (const Point& q : p) {
    min_x = std::min(min_x, q.x), max_x = std::max(max_x, q.x);
    min_y = std::min(min_y, q.y), max_y = std::max(max_y, q.y);
  }
  const bool turn = max_y - min_y > max_x - min_x;
  for (Point& q : p) {
    // Turning a tall drawing a quarter clockwise lays helices rising from the outer line
    // along +x; after the SVG flip (y down) a hairpin reads as miRBase draws it: 5' arm on
    // top from left to right, loop at the right, 3' arm below.
    const Point math = turn ? Point{q.y, -q.x} : q;
    q = {math.x, -math.y};
  }
  min_x = p[0].x, min_y = p[0].y;
  for (const Point& q : p) min_x = std::min(min_x, q.x), min_y = std::min(min_y, q.y);
  for (Point& q : p) q = {q.x - min_x, q.y - min_y};
  return p;
}

}  // namespace mirgene::report
