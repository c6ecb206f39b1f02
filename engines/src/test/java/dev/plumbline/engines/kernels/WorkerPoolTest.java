package dev.plumbline.engines.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void runsEveryPartExactlyOncePerCall() {
        try (WorkerPool pool = new WorkerPool(3, "test")) {
            AtomicIntegerArray counts = new AtomicIntegerArray(3);
            for (int call = 0; call < 10_000; call++) {
                pool.run(counts::incrementAndGet);
            }
            int[] actual = new int[3];
            for (int i = 0; i < 3; i++) {
                actual[i] = counts.get(i);
            }
            assertArrayEquals(new int[] {10_000, 10_000, 10_000}, actual);
        }
    }

    @Test
    void workersSeeWritesMadeBeforeRunAndTheCallerSeesTheirs() {
        try (WorkerPool pool = new WorkerPool(2, "test")) {
            int[] data = new int[2];
            for (int call = 1; call <= 1000; call++) {
                int expected = call;
                data[0] = call;
                pool.run(part -> {
                    if (part == 1) {
                        data[1] = data[0] == expected ? expected : -1;
                    }
                });
                assertEquals(call, data[1]);
            }
        }
    }

    @Test
    void aFailingPartIsRethrownAndThePoolStaysUsable() {
        try (WorkerPool pool = new WorkerPool(2, "test")) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.run(part -> {
                if (part == 1) {
                    throw boom;
                }
            }));
            assertSame(boom, thrown);
            AtomicIntegerArray counts = new AtomicIntegerArray(2);
            pool.run(counts::incrementAndGet);
            assertEquals(1, counts.get(1));
        }
    }

    @Test
    void closedPoolsRefuseWork() {
        WorkerPool pool = new WorkerPool(2, "test");
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.run(part -> { }));
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0, "test"));
    }
}
