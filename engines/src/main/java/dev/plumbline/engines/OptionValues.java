package dev.plumbline.engines;

/**
 * Typed option values from their text, as {@link StageConfig} and
 * {@code dev.plumbline.engines.retrieval.RetrieverConfig} read them: within a range, with errors
 * that name the option's key path ({@code chunking[1].size}, {@code retrievers.minilm.threads}).
 */
public final class OptionValues {
    private OptionValues() {
    }

    /**
     * An integer from {@code min} to {@code max}, or {@code fallback} when {@code value} is null.
     *
     * @param keyPath where the option was configured, for the error
     */
    public static int intValue(String value, String keyPath, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException(keyPath + ": must be an integer from " + min + " to " + max
                + ", got '" + value + "'");
    }

    /**
     * A finite number from {@code min} to {@code max}, or {@code fallback} when {@code value} is null.
     *
     * @param keyPath where the option was configured, for the error
     */
    public static double doubleValue(String value, String keyPath, double fallback, double min, double max) {
        if (value == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException(keyPath + ": must be a number from " + min + " to " + max
                + ", got '" + value + "'");
    }
}
