/**
 * Regression gates: rules files ({@link dev.plumbline.reports.gate.GateRulesParser}), their
 * evaluation against a baseline and a current results document ({@link
 * dev.plumbline.reports.gate.Gate}) and the verdicts; the exit code (0 pass, 1 fail) is the contract.
 */
package dev.plumbline.reports.gate;
