"""Keras 3's metric formulas (keras/src/metrics/confusion_metrics.py, metrics_utils.py,
f_score_metrics.py, iou_metrics.py, accuracy_metrics.py, regression_metrics.py) re-implemented
in float64 numpy for MetricsTest, from their definitions (AUC: counts of p > t at each threshold,
not Keras's bucketing). Run: python3 reference_metrics.py > expected.txt
Lines: "scores" / "labels" (the 200 AUC points), then "name value(s)"."""
import numpy as np

rng = np.random.default_rng(13)
labels = (rng.random(200) < 0.4).astype(np.float32)
# scores related to the labels, with exact 0, 0.5 and 1 among them
scores = np.clip(0.35 * labels + 0.65 * rng.random(200), 0, 1).astype(np.float32)
scores[:6] = np.array([0.0, 1.0, 0.5, 0.5, 1.0, 0.0], np.float32)
print("scores", " ".join(repr(float(s)) for s in scores))
print("labels", " ".join(str(int(l)) for l in labels))


def div(a, b):
    return np.where(b == 0, 0.0, a / np.where(b == 0, 1, b))


def auc(y, p, T=200, curve="ROC", method="interpolation"):
    th = np.array([0.0 - 1e-7] + [(i + 1) * 1.0 / (T - 1) for i in range(T - 2)] + [1.0 + 1e-7], np.float32)
    p = np.clip(p, 0, 1)
    pos = y != 0
    tp = np.array([np.sum(pos & (p > t)) for t in th], float)
    fp = np.array([np.sum(~pos & (p > t)) for t in th], float)
    fn = np.sum(pos) - tp
    tn = np.sum(~pos) - fp
    if curve == "PR" and method == "interpolation":
        dtp = tp[:-1] - tp[1:]
        P = tp + fp
        slope = div(dtp, np.maximum(P[:-1] - P[1:], 0))
        intercept = tp[1:] - slope * P[1:]
        ratio = np.where((P[:-1] > 0) & (P[1:] > 0), div(P[:-1], np.maximum(P[1:], 0)), 1.0)
        return float(np.sum(div(slope * (dtp + intercept * np.log(ratio)), np.maximum(tp[1:] + fn[1:], 0))))
    rec = div(tp, tp + fn)
    if curve == "ROC":
        x, yv = div(fp, fp + tn), rec
    else:
        x, yv = rec, div(tp, tp + fp)
    h = {"interpolation": (yv[:-1] + yv[1:]) / 2, "minoring": np.minimum(yv[:-1], yv[1:]),
         "majoring": np.maximum(yv[:-1], yv[1:])}[method]
    return float(np.sum((x[:-1] - x[1:]) * h))


print("auc_roc", repr(auc(labels, scores)))
print("auc_pr", repr(auc(labels, scores, curve="PR")))
print("auc_roc_minoring", repr(auc(labels, scores, method="minoring")))
print("auc_pr_majoring", repr(auc(labels, scores, curve="PR", method="majoring")))
print("auc_roc_t10", repr(auc(labels, scores, T=10)))
# the Keras docstring example: AUC(num_thresholds=3) on [0,0,1,1], [0,0.5,0.3,0.9] -> 0.75
print("auc_doc", repr(auc(np.array([0, 0, 1, 1.]), np.array([0, 0.5, 0.3, 0.9], np.float32), T=3)))

# multi-class rows for the rest
Y = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]], float)
P = np.array([[0.1, 0.6, 0.2, 0.1], [0.3, 0.3, 0.3, 0.1], [0.5, 0.1, 0.1, 0.3], [0.2, 0.2, 0.55, 0.05],
              [0.4, 0.35, 0.15, 0.1]], np.float32)  # Keras compares float32 values with float32 thresholds


def counts(y, p, t=0.5, top_k=None, class_id=None):
    if top_k is not None:
        keep = np.zeros_like(p, bool)
        for r in range(p.shape[0]):
            order = sorted(range(p.shape[1]), key=lambda j: (-p[r, j], j))
            keep[r, order[:top_k]] = True
        p = np.where(keep, p, -np.inf)
    if class_id is not None:
        y, p = y[:, class_id], p[:, class_id]
    pred, lab = p > np.float32(t), y != 0
    return np.sum(pred & lab), np.sum(pred & ~lab), np.sum(~pred & lab)


