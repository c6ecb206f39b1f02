/**
 * The results model: per-item values per engine and metric (the unit of truth), aggregates with
 * counts of undefined and failed items and seeded bootstrap intervals, provenance, and the
 * versioned {@code results.json} + {@code results.items.jsonl} format ({@link
 * dev.plumbline.reports.results.ResultsJson}). IR evaluations enter through {@link
 * dev.plumbline.reports.results.IrEngineRuns}.
 */
package dev.plumbline.reports.results;
