#include "fold/pair_table.hpp"

#include <string>

#include "common/error.hpp"

namespace mirgene::fold {

std::vector<int> pair_table(std::string_view structure, std::string_view unpaired) {
  std::vector<int> partner(structure.size(), -1);
  std::vector<int> open;
  for (int i = 0; i < static_cast<int>(structure.size()); ++i) {
    const char c = structure[i];
    if (c == '(') {
      open.push_back(i);
    } else if (c == ')') {
      if (open.empty())
        throw Error("structure: unbalanced ')' at position " + std::to_string(i + 1));
      partner[i] = open.back();
      partner[open.back()] = i;
      open.pop_back();
    } else if (unpaired.find(c) == std::string_view::npos) {
      std::string allowed = "'(', ')'";
      for (std::size_t k = 0; k < unpaired.size(); ++k)
        allowed +=
            (k + 1 == unpaired.size() ? " and '" : ", '") + std::string(1, unpaired[k]) + "'";
      throw Error("structure: unexpected character '" + std::string(1, c) + "' at position " +
                  std::to_string(i + 1) + " (only " + allowed + " are allowed)");
    }
  }
  if (!open.empty())
    throw Error("structure: unbalanced '(' at position " + std::to_string(open.back() + 1));
  return partner;
}

}  // namespace mirgene::fold
