#include "encode/hairpin_loops.hpp"

#include <cstddef>

namespace mirgene::encode {

namespace {

std::size_t skip_run(std::span<const char> s, std::size_t pos, char c) {
  while (pos < s.size() && s[pos] == c) ++pos;
  return pos;
}

}  // namespace

// Why a single left-to-right pass equals the regex: a match attempt that starts anywhere inside
// a run of '(' sees the same continuation (the rest of the run, then whatever follows it), so
// either the first '(' of the run starts a match or none of the run does. A match must be
// '('-run, '.'-run, then at least one ')'; greedy quantifiers consume whole runs and
// backtracking cannot help because a shorter run is followed by the same character again. The
// next attempt after a match starts behind its ')'-run, which is where finditer resumes.
void mark_hairpin_loops_in_place(std::span<char> structure) {
  const std::span<const char> s(structure.data(), structure.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (s[pos] != '(') {
      ++pos;
      continue;
    }
    const std::size_t loop_begin = skip_run(s, pos, '(');
    const std::size_t loop_end = skip_run(s, loop_begin, '.');
    const bool is_hairpin = loop_end > loop_begin && loop_end < s.size() && s[loop_end] == ')';
    if (!is_hairpin) {
      // Nothing between pos and loop_end can start a match: they are '(' of this run or dots.
      pos = loop_end;
      continue;
    }
    for (std::size_t i = loop_begin; i < loop_end; ++i) structure[i] = ':';
    pos = skip_run(s, loop_end, ')');
  }
}

std::string mark_hairpin_loops(std::string_view dot_bracket) {
  std::string marked(dot_bracket);
  mark_hairpin_loops_in_place(marked);
  return marked;
}

}  // namespace mirgene::encode
