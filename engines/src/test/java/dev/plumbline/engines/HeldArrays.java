package dev.plumbline.engines;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The primitive arrays an object really holds: everything reachable from it through the fields
 * of this project's classes, collections and object arrays, each array once. Memory accounting
 * is tested against this walk, not against a formula, so a copy the code keeps by mistake (the
 * FP32 matrices beside their packed form) shows up as a difference.
 */
public final class HeldArrays {
    private final Set<Object> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private HeldArrays() {
    }

    /**
     * Walks {@code root}, not entering the objects in {@code skip} (e.g. a tokenizer, which is
     * not model memory).
     */
    public static HeldArrays of(Object root, Object... skip) {
        HeldArrays h = new HeldArrays();
        for (Object s : skip) {
            h.seen.add(s);
        }
        h.walk(root);
        return h;
    }

    /** Bytes of all primitive arrays found. */
    public long bytes() {
        long sum = 0;
        for (Object a : arrays) {
            sum += (long) Array.getLength(a) * elementBytes(a.getClass().getComponentType());
        }
        return sum;
    }

    /** Whether {@code array} (by identity) is among them. */
    public boolean holds(Object array) {
        return arrays.contains(array);
    }

    private void walk(Object o) {
        if (o == null || !seen.add(o)) {
            return;
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            if (c.getComponentType().isPrimitive()) {
                arrays.add(o);
            } else {
                for (int i = 0; i < Array.getLength(o); i++) {
                    walk(Array.get(o, i));
                }
            }
        } else if (o instanceof Collection<?> col) {
            col.forEach(this::walk);
        } else if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                walk(k);
                walk(v);
            });
        } else if (c.getName().startsWith("dev.plumbline.") && !(o instanceof Enum<?>)) {
            // Enum constants are shared singletons, not memory an instance holds.
            for (Class<?> k = c; k != null && k.getName().startsWith("dev.plumbline."); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    f.setAccessible(true);
                    try {
                        walk(f.get(o));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError("cannot read " + f, e);
                    }
                }
            }
        }
    }

    private static int elementBytes(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        return 1;
    }
}
