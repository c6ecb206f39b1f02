/**
 * Training data for a trained hallucination detector, generated offline from raw text: FactCC's
 * recipe (Kryściński et al. 2020), in which a sentence of a passage is a supported claim about the
 * passage and a rule-based edit of it (an entity, number or pronoun swapped, a negation added or
 * removed, two names exchanged) an unsupported claim phrased in the passage's own words, which is
 * what the lexical and embedding judges cannot see.
 */
package dev.plumbline.metrics.rag.synth;
