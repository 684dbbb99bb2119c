# The MNIST convnet's two convolutions alone, forward + backward at batch 128, in Debian's PyTorch
# (apt-get install -y python3-torch): the counterpart of io.keras4j.bench.ConvStep's first line.
# Conv2d(1, 32, 3) + ReLU on 28x28 (no input gradient, as the model's first layer) and
# Conv2d(32, 64, 3) + ReLU on 13x13x32 (with the input gradient). Threads: 2 (as cnn_torch.py),
# or threads=N; cpu=1 times the calling thread's CPU time (with threads=1: the figure that other
# jobs' load on a shared machine does not inflate), as ConvStep's "cpu".
#   /usr/bin/python3 keras4j-bench/conv_torch.py [reps=7] [steps=20] [threads=2] [cpu=1]
import sys, time, statistics, torch, torch.nn as nn
args = dict(a.split("=") for a in sys.argv[1:])
torch.set_num_threads(int(args.get("threads", 2)))
torch.manual_seed(0)
clock = time.thread_time if args.get("cpu") == "1" else time.perf_counter
reps, steps = int(args.get("reps", 7)), int(args.get("steps", 20))
B = 128
c1, c2 = nn.Conv2d(1, 32, 3), nn.Conv2d(32, 64, 3)
x1 = torch.rand(B, 1, 28, 28)
x2 = torch.rand(B, 32, 13, 13, requires_grad=True)
def step():
    for c, x in ((c1, x1), (c2, x2)):
        c.zero_grad(set_to_none=False)
        if x.grad is not None: x.grad = None
        torch.relu(c(x)).sum().mul(1e-3).backward()
def ms(n):
    a = clock()
    for _ in range(n): step()
    return (clock() - a) * 1e3 / n
for _ in range(3): ms(steps)
ts = [ms(steps) for _ in range(reps)]
print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {'CPU' if clock is time.thread_time else 'wall-clock'} time: two convolutions forward+backward, batch 128: {statistics.median(ts):.2f} ms "
      f"(median of {reps} x {steps}; runs {[round(t, 2) for t in ts]}) mkldnn={torch.backends.mkldnn.is_available()}")
