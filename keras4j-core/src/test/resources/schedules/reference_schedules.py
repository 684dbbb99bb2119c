"""Keras 3's schedule formulas (keras/src/optimizers/schedules/learning_rate_schedule.py) in plain
double-precision Python, for LearningRateScheduleTest: the printed values are pasted there."""
import math


def exponential(step, lr0=0.1, ds=2, rate=0.5, staircase=False):
    p = step / ds
    return lr0 * rate ** (math.floor(p) if staircase else p)


def inverse_time(step, lr0=0.1, ds=2, rate=0.5, staircase=False):
    p = step / ds
    return lr0 / (1 + rate * (math.floor(p) if staircase else p))


def piecewise(step, b=(2, 4), v=(1.0, 0.5, 0.1)):
    if step <= b[0]:
        return v[0]
    for lo, hi, val in zip(b[:-1], b[1:], v[1:-1]):
        if lo < step <= hi:
            return val
    return v[-1]


def polynomial(step, lr0=0.1, ds=4, end=0.01, power=2.0, cycle=False):
    d = ds
    if cycle:
        d = ds * (1 if step == 0 else math.ceil(step / ds))
    else:
        step = min(step, ds)
    return (lr0 - end) * (1 - step / d) ** power + end


def cosine(step, lr0=0.1, ds=4, alpha=0.1, target=None, warm=0):
    def decayed(s, frm):
        return frm * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * s / ds)) + alpha)
    if target is None:
        return decayed(min(step, ds), lr0)
    s = min(step, ds + warm)
    if s < warm:
        return (target - lr0) * (s / warm) + lr0
    return decayed(s - warm, target)


def restarts(step, lr0=0.1, first=2, t_mul=2.0, m_mul=0.5, alpha=0.1):
    f = step / first
    if t_mul == 1.0:
        i = math.floor(f)
        f -= i
    else:
        i = math.floor(math.log(1 - f * (1 - t_mul)) / math.log(t_mul))
        f = (f - (1 - t_mul ** i) / (1 - t_mul)) / t_mul ** i
    return lr0 * ((1 - alpha) * 0.5 * m_mul ** i * (1 + math.cos(math.pi * f)) + alpha)


steps = [0, 1, 2, 3, 5]
cases = {
    "exponential": lambda s: exponential(s),
    "exponential_staircase": lambda s: exponential(s, staircase=True),
    "inverse_time": lambda s: inverse_time(s),
    "inverse_time_staircase": lambda s: inverse_time(s, staircase=True),
    "piecewise": lambda s: piecewise(s),
    "polynomial": lambda s: polynomial(s),
    "polynomial_cycle": lambda s: polynomial(s, cycle=True),
    "cosine": lambda s: cosine(s),
    "cosine_warmup": lambda s: cosine(s, lr0=0.0, target=0.2, warm=2),
    "restarts": lambda s: restarts(s),
    "restarts_tmul1": lambda s: restarts(s, t_mul=1.0, m_mul=1.0, alpha=0.0),
}
for name, f in cases.items():
    print(name, {s: f(s) for s in (steps if not name.startswith("restarts") and name != "piecewise" else
                                     ([2, 3, 4, 5, 7] if name == "piecewise" else [0, 1, 2, 5, 6]))})
