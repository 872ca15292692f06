#pragma once
// Each subcommand registers its options on the app and returns the function that runs it.
// The runner returns the process exit status; only the CLI prints and chooses exit codes.
#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

namespace mirgene::cli {

struct Command {
  CLI::App* app;
  std::function<int()> run;
};

Command add_fold_command(CLI::App& app);
Command add_energy_command(CLI::App& app);
Command add_train_command(CLI::App& app);
Command add_predict_command(CLI::App& app);
Command add_explain_command(CLI::App& app);
Command add_report_command(CLI::App& app);
Command add_evaluate_command(CLI::App& app);
Command add_cv_command(CLI::App& app);
Command add_reproduce_command(CLI::App& app);
Command add_decoys_command(CLI::App& app);
Command add_cv_compare_command(CLI::App& app);
Command add_ensemble_command(CLI::App& app);
Command add_scan_command(CLI::App& app);
Command add_mine_command(CLI::App& app);
Command add_calibrate_command(CLI::App& app);

}  // namespace mirgene::cli
