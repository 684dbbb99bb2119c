package io.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shuffle is a permutation, the same for the same seed, and each permutation equally likely. */
class RngTest {

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    @Test
    void shufflesArePermutationsAndFollowTheSeed() {
        for (int n : new int[] {0, 1, 2, 7, 1000, 10_000}) {
            Rng.seed(42);
            int[] a = identity(n);
            Rng.shuffle(a, n);
            int[] sorted = a.clone();
            Arrays.sort(sorted);
            assertArrayEquals(identity(n), sorted, "a permutation of " + n);
            Rng.seed(42);
            int[] b = identity(n);
            Rng.shuffle(b, n);
            assertArrayEquals(a, b, "the same seed, the same order");
        }
        int[] part = identity(10);
        Rng.shuffle(part, 4);
        assertArrayEquals(new int[] {4, 5, 6, 7, 8, 9}, Arrays.copyOfRange(part, 4, 10), "only the first n move");
    }

    /** Pearson's chi-square over the 24 orders of four: 23 degrees of freedom, 60 is p < 1e-4. */
    @Test
    void everyOrderIsEquallyLikely() {
        Rng.seed(7);
        int draws = 240_000;
        Map<String, Integer> counts = new HashMap<>();
        for (int d = 0; d < draws; d++) {
            int[] a = identity(4);
            Rng.shuffle(a, 4);
            counts.merge(Arrays.toString(a), 1, Integer::sum);
        }
        assertEquals(24, counts.size());
        double expected = draws / 24.0, chi2 = 0;
        for (int c : counts.values()) chi2 += (c - expected) * (c - expected) / expected;
        assertTrue(chi2 < 60, "chi-square " + chi2 + " over " + counts);
    }
}
