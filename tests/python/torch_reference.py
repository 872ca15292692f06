#!/usr/bin/env python3
"""Independent PyTorch implementation of mirgene's network, for the parity test.

Reads a mirgene model file (safetensors, parsed here with numpy only), rebuilds the network its
"architecture" metadata describes from torch.nn.Conv1d, torch.nn.LSTM (bidirectional where
configured) and torch.nn.Linear layers and prints, for every line of a token file
(space-separated integer tokens of one sequence, as produced by mirgene::encode), the
probability of class 0 (pre-miRNA) -- followed by the sequence's attention weights when
--attention is given and the model has attention. Computation is in float64 so that it serves
as the exact reference.

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


INPUT_WIDTHS = {"both": 16, "sequence": 4, "structure": 4, "both+energy": 27}
BASE_TOKENS = 20
ENERGY_BINS = 12  # tokens are base + 20 * bin, bin 0..11


def token_inputs(mode):
    """The 240-row table of input vectors, written from the specification of the encoding and
    of the input modes: base token 4*nucleotide + structure is one-hot over nucleotide x
    structure ("both", 16 slots), over the nucleotide ("sequence", 4) or over the structure
    symbol ("structure", 4); base token 16 + structure (unknown nucleotide) puts 0.25 on each
    nucleotide slot of its structure symbol ("both"), 0.25 on every slot ("sequence"), or is
    the structure symbol's one-hot ("structure"). Token base + 20*bin: the base token's vector
    in every mode but "both+energy", which has the 16 slots of "both" and then 11 energy slots,
    the first `bin` of them 1."""
    base_mode = "both" if mode == "both+energy" else mode
    base = np.zeros((BASE_TOKENS, INPUT_WIDTHS[base_mode]))
    for nucleotide in range(4):
        for structure in range(4):
            token = 4 * nucleotide + structure
            if base_mode == "both":
                base[token, token] = 1.0
                base[16 + structure, token] = 0.25
            elif mode == "sequence":
                base[token, nucleotide] = 1.0
                base[16 + structure, nucleotide] = 0.25
            else:
                base[token, structure] = 1.0
                base[16 + structure, structure] = 1.0
    table = np.zeros((BASE_TOKENS * ENERGY_BINS, INPUT_WIDTHS[mode]))
    for energy_bin in range(ENERGY_BINS):
        rows = slice(BASE_TOKENS * energy_bin, BASE_TOKENS * (energy_bin + 1))
        table[rows, : base.shape[1]] = base
        if mode == "both+energy":
            table[rows, 16 : 16 + energy_bin] = 1.0
    return torch.tensor(table)


def full_architecture(arch):
    """Both forms of the "architecture" metadata, as one dict of the current form."""
    legacy_keys = {"lstm1", "lstm2", "dense1", "dense2"}
    if legacy_keys & arch.keys():
        arch = {
            "recurrent": [
                {"units": arch.get("lstm1", 20)},
                {"units": arch.get("lstm2", 10)},
            ],
            "dense": [arch.get("dense1", 400), arch.get("dense2", 100)],
            "max_len": arch.get("max_len", 400),
        }
    out = {
        "input": "both",
        "conv": [],
        "recurrent": [{"units": 20}, {"units": 10}],
        "attention": True,
        "dense": [400, 100],
        "max_len": 400,
    }
    out.update(arch)
    return out


class Network(torch.nn.Module):
    def __init__(self, arch):
        super().__init__()
        self.arch = arch
        self.max_len = arch["max_len"]
        width = INPUT_WIDTHS[arch["input"]]
        self.convs = torch.nn.ModuleList()
        for layer in arch["conv"]:
            self.convs.append(torch.nn.Conv1d(width, layer["filters"], layer["width"]))
            width = layer["filters"]
        self.lstms = torch.nn.ModuleList()
        for layer in arch["recurrent"]:
            bidirectional = layer.get("bidirectional", False)
            self.lstms.append(
                torch.nn.LSTM(width, layer["units"], batch_first=True, bidirectional=bidirectional)
            )
            width = layer["units"] * (2 if bidirectional else 1)
        self.width = width
        self.attention = torch.nn.Linear(width, 1) if arch["attention"] else None
        self.dense = torch.nn.ModuleList()
        inputs = self.max_len * width
        for units in arch["dense"]:
            self.dense.append(torch.nn.Linear(inputs, units))
            inputs = units
        self.output = torch.nn.Linear(inputs, 2)

    def load(self, tensors):
        t = {name: torch.tensor(value) for name, value in tensors.items()}
        used = set()

        def take(name):
            used.add(name)
            return t[name]

        with torch.no_grad():
            for i, conv in enumerate(self.convs, 1):
                conv.weight.copy_(take(f"conv{i}.weight"))
                conv.bias.copy_(take(f"conv{i}.bias"))
            for i, lstm in enumerate(self.lstms, 1):
                suffixes = [("", "l0"), ("_reverse", "l0_reverse")]
                for ours, theirs in suffixes[: 2 if lstm.bidirectional else 1]:
                    prefix = f"lstm{i}{ours}"
                    # mirgene keeps one bias per gate row; torch adds bias_ih and bias_hh.
                    getattr(lstm, f"weight_ih_{theirs}").copy_(take(prefix + ".weight_ih"))
                    getattr(lstm, f"weight_hh_{theirs}").copy_(take(prefix + ".weight_hh"))
                    getattr(lstm, f"bias_ih_{theirs}").copy_(take(prefix + ".bias"))
                    getattr(lstm, f"bias_hh_{theirs}").zero_()
            if self.attention is not None:
                self.attention.weight.copy_(take("attention.weight").reshape(1, -1))
                self.attention.bias.copy_(take("attention.bias"))
            for i, dense in enumerate(self.dense, 1):
                dense.weight.copy_(take(f"dense{i}.weight"))
                dense.bias.copy_(take(f"dense{i}.bias"))
            self.output.weight.copy_(take("output.weight"))
            self.output.bias.copy_(take("output.bias"))
        if used != set(t):
            sys.exit(f"tensors not used by the architecture: {sorted(set(t) - used)}")

    def forward(self, x):
        """x: one sequence, shape (1, L, input width), without padding: convolutions pad with
        zeros around the real bases and the LSTMs (both directions) start from a zero state at
        the sequence's ends, exactly as mirgene does inside a right-aligned batch."""
        length = x.shape[1]
        h = x
        for conv in self.convs:
            width = conv.kernel_size[0]
            left = (width - 1) // 2
            padded = torch.nn.functional.pad(h.transpose(1, 2), (left, width - 1 - left))
            h = torch.relu(conv(padded)).transpose(1, 2)
        for lstm in self.lstms:
            h, _ = lstm(h)
        weights = None
        if self.attention is not None:
            scores = self.attention(h).squeeze(-1)  # (1, L)
            weights = torch.softmax(scores, dim=1)
            h = weights.unsqueeze(-1) * h
        padded = torch.zeros(1, self.max_len, h.shape[2], dtype=x.dtype)
        padded[:, self.max_len - length :, :] = h  # right-aligned, padding rows zero
        d = padded.reshape(1, -1)
        for dense in self.dense:
            d = torch.sigmoid(dense(d))
        probs = torch.softmax(self.output(d), dim=1)
        return probs[0, 0], (weights[0] if weights is not None else None)


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
    arch = full_architecture(json.loads(metadata["architecture"]))

    torch.set_default_dtype(torch.float64)
    model = Network(arch)
    model.load(tensors)
    model.eval()
    inputs = token_inputs(arch["input"])
    out = []
    with torch.no_grad():
        with open(args.tokens) as f:
            for line_number, line in enumerate(f, 1):
                tokens = [int(t) for t in line.split()]
                if not tokens or len(tokens) > arch["max_len"] or max(tokens) >= BASE_TOKENS * ENERGY_BINS:
                    sys.exit(f"{args.tokens}:{line_number}: invalid token line")
                prob, weights = model(inputs[tokens].unsqueeze(0))
                fields = [prob.item()]
                if args.attention and weights is not None:
                    fields += weights.tolist()
                out.append(" ".join(f"{v:.12e}" for v in fields))
    print("\n".join(out))


if __name__ == "__main__":
    main()
