package dev.plumbline.reports.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks and copies per-item evidence: a JSON-like tree of maps with string keys, lists,
 * strings, numbers, booleans and nulls. Reports render it as text (HTML-escaped); it never
 * feeds a number.
 */
final class Evidence {
    private Evidence() {
    }

    static Map<String, Object> copyOf(Map<String, Object> evidence) {
        return copyMap(evidence, "evidence");
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(path + ": evidence keys must be strings, got " + e.getKey());
            }
            out.put(key, copyValue(e.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object copyValue(Object v, String path) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            return n;
        }
        if (v instanceof Map<?, ?> m) {
            return copyMap(m, path);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(copyValue(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException(path + ": evidence values must be maps, lists, strings, numbers,"
                + " booleans or null, got " + v.getClass().getSimpleName());
    }
}
