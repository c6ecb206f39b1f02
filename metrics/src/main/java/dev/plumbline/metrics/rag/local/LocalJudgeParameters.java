package dev.plumbline.metrics.rag.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * The tunable numbers of the local judge. The shipped values live on the classpath, written by
 * the fitting procedure: {@code local-judge.properties} for the embedding mode (the default
 * {@code local} judge) and {@code local-lexical-judge.properties} for the lexical mode. Their hash
 * is part of the judge's identity so results name the exact parameters that produced them.
 *
 * @param supportThreshold a claim is supported when its best support score reaches this
 * @param entityWeight     penalty per share of the claim's names missing from the context
 * @param numberWeight     penalty when any number of the claim is missing from the context
 * @param negationWeight   penalty when claim and context disagree on negation
 * @param contextThreshold a context is relevant when it covers this share of the reference's content words
 *                         (of the question's when the sample has no reference)
 * @param embeddingWeight  how far the support score's base moves from lexical coverage towards
 *                         {@code max(coverage, embedding similarity)} ({@link Grounding#score}); 0 in lexical mode
 * @param embeddingModel   the model whose similarities the weights were fitted for ({@code none} in lexical mode);
 *                         another model would need a refit
 */
public record LocalJudgeParameters(double supportThreshold, double entityWeight, double numberWeight,
                                   double negationWeight, double contextThreshold, double embeddingWeight,
                                   String embeddingModel) {
    /** {@link #embeddingModel} of the lexical mode. */
    public static final String NO_MODEL = "none";

    /** Validates ranges. */
    public LocalJudgeParameters {
        for (double v : new double[] {supportThreshold, entityWeight, numberWeight, negationWeight, contextThreshold,
                embeddingWeight}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("local judge parameters must be in [0, 1], got " + v);
            }
        }
        if (embeddingModel == null || embeddingModel.isBlank()) {
            throw new IllegalArgumentException("embeddingModel must name a model, or be '" + NO_MODEL + "'");
        }
        if (embeddingWeight > 0 && NO_MODEL.equals(embeddingModel)) {
            throw new IllegalArgumentException("embeddingWeight " + embeddingWeight + " needs an embeddingModel");
        }
    }

    /** Lexical-mode parameters (no embedding). */
    public LocalJudgeParameters(double supportThreshold, double entityWeight, double numberWeight,
                                double negationWeight, double contextThreshold) {
        this(supportThreshold, entityWeight, numberWeight, negationWeight, contextThreshold, 0, NO_MODEL);
    }

    /** Whether these parameters need sentence embeddings. */
    public boolean usesEmbeddings() {
        return !NO_MODEL.equals(embeddingModel);
    }

    /** The same parameters with the penalty weights, threshold and embedding weight replaced (for the fit's grid). */
    LocalJudgeParameters withWeights(double threshold, double entity, double number, double negation,
                                     double embedding) {
        return new LocalJudgeParameters(threshold, entity, number, negation, contextThreshold, embedding,
                embeddingModel);
    }

    /** The shipped parameters of the embedding mode (the default {@code local} judge). */
    public static LocalJudgeParameters embedding() {
        return load("/local-judge.properties");
    }

    /** The shipped parameters of the lexical mode ({@code local-lexical}). */
    public static LocalJudgeParameters lexical() {
        return load("/local-lexical-judge.properties");
    }

    private static LocalJudgeParameters load(String resource) {
        try (InputStream in = LocalJudgeParameters.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource.substring(1) + " missing from the classpath; rebuild Plumbline");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads parameters from the properties text {@link #toProperties()} writes (comments allowed). */
    public static LocalJudgeParameters parse(String text, String source) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LocalJudgeParameters(d(p, "supportThreshold", source), d(p, "entityWeight", source),
                d(p, "numberWeight", source), d(p, "negationWeight", source), d(p, "contextThreshold", source),
                d(p, "embeddingWeight", source), s(p, "embeddingModel", source));
    }

    private static double d(Properties p, String key, String source) {
        return Double.parseDouble(s(p, key, source));
    }

    private static String s(Properties p, String key, String source) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException(source + " lacks " + key);
        }
        return v.trim();
    }

    /** The properties text these parameters are stored as (also what the hash covers). */
    public String toProperties() {
        return String.format(Locale.ROOT,
                "supportThreshold=%s%nentityWeight=%s%nnumberWeight=%s%nnegationWeight=%s%ncontextThreshold=%s%n"
                        + "embeddingWeight=%s%nembeddingModel=%s%n",
                supportThreshold, entityWeight, numberWeight, negationWeight, contextThreshold, embeddingWeight,
                embeddingModel);
    }

    /** SHA-256 of {@link #toProperties()}, hex. */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(toProperties().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
