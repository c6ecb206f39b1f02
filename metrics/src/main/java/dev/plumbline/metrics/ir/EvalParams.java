package dev.plumbline.metrics.ir;

/**
 * The trec_eval options that change how topics are evaluated (its {@code EPI}).
 *
 * @param relevanceLevel      {@code -l}: a judged document is relevant iff its relevance is at least this
 * @param averageComplete     {@code -c}: evaluate qrels topics missing from the run (as zero) and average over all of them
 * @param judgedDocsOnly      {@code -J}: drop retrieved documents that are not judged before ranking
 * @param maxDocsPerTopic     {@code -M}: evaluate only the top this-many documents of each topic
 * @param numDocsInCollection {@code -N}: collection size, used by measures that need it
 */
public record EvalParams(long relevanceLevel, boolean averageComplete, boolean judgedDocsOnly,
                         long maxDocsPerTopic, long numDocsInCollection) {

    /** trec_eval's defaults: level 1, no {@code -c}, no {@code -J}, no {@code -M}, no {@code -N}. */
    public static final EvalParams DEFAULTS = new EvalParams(1, false, false, Long.MAX_VALUE, 0);

    /** A copy with {@code -l}. */
    public EvalParams withRelevanceLevel(long level) {
        return new EvalParams(level, averageComplete, judgedDocsOnly, maxDocsPerTopic, numDocsInCollection);
    }

    /** A copy with {@code -c}. */
    public EvalParams withAverageComplete(boolean on) {
        return new EvalParams(relevanceLevel, on, judgedDocsOnly, maxDocsPerTopic, numDocsInCollection);
    }

    /** A copy with {@code -J}. */
    public EvalParams withJudgedDocsOnly(boolean on) {
        return new EvalParams(relevanceLevel, averageComplete, on, maxDocsPerTopic, numDocsInCollection);
    }

    /** A copy with {@code -M}. */
    public EvalParams withMaxDocsPerTopic(long max) {
        return new EvalParams(relevanceLevel, averageComplete, judgedDocsOnly, max, numDocsInCollection);
    }

    /** A copy with {@code -N}. */
    public EvalParams withNumDocsInCollection(long n) {
        return new EvalParams(relevanceLevel, averageComplete, judgedDocsOnly, maxDocsPerTopic, n);
    }
}
