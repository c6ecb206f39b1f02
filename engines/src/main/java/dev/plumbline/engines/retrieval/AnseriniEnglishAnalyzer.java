package dev.plumbline.engines.retrieval;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.StopwordAnalyzerBase;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysis of Anserini's {@code DefaultEnglishAnalyzer} with its defaults (Porter stemming,
 * Lucene's English stopwords), which its BEIR "flat" indexes and queries use: Unicode word
 * tokens ({@link StandardTokenizer}), {@code 's} removed while the case is still as written
 * ({@link EnglishPossessiveFilter}), lower-casing, then stopwords ({@link EnglishAnalyzer#ENGLISH_STOP_WORDS_SET},
 * 33 words, matched after lower-casing, so {@code The} is a stopword), then {@link PorterStemFilter}.
 * Lucene's own {@code EnglishAnalyzer} chains the same filters in the same order; this class pins
 * them, so a Lucene upgrade that changed {@code EnglishAnalyzer} could not move the reproduction.
 */
public final class AnseriniEnglishAnalyzer extends StopwordAnalyzerBase {
    /** The analyzer's name in provenance. */
    public static final String NAME = "anserini-english";

    /** Porter stemming, Lucene's English stopwords. */
    public AnseriniEnglishAnalyzer() {
        super(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    }

    /** With other stopwords ({@link CharArraySet#EMPTY_SET} keeps them all). */
    public AnseriniEnglishAnalyzer(CharArraySet stopwords) {
        super(stopwords);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, stopwords);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
