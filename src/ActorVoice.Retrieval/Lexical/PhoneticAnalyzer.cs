using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;

namespace ActorVoice.Retrieval.Lexical;

/// <summary>Like <see cref="EnglishSearchAnalyzer"/> but ends with sound codes instead of stems.</summary>
public sealed class PhoneticAnalyzer(PhoneticDictionary dictionary) : Analyzer
{
    public PhoneticDictionary Dictionary { get; } = dictionary;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(LexicalFields.LuceneVersion, reader);
        TokenStream stream = new EnglishPossessiveFilter(LexicalFields.LuceneVersion, source);
        stream = new LowerCaseFilter(LexicalFields.LuceneVersion, stream);
        stream = new StopFilter(LexicalFields.LuceneVersion, stream, EnglishStopWords.Set);
        stream = new PhoneticCodeFilter(stream, Dictionary);
        return new TokenStreamComponents(source, stream);
    }
}
