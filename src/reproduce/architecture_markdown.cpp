#include "reproduce/architecture_markdown.hpp"

#include <optional>
#include <vector>

#include "reproduce/markdown_cells.hpp"
#include "reproduce/paired_comparison.hpp"
#include "reproduce/rerun_command.hpp"

namespace mirgene::reproduce {
namespace {

using Json = nlohmann::ordered_json;

std::string label_of(const Json& v) { return v["label"].get<std::string>(); }

const Json& study_of(const Json& v) { return need(v, "study", v["name"].get<std::string>()); }

double mean_of(const Json& v, const std::string& metric) {
  return number(study_of(v)["summary"]["mean"][metric]);
}

// "+0.012 ± 0.010, ahead in 4 of 5": a paired difference as a cell or in a sentence.
std::string describe(const PairedDifference& d) {
  return signed_fixed(d.mean, 3) + (d.runs > 1 ? " ± " + fixed(d.sd, 3) : std::string()) +
         ", ahead in " + std::to_string(d.ahead) + " of " + std::to_string(d.runs);
}

// The paper's Table 4 row whose network cell is the label, alone or followed by a space
// (the default's cell reads "LSTM(2)+ATT (the paper's model)").
const std::vector<std::string>* table4_row(const PaperResults& paper, const std::string& label) {
  const PaperTable* t4 = paper.table("Table 4");
  if (!t4) return nullptr;
  for (const std::vector<std::string>& r : t4->rows) {
    if (r.size() >= 2 && r[1].starts_with(label) &&
        (r[1].size() == label.size() || r[1][label.size()] == ' '))
      return &r;
  }
  return nullptr;
}

// One variant's row: its CV figures (mean ± sd over the runs at its chosen epoch), the paired
// difference from the reference network when there is one, and the paper's SE, SP, F and
// g-mean (cells of `paper_row` after `lead` leading cells).
std::string variant_row(const std::string& first, const Json& v, const Json* reference,
                        const std::string& select, const std::vector<std::string>* paper_row,
                        std::size_t lead) {
  const Json& summary = study_of(v)["summary"];
  std::string row = "|";
  add_cell(row, first);
  add_cell(row, "`" + v["name"].get<std::string>() + "`");
  for (const char* key : {"se", "sp", "f1", "gmean", "auroc", "aupr"}) add_cell(row, mean_sd(summary, key));
  add_cell(row, study_of(v)["chosen_epoch"].dump());
  add_cell(row, v["parameters"].dump());
  if (reference == &v) {
    add_cell(row, "reference");
  } else if (reference) {
    const std::optional<PairedDifference> d = paired_difference(study_of(v), study_of(*reference), select);
    add_cell(row, d ? describe(*d) : "—");
  }
  for (std::size_t i = 0; i < 4; ++i)
    add_cell(row, paper_row && paper_row->size() > lead + i ? (*paper_row)[lead + i] : "—");
  return row + "\n";
}

std::string table_header(const Json* reference, const std::string& select) {
  std::string head = "| | mirgene config | SE | SP | F | g-mean | AUROC | AUPR | epochs | parameters |";
  std::string rule = "|---|---|---|---|---|---|---|---|---|---|";
  if (reference) {
    head += " " + select + " − " + label_of(*reference) + ", run by run |";
    rule += "---|";
  }
  return head + " paper SE | paper SP | paper F | paper g-mean |\n" + rule + "---|---|---|---|\n";
}

// Which of `rows` is best by mean CV `select`, by how much over the runner-up, and whether
// that holds run by run on the shared folds.
std::string best_paragraph(const std::vector<const Json*>& rows, const std::string& select) {
  const Json* best = nullptr;
  const Json* second = nullptr;
  for (const Json* v : rows) {
    if (!best || mean_of(*v, select) > mean_of(*best, select)) {
      second = best;
      best = v;
    } else if (!second || mean_of(*v, select) > mean_of(*second, select)) {
      second = v;
    }
  }
  if (!best || !second) return {};
  std::string out = "Best by mean CV " + select + ": **" + label_of(*best) + "** (" +
                    mean_sd(study_of(*best)["summary"], select.c_str()) + "), ahead of " +
                    label_of(*second) + " by " + fixed(mean_of(*best, select) - mean_of(*second, select), 4) + ".";
  const std::optional<PairedDifference> d = paired_difference(study_of(*best), study_of(*second), select);
  if (d) {
    out += " Run by run on the same folds and seeds, " + label_of(*best) + " − " + label_of(*second) +
           " = " + describe(*d) + " runs.";
  }
  return out + "\n\n";
}

}  // namespace

std::string render_architecture_sections(const Json& a, const PaperResults& paper) {
  const Json& p = need(a, "protocol", "architectures");
  const std::string select = p["select"].get<std::string>();
  std::string seeds;
  for (const Json& s : p["seeds"]) seeds += (seeds.empty() ? "" : ", ") + s.dump();

  std::vector<const Json*> table4, figure3;
  const Json* reference = nullptr;  // the default network, in both figures
  for (const Json& v : need(a, "variants", "architectures")) {
    const std::string figure = v["figure"].get<std::string>();
    if (figure == "table4" || figure == "both" || figure == "custom") table4.push_back(&v);
    if (figure == "figure3" || figure == "both") figure3.push_back(&v);
    if (figure == "both") reference = &v;
  }
  if (reference && !study_of(*reference).contains("runs_at_chosen")) reference = nullptr;

  std::string out =
      "## Table 4: architectures (human, 5-fold CV)\n\n"
      "Each network is cross-validated on the 5 prepared folds of `cv/" + p["set"].get<std::string>() +
      "/` with seeds " + seeds + " for up to " + p["max_epochs"].dump() +
      " epochs; its own epoch count is the best mean validation " + select +
      ", and its row is the mean ± sd over all runs at that epoch (threshold 0.5). The networks "
      "are described in [architectures.md](architectures.md). Re-run with:\n\n```sh\n" +
      rerun_command(need(a, "command_line", "architectures").get<std::string>()) + "\n```\n\n";
  if (reference) {
    out += "Every network sees the same folds with the same seeds, so the column \"" + select +
           " − " + label_of(*reference) + ", run by run\" gives the mean ± sd of the per-run "
           "differences from the default network and in how many runs the network was ahead; "
           "it separates real gaps from the fold-to-fold spread that the ± of the means "
           "shows.\n\n";
  }
  out += table_header(reference, select);
  for (const Json* v : table4) {
    const std::vector<std::string>* paper_row = table4_row(paper, label_of(*v));
    const std::string number_cell = paper_row ? (*paper_row)[0] + " " : std::string();
    const std::string mark = (*v)["figure"] == "custom" ? " (own config)" : "";
    out += variant_row(number_cell + label_of(*v) + mark, *v, reference, select, paper_row, 2);
  }
  out += "\n" + best_paragraph(table4, select);

  out += "## Figure 3: input types (human, 5-fold CV)\n\nSame protocol; the network is the default "
         "LSTM(2)+ATT, reading the sequence only (4 dims), the structure only (4 dims) or both "
         "(16 dims).\n\n" + table_header(reference, select);
  for (const Json* v : figure3) {
    const std::string label = (*v)["figure"] == "both" ? "sequence + structure" : label_of(*v);
    out += variant_row(label, *v, reference, select, paper.row("Figure 3", {label}), 1);
  }
  out += "\n" + best_paragraph(figure3, select);
  const Json& m = need(a, "machine", "architectures");
  out += "Wall time of this comparison: " + fixed(number(a["timing"]["total_seconds"]) / 60, 1) +
         " min on " + (m.contains("cpus") ? m["cpus"].dump() + " cores" : std::string("?")) +
         (m.contains("cpu") ? ", " + m["cpu"].get<std::string>() : std::string()) + ", " +
         p["trainings_at_once"].dump() + " trainings at once.\n\n";
  return out;
}

}  // namespace mirgene::reproduce
