package dev.plumbline.reports.writers;

/** Escaping for text placed in Markdown (GitHub and GitLab flavours), including table cells. */
final class Markdown {
    private Markdown() {
    }

    /**
     * Escapes text so it renders literally: Markdown punctuation is backslash-escaped, {@code <},
     * {@code >} and {@code &} become entities (Markdown renderers pass raw HTML through), line
     * breaks become spaces (a table row is one line).
     */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '#', '~' -> sb.append('\\').append(c);
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** An inline code span; backticks in the text are replaced because spans cannot escape them. */
    static String code(String s) {
        String clean = s.replace('`', '\'').replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
        return "`" + clean + "`";
    }
}
