/**
 * Comparing two results documents: paired per-item differences with paired bootstrap intervals,
 * paired randomization tests and Holm–Bonferroni adjustment across metrics.
 */
package dev.plumbline.reports.compare;
