#include "nn/training_model.hpp"

#include "nn/initialisation.hpp"

namespace mirgene::nn {
namespace {

Network initialised_network(const TrainingSettings& settings) {
  Network net(settings.architecture);
  initialise(net, settings.init, settings.seed);
  return net;
}

}  // namespace

// The Trainer only sizes its state from the network, so initialising first changes nothing.
TrainingModel::TrainingModel(const TrainingSettings& settings)
    : net(initialised_network(settings)), trainer(net, settings) {}

}  // namespace mirgene::nn
