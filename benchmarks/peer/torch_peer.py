#!/usr/bin/env python3
"""torch.autograd.gradcheck beside gradproof on the same five workloads, in one run.

Runs torch.autograd.gradcheck (float64, one thread; fast_mode False and True) on each workload, then gradproof's
PeerWorkloads (the same shapes: entry by entry through the model's entry evaluator, entry by entry as a black box where
that takes under a minute, along random directions as a black box), and prints both with the ratios.

    mvn -B -Pbenchmarks -DskipTests -pl benchmarks -am package      # builds benchmarks/target/benchmarks.jar
    python3 benchmarks/peer/torch_peer.py [W-XOR W-SMALL ...]       # needs python3-torch (Debian) or pip torch

A full gradcheck is timed only where it takes under a minute; beyond that its time is extrapolated from one
evaluation of the loss (two per parameter), and marked so.
"""
import os
import platform
import statistics
import subprocess
import sys
import time

import torch
from torch.nn.utils import stateless

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, "..", "target", "benchmarks.jar")
FULL_LIMIT_SECONDS = 60


def mlp(inputs, hidden, activation, outputs, batch, loss):
    g = torch.Generator().manual_seed(2)
    model = torch.nn.Sequential(torch.nn.Linear(inputs, hidden), activation, torch.nn.Linear(hidden, outputs))
    x = torch.randn(batch, inputs, generator=g)
    if loss == "ce":
        y = torch.randint(0, outputs, (batch,), generator=g)
        return model, lambda out: torch.nn.functional.cross_entropy(out, y), x
    y = (torch.arange(batch) % 2).to(torch.float64).reshape(batch, 1)
    return model, lambda out: torch.nn.functional.binary_cross_entropy(torch.sigmoid(out), y), x


class LastStepLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(2, 16, num_layers=2)
        self.head = torch.nn.Linear(16, 4)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[-1])


def lstm():
    g = torch.Generator().manual_seed(2)
    x = torch.randn(10, 4, 2, generator=g)
    y = torch.randn(4, 4, generator=g)
    return LastStepLstm(), lambda out: torch.nn.functional.mse_loss(out, y), x


WORKLOADS = {
    "W-XOR": lambda: mlp(2, 2, torch.nn.Sigmoid(), 2, 4, "ce"),
    "W-SMALL": lambda: mlp(64, 32, torch.nn.Tanh(), 10, 16, "ce"),
    "W-MNIST": lambda: mlp(784, 64, torch.nn.Sigmoid(), 10, 8, "ce"),
    "W-CATS": lambda: mlp(12288, 64, torch.nn.ReLU(), 1, 10, "bce"),
    "W-LSTM": lstm,
}


def checker(model, loss, x):
    names = [n for n, _ in model.named_parameters()]
    params = tuple(p.detach().clone().requires_grad_(True) for p in model.parameters())

    def f(*ps):
        return loss(stateless.functional_call(model, dict(zip(names, ps)), (x,)))

    return f, params


def timed(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        ok = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3, ok


def torch_side(name):
    model, loss, x = WORKLOADS[name]()
    f, params = checker(model, loss, x)
    count = sum(p.numel() for p in params)
    fast = lambda: torch.autograd.gradcheck(f, params, fast_mode=True)
    fast()
    fast_ms, fast_ok = timed(fast, 5)
    with torch.no_grad():
        one = timed(lambda: f(*params), 5)[0]
    estimate = 2 * count * one / 1e3
    if estimate < FULL_LIMIT_SECONDS:
        full = lambda: torch.autograd.gradcheck(f, params, fast_mode=False)
        full_ms, full_ok = timed(full, 1 if estimate > 5 else 3)
        full_text = "%.1f ms (%s)" % (full_ms, "passed" if full_ok else "failed")
    else:
        full_ms = estimate * 1e3
        full_text = "~%.0f s (extrapolated: 2 x %d evaluations of %.2f ms)" % (estimate, count, one)
    return count, full_ms, full_text, fast_ms, fast_ok


def gradproof_side(names):
    out = subprocess.run(["java", "-cp", JAR, "org.gradproof.benchmarks.PeerWorkloads"] + names,
                         check=True, capture_output=True, text=True).stdout
    rows = {}
    for line in out.strip().splitlines()[1:]:
        workload, method, params, ms, runs, evaluations, verdict = line.split("\t")
        rows[(workload, method)] = (float(ms), int(evaluations), verdict)
    return rows


def main():
    names = sys.argv[1:] or list(WORKLOADS)
    if not os.path.exists(JAR):
        sys.exit("build the benchmarks first: mvn -B -Pbenchmarks -DskipTests -pl benchmarks -am package")
    print("machine: %s, %d cores; torch %s (1 thread), %s" % (platform.processor() or platform.machine(),
                                                               os.cpu_count(), torch.__version__, time.strftime("%Y-%m-%d")))
    ours = gradproof_side(names)
    for name in names:
        count, full_ms, full_text, fast_ms, fast_ok = torch_side(name)
        ex = ours.get((name, "exhaustive"))
        bb = ours.get((name, "exhaustive-black-box"))
        dr = ours.get((name, "directional-black-box"))
        print("%s (%d parameters)" % (name, count))
        print("  torch gradcheck full:        %s" % full_text)
        print("  torch gradcheck fast_mode:   %.1f ms (%s)" % (fast_ms, "passed" if fast_ok else "failed"))
        print("  gradproof exhaustive:        %.1f ms, %d evaluations, %s  (torch full / this: %.1fx)"
              % (ex[0], ex[1], ex[2], full_ms / ex[0]))
        if bb:
            print("  gradproof black box:         %.1f ms, %d evaluations, %s  (torch full / this: %.1fx)"
                  % (bb[0], bb[1], bb[2], full_ms / bb[0]))
        print("  gradproof directional (bb):  %.1f ms, %d evaluations, %s  (torch fast / this: %.2fx)"
              % (dr[0], dr[1], dr[2], fast_ms / dr[0]))


if __name__ == "__main__":
    main()
