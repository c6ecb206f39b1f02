package dev.plumbline.reports.parquet;

import dev.plumbline.reports.Fixtures;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.writers.ParquetReportWriter;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.values.plain.BinaryPlainValuesReader;
import org.apache.parquet.column.values.plain.PlainValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads files of {@link ParquetTable} back with Apache Parquet's own code: the footer and page
 * headers through parquet-format's Thrift classes ({@link Util}), definition levels through its
 * RLE/bit-packing decoder, values through its PLAIN readers. Agreement with the reference
 * implementation, not with a reader written alongside the writer, is what makes the file one
 * other tools read.
 */
class ParquetTableTest {
    @Test
    void itemsOfResultsReadBackWithApacheParquet() throws IOException {
        Results r = Fixtures.withTexts();
        byte[] file = bytes(ParquetReportWriter.table(r));
        assertEquals("PAR1", new String(Arrays.copyOfRange(file, 0, 4), StandardCharsets.US_ASCII));
        assertEquals("PAR1", new String(Arrays.copyOfRange(file, file.length - 4, file.length), StandardCharsets.US_ASCII));
        int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(file, file.length - 8 - footerLength,
                footerLength));
        int rows = 0;
        for (EngineRun e : r.engines()) {
            rows += e.itemIds().size() * e.metrics().size();
        }
        assertEquals(rows, meta.getNum_rows());
        List<SchemaElement> schema = meta.getSchema();
        assertEquals(9, schema.size(), "root + 8 columns");
        assertEquals(8, schema.getFirst().getNum_children());
        assertEquals("value", schema.get(4).getName());
        assertEquals(Type.DOUBLE, schema.get(4).getType());
        assertEquals(FieldRepetitionType.OPTIONAL, schema.get(4).getRepetition_type());
        assertEquals(Type.BYTE_ARRAY, schema.get(1).getType());
        assertTrue(schema.get(1).getLogicalType().isSetSTRING(), "strings are annotated as UTF-8");
        assertEquals(1, meta.getRow_groups().size());

        List<String> engine = strings(file, meta, 0, false, rows);
        List<Double> value = doubles(file, meta, 3, rows);
        List<String> status = strings(file, meta, 4, false, rows);
        List<String> text = strings(file, meta, 6, true, rows);
        List<String> label = strings(file, meta, 7, true, rows);
        int row = 0;
        for (EngineRun e : r.engines()) {
            for (int i = 0; i < e.itemIds().size(); i++) {
                for (MetricValues m : e.metrics().values()) {
                    assertEquals(e.engine(), engine.get(row));
                    assertEquals(Double.isNaN(m.value(i)) ? null : m.value(i), value.get(row), "row " + row);
                    assertEquals(m.failed(i) ? "failed" : m.undefined(i) ? "undefined" : "ok", status.get(row));
                    row++;
                }
            }
        }
        assertTrue(text.contains("aspirin and statins " + Fixtures.SCRIPT_PAYLOAD), "texts kept byte for byte");
        assertTrue(label.contains("hallucinated") && label.contains(null), "labels, null where an item has none");
    }

    @Test
    void nullsInOptionalColumnsAndUnicode() throws IOException {
        ParquetTable t = new ParquetTable()
                .column("s", ParquetTable.Type.STRING, true, Arrays.asList("ä€😀", null, null, "", "x"))
                .column("d", ParquetTable.Type.DOUBLE, true, Arrays.asList(null, 1.5, -0.0, null, Double.MAX_VALUE));
        byte[] file = bytes(t);
        int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(file, file.length - 8 - footerLength,
                footerLength));
        assertEquals(Arrays.asList("ä€😀", null, null, "", "x"), strings(file, meta, 0, true, 5));
        assertEquals(Arrays.asList(null, 1.5, -0.0, null, Double.MAX_VALUE), doubles(file, meta, 1, 5));
    }

    @Test
    void refusesTextUtf8CannotEncode() {
        ParquetTable t = new ParquetTable().column("s", ParquetTable.Type.STRING, false, List.of("ok", "lone \ud800"));
        IOException e = assertThrows(IOException.class, () -> t.write(new ByteArrayOutputStream()));
        assertTrue(e.getMessage().startsWith("text with an unpaired surrogate"), e.getMessage());
    }

    @Test
    void refusesRaggedColumnsAndNullsInRequiredOnes() {
        ParquetTable t = new ParquetTable().column("a", ParquetTable.Type.STRING, false, List.of("x"));
        assertThrows(IllegalArgumentException.class, () -> t.column("b", ParquetTable.Type.DOUBLE, false, List.of(1.0, 2.0)));
        assertThrows(IllegalArgumentException.class, () -> new ParquetTable()
                .column("c", ParquetTable.Type.STRING, false, Arrays.asList("x", null)));
    }

    private static byte[] bytes(ParquetTable t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.write(out);
        return out.toByteArray();
    }

    /** The column's page: header checked, then the body after definition levels (null entries where level 0). */
    private record Page(ByteBuffer values, boolean[] defined) {
    }

    private static Page page(byte[] file, FileMetaData meta, int column, boolean optional, int rows) throws IOException {
        ColumnChunk chunk = meta.getRow_groups().getFirst().getColumns().get(column);
        ColumnMetaData cm = chunk.getMeta_data();
        assertEquals(CompressionCodec.UNCOMPRESSED, cm.getCodec());
        assertEquals(rows, cm.getNum_values());
        ByteArrayInputStream in = new ByteArrayInputStream(file, (int) cm.getData_page_offset(),
                file.length - (int) cm.getData_page_offset());
        int before = in.available();
        PageHeader header = Util.readPageHeader(in);
        int headerLength = before - in.available();
        assertEquals(PageType.DATA_PAGE, header.getType());
        assertEquals(rows, header.getData_page_header().getNum_values());
        byte[] body = in.readNBytes(header.getCompressed_page_size());
        assertEquals(header.getCompressed_page_size(), body.length);
        assertEquals(cm.getTotal_compressed_size(), headerLength + body.length, "chunk size = page header + body");
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        boolean[] defined = new boolean[rows];
        Arrays.fill(defined, true);
        if (optional) {
            int length = b.getInt();
            RunLengthBitPackingHybridDecoder levels = new RunLengthBitPackingHybridDecoder(1,
                    new ByteArrayInputStream(body, 4, length));
            for (int i = 0; i < rows; i++) {
                defined[i] = levels.readInt() == 1;
            }
            b.position(4 + length);
        }
        return new Page(b.slice().order(ByteOrder.LITTLE_ENDIAN), defined);
    }

    private static List<String> strings(byte[] file, FileMetaData meta, int column, boolean optional, int rows)
            throws IOException {
        Page p = page(file, meta, column, optional, rows);
        BinaryPlainValuesReader reader = new BinaryPlainValuesReader();
        reader.initFromPage(rows, ByteBufferInputStream.wrap(p.values()));
        List<String> out = new ArrayList<>();
        for (boolean d : p.defined()) {
            out.add(d ? reader.readBytes().toStringUsingUTF8() : null);
        }
        return out;
    }

    private static List<Double> doubles(byte[] file, FileMetaData meta, int column, int rows) throws IOException {
        Page p = page(file, meta, column, true, rows);
        PlainValuesReader.DoublePlainValuesReader reader = new PlainValuesReader.DoublePlainValuesReader();
        reader.initFromPage(rows, ByteBufferInputStream.wrap(p.values()));
        List<Double> out = new ArrayList<>();
        for (boolean d : p.defined()) {
            out.add(d ? reader.readDouble() : null);
        }
        return out;
    }
}
