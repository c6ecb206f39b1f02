package dev.plumbline.engines.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX {@code ModelProto} with a hand-written protobuf decoder: the header, and of the
 * main graph its nodes, initializers, inputs and outputs. Field numbers are those of
 * {@code onnx/onnx.proto} (IR version 3 to 10). Tensor data is not copied: {@link OnnxTensor}s
 * point into the given array, which must therefore not be modified afterwards. Fields this project
 * does not use (doc strings, metadata, training info, functions) are skipped.
 */
public final class OnnxReader {
    private OnnxReader() {
    }

    /** Reads the model in {@code file}. */
    public static OnnxModel read(Path file) throws IOException {
        try {
            return read(Files.readAllBytes(file));
        } catch (OnnxFormatException e) {
            throw new OnnxFormatException(file + ": " + e.getMessage());
        }
    }

    /**
     * Reads a model from its bytes.
     *
     * @throws OnnxFormatException if the bytes are not a readable ONNX model
     */
    public static OnnxModel read(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        long irVersion = 0;
        String producer = "";
        String producerVersion = "";
        Map<String, Long> opsets = new LinkedHashMap<>();
        OnnxGraph graph = null;
        while (r.hasMore()) {
            int tag = r.readTag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> irVersion = r.readVarint();
                case 2 -> producer = r.readString();
                case 3 -> producerVersion = r.readString();
                case 7 -> graph = readGraph(r.readMessage());
                case 8 -> {
                    ProtoReader op = r.readMessage();
                    String domain = "";
                    long version = 0;
                    while (op.hasMore()) {
                        int t = op.readTag();
                        switch (t >>> 3) {
                            case 1 -> domain = op.readString();
                            case 2 -> version = op.readVarint();
                            default -> op.skip(t & 7);
                        }
                    }
                    opsets.put(domain, version);
                }
                default -> r.skip(wire);
            }
        }
        if (graph == null) {
            throw new OnnxFormatException("no graph in the model (ModelProto field 7 missing): not an ONNX model file");
        }
        return new OnnxModel(irVersion, producer, producerVersion, opsets, graph);
    }

    private static OnnxGraph readGraph(ProtoReader r) {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        List<OnnxValueInfo> inputs = new ArrayList<>();
        List<OnnxValueInfo> outputs = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (tag >>> 3) {
                case 1 -> nodes.add(readNode(r.readMessage()));
                case 2 -> name = r.readString();
                case 5 -> {
                    OnnxTensor t = readTensor(r.readMessage());
                    initializers.put(t.name(), t);
                }
                case 11 -> inputs.add(readValueInfo(r.readMessage()));
                case 12 -> outputs.add(readValueInfo(r.readMessage()));
                case 15 -> throw new OnnxFormatException("the graph has sparse initializers, which this reader does not"
                        + " support; export the model with dense weights");
                default -> r.skip(tag & 7);
            }
        }
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private static OnnxNode readNode(ProtoReader r) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        Map<String, OnnxAttribute> attributes = new HashMap<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (tag >>> 3) {
                case 1 -> inputs.add(r.readString());
                case 2 -> outputs.add(r.readString());
                case 3 -> name = r.readString();
                case 4 -> opType = r.readString();
                case 5 -> {
                    OnnxAttribute a = readAttribute(r.readMessage());
                    attributes.put(a.name(), a);
                }
                case 7 -> domain = r.readString();
                default -> r.skip(tag & 7);
            }
        }
        return new OnnxNode(name, opType, domain, List.copyOf(inputs), List.copyOf(outputs), Map.copyOf(attributes));
    }

    private static OnnxAttribute readAttribute(ProtoReader r) {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = null;
        OnnxTensor t = null;
        FloatList floats = new FloatList();
        ProtoReader.LongList ints = new ProtoReader.LongList();
        while (r.hasMore()) {
            int tag = r.readTag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> name = r.readString();
                case 2 -> f = Float.intBitsToFloat(r.readFixed32());
                case 3 -> i = r.readVarint();
                case 4 -> s = r.readString();
                case 5 -> t = readTensor(r.readMessage());
                case 7 -> readFloats(r, wire, floats);
                case 8 -> r.readVarints(wire, ints);
                case 20 -> type = (int) r.readVarint();
                default -> r.skip(wire);
            }
        }
        return new OnnxAttribute(name, type, f, i, s, t, floats.toArray(), ints.toArray());
    }

    private static OnnxTensor readTensor(ProtoReader r) {
        ProtoReader.LongList dims = new ProtoReader.LongList();
        int dataType = 0;
        String name = "";
        int rawOffset = -1;
        int rawLength = -1;
        FloatList floatData = null;
        ProtoReader.LongList int32Data = null;
        ProtoReader.LongList int64Data = null;
        List<Double> doubleData = null;
        boolean external = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> r.readVarints(wire, dims);
                case 2 -> dataType = (int) r.readVarint();
                case 3 -> throw new OnnxFormatException("segmented tensors (TensorProto.segment) are not supported");
                case 4 -> {
                    floatData = floatData == null ? new FloatList() : floatData;
                    readFloats(r, wire, floatData);
                }
                case 5 -> {
                    int32Data = int32Data == null ? new ProtoReader.LongList() : int32Data;
                    r.readVarints(wire, int32Data);
                }
                case 7 -> {
                    int64Data = int64Data == null ? new ProtoReader.LongList() : int64Data;
                    r.readVarints(wire, int64Data);
                }
                case 8 -> name = r.readString();
                case 9 -> {
                    rawLength = r.readLength();
                    rawOffset = r.position();
                    r.skipBytes(rawLength);
                }
                case 10 -> {
                    doubleData = doubleData == null ? new ArrayList<>() : doubleData;
                    readDoubles(r, wire, doubleData);
                }
                case 14 -> external = r.readVarint() == 1;
                default -> r.skip(wire);
            }
        }
        return new OnnxTensor(name, OnnxDataType.of(dataType), dims.toArray(), r.buffer(), rawOffset, rawLength,
                floatData == null ? null : floatData.toArray(),
                int32Data == null ? null : int32Data.toArray(),
                int64Data == null ? null : int64Data.toArray(),
                doubleData == null ? null : doubleData.stream().mapToDouble(Double::doubleValue).toArray(),
                external);
    }

    private static OnnxValueInfo readValueInfo(ProtoReader r) {
        String name = "";
        int elemType = 0;
        List<String> dims = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (tag >>> 3) {
                case 1 -> name = r.readString();
                case 2 -> {
                    ProtoReader type = r.readMessage();
                    while (type.hasMore()) {
                        int tt = type.readTag();
                        if (tt >>> 3 != 1) { // only tensor types
                            type.skip(tt & 7);
                            continue;
                        }
                        ProtoReader tensor = type.readMessage();
                        while (tensor.hasMore()) {
                            int ft = tensor.readTag();
                            switch (ft >>> 3) {
                                case 1 -> elemType = (int) tensor.readVarint();
                                case 2 -> readShape(tensor.readMessage(), dims);
                                default -> tensor.skip(ft & 7);
                            }
                        }
                    }
                }
                default -> r.skip(tag & 7);
            }
        }
        return new OnnxValueInfo(name, elemType, List.copyOf(dims));
    }

    private static void readShape(ProtoReader shape, List<String> dims) {
        while (shape.hasMore()) {
            int t = shape.readTag();
            if (t >>> 3 != 1) {
                shape.skip(t & 7);
                continue;
            }
            ProtoReader dim = shape.readMessage();
            String value = "?";
            while (dim.hasMore()) {
                int dt = dim.readTag();
                switch (dt >>> 3) {
                    case 1 -> value = Long.toString(dim.readVarint());
                    case 2 -> value = dim.readString();
                    default -> dim.skip(dt & 7);
                }
            }
            dims.add(value);
        }
    }

    private static void readFloats(ProtoReader r, int wire, FloatList out) {
        if (wire == ProtoReader.LENGTH_DELIMITED) {
            int len = r.readLength();
            if (len % 4 != 0) {
                throw new OnnxFormatException("packed float field of " + len + " bytes at byte " + r.position());
            }
            float[] values = new float[len / 4];
            ByteBuffer.wrap(r.buffer(), r.position(), len).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            out.addAll(values);
            r.skipBytes(len);
        } else if (wire == ProtoReader.FIXED32) {
            out.add(Float.intBitsToFloat(r.readFixed32()));
        } else {
            throw new OnnxFormatException("expected a float field, got wire type " + wire + " at byte " + r.position());
        }
    }

    private static void readDoubles(ProtoReader r, int wire, List<Double> out) {
        if (wire == ProtoReader.LENGTH_DELIMITED) {
            ProtoReader packed = r.readMessage();
            while (packed.hasMore()) {
                out.add(Double.longBitsToDouble(packed.readFixed64()));
            }
        } else if (wire == ProtoReader.FIXED64) {
            out.add(Double.longBitsToDouble(r.readFixed64()));
        } else {
            throw new OnnxFormatException("expected a double field, got wire type " + wire + " at byte " + r.position());
        }
    }

    /** A growable {@code float[]}. */
    private static final class FloatList {
        private float[] values = new float[8];
        private int size;

        void add(float v) {
            ensure(size + 1);
            values[size++] = v;
        }

        void addAll(float[] v) {
            ensure(size + v.length);
            System.arraycopy(v, 0, values, size, v.length);
            size += v.length;
        }

        private void ensure(int capacity) {
            if (capacity > values.length) {
                values = Arrays.copyOf(values, Math.max(capacity, values.length * 2));
            }
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
