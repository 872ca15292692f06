#include "reproduce/architecture_study.hpp"

#include <chrono>

#include "common/error.hpp"
#include "nn/architecture.hpp"
#include "reproduce/machine.hpp"
#include "train/training_run.hpp"

namespace mirgene::reproduce {

using Json = nlohmann::ordered_json;

const std::vector<Variant>& paper_variants() {
  static const std::vector<Variant> variants = {
      {"cnn2", "1D-CNN(2)", "table4"},
      {"cnn2-lstm2", "1D-CNN(2)+LSTM(2)", "table4"},
      {"cnn2-lstm2-att", "1D-CNN(2)+LSTM(2)+ATT", "table4"},
      {"lstm2", "LSTM(2)", "table4"},
      {"lstm1-att", "LSTM(1)+ATT", "table4"},
      {"lstm2-att", "LSTM(2)+ATT", "both"},
      {"bilstm1-att", "BiLSTM(1)+ATT", "table4"},
      {"bilstm2-att", "BiLSTM(2)+ATT", "table4"},
      {"input-sequence", "sequence only", "figure3"},
      {"input-structure", "structure only", "figure3"},
  };
  return variants;
}

Json run_architecture_studies(const ArchitectureStudyOptions& o,
                              const std::vector<VariantSetup>& variants, const Loader& load,
                              const Log& log) {
  if (variants.empty()) throw Error("architecture comparison: no variant");
  if (o.seeds.empty()) throw Error("architecture comparison: give at least one seed");
  selection_field(o.select);
  const auto started = std::chrono::steady_clock::now();
  const std::vector<train::CvFold> folds = load_cv_folds(MirboostLayout{o.data_dir}, o.set, load);

  std::vector<CvStudyRequest> requests;
  for (const VariantSetup& v : variants) {
    train::CvSettings settings{.training = o.training, .epochs = o.max_epochs};
    settings.training.architecture = v.architecture;
    requests.push_back({v.variant.name, &folds, settings, o.seeds});
  }
  const std::vector<CvStudy> studies = run_cv_studies(requests, o.jobs, o.select, log);

  Json out = Json::array();
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const VariantSetup& v = variants[i];
    out.push_back({{"name", v.variant.name},
                   {"label", v.variant.label},
                   {"figure", v.variant.figure},
                   {"config", v.config_file},
                   {"architecture", Json::parse(nn::architecture_to_json(v.architecture))},
                   {"parameters", nn::parameter_count(v.architecture)},
                   {"study", study_json(studies[i])}});
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return {{"part", "architectures"},
          {"mirgene_version", MIRGENE_VERSION},
          {"date", train::training_date()},
          {"command_line", o.command_line},
          {"data_dir", o.data_dir},
          {"protocol",
           {{"set", o.set},
            {"seeds", o.seeds},
            {"max_epochs", o.max_epochs},
            {"select", o.select},
            {"batch_size", o.training.batch_size},
            {"class_weights", o.training.class_weights ? "balanced" : "none"},
            {"init", o.training.init},
            {"trainings_at_once", o.jobs}}},
          {"machine", describe_machine()},
          {"variants", std::move(out)},
          {"timing", {{"total_seconds", seconds}}}};
}

}  // namespace mirgene::reproduce
