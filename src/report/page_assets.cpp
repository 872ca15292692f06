#include "report/page_assets.hpp"

// page_style() and page_script() are not here: they are the files src/report/assets/report.css
// and report.js, turned into C++ at build time (cmake/embed_file.cmake, CMakeLists.txt).

namespace mirgene::report {

std::string_view page_figure_text() {
  return R"HTML(<p class="hint">Class activation maps (CAM) show, for every position of a sequence,
how much the network's pooled evidence points the same way as that position's features
(positive: the position supports the network's view of the sequence; negative: it works
against it). Each row is one sequence, scaled to its own largest |CAM| and stretched to
0&ndash;100&nbsp;% of its length, so long and short sequences line up. The lines underneath
are the mean of each class; where they part is where the classes differ.
See docs/interpretation.md.</p>
)HTML";
}

std::string_view page_table_section() {
  return R"HTML(<section id="predictions">
<h2>Predictions</h2>
<p class="hint">Click a column header to sort, a row to draw its structure coloured by CAM or
attention (hover a base for its value).</p>
<div class="controls">
<input id="filter-text" type="search" placeholder="filter by id or status" aria-label="text filter">
<select id="filter-label" aria-label="label filter">
<option value="">all labels</option>
<option value="pre-miRNA">pre-miRNA</option>
<option value="other">other</option>
<option value="not scored">not scored</option>
</select>
<span id="row-count"></span>
<span class="pager"><button id="page-prev" type="button">&lsaquo;</button>
<span id="page-info"></span>
<button id="page-next" type="button">&rsaquo;</button></span>
</div>
<div class="layout">
<div class="table-wrap">
<table id="prediction-table">
<thead><tr>
<th data-key="id">id</th>
<th data-key="n" class="num">length</th>
<th data-key="p" class="num">P(pre-miRNA)</th>
<th data-key="label">label</th>
<th data-key="mfe" class="num">MFE (kcal/mol)</th>
<th data-key="st">status</th>
</tr></thead>
<tbody id="prediction-rows"></tbody>
</table>
</div>
<div id="detail"><p class="hint">Click a row to see its structure.</p></div>
</div>
</section>
)HTML";
}

}  // namespace mirgene::report
