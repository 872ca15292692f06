#include "seqio/structure_reader.hpp"

#include <fstream>
#include <iostream>

#include "common/error.hpp"
#include "seqio/byte_input.hpp"
#include "seqio/fasta_reader.hpp"
#include "seqio/text_input.hpp"

namespace mirgene::seqio {
namespace {

void trim_right(std::string& s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

}  // namespace

StructureReader::StructureReader(std::istream& in, std::string source_name)
    : decoded_(decoded_stream(in, source_name)), in_(decoded_.get()), source_(std::move(source_name)) {}

std::unique_ptr<StructureReader> StructureReader::open(const std::string& path) {
  if (path == "-") return std::make_unique<StructureReader>(std::cin, "<stdin>");
  std::unique_ptr<std::ifstream> file = open_input_file(path);
  auto reader = std::make_unique<StructureReader>(*file, path);
  reader->owned_ = std::move(file);
  return reader;
}

bool StructureReader::next_line(std::string& line) {
  if (pending_) {
    line = std::move(*pending_);
    pending_.reset();
    return true;
  }
  while (std::getline(*in_, line)) {
    ++line_no_;
    trim_right(line);
    if (!blank(line)) return true;
  }
  return false;
}

bool StructureReader::next(StructureReadResult& out) {
  out = StructureReadResult{};
  std::string line;
  if (!next_line(line)) return false;
  StructureRecord& r = out.record;
  r.number = ++count_;
  if (line[0] == '>') {
    r.header = line.substr(1);
    r.id = r.header.substr(0, r.header.find_first_of(" \t"));
    if (!next_line(line)) line.clear();
  }
  if (r.id.empty()) r.id = "#" + std::to_string(r.number);
  auto fail = [&](const std::string& what) {
    out.error = source_ + ":" + std::to_string(line_no_) + ": record '" + r.id + "' (#" +
                std::to_string(r.number) + "): " + what;
    return true;
  };
  if (line.empty() || line[0] == '>') {
    if (!line.empty()) pending_ = line;
    return fail("record has no sequence line");
  }
  r.seq = line;
  r.line = line_no_;
  if (const std::string problem = residue_problem(r.seq); !problem.empty()) {
    fail("sequence has an " + problem);
    // Its structure line (if any) belongs to this record: skip it too.
    if (next_line(line) && line[0] == '>') pending_ = line;
    return true;
  }
  for (char& c : r.seq) {
    if (c == 'T') c = 'U';
    if (c == 't') c = 'u';
  }
  if (!next_line(line) || line[0] == '>') {
    if (!line.empty() && line[0] == '>') pending_ = line;
    return fail("sequence has no structure line after it");
  }
  // Drop an energy annotation such as " (-12.30)" printed by fold.
  const std::size_t blank_at = line.find_first_of(" \t");
  r.structure = line.substr(0, blank_at);
  if (r.structure.size() != r.seq.size()) {
    return fail("structure has " + std::to_string(r.structure.size()) +
                " characters but the sequence has " + std::to_string(r.seq.size()));
  }
  return true;
}

}  // namespace mirgene::seqio
