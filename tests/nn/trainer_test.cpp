// Adam update, learning on a toy task, reproducibility and checkpoint/resume of the Trainer.
#include "nn/trainer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "common/error.hpp"
#include "nn/shipped_configs.hpp"

namespace mirgene::nn {
namespace {

TEST(Adam, MatchesHandComputedUpdates) {
  Adam adam(2,
            AdamOptions{.learning_rate = 0.1f, .beta1 = 0.9f, .beta2 = 0.999f, .epsilon = 1e-7f});
  std::vector<float> p = {1.0f, -2.0f};
  const std::vector<float> g1 = {0.5f, -0.25f}, g2 = {-1.0f, 0.0f};
  adam.step(p, g1);
  // Step 1: m = 0.1 g, v = 0.001 g^2; m_hat = g, v_hat = g^2 -> p -= 0.1 * g / (|g| + eps).
  EXPECT_NEAR(p[0], 1.0 - 0.1 * 0.5 / (0.5 + 1e-7), 1e-6);
  EXPECT_NEAR(p[1], -2.0 + 0.1 * 0.25 / (0.25 + 1e-7), 1e-6);
  adam.step(p, g2);
  double expected[2];
  const double p1[2] = {1.0 - 0.1 * 0.5 / (0.5 + 1e-7), -2.0 + 0.1 * 0.25 / (0.25 + 1e-7)};
  for (int i = 0; i < 2; ++i) {
    const double m = 0.9 * (0.1 * g1[i]) + 0.1 * g2[i];
    const double v = 0.999 * (0.001 * g1[i] * g1[i]) + 0.001 * g2[i] * g2[i];
    const double m_hat = m / (1 - 0.81), v_hat = v / (1 - 0.999 * 0.999);
    expected[i] = p1[i] - 0.1 * m_hat / (std::sqrt(v_hat) + 1e-7);
  }
  EXPECT_NEAR(p[0], expected[0], 1e-6);
  EXPECT_NEAR(p[1], expected[1], 1e-6);
  EXPECT_EQ(adam.steps(), 2);
}

TEST(Adam, SplitUpdateMatchesWholeUpdate) {
  const std::size_t size = 5000;  // several blocks and uneven parts
  std::mt19937 gen(7);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::vector<float> start(size), g(size);
  for (std::size_t i = 0; i < size; ++i) start[i] = uniform(gen), g[i] = uniform(gen);
  Adam whole(size), split(size);
  std::vector<float> p_whole = start, p_split = start;
  for (int step = 0; step < 3; ++step) {
    whole.step(p_whole, g);
    split.begin_step(p_split, g);
    for (int part = 2; part >= 0; --part) split.update_part(p_split, g, part, 3);
  }
  EXPECT_EQ(p_whole, p_split);
  EXPECT_EQ(split.steps(), 3);
  EXPECT_NE(p_whole, start);
}

const Architecture kSmall{.recurrent = {{20}, {10}}, .dense = {32, 16}, .max_len = 40};

// Two token distributions that overlap: class 0 ("pre-miRNA") draws tokens 0..9, class 1
// draws 6..15, so only the mix of tokens over the sequence tells them apart.
void toy_task(int count, std::uint64_t seed, std::vector<std::vector<std::uint8_t>>& tokens,
              std::vector<int>& labels) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> len(12, 40), tok(0, 9);
  for (int i = 0; i < count; ++i) {
    const int label = i % 4 == 0 ? 0 : 1;  // imbalanced, like the real data
    std::vector<std::uint8_t> seq(len(rng));
    for (auto& t : seq) t = static_cast<std::uint8_t>(tok(rng) + 6 * label);
    tokens.push_back(seq);
    labels.push_back(label);
  }
}

TEST(Trainer, LearnsAToyTask) {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
  toy_task(400, 1, tokens, labels);
  Network net(kSmall);
  net.init_uniform(1);
  Trainer trainer(net, {.seed = 2, .batch_size = 32, .learning_rate = 3e-3f});
  const double first = trainer.run_epoch(tokens, labels).loss;
  double last = first;
  for (int e = 0; e < 14; ++e) last = trainer.run_epoch(tokens, labels).loss;
  EXPECT_EQ(trainer.epochs_done(), 15);
  EXPECT_GT(first, 0.6);
  EXPECT_LT(last, 0.5 * first);
  // And the learned scores separate held-out examples.
  std::vector<std::vector<std::uint8_t>> test_tokens;
  std::vector<int> test_labels;
  toy_task(200, 99, test_tokens, test_labels);
  const auto scores = predict(net, test_tokens);
  int correct = 0;
  for (std::size_t i = 0; i < scores.size(); ++i)
    correct += (scores[i] > 0.5f) == (test_labels[i] == 0);
  EXPECT_GT(correct, 170);
}

std::vector<float> train(int threads, int epochs, std::uint64_t seed) {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
  toy_task(150, 3, tokens, labels);
  Network net(kSmall);
  net.init_uniform(4);
  Trainer trainer(net, {.seed = seed, .threads = threads, .batch_size = 16});
  for (int e = 0; e < epochs; ++e) trainer.run_epoch(tokens, labels);
  return {net.flat().begin(), net.flat().end()};
}

TEST(Trainer, SameSeedAndThreadsGiveIdenticalWeights) {
  EXPECT_EQ(train(1, 2, 7), train(1, 2, 7));
  const auto two = train(2, 2, 7);
  EXPECT_EQ(two, train(2, 2, 7));
  EXPECT_NE(two, train(2, 2, 8));
  // Different thread counts sum gradients in another order: close but not required equal.
  const auto one = train(1, 2, 7);
  double diff = 0;
  for (std::size_t i = 0; i < one.size(); ++i)
    diff = std::max(diff, double(std::abs(one[i] - two[i])));
  EXPECT_LT(diff, 1e-3);
}

// Every shipped layer stack (with a small head), and one without dense layers, learns the toy
// task; two workers give the same weights as one up to summation order, which also checks that
// the workers' gradient buffers cover every tensor of these layouts.
TEST(Trainer, EveryArchitectureLearnsAndSplitsAcrossWorkers) {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
  toy_task(160, 5, tokens, labels);
  std::vector<Architecture> archs;
  for (const std::string& name : test_support::shipped_config_names()) {
    Architecture arch = test_support::shipped_config(name);
    arch.dense = {24, 12};
    arch.max_len = 40;
    archs.push_back(arch);
  }
  archs.push_back({.recurrent = {{8, true}}, .attention = false, .dense = {}, .max_len = 40});
  for (const Architecture& arch : archs) {
    const auto run = [&](int threads, int epochs, double* first, double* last) {
      Network net(arch);
      net.init_uniform(4);
      Trainer trainer(net,
                      {.seed = 6, .threads = threads, .batch_size = 16, .learning_rate = 1e-2f});
      for (int e = 0; e < epochs; ++e) {
        const double loss = trainer.run_epoch(tokens, labels).loss;
        if (e == 0 && first) *first = loss;
        if (last) *last = loss;
      }
      return std::vector<float>(net.flat().begin(), net.flat().end());
    };
    // The toy classes differ in nucleotides; structure-only input cannot tell them apart.
    if (arch.input != InputMode::kStructure) {
      double first = 0, last = 0;
      run(1, 12, &first, &last);
      EXPECT_LT(last, 0.8 * first) << architecture_to_json(arch);
    }
    const std::vector<float> one = run(1, 1, nullptr, nullptr), two = run(2, 1, nullptr, nullptr);
    double diff = 0;
    for (std::size_t i = 0; i < one.size(); ++i)
      diff = std::max(diff, double(std::abs(one[i] - two[i])));
    EXPECT_LT(diff, 1e-3) << architecture_to_json(arch);
    EXPECT_NE(one, run(1, 0, nullptr, nullptr)) << architecture_to_json(arch);
  }
}

TEST(Trainer, ResumedRunContinuesIdentically) {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
  toy_task(150, 5, tokens, labels);
  const TrainingSettings opt{.seed = 11, .threads = 2, .batch_size = 16};

  Network straight(kSmall);
  straight.init_uniform(6);
  Trainer straight_trainer(straight, opt);
  for (int e = 0; e < 3; ++e) straight_trainer.run_epoch(tokens, labels);

  Network first(kSmall);
  first.init_uniform(6);
  Trainer first_trainer(first, opt);
  for (int e = 0; e < 2; ++e) first_trainer.run_epoch(tokens, labels);
  // "Checkpoint": copy weights, optimiser tensors and scalars into fresh objects.
  Network resumed(kSmall);
  std::copy(first.flat().begin(), first.flat().end(), resumed.flat().begin());
  Trainer resumed_trainer(resumed, opt);
  auto from = first_trainer.state_tensors();
  auto to = resumed_trainer.state_tensors();
  ASSERT_EQ(from.size(), to.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    EXPECT_EQ(from[i].name, to[i].name);
    std::copy(from[i].data, from[i].data + from[i].size, to[i].data);
  }
  EXPECT_EQ(from.front().name, "adam.m.lstm1.weight_ih");
  resumed_trainer.restore_scalars(first_trainer.state_scalars());
  EXPECT_EQ(resumed_trainer.epochs_done(), 2);
  resumed_trainer.run_epoch(tokens, labels);

  EXPECT_TRUE(std::equal(straight.flat().begin(), straight.flat().end(), resumed.flat().begin()));
}

// --lr-decay: epoch e runs at lr * decay^e. Two epochs with decay 0.5 must equal one epoch at
// lr, then the optimiser state carried into a constant-rate trainer at lr / 2 for epoch two.
TEST(Trainer, LearningRateDecaysPerEpoch) {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
  toy_task(150, 5, tokens, labels);
  const TrainingSettings decayed{.seed = 11, .batch_size = 16, .learning_rate = 4e-3f,
                                 .lr_decay = 0.5f};
  Network straight(kSmall);
  straight.init_uniform(6);
  Trainer straight_trainer(straight, decayed);
  straight_trainer.run_epoch(tokens, labels);
  const std::vector<float> after_one(straight.flat().begin(), straight.flat().end());
  straight_trainer.run_epoch(tokens, labels);

  TrainingSettings constant = decayed;
  constant.lr_decay = 1.0f;
  Network first(kSmall);
  first.init_uniform(6);
  Trainer first_trainer(first, constant);
  first_trainer.run_epoch(tokens, labels);
  // The first epoch runs at the undecayed rate.
  EXPECT_TRUE(std::equal(after_one.begin(), after_one.end(), first.flat().begin()));

  TrainingSettings halved = constant;
  halved.learning_rate = 2e-3f;
  Network second(kSmall);
  std::copy(first.flat().begin(), first.flat().end(), second.flat().begin());
  Trainer second_trainer(second, halved);
  auto from = first_trainer.state_tensors();
  auto to = second_trainer.state_tensors();
  for (std::size_t i = 0; i < from.size(); ++i)
    std::copy(from[i].data, from[i].data + from[i].size, to[i].data);
  second_trainer.restore_scalars(first_trainer.state_scalars());
  second_trainer.run_epoch(tokens, labels);
  EXPECT_TRUE(std::equal(straight.flat().begin(), straight.flat().end(), second.flat().begin()));

  // And it is not the constant-rate trajectory.
  first_trainer.run_epoch(tokens, labels);
  EXPECT_FALSE(std::equal(straight.flat().begin(), straight.flat().end(), first.flat().begin()));
}

// --weight-average: training follows the raw weights (identical to a run without it),
// and the weights the run yields are the exponential moving average of the weights after
// every step, from the initial ones. One batch per epoch makes each epoch one step.
TEST(Trainer, WeightAverageIsTheMovingAverageOfTheSteps) {
  std::vector<std::vector<std::uint8_t>> tokens;
  std::vector<int> labels;
  toy_task(60, 5, tokens, labels);
  const TrainingSettings plain{.seed = 11, .batch_size = 64};
  TrainingSettings averaged = plain;
  averaged.weight_average = 0.75f;

  Network raw(kSmall);
  raw.init_uniform(6);
  Trainer raw_trainer(raw, plain);
  Network avg(kSmall);
  avg.init_uniform(6);
  Trainer avg_trainer(avg, averaged);
  EXPECT_FALSE(raw_trainer.averages());
  ASSERT_TRUE(avg_trainer.averages());

  std::vector<double> expected(raw.flat().begin(), raw.flat().end());
  for (int step = 0; step < 3; ++step) {
    raw_trainer.run_epoch(tokens, labels);
    avg_trainer.run_epoch(tokens, labels);
    ASSERT_TRUE(std::equal(raw.flat().begin(), raw.flat().end(), avg.flat().begin()));
    for (std::size_t i = 0; i < expected.size(); ++i)
      expected[i] += 0.25 * (raw.flat()[i] - expected[i]);
    {
      const AveragedWeights yielded(avg_trainer);
      for (std::size_t i = 0; i < expected.size(); ++i)
        ASSERT_NEAR(avg.flat()[i], expected[i], 1e-6) << "step " << step << ", weight " << i;
      EXPECT_FALSE(std::equal(raw.flat().begin(), raw.flat().end(), avg.flat().begin()));
    }
    // Out of the scope the raw weights are back.
    ASSERT_TRUE(std::equal(raw.flat().begin(), raw.flat().end(), avg.flat().begin()));
  }
  // The average is part of the trainer's state, so a checkpoint carries it.
  const auto views = avg_trainer.state_tensors();
  EXPECT_EQ(views.size(), 3 * raw.layout().size());
  EXPECT_EQ(views.back().name, "average." + raw.layout().back().name);
  // Without averaging the scope changes nothing.
  const std::vector<float> before(raw.flat().begin(), raw.flat().end());
  { const AveragedWeights yielded(raw_trainer); }
  EXPECT_TRUE(std::equal(before.begin(), before.end(), raw.flat().begin()));

  TrainingSettings bad = plain;
  bad.weight_average = 1.0f;
  Network net(kSmall);
  EXPECT_THROW(Trainer(net, bad), Error);
}

TEST(Trainer, RejectsBadStateAndInputs) {
  Network net(kSmall);
  Trainer trainer(net, {});
  auto scalars = trainer.state_scalars();
  EXPECT_NO_THROW(trainer.restore_scalars(scalars));
  auto bad = scalars;
  bad["adam.step"] = "12x";
  EXPECT_THROW(trainer.restore_scalars(bad), Error);
  bad = scalars;
  bad["rng"] = "not a generator";
  EXPECT_THROW(trainer.restore_scalars(bad), Error);
  bad = scalars;
  bad.erase("epochs_done");
  EXPECT_THROW(trainer.restore_scalars(bad), Error);

  const std::vector<std::vector<std::uint8_t>> tokens = {{1, 2, 3}, {4, 5}};
  const std::vector<int> labels = {0, 2};
  EXPECT_THROW(trainer.run_epoch(tokens, labels), Error);
  const std::vector<int> one_label = {0};
  EXPECT_THROW(trainer.run_epoch(tokens, one_label), Error);
}

}  // namespace
}  // namespace mirgene::nn
