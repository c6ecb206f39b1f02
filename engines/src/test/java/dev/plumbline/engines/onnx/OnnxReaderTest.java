package dev.plumbline.engines.onnx;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protobuf reader on hand-built files that use every encoding the ONNX spec allows. */
class OnnxReaderTest {

    private static ProtoWriter tensor(String name, int type, long... dims) {
        return new ProtoWriter().packedVarints(1, dims).varint(2, type).string(8, name);
    }

    private static byte[] rawFloats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static byte[] model(ProtoWriter graph) {
        return new ProtoWriter().varint(1, 8).string(2, "test").message(8, new ProtoWriter().string(1, "").varint(2, 17))
                .message(7, graph).toByteArray();
    }

    @Test
    void readsTensorsInEveryEncoding() {
        ProtoWriter unpackedDims = new ProtoWriter().varint(1, 2).varint(1, 2).varint(2, 1).string(8, "typed_unpacked")
                .fixed32(4, 1.5f).fixed32(4, -2f).fixed32(4, 0f).fixed32(4, 4.25f);
        ProtoWriter graph = new ProtoWriter()
                .message(5, tensor("raw_f32", 1, 2, 3).bytes(9, rawFloats(1, 2, 3, 4, 5, 6)))
                .message(5, tensor("packed_f32", 1, 3).packedFloats(4, 0.5f, -0.25f, 1e-12f))
                .message(5, unpackedDims)
                .message(5, tensor("raw_i8", 3, 4).bytes(9, new byte[] {-128, -1, 0, 127}))
                .message(5, tensor("typed_i8", 3, 3).packedVarints(5, -5, 0, 100))
                .message(5, tensor("raw_u8", 2, 2).bytes(9, new byte[] {(byte) 200, 7}))
                .message(5, tensor("typed_i64", 7, 2).packedVarints(7, -1, 1L << 40))
                .message(5, tensor("typed_i32", 6, 2).packedVarints(5, -3, 12))
                .message(5, tensor("scalar", 1).packedFloats(4, 9.5f));
        OnnxModel m = OnnxReader.read(model(graph));
        assertEquals(8, m.irVersion());
        assertEquals("test", m.producerName());
        assertEquals(17L, m.opsets().get(""));
        var init = m.graph().initializers();
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, init.get("raw_f32").floats());
        assertArrayEquals(new long[] {2, 3}, init.get("raw_f32").dims());
        assertArrayEquals(new float[] {0.5f, -0.25f, 1e-12f}, init.get("packed_f32").floats());
        assertArrayEquals(new float[] {1.5f, -2f, 0f, 4.25f}, init.get("typed_unpacked").floats());
        assertArrayEquals(new long[] {2, 2}, init.get("typed_unpacked").dims());
        assertArrayEquals(new byte[] {-128, -1, 0, 127}, init.get("raw_i8").int8s());
        assertArrayEquals(new byte[] {-5, 0, 100}, init.get("typed_i8").int8s());
        assertArrayEquals(new long[] {200, 7}, init.get("raw_u8").longs());
        assertArrayEquals(new long[] {-1, 1L << 40}, init.get("typed_i64").longs());
        assertArrayEquals(new long[] {-3, 12}, init.get("typed_i32").longs());
        assertEquals(9.5, init.get("scalar").scalar());
        assertEquals(0, init.get("scalar").rank());
        assertEquals(OnnxDataType.INT8, init.get("raw_i8").dataType());
    }

    @Test
    void readsNodesAttributesAndConstants() {
        ProtoWriter constant = new ProtoWriter().string(2, "eps").string(4, "Constant").string(3, "/ln/Constant")
                .message(5, new ProtoWriter().string(1, "value").varint(20, 4)
                        .message(5, tensor("", 1).bytes(9, rawFloats(1e-12f))));
        ProtoWriter identity = new ProtoWriter().string(1, "w").string(2, "w_alias").string(4, "Identity");
        ProtoWriter ln = new ProtoWriter().string(1, "x").string(1, "w_alias").string(1, "eps").string(2, "y")
                .string(3, "ln").string(4, "LayerNormalization").string(7, "")
                .message(5, new ProtoWriter().string(1, "epsilon").varint(20, 1).fixed32(2, 1e-5f))
                .message(5, new ProtoWriter().string(1, "axes").varint(20, 7).packedVarints(8, -1, 2));
        ProtoWriter input = new ProtoWriter().string(1, "x").message(2, new ProtoWriter().message(1,
                new ProtoWriter().varint(1, 1).message(2, new ProtoWriter()
                        .message(1, new ProtoWriter().string(2, "batch"))
                        .message(1, new ProtoWriter().varint(1, 384)))));
        ProtoWriter graph = new ProtoWriter().string(2, "g").message(1, constant).message(1, identity).message(1, ln)
                .message(5, tensor("w", 1, 1).bytes(9, rawFloats(3f))).message(11, input);
        OnnxGraph g = OnnxReader.read(model(graph)).graph();
        assertEquals("g", g.name());
        assertEquals(List.of("Constant", "Identity", "LayerNormalization"), g.nodes().stream().map(OnnxNode::opType).toList());
        OnnxNode node = g.nodes().get(2);
        assertEquals(List.of("x", "w_alias", "eps"), node.inputs());
        assertEquals(1e-5f, node.attributes().get("epsilon").f());
        assertArrayEquals(new long[] {-1, 2}, node.attributes().get("axes").ints());
        assertSame(node, g.producer("y"));
        assertEquals(List.of(node), g.consumers("eps"));
        assertEquals(1e-12f, (float) g.constant("eps").scalar());
        assertArrayEquals(new float[] {3f}, g.constant("w_alias").floats()); // through Identity
        assertNull(g.constant("x"));
        assertEquals(List.of("batch", "384"), g.inputs().getFirst().dims());
        assertTrue(g.hasInput("x"));
    }

    /**
     * Fields the reader does not use are skipped by their length: value_info (13) and doc strings
     * (10) between the fields it reads. A skip once landed as many bytes short as the length's own
     * varint, so ONNX Runtime's quantized exports (which carry value_info) failed to parse.
     */
    @Test
    void skipsUnknownLengthDelimitedFieldsExactly() {
        ProtoWriter valueInfo = new ProtoWriter().string(1, "/Unsqueeze_output_0").message(2,
                new ProtoWriter().message(1, new ProtoWriter().varint(1, 7)));
        ProtoWriter graph = new ProtoWriter().string(2, "g").message(13, valueInfo).string(10, "x".repeat(300))
                .message(1, new ProtoWriter().string(1, "a").string(2, "b").string(4, "Identity"))
                .message(13, valueInfo).message(5, tensor("w", 1, 1).bytes(9, rawFloats(2f)));
        OnnxGraph g = OnnxReader.read(model(graph)).graph();
        assertEquals("g", g.name());
        assertEquals(List.of("Identity"), g.nodes().stream().map(OnnxNode::opType).toList());
        assertArrayEquals(new float[] {2f}, g.initializers().get("w").floats());
    }

    @Test
    void errorsSayWhatIsWrong() {
        byte[] good = model(new ProtoWriter().message(5, tensor("t", 1, 4).bytes(9, rawFloats(1, 2, 3, 4))));
        OnnxFormatException e = assertThrows(OnnxFormatException.class,
                () -> OnnxReader.read(Arrays.copyOf(good, good.length - 3)));
        assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
        e = assertThrows(OnnxFormatException.class, () -> OnnxReader.read(new ProtoWriter().varint(1, 8).toByteArray()));
        assertTrue(e.getMessage().contains("no graph"), e.getMessage());
        OnnxTensor shortRaw = OnnxReader.read(model(new ProtoWriter()
                .message(5, tensor("t", 1, 5).bytes(9, rawFloats(1, 2))))).graph().initializers().get("t");
        e = assertThrows(OnnxFormatException.class, shortRaw::floats);
        assertEquals("tensor 't' of shape [5] and type FLOAT needs 20 bytes of raw_data, has 8", e.getMessage());
        OnnxTensor external = OnnxReader.read(model(new ProtoWriter()
                .message(5, tensor("ext", 1, 2).varint(14, 1)))).graph().initializers().get("ext");
        e = assertThrows(OnnxFormatException.class, external::floats);
        assertTrue(e.getMessage().contains("external file"), e.getMessage());
        OnnxTensor ints = OnnxReader.read(model(new ProtoWriter()
                .message(5, tensor("i", 7, 1).packedVarints(7, 1)))).graph().initializers().get("i");
        e = assertThrows(OnnxFormatException.class, ints::floats);
        assertEquals("tensor 'i' has type INT64, expected FLOAT", e.getMessage());
    }
}
