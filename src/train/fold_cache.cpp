#include "train/fold_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "common/error.hpp"
#include "fold/alphabet.hpp"

namespace mirgene::train {
namespace {

constexpr std::string_view kMagic = "#mirgene-fold-cache v1 ";

std::string header_line(const std::string& params_id) {
  return std::string(kMagic) + params_id + '\n';
}

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string system_error(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

bool is_structure_char(char c) {
  return c == '(' || c == ')' || c == '.';
}

// Parses "SEQ\tSTRUCTURE\tENERGY"; returns the problem, or "" when the line is good.
std::string parse_entry(std::string_view line, std::string& key, CachedFold& fold) {
  const std::size_t tab1 = line.find('\t');
  const std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
  if (tab2 == std::string_view::npos) return "expected 3 tab-separated fields";
  const std::string_view seq = line.substr(0, tab1);
  const std::string_view structure = line.substr(tab1 + 1, tab2 - tab1 - 1);
  const std::string_view energy = line.substr(tab2 + 1);
  if (seq.empty() || seq.size() != structure.size()) return "sequence and structure lengths differ";
  for (char c : structure) {
    if (!is_structure_char(c)) return "structure has a character other than ( ) .";
  }
  // A structure the folder could have produced: balanced brackets, each pair one the energy
  // model allows. A hand-edited entry that is not would be read into the network silently.
  std::vector<std::size_t> openers;
  for (std::size_t k = 0; k < structure.size(); ++k) {
    if (structure[k] == '(') {
      openers.push_back(k);
    } else if (structure[k] == ')') {
      if (openers.empty()) return "unbalanced structure (')' at " + std::to_string(k + 1) + ")";
      const std::size_t i = openers.back();
      openers.pop_back();
      if (fold::pair_type(fold::base_code(seq[i]), fold::base_code(seq[k])) == fold::kNoPair)
        return "bases " + std::to_string(i + 1) + " and " + std::to_string(k + 1) +
               " cannot pair";
      if (k - i < 4) return "hairpin of fewer than 3 bases at " + std::to_string(i + 1);
    }
  }
  if (!openers.empty())
    return "unbalanced structure ('(' at " + std::to_string(openers.back() + 1) + ")";
  const auto [end, ec] = std::from_chars(energy.data(), energy.data() + energy.size(), fold.energy);
  if (ec != std::errc() || end != energy.data() + energy.size()) return "energy is not an integer";
  key.assign(seq);
  fold.structure.assign(structure);
  return "";
}

// Cuts a partly written last line (from a run that was killed mid-write) off the open file,
// so that the next append starts on a fresh line. Returns the resulting file size.
off_t drop_partial_last_line(int fd, const std::string& path) {
  struct stat st;
  if (::fstat(fd, &st) != 0) throw Error(system_error("cannot inspect fold cache", path));
  off_t end = st.st_size;
  char buffer[4096];
  while (end > 0) {
    const off_t start = end > static_cast<off_t>(sizeof buffer) ? end - sizeof buffer : 0;
    const ssize_t got = ::pread(fd, buffer, static_cast<std::size_t>(end - start), start);
    if (got != end - start) throw Error(system_error("cannot read fold cache", path));
    for (ssize_t i = got - 1; i >= 0; --i) {
      if (buffer[i] == '\n') {
        const off_t complete = start + i + 1;
        if (complete != st.st_size && ::ftruncate(fd, complete) != 0)
          throw Error(system_error("cannot repair fold cache", path));
        return complete;
      }
    }
    end = start;
  }
  if (st.st_size != 0 && ::ftruncate(fd, 0) != 0)
    throw Error(system_error("cannot repair fold cache", path));
  return 0;
}

void write_all(int fd, const std::string& text, const std::string& path) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(system_error("cannot write fold cache", path));
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::string fold_key(std::string_view seq) {
  std::string key(seq);
  for (char& c : key) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'T') c = 'U';
  }
  return key;
}

FoldCache FoldCache::open(const std::string& path, const std::string& params_id) {
  FoldCache cache;
  cache.path_ = path;
  cache.params_id_ = params_id;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (std::filesystem::exists(path)) throw Error("cannot read fold cache " + path);
    return cache;
  }
  std::stringstream whole;
  whole << in.rdbuf();
  const std::string text = whole.str();
  // Only newline-terminated lines are complete; anything after the last newline is a
  // partial write and is ignored.
  std::size_t pos = 0;
  std::size_t line_no = 0;
  std::string key;
  CachedFold fold;
  while (true) {
    const std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) break;
    const std::string_view line(text.data() + pos, eol - pos);
    ++line_no;
    pos = eol + 1;
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (line_no == 1) {
      if (line.substr(0, kMagic.size()) != kMagic) throw Error(where + "not a mirgene fold cache");
      if (line.substr(kMagic.size()) != params_id)
        throw Error(where + "fold cache of energy parameters '" +
                    std::string(line.substr(kMagic.size())) + "', expected '" + params_id + "'");
      continue;
    }
    const std::string problem = parse_entry(line, key, fold);
    if (!problem.empty())
      throw Error(where + "malformed fold-cache entry (" + problem +
                  "); delete the file to rebuild the cache");
    cache.entries_.try_emplace(key, fold);
  }
  return cache;
}

const CachedFold* FoldCache::find(const std::string& key) const {
  const auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

void FoldCache::add(const std::vector<std::pair<std::string, CachedFold>>& folds) {
  std::string lines;
  for (const auto& [key, fold] : folds) {
    if (!entries_.try_emplace(key, fold).second) continue;
    lines += key;
    lines += '\t';
    lines += fold.structure;
    lines += '\t';
    lines += std::to_string(fold.energy);
    lines += '\n';
  }
  if (path_.empty() || !write_error_.empty() || lines.empty()) return;
  try {
    append_lines(std::move(lines));
  } catch (const Error& e) {
    // A full disk or a read-only home must not fail the run: the folds stay in memory.
    write_error_ = e.what();
    write_error_reported_ = false;
  }
}

std::string FoldCache::take_write_error() {
  if (write_error_reported_) return "";
  write_error_reported_ = true;
  return write_error_;
}

void FoldCache::append_lines(std::string lines) {
  const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec)
    throw Error("cannot create fold-cache directory " + parent.string() + ": " + ec.message());
  // O_APPEND and one write per batch: concurrent runs sharing a cache do not interleave lines.
  const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(system_error("cannot open fold cache", path_));
  try {
    if (drop_partial_last_line(fd, path_) == 0) lines.insert(0, header_line(params_id_));
    write_all(fd, lines, path_);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

std::string default_cache_dir() {
  if (std::string dir = env_or_empty("MIRGENE_CACHE_DIR"); !dir.empty()) return dir;
  if (std::string xdg = env_or_empty("XDG_CACHE_HOME"); !xdg.empty()) return xdg + "/mirgene";
  if (std::string home = env_or_empty("HOME"); !home.empty()) return home + "/.cache/mirgene";
  throw Error(
      "no directory for the fold cache: set MIRGENE_CACHE_DIR (or XDG_CACHE_HOME or HOME), "
      "or use --fold-cache PATH or --no-fold-cache");
}

std::string cache_file_in(const std::string& dir, const std::string& params_id) {
  return dir + "/folds-" + params_id + ".tsv";
}

}  // namespace mirgene::train
