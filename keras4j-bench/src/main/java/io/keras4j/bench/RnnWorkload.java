package io.keras4j.bench;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.layers.Dense;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.RepeatVector;
import io.keras4j.layers.TimeDistributed;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code EndToEnd rnn}: the epoch of Keras's {@code addition_rnn} model (the keras4j-examples
 * {@code AdditionRnn}; its PyTorch twin is {@code keras4j-bench/peers/addition_rnn_torch.py}):
 * {@code LSTM(128)} on 7 one-hot characters of 12, {@code RepeatVector(4)}, {@code LSTM(128,
 * return_sequences)}, {@code TimeDistributed(Dense(12, softmax))}, Adam, categorical
 * cross-entropy, batch 32, 45,000 training questions (of 50,000 distinct ones, reversed, as
 * Keras's example; 10% held out). One warm-up epoch, then {@code runs} epochs each timed by a
 * callback (validation is left out of the time, as the peer's timed epochs have none).
 */
final class RnnWorkload {
    private static final String CHARS = "0123456789+ ";
    private static final int MAXLEN = 7, ANS = 4, N = 50_000, BATCH = 32;

    private RnnWorkload() {}

    static void run(int runs) {
        Utils.setRandomSeed(0);
        NDArray[] xy = data(new SplittableRandom(0));
        int split = N - N / 10;
        NDArray x = xy[0].rows(0, split), y = xy[1].rows(0, split);
        NDArray xVal = xy[0].rows(split, N), yVal = xy[1].rows(split, N);
        Sequential model = new Sequential();
        model.add(new LSTM(128).inputShape(MAXLEN, CHARS.length()));
        model.add(new RepeatVector(ANS));
        model.add(new LSTM(128).returnSequences(true));
        model.add(new TimeDistributed(new Dense(CHARS.length(), "softmax")));
        model.compile(new Adam(), "categorical_crossentropy", "accuracy");
        model.fit(x, y, new FitOptions().epochs(1).batchSize(BATCH).verbose(0)); // warm-up epoch, as the peer
        // one fit per timed epoch, so that the validation accuracy printed after it is not in its time
        double[] secs = new double[runs], last = new double[1];
        Callback timer = new Callback() {
            private long t0;

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                t0 = System.nanoTime();
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                last[0] = (System.nanoTime() - t0) / 1e9;
            }
        };
        for (int r = 0; r < runs; r++) {
            model.fit(x, y, new FitOptions().epochs(1).batchSize(BATCH).verbose(0).callbacks(timer));
            secs[r] = last[0];
            double acc = model.evaluate(xVal, yVal, 0).get("accuracy");
            System.out.printf("RESULT rnn_run_%d_epoch_s %.3f val_accuracy %.4f%n", r, secs[r], acc);
        }
        double median = EndToEnd.median(secs);
        System.out.printf("RESULT rnn_epoch_s %.3f%n", median);
        System.out.printf("RESULT rnn_ms_per_step %.3f%n", median * 1000 / ((split + BATCH - 1) / BATCH));
    }

    /** One-hot questions {@code (N, 7, 12)} and answers {@code (N, 4, 12)}, as Keras's example generates them. */
    static NDArray[] data(SplittableRandom rnd) {
        Set<Long> seen = new HashSet<>();
        int c = CHARS.length();
        float[] x = new float[N * MAXLEN * c], y = new float[N * ANS * c];
        for (int i = 0; i < N; ) {
            int a = number(rnd), b = number(rnd);
            if (!seen.add(Math.min(a, b) * 10_000L + Math.max(a, b))) continue;
            String q = new StringBuilder(pad(a + "+" + b, MAXLEN)).reverse().toString(), s = pad(Integer.toString(a + b), ANS);
            for (int t = 0; t < MAXLEN; t++) x[(i * MAXLEN + t) * c + CHARS.indexOf(q.charAt(t))] = 1f;
            for (int t = 0; t < ANS; t++) y[(i * ANS + t) * c + CHARS.indexOf(s.charAt(t))] = 1f;
            i++;
        }
        return new NDArray[] {NDArray.of(x, N, MAXLEN, c), NDArray.of(y, N, ANS, c)};
    }

    private static int number(SplittableRandom rnd) {
        int len = 1 + rnd.nextInt(3), v = 0;
        for (int i = 0; i < len; i++) v = v * 10 + rnd.nextInt(10);
        return v;
    }

    private static String pad(String s, int len) {
        return s + " ".repeat(len - s.length());
    }
}
