#include "records.hpp"

#include <memory>
#include <sstream>

#include "common/error.hpp"

namespace mirgene::python {

void append_fasta_record(std::string& text, std::size_t number, const std::string& id,
                         const std::string& seq) {
  if (id.find_first_of("\r\n") != std::string::npos)
    throw Error("record #" + std::to_string(number) + ": id holds a line end");
  text += '>';
  text += id;
  text += '\n';
  for (char c : seq)
    if (c != '\n' && c != '\r') text += c;
  text += '\n';
}

std::string fasta_text(const std::vector<std::string>& ids, const std::vector<std::string>& seqs) {
  std::size_t size = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) size += ids[i].size() + seqs[i].size() + 3;
  std::string text;
  text.reserve(size);
  for (std::size_t i = 0; i < ids.size(); ++i) append_fasta_record(text, i + 1, ids[i], seqs[i]);
  return text;
}

predict::FastaSource text_source(const std::vector<std::string>& ids,
                                 const std::vector<std::string>& seqs) {
  return predict::FastaSource(std::make_unique<std::istringstream>(fasta_text(ids, seqs)),
                              kInputName);
}

seqio::Record checked_record(const std::string& id, const std::string& seq) {
  predict::FastaSource source = text_source({id}, {seq});
  seqio::ReadResult item;
  if (!source.next(item)) throw Error(std::string(kInputName) + ": no sequence");
  if (item.error) throw Error(item.error->to_string());
  return std::move(item.record);
}

}  // namespace mirgene::python
