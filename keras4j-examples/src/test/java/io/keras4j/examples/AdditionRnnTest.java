package io.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.callbacks.History;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdditionRnnTest {

    /** Every question is a distinct pair, padded and reversed; its answer is the sum; the one-hot rows decode back. */
    @Test
    void generatedQuestionsAreDistinctSumsInKerasLayout() {
        AdditionRnn.Data d = AdditionRnn.generate(3000, true, 7);
        assertEquals(List.of(3000, 7, 12), List.of(d.x().shape()[0], d.x().shape()[1], d.x().shape()[2]));
        assertEquals(List.of(3000, 4, 12), List.of(d.y().shape()[0], d.y().shape()[1], d.y().shape()[2]));
        float[] x = d.x().toFloatArray(), y = d.y().toFloatArray();
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            String q = d.questions().get(i), a = d.answers().get(i);
            assertEquals(7, q.length());
            assertEquals(4, a.length());
            String plain = new StringBuilder(q).reverse().toString();
            assertTrue(plain.matches("\\d{1,3}\\+\\d{1,3} *"), plain);
            String[] ab = plain.trim().split("\\+");
            int p = Integer.parseInt(ab[0]), r = Integer.parseInt(ab[1]);
            assertEquals(String.valueOf(p + r), a.trim(), plain);
            assertTrue(a.matches("\\d+ *"), a);
            assertTrue(pairs.add(Math.min(p, r) + "+" + Math.max(p, r)), "repeated pair " + plain);
            assertEquals(q, AdditionRnn.decode(x, i * 7 * 12, 7));
            assertEquals(a, AdditionRnn.decode(y, i * 4 * 12, 4));
        }
        for (float v : x) assertTrue(v == 0f || v == 1f);
        assertEquals(3000 * 7, (int) d.x().toFloatArray().length / 12);
        assertEquals(3000.0 * 7, sum(x), 0.0); // exactly one 1 per character
    }

    /**
     * Ten epochs on 10,800 questions (about 3,400 steps, 2.4 of the example's epochs; seconds on
     * a quiet machine): the validation character accuracy climbs well above what the
     * best constant guess per answer position gets (the most frequent character of each position
     * in the validation answers), and the loss falls.
     */
    @Test
    void learnsWellAboveTheBestConstantGuessInAFewEpochs() {
        Utils.setRandomSeed(0);
        AdditionRnn.Data all = AdditionRnn.generate(12_000, true, 0);
        AdditionRnn.Data train = all.rows(0, 10_800), val = all.rows(10_800, 12_000);
        Sequential model = AdditionRnn.model(128);
        History h = model.fit(train.x(), train.y(), new FitOptions().epochs(10).batchSize(32).verbose(0)
                .validationData(val.x(), val.y()));
        List<Double> acc = h.history().get("val_accuracy"), loss = h.history().get("loss");
        double baseline = bestConstantGuess(val.answers()), last = acc.get(acc.size() - 1);
        assertTrue(baseline > 0.2 && baseline < 0.45, "baseline " + baseline);
        assertTrue(last > baseline + 0.15, "val_accuracy " + acc + " vs the best constant guess " + baseline);
        assertTrue(loss.get(loss.size() - 1) < 0.8 * loss.get(0), "loss " + loss);
    }

    /** Per-character accuracy of answering, at each position, that position's most frequent character. */
    static double bestConstantGuess(List<String> answers) {
        int hits = 0;
        for (int t = 0; t < 4; t++) {
            int[] count = new int[128];
            for (String a : answers) count[a.charAt(t)]++;
            int best = 0;
            for (int c : count) best = Math.max(best, c);
            hits += best;
        }
        return hits / (4.0 * answers.size());
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) s += v;
        return s;
    }
}
