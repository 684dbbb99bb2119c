package io.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.optimizers.schedules.ExponentialDecay;
import org.junit.jupiter.api.Test;

/** Keras 3's rules around the update: defaults, one clipping option at most, schedules, names. */
class OptimizerOptionsTest {

    @Test
    void learningRateConstructorsAndKerasDefaults() {
        assertEquals(0.1, new SGD(0.1).getLearningRate());
        assertEquals(0.01, new SGD().getLearningRate());
        assertEquals(0.01, new Adam(0.01).getLearningRate());
        for (Optimizer o : new Optimizer[] {new Adam(), new RMSprop(), new Adagrad(), new AdamW(), new Adadelta(), new Adamax(),
                new Nadam(), new Lion()}) {
            assertEquals(0.001, o.getLearningRate(), o.name());
        }
        assertEquals(0.004, new AdamW().getWeightDecay(), "AdamW's default weight_decay");
        assertEquals(0.0, new Adam().getWeightDecay());
    }

    @Test
    void onlyOneClippingOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam().clipnorm(1).clipvalue(0.5));
        assertTrue(e.getMessage().contains("only one of clipnorm, clipvalue and global_clipnorm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD().globalClipnorm(1).clipnorm(1));
        assertThrows(IllegalArgumentException.class, () -> new SGD().clipnorm(-1));
        assertEquals(2.0, new SGD().clipnorm(1).clipnorm(2).getClipnorm(), "resetting the same option is fine");
    }

    @Test
    void scheduleGivesTheRateOfTheCurrentStepAndIsNotSettable() {
        Optimizer o = new SGD(new ExponentialDecay(0.1, 1, 0.5));
        o.build(1);
        float[] w = {1}, g = {1};
        assertEquals(0.1, o.getLearningRate(), 1e-12);
        o.apply(w, g);
        assertEquals(0.9f, w[0], 1e-7);
        assertEquals(0.05, o.getLearningRate(), 1e-12);
        assertThrows(IllegalStateException.class, () -> o.learningRate(0.1));
    }

    @Test
    void clipnormIsPerVariableAndGlobalClipnormIsOverAll() {
        // two variables: (3, 4) of norm 5 and (0.3, 0.4) of norm 0.5
        float[] g = {3, 4, 0.3f, 0.4f}, w = new float[4];
        Optimizer o = new SGD(1.0).clipnorm(1.0);
        o.build(4, new int[] {2, 2});
        o.apply(w, g);
        assertArrayClose(new float[] {-0.6f, -0.8f, -0.3f, -0.4f}, w);
        g = new float[] {3, 4, 0, 0};
        w = new float[4];
        o = new SGD(1.0).globalClipnorm(2.5);
        o.build(4, new int[] {2, 2});
        o.apply(w, g);
        assertArrayClose(new float[] {-1.5f, -2f, 0, 0}, w);
        assertThrows(IllegalArgumentException.class, () -> new SGD().build(4, new int[] {2, 3}));
    }

    @Test
    void namesOfOptimizers() {
        assertInstanceOf(AdamW.class, Optimizers.get("adamw"));
        assertInstanceOf(Nadam.class, Optimizers.get("Nadam"));
        assertInstanceOf(Adamax.class, Optimizers.get("adamax"));
        assertInstanceOf(Adadelta.class, Optimizers.get("adadelta"));
        assertInstanceOf(Lion.class, Optimizers.get("lion"));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamx"));
        assertThrows(IllegalArgumentException.class, () -> new Lion().beta1(0));
    }

    private static void assertArrayClose(float[] want, float[] got) {
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-6, "element " + i);
    }
}