tp, fp, fn = counts(Y, P)
print("precision", repr(float(div(tp, tp + fp))))
print("recall", repr(float(div(tp, tp + fn))))
tp, fp, fn = counts(Y, P, t=0.25)
print("precision_t025", repr(float(div(tp, tp + fp))))
print("recall_t025", repr(float(div(tp, tp + fn))))
tp, fp, fn = counts(Y, P, t=-np.inf, top_k=2)
print("precision_top2", repr(float(div(tp, tp + fp))))
print("recall_top2", repr(float(div(tp, tp + fn))))
tp, fp, fn = counts(Y, P, class_id=1, t=0.3)
print("precision_class1_t03", repr(float(div(tp, tp + fp))))
print("recall_class1_t03", repr(float(div(tp, tp + fn))))


def in_top_k(y_ids, p, k):
    out = []
    for r, t in enumerate(y_ids):
        out.append(float(np.sum(p[r] > p[r, t]) < k))
    return float(np.mean(out))


ids = Y.argmax(-1)
print("top2", repr(in_top_k(ids, P, 2)))
print("top1", repr(in_top_k(ids, P, 1)))
print("sparse_top2", repr(in_top_k(ids, P, 2)))


def f1(y, p, average=None, threshold=None):
    if threshold is None:
        pred = ((p >= p.max(-1, keepdims=True)) & (np.abs(p) > 1e-9)).astype(float)
    else:
        pred = (p > np.float32(threshold)).astype(float)
    ax = None if average == "micro" else 0
    tp = np.sum(pred * y, ax)
    fp = np.sum(pred * (1 - y), ax)
    fn = np.sum((1 - pred) * y, ax)
    w = np.sum(y, ax)
    e = 1e-7
    tp, fp, fn, w = (np.asarray(v, float) for v in (tp, fp, fn, w))
    prec, rec = tp / (tp + fp + e), tp / (tp + fn + e)
    f = prec * rec / (prec + rec + e) * 2
    if average == "weighted":
        return float(np.sum(f * w / (np.sum(w) + e)))
    if average is None:
        return f
    return float(np.mean(f))


print("f1_none", " ".join(repr(float(v)) for v in f1(Y, P)))
print("f1_macro", repr(f1(Y, P, "macro")))
print("f1_micro", repr(f1(Y, P, "micro")))
print("f1_weighted_t03", repr(f1(Y, P, "weighted", 0.3)))

# MeanIoU(3) on class ids, and with ignore_class=0
yt = np.array([0, 1, 2, 2, 1, 0, 1, 2])
yp = np.array([0, 2, 2, 1, 1, 0, 0, 2])


def miou(yt, yp, n, ignore=None):
    keep = yt != ignore if ignore is not None else np.ones_like(yt, bool)
    cm = np.zeros((n, n))
    for t, q in zip(yt[keep], yp[keep]):
        cm[t, q] += 1
    tp = np.diag(cm)
    den = cm.sum(0) + cm.sum(1) - tp
    iou = div(tp, den)
    valid = np.sum(den != 0)
    return float(np.sum(iou) / valid) if valid else 0.0


print("miou", repr(miou(yt, yp, 3)))
print("miou_ignore0", repr(miou(yt, yp, 3, ignore=0)))
print("miou_argmax", repr(miou(Y.argmax(-1), P.argmax(-1), 4)))

R_T = np.array([[1.0, -2.0, 0.0], [3.0, 0.5, -1.0]])
R_P = np.array([[1.5, -1.0, 0.2], [2.0, 0.5, 0.0]])
print("rmse", repr(float(np.sqrt(np.mean((R_P - R_T) ** 2)))))
print("mape", repr(float(np.mean(100 * np.mean(np.abs((R_T - R_P) / np.maximum(np.abs(R_T), 1e-7)), -1)))))
