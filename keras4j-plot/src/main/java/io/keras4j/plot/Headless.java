package io.keras4j.plot;

/**
 * Makes AWT run without a display. Charts are only ever drawn into images here, so a server or
 * CI machine with no X11 must work. The property is read once, when AWT first asks whether it is
 * headless, so this runs before any chart is built; a value the user set is left alone.
 */
final class Headless {
    private Headless() {}

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
