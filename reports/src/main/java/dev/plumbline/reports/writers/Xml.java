package dev.plumbline.reports.writers;

/** Escaping for XML 1.0 text and attribute values. */
final class Xml {
    private Xml() {
    }

    /**
     * Escapes markup characters and replaces characters XML 1.0 cannot carry (most control
     * characters, unpaired surrogates) with U+FFFD, so any dataset text yields a well-formed file.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append("&#9;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Escapes element text, keeping line breaks as they are (readable in CI logs). */
    static String text(String s) {
        return escape(s).replace("&#10;", "\n").replace("&#9;", "\t");
    }
}
