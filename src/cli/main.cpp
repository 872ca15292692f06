// mirgene: finds precursor microRNAs in RNA sequences.
#include <exception>
#include <iostream>
#include <new>
#include <vector>

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "common/error.hpp"
#include "common/output_check.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"mirgene " MIRGENE_VERSION
               ": finds precursor microRNAs (pre-miRNAs) in RNA sequences.\n"
               "Folds each sequence into its minimum-free-energy structure (Turner 2004, as "
               "RNAfold 2.x) and scores it with a recurrent network with attention."};
  app.set_version_flag("--version", mirgene::cli::version_text,
                       "Print the version, the commit built from and the default model, and exit");
  app.require_subcommand(1);

  std::vector<mirgene::cli::Command> commands;
  commands.push_back(mirgene::cli::add_fold_command(app));
  commands.push_back(mirgene::cli::add_energy_command(app));
  commands.push_back(mirgene::cli::add_train_command(app));
  commands.push_back(mirgene::cli::add_predict_command(app));
  commands.push_back(mirgene::cli::add_explain_command(app));
  commands.push_back(mirgene::cli::add_report_command(app));
  commands.push_back(mirgene::cli::add_evaluate_command(app));
  commands.push_back(mirgene::cli::add_cv_command(app));
  commands.push_back(mirgene::cli::add_cv_compare_command(app));
  commands.push_back(mirgene::cli::add_reproduce_command(app));
  commands.push_back(mirgene::cli::add_decoys_command(app));
  commands.push_back(mirgene::cli::add_ensemble_command(app));
  commands.push_back(mirgene::cli::add_scan_command(app));
  commands.push_back(mirgene::cli::add_mine_command(app));
  commands.push_back(mirgene::cli::add_calibrate_command(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    for (const auto& command : commands) {
      if (!command.app->parsed()) continue;
      const int status = command.run();
      // Whatever a command printed must have reached its destination.
      mirgene::ensure_flushed(std::cout);
      return status;
    }
  } catch (const mirgene::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  } catch (const std::bad_alloc&) {
    // Work of known size is checked before it starts; this is what slipped through.
    std::cerr << "error: out of memory (the work needs more memory than this machine has)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: unexpected failure: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
