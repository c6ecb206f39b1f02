package dev.plumbline.engines.encoder;

import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;

/**
 * Checks every weight array against the config before anything is packed, so a reader that mapped
 * the wrong initializer fails with the array's name instead of an index error deep in a kernel.
 */
final class WeightShapes {
    private WeightShapes() {
    }

    static void check(BertWeights w) {
        BertConfig c = w.config();
        int h = c.hidden();
        int in = c.intermediate();
        expect("wordEmbeddings", w.wordEmbeddings(), (long) c.vocabSize() * h);
        expect("positionEmbeddings", w.positionEmbeddings(), (long) c.maxPositions() * h);
        expect("tokenTypeEmbeddings", w.tokenTypeEmbeddings(), (long) c.typeVocabSize() * h);
        expect("embeddingLnGamma", w.embeddingLnGamma(), h);
        expect("embeddingLnBeta", w.embeddingLnBeta(), h);
        if (w.layers().size() != c.layers()) {
            throw new IllegalArgumentException("weights hold " + w.layers().size() + " layers, config says "
                    + c.layers());
        }
        for (int i = 0; i < c.layers(); i++) {
            BertWeights.Layer l = w.layers().get(i);
            String p = "layers[" + i + "].";
            expect(p + "queryW", l.queryW(), (long) h * h);
            expect(p + "queryB", l.queryB(), h);
            expect(p + "keyW", l.keyW(), (long) h * h);
            expect(p + "keyB", l.keyB(), h);
            expect(p + "valueW", l.valueW(), (long) h * h);
            expect(p + "valueB", l.valueB(), h);
            expect(p + "attnOutW", l.attnOutW(), (long) h * h);
            expect(p + "attnOutB", l.attnOutB(), h);
            expect(p + "attnLnGamma", l.attnLnGamma(), h);
            expect(p + "attnLnBeta", l.attnLnBeta(), h);
            expect(p + "interW", l.interW(), (long) h * in);
            expect(p + "interB", l.interB(), in);
            expect(p + "outW", l.outW(), (long) in * h);
            expect(p + "outB", l.outB(), h);
            expect(p + "outLnGamma", l.outLnGamma(), h);
            expect(p + "outLnBeta", l.outLnBeta(), h);
        }
    }

    private static void expect(String name, float[] array, long size) {
        if (array == null || array.length != size) {
            throw new IllegalArgumentException("weight " + name + " must hold " + size + " floats, has "
                    + (array == null ? "none" : array.length));
        }
    }
}
