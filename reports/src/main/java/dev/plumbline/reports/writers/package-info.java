/**
 * One {@link dev.plumbline.reports.ReportWriter} per format: json, csv, md, junit, allure,
 * allure-html, html. Registered in {@code META-INF/services/dev.plumbline.reports.ReportWriter}.
 */
package dev.plumbline.reports.writers;
