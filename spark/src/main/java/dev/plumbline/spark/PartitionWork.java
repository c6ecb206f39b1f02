package dev.plumbline.spark;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.index.IndexOptions;
import dev.plumbline.engines.index.SearchResults;
import dev.plumbline.engines.index.VectorIndexes;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What runs inside a partition: encoding its documents with the executor's engine, and the exact
 * top-k of every query over its documents. Both compute exactly what one process computes for the
 * same documents (the engines' vectors do not depend on the batch a text is in, and a flat index's
 * score is the same FMA chain wherever a document sits), so the merged top-k is the single-node one.
 */
final class PartitionWork {
    /** Texts per encode call: the engine batches them further; this bounds the strings held at once. */
    static final int TEXTS_PER_CALL = 256;

    private PartitionWork() {
    }

    /**
     * The partition's documents as vectors, encoded lazily {@value #TEXTS_PER_CALL} at a time by an
     * engine borrowed from {@link ExecutorEngines} for the task.
     *
     * @param nanos receives the time spent in the engine
     */
    static Iterator<VectorRow> encode(Iterator<DocRow> docs, ModelShipment m, LongAccumulator nanos) {
        if (!docs.hasNext()) {
            return Collections.emptyIterator();
        }
        Engine engine = ExecutorEngines.borrow(m);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> ExecutorEngines.giveBack(m, engine));
        }
        return new Iterator<>() {
            private Iterator<VectorRow> batch = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && docs.hasNext()) {
                    List<DocRow> rows = new ArrayList<>(TEXTS_PER_CALL);
                    while (rows.size() < TEXTS_PER_CALL && docs.hasNext()) {
                        rows.add(docs.next());
                    }
                    long t0 = System.nanoTime();
                    float[][] vectors = engine.encode(rows.stream().map(DocRow::getText).toList(), false);
                    nanos.add(System.nanoTime() - t0);
                    List<VectorRow> out = new ArrayList<>(rows.size());
                    for (int i = 0; i < rows.size(); i++) {
                        out.add(new VectorRow(rows.get(i).getOrdinal(), rows.get(i).getId(), vectors[i]));
                    }
                    batch = out.iterator();
                }
                return batch.hasNext();
            }

            @Override
            public VectorRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    /**
     * The top {@code k} of every query over the partition's vectors, global ordinals; nothing for
     * an empty partition. The rows are put in ordinal order first, so the index's ties by local
     * position are ties by global ordinal, as {@code TopKMerge} requires.
     */
    static Iterator<PartialTopK> search(Iterator<VectorRow> rows, float[][] queries, int k, int threads) {
        List<VectorRow> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        if (all.isEmpty()) {
            return Collections.emptyIterator();
        }
        all.sort(Comparator.comparingLong(VectorRow::getOrdinal));
        float[][] vectors = new float[all.size()][];
        int[] global = new int[all.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = all.get(i).getVector();
            global[i] = Math.toIntExact(all.get(i).getOrdinal());
        }
        SearchResults local = VectorIndexes.build("flat", vectors, IndexOptions.none(), threads)
                .search(queries, Math.min(k, vectors.length), threads);
        int[][] ids = new int[local.ids().length][];
        for (int q = 0; q < ids.length; q++) {
            ids[q] = new int[local.ids()[q].length];
            for (int r = 0; r < ids[q].length; r++) {
                ids[q][r] = global[local.ids()[q][r]];
            }
        }
        return List.of(new PartialTopK(new SearchResults(ids, local.scores()))).iterator();
    }
}
