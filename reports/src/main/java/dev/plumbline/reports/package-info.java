/**
 * Reports: the results model, one {@code ReportWriter} per format (json, csv, html, md, junit,
 * allure), compare and gate. See docs/ARCHITECTURE.md.
 */
package dev.plumbline.reports;
