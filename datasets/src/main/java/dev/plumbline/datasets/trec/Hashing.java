package dev.plumbline.datasets.trec;

/** Byte-range hashing shared by run and qrels lookups, so equal docnos always meet. */
final class Hashing {
    private Hashing() {
    }

    /** FNV-1a over the bytes, finished with a multiply-shift mix for open addressing. */
    static int hash(byte[] b, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
