#pragma once
// The fixed parts of the HTML report: style sheet, explanatory text, table skeleton and the
// page script (plain ES2017, no libraries), kept apart from the code that fills in the data.
// The style sheet and the script are files of their own, src/report/assets/report.css and
// report.js (edit them there), built into the program byte for byte (cmake/embed_file.cmake).
#include <string_view>

namespace mirgene::report {

std::string_view page_style();  // src/report/assets/report.css
std::string_view page_figure_text();
std::string_view page_table_section();
std::string_view page_script();  // src/report/assets/report.js

}  // namespace mirgene::report
