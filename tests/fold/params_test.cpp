// The compiled-in Turner 2004 table against the reference parameter file, entries quoted
// in the energy-model specification, and the strict reader's rejections.
#include "fold/params.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "support/paths.hpp"

namespace mirgene::fold {
namespace {

using ::testing::HasSubstr;

const std::string kParFile = test::data_path("reference/energy/turner2004.par");

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The message of the mirgene::Error that parsing `text` throws ("" if none).
std::string parse_error(const std::string& text) {
  std::istringstream in(text);
  try {
    parse_params(in, "test.par");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Params, BuiltInTableEqualsTheParsedReferenceFile) {
  const EnergyParams parsed = load_params_file(kParFile);
  const EnergyParams& built_in = turner2004();
  EXPECT_EQ(parsed.stack, built_in.stack);
  EXPECT_EQ(parsed.mismatch_hairpin, built_in.mismatch_hairpin);
  EXPECT_EQ(parsed.mismatch_internal, built_in.mismatch_internal);
  EXPECT_EQ(parsed.mismatch_internal_1n, built_in.mismatch_internal_1n);
  EXPECT_EQ(parsed.mismatch_internal_23, built_in.mismatch_internal_23);
  EXPECT_EQ(parsed.mismatch_multi, built_in.mismatch_multi);
  EXPECT_EQ(parsed.mismatch_exterior, built_in.mismatch_exterior);
  EXPECT_EQ(parsed.dangle5, built_in.dangle5);
  EXPECT_EQ(parsed.dangle3, built_in.dangle3);
  EXPECT_EQ(parsed.int11, built_in.int11);
  EXPECT_EQ(parsed.int21, built_in.int21);
  EXPECT_EQ(parsed.int22, built_in.int22);
  EXPECT_EQ(parsed.hairpin, built_in.hairpin);
  EXPECT_EQ(parsed.bulge, built_in.bulge);
  EXPECT_EQ(parsed.internal, built_in.internal);
  EXPECT_EQ(parsed.tetraloops, built_in.tetraloops);
  EXPECT_EQ(parsed.triloops, built_in.triloops);
  EXPECT_EQ(parsed.hexaloops, built_in.hexaloops);
  EXPECT_EQ(parsed.lxc, built_in.lxc);
  EXPECT_TRUE(parsed == built_in);  // also every scalar
}

TEST(Params, EntriesQuotedInTheSpecification) {
  const EnergyParams& p = turner2004();
  EXPECT_EQ(p.stack[stack_index(kPairGC, kPairUA)], -240);
  EXPECT_EQ(p.stack[stack_index(kPairCG, kPairUG)], -140);
  EXPECT_EQ(p.mismatch_exterior[mismatch_index(kPairUA, kBaseU, kBaseG)], -100);
  EXPECT_EQ(p.mismatch_exterior[mismatch_index(kPairGC, kBaseN, kBaseN)], -80);
  EXPECT_EQ(p.dangle3[dangle_index(kPairGC, kBaseN)], -80);
  EXPECT_EQ(p.dangle3[dangle_index(kPairGC, kBaseA)], -170);
  EXPECT_EQ(p.dangle5[dangle_index(kPairGC, kBaseA)], -20);
  EXPECT_EQ(p.mismatch_hairpin[mismatch_index(kPairGC, kBaseG, kBaseA)], -250);
  EXPECT_EQ(p.mismatch_hairpin[mismatch_index(kPairAU, kBaseC, kBaseA)], -10);
  EXPECT_EQ(p.mismatch_internal[mismatch_index(kPairUA, kBaseA, kBaseC)], 70);
  EXPECT_EQ(p.mismatch_internal_1n[mismatch_index(kPairGU, kBaseU, kBaseU)], 70);
  EXPECT_EQ(p.mismatch_internal_23[mismatch_index(kPairUA, kBaseA, kBaseG)], 20);
  EXPECT_EQ(p.mismatch_multi[mismatch_index(kPairUA, kBaseC, kBaseA)], -100);
  EXPECT_EQ(p.int11[int11_index(kPairUG, kPairUG, kBaseG, kBaseG)], -70);
  EXPECT_EQ(p.int11[int11_index(kPairCG, kPairUA, kBaseG, kBaseA)], 120);
  EXPECT_EQ(p.int21[int21_index(kPairCG, kPairGC, kBaseA, kBaseA, kBaseG)], 110);
  EXPECT_EQ(p.int21[int21_index(kPairCG, kPairCG, kBaseU, kBaseU, kBaseU)], 150);
  EXPECT_EQ(p.int22[int22_index(kPairGC, kPairUA, kBaseA, kBaseA, kBaseG, kBaseC)], 80);
  EXPECT_EQ(p.int22[int22_index(kPairCG, kPairUA, kBaseA, kBaseC, kBaseG, kBaseA)], 200);
  // N entries of int22 are the maximum over A/C/G/U substitutions.
  EXPECT_EQ(p.int22[int22_index(kPairCG, kPairCG, kBaseN, kBaseN, kBaseN, kBaseN)], 200);
  int max_aa = -kInf;
  for (int c = kBaseA; c <= kBaseU; ++c) {
    max_aa = std::max(max_aa, p.int22[int22_index(kPairGC, kPairAU, kBaseA, kBaseA, c, kBaseG)]);
  }
  EXPECT_EQ(p.int22[int22_index(kPairGC, kPairAU, kBaseA, kBaseA, kBaseN, kBaseG)], max_aa);
  EXPECT_EQ(p.hairpin[3], 540);
  EXPECT_EQ(p.hairpin[4], 560);
  EXPECT_EQ(p.hairpin[30], 770);
  EXPECT_EQ(p.hairpin[0], kInf);
  EXPECT_EQ(p.bulge[1], 380);
  EXPECT_EQ(p.bulge[3], 320);
  EXPECT_EQ(p.internal[5], 200);
  EXPECT_EQ(p.internal[15], 290);
  EXPECT_EQ(p.ml_closing, 930);
  EXPECT_EQ(p.ml_intern, -90);
  EXPECT_EQ(p.ml_base, 0);
  EXPECT_EQ(p.ninio, 60);
  EXPECT_EQ(p.max_ninio, 300);
  EXPECT_EQ(p.terminal_au, 50);
  EXPECT_DOUBLE_EQ(p.lxc, 107.856);
  ASSERT_EQ(p.tetraloops.size(), 16u);
  ASSERT_EQ(p.triloops.size(), 2u);
  ASSERT_EQ(p.hexaloops.size(), 4u);
  EXPECT_EQ(p.tetraloops[10], (SpecialHairpin{"CUCAGG", 370, -660}));
  EXPECT_EQ(p.triloops[0], (SpecialHairpin{"CAACG", 680, 2370}));
  EXPECT_EQ(p.hexaloops[0], (SpecialHairpin{"ACAGUACU", 280, -1680}));
  // Pair-type code 0 is never a real pair.
  EXPECT_EQ(p.stack[stack_index(kNoPair, kPairCG)], kInf);
}

TEST(Params, ClampsPositiveDangleAndStemMismatchEntries) {
  const std::string text = read_text(kParFile);
  // First row of # dangle5 (the CG block) starts with the N column.
  const std::string positive = replace_once(
      text, "# dangle5\n/*  @     A     C     G     U   */\n   -10   DEF   -30   -20   -10",
      "# dangle5\n/*  @     A     C     G     U   */\n   -10   120   -30   -20   -10");
  std::istringstream in(positive);
  const EnergyParams p = parse_params(in, "positive.par");
  EXPECT_EQ(p.dangle5[dangle_index(kPairCG, kBaseA)], 0);
}

TEST(Params, ReadsTheReferenceFileFromAStream) {
  std::istringstream in(read_text(kParFile));
  EXPECT_TRUE(parse_params(in, "stream") == turner2004());
}

TEST(Params, RejectsAWrongHeader) {
  const std::string text = replace_once(read_text(kParFile), "v2.0", "v1.4");
  EXPECT_THAT(parse_error(text), HasSubstr("test.par: line 1: expected the header"));
  EXPECT_THAT(parse_error(""), HasSubstr("test.par"));
}

TEST(Params, RejectsAMissingSection) {
  std::string text = read_text(kParFile);
  const auto begin = text.find("# stack\n");
  const auto end = text.find("# stack_enthalpies");
  text.erase(begin, end - begin);
  EXPECT_THAT(parse_error(text), HasSubstr("test.par: missing section '# stack'"));
}

TEST(Params, RejectsAMissingEnd) {
  std::string text = read_text(kParFile);
  text.erase(text.find("# END"));
  EXPECT_THAT(parse_error(text), HasSubstr("missing '# END'"));
}

TEST(Params, RejectsTooFewValues) {
  // Drop the last value of the first # stack row (line 5).
  const std::string text =
      replace_once(read_text(kParFile), "  -240  -330  -210  -140  -210  -210  -140\n",
                   "  -240  -330  -210  -140  -210  -210\n");
  EXPECT_THAT(parse_error(text),
              HasSubstr("test.par: line 13, section '# stack': has 48 values, expected 49"));
}

TEST(Params, RejectsTooManyValues) {
  const std::string text =
      replace_once(read_text(kParFile), "  -240  -330  -210  -140  -210  -210  -140\n",
                   "  -240  -330  -210  -140  -210  -210  -140\n     7\n");
  // The 50th value sits on the last row of the section, line 12.
  EXPECT_THAT(parse_error(text),
              HasSubstr("test.par: line 12, section '# stack': more than 49 values"));
}

TEST(Params, RejectsBadTokens) {
  const std::string row = "  -240  -330  -210  -140  -210  -210  -140\n";
  for (const char* bad : {"-14x", "1.5", "DEFF", "--3", "99999999999"}) {
    const std::string text =
        replace_once(read_text(kParFile), row,
                     "  -240  -330  -210  -140  -210  -210  " + std::string(bad) + "\n");
    EXPECT_THAT(parse_error(text), HasSubstr("test.par: line 5, section '# stack': bad value '" +
                                             std::string(bad) + "'"))
        << bad;
  }
  const std::string misc = replace_once(read_text(kParFile), "107.856000", "107.8x");
  EXPECT_THAT(parse_error(misc), HasSubstr("section '# Misc': bad number '107.8x'"));
}

// Issue 15, item 5: a file with every value at -10^7 was accepted and overflowed int in the
// folder's multiloop sums (UBSan), ending in "internal error: no decomposition reproduces".
TEST(Params, RejectsValuesOutsideTheRangeOfRealEnergies) {
  const std::string row = "  -240  -330  -210  -140  -210  -210  -140\n";
  for (const char* bad : {"-10000000", "20000000", "5001", "-5001"}) {
    const std::string text =
        replace_once(read_text(kParFile), row,
                     "  -240  -330  -210  -140  -210  -210  " + std::string(bad) + "\n");
    EXPECT_THAT(parse_error(text),
                HasSubstr("test.par: line 5, section '# stack': value " + std::string(bad) +
                          " is out of range"))
        << bad;
  }
  // The edges of the range, INF and DEF stay valid.
  for (const char* good : {"-5000", "5000", "INF", "DEF", "10000000"}) {
    const std::string text =
        replace_once(read_text(kParFile), row,
                     "  -240  -330  -210  -140  -210  -210  " + std::string(good) + "\n");
    EXPECT_EQ(parse_error(text), "") << good;
  }
  EXPECT_THAT(parse_error(replace_once(read_text(kParFile), "107.856000", "1e308")),
              HasSubstr("section '# Misc': value 1e308 is out of range"));
  EXPECT_THAT(parse_error(replace_once(read_text(kParFile), "107.856000", "nan")),
              HasSubstr("section '# Misc'"));
  EXPECT_THAT(parse_error(replace_once(read_text(kParFile), "\tCAACGG    550", "\tCAACGG    -9999999")),
              HasSubstr("section '# Tetraloops': value -9999999 is out of range"));
}

// The whole file at -10^7, as in the issue: refused when read, before any folding.
TEST(Params, RejectsAFileOfHugeNegativeValues) {
  std::string text = read_text(kParFile);
  std::string out;
  std::istringstream lines(text);
  std::string line;
  bool in_values = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] == '#') {
      in_values = line != "# END" && line.find("loops") == std::string::npos;
      out += line + '\n';
      continue;
    }
    if (!in_values) {
      out += line + '\n';
      continue;
    }
    std::istringstream tokens(line);
    std::string token, rewritten;
    bool in_comment = false;
    while (tokens >> token) {
      if (token.starts_with("/*")) in_comment = true;
      const bool number = !in_comment && token.find_first_not_of("-0123456789") == std::string::npos;
      rewritten += (number ? std::string("-10000000") : token) + ' ';
      if (token.ends_with("*/")) in_comment = false;
    }
    out += rewritten + '\n';
  }
  ASSERT_NE(out, text);
  EXPECT_THAT(parse_error(out), HasSubstr("value -10000000 is out of range"));
}

