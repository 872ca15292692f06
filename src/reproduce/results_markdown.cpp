#include "reproduce/results_markdown.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "reproduce/architecture_markdown.hpp"
#include "reproduce/markdown_cells.hpp"
#include "reproduce/rerun_command.hpp"

namespace mirgene::reproduce {
namespace {

using Json = nlohmann::ordered_json;

// The metric columns of Tables 2 and 3, as mirgene's JSON names them and the paper heads them.
struct Column {
  const char* key;
  const char* title;
};
constexpr Column kTableColumns[] = {{"se", "SE"},   {"sp", "SP"},         {"ppv", "PPV"},
                                    {"f1", "F"},    {"gmean", "g-mean"}, {"auroc", "AUROC"},
                                    {"aupr", "AUPR"}};

std::string table_header(const std::vector<std::string>& first_columns) {
  std::string head = "|", rule = "|";
  for (const std::string& c : first_columns) {
    head += " " + c + " |";
    rule += "---|";
  }
  for (const Column& c : kTableColumns) {
    head += std::string(" ") + c.title + " |";
    rule += "---|";
  }
  return head + "\n" + rule + "\n";
}

std::string mirgene_row(const std::vector<std::string>& first, const Json& summary) {
  std::string row = "|";
  for (const std::string& c : first) row += " " + c + " |";
  for (const Column& c : kTableColumns) row += " " + mean_sd(summary, c.key) + " |";
  return row + "\n";
}

// The paper's rows of one set (Table 2: cells method, set, metrics...; Table 3: method,
// metrics...), under mirgene's column layout (`pad` empty cells where mirgene has a
// threshold column).
std::string paper_rows(const PaperResults& paper, std::string_view table, const std::string& set) {
  const PaperTable* t = paper.table(table);
  if (!t) return {};
  std::string out;
  const std::size_t lead = set.empty() ? 1 : 2;
  for (const std::vector<std::string>& r : t->rows) {
    if (!set.empty() && (r.size() < 2 || r[1] != set)) continue;
    if (r.size() != lead + std::size(kTableColumns)) continue;
    const bool ours = r[0] == "deepMiRGene";
    std::string row = "| " + (ours ? "**" + r[0] + "** (paper)" : r[0] + " (paper)") + " | " +
                      (set.empty() ? "new" : set) + " | |";
    for (std::size_t i = lead; i < r.size(); ++i) row += " " + r[i] + " |";
    out += row + "\n";
  }
  return out;
}

// Paper's deepMiRGene value of `key` for a set, or NaN.
double paper_value(const PaperResults& paper, const std::string& set, const char* key) {
  const bool new_set = set == "new";
  const std::vector<std::string>* r =
      new_set ? paper.row("Table 3", {"deepMiRGene"}) : paper.row("Table 2", {"deepMiRGene", set});
  if (!r) return std::nan("");
  const std::size_t lead = new_set ? 1 : 2;
  for (std::size_t i = 0; i < std::size(kTableColumns); ++i) {
    if (std::string_view(kTableColumns[i].key) == key && lead + i < r->size()) {
      try {
        return std::stod((*r)[lead + i]);
      } catch (const std::exception&) {
        return std::nan("");
      }
    }
  }
  return std::nan("");
}

struct TestSet {
  const char* key;        // in tables23.json "test"
  const char* paper_set;  // Table 2 set name ("" for Table 3)
  const char* label;
};
constexpr TestSet kTests[] = {{"human", "human test", "human test"},
                              {"cross", "cross test", "cross-species test"},
                              {"new", "", "new"}};

std::string goal_section(const Json& t23, const PaperResults& paper) {
  std::string out =
      "## Summary\n\nThe issue's goal: test F-score, AUROC and AUPR at or above the paper's. "
      "mirgene's figures are mean ± sd over the seeds at threshold 0.5 (F-score also at the "
      "threshold chosen by CV).\n\n"
      "| test set | metric | mirgene | deepMiRGene (paper) | mirgene − paper | verdict |\n"
      "|---|---|---|---|---|---|\n";
  const Json& tests = need(t23, "test", "tables23");
  for (const TestSet& ts : kTests) {
    if (!tests.contains(ts.key)) continue;
    const Json& t = tests[ts.key];
    const std::string set = ts.paper_set[0] ? ts.paper_set : "new";
    struct Goal {
      const char* key;
      const char* label;
      const char* summary;
    };
    for (const Goal g : {Goal{"f1", "F (t = 0.5)", "summary_at_0.5"},
                         Goal{"f1", "F (CV threshold)", "summary_at_cv_threshold"},
                         Goal{"auroc", "AUROC", "summary_at_0.5"},
                         Goal{"aupr", "AUPR", "summary_at_0.5"}}) {
      const Json& summary = need(t, g.summary, ts.key);
      const double ours = number(summary["mean"][g.key]);
      const double theirs = paper_value(paper, set, g.key);
      std::string verdict = "—", diff = "—";
      if (!std::isnan(ours) && !std::isnan(theirs)) {
        const double d = std::round((ours - theirs) * 1000) / 1000;
        diff = (d >= 0 ? "+" : "") + fixed(d, 3);
        verdict = d >= 0 ? "at or above" : "**below**";
      }
      out += std::string("| ") + ts.label + " | " + g.label + " | " + mean_sd(summary, g.key) +
             " | " + (std::isnan(theirs) ? "—" : fixed(theirs, 3)) + " | " + diff + " | " +
             verdict + " |\n";
    }
  }
  return out + "\n";
}

std::string table2_section(const Json& t23, const PaperResults& paper) {
  const Json& cv = need(t23, "cv", "tables23");
  const Json& tests = need(t23, "test", "tables23");
  std::string out =
      "## Table 2: human and cross-species\n\n"
      "mirgene rows: CV = mean ± sd over every (seed, fold) run at the epoch chosen by CV; "
      "test = mean ± sd over the seeds, each model trained once on the training portion and "
      "scored once. \"t\" is the decision threshold (P(pre-miRNA) ≥ t). Paper rows are copied "
      "from the paper (other tools for context).\n\n" +
      table_header({"method", "set", "t"});
  struct Block {
    const char* cv_key;
    const char* test_key;
    const char* cv_set;
    const char* test_set;
  };
  for (const Block b : {Block{"human", "human", "human CV", "human test"},
                        Block{"whole", "cross", "cross CV", "cross test"}}) {
    if (cv.contains(b.cv_key)) {
      out += mirgene_row({"**mirgene**", b.cv_set, "0.5"}, need(cv[b.cv_key], "summary", b.cv_key));
      out += paper_rows(paper, "Table 2", b.cv_set);
    }
    if (tests.contains(b.test_key)) {
      const Json& t = tests[b.test_key];
      out += mirgene_row({"**mirgene**", b.test_set, "0.5"}, need(t, "summary_at_0.5", b.test_key));
      out += mirgene_row({"**mirgene**", b.test_set, fixed(number(t["cv_threshold"]), 3) + " (CV)"},
                         need(t, "summary_at_cv_threshold", b.test_key));
      out += paper_rows(paper, "Table 2", b.test_set);
    }
  }
  return out + "\n";
}

std::string table3_section(const Json& t23, const PaperResults& paper) {
  const Json& tests = need(t23, "test", "tables23");
  if (!tests.contains("new")) return {};
  const Json& t = tests["new"];
  std::string out =
      "## Table 3: new data set (model trained on all of cross-species)\n\n" +
      table_header({"method", "set", "t"});
  out += mirgene_row({"**mirgene**", "new", "0.5"}, need(t, "summary_at_0.5", "new"));
  out += mirgene_row({"**mirgene**", "new", fixed(number(t["cv_threshold"]), 3) + " (CV)"},
                     need(t, "summary_at_cv_threshold", "new"));
  out += paper_rows(paper, "Table 3", "");
  return out + "\n";
}

std::string ks_section(const Json& t23, const PaperResults& paper) {
  std::string out =
      "## Kolmogorov-Smirnov test of the two classes' test scores\n\n"
      "| test set | mirgene statistic (mean) | mirgene p-value per seed | deepMiRGene p (paper) |\n"
      "|---|---|---|---|\n";
  const Json& tests = need(t23, "test", "tables23");
  for (const TestSet& ts : kTests) {
    if (!tests.contains(ts.key)) continue;
    const Json& t = tests[ts.key];
    std::string ps;
    for (const Json& s : t["per_seed"]) {
      if (!ps.empty()) ps += ", ";
      ps += scientific(number(s["at_0.5"]["ks_pvalue"]));
    }
    const std::string paper_key = std::string(ts.key) == "cross" ? "cross-species" : ts.key;
    const auto p = paper.ks_pvalues.find(paper_key);
    out += std::string("| ") + ts.label + " | " +
           fixed(number(t["summary_at_0.5"]["mean"]["ks_statistic"]), 3) + " | " + ps + " | " +
           (p == paper.ks_pvalues.end() ? "—" : p->second) + " |\n";
  }
  return out + "\n";
}

std::string protocol_section(const Json& t23) {
  const Json& p = need(t23, "protocol", "tables23");
  const Json& cv = need(t23, "cv", "tables23");
  std::string seeds;
  for (const Json& s : p["seeds"]) seeds += (seeds.empty() ? "" : ", ") + s.dump();
  std::string out =
      "## Protocol\n\n"
      "Nothing below was chosen by looking at a test set. Every choice comes from 5-fold "
      "cross-validation on the training portion (the benchmark's prepared folds under "
      "`cv/<set>/`):\n\n"
      "1. Every fold is trained with every seed (" + seeds + ") for up to " +
      p["max_epochs"].dump() + " epochs, scoring its validation part after each epoch.\n"
      "2. The epoch count is the epoch with the highest mean validation " +
      p["select"].get<std::string>() +
      " over all those runs. The alternative threshold is the one with the best F-score on "
      "the pooled validation scores at that epoch.\n"
      "3. Per seed, a model is trained for that many epochs on the whole training portion "
      "(`cv/<set>/<set>_{pos,neg}_all.fa`; for the new set on all of "
      "`sequences/whole_{pos,neg}.fa`, with the cross-species epoch count) and scores its "
      "test set once (`test/<set>/`, `sequences/new_{pos,neg}.fa`).\n\n"
      "The CV rows are read at the epoch CV itself chose, so they carry a slight optimism; the "
      "test rows carry none.\n\n"
      "| choice | human | cross-species |\n|---|---|---|\n";
  const auto both = [&](const char* key, int decimals) {
    std::string row = "|";
    for (const char* set : {"human", "whole"}) {
      row += " ";
      if (cv.contains(set)) {
        const Json& v = cv[set][key];
        row += decimals < 0 ? v.dump() : fixed(number(v), decimals);
      }
      row += " |";
    }
    return row;
  };
  out += "| epochs (chosen by CV) " + both("chosen_epoch", -1) + "\n";
  out += "| threshold with the best CV F-score " + both("threshold_max_f1", 3) + "\n";
  out += "| CV runs (folds × seeds) " + both("runs", -1) + "\n\n";
  out += "Training settings: architecture `" + p["architecture"].dump() + "`, batch size " +
         p["batch_size"].dump() + ", Adam learning rate " + p["learning_rate"].dump() +
         ", class weights " + p["class_weights"].get<std::string>() + ", initialisation " +
         p["init"].get<std::string>() + ", one thread per training, " +
         p["trainings_at_once"].dump() + " trainings at once.\n\n";
  return out;
}

std::string curve_section(const Json& t23) {
  const Json& cv = need(t23, "cv", "tables23");
  std::vector<std::string> sets;
  for (const char* s : {"human", "whole"})
    if (cv.contains(s)) sets.push_back(s);
  if (sets.empty()) return {};
  std::string out =
      "## Validation curves (mean over all CV runs)\n\n| epoch |";
  std::string rule = "|---|";
  for (const std::string& s : sets) {
    out += " " + s + " AUROC | " + s + " AUPR | " + s + " F (0.5) |";
    rule += "---|---|---|";
  }
  out += "\n" + rule + "\n";
  const std::size_t epochs = cv[sets[0]]["curve"].size();
  for (std::size_t e = 1; e <= epochs; ++e) {
    std::string chosen_by;
    for (const std::string& s : sets) {
      if (cv[s]["chosen_epoch"].get<std::size_t>() == e)
        chosen_by += (chosen_by.empty() ? " (chosen: " : ", ") + s;
    }
    if (!chosen_by.empty()) chosen_by += ")";
    if (!(e == 1 || e % 10 == 0 || e == epochs || !chosen_by.empty())) continue;
    out += "| " + std::to_string(e) + chosen_by + " |";
    for (const std::string& s : sets) {
      const Json& point = cv[s]["curve"][e - 1];
      out += " " + fixed(number(point["auroc"]), 4) + " | " + fixed(number(point["aupr"]), 4) +
             " | " + fixed(number(point["f1"]), 3) + " |";
    }
    out += "\n";
  }
  return out + "\n";
}

// "0.846 [0.79, 0.90]": the value and, when the run recorded one, its bootstrap interval.
std::string with_interval(const Json& seed_run, const char* key) {
  const double v = number(seed_run["at_0.5"][key]);
  if (std::isnan(v)) return "n/a";
  std::string cell = fixed(v, 3);
  if (seed_run.contains("bootstrap_95_at_0.5")) {
    const Json& i = seed_run["bootstrap_95_at_0.5"][key];
    if (i.is_array()) cell += " [" + fixed(number(i[0]), 2) + ", " + fixed(number(i[1]), 2) + "]";
  }
  return cell;
}

std::string per_seed_section(const Json& t23) {
  std::string out =
      "## Test figures per seed (threshold 0.5)\n\n"
      "Brackets: the 95 % interval of a stratified bootstrap of the test set (1000 "
      "replicates), where the run recorded one.\n\n" +
      table_header({"test set", "seed", "epochs"});
  const Json& tests = need(t23, "test", "tables23");
  for (const TestSet& ts : kTests) {
    if (!tests.contains(ts.key)) continue;
    for (const Json& s : tests[ts.key]["per_seed"]) {
      std::string row = std::string("| ") + ts.label + " | " + s["seed"].dump() + " | " +
                        tests[ts.key]["epochs"].dump() + " |";
      for (const Column& c : kTableColumns) row += " " + with_interval(s, c.key) + " |";
      out += row + "\n";
    }
  }
  return out + "\n";
}

std::string threshold_section(const Json& t23) {
  std::string out =
      "## Choosing a threshold\n\n"
      "`mirgene predict` calls a sequence a pre-miRNA when P(pre-miRNA) ≥ 0.5; `--threshold` "
      "moves the operating point. The models are trained with balanced class weights, so 0.5 "
      "favours sensitivity. Choose another threshold from cross-validation on training data, "
      "never from a test set. The protocol records two such thresholds, and each model it "
      "installs (`--install-models`) carries its own in its metadata (`cv_threshold_max_f1`, "
      "`cv_threshold_sp99`; the shipped models, trained with decoys, do not: see "
      "[robustness.md](robustness.md)):\n\n"
      "* **best F-score**: the threshold with the highest F-score on the pooled CV validation "
      "scores;\n"
      "* **specificity 0.99**: the lowest threshold at which the pooled CV validation scores "
      "reach a specificity of 0.99 (for genome screens, where negatives vastly outnumber "
      "pre-miRNAs).\n\n"
      "Test figures at each operating point (mean over seeds):\n\n"
      "| test set | operating point | t | SE | SP | PPV | F |\n|---|---|---|---|---|---|---|\n";
  const Json& tests = need(t23, "test", "tables23");
  for (const TestSet& ts : kTests) {
    if (!tests.contains(ts.key)) continue;
    const Json& t = tests[ts.key];
    struct Point {
      const char* label;
      const char* threshold;  // key of t, or null for 0.5
      const char* summary;
    };
    for (const Point p : {Point{"default", nullptr, "summary_at_0.5"},
                          Point{"best CV F-score", "cv_threshold", "summary_at_cv_threshold"},
                          Point{"CV specificity 0.99", "high_sp_threshold",
                                "summary_at_high_sp_threshold"}}) {
      if (!t.contains(p.summary)) continue;
      const Json& summary = t[p.summary];
      out += std::string("| ") + ts.label + " | " + p.label + " | " +
             (p.threshold ? fixed(number(t[p.threshold]), 3) : "0.5") + " |";
      for (const char* key : {"se", "sp", "ppv", "f1"}) out += " " + mean_sd(summary, key) + " |";
      out += "\n";
    }
  }
  return out + "\nSee [evaluation.md](evaluation.md) and [prediction.md](prediction.md).\n\n";
}

std::string timing_section(const Json& t23) {
  const Json& t = need(t23, "timing", "tables23");
  const Json& m = need(t23, "machine", "tables23");
  const auto minutes = [](const Json& v) { return fixed(number(v) / 60, 1) + " min"; };
  std::string machine = m.contains("cpus") ? m["cpus"].dump() + " cores" : "";
  if (m.contains("cpu")) machine += ", " + m["cpu"].get<std::string>();
  if (m.contains("memory_gib")) machine += ", " + fixed(number(m["memory_gib"]), 1) + " GiB";
  if (m.contains("os")) machine += ", " + m["os"].get<std::string>();
  return "## Wall time and machine\n\n"
         "| step | wall time |\n|---|---|\n"
         "| reading and folding the data (fold cache) | " + minutes(t["load_and_fold_seconds"]) +
         " |\n| cross-validation (all sets and seeds) | " + minutes(t["cv_seconds"]) +
         " |\n| final models and test scoring | " + minutes(t["final_models_seconds"]) +
         " |\n| **total** | **" + minutes(t["total_seconds"]) + "** |\n\n"
         "Machine: " + machine + ". mirgene " + need(t23, "mirgene_version", "tables23").get<std::string>() +
         ", run finished " + need(t23, "date", "tables23").get<std::string>() + ".\n\n";
}

}  // namespace

std::string render_results_markdown(const ResultParts& parts, const PaperResults& paper) {
  std::string out =
      "# Results\n\n"
      "<!-- Generated by `mirgene reproduce` from docs/results/*.json; do not edit by hand. -->\n"
      "Generated by `mirgene reproduce` from the measurements in "
      "[results/](results/) and the paper's figures (`" + paper.source +
      "`, deepMiRGene, Park et al., NIPS 2017). Discussion: [results-discussion.md]"
      "(results-discussion.md). Speed: [benchmarks.md](benchmarks.md). Tables 2 and 3 keep the "
      "paper's data; the shipped models add decoys, and their robustness (metrics within "
      "length strata, a length-only baseline, specificity on held-out decoys, bootstrap 95 % "
      "intervals) is in [robustness.md](robustness.md).\n\n";
  if (parts.tables23.is_null()) {
    out += "Tables 2 and 3 have not been measured yet.\n\n";
    if (!parts.architectures.is_null()) out += render_architecture_sections(parts.architectures, paper);
    return out;
  }
  const Json& t23 = parts.tables23;
  out += "Re-run with:\n\n```sh\n" + rerun_command(need(t23, "command_line", "tables23").get<std::string>()) +
         "\n```\n\n";
  out += goal_section(t23, paper);
  out += table2_section(t23, paper);
  out += table3_section(t23, paper);
  out += ks_section(t23, paper);
  out += protocol_section(t23);
  out += curve_section(t23);
  out += per_seed_section(t23);
  out += threshold_section(t23);
  out += timing_section(t23);
  if (!parts.architectures.is_null()) out += render_architecture_sections(parts.architectures, paper);
  else out += "## Table 4 and Figure 3\n\nNot measured yet (`mirgene reproduce --part architectures`).\n\n";
  return out;
}

}  // namespace mirgene::reproduce
