package dev.plumbline.metrics.ir;

/**
 * One topic ready to be measured: the relevance of each retrieved document in rank order plus
 * counts over the topic's judgments. This is trec_eval's {@code RES_RELS}
 * ({@code form_res_rels.c}); every measure is a function of it.
 *
 * <p>{@code rels[r]} is the relevance of the document at 0-based rank {@code r}: the qrels value
 * when judged ({@code >= 0}), {@link #NONPOOL} when the docno is not in the qrels, and
 * {@link #UNJUDGED} when the qrels list it with a negative value.
 *
 * @param qid               topic id
 * @param rels              relevance per rank, length {@code numRet}
 * @param numRet            retrieved documents evaluated (after {@code -M} and {@code -J})
 * @param numRel            judged documents with relevance {@code >= relevanceLevel}
 * @param numRelRet         retrieved documents with relevance {@code >= relevanceLevel}
 * @param numNonpool        retrieved documents not in the qrels
 * @param numUnjudgedInPool retrieved documents in the qrels with a negative relevance
 * @param relLevels         {@code relLevels[v]} = number of qrels lines of this topic with relevance {@code v >= 0}
 * @param numRelLevels      one more than the largest relevance value that occurs (0 when none)
 * @param missingFromRun    the topic is absent from the run and is evaluated against trec_eval's
 *                          one-document placeholder ranking ({@code -c})
 */
public record RankedTopic(String qid, long[] rels, int numRet, long numRel, long numRelRet,
                          long numNonpool, long numUnjudgedInPool, long[] relLevels, int numRelLevels,
                          boolean missingFromRun) {
    /** Relevance of a retrieved document that the qrels do not mention (trec_eval RELVALUE_NONPOOL). */
    public static final long NONPOOL = -1;
    /** Relevance of a retrieved document the qrels list as unjudged (trec_eval RELVALUE_UNJUDGED). */
    public static final long UNJUDGED = -2;
}
