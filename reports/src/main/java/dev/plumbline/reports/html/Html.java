package dev.plumbline.reports.html;

/**
 * HTML escaping. Every piece of text that reaches the report, dataset text above all, goes
 * through {@link #escape}: a {@code <script>} or {@code "><img onerror=...>} in the data then
 * renders as text, in element content, in attribute values and inside inline SVG alike.
 */
public final class Html {
    private Html() {
    }

    /** Escapes {@code & < > " '}; control characters other than line breaks and tabs become U+FFFD. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\n', '\t' -> sb.append(c);
                case '\r' -> sb.append('\n');
                default -> sb.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
