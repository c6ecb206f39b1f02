package dev.plumbline.benchmarks;

import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.model.Pooling;
import dev.plumbline.engines.encoder.RandomBertWeights;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertConfig;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole-encoder throughput on random weights shaped like all-MiniLM-L6-v2 (6 layers, hidden 384,
 * 12 heads, intermediate 1536, vocabulary 30,522): one call embeds {@code batch} sequences of
 * {@code tokens} tokens with mean pooling. Reports {@code sentences} per second and {@code gflops}
 * counting 21.23 MFLOP per token in the linear layers plus 9,216·L per token in attention (the
 * PERF_NOTES.md convention, so the figure compares with ONNX Runtime's).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow \
 *      -jar benchmarks/target/benchmarks.jar EncoderBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class EncoderBenchmark {
    /** MiniLM-L6's shape. */
    static final BertConfig MINILM = new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12f);
    /** Multiply-adds ×2 per token in Q, K, V, output, up and down projections at hidden 384. */
    static final double LINEAR_FLOP_PER_TOKEN = 21.23e6;
    /** Q·Kᵀ and P·V per token per unit of sequence length: 6 layers × 4 × 384. */
    static final double ATTENTION_FLOP_PER_TOKEN_PER_POSITION = 9216;

    @Param({"32", "1"})
    int batch;

    @Param({"128"})
    int tokens;

    @Param({"1", "2"})
    int threads;

    private Kernels kernels;
    private BertEncoder encoder;
    private int[][] inputs;
    private double gflopPerCall;

    /** Rates JMH divides by the measured time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** Sequences embedded; reported per second. */
        public double sentences;
        /** GFLOP done; reported per second, i.e. GFLOPS. */
        public double gflops;

        /** Counters restart every iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            sentences = 0;
            gflops = 0;
        }
    }

    /** Builds the model (packing its weights) and the token ids: [CLS], random word pieces, [SEP]. */
    @Setup(Level.Trial)
    public void setUp() {
        kernels = KernelBackends.create("simd", threads);
        encoder = new BertEncoder(RandomBertWeights.create(MINILM, 1), kernels);
        SplittableRandom r = new SplittableRandom(2);
        inputs = new int[batch][];
        for (int i = 0; i < batch; i++) {
            inputs[i] = r.ints(tokens, 1000, MINILM.vocabSize()).toArray();
            inputs[i][0] = 101;
            inputs[i][tokens - 1] = 102;
        }
        gflopPerCall = batch * tokens * (LINEAR_FLOP_PER_TOKEN + ATTENTION_FLOP_PER_TOKEN_PER_POSITION * tokens) / 1e9;
    }

    /** Stops the backend's threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        kernels.close();
    }

    /** Embeds one batch. */
    @Benchmark
    public float[][] embed(Rates rates) {
        float[][] out = encoder.embed(inputs, Pooling.MEAN);
        rates.sentences += batch;
        rates.gflops += gflopPerCall;
        return out;
    }
}
