/**
 * Provenance: the run manifest in every results document (version and commit, JVM, OS, CPU and
 * ISA, threads, engine identities, model and dataset fingerprints, judge, seeds, times, command).
 */
package dev.plumbline.reports.provenance;
