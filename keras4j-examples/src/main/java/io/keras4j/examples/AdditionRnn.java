package io.keras4j.examples;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.RepeatVector;
import io.keras4j.layers.TimeDistributed;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.plot.Figure;
import io.keras4j.plot.Plots;
import io.keras4j.utils.Utils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Keras's {@code addition_rnn} example: a sequence-to-sequence LSTM learns to add two numbers of
 * up to 3 digits from the question's characters alone, e.g. {@code "535+61 "} to {@code "596 "}.
 * <ul>
 * <li>Data: 50,000 distinct questions {@code a+b} (each number has 1 to 3 random digits), padded
 * with spaces to 7 characters, answers padded to 4; the question is reversed (Keras's
 * {@code REVERSE = True}: it shortens the paths between the digits that the answer's first
 * characters need); every character one-hot over {@code "0123456789+ "}; 10% held out for validation.</li>
 * <li>Model: {@code LSTM(128)} encoder, {@code RepeatVector(4)}, {@code LSTM(128,
 * return_sequences=True)} decoder, {@code TimeDistributed(Dense(12, softmax))}; Adam,
 * categorical cross-entropy, {@code accuracy} (per character, as Keras's on a 3-D output); batch 32,
 * 30 epochs.</li>
 * <li>After each epoch, as Keras's example: 10 validation questions with the model's answers,
 * {@code ☑} right or {@code ☒} wrong. At the end, the History plot ({@code history.png/svg}).</li>
 * </ul>
 * Run from the repository root (after {@code mvn -q install -DskipTests}):
 * <pre>
 * mvn -q -pl keras4j-examples exec:exec -Dexample=io.keras4j.examples.AdditionRnn [-Dkeras4j.out=DIR]
 * java --add-modules jdk.incubator.vector -cp ... io.keras4j.examples.AdditionRnn [epochs] [trainingSize] [stopAt]
 * </pre>
 * {@code stopAt} (e.g. 0.95) ends training at the first epoch whose {@code val_accuracy} reaches
 * it; by default all epochs run, as Keras's example. The seed is the system property {@code seed}
 * (default 0); figures go to {@code keras4j.out} (default {@code target/addition-rnn}).
 */
public final class AdditionRnn {
    /** Keras's example's constants: 3-digit numbers, questions of 7 characters, answers of 4. */
    public static final int DIGITS = 3, MAXLEN = DIGITS + 1 + DIGITS, ANSWER_LEN = DIGITS + 1;
    /** The alphabet: the one-hot index of a character is its position here. */
    public static final String CHARS = "0123456789+ ";

    private AdditionRnn() {}

    /**
     * Questions, answers and their one-hot arrays: {@code x (n, 7, 12)}, {@code y (n, 4, 12)}.
     * {@code questions} are as the model reads them (reversed when {@code reversed}).
     */
    public record Data(List<String> questions, List<String> answers, NDArray x, NDArray y) {
        /** Rows {@code [from, to)}. */
        public Data rows(int from, int to) {
            return new Data(questions.subList(from, to), answers.subList(from, to), x.rows(from, to), y.rows(from, to));
        }

        public int size() {
            return questions.size();
        }
    }

    /** One-hot rows of {@code s}'s characters, {@code (s.length(), 12)}, written into {@code out} at {@code offset}. */
    static void encode(String s, float[] out, int offset) {
        for (int i = 0; i < s.length(); i++) {
            int c = CHARS.indexOf(s.charAt(i));
            if (c < 0) throw new IllegalArgumentException("character '" + s.charAt(i) + "' is not in \"" + CHARS + "\"");
            out[offset + i * CHARS.length() + c] = 1f;
        }
    }

    /** The characters of one sample's {@code (len, 12)} rows of probabilities (argmax per row) from {@code p} at {@code offset}. */
    static String decode(float[] p, int offset, int len) {
        StringBuilder sb = new StringBuilder(len);
        int c = CHARS.length();
        for (int t = 0; t < len; t++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (p[offset + t * c + j] > p[offset + t * c + best]) best = j;
            sb.append(CHARS.charAt(best));
        }
        return sb.toString();
    }

    /** A number of 1 to {@link #DIGITS} random digits (leading zeros dropped), as Keras's {@code f()}. */
    private static int number(SplittableRandom rnd) {
        int len = 1 + rnd.nextInt(DIGITS), v = 0;
        for (int i = 0; i < len; i++) v = v * 10 + rnd.nextInt(10);
        return v;
    }

    /**
     * {@code n} distinct questions (a pair and its swap count as one, as Keras's {@code seen} set),
     * generated from {@code seed}, in random order.
     */
    public static Data generate(int n, boolean reversed, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Set<Long> seen = new HashSet<>();
        List<String> qs = new ArrayList<>(n), as = new ArrayList<>(n);
        float[] x = new float[n * MAXLEN * CHARS.length()], y = new float[n * ANSWER_LEN * CHARS.length()];
        while (qs.size() < n) {
            int a = number(rnd), b = number(rnd);
            if (!seen.add(Math.min(a, b) * 10_000L + Math.max(a, b))) continue;
            String q = pad(a + "+" + b, MAXLEN), ans = pad(Integer.toString(a + b), ANSWER_LEN);
            if (reversed) q = new StringBuilder(q).reverse().toString();
            int i = qs.size();
            encode(q, x, i * MAXLEN * CHARS.length());
            encode(ans, y, i * ANSWER_LEN * CHARS.length());
            qs.add(q);
            as.add(ans);
        }
        return new Data(qs, as, NDArray.of(x, n, MAXLEN, CHARS.length()), NDArray.of(y, n, ANSWER_LEN, CHARS.length()));
    }

    private static String pad(String s, int len) {
        return s + " ".repeat(len - s.length());
    }

    /** The example's model, compiled: LSTM(hidden) - RepeatVector(4) - LSTM(hidden, sequences) - TimeDistributed(Dense(12, softmax)). */
    public static Sequential model(int hidden) {
        Sequential model = new Sequential();
        model.add(new LSTM(hidden).inputShape(MAXLEN, CHARS.length()));
        model.add(new RepeatVector(ANSWER_LEN));
        model.add(new LSTM(hidden).returnSequences(true));
        model.add(new TimeDistributed(new Dense(CHARS.length(), "softmax")));
        model.compile(new Adam(), "categorical_crossentropy", "accuracy");
        return model;
    }

    /** The fraction of {@code data}'s answers the model gets entirely right (every character). */
    public static double exactAnswers(Sequential model, Data data) {
        float[] p = model.predict(data.x()).toFloatArray();
        int right = 0, step = ANSWER_LEN * CHARS.length();
        for (int i = 0; i < data.size(); i++) if (decode(p, i * step, ANSWER_LEN).equals(data.answers().get(i))) right++;
        return right / (double) data.size();
    }

    /** Prints {@code count} random questions of {@code data} with the model's answers, as Keras's example. */
    static void printSamples(Sequential model, Data data, int count, SplittableRandom rnd, boolean reversed) {
        for (int k = 0; k < count; k++) {
            int i = rnd.nextInt(data.size());
            float[] p = model.predict(data.x().rows(i, i + 1)).toFloatArray();
            String guess = decode(p, 0, ANSWER_LEN), q = data.questions().get(i), t = data.answers().get(i);
            System.out.println("Q " + (reversed ? new StringBuilder(q).reverse() : q) + " T " + t + " "
                    + (guess.equals(t) ? "☑ " : "☒ ") + guess);
        }
    }

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int trainingSize = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        double stopAt = args.length > 2 ? Double.parseDouble(args[2]) : Double.NaN;
        long seed = Long.getLong("seed", 0L);
        boolean reversed = true;
        Path out = Path.of(System.getProperty("keras4j.out", "target/addition-rnn")).toAbsolutePath();
        Utils.setRandomSeed(seed);

        System.out.println("Generating data...");
        Data all = generate(trainingSize, reversed, seed);
        int split = all.size() - all.size() / 10;
        Data train = all.rows(0, split), val = all.rows(split, all.size());
        System.out.println("Total questions: " + all.size());
        System.out.println("Training Data: x " + NDArray.shapeString(train.x().shape()) + ", y " + NDArray.shapeString(train.y().shape()));
        System.out.println("Validation Data: x " + NDArray.shapeString(val.x().shape()) + ", y " + NDArray.shapeString(val.y().shape()));

        System.out.println("Build model...");
        Sequential model = model(128);
        model.summary();

        SplittableRandom pick = new SplittableRandom(seed + 1);
        long t0 = System.nanoTime();
        Callback samples = new Callback() {
            private long start;

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                start = System.nanoTime();
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                double secs = (System.nanoTime() - start) / 1e9, total = (System.nanoTime() - t0) / 1e9;
                System.out.println();
                System.out.printf("Iteration %d: loss %.4f accuracy %.4f val_loss %.4f val_accuracy %.4f (%.1f s, %.1f s in all)%n",
                        epoch + 1, logs.get("loss"), logs.get("accuracy"), logs.get("val_loss"), logs.get("val_accuracy"), secs, total);
                printSamples(model, val, 10, pick, reversed);
                if (logs.get("val_accuracy") >= stopAt) {
                    System.out.printf("val_accuracy %.4f >= %.2f after %d epochs, %.1f s%n", logs.get("val_accuracy"), stopAt, epoch + 1, total);
                    model.setStopTraining(true);
                }
            }
        };
        History history = model.fit(train.x(), train.y(), new FitOptions().epochs(epochs).batchSize(32).verbose(0)
                .validationData(val.x(), val.y()).callbacks(samples));
        System.out.printf("Validation answers entirely right: %.4f%n", exactAnswers(model, val));
        save(Plots.history(history), out, "history");
    }

    private static void save(Figure figure, Path dir, String name) throws IOException {
        System.out.println("saved " + figure.savePng(dir.resolve(name + ".png")));
        figure.saveSvg(dir.resolve(name + ".svg"));
    }
}
