/**
 * The self-contained HTML report: page assembly, inline SVG charts (Pareto, latency
 * distribution, per-metric bars with intervals) and escaping of every piece of text.
 */
package dev.plumbline.reports.html;
