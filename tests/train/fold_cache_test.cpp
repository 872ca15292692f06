#include "train/fold_cache.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "support/temp_dir.hpp"

namespace mirgene::train {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_all(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(FoldKey, UpperCasesAndReadsTAsU) {
  EXPECT_EQ(fold_key("acgtTNu"), "ACGUUNU");
  EXPECT_EQ(fold_key(""), "");
}

TEST(FoldCache, MissingFileIsEmptyAndCreatedOnFirstAdd) {
  test::TempDir dir;
  const std::string path = dir.file("sub/dir/folds.tsv");
  FoldCache cache = FoldCache::open(path, "turner2004");
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_FALSE(std::filesystem::exists(path));
  cache.add({{"GGGAAACCC", {"(((...)))", -120}}});
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(read_all(path), "#mirgene-fold-cache v1 turner2004\nGGGAAACCC\t(((...)))\t-120\n");
}

TEST(FoldCache, RoundTripKeepsEveryEntryAndAppends) {
  test::TempDir dir;
  const std::string path = dir.file("folds.tsv");
  {
    FoldCache cache = FoldCache::open(path, "turner2004");
    cache.add({{"GGGAAACCC", {"(((...)))", -120}}, {"ACGU", {"....", 0}}});
  }
  {
    FoldCache cache = FoldCache::open(path, "turner2004");
    ASSERT_EQ(cache.size(), 2u);
    ASSERT_NE(cache.find("GGGAAACCC"), nullptr);
    EXPECT_EQ(cache.find("GGGAAACCC")->structure, "(((...)))");
    EXPECT_EQ(cache.find("GGGAAACCC")->energy, -120);
    EXPECT_EQ(cache.find("ACGU")->energy, 0);
    EXPECT_EQ(cache.find("ACGT"), nullptr);
    // A key already cached is not written twice.
    cache.add({{"ACGU", {"....", 0}}, {"GGGGAAAACCCC", {"((((....))))", -340}}});
  }
  FoldCache reread = FoldCache::open(path, "turner2004");
  EXPECT_EQ(reread.size(), 3u);
  EXPECT_EQ(reread.find("GGGGAAAACCCC")->energy, -340);
  const std::string text = read_all(path);
  EXPECT_EQ(text.find("ACGU\t"), text.rfind("ACGU\t"));
}

TEST(FoldCache, TruncatedLastLineIsIgnoredAndRepairedOnAppend) {
  test::TempDir dir;
  const std::string path = dir.file("folds.tsv");
  // A killed run: the last entry stops inside its energy ("-12" of "-120"), no newline.
  write_all(path, "#mirgene-fold-cache v1 turner2004\nACGU\t....\t0\nGGGAAACCC\t(((...)))\t-12");
  {
    FoldCache cache = FoldCache::open(path, "turner2004");
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_EQ(cache.find("GGGAAACCC"), nullptr);
    cache.add({{"GGGAAACCC", {"(((...)))", -120}}});
  }
  EXPECT_EQ(read_all(path),
            "#mirgene-fold-cache v1 turner2004\nACGU\t....\t0\nGGGAAACCC\t(((...)))\t-120\n");
  FoldCache reread = FoldCache::open(path, "turner2004");
  EXPECT_EQ(reread.find("GGGAAACCC")->energy, -120);
}

TEST(FoldCache, TruncatedHeaderIsAnEmptyCache) {
  test::TempDir dir;
  const std::string path = dir.file("folds.tsv");
  write_all(path, "#mirgene-fold");
  FoldCache cache = FoldCache::open(path, "turner2004");
  EXPECT_EQ(cache.size(), 0u);
  cache.add({{"ACGU", {"....", 0}}});
  EXPECT_EQ(read_all(path), "#mirgene-fold-cache v1 turner2004\nACGU\t....\t0\n");
}

TEST(FoldCache, RejectsOtherParameterSetAndMalformedLines) {
  test::TempDir dir;
  const std::string path = dir.file("folds.tsv");
  write_all(path, "#mirgene-fold-cache v1 andronescu2007\n");
  EXPECT_THROW(FoldCache::open(path, "turner2004"), Error);

  write_all(path, "#mirgene-fold-cache v1 turner2004\nACGU\t...\t0\n");
  try {
    FoldCache::open(path, "turner2004");
    FAIL() << "malformed entry accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":2:"), std::string::npos) << e.what();
  }
  write_all(path, "#mirgene-fold-cache v1 turner2004\nACGU\t....\t0x\n");
  EXPECT_THROW(FoldCache::open(path, "turner2004"), Error);
  write_all(path, "not a cache\n");
  EXPECT_THROW(FoldCache::open(path, "turner2004"), Error);
}

// Issue 15, item 6: the cache was trusted without validation; a hand-edited structure that no
// fold can give went into the network silently.
TEST(FoldCache, RejectsStructuresNoFoldCanGive) {
  test::TempDir dir;
  const std::string path = dir.file("folds.tsv");
  const auto problem_of = [&](const std::string& entry) {
    write_all(path, "#mirgene-fold-cache v1 turner2004\n" + entry + "\n");
    try {
      FoldCache::open(path, "turner2004");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(problem_of("GGGAAACCC\t(((...)).\t-120")
                .find(path + ":2: malformed fold-cache entry (unbalanced"),
            std::string::npos);
  EXPECT_NE(problem_of("GGGAAACCC\t((....)))\t-120").find("unbalanced"), std::string::npos);
  EXPECT_NE(problem_of("GGGAAACCC\t)))...(((\t-120").find("unbalanced"), std::string::npos);
  EXPECT_NE(problem_of("AAAAAAAAA\t(((...)))\t-120").find("cannot pair"), std::string::npos);
  EXPECT_NE(problem_of("GGGGACCCC\t((((.))))\t-120").find("hairpin"), std::string::npos);
  EXPECT_EQ(problem_of("GGGAAACCC\t(((...)))\t-120"), "accepted");
}

// Issue 15, item 6: a cache that cannot be written (full disk, read-only home) failed the whole
// command; the folds now stay in memory and the reason is told once.
TEST(FoldCache, AnUnwritableFileLeavesTheCacheInMemoryWithTheReason) {
  test::TempDir dir;
  write_all(dir.file("not-a-dir"), "a file where the cache directory should be");
  FoldCache cache = FoldCache::open(dir.file("not-a-dir/folds.tsv"), "turner2004");
  EXPECT_NO_THROW(cache.add({{"GGGAAACCC", {"(((...)))", -120}}}));
  ASSERT_NE(cache.find("GGGAAACCC"), nullptr);
  EXPECT_EQ(cache.find("GGGAAACCC")->energy, -120);
  EXPECT_NE(cache.take_write_error().find("cannot create fold-cache directory"), std::string::npos);
  EXPECT_EQ(cache.take_write_error(), "");  // said once
  EXPECT_NO_THROW(cache.add({{"ACGU", {"....", 0}}}));
  EXPECT_EQ(cache.size(), 2u);
}

TEST(FoldCache, InMemoryCacheWritesNothing) {
  FoldCache cache;
  cache.add({{"ACGU", {"....", 0}}});
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.path(), "");
}

TEST(FoldCache, DefaultDirectoryFollowsEnvironment) {
  const char* saved[3] = {std::getenv("MIRGENE_CACHE_DIR"), std::getenv("XDG_CACHE_HOME"),
                          std::getenv("HOME")};
  const std::string keep[3] = {saved[0] ? saved[0] : "", saved[1] ? saved[1] : "",
                               saved[2] ? saved[2] : ""};
  ::setenv("MIRGENE_CACHE_DIR", "/c/mirgene", 1);
  ::setenv("XDG_CACHE_HOME", "/x", 1);
  ::setenv("HOME", "/h", 1);
  EXPECT_EQ(default_cache_dir(), "/c/mirgene");
  ::unsetenv("MIRGENE_CACHE_DIR");
  EXPECT_EQ(default_cache_dir(), "/x/mirgene");
  ::setenv("XDG_CACHE_HOME", "", 1);
  EXPECT_EQ(default_cache_dir(), "/h/.cache/mirgene");
  ::unsetenv("HOME");
  ::unsetenv("XDG_CACHE_HOME");
  EXPECT_THROW(default_cache_dir(), Error);
  const char* names[3] = {"MIRGENE_CACHE_DIR", "XDG_CACHE_HOME", "HOME"};
  for (int i = 0; i < 3; ++i) {
    if (saved[i]) ::setenv(names[i], keep[i].c_str(), 1);
  }
  EXPECT_EQ(cache_file_in("/d", "turner2004"), "/d/folds-turner2004.tsv");
}

}  // namespace
}  // namespace mirgene::train
