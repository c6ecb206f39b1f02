package dev.plumbline.metrics.rag.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A versioned prompt file from {@code prompts/NAME-vN.txt} on the classpath, with
 * {@code {{placeholder}}} slots. The version is part of the cache key and of the judge identity,
 * so changing a prompt means a new file, never an edit in place.
 *
 * @param id       e.g. {@code support-v1}
 * @param template the text
 */
public record Prompt(String id, String template) {
    /** Loads {@code prompts/ID.txt}. */
    public static Prompt load(String id) {
        try (InputStream in = Prompt.class.getResourceAsStream("/prompts/" + id + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("prompt file prompts/" + id + ".txt is missing from the classpath");
            }
            return new Prompt(id, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.regex.Pattern SLOT = java.util.regex.Pattern.compile("\\{\\{(\\w+)}}");

    /**
     * Fills the placeholders in one pass, so text inside the values (which may itself contain
     * braces) is never substituted again. A placeholder without a value is an error.
     */
    public String render(Map<String, String> values) {
        java.util.regex.Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("prompt " + id + " needs a value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
