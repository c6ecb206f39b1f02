package dev.plumbline.metrics.ir;

import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.datasets.trec.TopicRun;

import java.util.Arrays;

/**
 * Turns a topic's run and judgments into a {@link RankedTopic} exactly as trec_eval's
 * {@code form_res_rels.c} does: rank by score descending, ties by docno descending in byte
 * order; cut at {@code -M}; reject a docno that occurs twice among the ranked documents; look
 * up relevance; under {@code -J} drop documents that are not judged.
 *
 * <p>Not thread-safe: it reuses scratch arrays. Use one per thread.
 */
final class TopicRanker {
    private int[] order = new int[0];
    private int[] scratch = new int[0];
    private int[] seen = new int[0];

    /** Judgment counts of one topic, independent of any run; computed once per evaluator. */
    record JudgedLevels(long[] relLevels, int numRelLevels, long numRel) {
        static JudgedLevels of(TopicQrels qrels, long relevanceLevel) {
            if (qrels.duplicateDocno() != null) {
                throw new IrInputException("qrels topic " + qrels.qid() + " judges docno " + qrels.duplicateDocno()
                        + " twice; keep one judgment per docno and topic");
            }
            long max = -1;
            for (int i = 0; i < qrels.size(); i++) {
                max = Math.max(max, qrels.relevance(i));
            }
            if (max >= 1 << 24) {
                throw new IrInputException("qrels topic " + qrels.qid() + " has relevance " + max
                        + "; relevance values must be small non-negative grades (below 16777216)");
            }
            long[] levels = new long[(int) max + 1];
            for (int i = 0; i < qrels.size(); i++) {
                long r = qrels.relevance(i);
                if (r >= 0) {
                    levels[(int) r]++;
                }
            }
            int numLevels = 0;
            long numRel = 0;
            for (int v = 0; v < levels.length; v++) {
                if (levels[v] != 0) {
                    numLevels = v + 1;
                    if (v >= relevanceLevel) {
                        numRel += levels[v];
                    }
                }
            }
            return new JudgedLevels(levels, numLevels, numRel);
        }
    }

    RankedTopic rank(TopicRun run, TopicQrels qrels, JudgedLevels levels, EvalParams params, boolean missingFromRun) {
        int n = run.size();
        int[] idx = sortedOrder(run);
        int m = (int) Math.min(n, params.maxDocsPerTopic());
        checkDuplicates(run, idx, m);

        long[] rels = new long[m];
        int numRet = 0;
        long numRelRet = 0;
        long numNonpool = 0;
        long numUnjudged = 0;
        long level = params.relevanceLevel();
        for (int r = 0; r < m; r++) {
            long rel = qrels.relevanceOf(run, idx[r]);
            if (rel == TopicQrels.NOT_IN_QRELS) {
                rel = RankedTopic.NONPOOL;
            } else if (rel < 0) {
                rel = RankedTopic.UNJUDGED;
            }
            if (rel < 0) {
                if (params.judgedDocsOnly()) {
                    continue;
                }
                if (rel == RankedTopic.NONPOOL) {
                    numNonpool++;
                } else {
                    numUnjudged++;
                }
            } else if (rel >= level) {
                numRelRet++;
            }
            rels[numRet++] = rel;
        }
        if (numRet != m) {
            rels = Arrays.copyOf(rels, numRet);
        }
        return new RankedTopic(run.qid(), rels, numRet, levels.numRel(), numRelRet, numNonpool, numUnjudged,
                levels.relLevels(), levels.numRelLevels(), missingFromRun);
    }

    /** Indices of the run's documents in rank order. Runs usually arrive sorted, so check first. */
    private int[] sortedOrder(TopicRun run) {
        int n = run.size();
        if (order.length < n) {
            order = new int[n];
            scratch = new int[n];
        }
        int[] idx = order;
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            if (sorted && i > 0 && compare(run, i - 1, i) > 0) {
                sorted = false;
            }
        }
        if (!sorted) {
            mergeSort(run, idx, scratch, 0, n);
        }
        return idx;
    }

    /** Rank order: higher score first; equal scores by docno descending ({@code comp_sim_docno}). */
    private static int compare(TopicRun run, int a, int b) {
        double sa = run.score(a);
        double sb = run.score(b);
        if (sa > sb) {
            return -1;
        }
        if (sa < sb) {
            return 1;
        }
        return run.compareDocnos(b, a);
    }

    private static void mergeSort(TopicRun run, int[] a, int[] tmp, int from, int to) {
        int len = to - from;
        if (len < 24) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && compare(run, a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(run, a, tmp, from, mid);
        mergeSort(run, a, tmp, mid, to);
        if (compare(run, a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, len);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && compare(run, tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** trec_eval rejects a topic whose top {@code m} documents name a docno twice. */
    private void checkDuplicates(TopicRun run, int[] idx, int m) {
        int cap = Integer.highestOneBit(Math.max(4, m * 2 - 1)) << 1;
        if (seen.length < cap) {
            seen = new int[cap];
        }
        int[] table = seen;
        int mask = cap - 1;
        Arrays.fill(table, 0, cap, -1);
        for (int r = 0; r < m; r++) {
            int doc = idx[r];
            int slot = run.docnoHash(doc) & mask;
            int other;
            while ((other = table[slot]) >= 0) {
                if (run.sameDocno(other, doc)) {
                    throw new IrInputException("run topic " + run.qid() + " retrieves docno " + run.docno(doc)
                            + " twice; keep one line per docno and topic");
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = doc;
        }
    }
}
