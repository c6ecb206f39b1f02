/**
 * A small Parquet writer: flat schemas of required or optional UTF-8 and double columns, one row
 * group, one PLAIN-encoded uncompressed data page (v1) per column, the footer in Thrift's compact
 * protocol. Enough for {@code items.parquet}, without Hadoop.
 */
package dev.plumbline.reports.parquet;
