#pragma once
// Training checkpoints: everything needed to continue a run bit-identically, in one
// safetensors file written atomically after every epoch.
//
// Tensors (F32, exact): the network's parameters under their names, then the optimiser's
// state (adam.m.<param>, adam.v.<param>). Metadata: "format" = "mirgene-checkpoint",
// "settings" (JSON: everything that shapes the weights, compared on resume), "history"
// (JSON array, one object per finished epoch) and the trainer's scalars as "trainer.<key>".
#include <nlohmann/json.hpp>
#include <string>

#include "nn/network.hpp"
#include "nn/trainer.hpp"

namespace mirgene::train {

// Where the checkpoint of a model written to `model_path` goes: the path with a trailing
// ".safetensors" replaced by ".checkpoint.safetensors" (appended when there is none).
std::string checkpoint_path_for(const std::string& model_path);

void write_checkpoint(const std::string& path, nn::Network& net, nn::Trainer& trainer,
                      const nlohmann::ordered_json& settings,
                      const nlohmann::ordered_json& history);

// Loads a checkpoint into `net` and `trainer` (built with the same settings) and returns its
// history. Throws mirgene::Error when the file is not a checkpoint, when a tensor is missing
// or misshapen, or when its settings differ from `settings` (the message names each
// differing setting with both values).
nlohmann::ordered_json restore_checkpoint(const std::string& path, nn::Network& net,
                                          nn::Trainer& trainer,
                                          const nlohmann::ordered_json& settings);

}  // namespace mirgene::train