TEST(Params, RejectsTextAfterEnd) {
  EXPECT_THAT(parse_error(read_text(kParFile) + "\n  42\n"),
              HasSubstr("unexpected text after '# END'"));
}

TEST(Params, RejectsUnknownAndRepeatedSections) {
  const std::string text = read_text(kParFile);
  EXPECT_THAT(parse_error(replace_once(text, "# NINIO", "# NINO")),
              HasSubstr("unknown section '# NINO'"));
  EXPECT_THAT(parse_error(replace_once(text, "# END", "# NINIO\n60 320 300\n# END")),
              HasSubstr("section '# NINIO' appears twice"));
}

TEST(Params, RejectsMalformedComments) {
  const std::string text = read_text(kParFile);
  EXPECT_THAT(parse_error(replace_once(text, "/* CG..CG */", "/* CG..CG ")),
              HasSubstr("section '# int11': unterminated comment"));
  EXPECT_THAT(parse_error(replace_once(text, "/* CG..CG */", "CG..CG */")),
              HasSubstr("section '# int11'"));
}

TEST(Params, RejectsMalformedSpecialHairpins) {
  const std::string text = read_text(kParFile);
  EXPECT_THAT(parse_error(replace_once(text, "\tCAACGG    550", "\tCAACG    550")),
              HasSubstr("section '# Tetraloops': loop 'CAACG' should have 6 bases"));
  EXPECT_THAT(parse_error(replace_once(text, "\tCAACGG    550", "\tCAANGG    550")),
              HasSubstr("has a base other than A, C, G, U"));
  EXPECT_THAT(parse_error(replace_once(text, "\tCAACGG    550    690", "\tCAACGG    550")),
              HasSubstr("expected 'SEQUENCE energy enthalpy'"));
}

TEST(Params, ReportsAMissingFile) {
  EXPECT_THROW(load_params_file("tests/fixtures/fold/no-such-file.par"), Error);
}

}  // namespace
}  // namespace mirgene::fold
