/**
 * The judge as a hallucination detector, computed from the labels and detections in a judge
 * cell's evidence: AUROC, balanced accuracy, confusion per hallucination type, ROC curve, and the
 * order in which the drill-down shows samples.
 */
package dev.plumbline.reports.hallucination;
