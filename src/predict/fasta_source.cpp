#include "predict/fasta_source.hpp"

#include <utility>

#include "common/error.hpp"

namespace mirgene::predict {

std::string input_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

FastaSource::FastaSource(const std::string& path)
    : reader_(seqio::FastaReader::open(path)), name_(input_name(path)) {}

FastaSource::FastaSource(std::unique_ptr<std::istream> in, const std::string& name)
    : stream_(std::move(in)),
      reader_(std::make_unique<seqio::FastaReader>(*stream_, name)),
      name_(input_name(name)) {}

bool FastaSource::next(seqio::ReadResult& item) {
  if (input_error_) return false;
  try {
    return reader_->next(item);
  } catch (const Error&) {
    // Truncated or corrupt gzip data, a read error: the records read so far still count.
    input_error_ = std::current_exception();
    return false;
  }
}

void FastaSource::rethrow_input_error() const {
  if (input_error_) std::rethrow_exception(input_error_);
}

}  // namespace mirgene::predict
