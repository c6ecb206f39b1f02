package dev.plumbline.engines.tokenizer;

import java.util.Arrays;

/** A growable {@code int[]}, to collect token ids without boxing. */
final class IntList {
    private int[] values = new int[64];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** Forgets every value from {@code newSize} on. */
    void truncate(int newSize) {
        size = newSize;
    }

    int size() {
        return size;
    }

    int get(int index) {
        return values[index];
    }

    /** The first {@code n} values. */
    int[] prefix(int n) {
        return Arrays.copyOf(values, Math.min(n, size));
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
