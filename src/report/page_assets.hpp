#pragma once
// The fixed parts of the HTML report: style sheet, explanatory text, table skeleton and the
// page script (plain ES2017, no libraries), kept apart from the code that fills in the data.
#include <string_view>

namespace mirgene::report {

std::string_view page_style();
std::string_view page_figure_text();
std::string_view page_table_section();
std::string_view page_script();

}  // namespace mirgene::report
