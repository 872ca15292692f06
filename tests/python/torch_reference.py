#!/usr/bin/env python3
"""Independent PyTorch implementation of mirgene's network, for the parity test.

Reads a mirgene model file (safetensors, parsed here with numpy only), rebuilds the network
from torch.nn.LSTM and torch.nn.Linear layers and prints, for every line of a token file
(space-separated integer tokens of one sequence, as produced by mirgene::encode), the
probability of class 0 (pre-miRNA) -- followed by the sequence's attention weights when
--attention is given. Computation is in float64 so that it serves as the exact reference.

Usage: /usr/bin/python3 tests/python/torch_reference.py MODEL.safetensors TOKENS.txt [--attention]
"""
import argparse
import json
import struct
import sys

import numpy as np
import torch

DTYPES = {"F32": "<f4", "F16": "<f2"}


def read_safetensors(path):
    """Returns ({name: float64 array}, metadata) from a safetensors file."""
    with open(path, "rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_len))
        data = f.read()
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        values = np.frombuffer(data[begin:end], dtype=DTYPES[entry["dtype"]])
        tensors[name] = values.astype(np.float64).reshape(entry["shape"])
    return tensors, metadata


def token_inputs():
    """The 20 x 16 table of input vectors, written from the specification of the encoding:
    token 4*nucleotide + structure is one-hot; token 16 + structure (unknown nucleotide) puts
    0.25 on the four slots 4*n + structure."""
    table = np.zeros((20, 16))
    for token in range(16):
        table[token, token] = 1.0
    for structure in range(4):
        for nucleotide in range(4):
            table[16 + structure, 4 * nucleotide + structure] = 0.25
    return torch.tensor(table)


class DeepMiRGene(torch.nn.Module):
    def __init__(self, arch):
        super().__init__()
        self.max_len = arch["max_len"]
        self.lstm1 = torch.nn.LSTM(16, arch["lstm1"], batch_first=True)
        self.lstm2 = torch.nn.LSTM(arch["lstm1"], arch["lstm2"], batch_first=True)
        self.attention = torch.nn.Linear(arch["lstm2"], 1)
        self.dense1 = torch.nn.Linear(self.max_len * arch["lstm2"], arch["dense1"])
        self.dense2 = torch.nn.Linear(arch["dense1"], arch["dense2"])
        self.output = torch.nn.Linear(arch["dense2"], 2)

    def load(self, tensors):
        t = {name: torch.tensor(value) for name, value in tensors.items()}
        with torch.no_grad():
            for lstm, prefix in ((self.lstm1, "lstm1"), (self.lstm2, "lstm2")):
                # mirgene keeps one bias per gate row; torch adds bias_ih and bias_hh.
                lstm.weight_ih_l0.copy_(t[prefix + ".weight_ih"])
                lstm.weight_hh_l0.copy_(t[prefix + ".weight_hh"])
                lstm.bias_ih_l0.copy_(t[prefix + ".bias"])
                lstm.bias_hh_l0.zero_()
            self.attention.weight.copy_(t["attention.weight"].reshape(1, -1))
            self.attention.bias.copy_(t["attention.bias"])
            for layer in ("dense1", "dense2", "output"):
                getattr(self, layer).weight.copy_(t[layer + ".weight"])
                getattr(self, layer).bias.copy_(t[layer + ".bias"])

    def forward(self, x):
        """x: one sequence, shape (1, L, 16), without padding: the LSTMs start from a zero
        state at the first real base exactly as they do after masked pre-padding."""
        length = x.shape[1]
        h1, _ = self.lstm1(x)
        h2, _ = self.lstm2(h1)
        scores = self.attention(h2).squeeze(-1)  # (1, L)
        weights = torch.softmax(scores, dim=1)
        attended = weights.unsqueeze(-1) * h2  # (1, L, H2)
        padded = torch.zeros(1, self.max_len, h2.shape[2], dtype=x.dtype)
        padded[:, self.max_len - length :, :] = attended  # right-aligned, padding rows zero
        d1 = torch.sigmoid(self.dense1(padded.reshape(1, -1)))
        d2 = torch.sigmoid(self.dense2(d1))
        probs = torch.softmax(self.output(d2), dim=1)
        return probs[0, 0], weights[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("tokens")
    parser.add_argument("--attention", action="store_true", help="also print attention weights")
    args = parser.parse_args()

    tensors, metadata = read_safetensors(args.model)
    if metadata.get("format") != "mirgene-model" or metadata.get("format_version") != "1":
        sys.exit(f"{args.model}: not a mirgene model file of format version 1")
    if metadata.get("encoding") != "mirgene-onehot16-v1":
        sys.exit(f"{args.model}: unsupported encoding {metadata.get('encoding')!r}")
    arch = {"lstm1": 20, "lstm2": 10, "dense1": 400, "dense2": 100, "max_len": 400}
    arch.update(json.loads(metadata["architecture"]))

    torch.set_default_dtype(torch.float64)
    model = DeepMiRGene(arch)
    model.load(tensors)
    model.eval()
    inputs = token_inputs()
    out = []
    with torch.no_grad():
        with open(args.tokens) as f:
            for line_number, line in enumerate(f, 1):
                tokens = [int(t) for t in line.split()]
                if not tokens or len(tokens) > arch["max_len"] or max(tokens) >= 20:
                    sys.exit(f"{args.tokens}:{line_number}: invalid token line")
                prob, weights = model(inputs[tokens].unsqueeze(0))
                fields = [prob.item()] + (weights.tolist() if args.attention else [])
                out.append(" ".join(f"{v:.12e}" for v in fields))
    print("\n".join(out))


if __name__ == "__main__":
    main()
