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
 * The tunable numbers of the local judge. The shipped values live in
 * {@code local-judge.properties} on the classpath, written by the fitting procedure; their hash is
 * part of the judge's identity so results name the exact parameters that produced them.
 *
 * @param supportThreshold a claim is supported when its best support score reaches this
 * @param entityWeight     penalty per share of the claim's names missing from the context
 * @param numberWeight     penalty when any number of the claim is missing from the context
 * @param negationWeight   penalty when claim and context disagree on negation
 * @param contextThreshold a context is relevant when it covers this share of the question's (or reference's) content words
 */
public record LocalJudgeParameters(double supportThreshold, double entityWeight, double numberWeight,
                                   double negationWeight, double contextThreshold) {

    /** Validates ranges. */
    public LocalJudgeParameters {
        for (double v : new double[] {supportThreshold, entityWeight, numberWeight, negationWeight, contextThreshold}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("local judge parameters must be in [0, 1], got " + v);
            }
        }
    }

    /** The shipped parameters. */
    public static LocalJudgeParameters shipped() {
        try (InputStream in = LocalJudgeParameters.class.getResourceAsStream("/local-judge.properties")) {
            if (in == null) {
                throw new IllegalStateException("local-judge.properties missing from the classpath; rebuild Plumbline");
            }
            Properties p = new Properties();
            p.load(in);
            return new LocalJudgeParameters(d(p, "supportThreshold"), d(p, "entityWeight"), d(p, "numberWeight"),
                    d(p, "negationWeight"), d(p, "contextThreshold"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double d(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("local-judge.properties lacks " + key);
        }
        return Double.parseDouble(v.trim());
    }

    /** The properties text these parameters are stored as (also what the hash covers). */
    public String toProperties() {
        return String.format(Locale.ROOT,
                "supportThreshold=%s%nentityWeight=%s%nnumberWeight=%s%nnegationWeight=%s%ncontextThreshold=%s%n",
                supportThreshold, entityWeight, numberWeight, negationWeight, contextThreshold);
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
