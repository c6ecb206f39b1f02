package dev.plumbline.datasets;

/**
 * Loads a dataset in a fresh JVM (for {@link BoundedMemoryTest}): {@code keep} holds the corpus,
 * {@code stream} hands documents over one at a time. Prints counts and fingerprint.
 */
public final class LoadMain {
    private LoadMain() {
    }

    /** Args: SPEC keep|stream. */
    public static void main(String[] args) {
        long[] chars = new long[1];
        Dataset d = args[1].equals("keep") ? Datasets.load(args[0])
                : Datasets.stream(args[0], LoadOptions.DEFAULTS, doc -> chars[0] += doc.text().length());
        if (d.docsRetained()) {
            for (Doc doc : d.docs()) {
                chars[0] += doc.text().length();
            }
        }
        System.out.println(d.counts().docs() + " " + chars[0] + " " + d.fingerprint());
    }
}
