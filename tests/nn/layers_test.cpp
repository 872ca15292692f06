// The layer list (nn/layers.hpp) that the parameter layout, the passes, dropout and the
// initial weights all read.
#include "nn/layers.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "nn/dropout.hpp"
#include "nn/network.hpp"
#include "nn/shipped_configs.hpp"
#include "support/paths.hpp"

namespace mirgene::nn {
namespace {

std::string shape_text(const std::vector<int>& shape) {
  std::string text;
  for (int d : shape) text += (text.empty() ? "" : ",") + std::to_string(d);
  return text;
}

std::string layout_rows(const std::string& config, const Architecture& arch) {
  std::string rows;
  for (const ParamInfo& p : parameter_layout(arch))
    rows += config + '\t' + p.name + '\t' + shape_text(p.shape) + '\t' + std::to_string(p.offset) +
            '\t' + std::to_string(p.size) + '\n';
  return rows;
}

// Names, shapes, order and offsets of every shipped network, as written by the code before the
// layer list existed: model files and checkpoints depend on them.
TEST(Layers, ShippedLayoutsAreUnchanged) {
  std::ifstream file(test::fixture_path("nn/shipped_layouts.tsv"));
  ASSERT_TRUE(file) << "missing fixture";
  std::string expected, line;
  while (std::getline(file, line))
    if (!line.empty() && line[0] != '#') expected += line + '\n';
  std::string got = layout_rows("default", Architecture{});
  for (const std::string& name : test_support::shipped_config_names())
    got += layout_rows(name, test_support::shipped_config(name));
  EXPECT_EQ(got, expected);
}

TEST(Layers, LayoutIsTheTensorsOfTheLayersInOrder) {
  for (const std::string& name : test_support::shipped_config_names()) {
    const Architecture arch = test_support::shipped_config(name);
    const std::vector<ParamInfo> layout = parameter_layout(arch);
    std::size_t index = 0, offset = 0;
    std::set<std::string> names;
    for (const LayerSpec& layer : layer_specs(arch)) {
      ASSERT_FALSE(layer.tensors.empty()) << name << " " << layer.name;
      for (const TensorSpec& t : layer.tensors) {
        ASSERT_LT(index, layout.size());
        EXPECT_EQ(layout[index].name, t.param.name);
        EXPECT_EQ(t.param.name.rfind(layer.name + ".", 0), 0u) << t.param.name;
        EXPECT_EQ(t.param.offset, offset) << t.param.name;
        EXPECT_TRUE(names.insert(t.param.name).second) << "twice: " << t.param.name;
        offset += t.param.size;
        ++index;
      }
    }
    EXPECT_EQ(index, layout.size());
    EXPECT_EQ(offset, parameter_count(arch));
  }
}

TEST(Layers, WidthsChainAndOneLayerReadsTheFlatten) {
  for (const std::string& name : test_support::shipped_config_names()) {
    const Architecture arch = test_support::shipped_config(name);
    const std::vector<LayerSpec> layers = layer_specs(arch);
    int flat_readers = 0;
    for (std::size_t i = 0; i < layers.size(); ++i) {
      const LayerSpec& l = layers[i];
      if (l.dropout == DropoutRule::kFlat) {
        ++flat_readers;
        EXPECT_EQ(l.in, arch.max_len * feature_width(arch)) << name;
        std::size_t tensors = 0;
        for (std::size_t k = 0; k < i; ++k) tensors += layers[k].tensors.size();
        EXPECT_EQ(flat_reader_index(arch), tensors) << name;
      }
      if (l.reverse) {
        ASSERT_GT(i, 0u);
        EXPECT_EQ(layers[i - 1].kind, LayerKind::kLstm);
        EXPECT_FALSE(layers[i - 1].reverse);
        EXPECT_EQ(layers[i - 1].name + "_reverse", l.name);
      }
    }
    EXPECT_EQ(flat_readers, 1) << name;
    EXPECT_EQ(layers.back().kind, LayerKind::kOutput);
    EXPECT_EQ(layers.back().out, kClasses);
    EXPECT_EQ(layers.front().in, input_width(arch.input));
  }
}

// Masks exist exactly where the layer list places them, with the layer's widths.
TEST(Layers, DropoutMasksFollowTheLayerList) {
  const Architecture arch = test_support::shrunk(test_support::shipped_config("cnn2-lstm2-att"));
  Architecture bi = test_support::shrunk(test_support::shipped_config("bilstm2-att"));
  for (const Architecture& a : {arch, bi}) {
    BatchShape shape;
    shape.steps = 6;
    shape.batch = 2;
    shape.start = {0, 2};
    const std::vector<std::uint64_t> seeds = {1, 2};
    DropoutMasks<float> masks;
    draw_dropout_masks(a, shape, seeds, masks);
    const std::vector<LayerSpec> layers = layer_specs(a);
    ASSERT_EQ(masks.input.size(), layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i) {
      const LayerSpec& l = layers[i];
      const int input_rows = l.dropout == DropoutRule::kNone   ? 0
                             : l.dropout == DropoutRule::kFlat ? shape.steps * feature_width(a)
                                                               : l.in;
      EXPECT_EQ(masks.input[i].rows(), input_rows) << l.name;
      EXPECT_EQ(masks.state[i].rows(), l.dropout == DropoutRule::kInputAndState ? l.out : 0)
          << l.name;
    }
  }
}

}  // namespace
}  // namespace mirgene::nn
