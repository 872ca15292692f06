#include "scoring.hpp"

#include <pybind11/pybind11.h>

#include <sstream>

#include "cli/shared_options.hpp"
#include "common/error.hpp"
#include "predict/score_stream.hpp"

namespace py = pybind11;

namespace mirgene::python {
namespace {

// Passes items through; every kCheckEvery items takes the GIL to run Python's signal handlers.
class InterruptibleSource final : public predict::SequenceSource {
 public:
  explicit InterruptibleSource(predict::SequenceSource& inner) : inner_(inner) {}

  bool next(seqio::ReadResult& item) override {
    if (++count_ % kCheckEvery == 0) {
      py::gil_scoped_acquire gil;
      if (PyErr_CheckSignals() != 0) {
        interrupted_ = true;
        return false;
      }
    }
    return inner_.next(item);
  }
  void rethrow_input_error() const override { inner_.rethrow_input_error(); }
  const std::string& name() const override { return inner_.name(); }
  const genome::Coordinates* coordinates(std::size_t number) const override {
    return inner_.coordinates(number);
  }
  bool interrupted() const { return interrupted_; }

 private:
  static constexpr std::size_t kCheckEvery = 256;
  predict::SequenceSource& inner_;
  std::size_t count_ = 0;
  bool interrupted_ = false;
};

}  // namespace

int thread_count(int threads) {
  std::string text = std::to_string(threads);
  const std::string problem = cli::thread_count_range()(text);
  if (!problem.empty()) throw Error("--threads: " + problem);
  return cli::thread_count(threads);
}

ScoreRun score_source(predict::SequenceSource& source, std::span<const nn::Network> members,
                      predict::Detail detail, int threads) {
  const int workers = thread_count(threads);
  ScoreRun run;
  std::ostringstream out, err;
  // Where each failed record's message starts in `err`: score_in_order writes it right after
  // delivering the record.
  std::vector<std::size_t> starts;
  InterruptibleSource checked(source);
  {
    py::gil_scoped_release release;
    predict::score_in_order(
        checked, members, detail, workers,
        [&](predict::ScoredSequence&& s) {
          starts.push_back(s.scored() ? std::string::npos : static_cast<std::size_t>(err.tellp()));
          run.results.push_back(std::move(s));
        },
        out, err);
  }
  if (checked.interrupted()) throw py::error_already_set();
  source.rethrow_input_error();

  const std::string text = err.str();
  const std::string prefix = "error: ";
  run.errors.resize(run.results.size());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    if (starts[i] == std::string::npos) continue;
    std::size_t end = text.size();
    for (std::size_t k = i + 1; k < starts.size(); ++k) {
      if (starts[k] != std::string::npos) {
        end = starts[k];
        break;
      }
    }
    std::string message = text.substr(starts[i], end - starts[i]);
    if (message.starts_with(prefix)) message.erase(0, prefix.size());
    if (message.ends_with('\n')) message.pop_back();
    run.errors[i] = std::move(message);
  }
  return run;
}

}  // namespace mirgene::python
