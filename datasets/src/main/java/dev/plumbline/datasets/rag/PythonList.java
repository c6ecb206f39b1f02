package dev.plumbline.datasets.rag;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the text of a Python list of strings, {@code ['a', "b\n"]}: what RAGAS's
 * {@code to_csv} and pandas write into a CSV cell for a list column ({@code str(list)}).
 * Supports single and double quotes, the escapes Python's {@code repr} produces
 * (backslash followed by a quote, backslash, {@code n r t}, {@code xhh}, {@code u} + 4 hex
 * digits, {@code U} + 8 hex digits), other single-letter escapes and a trailing comma.
 */
final class PythonList {
    private final String s;
    private int i;

    private PythonList(String s) {
        this.s = s;
    }

    /** The strings of the list, or {@code null} when {@code text} is not a Python list of string literals. */
    static List<String> parse(String text) {
        PythonList p = new PythonList(text);
        try {
            return p.list();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private List<String> list() {
        blanks();
        expect('[');
        List<String> out = new ArrayList<>();
        blanks();
        if (peek() == ']') {
            i++;
        } else {
            while (true) {
                out.add(string());
                blanks();
                char c = s.charAt(i++);
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException();
                }
                blanks();
                if (peek() == ']') {
                    i++;
                    break;
                }
            }
        }
        blanks();
        if (i != s.length()) {
            throw new IllegalArgumentException();
        }
        return out;
    }

    private String string() {
        char q = s.charAt(i);
        if (q == 'u' || q == 'U') {
            i++;
            q = s.charAt(i);
        }
        if (q != '\'' && q != '"') {
            throw new IllegalArgumentException();
        }
        i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == q) {
                return b.toString();
            }
            if (c == '\n') {
                throw new IllegalArgumentException();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '\\', '\'', '"' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\u000b');
                case '0' -> b.append('\0');
                case '\n' -> { }
                case 'x' -> b.appendCodePoint(hex(2));
                case 'u' -> b.appendCodePoint(hex(4));
                case 'U' -> b.appendCodePoint(hex(8));
                default -> b.append('\\').append(e);
            }
        }
    }

    private int hex(int n) {
        int v = Integer.parseUnsignedInt(s.substring(i, i + n), 16);
        i += n;
        if (!Character.isValidCodePoint(v)) {
            throw new IllegalArgumentException();
        }
        return v;
    }

    private void blanks() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private char peek() {
        return s.charAt(i);
    }

    private void expect(char c) {
        if (s.charAt(i++) != c) {
            throw new IllegalArgumentException();
        }
    }
}
