/**
 * Statistics over per-item values: seeded bootstrap intervals, the paired randomization test,
 * Holm–Bonferroni adjustment and exact percentiles. Every computation takes an explicit seed, so
 * results, golden files and reproduced runs are identical across runs and JDKs.
 */
package dev.plumbline.reports.stats;
