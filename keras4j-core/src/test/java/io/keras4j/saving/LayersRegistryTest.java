package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.layers.Activation;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.models.Models;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layer registry: keras4j's own layers by reflection inside io.keras4j.layers only, Lambda and unknown classes refused. */
class LayersRegistryTest {
    @Test
    void buildsKeras4jLayersFromTheirConfig() {
        Dense d = new Dense(7, "tanh").useBias(false).name("d");
        Layer back = Layers.fromConfig("Dense", d.getConfig());
        assertTrue(back instanceof Dense);
        assertEquals(d.getConfig(), back.getConfig());
        Layer a = Layers.fromConfig("Activation", new Activation("sigmoid").name("s").getConfig());
        assertEquals("s", a.name());
        assertTrue(Layers.isKnown("Dense"));
    }

    @Test
    void refusesLambdaUnknownAndNonLayerClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Lambda", Map.of()));
        assertTrue(e.getMessage().contains("Lambda") && e.getMessage().contains("safe_mode"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("NoSuchLayer", Map.of()));
        assertTrue(e.getMessage().contains("'NoSuchLayer'"), e.getMessage());
        for (String name : new String[] {"Layer", "Layers", "LayerConfig", "java.lang.Runtime", "../Dense", "Dense$1", "", "Lambda"}) {
            assertFalse(Layers.isKnown(name), name);
        }
        assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("java.lang.Runtime", Map.of()));
    }

    @Test
    void aFileNamingLambdaIsRefusedWithTheLibraryException() {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Lambda\", "
                + "\"config\": {\"name\": \"lam\", \"function\": \"os.system('x')\"}}]}}";
        KerasFileException e = assertThrows(KerasFileException.class, () -> Models.modelFromJson(json));
        assertTrue(e.getMessage().contains("Lambda") && e.getMessage().contains("'lam'"), e.getMessage());
    }

    @Test
    void customLayersCanBeRegistered() {
        Layers.register("MyDense", c -> Dense.fromConfig(c));
        try {
            assertTrue(Layers.isKnown("MyDense"));
            Layer l = Layers.fromConfig("MyDense", new Dense(3).getConfig());
            assertTrue(l instanceof Dense);
        } finally {
            Layers.unregister("MyDense");
        }
        assertFalse(Layers.isKnown("MyDense"));
        assertThrows(IllegalArgumentException.class, () -> Layers.register("bad name", c -> null));
    }
}
