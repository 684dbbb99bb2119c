package io.keras4j.saving;

import io.keras4j.optimizers.Adagrad;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import io.keras4j.optimizers.RMSprop;
import io.keras4j.optimizers.SGD;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Optimizers to and from Keras 3's serialized form ({@code {"module": "keras.optimizers", "class_name": "Adam", "config": {...}}}). */
final class OptimizerConfigs {
    private OptimizerConfigs() {}

    static Map<String, Object> serialize(Optimizer o) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", o.name().toLowerCase(Locale.ROOT));
        c.put("learning_rate", o.getLearningRate());
        c.put("weight_decay", null);
        c.put("clipnorm", null);
        c.put("global_clipnorm", null);
        c.put("clipvalue", null);
        c.put("use_ema", false);
        c.put("ema_momentum", 0.99);
        c.put("ema_overwrite_frequency", null);
        c.put("loss_scale_factor", null);
        c.put("gradient_accumulation_steps", null);
        if (o instanceof SGD) {
            c.put("momentum", ((SGD) o).getMomentum());
            c.put("nesterov", ((SGD) o).isNesterov());
        } else if (o instanceof Adam) {
            c.put("beta_1", ((Adam) o).getBeta1());
            c.put("beta_2", ((Adam) o).getBeta2());
            c.put("epsilon", ((Adam) o).getEpsilon());
            c.put("amsgrad", false);
        } else if (o instanceof RMSprop) {
            c.put("rho", ((RMSprop) o).getRho());
            c.put("momentum", 0.0);
            c.put("epsilon", ((RMSprop) o).getEpsilon());
            c.put("centered", false);
        } else if (o instanceof Adagrad) {
            c.put("initial_accumulator_value", ((Adagrad) o).getInitialAccumulatorValue());
            c.put("epsilon", ((Adagrad) o).getEpsilon());
        }
        if (o.getDecay() != 0) c.put("decay", o.getDecay());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.optimizers");
        m.put("class_name", o.name());
        m.put("config", c);
        m.put("registered_name", null);
        return m;
    }

    /** An optimizer from a Keras 3 dict, a Keras 2 {@code optimizer_config} ({@code lr}) or a name. */
    @SuppressWarnings("unchecked")
    static Optimizer deserialize(Object spec, String file, String where) {
        if (spec instanceof String) return byName((String) spec, file, where);
        if (!(spec instanceof Map)) throw new KerasFileException(file, where, "expected an optimizer, got " + Json.typeName(spec));
        Map<String, Object> m = (Map<String, Object>) spec;
        Object cn = m.get("class_name");
        if (!(cn instanceof String)) throw new KerasFileException(file, where, "optimizer without class_name");
        Optimizer o = byName((String) cn, file, where);
        Object cfg = m.get("config");
        if (!(cfg instanceof Map)) return o;
        Map<String, Object> c = (Map<String, Object>) cfg;
        try {
            Double lr = num(c, "learning_rate");
            if (lr == null) lr = num(c, "lr");
            if (lr != null) o.learningRate(lr);
            Double decay = num(c, "decay");
            if (decay != null && decay > 0) o.decay(decay);
            if (o instanceof SGD) {
                Double mom = num(c, "momentum");
                if (mom != null) ((SGD) o).momentum(mom);
                if (Boolean.TRUE.equals(c.get("nesterov"))) ((SGD) o).nesterov(true);
            } else if (o instanceof Adam) {
                Double b1 = num(c, "beta_1"), b2 = num(c, "beta_2"), eps = num(c, "epsilon");
                if (b1 != null) ((Adam) o).beta1(b1);
                if (b2 != null) ((Adam) o).beta2(b2);
                if (eps != null) ((Adam) o).epsilon(eps);
            } else if (o instanceof RMSprop) {
                Double rho = num(c, "rho"), eps = num(c, "epsilon");
                if (rho != null) ((RMSprop) o).rho(rho);
                if (eps != null) ((RMSprop) o).epsilon(eps);
            } else if (o instanceof Adagrad) {
                Double init = num(c, "initial_accumulator_value"), eps = num(c, "epsilon");
                if (init != null) ((Adagrad) o).initialAccumulatorValue(init);
                if (eps != null) ((Adagrad) o).epsilon(eps);
            }
        } catch (IllegalArgumentException e) {
            throw new KerasFileException(file, where, e.getMessage(), e);
        }
        return o;
    }

    private static Optimizer byName(String name, String file, String where) {
        try {
            return Optimizers.get(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new KerasFileException(file, where, e.getMessage(), e);
        }
    }

    private static Double num(Map<String, Object> c, String k) {
        Object v = c.get(k);
        return v instanceof Number ? ((Number) v).doubleValue() : null;
    }
}
