package dev.plumbline.spark;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engines of one executor JVM, opened on first use and kept for the JVM's life: a task borrows
 * one for its partition and gives it back when the task ends, so each executor opens an engine
 * once per concurrently running task (one with the usual one core per task), not once per
 * partition. An {@link Engine} is not thread-safe, hence a pool rather than one shared instance.
 */
final class ExecutorEngines {
    private static final Map<String, Deque<Engine>> IDLE = new ConcurrentHashMap<>();
    private static final AtomicInteger OPENED = new AtomicInteger();

    private ExecutorEngines() {
    }

    /** An engine for {@code m}, idle or newly opened. */
    static Engine borrow(ModelShipment m) {
        Engine e = IDLE.computeIfAbsent(m.key(), k -> new ConcurrentLinkedDeque<>()).pollFirst();
        if (e != null) {
            return e;
        }
        try {
            Engine opened = Engines.provider(m.engine()).open(m.spec(), new EngineOptions(m.threads(), m.batchSize()));
            OPENED.incrementAndGet();
            return opened;
        } catch (IOException e2) {
            throw new UncheckedIOException("executor: cannot open engine " + m.engine() + " for " + m.name() + ": "
                    + e2.getMessage(), e2);
        }
    }

    /** Returns {@code e}, borrowed for {@code m}, to the pool. */
    static void giveBack(ModelShipment m, Engine e) {
        IDLE.computeIfAbsent(m.key(), k -> new ConcurrentLinkedDeque<>()).addFirst(e);
    }

    /** Engines this JVM has opened so far. */
    static int opened() {
        return OPENED.get();
    }

    /** Closes the idle engines (a local run's end, where the executors are this JVM). */
    static void closeIdle() {
        for (Deque<Engine> d : IDLE.values()) {
            for (Engine e = d.pollFirst(); e != null; e = d.pollFirst()) {
                e.close();
            }
        }
    }
}
