using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Util;

namespace ActorVoice.Retrieval.Lexical;

/// <summary>Field names of a chunk in the Lucene index and the analyzer that goes with each.</summary>
public static class LexicalFields
{
    public const LuceneVersion LuceneVersion = Lucene.Net.Util.LuceneVersion.LUCENE_48;

    /// <summary>Chunk id (stable across updates; keys the dense vectors).</summary>
    public const string ChunkId = "cid";

    /// <summary>Relative document path, not analysed: deletes a document's chunks on re-index.</summary>
    public const string Document = "doc";

    public const string ChunkIndex = "idx";
    public const string Heading = "heading";
    public const string Text = "text";

    /// <summary>Sound codes of heading and text; searched with a lower weight to tolerate recognition errors.</summary>
    public const string Phonetic = "phon";

    public const string StartOffset = "start";
    public const string EndOffset = "end";

    /// <summary>English stemming for text and headings; sound codes for <see cref="Phonetic"/>.</summary>
    public static Analyzer CreateIndexAnalyzer(PhoneticDictionary dictionary) =>
        new PerFieldAnalyzerWrapper(
            new EnglishSearchAnalyzer(),
            new Dictionary<string, Analyzer> { [Phonetic] = new PhoneticAnalyzer(dictionary) });
}
