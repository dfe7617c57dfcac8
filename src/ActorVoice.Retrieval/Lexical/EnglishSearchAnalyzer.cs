using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;

namespace ActorVoice.Retrieval.Lexical;

/// <summary>StandardTokenizer, possessive removal, lower case, <see cref="EnglishStopWords"/>, Porter stemming.</summary>
public sealed class EnglishSearchAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(LexicalFields.LuceneVersion, reader);
        TokenStream stream = new EnglishPossessiveFilter(LexicalFields.LuceneVersion, source);
        stream = new LowerCaseFilter(LexicalFields.LuceneVersion, stream);
        stream = new StopFilter(LexicalFields.LuceneVersion, stream, EnglishStopWords.Set);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
