#include "records.hpp"

#include "common/error.hpp"

namespace mirgene::python {

std::string fasta_text(const std::vector<std::string>& ids, const std::vector<std::string>& seqs) {
  std::size_t size = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) size += ids[i].size() + seqs[i].size() + 3;
  std::string text;
  text.reserve(size);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].find_first_of("\r\n") != std::string::npos)
      throw Error("record #" + std::to_string(i + 1) + ": id holds a line end");
    text += '>';
    text += ids[i];
    text += '\n';
    for (char c : seqs[i])
      if (c != '\n' && c != '\r') text += c;
    text += '\n';
  }
  return text;
}

seqio::Record checked_record(const std::string& id, const std::string& seq) {
  FastaTextSource source(fasta_text({id}, {seq}), kInputName);
  seqio::ReadResult item;
  if (!source.next(item)) throw Error(std::string(kInputName) + ": no sequence");
  if (item.error) throw Error(item.error->to_string());
  return std::move(item.record);
}

FastaTextSource::FastaTextSource(std::string text, std::string name)
    : stream_(std::move(text)),
      reader_(std::make_unique<seqio::FastaReader>(stream_, name)),
      name_(std::move(name)) {}

bool FastaTextSource::next(seqio::ReadResult& item) {
  if (input_error_) return false;
  try {
    return reader_->next(item);
  } catch (const Error&) {
    input_error_ = std::current_exception();
    return false;
  }
}

void FastaTextSource::rethrow_input_error() const {
  if (input_error_) std::rethrow_exception(input_error_);
}

}  // namespace mirgene::python
